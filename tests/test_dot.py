"""Graph → DOT: quoting that survives any text, and the styling rules."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import networkx as nx
import pydot
import pytest

import argmap
from argmap.export import theme
from argmap.export.dot import _legend_spec, export, quote, to_pydot, wrap
from argmap.graph import build, map_view
from argmap.render import render
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


# Drawing format v2 (issue 11): concedes, answers and questions, contradicts, linked premises,
# attacks on relations, inferred relations, stances, titles and --labels, --color-by strength.
# Each construct on a tiny literal graph with the attributes docs/format-v2.md and the graph
# contract give it: first the DOT, then the SVG the embedded Graphviz draws from it.

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


class G_:
    """A tiny v2 graph built directly with networkx, as graph.build() lays it out."""

    def __init__(self):
        self.G = nx.MultiDiGraph(maps={"m": {"sources": {}}}, map="m")

    def node(self, i, text="", kind="claim", by="Ann", **kw):
        stance = kw.get("stance", "own")
        holder = None if stance == "steelman" else kw.get("held_by") or by
        self.G.add_node(i, text=text or f"Text of {i}.", map="m", kind=kind, by=by, tags=(), stance=stance,
                        holder=holder, premises=tuple(kw.pop("premises", ())), **{k: v for k, v in kw.items() if k != "stance"})
        return self

    def edge(self, u, v, kind, inferred=False, note=None, attacked_by=()):
        self.G.add_edge(u, v, key=kind, kind=kind, inferred=inferred, note=note, attacked_by=tuple(attacked_by))
        return self


def pair(kind, **kw):
    return G_().node("a").node("b", kind="question" if kind == "answers" else "claim").edge("a", "b", kind, **kw).G


def dot_edges(G, s=None):
    return {e.get("id").strip('"'): e for e in to_pydot(G, s or Settings()).get_edges()}


def dot_nodes(G, s=None):
    return {n.get_name().strip('"'): n for n in to_pydot(G, s or Settings()).get_nodes() if n.get_name() not in ("node", "edge", "graph")}


def svg_root(G, s=None):
    return ET.fromstring(render(export(G, s or Settings()), "svg", "embedded"))


def groups(root, cls):
    return {g.get("id"): g for g in root.iter(f"{SVG}g") if (g.get("class") or "").split()[:1] == [cls]}


def tooltip(group):
    return next(a.get(f"{XLINK}title") for a in group.iter(f"{SVG}a") if a.get(f"{XLINK}title"))


def legend_words(root):
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend")
    return [t.text for t in legend.iter(f"{SVG}text")]


class TestConcedes:
    def test_dot(self):
        e = dot_edges(pair("concedes"))["edge-a-concedes-b"]
        assert (e.get("style"), e.get("color"), e.get("arrowhead")) == ('"dotted"', '"#757575"', '"odot"')
        assert e.get("label") is None  # label-free

    def test_svg(self):
        root = svg_root(pair("concedes"))
        (edge,) = groups(root, "edge").values()
        path = edge.find(f".//{SVG}path")
        assert path.get("stroke") == "#757575" and path.get("stroke-dasharray") == "1,5"
        head = edge.find(f".//{SVG}ellipse")  # the open dot
        assert head is not None and head.get("fill") == "none"
        assert "concedes" in legend_words(root)


class TestAnswersAndQuestions:
    def test_dot(self):
        G = pair("answers")
        e = dot_edges(G)["edge-a-answers-b"]
        assert (e.get("style"), e.get("color")) == ('"dashed"', '"#1565c0"')
        q = dot_nodes(G)["b"]
        assert q.get("shape") == '"note"' and q.get("label").startswith('"? Text of b.')
        assert dot_nodes(G)["a"].get("shape") is None

    def test_svg(self):
        root = svg_root(pair("answers"))
        nodes = groups(root, "node")
        q_texts = [t.text for t in nodes["node-b"].iter(f"{SVG}text")]
        assert q_texts[0].startswith("?")
        # a note: its outline plus the folded corner
        assert len(list(nodes["node-b"].iter(f"{SVG}polygon"))) + len(list(nodes["node-b"].iter(f"{SVG}polyline"))) >= 2
        (edge,) = groups(root, "edge").values()
        assert edge.find(f".//{SVG}path").get("stroke-dasharray") == "5,2"
        words = legend_words(root)
        assert "answers" in words and "? question" in words


class TestContradicts:
    def test_dot_one_edge_heads_at_both_ends(self):
        edges = dot_edges(pair("contradicts"))
        assert list(edges) == ["edge-a-contradicts-b"]
        e = edges["edge-a-contradicts-b"]
        assert (e.get("dir"), e.get("arrowtail"), e.get("arrowhead"), e.get("color")) == ('"both"', '"normal"', '"normal"', '"#c62828"')

    def test_svg_one_line_two_heads(self):
        root = svg_root(pair("contradicts"))
        (edge,) = groups(root, "edge").values()
        assert len(edge.findall(f".//{SVG}path")) == 1 and len(edge.findall(f".//{SVG}polygon")) == 2
        spec = next(i for i in _legend_items(pair("contradicts")) if i["label"] == "contradicts")
        assert spec["dir"] == "both"


def _legend_items(G, s=None):
    s = s or Settings()
    return _legend_spec(G, s, theme.fills(G.nodes(data=True), s.color_by)[1])["items"]


def premises_graph(n=2):
    b = G_().node("c").node("arg", kind="argument", premises=[f"p{i}" for i in range(n)])
    for i in range(n):
        b.node(f"p{i}").edge(f"p{i}", "arg", "premise")
    return b.edge("arg", "c", "supports").G


class TestPremises:
    def test_dot_linked_premises_meet_at_one_point(self):
        G = premises_graph(3)
        edges = dot_edges(G)
        into_join = [e for k, e in edges.items() if k.endswith("-premise-arg")]
        assert len(into_join) == 3
        assert all(e.get_destination() == '"argmap~join~arg"' and e.get("arrowhead") == '"none"' for e in into_join)
        assert edges["edge-premises-arg"].get_destination() == '"arg"'  # one arrow into the argument
        assert dot_nodes(G)["argmap~join~arg"].get("shape") == '"point"'

    def test_dot_a_single_premise_is_a_plain_arrow(self):
        edges = dot_edges(premises_graph(1))
        assert edges["edge-p0-premise-arg"].get_destination() == '"arg"'
        assert "edge-premises-arg" not in edges

    def test_svg(self):
        root = svg_root(premises_graph(2))
        edges = groups(root, "edge")
        assert sorted(edges) == ["edge-arg-supports-c", "edge-p0-premise-arg", "edge-p1-premise-arg", "edge-premises-arg"]
        assert not edges["edge-p0-premise-arg"].findall(f".//{SVG}polygon")  # no head before the join
        assert len(edges["edge-premises-arg"].findall(f".//{SVG}polygon")) == 1
        nodes = groups(root, "node")
        assert "join-arg" in nodes and "p0, p1" in tooltip(nodes["join-arg"])
        assert "linked premises meet" in legend_words(root)


def relation_attack_graph(kind="supports", by_kind="undercuts", inferred=False):
    attack = {"by": "u", "kind": by_kind, "inferred": inferred, "note": None}
    return (G_().node("a", kind="argument").node("b").node("u")
            .edge("a", "b", kind, attacked_by=[attack]).G)


class TestAttackOnRelation:
    def test_dot(self):
        G = relation_attack_graph()
        edges = dot_edges(G)
        point = '"argmap~relation~a->b~supports"'
        first, second = edges["edge-a-supports-b-1"], edges["edge-a-supports-b-2"]
        assert (first.get_source(), first.get_destination(), first.get("dir")) == ('"a"', point, '"none"')
        assert (second.get_source(), second.get_destination(), second.get("arrowhead")) == (point, '"b"', '"normal"')
        attacker = edges["edge-u-undercuts-a-supports-b"]
        assert (attacker.get_source(), attacker.get_destination(), attacker.get("arrowhead")) == ('"u"', point, '"tee"')
        assert "edge-a-supports-b" not in edges  # drawn once, through the point

    def test_dot_attacker_outside_the_view_leaves_a_plain_arrow(self):
        G = relation_attack_graph()
        G.remove_node("u")
        assert list(dot_edges(G)) == ["edge-a-supports-b"]

    def test_contradicts_keeps_both_heads_through_the_point(self):
        edges = dot_edges(relation_attack_graph("contradicts", "undercuts"))
        assert edges["edge-a-contradicts-b-1"].get("dir") == '"back"' and edges["edge-a-contradicts-b-1"].get("arrowtail") == '"normal"'
        assert edges["edge-a-contradicts-b-2"].get("arrowhead") == '"normal"' and edges["edge-a-contradicts-b-2"].get("dir") is None

    def test_svg_still_one_arrow(self):
        root = svg_root(relation_attack_graph())
        nodes, edges = groups(root, "node"), groups(root, "edge")
        assert len(nodes) == 4 and "relation-a-supports-b" in nodes
        assert sorted(edges) == ["edge-a-supports-b-1", "edge-a-supports-b-2", "edge-u-undercuts-a-supports-b"]
        heads = [len(edges[k].findall(f".//{SVG}polygon")) for k in ("edge-a-supports-b-1", "edge-a-supports-b-2")]
        assert heads == [0, 1]  # one arrow, its head at b
        # the two halves meet at the point, and the attacker ends there
        point = nodes["relation-a-supports-b"].find(f".//{SVG}ellipse")
        cx, cy = float(point.get("cx")), float(point.get("cy"))
        end = edges["edge-a-supports-b-1"].find(f".//{SVG}path").get("d").split()[-1].split("C")[-1]
        x, y = map(float, end.split(","))
        assert abs(x - cx) < 6 and abs(y - cy) < 6
        assert "undercuts by u" in tooltip(edges["edge-a-supports-b-2"])
        words = legend_words(root)
        assert "attacked relation" in words and "undercuts" in words and "supports" in words


class TestAttackOnAnAttackOnARelation:
    """``w`` undercuts u's undercut of a->b (``w->u->a->b``), and ``z`` attacks that (``z->w->u->a->b``): each
    objection that is objected to is drawn like an attacked relation, through a point of its own."""

    def graph(self):
        from literal import graph

        return graph("""
            nodes:
              - {id: a, kind: argument, text: A., supports: [b]}
              - {id: b, text: B.}
              - {id: u, text: U., undercuts: [a->b]}
              - {id: w, text: W., undercuts: [u->a->b]}
              - {id: z, text: Z., attacks: [w->u->a->b]}
            """)

    def test_dot(self):
        edges = dot_edges(self.graph())
        p1 = '"argmap~relation~a->b~supports"'
        p2 = '"argmap~relation~u->a->b~undercuts~supports"'
        p3 = '"argmap~relation~w->u->a->b~undercuts~undercuts~supports"'
        u1, u2 = edges["edge-u-undercuts-a-supports-b-1"], edges["edge-u-undercuts-a-supports-b-2"]
        assert (u1.get_source(), u1.get_destination(), u1.get("dir"), u1.get("arrowhead")) == ('"u"', p2, '"none"', None)
        assert (u2.get_source(), u2.get_destination(), u2.get("arrowhead")) == (p2, p1, '"tee"')
        w1, w2 = edges["edge-w-undercuts-u-undercuts-a-supports-b-1"], edges["edge-w-undercuts-u-undercuts-a-supports-b-2"]
        assert (w1.get_source(), w1.get_destination(), w2.get_source(), w2.get_destination()) == ('"w"', p3, p3, p2)
        z = edges["edge-z-attacks-w-undercuts-u-undercuts-a-supports-b"]
        assert (z.get_source(), z.get_destination(), z.get("arrowhead")) == ('"z"', p3, '"normal"')
        assert "edge-u-undercuts-a-supports-b" not in edges and "edge-w-undercuts-u-undercuts-a-supports-b" not in edges

    @pytest.mark.parametrize("engine", [pytest.param("system", marks=pytest.mark.external("dot")), "embedded"])
    def test_svg_each_arrow_ends_at_the_point_of_the_arrow_it_attacks(self, engine):
        root = ET.fromstring(render(export(self.graph(), Settings()), "svg", engine))
        nodes, edges = groups(root, "node"), groups(root, "edge")
        for point, arrow in (("relation-u-undercuts-a-supports-b", "edge-u-undercuts-a-supports-b-1"),
                             ("relation-w-undercuts-u-undercuts-a-supports-b", "edge-w-undercuts-u-undercuts-a-supports-b-1"),
                             ("relation-a-supports-b", "edge-u-undercuts-a-supports-b-2"),
                             ("relation-u-undercuts-a-supports-b", "edge-w-undercuts-u-undercuts-a-supports-b-2"),
                             ("relation-w-undercuts-u-undercuts-a-supports-b", "edge-z-attacks-w-undercuts-u-undercuts-a-supports-b")):
            ellipse = nodes[point].find(f".//{SVG}ellipse")
            cx, cy = float(ellipse.get("cx")), float(ellipse.get("cy"))
            path = edges[arrow].find(f".//{SVG}path").get("d").split()[-1].split("C")[-1]
            x, y = map(float, path.split(","))
            heads = edges[arrow].findall(f".//{SVG}polygon")
            # a headless half ends on the point; a half with a head stops short of it, by the head's length
            assert abs(x - cx) < (6 if not heads else 16) and abs(y - cy) < (6 if not heads else 16), (point, arrow)
        assert len([n for n in nodes if n.startswith("relation-")]) == 3
        assert "the relation w undercuts (the relation u undercuts (the relation a supports b))" in tooltip(
            edges["edge-z-attacks-w-undercuts-u-undercuts-a-supports-b"])


class TestInferred:
    def test_dot_dotted_in_its_colour(self):
        e = dot_edges(pair("attacks", inferred=True, note="read between the lines"))["edge-a-attacks-b"]
        assert (e.get("style"), e.get("color")) == ('"dotted"', '"#c62828"')
        assert "inferred" in e.get("tooltip") and "read between the lines" in e.get("tooltip")
        plain = dot_edges(pair("attacks"))["edge-a-attacks-b"]
        assert plain.get("style") == '"solid"' and "inferred" not in plain.get("tooltip")

    def test_svg(self):
        root = svg_root(pair("supports", inferred=True))
        (edge,) = groups(root, "edge").values()
        path = edge.find(f".//{SVG}path")
        assert path.get("stroke") == "#2e7d32" and path.get("stroke-dasharray") == "1,5"
        assert "inferred" in tooltip(edge)
        assert "inferred (dotted)" in legend_words(root)
        assert "inferred (dotted)" not in legend_words(svg_root(pair("supports")))


def stance_graph():
    return (G_().node("own", by="Ann").node("r", by="Bob", held_by="Carl", stance="restates")
            .node("p", by="Bob", held_by="Dee", stance="reports").node("s", by="Eve", held_by="Ann", stance="steelman")
            .edge("r", "own", "attacks").edge("s", "own", "supports").edge("p", "own", "attacks").G)


class TestStance:
    def test_dot_dashed_and_says_whose(self):
        nodes = dot_nodes(stance_graph())
        assert "dashed" in nodes["r"].get("style") and nodes["own"].get("style") is None
        assert nodes["r"].get("label") == '"Text of r.\\n— Carl\\n(restated by Bob)"'
        assert nodes["p"].get("label").endswith('(reported by Bob)"')
        assert nodes["s"].get("label") == '"Text of s.\\n(steelman by Eve for Ann)"'

    def test_fill_by_holder(self):
        G = stance_graph()
        fill, swatches = theme.fills(G.nodes(data=True), "author")
        assert fill["r"] == theme.stable_colors(["Carl", "Ann", "Dee"])["Carl"]  # Carl's view, whoever wrote it down
        assert fill["s"] == "#f5f5f5" and swatches[-1] == ("no holder (steelman)", "#f5f5f5")
        assert "Bob" not in [name for name, _ in swatches] and "Eve" not in [name for name, _ in swatches]

    def test_svg(self):
        root = svg_root(stance_graph())
        nodes = groups(root, "node")
        box = nodes["node-r"].find(f".//{SVG}path")
        assert box.get("stroke-dasharray") == "5,2"
        assert [t.text for t in nodes["node-r"].iter(f"{SVG}text")][-1] == "(restated by Bob)"
        assert "restated by Bob (held by Carl)" in tooltip(nodes["node-r"])
        assert any(w.startswith("restated / reported / steelman") for w in legend_words(root))


class TestWordings:
    """One claim said several times (``wordings:``): one box, a short line saying so, every wording in its tooltip."""

    @pytest.fixture
    def G(self):
        from argmap import load
        from argmap.graph import build

        return build(load(ROOT / "tests" / "data" / "wordings"))

    def test_one_box_with_a_count_and_who_else(self, G):
        nodes = dot_nodes(G)
        assert len(nodes) == 3  # the three wordings of free-parking-costs are one node
        assert nodes["free-parking-costs"].get("label").endswith('— Dana Shoup\\n+2 wordings (also Luis Rivera)"')
        assert "wording" not in nodes["cap-parking"].get("label")

    def test_one_wording_by_the_same_writer_names_nobody_else(self):
        G = G_().node("a", wordings=({"text": "A again.", "by": None, "quote": None, "source": None},)).G
        assert dot_nodes(G)["a"].get("label") == '"Text of a.\\n— Ann\\n+1 wording"'

    def test_many_other_authors_are_counted_not_all_named(self):
        ws = tuple({"text": f"A by {who}.", "by": who, "quote": None, "source": None} for who in ("Bo", "Cy", "Di", "Ed"))
        G = G_().node("a", wordings=ws).G
        assert dot_nodes(G)["a"].get("label").endswith('+4 wordings (also Bo, Cy and 2\\nmore)"')

    def test_svg_tooltip_gives_each_wording_with_its_quote_and_source(self, G):
        root = svg_root(G)
        node = groups(root, "node")["node-free-parking-costs"]
        assert [t.text for t in node.iter(f"{SVG}text")][-1] == "+2 wordings (also Luis Rivera)"
        tip = tooltip(node).split("\n")
        assert ("also worded: Shoppers who walk pay for the parking of those who drive. “the people who walk to my shop "
                "pay for the cars” — Luis Rivera, Council minutes, 12 March, 2024-03-12") in tip


class TestLabels:
    @pytest.fixture
    def G(self):
        return G_().node("a", text="The long body text of a.", title="Short title").node("b").edge("b", "a", "supports").G

    @pytest.mark.parametrize(
        "mode, label, bold",
        [("both", "Short title\\nThe long body text of a.\\n— Ann", 1), ("title", "Short title\\n— Ann", 1), ("text", "The long body text of a.\\n— Ann", 0)],
    )
    def test_dot(self, G, mode, label, bold):
        node = dot_nodes(G, Settings(labels=mode))["a"]
        assert node.get("label") == f'"{label}"'
        assert node.get("class") == (f'"argmap_title_{bold}"' if bold else None)
        assert "The long body text of a." in node.get("tooltip")  # the full text is always in the tooltip

    def test_svg_title_only(self, G):
        root = svg_root(G, Settings(labels="title"))
        node = groups(root, "node")["node-a"]
        texts = list(node.iter(f"{SVG}text"))
        assert [t.text for t in texts] == ["Short title", "— Ann"] and texts[0].get("font-weight") == "bold"
        assert tooltip(node).startswith("Short title\nThe long body text of a.")


class TestStrength:
    def test_registered(self):
        assert "strength" in theme.COLORINGS
        assert Settings(color_by="strength").color_by == "strength"

    def test_sequential_fill(self):
        G = G_().node("w", strength=0.1).node("s", strength=0.9).node("q", kind="question").edge("w", "s", "attacks").G
        fill, swatches = theme.fills(G.nodes(data=True), "strength")
        lum = lambda c: sum(int(c[i : i + 2], 16) for i in (1, 3, 5))
        assert lum(fill["w"]) > lum(fill["s"])  # weaker is lighter
        assert fill["q"] == "#f5f5f5" and swatches[-1] == ("no strength (question)", "#f5f5f5")

    def test_svg_legend_shows_the_scale(self):
        G = G_().node("w", strength=0.0).node("s", strength=1.0).edge("w", "s", "attacks").G
        root = svg_root(G, Settings(color_by="strength"))
        nodes = groups(root, "node")
        assert nodes["node-s"].find(f".//{SVG}path").get("fill") == theme.strength_color(1.0)
        assert "strength: 1.00" in tooltip(nodes["node-s"])
        words = legend_words(root)
        assert "strength 0 (light) to 1 (green)" in words and not any(w.startswith("strength 0.") for w in words)
        legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend")
        fills = [r.get("fill") for r in legend.iter(f"{SVG}rect")]
        assert theme.strength_color(0.0) in fills and theme.strength_color(1.0) in fills


def test_legend_lists_exactly_what_is_drawn():
    plain = G_().node("a").node("b").edge("a", "b", "supports").G
    labels = [i["label"] for i in _legend_items(plain)]
    assert labels == ["supports", "Ann"]
    everything = [i["label"] for i in _legend_items(relation_attack_graph(inferred=True))]
    assert everything[:4] == ["supports", "undercuts", "inferred (dotted)", "attacked relation"]


def test_nasty_v2_text_is_drawn_as_written():
    nasty = 'Tom &amp; "Jerry" \\N <b>'
    G = (G_().node("a", title=nasty, by=nasty).node("r", by=nasty, held_by=nasty, stance="restates")
         .edge("r", "a", "attacks", inferred=True, note=nasty).G)
    root = svg_root(G)
    nodes, edges = groups(root, "node"), groups(root, "edge")
    texts = [t.text for t in nodes["node-r"].iter(f"{SVG}text")]
    assert "".join(texts).replace(" ", "").replace("\xa0", "") == f"Textofr.— {nasty}(restatedby{nasty})".replace(" ", "")
    assert f"note: {nasty}" in tooltip(edges["edge-r-attacks-a"])
    assert tooltip(nodes["node-a"]).startswith(nasty + "\n")


def test_same_graph_same_bytes():
    assert export(relation_attack_graph()) == export(relation_attack_graph())
    assert render(export(premises_graph(3)), "svg", "embedded") == render(export(premises_graph(3)), "svg", "embedded")


def test_questions_are_not_filled_as_a_status():
    G = pair("answers")
    G.nodes["a"]["status"] = "IN"  # the analysis sets no status on a question
    fill, swatches = theme.fills(G.nodes(data=True), "status")
    assert fill["a"] == theme.STATUS_FILL["IN"][0] and fill["b"] == "#f5f5f5"
    assert swatches[-1] == ("question (not evaluated)", "#f5f5f5")


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
