#!/usr/bin/env python3
"""Benchmark of `argmap import`: the 964-claim Kialo debate imported, checked and one part drawn.

Steps are timed in this process (best of K runs); the end-to-end figure is a fresh
Python process doing all of it once (start-up and imports included), as a user running
`argmap import` then `argmap render` would see it.  The embedded Graphviz is timed
warm (its compiled module is in argmap's disk cache; a warm-up render is made first).
The target is well under two seconds end to end.

    python bench/import.py            # the 964-claim debate, best of 5
    python bench/import.py --runs 3 --file other-kialo-export.txt
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared/corpus/kialo/edoguido-Kialo-Parser/test/free-speech-on-the-internet-should-internet-companies-deny-service-to-white-supremacists-2867.txt"

#: The whole job, run in a fresh process for the end-to-end figure and step by step here.
JOB = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    t0 = time.perf_counter()
    from argmap.importers import import_to
    import argmap
    from argmap.graph import build, split
    from argmap.pipeline import draw
    from argmap.settings import Settings
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    import_to([source], out)
    project, diags = argmap.check(out)
    assert not [d for d in diags if d.is_error], diags[:3]
    G = build(project)
    root, part = split(G, 16)[0]
    settings = Settings(engine="embedded")
    svg = draw(part, "svg", settings.replace(rankdir=settings.parts_rankdir, stagger=0))
    assert svg.startswith(b"<?xml") or b"<svg" in svg[:400]
    print(f"{time.perf_counter() - t0:.4f} {len(project.maps[0].nodes)} {part.number_of_nodes()}")
    """
)


def best(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not args.file.is_file():
        sys.exit(f"Error: {args.file} not found (the shared corpus lives in ../shared/corpus)")

    import argmap
    from argmap.graph import build, split
    from argmap.importers import import_to, map_yaml, read_file
    from argmap.pipeline import draw
    from argmap.settings import Settings

    settings = Settings(engine="embedded")
    part_settings = settings.replace(rankdir=settings.parts_rankdir, stagger=0)
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        m = read_file(args.file)
        rows.append(("read Kialo text -> model (checked)", best(lambda: read_file(args.file), args.runs)))
        rows.append(("model -> YAML text", best(lambda: map_yaml(m), args.runs)))
        counter = iter(range(10**6))
        rows.append(("import_to: read, check in folder, write", best(lambda: import_to([args.file], tmp / f"w{next(counter)}"), args.runs)))
        out = tmp / "maps"
        import_to([args.file], out)
        rows.append(("argmap.check (load + validate)", best(lambda: argmap.check(out), args.runs)))
        project, _ = argmap.check(out)
        rows.append(("build graph + split into parts", best(lambda: split(build(project), 16), args.runs)))
        G = build(project)
        root, part = split(G, 16)[0]
        draw(part.copy(), "svg", part_settings)  # warm the embedded engine's module cache
        rows.append((f"draw part '{root[:30]}' ({part.number_of_nodes()} nodes) as SVG", best(lambda: draw(part.copy(), "svg", part_settings), args.runs)))
        in_process = sum(t for _, t in rows)

        e2e, inside = [], []
        for i in range(max(1, min(args.runs, 3))):
            start = time.perf_counter()
            run = subprocess.run([sys.executable, "-c", JOB, str(args.file), str(tmp / f"e2e{i}")],
                                 capture_output=True, text=True, cwd=ROOT)
            e2e.append(time.perf_counter() - start)
            if run.returncode != 0:
                sys.exit(f"Error: the end-to-end job failed:\n{run.stderr[-2000:]}")
            inside.append(float(run.stdout.split()[0]))
        claims, part_nodes = run.stdout.split()[1:3]

    print(f"argmap import benchmark: {args.file.name} ({claims} claims; part of {part_nodes} nodes drawn)")
    print(f"Python {sys.version.split()[0]}, best of {args.runs}\n")
    width = max(len(name) for name, _ in rows) + 2
    print(f"{'step':<{width}}{'seconds':>9}{'share':>8}")
    for name, t in rows:
        print(f"{name:<{width}}{t:>9.3f}{t / in_process:>8.0%}")
    print(f"{'sum of steps (in process)':<{width}}{in_process:>9.3f}{1:>8.0%}")
    e2e_best = min(e2e)
    print(f"{'fresh process: imports + all steps':<{width}}{min(inside):>9.3f}{min(inside) / in_process:>7.1f}x")
    print(f"{'end to end: interpreter start to exit':<{width}}{e2e_best:>9.3f}{e2e_best / in_process:>7.1f}x")
    print(f"\ntarget: under 2 s end to end -> {e2e_best / 2:.0%} of the budget")


if __name__ == "__main__":
    main()
