"""GraphML export (argmap.export.graphml): typed keys that other tools read back."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx

from argmap.export import graphml

from literal import v2_graph

GML = "{http://graphml.graphdrawing.org/xmlns}"



def test_graphml_typed_keys():
    root = ET.fromstring(graphml.export(v2_graph()))
    keys = {(k.get("for"), k.get("attr.name")): (k.get("id"), k.get("attr.type")) for k in root.iter(f"{GML}key")}
    types = {name: t for (_, name), (_, t) in keys.items()}
    assert types["weight"] == types["strength"] == "double"
    assert types["inferred"] == "boolean"
    for name in ("title", "held_by", "stance", "holder", "premises", "status", "kind", "note", "attacked_by"):
        assert types[name] == "string", name
    assert len({name for _, name in keys}) == len(keys) - 1  # one key per name and scope ("kind": node and edge)
    ids = {name: i for (_, name), (i, _) in keys.items()}
    graph = root.find(f"{GML}graph")
    nodes = {n.get("id"): {d.get("key"): d.text for d in n} for n in graph.iter(f"{GML}node")}
    assert nodes["p2"][ids["weight"]] == "1.0" and nodes["arg"][ids["premises"]] == "p1, p2"
    assert ids["holder"] not in nodes["arg"]  # a steelman has no holder: left out, GraphML has no null
    edges = [{d.get("key"): d.text for d in e} for e in graph.iter(f"{GML}edge")]
    attacked = next(e for e in edges if e.get(keys[("edge", "kind")][0]) == "supports")
    assert json.loads(attacked[ids["attacked_by"]])[0]["by"] == "u"
    contradicts = next(e for e in edges if e.get(keys[("edge", "kind")][0]) == "contradicts")
    assert contradicts[ids["inferred"]] == "true" and contradicts[ids["note"]] == "implied"
    assert attacked[ids["inferred"]] == "false"  # XML Schema's spelling, not Python's
    back = nx.read_graphml(__import__("io").BytesIO(graphml.export(v2_graph()).encode()))
    assert back.nodes["p1"]["strength"] == 0.25 and back.nodes["p1"]["title"] == "Premise %% one"


def test_wordings_are_a_json_list_with_each_source():
    from pathlib import Path

    import argmap
    from argmap.graph import build

    G = build(argmap.load(Path(__file__).parent / "data" / "wordings"))
    back = nx.read_graphml(__import__("io").BytesIO(graphml.export(G).encode()))
    wordings = json.loads(back.nodes["free-parking-costs"]["wordings"])
    assert [(w["by"], w["source"]["id"], w["quote"]) for w in wordings] == [
        (None, "essay", "its cost hides in the price of groceries and rent"),
        ("Luis Rivera", "minutes", "the people who walk to my shop pay for the cars")]
    assert "wordings" not in back.nodes["cap-parking"]


def test_objections_to_objections_are_nested_in_the_json_attribute():
    from literal import NESTED, graph

    root = ET.fromstring(graphml.export(graph(NESTED)))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    key = next(k.get("id") for k in root.iterfind("g:key", ns) if k.get("attr.name") == "attacked_by")
    (value,) = [d.text for d in root.iterfind(f".//g:edge/g:data[@key='{key}']", ns)]
    (c,) = json.loads(value)
    assert (c["by"], c["attacked_by"][0]["by"], c["attacked_by"][0]["attacked_by"][0]["by"]) == ("c", "d", "e")
