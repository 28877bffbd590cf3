"""Graph → DOT: quoting that survives any text, and the styling rules."""

from __future__ import annotations

import pydot
import pytest

import argmap
from argmap.export.dot import export, quote, to_pydot, wrap
from argmap.graph import build, map_view
from argmap.settings import Settings

NASTY = [
    'say "hi"',
    "back\\slash",
    'ends with backslash\\',
    '"fully quoted"',
    "<b>html</b>",
    "a & b",
    "{record|like}",
    "line one\nline two",
    "emoji 🙂 and שלום RTL",
    "\\n is not a newline here",
    "semi; colon: = sign",
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('say "hi"', '"say \\"hi\\""'),
        ("back\\slash", '"back\\\\slash"'),
        ('"fully quoted"', '"\\"fully quoted\\""'),
        ("two\nlines", '"two\\nlines"'),
        ("<b>", '"<b>"'),
    ],
)
def test_quote_table(text, expected):
    assert quote(text) == expected


def test_wrap_splits_long_words():
    lines = wrap("a " + "x" * 40, 20).split("\n")
    assert all(len(line) <= 20 for line in lines) and "".join(lines).replace(" ", "") == "a" + "x" * 40


class TestStyle:
    @pytest.fixture
    def dot(self, data_dir):
        G = map_view(build(argmap.load(data_dir / "small")), "debate")
        return to_pydot(G, Settings())

    def test_conclusions_on_top(self, dot):
        assert dot.get("rankdir") == "BT"
        assert dot.get("size") is None  # never shrunk to a page

    def test_edge_colours_by_relation(self, dot):
        edges = {(e.get_source(), e.get_destination()): e for e in dot.get_edges()}
        assert edges[('"tests-pass"', '"ship-it"')].get("color") == '"#2e7d32"'
        assert edges[('"docs-missing"', '"ship-it"')].get("color") == '"#c62828"'
        assert edges[('"tests-miss-load"', '"tests-prove-quality"')].get("style") == '"dashed"'

    def test_tooltip_and_link(self, dot):
        node = dot.get_node('"ship-it"')[0]
        assert "we should ship this week" in node.get("tooltip")
        assert "Release memo" in node.get("tooltip")
        assert node.get("URL") == '"https://example.org/memo"'

    def test_ghost_is_dashed_and_labelled_with_its_map(self, data_dir):
        G = map_view(build(argmap.load(data_dir / "small")), "followup")
        node = to_pydot(G).get_node('"docs-missing"')[0]
        assert "dashed" in node.get("style") and node.get("label").startswith('"[debate]')

    def test_legend_lists_relations_and_authors(self, data_dir):
        from argmap.export.dot import _legend_spec
        from argmap.export.theme import fills

        G = map_view(build(argmap.load(data_dir / "small")), "debate")
        spec = _legend_spec(G, Settings(), fills(G.nodes(data=True), "author")[1])
        labels = [(i["type"], i["label"]) for i in spec["items"]]
        assert labels == [
            ("relation", "supports"),
            ("relation", "attacks"),
            ("relation", "undercuts"),
            ("shape", "argument"),  # the sharp-cornered box is explained
            ("shape", "[other map]"),
            ("swatch", "Ann Author"),
            ("swatch", "Bob Critic"),
        ]
        assert "cluster_legend" not in to_pydot(G).to_string()  # no longer a Graphviz cluster

    def test_legend_explains_only_what_is_drawn(self, data_dir):
        from argmap.export.dot import _legend_spec
        from argmap.export.theme import fills

        G = build(argmap.load(data_dir / "small"))
        G.remove_nodes_from(["tests-miss-load", "docs-missing", "docs-written"])  # no attack, no undercut left
        spec = _legend_spec(G, Settings(color_by="none"), fills(G.nodes(data=True), "none")[1])
        assert [i["label"] for i in spec["items"]] == ["supports", "claim", "argument"]

    def test_color_by_tag(self, data_dir):
        from argmap.export.theme import fills

        G = build(argmap.load(data_dir / "small"))
        fill, swatches = fills(G.nodes(data=True), "tag")
        assert fill["ship-it"] != fill["tests-miss-load"]  # release vs quality
        assert fill["tests-pass"] == fill["ship-it"]  # first tag: release
        assert fill["docs-missing"] == "#f5f5f5" and swatches[-1] == ("no tag", "#f5f5f5")
        assert [name for name, _ in swatches] == ["quality", "release", "no tag"]
        dot = to_pydot(G, Settings(color_by="tag"))
        assert dot.get_node('"ship-it"')[0].get("fillcolor") == f'"{fill["ship-it"]}"'

    def test_title_lines_are_marked_bold(self, data_dir):
        G = build(argmap.load(data_dir / "small"))
        G.nodes["ship-it"]["title"] = "Ship it now"
        node = to_pydot(G).get_node('"ship-it"')[0]
        assert node.get("class") == '"argmap_title_1"'
        assert node.get("label").startswith('"Ship it now\\nWe should ship')
        only = to_pydot(G, Settings().replace(extra={})).get_node('"tests-pass"')[0]
        assert only.get("class") is None  # no title, nothing bold

    def test_color_by_kind_and_no_legend(self, data_dir):
        G = build(argmap.load(data_dir / "small"))
        text = export(G, Settings(color_by="kind", legend=False))
        assert "cluster_legend" not in text and "#fff8e1" in text

    def test_author_colours_are_stable_when_a_map_grows(self, data_dir):
        from argmap.export.theme import author_colors

        two = author_colors(["Ann Author", "Bob Critic"])
        three = author_colors(["Ann Author", "Bob Critic", "Cy Writer"])
        assert two["Ann Author"] == three["Ann Author"]

    def test_same_input_same_dot(self, data_dir):
        G1 = build(argmap.load(data_dir / "small"))
        G2 = build(argmap.load(data_dir / "small"))
        assert export(G1) == export(G2)


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402

from conftest import ROOT  # noqa: E402


@hsettings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab cd-é\u00a0\t\n.")), max_size=80), st.integers(1, 40))
def test_wrap_is_textwrap(text, width):
    """The fast path of wrap() fills lines exactly as textwrap does, on any text."""
    import textwrap

    expected = "\n".join(textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""])
    assert wrap(text, width) == expected


def test_wrap_is_textwrap_on_the_maps():
    import textwrap

    G = build(argmap.load(ROOT / "arguments"))
    for _, d in G.nodes(data=True):
        for width in (12, 26, 30):
            expected = "\n".join(textwrap.wrap(d["text"], width=width, break_on_hyphens=False) or [""])
            assert wrap(d["text"], width) == expected
