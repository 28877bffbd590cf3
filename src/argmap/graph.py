"""Model → ``networkx.MultiDiGraph``, and the views drawn from it.

Nodes are keyed by id and carry everything an exporter needs (text, kind, by,
map, tags, quote, the cited source as a dict, file and line; ``wordings``, when the
node has further wordings: each ``{text, by, quote, source}`` with its source as a dict).  Edges go from
the node that makes a relation to its target, keyed by the relation kind
(``supports``, ``attacks``, ``undercuts``), with the same name in ``kind``.

Views return new graphs and never change the one they are given.  Nothing is
written into a graph after :func:`build`: verdicts live in
:class:`argmap.evaluation.Evaluation`, computed once on the folder's graph.  A
view of one map keeps the nodes of other maps that touch it and marks them
``ghost=True``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import networkx as nx

from .model import Project
from .spec import PREMISE

__all__ = ["build", "map_view", "focus", "filter_nodes", "subgraph", "split", "relation_name", "relation_attacks", "relation_kinds_needed", "PREMISE"]


#: Joins a root id and a page number in the name of a part that holds a later page of the
#: root's replies (``hub~2``); never in an id (:data:`argmap.spec.ID_PATTERN`).
PAGE_MARK = "~"


def relation_name(u: str, v: str) -> str:
    """The name a relation ``u -> v`` is targeted by: ``"u->v"``."""
    return f"{u}->{v}"


def build(project: Project) -> nx.MultiDiGraph:
    """One graph of every map in the project.

    Examples
    --------
    >>> from argmap.model import Node, Map, Project, Relation
    >>> a = Node("a", "A claim.", "m")
    >>> b = Node("b", "An objection.", "m", relations=(Relation("attacks", "b", "a"),))
    >>> G = build(Project((Map("m", "m.yaml", nodes=(a, b)),)))
    >>> list(G.edges(keys=True))
    [('b', 'a', 'attacks')]
    """
    # The folder's order (sorted paths, as a folder is walked), whichever file was named first:
    # `render FILE` and `render FOLDER --map` / `build` then draw a map with the same bytes.
    maps = sorted(project.maps, key=lambda m: Path(m.path))
    G = nx.MultiDiGraph()
    G.graph["maps"] = {
        m.name: {"title": m.title or m.name, "description": m.description, "path": m.path, "thesis": m.thesis, "sources": {sid: _source_dict(src) for sid, src in m.sources.items()}}
        for m in maps
    }
    # Views copy the graph attributes, so each remembers the folder it was selected from: the
    # folder's author colours and its parts are computed on the whole (theme.folder_colors, parts.part_of).
    G.graph["whole"] = G
    for m in maps:
        for node in m.nodes:
            source = m.sources.get(node.source) if node.source else None
            G.add_node(
                node.id,
                text=node.text,
                kind=node.kind,
                by=node.by,
                map=node.map,
                tags=node.tags,
                quote=node.quote,
                note=node.note,
                source=_source_dict(source),
                file=node.loc.file if node.loc else None,
                line=node.loc.line if node.loc else None,
                title=node.title,
                held_by=node.held_by,
                stance=node.stance,
                holder=node.holder,
                weight=node.weight,
                premises=node.premises,
                **({"scheme": node.scheme} if node.scheme else {}),
                **({"wordings": tuple(_wording_dict(w, m.sources) for w in node.wordings)} if node.wordings else {}),
            )
    on_relations = []
    for node in (node for m in maps for node in m.nodes):
        if node.id not in G:
            continue
        for rel in node.relations:
            if rel.targets_relation:
                on_relations.append(rel)
            elif rel.target in G and rel.source != rel.target and not G.has_edge(rel.source, rel.target, rel.kind):
                G.add_edge(rel.source, rel.target, key=rel.kind, kind=rel.kind, inferred=rel.inferred, note=rel.note,
                           **({"cq": rel.cq} if rel.cq else {}))
        if node.kind == "argument":
            for p in node.premises:
                if p in G and p != node.id and not G.has_edge(p, node.id, PREMISE):
                    G.add_edge(p, node.id, key=PREMISE, kind=PREMISE, inferred=False, note=None)
    # an attack on a relation is stored on the relation it attacks: on the edge (``attacked_by``), or, for
    # an attack on an attack on a relation (``d->c->a->b``), on that attack's own entry, at any depth
    from .address import resolve, split as address_ids

    found = resolve((rel for m in maps for node in m.nodes if node.id in G for rel in node.relations), set(G))
    holders: dict[tuple, dict] = {}  # (u, v, key, (by, kind), ...) -> {(by, kind): entry}
    for rel in sorted(on_relations, key=lambda r: r.target.count("->")):
        path = found[rel].path
        ids = address_ids(rel.target)
        if path is None or rel.source == ids[0] or (len(ids) == 2 and rel.source == ids[1]):
            continue  # dangling, ambiguous or its own: `check` reports it
        u, v = ids[-2], ids[-1]
        if not G.has_edge(u, v, path[-1]):
            continue
        place: tuple = (u, v, path[-1])
        for by, kind in zip(reversed(ids[:-2]), reversed(path[:-1])):
            if (by, kind) not in holders.get(place, {}):
                break
            place += ((by, kind),)
        else:
            holders.setdefault(place, {}).setdefault(
                (rel.source, rel.kind), {"by": rel.source, "kind": rel.kind, "inferred": rel.inferred, "note": rel.note,
                 **({"cq": rel.cq} if rel.cq else {})})

    def frozen(place: tuple) -> tuple[dict, ...]:
        found = holders[place]
        out = []
        for key in sorted(found):
            entry = found[key]
            if place + (key,) in holders:
                entry = {**entry, "attacked_by": frozen(place + (key,))}
            out.append(entry)
        return tuple(out)

    for place in holders:
        if len(place) == 3:
            G.edges[place]["attacked_by"] = frozen(place)
    return G


def relation_attacks(G: nx.MultiDiGraph):
    """Every attack on a relation, at any depth: ``(target, entry, edge, kinds)``, shallow first within an edge.

    ``target`` is the address of the relation attacked (``u->v``, or ``c->u->v`` for an
    attack on ``c``'s objection to ``u->v``: argmap.address), ``entry`` the attack's dict
    (``by``, ``kind``, ``inferred``, ``note``, maybe ``attacked_by``), ``edge`` the ``(u, v, key)``
    at the bottom and ``kinds`` the kind path of ``target`` (outermost first).
    """
    from collections import deque

    for u, v, k, by in G.edges(keys=True, data="attacked_by"):
        todo = deque((relation_name(u, v), o, (k,)) for o in by or ())
        while todo:  # a deque: a link with thousands of objections is read in one pass
            target, o, kinds = todo.popleft()
            yield target, o, (u, v, k), kinds
            todo.extend((f"{o['by']}->{target}", o2, (o["kind"],) + kinds) for o2 in o.get("attacked_by") or ())


def relation_kinds_needed(G: nx.MultiDiGraph) -> set[str]:
    """The relation addresses of ``G`` that name more than one relation (a writer adds ``relation:`` to them)."""
    from .spec import ATTACKABLE_RELATIONS

    paths: dict[str, set] = {}
    for u, v, k in G.edges(keys=True):
        if k in ATTACKABLE_RELATIONS:
            paths.setdefault(relation_name(u, v), set()).add((k,))
    for target, o, _, kinds in relation_attacks(G):
        paths.setdefault(f"{o['by']}->{target}", set()).add((o["kind"],) + kinds)
    return {address for address, found in paths.items() if len(found) > 1}


def _wording_dict(w, sources) -> dict:
    """A further wording as the graph carries it: its text, who worded it, its quote and its source as a dict."""
    return {"text": w.text, "by": w.by, "quote": w.quote,
            "source": _source_dict(sources.get(w.source)) if w.source else None}


def _source_dict(source) -> dict | None:
    if source is None:
        return None
    return {k: getattr(source, k) for k in ("id", "title", "author", "date", "url", "file", "replies_to", "order")}


def map_view(G: nx.MultiDiGraph, name: str) -> nx.MultiDiGraph:
    """The nodes of map ``name`` plus, as ghosts, the nodes of other maps they touch."""
    own = {n for n, m in G.nodes(data="map") if m == name}
    if not own and name not in G.graph.get("maps", {}):
        raise KeyError(name)
    ghosts = set()
    for n in own:
        ghosts.update(G.successors(n))
        ghosts.update(G.predecessors(n))
    ghosts -= own
    # an attack on a relation: the attacked edge and its attackers come along
    objected = set()
    for u, v, k, by in _attacked_edges(G):
        ends = {u, v}
        if ends & own or by & own:
            objected.add((u, v, k))
            ghosts |= (ends | by) - own
    H = _subgraph(G, own | ghosts)
    for n in ghosts:
        H.nodes[n]["ghost"] = True
    # edges between two ghosts belong to another map, unless one of this map's nodes objects to them
    drop = [(u, v, k) for u, v, k in H.edges(keys=True) if u in ghosts and v in ghosts and (u, v, k) not in objected]
    H.remove_edges_from(drop)
    H.graph["title"] = G.graph["maps"].get(name, {}).get("title", name)
    H.graph["map"] = name
    return H


def focus(G: nx.MultiDiGraph, center: str, depth: int = 2) -> nx.MultiDiGraph:
    """``center`` and every node within ``depth`` relations of it, in either direction."""
    if center not in G:
        raise KeyError(center)
    U = nx.Graph(G.to_undirected(as_view=True))
    for u, v, k, by in _attacked_edges(G):  # an objection to a link is one step from both its ends
        U.add_edges_from((a, end) for a in by for end in (u, v))
    keep = set(nx.single_source_shortest_path_length(U, center, cutoff=depth))
    for u, v, k, by in _attacked_edges(G):  # a kept attacked edge keeps its attackers
        if u in keep and v in keep:
            keep |= by
    H = _subgraph(G, keep)
    H.graph["focus"] = center
    return H


def filter_nodes(G: nx.MultiDiGraph, *, tags: Iterable[str] = (), authors: Iterable[str] = ()) -> nx.MultiDiGraph:
    """Only nodes carrying one of ``tags`` (if given) and written or held by one of ``authors`` (if given)."""
    tags = set(tags)
    authors = {a.casefold() for a in authors}
    keep = [
        n
        for n, d in G.nodes(data=True)
        if (not tags or tags & set(d.get("tags") or ()))
        and (not authors or {(d.get("by") or "").casefold(), (d.get("held_by") or "").casefold()} & authors)
    ]
    return _subgraph(G, keep)


def subgraph(G: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """The nodes given and the relations between them, as an independent graph (graph attributes kept)."""
    return _subgraph(G, nodes)


def _attacked_edges(G: nx.MultiDiGraph):
    """``(u, v, key, attacker ids)`` of every edge an attack on a relation targets."""
    for u, v, k, by in G.edges(keys=True, data="attacked_by"):
        if by:
            yield u, v, k, set(_attackers(by))


def _attackers(by):
    """The ids of the attackers in an ``attacked_by``, and of those attacking them, at any depth."""
    for a in by:
        yield a["by"]
        yield from _attackers(a.get("attacked_by") or ())


def _kept(by, keep) -> tuple:
    """``attacked_by`` with only the attackers in ``keep`` (an attack on a dropped attack goes with it)."""
    return tuple(_trimmed(dict(a), keep) for a in by if a["by"] in keep)


def _trimmed(d: dict, keep) -> dict:
    """``d`` (an edge's data or an attack, a copy) with its ``attacked_by`` kept to ``keep``; none left, no key."""
    if d.get("attacked_by"):
        by = _kept(d["attacked_by"], keep)
        if by:
            d["attacked_by"] = by
        else:
            del d["attacked_by"]
    return d


def _subgraph(G: nx.MultiDiGraph, nodes: Iterable[str]) -> nx.MultiDiGraph:
    """An independent copy of the subgraph, nodes kept in the original order (for stable output).

    An edge's ``attacked_by`` keeps only the attackers the subgraph holds.
    """
    keep = set(nodes)
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    H.add_nodes_from((n, dict(d)) for n, d in G.nodes(data=True) if n in keep)
    for u, v, k, d in G.edges(keys=True, data=True):
        if u in keep and v in keep:
            H.add_edge(u, v, k, **_trimmed(dict(d), keep))
    return H


def split(G: nx.MultiDiGraph, max_nodes: int = 14, max_depth: int = 2) -> list[tuple[str, nx.MultiDiGraph]]:
    """Readable parts of a big map: each a conclusion and the replies under it, at most ``max_nodes``.

    Starting from each conclusion (a node that answers nothing in this map; where a
    debate has none, as in a cycle of attacks, from its first node not yet drawn), replies
    are taken breadth first, all replies to one node together; a node whose replies
    would overflow the part, or lie more than ``max_depth`` steps from its root, is
    drawn without them, marked ``continued``, and starts a part of its own.  A part's root
    keeps all its replies when they fit; when they do not (a claim answered by hundreds),
    they are dealt out in order over several parts of ``max_nodes`` each, named
    ``ROOT``, ``ROOT~2``, ``ROOT~3``... (:data:`PAGE_MARK`; ``~`` is never in an id), and
    each part's graph says which replies it holds (``page``: first, last, total).  So no
    part is wider than a column, and Graphviz lays out small parts only, at any size.
    Ghosts (nodes of other maps) that a part's nodes point to come along, and so does what
    a part's root answers.  Parts are returned in a stable order, named by root id.
    """
    from collections import deque

    # Linear in nodes + edges: every queue is a deque, every membership test a
    # set, and a part's subgraph is built from its own nodes' edges, never by
    # scanning the whole graph once per part.
    position = {n: i for i, n in enumerate(G.nodes)}
    own = [n for n, d in G.nodes(data=True) if not d.get("ghost")]
    own_set = set(own)

    # an objection to a link u->v replies to u, so it is drawn in the part that draws that link
    on_links: dict[str, list[str]] = {}
    for u, v, k, by in _attacked_edges(G):
        if u in own_set:
            on_links.setdefault(u, []).extend(sorted(by & own_set, key=position.__getitem__))
    objecting = {a for objectors in on_links.values() for a in objectors}

    def replies(v):
        return [u for u in dict.fromkeys([*G.predecessors(v), *on_links.get(v, ())]) if u in own_set]

    roots = [n for n in own if not any(t in own_set for t in G.successors(n)) and n not in objecting]
    # (part name, root, the root's replies in this part when they are dealt out over pages)
    queue: deque[tuple[str, str, list[str] | None]] = deque((r, r, None) for r in roots)
    placed: set[str] = set()
    started: set[str] = set()
    continued: set[str] = set()
    in_parts: set[str] = set()  # members and stubs of every part so far
    parts: list[tuple[str, set[str], set[str]]] = []
    pages: dict[str, tuple[int, int, int]] = {}  # part name -> (first, last, total) of its root's replies
    per_page = max(1, max_nodes - 1)
    unplaced = iter(own)  # a debate that is all cycles (no conclusion) starts at its first node
    while True:
        if not queue:
            start = next((n for n in unplaced if n not in placed), None)
            if start is None:
                break
            queue.append((start, start, None))
        name, root, dealt = queue.popleft()
        if dealt is None:
            if root in started:
                continue
            started.add(root)
        placed.add(root)
        members, stubs = [root], set()
        member_set = {root}
        frontier = deque([(root, 0)])
        later: list[tuple[str, str, list[str]]] = []
        while frontier:
            v, depth = frontier.popleft()
            if v == root and dealt is not None:
                new = dealt
            else:
                new = [u for u in replies(v) if u not in member_set and u not in stubs]
            if v == root and dealt is None and len(new) > per_page:
                # too many replies for one part: this part takes the first page, the rest follow in order
                total = len(new)
                pages[name] = (1, per_page, total)
                for k, at in enumerate(range(per_page, total, per_page), start=2):
                    page = new[at:at + per_page]
                    later.append((f"{root}{PAGE_MARK}{k}", root, page))
                    pages[later[-1][0]] = (at + 1, at + len(page), total)
                new = new[:per_page]
            full = len(members) + len(stubs) + len(new) > max_nodes or depth >= max_depth
            if v != root and new and full:
                continued.add(v)  # its replies do not fit: they get a part of their own
                queue.append((v, v, None))
                continue
            for u in new:
                if u in placed:  # drawn in another part already: a leaf here
                    stubs.add(u)
                    if replies(u):
                        continued.add(u)
                else:
                    members.append(u)
                    member_set.add(u)
                    placed.add(u)
                    frontier.append((u, depth + 1))
        queue.extendleft(reversed(later))  # the root's other pages come next, in order
        if len(members) > 1 or root not in in_parts:
            parts.append((name, root, member_set, stubs))
            in_parts.update(member_set)
            in_parts.update(stubs)
    home = {}
    for name, _, members, _ in parts:
        for n in members:
            home.setdefault(n, name)

    def part_graph(nodes: set[str]) -> nx.MultiDiGraph:
        """What ``_subgraph`` gives, from the part's own adjacency (same order)."""
        H = nx.MultiDiGraph()
        H.graph.update(G.graph)
        ordered = sorted(nodes, key=position.__getitem__)
        H.add_nodes_from((n, dict(G.nodes[n])) for n in ordered)
        H.add_edges_from(  # objections to a link: only those the part draws
            (u, v, k, _trimmed(dict(d), nodes))
            for u in ordered for _, v, k, d in G.out_edges(u, keys=True, data=True) if v in nodes
        )
        return H

    out = []
    ghost_replies: dict[str, list[str]] = {}  # read once per node: a root with many pages is read once

    def replies_from_ghosts(n: str) -> list[str]:
        if n not in ghost_replies:
            ghost_replies[n] = [u for u in G.predecessors(n) if G.nodes[u].get("ghost")]
        return ghost_replies[n]

    for name, root, members, stubs in parts:
        # what the part answers: other maps' nodes, and the node in this map its root replies to
        ghosts = {t for n in members for t in G.successors(n) if t not in members and t not in stubs}
        # and replies from other maps, which no part of this map draws
        ghosts |= {u for n in members for u in replies_from_ghosts(n)}
        H = part_graph(members | stubs | ghosts)
        for n in ghosts:
            H.nodes[n]["ghost"] = True
            if n in home:  # same map, drawn in full in another part
                H.nodes[n]["part"] = home[n]
        for n in (members | stubs) & continued:
            if n != root:
                H.nodes[n]["continued"] = True
        if name != root:  # a later page: the root's other replies are in its own part and the other pages
            H.nodes[root]["continued"] = True
            H.nodes[root]["paged"] = True  # its replies are dealt out over pages (drawn as such)
        # a part shows what its own nodes answer; what stubs and context nodes answer is drawn in their parts
        H.remove_edges_from(
            [
                (u, v, k)
                for u, v, k in H.edges(keys=True)
                if u not in members and not (v in members and (u in stubs or G.nodes[u].get("ghost")))
            ]
        )
        H.graph["part"] = name
        if name in pages:
            H.graph["page"] = pages[name]
        out.append((name, H))
    return out
