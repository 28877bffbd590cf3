"""Labelling search: complete (or stable) labellings of the grounded-UNDEC part, by backtracking.

Three-valued domains ``{IN, OUT, UNDEC}`` per argument, counter-based propagation,
branching on undecided arguments, one state undone along a trail.
"""

from __future__ import annotations

from typing import Iterator

from .framework import AF
from .grounded import _IN, _UNDEC, _grounded_codes


_I, _O, _U = 1, 2, 4  # domain bits
_SINGLE = (False, True, True, False, True, False, False, False)


class _Conflict(Exception):
    pass


class _Search:
    """Complete-labelling search over the arguments grounded leaves UNDEC.

    A state is a domain bitmask per argument plus six counters per argument
    over its attackers: how many may be IN (``can_i``), are IN (``is_i``),
    may not be OUT (``no_o``), are not exactly OUT (``non_o``), may be UNDEC
    (``can_u``), are UNDEC (``is_u``). A change of domain updates its
    targets' counters, so checking one argument's constraint is O(1).

    There is one state for the whole search: every change is recorded on a
    trail and undone on backtracking, so memory stays linear in the
    framework however deep or wide the search goes (no copy per branch).
    """

    def __init__(self, af: AF, stable: bool = False):
        ins, outs = af._index
        codes = _grounded_codes(af)
        self.base = codes
        self.open = [i for i, c in enumerate(codes) if c == _UNDEC]
        local = {g: k for k, g in enumerate(self.open)}
        self.local_of = local
        # Attackers of an UNDEC argument are OUT or UNDEC in the grounded
        # labelling; OUT attackers never matter, so drop them.
        self.ins = [[local[j] for j in ins[g] if j in local] for g in self.open]
        self.outs = [[local[j] for j in outs[g] if j in local] for g in self.open]
        n = len(self.open)
        self.full = _I | _O if stable else _I | _O | _U
        self.stable = stable
        order = sorted(range(n), key=lambda k: len(self.ins[k]) + len(self.outs[k]))
        self.order = order

    def _fresh(self):
        n = len(self.open)
        deg = [len(a) for a in self.ins]
        return [
            [self.full] * n,
            list(deg),  # can_i
            [0] * n,  # is_i
            [0] * n,  # no_o
            list(deg),  # non_o
            [0] * n if self.stable else list(deg),  # can_u
            [0] * n,  # is_u
        ]

    # -- state changes ---------------------------------------------------
    def _count(self, st, x, old, nd, s):
        """Update the targets' counters for ``x: old -> nd`` (``s=-1`` undoes it)."""
        outs = self.outs[x]
        if old & _I and not nd & _I:
            can_i = st[1]
            for t in outs:
                can_i[t] -= s
        if nd == _I:
            is_i = st[2]
            for t in outs:
                is_i[t] += s
        if old & _O and not nd & _O:
            no_o = st[3]
            for t in outs:
                no_o[t] += s
        if nd == _O:
            non_o = st[4]
            for t in outs:
                non_o[t] -= s
        if old & _U and not nd & _U:
            can_u = st[5]
            for t in outs:
                can_u[t] -= s
        if nd == _U:
            is_u = st[6]
            for t in outs:
                is_u[t] += s

    def _set(self, st, x, nd, stack, trail):
        dom = st[0]
        old = dom[x]
        if nd == old:
            return
        if nd == 0:
            raise _Conflict
        dom[x] = nd
        trail.append((x, old))
        self._count(st, x, old, nd, 1)
        stack.extend(self.outs[x])
        stack.append(x)

    def _undo(self, st, trail, mark):
        dom = st[0]
        while len(trail) > mark:
            x, old = trail.pop()
            self._count(st, x, old, dom[x], -1)
            dom[x] = old

    def propagate(self, st, stack, trail):
        dom, can_i, is_i, no_o, non_o, can_u, is_u = st
        ins = self.ins
        _set = self._set
        while stack:
            x = stack.pop()
            d = dom[x]
            poss = 0
            if no_o[x] == 0:
                poss |= _I
            if can_i[x]:
                poss |= _O
            if is_i[x] == 0 and can_u[x]:
                poss |= _U
            nd = d & poss
            if nd != d:
                _set(st, x, nd, stack, trail)
                d = nd
            # prune the attackers of x according to x's domain
            if d == _I:
                if non_o[x]:
                    for y in ins[x]:
                        _set(st, y, dom[y] & _O, stack, trail)
            elif d == _O:
                if is_i[x] == 0 and can_i[x] == 1:
                    for y in ins[x]:
                        if dom[y] & _I:
                            _set(st, y, _I, stack, trail)
                            break
            elif not d & _O:  # IN or UNDEC: no attacker may be IN
                if can_i[x]:
                    for y in ins[x]:
                        _set(st, y, dom[y] & ~_I, stack, trail)
                if d == _U and can_u[x] == 1 and is_u[x] == 0:
                    for y in ins[x]:
                        if dom[y] & _U:
                            _set(st, y, _U, stack, trail)
                            break

    def _choose(self, st) -> tuple[int, int] | None:
        """Pick a branching decision ``(arg, mask)``, or None at a leaf.

        Like DPLL's shortest-clause rule: an argument that must be OUT (or
        UNDEC) but has no IN (UNDEC) attacker yet is an open disjunction over
        its candidate attackers; take the one with fewest candidates and
        branch on its first candidate. Otherwise branch on any argument.
        """
        dom, can_i, is_i, _, _, can_u, is_u = st
        best, best_n, best_mask = -1, 1 << 60, 0
        for x, d in enumerate(dom):
            if d == _O:
                if is_i[x] == 0 and can_i[x] < best_n:
                    best, best_n, best_mask = x, can_i[x], _I
            elif d == _U:
                if is_u[x] == 0 and can_u[x] < best_n:
                    best, best_n, best_mask = x, can_u[x], _U
        if best >= 0:
            for y in self.ins[best]:
                if dom[y] & best_mask:
                    return y, best_mask
        x = next((k for k in self.order if not _SINGLE[dom[k]]), None)
        if x is None:
            return None
        d = dom[x]
        return x, (_I if d & _I else _O)

    def solutions(self) -> Iterator[list[int]]:
        """Depth-first enumeration of all complete (or stable) domains.

        Binary branching on ``dom[y] & mask`` versus ``dom[y] & ~mask``
        partitions the search space, so each labelling is found once. The
        yielded list is the live state: read it before resuming.
        """
        st = self._fresh()
        trail: list[tuple[int, int]] = []
        try:
            self.propagate(st, list(range(len(self.open))), trail)
        except _Conflict:
            return
        # each entry: (trail mark, argument, the domain still to try)
        pending: list[tuple[int, int, int]] = []
        while True:
            pick = self._choose(st)
            if pick is None:
                yield st[0]
            else:
                y, mask = pick
                d = st[0][y]
                mark = len(trail)
                pending.append((mark, y, d & ~mask))
                try:
                    self._set(st, y, d & mask, [], trail)
                    self.propagate(st, [y, *self.outs[y]], trail)
                    continue
                except _Conflict:
                    pass
            # backtrack to the newest decision with an alternative left
            while True:
                if not pending:
                    return
                mark, y, nd = pending.pop()
                self._undo(st, trail, mark)
                if not nd:
                    continue
                pending.append((mark, y, 0))
                try:
                    self._set(st, y, nd, [], trail)
                    self.propagate(st, [y, *self.outs[y]], trail)
                    break
                except _Conflict:
                    continue

    def extension(self, af: AF, dom: list[int]) -> frozenset[str]:
        args = af.arguments
        inside = [args[g] for g, c in enumerate(self.base) if c == _IN]
        inside += [args[self.open[k]] for k, d in enumerate(dom) if d == _I]
        return frozenset(inside)
