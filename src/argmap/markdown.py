"""A Python-Markdown extension: ```` ```argmap ```` fenced blocks become inline, responsive SVG maps.

Use it from Python-Markdown (``markdown.markdown(text, extensions=["argmap.markdown"])``)
or from MkDocs::

    # mkdocs.yml
    markdown_extensions:
      - argmap.markdown              # or, with options:
      # - argmap.markdown:
      #     base_dir: docs/..        # where `source:` paths start (default: the current folder)
      #     root: ..                 # the folder blocks may read from (default: base_dir)
      #     on_error: raise          # stop the build instead of showing the error in the page

Each block (keys in :mod:`argmap.embed`) is replaced by the map as inline SVG:
hovering a box shows its text, quote and source (an SVG ``<title>``), boxes with a
source URL link to it, and the picture shrinks to its column.  A bad block shows
``line N: error[argmap-block]: ...`` in the page and logs the same warning (so
``mkdocs build --strict`` fails), or raises :class:`argmap.embed.BlockError`
with ``on_error: raise``.  Lines count from the top of the Markdown text the
extension is given (MkDocs strips a page's front matter before that).

A page cannot reach outside its site: ``source:`` must lie inside ``root``
(``base_dir`` unless set), after following symlinks, so ``source: /etc/passwd``,
``../../.env`` or a symlink out is a located error, and no error quotes a file.
Any other failure is a located error too, never a traceback.
"""

from __future__ import annotations

import html
import logging
import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .embed import BlockError, parse_block, render_block

__all__ = ["ArgmapExtension", "makeExtension"]

# The logger name puts warnings under MkDocs's own (so `--strict` counts them).
log = logging.getLogger("mkdocs.plugins.argmap")

_ANY_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})")
_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})\s*\{?\s*\.?argmap\s*\}?\s*$")


class ArgmapPreprocessor(Preprocessor):
    """Finds top-level ```argmap fences before fenced_code does, and stashes the drawn map."""

    def __init__(self, md, config):
        super().__init__(md)
        self.config = config

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            match = _OPEN.match(lines[i])
            if not match:
                other = _ANY_FENCE.match(lines[i])
                if other:  # another fenced block (say, ````markdown showing an argmap block): its text is code
                    fence = other.group("fence")
                    close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
                    end = i + 1
                    while end < len(lines) and not close.match(lines[end]):
                        end += 1
                    out.extend(lines[i : end + 1])
                    i = end + 1
                    continue
                out.append(lines[i])
                i += 1
                continue
            fence = match.group("fence")
            close = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
            end = i + 1
            while end < len(lines) and not close.match(lines[end]):
                end += 1
            body = "\n".join(lines[i + 1 : end])
            out += ["", self.md.htmlStash.store(self._render(body, first_line=i + 2)), ""]
            i = end + 1  # an unclosed fence runs to the end of the document, as in CommonMark
        return out

    def _render(self, body: str, first_line: int) -> str:
        try:
            try:
                return render_block(parse_block(body, first_line), base=self.config["base_dir"],
                                    root=self.config["root"] or self.config["base_dir"])
            except BlockError:
                raise
            except Exception as exc:  # noqa: BLE001 - a page build never shows a traceback for one block
                raise BlockError(f"argmap could not draw this block ({type(exc).__name__}); please report it",
                                 first_line) from None
        except BlockError as exc:
            message = exc.located(self.config["document"] or None)
            if self.config["on_error"] == "raise":
                raise
            log.warning(message)
            return f'<pre class="argmap-error" role="alert">{html.escape(message)}</pre>'


class ArgmapExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "base_dir": [".", "Folder that relative `source:` paths start from."],
            "root": ["", "Folder that `source:` must lie in, symlinks followed (default: base_dir)."],
            "on_error": ["warn", "'warn': show the error in the page and log a warning; 'raise': raise BlockError."],
            "document": ["", "Name of the document, for error messages."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        config = self.getConfigs()
        if config["on_error"] not in ("warn", "raise"):
            raise ValueError(f"argmap.markdown: on_error must be 'warn' or 'raise', not {config['on_error']!r}")
        # after normalize_whitespace (30), before fenced_code_block (25)
        md.preprocessors.register(ArgmapPreprocessor(md, config), "argmap", 28)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return ArgmapExtension(**kwargs)
