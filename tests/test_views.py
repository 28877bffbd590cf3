"""One view selection (argmap.views.select) behind `argmap render`, the ```argmap blocks and the page."""

from __future__ import annotations

import pytest

from argmap.embed import Block, BlockError, block_svg
from argmap.graph import build
from argmap.html import _views
from argmap.pipeline import open_project, render_path
from argmap.settings import load_config
from argmap.views import View, ViewError, select

from conftest import ARGUMENTS, ROOT


@pytest.fixture(scope="module")
def folder():
    project, _, _ = open_project(ARGUMENTS)
    settings = load_config(ARGUMENTS)
    return build(project), settings, {v.key: v for v in _views(build(project), settings, parts=16)}


def _cli(view: View) -> set[str]:
    return set(render_path(ARGUMENTS, "dot", load_config(ARGUMENTS), view)[1].nodes)


def _block(**request) -> set[str]:
    return set(block_svg(Block(source="arguments", **request), base=ROOT)[1].nodes)


@pytest.mark.slow
def test_a_map_is_the_same_nodes_in_the_command_the_block_and_the_page(folder):
    G, _, page = folder
    for name in G.graph["maps"]:
        expected = set(page[f"map:{name}"].graph.nodes)
        assert _cli(View(map=name)) == expected
        assert _block(map=name) == expected


@pytest.mark.slow
def test_a_part_is_the_same_nodes_in_the_command_the_block_and_the_page(folder):
    _, _, page = folder
    parts = [v for v in page.values() if v.part]
    assert len(parts) > 20  # every seed map is split into parts
    for v in parts[::7]:
        expected = set(v.graph.nodes)
        assert _cli(View(part=v.part)) == expected
        assert _block(part=v.part) == expected


def test_a_focus_is_the_same_nodes_in_the_command_and_the_block(folder):
    G, _, _ = folder
    center = next(n for n, d in G.nodes(data=True) if d.get("map") == "takeoff" and G.degree(n) > 2)
    for depth in (0, 1, 2):
        expected = set(select(G, View(map="takeoff", focus=center, depth=depth)).graph.nodes)
        assert center in expected and (depth == 0) == (len(expected) == 1)
        assert _cli(View(map="takeoff", focus=center, depth=depth)) == expected
        assert _block(map="takeoff", focus=center, depth=depth) == expected


def test_a_view_that_selects_nothing_says_which_field_and_what_to_try(folder):
    G, settings, _ = folder
    with pytest.raises(ViewError) as exc:
        select(G, View(map="takeof"))
    assert (exc.value.message, exc.value.key, exc.value.hint) == ("no map named 'takeof'", "map", "did you mean 'takeoff'?")
    with pytest.raises(ViewError) as exc:
        select(G, View(part="no-such-node"), settings)
    assert exc.value.key == "part" and exc.value.message == "no node with id 'no-such-node' to draw the part of"
    with pytest.raises(BlockError, match="no node with id 'nope' to focus on"):
        _block(focus="nope")
