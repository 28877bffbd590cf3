"""argmap.embed: any block text parses to a Block or a located BlockError, draws or fails the same way,
and never reads, draws or names what lies outside the document's folder (issue 24)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.embed import KEYS, Block, BlockError, inside_root, parse_block, render_block

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "small"
HOSTILE = ROOT / "tests" / "data" / "hostile" / "blocks"
SECRETS = ("not-a-real-token-5f1c9e0b", "OUTSIDE-MAP-MARKER", "ARGMAP-SECRET-LINE")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    top = tmp_path_factory.mktemp("embed")
    outside = top / "outside"
    outside.mkdir()
    for name in ("secret.env", "outside-map.yaml", "not-a-map.yaml"):
        shutil.copy(HOSTILE / name, outside / name)
    site = top / "site"
    site.mkdir()
    shutil.copytree(SMALL, site / "maps")
    (site / "out").symlink_to(outside, target_is_directory=True)
    (site / "leaky").mkdir()
    shutil.copy(SMALL / "debate.yaml", site / "leaky" / "debate.yaml")
    (site / "leaky" / "x.yaml").symlink_to(outside / "outside-map.yaml")
    (site / "bad").mkdir()
    shutil.copy(HOSTILE / "not-a-map.yaml", site / "bad" / "not-a-map.yaml")
    return site


SOURCES = st.sampled_from([
    "maps", "maps/debate.yaml", "maps/followup.yaml", "bad", "leaky", "out", "out/outside-map.yaml", "out/secret.env",
    "../outside", "../outside/secret.env", "../outside/outside-map.yaml", "/etc/passwd", "/", "..", "maps/../..",
    "nope", "maps/nope.yaml", "x" * 5000, "a/" * 600,
]) | st.text(max_size=60)
VALUES = st.sampled_from(["debate", "followup", "ship-it", "tests-pass", "0", "1", "2", "-1", "101", "two", "status",
                          "text", "title", "id", "[a]", "{a: 1}", "*x", "&x y", "!!binary aGk=", "[[[[[[[[[["]) | st.text(max_size=30)
KEY = st.sampled_from(list(KEYS)) | st.text(max_size=12)


@st.composite
def blocks(draw) -> str:
    """Block bodies: mostly `key: value` lines, with hostile paths and values, sometimes raw text."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.text(max_size=300))
    lines = [f"source: {draw(SOURCES)}"] if draw(st.integers(0, 9)) else []
    for key, value in draw(st.lists(st.tuples(KEY, VALUES), max_size=4)):
        lines.append(f"{key}: {value}")
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=blocks(), first=st.integers(1, 10_000))
def test_any_block_is_drawn_or_a_located_error_and_never_leaks(site, text, first):
    try:
        block = parse_block(text, first)
    except BlockError as exc:
        shown = exc.located("post.md")
    else:
        assert isinstance(block, Block) and block.line == first
        try:
            shown = render_block(block, base=site)
            assert "<svg" in shown
        except BlockError as exc:
            shown = exc.located("post.md")
            assert exc.line is not None and exc.line >= first
    for secret in SECRETS + (str(site.parent),):
        assert secret not in shown


def test_inside_root_follows_symlinks_and_refuses_ways_out(site):
    assert inside_root("maps", site, None, "source", 1) == site / "maps"
    assert inside_root(str(site / "maps"), site, None, "source", 1) == site / "maps"  # absolute, but inside
    for way_out in ("..", "../outside", "/etc/passwd", "out", "out/outside-map.yaml", "maps/../../outside"):
        with pytest.raises(BlockError, match="outside the document's folder") as info:
            inside_root(way_out, site, None, "source", 7)
        assert info.value.line == 7 and "root:" in info.value.hint and str(site) not in info.value.message
    assert inside_root("../outside", site, site.parent, "source", 1) == site / "../outside"  # a wider root


def test_a_missing_source_does_not_name_the_build_machines_folders(site):
    with pytest.raises(BlockError) as info:
        render_block(parse_block("source: maps/nope.yaml"), base=site)
    assert info.value.message == "source 'maps/nope.yaml' does not exist (looked in maps)"
    with pytest.raises(BlockError) as info:
        render_block(parse_block("source: nope"), base=site)
    assert info.value.message == "source 'nope' does not exist"


def test_a_settings_file_symlinked_out_of_the_site_is_not_read(site, tmp_path):
    folder = site / "configured"
    folder.mkdir(exist_ok=True)
    shutil.copy(SMALL / "debate.yaml", folder / "debate.yaml")
    if not (folder / "argmap.toml").is_symlink():
        (folder / "argmap.toml").symlink_to(site.parent / "outside" / "secret.env")
    with pytest.raises(BlockError, match=r"settings file 'configured/argmap.toml' is outside the document's folder") as info:
        render_block(parse_block("source: configured"), base=site)
    assert not any(s in info.value.located() for s in SECRETS)
