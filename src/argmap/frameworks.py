"""The frameworks a folder is evaluated on: its graph as an AFRA / Dung framework, and gradual strengths.

:func:`argmap.evaluation.evaluate` computes the verdicts from them, once per
folder; :mod:`argmap.analysis` reports on a view.

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
  (the default of :class:`~argmap.settings.Settings`; ``--with-inferred`` counts them);
* with preferences (the default evaluation), an attack on a node of greater
  ``weight`` is no defeat and is left out (:func:`afra_framework`).

Under grounded semantics a node's status is its grounded label.  Under complete,
preferred or stable semantics, which may have several extensions, a node is IN
when it belongs to every extension (sceptically accepted), OUT when every
extension holds an attacker of it, and UNDEC otherwise; a framework with no
stable extension leaves every node UNDEC.

Gradual semantics (``dfquad``, ``quadratic-energy``, :mod:`argmap.gradual`)
give every non-question node a strength in [0, 1] from its base score
(``weight``, default 0.5), its attackers (as above, premise attackers apart) and
supporters (``concedes`` counts as support: a concession is agreement); a linked
argument is capped by its weakest premise.  An attacked
relation is evaluated as an auxiliary argument of base score 0 that its source
supports, that its objections attack, and that carries the attack (or support)
to the target.  Under a gradual semantics ``status`` stays the grounded verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from .afra import AFRA, labelling as afra_labelling, to_af
from .gradual import GRADUAL as _GRADUAL_REGISTRY
from .spec import ATTACK_KINDS, PREMISE, RELATIONS, SUPPORT_KINDS
from .semantics import AF, derived_attacks, normalize_semantics

__all__ = [
    "framework", "afra_framework", "closed_framework", "statuses", "weights_of",
    "GRADUAL", "is_gradual", "dung_semantics", "gradual_strengths", "strength_semantics",
]

#: Gradual semantics: a strength per node besides the grounded status (the names gradual.GRADUAL declares).
GRADUAL = tuple(_GRADUAL_REGISTRY)
#: Relations evaluated as attacks (a symmetric one, like contradicts, in both directions): spec's table says which.
_CONFLICTS = ATTACK_KINDS


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
    #: attacks that do not defeat (their target weighs more): (attacker, target, kind), in graph order
    challenged: tuple = ()


def weights_of(G: nx.MultiDiGraph) -> dict[str, float]:
    """Each node's preference: its ``weight``, else 0.5 (the default base score)."""
    from .gradual import DEFAULT_BASE

    return {n: (w if w is not None else DEFAULT_BASE) for n, w in G.nodes(data="weight")}


def defeats(weights: dict[str, float] | None, a: str, b: str) -> bool:
    """Whether an attack by ``a`` defeats ``b``: always without ``weights``, else unless ``b``
    weighs strictly more (Amgoud & Cayrol 2002; the one rule the framework and the drawings use)."""
    return weights is None or not weights.get(b, 0.5) > weights.get(a, 0.5)


def weaker_attacks(G: nx.MultiDiGraph, inferred: bool = False, preferences: bool = True) -> set[tuple[str, str]]:
    """The node-to-node attacks ``(a, b)`` of ``G`` that do not defeat (``b`` weighs more): the pairs
    :func:`afra_framework` lists in ``challenged``, found in one pass without building the framework,
    for drawings that show no verdict (the author colouring) but still mark a weaker attack."""
    if not preferences:
        return set()
    weights = weights_of(G)
    out = set()
    for u, v, k, _ in _edges(G, inferred):
        if k in _CONFLICTS:
            for a, b in [(u, v)] + ([(v, u)] if RELATIONS[k].symmetric else []):
                if not defeats(weights, a, b):
                    out.add((a, b))
    return out


def afra_framework(G: nx.MultiDiGraph, bipolar: str = "none", inferred: bool = True,
                   weights: dict[str, float] | None = None) -> _Built:
    """The folder's AFRA: node arguments, their attacks, and attacks on those attacks.

    Attack ids are ``SRC->TGT`` (``#kind`` added when a pair has two attacks;
    ``#premise-P`` for an attack inherited from premise ``P``; ``#supported`` /
    ``#secondary`` for bipolar derived attacks); an attack on an attack is
    named ``BY->SRC->TGT``, an attack on that ``BY2->BY->SRC->TGT``, and so on
    (AFRA's attacks on attacks on attacks, as deep as the map writes them).

    With ``weights`` (a preference per node) the framework is the *defeat*
    framework of a preference-based argumentation framework (Amgoud & Cayrol
    2002): an attack ``(a, b)`` is kept (it defeats) unless ``b`` weighs
    strictly more than ``a``; the attacks dropped are listed in ``challenged``.
    How the preference applies beyond node-to-node attacks:

    * an undercut compares the undercutter with the argument node it undercuts;
      a ``contradicts`` is checked in each direction (the heavier side defeats
      the lighter; equal weights defeat each other);
    * an objection ``X`` to a relation ``S->T`` defeats that attack unless
      ``S`` weighs more than ``X`` (an attack is as strong as the node making it);
      the same at every depth (``Y`` against ``X->S->T`` compares ``Y`` with ``X``);
    * an attack on a premise carries over to the argument only when it defeats
      the premise (no second comparison with the argument);
    * bipolar derived attacks are derived from the defeats and then compared
      like any other attack.
    """
    args = _evaluated(G)
    argset = set(args)
    taken: set[str] = set()
    source: dict[str, str] = {}
    attacks: list[tuple[str, str, str]] = []
    challenged: list[tuple[str, str, str]] = []

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
            if k in SUPPORT_KINDS and _objections(d, inferred, argset):
                objected.append(((u, v, k), _objections(d, inferred, argset)))
            continue
        pairs = [(u, v)] + ([(v, u)] if RELATIONS[k].symmetric else [])
        ids = []
        for a, b in pairs:
            if not defeats(weights, a, b):
                challenged.append((a, b, k))
                continue
            name = f"{a}->{b}"
            if name in taken:
                name = f"{a}->{b}#{k}"
            ids.append(add(a, b, name))
            into.setdefault(b, []).append(ids[-1])
        made[(u, v, k)] = ids
        obj = _objections(d, inferred, argset)
        if obj and ids:
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
        supports = sorted({(u, v) for u, v, k, _ in _edges(G, inferred) if k in SUPPORT_KINDS})
        _, why = derived_attacks(args, direct, supports, bipolar)
        for (a, b), (kind, _) in sorted(why.items()):
            if not defeats(weights, a, b):
                challenged.append((a, b, kind))
                continue
            add(a, b, f"{a}->{b}#{kind}")
        why = {ab: w for ab, w in why.items() if defeats(weights, *ab)}
    attacked = False

    def object_to(att: str, obj: list[dict]) -> None:
        """Each objection in ``obj`` attacks the attack ``att``, and what objects to it attacks that, at any depth."""
        nonlocal attacked
        for o in obj:
            if not defeats(weights, o["by"], source[att]):
                challenged.append((o["by"], att, o["kind"]))
                continue
            name = add(o["by"], att, f"{o['by']}->{att}")
            attacked = True
            object_to(name, _objections(o, inferred, argset))

    for (u, v, k), obj in objected:
        for att in made.get((u, v, k), ()):  # supports edges make no attack to hit
            object_to(att, obj)
    return _Built(AFRA.build(args, attacks), why, source, attacked, tuple(challenged))


def framework(G: nx.MultiDiGraph, bipolar: str = "none", inferred: bool = True,
              weights: dict[str, float] | None = None) -> tuple[AF, dict]:
    """The Dung framework of the graph and the bipolar derived attacks ``{(a, b): (kind, via)}``.

    When an attack is attacked this is AFRA's reified framework (attacks are
    arguments named ``SRC->TGT``; its node arguments get the AFRA labels);
    otherwise it is the plain attack graph between nodes, which gives the same labels.
    """
    built = afra_framework(G, bipolar, inferred, weights)
    if built.attacked:
        return to_af(built.afra), built.why
    return AF(built.afra.arguments, frozenset((a.source, a.target) for a in built.afra.attacks)), built.why


def closed_framework(built, nodes=None, bipolar: str = "none", inferred: bool = True) -> AF:
    """The framework that decides ``nodes``: them plus everything that attacks them, transitively.

    ``built`` is a folder's graph (its plain framework is built with ``bipolar`` and
    ``inferred``), or better the whole folder's framework (:attr:`argmap.evaluation.Evaluation.built`:
    derived attacks included, the defeat relation when preferences apply; AFRA's
    reified framework when a relation is attacked, attack-arguments named
    ``SRC->TGT``), so under grounded, complete and preferred semantics every
    node of the result gets the status it has in the folder (directionality).
    ``nodes=None``: the whole framework.
    """
    if not isinstance(built, _Built):
        built = afra_framework(built, bipolar, inferred)
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


def statuses(G: nx.MultiDiGraph, semantics: str = "grounded", bipolar: str = "none", inferred: bool = True,
             preferences: bool = False) -> dict[str, str]:
    """``{node: "IN" | "OUT" | "UNDEC"}`` for every node of the graph but questions.

    The framework alone, for library use on a graph (plain Dung unless
    ``preferences``); the verdict every command shows is
    :func:`argmap.evaluation.evaluate`'s.  Under a gradual semantics these are
    the grounded statuses.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("b", "a", key="attacks"); G.add_edge("c", "b", key="attacks")
    'attacks'
    'attacks'
    >>> statuses(G)
    {'b': 'OUT', 'a': 'IN', 'c': 'IN'}
    """
    return _node_labels(afra_framework(G, bipolar, inferred, weights_of(G) if preferences else None), semantics)


def gradual_strengths(G: nx.MultiDiGraph, semantics: str = "dfquad", inferred: bool = True):
    """``(Strengths, reasons)``: a strength for every non-question node, and what it came from.

    ``reasons[n]`` is ``{"base", "attackers", "supporters"}``; an attacked relation
    is listed as ``SRC->TGT`` with the objections to it.  A ``concedes`` counts as
    agreement: the conceding node supports what it concedes (granting a point
    adds to it; it never weakens it).
    """
    from .gradual import DEFAULT_BASE, normalize_gradual, strengths

    args = _evaluated(G)
    argset = set(args)
    base = {n: (G.nodes[n].get("weight") if G.nodes[n].get("weight") is not None else DEFAULT_BASE) for n in args}
    attacks: set[tuple[str, str]] = set()
    supports: set[tuple[str, str]] = set()
    extra: list[str] = []
    via: dict[str, dict] = {}
    def object_to(r: str, obj: list[dict]) -> None:
        """Each objection attacks the auxiliary argument ``r``; an objection that is itself objected to
        becomes an auxiliary argument too (its source supports it, it attacks ``r``), at any depth."""
        for o in obj:
            deeper = _objections(o, inferred, argset)
            if not deeper:
                attacks.add((o["by"], r))
                continue
            r2 = f"{o['by']}->{r}"
            via[r2] = {"from": o["by"], "to": r, "kind": o["kind"], "objections": sorted(x["by"] for x in deeper)}
            extra.append(r2)
            base[r2] = 0.0
            supports.add((o["by"], r2))
            attacks.add((r2, r))
            object_to(r2, deeper)

    for u, v, k, d in _edges(G, inferred):
        role = RELATIONS[k].role if k in RELATIONS else None
        if role not in ("attack", "support", "concession"):
            continue
        lends = role != "attack"  # a concession is agreement, not nothing: it lends strength like a support
        obj = _objections(d, inferred, argset)
        pairs = [(u, v)] + ([(v, u)] if RELATIONS[k].symmetric else [])
        for a, b in pairs:
            if not obj:
                (supports if lends else attacks).add((a, b))
                continue
            r = f"{a}->{b}" if f"{a}->{b}" not in via else f"{a}->{b}#{k}"
            via[r] = {"from": a, "to": b, "kind": k, "objections": sorted(o["by"] for o in obj)}
            extra.append(r)
            base[r] = 0.0
            supports.add((a, r))
            (supports if lends else attacks).add((r, b))
            object_to(r, obj)
    premises = {}
    for p, a, k in G.edges(keys=True):
        if k == PREMISE and p in argset and a in argset:
            premises.setdefault(a, []).append(p)
    result = strengths(normalize_gradual(semantics), args + extra, sorted(attacks), sorted(supports), base,
                       premises={a: sorted(ps) for a, ps in premises.items()})
    attackers: dict[str, list[str]] = {}  # in-lists built once: one pass over the relations, not one per node
    supporters: dict[str, list[str]] = {}
    for a, b in attacks:
        attackers.setdefault(b, []).append(a)
    for a, b in supports:
        supporters.setdefault(b, []).append(a)
    reasons = {}
    for n in args:
        reasons[n] = {
            "base": base[n],
            "attackers": sorted(attackers.get(n, ())),
            "supporters": sorted(supporters.get(n, ())),
            "premises": sorted(premises.get(n, ())),
        }
    values = {n: result.values[n] for n in args}
    return result, values, reasons, via


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
