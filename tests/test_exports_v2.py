"""JSON, GraphML and Mermaid carry every v2 field (issue 11): node title, held_by, stance, holder,
weight, premises, strength, status; edge kind, inferred, note, attacked_by."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx

from argmap.export import graphml, json_, mermaid

GML = "{http://graphml.graphdrawing.org/xmlns}"


def v2_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph(maps={"m": {"title": "M", "sources": {"s": {"id": "s", "replies_to": None, "order": 2}}}})
    common = {"map": "m", "by": "Ann", "tags": ()}
    G.add_node("q", text="What?", kind="question", stance="own", holder="Ann", premises=(), **common)
    G.add_node("p1", text="P1 & <one>", kind="claim", title="Premise %% one", stance="own", holder="Ann", premises=(),
               weight=0.3, strength=0.25, status="IN", **common)
    G.add_node("p2", text="P2", kind="claim", stance="restates", held_by="Bob", holder="Bob", premises=(), weight=1,
               strength=0.5, status="OUT", **common)
    G.add_node("arg", text="So.", kind="argument", stance="steelman", holder=None, premises=("p1", "p2"),
               strength=0.75, status="UNDEC", **common)
    G.add_node("u", text="Weak link.", kind="claim", stance="own", holder="Ann", premises=(), strength=1.0, status="IN", **common)
    for p in ("p1", "p2"):
        G.add_edge(p, "arg", key="premise", kind="premise", inferred=False, note=None)
    G.add_edge("arg", "u", key="supports", kind="supports", inferred=False, note=None,
               attacked_by=({"by": "u", "kind": "undercuts", "inferred": True, "note": "mapper's reading"},))
    G.add_edge("p1", "q", key="answers", kind="answers", inferred=False, note=None)
    G.add_edge("p2", "p1", key="contradicts", kind="contradicts", inferred=True, note="implied")
    G.add_edge("u", "p2", key="concedes", kind="concedes", inferred=False, note=None)
    return G


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


def test_mermaid_link_styles_and_relation_note():
    text = mermaid.export(v2_graph())
    lines = text.splitlines()
    assert '  n0{{"? What? — Ann"}}' in lines  # a question: a hexagon
    assert "  n1 ==>|premise| n3" in lines and "  n2 ==>|premise| n3" in lines
    assert "  n1 -.->|answers| n0" in lines
    assert "  n2 x--x|inferred contradicts| n1" in lines
    assert "  n4 -.-o|concedes| n2" in lines
    assert '  r0>"the relation arg supports u"]' in lines
    assert "  n4 -.-x|inferred undercuts| r0" in lines
    links = [line for line in lines if "|" in line or " -.- " in line]
    styled = {int(line.split()[1]): line for line in lines if line.strip().startswith("linkStyle")}
    dotted = [links[i] for i, line in styled.items() if "dasharray" in line]
    assert sorted(dotted) == sorted(["  n2 x--x|inferred contradicts| n1", "  n4 -.-x|inferred undercuts| r0"])
    assert "<b>Premise #37;#37; one</b>" in text  # titles bold, text escaped
    assert "(steelman by Ann)" in text and "— Bob<br/>(restated by Ann)" in text
    assert len({mermaid.ARROWS[k] for k in mermaid.ARROWS}) == len(mermaid.ARROWS)
