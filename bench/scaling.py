#!/usr/bin/env python3
"""Does the work grow linearly? Time and peak memory per doubling (issue 10 items 5-8).

Each family is written as real map YAML into a temporary folder and run
through argmap's public library functions, at sizes doubling from 1,000 to
16,000 nodes:

``analyze ring``      one UNDEC cycle of attacks (the worst case for explanations):
                      ``argmap.check`` + ``graph.build`` + ``evaluation.evaluate`` (statuses,
                      reasons, cruxes) + ``analysis.analyze`` + the text ``argmap analyze`` prints
``analyze tree``      a reply tree (attacks and supports, no cycle; cruxes reach deep), same steps
``analyze random``    a random reply forest with extra attacks (cycles included), same steps
``check dangling``    ``argmap.check`` of a map where every fourth node points at a misspelt id
``build --parts``     check + build + ``map_view`` + ``graph.split(…, 16)`` + DOT text of every
                      part (``build --parts`` without Graphviz's layout, which is not ours)
``fmt --check``       ``fmt.format_paths(…, check=True)`` on the random map

``  of which split``   ``graph.split`` alone (its own seconds are in the result column)

For each size: seconds (best of a few runs), the ratio to the previous size (2.0 is
linear for a doubling, 4.0 quadratic), peak traced memory (``tracemalloc``, in a
separate run) and its ratio. A step slower than 20 s is not traced and its
family stops there (a guard against a quadratic regression; bench/fmt.py measures
``fmt`` alone, on canonical and messy input). Analysis includes the crux search at
every size (no size switch): each trial is propagated through at most
``evaluation.CRUX_REACH`` elements, so it is linear in the size of the folder.

The second table is the mutual-attack-pairs family (k independent pairs
``a_i <-> b_i``, plus a node ``t`` attacked by every ``a_i`` and ``u`` attacked by ``t``):
2^k preferred extensions. It times the per-argument statuses that
``analyze --semantics preferred`` uses (and ``analysis.analyze`` itself on the
family written as a map), and the ICCMA decisions DS-PR and DC-PR
on ``t``, SE-PR, and DS-CO (sceptical complete = grounded).

    python bench/scaling.py            # 1,000 .. 16,000 nodes; pairs up to 40 (a few minutes)
    python bench/scaling.py --quick    # 1,000 .. 4,000 nodes; pairs up to 40
    python bench/scaling.py --only analyze --sizes 1000,2000,4000,8000   # analyze, cruxes included
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SEED = 20251125


# -- map families, as YAML text ----------------------------------------------------------
def _node(nid: str, text: str, rel: str | None = None, targets: list[str] = ()) -> list[str]:
    out = [f"  - id: {nid}", f'    text: "{text}"', "    by: Bench Author"]
    if rel and targets:
        out.append(f"    {rel}: [{', '.join(targets)}]")
    return out


def ring_map(n: int) -> str:
    lines = [f"map: ring-{n}", "nodes:"]
    for i in range(n):
        lines += _node(f"ring-{i:05d}", f"Claim {i} says the previous one is wrong.", "attacks", [f"ring-{(i + 1) % n:05d}"])
    return "\n".join(lines) + "\n"


def tree_map(n: int) -> str:
    rng = random.Random(SEED + 3 * n)
    lines = [f"map: tree-{n}", "nodes:"]
    for i in range(n):
        parent = [f"tree-{rng.randrange(i):05d}"] if i else []
        lines += _node(f"tree-{i:05d}", f"Reply {i} to an earlier claim.", rng.choice(["attacks", "attacks", "supports"]), parent)
    return "\n".join(lines) + "\n"


def random_map(n: int, dangling: bool = False) -> str:
    rng = random.Random(SEED + n)
    ids = [f"claim-{i:05d}-" + rng.choice(["power", "takeoff", "risk", "oversight", "labs"]) for i in range(n)]
    lines = [f"map: random-{n}", "nodes:"]
    for i, nid in enumerate(ids):
        if i == 0:
            lines += _node(nid, "The root claim of the debate.")
            continue
        rel = rng.choice(["supports", "attacks", "attacks"])
        targets = [ids[rng.randrange(max(0, i - 50), i)]]
        if rng.random() < 0.15:  # an attack back up or across: cycles happen
            other = ids[rng.randrange(n)]
            if other not in targets and other != nid:
                targets.append(other)
                rel = "attacks"
        if dangling and i % 4 == 0:  # a misspelt target: "did you mean" must find it
            t = targets[0]
            targets = [t[:7] + t[8:]]
        lines += _node(nid, f"Reply number {i} to an earlier node, with a few words of text.", rel, targets)
    return "\n".join(lines) + "\n"


# -- the measured steps ------------------------------------------------------------------
def step_analyze(folder: Path):
    import argmap
    from argmap.analysis import analyze
    from argmap.evaluation import evaluate
    from argmap.graph import build
    from argmap.report import analysis_report

    project, diags = argmap.check(folder)
    G = build(project)
    ev = evaluate(G)
    result = analyze(G, ev)
    text = analysis_report(G, result, evaluation=ev, full=False)
    return f"{len(json.dumps(result.to_dict()))} chars; crux flips {result.cruxes[0][1] if result.cruxes else 0}; {len(text)}"


def step_check(folder: Path):
    import argmap

    _, diags = argmap.check(folder)
    hinted = sum(1 for d in diags if d.code == "dangling" and (d.hint or "").startswith("did you mean"))
    return hinted


def step_parts(folder: Path):
    import argmap
    from argmap.export.dot import export as export_dot
    from argmap.graph import build, map_view, split

    project, _ = argmap.check(folder)
    G = build(project)
    total = 0
    for m in project.maps:
        for _, P in split(map_view(G, m.name), 16):
            total += len(export_dot(P))
    return total


def step_split(folder: Path):
    import argmap
    from argmap.graph import build, map_view, split

    project, _ = argmap.check(folder)
    G = build(project)
    H = map_view(G, project.maps[0].name)
    t0 = time.perf_counter()
    parts = split(H, 16)
    return f"{len(parts)} parts, split {time.perf_counter() - t0:.3f} s"


def step_fmt(folder: Path):
    from argmap.fmt import format_paths

    return len(format_paths(sorted(folder.glob("*.yaml")), check=True))


FAMILIES = [
    ("analyze ring", ring_map, step_analyze),
    ("analyze tree", tree_map, step_analyze),
    ("analyze random", random_map, step_analyze),
    ("check dangling", lambda n: random_map(n, dangling=True), step_check),
    ("build --parts", random_map, step_parts),
    ("  of which split", random_map, step_split),
    ("fmt --check", random_map, step_fmt),
]


#: A step slower than this is not traced for memory, and its family stops growing.
SLOW = 20.0


def measure(fn, *args, runs: int = 2, budget: float = 5.0):
    best, spent, k, result = float("inf"), 0.0, 0, None
    while k < runs and (k == 0 or spent < budget):
        gc.collect()
        t0 = time.perf_counter()
        result = fn(*args)
        dt = time.perf_counter() - t0
        best, spent, k = min(best, dt), spent + dt, k + 1
    if best > SLOW:
        return best, None, result
    gc.collect()
    tracemalloc.start()
    fn(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return best, peak, result


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    fmt = lambda r: "  ".join(str(x).rjust(w) for x, w in zip(r, widths))  # noqa: E731
    return "\n".join([fmt(headers), fmt(["-" * w for w in widths]), *map(fmt, rows)])


def scaling(sizes: list[int], only: str | None = None) -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="argmap-scaling-") as tmp:
        for name, make, step in FAMILIES:
            if only and not name.strip().startswith(only):
                continue
            prev = None
            for n in sizes:
                if prev and prev[0] > SLOW:
                    rows.append([name, f"{n:,}", "skipped", "", "", "", f"previous size took > {SLOW:.0f} s"])
                    continue
                folder = Path(tmp) / f"{name.strip().replace(' ', '-')}-{n}"
                folder.mkdir()
                (folder / "map.yaml").write_text(make(n), encoding="utf-8")
                secs, peak, result = measure(step, folder)
                t_ratio = f"{secs / prev[0]:.2f}" if prev else ""
                m_ratio = f"{peak / prev[1]:.2f}" if prev and peak and prev[1] else ""
                mb = f"{peak / 2**20:.1f}" if peak else "-"
                rows.append([name, f"{n:,}", f"{secs:.3f}", t_ratio, mb, m_ratio, str(result)])
                print(f"  {name} {n}: {secs:.3f} s", file=sys.stderr, flush=True)
                prev = (secs, peak)
    print("Scaling (ratio = this size / previous size; 2.0 per doubling is linear, 4.0 quadratic)")
    print(table(["family", "nodes", "seconds", "x time", "peak MB", "x mem", "result"], rows))


def pairs(ks: list[int]) -> None:
    from argmap.afio import solve
    from argmap.semantics import AF, statuses

    import argmap
    from argmap.analysis import analyze
    from argmap.graph import build

    rows = []
    tmp = tempfile.TemporaryDirectory(prefix="argmap-pairs-")
    for k in ks:
        folder = Path(tmp.name) / f"pairs-{k}"
        folder.mkdir()
        lines = [f"map: pairs-{k}", "nodes:"]
        for i in range(k):
            lines += _node(f"a{i}", f"A{i} holds.", "attacks", [f"b{i}", "t"])
            lines += _node(f"b{i}", f"B{i} holds.", "attacks", [f"a{i}"])
        lines += _node("t", "T holds.", "attacks", ["u"]) + _node("u", "U holds.")
        (folder / "map.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

        def analyze_map():
            project, _ = argmap.check(folder)
            from argmap.settings import Settings

            return analyze(build(project), Settings(semantics="preferred")).status["u"]

        att = [(f"a{i}", f"b{i}") for i in range(k)] + [(f"b{i}", f"a{i}") for i in range(k)]
        att += [(f"a{i}", "t") for i in range(k)] + [("t", "u")]
        af = AF.from_edges(att)
        cells = []
        for fn in (
            analyze_map,
            lambda: statuses(af, "preferred")["t"],
            lambda: solve(af, "PR", "DS", "t"),
            lambda: solve(af, "PR", "DC", "t"),
            lambda: len(solve(af, "PR", "SE")),
            lambda: solve(af, "CO", "DS", "u"),
            lambda: statuses(af, "stable")["u"],
        ):
            t0 = time.perf_counter()
            out = fn()
            cells.append(f"{time.perf_counter() - t0:.3f} ({out})")
        rows.append([str(k), f"2^{k}", *cells])
    tmp.cleanup()
    print("Mutual-attack pairs: seconds (answer); 14 pairs took > 120 s and 3.8 GB before")
    print(table(["pairs", "preferred exts", "analyze PR map (u)", "statuses PR (t)", "DS-PR t", "DC-PR t", "SE-PR (chars)", "DS-CO u", "statuses ST (u)"], rows))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sizes 1,000 .. 4,000 only")
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], help="comma-separated node counts")
    ap.add_argument("--only", metavar="PREFIX", help="only the families whose name starts so (e.g. analyze); no pairs table")
    args = ap.parse_args(argv)
    sizes = args.sizes or ([1000, 2000, 4000] if args.quick else [1000, 2000, 4000, 8000, 16000])
    print(f"Python {sys.version.split()[0]}; sizes {', '.join(map(str, sizes))}\n")
    scaling(sizes, args.only)
    if not args.only:
        print()
        pairs([10, 14, 20, 30, 40])
    return 0


if __name__ == "__main__":
    sys.exit(main())
