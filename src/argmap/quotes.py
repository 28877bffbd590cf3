"""Quotes are the author's exact words: check each one against its source text.

Both the quote and the text are normalised the same way before comparing, so
that layout and typography do not count but words do:

- runs of whitespace become one space;
- Markdown links ``[words](url)`` and ``[words][ref]`` become ``words``; ``*`` and ``_`` are dropped;
- typographic quotes and apostrophes become straight ones, ``…`` becomes ``...``,
  non-breaking spaces become spaces.

Case, punctuation and every word must match.
"""

from __future__ import annotations

import re
from pathlib import Path

from .diagnostics import Diagnostic
from .model import Project

__all__ = ["normalise", "check_quotes", "closest_passage"]

_LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "*": None,
        "_": None,
    }
)


def normalise(text: str) -> str:
    """Text as quotes are compared.

    >>> normalise("it’s  *very*\\n [clear](https://x.org)")
    "it's very clear"
    """
    text = _LINK.sub(r"\1", text)
    text = text.translate(_TRANSLATE).replace("\u2026", "...")
    return " ".join(text.split())


def closest_passage(quote: str, text: str) -> tuple[str, float]:
    """The passage of (normalised) ``text`` most like ``quote``, and its score 0–100."""
    from rapidfuzz import fuzz

    q = normalise(quote)
    t = normalise(text)
    if not q or not t:
        return "", 0.0
    res = fuzz.partial_ratio_alignment(q, t)
    return t[res.dest_start : res.dest_end], res.score


def check_quotes(project: Project, text_dir: str | Path) -> list[Diagnostic]:
    """Every node's quote, looked up in the file its source names inside ``text_dir``."""
    text_dir = Path(text_dir)
    diags: list[Diagnostic] = []
    texts: dict[str, str | None] = {}
    for m in project.maps:
        for node in m.nodes:
            if not node.quote:
                continue
            source = m.sources.get(node.source) if node.source else None
            if source is None:
                if node.source is None:
                    diags.append(
                        Diagnostic.warning(
                            "quote-unsourced",
                            f"quote of '{node.id}' has no source to check it against",
                            node.quote_loc,
                            "add `source:` naming one of the file's sources",
                        )
                    )
                continue
            if not source.file:
                diags.append(
                    Diagnostic.warning(
                        "quote-unchecked",
                        f"quote of '{node.id}' cannot be checked: source '{source.id}' has no `file:`",
                        node.quote_loc,
                        f"add `file:` (a text file inside {text_dir}) to source '{source.id}'",
                    )
                )
                continue
            if source.file not in texts:
                path = text_dir / source.file
                try:
                    texts[source.file] = normalise(path.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    texts[source.file] = None
                    diags.append(
                        Diagnostic.error(
                            "source-file",
                            f"source '{source.id}' names file '{source.file}', which is not in {text_dir}",
                            source.file_loc or source.loc,
                            "give the file's name relative to the --quotes folder",
                        )
                    )
            text = texts[source.file]
            if text is None:
                continue
            if normalise(node.quote) in text:
                continue
            passage, score = closest_passage(node.quote, text)
            hint = f'closest passage ({score:.0f}% alike): "{_clip(passage)}"' if passage else None
            diags.append(
                Diagnostic.error(
                    "quote-not-found",
                    f"quote of '{node.id}' is not in {source.file}",
                    node.quote_loc,
                    hint,
                )
            )
    return diags


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
