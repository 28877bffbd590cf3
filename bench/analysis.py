#!/usr/bin/env python3
"""Benchmark of evaluation (issue 11): the one AFRA path against plain Dung, analyze, gradual strength.

Uses bench/pipeline.py's synthetic maps (deterministic).  For each size it times, best of K:
plain Dung grounded on the node-to-node attacks (what argmap did before v2), the AFRA path
(`analysis.statuses`, what every command now runs), full `analyze` (reasons and cruxes
included) and DF-QuAD strengths; ratios are to plain Dung in the same run.

    python bench/analysis.py                 # sizes 100, 1000, 3000
    python bench/analysis.py --sizes 500
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

# the script's folder holds html.py, which would shadow the standard library's html for networkx
sys.path = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]


def _generate_map():
    """bench/pipeline.py's generator (loaded by path: bench/html.py would shadow the stdlib's html)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_pipeline", Path(__file__).resolve().parent / "pipeline.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.generate_map


generate_map = _generate_map()

import argmap  # noqa: E402
from argmap.analysis import analyze, gradual_strengths, statuses  # noqa: E402
from argmap.graph import build  # noqa: E402
from argmap.semantics import AF, grounded  # noqa: E402


def best(fn, k: int = 3) -> float:
    times = []
    for _ in range(k):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,3000")
    ap.add_argument("-k", type=int, default=3)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(x) for x in args.sizes.split(",")]:
            path = Path(tmp) / f"m{n}.yaml"
            path.write_text(generate_map(n), encoding="utf-8")
            G = build(argmap.load(path))
            pairs = [(u, v) for u, v, k in G.edges(keys=True) if k in ("attacks", "undercuts")]
            plain = best(lambda: grounded(AF.from_edges(pairs, list(G.nodes))), args.k)
            afra = best(lambda: statuses(G), args.k)
            full = best(lambda: analyze(G), 1)
            dfq = best(lambda: gradual_strengths(G, "dfquad"), args.k)
            rows.append([n, G.number_of_edges(), plain, afra, full, dfq])
    print("Evaluation, seconds (ratio to plain Dung grounded in the same run)")
    print(f"{'nodes':>6} {'edges':>6} {'plain Dung':>11} {'AFRA path':>18} {'analyze (cruxes)':>22} {'dfquad':>18}")
    for n, e, p, a, f, d in rows:
        print(f"{n:>6} {e:>6} {p:>11.4f} {a:>9.4f} ({a / p:5.1f}x) {f:>12.4f} ({f / p:6.0f}x) {d:>9.4f} ({d / p:5.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
