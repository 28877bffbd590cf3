"""Checks across nodes and files: the map as a whole must make sense.

Per-file shape (keys, types, ids) is checked while reading, in :mod:`argmap.loader`;
here the nodes of every map are seen together.
"""

from __future__ import annotations

from .diagnostics import Diagnostic, Suggestions, did_you_mean
from .model import Project
from .spec import ANSWER_KINDS, ATTACKABLE_RELATIONS, RELATION_ATTACKERS, RELATIONS, STANCES_NEEDING_HOLDER, SUPPORT_KINDS

_ONE_WAY_ATTACKS = {k for k, r in RELATIONS.items() if r.attack and not r.symmetric}

__all__ = ["validate"]


def validate(project: Project) -> list[Diagnostic]:
    """Duplicate ids and map names, dangling targets, self-loops, bad undercuts, unused sources, v2 misuse.

    Rule codes of format v2 (docs/format-v2.md), one per misuse: ``answers-non-question``,
    ``question-target``, ``question-relation``, ``relation-target-kind``, ``dangling-relation``, ``ambiguous-relation``,
    ``unknown-premise``, ``premises-non-argument``, ``premises-conclusion``, ``missing-holder``,
    ``unknown-reply``, ``reply-cycle`` (errors) and ``contradicts-twice``, ``long-title``,
    ``holder-without-stance`` (warnings); ``cq-without-scheme``, ``unknown-cq`` (critical questions,
    :mod:`argmap.schemes`).  ``bad-stance``, ``bad-scheme``,
    ``bad-weight`` and wrong types are found while reading (:mod:`argmap.loader`).
    """
    diags: list[Diagnostic] = []
    first: dict[str, object] = {}
    for node in project.iter_nodes():
        if node.id in first:
            prev = first[node.id]
            diags.append(
                Diagnostic.error(
                    "duplicate-id",
                    f"id '{node.id}' is already used at {prev.loc}",
                    node.loc,
                    "ids must be unique across every map in the folder; rename one of them",
                )
            )
        else:
            first[node.id] = node
    names: dict[str, object] = {}
    for m in project.maps:
        if m.name in names:
            diags.append(
                Diagnostic.error(
                    "duplicate-map",
                    f"map name '{m.name}' is also used by {names[m.name].path}",
                    m.loc,
                    "set a different `map:` name in one of the files",
                )
            )
        names.setdefault(m.name, m)

    nodes = first
    pairs: dict[tuple[str, str], list[str]] = {}
    for rel in project.relations():
        if not rel.targets_relation:
            pairs.setdefault((rel.source, rel.target), []).append(rel.kind)
    # one suggestion index per namespace, built on the first unresolved name (if any)
    ids = Suggestions(nodes)
    from functools import cache

    @cache
    def addresses() -> dict:  # nested relation addresses, resolved once and only when a file writes one (argmap.address)
        from .address import resolve

        return resolve(project.relations(), set(nodes))

    links = Suggestions(lambda: [f"{a}->{b}" for (a, b), ks in pairs.items() if set(ks) & set(ATTACKABLE_RELATIONS)]
                        + sorted({f"{r.source}->{r.target}" for r, res in addresses().items()
                                  if res.path is not None and r.kind in ATTACKABLE_RELATIONS}))
    for node in project.iter_nodes():
        seen: set[tuple[str, str]] = set()
        for rel in node.relations:
            if node.kind == "question" and rel.kind not in ANSWER_KINDS:
                diags.append(
                    Diagnostic.error(
                        "question-relation",
                        f"question '{node.id}' {rel.kind} '{rel.target}'; a question asserts nothing, so it cannot",
                        rel.loc,
                        "write the claim the question implies as a node of its own, or answer the question",
                    )
                )
                continue
            if rel.targets_relation:
                if (rel.target.count("->") > 1 or isinstance(rel.target_relation, tuple)) and rel.kind in RELATION_ATTACKERS:
                    diags.extend(_nested_target(rel, node, addresses()[rel], links))
                else:
                    diags.extend(_relation_target(rel, node, nodes, pairs, links))
                continue
            if rel.target_relation is not None:
                diags.append(
                    Diagnostic.error(
                        "relation-key",
                        f"'{node.id}' {rel.kind} '{rel.target}' with `relation:`, but the target is a node",
                        rel.loc,
                        "`relation:` picks one relation of a pair; use it only when `to:` names SRC->TGT",
                    )
                )
            if rel.target == node.id:
                diags.append(
                    Diagnostic.error(
                        "self-loop",
                        f"node '{node.id}' {rel.kind} itself",
                        rel.loc,
                        "point the relation at the node it answers",
                    )
                )
                continue
            target = nodes.get(rel.target)
            if target is None:
                diags.append(
                    Diagnostic.error(
                        "dangling",
                        f"'{node.id}' {rel.kind} '{rel.target}', which no map defines",
                        rel.loc,
                        ids.hint(rel.target) or "define a node with that id, or fix the id",
                    )
                )
                continue
            kind = RELATIONS.get(rel.kind)
            if kind is not None and target.kind not in kind.targets:
                diags.append(_wrong_target(node, rel, target, kind))
            if (rel.kind, rel.target) in seen:
                diags.append(
                    Diagnostic.warning("duplicate-relation", f"'{node.id}' {rel.kind} '{rel.target}' twice", rel.loc)
                )
            seen.add((rel.kind, rel.target))
        kinds = {}
        for rel in node.relations:
            kinds.setdefault(rel.target, set()).add(rel.kind)
        for target, ks in kinds.items():
            if ks & set(SUPPORT_KINDS) and ks & _ONE_WAY_ATTACKS:
                rel = next(r for r in node.relations if r.target == target and r.kind in SUPPORT_KINDS)
                diags.append(
                    Diagnostic.warning(
                        "support-and-attack",
                        f"'{node.id}' both supports and attacks '{target}'",
                        rel.loc,
                        "split the node into the part that supports and the part that attacks",
                    )
                )

    diags.extend(_v2_nodes(project, nodes, ids))
    diags.extend(_critical_questions(project, nodes))
    for m in project.maps:
        if m.thesis is not None and not any(n.id == m.thesis for n in m.nodes):
            elsewhere = nodes.get(m.thesis)
            diags.append(Diagnostic.error(
                "unknown-thesis",
                f"the thesis of map '{m.name}' is '{m.thesis}', "
                + (f"a node of map '{elsewhere.map}', not of this one" if elsewhere else "which no node of this map is"),
                m.thesis_loc or m.loc,
                did_you_mean(m.thesis, [n.id for n in m.nodes]) or "name the id of the claim this map argues for or about",
            ))
        elif m.thesis is not None and next(n for n in m.nodes if n.id == m.thesis).kind == "question":
            diags.append(Diagnostic.error(
                "unknown-thesis", f"the thesis of map '{m.name}' is '{m.thesis}', a question; a thesis is a claim",
                m.thesis_loc or m.loc, "name the claim that answers it, or the claim the map argues about"))
    for m in project.maps:
        diags.extend(_threads(m))
    for m in project.maps:
        used = {sid for n in m.nodes for sid in n.cited_sources}
        used |= {s.replies_to for s in m.sources.values() if s.replies_to}  # a thread's link: replied to
        for sid, source in m.sources.items():
            if sid not in used:
                diags.append(
                    Diagnostic.warning("unused-source", f"source '{sid}' is declared but no node cites it", source.loc)
                )
    return diags


def _wrong_target(node, rel, target, kind) -> Diagnostic:
    """A relation pointed at a kind of node its row in spec.RELATIONS does not allow."""
    answers = "`" + "`, `".join(ANSWER_KINDS) + "`"
    if "question" in kind.targets:
        others = ", ".join(f"`{k}`" for k, r in RELATIONS.items() if r.written and target.kind in r.targets)
        return Diagnostic.error(
            "answers-non-question", f"'{node.id}' {rel.kind} '{rel.target}', which is a {target.kind}, not a question",
            rel.loc, f"give '{rel.target}' `kind: question`, or use {others}")
    if target.kind == "question":
        return Diagnostic.error(
            "question-target",
            f"'{node.id}' {rel.kind} '{rel.target}', which is a question; only {answers} may target a question",
            rel.loc, f"write `{ANSWER_KINDS[0]}: [{rel.target}]`")
    return Diagnostic.error(
        "undercut-claim", f"'{node.id}' {rel.kind} '{rel.target}', which is a {target.kind}, not an argument",
        rel.loc, f"`{rel.kind}` denies an inference: give '{rel.target}' `kind: argument`, or use `attacks`")


def _kinds_written(path) -> str:
    return f"[{', '.join(path)}]" if len(path) > 1 else path[0]


def _nested_target(rel, node, res, links: Suggestions) -> list[Diagnostic]:
    """Checks of an attack on an attack on a relation (``BY->SRC->TGT``, any depth: see argmap.address)."""
    src, _, inner = rel.target.partition("->")
    if node.id == src or node.id == inner:
        return [Diagnostic.error(
            "self-loop", f"node '{node.id}' {rel.kind} a relation of its own ('{rel.target}')", rel.loc,
            f"'{node.id}' cannot object to its own objection; withdraw it, or answer '{inner}' instead")]
    if not res.found:
        return [Diagnostic.error(
            "dangling-relation", f"'{node.id}' {rel.kind} the relation '{rel.target}', which no map defines", rel.loc,
            links.hint(rel.target)
            or f"'{rel.target}' names an attacks or undercuts that '{src}' aims at the relation '{inner}' "
               f"(read from the right: '{src}' -> ('{inner}'))")]
    if not res.matching:
        return [Diagnostic.error(
            "dangling-relation",
            f"'{node.id}' {rel.kind} the relation '{rel.target}' with `relation: {_kinds_written(rel.target_relation if isinstance(rel.target_relation, tuple) else (rel.target_relation,))}`, "
            f"but there it is {' or '.join(_kinds_written(p) for p in res.found)}",
            rel.loc, f"write `relation: {_kinds_written(res.found[0])}` (kinds outermost first, one per `->`)")]
    if len(res.matching) > 1:
        return [Diagnostic.error(
            "ambiguous-relation",
            f"'{rel.target}' names {len(res.matching)} relations ({'; '.join(_kinds_written(p) for p in res.matching)})",
            rel.loc, f"say which with `relation: {_kinds_written(res.matching[0])}` beside `to:` (kinds outermost first)")]
    return []


def _relation_target(rel, node, nodes, pairs, links: Suggestions) -> list[Diagnostic]:
    """Checks of a relation aimed at a relation ``SRC->TGT``."""
    if rel.kind not in RELATION_ATTACKERS:
        return [
            Diagnostic.error(
                "relation-target-kind",
                f"'{node.id}' {rel.kind} the relation '{rel.target}'; only attacks and undercuts may target a relation",
                rel.loc,
                "to object that a link does not hold, write `attacks:` or `undercuts:`; "
                f"otherwise point `{rel.kind}` at a node",
            )
        ]
    src, tgt = rel.target_pair()
    kinds = [k for k in pairs.get((src, tgt), []) if k in ATTACKABLE_RELATIONS]
    if src == node.id or tgt == node.id:
        return [
            Diagnostic.error(
                "self-loop",
                f"node '{node.id}' {rel.kind} a relation of its own ('{rel.target}')",
                rel.loc,
                "a node cannot object to a link it is one end of",
            )
        ]
    if not kinds:
        reverse = pairs.get((tgt, src), [])
        written = [k for k in pairs.get((src, tgt), []) if k not in ATTACKABLE_RELATIONS]
        symmetric = [k for k in reverse if k in RELATIONS and RELATIONS[k].symmetric]
        if symmetric:  # symmetric, but named from the side that writes it
            hint = f"'{tgt}' {symmetric[0]} '{src}': name that relation '{tgt}->{src}'"
        elif written:
            hint = (f"'{src}' {' and '.join(sorted(written))} '{tgt}'; only a {', '.join(ATTACKABLE_RELATIONS[:-1])} or "
                    f"{ATTACKABLE_RELATIONS[-1]} relation can be objected to")
        else:
            hint = None
        return [
            Diagnostic.error(
                "dangling-relation",
                f"'{node.id}' {rel.kind} the relation '{rel.target}', which no map defines",
                rel.loc,
                hint or links.hint(rel.target)
                or f"a relation is named SRC->TGT after a supports, attacks, undercuts or contradicts that '{src}' writes",
            )
        ]
    if rel.target_relation is not None:
        if rel.target_relation not in kinds:
            return [
                Diagnostic.error(
                    "dangling-relation",
                    f"'{node.id}' {rel.kind} the {rel.target_relation} relation '{rel.target}', but '{src}' "
                    f"only {' and '.join(sorted(set(kinds)))} '{tgt}'",
                    rel.loc,
                    f"write `relation: {sorted(set(kinds))[0]}`",
                )
            ]
    elif len(set(kinds)) > 1:
        return [
            Diagnostic.error(
                "ambiguous-relation",
                f"'{rel.target}' names {len(set(kinds))} relations ({', '.join(sorted(set(kinds)))})",
                rel.loc,
                f"say which with `relation: {sorted(set(kinds))[0]}` beside `to:`",
            )
        ]
    return []


TITLE_WORDS = 12  # a title longer than this is a sentence, not a label (the format asks for ~8 words)


def _v2_nodes(project: Project, nodes: dict, ids: Suggestions) -> list[Diagnostic]:
    """Premises, stances and doubled contradictions."""
    diags: list[Diagnostic] = []
    contradicts = {(r.source, r.target): r for r in project.relations() if r.kind in RELATIONS and RELATIONS[r.kind].symmetric}
    for (a, b), rel in sorted(contradicts.items()):
        if a < b and (b, a) in contradicts:
            later = contradicts[(b, a)]
            diags.append(
                Diagnostic.warning(
                    "contradicts-twice",
                    f"'{a}' and '{b}' contradict each other on both sides (also at {rel.loc})",
                    later.loc,
                    f"{rel.kind} is symmetric: write it on one side only",
                )
            )
    for node in project.iter_nodes():
        where = node.premises_loc or node.loc
        if node.premises:
            if node.kind != "argument":
                diags.append(
                    Diagnostic.error(
                        "premises-non-argument",
                        f"'{node.id}' lists premises but is a {node.kind}, not an argument",
                        where,
                        "give it `kind: argument` (an inference from its premises to what it supports)",
                    )
                )
            for p in sorted({p for p in node.premises if node.premises.count(p) > 1}):
                diags.append(Diagnostic.warning("duplicate-relation", f"'{node.id}' lists premise '{p}' twice", where,
                                                "a linked premise counts once; remove the repeat"))
            for p in node.premises:
                if p == node.id:
                    diags.append(Diagnostic.error("self-loop", f"'{node.id}' lists itself as a premise", where,
                                                  "a premise is another node"))
                elif p not in nodes:
                    diags.append(
                        Diagnostic.error(
                            "unknown-premise",
                            f"'{node.id}' lists premise '{p}', which no map defines",
                            where,
                            ids.hint(p) or "define a node with that id, or fix the id",
                        )
                    )
            conclusions = [r.target for r in node.relations if r.kind in SUPPORT_KINDS and not r.targets_relation]
            if len(conclusions) != 1:
                diags.append(
                    Diagnostic.error(
                        "premises-conclusion",
                        f"'{node.id}' lists premises and supports {len(conclusions)} nodes; "
                        "an argument with premises supports exactly one (its conclusion)",
                        where,
                        "write `supports: [its-conclusion]`" if not conclusions
                        else "split it into one argument per conclusion",
                    )
                )
        if node.title and len(node.title.split()) > TITLE_WORDS:
            diags.append(
                Diagnostic.warning(
                    "long-title",
                    f"the title of '{node.id}' has {len(node.title.split())} words; a title is a short label "
                    f"drawn bold above the text",
                    node.loc,
                    "keep at most ~8 words (the label a reader can still read at small scale); the rest belongs in `text`",
                )
            )
        if node.held_by and node.stance == "own" and node.held_by != node.by:
            diags.append(
                Diagnostic.warning(
                    "holder-without-stance",
                    f"'{node.id}' is held by {node.held_by!r} but its stance is own (the writer's view)",
                    node.loc,
                    "add `stance: restates` or `reports` (the writer sets down someone else's view), or drop `held_by`",
                )
            )
        if node.stance in STANCES_NEEDING_HOLDER and not node.held_by:
            diags.append(
                Diagnostic.error(
                    "missing-holder",
                    f"'{node.id}' {node.stance} a view but does not say whose",
                    node.stance_loc or node.loc,
                    "add `held_by: NAME` (whose view it is); `by` is who wrote these words",
                )
            )
    return diags


def _critical_questions(project: Project, nodes: dict) -> list[Diagnostic]:
    """``cq:`` on a reply names a critical question of the scheme of what it answers: of the target
    node, or of the source of a relation ``SRC->TGT`` (the argument whose link it questions)."""
    from .schemes import SCHEMES

    diags: list[Diagnostic] = []
    for rel in project.relations():
        if rel.cq is None:
            continue
        owner_id = rel.asked_of
        owner = nodes.get(owner_id)
        if owner is None:
            continue  # dangling: reported with the relation
        scheme = SCHEMES.get(owner.scheme) if owner.scheme else None
        if scheme is None:
            diags.append(
                Diagnostic.error(
                    "cq-without-scheme",
                    f"'{rel.source}' {rel.kind} '{rel.target}' raising critical question '{rel.cq}', "
                    f"but '{owner_id}' names no scheme",
                    rel.loc,
                    f"give '{owner_id}' a `scheme:` (`argmap schemes` lists them), or drop `cq:`",
                )
            )
        elif scheme.question(rel.cq) is None:
            diags.append(
                Diagnostic.error(
                    "unknown-cq",
                    f"'{rel.source}' {rel.kind} '{rel.target}' raising critical question '{rel.cq}', "
                    f"which {scheme.title} does not ask",
                    rel.loc,
                    did_you_mean(rel.cq, scheme.codes) or f"its questions: {', '.join(scheme.codes)}",
                )
            )
    return diags


def _threads(m) -> list[Diagnostic]:
    """``replies_to`` names a source of the same map and forms no cycle.

    Linear in the sources: each is walked once (a chain of replies is not walked
    again from every source on it), and each cycle is reported once, from its
    first source in file order.
    """
    diags: list[Diagnostic] = []
    sources = m.sources
    names = Suggestions(sources)
    for sid, source in sources.items():
        if source.replies_to is None:
            continue
        if source.replies_to not in sources:
            diags.append(
                Diagnostic.error(
                    "unknown-reply",
                    f"source '{sid}' replies to '{source.replies_to}', which is not a source of this map",
                    source.replies_to_loc or source.loc,
                    names.hint(source.replies_to) or "name a source declared under `sources:` here",
                )
            )
    order = {sid: k for k, sid in enumerate(sources)}
    state: dict[str, int] = {}  # 1: on the walk now, 2: done
    for start in sources:
        if start in state:
            continue
        path: list[str] = []
        cur = start
        while cur in sources and cur not in state:
            state[cur] = 1
            path.append(cur)
            cur = sources[cur].replies_to
        if cur in sources and state.get(cur) == 1:  # the walk came back to itself: a cycle
            ring = path[path.index(cur):]
            first = min(ring, key=order.__getitem__)
            k = ring.index(first)
            seen = ring[k:] + ring[:k]
            src = sources[first]
            diags.append(
                Diagnostic.error(
                    "reply-cycle",
                    f"sources reply to each other in a cycle: {' -> '.join(seen + [first])}",
                    src.replies_to_loc or src.loc,
                    "a reply answers an earlier source; remove one `replies_to`",
                )
            )
        for x in path:
            state[x] = 2
    return diags
