"""Safe YAML text handling: limited composing, exact positions, scalar writing, YAML errors explained.

Map files are composed into YAML node trees (never constructed into Python
objects, so nothing in a file can run code), from the parser's events, with our
own stack instead of PyYAML's recursive composer:

- aliases are refused where they are written (a billion-laughs file stays small
  until expanded);
- collections nested deeper than ``max_depth`` are refused with ``too-deep`` at
  the collection that crosses the limit, whichever PyYAML is installed (libyaml
  from PyYAML 6.0.4 on stops at 1,000 levels with its own message: the text is
  then read again with the pure-Python parser, which has no such limit, so the
  answer and its place are the same as without libyaml);
- more than ``max_nodes`` YAML values are refused.

The C parser (``CSafeLoader``, 3-8x faster) is used where PyYAML has it.
Editors that need marks as character indexes compose with :data:`PY_LOADER`
(:func:`compose_exact`).  :func:`yaml_scalar` writes one value as YAML text;
:func:`explain` turns a parser error into a message and a hint that name the
likely cause (an over-indented key, text after a closing quote, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

__all__ = [
    "LOADER",
    "PY_LOADER",
    "HAS_LIBYAML",
    "MAX_DEPTH",
    "MAX_YAML_NODES",
    "LIBYAML_MAX_DEPTH",
    "Refused",
    "compose",
    "compose_exact",
    "exact_nodes",
    "describe",
    "yaml_scalar",
    "double_quoted",
    "needs_escapes",
    "split_lines",
    "compose_loaded",
    "data_tree",
    "freeze",
    "prefers_double",
    "explain",
    "YamlProblem",
    "STR",
    "NULL",
    "BOOL",
    "PLAIN_SCALARS",
]

#: The C parser where PyYAML was built with libyaml, else the pure-Python one.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
#: The pure-Python parser: its marks are character indexes into the text.
PY_LOADER = yaml.SafeLoader
HAS_LIBYAML = LOADER is not PY_LOADER

#: Collections nested deeper than this are refused (a map needs four levels).
MAX_DEPTH = 100
#: YAML nodes (keys, values, items) allowed in one file.
MAX_YAML_NODES = 2_000_000
#: libyaml (bundled with PyYAML >= 6.0.4) refuses to nest deeper than this.
LIBYAML_MAX_DEPTH = 1000

STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
BOOL = "tag:yaml.org,2002:bool"
PLAIN_SCALARS = frozenset({STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp"})

_resolver = yaml.resolver.Resolver()


class Refused(Exception):
    """A document argmap will not read, found while composing it (``code``, ``message``, ``mark``, ``hint``)."""

    def __init__(self, code: str, message: str, mark, hint: str | None = None):
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


def _too_deep(max_depth: int, mark) -> Refused:
    return Refused(
        "too-deep",
        f"values are nested more than {max_depth} levels deep",
        mark,
        "a map file needs only a few levels: map, nodes, node, list",
    )


def _is_libyaml_depth_error(exc: yaml.YAMLError) -> bool:
    return "maximum nesting depth" in str(getattr(exc, "problem", "") or "")


def compose(text: str, *, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_YAML_NODES, loader=LOADER) -> yaml.Node | None:
    """The YAML node tree of ``text`` (``None`` for an empty document), built without recursion.

    Raises :class:`Refused` for aliases, nesting deeper than ``max_depth``, more
    than ``max_nodes`` values or a second document, and PyYAML's own
    ``YAMLError`` for text that is not YAML.
    """
    try:
        return _compose(text, max_depth, max_nodes, loader)
    except yaml.YAMLError as exc:
        if loader is PY_LOADER or not _is_libyaml_depth_error(exc):
            raise
        mark = exc.problem_mark
    # libyaml stopped at its own nesting limit before our check saw the level that
    # crosses ours (its scanner reads ahead).  Where our limit is the lower one, the
    # collection that crosses it starts before libyaml's stop: the text up to there,
    # which libyaml reads without hitting its limit, gives our error at the same place.
    cut = getattr(mark, "index", None)
    if max_depth < LIBYAML_MAX_DEPTH and isinstance(cut, int) and 0 < cut <= len(text):
        try:
            _compose(text[:cut], max_depth, max_nodes, loader)
        except Refused as refused:
            if refused.code == "too-deep":
                raise
        except yaml.YAMLError:
            pass
    # Otherwise read it all again with the pure-Python parser, which has no such limit
    # (slower: only files nested over 1,000 levels deep take this way).
    return _compose(text, max_depth, max_nodes, PY_LOADER)


def compose_exact(text: str, **limits) -> yaml.Node | None:
    """:func:`compose` with the pure-Python parser, whose marks' ``index`` counts characters of ``text``."""
    return compose(text, loader=PY_LOADER, **limits)


def _compose(text: str, max_depth: int, max_nodes: int, loader) -> yaml.Node | None:
    stack: list[list] = []  # [collection node, pending mapping key or None]
    root = None
    documents = 0
    count = 0
    for ev in yaml.parse(text, Loader=loader):
        kind = type(ev)
        if kind is yaml.ScalarEvent:
            tag = ev.tag if ev.tag not in (None, "!") else _resolver.resolve(yaml.ScalarNode, ev.value, ev.implicit)
            node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, ev.style)
        elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
            node_class = yaml.SequenceNode if kind is yaml.SequenceStartEvent else yaml.MappingNode
            tag = ev.tag if ev.tag not in (None, "!") else _resolver.resolve(node_class, None, ev.implicit)
            if len(stack) >= max_depth:
                raise _too_deep(max_depth, ev.start_mark)
            stack.append([node_class(tag, [], ev.start_mark, None, flow_style=ev.flow_style), None])
            count += 1
            continue
        elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
            node = stack.pop()[0]
            node.end_mark = ev.end_mark
        elif kind is yaml.AliasEvent:
            raise Refused(
                "alias",
                f"YAML alias *{ev.anchor} reuses an anchored value; anchors and aliases are not supported in map files",
                ev.start_mark,
                "write each value out in full",
            )
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise Refused("yaml", "invalid YAML: expected a single document in the stream", ev.start_mark,
                              "a map file holds one YAML document; remove the extra '---'")
            continue
        else:  # stream start/end, document end
            continue
        count += 1
        if count > max_nodes:
            raise Refused("too-large", f"file has more than {max_nodes:,} YAML values", ev.start_mark)
        if not stack:
            root = node
            continue
        top = stack[-1]
        parent = top[0]
        if isinstance(parent, yaml.SequenceNode):
            parent.value.append(node)
        elif top[1] is None:
            top[1] = node
        else:
            parent.value.append((top[1], node))
            top[1] = None
    return root


def exact_nodes(node: yaml.Node):
    """The scalars and flow collections under ``node``: the YAML nodes whose end marks are exact.

    (A block collection ends where the next token starts, past any comments after it.)
    Used by the editors to find where a node's text really ends.
    """
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode) or n.flow_style:
            yield n
        elif isinstance(n, yaml.MappingNode):
            for k, v in n.value:
                stack.extend((k, v))
        else:
            stack.extend(n.value)


def describe(node: yaml.Node) -> str:
    """What a YAML node is, for messages: 'a mapping', 'a list', 'nothing', "the value 'x'"."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "nothing"
    return f"the value '{node.value[:40]}'"


def yaml_scalar(value: str, double: bool = False, flow: bool = False, prefer_double: bool = False) -> str:
    r"""``value`` as one line of YAML that reads back as the same string.

    Plain when that is safe, quoted otherwise (PyYAML's emitter decides between
    plain and quoted); ``double=True`` always uses double quotes, and
    ``prefer_double=True`` uses double quotes rather than single ones where
    quotes are needed (to follow a file that quotes that way).  ``flow=True`` is
    for an item of a ``[...]`` list, where commas and brackets need quotes too.
    A value holding a line break, a tab or any other character YAML would not
    keep as written is double-quoted with escapes, so the result is always one
    line (in a CRLF file as in any other).

    >>> yaml_scalar("plain words, even with commas")
    'plain words, even with commas'
    >>> yaml_scalar("a, b", flow=True)
    "'a, b'"
    >>> yaml_scalar("yes")
    "'yes'"
    >>> yaml_scalar("a: b", double=True)
    '"a: b"'
    >>> yaml_scalar("a: b", prefer_double=True)
    '"a: b"'
    >>> yaml_scalar("two\nlines")
    '"two\\nlines"'
    """
    if double or needs_escapes(value):
        return double_quoted(value)
    if _PLAIN_SAFE.match(value) and _resolver.resolve(yaml.ScalarNode, value, (True, False)) == STR \
            and (not flow or _PLAIN_SAFE_IN_FLOW.match(value)):
        return value  # what PyYAML's emitter writes for these, ~50x faster (an import writes thousands)
    if not flow:
        out = yaml.safe_dump({"k": value}, allow_unicode=True, width=2**30, default_flow_style=False)
        if out.startswith("k: ") and out.count("\n") == 1:
            out = out[3:-1]
            return double_quoted(value) if prefer_double and out[:1] == "'" else out
    out = yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=2**30).strip()
    if not (out.startswith("[") and out.endswith("]")) or "\n" in out:
        return double_quoted(value)
    out = out[1:-1]
    return double_quoted(value) if prefer_double and out[:1] == "'" else out


#: Text every YAML reader takes as a plain string as written (when the resolver calls it a string):
#: a letter or digit first, no indicator that could start or end something, no space at either end.
_PLAIN_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.;'()?!/-]*[A-Za-z0-9.;'()?!/]\Z|[A-Za-z0-9]\Z")
#: ... and inside a flow list ``[...]``, where commas and brackets end an item.
_PLAIN_SAFE_IN_FLOW = re.compile(r"[A-Za-z0-9 .;'!/-]*\Z")

_ESCAPES = {"\0": "\\0", "\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
            "\r": "\\r", "\x1b": "\\e", "\x85": "\\N", "\u2028": "\\L", "\u2029": "\\P", '"': '\\"', "\\": "\\\\"}


def double_quoted(value: str) -> str:
    r"""``value`` as a one-line double-quoted YAML scalar, escaping what YAML would not keep as written.

    >>> print(double_quoted('say "hi"\t\\ \u2028 \x01 é'))
    "say \"hi\"\t\\ \L \x01 é"
    """
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _printable(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def _printable(ch: str) -> bool:
    """Characters YAML keeps as written inside quotes (its printable set, without the BOM)."""
    code = ord(ch)
    return (0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or code >= 0x10000) \
        and code != 0xFEFF


def needs_escapes(value: str) -> bool:
    return any(ch in _ESCAPES and ch not in '"\\' or not _printable(ch) for ch in value)



# -- reading text that already loaded ------------------------------------------------------------
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def split_lines(text: str) -> list[str]:
    """``text`` split at the line breaks YAML counts (``\\r\\n``, ``\\r``, ``\\n``, NEL, LS, PS)."""
    return _BREAK.split(text)


def compose_loaded(text: str) -> yaml.Node | None:
    """The node tree of text that has already passed :func:`argmap.loader.load_text` (so it is
    not too deep and has no aliases), composed by libyaml where present: its marks are character
    indexes, like the pure-Python composer's, and it reads everything the loader reads."""
    return yaml.compose(text, Loader=LOADER)


def data_tree(text: str):
    """What the YAML ``text`` means, as comparable values, without constructing any of it.

    Scalars become ``(tag, value)`` (so ``'yes'`` and ``yes`` differ, and an impossible
    date such as ``2022-13-45`` is no error); mappings become their pairs in key order,
    so reordering keys changes nothing.  Only for text that loaded cleanly.
    """
    root = compose_loaded(text)
    return None if root is None else freeze(root)


def freeze(node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        return (node.tag, node.value)
    if isinstance(node, yaml.SequenceNode):
        return (node.tag, tuple(freeze(n) for n in node.value))
    pairs = [(freeze(k), freeze(v)) for k, v in node.value]
    return (node.tag, "map", tuple(sorted(pairs, key=lambda kv: repr(kv[0]))))


def prefers_double(root: yaml.MappingNode) -> bool:
    """Whether the file quotes its values with double quotes more often than with single ones."""
    count = {"'": 0, '"': 0}
    stack: list[yaml.Node] = [root]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            if n.style in count:
                count[n.style] += 1
        elif isinstance(n, yaml.MappingNode):
            stack.extend(v for _, v in n.value)
        else:
            stack.extend(n.value)
    return count['"'] > count["'"]



# -- parser errors, explained ------------------------------------------------------------------------
@dataclass(frozen=True)
class YamlProblem:
    """A YAML syntax error as argmap reports it: 0-based ``line``/``column`` of the place, message, hint."""

    message: str
    line: int
    column: int
    hint: str | None


_KEY_LINE = re.compile(r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[A-Za-z_][\w-]*)\s*$")
_KEY_OF_LINE = re.compile(r"^(?P<lead>\s*(?:-\s+)?)(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s|$)")


def _key_column(line: str) -> int | None:
    """The 0-based column where the key of a ``key: value`` (or ``- key: value``) line starts."""
    m = _KEY_OF_LINE.match(line)
    return len(m.group("lead")) if m else None


def _previous_key_line(lines: list[str], index: int) -> str | None:
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            return lines[i] if _key_column(lines[i]) is not None else None
    return None


def explain(exc: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """What ``exc`` means for someone editing ``text`` by hand: the real cause where it can be told."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        problem = f"{exc.problem} ({exc.context})"
    line_no, col = (mark.line, mark.column) if mark else (0, 0)
    lines = text.splitlines()
    line = lines[line_no] if 0 <= line_no < len(lines) else ""
    before = line[:col]

    if "mapping values are not allowed" in problem:
        key = _KEY_LINE.match(before)
        above = _previous_key_line(lines, line_no)
        if key and above is not None and ": " not in before:
            want = _key_column(above)
            have = len(key.group("indent"))
            if want is not None and have > want:
                return YamlProblem(
                    f"invalid YAML: key '{key.group('key')}' is indented more than the key above it",
                    line_no, have,
                    f"keys of one mapping start in the same column: move '{key.group('key')}:' left to column {want + 1}",
                )
        if ": " in before:
            return YamlProblem(f"invalid YAML: {problem}", line_no, col, "put text that contains ': ' in quotes")
    if ("did not find expected key" in problem or "expected <block end>, but found '<scalar>'" in problem):
        quoted = re.match(r"^(?P<lead>\s*(?:-\s+)?[A-Za-z_][\w-]*:\s+)(?P<value>([\"']).*)$", line)
        if quoted and before.rstrip()[-1:] in ("'", '"') and len(before) > len(quoted.group("lead")):
            value = quoted.group("value").rstrip()
            fixed = quoted.group("lead").strip() + " " + yaml_scalar(value, double=True)
            return YamlProblem(
                "invalid YAML: text after the closing quote; a value that starts with a quote ends at the matching quote",
                line_no, col, f"put the whole value in quotes: {fixed}",
            )
    if "while parsing a block collection" in problem or "did not find expected '-' indicator" in problem:
        key = _KEY_OF_LINE.match(line)
        above = _previous_key_line(lines, line_no)
        if key and above is not None:
            want, have = _key_column(above), len(key.group("lead"))
            if want is not None and have < want and not key.group("lead").strip():
                return YamlProblem(
                    f"invalid YAML: key '{key.group('key')}' is indented less than the key above it",
                    line_no, have,
                    f"keys of one mapping start in the same column: move '{key.group('key')}:' right to column {want + 1}",
                )
    if "while scanning a quoted scalar" in problem and exc.context_mark is not None:
        start = exc.context_mark
        return YamlProblem(
            f"invalid YAML: the quote opened at line {start.line + 1}, column {start.column + 1} is never closed",
            start.line, start.column,
            "close the quote, or, if the value only starts with a quote character, put the whole value in double quotes",
        )
    return YamlProblem(f"invalid YAML: {problem}", line_no, col, _generic_hint(problem))


def _generic_hint(problem: str) -> str | None:
    if "'\\t'" in problem or "tab" in problem:
        return "YAML indents with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "check the indentation of this line, and put text that contains ': ' in quotes"
    if "could not find expected ':'" in problem or "simple key" in problem:
        return "check the indentation and that each key ends with ':'"
    if "expected a single document" in problem:
        return "a map file holds one YAML document; remove the extra '---'"
    if "found undefined alias" in problem or "alias" in problem:
        return "YAML aliases are not supported in map files"
    return None
