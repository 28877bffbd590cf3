"""Graph → AIF-JSON (``render -o map.aif.json``), the format of AIFdb and OVA.

- every node is an I-node (its text);
- ``supports`` is an RA node (``Default Inference``) from the supporter to the
  target; an argument with ``premises`` is one RA with every premise as input;
- ``attacks`` is a CA node (``Default Conflict``); ``undercuts`` a CA aimed at the
  RA of the undercut argument's inference (AIF's undercut) when that argument
  supports exactly one node, else at the argument's I-node; ``contradicts`` a CA
  each way;
- ``by`` is an L-node (``Speaker : text``) anchored to the I-node by a YA
  (``Asserting``), as in AIFdb's dialogical corpora;
- each further wording (``wordings``) is an I-node of its own that rephrases the node's
  I-node (an MA, ``Default Rephrase``), asserted by its ``by``; its source and quote are in
  its ``argmap`` object (``wording_of`` names the node), so the import makes one node again.

What AIF has no field for (id, title, kind, source, quote, tags, note, the
relation kind; ``by`` too, since a speaker's name may hold the `` : `` of a locution) is kept in an ``argmap`` object on each node and at the top
(map name, title, sources); AIF tools ignore unknown keys, and ``argmap import``
reads them back, so a map survives the round trip.
"""

from __future__ import annotations

import json

import networkx as nx

from ..schemes import SCHEMES
from ..spec import RELATIONS
from ._interop import carried, map_sources, own_maps

__all__ = ["export"]

_STAMP = "1970-01-01 00:00:00"  # AIFdb wants a timestamp; a fixed one keeps the output deterministic


def export(G: nx.MultiDiGraph, settings=None, evaluation=None) -> str:
    nodes: list[dict] = []
    edges: list[dict] = []
    locutions: list[dict] = []
    counter = iter(range(1, 10**9))
    ident: dict[str, str] = {}

    def add_node(kind: str, text: str, extra: dict | None = None, scheme: str | None = None) -> str:
        nid = str(next(counter))
        node = {"nodeID": nid, "text": text, "type": kind, "timestamp": _STAMP}
        if scheme:
            node["scheme"] = scheme
        if extra:
            node["argmap"] = extra
        nodes.append(node)
        return nid

    def add_edge(a: str, b: str) -> None:
        edges.append({"edgeID": str(next(counter)), "fromID": a, "toID": b, "formEdgeID": None})

    maps = G.graph.get("maps", {})
    own = own_maps(G)
    sources = map_sources(G)
    for n, d in G.nodes(data=True):
        meta = {"id": n}
        for key in ("title", "kind", "scheme", "by", "held_by", "stance", "source", "quote", "note"):
            value = d.get(key)
            if key == "source" and isinstance(value, dict):
                value = value.get("id")
            if value is not None and not (key == "kind" and value == "claim") and not (key == "stance" and value == "own"):
                meta[key] = str(value)
        if isinstance(d.get("weight"), (int, float)) and not isinstance(d.get("weight"), bool):
            meta["weight"] = d["weight"]
        if d.get("tags"):
            meta["tags"] = list(d["tags"])
        if d.get("ghost"):
            meta["ghost"] = d.get("map")
        ident[n] = add_node("I", " ".join(str(d.get("text") or "").split()), meta)
        if d.get("by"):
            loc = add_node("L", f"{d['by']} : {d.get('text') or ''}")
            # IAT's illocutions: a question is asked (its answers rephrase its content: MA, as in the
            # US2016 corpus), every other node asserted
            ya = (add_node("YA", "Pure Questioning", scheme="PureQuestioning") if d.get("kind") == "question"
                  else add_node("YA", "Asserting", scheme="Asserting"))
            add_edge(loc, ya)
            add_edge(ya, ident[n])
            locutions.append({"nodeID": loc, "personID": d["by"], "timestamp": _STAMP, "start": None, "end": None, "source": ""})
        for w in () if d.get("ghost") else d.get("wordings") or ():
            # a further wording: an I-node of its own, rephrasing the claim (MA "Default Rephrase", as
            # AIFdb's corpora join two wordings of one proposition), asserted by whoever worded it
            extra = {"wording_of": n, **{k: str(w[k]["id"] if k == "source" else w[k]) for k in ("by", "source", "quote") if w.get(k)}}
            wid = add_node("I", " ".join(w["text"].split()), extra)
            if w.get("by"):
                loc = add_node("L", f"{w['by']} : {w['text']}")
                ya = add_node("YA", "Asserting", scheme="Asserting")
                add_edge(loc, ya)
                add_edge(ya, wid)
                locutions.append({"nodeID": loc, "personID": w["by"], "timestamp": _STAMP, "start": None, "end": None, "source": ""})
            ma = add_node("MA", "Default Rephrase", {"wording_of": n}, scheme="Default Rephrase")
            add_edge(wid, ma)
            add_edge(ma, ident[n])

    ra_of: dict[str, str] = {}  # argument node → the RA of its one inference
    scheme_of: dict[tuple[str, str, str], str] = {}  # relation (u, v, key) → the RA or CA node standing for it

    def details(u: str, v: str, k: str) -> dict:
        return carried(G.edges[u, v, k])

    for n, d in G.nodes(data=True):
        premises = [p for p in (d.get("premises") or ()) if p in ident]
        targets = sorted(v for _, v, k in G.out_edges(n, keys=True) if k == "supports")
        # the inference is named by the node's scheme, in AIFdb's words (argmap.schemes), else AIF's default
        inference = SCHEMES[d["scheme"]].aif if d.get("scheme") in SCHEMES else "Default Inference"
        if premises and len(targets) == 1:
            ra = add_node("RA", inference, {"argument": n, "relation": "premises", **details(n, targets[0], "supports")},
                          scheme=inference)
            for p in premises:
                add_edge(ident[p], ra)
            add_edge(ra, ident[targets[0]])
            ra_of[n] = ra
            scheme_of[(n, targets[0], "supports")] = ra
            continue
        for t in targets:
            ra = add_node("RA", inference, {"relation": "supports", "from": n, "to": t, **details(n, t, "supports")},
                          scheme=inference)
            add_edge(ident[n], ra)
            add_edge(ra, ident[t])
            scheme_of[(n, t, "supports")] = ra
            if len(targets) == 1:
                ra_of[n] = ra
    order = {n: i for i, n in enumerate(G.nodes)}
    for u, v, k in sorted(G.edges(keys=True), key=lambda e: (order[e[0]], e[2], e[1])):
        if k in ("supports", "premise"):
            continue
        rel = RELATIONS.get(k)
        if rel is not None and rel.attack and rel.targets == ("argument",):  # an undercut: at the inference
            ca = add_node("CA", "Default Conflict", {"relation": k, "from": u, "to": v, **details(u, v, k)}, scheme="Default Conflict")
            add_edge(ident[u], ca)
            add_edge(ca, ra_of.get(v, ident[v]))
            scheme_of[(u, v, k)] = ca
        elif rel is not None and rel.attack:
            ca = add_node("CA", "Default Conflict", {"relation": k, "from": u, "to": v, **details(u, v, k)}, scheme="Default Conflict")
            add_edge(ident[u], ca)
            add_edge(ca, ident[v])
            scheme_of[(u, v, k)] = ca
            if rel.symmetric:
                back = add_node("CA", "Default Conflict", {"relation": "contradicts-back", "from": v, "to": u}, scheme="Default Conflict")
                add_edge(ident[v], back)
                add_edge(back, ident[u])
        else:  # concedes, answers...: no AIF node type; kept for argmap
            ma = add_node("MA", "Default Rephrase", {"relation": k, "from": u, "to": v, **details(u, v, k)}, scheme="Default Rephrase")
            add_edge(ident[u], ma)
            add_edge(ma, ident[v])
    # attacks on relations: a CA aimed at the RA or CA that stands for the relation; an attack on
    # such an attack (d->c->u->v: argmap.address), a CA aimed at that CA, at any depth
    from ..graph import relation_kinds_needed

    needs_kinds = relation_kinds_needed(G)

    def conflicts(attackers, scheme: str, target: str, kinds: tuple[str, ...]) -> None:
        for a in attackers:
            info = {"relation": a["kind"], "from": a["by"], "to": target}
            if target in needs_kinds:
                info["edge"] = kinds[0] if len(kinds) == 1 else list(kinds)
            info.update(carried(a))
            ca = add_node("CA", "Default Conflict", info, scheme="Default Conflict")
            add_edge(ident[a["by"]], ca)
            add_edge(ca, scheme)
            conflicts(a.get("attacked_by") or (), ca, f"{a['by']}->{target}", (a["kind"],) + kinds)

    for (u, v, k), scheme in sorted(scheme_of.items(), key=lambda e: (order[e[0][0]], e[0][2], e[0][1])):
        conflicts(G.edges[u, v, k].get("attacked_by") or (), scheme, f"{u}->{v}", (k,))
    top: dict = {"nodes": nodes, "edges": edges, "locutions": locutions}
    meta: dict = {}
    if len(own) == 1:
        meta["map"] = own[0]
        if maps.get(own[0], {}).get("title"):
            meta["title"] = maps[own[0]]["title"]
        if maps.get(own[0], {}).get("description"):
            meta["description"] = maps[own[0]]["description"]
        if maps.get(own[0], {}).get("thesis"):
            meta["thesis"] = maps[own[0]]["thesis"]
    if G.graph.get("title"):
        meta["title"] = G.graph["title"]
    if sources:
        meta["sources"] = sources
    if meta:
        top["argmap"] = meta
    return json.dumps(top, ensure_ascii=False, indent=2) + "\n"
