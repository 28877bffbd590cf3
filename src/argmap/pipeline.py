"""The steps chained: paths → project → graph → view → DOT → image bytes.

This is the library face of ``argmap render`` and ``argmap build``; the CLI only
parses flags, calls these, and prints.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from . import check
from .diagnostics import ArgmapError, Diagnostic, InvalidInputError, has_errors
from .model import Project
from .settings import Settings

__all__ = [
    "View",
    "open_project",
    "select",
    "draw",
    "render_path",
    "build_folder",
    "BuildStep",
    "STAMP_PREFIX",
]

STAMP_PREFIX = b"<!-- argmap-input: "


@dataclass(frozen=True)
class View:
    """Which part of the graph to draw (every field optional)."""

    map: str | None = None
    focus: str | None = None
    depth: int = 2
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()


def open_project(path: str | Path, quotes: str | Path | None = None) -> tuple[Project, list[Diagnostic], str | None]:
    """Load what ``path`` names; for a single file, also the rest of its folder if it points there.

    Returns the project, every diagnostic, and the map name of the file (``None``
    for a folder).  Raises :class:`InvalidInputError` when there are errors.
    """
    path = Path(path)
    project, diags = check(path, quotes=quotes)
    map_name = None
    if path.is_file():
        own = [m for m in project.maps if Path(m.path) == path]
        map_name = own[0].name if own else None
        if any(d.code == "dangling" for d in diags):
            siblings = [p for p in path.parent.glob("*.y*ml") if p.suffix in (".yaml", ".yml")]
            if len(siblings) > 1:  # targets may live in another file of the same folder
                folder_project, folder_diags = check(path.parent, quotes=quotes)
                # Take the folder only if its other files are sound: otherwise the user who
                # asked about one file would get every sibling's problems instead of its own.
                elsewhere = [d for d in folder_diags if d.is_error and d.loc and Path(d.loc.file) != path]
                if not elsewhere:
                    project, diags = folder_project, folder_diags
    if has_errors(diags):
        raise InvalidInputError(diags)
    return project, diags, map_name


def select(G, view: View):
    """The subgraph ``view`` asks for (a map with its ghosts, a focus, a filter)."""
    from . import graph

    if view.map is not None:
        try:
            G = graph.map_view(G, view.map)
        except KeyError:
            raise ArgmapError(
                f"no map named '{view.map}' (maps: {', '.join(sorted(G.graph.get('maps', {})))})"
            ) from None
    if view.focus is not None:
        try:
            G = graph.focus(G, view.focus, view.depth)
        except KeyError:
            from .diagnostics import did_you_mean

            hint = did_you_mean(view.focus, list(G.nodes)) or "`argmap list` shows the maps"
            raise ArgmapError(f"no node with id '{view.focus}' to focus on ({hint})") from None
    if view.tags or view.authors:
        G = graph.filter_nodes(G, tags=view.tags, authors=view.authors)
    if G.number_of_nodes() == 0:
        raise ArgmapError("the view is empty: no node matches the --focus/--tag/--by options given")
    return G


def annotate_status(G, settings: Settings) -> None:
    """Put each node's IN/OUT/UNDEC status in its ``status`` attribute."""
    from .analysis import statuses

    for n, label in statuses(G, semantics=settings.semantics, bipolar=settings.bipolar).items():
        G.nodes[n]["status"] = label


def draw(G, fmt: str, settings: Settings) -> bytes:
    """The (already selected) graph as bytes in ``fmt``."""
    from .export import EXPORTERS, export
    from .export.dot import export as export_dot

    if settings.color_by == "status":
        annotate_status(G, settings)
    if fmt in EXPORTERS:
        return export(G, fmt, settings).encode("utf-8")
    from .render import render

    return render(export_dot(G, settings), fmt, settings.engine)


def render_path(path: str | Path, fmt: str, settings: Settings, view: View = View()) -> tuple[bytes, object]:
    """Load, build, select and draw: the bytes of ``argmap render`` and the graph drawn."""
    from .graph import build

    project, _, map_name = open_project(path)
    G = build(project)
    if view.map is None and map_name is not None:
        view = dataclasses.replace(view, map=map_name)
    G = select(G, view)
    if view.map is None and G.graph.get("title") is None and len(project.maps) == 1:
        G.graph["title"] = project.maps[0].title
    return draw(G, fmt, settings), G


@dataclass
class BuildStep:
    """One map of ``build``: where it went, whether it was drawn or already up to date."""

    map: str
    output: Path
    index: int
    total: int
    skipped: bool = False
    seconds: float = 0.0
    nodes: int = 0
    warnings: list[str] = field(default_factory=list)


def build_folder(
    folder: str | Path,
    out_dir: str | Path,
    fmt: str,
    settings: Settings,
    force: bool = False,
    only: Sequence[str] = (),
    parts: int = 0,
) -> Iterator[BuildStep]:
    """Draw every map of ``folder`` into ``out_dir/<map>.<fmt>``, skipping those already up to date.

    An SVG output carries a stamp (a hash of the DOT, the engine and argmap's
    version); one whose stamp matches is not drawn again.  Other formats are
    compared by modification time against the map files.  With ``parts`` > 0,
    every map of more nodes than that is also drawn in readable parts of about
    that size, into ``out_dir/<map>/<root-id>.<fmt>`` (see :func:`argmap.graph.split`).
    """
    from . import __version__
    from .export.dot import export as export_dot, link_parts
    from .graph import build, map_view, split
    from .render import render, resolve_engine

    project, _, _ = open_project(folder)
    G = build(project)
    out_dir = Path(out_dir)
    maps = [m for m in project.maps if not only or m.name in only]
    newest_input = max((Path(m.path).stat().st_mtime for m in project.maps), default=0.0)
    jobs = []
    for m in maps:
        H = map_view(G, m.name)
        jobs.append((m.name, out_dir / f"{m.name}.{fmt}", H))
        own = sum(1 for _, d in H.nodes(data=True) if not d.get("ghost"))
        if parts and own > parts:
            pieces = split(H, parts)
            link_parts(pieces)  # "[replies: see its own part]" links to the part that draws them
            for root, P in pieces:
                P.graph["title"] = f"{H.graph.get('title', m.name)} (part: {root})"
                jobs.append((f"{m.name}/{root}", out_dir / m.name / f"{root}.{fmt}", P))
    # parts are drawn sideways: replies to one node stack in a column, so no staggering
    part_settings = settings.replace(rankdir=settings.parts_rankdir, stagger=0)
    for i, (name, out, H) in enumerate(jobs, 1):
        start = time.perf_counter()
        job_settings = part_settings if "part" in H.graph else settings
        step = BuildStep(name, out, i, len(jobs), nodes=sum(1 for _, d in H.nodes(data=True) if not d.get("ghost")))
        if step.nodes > settings.large_map_warning and not parts:
            step.warnings.append(
                f"{name} has {step.nodes} nodes; consider views with --focus or --tag, or --parts N"
            )
        if settings.color_by == "status":
            annotate_status(H, job_settings)
        H.graph["link_suffix"] = ".svg" if fmt == "svg" else None  # ghosts and parts link to their files
        dot_text = export_dot(H, job_settings)
        if fmt == "svg":
            engine = resolve_engine(settings.engine, fmt)
            stamp = STAMP_PREFIX + hashlib.sha256(f"{__version__}\0{engine}\0{dot_text}".encode()).hexdigest().encode() + b" -->\n"
            if not force and out.is_file() and stamp in _head(out):
                step.skipped = True
            else:
                svg = render(dot_text, "svg", engine)
                _write(out, _stamp_svg(svg, stamp))
        elif fmt in ("png", "pdf"):
            if not force and out.is_file() and out.stat().st_mtime >= newest_input:
                step.skipped = True
            else:
                _write(out, render(dot_text, fmt, settings.engine))
        else:
            _write(out, draw(H, fmt, job_settings))
        step.seconds = time.perf_counter() - start
        yield step


def _head(path: Path, size: int = 1024) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


def _stamp_svg(svg: bytes, stamp: bytes) -> bytes:
    """Put the stamp on the line after the XML declaration (a comment: no effect on the picture)."""
    if svg.startswith(b"<?xml"):
        end = svg.index(b"\n") + 1
        return svg[:end] + stamp + svg[end:]
    return stamp + svg


def _write(path: Path, data: bytes) -> None:
    from .fsutil import write_atomic

    write_atomic(path, data)
