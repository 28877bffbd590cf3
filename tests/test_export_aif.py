"""AIF-JSON export: seed maps survive export → import; the JSON has AIFdb's shape."""

from __future__ import annotations

import json

import pytest
from importhelp import ROOT
from test_export_argdown import _graph, round_trip

import argmap
from argmap.export import FORMATS, export
from argmap.graph import build
from argmap.importers import aif as reader
from argmap.importers._common import IdMaker

SEEDS = sorted(p.stem for p in (ROOT / "arguments").glob("*.yaml"))


def test_registered():
    assert FORMATS["aif"].target == "aif"


@pytest.mark.parametrize("name", SEEDS)
def test_seed_map_survives_an_aif_round_trip(name, tmp_path):
    round_trip(name, tmp_path, "aif")


def test_shape_is_aifdb_json():
    data = json.loads(export(_graph(), "aif"))
    assert set(data) == {"nodes", "edges", "locutions", "argmap"}
    types = {n["nodeID"]: n["type"] for n in data["nodes"]}
    assert sorted(t for t in types.values() if t == "I") == ["I"] * 9  # six nodes and three further wordings
    ra = [n for n in data["nodes"] if n["type"] == "RA"]
    assert len(ra) == 1  # the linked argument: one inference with two premises
    into_ra = [e["fromID"] for e in data["edges"] if e["toID"] == ra[0]["nodeID"]]
    assert sorted(types[x] for x in into_ra) == ["CA", "CA", "I", "I"]  # two premises, the undercut, the relevance attack
    undercut = next(n for n in data["nodes"] if (n.get("argmap") or {}).get("relation") == "undercuts")
    target = next(e["toID"] for e in data["edges"] if e["fromID"] == undercut["nodeID"])
    assert target == ra[0]["nodeID"]  # AIF's undercut: a CA aimed at the RA
    assert all(set(e) == {"edgeID", "fromID", "toID", "formEdgeID"} for e in data["edges"])
    ids = [n["nodeID"] for n in data["nodes"]] + [e["edgeID"] for e in data["edges"]]
    assert len(ids) == len(set(ids))


def test_v2_fields_survive():
    m = reader.read(export(_graph(), "aif"), "m.aif.json", IdMaker())
    nodes = {n.id: n for n in m.nodes}
    assert list(nodes) == ["p1", "p2", "c", "arg", "x", "y"]
    assert (nodes["x"].held_by, nodes["x"].stance, nodes["x"].weight) == ("B", "reports", 0.25)
    assert [(r.kind, r.target, r.note) for r in nodes["y"].rels] == [("attacks", "arg->c", "relevance")]
    assert [(r.inferred, r.note) for r in nodes["arg"].rels] == [(True, "the mapper's link")]
    assert m.sources["s1"]["replies_to"] == "parent" and m.sources["s1"]["order"] == 2
    assert nodes["arg"].premises == ["p1", "p2"] and nodes["arg"].title == "Linked"
    assert [(r.kind, r.target) for r in nodes["arg"].rels] == [("supports", "c")]
    assert sorted((r.kind, r.target) for r in nodes["x"].rels) == [("concedes", "p2"), ("contradicts", "c"), ("undercuts", "arg")]
    assert nodes["p1"].by == "A" and nodes["p1"].text.startswith('Says "a"')
    assert m.warnings == []


def test_export_is_deterministic():
    G = build(argmap.load(ROOT / "arguments"))
    assert export(G, "aif") == export(build(argmap.load(ROOT / "arguments")), "aif")


def test_a_question_is_asked_and_its_answer_rephrases_it_as_iat_does():
    """IAT (the US2016 corpus): a question's locution is anchored by "Pure Questioning", and an answer
    is a Default Rephrase (MA) of the question's content; every other node is asserted."""
    from argmap.loader import load_text
    from argmap.model import Project

    m, _ = load_text("nodes:\n  - id: q\n    kind: question\n    text: Will it be fast?\n    by: Ann\n"
                     "  - id: a\n    text: Yes, soon.\n    by: Bob\n    answers: [q]\n", "m.yaml", "m")
    data = json.loads(export(build(Project((m,))), "aif"))
    nodes = {n["nodeID"]: n for n in data["nodes"]}
    into = {}
    for e in data["edges"]:
        into.setdefault(e["toID"], []).append(e["fromID"])
    said = {nodes[i]["argmap"]["id"]: [nodes[y].get("scheme") for y in into.get(i, ()) if nodes[y]["type"] == "YA"]
            for i, n in nodes.items() if n["type"] == "I"}
    assert said == {"q": ["PureQuestioning"], "a": ["Asserting"]}
    ma = [n for n in data["nodes"] if n["type"] == "MA"]
    assert len(ma) == 1 and ma[0]["scheme"] == "Default Rephrase" and ma[0]["argmap"]["relation"] == "answers"


def test_wordings_survive_an_aif_round_trip(tmp_path):
    """Each further wording is an I-node rephrasing the claim (MA), asserted by whoever worded it."""
    text = round_trip("parking", tmp_path, "aif", ROOT / "tests" / "data" / "wordings")
    data = json.loads(text)
    inodes = [n for n in data["nodes"] if n["type"] == "I"]
    assert len(inodes) == 5  # three claims, two of them wordings of one
    rephrase = [n for n in data["nodes"] if n["type"] == "MA"]
    assert [(n["scheme"], n["argmap"]) for n in rephrase] == [("Default Rephrase", {"wording_of": "free-parking-costs"})] * 2
    assert [loc["personID"] for loc in data["locutions"]].count("Luis Rivera") == 2  # his claim and his wording


def test_a_wording_is_told_apart_from_a_concession_and_an_answer():
    """argmap writes concessions and answers as MAs too (naming the relation): they stay relations, not wordings."""
    G = _graph()
    G.add_node("q", text="Is it so?", kind="question", map="m", tags=(), by="A")
    G.add_edge("y", "q", key="answers", kind="answers")
    m = reader.read(export(G, "aif"), "m.aif.json", IdMaker())
    nodes = {n.id: n for n in m.nodes}
    assert list(nodes) == ["p1", "p2", "c", "arg", "x", "y", "q"]
    assert ("concedes", "p2") in [(r.kind, r.target) for r in nodes["x"].rels]
    assert ("answers", "q") in [(r.kind, r.target) for r in nodes["y"].rels]
    assert nodes["c"].wordings == [{"text": "The conclusion, again [said] {otherwise}.", "by": "B", "source": "parent", "quote": "again"},
                                   {"text": "Conclusion.", "source": "s1", "quote": "same words, other place"}]
    assert nodes["arg"].wordings == [{"text": "The two, joined."}] and nodes["x"].wordings == nodes["p2"].wordings == []
    assert m.warnings == []


#: Objections to objections (argmap.address), one of them needing `relation:` at an inner level:
#: b both supports and attacks a, so c's two objections are told apart by the kind of b's link
NESTED = """\
map: nested
nodes:
  - id: a
    text: A.
  - id: b
    text: B.
    supports: [a]
    attacks: [a]
  - id: c
    text: C.
    attacks:
      - to: b->a
        relation: supports
      - to: b->a
        relation: attacks
  - id: d
    text: D.
    undercuts:
      - to: c->b->a
        relation: [attacks, supports]
  - id: e
    text: E.
    attacks: [d->c->b->a]
"""


@pytest.mark.parametrize("fmt", ["aif", "argdown"])
def test_objections_to_objections_survive_a_round_trip(fmt, tmp_path):
    """AIF: a CA whose target is a CA (at depth 3 here); Argdown: argmap's relation data. Same relations, same verdicts."""
    from argmap.evaluation import evaluate
    from argmap.importers import import_to
    from argmap.settings import Settings

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "nested.yaml").write_text(NESTED, encoding="utf-8")
    before = argmap.load(tmp_path / "in")
    text = export(build(before), fmt)
    (tmp_path / f"nested.{fmt}").write_text(text, encoding="utf-8")
    written, warnings = import_to([tmp_path / f"nested.{fmt}"], tmp_path / "out" / "nested.yaml")
    assert [str(w) for w in warnings] == []
    after = argmap.load(tmp_path / "out")

    def relations(project):
        return sorted((r.source, r.kind, r.target, r.target_relation if isinstance(r.target_relation, tuple)
                       else (r.target_relation,) if r.target_relation else ()) for r in project.relations())

    deep = [r for r in relations(after) if r[2].count("->") >= 2]
    assert deep == [("d", "undercuts", "c->b->a", ("attacks", "supports")), ("e", "attacks", "d->c->b->a", ())]
    # each `relation:` kept (c's at depth 1, d's at depth 2: there the address names several relations)
    assert relations(after) == relations(before)
    if fmt == "aif":  # e's CA is aimed at d's CA, aimed at c's CA, aimed at the RA of b's support
        data = json.loads(text)
        types = {n["nodeID"]: n["type"] for n in data["nodes"]}
        target = {e["fromID"]: e["toID"] for e in data["edges"] if types[e["fromID"]] == "CA"}
        e_ca = next(n["nodeID"] for n in data["nodes"] if (n.get("argmap") or {}).get("from") == "e")
        assert [types[x] for x in (target[e_ca], target[target[e_ca]], target[target[target[e_ca]]])] == ["CA", "CA", "RA"]
    statuses = [evaluate(build(p), Settings()).status for p in (before, after)]
    assert statuses[0] == statuses[1]
