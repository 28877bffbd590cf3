"""One evaluation of a folder: what stands, how strongly, why, and what it hinges on.

:func:`evaluate` is the only place a verdict is computed.  It runs once, on the
whole folder's graph (:func:`argmap.graph.build`), with one
:class:`~argmap.settings.Settings`, and returns an :class:`Evaluation` that
every surface takes as an argument: ``analyze``, ``show``, the drawings'
``--color-by status|strength``, the HTML page, the Markdown and pandoc blocks,
``--json`` and the framework exports ``solve`` reads.  Nothing is written into
the graph: views (a map, a focus, a part) only select nodes, and look their
verdicts up here.

The default evaluation is the one a careful reader of the sources accepts
(see the README, "What still stands"):

* **preferences** (``Settings.preferences``, on by default): a
  preference-based argumentation framework (L. Amgoud and C. Cayrol, "A
  reasoning model based on the production of acceptable arguments", Annals of
  Mathematics and Artificial Intelligence 34:197-215, 2002).  An attack
  ``(a, b)`` is a *defeat* unless ``b`` is strictly preferred to ``a``; the
  preference is the node's ``weight`` (default 0.5).  The Dung semantics
  (grounded, preferred, ...) then run on the defeat relation.  An attack that
  does not defeat stays visible: its target "stands, challenged by X
  (weaker)".  How the preference applies to undercuts and to attacks on
  relations: :func:`argmap.analysis.afra_framework`.  ``preferences=False`` is
  plain Dung: every attack defeats.
* **inferred links left out** (``Settings.inferred`` False by default):
  relations marked ``inferred: true`` were made by the mapper, not an author,
  so they decide no verdict, strength or tally unless asked
  (``--with-inferred``).

Terms, glossed once: a node *stands* (IN) when every attack that defeats it is
itself defeated; it *falls* (OUT) when an attacker that stands defeats it; it
is *open* (UNDEC) when it hangs on a conflict nothing settles (a cycle of
attacks).  *Grounded* semantics is the most cautious reading: it accepts only
what no open conflict could overturn.
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass, field
from typing import Mapping

import networkx as nx

from .frameworks import (_Built, afra_framework, dung_semantics, gradual_strengths, is_gradual,
                       strength_semantics, weights_of)
from .afra import labelling as afra_labelling, to_af
from .semantics import AF, Label, explain, grounded
from .spec import ANSWER_KINDS as _ANSWERS, CONCESSION_KINDS as _CONCEDES, RELATIONS

__all__ = ["Evaluation", "MapVerdict", "evaluate", "verdict", "name", "CRUX_REACH", "GLOSS", "map_paragraphs"]

#: The crux search propagates each trial through at most this many elements downstream
#: of the node tried (breadth first); nodes beyond keep their label.  Exact whenever the
#: region an attack can reach from the node is this small or smaller.
CRUX_REACH = 100

#: One line per theory term, for any text that uses one.
GLOSS = {
    "IN": "stands: every attack that defeats it is itself defeated",
    "OUT": "falls: an attacker that stands defeats it",
    "UNDEC": "open: it hangs on a conflict nothing settles",
    "grounded": "the most cautious reading: accept only what no open conflict could overturn",
    "complete": "read over every consistent, self-defending position",
    "preferred": "stands in every maximal self-defending position",
    "stable": "stands in every position that defeats everything outside it",
    "defeat": "an attack defeats its target unless the target weighs more (weight, default 0.5)",
}

_WORD = {"IN": "stands", "OUT": "falls", "UNDEC": "open"}


@dataclass(frozen=True)
class MapVerdict:
    """One map's answer in plain words: its thesis, conclusions, verdict, cruxes, open questions."""

    map: str
    title: str
    thesis: str | None
    conclusions: tuple[str, ...]
    sentence: str
    cruxes: tuple[str, ...]
    questions: tuple[str, ...]  # unanswered


@dataclass(frozen=True)
class Evaluation:
    """The folder's verdicts under one setting.  Read it; never copy it into a graph.

    ``status`` holds every non-question node (IN / OUT / UNDEC); ``reasons`` a
    path of node ids that explains it (defeater first; a cycle spelt out);
    ``challenged`` the attackers whose attack does not defeat the node (its
    weight is greater); ``conceded`` the ``(node, holder)`` pairs that concede it;
    ``strength`` a gradual strength per node when the settings ask for one;
    ``flips`` per node the number of other nodes, per map, whose status would
    change if its own did (the crux search, :data:`CRUX_REACH`); ``verdicts``
    the per-map answer.
    """

    semantics: str
    bipolar: str
    inferred: bool
    preferences: bool
    status: Mapping[str, str]
    reasons: Mapping[str, tuple[str, ...]]
    challenged: Mapping[str, tuple[str, ...]]
    conceded: Mapping[str, tuple[tuple[str, str], ...]]
    flips: Mapping[str, Mapping[str, int]]
    built: _Built = field(repr=False)
    #: node -> the nodes whose attack on it defeats it (direct, inherited, derived; before labelling)
    attackers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    gradual: str | None = None
    strength: Mapping[str, float] = field(default_factory=dict)
    strength_reasons: Mapping[str, dict] = field(default_factory=dict)
    converged: bool = True
    verdicts: Mapping[str, MapVerdict] = field(default_factory=dict)

    def cruxes(self, nodes=None, maps=None, limit: int = 5) -> list[tuple[str, int]]:
        """``(node, flips)``, most flips first: among ``nodes`` (default all), flips counted in ``maps``."""
        out = []
        for n, per in self.flips.items():
            if nodes is not None and n not in nodes:
                continue
            c = sum(v for m, v in per.items() if maps is None or m in maps)
            if c:
                out.append((n, c))
        out.sort(key=lambda x: (-x[1], x[0]))
        return out[:limit] if limit else out

    @property
    def settings_words(self) -> str:
        """The setting in one line, glossed."""
        sem = f"{self.semantics} semantics ({GLOSS.get(self.semantics, '')})"
        pref = ("weights decide which attacks defeat (an attack on a heavier node does not)" if self.preferences
                else "every attack defeats (plain Dung)")
        inf = "inferred links counted" if self.inferred else "inferred links left out"
        extra = f"; strengths by {self.gradual}" if self.gradual else ""
        bip = f"; support read as {self.bipolar}" if self.bipolar != "none" else ""
        return f"{sem}; {pref}; {inf}{bip}{extra}"


def evaluate(G: nx.MultiDiGraph, settings=None) -> Evaluation:
    """Evaluate the whole folder's graph ``G`` once under ``settings`` (default: :class:`Settings`).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("claim", weight=0.8, map="m"); G.add_node("aside", weight=0.3, map="m")
    >>> G.add_edge("aside", "claim", key="attacks")
    'attacks'
    >>> ev = evaluate(G)
    >>> ev.status["claim"], ev.challenged["claim"]
    ('IN', ('aside',))
    >>> from argmap.settings import Settings
    >>> evaluate(G, Settings(preferences=False)).status["claim"]
    'OUT'
    """
    from .settings import Settings

    settings = settings or Settings()
    sem = dung_semantics(settings.semantics)
    inferred = settings.inferred
    weights = weights_of(G) if settings.preferences else None
    built = afra_framework(G, settings.bipolar, inferred, weights)
    af = to_af(built.afra) if built.attacked else AF(
        built.afra.arguments, frozenset((a.source, a.target) for a in built.afra.attacks))
    lab = afra_labelling(built.afra, sem) if built.attacked else _labels(af, sem)
    status = {a: str(lab[a]) for a in built.afra.arguments}
    reasons: dict[str, tuple[str, ...]] = {}
    if sem == "grounded":
        for n, r in explain(af, {x: Label(v) for x, v in lab.items()}).items():
            if n in status:
                reasons[n] = tuple(_path(built, r.path))
    else:
        for n, st in status.items():
            sure = [a for a in af.attackers(n) if str(lab.get(a)) == "IN"] or list(af.attackers(n))
            reasons[n] = (built.source.get(sure[0], sure[0]), n) if st == "OUT" and sure else ()
    by_id = {a.id: a for a in built.afra.attacks}
    attackers: dict[str, list[str]] = {}
    for a in built.afra.attacks:
        if a.target in status:
            attackers.setdefault(a.target, []).append(a.source)
    challenged: dict[str, list[str]] = {}
    for a, b, _ in built.challenged:
        while b in by_id:  # an objection to a relation that does not defeat it: told on the relation's target
            b = by_id[b].target
        if b in status:
            challenged.setdefault(b, []).append(a)
    conceded: dict[str, list[tuple[str, str]]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if k in _CONCEDES and (inferred or not d.get("inferred")) and v in status:
            conceded.setdefault(v, []).append((u, _holder(G.nodes[u])))
    flips = _crux_flips(G, built, af, status)
    strength, sreasons, converged, gradual = {}, {}, True, strength_semantics(settings)
    if gradual:
        result, strength, sreasons, _ = gradual_strengths(G, gradual, inferred)
        converged = result.converged
    ev = Evaluation(
        semantics=sem, bipolar=settings.bipolar, inferred=inferred, preferences=settings.preferences,
        status=status, reasons=reasons,
        challenged={n: tuple(dict.fromkeys(v)) for n, v in challenged.items()},
        conceded={n: tuple(v) for n, v in conceded.items()}, flips=flips, built=built,
        attackers={n: tuple(dict.fromkeys(v)) for n, v in attackers.items()},
        gradual=gradual if is_gradual(settings.semantics) or settings.color_by == "strength" else None,
        strength=strength, strength_reasons=sreasons, converged=converged,
    )
    by_map: dict[str, list[str]] = {}
    for n, m in G.nodes(data="map"):
        by_map.setdefault(m, []).append(n)
    own_cruxes: dict[str, list[tuple[str, int]]] = {}
    for n, per in flips.items():  # a map's cruxes: its own nodes, by the flips inside it
        m = G.nodes[n].get("map")
        if per.get(m):
            own_cruxes.setdefault(m, []).append((n, per[m]))
    from .graph import relation_attacks

    objectors = frozenset(o["by"] for _, o, _, _ in relation_attacks(G))  # replies to a link: no conclusions
    verdicts = {}
    for m in G.graph.get("maps", {}):
        top3 = sorted(own_cruxes.get(m, ()), key=lambda x: (-x[1], x[0]))[:3]
        verdicts[m] = _map_verdict(G, ev, m, by_map.get(m, []), tuple(n for n, _ in top3), objectors)
    object.__setattr__(ev, "verdicts", verdicts)
    return ev


def _labels(af: AF, sem: str) -> dict[str, Label]:
    from .semantics import statuses

    return grounded(af) if sem == "grounded" else statuses(af, sem)


def _path(built: _Built, path) -> list[str]:
    """A walk in the reified framework told in nodes: each attack by the node that makes it."""
    out: list[str] = []
    for x in path:
        n = built.source.get(x, x)
        if not out or out[-1] != n:
            out.append(n)
    return out


def _holder(d) -> str:
    if d.get("stance") == "steelman":
        return "(steelman)"
    return d.get("held_by") or d.get("by") or "(nobody named)"


# -- cruxes ------------------------------------------------------------------------------------
def _crux_flips(G, built: _Built, af: AF, status) -> dict[str, dict[str, int]]:
    """For each node: how many other nodes (per map) change their grounded label when it changes.

    A node that stands is made to fall (an unanswerable attacker defeats it, and
    with it the attacks it makes); one that falls or is open is made to stand
    (the attacks on it removed).  Each trial propagates the grounded labelling
    only through the region downstream of the node, breadth first, up to
    :data:`CRUX_REACH` elements; the rest of the folder keeps its labels (a
    node's grounded label depends only on what attacks it).  So the search is
    linear in the size of the folder, gives the same answer at every size, and is
    exact whenever the downstream region is within the bound.
    """
    ins, outs = af._index
    args = af.arguments
    pos = af._pos
    base = [0] * len(args)  # 0 IN, 1 OUT, 2 UNDEC
    g = grounded(af)
    for i, a in enumerate(args):
        base[i] = 0 if g[a] is Label.IN else 1 if g[a] is Label.OUT else 2
    made_by: dict[int, list[int]] = {}
    if built.attacked:
        for a in built.afra.attacks:
            made_by.setdefault(pos[a.source], []).append(pos[a.id])
    node_map = [G.nodes[a].get("map") if a in status and a in G else None for a in args]
    # elements with many attackers (a hub many replies attack): their attackers are counted once,
    # by base label, so that a trial whose region holds one looks only at the few attackers the
    # trial changes instead of all of them (a star of n replies was n trials x n attackers)
    big = {}
    for x, attackers in enumerate(ins):
        if len(attackers) > _MANY_ATTACKERS:
            by = Counter(attackers)
            big[x] = (by, sum(c for a, c in by.items() if base[a] == 0), sum(c for a, c in by.items() if base[a] == 2))
    flips: dict[str, dict[str, int]] = {}
    for n in built.afra.arguments:
        i = pos[n]
        attacks_made = made_by.get(i, [])
        forced: dict[int, int] = {}
        removed_into: set[int] = set()
        if base[i] == 0:  # what if it fell?
            forced[i] = 1
            for e in attacks_made:
                forced[e] = 1
            seeds = [i] + attacks_made
        else:  # what if it stood? the attacks on it go (and the defeats they carry to its own attacks)
            forced[i] = 0
            removed_into = set(ins[i])
            seeds = [i] + attacks_made
        changed = _trial(ins, outs, base, forced, seeds, removed_into, set(attacks_made), big)
        per: dict[str, int] = {}
        for x in changed:
            m = node_map[x]
            if x != i and m is not None:
                per[m] = per.get(m, 0) + 1
        if per:
            flips[n] = per
    return flips


#: An element with more attackers than this is counted by :func:`_trial` from its base counts.
_MANY_ATTACKERS = 32


def _trial(ins, outs, base, forced, seeds, removed_into, cut_from_removed, big=None) -> list[int]:
    """Elements whose grounded label changes, propagated through at most CRUX_REACH elements.

    ``big``: element -> (its attackers counted, how many of them are IN, how many UNDEC in the base
    labelling), for elements with many attackers; such an element's attackers are read from those
    counts, corrected by the few the trial touches (the region), in time of the region, not of its
    attackers.  Both ways give the same labels (a test compares them)."""
    big = big or {}
    region = list(dict.fromkeys(seeds))
    seen = set(region)
    k = 0
    while k < len(region) and len(region) < CRUX_REACH:
        for y in outs[region[k]]:
            if y not in seen:
                seen.add(y)
                region.append(y)
                if len(region) >= CRUX_REACH:
                    break
        k += 1
    lab: dict[int, int] = dict(forced)
    count: dict[int, int] = {}
    queue = list(forced)
    for x in region:
        if x in forced:
            continue
        pending, beaten = 0, False
        if x in big and x not in cut_from_removed:
            by, n_in, n_undec = big[x]
            for a in seen:  # the attackers whose label the trial may change: forced, or in the region
                c = by.get(a)
                if not c:
                    continue
                n_in -= c * (base[a] == 0)
                n_undec -= c * (base[a] == 2)
                if a in forced:
                    n_in += c * (forced[a] == 0)
                    n_undec += c * (forced[a] == 2)
                else:
                    pending += c
            beaten = n_in > 0
            pending += n_undec << 20
        else:
            for a in ins[x]:
                if a in removed_into and x in cut_from_removed:
                    continue  # an attack on the node tried no longer defeats the attacks it makes
                if a in forced:
                    la = forced[a]
                elif a in seen:
                    pending += 1
                    continue
                else:
                    la = base[a]
                if la == 0:
                    beaten = True
                elif la == 2:
                    pending += 1 << 20  # an open attacker outside the region: never all OUT
        if beaten:
            lab[x] = 1
            queue.append(x)
        elif pending == 0:
            lab[x] = 0
            queue.append(x)
        else:
            count[x] = pending
    while queue:
        x = queue.pop()
        lx = lab[x]
        for y in outs[x]:
            if y not in count or y in lab:
                continue
            if x in removed_into and y in cut_from_removed:
                continue
            if lx == 0:
                lab[y] = 1
                queue.append(y)
            elif lx == 1:
                count[y] -= 1
                if count[y] == 0:
                    lab[y] = 0
                    queue.append(y)
    return [x for x in region if lab.get(x, 2) != base[x]]


# -- plain words -------------------------------------------------------------------------------
def name(G, n: str, limit: int = 48) -> str:
    """A node as a reader names it: its title, else the start of its text, in quotes."""
    d = G.nodes[n] if n in G else {}
    text = d.get("title") or d.get("text") or n
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return f"“{text}”"


def _speaker(G, n: str) -> str:
    d = G.nodes[n] if n in G else {}
    who = _holder(d)
    return "an unnamed holder" if who == "(nobody named)" else who


def _count_words(k: int) -> str:
    return "its objection is" if k == 1 else "both objections are" if k == 2 else f"all {k} objections are"


def verdict(G, ev: Evaluation, n: str) -> str:
    """The node's verdict in a sentence ("stands: both objections are answered").

    The one place such sentences are made: ``analyze``, ``show`` and the HTML
    panel print them.  A question says whether it is answered.
    """
    d = G.nodes[n] if n in G else {}
    if d.get("kind") == "question":
        answers = [u for u, _, k in G.in_edges(n, keys=True) if k in _ANSWERS]
        return f"answered by {', '.join(name(G, u) for u in answers)}" if answers else "unanswered"
    st = ev.status.get(n)
    if st is None:
        return "not evaluated"
    attackers = list(ev.attackers.get(n, ()))
    weaker = list(ev.challenged.get(n, ()))
    if st == "IN":
        if not attackers and not weaker:
            text = "stands: nothing attacks it"
        elif not attackers:
            text = "stands, challenged by " + ", ".join(f"{name(G, w)} (weaker)" for w in weaker)
        else:
            text = f"stands: {_count_words(len(attackers))} answered"
            if weaker:
                text += "; challenged by " + ", ".join(f"{name(G, w)} (weaker)" for w in weaker)
    elif st == "OUT":
        path = ev.reasons.get(n) or ()
        d0 = path[0] if path else (attackers[0] if attackers else None)
        if d0 is None:
            text = "falls"
        elif not ev.attackers.get(d0) and ev.challenged.get(d0):
            replies = ", ".join(name(G, x) for x in ev.challenged[d0])
            text = f"falls: {_speaker(G, d0)}'s {name(G, d0)} defeats it; the reply to that, {replies}, is weaker"
        elif not ev.attackers.get(d0):
            text = f"falls: {_speaker(G, d0)}'s {name(G, d0)} goes unanswered"
        else:
            text = f"falls: {_speaker(G, d0)}'s {name(G, d0)} defeats it and stands"
        grants = ev.conceded.get(n, ())
        if grants:
            who = sorted({h for _, h in grants})
            text += f"; yet {' and '.join(who)} concede{'s' * (len(who) == 1)} it ({', '.join(name(G, u) for u, _ in grants)})"
    else:
        path = list(ev.reasons.get(n) or ())
        if len(path) >= 3 and path[0] == path[-1]:
            cyc = path[:-1]
            if len(cyc) == 2:
                text = f"open: {name(G, cyc[0])} and {name(G, cyc[1])} attack each other and nothing settles it"
            else:
                text = f"open: a cycle of {len(cyc)} attacks ({' → '.join(name(G, x) for x in cyc[:3])}{' → …' if len(cyc) > 3 else ''}) that nothing settles"
        elif path:
            text = f"open: it hangs on {name(G, path[0])}, which is open"
        else:
            text = "open: nothing settles it"
    if ev.gradual and n in ev.strength:
        text += f" (strength {ev.strength[n]:.2f})"
    return text


#: every relation a node can start: one that makes it a reply to another, not a conclusion
_MAKES = tuple(RELATIONS)


def _reach(G, n: str, inside: set, cap: int) -> int:
    """How many nodes of ``inside`` lead to ``n`` (its tree of replies), counted up to ``cap``."""
    seen = {n}
    todo = [n]
    while todo and len(seen) <= cap:
        x = todo.pop()
        for u in G.predecessors(x):
            if u not in seen and u in inside:
                seen.add(u)
                todo.append(u)
    return len(seen) - 1


#: The thesis search counts at most this many replies in all (shared out among a map's top claims).
_THESIS_BUDGET = 50_000


def _map_verdict(G, ev: Evaluation, m: str, nodes: list[str], cruxes: tuple[str, ...],
                 objectors: frozenset = frozenset()) -> MapVerdict:
    own = sorted(nodes, key=lambda n: (G.nodes[n].get("line") or 0, n))
    inside = set(own)
    # conclusions: claims that answer nothing else in the map (an objection to a link, at any depth,
    # answers that link); the thesis is the one whose tree of replies is widest (the claim the map's
    # replies gather under)
    tops = [n for n in own if G.nodes[n].get("kind") != "question" and n not in objectors
            and not any(k in _MAKES and v in inside for _, v, k in G.out_edges(n, keys=True))]
    if not tops:
        tops = [n for n in own if G.nodes[n].get("kind") != "question"][:1]
    cap = max(100, _THESIS_BUDGET // max(1, len(tops)))
    size = {n: _reach(G, n, inside, cap) for n in tops}
    tops.sort(key=lambda n: (-size[n], G.nodes[n].get("line") or 0, n))
    named = (G.graph.get("maps", {}).get(m) or {}).get("thesis")
    if named in inside:  # the mapper named it (`thesis:`); else the widest tree of replies
        tops = [named] + [n for n in tops if n != named]
    thesis = tops[0] if tops else None
    sentence = verdict(G, ev, thesis) if thesis else "no claim yet"
    questions = tuple(n for n in own if G.nodes[n].get("kind") == "question"
                      and not any(k in _ANSWERS for _, _, k in G.in_edges(n, keys=True)))
    title = (G.graph.get("maps", {}).get(m) or {}).get("title") or m
    return MapVerdict(m, title, thesis, tuple(tops[1:]), sentence, cruxes, questions)


def map_paragraphs(G, ev: Evaluation, maps=None, width: int = 100) -> str:
    """One short paragraph per map: thesis and its verdict, conclusions, cruxes, unanswered questions."""
    out = []
    for m, v in ev.verdicts.items():
        if maps is not None and m not in maps:
            continue
        lines = [f"{v.title} [{m}]"]
        if v.thesis:
            lines.append(f"Thesis: {name(G, v.thesis)} ({_speaker(G, v.thesis)}) {v.sentence}.")
        more = list(v.conclusions)
        if more:
            shown = [f"{name(G, c)} {_WORD[ev.status[c]]}" for c in more[:3] if c in ev.status]
            rest = f"; and {len(more) - 3} more" if len(more) > 3 else ""
            lines.append(f"Other conclusions: {'; '.join(shown)}{rest}.")
        if v.cruxes:
            lines.append("Cruxes (change one and most else changes): " + ", ".join(name(G, c) for c in v.cruxes) + ".")
        if v.questions:
            lines.append("Unanswered: " + ", ".join(name(G, q) for q in v.questions) + ".")
        para = [lines[0]]
        for line in lines[1:]:
            para += textwrap.wrap(line, width, initial_indent="  ", subsequent_indent="    ")
        out.append("\n".join(para))
    return "\n\n".join(out)


def tally_counter(G, ev: Evaluation, nodes) -> Counter:
    """Statuses of ``nodes`` counted (questions and unevaluated nodes left out)."""
    return Counter(ev.status[n] for n in nodes if n in ev.status)


def with_verdicts(nodes, ev: Evaluation | None):
    """``(id, attributes)`` pairs with ``status`` (and ``strength``) read from ``ev``: copies, the graph untouched.

    Questions get no status (they are never evaluated).  With ``ev`` None, the pairs as given.
    """
    if ev is None:
        return list(nodes)
    out = []
    for n, d in nodes:
        extra = {}
        if n in ev.status and d.get("kind") != "question":
            extra["status"] = ev.status[n]
        if n in ev.strength and ev.gradual:
            extra["strength"] = ev.strength[n]
        out.append((n, {**d, **extra} if extra else d))
    return out
