"""Drawing with the real Graphviz: the embedded WebAssembly build and system `dot`."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import argmap
from argmap import render as render_mod
from argmap.export.dot import export
from argmap.graph import build
from argmap.model import Map, Node, Project, Source
from argmap.render import EngineUnavailable, RenderError, render

from conftest import needs_system_dot

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"

NASTY = [
    'He said "no" twice',
    "back\\slash and \\n literally",
    "<script>alert(1)</script>",
    "fish & chips",
    "{record | like} braces",
    "emoji 🙂 here",
    "RTL שלום עולם",
    'ends with a backslash \\',
    "two\nlines of text",
]
ENGINES = ["embedded", pytest.param("system", marks=needs_system_dot())]


def _nasty_graph():
    nodes = tuple(
        Node(f"n{i}", text, "nasty", by=None, quote=text, source="s" if i == 0 else None) for i, text in enumerate(NASTY)
    )
    source = Source("s", title='A "title" <with> & stuff', url="https://example.org/?a=1&b=<2>")
    G = build(Project((Map("nasty", "nasty.yaml", sources={"s": source}, nodes=nodes),)))
    return G


@pytest.mark.parametrize("engine", ENGINES)
def test_nasty_text_survives_into_svg_intact(engine):
    svg = render(export(_nasty_graph()), "svg", engine)
    root = ET.fromstring(svg)  # parses as XML: nothing broke out of its attribute or element
    texts = [t.text for t in root.iter(f"{SVG}text")]
    joined = " ".join(t or "" for t in texts)
    for text in NASTY:
        for word in text.split():
            assert word in joined, f"{word!r} missing from the drawn labels"
    assert not list(root.iter(f"{SVG}script")), "an injected <script> element"
    titles = [a.get(f"{XLINK}title") for a in root.iter(f"{SVG}a")]
    assert any('He said "no" twice' in (t or "") for t in titles), "tooltip lost its text"
    hrefs = {a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a")}
    assert "https://example.org/?a=1&b=%3C2%3E" in hrefs


@pytest.mark.parametrize("engine", ENGINES)
def test_same_input_gives_byte_identical_svg(engine, data_dir):
    dot = export(build(argmap.load(data_dir / "small")))
    assert render(dot, "svg", engine) == render(dot, "svg", engine)


@pytest.mark.slow
def test_embedded_svg_is_identical_in_a_new_process(data_dir, tmp_path):
    dot = export(build(argmap.load(data_dir / "small")))
    here = render(dot, "svg", "embedded")
    code = "import sys; from argmap.render import render; sys.stdout.buffer.write(render(sys.stdin.read(), 'svg', 'embedded'))"
    there = subprocess.run([sys.executable, "-c", code], input=dot.encode(), capture_output=True, check=True).stdout
    assert here == there


@pytest.mark.parametrize("engine", ENGINES)
def test_svg_scales_to_its_column_with_a_viewbox(engine, data_dir):
    svg = render(export(build(argmap.load(data_dir / "small"))), "svg", engine)
    root = ET.fromstring(svg)
    width = float(root.get("viewBox").split()[2])
    assert root.get("width") is None and root.get("height") is None  # no fixed pt size
    assert root.get("style") == f"max-width:{width:.0f}pt"  # a small map is not blown up


def test_bad_dot_is_one_clear_error_and_the_engine_recovers():
    with pytest.raises(RenderError, match="embedded Graphviz failed"):
        render("digraph { a -> ", "svg", "embedded")
    assert render("digraph { a -> b }", "svg", "embedded").startswith(b"<?xml")


@needs_system_dot()
def test_system_dot_error_carries_graphviz_message():
    with pytest.raises(RenderError, match="Graphviz `dot` failed: .*syntax error"):
        render("digraph { a -> ", "svg", "system")


@needs_system_dot()
@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_png_and_pdf_with_system_dot(fmt, magic):
    assert render("digraph { a -> b }", fmt, "system").startswith(magic)


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_png_and_pdf_from_embedded_svg_via_the_converter(fmt, magic):
    assert render("digraph { a -> b }", fmt, "embedded").startswith(magic)


def test_missing_system_dot_says_what_to_install(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(EngineUnavailable, match="install Graphviz"):
        render("digraph { a }", "svg", "system")
    assert render_mod.resolve_engine("auto", "png") == "embedded"


@pytest.mark.slow
class TestModuleCache:
    CODE = "import time, sys; t=time.perf_counter(); from argmap.render import render; render('digraph{a}', 'svg', 'embedded'); print(time.perf_counter()-t)"

    def _run(self, env):
        out = subprocess.run([sys.executable, "-c", self.CODE], env=env, capture_output=True, text=True, check=True)
        return float(out.stdout)

    def test_cache_is_written_then_reused(self, tmp_path):
        import os

        env = {**os.environ, "ARGMAP_CACHE_DIR": str(tmp_path / "cache")}
        self._run(env)
        files = list((tmp_path / "cache").glob("graphviz-*.cwasm"))
        assert len(files) == 1 and files[0].stat().st_size > 100_000

    def test_corrupt_cache_falls_back_to_compiling(self, tmp_path):
        import os

        env = {**os.environ, "ARGMAP_CACHE_DIR": str(tmp_path)}
        self._run(env)
        cached = next(tmp_path.glob("graphviz-*.cwasm"))
        cached.write_bytes(b"not a module")
        self._run(env)  # still renders
        assert cached.stat().st_size > 100_000  # and the cache was mended

    def test_unwritable_cache_still_renders(self, tmp_path):
        import os

        blocker = tmp_path / "file"
        blocker.write_text("x")
        env = {**os.environ, "ARGMAP_CACHE_DIR": str(blocker / "sub")}
        self._run(env)


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=3), st.text(max_size=30))
def test_any_text_gives_well_formed_svg(texts, by):
    """Whatever the text (controls, astral planes, markup), the embedded engine draws valid XML."""
    nodes = tuple(Node(f"n{i}", t, "m", by=by or None, quote=t) for i, t in enumerate(texts))
    G = build(Project((Map("m", "m.yaml", nodes=nodes),)))
    root = ET.fromstring(render(export(G), "svg", "embedded"))
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]) >= len(texts)


def test_text_of_only_a_line_break_still_draws():
    """Found by hypothesis on a fresh machine: a label or tooltip starting with an empty line made the
    wasm Graphviz trap (out of bounds table access); such text now draws without the empty line."""
    nodes = (Node("n0", "0", "m", by="0000", quote="0"), Node("n1", "\r", "m", by="0000", quote="\r"))
    G = build(Project((Map("m", "m.yaml", nodes=nodes),)))
    root = ET.fromstring(render(export(G), "svg", "embedded"))
    assert len([g for g in root.iter(f"{SVG}g") if g.get("class") == "node"]) == 2


@pytest.mark.parametrize("engine", ["embedded", pytest.param("system", marks=needs_system_dot())])
def test_running_graphviz_returns_its_output_untouched_and_render_finishes_it(engine):
    from argmap.svgfinish import finish

    from literal import graph

    G = graph("""
        nodes:
          - id: ship
            title: Ship it
            text: We ship this week.
          - id: docs
            text: The docs are not done.
            by: Ann
            attacks: [ship]
        """)
    dot = export(G)
    raw = render_mod.run_graphviz(dot, "svg", engine)
    assert raw.startswith(b"<?xml") and b"argmaplegend:" in raw  # the legend still a comment: nothing drawn yet
    assert b'font-weight="bold"' not in raw and b'<svg width="' in raw
    finished = render_mod.render(dot, "svg", engine)
    assert finished == finish(raw)
    assert b'font-weight="bold"' in finished and b'id="legend"' in finished
