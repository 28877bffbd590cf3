"""Colours and shapes: the only place that knows what the map looks like."""

from __future__ import annotations

import hashlib

__all__ = ["EDGE_STYLE", "STATUS_FILL", "KIND_FILL", "author_colors", "GHOST", "PALETTE"]

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

GHOST = {"style": "dashed,rounded", "color": "#757575", "fontcolor": "#616161", "fillcolor": "#ffffff"}


def author_colors(authors) -> dict[str, str]:
    """A colour per author that stays the same as the map grows.

    Each name hashes to a preferred slot; two names that collide in one map take
    the next free slot, in sorted order, so the result is the same everywhere.

    >>> author_colors(["Wei Dai", "Paul Christiano"]) == author_colors(["Paul Christiano", "Wei Dai"])
    True
    """
    out: dict[str, str] = {}
    used: set[int] = set()
    for name in sorted(set(a for a in authors if a)):
        slot = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % len(PALETTE)
        for step in range(len(PALETTE)):
            candidate = (slot + step) % len(PALETTE)
            if candidate not in used or len(used) >= len(PALETTE):
                break
        used.add(candidate)
        out[name] = PALETTE[candidate]
    return out
