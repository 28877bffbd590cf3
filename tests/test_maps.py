"""The committed drawings in maps/ are exactly what `make maps` draws now."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.pipeline import build_folder
from argmap.settings import Settings

from conftest import ROOT

pytestmark = pytest.mark.slow  # see CONTRIBUTING.md: left out by `make quick`

MAPS = ROOT / "maps"
EXAMPLES = ROOT / "examples"


@pytest.mark.skipif(not MAPS.is_dir(), reason="maps/ has not been drawn")
def test_committed_svgs_are_up_to_date(tmp_path):
    steps = list(build_folder(ROOT / "arguments", tmp_path, "svg", Settings(engine="embedded"), parts=16))
    fresh = {p.relative_to(tmp_path) for p in tmp_path.rglob("*.svg")}
    committed = {p.relative_to(MAPS) for p in MAPS.rglob("*.svg")}
    assert not fresh - committed, f"run `make maps` and commit maps/: {sorted(map(str, fresh - committed))}"
    assert not committed - fresh, f"maps/ holds parts no map has any more; delete them: {sorted(map(str, committed - fresh))}"
    stale = [str(p) for p in sorted(fresh) if (tmp_path / p).read_bytes() != (MAPS / p).read_bytes()]
    assert not stale, f"out of date (run `make maps`): {stale}"
    assert len(steps) == len(fresh)


def test_the_example_map_and_its_committed_drawing_are_current(tmp_path):
    """examples/example.yaml lives outside the analysed folder but is drawn by `make maps` too."""
    list(build_folder(EXAMPLES, tmp_path, "svg", Settings(engine="embedded")))
    fresh = sorted(p.name for p in tmp_path.glob("*.svg"))
    assert fresh == ["example.svg"]
    assert (tmp_path / "example.svg").read_bytes() == (EXAMPLES / "example.svg").read_bytes(), "run `make maps`"
