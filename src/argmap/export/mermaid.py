"""Graph → Mermaid flowchart (renders inside GitHub and many Markdown tools)."""

from __future__ import annotations

import networkx as nx

__all__ = ["export"]

_ARROWS = {"supports": "-->", "attacks": "--x", "undercuts": "-.-x"}


def _text(value: str) -> str:
    # Mermaid strings are double-quoted; entities are the documented escape
    return value.replace("&", "&amp;").replace('"', "#quot;").replace("<", "&lt;").replace(">", "&gt;")


def export(G: nx.MultiDiGraph, settings=None) -> str:
    lines = ["flowchart BT"]
    names = {n: f"n{i}" for i, n in enumerate(G.nodes)}
    for n, d in G.nodes(data=True):
        label = d.get("text") or n
        if d.get("by"):
            label += f" — {d['by']}"
        lines.append(f'  {names[n]}["{_text(label)}"]')
    for u, v, k in G.edges(keys=True):
        lines.append(f"  {names[u]} {_ARROWS.get(k, '-->')}|{k}| {names[v]}")
    return "\n".join(lines) + "\n"
