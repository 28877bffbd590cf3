"""Colours and shapes: the only place that knows what the map looks like."""

from __future__ import annotations

import hashlib

__all__ = ["EDGE_STYLE", "STATUS_FILL", "KIND_FILL", "author_colors", "stable_colors", "GHOST", "ARGUMENT", "PALETTE", "COLORINGS", "fills"]

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
}

STATUS_FILL = {
    "IN": ("#c8e6c9", "stands: no undefeated attacker"),
    "OUT": ("#ffcdd2", "falls: an attacker that stands defeats it"),
    "UNDEC": ("#fff3c4", "open: caught in an unresolved conflict"),
}

KIND_FILL = {"claim": "#e3f2fd", "argument": "#fff8e1"}

#: An argument (an inference, which an undercut can attack) has sharp corners and a heavier line.
ARGUMENT = {"style": "filled", "penwidth": "1.8"}

GHOST = {"style": "dashed,rounded", "color": "#757575", "fontcolor": "#616161", "fillcolor": "#ffffff"}


#: How boxes can be filled (``--color-by``): name → what the colour says.  The one
#: list of colourings: the settings check, the CLI choices and the README read it.
COLORINGS = {
    "author": "who wrote it: a stable colour per author",
    "kind": "claim or argument",
    "status": "whether it stands: IN, OUT or UNDEC",
    "tag": "its first tag: a stable colour per tag",
    "none": "no fill",
}


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
    if color_by == "status":
        key = {n: d.get("status") for n, d in nodes}
        palette = {s: fill for s, (fill, _) in STATUS_FILL.items()}
        names = {s: f"{s}: {why}" for s, (_, why) in STATUS_FILL.items()}
        order = list(STATUS_FILL)
    elif color_by == "kind":
        key = {n: d.get("kind") for n, d in nodes}
        palette, names, order = dict(KIND_FILL), {k: k for k in KIND_FILL}, list(KIND_FILL)
    else:
        field = "by" if color_by == "author" else "tags"
        key = {n: (d.get(field) if field == "by" else (tuple(d.get(field) or ()) or (None,))[0]) for n, d in nodes}
        palette = stable_colors(v for v in key.values() if v)
        names = {v: v for v in palette}
        order = list(palette)
    missing = "no author" if color_by == "author" else "no tag" if color_by == "tag" else "unknown"
    out = {n: palette.get(k, NO_AUTHOR) for n, k in key.items()}
    used = set(key.values())
    swatches = [(names[k], palette[k]) for k in order if k in used]
    if any(k not in palette for k in used):
        swatches.append((missing, NO_AUTHOR))
    return out, swatches


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
