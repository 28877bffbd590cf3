"""User text made safe for where it goes: XML, the terminal, Graphviz, Mermaid.

What the user wrote is what is shown.  Every output that embeds map text calls
one of these, so each rule lives in one place:

- :func:`xml_chars` — XML 1.0 cannot hold some characters even escaped (most C0
  controls, lone surrogates, U+FFFE, U+FFFF); each becomes U+FFFD, the Unicode
  replacement character, so an SVG or GraphML file is always well-formed and the
  reader sees that something was there.
- :func:`terminal` — control characters (C0, DEL, C1), line and paragraph
  separators and bidirectional overrides are shown as Python-style escapes
  (``\\x1b``), so no escape sequence in a map (a window-title change, an OSC 8
  link, a screen clear) reaches the terminal, even through a pipe.
- :func:`dot_label`, :func:`dot_tooltip`, :func:`dot_url` — DOT strings that
  Graphviz (2.43 and the embedded build alike) draws as the text itself.  Graphviz
  decodes ``&...;`` entities in labels and tooltips (``&#1;`` became a control
  character and broke the SVG; ``&amp;`` was drawn as ``&``), and in tooltips it
  expands ``\\N``, ``\\G``, ``\\L`` and then reads backslash escapes once more.
  So ``&`` is written ``&amp;``, a backslash ``\\\\`` in labels and ``\\\\\\\\`` in
  tooltips (both measured on Graphviz 2.43 and the embedded build; see
  tests/test_textsafe.py).
- :func:`mermaid_label` — Mermaid reads ``%%{init: …}%%`` directives and ``%%``
  comments anywhere in its input and ``#name;`` entity codes inside labels; text
  is written with Mermaid's own entity codes, so no ``%`` or ``#`` survives as such.

The table (input → what each function makes of it):

>>> xml_chars("a\\x00b\\ufffe")
'a\\ufffdb\\ufffd'
>>> print(terminal("id\\x1b]0;owned\\x07 ok\\u202e"))
id\\x1b]0;owned\\x07 ok\\u202e
>>> print(terminal("two\\nlines"), terminal("two\\nlines", keep_newlines=True), sep=" | ")
two\\nlines | two
lines
>>> print(dot_label('Tom &amp; "Jerry" \\\\N'))
"Tom &amp;amp; \\"Jerry\\" \\\\N"
>>> print(dot_tooltip("a\\\\N\\nb &#1;"))
"a\\\\\\\\N\\nb &amp;#1;"
>>> print(dot_url("https://example.org/a?b=1&c=<2>"))
"https://example.org/a?b=1&amp;c=%3C2%3E"
>>> print(mermaid_label('%%{init: {"theme":"dark"}}%% #quot; <b>'))
#37;#37;{init: {#quot;theme#quot;:#quot;dark#quot;}}#37;#37; #35;quot; #lt;b#gt;
"""

from __future__ import annotations

import re

__all__ = ["xml_chars", "terminal", "dot_string", "dot_label", "dot_tooltip", "dot_url", "mermaid_label"]

REPLACEMENT = "\ufffd"

# Not allowed in XML 1.0, not even as a character reference: every character outside
# #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF], written as the
# small set it is (the negated class of the allowed ranges took ~30 ms to compile, at
# every start of argmap; tests/test_textsafe.py checks both agree on every code point).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# Shown escaped on a terminal: C0 and C1 controls, DEL, line/paragraph separators,
# bidirectional embeddings, overrides and isolates (they reorder what follows).
_OTHERS = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_TERMINAL = re.compile(f"[\x00-\x1f{_OTHERS}]")
_TERMINAL_KEEP_NL = re.compile(f"[\x00-\x09\x0b-\x1f{_OTHERS}]")


_SHORT = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def xml_chars(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub(REPLACEMENT, text)


def _escape_char(match: re.Match) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: object, keep_newlines: bool = False) -> str:
    """``text`` with control and reordering characters shown as ``\\xNN`` / ``\\uNNNN``.

    Newlines are escaped too unless ``keep_newlines`` (for a block already split
    into lines by the caller).  Backslashes are left alone: paths stay readable.
    """
    pattern = _TERMINAL_KEEP_NL if keep_newlines else _TERMINAL
    return pattern.sub(_escape_char, str(text))


def dot_string(value: object) -> str:
    """A DOT double-quoted string that pydot and Graphviz read back as ``value``.

    For names and fixed attribute values; text that Graphviz draws goes through
    :func:`dot_label` or :func:`dot_tooltip`.
    """
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def _graphviz_text(text: object) -> str:
    text = xml_chars(str(text)).replace("\t", " ")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("&", "&amp;")


def dot_label(text: object) -> str:
    """A DOT string for a label (node, edge, graph title, legend) drawn exactly as ``text``.

    Lines break at ``\\n`` (centred); ``&`` is written ``&amp;`` because Graphviz
    decodes entities in labels.
    """
    return dot_string(_graphviz_text(text))


def dot_tooltip(text: object) -> str:
    """A DOT string for a tooltip (``tooltip``, ``edgetooltip``) read exactly as ``text``.

    Graphviz substitutes ``\\N`` (and ``\\G``, ``\\L``...) in tooltips, then undoes
    one level of backslash escapes: four backslashes in the DOT make one in the SVG.
    """
    text = _graphviz_text(text).replace("\\", "\\\\\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n") + '"'


def dot_url(url: str) -> str:
    """A DOT string for a link: unsafe characters percent-encoded, ``&`` as ``&amp;``.

    Graphviz 2.43 copies URLs into SVG unescaped, newer releases escape a bare ``&``
    but leave entities alone; this form is valid XML in both and reads back as the
    percent-encoded URL.  Existing ``%XX`` escapes are kept.
    """
    from urllib.parse import quote as percent

    encoded = percent(xml_chars(url.strip()), safe="/:?#[]@!$&()*+,;=%-._~")
    encoded = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", encoded)  # a lone % is not an escape
    return f'"{encoded.replace("&", "&amp;")}"'


# Mermaid's own entity codes: ``#name;`` or ``#number;``.  ``#`` goes first.
_MERMAID = {"#": "#35;", '"': "#quot;", "%": "#37;", "&": "#38;", "<": "#lt;", ">": "#gt;", "`": "#96;"}
_MERMAID_RE = re.compile("[" + re.escape("".join(_MERMAID)) + "]")


def mermaid_label(text: object) -> str:
    """Text for inside a Mermaid ``["..."]`` label: no directive, comment, entity or markup survives.

    Line breaks become ``<br/>``; control characters become U+FFFD.
    """
    text = xml_chars(str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _MERMAID_RE.sub(lambda m: _MERMAID[m.group()], text)
    return text.replace("\n", "<br/>")
