"""Graph → GraphML (for Gephi, yEd, Cytoscape), via networkx."""

from __future__ import annotations

import networkx as nx

__all__ = ["export"]


def export(G: nx.MultiDiGraph, settings=None) -> str:
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        attrs = {}
        for k, v in d.items():
            if v is None:
                continue
            if isinstance(v, dict):
                v = v.get("title") or v.get("id")
            if isinstance(v, (list, tuple)):
                v = ", ".join(map(str, v))
            attrs[k] = v
        H.add_node(n, **attrs)
    for u, v, k in G.edges(keys=True):
        H.add_edge(u, v, key=k, kind=k)
    return "\n".join(nx.generate_graphml(H)) + "\n"
