"""JSON export (argmap.export.json_): every field of the graph, and back."""

from __future__ import annotations

import json

from argmap.export import json_

from literal import v2_graph


def test_json_is_loss_free():
    G = v2_graph()
    text = json_.export(G)
    back = json_.to_graph(text)
    assert dict(back.nodes(data=True)) == dict(G.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    assert back.graph["maps"] == G.graph["maps"]
    data = json.loads(text)
    edge = next(e for e in data["edges"] if e["kind"] == "supports")
    assert edge["attacked_by"] == [{"by": "u", "kind": "undercuts", "inferred": True, "note": "mapper's reading"}]
    assert next(n for n in data["nodes"] if n["id"] == "arg")["premises"] == ["p1", "p2"]
    assert json_.export(back) == text
