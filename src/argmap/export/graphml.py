"""Graph → GraphML (for Gephi, yEd, Cytoscape), via networkx.

Text is passed through :func:`argmap.textsafe.xml_chars`: a control character in
a map (the loader accepts ``"a\\0b"``) becomes U+FFFD, so the file is always XML.
"""

from __future__ import annotations

import networkx as nx

from ..textsafe import xml_chars

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
            attrs[k] = xml_chars(v) if isinstance(v, str) else v
        H.add_node(xml_chars(n), **attrs)
    for u, v, k in G.edges(keys=True):
        H.add_edge(xml_chars(u), xml_chars(v), key=k, kind=k)
    return "\n".join(nx.generate_graphml(H)) + "\n"
