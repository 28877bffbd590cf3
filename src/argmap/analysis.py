"""What still stands in a map, and why: statuses, unanswered objections, cruxes, who answers whom.

The map's ``attacks`` and ``undercuts`` form a Dung framework (an undercut attacks
the argument node whose inference it denies).  ``supports`` is drawn, tallied,
and, when asked, turned into attacks by the bipolar reading of Cayrol &
Lagasquie-Schiex (see :func:`argmap.semantics.derived_attacks`).

Under grounded semantics a node's status is its grounded label.  Under complete,
preferred or stable semantics, which may have several extensions, a node is IN
when it belongs to every extension (sceptically accepted), OUT when every
extension holds an attacker of it, and UNDEC otherwise; a framework with no
stable extension leaves every node UNDEC.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .graph import ATTACK_KINDS
from .semantics import AF, Label, derived_attacks, explain, grounded, normalize_semantics
from .semantics import statuses as sceptical_statuses

__all__ = ["framework", "closed_framework", "statuses", "annotate", "analyze", "Analysis", "CRUX_LIMIT", "whole"]

#: Maps larger than this skip the crux search (one grounded run per node).
CRUX_LIMIT = 3000


def framework(G: nx.MultiDiGraph, bipolar: str = "none") -> tuple[AF, dict]:
    """The Dung framework of the graph, with derived attacks if ``bipolar`` asks for them."""
    attacks = {(u, v) for u, v, k in G.edges(keys=True) if k in ATTACK_KINDS and u != v}
    supports = {(u, v) for u, v, k in G.edges(keys=True) if k == "supports" and u != v}
    return derived_attacks(list(G.nodes), sorted(attacks), sorted(supports), bipolar)


def whole(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The folder's graph a view was selected from (the graph itself when it is not a view).

    :func:`argmap.pipeline.whole_graph` records it in ``G.graph["whole"]``; views
    made by :mod:`argmap.graph` copy the graph attributes, so they carry it along.
    """
    return G.graph.get("whole", G)


def closed_framework(G: nx.MultiDiGraph, nodes=None, bipolar: str = "none") -> AF:
    """The framework that decides ``nodes``: them plus everything that attacks them, transitively.

    Computed on the whole folder's framework (derived attacks included), so under
    grounded, complete and preferred semantics every node of the result gets the
    status it has in the folder (directionality).  ``nodes=None``: the whole framework.
    """
    af, _ = framework(whole(G), bipolar)
    if nodes is None:
        return af
    keep = {n for n in nodes if n in set(af.arguments)}
    todo = sorted(keep)
    while todo:
        n = todo.pop()
        for a in af.attackers(n):
            if a not in keep:
                keep.add(a)
                todo.append(a)
    return AF(tuple(a for a in af.arguments if a in keep), frozenset((a, b) for a, b in af.attacks if b in keep))


def _labels(af: AF, semantics: str) -> dict[str, str]:
    return {a: str(label) for a, label in sceptical_statuses(af, semantics).items()}


def statuses(G: nx.MultiDiGraph, semantics: str = "grounded", bipolar: str = "none") -> dict[str, str]:
    """``{node: "IN" | "OUT" | "UNDEC"}`` for every node of the graph.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("b", "a", key="attacks"); G.add_edge("c", "b", key="attacks")
    'attacks'
    'attacks'
    >>> statuses(G)
    {'b': 'OUT', 'a': 'IN', 'c': 'IN'}
    """
    af, _ = framework(G, bipolar)
    return _labels(af, semantics)


def annotate(G: nx.MultiDiGraph, semantics: str = "grounded", bipolar: str = "none") -> dict[str, str]:
    """Compute the statuses once on ``G`` (the whole folder) and store each in the node's ``status``.

    Views selected afterwards copy the attribute, so every view shows the folder's verdict.
    """
    result = statuses(G, semantics, bipolar)
    for n, label in result.items():
        G.nodes[n]["status"] = label
    G.graph["status_of"] = (normalize_semantics(semantics), bipolar)
    return result


@dataclass
class Analysis:
    """Everything ``argmap analyze`` reports, as plain data (see :meth:`to_dict`)."""

    semantics: str
    bipolar: str
    status: dict[str, str]
    reasons: dict[str, list[str]]
    unanswered: list[tuple[str, str, str]]
    cruxes: list[tuple[str, int]]
    authors: dict[str, dict[str, int]]
    answers: list[tuple[str, str, str, int]]
    derived: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "semantics": self.semantics,
            "bipolar": self.bipolar,
            "status": self.status,
            "reasons": self.reasons,
            "unanswered_objections": [{"objection": u, "target": v, "kind": k} for u, v, k in self.unanswered],
            "cruxes": [{"node": n, "flips": c} for n, c in self.cruxes],
            "authors": self.authors,
            "who_answers_whom": [{"from": a, "to": b, "kind": k, "count": c} for a, b, k, c in self.answers],
            "derived_attacks": self.derived,
        }


def analyze(G: nx.MultiDiGraph, semantics: str = "grounded", bipolar: str = "none", cruxes: int = 5) -> Analysis:
    """Statuses with reasons, unanswered objections, cruxes, per-author tallies, who answers whom.

    When ``G`` is a view (a map, a focus...) of a folder's graph, statuses and
    reasons are computed on the whole folder's framework (see :func:`whole`) and
    the rest of the report is about the view's own nodes.
    """
    sem = normalize_semantics(semantics)
    full = whole(G)
    af, why = framework(full, bipolar)
    status_all = _labels(af, sem)
    grounded_labels = grounded(af) if sem == "grounded" else {a: Label(s) for a, s in status_all.items()}
    reasons_all = {}
    if sem == "grounded":
        for n, r in explain(af, grounded_labels).items():
            reasons_all[n] = list(r.path)
    else:
        for n, s in status_all.items():
            # defeated by an attacker in every extension: name the first such, in id order
            sure = [a for a in sorted(af.attackers(n)) if status_all.get(a) == "IN"] or sorted(af.attackers(n))
            reasons_all[n] = [sure[0], n] if s == "OUT" and sure else []
    status = {n: status_all[n] for n in G.nodes if n in status_all}
    reasons = {n: reasons_all.get(n, []) for n in status}
    attacked = {v for _, v in af.attacks}  # answered anywhere in the folder
    if full is not G:  # a view: only its own framework's attacks and derived attacks are reported
        why = {(a, b): w for (a, b), w in why.items() if a in G and b in G}
        af = AF(tuple(n for n in af.arguments if n in G), frozenset((a, b) for a, b in af.attacks if a in G and b in G))

    unanswered = [
        (u, v, k)
        for u, v, k in G.edges(keys=True)
        if k in ATTACK_KINDS and u not in attacked and u != v
    ]

    crux_list: list[tuple[str, int]] = []
    if cruxes and G.number_of_nodes() <= CRUX_LIMIT:
        if full is not G:  # cruxes of a view: what flips within the nodes that decide it
            af = closed_framework(full, list(G.nodes), bipolar)
        base = grounded(af)
        scores = []
        for n in af.arguments:
            if n not in G:
                continue
            if base[n] == Label.IN:  # what if it fell? an unanswerable attacker defeats it
                trial = AF(af.arguments + ("\0crux",), af.attacks | {("\0crux", n)})
            else:  # what if it stood? nothing attacks it any more
                trial = AF(af.arguments, frozenset((a, b) for a, b in af.attacks if b != n))
            after = grounded(trial)
            flips = sum(1 for a in af.arguments if a != n and a in G and after[a] != base[a])
            if flips:
                scores.append((n, flips))
        scores.sort(key=lambda x: (-x[1], x[0]))
        crux_list = scores[:cruxes]

    authors: dict[str, Counter] = {}
    for n, d in G.nodes(data=True):
        if d.get("ghost"):
            continue
        who = d.get("by") or "(nobody named)"
        c = authors.setdefault(who, Counter())
        c["nodes"] += 1
        c[status[n]] += 1
    for u, v, k in G.edges(keys=True):
        if G.nodes[u].get("ghost"):
            continue
        who = G.nodes[u].get("by") or "(nobody named)"
        authors.setdefault(who, Counter())[k] += 1
    answers = Counter()
    for u, v, k in G.edges(keys=True):
        a, b = G.nodes[u].get("by") or "(nobody named)", G.nodes[v].get("by") or "(nobody named)"
        if a != b:
            answers[(a, b, k)] += 1
    derived = {f"{a} -> {b}": [kind, via] for (a, b), (kind, via) in sorted(why.items())}
    return Analysis(
        semantics=sem,
        bipolar=bipolar,
        status=status,
        reasons=reasons,
        unanswered=unanswered,
        cruxes=crux_list,
        authors={a: {k: c.get(k, 0) for k in ("nodes", "IN", "OUT", "UNDEC", "supports", "attacks", "undercuts")} for a, c in sorted(authors.items())},
        answers=sorted(((a, b, k, c) for (a, b, k), c in answers.items()), key=lambda x: (-x[3], x[0], x[1], x[2])),
        derived=derived,
    )
