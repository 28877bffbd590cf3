"""The library face of the commands that read: ``list``, ``show`` and ``analyze``.

Each opens the project through :mod:`argmap.project` (a file in its folder's
context), builds the folder's graph once, evaluates it once
(:func:`argmap.evaluation.evaluate`, one :class:`~argmap.settings.Settings`),
and only then selects what was asked for.  So ``analyze FILE``, ``analyze
FOLDER``, ``show ID`` and ``render --color-by status`` always agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .diagnostics import ArgmapError
from .model import Project
from .pipeline import View, select, whole_graph
from .project import Opened, open_checked
from .settings import Settings

__all__ = ["list_maps", "show_node", "show_thread", "analyze_paths"]


def list_maps(paths: Iterable[str | Path] = (), settings: Settings | None = None) -> str:
    """The table of ``argmap list``: the maps the paths name (a FILE: that map), each with whether
    its thesis stands under the folder's one evaluation (``argmap analyze`` tells why)."""
    from .evaluation import evaluate
    from .report import maps_table

    opened = open_checked(list(paths))
    if settings is None:
        from .settings import load_config

        folder = Path(opened.files[0]).parent if opened.files else Path(".")
        settings = load_config(folder)
    return maps_table(Project(opened.maps), evaluate(whole_graph(opened.project), settings))


def show_node(node_id: str, paths: Iterable[str | Path] = (), depth: int = 3, settings: Settings | None = None,
              opened: Opened | None = None) -> str:
    """The text of ``argmap show``: the node, its verdict in words, its source, and the tree of replies,
    with the folder's statuses."""
    from .evaluation import evaluate
    from .report import node_report

    opened = opened or open_checked(list(paths))
    settings = settings or Settings()
    G = whole_graph(opened.project)
    if node_id not in G:
        from .diagnostics import did_you_mean

        hint = did_you_mean(node_id, sorted(G.nodes)) or "`argmap list` shows the maps; ids are in the YAML files"
        raise ArgmapError(f"no node with id '{node_id}' ({hint})")
    return node_report(G, node_id, depth, evaluate(G, settings))


def show_thread(map_name: str | None = None, paths: Iterable[str | Path] = (), opened: Opened | None = None) -> str:
    """The text of ``argmap show --thread``: a map's exchange in order, source by source.

    ``map_name`` (or the map a FILE names) picks the map; its sources are told
    in thread order (each after the source it replies to; siblings by ``order``,
    then date, then id), each with the nodes it contributes and what they answer.
    """
    from .report import thread_report

    opened = opened or open_checked(list(paths))
    name = map_name or opened.single_map
    maps = {m.name: m for m in opened.project.maps}
    if name is None:
        if len(opened.maps) == 1:
            name = opened.maps[0].name
        else:
            raise ArgmapError(f"say which map's thread to show: --map NAME or a map file (maps: {', '.join(sorted(maps))})")
    if name not in maps:
        from .diagnostics import did_you_mean

        raise ArgmapError(f"no map named '{name}' ({did_you_mean(name, sorted(maps)) or 'maps: ' + ', '.join(sorted(maps))})")
    return thread_report(maps[name], whole_graph(opened.project))


def analyze_paths(paths: Iterable[str | Path] = (), map_name: str | None = None, settings: Settings | None = None,
                  opened: Opened | None = None):
    """``argmap analyze``: ``(view, analysis, evaluation)`` for the map a FILE names (or ``map_name``),
    else the folder.

    The evaluation is the whole folder's; the view selects which nodes the report is about.
    """
    from .analysis import analyze
    from .evaluation import evaluate

    opened = opened or open_checked(list(paths))
    settings = settings or Settings()
    G = whole_graph(opened.project)
    name = map_name or opened.single_map
    view = select(G, View(map=name)) if name else G
    if name is None and opened.selected is not None:  # several files named: their maps
        from .graph import subgraph

        own = {m.name for m in opened.maps}
        view = subgraph(G, [n for n, m in G.nodes(data="map") if m in own])
    ev = evaluate(G, settings)
    return view, analyze(view, ev), ev
