"""argmap.export.theme: one colour per person per folder (issue 22 item 2)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from argmap.export.theme import PALETTE, folder_colors
from argmap.graph import build
from argmap.project import open_checked

from conftest import ARGUMENTS, ROOT

_NODE = re.compile(r'<g id="node(?:&#45;|-)([^"]+)" class="node[^"]*">(.*?)(?=<g id="(?:node|edge|legend|relation|join)|</svg>)', re.S)
_FILL = re.compile(r'<(?:path|polygon) fill="(#[0-9a-f]{6})"')


def holders(folder=ARGUMENTS) -> dict[str, str | None]:
    G = build(open_checked([folder]).project)
    return {n: (d["holder"] if "holder" in d else d.get("by")) for n, d in G.nodes(data=True)}


def colours_in(svg: str) -> dict[str, str]:
    """node id → its fill, for every filled (not ghost) node of a drawing."""
    out = {}
    for node, body in _NODE.findall(svg):
        fill = _FILL.search(body)
        if fill and fill.group(1) in PALETTE:
            out[node.replace("&#45;", "-")] = fill.group(1)
    return out


def person_colours(drawings: dict[str, str], who: dict[str, str | None]) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    for name, svg in drawings.items():
        for node, fill in colours_in(svg).items():
            seen.setdefault(who[node], set()).add(fill)
    return seen


@pytest.mark.slow
def test_one_person_one_colour_in_every_part_the_page_and_a_block(tmp_path):
    from argmap.html import build_html
    from argmap.markdown import makeExtension
    import markdown

    drawings = {str(p.relative_to(ROOT)): p.read_text() for p in (ROOT / "maps").rglob("*.svg")}
    assert sum("/" in k.split("maps/", 1)[1] for k in drawings) >= 40  # every part build wrote
    page = build_html(ARGUMENTS)
    views = re.findall(r'<script type="image/svg\+xml" id="argmap-view-\d+">(.*?)</script>', page, re.S)
    assert len(views) >= 40
    drawings.update({f"page view {i}": v for i, v in enumerate(views)})
    block = markdown.markdown(f"```argmap\nsource: {ARGUMENTS}\nfocus: not-positioned-to-solve-alignment-in-time\ndepth: 2\n```\n",
                              extensions=[makeExtension()])
    drawings["markdown block"] = block
    who = holders()
    seen = person_colours(drawings, who)
    assert len(seen) >= 10
    several = {person: sorted(fills) for person, fills in seen.items() if len(fills) > 1}
    assert not several, f"people drawn in more than one colour: {several}"
    assert colours_in(block)["not-positioned-to-solve-alignment-in-time"] == folder_colors(
        build(open_checked([ARGUMENTS]).project))["Eliezer Yudkowsky"]


def test_people_who_meet_in_a_map_differ_while_the_palette_lasts():
    G = build(open_checked([ARGUMENTS]).project)
    colours = folder_colors(G)
    for name in G.graph["maps"]:
        people = {(d["holder"] if "holder" in d else d.get("by")) for _, d in G.nodes(data=True) if d["map"] == name} - {None}
        if len(people) <= len(PALETTE):
            assert len({colours[p] for p in people}) == len(people), name


@pytest.mark.slow
def test_a_newcomer_recolours_nobody_who_holds_more(tmp_path):
    folder = tmp_path / "arguments"
    shutil.copytree(ARGUMENTS, folder)
    before = folder_colors(build(open_checked([folder]).project))
    # `argmap add`, as a user would: a node by a new person, in the map where Yudkowsky's view is reported
    run = subprocess.run([sys.executable, "-m", "argmap.cli", "add", str(folder), "--attacks", "not-positioned-to-solve-alignment-in-time",
                          "--text", "We may be better placed than that.", "--by", "Aaron Aardvark"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    G = build(open_checked([folder]).project)
    after = folder_colors(G)
    assert "Aaron Aardvark" in after
    count = {}
    for _, d in G.nodes(data=True):
        person = d["holder"] if "holder" in d else d.get("by")
        count[person] = count.get(person, 0) + 1
    for person, colour in before.items():
        if count[person] > 1:
            assert after[person] == colour, person
    assert after["Eliezer Yudkowsky"] == before["Eliezer Yudkowsky"]


@pytest.mark.slow
def test_render_file_and_build_draw_a_map_the_same(tmp_path):
    from argmap.pipeline import build_folder, render_path
    from argmap.settings import Settings

    settings = Settings(engine="embedded")
    list(build_folder(ARGUMENTS, tmp_path, "svg", settings, only=["takeoff"]))
    built = (tmp_path / "takeoff.svg").read_bytes().split(b"\n", 2)
    assert built[1].startswith(b"<!-- argmap-input: ")  # build's stamp, a comment
    built = built[0] + b"\n" + built[2]
    rendered, _ = render_path(ARGUMENTS / "takeoff.yaml", "svg", settings)
    folder, _ = render_path(ARGUMENTS, "svg", settings, __import__("argmap.pipeline").pipeline.View(map="takeoff"))
    assert rendered == folder  # the same bytes whichever way the map is named

    def unlinked(svg: bytes) -> bytes:  # build links ghosts to the other maps' files it writes beside this one
        return re.sub(rb' xlink:href="[^"]*"', b"", re.sub(rb' target="[^"]*"', b"", svg))

    assert unlinked(built) == unlinked(rendered)
