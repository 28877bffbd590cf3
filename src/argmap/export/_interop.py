"""What the Argdown and AIF exporters both need from a graph: its maps, sources and relation details.

Both keep argmap's own fields beside the other format's structure, so that ``argmap import``
gives back the same map; these helpers decide once what those fields are.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["own_maps", "map_sources", "relation_links", "plain"]


def plain(value):
    """A value for JSON: numbers stay numbers (a source's ``order``, a node's ``weight``), the rest is text."""
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)


def own_maps(G: nx.MultiDiGraph) -> list[str]:
    """The maps whose nodes are drawn as their own (not ghosts), sorted."""
    return sorted({d.get("map") for _, d in G.nodes(data=True) if not d.get("ghost") and d.get("map")})


def map_sources(G: nx.MultiDiGraph) -> dict[str, dict]:
    """Every source of the maps drawn: as the map declares them (where the graph keeps them, so that a
    thread's parent that no node cites survives), then those cited by nodes; ``id`` left out."""
    out: dict[str, dict] = {}
    maps = G.graph.get("maps", {})
    for name in own_maps(G):
        for sid, src in (maps.get(name, {}).get("sources") or {}).items():
            if isinstance(src, dict):
                out.setdefault(sid, {k: plain(v) for k, v in src.items() if k != "id" and v is not None})
    for _, d in G.nodes(data=True):
        src = d.get("source")
        if isinstance(src, dict) and src.get("id") and not d.get("ghost"):
            out.setdefault(src["id"], {k: plain(v) for k, v in src.items() if k != "id" and v is not None})
    return out


def carried(d: dict) -> dict:
    """What a relation (an edge's data, or an ``attacked_by`` entry) carries beyond its ends:
    ``inferred`` (only when true), ``note`` and ``cq`` (only when given)."""
    out: dict = {"inferred": True} if d.get("inferred") else {}
    for key in ("note", "cq"):
        if d.get(key):
            out[key] = str(d[key])
    return out


def relation_links(G: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """What relations carry beyond their ends, by the node they start from: ``inferred``, ``note``, ``cq``,
    and attacks on relations (``to: SRC->TGT``, from the edges' ``attacked_by``)."""
    out: dict[str, list[dict]] = {}
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[2], e[1])):
        if k == "premise":
            continue
        extra = carried(d)
        if extra:
            out.setdefault(u, []).append({"kind": k, "to": v, **extra})
    from ..graph import relation_attacks, relation_kinds_needed

    needs_kinds = relation_kinds_needed(G)
    for target, a, _, kinds in relation_attacks(G):  # at any depth (d->c->u->v: argmap.address)
        item = {"kind": a["kind"], "to": target}
        if target in needs_kinds:
            item["relation"] = kinds[0] if len(kinds) == 1 else list(kinds)
        out.setdefault(a["by"], []).append({**item, **carried(a)})
    return out
