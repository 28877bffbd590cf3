"""What to draw: a view of the folder's graph, chosen by one function for every surface.

A :class:`View` names a map, several maps (the files named on a command line),
a node to focus on with a depth, tags and authors to keep, or one part of a big
map as ``build --parts 16`` draws it.  :func:`select` turns it into the graph to
draw and the settings to draw it with (a part brings its own layout for the
column).  ``argmap render`` (:mod:`argmap.pipeline`), the ```` ```argmap ````
blocks (:mod:`argmap.embed`) and the page (:mod:`argmap.html`) all select here.

A view that selects nothing is a :class:`ViewError`: its message, the view field
it comes from (``key``: so a block can point at the line) and a hint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .diagnostics import ArgmapError
from .settings import Settings

__all__ = ["View", "ViewError", "Selected", "select"]


@dataclass(frozen=True)
class View:
    """Which part of the graph to draw (every field optional)."""

    map: str | None = None
    focus: str | None = None
    depth: int = 2
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    part: str | None = None  # a part's root: the part as `build --parts 16` draws it (argmap.parts)
    maps: tuple[str, ...] = ()  # several maps, with the ghosts they point at (the files named)

    @property
    def filtered(self) -> bool:
        return self.focus is not None or bool(self.tags) or bool(self.authors) or self.part is not None


class ViewError(ArgmapError):
    """The view selects nothing; ``key`` is the :class:`View` field at fault, ``hint`` what to try."""

    def __init__(self, message: str, key: str, hint: str | None = None):
        super().__init__(f"{message} ({hint})" if hint else message)
        self.message, self.key, self.hint = message, key, hint


class Selected(NamedTuple):
    graph: object
    settings: Settings


def _suggest(name: str, names) -> str | None:
    from .diagnostics import did_you_mean

    return did_you_mean(name, sorted(names))


def select(G, view: View, settings: Settings | None = None, *, folder_settings: Settings | None = None,
           evaluation=None, allow_empty: bool = False) -> Selected:
    """The graph ``view`` asks for, and the settings to draw it with.

    In this order: the map (or maps), the part (``folder_settings`` decide which
    parts there are, as in ``maps/``; it is drawn in the first of ``settings``'
    layouts that fits), the focus, the tags and authors.  ``allow_empty`` lets a
    map without nodes yet through (the page lists every map).
    """
    from . import graph

    settings = settings or Settings()
    if G.number_of_nodes() == 0 and not allow_empty:
        raise ViewError("nothing to draw: the maps have no nodes yet (add some under `nodes:`, or `argmap add`)", "map")
    name = view.map
    # a part is named by its root, or ROOT~K for a later page of the root's replies (graph.split)
    root = view.part.partition(graph.PAGE_MARK)[0] if view.part is not None else None
    if name is None and root is not None and root in G:
        name = G.nodes[root]["map"]
    if name is not None:
        try:
            G = graph.map_view(G, name)
        except KeyError:
            maps = G.graph.get("maps", {})
            raise ViewError(f"no map named '{name}'", "map", _suggest(name, maps) or f"maps: {', '.join(sorted(maps))}") from None
        if not allow_empty and not any(not d.get("ghost") for _, d in G.nodes(data=True)):
            raise ViewError(f"map '{name}' has no nodes yet (add some under `nodes:`, or `argmap add`)", "map")
    elif view.maps:
        own = set(view.maps)
        G = graph.subgraph(G, [n for n, m in G.nodes(data="map") if m in own])
    if view.part is not None:
        from .parts import NoSuchPart, part_of

        if root not in G:
            raise ViewError(f"no node with id '{root}' to draw the part of", "part",
                            _suggest(root, G.nodes) or "`argmap list` shows the maps")
        try:
            part = part_of(G, view.part, folder_settings or settings, draw_with=settings, evaluation=evaluation)
        except NoSuchPart as exc:
            raise ViewError(f"'{view.part}' starts no part of map '{name}'", "part", f"parts start at: {', '.join(exc.roots)}") from None
        G, settings = part.graph, part.settings  # its layout for the column
    if view.focus is not None:
        if view.focus not in G:
            raise ViewError(f"no node with id '{view.focus}' to focus on", "focus",
                            _suggest(view.focus, G.nodes) or "`argmap list` shows the maps")
        G = graph.focus(G, view.focus, view.depth)
    if view.tags or view.authors:
        G = graph.filter_nodes(G, tags=view.tags, authors=view.authors)
    if G.number_of_nodes() == 0 and not allow_empty:
        given = [o for o, v in (("--focus", view.focus), ("--tag", view.tags), ("--by", view.authors)) if v]
        raise ViewError(f"the view is empty: no node matches the {'/'.join(given)} options given", "focus")
    return Selected(G, settings)
