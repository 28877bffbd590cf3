"""SAT encoding (python-sat): complete, stable and preferred labellings of the grounded-UNDEC part."""

from __future__ import annotations

from typing import Iterable, Iterator

from .framework import AF
from .grounded import _IN, _UNDEC, _grounded_codes


_L_IN, _L_OUT, _L_UNDEC = 1, 2, 0


class _Sat:
    """Complete (or stable) labellings of the grounded-UNDEC part, as SAT.

    Two variables per open argument ``k``: ``I = 2k+1`` (IN), ``O = 2k+2``
    (OUT); neither means UNDEC. With ``att(k)`` its open attackers (attackers
    OUT in the grounded labelling never matter; none is IN):

    * ``I_k -> O_j`` and ``I_j -> O_k`` for every ``j`` in ``att(k)``;
    * ``I_k`` or some ``j`` in ``att(k)`` is not OUT;
    * ``O_k`` only if some ``j`` in ``att(k)`` is IN; never ``I_k`` and ``O_k``;
    * stable: ``I_k`` or ``O_k``.

    Preferred extensions are found by growing a model while a strictly
    larger IN set exists (Cerutti et al.'s approach, as in Cegartix and
    ArgSemSAT); sceptical questions add, per question, clauses that rule out
    subsets of refuted candidates (counter-example guided).
    """

    def __init__(self, af: AF, stable: bool = False):
        from pysat.solvers import Solver  # a C++ solver; only imported when needed

        ins, _ = af._index
        codes = _grounded_codes(af)
        self.af = af
        self.base = codes
        self.open = [i for i, c in enumerate(codes) if c == _UNDEC]
        local = {g: k for k, g in enumerate(self.open)}
        self.local_of = local
        self.solver = Solver(name="cadical195")
        add = self.solver.add_clause
        for k, g in enumerate(self.open):
            ik, ok = 2 * k + 1, 2 * k + 2
            att = [local[j] for j in ins[g] if j in local]
            add([-ik, -ok])
            for j in att:
                add([-ik, 2 * j + 2])
                add([-(2 * j + 1), ok])
            add([ik] + [-(2 * j + 2) for j in att])
            add([-ok] + [2 * j + 1 for j in att])
            if stable:
                add([ik, ok])
        self.next_var = 2 * len(self.open) + 1
        self._in_var = range(1, 2 * len(self.open) + 1, 2)  # the "k is IN" variable of each open argument

    def close(self) -> None:
        self.solver.delete()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _fresh_var(self) -> int:
        v = self.next_var
        self.next_var += 1
        return v

    def lit(self, arg: str, label: int, positive: bool = True) -> int:
        """The literal "``arg`` is IN/OUT" for an open argument."""
        k = self.local_of[self.af._pos[arg]]
        v = 2 * k + (1 if label == _L_IN else 2)
        return v if positive else -v

    def solve(self, assumptions: Iterable[int] = ()) -> list[int] | None:
        """A labelling (``_L_IN``/``_L_OUT``/``_L_UNDEC`` per open argument) or None."""
        if not self.solver.solve(assumptions=list(assumptions)):
            return None
        model = self.solver.get_model()
        n = len(self.open)
        if len(model) >= 2 * n and (n == 0 or abs(model[2 * n - 1]) == 2 * n):
            # the solver lists variable v at model[v - 1]: the IN and OUT literals are two slices,
            # read in one pass (no table of all variables rebuilt around every call)
            ins, outs = model[0 : 2 * n : 2], model[1 : 2 * n : 2]
            return [_L_IN if a > 0 else _L_OUT if b > 0 else _L_UNDEC for a, b in zip(ins, outs)]
        truth = [False] * (2 * n + 1)
        for v in model:
            if 0 < v <= 2 * n:
                truth[v] = True
        return [_L_IN if truth[2 * k + 1] else _L_OUT if truth[2 * k + 2] else _L_UNDEC for k in range(n)]

    def grow(self, lab: list[int], assumptions: Iterable[int] = ()) -> list[int]:
        """A labelling whose IN set is maximal among those containing ``lab``'s."""
        assumptions = list(assumptions)
        in_var = self._in_var
        while True:
            inside = [v for v, c in zip(in_var, lab) if c == _L_IN]
            rest = [v for v, c in zip(in_var, lab) if c != _L_IN]
            if not rest:
                return lab
            sel = self._fresh_var()
            self.solver.add_clause([-sel] + rest)
            bigger = self.solve(assumptions + inside + [sel])
            self.solver.add_clause([-sel])  # retire the selector
            if bigger is None:
                return lab
            lab = bigger

    def block_subsets(self, lab: list[int], guard: int | None = None) -> bool:
        """Rule out every labelling whose IN set is within ``lab``'s; False if that is all."""
        rest = [v for v, c in zip(self._in_var, lab) if c != _L_IN]
        if not rest:
            return False
        self.solver.add_clause(([-guard] if guard else []) + rest)
        return True

    def preferred(self) -> Iterator[list[int]]:
        """Every preferred labelling, each once."""
        while True:
            lab = self.solve()
            if lab is None:
                return
            lab = self.grow(lab)
            yield lab
            if not self.block_subsets(lab):
                return

    def preferred_where(self, assumptions: list[int]) -> list[int] | None:
        """A preferred labelling satisfying ``assumptions``, or None (CEGAR)."""
        guard = self._fresh_var()
        try:
            while True:
                lab = self.solve(assumptions + [guard])
                if lab is None:
                    return None
                lab = self.grow(lab, assumptions + [guard])
                if self.grow(lab) is lab:  # no larger complete labelling at all
                    return lab
                self.block_subsets(lab, guard)  # subsets of a non-preferred maximum
        finally:
            self.solver.add_clause([-guard])

    def extension(self, lab: list[int]) -> frozenset[str]:
        args = self.af.arguments
        inside = [args[g] for g, c in enumerate(self.base) if c == _IN]
        inside += [args[self.open[k]] for k, c in enumerate(lab) if c == _L_IN]
        return frozenset(inside)
