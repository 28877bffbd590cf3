"""The parts of a big map, each drawn to read in a column.

A part (:func:`argmap.graph.split`) is a conclusion and the replies under it.  It
is meant for a blog post or a paper, where it is shown at the column's width
(:data:`COLUMN_PX`, 720 px): a drawing wider than that is scaled down, and its
text with it.  Node text is set at ``Settings.fontsize`` (11 pt, 14.7 px), so a
part may be at most ``fontsize × COLUMN_PX / MIN_TEXT_PX`` = 792 pt wide for its
text to stay at :data:`MIN_TEXT_PX` (10 px) or more (:func:`max_width_pt`).

Width comes from the shape of a part, not from its number of nodes: drawn
sideways (a claim on the left, its replies in a column to its right, the
house style of parts) a part is one box wider per step of its longest chain;
drawn bottom-up it is one box wider per reply side by side.  So each part is
laid out by Graphviz in a few layouts, in order of preference (:func:`layouts`),
and the first that fits the column is kept:

1. sideways (``parts_rankdir``), with the labels wrapped at ``wrap``;
2. bottom-up (``rankdir``), with fans of replies spread over rows (``stagger``):
   a long chain goes down the page instead of across it;
3. and 4. the same two with narrower labels (:data:`NARROW_WRAP`) and, bottom-up,
   at most two replies side by side.

A part that fits in none is split again, smaller (:func:`column_parts`), until
every part fits or a part is a single claim with its direct replies.  The choice
depends only on the part and the settings, so it is the same on every machine
and every run: the embedded Graphviz lays out the same bytes everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .diagnostics import ArgmapError
from .settings import Settings

__all__ = [
    "COLUMN_PX", "MIN_TEXT_PX", "NARROW_WRAP", "Part", "max_width_pt", "text_px", "svg_width", "layouts", "fit",
    "column_parts", "part_of", "part_title", "NoSuchPart", "DEFAULT_PARTS",
]

#: The width of a blog or documentation column, in CSS px.
COLUMN_PX = 720
#: The smallest node text a reader should have to read in that column, in CSS px.
MIN_TEXT_PX = 10
#: The label width (characters) of the narrow layouts.
NARROW_WRAP = 22
#: Parts have at most this many nodes unless asked otherwise (``make maps``, the page, ``part:`` in a block).
DEFAULT_PARTS = 16
#: A part is split again down to this many nodes at the smallest.
MIN_PART_NODES = 4

#: Points kept below the limit: the SVG states its size rounded to whole points.
_ROUNDING = 2.0

_VIEWBOX = re.compile(rb'viewBox="[0-9.\-]+ [0-9.\-]+ ([0-9.]+) ')


def max_width_pt(settings: Settings) -> float:
    """The widest drawing (pt) whose node text reads at :data:`MIN_TEXT_PX` in a :data:`COLUMN_PX` column.

    >>> max_width_pt(Settings())
    792.0
    """
    return settings.fontsize * COLUMN_PX / MIN_TEXT_PX


def text_px(width_pt: float, fontsize: float) -> float:
    """How large ``fontsize`` (pt) text is drawn, in CSS px, when a drawing ``width_pt`` wide is shown
    in the column (scaled down to fit, never up: argmap's SVGs are at most their natural size).

    >>> round(text_px(1141, 11), 1), round(text_px(500, 11), 1)
    (6.9, 14.7)
    """
    natural = width_pt * 4 / 3  # 1 pt = 4/3 CSS px
    return fontsize * 4 / 3 * min(1.0, COLUMN_PX / natural)


def svg_width(svg: bytes) -> float:
    """The drawing's width in pt, from the ``viewBox`` Graphviz (and :mod:`argmap.svgfinish`) wrote."""
    found = _VIEWBOX.search(svg)
    if not found:
        raise ValueError("not an SVG drawn by argmap: no viewBox")
    return float(found.group(1))


def layouts(settings: Settings) -> list[Settings]:
    """The layouts a part is tried in, in order of preference (see the module's text)."""
    sideways = settings.replace(rankdir=settings.parts_rankdir, stagger=0)
    upright = settings.replace(stagger=settings.stagger or 4)
    narrow = min(settings.wrap, NARROW_WRAP)
    out = [sideways, upright, sideways.replace(wrap=narrow), upright.replace(wrap=narrow, stagger=2)]
    unique: list[Settings] = []
    for candidate in out:
        if candidate not in unique:
            unique.append(candidate)
    return unique


@dataclass
class Part:
    """One part, ready to write: its root, its graph, the layout chosen, the DOT and the SVG drawn from it."""

    root: str
    graph: object
    settings: Settings
    dot: str
    svg: bytes

    @property
    def width(self) -> float:
        return svg_width(self.svg)


def fit(P, settings: Settings, drawn: dict[str, bytes] | None = None, evaluation=None) -> tuple[Settings, str, bytes, bool]:
    """The first layout of ``P`` that fits the column: its settings, DOT, SVG and ``True``;
    or, when none does, the narrowest and ``False``.  SVGs are drawn by the embedded
    Graphviz (the same layout, and bytes, on every machine); ``drawn`` (DOT → SVG) saves
    drawing a layout twice."""
    from .export.dot import export as export_dot
    from .render import render

    limit = max_width_pt(settings) - _ROUNDING
    tried = []
    for candidate in layouts(settings):
        dot = export_dot(P, candidate, evaluation)  # the folder's verdicts, as the part is drawn
        svg = drawn.get(dot) if drawn is not None else None
        if svg is None:
            svg = render(dot, "svg", "embedded")
            if drawn is not None:
                drawn[dot] = svg
        if svg_width(svg) <= limit:
            return candidate, dot, svg, True
        tried.append((svg_width(svg), candidate, dot, svg))
    width, candidate, dot, svg = min(tried, key=lambda t: t[0])
    return candidate, dot, svg, False


def column_parts(H, settings: Settings, max_nodes: int, evaluation=None) -> list[Part]:
    """The parts of map view ``H`` (:func:`argmap.graph.map_view`) of at most ``max_nodes`` nodes,
    each in the first layout that fits the column.

    When some part fits in no layout, the map is split again with fewer nodes per
    part (down to :data:`MIN_PART_NODES`), and the split that leaves the fewest
    parts too wide is kept (the first of equals: the largest parts).  Each part's
    graph is marked for ``build``'s links (:func:`argmap.export.dot.link_parts`).
    """
    from .export.dot import link_parts
    from .graph import split

    title = H.graph.get("title") or H.graph.get("map")
    best: tuple[int, list[Part]] | None = None
    size = max_nodes
    cache: dict[str, bytes] = {}  # a part a smaller split leaves as it was is not drawn again
    while True:
        pieces = split(H, size)
        link_parts(pieces)
        drawn, too_wide = [], 0
        for root, P in pieces:
            P.graph["title"] = part_title(title, root, P.graph.get("page"))
            chosen, dot, svg, fits = fit(P, settings, cache, evaluation)
            too_wide += not fits
            drawn.append(Part(root, P, chosen, dot, svg))
        if best is None or too_wide < best[0]:
            best = (too_wide, drawn)
        if not too_wide or size <= MIN_PART_NODES:
            return best[1]
        size = max(MIN_PART_NODES, size * 3 // 4)


def part_title(title: str, root: str, page: tuple[int, int, int] | None = None) -> str:
    """A part's title: its map's, the part's name, and which replies it holds when its root's
    replies are dealt out over several parts (:func:`argmap.graph.split`).

    >>> part_title("Takeoff", "hub~2", (16, 30, 1000))
    'Takeoff (part: hub~2, replies 16–30 of 1,000)'
    """
    if page is None:
        return f"{title} (part: {root})"
    first, last, total = page
    return f"{title} (part: {root}, replies {first:,}–{last:,} of {total:,})"


class NoSuchPart(ArgmapError):
    """No part of the map starts at the node asked for; ``roots`` are those that do."""

    def __init__(self, message: str, roots: list[str]):
        super().__init__(message)
        self.roots = roots


def part_of(G, root: str, settings: Settings, size: int = DEFAULT_PARTS, draw_with: Settings | None = None,
            evaluation=None) -> Part:
    """The part of ``root``'s map that starts at ``root``, as ``build --parts SIZE`` draws it
    with ``settings`` (the folder's: the same split and the same layout as ``maps/``).

    ``draw_with`` (a block's or the command line's options) draws that same part
    in the first of its own layouts that fits.  ``G`` is the folder's graph or a
    view of it; raises ``KeyError`` for an unknown node and :class:`NoSuchPart`
    when no part starts there.
    """
    from .graph import PAGE_MARK, map_view

    node = root.partition(PAGE_MARK)[0]
    if node not in G:
        raise KeyError(root)
    name = G.nodes[node].get("map")
    whole = G.graph.get("whole", G)
    parts = {p.root: p for p in column_parts(map_view(whole, name), settings, size, evaluation)}
    if root not in parts:
        raise NoSuchPart(f"'{root}' starts no part of map '{name}'", list(parts))
    part = parts[root]
    if draw_with is not None and draw_with != settings:
        chosen, dot, svg, _ = fit(part.graph, draw_with, None, evaluation)
        part = Part(root, part.graph, chosen, dot, svg)
    return part
