"""The report ``argmap analyze`` prints about a view (a map, a focus, the folder).

The verdicts are computed once per folder by :func:`argmap.evaluation.evaluate`
(on the frameworks of :mod:`argmap.frameworks`, re-exported here for library
users); :func:`analyze` only selects and counts for the view: statuses with
reasons, strengths, unanswered objections, cruxes, per-holder tallies, who answers
whom, questions, concessions, inferred relations, steelmen and the critical questions of the
schemes arguments name (:mod:`argmap.schemes`), which no verdict depends on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .graph import relation_attacks as relation_attacks_of
from .schemes import critical_questions
from .spec import ANSWER_KINDS, CONCESSION_KINDS, RELATION_KINDS
from .frameworks import (  # noqa: F401  (the framework API, re-exported)
    GRADUAL, PREMISE, _CONFLICTS, afra_framework, closed_framework, dung_semantics,
    framework, gradual_strengths, is_gradual, statuses, strength_semantics, weights_of,
)

__all__ = [
    "framework", "afra_framework", "closed_framework", "statuses", "analyze", "weights_of",
    "Analysis", "GRADUAL", "is_gradual", "dung_semantics", "gradual_strengths", "strength_semantics",
]

#: what each person's row counts: nodes, verdicts, then each relation a node can start (spec's table)
_TALLY = ("nodes", "IN", "OUT", "UNDEC") + RELATION_KINDS
_NOBODY = "(nobody named)"


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
    inferred: bool = True
    #: under a gradual semantics: its name, a strength per node and what it came from
    gradual: str | None = None
    strength: dict[str, float] = field(default_factory=dict)
    strength_reasons: dict[str, dict] = field(default_factory=dict)
    converged: bool = True
    #: questions: (question, asker (holder), [(answer, its holder)])
    questions: list[tuple[str, str, list[tuple[str, str]]]] = field(default_factory=list)
    #: concessions: (holder, conceding node, conceded node, holder of the conceded node)
    concessions: list[tuple[str, str, str, str]] = field(default_factory=list)
    #: relations marked inferred: (source, kind, target), attacks on relations as kind "attacks"/"undercuts"
    inferred_relations: list[tuple[str, str, str]] = field(default_factory=list)
    #: steelmen: (node, writer, offered for)
    steelmen: list[tuple[str, str, str]] = field(default_factory=list)
    #: attacks on relations: (attacker, kind, relation SRC->TGT)
    relation_attacks: list[tuple[str, str, str]] = field(default_factory=list)
    #: weights decided which attacks defeat (preference-based framework)
    preferences: bool = False
    #: node -> attackers whose attack does not defeat it (they weigh less)
    challenged: dict[str, list[str]] = field(default_factory=dict)
    #: node -> its verdict in a sentence (:func:`argmap.evaluation.verdict`)
    verdicts: dict[str, str] = field(default_factory=dict)
    #: critical questions of the nodes that name a scheme: (node, scheme, question code, question,
    #: [(reply, relation kind)] that raise or settle it; empty: nobody has asked it)
    critical_questions: list[tuple[str, str, str, str, list[tuple[str, str]]]] = field(default_factory=list)

    @property
    def open_questions(self) -> list[tuple[str, str, str, str]]:
        """The critical questions nobody in the view has asked or answered: (node, scheme, code, question)."""
        return [(n, s, c, q) for n, s, c, q, by in self.critical_questions if not by]

    def to_dict(self) -> dict:
        out = {
            "semantics": self.semantics,
            "bipolar": self.bipolar,
            "inferred": self.inferred,
            "status": self.status,
            "reasons": self.reasons,
            "unanswered_objections": [{"objection": u, "target": v, "kind": k} for u, v, k in self.unanswered],
            "cruxes": [{"node": n, "flips": c} for n, c in self.cruxes],
            "authors": self.authors,
            "who_answers_whom": [{"from": a, "to": b, "kind": k, "count": c} for a, b, k, c in self.answers],
            "derived_attacks": self.derived,
            "questions": [
                {"question": q, "asked_by": who, "answers": [{"node": a, "by": b} for a, b in ans]}
                for q, who, ans in self.questions
            ],
            "concessions": [{"by": h, "node": n, "concedes": t, "to": th} for h, n, t, th in self.concessions],
            "inferred_relations": [{"from": u, "kind": k, "to": v} for u, k, v in self.inferred_relations],
            "steelmen": [{"node": n, "written_by": w, "offered_for": f} for n, w, f in self.steelmen],
            "attacks_on_relations": [{"by": a, "kind": k, "relation": r} for a, k, r in self.relation_attacks],
            "preferences": self.preferences,
            "challenged_by": self.challenged,
            "verdicts": self.verdicts,
            "critical_questions": [
                {"node": n, "scheme": sch, "question": c, "text": q, "raised_by": [{"node": b, "kind": k} for b, k in by]}
                for n, sch, c, q, by in self.critical_questions
            ],
        }
        if self.gradual:
            out["status_semantics"] = "grounded"
            out["gradual"] = {
                "semantics": self.gradual,
                "converged": self.converged,
                "strength": self.strength,
                "reasons": self.strength_reasons,
            }
        return out


def _holder(G, n) -> str:
    d = G.nodes[n]
    if d.get("stance") == "steelman":
        return "(steelman)"
    return d.get("holder") or d.get("held_by") or d.get("by") or _NOBODY


def _speaker(G, n) -> str:
    """Who made the relations a node starts: its writer (``by``), not the holder it reports."""
    d = G.nodes[n]
    if d.get("stance") == "steelman":
        return "(steelman)"
    return d.get("by") or d.get("holder") or d.get("held_by") or _NOBODY


def analyze(G: nx.MultiDiGraph, evaluation=None, cruxes: int = 5) -> Analysis:
    """The report about view ``G`` (a map, a focus, the folder): statuses with reasons, strengths,
    unanswered objections, cruxes, per-holder tallies, who answers whom, questions, concessions,
    inferred relations and steelmen.

    ``evaluation`` is the folder's :class:`argmap.evaluation.Evaluation` (or
    :class:`~argmap.settings.Settings` to evaluate ``G`` itself as the folder;
    default: the default settings).  Verdicts come from it; this only selects and counts.
    Relations marked ``inferred`` count in the tallies only when the evaluation counts them;
    "who answers whom" goes from the node's writer (``by``: a node that reports someone's
    view was still written by its author) to the holder of the target.
    """
    from .evaluation import Evaluation, evaluate

    ev = evaluation if isinstance(evaluation, Evaluation) else evaluate(G, evaluation)
    inferred = ev.inferred
    status = {n: ev.status[n] for n in G.nodes if n in ev.status}
    reasons = {n: list(ev.reasons.get(n, ())) for n in status}
    why = ev.built.why
    why = {(a, b): w for (a, b), w in why.items() if a in G and b in G}
    attacked = {t for t in ev.attackers}  # answered anywhere in the folder

    unanswered = [
        (u, v, k)
        for u, v, k, d in G.edges(keys=True, data=True)
        if k in _CONFLICTS and u not in attacked and u != v and not d.get("attacked_by")
        and G.nodes[u].get("kind") != "question" and (inferred or not d.get("inferred"))
    ]
    maps = {m for _, m in G.nodes(data="map") if m}
    own = [n for n, d in G.nodes(data=True) if not d.get("ghost")]
    crux_list = ev.cruxes(nodes=set(own), maps=maps, limit=cruxes) if cruxes else []

    strength = {n: ev.strength[n] for n in G.nodes if n in ev.strength}
    strength_reasons = {n: ev.strength_reasons[n] for n in strength if n in ev.strength_reasons}

    authors: dict[str, Counter] = {}
    steelmen = []
    for n in own:
        d = G.nodes[n]
        if d.get("stance") == "steelman":
            steelmen.append((n, d.get("by") or _NOBODY, d.get("held_by") or ""))
            continue
        c = authors.setdefault(_holder(G, n), Counter())
        c["nodes"] += 1
        if n in status:
            c[status[n]] += 1
    counted_edges = [(u, v, k) for u, v, k, d in G.edges(keys=True, data=True)
                     if k != PREMISE and (inferred or not d.get("inferred"))]
    for u, v, k in counted_edges:  # a relation is counted for whoever wrote it, not a holder it reports
        if G.nodes[u].get("ghost") or G.nodes[u].get("stance") == "steelman":
            continue
        authors.setdefault(_speaker(G, u), Counter())[k] += 1
    answers = Counter()
    for u, v, k in counted_edges:
        if "(steelman)" in (_speaker(G, u), _holder(G, v)):
            continue
        a, b = _speaker(G, u), _holder(G, v)
        if a != b:
            answers[(a, b, k)] += 1

    questions = []
    for n in own:
        if G.nodes[n].get("kind") == "question":
            got = sorted((u, _holder(G, u)) for u, _, k in G.in_edges(n, keys=True) if k in ANSWER_KINDS)
            questions.append((n, _holder(G, n), got))
    concessions = sorted(
        (_holder(G, u), u, v, _holder(G, v)) for u, v, k in G.edges(keys=True) if k in CONCESSION_KINDS and u in own
    )
    inferred_relations = sorted((u, k, v) for u, v, k, d in G.edges(keys=True, data=True) if d.get("inferred"))
    relation_attacks = []
    for target, o, _, _ in relation_attacks_of(G):  # at any depth: `d attacks c->a->b` (d objects to c's objection)
        relation_attacks.append((o["by"], o["kind"], target))
        if o.get("inferred"):
            inferred_relations.append((o["by"], o["kind"], target))
    inferred_relations.sort()
    relation_attacks.sort()

    critical = [(n, G.nodes[n]["scheme"], q.code, q.text, list(by))
                for n in sorted(own, key=lambda n: (G.nodes[n].get("file") or "", G.nodes[n].get("line") or 0, n))
                if G.nodes[n].get("scheme") for q, by in critical_questions(G, n)]
    derived = {f"{a} -> {b}": [kind, via] for (a, b), (kind, via) in sorted(why.items())}
    return Analysis(
        semantics=ev.semantics,
        bipolar=ev.bipolar,
        status=status,
        reasons=reasons,
        unanswered=unanswered,
        cruxes=crux_list,
        authors={a: {k: c.get(k, 0) for k in _TALLY} for a, c in sorted(authors.items())},
        answers=sorted(((a, b, k, c) for (a, b, k), c in answers.items()), key=lambda x: (-x[3], x[0], x[1], x[2])),
        derived=derived,
        inferred=inferred,
        gradual=ev.gradual,
        strength=strength,
        strength_reasons=strength_reasons,
        converged=ev.converged,
        questions=questions,
        concessions=concessions,
        inferred_relations=inferred_relations,
        steelmen=sorted(steelmen),
        relation_attacks=relation_attacks,
        preferences=ev.preferences,
        challenged={n: list(ev.challenged[n]) for n in status if n in ev.challenged},
        verdicts={n: _verdict_text(G, ev, n) for n in G.nodes if not G.nodes[n].get("ghost")},
        critical_questions=critical,
    )


def _verdict_text(G, ev, n) -> str:
    from .evaluation import verdict

    return verdict(G, ev, n)
