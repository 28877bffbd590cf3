"""The DOT text argmap writes is the text of the pydot graph it hands to users: one source, same bytes.

:func:`argmap.export.dot.export` writes the styled statements in one pass;
:func:`argmap.export.dot.to_pydot` gives them to pydot.  Both come from
:func:`argmap.export.dot.document`, and these tests hold them to the same bytes on
the real maps (every view and part, every colouring) and on text made to break DOT.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

import argmap
from argmap.export import _dotdoc as dotdoc
from argmap.export.dot import document, export, link_parts, to_pydot
from argmap.graph import build, map_view, split
from argmap.settings import Settings

from conftest import ARGUMENTS

SETTINGS = {
    "default": Settings(),
    "status": Settings(color_by="status"),
    "kind, no legend": Settings(color_by="kind", legend=False),
    "text labels, no stagger": Settings(labels="text", stagger=0),
    "sideways": Settings(rankdir="LR"),
}


def graphs():
    """The folder, each map with its ghosts, and the parts ``build --parts 8`` draws."""
    G = build(argmap.load(ARGUMENTS))
    yield "folder", G
    for name in sorted(G.graph["maps"]):
        H = map_view(G, name)
        yield name, H
        pieces = split(H, 8)
        link_parts(pieces)
        for root, P in pieces[:4]:
            yield f"{name}/{root}", P


def same_bytes(G, settings, evaluation=None):
    doc = document(G, settings, evaluation)
    text = doc.to_string()
    assert text == doc.to_pydot().to_string() == to_pydot(G, settings, evaluation).to_string()
    assert export(G, settings, evaluation) == text
    return text


@pytest.mark.parametrize("which", list(SETTINGS))
def test_real_maps_give_pydot_s_bytes(which):
    settings = SETTINGS[which]
    seen = 0
    evaluation = None
    for name, G in graphs():
        if name == "folder" and settings.color_by == "status":
            from argmap.evaluation import evaluate

            evaluation = evaluate(G, settings)  # the folder's, handed to every view as drawn
        text = same_bytes(G, settings, evaluation)
        seen += text.count(" -> ")
    assert seen > 100  # the maps were drawn, with their relations


NASTY = [
    'say "hi"', "back\\slash", "ends with backslash\\", '"fully quoted"', "<b>html</b>", "a & b &amp; &#1;",
    "{record|like}", "line one\nline two\r\nthree", "emoji 🙂 and שלום RTL", "\\N \\G \\L escapes",
    "semi; colon: = sign, [brackets]", "digraph", "node", "-> edge", "\x1b esc \x07 bell", "",
]


def nasty_folder(tmp_path):
    import functools
    import json

    json = functools.partial(json.dumps, ensure_ascii=False)  # YAML reads no surrogate-pair escapes

    lines = ["map: nasty", f"title: {json(NASTY[0] + NASTY[4])}", "sources:", "  s:",
             f"    title: {json(NASTY[3])}", f"    author: {json(NASTY[1])}",
             '    url: "https://example.org/a?b=1&c=<2>\\"x"', "nodes:"]
    for i, text in enumerate(NASTY):
        lines += [f"  - id: n{i}", f"    text: {json(text or 'empty title below')}",
                  f"    title: {json(text)}" if text else "    title: plain", f"    by: {json(NASTY[-2 - i % 5] or 'x')}",
                  "    source: s", "    kind: argument" if i % 3 == 0 else "    kind: claim"]
        if i:
            lines.append(f"    {'attacks' if i % 2 else 'supports'}: [n{i - 1}]")
    (tmp_path / "nasty.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_nasty_text_gives_pydot_s_bytes_and_valid_dot(tmp_path):
    G = build(argmap.load(nasty_folder(tmp_path)))
    assert G.number_of_nodes() == len(NASTY)
    for settings in SETTINGS.values():
        text = same_bytes(G, settings)
    if shutil.which("dot"):
        proc = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.count(b'<g id="node&#45;n') == len(NASTY)


def test_statements_write_pydot_s_forms():
    doc = dotdoc.Document()
    doc.set("rankdir", "BT")
    doc.set_node_defaults()  # no attributes: an empty line, as pydot writes it
    doc.set_edge_defaults(arrowsize="0.8")
    doc.add_node(dotdoc.Node('"a"'))
    doc.add_node(dotdoc.Node('"b"', label="", shape=None))
    doc.add_edge(dotdoc.Edge('"a"', '"b"'))
    doc.add_edge(dotdoc.Edge('"b"', '"a"', id='"e"', tooltip='"x \\" y"'))
    assert doc.to_string() == doc.to_pydot().to_string()
    assert doc.to_string() == (
        'digraph G {\nrankdir=BT;\n\nedge [arrowsize=0.8];\n"a";\n"b" [label="", shape];\n"a" -> "b";\n'
        '"b" -> "a" [id="e", tooltip="x \\" y"];\n}\n'
    )
