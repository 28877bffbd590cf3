"""Which engine answers which question: the labelling search or the SAT encoding?

Usage::

    python bench/engines.py [--quick] [--limit SECONDS]

Both engines of argmap.semantics decide the arguments the grounded labelling leaves
UNDEC: ``search._Search`` (backtracking over three-valued domains) and ``sat._Sat``
(python-sat's CaDiCaL). Each question both can answer is timed with each, on the same
instances, and the answers must agree:

EE-CO, EE-ST   every complete / stable extension (search: its enumeration; SAT: a model,
               then a clause ruling out that labelling, until none is left; this
               script's ``ee_sat``)
SE-ST          one stable extension (the search with labels fixed: this script's
               ``_Restricted``; SAT: assumptions)
DC-CO, DC-ST   credulous acceptance, DS-ST sceptical acceptance, of each argument grounded
               leaves UNDEC (at most ``--args`` per instance)
ST statuses    each argument's status under stable semantics (IN in every extension, OUT
               in every one, else UNDEC), by witnesses that settle many arguments at once

Preferred questions have only the SAT engine (a search would list every complete
extension first), and grounded ones only the linear labelling, so they are not compared.
The instances: the ICCMA files in ../shared/corpus/iccma (kisp-asgl, the probo examples,
Medium-result-b1), random frameworks, and the mutual-attack pairs of bench/scaling.py.
A cell over ``--limit`` seconds reads "> limit" (it ran in a child process, stopped there).
The engine each question uses (argmap.semantics.questions) is the one this table favours.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from argmap.afio import read_af  # noqa: E402
from argmap.semantics import AF  # noqa: E402
from argmap.semantics.grounded import _IN, _OUT, _UNDEC, _grounded_codes  # noqa: E402
from argmap.semantics.sat import _L_IN, _L_OUT, _Sat  # noqa: E402
from argmap.semantics.search import _I, _O, _Search  # noqa: E402

sys.path.insert(0, str(HERE))
from semantics import KISP, MEDIUM, PROBO_EX, random_af  # noqa: E402  (bench/semantics.py: the same instances)


# -- the questions, once per engine -------------------------------------------------------
def ee_search(af: AF, stable: bool) -> set[frozenset[str]]:
    s = _Search(af, stable=stable)
    return {s.extension(af, dom) for dom in s.solutions()}


def ee_sat(af: AF, stable: bool) -> set[frozenset[str]]:
    """A model, then a clause ruling out its IN set (which fixes a complete labelling), until none is left."""
    out = set()
    with _Sat(af, stable=stable) as s:
        while (lab := s.solve()) is not None:
            out.add(s.extension(lab))
            clause = [-v if c == _L_IN else v for v, c in zip(s._in_var, lab)]
            if not clause:
                break  # nothing open: the grounded labelling is the only one
            s.solver.add_clause(clause)
    return out


class _Restricted(_Search):
    """The search with some open arguments' labels fixed before it starts (``restrict``)."""

    restrict: list[tuple[int, int]] = []

    def _fresh(self):
        st = super()._fresh()
        for k, mask in self.restrict:
            old = st[0][k]
            st[0][k] = old & mask
            self._count(st, k, old, old & mask, 1)
        return st


def se_search(af: AF) -> bool:
    return next(_Restricted(af, stable=True).solutions(), None) is not None


def se_sat(af: AF) -> bool:
    with _Sat(af, stable=True) as s:
        return s.solve() is not None


def _found(s: _Restricted, k: int, mask: int) -> bool:
    s.restrict = [(k, mask)]
    return next(s.solutions(), None) is not None


def dc_search(af: AF, stable: bool, args: list[str]) -> list[bool]:
    s = _Restricted(af, stable=stable)
    return [_found(s, s.local_of[af._pos[a]], _I) for a in args]


def dc_sat(af: AF, stable: bool, args: list[str]) -> list[bool]:
    with _Sat(af, stable=stable) as s:
        return [s.solve([s.lit(a, _L_IN)]) is not None for a in args]


def ds_search(af: AF, args: list[str]) -> list[bool]:
    s = _Restricted(af, stable=True)
    return [not _found(s, s.local_of[af._pos[a]], _O) for a in args]


def ds_sat(af: AF, args: list[str]) -> list[bool]:
    with _Sat(af, stable=True) as s:
        return [s.solve([s.lit(a, _L_IN, False)]) is None for a in args]


def _statuses(n: int, first, witness) -> list[int]:
    """IN / OUT / UNDEC per open argument, given a first labelling and a witness finder."""
    if first is None:
        return [_UNDEC] * n
    maybe_in = [c == _IN for c in first]
    maybe_out = [c == _OUT for c in first]
    for k in range(n):
        for maybe, label in ((maybe_in, _IN), (maybe_out, _OUT)):
            if maybe[k]:
                lab = witness(k, label)
                if lab is not None:
                    for j, c in enumerate(lab):
                        maybe_in[j] = maybe_in[j] and c == _IN
                        maybe_out[j] = maybe_out[j] and c == _OUT
    return [_IN if i else _OUT if o else _UNDEC for i, o in zip(maybe_in, maybe_out)]


def statuses_search(af: AF) -> list[int]:
    s = _Restricted(af, stable=True)
    code = {_I: _IN, _O: _OUT}

    def first(restrict=()):
        s.restrict = list(restrict)
        dom = next(s.solutions(), None)
        return None if dom is None else [code[d] for d in dom]

    return _statuses(len(s.open), first(), lambda k, label: first([(k, _O if label == _IN else _I)]))


def statuses_sat(af: AF) -> list[int]:
    with _Sat(af, stable=True) as s:
        code = {_L_IN: _IN, _L_OUT: _OUT}

        def first(assumptions=()):
            lab = s.solve(assumptions)
            return None if lab is None else [code[c] for c in lab]

        return _statuses(len(s.open), first(), lambda k, label: first([-(2 * k + (1 if label == _IN else 2))]))


QUESTIONS = {
    "EE-CO": (lambda af, a: ee_search(af, False), lambda af, a: ee_sat(af, False)),
    "EE-ST": (lambda af, a: ee_search(af, True), lambda af, a: ee_sat(af, True)),
    "SE-ST": (lambda af, a: se_search(af), lambda af, a: se_sat(af)),
    "DC-CO": (lambda af, a: dc_search(af, False, a), lambda af, a: dc_sat(af, False, a)),
    "DC-ST": (lambda af, a: dc_search(af, True, a), lambda af, a: dc_sat(af, True, a)),
    "DS-ST": (lambda af, a: ds_search(af, a), lambda af, a: ds_sat(af, a)),
    "ST statuses": (lambda af, a: statuses_search(af), lambda af, a: statuses_sat(af)),
}


# -- instances ------------------------------------------------------------------------------
def pairs_af(k: int) -> AF:
    """bench/scaling.py's family: k mutual attacks a_i <-> b_i, every a_i attacks t, t attacks u."""
    atts = [(f"a{i}", f"b{i}") for i in range(k)] + [(f"b{i}", f"a{i}") for i in range(k)]
    atts += [(f"a{i}", "t") for i in range(k)] + [("t", "u")]
    return AF.from_edges(atts)


def groups(quick: bool) -> list[tuple[str, list[AF]]]:
    out = []
    if KISP.is_dir():
        out.append(("kisp-asgl (35 files)", [read_af(f) for f in sorted(KISP.glob("*.apx"))]))
        out.append(("probo examples (3)", [read_af(f) for f in sorted(PROBO_EX.glob("*.tgf"))]))
        if MEDIUM.exists():
            out.append(("Medium-result-b1", [read_af(MEDIUM)]))
    out.append(("random 40 args, 80 att (x20)", [random_af(40, 80, s) for s in range(20)]))
    out.append(("random 150 args, 300 att (x5)", [random_af(150, 300, s) for s in range(5)]))
    out.append(("random 100 args, 400 att (x5)", [random_af(100, 400, s) for s in range(5)]))
    if not quick:
        out.append(("random 400 args, 1600 att (x3)", [random_af(400, 1600, s) for s in range(3)]))
        out.append(("random 2000 args, 6000 att (x2)", [random_af(2000, 6000, s) for s in range(2)]))
    out.append(("pairs k=8 (3^8 complete)", [pairs_af(8)]))
    for k in [12] if quick else [16, 18]:
        out.append((f"pairs k={k} (2^k stable)", [pairs_af(k)]))
    return out


def asked(af: AF, most: int) -> list[str]:
    codes = _grounded_codes(af)
    return [a for a, c in zip(af.arguments, codes) if c == _UNDEC][:most]


def _run(conn, question, engine, afs, args):
    fn = QUESTIONS[question][engine]
    t = time.perf_counter()
    answers = [fn(af, a) for af, a in zip(afs, args)]
    conn.send((time.perf_counter() - t, answers))


def timed(question: str, engine: int, afs: list[AF], args: list[list[str]], limit: float):
    """(seconds, answers) or None past the limit; in a child process, so it can be stopped."""
    parent, child = mp.Pipe(duplex=False)
    p = mp.Process(target=_run, args=(child, question, engine, afs, args))
    p.start()
    if parent.poll(limit):
        out = parent.recv()
        p.join()
        return out
    p.kill()
    p.join()
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smaller random frameworks and pairs")
    ap.add_argument("--limit", type=float, default=30.0, help="seconds per cell (default 30)")
    ap.add_argument("--args", type=int, default=5, help="arguments asked about per instance (DC, DS)")
    opts = ap.parse_args()
    mp.set_start_method("fork")
    import pysat.solvers  # noqa: F401  imported once, as a process of argmap does: not timed
    print(f"Engines on the same instances: seconds of solving (ratio = search / SAT; above 1: SAT faster), "
          f"limit {opts.limit:g} s")
    print(f"{'question':<12} {'instances':<32} {'search':>9} {'SAT':>9} {'ratio':>7}  agree")
    for label, afs in groups(opts.quick):
        args = [asked(af, opts.args) for af in afs]
        for question in QUESTIONS:
            if question.startswith("EE-CO") and label.startswith(("pairs k=1", "random 400", "random 2000", "Medium")):
                continue  # millions of complete extensions (or minutes of them): no engine lists those
            res = [timed(question, e, afs, args, opts.limit) for e in (0, 1)]
            cells = [f"{r[0]:>9.3f}" if r else f"{'> limit':>9}" for r in res]
            ratio = f"{res[0][0] / max(res[1][0], 1e-9):>6.2f}x" if all(res) else f"{'':>7}"
            agree = "yes" if all(res) and res[0][1] == res[1][1] else "NO" if all(res) else "-"
            print(f"{question:<12} {label:<32} {cells[0]} {cells[1]} {ratio}  {agree}", flush=True)


if __name__ == "__main__":
    main()
