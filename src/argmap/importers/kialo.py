"""Kialo's plain-text export → an imported map.

The export is one claim per line::

    Discussion Title: Should hate speech be illegal?

    1. Hate speech should be banned.
    1.1. Con: It is better to challenge bad ideas than to simply ban them.
    1.1.6. Pro: -> See 1.1.1.3.

``1.`` (or ``2.``, ... in a multi-thesis discussion) is a thesis; ``N.M. Pro:``
supports and ``Con:`` attacks its parent ``N.``.  A ``-> See 1.1.1.3.`` line is not a
claim of its own: it says that claim 1.1.1.3 also supports (or attacks) this
parent, so it becomes a relation from 1.1.1.3.  Markdown links keep their words
(the address goes to the node's note), and ``\\(`` escapes are undone.  Ids are
prefixed with the discussion's number (``k6148-...``), so two discussions can share
a folder.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Location
from . import read_error
from ._common import IdMaker, Draft, DraftNode, map_name

__all__ = ["read", "sniff", "SUFFIXES"]

SUFFIXES = (".txt",)
_TITLE = re.compile(r"^\ufeff?Discussion Title:\s*(.*)$")
_LINE = re.compile(r"^((?:\d+\.)+)\s+(?:(Pro|Con):\s*)?(.*)$")
_SEE = re.compile(r"^->\s*See\s+((?:\d+\.)*\d+)\.?\s*$")
_LINK = re.compile(r"\[([^\]]*)\]\(((?:[^()\s\\]|\\.|\([^()\s]*\))+)\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|\"'])")
_KIND = {"Pro": "supports", "Con": "attacks"}


def sniff(head: str) -> bool:
    """Does this text look like a Kialo export?"""
    return bool(_TITLE.match(head.lstrip("\ufeff").split("\n", 1)[0]))


def read(text: str, origin: str, ids: IdMaker | None = None) -> Draft:
    stem = Path(origin).stem
    m = Draft(map_name(stem), "kialo", origin)
    number = re.search(r"(\d+)$", stem)
    prefix = f"k{number.group(1)}" if number else f"k-{stem}"
    ids = ids or IdMaker()
    ids = IdMaker(ids.taken, prefix=prefix)
    source_id = f"{ids.prefix}-kialo"
    m.sources[source_id] = {"title": None, "file": Path(origin).name}

    by_number: dict[str, DraftNode] = {}
    refs: list[tuple[int, str, str, str]] = []  # line, parent number, kind, referenced number
    lines = text.lstrip("\ufeff").splitlines()
    last: DraftNode | None = None
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if not line.strip():
            continue
        title = _TITLE.match(line)
        if title and m.title is None:
            m.title = _clean(title.group(1))
            m.sources[source_id]["title"] = f"Kialo discussion: {m.title}"
            continue
        found = _LINE.match(line)
        if not found:
            if last is not None:  # a claim that runs over more than one line
                last.text = f"{last.text} {_clean(line.strip())}"
                m.warn("kialo-continued", f"line joined to the claim above it ({last.id})", lineno)
            else:
                m.warn("kialo-skipped", f"line is neither a title nor a numbered claim: {line[:60]!r}", lineno)
            continue
        number, stance, body = found.group(1).rstrip("."), found.group(2), found.group(3).strip()
        parent = number.rpartition(".")[0]
        if parent and stance is None:
            m.warn("kialo-no-stance", f"claim {number}. has no Pro:/Con:; read as Pro", lineno)
            stance = "Pro"
        see = _SEE.match(body)
        if see and not parent:
            m.warn("kialo-thesis-see", f"thesis {number}. is only a cross-reference (`{body[:40]}`); left out", lineno)
            last = None
            continue
        if see:
            refs.append((lineno, parent, _KIND[stance], see.group(1)))
            last = None
            continue
        words, links = _clean_links(body)
        text_ = _clean(words)
        if not text_:
            m.warn("kialo-empty-claim", f"claim {number} has no text; its text says so", lineno)
            text_ = f"(claim {number} has no text)"
        item = DraftNode(ids.make(text_), text_, source=source_id)
        if links:
            item.note = "Links: " + " ".join(links)
        item.loc = Location(origin, lineno, 1)
        if number in by_number:
            m.warn("kialo-duplicate-number", f"claim number {number}. appears twice; the second is kept apart", lineno)
        by_number.setdefault(number, item)
        m.nodes.append(item)
        last = item
        if parent:
            target = by_number.get(parent)
            if target is None:
                m.warn("kialo-orphan", f"claim {number}. has no parent {parent}. above it; kept without a relation", lineno)
            else:
                item.relate(_KIND[stance], target.id)
    for lineno, parent, kind, ref in refs:
        source, target = by_number.get(ref), by_number.get(parent)
        if source is None or target is None:
            missing = ref if source is None else parent
            m.warn("kialo-dangling-see", f"`-> See {ref}.` names claim {missing}., which is not in the file", lineno)
            continue
        if source is target:
            m.warn("kialo-self-see", f"`-> See {ref}.` points claim {ref}. at itself; left out", lineno)
            continue
        if source.relate(kind, target.id) is None:
            m.warn("kialo-repeated-see", f"claim {ref}. already {kind} claim {parent}.; the cross-reference adds nothing", lineno)
    if not m.nodes:
        raise read_error("kialo-empty", origin, "no numbered claims (`1.`, `1.1. Pro:` ...) in this file",
                         hint="is it a Kialo export? give --from with the file's real format")
    if m.title is None:
        m.warn("kialo-no-title", "no `Discussion Title:` line; the map has no title")
        m.sources[source_id]["title"] = "Kialo discussion"
    return m


def _clean_links(text: str) -> tuple[str, list[str]]:
    """Markdown links replaced by their words; the addresses, unescaped, in order."""
    links: list[str] = []

    def keep(match: re.Match) -> str:
        links.append(_ESCAPE.sub(r"\1", match.group(2)))
        return match.group(1)

    return _LINK.sub(keep, text), links


def _clean(text: str) -> str:
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(text.split())
