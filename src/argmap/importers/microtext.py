"""arg-microtext XML (``arggraph``, Peldszus & Stede 2015) → an imported map.

``<edu>`` segments are joined (``seg`` edges) into ``<adu>`` claims, in the
text's own order; ``type="opp"`` ADUs (the opponent's voice) are tagged
``opponent``, the others ``proponent``.  Edges:

- ``sup`` → ``supports``; ``exa`` → ``supports`` with the note ``example``;
- ``reb`` → ``attacks``;
- ``und`` (an edge that points at an edge) → ``undercuts`` on the relation ``SRC->TGT``;
- ``add`` (another premise of the same edge) → a linked argument: an ``argument``
  node whose ``premises`` are the edge's source and every ``add`` source.  A linked
  support ``supports`` its conclusion; a linked attack or undercut cannot use
  ``premises`` (format v2 gives ``premises`` only to a supporting argument), so its
  premises ``support`` the argument node, which attacks — and a warning says so.

An undercut (or rebuttal) of an undercut is an undercut of that undercut's relation, at any
depth: ``x->c->a->b`` (argmap.address), evaluated by AFRA as the corpus annotates it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from ..address import MAX_DEPTH as MAX_ADDRESS_DEPTH, depth
from ..model import Location
from . import read_error
from ._common import IdMaker, Draft, DraftNode, DraftRel, map_name

__all__ = ["read", "sniff", "SUFFIXES"]

SUFFIXES = (".xml",)


def sniff(head: str) -> bool:
    return "<arggraph" in head


def read(text: str, origin: str, ids: IdMaker | None = None) -> Draft:
    ids = ids or IdMaker()
    if "<!ENTITY" in text:  # entity expansion (a "billion laughs" file) is never needed by arggraph
        line = text[: text.index("<!ENTITY")].count("\n") + 1
        raise read_error("xml-entity", origin, "XML entity declarations are not read", line)
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        line, col = exc.position
        reason = re.sub(r": line \d+, column \d+$", "", str(exc))
        raise read_error("bad-xml", origin, f"not well-formed XML: {reason}", line, col + 1) from None
    if root.tag != "arggraph":
        raise read_error("not-microtext", origin, f"root element is <{root.tag}>, not <arggraph>")
    lines = _line_finder(text)
    path = Path(origin)
    m = Draft(map_name(root.get("id") or path.stem), "microtext", origin)
    topic, stance = root.get("topic_id"), root.get("stance")
    m.title = " ".join(x for x in (root.get("id") or path.stem, f"({topic.replace('_', ' ')}" + (f", {stance})" if stance else ")") if topic else None) if x)
    source_id = ids.make(f"microtext {root.get('id') or path.stem}")
    txt = path.with_suffix(".txt")
    m.sources[source_id] = {"title": f"arg-microtext {root.get('id') or path.stem}", "file": txt.name if txt.exists() else path.name}

    edus = {e.get("id"): " ".join((e.text or "").split()) for e in root.iter("edu")}
    edu_pos = {e: k for k, e in enumerate(edus)}  # a segment's place in the text, looked up in O(1)
    adus = {a.get("id"): a.get("type") for a in root.iter("adu")}
    edges = {e.get("id"): e for e in root.iter("edge")}
    segs: dict[str, list[str]] = {a: [] for a in adus}
    for e in edges.values():
        if e.get("type") == "seg":
            if e.get("trg") in segs and e.get("src") in edus:
                segs[e.get("trg")].append(e.get("src"))
            else:
                m.warn("microtext-bad-seg", f"seg edge {e.get('id')} joins {e.get('src')} to {e.get('trg')}, which is not an EDU and an ADU", lines(e.get("id")))

    # ADUs in the order of their first segment in the text
    def first_pos(a: str) -> int:
        return min((edu_pos[s] for s in segs[a]), default=len(edu_pos))

    items: dict[str, DraftNode] = {}
    for a in sorted(adus, key=lambda a: (first_pos(a), _num(a))):
        parts = sorted(segs[a], key=edu_pos.__getitem__)
        words = " ".join(edus[s] for s in parts)
        if not words:
            m.warn("microtext-empty-adu", f"ADU {a} has no text segment", lines(a))
            words = f"(ADU {a} has no text)"
        item = DraftNode(ids.make(words), words, source=source_id,
                    tags=["opponent" if adus[a] == "opp" else "proponent"], loc=Location(origin, lines(a), 1))
        items[a] = item
        m.nodes.append(item)

    adds: dict[str, list[str]] = {}
    for eid, e in edges.items():
        if e.get("type") == "add":
            adds.setdefault(e.get("trg"), []).append(e.get("src"))

    linked: dict[str, DraftNode] = {}  # edge id → the argument node standing for its linked premises
    for eid, srcs in adds.items():
        e = edges.get(eid)
        if e is None or e.get("src") not in items or any(s not in items for s in srcs):
            m.warn("microtext-bad-add", f"add edge(s) into {eid} name an edge or ADU that is not in the file", lines(eid))
            continue
        members = [e.get("src")] + sorted(srcs, key=_num)
        premises = [items[a] for a in members]
        arg = DraftNode(ids.make("linked " + " ".join(p.text for p in premises)),
                   "Together: " + " + ".join(p.text for p in premises), kind="argument", source=source_id,
                   loc=Location(origin, lines(eid), 1))
        if e.get("type") in ("sup", "exa"):
            arg.premises = [p.id for p in premises]
        else:
            for p in premises:
                p.relate("supports", arg.id)
            m.warn("microtext-linked-attack", f"linked premises of {e.get('type')} edge {eid} ({', '.join(members)}) are "
                   f"written as supports of argument '{arg.id}', which attacks: v2 `premises` need a supported conclusion", lines(eid))
        linked[eid] = arg
        m.nodes.append(arg)

    def source_of(eid: str) -> DraftNode | None:
        return linked.get(eid) or items.get(edges[eid].get("src"))

    named_edges: dict[str, tuple[str, tuple[str, ...]] | None] = {}
    too_deep_edges: set[str] = set()  # their address would be deeper than argmap reads

    def relation_name(eid: str) -> tuple[str, tuple[str, ...]] | None:
        """``(address, kind path)`` of an edge (argmap.address): ``SRC->TGT`` between nodes, ``SRC->INNER`` for an
        undercut or rebuttal of an edge (at any depth, down to argmap.address.MAX_DEPTH); ``None`` when it
        names nothing argmap can read.  Read down the chain of edges in a loop (no recursion, however
        long), each edge's name kept; a cycle of edges names nothing."""
        chain: list[tuple[str, DraftNode, str]] = []
        on_chain: set[str] = set()
        t, inner = eid, None
        while True:
            if t in named_edges:
                inner = named_edges[t]
                break
            if t in on_chain:
                break
            e = edges[t]
            src, kind = source_of(t), _KIND.get(e.get("type"))
            if src is None or kind is None:
                named_edges[t] = None
                break
            trg = e.get("trg")
            if trg in items:
                named_edges[t] = inner = (f"{src.id}->{items[trg].id}", (kind,))
                break
            if trg not in edges or e.get("type") not in ("und", "reb"):
                named_edges[t] = None
                break
            chain.append((t, src, kind))
            on_chain.add(t)
            t = trg
        deep = t in too_deep_edges  # the chain ends on an edge already too deep to name
        for c, src, kind in reversed(chain):
            deep = deep or (inner is not None and depth(inner[0]) >= MAX_ADDRESS_DEPTH)
            if deep:
                too_deep_edges.add(c)
            inner = None if inner is None or deep else (f"{src.id}->{inner[0]}", (kind,) + inner[1])
            named_edges[c] = inner
        return named_edges[eid]

    # the kind paths each address names, counted once (a relation aimed at an address needs
    # `relation:` only when the address names more than one)
    paths: dict[str, set[tuple[str, ...]]] = {}
    for eid, e in edges.items():
        if e.get("type") in _KIND and e.get("src") in items:
            named = relation_name(eid)
            if named:
                paths.setdefault(named[0], set()).add(named[1])

    for eid in sorted(edges, key=_num):
        e = edges[eid]
        kind = e.get("type")
        if kind in ("seg", "add"):
            continue
        if kind not in _KIND:
            m.warn("microtext-unknown-edge", f"edge {eid} has type {kind!r}, which argmap does not know; left out", lines(eid))
            continue
        src, trg = e.get("src"), e.get("trg")
        if src not in items:
            m.warn("microtext-dangling", f"edge {eid} starts at {src!r}, which is not an ADU; left out", lines(eid))
            continue
        node = source_of(eid)
        if trg in edges and trg not in items and (edges[trg].get("type") not in _KIND or source_of(trg) is None):
            m.warn("microtext-dangling", f"edge {eid} points at edge {trg}, which joins nothing argmap could read; left out",
                   lines(eid))
            continue
        named = relation_name(trg) if trg in edges and trg not in items else None
        if trg in items:
            own = node.id == items[trg].id
        elif named is not None:
            ids = named[0].split("->")
            own = node.id == ids[0] or (len(ids) == 2 and node.id == ids[1])
        elif trg in edges:
            own = node.id == source_of(trg).id
        else:  # neither an ADU nor an edge: warned below
            own = False
        if own:  # argmap has no relation of a node to itself (or to a link it is one end of)
            m.warn("microtext-self", f"{kind} edge {eid} joins '{node.id}' to itself; left out", lines(eid))
            continue
        if trg in items:
            if kind == "und":
                m.warn("microtext-undercut-node", f"und edge {eid} points at ADU {trg}, not an edge; written as an attack", lines(eid))
                kind = "reb"
            node.rels.append(DraftRel(_KIND[kind], items[trg].id, note="example" if kind == "exa" else None))
        elif trg in edges:
            target_kind = "undercuts" if kind == "und" else "attacks"
            if kind not in ("und", "reb"):
                m.warn("microtext-support-of-edge", f"{kind} edge {eid} points at edge {trg}; argmap supports only nodes, "
                       f"so it supports the source of {trg}", lines(eid))
                node.rels.append(DraftRel("supports", source_of(trg).id, note=f"microtext: {kind} of edge {trg}"))
            elif named is None and trg in too_deep_edges:
                m.warn("microtext-too-deep", f"edge {eid} answers a chain of more than {MAX_ADDRESS_DEPTH} undercuts and "
                       f"rebuttals of edges; argmap names relations at most {MAX_ADDRESS_DEPTH} deep, so it is left out", lines(eid))
            elif named is None:
                m.warn("microtext-dangling", f"edge {eid} points at edge {trg}, which joins nothing argmap could read; "
                       "left out", lines(eid))
            else:
                name, path = named
                which = (path[0] if len(path) == 1 else path) if len(paths.get(name, ())) > 1 else None
                node.rels.append(DraftRel(target_kind, name, relation=which))
        else:
            m.warn("microtext-dangling", f"edge {eid} points at {trg!r}, which is neither an ADU nor an edge; left out", lines(eid))
    return m


_KIND = {"sup": "supports", "exa": "supports", "reb": "attacks", "und": "undercuts"}


def _num(ident: str) -> tuple[int, str, str]:
    """A sort key putting ``a2`` before ``a10``, whatever the length of the number (no int of 5,000 digits)."""
    digits = re.sub(r"\D", "", ident or "").lstrip("0")
    return (len(digits), digits, ident or "")


def _line_finder(text: str):
    """The line on which the element with a given id is written."""
    where: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        for found in re.finditer(r'\bid="([^"]+)"', line):
            where.setdefault(found.group(1), n)
    return lambda ident: where.get(ident, 1)
