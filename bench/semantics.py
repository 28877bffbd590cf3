"""Benchmark argmap.semantics: grounded scaling, other solvers, agreement, references.

Usage::

    python bench/semantics.py [--quick] [--timeout SECONDS]

Needs the ``bench`` extra (pygarg, python-sat, python-argumentation) for the
comparison columns; without them those cells read "n/a". Foreign solvers run
in a subprocess with a time limit; only their solving time is measured (the
framework is parsed by argmap and handed over in their own data structures).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from argmap.afio import read_af, solve  # noqa: E402
from argmap.semantics import AF, extensions, grounded_extension  # noqa: E402

ICCMA = ROOT.parent / "shared" / "corpus" / "iccma"
KISP = ICCMA / "kisp-asgl" / "data" / "apx"
PROBO_EX = ICCMA / "probo-examples-via-DL-abstract-argumentation/src/data/generators/probo/examples"
MEDIUM = ICCMA / "aig-hagen-probo2/src/data/test/Medium-result-b1.apx"
MEDIUM_REF = ICCMA / "aig-hagen-probo2/src/probo2_data/solver_test_data/reference"
SEMS = ("GR", "CO", "PR", "ST")

# Runs in a child process: solve every file with one foreign solver.
CHILD = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from argmap.afio import read_af
solver, sem, files = sys.argv[2], sys.argv[3], sys.argv[4:]
total, answers = 0.0, []
for f in files:
    af = read_af(f)
    args, atts = list(af.arguments), sorted(af.attacks)
    if solver == "pygarg":
        from pygarg.dung import solver as pg
        atts = [list(e) for e in atts]
        t = time.perf_counter()
        exts = pg.extension_enumeration(args, atts, sem)
        total += time.perf_counter() - t
        exts = [sorted(e) for e in exts]
    else:
        from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import AbstractArgumentationFramework as AAF
        from py_arg.abstract_argumentation_classes.argument import Argument
        from py_arg.abstract_argumentation_classes.defeat import Defeat
        from py_arg.algorithms.semantics import get_grounded_extension as g, get_complete_extensions as c, get_preferred_extensions as p, get_stable_extensions as s
        objs = {a: Argument(a) for a in args}
        paf = AAF("", list(objs.values()), [Defeat(objs[a], objs[b]) for a, b in atts])
        fn = {"GR": lambda x: [g.get_grounded_extension(x)], "CO": c.get_complete_extensions,
              "PR": p.get_preferred_extensions, "ST": s.get_stable_extensions}[sem]
        t = time.perf_counter()
        exts = fn(paf)
        total += time.perf_counter() - t
        exts = [sorted(a.name for a in e) for e in exts]
    answers.append(sorted(exts))
print(json.dumps({"time": total, "answers": answers}))
"""


def foreign(solver: str, sem: str, files: list[Path], timeout: float) -> dict | str:
    """Run a foreign solver on files in a subprocess; dict, "timeout" or "n/a"."""
    cmd = [sys.executable, "-c", CHILD, str(ROOT / "src"), solver, sem, *map(str, files)]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    if r.returncode != 0:
        return "n/a" if "ModuleNotFoundError" in r.stderr else "error"
    return json.loads(r.stdout.strip().splitlines()[-1])


def random_af(n_args: int, n_attacks: int, seed: int) -> AF:
    rnd = random.Random(seed)
    names = [f"a{i}" for i in range(n_args)]
    atts = set()
    while len(atts) < n_attacks:
        atts.add((names[rnd.randrange(n_args)], names[rnd.randrange(n_args)]))
    return AF(tuple(names), frozenset(atts))


def random_dag_af(n_args: int, n_attacks: int, seed: int):
    """Random acyclic AF: every argument ends IN or OUT, every attack is walked."""
    rnd = random.Random(seed)
    names = [f"a{i}" for i in range(n_args)]
    atts = set()
    while len(atts) < n_attacks:
        i, j = rnd.randrange(n_args), rnd.randrange(n_args)
        if i < j:
            atts.add((names[i], names[j]))
    return tuple(names), frozenset(atts)


def section_grounded(quick: bool) -> None:
    print("1. Grounded labelling, random acyclic AFs (|args| = |attacks| / 5; nothing "
          "is UNDEC,\n   so every attack is traversed), one run each; index = "
          "attackers/targets lists")
    print(f"{'attacks':>9} {'args':>8} {'AF s':>7} {'index s':>8} {'label s':>8} "
          f"{'total s':>8} {'us/attack':>10} {'IN':>7}")
    sizes = [10**3, 10**4, 10**5] + ([] if quick else [10**6])
    for m in sizes:
        names, atts = random_dag_af(m // 5, m, seed=m)
        t0 = time.perf_counter()
        af = AF(names, atts)  # validates ends, maps them to positions
        t1 = time.perf_counter()
        af._index  # attackers/targets lists (cached on the AF)
        t2 = time.perf_counter()
        ext = grounded_extension(af)
        t3 = time.perf_counter()
        print(f"{m:>9} {m // 5:>8} {t1 - t0:>7.3f} {t2 - t1:>8.3f} {t3 - t2:>8.3f} "
              f"{t3 - t0:>8.3f} {(t3 - t0) / m * 1e6:>10.2f} {len(ext):>7}")
    print()


def as_sets(exts) -> set[frozenset[str]]:
    return {frozenset(e) for e in exts}


def section_compare(quick: bool, timeout: float) -> None:
    print(f"2. Enumerating extensions (EE), seconds of solving; foreign solvers in a "
          f"subprocess, limit {timeout:g} s")
    groups = [
        ("kisp-asgl (35 files)", sorted(KISP.glob("*.apx"))),
        ("probo ex1-3", sorted(PROBO_EX.glob("*.tgf"))),
        ("Medium-result-b1", [MEDIUM]),
    ]
    print(f"{'instance':<22} {'sem':<3} {'argmap':>8} {'pygarg':>9} {'ratio':>7} "
          f"{'py_arg':>9} {'ratio':>7}  agree")
    for label, files in groups:
        if not files or not all(f.exists() for f in files):
            print(f"{label:<22} (corpus missing)")
            continue
        afs = [read_af(f) for f in files]
        for sem in SEMS:
            t = time.perf_counter()
            mine = [as_sets(extensions(af, sem)) for af in afs]
            ours = time.perf_counter() - t
            cells, agree = [], []
            for solver in ("pygarg", "py_arg"):
                if quick and label.startswith("Medium") and sem != "GR":
                    res = "skipped"
                else:
                    res = foreign(solver, sem, files, timeout)
                if isinstance(res, dict):
                    theirs = [as_sets(a) for a in res["answers"]]
                    ok = sum(x == y for x, y in zip(mine, theirs))
                    agree.append(f"{solver} {ok}/{len(files)}")
                    cells.append(f"{res['time']:>9.3f} {res['time'] / max(ours, 1e-9):>6.1f}x")
                else:
                    cells.append(f"{res:>9} {'':>7}")
            print(f"{label:<22} {sem:<3} {ours:>8.3f} {cells[0]} {cells[1]}  {', '.join(agree)}")
    print("   ratio = foreign time / argmap time (higher: argmap faster)")
    print()


# python-argumentation's fixpoint grounded algorithm, with its O(|attacks|)
# attacker look-up replaced by an index; the algorithm itself is unchanged.
def py_arg_grounded(af: AF) -> set[str] | None:
    try:
        from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
            AbstractArgumentationFramework,
        )
        from py_arg.abstract_argumentation_classes.argument import Argument
        from py_arg.abstract_argumentation_classes.defeat import Defeat
        from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    except ImportError:
        return None

    class Indexed(AbstractArgumentationFramework):
        def get_incoming_defeat_arguments(self, argument):
            return argument._ingoing_defeat_arguments

    objs = {a: Argument(a) for a in af.arguments}
    paf = Indexed("", list(objs.values()), [Defeat(objs[a], objs[b]) for a, b in af.attacks])
    return {a.name for a in get_grounded_extension(paf)}


def section_agreement(quick: bool) -> None:
    print("3. Agreement of grounded extensions on random AFs with python-argumentation "
          "(fixpoint of the characteristic function; attacker look-up indexed)")
    sizes = [10, 100, 1000, 10_000]
    per = 10 if quick else 25
    print(f"{'args':>7} {'attacks':>8} {'AFs':>4} {'match':>6} {'argmap s':>9} {'py_arg s':>9}")
    total = matched = 0
    for n in sizes:
        ok = 0
        t_ours = t_theirs = 0.0
        count = per if n < 10_000 else max(3, per // 5)
        for seed in range(count):
            rnd = random.Random(seed * 7919 + n)
            m = int(n * rnd.choice([0.8, 1.0, 1.5, 2.0]))
            af = random_af(n, m, seed=seed * 31 + n)
            t = time.perf_counter()
            mine = set(grounded_extension(af))
            t_ours += time.perf_counter() - t
            t = time.perf_counter()
            theirs = py_arg_grounded(af)
            t_theirs += time.perf_counter() - t
            if theirs is None:
                print("   python-argumentation not installed: skipped")
                return
            ok += mine == theirs
        total += count
        matched += ok
        print(f"{n:>7} {'~' + str(int(n * 1.3)):>8} {count:>4} {ok:>6} {t_ours:>9.3f} {t_theirs:>9.3f}")
    print(f"   tally: {matched}/{total} grounded extensions equal")
    print()


def parse_ref(text: str) -> set[frozenset[str]]:
    line = text.strip().splitlines()[0].strip()
    return {frozenset(x for x in g.split(",") if x)
            for g in re.findall(r"\[([^\[\]]*)\]", line[1:-1])}


def section_references() -> None:
    print("4. Reference answers in ../shared/corpus/iccma")
    rows = []
    n = ok = 0
    for f in sorted(KISP.glob("*.apx")):
        af = read_af(f)
        for sem in SEMS:
            n += 1
            ok += as_sets(extensions(af, sem)) == parse_ref(f.with_suffix(f".EE-{sem}").read_text())
    rows.append(("kisp-asgl EE-{CO,GR,PR,ST}", n, ok))
    n = ok = 0
    for sol in sorted((PROBO_EX / "solutions").glob("*")):
        name, _, task = sol.name.split(".")
        af = read_af(PROBO_EX / f"{name}.tgf")
        n += 1
        ok += as_sets(extensions(af, task[3:])) == parse_ref(sol.read_text())
    rows.append(("probo examples EE", n, ok))
    n = ok = 0
    if MEDIUM.exists():
        af = read_af(MEDIUM)
        arg = MEDIUM.with_suffix(".arg").read_text().strip()
        for ref in sorted(MEDIUM_REF.glob("*.out")):
            task, sem = ref.name.rsplit("-", 2)[-2], ref.stem.rsplit("-", 1)[-1]
            want = ref.read_text().strip().splitlines()[0]
            got = solve(af, sem, task, arg)
            n += 1
            ok += (parse_ref(got) == parse_ref(want)) if task == "EE" else got == want
        n += 1
        ok += read_af(MEDIUM.with_suffix(".tgf")) == af
    rows.append(("Medium-result-b1 (6 answers + tgf==apx)", n, ok))
    for label, n, ok in rows:
        print(f"   {label:<42} {ok:>4}/{n:<4} match")
    print(f"   {'total':<42} {sum(r[2] for r in rows):>4}/{sum(r[1] for r in rows):<4} match")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true",
                    help="skip 10^6 attacks and the foreign solvers on Medium except GR")
    ap.add_argument("--timeout", type=float, default=None,
                    help="per-run limit for foreign solvers (default 60 s, 20 s with --quick)")
    opts = ap.parse_args()
    timeout = opts.timeout or (20.0 if opts.quick else 60.0)
    start = time.perf_counter()
    print(f"argmap.semantics benchmark ({'quick' if opts.quick else 'full'}), "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print()
    section_grounded(opts.quick)
    if ICCMA.is_dir():
        section_compare(opts.quick, timeout)
    else:
        print(f"corpus not found at {ICCMA}: sections 2 and 4 skipped\n")
    section_agreement(opts.quick)
    if ICCMA.is_dir():
        section_references()
    print(f"total {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
