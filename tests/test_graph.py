"""Model → networkx graph, and its views."""

from __future__ import annotations

import textwrap

import pytest

import argmap
from argmap.graph import build, filter_nodes, focus, map_view, split

from literal import graph


@pytest.fixture
def G(data_dir):
    return build(argmap.load(data_dir / "small"))


class TestBuild:
    def test_nodes_and_edges(self, G):
        assert G.number_of_nodes() == 6
        assert sorted(G.edges(keys=True)) == [
            ("docs-missing", "ship-it", "attacks"),
            ("docs-written", "docs-missing", "attacks"),
            ("tests-miss-load", "tests-prove-quality", "undercuts"),
            ("tests-pass", "ship-it", "supports"),
            ("tests-prove-quality", "ship-it", "supports"),
        ]

    def test_attributes_carry_what_exporters_need(self, G):
        d = G.nodes["ship-it"]
        assert d["text"] == "We should ship the release this week."
        assert d["by"] == "Ann Author" and d["map"] == "debate" and d["line"] == 12
        assert d["source"]["url"] == "https://example.org/memo"
        assert G.graph["maps"]["followup"]["title"] == "Follow-up"


class TestViews:
    def test_map_view_marks_other_maps_as_ghosts(self, G):
        H = map_view(G, "followup")
        assert set(H) == {"docs-written", "docs-missing"}
        assert H.nodes["docs-missing"].get("ghost") is True
        assert not H.nodes["docs-written"].get("ghost")
        assert G.nodes["docs-missing"].get("ghost") is None  # the original is untouched

    def test_map_view_drops_edges_between_ghosts(self, G):
        H = map_view(G, "followup")
        assert list(H.edges(keys=True)) == [("docs-written", "docs-missing", "attacks")]

    def test_focus_depth(self, G):
        assert set(focus(G, "docs-missing", 1)) == {"docs-missing", "ship-it", "docs-written"}
        assert set(focus(G, "docs-written", 0)) == {"docs-written"}
        with pytest.raises(KeyError):
            focus(G, "nope")

    def test_filter_by_tag_and_author(self, G):
        assert set(filter_nodes(G, tags=["quality"])) == {"tests-pass", "tests-miss-load"}
        assert set(filter_nodes(G, authors=["bob critic"])) == {"tests-miss-load", "docs-missing"}
        assert set(filter_nodes(G, tags=["quality"], authors=["Bob Critic"])) == {"tests-miss-load"}


class TestSplit:
    def _chain_star(self):
        import networkx as nx

        G = nx.MultiDiGraph()
        G.graph["maps"] = {"m": {"title": "m"}}
        for i in range(10):  # ten replies to the root, each with two replies of its own
            G.add_edge(f"r{i}", "root", key="attacks")
            G.add_edge(f"r{i}a", f"r{i}", key="supports")
            G.add_edge(f"r{i}b", f"r{i}", key="attacks")
        return G

    def test_every_node_is_drawn_in_some_part_and_parts_stay_small(self):
        G = self._chain_star()
        parts = split(G, max_nodes=8)
        drawn = set().union(*(set(H) for _, H in parts))
        assert drawn == set(G)
        assert parts[0][0] == "root"
        for root, H in parts:
            own = [n for n, d in H.nodes(data=True) if not d.get("ghost")]
            assert len(own) <= 8  # the root's ten replies are dealt over two parts
        continued = [n for _, H in parts for n, d in H.nodes(data=True) if d.get("continued")]
        assert continued and all(any(r == c for r, _ in parts) for c in continued)

    def test_a_root_with_more_replies_than_fit_is_dealt_over_pages_in_order(self):
        import networkx as nx

        G = nx.MultiDiGraph()
        G.graph["maps"] = {"m": {"title": "m"}}
        G.add_node("hub")
        for i in range(40):
            G.add_edge(f"r{i:02}", "hub", key="attacks")
        G.add_edge("deep", "r35", key="supports")  # a reply on a later page has a reply of its own
        parts = split(G, max_nodes=16)
        assert [name for name, _ in parts] == ["hub", "hub~2", "hub~3"]
        pages = [H.graph.get("page") for _, H in parts]
        assert pages == [(1, 15, 40), (16, 30, 40), (31, 40, 40)]
        assert sorted(n for n in parts[1][1] if n != "hub") == [f"r{i:02}" for i in range(15, 30)]
        assert "deep" in parts[2][1]  # drawn with its parent, on the parent's page
        assert set().union(*(set(H) for _, H in parts)) == set(G)
        assert all(len(H) <= 16 for _, H in parts)
        # the hub on a later page says its replies go on elsewhere; on its own first page it does not
        assert parts[1][1].nodes["hub"].get("continued") and not parts[0][1].nodes["hub"].get("continued")

    def test_a_debate_with_no_conclusion_is_drawn_too(self):
        import networkx as nx

        G = nx.MultiDiGraph()
        G.graph["maps"] = {"m": {"title": "m"}}
        for i in range(40):  # a ring of attacks: every node answers another, none is a conclusion
            G.add_edge(f"r{i}", f"r{(i + 1) % 40}", key="attacks")
        G.add_edge("x", "y", key="attacks")  # and two claims that answer each other: no conclusion either
        G.add_edge("y", "x", key="attacks")
        parts = split(G, max_nodes=16)
        assert parts and parts[0][0] == "r0"
        assert set().union(*(set(H) for _, H in parts)) == set(G)

    def test_pages_keep_a_split_linear_on_a_star(self):
        import networkx as nx

        def star(n):
            G = nx.MultiDiGraph()
            G.graph["maps"] = {"m": {"title": "m"}}
            G.add_edges_from((f"r{i}", "hub", "attacks") for i in range(n))
            return G

        sizes = {n: len(split(star(n), max_nodes=16)) for n in (150, 1500)}
        assert sizes == {150: 10, 1500: 100}  # n / 15 parts of 16 nodes: no part grows with n

    def test_small_map_is_one_part(self, G):
        parts = split(map_view(G, "debate"), max_nodes=20)
        assert [r for r, _ in parts] == ["ship-it"]


# Objections to links stay with the link they object to, in every view.


def test_views_keep_the_attackers_of_an_attacked_edge():
    G = graph(
        "nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks: [a]\n",
        "nodes:\n  - id: c\n    text: Irrelevant.\n    attacks: [b->a]\n",
    )
    H = map_view(G, "m0")
    assert H.nodes["c"].get("ghost") and H.edges["b", "a", "attacks"]["attacked_by"][0]["by"] == "c"
    H = map_view(G, "m1")  # the objection's map keeps the edge it objects to
    assert H.has_edge("b", "a", "attacks") and H.nodes["a"].get("ghost")
    assert "c" in focus(G, "a", depth=1)


_LINK_MAP = """\
map: m
title: M
nodes:
  - id: thesis
    text: The thesis.
  - id: survey
    text: A survey says so.
    supports: [thesis]
  - id: other
    text: Another reason.
    supports: [thesis]
  - id: bias
    text: The survey is biased, so it does not show the thesis.
    attacks: [survey->thesis]
"""


def _graph(tmp_path, text=_LINK_MAP):
    (tmp_path / "m.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return build(argmap.load(tmp_path))


def test_focus_on_an_objection_to_a_link_draws_the_link(tmp_path):
    # `render --focus bias --depth 1` drew 'bias' alone (1 node, 0 relations): the attacked link was not reached
    H = focus(_graph(tmp_path), "bias", depth=1)
    assert set(H) == {"bias", "survey", "thesis"}
    assert [a["by"] for a in H.edges["survey", "thesis", "supports"]["attacked_by"]] == ["bias"]


def test_an_objection_to_a_link_is_drawn_in_the_part_that_draws_the_link(tmp_path):
    # split() made 'bias' a conclusion of its own: a one-box part with no link, and the HTML map's
    # deep link to it showed a lonely box
    parts = dict(split(_graph(tmp_path)))
    assert list(parts) == ["thesis"]
    H = parts["thesis"]
    assert set(H) == {"thesis", "survey", "other", "bias"}
    assert [a["by"] for a in H.edges["survey", "thesis", "supports"]["attacked_by"]] == ["bias"]


def test_a_part_keeps_only_the_objections_it_draws(tmp_path):
    many = "".join(f"  - id: r{i}\n    text: Reason {i}.\n    supports: [survey]\n" for i in range(16))
    G = _graph(tmp_path, _LINK_MAP + many)
    for _root, H in split(G, max_nodes=5):
        for u, v, k, d in H.edges(keys=True, data=True):
            assert all(a["by"] in H for a in d.get("attacked_by") or ()), (u, v, k)
