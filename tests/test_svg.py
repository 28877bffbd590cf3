"""The SVG as argmap finishes it: bold titles, a legend block under the drawing, links between
parts and maps, a size that follows the column (issue 12, item 4)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import argmap
from argmap.export.dot import export
from argmap.graph import build, map_view
from argmap.pipeline import build_folder
from argmap.render import render
from argmap.settings import Settings

from conftest import ARGUMENTS, needs_system_dot

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
ENGINES = ["embedded", pytest.param("system", marks=needs_system_dot())]


def _svg(G, engine="embedded", settings=None):
    return ET.fromstring(render(export(G, settings or Settings()), "svg", engine))


def _node(root, node_id):
    return next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"node-{node_id}")


@pytest.mark.parametrize("engine", ENGINES)
def test_title_is_drawn_bold_above_the_text(engine, data_dir):
    G = build(argmap.load(data_dir / "small"))
    G.nodes["ship-it"]["title"] = "Ship it this week, whatever the docs say"
    root = _svg(G, engine)
    texts = list(_node(root, "ship-it").iter(f"{SVG}text"))
    bold = [t.text for t in texts if t.get("font-weight") == "bold"]
    assert " ".join(bold) == "Ship it this week, whatever the docs say"  # two wrapped lines, both bold
    assert texts[0].get("font-weight") == "bold" and texts[len(bold)].get("font-weight") is None
    assert not any(t.get("font-weight") for t in _node(root, "tests-pass").iter(f"{SVG}text"))


def _legend(root):
    return next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend")


@pytest.mark.parametrize("engine", ENGINES)
def test_legend_is_a_small_block_under_the_drawing(engine, data_dir):
    G = map_view(build(argmap.load(data_dir / "small")), "debate")
    bare = _svg(G, engine, Settings(legend=False))
    root = _svg(G, engine)
    _, _, w0, h0 = map(float, bare.get("viewBox").split())
    _, _, w1, h1 = map(float, root.get("viewBox").split())
    assert w1 == w0  # never wider
    assert 0 < h1 - h0 <= 3 * 18 + 20  # at most three short rows
    legend = _legend(root)
    words = [t.text for t in legend.iter(f"{SVG}text")]
    assert words == ["supports", "attacks", "undercuts", "argument", "[other map]", "Ann Author", "Bob Critic"]
    # the legend is below everything Graphviz drew
    y = float(re.search(r"translate\([0-9.\-]+ ([0-9.\-]+)\)", legend.get("transform")).group(1))
    assert y == pytest.approx(h0, abs=0.01)


def test_legend_arrows_end_before_their_names(data_dir):
    root = _svg(build(argmap.load(data_dir / "small")))
    legend = _legend(root)
    children = list(legend)
    for i, t in enumerate(children):
        if t.tag == f"{SVG}text" and t.text in ("supports", "attacks", "undercuts"):
            x_text = float(t.get("x"))
            marks = children[i - 3 : i]  # dot, line, head
            xs = [float(v) for m in marks for v in re.findall(r"-?[0-9]+\.[0-9]+", m.get("d") or m.get("points") or "")[::2]]
            assert xs and max(xs) < x_text, (t.text, xs, x_text)


def test_legend_in_a_narrow_drawing_wraps_and_adds_only_its_block():
    from argmap.model import Map, Node, Project, Relation

    nodes = (
        Node("a", "A.", "m", by="Somebody With A Long Name"),
        Node("b", "B.", "m", by="Another Long Author Name", relations=(Relation("attacks", "b", "a"),)),
        Node("c", "C.", "m", kind="argument", by="Third", relations=(Relation("supports", "c", "a"), Relation("undercuts", "c", "b"))),
    )
    G = build(Project((Map("m", "m.yaml", nodes=nodes),)))
    root = _svg(G)
    width = float(root.get("viewBox").split()[2])
    for t in _legend(root).iter(f"{SVG}text"):
        assert float(t.get("x")) < width
    assert len({t.get("y") for t in _legend(root).iter(f"{SVG}text")}) >= 2  # wrapped into rows


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("maps")
    list(build_folder(ARGUMENTS, out, "svg", Settings(engine="embedded"), parts=16))
    return out


@pytest.mark.slow
def test_parts_and_ghosts_link_to_each_other(built):
    links = 0
    for path in sorted(built.rglob("*.svg")):
        root = ET.fromstring(path.read_bytes())
        for g in root.iter(f"{SVG}g"):
            if g.get("class", "").startswith("node") and g.get("id", "").startswith("node-"):
                texts = " ".join(t.text or "" for t in g.iter(f"{SVG}text"))
                hrefs = [a.get(f"{XLINK}href") for a in g.iter(f"{SVG}a") if a.get(f"{XLINK}href")]
                local = [h for h in hrefs if "://" not in h]
                if "[replies: see its own part]" in texts or texts.startswith("["):
                    assert local, f"{path.name}: {texts[:60]!r} links nowhere"
                for href in local:
                    links += 1
                    assert (path.parent / href).is_file(), f"{path.relative_to(built)} → {href}"
    assert links > 50


def test_ghost_in_a_part_opens_the_other_map(built):
    part = next(p for p in sorted(built.glob("*/*.svg")) if b'href="../' in p.read_bytes())
    href = re.search(rb'xlink:href="(\.\./[^"]+)"', part.read_bytes()).group(1).decode()
    assert (part.parent / href).resolve().parent == built.resolve()


@pytest.mark.slow
def test_build_output_is_byte_identical_across_runs(built, tmp_path):
    list(build_folder(ARGUMENTS, tmp_path, "svg", Settings(engine="embedded"), parts=16))
    for path in sorted(built.rglob("*.svg")):
        assert (tmp_path / path.relative_to(built)).read_bytes() == path.read_bytes(), path


@pytest.mark.slow
@needs_system_dot()
def test_png_from_system_dot_keeps_the_legend(data_dir):
    import io

    from PIL import Image

    G = build(argmap.load(data_dir / "small"))
    with_legend = Image.open(io.BytesIO(render(export(G), "png", "system"))).size
    without = Image.open(io.BytesIO(render(export(G, Settings(legend=False)), "png", "system"))).size
    assert with_legend[0] == without[0] and with_legend[1] > without[1]


def test_links_follow_one_rule_in_the_inline_svg_and_the_page():
    """A link that is not http(s), mailto or #: removed wherever the SVG is shown in HTML."""
    from argmap.svgfinish import for_page, inline_svg

    svg = (b'<?xml version="1.0"?>\n<svg width="20pt" height="10pt" viewBox="0 0 20 10">\n'
           b'<g id="a_node1"><a xlink:href="javascript:alert(1)" xlink:title="t">\n<text>x</text>\n</a>\n</g>\n'
           b'<a xlink:href="javascript:alert(2)"><text>y</text></a>\n'
           b'<a xlink:href="https://example.org/"><text>z</text></a>\n</svg>\n')
    for shown in (inline_svg(svg), for_page(svg)):
        assert "javascript:" not in shown
        assert 'xlink:href="https://example.org/"' in shown
