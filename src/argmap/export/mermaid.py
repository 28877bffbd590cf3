"""Graph → Mermaid flowchart (renders inside GitHub and many Markdown tools).

Labels go through :func:`argmap.textsafe.mermaid_label`: a ``%%{init: …}%%``
directive or ``%%`` comment in a node's text is drawn as text, never applied.

Each relation has a link style of its own (``supports -->``, ``attacks --x``,
``undercuts -.-x``, ``concedes -.-o``, ``answers -.->``, ``contradicts x--x``,
``premise ==>``); an inferred one is labelled "inferred …" and dotted with a
``linkStyle``.  A question is a hexagon whose text starts with "?".  Mermaid cannot
point a link at a link, so an attack on a relation ends at a small note node
("the relation a supports b") placed beside that relation.
"""

from __future__ import annotations

import networkx as nx

from ..spec import RELATIONS
from ..textsafe import mermaid_label
from .theme import STANCE_WORDS, edge_style

__all__ = ["export", "ARROWS"]

#: each relation's link, from spec's table
ARROWS = {k: r.mermaid for k, r in RELATIONS.items()}


def _label(d: dict, n: str) -> str:
    text = d.get("text") or n
    if d.get("kind") == "question":
        text = "? " + text
    title = d.get("title")
    body = mermaid_label(text)
    if title:
        body = f"<b>{mermaid_label(title)}</b><br/>{body}"
    stance = d.get("stance")
    if stance in STANCE_WORDS:
        held = d.get("held_by")
        if held and stance != "steelman":
            body += f" — {mermaid_label(held)}"
        words = f"{STANCE_WORDS[stance]} by {d.get('by') or 'someone'}" + (f" for {held}" if held and stance == "steelman" else "")
        body += f"<br/>({mermaid_label(words)})"
    elif d.get("by"):
        body += f" — {mermaid_label(d['by'])}"
    return body


def export(G: nx.MultiDiGraph, settings=None, evaluation=None) -> str:
    lines = ["flowchart BT"]
    names = {n: f"n{i}" for i, n in enumerate(G.nodes)}
    for n, d in G.nodes(data=True):
        open_, close = ("{{", "}}") if d.get("kind") == "question" else ("[", "]")
        lines.append(f'  {names[n]}{open_}"{_label(d, n)}"{close}')
    links: list[tuple[str, dict]] = []  # (line, style) in the order Mermaid numbers links
    notes = 0

    def objections(attackers: list[dict], words: str, beside: str) -> None:
        """A note naming the relation (tied to ``beside``), the attackers' links into it; an attacker that is
        itself objected to (d->c->u->v: argmap.address) gets a note of its own, tied to this one, at any depth."""
        nonlocal notes
        note = f"r{notes}"
        notes += 1
        lines.append(f'  {note}>"{mermaid_label(words)}"]')
        lines.append(f"  class {note} relation")
        links.append((f"  {note} -.- {beside}", {"beside": True}))
        for a in attackers:
            a_word = f"inferred {a['kind']}" if a.get("inferred") else a["kind"]
            links.append((f"  {names[a['by']]} {ARROWS.get(a['kind'], '-->')}|{a_word}| {note}", a))
            deeper = [o for o in a.get("attacked_by") or () if o.get("by") in names]
            if deeper:
                objections(deeper, f"the relation {a['by']} {a['kind']} ({words})", note)

    for u, v, k, d in G.edges(keys=True, data=True):
        kind = d.get("kind", k)
        word = f"inferred {kind}" if d.get("inferred") else kind
        links.append((f"  {names[u]} {ARROWS.get(kind, '-->')}|{word}| {names[v]}", d))
        attackers = [a for a in d.get("attacked_by") or () if a.get("by") in names]
        if attackers:
            objections(attackers, f"the relation {u} {kind} {v}", names[v])
    lines.extend(line for line, _ in links)
    for i, (_, d) in enumerate(links):
        if d.get("beside"):  # a thin grey tie that keeps the note by its relation
            lines.append(f"  linkStyle {i} stroke:#bdbdbd,stroke-width:1px")
        elif d.get("inferred"):
            color = edge_style(d.get("kind", "supports")).get("color", "#616161")
            lines.append(f"  linkStyle {i} stroke:{color},stroke-dasharray:2 4")
    if notes:
        lines.append("  classDef relation fill:#ffffff,stroke:#9e9e9e,stroke-dasharray:3 3,font-size:11px")
    return "\n".join(lines) + "\n"
