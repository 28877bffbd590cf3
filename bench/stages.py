#!/usr/bin/env python3
"""The stage budget: what each step of drawing a map costs, and the goals a person waiting feels.

Two tables, every figure from this one run:

1. **Stages** (in one process, imports done; CPU time): for maps of 100, 1,000 and 10,000
   nodes, the time and peak memory of each stage — load (read + YAML + model),
   check (validate), graph (networkx), evaluate (statuses for the folder), DOT
   (text), layout (Graphviz: system ``dot -Tsvg``, else the embedded engine) and SVG
   finishing — the whole render against the layout floor, and the growth per
   doubling of the size (``x2.0`` is linear, ``x2.2`` about n log n).  Times are the
   best CPU time of 3 runs (one above 1,000 nodes), ``dot``'s own CPU time for the
   system layout; memory is
   the stage's peak above what it started with (tracemalloc, a separate run), for
   layout the ``dot`` process's peak or the WebAssembly instance's memory.
2. **Goals** (whole processes, as a person starts them): each command run in turn
   with its yardstick, A B A B ..., the ratio taken pair by pair, the median shown
   (cpu = user + system of the process and its children, so a busy machine moves it
   less than wall time).  ``argmap`` runs from this Python's ``bin``; the package's
   bytecode is compiled first, as an installed package's is.

    python bench/stages.py                      # sizes 100,1000,10000; layout up to 1,000 nodes
    python bench/stages.py --quick              # sizes 100,1000; fewer paired runs
    python bench/stages.py --layout-max 10000   # also lay out 10,000 nodes (minutes)
    python bench/stages.py --json bench/stages.json   # keep the figures (README and docs are made from them)

``make bench`` runs it with ``--json bench/stages.json``; ``make readme`` then puts the
summary in README.md and the full tables in docs/performance.md (cog, from that file).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
ARGMAP = str(BIN / "argmap")
STAGES = ["load", "check", "graph", "evaluate", "DOT", "layout", "SVG finishing"]
#: the stages of `argmap render` (evaluate runs only for --color-by status)
RENDER = ["load", "check", "graph", "DOT", "layout", "SVG finishing"]


# -- maps ----------------------------------------------------------------------------------
def generate_map(n: int, prefix: str = "", seed_offset: int = 0) -> str:
    """A synthetic debate of ``n`` nodes (bench/pipeline.py's), its ids and map name prefixed."""
    import re

    sys.path.insert(0, str(HERE))
    try:
        from pipeline import SEED, generate_map as generate
    finally:
        sys.path.remove(str(HERE))
    text = generate(n, SEED + seed_offset)
    if prefix:
        text = text.replace(f"map: bench-{n}", f"map: {prefix}", 1)
        text = re.sub(r"\bn(\d{5}-)", rf"{prefix}-n\1", text)  # every id and every target
    return text


def make_folder(base: Path, n: int, files: int = 1) -> Path:
    """A folder of ``files`` maps of ``n / files`` nodes each."""
    folder = base / f"maps-{n}-{files}"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        name = f"part{i:02d}" if files > 1 else ""
        text = generate_map(n // files, name, seed_offset=i)
        (folder / f"{name or f'bench-{n}'}.yaml").write_text(text, encoding="utf-8")
    return folder


# -- stages in one process -----------------------------------------------------------------
def _timed(fn, runs: int):
    """Best CPU seconds of ``runs`` calls (CPU, not wall: ~8 processes share these 2 cores) and the result."""
    best, result = float("inf"), None
    for _ in range(runs):
        t0 = time.process_time()
        result = fn()
        best = min(best, time.process_time() - t0)
    return best, result


def _peak(fn) -> tuple[float, object]:
    """MB above the start that ``fn`` allocated at most (Python objects, tracemalloc)."""
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return (peak - before) / 1e6, result


def _dot_system(dot: str) -> tuple[bytes, float, float]:
    """``dot -Tsvg``: the SVG, the process's peak resident memory (MB) and its CPU seconds."""
    import threading

    proc = subprocess.Popen([shutil.which("dot"), "-Tsvg"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: chunks.append(proc.stdout.read()))
    reader.start()
    proc.stdin.write(dot.encode("utf-8"))
    proc.stdin.close()
    reader.join()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)  # reaped here, for this process's own peak
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"dot failed ({proc.returncode})")
    return chunks[0], usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def stage_figures(folder: Path, engine: str, runs: int, layout: bool) -> dict:
    """Seconds and peak MB of each stage for the maps in ``folder``."""
    from argmap.evaluation import evaluate as evaluate_folder
    from argmap.export.dot import export as export_dot
    from argmap.svgfinish import finish
    from argmap.graph import build
    from argmap.loader import load_bytes
    from argmap.model import Project
    from argmap.perf import gc_paused
    from argmap.fsutil import read_bytes
    from argmap.project import discover
    from argmap.render import _embedded_backend, _render_embedded
    from argmap.settings import Settings
    from argmap.validate import validate

    found, _ = discover([folder])
    drawing, by_status = Settings(), Settings(color_by="status")

    def load():
        return [load_bytes(read_bytes(f.path)[0], str(f.path), default_map=f.path.stem)[0] for f in found]

    maps = load()
    project = Project(tuple(maps))
    steps = {
        "load": load,
        "check": lambda: validate(project),
        "graph": lambda: build(project),
    }
    G = build(project)
    dot = export_dot(G, drawing)
    out = {}
    for name, fn in steps.items():
        out[name] = {"s": _timed(fn, runs)[0], "mb": _peak(fn)[0]}

    def evaluate():
        H = build(project)
        t0 = time.process_time()
        with gc_paused():
            evaluate_folder(H, by_status)
        return time.process_time() - t0

    out["evaluate"] = {"s": min(evaluate() for _ in range(runs)), "mb": _peak(lambda: evaluate_folder(build(project), by_status))[0]}
    out["DOT"] = {"s": _timed(lambda: export_dot(G, drawing), runs)[0], "mb": _peak(lambda: export_dot(G, drawing))[0]}
    if layout:
        k = runs if G.number_of_nodes() <= 1000 else 1
        if engine == "system":
            laid = [_dot_system(dot) for _ in range(k)]
            t, svg, rss = min(cpu for _, _, cpu in laid), laid[0][0], max(mb for _, mb, _ in laid)
        else:
            _render_embedded("digraph { a -> b }")  # the compiled module loaded, as in a running watch
            t, svg = _timed(lambda: _render_embedded(dot), k)
            backend = _embedded_backend()
            rss = backend.memory_bytes() / 1e6
        out["layout"] = {"s": t, "mb": rss}
        out["SVG finishing"] = {"s": _timed(lambda: finish(svg), runs)[0], "mb": _peak(lambda: finish(svg))[0]}
    else:
        out["layout"] = out["SVG finishing"] = None
    out["nodes"] = G.number_of_nodes()
    out["dot_bytes"] = len(dot)
    return out


# -- whole processes, paired --------------------------------------------------------------
def run_once(cmd: list[str], env=None) -> tuple[float, float]:
    """Wall and cpu seconds of one process (cpu: user + system, its waited-for children included)."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {err.read().decode(errors='replace')[-600:]}")
    return wall, usage.ru_utime + usage.ru_stime


def paired(a: list[str], b: list[str], runs: int, env=None) -> dict:
    """A and B in turn (after one warm-up each); medians and the median of the pairwise ratios."""
    run_once(a, env=env), run_once(b, env=env)
    rows = [(run_once(a, env=env), run_once(b, env=env)) for _ in range(runs)]
    med = statistics.median
    return {
        "runs": runs,
        "a_wall": med(x[0][0] for x in rows), "a_cpu": med(x[0][1] for x in rows),
        "b_wall": med(x[1][0] for x in rows), "b_cpu": med(x[1][1] for x in rows),
        "wall_ratio": med(x[0][0] / x[1][0] for x in rows), "cpu_ratio": med(x[0][1] / x[1][1] for x in rows),
    }


EMBEDDED_ALONE = (
    "import sys\n"
    "{extra}"
    "from argmap.render import _render_embedded\n"
    "sys.stdout.buffer.write(_render_embedded(open(sys.argv[1], encoding='utf-8').read()))\n"
)


def watch_redraw(folder: Path, runs: int) -> dict:
    """After one edit to one file of ``folder``, the time to write the new drawing, against its layout alone.

    The watch's own step (:func:`argmap.watch.build_once`) in this process, as a
    running ``argmap watch`` does it: the first drawing made, then ``runs`` edits.
    """
    from argmap.export.dot import export as export_dot
    from argmap.graph import build
    from argmap.project import open_checked
    from argmap.render import _render_embedded
    from argmap.settings import Settings
    from argmap.watch import build_once

    out = folder.parent / "watch.svg"
    first = build_once(folder, out, "svg")
    assert first.ok, first.message
    target = sorted(folder.glob("*.yaml"))[0]
    original = target.read_text(encoding="utf-8")
    redraw, floor = [], []
    try:
        for i in range(runs):
            target.write_text(original.replace("text: \"", f"text: \"Edit {i}: ", 1), encoding="utf-8")
            t0 = time.process_time()
            event = build_once(folder, out, "svg")
            redraw.append(time.process_time() - t0)
            assert event.ok and event.changed, event.message
            dot = export_dot(build(open_checked([folder]).project), Settings())
            t0 = time.process_time()
            _render_embedded(dot)
            floor.append(time.process_time() - t0)
    finally:
        target.write_text(original, encoding="utf-8")
    med = statistics.median
    return {"runs": runs, "a_cpu": med(redraw), "b_cpu": med(floor),
            "cpu_ratio": med(a / b for a, b in zip(redraw, floor))}


def goals(base: Path, runs: int, big: Path, huge: Path | None, watch_folder: Path) -> list[dict]:
    py = sys.executable
    seed = ROOT / "arguments" / "takeoff.yaml"
    seed_dot, big_dot = base / "takeoff.dot", base / "big.dot"
    subprocess.run([ARGMAP, "render", str(seed), "-o", str(seed_dot)], check=True, capture_output=True)
    subprocess.run([ARGMAP, "render", str(big), "-o", str(big_dot)], check=True, capture_output=True)
    alone = base / "embedded_alone.py"
    alone.write_text(EMBEDDED_ALONE.format(extra=""), encoding="utf-8")
    with_nx = base / "networkx_and_embedded.py"
    with_nx.write_text(EMBEDDED_ALONE.format(extra="import networkx  # noqa\n"), encoding="utf-8")
    pass_ = [py, "-c", "pass"]
    rows = [
        ("`argmap --help`", [ARGMAP, "--help"], pass_, "a_cpu", 0.080, "≤ 80 ms"),
        ("`argmap check` of a seed map", [ARGMAP, "check", str(seed)], pass_, "a_cpu", 0.150, "≤ 150 ms"),
        ("`argmap render` of a seed map (embedded)", [ARGMAP, "render", str(seed), "-o", str(base / "seed.svg")],
         [py, str(with_nx), str(seed_dot)], "cpu_ratio", 1.3, "≤ 1.3× import networkx + layout"),
    ]
    big_n = _nodes(big)
    if shutil.which("dot"):
        rows.append((f"`argmap render` {big_n:,} nodes, system `dot`",
                     [ARGMAP, "render", str(big), "-o", str(base / "big.svg"), "--engine", "system"],
                     ["dot", "-Tsvg", "-o", str(base / "floor.svg"), str(big_dot)], "cpu_ratio", 1.3, "≤ 1.3× `dot -Tsvg`"))
    rows.append((f"`argmap render` {big_n:,} nodes, embedded",
                 [ARGMAP, "render", str(big), "-o", str(base / "big.svg"), "--engine", "embedded"],
                 [py, str(alone), str(big_dot)], "cpu_ratio", 1.3, "≤ 1.3× embedded engine alone"))
    if huge is not None:
        rows.append((f"`argmap analyze` {_nodes(huge):,} nodes (check + analyze)", [ARGMAP, "analyze", str(huge)],
                     pass_, "a_cpu", 2.0, "< 2 s"))
    results = []
    for what, a, b, key, target, goal in rows:
        fig = paired(a, b, runs if "analyze" not in what else max(3, runs // 3))
        results.append({"what": what, "goal": goal, "key": key, "target": target, **fig,
                        "met": fig[key] <= target})
        print(f"  measured: {what}", file=sys.stderr, flush=True)
    fig = watch_redraw(watch_folder, max(3, runs // 2))
    results.append({"what": f"`watch`: new drawing after one edit ({_nodes(watch_folder):,} nodes, 10 files)",
                    "goal": "≤ 1.3× its layout", "key": "cpu_ratio", "target": 1.3, **fig, "met": fig["cpu_ratio"] <= 1.3})
    return results


def _nodes(path: Path) -> int:
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return sum(f.read_text(encoding="utf-8").count("\n  - id: ") for f in files)


# -- tables --------------------------------------------------------------------------------
def _ms(s) -> str:
    if s is None:
        return "—"
    return f"{s * 1000:,.0f} ms" if s < 10 else f"{s:,.1f} s"


def _mb(mb) -> str:
    return "—" if mb is None else f"{mb:,.1f} MB"


def growth(t1: float, t2: float, n1: int, n2: int) -> float:
    """The factor per doubling of the size: ``(t2 / t1) ** (log 2 / log(n2 / n1))``."""
    return (t2 / t1) ** (math.log(2) / math.log(n2 / n1))


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def stage_table(data: dict) -> str:
    sizes = data["sizes"]
    figs = {int(k): v for k, v in data["stages"].items()}
    header = ["stage"] + [f"{n:,} nodes" for n in sizes] + ["per doubling"]
    rows = []

    def grow(values):
        pairs = [(n, v) for n, v in zip(sizes, values) if v]
        if len(pairs) < 2:
            return "—"
        (n1, v1), (n2, v2) = pairs[-2], pairs[-1]
        return f"×{growth(v1, v2, n1, n2):.2f}"

    for stage in STAGES:
        cells, times = [], []
        for n in sizes:
            f = figs[n].get(stage)
            cells.append("not run" if f is None else f"{_ms(f['s'])}, {_mb(f['mb'])}")
            times.append(None if f is None else f["s"])
        label = f"layout ({data['engine']})" if stage == "layout" else stage
        rows.append([label] + cells + [grow(times)])
    totals, ratios = [], []
    for n in sizes:
        f = figs[n]
        if f.get("layout") is None:
            totals.append(None), ratios.append(None)
            continue
        total = sum(f[s]["s"] for s in RENDER)
        totals.append(total), ratios.append(total / f["layout"]["s"])
    rows.append(["render (all but evaluate)"] + [_ms(t) for t in totals] + [grow(totals)])
    rows.append(["render / layout floor"] + ["—" if r is None else f"{r:.2f}×" for r in ratios] + [""])
    return _markdown_table(header, rows)


def goal_table(data: dict, short: bool = False) -> str:
    rows = []
    for g in data["goals"]:
        value = g[g["key"]]
        got = f"{value:.2f}×" if g["key"].endswith("ratio") else f"{_ms(value)} ({value / g['b_cpu']:.1f}× `python -c pass`)"
        if g["key"] == "cpu_ratio" and "a_wall" in g:
            detail = f"{_ms(g['a_cpu'])} vs {_ms(g['b_cpu'])} cpu; wall {g['wall_ratio']:.2f}×"
        elif g["key"] == "cpu_ratio":
            detail = f"{_ms(g['a_cpu'])} vs {_ms(g['b_cpu'])} cpu (in one process)"
        else:
            detail = f"{_ms(g['a_wall'])} wall; `python -c pass` {_ms(g['b_cpu'])} cpu, {_ms(g['b_wall'])} wall"
        rows.append([g["what"], g["goal"], got, "yes" if g["met"] else "**no**"] + ([] if short else [detail]))
    return _markdown_table(["", "goal", "measured (cpu)", "met"] + ([] if short else ["medians"]), rows)


def machine_line(data: dict) -> str:
    m = data["machine"]
    return (f"Measured {data['date']} on {m['cores']} cores ({m['python']}, {m['system']}, Graphviz `dot` "
            f"{m['dot'] or 'absent'}), {data['runs']} paired runs; cpu ratios where the goal is a ratio.")


def summary(path: Path | str = HERE / "stages.json") -> str:
    """The README's short table (cog)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return goal_table(data, short=True) + "\n" + machine_line(data) + "\n"


def full(path: Path | str = HERE / "stages.json") -> str:
    """docs/performance.md's tables (cog)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return (goal_table(data) + "\n" + machine_line(data) + "\n\n" + "Stages (one process, imports done; "
            "CPU time, peak memory):\n\n" + stage_table(data))


# -- main ----------------------------------------------------------------------------------
def _dot_version() -> str | None:
    if not shutil.which("dot"):
        return None
    out = subprocess.run(["dot", "-V"], capture_output=True, text=True).stderr
    return out.split("version", 1)[-1].split("(")[0].strip() or out.strip()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100,1000,10000", help="node counts [default: %(default)s]")
    ap.add_argument("--quick", action="store_true", help="sizes 100,1000 and 5 paired runs")
    ap.add_argument("--layout-max", type=int, default=1000, help="lay out maps up to this many nodes [default: %(default)s]")
    ap.add_argument("--runs", type=int, default=11, help="paired runs per goal, best-of runs per stage [default: %(default)s]")
    ap.add_argument("--engine", choices=["system", "embedded"], default=None,
                    help="layout engine of the stage table [default: system if `dot` is installed]")
    ap.add_argument("--no-goals", action="store_true", help="the stage table only")
    ap.add_argument("--json", metavar="FILE", help="also write the figures here (README and docs/performance.md read bench/stages.json)")
    args = ap.parse_args(argv)
    sizes = [100, 1000] if args.quick else [int(s) for s in args.sizes.split(",")]
    runs = 5 if args.quick else args.runs
    engine = args.engine or ("system" if shutil.which("dot") else "embedded")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__import__("argmap").__file__).parent)],
                   check=False, capture_output=True)  # as an installed package: bytecode on disk
    data = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "system": platform.system(),
                    "dot": _dot_version()},
        "sizes": sizes, "engine": engine, "runs": runs, "stages": {}, "goals": [],
    }
    with tempfile.TemporaryDirectory(prefix="argmap-stages-") as tmp:
        base = Path(tmp)
        for n in sizes:
            folder = make_folder(base, n)
            data["stages"][str(n)] = stage_figures(folder, engine, 3 if n <= 1000 else 1, n <= args.layout_max)
            print(f"  measured stages at {n:,} nodes", file=sys.stderr, flush=True)
        print("\nStages (one process, imports done; CPU time, peak memory)\n")
        print(stage_table(data))
        if not args.no_goals:
            big = make_folder(base, 1000) / "bench-1000.yaml"
            huge = make_folder(base, 10000) if 10000 in sizes else None
            data["goals"] = goals(base, runs, big, huge, make_folder(base, 1000, files=10))
            print("Goals (whole processes, paired runs, medians)\n")
            print(goal_table(data))
            print(machine_line(data))
    if args.json:
        Path(args.json).write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
