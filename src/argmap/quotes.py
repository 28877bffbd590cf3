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

__all__ = ["normalise", "check_quotes", "closest_passage", "MAX_TEXT_BYTES"]

#: Source texts larger than this are refused (as map files are).
MAX_TEXT_BYTES = 32 * 1024 * 1024

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
    start, end = res.dest_start, res.dest_end
    while start < end and t[start] == " ":
        start += 1
    while end > start and t[end - 1] == " ":
        end -= 1
    while start > 0 and t[start - 1] != " ":  # whole words: back to the start of the first one
        start -= 1
    while end < len(t) and t[end] != " ":  # and on to the end of the last one
        end += 1
    return t[start:end].strip(), res.score


def check_quotes(project: Project, text_dir: str | Path) -> list[Diagnostic]:
    """Every quote (a node's and each of its wordings'), looked up in the file its own source names inside ``text_dir``."""
    text_dir = Path(text_dir)
    diags: list[Diagnostic] = []
    texts: dict[str, str | None] = {}
    for m in project.maps:
        for node in m.nodes:
            for whose, quote, sid, where in _quotes(node):
                diags.extend(_check_one(whose, quote, m.sources.get(sid) if sid else None, sid, where, text_dir, texts))
    return diags


def _quotes(node):
    """``(whose, quote, source id, where)`` of the node's quote and of each wording's, in file order."""
    if node.quote:
        yield f"quote of '{node.id}'", node.quote, node.source, node.quote_loc
    for i, w in enumerate(node.wordings, 1):
        if w.quote:
            yield f"quote of wording {i} of '{node.id}'", w.quote, w.source, w.quote_loc


def _check_one(whose: str, quote: str, source, sid: str | None, where, text_dir: Path,
               texts: dict[str, str | None]) -> list[Diagnostic]:
    """The problems of one quote looked up in its own source's file (texts read once, into ``texts``)."""
    if source is None:
        if sid is None:
            return [Diagnostic.warning("quote-unsourced", f"{whose} has no source to check it against", where,
                                       "add `source:` naming one of the file's sources")]
        return []  # an unknown source: the loader reports it
    if not source.file:
        return [Diagnostic.warning("quote-unchecked", f"{whose} cannot be checked: source '{source.id}' has no `file:`",
                                   where, f"add `file:` (a text file inside {text_dir}) to source '{source.id}'")]
    out = []
    if source.file not in texts:
        texts[source.file], problem = _read_source_text(text_dir, source.file)
        if problem is not None:
            out.append(Diagnostic.error("source-file", f"source '{source.id}' names file {source.file!r}, {problem}",
                                        source.file_loc or source.loc,
                                        f"give the name of a text file inside {text_dir}, relative to it"))
    text = texts[source.file]
    if text is None or normalise(quote) in text:
        return out
    passage, score = closest_passage(quote, text)
    hint = f'closest passage ({score:.0f}% alike): "{_clip(passage)}"' if passage else None
    return out + [Diagnostic.error("quote-not-found", f"{whose} is not in {source.file}", where, hint)]


def _clip(text: str, limit: int = 200) -> str:
    """``text`` cut after its last whole word that fits in ``limit`` characters.

    >>> _clip("one two three", 9)
    'one two …'
    """
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return (text[: cut + 1] if cut > 0 else text[: limit - 1]) + "…"


def _read_source_text(text_dir: Path, name: str) -> tuple[str | None, str | None]:
    """The normalised text of source file ``name`` in ``text_dir``, or ``(None, why not)``.

    Only a regular file inside ``text_dir`` (after following symlinks) and no
    larger than :data:`MAX_TEXT_BYTES` is read; the reason for a refusal never
    shows anything of the file.  Opening does not block on a FIFO.
    """
    where = f"which is not a file inside {text_dir}"
    if "\0" in name or not name.strip():
        return None, "which is not a usable file name"
    try:
        root = text_dir.resolve(strict=True)
        path = (root / name).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):  # missing, a symlink loop, an unusable name
        return None, where
    if not path.is_relative_to(root) or path == root:
        return None, where
    from .fsutil import read_bytes

    data, problems = read_bytes(path, limit=MAX_TEXT_BYTES)
    if data is None:
        code = problems[0].code
        if code == "not-a-file":
            return None, "which is not a regular file"
        if code == "too-large":
            return None, f"which is over the limit of {MAX_TEXT_BYTES:,} bytes"
        return None, f"which cannot be read in {text_dir}"
    return normalise(data.decode("utf-8", errors="replace")), None
