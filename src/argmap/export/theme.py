"""Colours and shapes: the only place that knows what the map looks like."""

from __future__ import annotations

import hashlib
import weakref

from ..spec import RELATIONS

__all__ = [
    "EDGE_STYLE", "STATUS_FILL", "KIND_FILL", "author_colors", "stable_colors", "GHOST", "ARGUMENT", "QUESTION",
    "STANCE", "STANCE_WORDS", "RELATION_POINT", "JOIN_POINT", "PALETTE", "COLORINGS", "fills", "strength_color",
    "STRENGTH_STEPS", "edge_style", "folder_colors", "DIFF_ADDED", "DIFF_ADDED_EDGE", "DIFF_REWORDED",
    "DIFF_REJUDGED", "DIFF_REMOVED", "DIFF_REMOVED_EDGE",
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

#: The line of each relation in spec.RELATIONS (a test checks that every row has one).
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
#: The relations drawn thin when they fail to defeat under preferences: the one-way attacks
#: (a symmetric one is drawn as one line with two heads, which cannot be weak in one direction only).
WEAK_KINDS = tuple(k for k, r in RELATIONS.items() if r.attack and not r.symmetric)

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


def fills(nodes, color_by: str, folder: dict[str, str] | None = None) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Each node's fill under ``color_by``, and the legend's swatches for the fills used.

    ``nodes`` is ``(id, attributes)`` pairs (ghosts are skipped: they are drawn
    unfilled).  Swatches list only what appears, in a stable order.  ``folder``
    (:func:`folder_colors`) gives the author or tag colours of the whole folder, so
    that a person has one colour in every drawing of it; without it the colours
    are chosen for these nodes alone.

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
        key = {n: _colour_key(d, color_by) for n, d in nodes}
        palette = dict(folder) if folder is not None else stable_colors(v for v in key.values() if v)
        names = {v: v for v in palette}
        order = sorted(palette)
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


def _colour_key(d: dict, color_by: str) -> str | None:
    """What a node is coloured by: its holder (held_by, else by; nobody holds a steelman), or its first tag."""
    if color_by == "author":
        return d["holder"] if "holder" in d else d.get("by")
    return (tuple(d.get("tags") or ()) or (None,))[0]


def _slot(name: str) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % len(PALETTE)


#: folder graph → {colouring: colours}: computed once per folder, never written into the graph
_FOLDER_COLOURS: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def folder_colors(G, color_by: str = "author") -> dict[str, str]:
    """A colour for every author (holder) or first tag of the folder ``G``, the same in every
    drawing of it: every map, part, focus, page and block.

    There are more people in a folder than pastel colours that stay apart, so
    colours are shared, but not by two people who meet: who appear in one map, or
    whose nodes answer each other.  People are given colours in order of how many
    nodes they hold in the folder (most first, then by name); each takes the
    colour its name hashes to, else the next one no earlier neighbour has, else
    the one its earlier neighbours use least.  A person's colour depends only on
    the people before them, so a newcomer with one node never recolours anyone
    who holds more, nor anyone it never meets.

    >>> from argmap.graph import build
    >>> from argmap.model import Map, Node, Project
    >>> one = lambda by: build(Project((Map("m", "m.yaml", nodes=(Node("a", "A.", "m", by="Ann"), Node("b", "B.", "m", by=by))),)))
    >>> folder_colors(one("Bob"))["Ann"] == folder_colors(one("Cy"))["Ann"]
    True
    """
    G = G.graph.get("whole", G) if hasattr(G, "graph") else G
    cached = _FOLDER_COLOURS.get(G)
    if cached is not None and color_by in cached:
        return cached[color_by]
    count: dict[str, int] = {}
    per_map: dict[str, set[str]] = {}
    name_of: dict[str, str] = {}
    for n, d in G.nodes(data=True):
        if d.get("ghost"):
            continue
        k = _colour_key(d, color_by)
        if not k:
            continue
        name_of[n] = k
        count[k] = count.get(k, 0) + 1
        per_map.setdefault(d.get("map"), set()).add(k)
    meets: dict[str, set[str]] = {k: set() for k in count}
    for people in per_map.values():
        for k in people:
            meets[k] |= people
    for u, v in G.edges():
        if u in name_of and v in name_of:
            meets[name_of[u]].add(name_of[v])
            meets[name_of[v]].add(name_of[u])
    out: dict[str, int] = {}
    for name in sorted(count, key=lambda k: (-count[k], k)):
        first = _slot(name)
        probe = [(first + i) % len(PALETTE) for i in range(len(PALETTE))]
        use = [0] * len(PALETTE)
        for other in meets[name] - {name}:
            if other in out:
                use[out[other]] += count[other]
        free = [s for s in probe if not use[s]]
        out[name] = free[0] if free else min(probe, key=lambda s: use[s])
    colours = {name: PALETTE[s] for name, s in out.items()}
    try:
        _FOLDER_COLOURS.setdefault(G, {})[color_by] = colours
    except TypeError:  # not weak-referenceable: computed again next time
        pass
    return colours
