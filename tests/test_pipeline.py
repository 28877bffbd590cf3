"""pipeline.py: build's policies (what is drawn again and what is skipped), views, one graph per folder."""

from __future__ import annotations

import os

import pytest

from argmap.diagnostics import ArgmapError
from argmap.pipeline import View, build_folder, render_path, select, whole_graph
from argmap.project import open_checked
from argmap.settings import Settings

SVG = Settings(engine="embedded")


def _steps(folder, out, fmt="svg", settings=SVG, **kw):
    return {s.map: s.skipped for s in build_folder(folder, out, fmt, settings, **kw)}


def test_svg_is_skipped_when_its_stamp_matches_and_redrawn_when_its_map_changes(small_map, tmp_path):
    out = tmp_path / "maps"
    assert _steps(small_map, out) == {"debate": False, "followup": False}
    before = (out / "followup.svg").read_bytes()
    assert _steps(small_map, out) == {"debate": True, "followup": True}
    text = (small_map / "debate.yaml").read_text()
    (small_map / "debate.yaml").write_text(text.replace("Should we ship it?", "Ship it now?"))
    assert _steps(small_map, out) == {"debate": False, "followup": True}
    assert (out / "followup.svg").read_bytes() == before


def test_svg_is_redrawn_when_the_settings_change_and_with_force(small_map, tmp_path):
    out = tmp_path / "maps"
    _steps(small_map, out)
    assert _steps(small_map, out, settings=SVG.replace(wrap=50)) == {"debate": False, "followup": False}
    assert _steps(small_map, out, settings=SVG.replace(wrap=50), force=True) == {"debate": False, "followup": False}


@pytest.mark.slow
def test_png_is_compared_by_modification_time(small_map, tmp_path):
    out = tmp_path / "maps"
    assert _steps(small_map, out, "png") == {"debate": False, "followup": False}
    assert _steps(small_map, out, "png") == {"debate": True, "followup": True}
    future = (out / "debate.png").stat().st_mtime + 10
    os.utime(small_map / "followup.yaml", (future, future))  # any input newer: every picture is redrawn
    assert _steps(small_map, out, "png") == {"debate": False, "followup": False}


def test_text_formats_are_always_written_and_byte_identical(small_map, tmp_path):
    out = tmp_path / "maps"
    assert _steps(small_map, out, "json") == {"debate": False, "followup": False}
    first = (out / "debate.json").read_bytes()
    assert _steps(small_map, out, "json") == {"debate": False, "followup": False}
    assert (out / "debate.json").read_bytes() == first


def test_only_and_parts(small_map, tmp_path):
    out = tmp_path / "maps"
    steps = list(build_folder(small_map, out, "dot", SVG, only=["debate"], parts=2))
    names = [s.map for s in steps]
    assert names[0] == "debate" and all(n.startswith("debate/") for n in names[1:]) and len(names) > 1
    assert all(s.output.suffix == ".dot" and s.output.is_file() for s in steps)
    assert not (out / "followup.dot").exists()


def test_a_file_is_drawn_as_its_map_with_ghosts(small_map):
    _, G = render_path(small_map / "followup.yaml", "dot", SVG)
    assert G.graph["map"] == "followup"
    assert any(d.get("ghost") for _, d in G.nodes(data=True))


def test_views_select_from_one_graph_and_keep_the_folders_statuses(small_map):
    opened = open_checked([small_map])
    G = whole_graph(opened.project)
    from argmap.evaluation import evaluate

    full = evaluate(G, Settings(color_by="status")).status
    H = select(G, View(map="followup"))
    assert set(H) <= set(G) and all(n in full for n in H)
    assert not any("status" in d for _, d in G.nodes(data=True))  # nothing written into the graph
    with pytest.raises(ArgmapError, match="--tag options given"):
        select(G, View(tags=("nothing-has-this",)))
