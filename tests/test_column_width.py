"""Issue 12 item 4: a small map of one's own with many replies to one node is still readable
at column width (``render`` draws it sideways, as ``build --parts`` draws its parts)."""

from __future__ import annotations

import re

import pytest

from argmap.export.dot import export, to_pydot
from argmap.graph import build
from argmap.model import Map, Node, Project, Relation
from argmap.render import render
from argmap.settings import Settings

pytestmark = pytest.mark.slow  # see CONTRIBUTING.md: left out by `make quick`

#: A blog column, in px (Graphviz's pt are 4/3 px).
COLUMN_PX = 700


def scale(width: float) -> float:
    """How large the text is drawn in the column, against its natural size (11 pt)."""
    return min(1.0, COLUMN_PX / (width * 4 / 3))


def fan_map(replies=12, chain=0):
    nodes = [Node("root", "We should pause frontier training runs until evaluations catch up.", "m", by="Ann")]
    for i in range(replies):
        kind = "supports" if i % 3 == 0 else "attacks"
        nodes.append(Node(f"r{i}", f"Reply number {i} makes a point of ordinary length here.", "m", by="Bob",
                          relations=(Relation(kind, f"r{i}", "root"),)))
    above = "root"
    for i in range(chain):  # a chain of replies above the root: a deep map
        nodes.append(Node(f"c{i}", f"Step {i} of a long chain.", "m", by="Cy", relations=(Relation("supports", above, f"c{i}"),)))
        above = f"c{i}"
    nodes.append(Node("other", "Evaluations are improving quickly enough already.", "m", by="Dee",
                      relations=(Relation("attacks", "other", "r0"),)))
    return build(Project((Map("m", "m.yaml", nodes=tuple(nodes)),)))


def width_pt(G, settings=None) -> float:
    svg = render(export(G, settings or Settings()), "svg", "embedded")
    return float(re.search(rb'viewBox="[0-9.\-]+ [0-9.\-]+ ([0-9.]+) ', svg).group(1))


def test_fourteen_nodes_with_twelve_replies_fit_a_column():
    G = fan_map()
    assert G.number_of_nodes() == 14
    assert to_pydot(G).get("rankdir") == "RL"  # sideways: the replies stack in a column
    assert scale(width_pt(G)) >= 0.85  # three boxes wide (a reply to a reply): about 13 px text
    assert scale(width_pt(G, Settings(stagger=0))) < 0.3  # bottom-up: a row of thirteen boxes


def test_a_deep_map_or_a_small_fan_keeps_its_direction():
    assert to_pydot(fan_map(replies=4)).get("rankdir") == "BT"  # no more replies than stagger
    assert to_pydot(fan_map(replies=6, chain=8)).get("rankdir") == "BT"  # sideways would be wider
    assert to_pydot(fan_map(), Settings(rankdir="TB")).get("rankdir") == "TB"  # another direction is kept
    assert to_pydot(fan_map(), Settings(stagger=0)).get("rankdir") == "BT"  # stagger = 0: as rankdir says


# -- issue 22 item 1: every part `build --parts` wrote in maps/ reads in a 720 px column -----------
BLOG_COLUMN_PX = 720
MIN_TEXT_PX = 10
_NODE_GROUP = re.compile(rb'<g id="node&#45;[^"]*" class="node[^"]*">.*?</g>\n</g>', re.S)


def _column_text_px(svg: bytes) -> tuple[float, float]:
    """The drawing's width (pt) and its smallest node text in CSS px once shown in the column."""
    width = float(re.search(rb'viewBox="[0-9.\-]+ [0-9.\-]+ ([0-9.]+) ', svg).group(1))
    natural = float(re.search(rb'style="max-width:([0-9.]+)pt"', svg).group(1)) * 4 / 3  # never drawn larger
    sizes = [float(x) for group in _NODE_GROUP.findall(svg) for x in re.findall(rb'font-size="([0-9.]+)"', group)]
    assert sizes, "no node text found"
    shown = min(natural, BLOG_COLUMN_PX)
    return width, min(sizes) * 4 / 3 * shown / (width * 4 / 3)


def test_every_part_in_maps_reads_at_10px_in_a_720px_column():
    from conftest import ROOT

    parts = sorted((ROOT / "maps").glob("*/*.svg"))
    assert len(parts) >= 40  # the seed maps' parts (test_maps checks they are what build draws now)
    small = {}
    for path in parts:
        width, px = _column_text_px(path.read_bytes())
        if px < MIN_TEXT_PX:
            small[str(path.relative_to(ROOT))] = (width, round(px, 1))
    assert not small, f"parts whose node text is under {MIN_TEXT_PX} px at {BLOG_COLUMN_PX} px: {small}"
