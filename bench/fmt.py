#!/usr/bin/env python3
"""Benchmark of `argmap fmt`: time and peak memory from 1,000 to 16,000 nodes, as ratios.

Two inputs per size, both made by bench/pipeline.py's generator:

- *canonical*: the generated map as it is (what `fmt --check` sees in CI: nothing to change);
- *messy*: every node's keys out of order and every text split over two lines, so that
  every node is reordered and every text joined (the most work fmt can be given).

Each measurement runs in a fresh child process (so peak memory is that run's own
``ru_maxrss``), best of K runs for time.  Linear growth shows as time and memory ratios
near 2 for each doubling of nodes.

    python bench/fmt.py                   # sizes 1000,2000,4000,8000,16000
    python bench/fmt.py --sizes 1000,4000 --runs 1
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pipeline import generate_map, table  # noqa: E402

_CHILD = """
import json, resource, sys, time
from argmap.fmt import format_text
text = open(sys.argv[1], encoding="utf-8").read()
t0 = time.perf_counter()
out = format_text(text)
dt = time.perf_counter() - t0
print(json.dumps({"seconds": dt, "changed": out != text,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def messy(text: str) -> str:
    """Every node's `text` moved below its `tags` and split over two lines."""
    out, pending = [], None
    for line in text.split("\n"):
        if line.startswith("    text: "):
            value = line[len("    text: "):]
            words = value.split(" ")
            half = max(1, len(words) // 2)
            pending = ["    text: " + " ".join(words[:half]), "      " + " ".join(words[half:])]
            continue
        out.append(line)
        if line.startswith("    tags: ") and pending:
            out.extend(pending)
            pending = None
    return "\n".join(out)


def measure(path: Path, runs: int) -> dict:
    best = None
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True)
        res = json.loads(proc.stdout)
        if best is None or res["seconds"] < best["seconds"]:
            best = res
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,2000,4000,8000,16000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    prev = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            text = generate_map(n).rstrip("\n") + "\n"
            row = [f"{n:,}"]
            for kind, body in (("canonical", text), ("messy", messy(text))):
                path = Path(tmp) / f"{kind}-{n}.yaml"
                path.write_text(body, encoding="utf-8")
                res = measure(path, args.runs)
                if kind == "canonical" and res["changed"]:
                    print(f"note: the canonical {n}-node map is not canonical", file=sys.stderr)
                t_ratio = f"{res['seconds'] / prev[kind][0]:.2f}" if kind in prev else "-"
                m_ratio = f"{res['peak_mb'] / prev[kind][1]:.2f}" if kind in prev else "-"
                row += [f"{res['seconds']:.2f}", t_ratio, f"{res['peak_mb']:.0f}", m_ratio]
                prev[kind] = (res["seconds"], res["peak_mb"])
            rows.append(row)
    table(
        "fmt: seconds and peak MB per size (ratio = this size / previous size)",
        ["nodes", "check s", "x", "check MB", "x", "messy s", "x", "messy MB", "x"],
        rows,
        ["check = canonical input (fmt --check in CI); messy = every node reordered and every text joined",
         "peak MB is the child process's ru_maxrss (includes the interpreter, ~30 MB)"],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
