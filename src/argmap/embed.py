"""A map inside a document: the ```` ```argmap ```` fenced block shared by the
Python-Markdown extension (:mod:`argmap.markdown`) and the pandoc filter
(:mod:`argmap.pandoc`).

A block is a small YAML mapping::

    source: arguments/            # a folder or a map file (required)
    map: power-concentration      # one map of the folder (its ghosts included)
    focus: backlash-needs-few-ais # a node and what lies within `depth` relations of it
    depth: 1                      # default 2
    part: backlash-needs-few-ais  # one part of a big map, as `build --parts 16` draws it
    color_by: status              # and any other drawing option, as in argmap.toml
    labels: title

Its keys are ``source`` and the drawing options of :data:`argmap.settings.OPTIONS`,
with the names, values and defaults they have in ``argmap.toml`` and on the
command line (the folder's ``argmap.toml`` applies, then the block's keys).

Statuses always come from the analysis of the whole folder, whatever the view.
Every problem is a :class:`BlockError` that knows the line *in the document*.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import ArgmapError

__all__ = ["Block", "BlockError", "parse_block", "render_block", "block_svg", "block_dot", "block_image", "KEYS"]

from .settings import OPTIONS as _OPTIONS, VIEW_KEYS as _VIEW_KEYS

#: ``source`` and every drawing option (:data:`argmap.settings.OPTIONS`): one vocabulary with the CLI and argmap.toml
KEYS = ("source", *_OPTIONS)


class BlockError(ArgmapError):
    """A problem in one ```argmap block; ``line`` is the document's line (1-based)."""

    def __init__(self, message: str, line: int | None = None, hint: str | None = None):
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint

    def located(self, document: str | None = None) -> str:
        """``document:line:1: error[argmap-block]: message`` (and the hint on a second line)."""
        where = f"{document or '<document>'}:{self.line or 1}:1"
        text = f"{where}: error[argmap-block]: {self.message}"
        return text + (f"\n  hint: {self.hint}" if self.hint else "")


@dataclass(frozen=True)
class Block:
    source: str
    map: str | None = None
    focus: str | None = None
    depth: int = 2
    part: str | None = None
    style: tuple[tuple[str, object], ...] = ()  # drawing options (Settings fields), as written
    line: int = 1  # the document line of the block's first key

    @property
    def color_by(self) -> str | None:
        return dict(self.style).get("color_by")


def parse_block(text: str, first_line: int = 1) -> Block:
    """The block's settings; ``first_line`` is the document line of the block's first line.

    >>> parse_block("source: arguments/\\nfocus: x\\ndepth: 1\\nlabels: both", 10)
    Block(source='arguments/', map=None, focus='x', depth=1, part=None, style=(('labels', 'both'),), line=10)
    >>> parse_block("source: a\\ncolour_by: status", 10)
    Traceback (most recent call last):
    argmap.embed.BlockError: unknown key 'colour_by' in an argmap block
    """
    import yaml

    from .diagnostics import did_you_mean
    from .settings import Settings

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        raise BlockError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", line) from None
    if node is None:
        raise BlockError("empty argmap block: write at least `source: FOLDER`", first_line)
    if not isinstance(node, yaml.MappingNode):
        raise BlockError("an argmap block is a YAML mapping (key: value lines)", first_line + node.start_mark.line)
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        line = first_line + key_node.start_mark.line
        if key not in KEYS:
            hint = did_you_mean(key.replace("colour", "color").replace("-", "_"), list(KEYS)) or f"the keys are {', '.join(KEYS)}"
            raise BlockError(f"unknown key '{key}' in an argmap block", line, hint)
        if not isinstance(value_node, yaml.ScalarNode):
            raise BlockError(f"'{key}' takes a single value", line)
        # typed as YAML reads it (true, 12, 1.5), as argmap.toml's values are typed
        values[key], lines[key] = yaml.load(yaml.serialize(value_node), Loader=loader), line
    if "source" not in values:
        raise BlockError("an argmap block needs `source:` (a folder of maps or one map file)", first_line)
    for key in ("source", "map", "focus", "part"):
        if key in values and values[key] is not None:
            values[key] = str(values[key])
    if "depth" in values:
        if isinstance(values["depth"], bool) or not isinstance(values["depth"], int):
            raise BlockError(f"depth must be a whole number, not '{values['depth']}'", lines["depth"])
        if values["depth"] < 0:
            raise BlockError("depth must be 0 or more", lines["depth"])
    style = tuple((k, v) for k, v in values.items() if k not in ("source", *_VIEW_KEYS))
    for key, value in style:  # the same check, and message, as argmap.toml and the CLI
        try:
            Settings().replace(**{key: value})
        except ArgmapError as exc:
            raise BlockError(str(exc), lines[key], f"see the drawing options: {key} takes the values argmap.toml takes") from None
    view = {k: v for k, v in values.items() if k in ("source", *_VIEW_KEYS)}
    block = Block(**view, style=style, line=first_line)
    object.__setattr__(block, "_lines", lines)
    return block


def _line(block: Block, key: str) -> int:
    return getattr(block, "_lines", {}).get(key, block.line)


def _view(block: Block, base: Path, settings):
    """The graph the block asks for, with the folder's statuses on every node, and its settings."""
    from .graph import build, focus, map_view
    from .html import DEFAULT_PARTS, folder_analysis
    from .pipeline import open_project

    path = Path(block.source)
    if not path.is_absolute():
        path = base / path
    if not path.exists():
        raise BlockError(f"source '{block.source}' does not exist (looked in {path.parent})", _line(block, "source"))
    if settings is None:  # the folder's argmap.toml, as for `argmap render`
        from .settings import load_config

        settings = load_config(path if path.is_dir() else path.parent)
    folder_settings = settings  # which parts there are: the folder's, as in maps/
    for key, value in block.style:  # then the block's own drawing options
        try:
            settings = settings.replace(**{key: value})
        except ArgmapError as exc:
            raise BlockError(str(exc), _line(block, key)) from None
    project, _, own_map = open_project(path)
    G = build(project)
    result = folder_analysis(G, settings)
    for n, label in result.status.items():
        G.nodes[n]["status"] = label
    name = block.map or own_map
    if block.part is not None:
        if block.part not in G:
            raise BlockError(f"no node '{block.part}' to take the part of", _line(block, "part"), _suggest(block.part, G))
        name = name or G.nodes[block.part]["map"]
    if name is not None:
        try:
            G = map_view(G, name)
        except KeyError:
            from .diagnostics import did_you_mean

            maps = sorted(G.graph["maps"])
            raise BlockError(f"no map named '{name}'", _line(block, "map"), did_you_mean(name, maps) or f"maps: {', '.join(maps)}") from None
    if block.part is not None:
        from .parts import NoSuchPart, part_of

        try:  # the part `build --parts 16` draws, in the block's options
            part = part_of(G, block.part, folder_settings, DEFAULT_PARTS, draw_with=settings)
        except NoSuchPart as exc:
            raise BlockError(f"'{block.part}' starts no part of map '{name}'", _line(block, "part"),
                             f"parts start at: {', '.join(exc.roots)}") from None
        G, settings = part.graph, part.settings
        G.graph["title"] = None
    if block.focus is not None:
        if block.focus not in G:
            raise BlockError(f"no node '{block.focus}' to focus on", _line(block, "focus"), _suggest(block.focus, G))
        G = focus(G, block.focus, block.depth)
        G.graph["title"] = None
    return G, settings


def _suggest(name: str, G) -> str | None:
    from .diagnostics import did_you_mean

    return did_you_mean(name, list(G.nodes))


def block_svg(block: Block, base: Path | str = ".", settings=None) -> tuple[bytes, object]:
    """The block's map drawn as SVG bytes (by the embedded engine unless settings say otherwise)."""
    from .export.dot import export as export_dot
    from .render import render

    G, settings = _located(lambda: _view(block, Path(base), settings), block)
    return _located(lambda: render(export_dot(G, settings), "svg", settings.engine), block), G


def block_dot(block: Block, base: Path | str = ".", settings=None) -> tuple[str, object]:
    """The block's map as DOT text, and the settings it is to be drawn with."""
    from .export.dot import export as export_dot

    G, settings = _located(lambda: _view(block, Path(base), settings), block)
    return _located(lambda: export_dot(G, settings), block), settings


def block_image(block: Block, fmt: str, base: Path | str = ".", settings=None) -> bytes:
    """The block's map as ``fmt`` (svg, png, pdf) bytes."""
    from .render import render

    dot, settings = block_dot(block, base, settings)
    return _located(lambda: render(dot, fmt, settings.engine), block)


def render_block(block: Block, base: Path | str = ".", settings=None) -> str:
    """The block as an HTML fragment: a responsive inline SVG with hover text and source links."""
    from .export.html import fragment

    svg, G = block_svg(block, base, settings)
    return fragment(svg, label=G.graph.get("title") or block.focus or block.map or block.source)


def _located(step, block: Block):
    """Run ``step``; any argmap error becomes a :class:`BlockError` at the block's line."""
    from .diagnostics import InvalidInputError

    try:
        return step()
    except BlockError:
        raise
    except InvalidInputError as exc:
        first = exc.diagnostics[0] if exc.diagnostics else None
        count = sum(d.is_error for d in exc.diagnostics)
        where = f"{first.loc}: {first.message}" if first is not None and first.loc else str(first.message if first else exc)
        raise BlockError(f"the maps in '{block.source}' have {count} error{'s' * (count != 1)}; first: {where}",
                         _line(block, "source"), "run `argmap check` on them") from None
    except ArgmapError as exc:
        raise BlockError(str(exc), block.line) from None

