"""Which SCC helper: argmap.semantics.scc.sccs or networkx's strongly_connected_components?

Usage::

    python bench/scc.py [--repeat N]

Times both on the same graphs, as argmap uses them (successor lists over positions): the
shapes of bench/scaling.py at its largest size (32,000 nodes: ``ring``, ``grid``, a
``random`` reply graph with attacks back up), a random framework of bench/semantics.py
(10,000 arguments, and a larger one) and the ICCMA instance Medium-result-b1 when the
corpus is there. networkx is timed twice: the components alone on a ``DiGraph`` built
beforehand, and with building that ``DiGraph`` from the lists (what argmap would pay, as
its frameworks are not networkx graphs). Best of ``--repeat`` runs; the components found
must be the same.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

import networkx as nx  # noqa: E402

from argmap.afio import read_af  # noqa: E402
from argmap.semantics.scc import sccs  # noqa: E402

MEDIUM = ROOT.parent / "shared/corpus/iccma/aig-hagen-probo2/src/data/test/Medium-result-b1.apx"


def ring(n: int) -> list[list[int]]:
    return [[(i + 1) % n] for i in range(n)]


def grid(n: int) -> list[list[int]]:
    w = int(n ** 0.5)
    return [[j for j in (i + 1 if (i + 1) % w else -1, i + w) if 0 <= j < n] for i in range(n)]


def reply_graph(n: int, seed: int = 20251125) -> list[list[int]]:
    rnd = random.Random(seed)
    succ = [[rnd.randrange(max(0, i - 50), i)] if i else [] for i in range(n)]
    for i in range(n):
        if rnd.random() < 0.15:
            succ[i].append(rnd.randrange(n))
    return succ


def random_af(n: int, m: int, seed: int) -> list[list[int]]:
    rnd = random.Random(seed)
    succ: list[list[int]] = [[] for _ in range(n)]
    for _ in range(m):
        succ[rnd.randrange(n)].append(rnd.randrange(n))
    return succ


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def to_digraph(succ: list[list[int]]) -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_nodes_from(range(len(succ)))
    g.add_edges_from((i, j) for i, js in enumerate(succ) for j in js)
    return g


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    opts = ap.parse_args()
    graphs = [("ring 32,000", ring(32_000)), ("grid 32,000", grid(32_000)),
              ("random replies 32,000", reply_graph(32_000)),
              ("random AF 10,000 / 13,000", random_af(10_000, 13_000, 1)),
              ("random AF 100,000 / 200,000", random_af(100_000, 200_000, 2))]
    if MEDIUM.exists():
        af = read_af(MEDIUM)
        graphs.append((f"Medium-result-b1 {len(af):,} / {len(af.attacks):,}", af._index[1]))
    print(f"SCCs, best of {opts.repeat} runs, seconds (ratio = networkx / argmap; above 1: networkx slower)")
    print(f"{'graph':<34} {'comps':>7} {'argmap':>8} {'nx':>8} {'ratio':>6} {'nx+build':>9} {'ratio':>6}  same")
    for label, succ in graphs:
        ours, comps = best(lambda: sccs(range(len(succ)), succ), opts.repeat)
        g = to_digraph(succ)
        theirs, ncomps = best(lambda: list(nx.strongly_connected_components(g)), opts.repeat)
        built, _ = best(lambda: list(nx.strongly_connected_components(to_digraph(succ))), opts.repeat)
        same = sorted(map(sorted, comps)) == sorted(map(sorted, ncomps))
        print(f"{label:<34} {len(comps):>7} {ours:>8.3f} {theirs:>8.3f} {theirs / ours:>5.1f}x "
              f"{built:>9.3f} {built / ours:>5.1f}x  {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
