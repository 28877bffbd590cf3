"""Small literal maps for tests: YAML text → checked graph, and a v2 graph built with networkx.

``graph(*texts)`` reads each text as one map file (``m0.yaml``, ``m1.yaml``, …), checks the
folder and builds its graph; ``codes(text)`` gives the diagnostic codes of one file.
"""

from __future__ import annotations

import textwrap

import networkx as nx

from argmap.graph import build
from argmap.loader import load_text
from argmap.model import Project
from argmap.validate import validate


def graph(*texts: str):
    """The graph of one or more maps written as YAML (``nodes:`` lists), checked clean."""
    maps = []
    for i, text in enumerate(texts):
        m, diags = load_text(textwrap.dedent(text), f"m{i}.yaml", f"m{i}")
        assert not [d for d in diags if d.is_error], diags
        maps.append(m)
    project = Project(tuple(maps))
    errors = [d for d in validate(project) if d.is_error]
    assert not errors, errors
    return build(project)


def codes(text: str) -> list[str]:
    """The sorted diagnostic codes (loader and validator) of one map written as YAML."""
    m, diags = load_text(textwrap.dedent(text), "f.yaml", "f")
    return sorted(d.code for d in diags + (validate(Project((m,))) if m else []))


#: ``b`` relates to ``a`` by ``{rel}``.
ATTACKED = """
nodes:
  - id: a
    text: A.
  - id: b
    text: B.
    {rel}: [a]
"""

#: Two questions by Ann, one answered by Bob.
QUESTION = """
nodes:
  - id: q
    kind: question
    text: Why?
    by: Ann
  - id: q2
    kind: question
    text: And how?
    by: Ann
  - id: because
    text: Because.
    by: Bob
    answers: [q]
"""

#: An argument with two linked premises supporting a conclusion.
PREMISES = """
nodes:
  - id: c
    text: Conclusion.
  - id: p1
    text: Premise one.
  - id: p2
    text: Premise two.
  - id: arg
    kind: argument
    text: From p1 and p2, c.
    premises: [p1, p2]
    supports: [c]
"""

#: ``c`` objects by ``{rel}`` to the attack ``b->a``.
ON_RELATION = """
nodes:
  - id: a
    text: A.
  - id: b
    text: B.
    attacks: [a]
  - id: c
    text: That does not bear on A.
    {rel}: [b->a]
"""


def v2_graph() -> nx.MultiDiGraph:
    """A graph with every v2 field on its nodes and edges, built directly as graph.build() lays it out."""
    G = nx.MultiDiGraph(maps={"m": {"title": "M", "sources": {"s": {"id": "s", "replies_to": None, "order": 2}}}})
    common = {"map": "m", "by": "Ann", "tags": ()}
    G.add_node("q", text="What?", kind="question", stance="own", holder="Ann", premises=(), **common)
    G.add_node("p1", text="P1 & <one>", kind="claim", title="Premise %% one", stance="own", holder="Ann", premises=(),
               weight=0.3, strength=0.25, status="IN", **common)
    G.add_node("p2", text="P2", kind="claim", stance="restates", held_by="Bob", holder="Bob", premises=(), weight=1,
               strength=0.5, status="OUT", **common)
    G.add_node("arg", text="So.", kind="argument", stance="steelman", holder=None, premises=("p1", "p2"),
               strength=0.75, status="UNDEC", **common)
    G.add_node("u", text="Weak link.", kind="claim", stance="own", holder="Ann", premises=(), strength=1.0, status="IN", **common)
    for p in ("p1", "p2"):
        G.add_edge(p, "arg", key="premise", kind="premise", inferred=False, note=None)
    G.add_edge("arg", "u", key="supports", kind="supports", inferred=False, note=None,
               attacked_by=({"by": "u", "kind": "undercuts", "inferred": True, "note": "mapper's reading"},))
    G.add_edge("p1", "q", key="answers", kind="answers", inferred=False, note=None)
    G.add_edge("p2", "p1", key="contradicts", kind="contradicts", inferred=True, note="implied")
    G.add_edge("u", "p2", key="concedes", kind="concedes", inferred=False, note=None)
    return G


#: An attack the mapper inferred, with a note.
INFERRED = "nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks:\n      - to: a\n        inferred: true\n        note: the mapper's reading\n"

#: A view Ann reports Carl holds, Ann's steelman of it, and Bob's reply.
STANCE = """
nodes:
  - id: view
    text: Others hold this.
    by: Ann
    held_by: Carl
    stance: reports
  - id: steel
    text: The best case for it.
    by: Ann
    stance: steelman
    supports: [view]
  - id: reply
    text: No.
    by: Bob
    attacks: [view]
"""


#: Objections to objections (argmap.address): c objects to b's support of a, d to c's objection, e to d's.
NESTED = """
nodes:
  - {id: a, text: A.}
  - {id: b, text: B., supports: [a]}
  - {id: c, text: C., attacks: [b->a]}
  - {id: d, text: D., undercuts: [c->b->a]}
  - {id: e, text: E., attacks: [d->c->b->a]}
"""
