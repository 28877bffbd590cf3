"""What still stands in a map, and why: statuses, strengths, unanswered objections, cruxes, who answers whom.

One framework for the whole folder (docs/format-v2.md, "Evaluation"):

* its arguments are every node except questions (``kind: question`` is listed
  as answered or unanswered, never evaluated);
* its attacks are ``attacks`` and ``undercuts`` (an undercut attacks the
  argument node whose inference it denies), ``contradicts`` in both directions,
  and, for an argument with ``premises``, every attack on a premise also
  attacks the argument (it falls when a premise is OUT);
* an ``attacks``/``undercuts`` aimed at a relation ``SRC->TGT`` attacks that
  attack (AFRA: Baroni, Cerutti, Giacomin & Guida, IJAR 2011, see
  :mod:`argmap.afra`).  Every semantics runs through AFRA, which equals plain
  Dung when no relation is attacked (an objection to a ``contradicts`` hits both
  directions: it is one relation).  An objection to a ``supports`` relation
  changes no Dung status (support adds no attack unless ``--bipolar``, whose
  derived attacks ignore it) but weakens the support under a gradual semantics;
* ``concedes`` and ``answers`` add no attack; ``supports`` adds attacks only
  under the bipolar reading of Cayrol & Lagasquie-Schiex
  (:func:`argmap.semantics.derived_attacks`);
* relations marked ``inferred: true`` are left out when ``inferred`` is False
  (``analyze --no-inferred``).

Under grounded semantics a node's status is its grounded label.  Under complete,
preferred or stable semantics, which may have several extensions, a node is IN
when it belongs to every extension (sceptically accepted), OUT when every
extension holds an attacker of it, and UNDEC otherwise; a framework with no
stable extension leaves every node UNDEC.

Gradual semantics (``dfquad``, ``quadratic-energy``, :mod:`argmap.gradual`)
give every non-question node a strength in [0, 1] from its base score
(``weight``, default 0.5), its attackers (as above, premise attackers apart) and
supporters; a linked argument is capped by its weakest premise.  An attacked
relation is evaluated as an auxiliary argument of base score 0 that its source
supports, that its objections attack, and that carries the attack (or support)
to the target.  Under a gradual semantics ``status`` stays the grounded verdict.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from .afra import AFRA, labelling as afra_labelling, to_af
from .gradual import GRADUAL as _GRADUAL_REGISTRY
from .graph import ATTACK_KINDS, PREMISE
from .semantics import AF, Label, derived_attacks, explain, grounded, normalize_semantics

__all__ = [
    "framework", "afra_framework", "closed_framework", "statuses", "annotate", "annotate_settings", "analyze",
    "Analysis", "CRUX_LIMIT", "whole", "GRADUAL", "is_gradual", "dung_semantics", "gradual_strengths",
]

#: Maps larger than this skip the crux search (one grounded run per node).
CRUX_LIMIT = 3000
#: Gradual semantics: a strength per node besides the grounded status (the names gradual.GRADUAL declares).
GRADUAL = tuple(_GRADUAL_REGISTRY)
#: Relations evaluated as attacks (contradicts in both directions).
_CONFLICTS = ATTACK_KINDS + ("contradicts",)


def is_gradual(semantics: str) -> bool:
    from .gradual import GradualError, normalize_gradual

    try:
        normalize_gradual(semantics)
    except GradualError:
        return False
    return True


def dung_semantics(semantics: str) -> str:
    """The Dung semantics that decides statuses: grounded beside a gradual one."""
    return "grounded" if is_gradual(semantics) else normalize_semantics(semantics)


def _evaluated(G: nx.MultiDiGraph) -> list[str]:
    return [n for n, k in G.nodes(data="kind") if k != "question"]


def _edges(G: nx.MultiDiGraph, inferred: bool):
    """Evaluated edges: neither end a question, inferred ones only when asked for."""
    kind = G.nodes
    for u, v, k, d in G.edges(keys=True, data=True):
        if kind[u].get("kind") == "question" or kind[v].get("kind") == "question":
            continue
        if not inferred and d.get("inferred"):
            continue
        yield u, v, k, d


def _objections(d: dict, inferred: bool, args: set) -> list[dict]:
    return [a for a in d.get("attacked_by") or () if a["by"] in args and (inferred or not a.get("inferred"))]


@dataclass(frozen=True)
class _Built:
    afra: AFRA
    why: dict  # derived bipolar attacks (a, b) -> (kind, via)
    source: dict  # attack id -> the node that makes it
    attacked: bool  # some attack is itself attacked


def afra_framework(G: nx.MultiDiGraph, bipolar: str = "none", inferred: bool = True) -> _Built:
    """The folder's AFRA: node arguments, their attacks, and attacks on those attacks.

    Attack ids are ``SRC->TGT`` (``#kind`` added when a pair has two attacks;
    ``#premise-P`` for an attack inherited from premise ``P``; ``#supported`` /
    ``#secondary`` for bipolar derived attacks); an attack on an attack is
    named ``BY->SRC->TGT``.
    """
    args = _evaluated(G)
    argset = set(args)
    taken: set[str] = set()
    source: dict[str, str] = {}
    attacks: list[tuple[str, str, str]] = []

    def add(src: str, tgt: str, name: str) -> str:
        i, base = 1, name
        while name in taken:
            i += 1
            name = f"{base}#{i}"
        taken.add(name)
        source[name] = src
        attacks.append((name, src, tgt))
        return name

    made: dict[tuple[str, str, str], list[str]] = {}
    into: dict[str, list[str]] = {}  # node -> attack ids on it
    objected: list[tuple[tuple[str, str, str], list[dict]]] = []
    for u, v, k, d in _edges(G, inferred):
        if k not in _CONFLICTS:
            if k == "supports" and _objections(d, inferred, argset):
                objected.append(((u, v, k), _objections(d, inferred, argset)))
            continue
        pairs = [(u, v)] + ([(v, u)] if k == "contradicts" else [])
        ids = []
        for a, b in pairs:
            name = f"{a}->{b}"
            if name in taken:
                name = f"{a}->{b}#{k}"
            ids.append(add(a, b, name))
            into.setdefault(b, []).append(ids[-1])
        made[(u, v, k)] = ids
        obj = _objections(d, inferred, argset)
        if obj:
            objected.append(((u, v, k), obj))
    # an attack on a premise attacks the argument too (it inherits the objections to it)
    premise_of: dict[str, list[str]] = {}
    for p, a, k in G.edges(keys=True):
        if k == PREMISE and p in argset and a in argset:
            premise_of.setdefault(a, []).append(p)
    inherited: set[tuple[str, str, str]] = set()
    changed = bool(premise_of)
    while changed:  # premises of premises: until nothing new is inherited
        changed = False
        for a in args:
            for p in premise_of.get(a, ()):
                for att in list(into.get(p, ())):
                    src = source[att]
                    if src == a or (src, a, p) in inherited:
                        continue
                    inherited.add((src, a, p))
                    changed = True
                    name = add(src, a, f"{src}->{a}#premise-{p}")
                    into.setdefault(a, []).append(name)
                    for ids in made.values():
                        if att in ids:
                            ids.append(name)
    why: dict = {}
    if bipolar != "none":
        direct = sorted({(s, t) for _, s, t in attacks})
        supports = sorted({(u, v) for u, v, k, _ in _edges(G, inferred) if k == "supports"})
        _, why = derived_attacks(args, direct, supports, bipolar)
        for (a, b), (kind, _) in sorted(why.items()):
            add(a, b, f"{a}->{b}#{kind}")
    attacked = False
    for (u, v, k), obj in objected:
        for o in obj:
            for att in made.get((u, v, k), ()):  # supports edges make no attack to hit
                add(o["by"], att, f"{o['by']}->{att}")
                attacked = True
    return _Built(AFRA.build(args, attacks), why, source, attacked)


def framework(G: nx.MultiDiGraph, bipolar: str = "none", inferred: bool = True) -> tuple[AF, dict]:
    """The Dung framework of the graph and the bipolar derived attacks ``{(a, b): (kind, via)}``.

    When an attack is attacked this is AFRA's reified framework (attacks are
    arguments named ``SRC->TGT``; its node arguments get the AFRA labels);
    otherwise it is the plain attack graph between nodes, which gives the same labels.
    """
    built = afra_framework(G, bipolar, inferred)
    if built.attacked:
        return to_af(built.afra), built.why
    return AF(built.afra.arguments, frozenset((a.source, a.target) for a in built.afra.attacks)), built.why


def whole(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The folder's graph a view was selected from (the graph itself when it is not a view).

    :func:`argmap.pipeline.whole_graph` records it in ``G.graph["whole"]``; views
    made by :mod:`argmap.graph` copy the graph attributes, so they carry it along.
    """
    return G.graph.get("whole", G)


def closed_framework(G: nx.MultiDiGraph, nodes=None, bipolar: str = "none", inferred: bool = True) -> AF:
    """The framework that decides ``nodes``: them plus everything that attacks them, transitively.

    Computed on the whole folder's framework (derived attacks included; AFRA's
    reified framework when a relation is attacked, attack-arguments named
    ``SRC->TGT``), so under grounded, complete and preferred semantics every
    node of the result gets the status it has in the folder (directionality).
    ``nodes=None``: the whole framework.
    """
    built = afra_framework(whole(G), bipolar, inferred)
    plain = AF(built.afra.arguments, frozenset((a.source, a.target) for a in built.afra.attacks
                                               if a.target not in built.source))
    if nodes is None:
        return to_af(built.afra) if built.attacked else plain

    def closure(af: AF, start) -> AF:
        keep = {n for n in start if n in set(af.arguments)}
        todo = sorted(keep)
        while todo:
            n = todo.pop()
            for a in af.attackers(n):
                if a not in keep:
                    keep.add(a)
                    todo.append(a)
        return AF(tuple(a for a in af.arguments if a in keep), frozenset((a, b) for a, b in af.attacks if b in keep))

    small = closure(plain, nodes)
    inside = set(small.arguments)
    objected = {a.target for a in built.afra.attacks if a.target in built.source}
    if any(a.id in objected and a.target in inside for a in built.afra.attacks):
        # an attack that decides these nodes is itself attacked: AFRA's reified framework, closed
        # (the sources of the attacks it keeps come along, so every kept attack can be read)
        reified = to_af(built.afra)
        keep = set(closure(reified, nodes).arguments)
        keep |= {built.source[x] for x in keep if x in built.source}
        return closure(reified, keep)
    return small


def _node_labels(built: _Built, semantics: str) -> dict[str, str]:
    lab = afra_labelling(built.afra, dung_semantics(semantics))
    return {a: str(lab[a]) for a in built.afra.arguments}


def statuses(G: nx.MultiDiGraph, semantics: str = "grounded", bipolar: str = "none", inferred: bool = True) -> dict[str, str]:
    """``{node: "IN" | "OUT" | "UNDEC"}`` for every node of the graph but questions.

    Under a gradual semantics these are the grounded statuses.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("b", "a", key="attacks"); G.add_edge("c", "b", key="attacks")
    'attacks'
    'attacks'
    >>> statuses(G)
    {'b': 'OUT', 'a': 'IN', 'c': 'IN'}
    """
    return _node_labels(afra_framework(G, bipolar, inferred), semantics)


def gradual_strengths(G: nx.MultiDiGraph, semantics: str = "dfquad", inferred: bool = True):
    """``(Strengths, reasons)``: a strength for every non-question node, and what it came from.

    ``reasons[n]`` is ``{"base", "attackers", "supporters"}``; an attacked relation
    is listed as ``SRC->TGT`` with the objections to it.
    """
    from .gradual import DEFAULT_BASE, normalize_gradual, strengths

    args = _evaluated(G)
    argset = set(args)
    base = {n: (G.nodes[n].get("weight") if G.nodes[n].get("weight") is not None else DEFAULT_BASE) for n in args}
    attacks: set[tuple[str, str]] = set()
    supports: set[tuple[str, str]] = set()
    extra: list[str] = []
    via: dict[str, dict] = {}
    for u, v, k, d in _edges(G, inferred):
        if k not in _CONFLICTS + ("supports",):
            continue
        obj = _objections(d, inferred, argset)
        pairs = [(u, v)] + ([(v, u)] if k == "contradicts" else [])
        for a, b in pairs:
            if not obj:
                (supports if k == "supports" else attacks).add((a, b))
                continue
            r = f"{a}->{b}" if f"{a}->{b}" not in via else f"{a}->{b}#{k}"
            via[r] = {"from": a, "to": b, "kind": k, "objections": sorted(o["by"] for o in obj)}
            extra.append(r)
            base[r] = 0.0
            supports.add((a, r))
            (supports if k == "supports" else attacks).add((r, b))
            for o in obj:
                attacks.add((o["by"], r))
    premises = {}
    for p, a, k in G.edges(keys=True):
        if k == PREMISE and p in argset and a in argset:
            premises.setdefault(a, []).append(p)
    result = strengths(normalize_gradual(semantics), args + extra, sorted(attacks), sorted(supports), base,
                       premises={a: sorted(ps) for a, ps in premises.items()})
    reasons = {}
    for n in args:
        reasons[n] = {
            "base": base[n],
            "attackers": sorted(a for a, b in attacks if b == n),
            "supporters": sorted(a for a, b in supports if b == n),
            "premises": sorted(premises.get(n, ())),
        }
    values = {n: result.values[n] for n in args}
    return result, values, reasons, via


def annotate(G: nx.MultiDiGraph, semantics: str = "grounded", bipolar: str = "none", inferred: bool = True,
             strength: str | None = None) -> dict[str, str]:
    """Compute the statuses once on ``G`` (the whole folder) and store each in the node's ``status``;
    with ``strength`` (a gradual semantics), store each node's ``strength`` too.

    Views selected afterwards copy the attributes, so every view shows the folder's verdict.
    """
    result = statuses(G, semantics, bipolar, inferred)
    for n, label in result.items():
        G.nodes[n]["status"] = label
    if strength:
        _, values, _, _ = gradual_strengths(G, strength, inferred)
        for n, v in values.items():
            G.nodes[n]["strength"] = v
    G.graph["status_of"] = (dung_semantics(semantics), bipolar, inferred, strength)
    return result


def strength_semantics(settings) -> str | None:
    """The gradual semantics whose strengths the settings ask for, if any.

    ``--semantics dfquad|quadratic-energy`` names one; ``--color-by strength``
    without one uses DF-QuAD.
    """
    if is_gradual(settings.semantics):
        from .gradual import normalize_gradual

        return normalize_gradual(settings.semantics)
    if settings.color_by == "strength":
        return "dfquad"
    return None


def annotate_settings(G: nx.MultiDiGraph, settings) -> None:
    """Statuses (and strengths when asked for) computed once on ``G``'s whole folder, copied onto ``G``."""
    full = whole(G)
    inferred = getattr(settings, "inferred", True)
    strength = strength_semantics(settings)
    key = (dung_semantics(settings.semantics), settings.bipolar, inferred, strength)
    if full.graph.get("status_of") != key:
        annotate(full, settings.semantics, settings.bipolar, inferred, strength)
    if full is not G:
        for n in G.nodes:
            for attr in ("status", "strength"):
                if attr in full.nodes[n]:
                    G.nodes[n][attr] = full.nodes[n][attr]


_TALLY = ("nodes", "IN", "OUT", "UNDEC", "supports", "attacks", "undercuts", "contradicts", "concedes", "answers")
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


def _path(built: _Built, path) -> list[str]:
    """A walk in the reified framework told in nodes: each attack by the node that makes it."""
    out: list[str] = []
    for x in path:
        n = built.source.get(x, x)
        if not out or out[-1] != n:
            out.append(n)
    return out


def _crux_trial(built: _Built, n: str, falls: bool) -> dict:
    fw = built.afra
    if falls:  # an unanswerable attacker defeats it, and with it the attacks it makes
        trial = AFRA(fw.arguments + ("\0crux",), fw.attacks + (_attack("\0crux->" + n, "\0crux", n),))
    else:  # it stands: nothing attacks it any more
        gone = {n}
        kept = list(fw.attacks)
        while True:  # attacks on n go, and with them the attacks on those attacks
            drop = {a.id for a in kept if a.target in gone}
            if not drop:
                break
            gone = drop
            kept = [a for a in kept if a.id not in drop]
        trial = AFRA(fw.arguments, tuple(kept))
    return grounded(to_af(trial))


def _attack(i, s, t):
    from .afra import Attack

    return Attack(i, s, t)


def analyze(G: nx.MultiDiGraph, semantics: str = "grounded", bipolar: str = "none", cruxes: int = 5,
            inferred: bool = True) -> Analysis:
    """Statuses with reasons, strengths, unanswered objections, cruxes, per-holder tallies, who answers whom,
    questions, concessions, inferred relations and steelmen.

    When ``G`` is a view (a map, a focus...) of a folder's graph, statuses, strengths and
    reasons are computed on the whole folder's framework (see :func:`whole`) and
    the rest of the report is about the view's own nodes.  Under a gradual
    ``semantics`` the statuses are grounded and each node also gets a strength.
    """
    gradual = None
    if is_gradual(semantics):
        from .gradual import normalize_gradual

        gradual = normalize_gradual(semantics)
    sem = dung_semantics(semantics)
    full = whole(G)
    built = afra_framework(full, bipolar, inferred)
    af = to_af(built.afra)
    status_all = _node_labels(built, sem)
    lab_all = afra_labelling(built.afra, sem)
    reasons_all = {}
    if sem == "grounded":
        for n, r in explain(af, {x: Label(v) for x, v in lab_all.items()}).items():
            if n in status_all:
                reasons_all[n] = _path(built, r.path)
    else:
        for n, st in status_all.items():
            # defeated by an attacker in every extension: name the first such, in id order
            sure = [a for a in sorted(af.attackers(n)) if str(lab_all.get(a)) == "IN"] or sorted(af.attackers(n))
            reasons_all[n] = [built.source.get(sure[0], sure[0]), n] if st == "OUT" and sure else []
    status = {n: status_all[n] for n in G.nodes if n in status_all}
    reasons = {n: reasons_all.get(n, []) for n in status}
    attacked = {t for _, t in af.attacks if t in status_all}  # answered anywhere in the folder
    why = built.why
    if full is not G:  # a view: only its own derived attacks are reported
        why = {(a, b): w for (a, b), w in why.items() if a in G and b in G}

    unanswered = [
        (u, v, k)
        for u, v, k, d in G.edges(keys=True, data=True)
        if k in _CONFLICTS and u not in attacked and u != v and not d.get("attacked_by")
        and G.nodes[u].get("kind") != "question" and (inferred or not d.get("inferred"))
    ]

    crux_list: list[tuple[str, int]] = []
    if cruxes and G.number_of_nodes() <= CRUX_LIMIT:
        if built.attacked:  # trials on the AFRA: an attacker of n also defeats the attacks n makes
            base = grounded(af)
            trial = lambda n: _crux_trial(built, n, base[n] == Label.IN)  # noqa: E731
        else:  # nothing attacks an attack: plain Dung gives the same labels, faster
            plain = AF(built.afra.arguments, frozenset((a.source, a.target) for a in built.afra.attacks))
            base = grounded(plain)

            def trial(n):
                if base[n] == Label.IN:  # what if it fell? an unanswerable attacker defeats it
                    return grounded(AF(plain.arguments + ("\0crux",), plain.attacks | {("\0crux", n)}))
                return grounded(AF(plain.arguments, frozenset((a, b) for a, b in plain.attacks if b != n)))
        scores = []
        for n in built.afra.arguments:
            if n not in G or G.nodes[n].get("ghost"):
                continue
            after = trial(n)
            flips = sum(1 for a in built.afra.arguments if a != n and a in G and after[a] != base[a])
            if flips:
                scores.append((n, flips))
        scores.sort(key=lambda x: (-x[1], x[0]))
        crux_list = scores[:cruxes]

    strength: dict[str, float] = {}
    strength_reasons: dict[str, dict] = {}
    converged = True
    if gradual:
        result, values, sreasons, _ = gradual_strengths(full, gradual, inferred)
        converged = result.converged
        strength = {n: values[n] for n in G.nodes if n in values}
        strength_reasons = {n: sreasons[n] for n in strength}

    own = [n for n, d in G.nodes(data=True) if not d.get("ghost")]
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
    for u, v, k in G.edges(keys=True):
        if G.nodes[u].get("ghost") or k == PREMISE or G.nodes[u].get("stance") == "steelman":
            continue
        authors.setdefault(_holder(G, u), Counter())[k] += 1
    answers = Counter()
    for u, v, k in G.edges(keys=True):
        if k == PREMISE or "(steelman)" in (_holder(G, u), _holder(G, v)):
            continue
        a, b = _holder(G, u), _holder(G, v)
        if a != b:
            answers[(a, b, k)] += 1

    questions = []
    for n in own:
        if G.nodes[n].get("kind") == "question":
            got = sorted((u, _holder(G, u)) for u, _, k in G.in_edges(n, keys=True) if k == "answers")
            questions.append((n, _holder(G, n), got))
    concessions = sorted(
        (_holder(G, u), u, v, _holder(G, v)) for u, v, k in G.edges(keys=True) if k == "concedes" and u in own
    )
    inferred_relations = sorted((u, k, v) for u, v, k, d in G.edges(keys=True, data=True) if d.get("inferred"))
    relation_attacks = []
    for u, v, k, d in G.edges(keys=True, data=True):
        for o in d.get("attacked_by") or ():
            relation_attacks.append((o["by"], o["kind"], f"{u}->{v}"))
            if o.get("inferred"):
                inferred_relations.append((o["by"], o["kind"], f"{u}->{v}"))
    inferred_relations.sort()
    relation_attacks.sort()

    derived = {f"{a} -> {b}": [kind, via] for (a, b), (kind, via) in sorted(why.items())}
    return Analysis(
        semantics=sem,
        bipolar=bipolar,
        status=status,
        reasons=reasons,
        unanswered=unanswered,
        cruxes=crux_list,
        authors={a: {k: c.get(k, 0) for k in _TALLY} for a, c in sorted(authors.items())},
        answers=sorted(((a, b, k, c) for (a, b, k), c in answers.items()), key=lambda x: (-x[3], x[0], x[1], x[2])),
        derived=derived,
        inferred=inferred,
        gradual=gradual,
        strength=strength,
        strength_reasons=strength_reasons,
        converged=converged,
        questions=questions,
        concessions=concessions,
        inferred_relations=inferred_relations,
        steelmen=sorted(steelmen),
        relation_attacks=relation_attacks,
    )
