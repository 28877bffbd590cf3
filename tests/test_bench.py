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


def test_stage_budget_runs_and_prints_every_stage(tmp_path):
    """bench/stages.py on small maps: every stage measured, the JSON the docs are made from written."""
    import json
    import subprocess

    out = tmp_path / "stages.json"
    proc = subprocess.run([sys.executable, str(BENCH / "stages.py"), "--sizes", "20,40", "--no-goals", "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    for stage in ("load", "check", "graph", "evaluate", "DOT", "layout", "SVG finishing", "render / layout floor"):
        assert f"| {stage}" in proc.stdout
    data = json.loads(out.read_text())
    assert data["stages"]["40"]["nodes"] == 40 and data["stages"]["40"]["layout"]["s"] > 0


def test_performance_page_shows_the_kept_figures():
    """docs/performance.md's tables are bench/stages.json's (`make readme` after `make bench`)."""
    import subprocess

    root = BENCH.parent
    proc = subprocess.run([str(Path(sys.executable).parent / "cog"), "--check", "--diff", "docs/performance.md"],
                          cwd=root, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def test_the_engine_benchmark_times_two_engines_that_agree():
    """bench/engines.py's two versions of each question give the library's answers on small frameworks."""
    import importlib.util

    from argmap import semantics

    spec = importlib.util.spec_from_file_location("bench_engines", BENCH / "engines.py")
    engines = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(engines)
    afs = [engines.random_af(12, m, seed) for seed in range(8) for m in (18, 30)] + [engines.pairs_af(3)]
    for af in afs:
        args = engines.asked(af, 12)
        for question, (search, sat) in engines.QUESTIONS.items():
            assert search(af, args) == sat(af, args), (question, af)
        assert engines.ee_search(af, True) == set(semantics.stable_extensions(af))
        assert engines.ee_sat(af, False) == set(semantics.complete_extensions(af))
        assert engines.dc_sat(af, True, args) == [semantics.credulous(af, "ST", a) for a in args]
        assert engines.ds_search(af, args) == [semantics.skeptical(af, "ST", a) for a in args]
    assert sum(len(engines.asked(af, 12)) for af in afs) > 20  # the decisions were asked about open arguments
