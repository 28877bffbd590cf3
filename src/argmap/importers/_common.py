"""What every importer shares: the imported map (model-shaped, format v2), ids, and the YAML writer.

A reader turns a file written by another tool into an :class:`ImportedMap`: the
nodes in the source's own order, each with the relations that start from it,
named with the keys of ``docs/format-v2.md``.  Whatever the target format cannot
carry is a warning (a :class:`~argmap.diagnostics.Diagnostic`) located in the
original file, never a silent drop.  :func:`to_yaml` writes the map in the
style of ``arguments/*.yaml``.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

from ..diagnostics import Diagnostic
from ..model import Location

try:  # the format's one home for slugs and scalars (spec/yamltext), where it exists
    from ..spec import slugify as _slugify  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - before spec.py is merged
    from ..loader import slugify as _slugify
try:
    from ..yamltext import yaml_scalar  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - before yamltext.py is merged
    from ..edit import yaml_scalar

__all__ = ["Rel", "Item", "ImportedMap", "IdMaker", "to_yaml", "located_warning", "RELATION_ORDER", "NODE_ORDER"]

#: Relation keys in the order they are written (docs/format-v2.md).
RELATION_ORDER = ("supports", "attacks", "undercuts", "concedes", "answers", "contradicts")
#: Scalar node keys in the order they are written.
NODE_ORDER = ("id", "title", "kind", "text", "by", "held_by", "stance", "source", "quote", "tags", "note", "weight")
SOURCE_ORDER = ("title", "author", "date", "url", "file", "replies_to", "order")


@dataclass
class Rel:
    """A relation written on its source node: ``kind`` to ``target`` (a node id or ``SRC->TGT``)."""

    kind: str
    target: str
    note: str | None = None
    relation: str | None = None  # which relation, when ``target`` names a pair with more than one
    inferred: bool = False  # no author made this link; the mapper did

    @property
    def plain(self) -> bool:
        return self.note is None and self.relation is None and not self.inferred and "->" not in self.target


@dataclass
class Item:
    """One node of an imported map, with the place in the original file it came from."""

    id: str
    text: str
    kind: str = "claim"
    title: str | None = None
    by: str | None = None
    held_by: str | None = None
    stance: str | None = None
    source: str | None = None
    quote: str | None = None
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    weight: float | None = None
    premises: list[str] = field(default_factory=list)
    rels: list[Rel] = field(default_factory=list)
    loc: Location | None = None

    def relate(self, kind: str, target: str, **extra) -> Rel | None:
        """Add a relation unless the same one is already there (then ``None``)."""
        for r in self.rels:
            if r.kind == kind and r.target == target:
                return None
        rel = Rel(kind, target, **extra)
        self.rels.append(rel)
        return rel


@dataclass
class ImportedMap:
    """One map read from one file: what :func:`to_yaml` writes and the tests count."""

    name: str
    fmt: str
    origin: str
    title: str | None = None
    description: str | None = None
    sources: dict[str, dict] = field(default_factory=dict)
    nodes: list[Item] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def node(self, node_id: str) -> Item:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def relations(self) -> list[tuple[str, str, str]]:
        """Every relation as ``(source, kind, target)``, premises included as ``premise`` links."""
        out = []
        for n in self.nodes:
            out.extend((p, "premise", n.id) for p in n.premises)
            out.extend((n.id, r.kind, r.target) for r in n.rels)
        return out

    def warn(self, code: str, message: str, line: int | None = None, col: int = 1, hint: str | None = None) -> None:
        self.warnings.append(located_warning(code, message, self.origin, line, col, hint))


def located_warning(code: str, message: str, file: str, line: int | None = None, col: int = 1, hint=None) -> Diagnostic:
    return Diagnostic.warning(code, message, Location(file, line or 1, col if line else 1), hint)


class IdMaker:
    """Readable, unique ids made from titles or text (``-2``, ``-3``... added on a clash).

    ``prefix`` namespaces the ids of one imported discussion, so two imports can share a folder.

    >>> ids = IdMaker(prefix="k6148")
    >>> ids.make("Hate speech should be banned."), ids.make("Hate speech should be banned!")
    ('k6148-hate-speech-should-be-banned', 'k6148-hate-speech-should-be-banned-2')
    """

    def __init__(self, taken: Iterable[str] = (), prefix: str | None = None, max_words: int = 6):
        self.taken = set(taken)
        self.prefix = _slug_part(prefix) if prefix else None
        self.max_words = max_words

    def make(self, text: str) -> str:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        base = _slugify(folded, max_words=self.max_words)[:80].strip("-") or "node"
        if self.prefix:
            base = f"{self.prefix}-{base}"
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate

    def reserve(self, node_id: str) -> bool:
        """Take ``node_id`` as it is; ``False`` when it is already taken."""
        if node_id in self.taken:
            return False
        self.taken.add(node_id)
        return True


def _slug_part(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    out = "-".join("".join(c if c.isalnum() else " " for c in folded).split())
    return out[:30].strip("-") or "map"


def map_name(stem: str) -> str:
    """A map name (``[A-Za-z0-9._-]``, at most 100 characters) from a file's stem."""
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    out = "".join(c if (c.isalnum() or c in "._-") else "-" for c in folded).strip("-._")
    return out[:100] or "imported"


# -- writing ---------------------------------------------------------------------------------
def to_yaml(m: ImportedMap) -> str:
    """The map as readable YAML (format v2), same bytes for the same map."""
    origin = m.origin if m.origin.isprintable() else m.origin.encode("unicode_escape").decode("ascii")
    out = [f"# Imported by `argmap import` from {origin} ({m.fmt}).\n"]
    if m.warnings:
        out.append(f"# {len(m.warnings)} thing(s) could not be carried over as they were; `argmap import` listed them.\n")
    out.append(f"map: {_scalar(m.name)}\n")
    if m.title:
        out.append(f"title: {_scalar(m.title)}\n")
    if m.description:
        out.append(f"description: {_scalar(m.description)}\n")
    if m.sources:
        out.append("sources:\n")
        for sid, src in m.sources.items():
            out.append(f"  {sid}:\n")
            for key in SOURCE_ORDER:
                value = src.get(key)
                if value is not None and value != "":
                    out.append(f"    {key}: {_scalar(value)}\n")
    out.append("nodes:\n")
    for i, n in enumerate(m.nodes):
        if i:
            out.append("\n")
        out.append(_node(n))
    return "".join(out)


def _node(n: Item) -> str:
    lines = [f"  - id: {_ident(n.id)}\n"]
    fields = {
        "title": n.title,
        "kind": None if n.kind == "claim" else n.kind,
        "text": n.text,
        "by": n.by,
        "held_by": n.held_by,
        "stance": None if n.stance in (None, "own") else n.stance,
        "source": n.source,
        "quote": n.quote,
        "note": n.note,
        "weight": n.weight,
    }
    for key in NODE_ORDER[1:]:
        if key == "tags":
            if n.tags:
                lines.append(f"    tags: [{', '.join(_scalar(t, flow=True) for t in n.tags)}]\n")
            continue
        value = fields.get(key)
        if value is not None:
            lines.append(f"    {key}: {_scalar(value)}\n")
    if n.premises:
        lines.append(f"    premises: [{', '.join(map(_ident, n.premises))}]\n")
    for kind in RELATION_ORDER:
        rels = [r for r in n.rels if r.kind == kind]
        if not rels:
            continue
        if all(r.plain for r in rels):
            lines.append(f"    {kind}: [{', '.join(_ident(r.target) for r in rels)}]\n")
            continue
        lines.append(f"    {kind}:\n")
        for r in rels:
            if r.plain:
                lines.append(f"      - {_ident(r.target)}\n")
                continue
            lines.append(f"      - to: {_scalar(r.target)}\n")
            if r.relation:
                lines.append(f"        relation: {r.relation}\n")
            if r.inferred:
                lines.append("        inferred: true\n")
            if r.note:
                lines.append(f"        note: {_scalar(r.note)}\n")
    return "".join(lines)


#: Words YAML 1.1 reads as a bool or null (in any case: ``Yes``, ``NULL``...).
_YAML_WORDS = frozenset("y yes n no true false on off null".split())


def _ident(value: str) -> str:
    """An id (or ``SRC->TGT``) as YAML reads it back as text: ``007`` or ``no`` quoted, as ``argmap fmt`` does."""
    if value[:1].isascii() and value[:1].isalpha() and value.lower() not in _YAML_WORDS:
        return value
    return _scalar(value, flow=True)


def _plain_ok(value: str, flow: bool) -> bool:
    """Can ``value`` be written as a plain scalar as it is?  (The common case; the emitter is 20x slower.)

    An ASCII letter first (so never a number or a date) and not a bool or null word, printable, no
    ``: `` or `` #`` (YAML syntax inside a plain scalar), no colon or space at the end; in a flow
    list only letters, digits, spaces and ``-_.``.
    """
    return (
        value[:1].isascii() and value[:1].isalpha() and value.lower() not in _YAML_WORDS and value.isprintable()
        and ": " not in value and " #" not in value and not value.endswith((":", " "))
        and not (flow and not value.replace(" ", "").replace("-", "").replace("_", "").replace(".", "").isalnum())
    )


def _scalar(value, flow: bool = False) -> str:
    """``value`` as one line of YAML that reads back as the same string.

    >>> _scalar("A plain sentence.")
    'A plain sentence.'
    >>> print(_scalar("yes"), _scalar("2024-01-02"), _scalar("it's: b"))
    'yes' '2024-01-02' 'it''s: b'
    """
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return repr(value)  # a number stays a number (source `order`, node `weight`)
    if isinstance(value, (_dt.date, _dt.datetime)):
        value = value.isoformat()
    elif not isinstance(value, str):
        value = str(value)
    if _plain_ok(value, flow):
        return value
    if value.isprintable():  # a single-quoted scalar holds any printable line; only ' is doubled
        return "'" + value.replace("'", "''") + "'"
    return yaml_scalar(value, double=True, flow=flow)  # line breaks and control characters, escaped
