#!/usr/bin/env python3
"""Benchmark argmap.gradual: DF-QuAD and quadratic energy from 1,000 to 20,000 arguments.

Usage::

    python bench/gradual.py [--quick] [--sizes 1000,2000,5000,10000,20000] [--repeat 3]

Two shapes of framework, deterministic (fixed seed):

* ``debate``: a reply tree like argmap's maps: each new argument attacks
  (60 %) or supports (40 %) an earlier one, and 5 % of arguments also
  contradict an earlier one (a mutual attack, so a 2-cycle); random base
  scores. Most arguments are solved exactly, once each; only the 2-cycles
  (and any larger cycle they close) are iterated.
* ``cyclic``: 2n random attacks and n random supports between arbitrary
  arguments, so nearly everything is on a cycle: every argument is iterated
  (the worst case for the fixpoint loop and the RK4 integration).

Figures are seconds, best of ``--repeat`` runs. ``/1k`` is the time divided by
the time at the smallest size of the same row kind, next to the size ratio
(linear scaling keeps the two equal). Standard library only.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from argmap.gradual import dfquad, quadratic_energy  # noqa: E402

SEED = 20261125


def debate(n: int, seed: int) -> dict:
    rng = random.Random(seed)
    args = [f"a{i}" for i in range(n)]
    att, sup = [], []
    for i in range(1, n):
        j = rng.randrange(i)
        (att if rng.random() < 0.6 else sup).append((args[i], args[j]))
        if rng.random() < 0.05:
            k = rng.randrange(i)
            att += [(args[i], args[k]), (args[k], args[i])]
    base = {a: round(rng.random(), 2) for a in args}
    return dict(arguments=args, attacks=att, supports=sup, base=base)


def cyclic(n: int, seed: int) -> dict:
    rng = random.Random(seed)
    args = [f"a{i}" for i in range(n)]
    att = [(rng.choice(args), rng.choice(args)) for _ in range(2 * n)]
    sup = [(rng.choice(args), rng.choice(args)) for _ in range(n)]
    base = {a: round(rng.random(), 2) for a in args}
    return dict(arguments=args, attacks=att, supports=sup, base=base)


def best(fn, fw: dict, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn(**fw)
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="sizes 1000,5000 and one run each")
    p.add_argument("--sizes", default="1000,2000,5000,10000,20000")
    p.add_argument("--repeat", type=int, default=3)
    opts = p.parse_args()
    sizes = [1000, 5000] if opts.quick else [int(s) for s in opts.sizes.split(",")]
    repeat = 1 if opts.quick else opts.repeat

    load = ", load average %.1f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    print(f"argmap.gradual benchmark, Python {platform.python_version()}, best of {repeat}{load}")
    print()
    head = (f"{'shape':<7} {'method':<17} {'args':>6} {'edges':>6} {'iterated':>8} "
            f"{'rounds':>6} {'conv':>5} {'seconds':>8} {'/1k':>6} {'size/1k':>7} {'us/(n+m)':>8}")
    print(head)
    print("-" * len(head))
    start = time.perf_counter()
    for shape, make in (("debate", debate), ("cyclic", cyclic)):
        for name, fn in (("dfquad", dfquad), ("quadratic-energy", quadratic_energy)):
            first = None
            for n in sizes:
                fw = make(n, SEED + n)
                m = len(fw["attacks"]) + len(fw["supports"])
                secs, r = best(fn, fw, repeat)
                if first is None:
                    first = (secs, n)
                print(f"{shape:<7} {name:<17} {n:>6} {m:>6} {len(r.cyclic):>8} {r.rounds:>6} "
                      f"{'yes' if r.converged else 'NO':>5} {secs:>8.3f} {secs / first[0]:>6.1f} "
                      f"{n / first[1]:>7.1f} {1e6 * secs / (n + m):>8.2f}")
        print()
    print("iterated = arguments on a cycle (solved by rounds, per strongly connected")
    print("component); rounds = most DF-QuAD damped rounds or RK4 steps one component took;")
    print("/1k = seconds / seconds at the first size; us/(n+m) = microseconds per")
    print("argument+edge, whole call. Shared machines: compare ratios within one run.")
    print(f"total {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
