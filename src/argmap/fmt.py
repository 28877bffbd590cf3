"""Canonical formatting of map files that keeps every comment.

The formatter works on lines, guided by the marks of the composed YAML, and
never re-dumps the file, so comments, quoting and blank lines survive:

- keys are put in the canonical order (the order of ``MAP_KEYS``,
  ``SOURCE_KEYS`` and ``NODE_KEYS`` in :mod:`argmap.loader`) — in the file, in
  each source and in each node; a comment line right above a key moves with it,
  blank lines stay where they were;
- ``text``, ``quote``, ``note`` and ``description`` longer than ``width``
  columns become folded blocks (``>-``) wrapped at ``width``; ones that fit on
  one line are written on one line;
- line endings become ``\\n``, trailing spaces go, the file ends with one newline.

Every step is checked: the formatted file must read back as exactly the same
data, or the file is left alone with an error.  Formatting is idempotent.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from .diagnostics import ArgmapError

__all__ = ["format_text", "format_paths", "FormatResult", "WRAP_KEYS", "DEFAULT_WIDTH"]

DEFAULT_WIDTH = 100
#: Keys whose long values are wrapped.
WRAP_KEYS = ("text", "quote", "note", "description")
_STR = "tag:yaml.org,2002:str"
from .yamltext import LOADER as _Loader  # noqa: E402


@dataclass(frozen=True)
class FormatResult:
    path: Path
    changed: bool
    error: str | None = None


def format_paths(paths: Iterable[str | Path], *, check: bool = False, width: int = DEFAULT_WIDTH) -> list[FormatResult]:
    """Format every map file under ``paths`` in place (or, with ``check``, only say which would change)."""
    from .fsutil import write_atomic
    from .loader import discover

    files, diags = discover(paths)
    errors = [d for d in diags if d.is_error]
    if errors:
        raise ArgmapError(str(errors[0]))
    results = []
    for path in files:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
            new = format_text(text, width=width, file=str(path))
        except UnicodeDecodeError:
            results.append(FormatResult(path, False, f"{path}: not UTF-8"))
            continue
        except ArgmapError as exc:
            results.append(FormatResult(path, False, str(exc)))
            continue
        changed = new.encode("utf-8") != data
        if changed and not check:
            write_atomic(path, new)
        results.append(FormatResult(path, changed))
    return results


def format_text(text: str, *, width: int = DEFAULT_WIDTH, file: str = "<string>") -> str:
    """``text`` in canonical form (see the module docstring); raises :class:`ArgmapError` if it is not YAML."""
    from .spec import MAP_KEYS, NODE_KEYS, SOURCE_KEYS

    from .loader import load_text

    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    # Read it the safe way first: yaml.load expands aliases (a billion-laughs file
    # fills memory) and PyYAML's C composer overflows the C stack on deep nesting.
    _, diags = load_text(text, file)
    unreadable = [d for d in diags if d.code in ("yaml", "alias", "too-deep", "too-large")]
    if unreadable:
        raise ArgmapError(f"{unreadable[0]}; not formatted")
    try:
        original = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise ArgmapError(f"{file}: not valid YAML, not formatted ({_one_line(exc)})") from None

    def step(new: str, what: str) -> str:
        try:
            same = yaml.load(new, Loader=_Loader) == original
        except yaml.YAMLError:
            same = False
        if not same:
            raise ArgmapError(f"{file}: cannot {what} without changing the data; left as it was (please report)")
        return new

    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    current = step("\n".join(lines) + "\n", "tidy whitespace")

    root = _compose(current)
    if isinstance(root, yaml.MappingNode):
        current = step(_apply(current, [_reorder(current, root, MAP_KEYS)]), "order the top-level keys")
        root = _compose(current)
        edits = []
        for kind, node in _children(root):
            edits.append(_reorder(current, node, SOURCE_KEYS if kind == "source" else NODE_KEYS))
        current = step(_apply(current, edits), "order the keys of sources and nodes")
        root = _compose(current)
        edits = [_wrap(current, k, v, width) for k, v in _wrappable(root)]
        current = step(_apply(current, edits), "wrap long text")
    return ("\ufeff" if bom else "") + current


# -- finding things -------------------------------------------------------------------------
def _compose(text: str) -> yaml.Node | None:
    return yaml.compose(text, Loader=yaml.SafeLoader)  # pure-Python marks: character indexes


def _get(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, v in mapping.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _children(root: yaml.MappingNode):
    """``("source", mapping)`` and ``("node", mapping)`` for every block-style source and node."""
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


def _wrappable(root: yaml.MappingNode):
    mappings = [root] + [m for _, m in _children(root)]
    for m in mappings:
        for k, v in m.value:
            if isinstance(k, yaml.ScalarNode) and k.value in WRAP_KEYS and isinstance(v, yaml.ScalarNode):
                yield k, v


def _end_line(text: str, node: yaml.Node) -> int:
    """The 0-based last line holding ``node`` (block scalars end at the start of the next line)."""
    end = max(_end_index(n) for n in _walk(node))
    if end > 0 and text[end - 1] == "\n":
        end -= 1
        while end > 0 and text[end - 1] == "\n":  # blank lines a clipped block scalar swallowed
            end -= 1
    return text.count("\n", 0, end)


def _end_index(node: yaml.Node) -> int:
    return node.end_mark.index


from .yamltext import exact_nodes as _walk  # noqa: E402


# -- edits: (first line, last line, replacement lines) ---------------------------------------
def _apply(text: str, edits) -> str:
    lines = text.split("\n")
    for edit in sorted((e for e in edits if e), key=lambda e: e[0], reverse=True):
        first, last, new = edit
        lines[first : last + 1] = new
    return "\n".join(lines)


def _reorder(text: str, mapping: yaml.MappingNode, order: tuple[str, ...]):
    """An edit putting the keys of a block mapping in ``order``, or ``None`` if already so (or unsafe)."""
    entries = [(k, v) for k, v in mapping.value]
    if len(entries) < 2 or not all(isinstance(k, yaml.ScalarNode) for k, _ in entries):
        return None
    rank = {key: i for i, key in enumerate(order)}
    keys = [k.value for k, _ in entries]
    wanted = sorted(range(len(entries)), key=lambda i: (rank.get(keys[i], len(order)), i))
    if wanted == list(range(len(entries))):
        return None
    lines = text.split("\n")
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
        ends.append(_end_line(text, v))
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


def _wrap(text: str, key: yaml.ScalarNode, value: yaml.ScalarNode, width: int):
    """An edit writing one long value as a folded block, or a short one on one line."""
    if value.tag != _STR:
        return None
    s = value.value
    if not s or "  " in s or not s.isprintable() or s != s.strip():
        return None  # folding would not give back exactly these characters
    lines = text.split("\n")
    first = key.start_mark.line
    last = _end_line(text, value)
    col = key.start_mark.column
    if value.style in ("|",) or lines[first][:col].strip() not in ("", "-"):
        return None
    if value.style == ">":  # the comment, if any, sits after the block indicator
        head = lines[first]
        rest = head[head.index(":", col) + 1 :].strip()
        comment = rest[rest.index("#") :] if "#" in rest else ""
    else:
        tail_line = lines[last]
        tail_col = value.end_mark.column if value.end_mark.line == last else len(tail_line)
        comment = tail_line[tail_col:].strip()
        if comment and not comment.startswith("#"):
            return None
    comment = f"  {comment}" if comment else ""
    prefix = lines[first][:col]
    if value.style in (None, "'", '"') and first == value.end_mark.line:
        if len(lines[first]) <= width:
            return None  # one line that fits: left exactly as written
        one = lines[first][: value.end_mark.column]  # keep the value as written
    else:
        from .yamltext import yaml_scalar

        one = f"{prefix}{key.value}: {yaml_scalar(s, double=key.value == 'quote')}"
    if len(one) + len(comment) <= width:
        new = [one + comment]
    else:
        indent = " " * (col + 2)
        body = textwrap.wrap(
            s, width=max(width - len(indent), 20), break_long_words=False, break_on_hyphens=False
        )
        new = [f"{prefix}{key.value}: >-{comment}"] + [indent + b for b in body]
    if new == lines[first : last + 1]:
        return None
    return first, last, new


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
