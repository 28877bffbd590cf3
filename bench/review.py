#!/usr/bin/env python3
"""What does `argmap review` cost beyond the evaluation it reads? Time per doubling.

A random reply forest (bench/scaling.py's family) is written as real map YAML,
with every 20th relation marked ``inferred: true`` (each may need a trial
evaluation: the costly mark), every 10th node conditional ("... only if ..."),
every 15th node conceding what its holder also attacks, and threaded sources
whose replies link to nothing in every 7th one.  For each size the table gives
the seconds of ``evaluate`` (the folder's one evaluation, cruxes included) and
of ``review`` on top of it (best of two runs), the ratio to the previous size
(2.0 is linear for a doubling) and review / evaluate.

    python bench/review.py                       # 1,000 .. 8,000 nodes
    python bench/review.py --sizes 500,1000      # quicker
"""

from __future__ import annotations

import argparse
import gc
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

SEED = 20261203


def review_map(n: int) -> str:
    rng = random.Random(SEED + n)
    lines = [f"map: review-{n}", "sources:"]
    threads = max(1, n // 50)
    for t in range(threads):
        lines += [f"  s{t}:", "    author: Bench Author"]
        if t:
            lines.append(f"    replies_to: s{t - 1}")
    lines.append("nodes:")
    holders = ["Ann", "Bob", "Cy", "Dee"]
    for i in range(n):
        nid = f"n{i:05d}"
        cond = " only if the harbour closes" if i % 10 == 0 else ""
        lines += [f"  - id: {nid}", f'    text: "Claim {i} about topic {i % 37}{cond}."',
                  f"    by: {holders[i % 4]}", f"    source: s{min(i // 50, threads - 1)}"]
        if i % 3 == 0:
            lines.append(f"    weight: {rng.choice([0.3, 0.5, 0.7])}")
        if i == 0:
            continue
        target = f"n{rng.randrange(max(0, i - 50), i):05d}"
        if i % 7 == 0 and i // 50 and (i // 50) % 7 == 0:
            target = f"n{rng.randrange(max(0, i - 5), i):05d}"
        kind = rng.choice(["supports", "attacks", "attacks"])
        if i % 20 == 0:
            lines += [f"    {kind}:", f"      - to: {target}", "        inferred: true"]
        else:
            lines.append(f"    {kind}: [{target}]")
        if i % 15 == 0 and kind == "attacks" and i > 4:
            lines.append(f"    concedes: [n{i - 4:05d}]")
    return "\n".join(lines) + "\n"


def measure(fn, runs: int = 2):
    best, out = float("inf"), None
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def table(headers, rows) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    fmt = lambda r: "  ".join(str(x).rjust(w) for x, w in zip(r, widths))  # noqa: E731
    return "\n".join([fmt(headers), fmt(["-" * w for w in widths]), *map(fmt, rows)])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,2000,4000,8000")
    args = ap.parse_args(argv)

    from argmap.evaluation import evaluate
    from argmap.pipeline import whole_graph
    from argmap.project import open_checked
    from argmap.review import review
    from argmap.settings import Settings

    rows, prev = [], None
    with tempfile.TemporaryDirectory(prefix="argmap-review-") as tmp:
        for n in [int(x) for x in args.sizes.split(",")]:
            folder = Path(tmp) / f"review-{n}"
            folder.mkdir()
            (folder / "map.yaml").write_text(review_map(n), encoding="utf-8")
            opened = open_checked([folder])
            G = whole_graph(opened.project)
            for inferred in (False, True):
                settings = Settings(inferred=inferred)
                t_ev, ev = measure(lambda: evaluate(G, settings))
                t_rv, marks = measure(lambda: review(opened, ev, G))
                key = "with-inferred" if inferred else "default"
                last = prev.get(key) if prev else None
                ratio = f"{t_rv / last:.2f}" if last else ""
                counts = Counter(d.code for d in marks)
                rows.append([f"{n:,}", key, f"{t_ev:.3f}", f"{t_rv:.3f}", ratio, f"{t_rv / t_ev:.2f}",
                             ", ".join(f"{c} {k}" for c, k in sorted(counts.items(), key=lambda x: x[0]))])
                prev = {**(prev or {}), key: t_rv}
    print("argmap review on a random folder (seconds; x review = this size / previous size, 2.0 is linear)")
    print(table(["nodes", "settings", "evaluate", "review", "x review", "review/evaluate", "marks"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
