"""Graph → Mermaid flowchart (renders inside GitHub and many Markdown tools).

Labels go through :func:`argmap.textsafe.mermaid_label`: a ``%%{init: …}%%``
directive or ``%%`` comment in a node's text is drawn as text, never applied.
"""

from __future__ import annotations

import networkx as nx

from ..textsafe import mermaid_label

__all__ = ["export"]

_ARROWS = {"supports": "-->", "attacks": "--x", "undercuts": "-.-x"}


def export(G: nx.MultiDiGraph, settings=None) -> str:
    lines = ["flowchart BT"]
    names = {n: f"n{i}" for i, n in enumerate(G.nodes)}
    for n, d in G.nodes(data=True):
        label = d.get("text") or n
        if d.get("by"):
            label += f" — {d['by']}"
        lines.append(f'  {names[n]}["{mermaid_label(label)}"]')
    for u, v, k in G.edges(keys=True):
        lines.append(f"  {names[u]} {_ARROWS.get(k, '-->')}|{k}| {names[v]}")
    return "\n".join(lines) + "\n"
