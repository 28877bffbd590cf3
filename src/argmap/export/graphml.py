"""Graph → GraphML (for Gephi, yEd, Cytoscape), via networkx, with typed keys.

Every node and edge attribute becomes a GraphML ``<key>`` with one type, whatever the
map holds: ``weight`` and ``strength`` are ``double``, ``inferred``, ``ghost``,
``continued`` and ``paged`` are ``boolean``, other numbers and booleans keep their type, text is ``string``.  Lists (``tags``,
``premises``) are joined with ``", "``; a source is its title (or id); the attacks on
a relation (``attacked_by``) are a JSON list of ``{"by", "kind", "inferred", "note"}`` (each with its own
``attacked_by`` list when it is attacked in turn), and a node's further ``wordings`` a JSON list of
``{"text", "by", "quote", "source"}``.
GraphML has no null: an attribute that is ``None`` is left out of that element.

Text is passed through :func:`argmap.textsafe.xml_chars`: a control character in
a map (the loader accepts ``"a\\0b"``) becomes U+FFFD, so the file is always XML.
"""

from __future__ import annotations

import json
import re

import networkx as nx

from ..textsafe import xml_chars

__all__ = ["export", "TYPES"]

#: Attributes with a type other than string.
TYPES = {"weight": float, "strength": float, "inferred": bool, "ghost": bool, "continued": bool, "paged": bool}


def _value(key: str, value):
    kind = TYPES.get(key)
    if kind is float:
        return float(value)
    if kind is bool:
        return bool(value)
    if isinstance(value, (bool, int, float)):
        return value
    if key in ("attacked_by", "wordings"):
        return xml_chars(json.dumps([dict(a) for a in value], ensure_ascii=False, sort_keys=True))
    if isinstance(value, dict):
        value = value.get("title") or value.get("id")
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    return xml_chars(str(value))


def _attrs(d: dict) -> dict:
    return {k: _value(k, v) for k, v in d.items() if v is not None and not (k == "attacked_by" and not v)}


def export(G: nx.MultiDiGraph, settings=None, evaluation=None) -> str:
    from ..evaluation import with_verdicts

    H = nx.MultiDiGraph()
    for n, d in with_verdicts(G.nodes(data=True), evaluation):
        H.add_node(xml_chars(n), **_attrs(d))
    for u, v, k, d in G.edges(keys=True, data=True):
        H.add_edge(xml_chars(u), xml_chars(v), key=k, **_attrs({**d, "kind": d.get("kind", k)}))
    text = "\n".join(nx.generate_graphml(H)) + "\n"
    return _lowercase_booleans(text)


def _lowercase_booleans(text: str) -> str:
    """``true``/``false`` as XML Schema spells them (networkx writes Python's ``True``)."""
    keys = re.findall(r'<key id="([^"]+)" for="[^"]+" attr\.name="[^"]+" attr\.type="boolean"', text)
    if not keys:
        return text
    pattern = re.compile(r'(<data key="(?:' + "|".join(map(re.escape, keys)) + r')">)(True|False)(</data>)')
    return pattern.sub(lambda m: m.group(1) + m.group(2).lower() + m.group(3), text)
