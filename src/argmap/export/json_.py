"""Graph → JSON: nodes with every attribute, edges with their kind (stable order, sorted keys)."""

from __future__ import annotations

import json

import networkx as nx

__all__ = ["export"]


def export(G: nx.MultiDiGraph, settings=None) -> str:
    data = {
        "maps": G.graph.get("maps", {}),
        "nodes": [{"id": n, **{k: _plain(v) for k, v in d.items()}} for n, d in G.nodes(data=True)],
        "edges": [{"source": u, "target": v, "kind": k} for u, v, k in G.edges(keys=True)],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _plain(value):
    if isinstance(value, tuple):
        return list(value)
    return value
