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


def test_wordings_are_carried_and_read_back():
    from pathlib import Path

    import argmap
    from argmap.graph import build

    G = build(argmap.load(Path(__file__).parent / "data" / "wordings"))
    text = json_.export(G)
    back = json_.to_graph(text)
    assert back.nodes["free-parking-costs"]["wordings"] == G.nodes["free-parking-costs"]["wordings"]
    node = next(n for n in json.loads(text)["nodes"] if n["id"] == "free-parking-costs")
    assert [(w["by"], w["source"]["id"]) for w in node["wordings"]] == [(None, "essay"), ("Luis Rivera", "minutes")]
    assert "wordings" not in next(n for n in json.loads(text)["nodes"] if n["id"] == "cap-parking")


def test_objections_to_objections_nest_and_come_back():
    from literal import NESTED, graph

    G = graph(NESTED)
    text = json_.export(G)
    back = json_.to_graph(text)
    assert sorted(back.edges(keys=True, data=True)) == sorted(G.edges(keys=True, data=True))
    (c,) = next(e for e in json.loads(text)["edges"] if e["kind"] == "supports")["attacked_by"]
    assert (c["by"], c["attacked_by"][0]["by"], c["attacked_by"][0]["attacked_by"][0]["by"]) == ("c", "d", "e")
