"""argmap.parts: every part is laid out to read in a 720 px column (issue 22 item 1)."""

from __future__ import annotations

import re

import pytest

from argmap.graph import build, map_view
from argmap.model import Map, Node, Project, Relation
from argmap.parts import column_parts, fit, max_width_pt, svg_width, text_px
from argmap.settings import Settings

TEXT = "makes a point of ordinary length, about as long as the seed maps' own texts"


def _node(i, target=None, kind="attacks", by="Ann"):
    relations = (Relation(kind, f"n{i}", target),) if target else ()
    return Node(f"n{i}", f"Claim {i} {TEXT}.", "m", by=by, relations=relations)


def chain_map(length: int, fan: int = 0):
    """A claim answered by a chain of ``length`` replies, each also answering the claim
    (so all stay within the part's depth), and ``fan`` unanswered replies to the claim."""
    nodes = [_node(0)]
    for i in range(1, length + 1):
        nodes.append(Node(f"n{i}", f"Claim {i} {TEXT}.", "m", by="Bo",
                          relations=(Relation("attacks", f"n{i}", f"n{i - 1}"),)))
    for j in range(fan):
        nodes.append(_node(100 + j, "n0", "supports", by="Cy"))
    return map_view(build(Project((Map("m", "m.yaml", title="A chain", nodes=tuple(nodes)),))), "m")


def test_the_width_limit_follows_the_font_size():
    assert max_width_pt(Settings()) == 792  # 11 pt text at 10 px in 720 px
    assert max_width_pt(Settings(fontsize=14.0)) > max_width_pt(Settings())
    assert text_px(792, 11) == pytest.approx(10)
    assert text_px(300, 11) == pytest.approx(11 * 4 / 3)  # never scaled up


def test_a_long_chain_goes_down_the_page_when_sideways_is_too_wide():
    G = chain_map(4)
    sideways = Settings().replace(rankdir="RL", stagger=0)
    from argmap.export.dot import export
    from argmap.render import render

    assert svg_width(render(export(G, sideways), "svg", "embedded")) > max_width_pt(Settings())  # five columns
    chosen, dot, svg, fits = fit(G, Settings())
    assert fits and chosen.rankdir == "BT"
    assert svg_width(svg) <= max_width_pt(Settings())
    assert 'rankdir=BT' in dot.replace('"', "")


def test_a_fan_stays_sideways():
    chosen, _, svg, fits = fit(chain_map(1, fan=8), Settings())
    assert fits and chosen.rankdir == "RL"


@pytest.mark.slow
def test_parts_are_split_smaller_when_too_wide_in_every_layout():
    # a fan of 8 replies, each with a chain of 3: sideways 5 columns, bottom-up 8 boxes side by side
    nodes = [_node(0)]
    for j in range(8):
        above = "n0"
        for d in range(3):
            i = 10 * (j + 1) + d
            nodes.append(Node(f"n{i}", f"Reply {i} {TEXT}.", "m", by="Bo", relations=(Relation("attacks", f"n{i}", above),)))
            above = f"n{i}"
    H = map_view(build(Project((Map("m", "m.yaml", title="Wide", nodes=tuple(nodes)),))), "m")
    parts = column_parts(H, Settings(), 30)
    assert len(parts) > 1  # 25 nodes, under the 30 asked for: split for width, not for size
    for part in parts:
        assert part.width <= max_width_pt(Settings()), part.root
        assert part.graph.graph["title"].startswith("Wide (part: ")


def test_a_claim_answered_by_many_is_read_in_pages_each_a_part(tmp_path):
    # 40 replies to one claim: three parts of the 16 asked for, each named, titled and drawn in the column
    from argmap.parts import part_of
    from argmap.pipeline import build_folder

    G = chain_map(0, fan=40)
    parts = column_parts(G, Settings(), 16)
    assert [p.root for p in parts] == ["n0", "n0~2", "n0~3"]
    assert parts[1].graph.graph["title"] == "A chain (part: n0~2, replies 16–30 of 40)"
    assert all(p.width <= max_width_pt(Settings()) for p in parts)
    assert part_of(G, "n0~3", Settings()).graph.graph["page"] == (31, 40, 40)
    from argmap.views import View, ViewError, select

    assert set(select(G, View(part="n0~2")).graph) == set(parts[1].graph)  # as --part and a block name it
    with pytest.raises(ViewError, match="starts no part"):
        select(G, View(part="n0~4"))

    # `build --parts` writes each page, and a later page's claim links back to its first part
    folder = tmp_path / "in"
    folder.mkdir()
    lines = ["title: A chain", "nodes:", "  - id: n0", f"    text: Claim 0 {TEXT}."]
    for j in range(40):
        lines += [f"  - id: n{100 + j}", f"    text: Claim {100 + j} {TEXT}.", "    supports: [n0]"]
    (folder / "m.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    list(build_folder(folder, tmp_path / "out", "svg", Settings(), parts=16))
    written = sorted(p.name for p in (tmp_path / "out" / "m").iterdir())
    assert written == ["n0.svg", "n0~2.svg", "n0~3.svg"]
    page = (tmp_path / "out" / "m" / "n0~2.svg").read_text(encoding="utf-8")
    assert 'href="n0.svg"' in page and "replies 16–30 of 40" in page
