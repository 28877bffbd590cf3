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

A document is not trusted to reach outside its own folder: ``source:`` is resolved
inside a *root* folder (by default the folder relative paths start from), after
following symlinks, and so is every file the source's folder holds; an absolute
path, a ``..`` or a symlink that leads out of the root is refused with
``error[argmap-block]: ... outside the document's folder``, whose hint names the
option that widens the root (``root:`` of the Markdown extension, ``ARGMAP_ROOT``
for the pandoc filter).  Error messages never quote what a file holds: a map
with errors is reported by place and code (run ``argmap check`` for the words).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import ArgmapError

__all__ = ["Block", "BlockError", "parse_block", "render_block", "block_svg", "block_dot", "block_image",
           "inside_root", "KEYS", "MAX_BLOCK_CHARS", "MAX_PATH_CHARS", "ROOT_HINT"]

from .settings import OPTIONS as _OPTIONS, VIEW_KEYS as _VIEW_KEYS  # noqa: E402

#: ``source`` and every drawing option (:data:`argmap.settings.OPTIONS`): one vocabulary with the CLI and argmap.toml
KEYS = ("source", *_OPTIONS)
#: A block longer than this is refused before it is parsed (a block is a few short lines).
MAX_BLOCK_CHARS = 10_000
#: A path in a block (``source:``, ``argmap-figures``) longer than this is refused unread.
MAX_PATH_CHARS = 1_000
#: How to read maps outside the document's folder, named in every "outside" error.
ROOT_HINT = ("to read maps elsewhere, widen the root: the `root:` option of the argmap.markdown extension "
             "(mkdocs.yml), or the ARGMAP_ROOT environment variable for argmap-pandoc")


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
    if len(text) > MAX_BLOCK_CHARS:
        raise BlockError(f"an argmap block of {len(text):,} characters is too long (at most {MAX_BLOCK_CHARS:,})",
                         first_line, "a block is a few `key: value` lines")
    if _nesting(text) > 8:  # a block is flat; deep [ [ [ or { { { is refused before the YAML parser recurses
        raise BlockError("an argmap block is a flat YAML mapping (key: value lines), not nested lists or mappings",
                         first_line)
    try:
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + (mark.line if mark else 0)
        raise BlockError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", line) from None
    except (ValueError, RecursionError, MemoryError) as exc:  # what a YAML parser can raise besides YAMLError
        raise BlockError(f"not valid YAML ({type(exc).__name__})", first_line) from None
    if node is None:
        raise BlockError("empty argmap block: write at least `source: FOLDER`", first_line)
    if not isinstance(node, yaml.MappingNode):
        raise BlockError("an argmap block is a YAML mapping (key: value lines)", first_line + node.start_mark.line)
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode):
            raise BlockError("an argmap block's keys are plain words", line, f"the keys are {', '.join(KEYS)}")
        key = key_node.value
        if key not in KEYS:
            hint = did_you_mean(key.replace("colour", "color").replace("-", "_"), list(KEYS)) or f"the keys are {', '.join(KEYS)}"
            raise BlockError(f"unknown key '{_short(key)}' in an argmap block", line, hint)
        if not isinstance(value_node, yaml.ScalarNode):
            raise BlockError(f"'{key}' takes a single value", line)
        try:  # typed as YAML reads it (true, 12, 1.5), as argmap.toml's values are typed
            values[key] = yaml.load(yaml.serialize(value_node), Loader=loader)
        except yaml.YAMLError:  # a tag the safe loader refuses (!!python/...): the text as written
            values[key] = value_node.value
        lines[key] = line
    if "source" not in values:
        raise BlockError("an argmap block needs `source:` (a folder of maps or one map file)", first_line)
    for key in ("source", "map", "focus", "part"):  # names and paths are text, whatever YAML made of them
        if key in values:
            values[key] = "" if values[key] is None else str(values[key])
    if "depth" in values:
        depth = values["depth"]
        if isinstance(depth, bool) or not isinstance(depth, int):
            raise BlockError(f"depth must be a whole number, not '{_short(depth)}'", lines["depth"])
        if not 0 <= depth <= 100:
            raise BlockError("depth must be 0 or more" if depth < 0 else "depth must be at most 100", lines["depth"])
    style = tuple((k, v) for k, v in values.items() if k not in ("source", *_VIEW_KEYS))
    for key, value in style:  # the same check, and message, as argmap.toml and the CLI
        try:
            Settings().replace(**{key: value})
        except ArgmapError as exc:
            raise BlockError(_short(exc, 200), lines[key], f"see the drawing options: {key} takes the values argmap.toml takes") from None
    view = {k: v for k, v in values.items() if k in ("source", *_VIEW_KEYS)}
    block = Block(**view, style=style, line=first_line)
    object.__setattr__(block, "_lines", lines)
    return block


def _nesting(text: str) -> int:
    """The deepest run of open ``[`` / ``{`` in ``text`` (an upper bound on YAML flow nesting), in one pass."""
    depth = deepest = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth = max(depth - 1, 0)
    return deepest


def _short(value: object, limit: int = 80) -> str:
    """A value from the document, cut to ``limit`` characters for a message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def inside_root(value: str, base: Path | str, root: Path | str | None, what: str, line: int | None,
                shown: str | None = None) -> Path:
    """``value`` (a path written in a document) resolved against ``base``, checked to lie inside ``root``.

    ``root`` defaults to ``base``.  The check is made on real paths (symlinks
    followed), so neither an absolute path, nor ``..``, nor a symlink leads out.
    Raises :class:`BlockError` at ``line`` for a path outside, too long or unusable;
    messages name it as ``what 'shown'`` (``shown`` defaults to ``value``).
    """
    shown = _short(value if shown is None else shown)
    if len(value) > MAX_PATH_CHARS:
        raise BlockError(f"{what} is a path of {len(value):,} characters; at most {MAX_PATH_CHARS:,} are read", line)
    if "\0" in value:
        raise BlockError(f"{what} '{shown}' contains a NUL character", line)
    base = Path(base)
    path = Path(value)
    candidate = path if path.is_absolute() else base / path
    try:
        real = Path(os.path.realpath(candidate))
        top = Path(os.path.realpath(base if root is None else root))
    except (OSError, ValueError) as exc:
        raise BlockError(f"cannot resolve {what} '{shown}': {getattr(exc, 'strerror', None) or type(exc).__name__}",
                         line) from None
    if real != top and top not in real.parents:
        # the root itself is not named: the message may end up in a published page
        raise BlockError(f"{what} '{shown}' is outside the document's folder: argmap blocks read and write "
                         "only inside it (no absolute path or `..` out of it, no symlink leading out)", line, ROOT_HINT)
    return candidate


def _relative(path: Path | str, base: Path | str) -> str:
    """``path`` as the document wrote it, relative to ``base`` (no build machine's folder in a message)."""
    try:
        return Path(path).relative_to(base).as_posix()
    except ValueError:
        return str(path)


def _line(block: Block, key: str) -> int:
    return getattr(block, "_lines", {}).get(key, block.line)


def _source(block: Block, base: Path, root: Path | str | None) -> Path:
    """The block's ``source:``, checked (with every map file it brings in) to lie inside the root."""
    from .project import discover

    line = _line(block, "source")
    path = inside_root(block.source, base, root, "source", line)
    try:
        exists = path.exists()
    except (OSError, ValueError):
        exists = False
    if not exists:
        folder = _relative(path.parent, base) if not Path(block.source).is_absolute() else None
        where = f" (looked in {_short(folder)})" if folder not in (None, ".") and not Path(folder).is_absolute() else ""
        raise BlockError(f"source '{_short(block.source)}' does not exist{where}", line)
    found, _ = discover([path])
    for f in found:  # a symlinked map file inside the folder is no door out of it either
        inside_root(str(f.path), base, root, "map file", line, _relative(f.path, base))
    config = (path if path.is_dir() else path.parent) / "argmap.toml"
    if os.path.lexists(config):
        inside_root(str(config), base, root, "settings file", line, _relative(config, base))
    return path


def _view(block: Block, base: Path, settings, root=None):
    """The graph the block asks for, its settings, and the folder's evaluation (None unless the
    block's colouring shows verdicts)."""
    from .graph import build
    from .pipeline import open_project

    path = _source(block, base, root)
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
    whole = G
    evaluation = None
    if settings.color_by in ("status", "strength"):
        from .evaluation import evaluate

        evaluation = evaluate(whole, settings)  # the folder's verdicts, whatever the block selects
    from .views import View, ViewError, select

    view = View(map=block.map or own_map, focus=block.focus, depth=block.depth, part=block.part)
    try:
        G, settings = select(G, view, settings, folder_settings=folder_settings, evaluation=evaluation)
    except ViewError as exc:
        raise BlockError(exc.message, _line(block, exc.key), exc.hint) from None
    if block.part is not None or block.focus is not None:
        G.graph["title"] = None  # the figure is labelled with the focus, map or source instead
    return G, settings, evaluation


def block_svg(block: Block, base: Path | str = ".", settings=None, root: Path | str | None = None) -> tuple[bytes, object]:
    """The block's map drawn as SVG bytes (by the embedded engine unless settings say otherwise).

    ``base`` is where a relative ``source:`` starts; ``root`` the folder it must lie in (default ``base``).
    """
    from .export.dot import export as export_dot
    from .render import render

    G, settings, ev = _located(lambda: _view(block, Path(base), settings, root), block, base)
    return _located(lambda: render(export_dot(G, settings, ev), "svg", settings.engine), block), G


def block_dot(block: Block, base: Path | str = ".", settings=None, root: Path | str | None = None) -> tuple[str, object]:
    """The block's map as DOT text, and the settings it is to be drawn with."""
    from .export.dot import export as export_dot

    G, settings, ev = _located(lambda: _view(block, Path(base), settings, root), block, base)
    return _located(lambda: export_dot(G, settings, ev), block), settings


def block_image(block: Block, fmt: str, base: Path | str = ".", settings=None, root: Path | str | None = None) -> bytes:
    """The block's map as ``fmt`` (svg, png, pdf) bytes."""
    from .render import render

    dot, settings = block_dot(block, base, settings, root)
    return _located(lambda: render(dot, fmt, settings.engine), block)


def render_block(block: Block, base: Path | str = ".", settings=None, root: Path | str | None = None) -> str:
    """The block as an HTML fragment: a responsive inline SVG with hover text and source links."""
    from .export.html import fragment

    svg, G = block_svg(block, base, settings, root)
    return fragment(svg, label=G.graph.get("title") or block.focus or block.map or block.source)


def _located(step, block: Block, base: Path | str = "."):
    """Run ``step``; any argmap error becomes a :class:`BlockError` at the block's line."""
    from .diagnostics import InvalidInputError

    try:
        return step()
    except BlockError:
        raise
    except InvalidInputError as exc:
        # Place and code only: a message may quote the file (a secret read by mistake), a page is public.
        errors = [d for d in exc.diagnostics if d.is_error] or list(exc.diagnostics)
        count = sum(d.is_error for d in exc.diagnostics)
        first = errors[0] if errors else None
        loc = first.loc if first is not None else None
        where = f"{_relative(loc.file, base)}:{loc.line}:{loc.col}" if loc is not None else "?"
        where = f"{where} error[{first.code}]" if first is not None else where
        raise BlockError(f"the maps in '{_short(block.source)}' have {count} error{'s' * (count != 1)}; first at {where}",
                         _line(block, "source"), f"run `argmap check {_short(block.source)}` to read them") from None
    except ArgmapError as exc:
        raise BlockError(str(exc), block.line) from None
    except OSError as exc:  # a file that vanished or cannot be read: its name, never its bytes
        raise BlockError(f"cannot read the maps of '{_short(block.source)}': {exc.strerror or type(exc).__name__}",
                         _line(block, "source")) from None
    except (RecursionError, MemoryError, ValueError) as exc:
        raise BlockError(f"cannot draw this block ({type(exc).__name__})", block.line) from None

