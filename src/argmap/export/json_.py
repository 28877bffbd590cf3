"""Graph → JSON, loss-free: every node attribute, every edge attribute (stable order, sorted keys);
with an evaluation (``--color-by status|strength``), each node's ``status`` and ``strength`` too.

An edge is ``{"source", "target", "kind", ...}`` plus all it carries: ``inferred``, ``note``
and ``attacked_by`` (the attacks on that relation, each ``{"by", "kind", "inferred", "note"}``, with an
``attacked_by`` of its own when that attack is attacked in turn: argmap.address).
Tuples become lists; nothing is dropped, so a reader can rebuild the graph from the file
(:func:`to_graph` does, and the tests check the round trip).
"""

from __future__ import annotations

import json

import networkx as nx

__all__ = ["export", "to_graph"]


def export(G: nx.MultiDiGraph, settings=None, evaluation=None) -> str:
    data = {
        "maps": _plain(G.graph.get("maps", {})),
        "nodes": [{"id": n, **{k: _plain(v) for k, v in d.items()}} for n, d in _nodes(G, evaluation)],
        "edges": [
            {"source": u, "target": v, "kind": k, **{a: _plain(x) for a, x in d.items() if a != "kind"}}
            for u, v, k, d in G.edges(keys=True, data=True)
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _nodes(G, evaluation):
    """Nodes with their folder status (and strength) when an evaluation is given."""
    if evaluation is None:
        return G.nodes(data=True)
    from ..evaluation import with_verdicts

    return with_verdicts(G.nodes(data=True), evaluation)


def to_graph(text: str) -> nx.MultiDiGraph:
    """The graph a JSON export describes (lists as tuples, as :func:`argmap.graph.build` keeps them)."""
    data = json.loads(text)
    G = nx.MultiDiGraph(maps=data.get("maps", {}))
    for node in data["nodes"]:
        attrs = {k: _tuple(v) for k, v in node.items() if k != "id"}
        G.add_node(node["id"], **attrs)
    for edge in data["edges"]:
        attrs = {k: _tuple(v) for k, v in edge.items() if k not in ("source", "target")}
        G.add_edge(edge["source"], edge["target"], key=edge["kind"], **attrs)
    return G


def _plain(value):
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _tuple(value):
    if isinstance(value, list):
        return tuple(_tuple(v) for v in value)
    if isinstance(value, dict):
        return {k: _tuple(v) for k, v in value.items()}
    return value
