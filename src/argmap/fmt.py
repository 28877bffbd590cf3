"""Canonical formatting of map files that keeps every comment.

The formatter works on lines, guided by the marks of the composed YAML, and
never re-dumps the file, so comments, quoting and blank lines survive.  Its
rules are the ones the seed maps in ``arguments/`` are written in, and
``argmap add`` writes exactly this form, so ``fmt --check`` stays clean after it:

- keys are put in the canonical order (the order of ``MAP_KEYS``,
  ``SOURCE_KEYS``, ``NODE_KEYS`` and ``WORDING_KEYS`` in :mod:`argmap.spec`) — in the file, in
  each source, in each node and in each of its ``wordings`` — except that a node's relations (``supports``,
  ``attacks``...) come last in the order they were written; a comment line right
  above a key moves with it, blank lines stay where they were;
- every string value is written on one line however long (a quote stays one
  greppable line), as it was quoted, except that ``description`` and ``note`` may
  be folded blocks (``>-``): those are kept as written, and re-wrapped at ``width``
  characters of text (indentation not counted) only when one of their lines holds more.  A value spread over several lines, or
  folded where folding is not kept, is joined onto one line; a comment between a
  key and its value goes to the end of that line;
- literal blocks (``|``) and values that cannot be written differently without
  changing them are left exactly as they are;
- line breaks become ``\\n`` (CRLF and lone CR alike), trailing spaces go (outside
  block scalars and quoted strings), the file ends with one newline.

Every step is checked: the formatted file must read back as exactly the same
data (compared as composed values, so any date, even an impossible one, is just
text), or the file is left alone with a located error.  Formatting is idempotent
and linear in the size of the file.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from .diagnostics import Diagnostic, InvalidInputError
from .model import Location, Map
from .yamltext import yaml_scalar

__all__ = ["format_text", "format_paths", "map_text", "FormatResult", "FOLDED_KEYS", "DEFAULT_WIDTH"]

DEFAULT_WIDTH = 100
#: Keys whose values may stay folded blocks (``>-``), re-wrapped at the width when a line is longer.
FOLDED_KEYS = ("description", "note")
_STR = "tag:yaml.org,2002:str"
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")


@dataclass(frozen=True)
class FormatResult:
    """One file: whether it changed (or would), or why it was left alone (a located :class:`Diagnostic`)."""

    path: Path
    changed: bool
    error: Diagnostic | None = None


def format_paths(paths: Iterable[str | Path], *, check: bool = False, width: int = DEFAULT_WIDTH) -> list[FormatResult]:
    """Format every map file under ``paths`` in place (or, with ``check``, only say which would change).

    Each file is read, formatted and written under :func:`argmap.fsutil.locked`, and
    the write fails (that file is reported, not changed) if another program changed
    the file meanwhile: a concurrent ``argmap add`` is never lost.  A file with
    several hard links is rewritten in place (under the lock), so the links stay one file.
    """
    from contextlib import nullcontext

    from .fsutil import WriteError, decode_utf8, locked, read_bytes, write_atomic
    from .project import discover

    found, diags = discover(paths)
    files = [f.path for f in found if f.named]
    errors = [d for d in diags if d.is_error]
    if errors:
        raise InvalidInputError(errors)
    results = []
    for path in files:
        try:
            with nullcontext() if check else locked(path):
                data, problems = read_bytes(path)
                text = None
                if data is not None:
                    text, problems = decode_utf8(data, str(path))
                if text is None:
                    results.append(FormatResult(path, False, _not_formatted(problems[0])))
                    continue
                try:
                    new = format_text(text, width=width, file=str(path))
                except InvalidInputError as exc:
                    results.append(FormatResult(path, False, exc.diagnostics[0]))
                    continue
                changed = new.encode("utf-8") != data
                if changed and not check:
                    write_atomic(path, new, expect=data, replace_map=True, keep_links=True)
        except (WriteError, OSError) as exc:
            message = str(exc) if isinstance(exc, WriteError) else f"cannot format {path}: {exc.strerror or exc}"
            results.append(FormatResult(path, False, Diagnostic.error("write", message, Location(str(path), 1, 1))))
            continue
        results.append(FormatResult(path, changed))
    return results


def _not_formatted(d: Diagnostic) -> Diagnostic:
    return dataclasses.replace(d, message=f"{d.message}; not formatted")


def _refuse(file: str, where: str, message: str) -> InvalidInputError:
    """The error of a file fmt leaves alone: ``where`` is ``line:col``."""
    line, col = (int(x) for x in where.split(":"))
    return InvalidInputError([Diagnostic.error("fmt", f"{message}; not formatted", Location(file, line, col))])


def format_text(text: str, *, width: int = DEFAULT_WIDTH, file: str = "<string>") -> str:
    """``text`` in canonical form (see the module docstring).

    Raises :class:`~argmap.diagnostics.InvalidInputError` (one located diagnostic) when the
    text is not a readable YAML map or cannot be formatted without changing its data.
    """
    from .loader import load_text
    from .spec import MAP_KEYS, NODE_KEYS, SOURCE_KEYS, WORDING_KEYS

    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    # Read it the safe way first: yaml.load expands aliases (a billion-laughs file
    # fills memory) and PyYAML's C composer overflows the C stack on deep nesting.
    _, diags = load_text(text, file)
    unreadable = [d for d in diags if d.code in ("yaml", "alias", "too-deep", "too-large")]
    if unreadable:
        raise InvalidInputError([_not_formatted(unreadable[0])])
    # Each step's result is composed once: that tree both proves the data unchanged and
    # guides the next step.  A step that changes nothing costs nothing (fmt --check in CI).
    from .yamltext import prefers_double

    trees: dict[str, yaml.Node | None] = {}
    original: list = []

    def compose(t: str) -> yaml.Node | None:
        if t not in trees:
            trees.clear()
            trees[t] = _compose(t)
        return trees[t]

    try:
        compose(text)
    except yaml.YAMLError as exc:
        raise _refuse(file, "1:1", f"not valid YAML ({_one_line(exc)})") from None
    checked = text

    def step(new: str, what: str, where: int | None = None) -> str:
        nonlocal checked
        if new == checked:
            return new
        if not original:
            original.append(_freeze_or_none(compose(checked)))
        try:
            same = _freeze_or_none(compose(new)) == original[0]
        except yaml.YAMLError:
            same = False
        if not same:
            raise _refuse(file, "1:1" if where is None else _line_col(text, where), f"cannot {what} without changing the data")
        checked = new
        return new

    # Line breaks: CRLF and CR become LF; NEL, LS and PS (line breaks to YAML too) as well,
    # unless one sits inside a block scalar, where it is part of the value.
    current = text.replace("\r\n", "\n").replace("\r", "\n")
    if _OTHER_BREAKS.search(current):
        # inside a quoted or plain value they are kept in the value: write it on one line, escaped
        current = step(_escape_other_breaks(current, compose(current)), "write this value on one line",
                       _OTHER_BREAKS.search(text).start())
    if _OTHER_BREAKS.search(current):
        current = step(_OTHER_BREAKS.sub("\n", current), "turn this line separator into a line break",
                       _OTHER_BREAKS.search(text).start())
    current = step(current, "turn every line break into LF")
    current = step(_strip_trailing(current, compose(current)), "remove trailing spaces")

    root = compose(current)
    if isinstance(root, yaml.MappingNode):
        doc = _Text(current)
        current = step(_apply(doc, [_reorder(doc, root, MAP_KEYS)]), "order the top-level keys")
        root = compose(current)
        doc = _Text(current) if doc.text != current else doc
        edits = []
        for kind, node in _children(root):
            if kind != "wording":
                edits.append(_reorder(doc, node, SOURCE_KEYS if kind == "source" else NODE_KEYS))
        current = step(_apply(doc, edits), "order the keys of sources and nodes")
        root = compose(current)  # then inside each node's wordings (those lines moved with their node)
        doc = _Text(current) if doc.text != current else doc
        edits = [_reorder(doc, node, WORDING_KEYS) for kind, node in _children(root) if kind == "wording"]
        current = step(_apply(doc, edits), "order the keys of wordings")
        root = compose(current)
        doc = _Text(current) if doc.text != current else doc
        prefer_double = prefers_double(root)
        edits = [_scalar_edit(doc, k, v, width, prefer_double) for k, v in _scalars(root)]
        current = step(_apply(doc, edits), "write values on one line")
    return ("\ufeff" if bom else "") + current


def _freeze_or_none(root: yaml.Node | None):
    from .yamltext import freeze

    return None if root is None else freeze(root)


def _escape_other_breaks(text: str, root: yaml.Node | None) -> str:
    """Every quoted or plain value holding a NEL, LS or PS written as one double-quoted line instead."""
    from .yamltext import double_quoted

    spans = []
    for n in _walk(root) if root is not None else ():
        if isinstance(n, yaml.ScalarNode) and n.style not in ("|", ">") and n.tag == _STR \
                and _OTHER_BREAKS.search(text, n.start_mark.index, n.end_mark.index):
            spans.append((n.start_mark.index, n.end_mark.index, double_quoted(n.value)))
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _strip_trailing(text: str, root: yaml.Node | None) -> str:
    """Trailing spaces and tabs removed, except inside block scalars and quoted strings; one final newline."""
    lines = text.split("\n")
    keep: set[int] = set()
    kept_to_end = False  # a keep-chomped block (`|+`) ends the file: its trailing blank lines are its value
    if root is not None:
        for n in _walk(root):
            if isinstance(n, yaml.ScalarNode) and n.style is not None and n.end_mark.line > n.start_mark.line:
                keep.update(range(n.start_mark.line, n.end_mark.line + 1))
                if n.style in ("|", ">") and n.end_mark.index >= len(text):
                    # the header (`|+`, `>2+`, after any tag) is on the scalar's first line
                    first = text[n.start_mark.index:].split("\n", 1)[0]
                    header = re.search(r"[|>]([0-9+-]{0,2})", first)
                    kept_to_end = kept_to_end or bool(header and "+" in header.group(1))
    lines = [line if i in keep else line.rstrip(" \t") for i, line in enumerate(lines)]
    if kept_to_end:
        return "\n".join(lines)
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"


def _line_col(text: str, index: int) -> str:
    before = text[:index]
    lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", before)
    return f"{len(lines)}:{len(lines[-1]) + 1}"


class _Text:
    """The text being formatted, split into lines once (every lookup after that is cheap)."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def line_of(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index) - 1

    def end_line(self, node: yaml.Node) -> int:
        """The 0-based last line holding ``node`` (block scalars end at the start of the next line)."""
        text = self.text
        end = max(n.end_mark.index for n in _walk(node))
        if end > 0 and text[end - 1] == "\n":
            end -= 1
            while end > 0 and text[end - 1] == "\n":  # blank lines a clipped block scalar swallowed
                end -= 1
        return self.line_of(end)


# -- finding things -------------------------------------------------------------------------
def _compose(text: str) -> yaml.Node | None:
    from .yamltext import compose_loaded

    return compose_loaded(text)  # libyaml; the text has passed the loader's depth and alias checks


def _get(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _children(root: yaml.MappingNode):
    """``("source", mapping)``, ``("node", mapping)`` and ``("wording", mapping)`` for every block-style
    source, node and item of a node's ``wordings:``."""
    sources = _get(root, "sources")
    if isinstance(sources, yaml.MappingNode) and not sources.flow_style:
        for _, v in sources.value:
            if isinstance(v, yaml.MappingNode) and not v.flow_style:
                yield "source", v
    nodes = _get(root, "nodes")
    if isinstance(nodes, yaml.SequenceNode) and not nodes.flow_style:
        for item in nodes.value:
            if isinstance(item, yaml.MappingNode) and not item.flow_style:
                yield "node", item
                wordings = _get(item, "wordings")
                if isinstance(wordings, yaml.SequenceNode) and not wordings.flow_style:
                    for w in wordings.value:
                        if isinstance(w, yaml.MappingNode) and not w.flow_style:
                            yield "wording", w


def _scalars(root: yaml.MappingNode):
    """Every (key, scalar value) of the file, its sources and its nodes."""
    mappings = [root] + [m for _, m in _children(root)]
    for m in mappings:
        for k, v in m.value:
            if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode):
                yield k, v


from .yamltext import exact_nodes as _walk  # noqa: E402


# -- edits: (first line, last line, replacement lines) ---------------------------------------
def _apply(doc: "_Text", edits) -> str:
    lines = list(doc.lines)
    for edit in sorted((e for e in edits if e), key=lambda e: e[0], reverse=True):
        first, last, new = edit
        lines[first : last + 1] = new
    return "\n".join(lines)


def _reorder(doc: "_Text", mapping: yaml.MappingNode, order: tuple[str, ...]):
    """An edit putting the keys of a block mapping in ``order``, or ``None`` if already so (or unsafe)."""
    from .spec import RELATION_KINDS

    entries = [(k, v) for k, v in mapping.value]
    if len(entries) < 2 or not all(isinstance(k, yaml.ScalarNode) for k, _ in entries):
        return None
    rank = {key: i for i, key in enumerate(order)}
    # Relations (and whatever follows them) come last, in the order they were written: an
    # author may well put `undercuts` before `supports`, and either reads as well.
    free = next((i for i, key in enumerate(order) if key in RELATION_KINDS), len(order))
    keys = [k.value for k, _ in entries]
    wanted = sorted(range(len(entries)), key=lambda i: (min(rank.get(keys[i], len(order)), free), i))
    if wanted == list(range(len(entries))):
        return None
    lines = doc.lines
    col = entries[0][0].start_mark.column
    starts, ends = [], []
    for i, (k, v) in enumerate(entries):
        line = k.start_mark.line
        if k.start_mark.column != col or (i and lines[line][:col].strip()):
            return None  # not one key per line at one indentation
        if i:
            while line - 1 > ends[-1] and lines[line - 1].strip().startswith("#") and _indent(lines[line - 1]) == col:
                line -= 1  # a comment right above a key travels with it
        starts.append(line)
        ends.append(doc.end_line(v))
        if i and starts[i] <= ends[i - 1]:
            return None
    first_line = entries[0][0].start_mark.line
    prefix = lines[first_line][:col]  # "  - " for a sequence item, spaces otherwise
    chunks = [lines[s : e + 1] for s, e in zip(starts, ends)]
    chunks[0] = [" " * col + chunks[0][0][col:]] + chunks[0][1:]
    gaps = [lines[e + 1 : s] for e, s in zip(ends, starts[1:])]
    new_chunks = [chunks[i] for i in wanted]
    out: list[str] = []
    lead = len(prefix) - len(prefix.lstrip(" "))
    while new_chunks[0][0].strip().startswith("#"):  # a comment above the new first key goes above the item
        out.append(" " * lead + new_chunks[0].pop(0).strip())
    new_chunks[0] = [prefix + new_chunks[0][0][col:]] + new_chunks[0][1:]
    for i, chunk in enumerate(new_chunks):
        out.extend(chunk)
        if i < len(gaps):
            out.extend(gaps[i])
    return first_line, ends[-1], out


_FOLDED_HEADER = re.compile(r">([1-9]?[+-]?|[+-]?[1-9]?)[ \t]*(#.*)?$")


def _scalar_edit(doc: "_Text", key: yaml.ScalarNode, value: yaml.ScalarNode, width: int, prefer_double: bool):
    """An edit writing one string value on one line (or re-wrapping a long folded note), or ``None``."""
    from .yamltext import double_quoted, needs_escapes, yaml_scalar

    if value.tag != _STR or value.style == "|":
        return None
    lines, text = doc.lines, doc.text
    first, col = key.start_mark.line, key.start_mark.column
    prefix = lines[first][:col]
    if prefix.strip() not in ("", "-") or key.end_mark.line != first:
        return None
    last = doc.end_line(value)
    s = value.value
    above: list[str] = []  # comments that cannot stay where they are go above the key
    if value.style == ">":
        header = _FOLDED_HEADER.match(lines[value.start_mark.line][value.start_mark.column :])
        if not header or value.start_mark.line != first:
            return None
        indicator = header.group(1)
        comments = [header.group(2).strip()] if header.group(2) else []
        core = s[:-1] if indicator == "" and s.endswith("\n") else s
        if not _foldable(core):
            return None
        if key.value in FOLDED_KEYS:
            if all(len(line.strip()) <= width for line in lines[first + 1 : last + 1]):
                return None  # a folded note or description whose lines fit is kept as written
            indent = " " * (col + 2)
            body = textwrap.wrap(core, width=width, break_long_words=False, break_on_hyphens=False)
            new = [f"{prefix}{key.value}: >{indicator}{_trail(comments)}"] + [indent + b for b in body]
            return None if new == lines[first : last + 1] else (first, last, new)
        if indicator != "-":
            return None  # `>` keeps a final line break: one line would need an escape, so the block stays
        one = yaml_scalar(s, double=key.value == "quote", prefer_double=prefer_double)
    else:
        if value.start_mark.line == first and value.end_mark.line == first:
            return None  # one line as written: left exactly so
        if value.end_mark.line != last:
            return None
        comments = _comments(text[key.end_mark.index : value.start_mark.index])
        tail = lines[last][value.end_mark.column :].strip()
        if tail and not tail.startswith("#"):
            return None
        if tail:
            comments.append(tail)
        if value.style == '"':
            one = double_quoted(s)
        elif value.style == "'" and not needs_escapes(s):
            one = "'" + s.replace("'", "''") + "'"
        else:
            one = yaml_scalar(s, double=key.value == "quote", prefer_double=prefer_double)
    if len(comments) > 1:
        above = [" " * (len(prefix) - len(prefix.lstrip(" "))) + c for c in comments[:-1]]
        comments = comments[-1:]
    new = above + [f"{prefix}{key.value}: {one}{_trail(comments)}"]
    return None if new == lines[first : last + 1] else (first, last, new)


def _foldable(s: str) -> bool:
    """Whether folding ``s`` into a block and reading it back gives exactly ``s``."""
    return bool(s) and "  " not in s and s.isprintable() and s == s.strip()


def _comments(gap: str) -> list[str]:
    """The comments in a stretch of text that holds only whitespace and comments."""
    return [part[part.index("#"):].strip() for part in gap.split("\n") if "#" in part]


def _trail(comments: list[str]) -> str:
    return f"  {comments[0]}" if comments else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


# -- writing a whole map ------------------------------------------------------------------------
def map_text(m: "Map", *, comments: Iterable[str] = ()) -> str:
    """The model map ``m`` as a map file in canonical form: what ``argmap fmt`` leaves unchanged.

    The one writer of whole maps (``argmap import`` uses it): keys in the order of
    :mod:`argmap.spec`, every value written by :func:`argmap.yamltext.yaml_scalar` (quoted
    as needed, one line), and every name that becomes a key or an id checked first: a
    node or source id must match :data:`~argmap.spec.ID_PATTERN`, a relation target must
    be an id or ``SRC->TGT``, the map name :data:`~argmap.spec.MAP_NAME_PATTERN`.  So no
    value can add a key, a node or a relation.  ``comments`` go first, one ``#`` line each.

    >>> from argmap.model import Map, Node, Relation
    >>> print(map_text(Map("m", "m.yaml", nodes=(Node("a", "Yes: and no", "m", relations=(Relation("attacks", "a", "b"),)),))), end="")
    map: m
    nodes:
      - id: a
        text: 'Yes: and no'
        attacks: [b]
    """
    from .schemes import SCHEMES
    from .spec import MAP_NAME_PATTERN, RELATION_ITEM_KEYS, RELATION_KINDS, SOURCE_KEYS, STANCES

    out = [f"# {' '.join(_printable_comment(c).split())}\n" for c in comments]
    if not MAP_NAME_PATTERN.match(m.name):
        raise ValueError(f"map name {m.name!r} is not a valid map name")
    out.append(f"map: {_value(m.name)}\n")
    if m.title is not None:
        out.append(f"title: {_value(m.title)}\n")
    if m.description is not None:
        out.append(f"description: {_value(m.description)}\n")
    if m.thesis is not None:
        out.append(f"thesis: {_id(m.thesis)}\n")
    if m.sources:
        out.append("sources:\n")
        for sid, src in m.sources.items():
            out.append(f"  {_id(sid)}:\n")
            for key in SOURCE_KEYS:
                value = getattr(src, key)
                if key == "replies_to" and value is not None:
                    out.append(f"    {key}: {_id(value)}\n")
                elif key == "order" and value is not None:
                    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                        raise ValueError(f"order {value!r} of source {sid!r} is not a whole number >= 0")
                    out.append(f"    {key}: {value}\n")
                elif key == "reviewed":
                    out += _reviewed(value, "    ")
                elif value is not None:
                    out.append(f"    {key}: {_value(value)}\n")
    out.append("nodes:\n")
    for i, n in enumerate(m.nodes):
        if i:
            out.append("\n")
        out.append(f"  - id: {_id(n.id)}\n")
        if n.title is not None:
            out.append(f"    title: {_value(n.title)}\n")
        if n.kind != "claim":
            out.append(f"    kind: {_value(n.kind)}\n")
        if n.scheme is not None:
            if n.scheme not in SCHEMES:
                raise ValueError(f"scheme {n.scheme!r} of node {n.id!r} is not one of {', '.join(SCHEMES)}")
            out.append(f"    scheme: {n.scheme}\n")
        out.append(f"    text: {_value(n.text)}\n")
        for key in ("by", "held_by"):
            if getattr(n, key) is not None:
                out.append(f"    {key}: {_value(getattr(n, key))}\n")
        if n.stance != "own":
            if n.stance not in STANCES:
                raise ValueError(f"stance {n.stance!r} of node {n.id!r} is not one of {', '.join(STANCES)}")
            out.append(f"    stance: {n.stance}\n")
        if n.source is not None:
            out.append(f"    source: {_id(n.source)}\n")
        if n.quote is not None:
            out.append(f"    quote: {yaml_scalar(n.quote, double=True)}\n")
        if n.wordings:
            out.append("    wordings:\n")
            for w in n.wordings:
                out.append(f"      - text: {_value(w.text)}\n")
                for key in ("by", "source", "quote"):
                    value = getattr(w, key)
                    if value is not None:
                        shown = _id(value) if key == "source" else yaml_scalar(value, double=True) if key == "quote" else _value(value)
                        out.append(f"        {key}: {shown}\n")
        if n.tags:
            out.append(f"    tags: [{', '.join(yaml_scalar(str(t), flow=True) for t in n.tags)}]\n")
        if n.weight is not None:
            if isinstance(n.weight, bool) or not (0.0 <= n.weight <= 1.0):  # NaN too
                raise ValueError(f"weight {n.weight!r} of node {n.id!r} is not a number in [0, 1]")
            out.append(f"    weight: {n.weight!r}\n")
        if n.premises:
            out.append(f"    premises: [{', '.join(_id(p) for p in n.premises)}]\n")
        if n.note is not None:
            out.append(f"    note: {_value(n.note)}\n")
        out += _reviewed(n.reviewed, "    ")
        for kind in RELATION_KINDS:
            rels = [r for r in n.relations if r.kind == kind]
            if not rels:
                continue
            if all(_plain_relation(r) for r in rels):
                out.append(f"    {kind}: [{', '.join(_id(r.target) for r in rels)}]\n")
                continue
            out.append(f"    {kind}:\n")
            for r in rels:
                if _plain_relation(r):
                    out.append(f"      - {_target(r.target)}\n")
                    continue
                lines = {"to": _target(r.target), "cq": None if r.cq is None else _value(r.cq),
                         "inferred": "true" if r.inferred else None,
                         "note": None if r.note is None else _value(r.note),
                         "relation": None if r.target_relation is None else _relation_kind(r.target_relation, RELATION_KINDS),
                         "reviewed": None if r.reviewed is None else _value(r.reviewed)}
                first = True
                for key in RELATION_ITEM_KEYS:
                    if lines[key] is not None:
                        out.append(f"      {'- ' if first else '  '}{key}: {lines[key]}\n")
                        first = False
        unknown = {r.kind for r in n.relations} - set(RELATION_KINDS)
        if unknown:
            raise ValueError(f"node {n.id!r} has relations of unknown kinds: {', '.join(sorted(unknown))}")
    return "".join(out)


def _plain_relation(r) -> bool:
    return (not r.inferred and r.note is None and r.target_relation is None and r.reviewed is None
            and r.cq is None and "->" not in r.target)


def _reviewed(entries, indent: str) -> list[str]:
    """``reviewed:`` lines for ``(mark code, reason)`` pairs; a code must be one argmap review makes."""
    from .spec import REVIEW_CODES

    if not entries:
        return []
    lines = [f"{indent}reviewed:\n"]
    for code, reason in entries:
        if code not in REVIEW_CODES:
            raise ValueError(f"{code!r} is not a review mark code")
        lines.append(f"{indent}  {code}: {_value(reason)}\n")
    return lines


def _id(value) -> str:
    """A node or source id, checked: it becomes a key or a reference, so it may hold nothing else."""
    from .spec import ID_PATTERN

    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise ValueError(f"{value!r} is not a valid id")
    return yaml_scalar(value, flow=True)  # `007`, `no`: quoted so that they read back as text


def _target(value) -> str:
    """A relation target: an id, or an address ``SRC->TGT`` of ids (``c->a->b``: argmap.address)."""
    from .spec import RELATION_SEPARATOR

    if isinstance(value, str) and RELATION_SEPARATOR in value:
        for part in value.split(RELATION_SEPARATOR):
            _id(part)
        return yaml_scalar(value)
    return _id(value)


def _relation_kind(value: str | tuple[str, ...], kinds) -> str:
    """``relation:``: one kind, or a flow list of kinds (outermost first) for a nested address."""
    for kind in (value,) if isinstance(value, str) else value:
        if kind not in kinds:
            raise ValueError(f"{kind!r} is not a relation kind")
    return value if isinstance(value, str) else f"[{', '.join(value)}]"


def _value(value) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not text")
    return yaml_scalar(value)


def _printable_comment(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
