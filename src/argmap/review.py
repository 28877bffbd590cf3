"""Marks for fragile verdicts: what ``argmap review`` lists.

A verdict is a claim about a real debate.  Some verdicts rest on something a
reviewer should look at before trusting them: a link no author made, a weight,
an "attack" the mapper's own note calls no argument, a holder who grants what
they attack, a conditional denied by a claim about its condition, a thesis
that falls, a reply that links to nothing it replies to.  :func:`review` finds
them, each as a :class:`~argmap.diagnostics.Diagnostic` of severity
``review`` with ``file:line:col``, a code from :data:`argmap.spec.REVIEW_CODES`
and a hint.  It reads the model (for places and acknowledgements), the folder's
graph and its one :class:`~argmap.evaluation.Evaluation`; it computes no
verdict of its own (``inferred-decides`` asks :func:`~argmap.evaluation.evaluate`
what a single link changes).

A mark is acknowledged where it is placed (docs/format-v2.md, "Review marks"):
``reviewed: {code: reason}`` on a node or a source, ``reviewed: reason`` on a
relation item (or the code on the node that writes the relation).  Acknowledged
marks are left out, or returned with severity ``acknowledged`` and the reason
when asked for; so is any ``reviewed`` entry no mark needs (``unused-review``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .diagnostics import Diagnostic
from .model import Location, Map, Node, Project, Relation
from .spec import (ANSWER_KINDS, ATTACK_KINDS, CONCESSION_KINDS, RELATIONS, REVIEW_CODES, STOP_WORDS,
                   SUPPORT_KINDS, SYMMETRIC_KINDS)

__all__ = ["review", "review_paths", "REVIEW", "ACKNOWLEDGED", "NOT_AN_ARGUMENT", "CONDITION_WORDS",
           "condition_of"]

#: Severity of a mark still to be looked at, and of one a ``reviewed`` entry acknowledges.
REVIEW, ACKNOWLEDGED = "review", "acknowledged"

#: Words in an attack's note (on the relation item or on the attacking node) that say it is no argument.
NOT_AN_ARGUMENT = re.compile(
    r"\bnot (?:really |quite |strictly )?(?:an? )?(?:argument|reason|objection|rebuttal|counter-?argument|denial)s?\b"
    r"|\b(?:gives?|giving|offers?|with|makes?) no (?:argument|reason)s?\b|\bno (?:argument|reason)s? (?:is |are )?(?:given|offered)\b"
    r"|\blean(?:s|ing)\b|\bappeal\b|\bappeals to\b",
    re.IGNORECASE,
)

#: What makes a claim conditional, and where its condition starts.
CONDITION_WORDS = re.compile(
    r"\b(?:only if|if|unless|provided(?: that)?|assuming(?: that)?|as long as|so long as|in case)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?]|\bthen\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[;.!?](?:\s|$)")
_RELATION_ATTACKS = ATTACK_KINDS
#: attacks that can deny a claim's content (not only an inference): what a conditional claim meets
_CLAIM_ATTACKS = tuple(k for k in ATTACK_KINDS if "claim" in RELATIONS[k].targets)
_WORD = {"IN": "stands", "OUT": "falls", "UNDEC": "is open"}
_WOULD = {"IN": "stand", "OUT": "fall", "UNDEC": "be open"}
#: Words too common to say what a claim is about: pronouns and the like, beyond spec.STOP_WORDS.
_FILLER = frozenset("""only unless not no they them he she we you i me us one some any all more most
very also even just much many such there here yes""".split())


@dataclass
class _Mark:
    code: str
    loc: Location | None
    message: str
    hint: str
    node: Node | None = None  # whose `reviewed: {code: ...}` acknowledges it
    relation: Relation | None = None  # whose `reviewed: ...` acknowledges it
    source: tuple[Map, str] | None = None  # (map, source id)


def review(opened, evaluation, G=None, *, include_acknowledged: bool = False) -> list[Diagnostic]:
    """Every mark on the verdicts of the selected maps, sorted by place.

    ``opened`` is an :class:`~argmap.project.Opened` (its selected maps are
    reviewed, in the context of the folder) or a :class:`~argmap.model.Project`
    (every map).  ``evaluation`` is the folder's
    :func:`~argmap.evaluation.evaluate` result on ``G`` (the folder's graph; built
    from the project when not given).  Acknowledged marks and unused
    ``reviewed`` entries are returned only with ``include_acknowledged``.

    Examples
    --------
    >>> from argmap.model import Map, Node, Project, Relation
    >>> from argmap.graph import build
    >>> from argmap.evaluation import evaluate
    >>> a = Node("a", "Prices rise.", "m", weight=0.8)
    >>> b = Node("b", "An aside.", "m", weight=0.3, relations=(Relation("attacks", "b", "a"),))
    >>> project = Project((Map("m", "m.yaml", nodes=(a, b)),))
    >>> G = build(project)
    >>> [d.code for d in review(project, evaluate(G), G)]
    ['weaker-attacker']
    """
    from .graph import build

    project: Project = getattr(opened, "project", opened)
    maps = tuple(getattr(opened, "maps", project.maps))
    G = build(project) if G is None else G
    ev = evaluation
    nodes = project.nodes()
    own = {n.id for m in maps for n in m.nodes}
    rels = [r for m in maps for n in m.nodes for r in n.relations]
    counted = [r for r in rels if ev.inferred or not r.inferred]
    marks: list[_Mark] = []
    marks += _inferred_decides(G, ev, nodes, rels)
    marks += _weaker_attackers(G, ev, nodes, own)
    marks += _not_arguments(G, nodes, counted)
    marks += _concedes_and_attacks(G, nodes, counted, project)
    marks += _conditionals_attacked(G, nodes, counted, _common_words(project))
    marks += _theses(G, ev, nodes, maps)
    marks += _unlinked_replies(maps, project)
    return _acknowledge(marks, maps, include_acknowledged)


def review_paths(paths: Iterable[str | Path] = (), settings=None, *, include_acknowledged: bool = False,
                 opened=None) -> list[Diagnostic]:
    """``argmap review PATHS``: open (a file in its folder's context), evaluate the folder once, review."""
    from .evaluation import evaluate
    from .pipeline import whole_graph
    from .project import open_checked
    from .settings import Settings

    opened = opened or open_checked(list(paths))
    G = whole_graph(opened.project)
    return review(opened, evaluate(G, settings or Settings()), G, include_acknowledged=include_acknowledged)


# -- helpers ------------------------------------------------------------------------------------
def _name(G, n: str) -> str:
    from .evaluation import name

    return name(G, n, 40)


def _holder(node: Node | None) -> str:
    who = node.holder if node is not None else None
    return who or "nobody named"


def _attack_relation(nodes: dict[str, Node], a: str, b: str) -> Relation | None:
    """The relation item in which ``a`` attacks ``b`` (or an objection of ``a`` to a relation into ``b``)."""
    na, nb = nodes.get(a), nodes.get(b)
    for r in na.relations if na else ():
        if r.kind in _RELATION_ATTACKS and r.target == b:
            return r
    for r in nb.relations if nb else ():
        if r.kind in SYMMETRIC_KINDS and r.target == a:
            return r
    for r in na.relations if na else ():
        pair = r.target_pair() if r.kind in _RELATION_ATTACKS else None
        if pair and b in pair:
            return r
    return None


def _where(nodes, rel: Relation | None, fallback: str) -> Location | None:
    if rel is not None and rel.loc is not None:
        return rel.loc
    node = nodes.get(fallback)
    return node.loc if node else None


def _weight(G, n: str) -> float:
    from .spec import DEFAULT_WEIGHT

    w = G.nodes[n].get("weight") if n in G else None
    return DEFAULT_WEIGHT if w is None else w


# -- inferred-decides -------------------------------------------------------------------------
def _objectors(G) -> dict[str, set[str]]:
    """Who objects to a relation, linked both ways with the relation's ends (one pass over the edges)."""
    from .graph import relation_attacks

    out: dict[str, set[str]] = {}
    for target, a, _, _ in relation_attacks(G):  # at any depth: linked with every id of the address it names
        for x in target.split("->"):
            out.setdefault(x, set()).add(a["by"])
            out.setdefault(a["by"], set()).add(x)
    return out


def _component(G, start: Iterable[str], objectors: dict[str, set[str]]) -> set[str]:
    """The nodes linked to ``start`` by any chain of relations or objections to relations, either way."""
    seen = {s for s in start if s in G}
    todo = list(seen)
    while todo:
        x = todo.pop()
        for y in (*G.successors(x), *G.predecessors(x), *objectors.get(x, ())):
            if y not in seen:
                seen.add(y)
                todo.append(y)
    return seen


def _downstream(G, ev, targets, objected: dict[str, set[str]]) -> list[str] | None:
    """What a change at ``targets`` can reach under grounded semantics without bipolar support, else None.

    Every relation out of a reached node is followed (a ``contradicts`` both
    ways), and an objection to a relation reaches that relation's target,
    breadth first, up to :data:`argmap.evaluation.CRUX_REACH` nodes (the bound
    of the crux search: beyond it labels are taken as they are).  None (the
    caller evaluates the whole connected part instead) for other semantics,
    bipolar support, or a region holding an argument with premises (whose
    attackers it inherits).
    """
    from .evaluation import CRUX_REACH
    from .graph import PREMISE

    if ev.semantics != "grounded" or ev.bipolar != "none":
        return None
    region = list(dict.fromkeys(t for t in targets if t in G))
    seen = set(region)
    k = 0
    while k < len(region):
        x = region[k]
        k += 1
        if G.nodes[x].get("premises") or any(key == PREMISE for _, _, key in G.in_edges(x, keys=True)):
            return None
        if len(region) >= CRUX_REACH:
            continue
        nxt = [*G.successors(x), *sorted(objected.get(x, ())),
               *(u for u, _, key in G.in_edges(x, keys=True) if key in SYMMETRIC_KINDS)]
        for y in nxt:
            if y not in seen and len(region) < CRUX_REACH:
                seen.add(y)
                region.append(y)
    return region


def _pinned(G, ev, region: list[str], objectors: dict[str, set[str]]):
    """The region and its parents, each parent pinned at its label: what grounded semantics needs.

    A parent that falls is left out (a defeated attacker changes nothing), one
    that stands keeps no attacker, one that is open attacks itself (so it stays
    open).  Built from the region's own edges; ``G`` is not touched.
    """
    import networkx as nx

    inside = set(region)
    parents = {u for x in region for u in G.predecessors(x)} | {o for x in region for o in objectors.get(x, ())}
    pinned = sorted(p for p in parents - inside if ev.status.get(p) != "OUT")
    keep = inside | set(pinned)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(G.nodes[n])) for n in [*region, *pinned])
    for x in region:
        for u, _, k, d in G.in_edges(x, keys=True, data=True):
            if u in keep:
                d = dict(d)
                if d.get("attacked_by"):
                    by = tuple(a for a in d["attacked_by"] if a["by"] in keep)
                    d["attacked_by"] = by
                    if not by:
                        del d["attacked_by"]
                H.add_edge(u, x, k, **d)
    for p in pinned:
        if ev.status.get(p) == "UNDEC":
            H.add_edge(p, p, key="attacks", kind="attacks", inferred=False, note=None)
    return H


def _cannot_change(G, ev, rel: Relation) -> bool:
    """Whether flipping ``rel`` alone provably changes no grounded label (so no trial is needed).

    A support changes no status unless support is read as attack (``--bipolar``);
    an attack made by a node that falls changes nothing (grounded semantics ignores
    defeated attackers); counting an attack on a node that falls already, or on one
    its attacker would not defeat (weights), changes nothing either.
    """
    if ev.semantics != "grounded" or rel.targets_relation:
        return False
    if rel.kind in SUPPORT_KINDS:
        return ev.bipolar == "none"
    if rel.kind not in _RELATION_ATTACKS:
        return rel.kind in CONCESSION_KINDS + ANSWER_KINDS
    ends = [(rel.source, rel.target)] + ([(rel.target, rel.source)] if rel.kind in SYMMETRIC_KINDS else [])
    for a, b in ends:
        if ev.status.get(a) == "OUT":
            continue
        if ev.preferences and _weight(G, b) > _weight(G, a):
            continue  # no defeat, counted or not
        if not ev.inferred and ev.status.get(b) == "OUT":
            continue
        return False
    return True


def _inferred_decides(G, ev, nodes, rels) -> list[_Mark]:
    """Each inferred link whose counting (or leaving out, under --with-inferred) alone changes a verdict."""
    from .evaluation import evaluate
    from .graph import PREMISE, subgraph
    from .settings import Settings

    settings = Settings(semantics=ev.semantics, bipolar=ev.bipolar, inferred=ev.inferred, preferences=ev.preferences)
    marks, baselines, objectors = [], {}, None
    for rel in rels:
        if not rel.inferred or rel.kind in (PREMISE, *ANSWER_KINDS) or _cannot_change(G, ev, rel):
            continue
        if objectors is None:
            from .graph import relation_attacks

            objectors, objected = _objectors(G), {}
            for _, a, (_, v, _), _ in relation_attacks(G):  # an objection, at any depth, reaches the link's target
                objected.setdefault(a["by"], set()).add(v)
        pair = rel.target_pair()
        ends = [rel.source, *rel.target.split("->")]
        if any(e not in G for e in ends):
            continue
        region = _downstream(G, ev, ends[1:], objected)
        if region is not None:  # grounded, no bipolar: the region's parents pinned at their labels
            H = _pinned(G, ev, region, objectors)
            before = evaluate(H, settings).status
        else:  # every other semantics: the whole connected part of the folder
            region = frozenset(_component(G, ends, objectors))
            if region not in baselines:
                baselines[region] = evaluate(subgraph(G, region), settings).status
            before = baselines[region]
            H = subgraph(G, region)
        if not _toggle(H, rel, ev.inferred):
            continue
        after = evaluate(H, settings).status
        changed = [n for n in sorted(region, key=lambda n: (G.nodes[n].get("line") or 0, n))
                   if n in before and n in after and before[n] != after[n]]
        if not changed:
            continue
        told = "; ".join(f"{_name(G, n)} would {_WOULD[after[n]]} (now {_WORD[before[n]]})"
                         for n in changed[:3]) + (f"; and {len(changed) - 3} more" if len(changed) > 3 else "")
        what = f"{_name(G, rel.source)} {rel.kind} {_link_name(G, rel.target) if pair else _name(G, rel.target)}"
        if ev.inferred:
            message = f"a verdict rests on one inferred link ({what}); without it {told}"
            hint = ("no author made this link: find the sentence that makes it (then drop `inferred`), or delete it; "
                    "if the verdict is right, acknowledge it: `reviewed: reason` on the link")
        else:
            message = f"inferred link left out ({what}); if it counted (--with-inferred), {told}"
            hint = ("the authors' verdict stands without it; if an author does make this link, quote them and drop "
                    "`inferred`; otherwise acknowledge it: `reviewed: reason` on the link")
        marks.append(_Mark("inferred-decides", _where(nodes, rel, rel.source), message, hint,
                           node=nodes.get(rel.source), relation=rel))
    return marks


def _toggle(H, rel: Relation, inferred_counted: bool) -> bool:
    """Change ``H`` so that ``rel`` flips: removed (inferred links counted) or counted (left out)."""
    pair = rel.target_pair()
    if pair is None:
        if not H.has_edge(rel.source, rel.target, rel.kind):
            return False
        if inferred_counted:
            H.remove_edge(rel.source, rel.target, rel.kind)
        else:
            H.edges[rel.source, rel.target, rel.kind]["inferred"] = False
        return True
    ids = rel.target.split("->")
    u, v = ids[-2], ids[-1]
    above = list(reversed(ids[:-2]))  # the attackers between the link and rel, innermost first (argmap.address)

    def mine(a) -> bool:
        return a["by"] == rel.source and a["kind"] == rel.kind

    def flipped(by: tuple, path: list[str]) -> tuple | None:
        """``by`` with rel flipped, copying every entry on the way (the graph's own stay as they are); None if absent."""
        if not path:
            if not any(mine(a) for a in by):
                return None
            if inferred_counted:
                return tuple(a for a in by if not mine(a))
            return tuple({**a, "inferred": False} if mine(a) else a for a in by)
        for i, a in enumerate(by):
            if a["by"] == path[0]:
                inner = flipped(a.get("attacked_by") or (), path[1:])
                if inner is not None:
                    a = {k: x for k, x in a.items() if k != "attacked_by"} | ({"attacked_by": inner} if inner else {})
                    return by[:i] + (a,) + by[i + 1:]
        return None

    for k in list(H[u][v]) if H.has_edge(u, v) else ():
        d = H.edges[u, v, k]
        new = flipped(d.get("attacked_by") or (), above)
        if new is not None:
            if new:
                d["attacked_by"] = new
            else:
                del d["attacked_by"]
            return True
    return False


def _link_name(G, address: str) -> str:
    """A relation address for a message: ``T (a link)`` for ``S->T``; for a nested one (argmap.address)
    ``C's objection to S's link to T``."""
    ids = address.split("->")
    if len(ids) == 2:
        return f"{_name(G, ids[1])} (a link)"
    return "".join(f"{_name(G, i)}'s objection to " for i in ids[:-2]) + f"{_name(G, ids[-2])}'s link to {_name(G, ids[-1])}"


# -- weaker-attacker ----------------------------------------------------------------------------
def _weaker_attackers(G, ev, nodes, own) -> list[_Mark]:
    marks = []
    if ev.preferences:
        for b, attackers in ev.challenged.items():
            for a in attackers:
                if (a not in own and b not in own) or ev.status.get(a) == "OUT" or ev.status.get(b) == "OUT" or (
                        ev.status.get(a) == ev.status.get(b) == "UNDEC"):
                    continue  # an attacker that falls, or a target that falls (or stays open) anyway: weights decide nothing
                rel = _attack_relation(nodes, a, b)
                if rel is not None and nodes.get(rel.source) and rel.source not in own:
                    continue
                # the attacker stands or is open: were its attack a defeat, the target would fall or be open
                would = "fall" if ev.status.get(a) == "IN" else "be open at best"
                message = (f"{_name(G, a)} ({_holder(nodes.get(a))}, weight {_weight(G, a):g}) does not defeat "
                           f"{_name(G, b)} (weight {_weight(G, b):g}), which {_WORD[ev.status[b]]}, challenged; "
                           f"if the attack defeated, it would {would}")
                hint = ("the weights decide this verdict: check them against the source (a hedged aside or a report "
                        "weighs less than the claim it answers); if they are right, acknowledge: `reviewed: reason`")
                marks.append(_Mark("weaker-attacker", _where(nodes, rel, a), message, hint,
                                   node=nodes.get(rel.source if rel else a), relation=rel))
    else:
        for b, attackers in ev.attackers.items():
            if ev.status.get(b) != "OUT":
                continue
            for a in attackers:
                if a not in G or ev.status.get(a) != "IN" or not _weight(G, a) < _weight(G, b):
                    continue
                rel = _attack_relation(nodes, a, b)
                if rel is None or rel.source not in own:
                    continue
                message = (f"{_name(G, b)} (weight {_weight(G, b):g}) falls to {_name(G, a)}, which weighs less "
                           f"({_weight(G, a):g}); with preferences on (the default) it would not defeat it")
                hint = ("plain Dung lets the weaker attack decide: check the weights against the source, or "
                        "acknowledge: `reviewed: reason`")
                marks.append(_Mark("weaker-attacker", _where(nodes, rel, a), message, hint,
                                   node=nodes.get(rel.source), relation=rel))
    return marks


# -- not-an-argument ------------------------------------------------------------------------------
def _not_arguments(G, nodes, counted) -> list[_Mark]:
    marks = []
    for rel in counted:
        if rel.kind not in _RELATION_ATTACKS:
            continue
        own_note = rel.note or ""
        node = nodes.get(rel.source)
        found = NOT_AN_ARGUMENT.search(own_note) or NOT_AN_ARGUMENT.search((node.note if node else None) or "")
        if not found:
            continue
        where = "the link's note" if NOT_AN_ARGUMENT.search(own_note) else "its node's note"
        target = rel.target_pair()[1] if rel.targets_relation else rel.target
        said = _context(found)
        message = (f"{_name(G, rel.source)} {rel.kind} {_name(G, target)}, but {where} says “{said}”")
        hint = ("a statement of leaning or of appeal is no argument: keep it as a node without the attack (or as "
                "`concedes`); if it does argue, reword the note or acknowledge: `reviewed: reason`")
        marks.append(_Mark("not-an-argument", _where(nodes, rel, rel.source), message, hint, node=node, relation=rel))
    return marks


def _context(match: re.Match, width: int = 30) -> str:
    text = match.string
    start = max(0, match.start() - width)
    end = min(len(text), match.end() + width)
    piece = " ".join(text[start:end].split())
    return ("…" if start else "") + piece + ("…" if end < len(text) else "")


# -- concedes-and-attacks -----------------------------------------------------------------------
def _concedes_and_attacks(G, nodes, counted, project) -> list[_Mark]:
    conceders: dict[tuple[str, str], list[str]] = {}
    for n in project.iter_nodes():
        for r in n.relations:
            if r.kind in CONCESSION_KINDS and n.holder and not r.targets_relation:
                conceders.setdefault((r.target, n.holder), []).append(n.id)
    marks = []
    for rel in counted:
        if rel.kind not in _RELATION_ATTACKS or rel.targets_relation:
            continue
        node = nodes.get(rel.source)
        pairs = [(rel.target, node)] + ([(rel.source, nodes.get(rel.target))] if rel.kind in SYMMETRIC_KINDS else [])
        for target, attacker in pairs:
            holder = attacker.holder if attacker else None
            grants = conceders.get((target, holder), []) if holder else []
            if not grants or target not in G:
                continue
            message = (f"{holder} both concedes {_name(G, target)} (in {', '.join(_name(G, g) for g in grants)}) and "
                       f"attacks it (in {_name(G, attacker.id)})")
            hint = ("map the conceded (weaker) reading and the contested (stronger) one as two nodes where the text "
                    "does, so the attack aims at what is contested; if both are right, acknowledge: `reviewed: reason`")
            marks.append(_Mark("concedes-and-attacks", _where(nodes, rel, rel.source), message, hint, node=node,
                               relation=rel))
    return marks


# -- conditional-attacked -------------------------------------------------------------------------
def _words(text: str | None) -> set[str]:
    out = set()
    for w in re.findall(r"[a-z0-9]+", (text or "").lower()):
        if len(w) < 2 or w in STOP_WORDS or w in _FILLER:
            continue
        out.add(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def condition_of(text: str | None) -> tuple[str, str] | None:
    """``(condition, rest)`` of a conditional sentence, else None.

    A condition that opens the sentence ("Unless X, Y") ends at the first comma
    or "then"; one that follows its consequence ("Y only if X") runs to the end
    of the sentence.

    >>> condition_of("A backlash follows only if a few firms build every AI.")
    ('a few firms build every AI', 'A backlash follows')
    >>> condition_of("If it rains, then the match is off.")
    ('it rains', 'the match is off')
    >>> condition_of("Presumably, if most customers can choose, no backlash follows.")
    ('most customers can choose', 'Presumably, no backlash follows')
    >>> condition_of("Racing is dangerous.") is None
    True
    """
    if not text:
        return None
    m = CONDITION_WORDS.search(text)
    if not m:
        return None
    before = text[: m.start()]
    lead = re.split(r"[.;!?]", before)[-1].strip()
    opens = len(lead.split()) <= 2 or lead.endswith(",")  # "If X, Y", "Presumably, if X, Y", "And if X, Y"
    tail = text[m.end():]
    end = (_CLAUSE_END if opens else _SENTENCE_END).search(tail)
    condition = tail[: end.start()] if end else tail
    after = tail[end.start():] if end else ""
    after = re.sub(r"^\s*(?:,|then\b)\s*(?:then\b)?", " ", after, flags=re.IGNORECASE)
    rest = " ".join((before + " " + after).split()).strip(" ,;.")
    condition = " ".join(condition.split()).strip(" ,;")
    return (condition, rest) if condition else None


def _common_words(project: Project) -> frozenset[str]:
    """Words in more than a tenth of the folder's nodes (and at least 4): they say little about any one claim."""
    from collections import Counter

    df: Counter[str] = Counter()
    count = 0
    for n in project.iter_nodes():
        count += 1
        df.update(_words(n.text) | _words(n.title))
    limit = max(4, count // 10)
    return frozenset(w for w, c in df.items() if c > limit)


def _conditionals_attacked(G, nodes, counted, common: frozenset[str] = frozenset()) -> list[_Mark]:
    marks = []
    for rel in counted:
        if rel.kind not in _CLAIM_ATTACKS or rel.targets_relation:
            continue
        target, attacker = nodes.get(rel.target), nodes.get(rel.source)
        if target is None or attacker is None:
            continue
        for field in ("text", "title", "quote"):
            found = condition_of(getattr(target, field))
            if not found:
                continue
            condition, rest = found
            cond_words, rest_words = _words(condition) - common, _words(rest) - common
            said = (_words(attacker.text) | _words(attacker.title)) - common
            on_condition = cond_words & said
            if on_condition and len(on_condition) > len(rest_words & said):
                message = (f"{_name(G, target.id)} is conditional (“…{_clip(condition)}”) and {_name(G, attacker.id)} "
                           f"attacks it speaking of its condition ({', '.join(sorted(on_condition))})")
                hint = ("a heuristic (shared words): a claim about which scenario holds does not deny a conditional; "
                        "if so, link it to the condition (or not at all); if it does deny it, acknowledge: "
                        "`reviewed: reason`")
                marks.append(_Mark("conditional-attacked", _where(nodes, rel, rel.source), message, hint,
                                   node=attacker, relation=rel))
                break
    return marks


def _clip(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


# -- thesis -------------------------------------------------------------------------------------
def _theses(G, ev, nodes, maps) -> list[_Mark]:
    marks = []
    for m in maps:
        v = ev.verdicts.get(m.name)
        if v is None or not v.thesis or ev.status.get(v.thesis) not in ("OUT", "UNDEC"):
            continue
        node = nodes.get(v.thesis)
        code = "thesis-falls" if ev.status[v.thesis] == "OUT" else "thesis-open"
        message = f"the thesis of map '{m.name}', {_name(G, v.thesis)}, {v.sentence}"
        hint = ("check what decides it against the source (`argmap show " + v.thesis + "`); if the verdict is right, "
                f"acknowledge it: `reviewed: {{{code}: reason}}` on the node")
        marks.append(_Mark(code, node.loc if node else None, message, hint, node=node))
    return marks


# -- reply-unlinked -------------------------------------------------------------------------------
def _unlinked_replies(maps, project: Project) -> list[_Mark]:
    """Sources that reply to another whose (non-question) nodes link to no node of it.

    A link either way counts (the post's nodes may support the reply's restatement).
    A source declared alike in two maps of the folder (same id, title, author, url
    and file: one comment thread mapped in two files) is one source, so a reply
    may answer the post's nodes in the other map.
    """
    def same(m: Map, sid: str) -> tuple:
        s = m.sources[sid]
        return (sid, s.title, s.author, s.url, s.file)

    nodes = project.nodes()
    cited: dict[tuple, set[str]] = {}
    for m in project.maps:
        for n in m.nodes:  # a node is cited by each source it is said in, its own and its wordings'
            for sid in n.cited_sources:
                if sid in m.sources:
                    cited.setdefault(same(m, sid), set()).add(n.id)
    marks = []
    for m in maps:
        by_source: dict[str, list[Node]] = {}
        for n in m.nodes:
            if n.kind != "question":
                for sid in n.cited_sources:
                    by_source.setdefault(sid, []).append(n)
        for sid, src in m.sources.items():
            parent = src.replies_to
            if not parent or parent not in m.sources:
                continue
            mine = by_source.get(sid, [])
            if not mine:
                continue  # nothing mapped, or only questions (a question links to nothing; answers link to it)
            theirs = cited.get(same(m, parent), set())
            linked = _links(mine, theirs) or _links([nodes[t] for t in sorted(theirs) if t in nodes], {n.id for n in mine})
            if linked:
                continue
            message = (f"source '{sid}' replies to '{parent}', but none of its {len(mine)} node"
                       f"{'s' * (len(mine) != 1)} is linked to a node of '{parent}'"
                       + ("" if theirs else f" ('{parent}' has no nodes)"))
            hint = ("say what the reply answers (a supports, attacks, concedes or answers link to the node it answers), "
                    "or correct `replies_to`; if it answers nothing mapped, acknowledge: "
                    "`reviewed: {reply-unlinked: reason}` on the source")
            marks.append(_Mark("reply-unlinked", src.replies_to_loc or src.loc, message, hint, source=(m, sid)))
    return marks


def _links(froms: list[Node], to: set[str]) -> bool:
    """Whether a node of ``froms`` makes a relation (or names a premise) into ``to``."""
    return any(r.target in to or bool(set(r.target_pair() or ()) & to) for n in froms for r in n.relations) or any(
        p in to for n in froms for p in n.premises)


# -- acknowledgements ---------------------------------------------------------------------------
def _acknowledge(marks: list[_Mark], maps, include_acknowledged: bool) -> list[Diagnostic]:
    used: set[tuple] = set()
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    for mark in marks:
        key = (mark.code, str(mark.loc), mark.message)
        if key in seen:
            continue
        seen.add(key)
        reason = None
        if mark.relation is not None and mark.relation.reviewed:
            reason = mark.relation.reviewed
            used.add(("relation", id(mark.relation)))
        elif mark.node is not None and dict(mark.node.reviewed).get(mark.code):
            reason = dict(mark.node.reviewed)[mark.code]
            used.add(("node", mark.node.id, mark.code))
        elif mark.source is not None:
            m, sid = mark.source
            reason = dict(m.sources[sid].reviewed).get(mark.code)
            if reason:
                used.add(("source", m.name, sid, mark.code))
        if reason is None:
            out.append(Diagnostic(REVIEW, mark.code, mark.message, mark.loc, mark.hint))
        elif include_acknowledged:
            out.append(Diagnostic(ACKNOWLEDGED, mark.code, mark.message, mark.loc, f"reviewed: {reason}"))
    if include_acknowledged:
        for m in maps:
            for sid, src in m.sources.items():
                for code, reason in src.reviewed:
                    if ("source", m.name, sid, code) not in used:
                        out.append(_unused(code, f"source '{sid}'", src.loc))
            for n in m.nodes:
                for code, reason in n.reviewed:
                    if ("node", n.id, code) not in used:
                        out.append(_unused(code, f"node '{n.id}'", n.loc))
                for r in n.relations:
                    if r.reviewed and ("relation", id(r)) not in used:
                        out.append(_unused(None, f"the link {r.source} {r.kind} {r.target}", r.loc))
    out.sort(key=Diagnostic.sort_key)
    return out


def _unused(code: str | None, what: str, loc) -> Diagnostic:
    which = f"'{code}'" if code else "its"
    return Diagnostic(ACKNOWLEDGED, "unused-review", f"{what} acknowledges {which} mark, but no such mark is made "
                      "under these settings", loc, "if the verdict no longer needs it, remove the `reviewed` entry")

