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
from typing import Iterable, Iterator, Sequence

from .diagnostics import ArgmapError, Diagnostic
from .model import Project
from .project import Opened, open_checked
from .settings import Settings
from .views import View, select as select_view

__all__ = [
    "View",
    "open_project",
    "whole_graph",
    "evaluation_for",
    "select",
    "draw",
    "render_path",
    "render_opened",
    "build_folder",
    "BuildStep",
    "STAMP_PREFIX",
    "check_output",
]

STAMP_PREFIX = b"<!-- argmap-input: "


def open_project(path: str | Path, quotes: str | Path | None = None) -> tuple[Project, list[Diagnostic], str | None]:
    """The checked project ``path`` names (a file with its folder's maps), every diagnostic,
    and the map name of the file (``None`` for a folder).  Raises
    :class:`InvalidInputError` when there are errors.  See :mod:`argmap.project`.
    """
    opened = open_checked([path], quotes=quotes)
    return opened.project, opened.diagnostics, opened.single_map


def whole_graph(project: Project):
    """The folder's graph, once: every view is selected from it, and it is never written to again."""
    from .graph import build

    return build(project)


def needs_evaluation(fmt: str, settings: Settings) -> bool:
    """Whether drawing ``fmt`` under ``settings`` shows verdicts (a status or strength colouring,
    or an attack framework), so the folder must be evaluated first."""
    from .export import is_framework

    return settings.color_by in ("status", "strength") or is_framework(fmt)


def evaluation_for(G, fmt: str, settings: Settings):
    """The folder's :class:`~argmap.evaluation.Evaluation` when ``fmt``/``settings`` show verdicts, else None."""
    if not needs_evaluation(fmt, settings):
        return None
    from .evaluation import evaluate

    return evaluate(G, settings)


def select(G, view: View):
    """The subgraph ``view`` asks for (a map with its ghosts, a focus, a filter): :func:`argmap.views.select`'s graph."""
    return select_view(G, view).graph


def draw(G, fmt: str, settings: Settings, evaluation=None) -> bytes:
    """The (already selected) graph as bytes in ``fmt``; ``evaluation`` is the folder's
    (:func:`evaluation_for`), needed for status and strength colourings and frameworks."""
    from .export import FORMATS, export
    from .export.dot import export as export_dot

    if fmt not in FORMATS:
        raise ArgmapError(f"unknown format '{fmt}' (choose {', '.join(FORMATS)})")
    if not FORMATS[fmt].image:
        return export(G, fmt, settings, evaluation).encode("utf-8")
    from .render import render

    return render(export_dot(G, settings, evaluation), fmt, settings.engine)


def check_output(output: str | Path, fmt: str, inputs: Opened | Iterable[str | Path] = (), *,
                 make_parents: bool = False) -> Path:
    """Refuse an output that would destroy input or cannot be written; returns it as a Path.

    - its suffix names another registered format than ``fmt`` (``-o x.svg --format png``);
    - its suffix is a map file's (``.yaml``): no format writes YAML, and the file would be read as a map;
    - it is one of the files read (a map of the folder, its ``argmap.toml``);
    - its folder does not exist (unless ``make_parents``), or it is a folder.
    """
    from .export import FORMATS, format_for_suffix
    from .spec import MAP_SUFFIXES

    out = Path(output)
    by_suffix = format_for_suffix(out)
    if by_suffix is not None and by_suffix != fmt and fmt in FORMATS:
        raise ArgmapError(
            f"{out}: the suffix .{out.suffix.lstrip('.')} says {by_suffix}, but the format asked for is {fmt}; "
            f"name the output *.{FORMATS[fmt].suffix} or drop --format"
        )
    if isinstance(inputs, Opened):
        inputs = [*inputs.files, *(m.path for m in inputs.project.maps)]
    if out.exists():
        try:
            target = out.resolve()
            read = {Path(p).resolve() for p in inputs}
        except (OSError, RuntimeError):
            read, target = set(), None
        if target in read:
            raise ArgmapError(f"{out} is one of the map files being read; refusing to overwrite it (choose another output)")
    if out.suffix.lower() in MAP_SUFFIXES and fmt in FORMATS:
        # no format writes YAML, and a new .yaml file in a maps folder is read as a (broken) map
        raise ArgmapError(
            f"{out}: {out.suffix} is the suffix of map files, but the output is {fmt}; "
            f"name the output *.{FORMATS[fmt].suffix}"
        )
    if out.is_dir():
        raise ArgmapError(f"{out} is a folder; give a file name for the output")
    parent = out.parent
    if not make_parents and not parent.is_dir():
        raise ArgmapError(f"cannot write {out}: its folder {parent} does not exist (create it first)")
    return out


def render_opened(opened: Opened, fmt: str, settings: Settings, view: View = View()) -> tuple[bytes, object]:
    """Build the folder's graph once, select the view, draw: the bytes and the graph drawn."""
    G = whole_graph(opened.project)
    ev = evaluation_for(G, fmt, settings)
    if view.map is None and opened.single_map is not None:
        view = dataclasses.replace(view, map=opened.single_map)
    elif view.map is None and opened.selected is not None and len(opened.selected) > 1 and not view.filtered:
        view = dataclasses.replace(view, maps=tuple(m.name for m in opened.maps))
    folder_settings = None
    if view.part is not None:  # which parts there are: the folder's settings, as `make maps` draws them
        from .settings import load_config

        folder_settings = load_config(opened.folder)
    H, settings = select_view(G, view, settings, folder_settings=folder_settings, evaluation=ev)
    if view.map is None and H.graph.get("title") is None and len(opened.project.maps) == 1:
        H.graph["title"] = opened.project.maps[0].title
    return draw(H, fmt, settings, ev), H


def render_path(path: str | Path, fmt: str, settings: Settings, view: View = View()) -> tuple[bytes, object]:
    """Load, build, select and draw: the bytes of ``argmap render`` and the graph drawn."""
    return render_opened(open_checked([path]), fmt, settings, view)


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
    every map of more nodes than that is also drawn in parts of at most that size,
    into ``out_dir/<map>/<root-id>.<fmt>``, each laid out to read in a column
    (see :func:`argmap.parts.column_parts`; smaller where a part would be too wide).
    """
    from ._version import __version__
    from .export import FORMATS
    from .export.dot import export as export_dot
    from .graph import map_view
    from .parts import column_parts
    from .render import render, resolve_engine

    opened = open_checked([folder])
    project = opened.project
    G = whole_graph(project)
    ev = evaluation_for(G, fmt, settings)
    out_dir = Path(out_dir)
    suffix = FORMATS[fmt].suffix if fmt in FORMATS else fmt
    maps = [m for m in project.maps if not only or m.name in only]
    newest_input = max((Path(m.path).stat().st_mtime for m in project.maps), default=0.0)
    jobs = []
    for m in maps:
        H = map_view(G, m.name)
        H.graph["link_suffix"] = ".svg" if fmt == "svg" else None  # ghosts and parts link to their files
        jobs.append((m.name, out_dir / f"{m.name}.{suffix}", H, settings, None))
        own = sum(1 for _, d in H.nodes(data=True) if not d.get("ghost"))
        if parts and own > parts:
            # each part in the layout that reads in a column (argmap.parts), drawn by the embedded Graphviz
            for part in column_parts(H, settings, parts, ev):
                svg = part.svg if fmt == "svg" and resolve_engine(settings.engine, fmt) == "embedded" else None
                jobs.append((f"{m.name}/{part.root}", out_dir / m.name / f"{part.root}.{suffix}", part.graph, part.settings, svg))
    for i, (name, out, H, job_settings, drawn) in enumerate(jobs, 1):
        start = time.perf_counter()
        step = BuildStep(name, out, i, len(jobs), nodes=sum(1 for _, d in H.nodes(data=True) if not d.get("ghost")))
        if step.nodes > settings.large_map_warning and not parts:
            step.warnings.append(
                f"{name} has {step.nodes} nodes; consider views with --focus or --tag, or --parts N"
            )
        dot_text = export_dot(H, job_settings, ev)
        if fmt == "svg":
            engine = resolve_engine(settings.engine, fmt)
            stamp = STAMP_PREFIX + hashlib.sha256(f"{__version__}\0{engine}\0{dot_text}".encode()).hexdigest().encode() + b" -->\n"
            if not force and out.is_file() and stamp in _head(out):
                step.skipped = True
            else:
                svg = drawn if drawn is not None else render(dot_text, "svg", engine)
                _write(out, _stamp_svg(svg, stamp))
        elif fmt in ("png", "pdf"):
            if not force and out.is_file() and out.stat().st_mtime >= newest_input:
                step.skipped = True
            else:
                _write(out, render(dot_text, fmt, settings.engine))
        else:
            _write(out, draw(H, fmt, job_settings, ev))
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
