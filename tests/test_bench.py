"""The benchmark scripts run as `python bench/NAME.py`: their folder comes first on sys.path."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_no_bench_script_shadows_a_standard_module():
    # bench/html.py once hid the standard `html` package from every script in bench/:
    # `python bench/scaling.py` died importing networkx (html.entities)
    names = {p.stem for p in BENCH.glob("*.py")}
    assert names, "bench/ has no scripts"
    assert sorted(names & set(sys.stdlib_module_names)) == []
