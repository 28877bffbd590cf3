"""Add a node to a map file as text, leaving every other byte of the file alone.

The file is never round-tripped through a YAML dumper: the new node is written
as a block of YAML in the style of the file's own ``nodes:`` items (indentation,
blank lines between items, flow or block lists, line endings) and inserted
right after the last item.  Comments, key order, quoting and blank lines
elsewhere stay exactly as they were.

Before anything is written the new text is loaded and the whole folder is
checked with it; an addition that would leave an error changes nothing and
raises :class:`~argmap.diagnostics.InvalidInputError` saying why.  The write
itself is atomic (:func:`argmap.fsutil.write_atomic`).

>>> result = add_node("arguments/", "backlash-needs-few-ais", "attacks",
...                   "Few firms can still serve many tastes.", by="Me")   # doctest: +SKIP
>>> print(result.block)                                                     # doctest: +SKIP
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from .diagnostics import ArgmapError, Diagnostic, InvalidInputError, did_you_mean, has_errors
from .model import Project
from .spec import NODE_KINDS, RELATION_KINDS

__all__ = ["AddResult", "add_node", "unique_id", "yaml_scalar"]

_BOM = "\ufeff"


@dataclass(frozen=True)
class AddResult:
    """What :func:`add_node` did (or, with ``write=False``, would do)."""

    path: Path  #: the map file the node goes into
    node_id: str  #: the id of the new node (given or generated)
    block: str  #: the YAML text inserted, in the file's line endings
    offset: int  #: where the block goes, in characters of the decoded file
    before: bytes  #: the file as it was
    after: bytes  #: the file with the node added
    written: bool = False
    warnings: tuple[Diagnostic, ...] = field(default_factory=tuple)


def add_node(
    project_or_folder: str | Path | Project,
    target: str,
    relation: str,
    text: str,
    *,
    node_id: str | None = None,
    kind: str | None = None,
    by: str | None = None,
    source: str | None = None,
    quote: str | None = None,
    tags: Sequence[str] = (),
    note: str | None = None,
    file: str | Path | None = None,
    write: bool = True,
) -> AddResult:
    """Append a node that ``relation``\\s ``target`` to the file holding ``target`` (or ``file``).

    ``project_or_folder`` is a folder of maps, one map file (its folder is
    checked with it), or an already loaded :class:`Project`.  ``node_id`` is made
    from ``text`` when not given (``slugify``, then ``-2``, ``-3``... until unique).
    Raises :class:`ArgmapError` for a wrong target, relation or file, and
    :class:`InvalidInputError` when the folder would not check cleanly.
    """
    from .loader import load_text
    from .spec import ID_PATTERN
    from .validate import validate

    if relation not in RELATION_KINDS:
        hint = did_you_mean(relation, RELATION_KINDS) or f"use one of {', '.join(RELATION_KINDS)}"
        raise ArgmapError(f"unknown relation '{relation}' ({hint})")
    if kind is not None and kind not in NODE_KINDS:
        raise ArgmapError(f"kind '{kind}' is not one of {', '.join(NODE_KINDS)}")
    if not text or not text.strip():
        raise ArgmapError("the new node needs a non-empty --text")

    project, diags = _open(project_or_folder, file)
    if has_errors(diags):
        raise InvalidInputError(diags)  # fix what is there before adding to it
    nodes = project.nodes()
    if target not in nodes:
        hint = did_you_mean(target, nodes) or "`argmap list` shows the maps; ids are in the YAML files"
        raise ArgmapError(f"no node with id '{target}' to attach to ({hint})")

    if file is not None:
        path = Path(file)
        if not path.is_file():
            raise ArgmapError(f"no such map file: {path}")
    else:
        path = Path(nodes[target].map and _map_path(project, nodes[target].map))
    old_map = next((m for m in project.maps if Path(m.path) == path), None)
    if old_map is None:
        raise ArgmapError(f"{path} is not one of the maps checked with the target")

    if node_id is None:
        node_id = unique_id(text, nodes)
    elif not ID_PATTERN.match(node_id):
        from .spec import slugify

        raise ArgmapError(f"id '{node_id}' may use only a-z, 0-9 and '-' (try '{slugify(node_id, 12)}')")
    elif node_id in nodes:
        raise ArgmapError(f"id '{node_id}' is already used at {nodes[node_id].loc}; choose another with --id")

    fields: list[tuple[str, object]] = [("id", node_id)]
    if kind is not None:
        fields.append(("kind", kind))
    fields.append(("text", " ".join(text.split())))
    for key, value in (("by", by), ("source", source), ("quote", quote)):
        if value is not None:
            fields.append((key, value))
    if tags:
        fields.append(("tags", list(tags)))
    if note is not None:
        fields.append(("note", note))
    fields.append((relation, [target]))

    before = path.read_bytes()
    try:
        decoded = before.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArgmapError(f"{path} is not UTF-8 (byte {exc.start}); save it as UTF-8 first") from None
    bom = decoded.startswith(_BOM)
    body = decoded[1:] if bom else decoded
    offset, block = plan_insert(body, fields, str(path))
    new_body = body[:offset] + block + body[offset:]
    after = ((_BOM if bom else "") + new_body).encode("utf-8")

    # The candidate must load, keep every old node as it was, and check cleanly with the folder.
    new_map, file_diags = load_text(new_body, str(path), default_map=path.stem)
    candidate = Project(tuple(new_map if m is old_map else m for m in project.maps)) if new_map else None
    all_diags = list(file_diags) + (validate(candidate) if candidate is not None else [])
    if new_map is None or has_errors(all_diags):
        first_new_line = body[:offset].count("\n") + 1
        raise InvalidInputError(sorted((_in_addition(d, str(path), first_new_line) for d in all_diags),
                                       key=Diagnostic.sort_key))
    _same_except_added(body, new_body, dict(fields), str(path))
    known = {(d.code, d.message) for d in diags}
    warnings = tuple(d for d in all_diags if not d.is_error and (d.code, d.message) not in known)

    if write:
        from .fsutil import write_atomic

        write_atomic(path, after)
    prefix = 1 if bom else 0
    return AddResult(path, node_id, block, offset + prefix, before, after, write, warnings)


def unique_id(text: str, taken: Iterable[str]) -> str:
    """A readable id made from ``text``, with ``-2``, ``-3``... added until it is not in ``taken``.

    >>> unique_id("Customers choose: no backlash!", {"customers-choose-no-backlash"})
    'customers-choose-no-backlash-2'
    """
    from .spec import slugify

    taken = set(taken)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    base = slugify(ascii_text)[:90].strip("-") or "node"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def yaml_scalar(value: str, double: bool = False, flow: bool = False) -> str:
    """``value`` as one line of YAML that reads back as the same string.

    Plain when that is safe, quoted otherwise (PyYAML's emitter decides);
    ``double=True`` always uses double quotes; ``flow=True`` is for an item of a
    ``[...]`` list, where commas and brackets need quotes too.

    >>> yaml_scalar("plain words, even with commas")
    'plain words, even with commas'
    >>> yaml_scalar("a, b", flow=True)
    "'a, b'"
    >>> yaml_scalar("yes")
    "'yes'"
    >>> yaml_scalar("a: b", double=True)
    '"a: b"'
    """
    style = '"' if double else None
    if not flow:
        out = yaml.safe_dump({"k": value}, allow_unicode=True, width=2**30, default_flow_style=False, default_style=style)
        prefix = '"k": ' if double else "k: "
        if out.startswith(prefix) and out.count("\n") == 1:
            return out[len(prefix) : -1]
    out = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=2**30, default_style=style)
    out = out.strip()
    assert out.startswith("[") and out.endswith("]"), out
    return out[1:-1]


# -- where and how to insert ------------------------------------------------------------
def plan_insert(text: str, fields: list[tuple[str, object]], file: str = "<string>") -> tuple[int, str]:
    """The offset in ``text`` and the block to insert there so that ``fields`` become a new node."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # pure-Python marks: indexes are characters
    except yaml.YAMLError as exc:  # the file loaded before, so this is unexpected
        raise ArgmapError(f"{file}: cannot parse the file to find `nodes:` ({exc})") from None
    if not isinstance(root, yaml.MappingNode):
        raise ArgmapError(f"{file}: the file is not a mapping with a `nodes:` list")
    entry = next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "nodes"), None)
    if entry is None:
        raise ArgmapError(f"{file}: the file has no `nodes:` list to add to")
    key, seq = entry
    nl = "\r\n" if "\r\n" in text else "\n"

    if isinstance(seq, yaml.ScalarNode) and seq.tag == "tag:yaml.org,2002:null" and seq.value == "":
        # `nodes:` with nothing after it: the first item goes on the next line
        style = _Style(key.start_mark.column + 2, 2, flow_lists=True, blank_between=False, list_indent=2)
        offset = _line_end(text, key.end_mark.index)
        block = _render(fields, style, nl)
        return (offset, nl + block) if offset == len(text) and not text.endswith("\n") else (offset, block)
    if not isinstance(seq, yaml.SequenceNode):
        raise ArgmapError(f"{file}: `nodes:` is not a list")
    if seq.flow_style or not seq.value:
        raise ArgmapError(
            f"{file}: `nodes:` is written as a flow list [...]; write it as a block list ('- id: ...') to use `add`"
        )
    style = _detect_style(text, seq)
    last = seq.value[-1]
    end = max(n.end_mark.index for n in _walk(last))
    if end > 0 and text[end - 1] == "\n":  # block scalars end at the start of the next line
        offset = end
        while offset > 0 and text[offset - 1] in "\r\n" and text[:offset].endswith(nl + nl):
            offset -= len(nl)  # keep the blank lines a kept-chomping scalar may swallow after the block
    else:
        offset = _line_end(text, end)
    block = _render(fields, style, nl)
    if offset == len(text) and text and not text.endswith("\n"):
        return offset, nl + block  # the file had no final newline: end its last line first
    return offset, block


@dataclass(frozen=True)
class _Style:
    dash_col: int  # column of '-' of each item
    key_offset: int  # columns from '-' to the item's keys
    flow_lists: bool  # tags: [a, b] rather than a block list
    blank_between: bool  # a blank line between items
    list_indent: int  # columns from a key to the '-' of its block list


def _detect_style(text: str, seq: yaml.SequenceNode) -> _Style:
    items = seq.value
    dash_col = seq.start_mark.column
    key_offset = max(items[0].start_mark.column - dash_col, 2) if isinstance(items[0], yaml.MappingNode) else 2
    lines = text.splitlines()
    blank = 0
    for prev, nxt in zip(items, items[1:]):
        start = nxt.start_mark.line  # the line of '- ' of the next item
        above = lines[start - 1].strip() if start >= 1 else ""
        blank += above == "" or (above.startswith("#") and start >= 2 and lines[start - 2].strip() == "")
    blank_between = blank * 2 >= len(items) - 1 if len(items) > 1 else False
    flow = block = 0
    list_indent = 2
    for item in items:
        if not isinstance(item, yaml.MappingNode):
            continue
        for k, v in item.value:
            if isinstance(v, yaml.SequenceNode) and v.value:
                if v.flow_style:
                    flow += 1
                else:
                    block += 1
                    list_indent = v.start_mark.column - k.start_mark.column
    return _Style(dash_col, key_offset, flow >= block, blank_between, list_indent)


def _render(fields: list[tuple[str, object]], style: _Style, nl: str) -> str:
    pad = " " * style.dash_col
    inner = " " * (style.dash_col + style.key_offset)
    lines: list[str] = [""] if style.blank_between else []
    for i, (key, value) in enumerate(fields):
        lead = pad + "-" + " " * (style.key_offset - 1) if i == 0 else inner
        if isinstance(value, list):
            if style.flow_lists:
                lines.append(f"{lead}{key}: [{', '.join(yaml_scalar(str(v), flow=True) for v in value)}]")
            else:
                lines.append(f"{lead}{key}:")
                sub = " " * (style.dash_col + style.key_offset + style.list_indent)
                lines.extend(f"{sub}- {yaml_scalar(str(v))}" for v in value)
        else:
            lines.append(f"{lead}{key}: {yaml_scalar(str(value), double=key == 'quote')}")
    return nl.join(lines) + nl


def _line_end(text: str, index: int) -> int:
    """The index just past the line break of the line holding ``index`` (or the end of text)."""
    nl = text.find("\n", index)
    return len(text) if nl < 0 else nl + 1


from .yamltext import exact_nodes as _walk  # noqa: E402


def _open(project_or_folder, file) -> tuple[Project, list[Diagnostic]]:
    if isinstance(project_or_folder, Project):
        return project_or_folder, []
    path = Path(project_or_folder)
    paths: list[Path] = [path.parent if path.is_file() else path]
    if file is not None and Path(file).resolve().parent != paths[0].resolve():
        paths.append(Path(file))
    from .project import open_paths  # the one way from paths to a checked project

    opened = open_paths(paths, default=None)
    return opened.project, opened.diagnostics


def _in_addition(d: Diagnostic, file: str, first_line: int) -> Diagnostic:
    """Say so when a problem lies in the block being added (its lines do not exist on disk)."""
    if d.is_error and d.loc is not None and d.loc.file == file and d.loc.line >= first_line:
        return replace(d, message=f"{d.message} (in the node being added; nothing was written)")
    return d


def _map_path(project: Project, name: str) -> str:
    return project.map(name).path


def _same_except_added(before: str, after: str, added: dict, file: str) -> None:
    """Belt and braces: the new file reads as the old one plus exactly the new node."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    old, new = yaml.load(before, Loader=loader), yaml.load(after, Loader=loader)
    old_nodes = old.get("nodes") or []
    rest_same = {k: v for k, v in old.items() if k != "nodes"} == {k: v for k, v in new.items() if k != "nodes"}
    if not rest_same or new.get("nodes", [])[:-1] != old_nodes or new["nodes"][-1] != added:
        raise ArgmapError(f"{file}: internal error, the added block did not read back as intended; nothing written")
