"""What the user wrote is what is shown: Graphviz, XML, Mermaid and the terminal.

Each table row is a reproduction from issue 10 (items 9-12) or a neighbour of one.
The Graphviz rows run through both engines and read the SVG back with an XML parser.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from argmap.export import export
from argmap.export.dot import export as export_dot
from argmap.graph import build
from argmap.model import Map, Node, Project, Source
from argmap.render import render
from argmap.report import maps_table, node_report, table
from argmap.textsafe import dot_label, dot_tooltip, mermaid_label, terminal, xml_chars

from conftest import needs_system_dot

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
ENGINES = ["embedded", pytest.param("system", marks=needs_system_dot())]

# (what the user wrote, what must be drawn): the same unless XML cannot hold a character
NASTY = [
    ("x &#1; y", "x &#1; y"),
    ("a &#xFFFE; b", "a &#xFFFE; b"),
    ("c &#xD800; d", "c &#xD800; d"),
    ("Tom &amp; Jerry", "Tom &amp; Jerry"),
    ("fish & chips", "fish & chips"),
    ("q &lt;x&gt; &#38;amp;", "q &lt;x&gt; &#38;amp;"),
    ("\\N \\G \\L \\E \\H \\T \\l \\r \\n", "\\N \\G \\L \\E \\H \\T \\l \\r \\n"),
    ("two \\\\ backslashes \\", "two \\\\ backslashes \\"),
    ('say "hi" \\" end', 'say "hi" \\" end'),
    ("<b>html</b> ]]> <!-- c -->", "<b>html</b> ]]> <!-- c -->"),
    ("nul a\x00b bell \x07 esc \x1b[31m", "nul a\ufffdb bell \ufffd esc \ufffd[31m"),
    ("nonchars \ufffe \uffff", "nonchars \ufffd \ufffd"),
    ("emoji 🙂 שלום", "emoji 🙂 שלום"),
]


def _graph(texts, by="Ann &amp; \\N Bob", title="Title &#1; \\G"):
    source = Source("s", title="Src &#1; \\N", author="A &amp; B", url="https://example.org/a?b=1&c=<2>")
    nodes = tuple(Node(f"n{i}", text, "m", by=by, quote=text, source="s") for i, text in enumerate(texts))
    G = build(Project((Map("m", "m.yaml", title=title, sources={"s": source}, nodes=nodes),)))
    G.graph["title"] = title
    return G


def _node_groups(root):
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("class") == "node" and g.get("id")}


def _drawn(group) -> str:
    """The label as drawn: its text lines joined (wrapping only breaks at spaces or mid-word)."""
    return [(t.text or "").replace("\xa0", " ") for t in group.iter(f"{SVG}text")]


@pytest.mark.parametrize("engine", ENGINES)
def test_nasty_labels_and_tooltips_are_drawn_as_written(engine):
    G = _graph([text for text, _ in NASTY])
    svg = render(export_dot(G), "svg", engine)
    root = ET.fromstring(svg)  # issue 10 item 9: well-formed XML in both engines
    groups = _node_groups(root)
    for i, (_, expected) in enumerate(NASTY):
        group = groups[f"node-n{i}"]
        lines = _drawn(group)
        body = lines[: -1]  # the last line is "— author"
        flat = "".join(body).replace(" ", "")
        assert flat == expected.replace(" ", ""), (lines, expected)
        assert lines[-1] == "— Ann &amp; \\N Bob"
        tips = {a.get(f"{XLINK}title") for a in group.iter(f"{SVG}a")}
        tip = tips.pop()
        assert tip.startswith(expected + "\n“" + expected + "”\n— A &amp; B, Src &#1; \\N"), tip
        hrefs = {a.get(f"{XLINK}href") for a in group.iter(f"{SVG}a")}
        assert hrefs == {"https://example.org/a?b=1&c=%3C2%3E"}  # issue 8: percent-encoded, & intact
    title = [t.text for t in root.findall(f"{SVG}g/{SVG}text")]
    assert "Title &#1; \\G" in title
    legend = "".join(t.text or "" for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("node-legend") or g.get("class") == "node" for t in g.iter(f"{SVG}text"))
    assert "Ann &amp; \\N Bob" in legend


def test_graphviz_quoting_table():
    assert dot_label("a & b\\N") == '"a &amp; b\\\\N"'
    assert dot_tooltip("a & b\\N") == '"a &amp; b\\\\\\\\N"'
    assert dot_label("x\x00y") == '"x\ufffdy"'


def test_graphml_with_control_characters_is_xml():
    G = _graph(["a\x00b", "tab\there \x1b[2J", "ok"])
    text = export(G, "graphml")
    root = ET.fromstring(text.encode("utf-8"))  # issue 10 item 11: was "not well-formed"
    values = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert "a\ufffdb" in values and "tab\there \ufffd[2J" in values


def test_json_keeps_control_characters_as_json_escapes():
    G = _graph(["a\x00b"])
    text = export(G, "json")
    assert "\x00" not in text and json.loads(text)["nodes"][0]["text"] == "a\x00b"


def test_mermaid_directive_in_text_is_not_applied():
    G = _graph(['%%{init: {"theme": "dark", "themeCSS": "svg{display:none}"}}%%', "%% a comment\nsecond line", "#quot; & <b>"])
    text = export(G, "mermaid")
    assert "%" not in text  # issue 10 item 10: no directive, no comment survives
    body = "\n".join(text.splitlines()[1:])
    assert "#37;#37;{init: {#quot;theme#quot;: #quot;dark#quot;" in body
    assert "#35;quot; #38; #lt;b#gt;" in body
    assert "second line" in body and len(text.splitlines()) == 1 + 3  # one line per node, no edges
    assert mermaid_label("a`b") == "a#96;b"


def test_xml_chars_replaces_only_what_xml_forbids():
    keep = "tab\t nl\n cr\r é 🙂 \u0085 \ud7ff \ue000"
    assert xml_chars(keep) == keep
    assert xml_chars("\x00\x08\x0b\x0c\x1f\ufffe\uffff\ud800") == "\ufffd" * 8


def test_xml_chars_agrees_with_the_xml_spec_on_every_code_point():
    """The small class textsafe compiles is the complement of XML 1.0's Char production."""
    import re

    allowed = re.compile("[\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    every = "".join(map(chr, range(0x110000)))
    expected = "".join(c if allowed.match(c) else "\ufffd" for c in every)
    assert xml_chars(every) == expected


HOSTILE = "evil\x1b]0;pwned\x07 \x1b]8;;https://x.test/\x1b\\link\x1b]8;;\x1b\\ \x9b2J \u202eRTL"


def test_terminal_escapes_controls_and_bidi():
    out = terminal(HOSTILE)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in out)
    assert out == "evil\\x1b]0;pwned\\x07 \\x1b]8;;https://x.test/\\x1b\\link\\x1b]8;;\\x1b\\ \\x9b2J \\u202eRTL"


def _hostile_project():
    source = Source("s", title=HOSTILE, author=HOSTILE, url="https://example.org/")
    a = Node("a", HOSTILE, "m", by=HOSTILE, quote=HOSTILE, source="s", note=HOSTILE, tags=("t",))
    return Project((Map("m", "m\x1b[2J.yaml", sources={"s": source}, nodes=(a,)),))


def _clean(text: str) -> bool:
    return not any((ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in text)


def test_show_and_list_print_no_escape_sequence():
    project = _hostile_project()
    assert _clean(node_report(build(project), "a"))  # issue 10 item 12: `show`
    assert _clean(maps_table(project))  # `list`
    assert table(["x"], [["a\nb"]]).splitlines()[-1] == "a\\nb"


def test_check_diagnostics_print_no_escape_sequence(tmp_path):
    from argmap import check

    (tmp_path / "m.yaml").write_text(
        'nodes:\n  - id: a\n    text: "x"\n    attacks: ["evil\\e]0;pwned\\a"]\n', encoding="utf-8"
    )
    _, diags = check(tmp_path)
    assert diags and all(_clean(d.format()) for d in diags)
    assert any("\\x1b]0;pwned\\x07" in d.format() for d in diags)
