#!/usr/bin/env python3
"""What refusing deep nesting costs, with and without libyaml's own 1,000-level limit.

PyYAML >= 6.0.4's libyaml stops at 1,000 levels; argmap then reads the text again
with the pure-Python parser to report ``too-deep`` at the same place as its own
check (``argmap.yamltext.compose``).  This prints, for maps of N ordinary nodes
followed by a node nested 50,000 levels deep, the time to the ``too-deep`` error
as a ratio of the time to load the same map without the deep node.

    python bench/yaml_depth.py            # sizes 100, 1000, 5000
    python bench/yaml_depth.py --sizes 20000
"""

from __future__ import annotations

import argparse
import time

from argmap import yamltext
from argmap.loader import load_text


def ordinary(n: int) -> str:
    lines = ["title: bench", "nodes:"]
    for i in range(n):
        lines += [f"  - id: n{i}", f"    text: Node number {i} says something short.", "    by: Someone"]
        if i:
            lines.append(f"    attacks: [n{i - 1}]")
    return "\n".join(lines) + "\n"


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,5000")
    args = ap.parse_args()
    print(f"libyaml: {yamltext.HAS_LIBYAML}")
    print(f"{'nodes':>7} {'load s':>8} {'deep s':>8} {'deep/load':>10}")
    for n in (int(s) for s in args.sizes.split(",")):
        text = ordinary(n)
        deep = text + "  - id: deep\n    text: " + "[" * 50_000 + "]" * 50_000 + "\n"
        load = best(lambda: load_text(text, "b.yaml"))
        refused = best(lambda: load_text(deep, "b.yaml"))
        assert [d.code for d in load_text(deep, "b.yaml")[1]] == ["too-deep"]
        print(f"{n:>7} {load:>8.3f} {refused:>8.3f} {refused / load:>10.1f}")


if __name__ == "__main__":
    main()
