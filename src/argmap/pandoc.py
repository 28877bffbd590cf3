"""``argmap-pandoc``: a pandoc JSON filter that draws ```` ```argmap ```` blocks.

    pandoc post.md --filter argmap-pandoc -o post.html     # inline, responsive SVG
    pandoc post.md --filter argmap-pandoc -o post.docx     # a PNG image
    pandoc post.md --filter argmap-pandoc -o post.pdf      # a PDF image (LaTeX)

For HTML outputs (html, html4, html5, revealjs, slidy, s5, dzslides, slideous,
epub3) a block becomes the same inline SVG as ``argmap render --format html``:
hover text with the quote and source, links to sources.  For any other output
it becomes an image (PDF for LaTeX and ConTeXt, PNG otherwise) written to
``argmap-figures/`` (or the folder named by the metadata field
``argmap-figures``), named by a hash of its bytes, so a rebuild rewrites the same
file.  Relative ``source:`` paths start in the current folder.

Plain JSON AST handling (no dependency).  A bad block stops pandoc with
``FILE:LINE:1: error[argmap-block]: ...``.  The line is known when pandoc reports
source positions (``-f commonmark_x+sourcepos``); otherwise the filter looks for
the block in the input files pandoc was started with, and failing that names the
block by its number.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from .diagnostics import ArgmapError
from .embed import BlockError, block_dot, parse_block, render_block

__all__ = ["main", "filter_document", "HTML_FORMATS"]

HTML_FORMATS = ("html", "html4", "html5", "revealjs", "slidy", "s5", "dzslides", "slideous", "epub3", "epub")
PDF_FORMATS = ("latex", "beamer", "context")
FIGURES = "argmap-figures"


def _base_format(fmt: str) -> str:
    """``html5+smart`` → ``html5``."""
    for i, ch in enumerate(fmt):
        if ch in "+-":
            return fmt[:i]
    return fmt


def _is_argmap(block: dict) -> bool:
    return block.get("t") == "CodeBlock" and "argmap" in block["c"][0][1]


def _walk(value, visit):
    """Replace, depth first and in document order, every element for which ``visit`` returns a new one.

    Iterative (a stack of iterators), so a document nested thousands deep (blockquotes
    in blockquotes) cannot overflow Python's recursion limit.  Containers are changed
    in place: the caller passes a document it owns.
    """
    if isinstance(value, dict) and "t" in value:
        replaced = visit(value)
        if replaced is not None:
            return replaced
    stack = [(value, iter(list(enumerate(value)) if isinstance(value, list) else list(value.items())))]
    while stack:
        container, items = stack[-1]
        for key, item in items:
            if isinstance(item, dict) and "t" in item:
                replaced = visit(item)
                if replaced is not None:
                    container[key] = replaced
                    continue
            if isinstance(item, (list, dict)):
                stack.append((item, iter(list(enumerate(item)) if isinstance(item, list) else list(item.items()))))
                break
        else:
            stack.pop()
    return value


def _meta_string(meta: dict, key: str) -> str | None:
    value = meta.get(key)
    if not value:
        return None
    if value["t"] == "MetaString":
        return value["c"]
    if value["t"] == "MetaInlines":
        return "".join(x.get("c", " ") if x["t"] == "Str" else " " for x in value["c"]).strip()
    return None


def _inputs() -> list[Path]:
    """The input files of the pandoc run that started this filter (Linux), to find a block's line."""
    named = os.environ.get("ARGMAP_PANDOC_INPUTS")
    if named:
        return [Path(p) for p in named.split(os.pathsep) if p]
    try:
        args = Path(f"/proc/{os.getppid()}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []
    out = []
    for arg in args[1:]:
        try:
            path = Path(arg.decode())
        except UnicodeDecodeError:
            continue
        if not arg.startswith(b"-") and path.suffix.lower() in (".md", ".markdown", ".txt", ".rst", ".org") and path.is_file():
            out.append(path)
    return out


def _locate(block: dict, number: int, inputs: list[Path]) -> tuple[str, int]:
    """``(file, line of the block's first line)`` as well as can be known."""
    attrs = dict(block["c"][0][2])
    pos = attrs.get("data-pos")  # commonmark_x+sourcepos: "post.md@3:1-7:4"
    if pos:
        file, _, rest = pos.rpartition("@")
        return file or "<input>", int(rest.split(":")[0]) + 1
    text = block["c"][1]
    for path in inputs:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        body = text.splitlines()
        for i, line in enumerate(lines):
            if line.lstrip().startswith(("```", "~~~")) and "argmap" in line and lines[i + 1 : i + 1 + len(body)] == body:
                return str(path), i + 2
    return f"<argmap block {number}>", 1


def root() -> Path:
    """The folder blocks may read and write in: ``ARGMAP_ROOT``, else the current folder."""
    return Path(os.environ.get("ARGMAP_ROOT") or ".")


class Filter:
    def __init__(self, fmt: str, meta: dict, root_folder: str | Path | None = None):
        self.fmt = _base_format(fmt)
        self.root = Path(root_folder) if root_folder is not None else root()
        self.figures_name = _meta_string(meta, "argmap-figures") or FIGURES
        self.figures: Path | None = None  # checked when the first image is written
        self.count = 0
        self._inputs = None

    def __call__(self, block: dict):
        if not _is_argmap(block):
            return None
        self.count += 1
        if self._inputs is None:
            self._inputs = _inputs()
        file, line = _locate(block, self.count, self._inputs)
        try:
            try:
                spec = parse_block(block["c"][1], line)
                if self.fmt in HTML_FORMATS:
                    return {"t": "RawBlock", "c": ["html", render_block(spec, root=self.root)]}
                return self._image(spec, block)
            except BlockError:
                raise
            except Exception as exc:  # noqa: BLE001 - one located line in pandoc's log, never a traceback
                raise BlockError(f"argmap could not draw this block ({type(exc).__name__}); please report it", line) from None
        except BlockError as exc:
            raise _Stop(exc.located(file)) from None

    def _image(self, spec, block: dict) -> dict:
        """The map as an image file, named by what it draws: an unchanged block is not drawn again."""
        from ._version import __version__
        from .fsutil import write_atomic
        from .render import render, resolve_engine

        from .embed import inside_root

        ext = "pdf" if self.fmt in PDF_FORMATS else "png"
        dot, settings = block_dot(spec, root=self.root)
        if self.figures is None:
            self.figures = inside_root(self.figures_name, ".", self.root, "the figures folder (metadata `argmap-figures`)",
                                       spec.line)
        try:
            engine = resolve_engine(settings.engine, ext)
            key = hashlib.sha256(f"{__version__}\0{engine}\0{ext}\0{dot}".encode()).hexdigest()[:16]
            path = inside_root(str(self.figures / f"argmap-{key}.{ext}"), ".", self.root, "the figure", spec.line)
            if not path.is_file():
                write_atomic(path, render(dot, ext, engine))
        except ArgmapError as exc:
            raise BlockError(str(exc), spec.line) from None
        ident, classes, attrs = block["c"][0]
        alt = spec.focus or spec.part or spec.map or spec.source
        caption = [{"t": "Str", "c": f"Argument map: {alt}"}]
        image = {"t": "Image", "c": [[ident, [c for c in classes if c != "argmap"], [kv for kv in attrs if kv[0] != "data-pos"]], caption, [path.as_posix(), ""]]}
        return {"t": "Para", "c": [image]}


class _Stop(Exception):
    pass


def filter_document(doc: dict, fmt: str, root: str | Path | None = None) -> dict:
    """The pandoc JSON document with every ```argmap block drawn for output format ``fmt``.

    ``root``: the folder blocks may read and write in (default: ``ARGMAP_ROOT``, else the
    current folder).  The document is changed in place (and returned): copying it would
    recurse as deep as it nests.
    """
    meta = doc.get("meta", {})
    visit = Filter(fmt, meta, root)
    doc["blocks"] = _walk(doc["blocks"], visit)
    return doc


def main(argv: list[str] | None = None) -> int:
    """Pandoc runs ``argmap-pandoc FORMAT`` with the document as JSON on stdin."""
    argv = sys.argv[1:] if argv is None else argv
    fmt = argv[0] if argv else "html"
    # pandoc's JSON nests two levels per blockquote; Python's json reader and writer recurse on it
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20_000))
    try:
        doc = json.load(sys.stdin)
    except json.JSONDecodeError as exc:
        print(f"Error: argmap-pandoc reads pandoc's JSON on standard input (use it as `pandoc --filter argmap-pandoc`): {exc}", file=sys.stderr)
        return 1
    except RecursionError:
        print("Error: argmap-pandoc: the document is nested too deeply to read", file=sys.stderr)
        return 1
    try:
        out = filter_document(doc, fmt)
        text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    except _Stop as exc:
        print(str(exc), file=sys.stderr)
        return 1
    except RecursionError:
        print("Error: argmap-pandoc: the document is nested too deeply to write back", file=sys.stderr)
        return 1
    except (ArgmapError, OSError) as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
