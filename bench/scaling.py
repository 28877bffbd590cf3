#!/usr/bin/env python3
"""Does the work grow linearly? Every command on big and hostile inputs (issues 10 and 23).

The main table runs every command in a fresh process (``python -m argmap.cli``) with a
time cap (120 s of wall time by default), on generated inputs from 1,000 to 32,000 nodes:

shapes     ``ring`` (one cycle of attacks), ``grid`` (each cell attacks its right and lower
           neighbour), ``tree`` (a ternary reply tree), ``random`` (a reply forest with
           attacks back up and across), ``star`` (one claim answered by all), ``sources``
           (every node cites a source of its own; the sources are one long reply thread),
           ``relrel`` (half the nodes object to the links of the other half); and one
           unresolved name among many: ``bad-id`` (a misspelt target), ``bad-source``,
           ``bad-reply`` (a misspelt ``replies_to``), ``bad-relation`` (an ``a->b`` that
           no map defines)
commands   ``check``; ``analyze --json`` under grounded, preferred, dfquad and
           quadratic-energy; ``build --parts 16 --format dot`` (DOT files written,
           but each part is still laid out by the embedded Graphviz to pick the layout that
           fits a column); ``html`` (the page draws every part); ``import``
           of generated Argdown (a tree, and one line of many ``{``), Kialo, AIF-JSON and
           arg-microtext (a chain with undercuts) files

Each cell is the command's CPU seconds (user + system: on a shared machine the wall
time also counts other processes' turns; the notes give the wall time at the largest
size), then the growth per doubling (2.0 is linear, 4.0 quadratic) and the peak RSS.
A command past the cap stops its row.

``--in-process`` prints the library work the test suite times (tests/test_scaling.py):
``argmap.check``, the gradual strengths, ``graph.split`` and ``import_files``, without
start-up, crux search or Graphviz.  ``--library`` adds the older in-process tables (the
families of issue 10 and the mutual-attack pairs).

    python bench/scaling.py                        # every command, 1,000 .. 32,000 nodes (hours)
    python bench/scaling.py --quick                # 1,000 .. 4,000
    python bench/scaling.py --only check --sizes 1000,2000,4000
    python bench/scaling.py --in-process           # the library cases the tests time

``--library`` families (in this process, eval's description):

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
import math
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Callable

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
    """The in-process families of issue 10 (``--library``): analyze (cruxes included) on a ring,
    a tree and a random map, check with every fourth target misspelt, build --parts without layout,
    ``graph.split`` alone and ``fmt --check``; seconds and peak traced memory per size."""
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


# == every command, in its own process, on every shape (issue 23) ==========================
#
# Each shape is a function ``(n, folder) -> path`` that writes a generated input of about
# ``n`` nodes into ``folder`` and returns what the command reads (the folder, or an
# importer's input file).  Shapes whose name starts with "bad-" hold exactly one unresolved
# name among valid ones: ``check`` must find it, with its "did you mean", in linear time.

TEXT = "Reply number {i}, a claim of a few words about the question at hand."


def _write_map(folder: Path, name: str, nodes: list[str], sources: list[str] = ()) -> Path:
    head = [f"map: {name}"]
    if sources:
        head += ["sources:", *sources]
    (folder / "map.yaml").write_text("\n".join([*head, "nodes:", *nodes]) + "\n", encoding="utf-8")
    return folder


def _nid(i: int) -> str:
    return f"claim-{i:05d}-" + ("power", "takeoff", "risk", "oversight", "labs")[i % 5]


def shape_ring(n: int, folder: Path) -> Path:
    """One cycle of attacks: every node UNDEC, one strongly connected component of n."""
    return _write_map(folder, "ring", [x for i in range(n) for x in _node(_nid(i), TEXT.format(i=i), "attacks", [_nid((i + 1) % n)])])


def shape_grid(n: int, folder: Path) -> Path:
    """A side x side grid; each cell attacks its right and lower neighbour (acyclic, many paths)."""
    side = max(2, math.isqrt(n))
    cell = lambda r, c: _nid(r * side + c)  # noqa: E731
    lines = []
    for r in range(side):
        for c in range(side):
            targets = ([cell(r, c + 1)] if c + 1 < side else []) + ([cell(r + 1, c)] if r + 1 < side else [])
            lines += _node(cell(r, c), TEXT.format(i=r * side + c), "attacks", targets)
    return _write_map(folder, "grid", lines)


def _parent(i: int) -> int:
    return (i - 1) // 3


def shape_tree(n: int, folder: Path) -> Path:
    """A ternary reply tree: node i answers node (i-1)//3, supports and attacks alternating."""
    lines = _node(_nid(0), "The root claim.")
    for i in range(1, n):
        lines += _node(_nid(i), TEXT.format(i=i), ("supports", "attacks")[i % 2], [_nid(_parent(i))])
    return _write_map(folder, "tree", lines)


def shape_random(n: int, folder: Path) -> Path:
    """A random reply forest with attacks back up and across (cycles included)."""
    (folder / "map.yaml").write_text(random_map(n), encoding="utf-8")
    return folder


def shape_star(n: int, folder: Path) -> Path:
    """One claim answered by every other node (one node of in-degree n - 1)."""
    lines = _node(_nid(0), "The claim everyone answers.")
    for i in range(1, n):
        lines += _node(_nid(i), TEXT.format(i=i), ("supports", "attacks", "attacks")[i % 3], [_nid(0)])
    return _write_map(folder, "star", lines)


def _sources(n: int, bad_reply: int | None = None) -> list[str]:
    """n sources in one reply thread (each replies to the one before it): the longest chain."""
    out = []
    for i in range(n):
        out += [f"  src-{i:05d}:", f"    title: Comment {i}", "    author: Bench Author", f"    order: {i}"]
        if i:
            target = f"src-{i - 1:05d}"
            if i == bad_reply:
                target = target[:5] + target[6:]  # one misspelt reply
            out.append(f"    replies_to: {target}")
    return out


def shape_sources(n: int, folder: Path, bad_source: int | None = None, bad_reply: int | None = None) -> Path:
    """A tree whose every node cites a source of its own, the sources in reply threads."""
    lines = []
    for i in range(n):
        src = f"src-{i:05d}"
        if i == bad_source:
            src = src[:5] + src[6:]
        lines += _node(_nid(i), TEXT.format(i=i), *(("supports", [_nid(_parent(i))]) if i else (None, [])))
        lines.append(f"    source: {src}")
    return _write_map(folder, "sources", lines, _sources(n, bad_reply))


def shape_relrel(n: int, folder: Path, bad: int | None = None) -> Path:
    """Half the nodes a chain of supports, the other half each objecting to one of its links."""
    lines = []
    half = n // 2
    for i in range(half):
        lines += _node(_nid(2 * i), TEXT.format(i=2 * i), *(("supports", [_nid(2 * i - 2)]) if i else (None, [])))
    for i in range(half):
        link = f"{_nid(2 * i)}->{_nid(2 * i - 2)}" if i else f"{_nid(2)}->{_nid(0)}"
        if i == bad:
            link = link[:-3] + link[-2:]  # one objection to a link that no map defines
        lines += _node(_nid(2 * i + 1), TEXT.format(i=2 * i + 1)) + ["    attacks:", f"      - to: {link}"]
    return _write_map(folder, "relrel", lines)


def shape_bad_id(n: int, folder: Path) -> Path:
    """The tree, with one relation aimed at a misspelt id."""
    shape_tree(n, folder)
    p = folder / "map.yaml"
    bad = _nid(_parent(n // 2))
    text = p.read_text(encoding="utf-8").replace(f"[{bad}]", f"[{bad[:7] + bad[8:]}]", 1)
    p.write_text(text, encoding="utf-8")
    return folder


SHAPES: dict[str, Callable[[int, Path], Path]] = {
    "ring": shape_ring,
    "grid": shape_grid,
    "tree": shape_tree,
    "random": shape_random,
    "star": shape_star,
    "sources": shape_sources,
    "relrel": shape_relrel,
    "bad-id": shape_bad_id,
    "bad-source": lambda n, f: shape_sources(n, f, bad_source=n // 2),
    "bad-reply": lambda n, f: shape_sources(n, f, bad_reply=n // 2 + 1),
    "bad-relation": lambda n, f: shape_relrel(n, f, bad=n // 4),
}
VALID = ["ring", "grid", "tree", "random", "star", "sources", "relrel"]
BAD = ["bad-id", "bad-source", "bad-reply", "bad-relation"]


# -- importer inputs: n statements each ------------------------------------------------------
def input_argdown(n: int, folder: Path) -> Path:
    """A tree of n statements, each relation written under its source (Argdown's own layout)."""
    out = ["[s0]: The root statement."]
    for i in range(1, n):
        out += ["", f"[s{i}]: {TEXT.format(i=i)}", f"  {('+>', '->')[i % 2]} [s{_parent(i)}]"]
    p = folder / "tree.argdown"
    p.write_text("\n".join(out) + "\n", encoding="utf-8")
    return p


def input_argdown_braces(n: int, folder: Path) -> Path:
    """One statement whose text has n ``{`` before one closing ``}`` (a data block that is not)."""
    p = folder / "braces.argdown"
    p.write_text("[s0]: " + "a {b " * n + "}\n\n[s1]: Another.\n  - [s0]\n", encoding="utf-8")
    return p


def input_kialo(n: int, folder: Path) -> Path:
    """A ternary Kialo tree of n claims, numbered as Kialo exports them."""
    numbers = ["1"]
    out = ["Discussion Title: A generated debate?", "", "1. The root claim."]
    for i in range(1, n):
        numbers.append(f"{numbers[_parent(i)]}.{(i - 1) % 3 + 1}")
        out.append(f"{numbers[i]}. {('Pro', 'Con')[i % 2]}: {TEXT.format(i=i)}")
    p = folder / "debate-1.txt"
    p.write_text("\n".join(out) + "\n", encoding="utf-8")
    return p


def input_aif(n: int, folder: Path) -> Path:
    """AIF-JSON: n I-nodes in a ternary tree, each reply through an RA or CA node."""
    nodes = [{"nodeID": str(i), "text": TEXT.format(i=i), "type": "I"} for i in range(n)]
    edges = []
    for i in range(1, n):
        s = f"s{i}"
        nodes.append({"nodeID": s, "text": "Default Inference" if i % 2 else "Default Conflict", "type": "RA" if i % 2 else "CA"})
        edges += [{"edgeID": f"e{i}a", "fromID": str(i), "toID": s}, {"edgeID": f"e{i}b", "fromID": s, "toID": str(_parent(i))}]
    p = folder / "debate.json"
    p.write_text(json.dumps({"nodes": nodes, "edges": edges, "locutions": []}, indent=1), encoding="utf-8")
    return p


def input_microtext(n: int, folder: Path) -> Path:
    """arg-microtext: a chain of n ADUs, each supporting the one before; every fourth undercuts an edge."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<arggraph id="chain" topic_id="generated" stance="pro">']
    out += [f'  <edu id="e{i}"><![CDATA[{TEXT.format(i=i)}]]></edu>' for i in range(1, n + 1)]
    out += [f'  <adu id="a{i}" type="{"opp" if i % 4 == 0 else "pro"}"/>' for i in range(1, n + 1)]
    out += [f'  <edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>' for i in range(1, n + 1)]
    for i in range(2, n + 1):
        if i % 4 == 0:
            out.append(f'  <edge id="c{i}" src="a{i}" trg="c{i - 2}" type="und"/>')
        else:
            out.append(f'  <edge id="c{i}" src="a{i}" trg="a{i - 1}" type="sup"/>')
    out.append("</arggraph>")
    p = folder / "chain.xml"
    p.write_text("\n".join(out) + "\n", encoding="utf-8")
    return p


INPUTS: dict[str, Callable[[int, Path], Path]] = {
    "argdown": input_argdown,
    "argdown-braces": input_argdown_braces,
    "kialo": input_kialo,
    "aif": input_aif,
    "microtext": input_microtext,
}


def _analyze(semantics: str):
    return lambda path, out: ["analyze", str(path), "--semantics", semantics, "--json"]


#: (command label, the shapes it runs on, argv builder (input path, scratch folder) -> argv)
COMMANDS: list[tuple[str, list[str], Callable[[Path, Path], list[str]]]] = [
    ("check", VALID + BAD, lambda path, out: ["check", str(path)]),
    ("analyze grounded", VALID, _analyze("grounded")),
    ("analyze preferred", VALID, _analyze("preferred")),
    ("analyze dfquad", VALID, _analyze("dfquad")),
    ("analyze quadratic-energy", VALID, _analyze("quadratic-energy")),
    ("build --parts 16 (dot)", VALID, lambda path, out: ["build", str(path), "-o", str(out / "maps"), "--parts", "16", "--format", "dot", "--force"]),
    ("html", VALID, lambda path, out: ["html", str(path), "-o", str(out / "page.html")]),
    *[(f"import {fmt}", [fmt], lambda path, out: ["import", str(path), "-o", str(out / "imported.yaml")]) for fmt in INPUTS],
]


# -- the same work in this process: what the test suite times at its smallest sizes ------------
def _lib_check(path: Path):
    import argmap

    return len(argmap.check(path)[1])


def _lib_gradual(semantics: str):
    def run(path: Path):
        import argmap
        from argmap.frameworks import gradual_strengths
        from argmap.graph import build

        return len(gradual_strengths(build(argmap.check(path)[0]), semantics)[1])

    return run


def _lib_evaluate(path: Path):
    """The folder's one evaluation, cruxes included (what `analyze` and the page compute)."""
    import argmap
    from argmap.evaluation import evaluate
    from argmap.graph import build

    return len(evaluate(build(argmap.check(path)[0])).flips)


def _lib_parts(path: Path):
    import argmap
    from argmap.graph import build, map_view, split

    project = argmap.check(path)[0]
    return len(split(map_view(build(project), project.maps[0].name), 16))


def _lib_import(path: Path):
    from argmap.importers import import_files

    return len(import_files([path])[0])


#: (label, shape, function of the input path): library calls that ``argmap check``, ``analyze
#: --semantics dfquad|quadratic-energy``, ``build --parts`` and ``import`` make, without the
#: start-up, the crux search or Graphviz (tests/test_scaling.py times these at two sizes).
LIBRARY: list[tuple[str, str, Callable[[Path], object]]] = [
    *[("check", shape, _lib_check) for shape in ("sources", "relrel", *BAD)],
    ("dfquad", "ring", _lib_gradual("dfquad")),
    ("dfquad", "grid", _lib_gradual("dfquad")),
    ("quadratic-energy", "tree", _lib_gradual("quadratic-energy")),
    ("quadratic-energy", "random", _lib_gradual("quadratic-energy")),
    ("split", "tree", _lib_parts),
    ("evaluate", "star", _lib_evaluate),  # a hub every reply attacks: the crux search read all its attackers per trial
    *[("import", fmt, _lib_import) for fmt in INPUTS],
]


def cpu_seconds(fn, arg, runs: int = 3) -> float:
    """Best CPU time of ``fn(arg)`` over ``runs`` (CPU time: other processes on the machine count less)."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        t0 = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - t0)
    return best


def make_input(shape: str, n: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return (SHAPES.get(shape) or INPUTS[shape])(n, folder)


def run_command(argv: list[str], cap: float) -> tuple[float | None, int, str]:
    """CPU seconds of ``argmap ARGV`` in a fresh process (None past ``cap`` seconds of wall
    time), its peak RSS in MB, and a note with the wall time.

    CPU time (user + system, the process and what it waited for) is what is compared: on a
    shared machine the wall time also counts the other processes' turns."""
    import os
    import subprocess
    import threading

    proc = subprocess.Popen([sys.executable, "-m", "argmap.cli", *argv], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    timer = threading.Timer(cap, proc.kill)
    t0 = time.perf_counter()
    timer.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - t0
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    mb = usage.ru_maxrss // 1024
    if secs >= cap or proc.returncode < 0:
        return None, mb, f"> {cap:.0f} s"
    cpu = usage.ru_utime + usage.ru_stime
    text = err.decode("utf-8", "replace")
    if "Traceback" in text:
        return cpu, mb, "TRACEBACK: " + text.strip().splitlines()[-1][:80]
    return cpu, mb, (f"exit {proc.returncode} " if proc.returncode else "") + f"wall {secs:.1f} s"


def commands_table(sizes: list[int], cap: float, only: str | None = None) -> list[dict]:
    """Run every command on every shape at every size; print the table; return the rows."""
    import shutil

    rows = []
    with tempfile.TemporaryDirectory(prefix="argmap-commands-") as tmp:
        root = Path(tmp)
        made: dict[tuple[str, int], Path] = {}  # each input is generated once, for every command
        for label, shapes, argv in COMMANDS:
            for shape in shapes:
                if only and only not in f"{label} {shape}":
                    continue
                row = {"command": label, "shape": shape, "secs": {}, "mb": {}, "notes": {}}
                for n in sizes:
                    case = root / f"{shape}-{n}"
                    if (shape, n) not in made:
                        made[(shape, n)] = make_input(shape, n, case / "in")
                    path = made[(shape, n)]
                    scratch = case / "out"
                    shutil.rmtree(scratch, ignore_errors=True)
                    scratch.mkdir(parents=True)
                    secs, mb, note = run_command(argv(path, scratch), cap)
                    if label == "html" and secs is not None and (scratch / "page.html").exists():
                        note = f"{(scratch / 'page.html').stat().st_size / 2**20:.1f} MB page " + note
                    row["secs"][n], row["mb"][n], row["notes"][n] = secs, mb, note
                    print(f"  {label} {shape} {n}: {'%.2f s' % secs if secs is not None else note} {note if secs is not None else ''}", file=sys.stderr, flush=True)
                    if secs is None:
                        break
                rows.append(row)
    print_commands(rows, sizes, cap)
    return rows


def growth(row: dict, sizes: list[int]) -> list[float]:
    """Time ratio per doubling between consecutive measured sizes (a k-fold step counts log2 k doublings)."""
    out = []
    done = [n for n in sizes if row["secs"].get(n) is not None]
    for a, b in zip(done, done[1:]):
        out.append((row["secs"][b] / row["secs"][a]) ** (1 / math.log2(b / a)))
    return out


def print_commands(rows: list[dict], sizes: list[int], cap: float) -> None:
    headers = ["command", "shape", *[f"{n:,}" for n in sizes], "x per doubling", "worst", "overall", "peak MB", "notes"]
    out = []
    for r in rows:
        cells = []
        for n in sizes:
            s = r["secs"].get(n, "-")
            cells.append(f"{s:.2f}" if isinstance(s, float) else (f">{cap:.0f}" if n in r["secs"] else "-"))
        g = growth(r, sizes)
        kinds = {w for v in r["notes"].values() if v for w in v.split(" wall ")[0:1] if w and not w.startswith("wall") and "MB page" not in w}
        notes = "; ".join(sorted(kinds))
        walls = [v for n in sizes for v in [r["notes"].get(n) or ""] if "wall" in v]
        if walls:
            notes = (notes + "; " if notes else "") + "wall at largest " + walls[-1].split("wall ")[1].split(" ")[0] + " s"
        pages = [r["notes"][n] for n in sizes if "MB page" in (r["notes"].get(n) or "")]
        if pages:
            notes = (notes + "; " if notes else "") + "page " + " / ".join(p.split()[0] for p in pages) + " MB"
        mbs = [r["mb"][n] for n in sizes if n in r["mb"]]
        out.append([r["command"], r["shape"], *cells, " ".join(f"{x:.2f}" for x in g), f"{max(g):.2f}" if g else "",
                    overall(r, sizes), str(max(mbs)) if mbs else "", notes])
    print(f"Every command in a fresh process (CPU seconds, start-up included; cap {cap:.0f} s of wall time); "
          "x per doubling: 2.0 is linear, 4.0 quadratic")
    print(table(headers, out))


def library_table(sizes: list[int], slow: float = 30.0, only: str | None = None) -> None:
    """The :data:`LIBRARY` cases in this process: CPU seconds (best of 2) per size, and growth.

    A case stops growing after a size that took more than ``slow`` seconds."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="argmap-library-") as tmp:
        for label, shape, fn in LIBRARY:
            if only and only not in f"{label} {shape}":
                continue
            row = {"command": label, "shape": shape, "secs": {}, "mb": {}, "notes": {}}
            for n in sizes:
                path = make_input(shape, n, Path(tmp) / f"{label}-{shape}-{n}")
                row["secs"][n] = cpu_seconds(fn, path, runs=1 if n >= 8000 else 2)
                print(f"  {label} {shape} {n}: {row['secs'][n]:.3f} s", file=sys.stderr, flush=True)
                if row["secs"][n] > slow:
                    break
            rows.append(row)
    print("Library work in this process (CPU seconds, best of 2; no start-up, crux search or Graphviz)")
    headers = ["work", "shape", *[f"{n:,}" for n in sizes], "x per doubling", "worst", "overall"]
    out = []
    for r in rows:
        g = growth(r, sizes)
        out.append([r["command"], r["shape"], *[f"{r['secs'][n]:.3f}" if n in r["secs"] else "-" for n in sizes],
                    " ".join(f"{x:.2f}" for x in g), f"{max(g):.2f}" if g else "", overall(r, sizes)])
    print(table(headers, out))


def overall(row: dict, sizes: list[int]) -> str:
    """Growth per doubling from the first size to the last one measured (the steps' geometric mean)."""
    done = [n for n in sizes if row["secs"].get(n) is not None]
    if len(done) < 2:
        return ""
    return f"{(row['secs'][done[-1]] / row['secs'][done[0]]) ** (1 / math.log2(done[-1] / done[0])):.2f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sizes 1,000 .. 4,000 only")
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], help="comma-separated node counts")
    ap.add_argument("--cap", type=float, default=120.0, help="seconds before a command is stopped [120]")
    ap.add_argument("--only", help="run only the command/shape rows whose 'command shape' contains this")
    ap.add_argument("--library", action="store_true", help="also the in-process library table and the pairs table")
    ap.add_argument("--in-process", action="store_true", help="only the in-process table of the library work the tests time")
    args = ap.parse_args(argv)
    sizes = args.sizes or ([1000, 2000, 4000] if args.quick else [1000, 2000, 4000, 8000, 16000, 32000])
    print(f"Python {sys.version.split()[0]}; sizes {', '.join(map(str, sizes))}\n")
    if args.in_process:
        library_table(sizes, only=args.only)
        return 0
    commands_table(sizes, args.cap, args.only)
    if args.library:
        print()
        scaling(sizes)
        print()
        pairs([10, 14, 20, 30, 40])
    return 0


if __name__ == "__main__":
    sys.exit(main())
