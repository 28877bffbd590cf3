"""Colours and shapes: the only place that knows what the map looks like."""

from __future__ import annotations

import hashlib

__all__ = [
    "EDGE_STYLE", "STATUS_FILL", "KIND_FILL", "author_colors", "stable_colors", "GHOST", "ARGUMENT", "QUESTION",
    "STANCE", "STANCE_WORDS", "RELATION_POINT", "JOIN_POINT", "PALETTE", "COLORINGS", "fills", "strength_color",
    "STRENGTH_STEPS", "edge_style", "DIFF_ADDED", "DIFF_ADDED_EDGE", "DIFF_REWORDED", "DIFF_REJUDGED",
    "DIFF_REMOVED", "DIFF_REMOVED_EDGE",
]

#: Eight pastel fills that stay apart from each other and readable under black text
#: (ColorBrewer Set3 with its near-duplicates left out: two authors in one map
#: should never get two pinks or two yellows).
PALETTE = (
    "#8dd3c7",  # teal
    "#ffed6f",  # yellow
    "#bebada",  # lavender
    "#fdb462",  # orange
    "#80b1d3",  # blue
    "#b3de69",  # green
    "#fccde5",  # pink
    "#fb8072",  # coral
)
NO_AUTHOR = "#f5f5f5"

EDGE_STYLE = {
    "supports": {"color": "#2e7d32", "style": "solid", "arrowhead": "normal", "penwidth": "1.4"},
    "attacks": {"color": "#c62828", "style": "solid", "arrowhead": "normal", "penwidth": "1.4"},
    "undercuts": {"color": "#c62828", "style": "dashed", "arrowhead": "tee", "penwidth": "1.4"},
    "contradicts": {"color": "#c62828", "style": "solid", "arrowhead": "normal", "arrowtail": "normal", "dir": "both", "penwidth": "1.4"},
    "concedes": {"color": "#757575", "style": "dotted", "arrowhead": "odot", "penwidth": "1.4"},
    "answers": {"color": "#1565c0", "style": "dashed", "arrowhead": "normal", "penwidth": "1.4"},
    "premise": {"color": "#424242", "style": "solid", "arrowhead": "normal", "penwidth": "1.2"},
}


def edge_style(kind: str, inferred: bool = False) -> dict[str, str]:
    """The line of a relation: its kind's colour and heads, dotted when the mapper inferred it.

    >>> edge_style("answers", inferred=True)["style"]
    'dotted'
    >>> edge_style("concedes")["arrowhead"]
    'odot'
    """
    style = dict(EDGE_STYLE.get(kind, {}))
    if inferred:
        style["style"] = "dotted"
    return style

#: An attack that does not defeat (its target weighs more): thin, with a hollow head.
WEAK_ATTACK = {"penwidth": "0.6", "arrowhead": "onormal"}
#: The relations that can fail to defeat under preferences.
WEAK_KINDS = ("attacks", "undercuts")

STATUS_FILL = {
    "IN": ("#c8e6c9", "stands: no undefeated attacker"),
    "OUT": ("#ffcdd2", "falls: an attacker that stands defeats it"),
    "UNDEC": ("#fff3c4", "open: caught in an unresolved conflict"),
}

KIND_FILL = {"claim": "#e3f2fd", "argument": "#fff8e1"}

#: An argument (an inference, which an undercut can attack) has sharp corners and a heavier line.
ARGUMENT = {"style": "filled", "penwidth": "1.8"}

#: A question: a note-shaped box (its folded corner is the badge) whose text starts with "?".
QUESTION = {"shape": "note", "style": "filled", "penwidth": "1.2"}

#: A view set down by someone who does not hold it (restated, reported, steelmanned): a dashed border.
STANCE = {"style": "rounded,filled,dashed", "penwidth": "1.4"}
STANCE_WORDS = {"restates": "restated", "reports": "reported", "steelman": "steelman"}

#: The small point an attacked relation passes through; the attacker's arrow ends there.
RELATION_POINT = {"shape": "point", "width": "0.09", "height": "0.09", "style": "filled"}
#: Where the linked premises of one argument meet before their single arrow into it.
JOIN_POINT = {"shape": "point", "width": "0.06", "height": "0.06", "style": "filled", "color": "#424242", "fillcolor": "#424242"}

#: ``argmap diff`` drawings: what the edit added (one colour for nodes and relations), reworded,
#: re-judged (verdict moved: a double border) and removed (ghosts).
DIFF_ADDED = {"color": "#1565c0", "penwidth": "3"}
DIFF_ADDED_EDGE = {"color": "#1565c0", "penwidth": "2.6"}
DIFF_REWORDED = {"color": "#ef6c00", "penwidth": "2.4"}
DIFF_REJUDGED = {"peripheries": "2"}
DIFF_REMOVED = {"style": "dashed,rounded", "color": "#9e9e9e", "fontcolor": "#9e9e9e", "fillcolor": "#ffffff",
                "shape": "box"}
DIFF_REMOVED_EDGE = {"style": "dashed", "color": "#bdbdbd", "arrowhead": "normal"}
GHOST = {"style": "dashed,rounded", "color": "#757575", "fontcolor": "#616161", "fillcolor": "#ffffff"}


#: How boxes can be filled (``--color-by``): declared once, with the settings; :func:`fills` implements each.
from ..settings import COLOR_BY as COLORINGS  # noqa: E402


def fills(nodes, color_by: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each node's fill under ``color_by``, and the legend's swatches for the fills used.

    ``nodes`` is ``(id, attributes)`` pairs (ghosts are skipped: they are drawn
    unfilled).  Swatches list only what appears, in a stable order.

    >>> fills([("a", {"tags": ("x", "y")}), ("b", {"tags": ()})], "tag")
    ({'a': '#ffed6f', 'b': '#f5f5f5'}, [('x', '#ffed6f'), ('no tag', '#f5f5f5')])
    """
    nodes = [(n, d) for n, d in nodes if not d.get("ghost")]
    if color_by not in COLORINGS:
        raise ValueError(f"unknown colouring '{color_by}' (choose {', '.join(COLORINGS)})")
    if color_by == "none":
        return {n: "#ffffff" for n, _ in nodes}, []
    if color_by == "strength":
        out = {n: strength_color(d.get("strength")) for n, d in nodes}
        swatches = [(f"strength {v:g}", strength_color(v)) for v in STRENGTH_STEPS]
        if any(d.get("strength") is None for _, d in nodes):
            swatches.append(("no strength" + (" (question)" if any(d.get("kind") == "question" for _, d in nodes) else ""), NO_AUTHOR))
        return out, swatches
    if color_by == "status":
        key = {n: d.get("status") for n, d in nodes}
        palette = {s: fill for s, (fill, _) in STATUS_FILL.items()}
        names = {s: f"{s}: {why}" for s, (_, why) in STATUS_FILL.items()}
        order = list(STATUS_FILL)
    elif color_by == "kind":
        key = {n: d.get("kind") for n, d in nodes}
        palette, names, order = dict(KIND_FILL), {k: k for k in KIND_FILL}, list(KIND_FILL)
    else:
        if color_by == "author":  # the holder: held_by, else by; nobody holds a steelman
            key = {n: (d["holder"] if "holder" in d else d.get("by")) for n, d in nodes}
        else:
            key = {n: (tuple(d.get("tags") or ()) or (None,))[0] for n, d in nodes}
        palette = stable_colors(v for v in key.values() if v)
        names = {v: v for v in palette}
        order = list(palette)
    missing = "no author" if color_by == "author" else "no tag" if color_by == "tag" else "unknown"
    if color_by == "author" and any(d.get("stance") == "steelman" for _, d in nodes):
        unheld = [d for n, d in nodes if key[n] is None]
        missing = "no holder (steelman)" if all(d.get("stance") == "steelman" for d in unheld) else "no author or holder"
    if color_by == "status":  # questions are never evaluated
        unknown = [d for n, d in nodes if key[n] not in palette]
        if unknown and all(d.get("kind") == "question" for d in unknown):
            missing = "question (not evaluated)"
    out = {n: palette.get(k, NO_AUTHOR) for n, k in key.items()}
    used = set(key.values())
    swatches = [(names[k], palette[k]) for k in order if k in used]
    if any(k not in palette for k in used):
        swatches.append((missing, NO_AUTHOR))
    return out, swatches


#: The strength scale: white-green to a mid green that black text stays readable on.
_WEAK, _STRONG = (0xf7, 0xfc, 0xf5), (0x5d, 0xb8, 0x6a)
#: The values the legend shows on the scale.
STRENGTH_STEPS = (0.0, 0.25, 0.5, 0.75, 1.0)


def strength_color(value: float | None) -> str:
    """A fill on a sequential scale over [0, 1] (light = weak, green = strong); none: light grey.

    >>> strength_color(0.0), strength_color(1.0), strength_color(None)
    ('#f7fcf5', '#5db86a', '#f5f5f5')
    >>> strength_color(2) == strength_color(1)
    True
    """
    if value is None:
        return NO_AUTHOR
    t = min(1.0, max(0.0, float(value)))
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(_WEAK, _STRONG))


def author_colors(authors) -> dict[str, str]:
    """A colour per author that stays the same as the map grows (see :func:`stable_colors`)."""
    return stable_colors(authors)


def stable_colors(names) -> dict[str, str]:
    """A colour per name (author, tag) that stays the same as the map grows.

    Each name hashes to a preferred slot; two names that collide in one map take
    the next free slot, in sorted order, so the result is the same everywhere.

    >>> author_colors(["Wei Dai", "Paul Christiano"]) == author_colors(["Paul Christiano", "Wei Dai"])
    True
    """
    out: dict[str, str] = {}
    used: set[int] = set()
    for name in sorted(set(a for a in names if a)):
        slot = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % len(PALETTE)
        for step in range(len(PALETTE)):
            candidate = (slot + step) % len(PALETTE)
            if candidate not in used or len(used) >= len(PALETTE):
                break
        used.add(candidate)
        out[name] = PALETTE[candidate]
    return out
