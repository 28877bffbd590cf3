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

import re
import unicodedata
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from .diagnostics import ArgmapError, Diagnostic, InvalidInputError, did_you_mean, has_errors
from .model import Project
from .spec import NODE_KINDS, RELATION_KINDS, RELATION_SEPARATOR
from .yamltext import compose_loaded, data_tree, prefers_double, split_lines, yaml_scalar

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
    title: str | None = None,
    held_by: str | None = None,
    stance: str | None = None,
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

    from .fsutil import decode_utf8, locked, locked_folder, read_bytes, write_atomic

    # The id check spans the folder, so the folder is locked from reading it to writing the file:
    # two `argmap add` into two files of one folder take turns, and the second sees the first's id.
    with ExitStack() as stack:
        for folder in _folders(project_or_folder, file):
            stack.enter_context(locked_folder(folder))
        project, diags = _open(project_or_folder, file)
        if has_errors(diags):
            raise InvalidInputError(diags)  # fix what is there before adding to it
        path, old_map = _target_file(project, target, file)
        name = old_map.path

        # Read, change and write the file under an exclusive lock: ten `argmap add` at once take
        # turns, and each one adds to the file as the previous one left it.
        with locked(path):
            before, problems = read_bytes(path)
            body = None
            if before is not None:
                bom = before.startswith(_BOM.encode("utf-8"))
                body, problems = decode_utf8(before, str(path))  # without the BOM
            if body is None:
                raise InvalidInputError(problems)
            current, current_diags = load_text(body, name, default_map=path.stem)
            if current is None or has_errors(current_diags):
                raise InvalidInputError(current_diags)  # it changed since the folder was checked
            if current != old_map:  # another editor added to it meanwhile: use the file as it is now
                project = Project(tuple(current if m is old_map else m for m in project.maps))
                old_map = current
            nodes = project.nodes()
            if _anchor(target) not in nodes:
                raise ArgmapError(f"no node with id '{_anchor(target)}' to attach to (it was removed from {path} meanwhile)")

            if node_id is None:
                node_id = unique_id(text, nodes)
            elif not ID_PATTERN.fullmatch(node_id):
                from .spec import slugify

                raise ArgmapError(f"id '{node_id}' may use only a-z, 0-9 and '-' (try '{slugify(node_id, 12)}')")
            elif node_id in nodes:
                raise ArgmapError(f"id '{node_id}' is already used at {nodes[node_id].loc}; choose another with --id")

            fields: list[tuple[str, object]] = [("id", node_id)]
            if title is not None:
                fields.append(("title", " ".join(title.split())))
            if kind is not None:
                fields.append(("kind", kind))
            fields.append(("text", " ".join(text.split())))
            for key, value in (("by", by), ("held_by", held_by), ("stance", stance), ("source", source), ("quote", quote)):
                if value is not None:
                    fields.append((key, value))
            if tags:
                fields.append(("tags", list(tags)))
            if note is not None:
                fields.append(("note", note))
            fields.append((relation, [target]))

            offset, block = plan_insert(body, fields, name)
            new_body = body[:offset] + block + body[offset:]
            after = ((_BOM if bom else "") + new_body).encode("utf-8")

            # The candidate must load, keep every old node as it was, and check cleanly with the folder.
            new_map, file_diags = load_text(new_body, name, default_map=path.stem)
            candidate = Project(tuple(new_map if m is old_map else m for m in project.maps)) if new_map else None
            all_diags = list(file_diags) + (validate(candidate) if candidate is not None else [])
            if new_map is None or has_errors(all_diags):
                first_new_line = len(split_lines(body[:offset]))
                raise InvalidInputError(sorted((_in_addition(d, name, first_new_line) for d in all_diags),
                                               key=Diagnostic.sort_key))
            _same_except_added(body, new_body, fields, name)
            known = {(d.code, d.message) for d in diags}
            warnings = tuple(d for d in all_diags if not d.is_error and (d.code, d.message) not in known)

            if write:
                write_atomic(path, after, expect=before, replace_map=True, keep_links=True)
    prefix = 1 if bom else 0
    return AddResult(path, node_id, block, offset + prefix, before, after, write, warnings)


def _anchor(target: str) -> str:
    """The node a target hangs on: the node itself, or the source of a relation ``SRC->TGT``."""
    return target.partition(RELATION_SEPARATOR)[0] if RELATION_SEPARATOR in target else target


def _target_file(project: Project, target: str, file: str | Path | None):
    """The map file a node attached to ``target`` goes into, and the map read from it.

    ``target`` is a node id or a relation ``SRC->TGT`` (an objection to a link; ``TGT`` may itself
    name a relation, ``c->a->b``: argmap.address), which goes into the file of ``SRC``.
    """
    nodes = project.nodes()
    for end in target.split(RELATION_SEPARATOR):
        if end not in nodes:
            hint = did_you_mean(end, nodes) or "`argmap list` shows the maps; ids are in the YAML files"
            raise ArgmapError(f"no node with id '{end}' to attach to ({hint})")
    src, _, rest = target.partition(RELATION_SEPARATOR)
    if rest and not any(rel.target == rest for rel in nodes[src].relations):
        raise ArgmapError(f"'{src}' has no relation to '{rest}' (a relation is named SRC->TGT as written on SRC, "
                          "and read from the right: c->a->b is c's relation to a->b)")
    anchor = _anchor(target)
    if file is not None:
        path = Path(file)
        if not path.is_file():
            raise ArgmapError(f"no such map file: {path}")
    else:
        path = Path(nodes[anchor].map and _map_path(project, nodes[anchor].map))
    old_map = next((m for m in project.maps if Path(m.path) == path), None)
    if old_map is None:
        raise ArgmapError(f"{path} is not one of the maps checked with the target")
    return path, old_map


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


# -- where and how to insert ------------------------------------------------------------
def plan_insert(text: str, fields: list[tuple[str, object]], file: str = "<string>") -> tuple[int, str]:
    """The offset in ``text`` and the block to insert there so that ``fields`` become a new node."""
    try:
        root = compose_loaded(text)
    except yaml.YAMLError as exc:  # the file loaded before, so this is unexpected
        raise ArgmapError(f"{file}: cannot parse the file to find `nodes:` ({exc})") from None
    if not isinstance(root, yaml.MappingNode):
        raise ArgmapError(f"{file}: the file is not a mapping with a `nodes:` list")
    entry = next(((k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "nodes"), None)
    if entry is None:
        raise ArgmapError(f"{file}: the file has no `nodes:` list to add to")
    key, seq = entry
    nl = _newline(text)

    if isinstance(seq, yaml.ScalarNode) and seq.tag == "tag:yaml.org,2002:null" and seq.value == "":
        # `nodes:` with nothing after it: the first item goes on the next line
        style = _Style(key.start_mark.column + 2, 2, flow_lists=True, blank_between=False, list_indent=2,
                       prefer_double=prefers_double(root))
        offset = _line_end(text, key.end_mark.index, nl)
        block = _render(fields, style, nl)
        return (offset, nl + block) if offset == len(text) and not _ends_with_break(text) else (offset, block)
    if not isinstance(seq, yaml.SequenceNode):
        raise ArgmapError(f"{file}: `nodes:` is not a list")
    if seq.flow_style or not seq.value:
        raise ArgmapError(
            f"{file}: `nodes:` is written as a flow list [...]; write it as a block list ('- id: ...') to use `add`"
        )
    style = _detect_style(text, seq, prefers_double(root))
    last = seq.value[-1]
    end_node = max(_walk(last), key=lambda n: n.end_mark.index)
    end = end_node.end_mark.index
    block = _render(fields, style, nl)
    if _keeps_trailing_lines(text, end_node):
        # `|+` keeps the blank lines after it as part of its value: insert after all of them,
        # and without a blank line of our own (it would join the value too).
        offset = end
        if block.startswith(nl):
            block = block[len(nl):]
        if offset == len(text) and not _ends_with_break(text):
            raise ArgmapError(f"{file}:{end_node.start_mark.line + 1}:{end_node.start_mark.column + 1}: the last "
                              "value is a keep-chomped block scalar (`|+`) with no line break at the end of the "
                              "file; adding after it would change it (end the file with a line break)")
        return offset, block
    if end > 0 and text[end - 1] in "\r\n\x85\u2028\u2029":  # block scalars end at the start of the next line
        offset = end
        while offset > 0 and text[offset - 1] in "\r\n" and text[:offset].endswith(nl + nl):
            offset -= len(nl)  # keep the blank lines a clipped block scalar swallows after the block
    else:
        offset = _line_end(text, end, nl)
    if offset == len(text) and text and not _ends_with_break(text):
        return offset, nl + block  # the file had no final newline: end its last line first
    return offset, block


def _newline(text: str) -> str:
    """The file's line break: CRLF, LF or (old Mac) CR, whichever comes first."""
    m = re.search("\r\n|\r|\n", text)
    return m.group(0) if m else "\n"


def _ends_with_break(text: str) -> bool:
    return text.endswith(("\n", "\r", "\x85", "\u2028", "\u2029"))


def _keeps_trailing_lines(text: str, node: yaml.Node) -> bool:
    """Whether ``node`` is a block scalar with keep chomping (``|+``, ``>2+``...)."""
    if not isinstance(node, yaml.ScalarNode) or node.style not in ("|", ">"):
        return False
    header = re.match(r"[|>]([0-9+-]{0,2})", text[node.start_mark.index : node.start_mark.index + 3])
    return bool(header) and "+" in header.group(1)


@dataclass(frozen=True)
class _Style:
    dash_col: int  # column of '-' of each item
    key_offset: int  # columns from '-' to the item's keys
    flow_lists: bool  # tags: [a, b] rather than a block list
    blank_between: bool  # a blank line between items
    list_indent: int  # columns from a key to the '-' of its block list
    prefer_double: bool = False  # quote with "..." rather than '...' where quotes are needed


def _detect_style(text: str, seq: yaml.SequenceNode, prefer_double: bool = False) -> _Style:
    items = seq.value
    dash_col = _dash_column(text, seq)
    key_offset = max(items[0].start_mark.column - dash_col, 2) if isinstance(items[0], yaml.MappingNode) else 2
    lines = split_lines(text)
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
    return _Style(dash_col, key_offset, flow >= block, blank_between, list_indent, prefer_double)


def _dash_column(text: str, seq: yaml.SequenceNode) -> int:
    """The column of the '-' of the block list's items.

    A list with a tag or an anchor (``nodes: !tag``, ``nodes: &all``) starts at the tag,
    not at its first '-': find the dash on the first line at or after the list's start
    whose first non-blank character is '-'.
    """
    lines = split_lines(text)
    for line in lines[seq.start_mark.line : seq.value[0].start_mark.line + 1]:
        stripped = line.lstrip(" ")
        if stripped.startswith("-") and stripped[1:2] in ("", " ", "\t", "\r", "\n"):
            return len(line) - len(stripped)
    return seq.start_mark.column


def _render(fields: list[tuple[str, object]], style: _Style, nl: str) -> str:
    pad = " " * style.dash_col
    inner = " " * (style.dash_col + style.key_offset)
    lines: list[str] = [""] if style.blank_between else []
    pd = style.prefer_double
    for i, (key, value) in enumerate(fields):
        lead = pad + "-" + " " * (style.key_offset - 1) if i == 0 else inner
        if isinstance(value, list):
            if style.flow_lists:
                lines.append(f"{lead}{key}: [{', '.join(yaml_scalar(str(v), flow=True, prefer_double=pd) for v in value)}]")
            else:
                lines.append(f"{lead}{key}:")
                sub = " " * (style.dash_col + style.key_offset + style.list_indent)
                lines.extend(f"{sub}- {yaml_scalar(str(v), prefer_double=pd)}" for v in value)
        else:
            lines.append(f"{lead}{key}: {yaml_scalar(str(value), double=key == 'quote', prefer_double=pd)}")
    return nl.join(lines) + nl


def _line_end(text: str, index: int, nl: str = "\n") -> int:
    """The index just past the line break of the line holding ``index`` (or the end of text)."""
    found = text.find(nl[-1], index)
    return len(text) if found < 0 else found + 1


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


def _folders(project_or_folder, file) -> list[Path]:
    """The folders whose maps an addition checks (each locked while it runs), in one fixed order."""
    if isinstance(project_or_folder, Project):
        folders = {Path(m.path).parent for m in project_or_folder.maps}
    else:
        path = Path(project_or_folder)
        folders = {path.parent if path.is_file() else path}
    if file is not None:
        folders.add(Path(file).parent)
    real = {}
    for f in folders:
        if f.is_dir():
            real.setdefault(Path(f).resolve(), f)
    return [real[k] for k in sorted(real)]  # one order for every process: no deadlock


def _in_addition(d: Diagnostic, file: str, first_line: int) -> Diagnostic:
    """Say so when a problem lies in the block being added (its lines do not exist on disk)."""
    if d.is_error and d.loc is not None and d.loc.file == file and d.loc.line >= first_line:
        return replace(d, message=f"{d.message} (in the node being added; nothing was written)")
    return d


def _map_path(project: Project, name: str) -> str:
    return project.map(name).path


def _same_except_added(before: str, after: str, fields: list[tuple[str, object]], file: str) -> None:
    """Belt and braces: the new file reads as the old one plus exactly the new node."""
    str_tag, seq_tag = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq"
    old, new = data_tree(before), data_tree(after)

    def get(tree, key):
        return next((v for k, v in tree[2] if k == (str_tag, key)), None)

    def rest(tree):
        return [(k, v) for k, v in tree[2] if k != (str_tag, "nodes")]

    old_nodes, new_nodes = get(old, "nodes"), get(new, "nodes")
    # a sequence freezes to (tag, items); its tag may be the plain one or the file's own (`nodes: !tag`)
    old_is_seq = bool(old_nodes) and len(old_nodes) == 2 and isinstance(old_nodes[1], tuple)
    old_items = old_nodes[1] if old_is_seq else ()
    new_tag_ok = new_nodes is not None and new_nodes[0] == (old_nodes[0] if old_is_seq else seq_tag)
    added = data_tree(yaml.safe_dump({k: v for k, v in fields}, allow_unicode=True))  # what we meant to add
    if (rest(old) != rest(new) or not new_tag_ok or new_nodes[1][:-1] != old_items
            or new_nodes[1][-1:] != (added,)):
        raise ArgmapError(f"{file}: internal error, the added block did not read back as intended; nothing written")
