"""Dung abstract argumentation semantics over plain argument ids.

An :class:`AF` holds an ordered tuple of argument ids and a set of attacks.
The grounded labelling is computed in time linear in arguments + attacks.
Complete and stable extensions are enumerated by a labelling search
(three-valued domains ``{IN, OUT, UNDEC}`` per argument, counter-based
propagation, branching on undecided arguments, one state undone along a
trail); preferred extensions, acceptance questions and per-argument
statuses under preferred and stable semantics go to a SAT solver
(``python-sat``), so none of them lists the complete extensions. Both work
only on the arguments the grounded labelling leaves UNDEC, which is exact:
every complete labelling agrees with the grounded one on its IN and OUT
arguments.

Support is not part of Dung's frameworks; :func:`derived_attacks` turns a
bipolar framework into a Dung one by adding the *supported* and *secondary*
attacks of Cayrol & Lagasquie-Schiex.
"""

from __future__ import annotations

import enum
from collections import deque
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Iterable, Iterator

from .diagnostics import ArgmapError
from .perf import gc_paused

__all__ = [
    "AF",
    "Label",
    "Reason",
    "SemanticsError",
    "SEMANTICS",
    "normalize_semantics",
    "grounded",
    "grounded_extension",
    "complete_extensions",
    "preferred_extensions",
    "stable_extensions",
    "extensions",
    "iter_extensions",
    "some_extension",
    "statuses",
    "credulous",
    "skeptical",
    "derived_attacks",
    "explain",
]


class SemanticsError(ArgmapError, ValueError):
    """Raised for an unknown semantics name, argument or bipolar mode."""


class Label(str, enum.Enum):
    """Label of an argument in a labelling."""

    IN = "IN"
    OUT = "OUT"
    UNDEC = "UNDEC"

    def __str__(self) -> str:
        return self.value


#: Canonical semantics names and the aliases accepted for them.
SEMANTICS = {
    "grounded": "grounded",
    "gr": "grounded",
    "complete": "complete",
    "co": "complete",
    "preferred": "preferred",
    "pr": "preferred",
    "stable": "stable",
    "st": "stable",
}


def normalize_semantics(name: str) -> str:
    """Return the canonical name for a semantics name or ICCMA abbreviation.

    Examples
    --------
    >>> normalize_semantics("PR")
    'preferred'
    """
    try:
        return SEMANTICS[str(name).strip().lower()]
    except KeyError:
        raise SemanticsError(
            f"unknown semantics {name!r}; use one of grounded, complete, "
            "preferred, stable (or GR, CO, PR, ST)"
        ) from None


@dataclass(frozen=True)
class AF:
    """An abstract argumentation framework (Dung 1995).

    Parameters
    ----------
    arguments : tuple of str
        Argument ids, in a fixed order (used for output and indexing).
    attacks : frozenset of (str, str)
        ``(a, b)`` means *a attacks b*. Both ends must be arguments.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "c")])
    >>> af.arguments
    ('a', 'b', 'c')
    >>> af.attackers("c")
    ('b',)
    """

    arguments: tuple[str, ...]
    attacks: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not isinstance(self.arguments, tuple):
            object.__setattr__(self, "arguments", tuple(self.arguments))
        if not isinstance(self.attacks, frozenset):
            object.__setattr__(self, "attacks", frozenset(self.attacks))
        pos = self._pos
        if len(pos) != len(self.arguments):
            raise SemanticsError("duplicate argument ids in AF.arguments")
        pairs = list(self.attacks)
        try:  # map every end to its position once; C-level loops
            src = list(map(pos.__getitem__, map(itemgetter(0), pairs)))
            dst = list(map(pos.__getitem__, map(itemgetter(1), pairs)))
        except KeyError:
            a, b = min(e for e in pairs if e[0] not in pos or e[1] not in pos)  # min: not hash order
            bad = a if a not in pos else b
            raise SemanticsError(
                f"attack ({a}, {b}) names {bad!r}, which is not an argument"
            ) from None
        self.__dict__["_ends"] = (src, dst)

    @classmethod
    def from_edges(
        cls,
        attacks: Iterable[tuple[str, str]] = (),
        arguments: Iterable[str] = (),
    ) -> "AF":
        """Build an AF from attacks, adding their ends to ``arguments``.

        Arguments keep first-seen order: first ``arguments``, then attack ends.
        """
        attacks = [(str(a), str(b)) for a, b in attacks]
        seen = dict.fromkeys(str(a) for a in arguments)
        for a, b in attacks:
            seen.setdefault(a)
            seen.setdefault(b)
        return cls(tuple(seen), frozenset(attacks))

    @cached_property
    def _pos(self) -> dict[str, int]:
        return {a: i for i, a in enumerate(self.arguments)}

    @cached_property
    def _index(self) -> tuple[list[list[int]], list[list[int]]]:
        """``(attackers, targets)`` as lists of integer positions, each sorted.

        Sorted by position in :attr:`arguments`, so that everything derived
        from the index (search order, "defeated by" attackers) is the same on
        every run, whatever the hash seed gave ``frozenset`` iteration.
        """
        n = len(self.arguments)
        src, dst = self.__dict__["_ends"]
        ins: list[list[int]] = [[] for _ in range(n)]
        outs: list[list[int]] = [[] for _ in range(n)]
        with gc_paused():  # millions of small lists: the collector only slows us
            for i, j in zip(src, dst):
                outs[i].append(j)
            for lst in outs:
                lst.sort()
            for i, lst in enumerate(outs):  # i ascending: every ins[j] comes out sorted
                for j in lst:
                    ins[j].append(i)
        return ins, outs

    def attackers(self, arg: str) -> tuple[str, ...]:
        """Arguments attacking ``arg``."""
        args = self.arguments
        return tuple(args[i] for i in self._index[0][self._position(arg)])

    def attacked_by(self, arg: str) -> tuple[str, ...]:
        """Arguments that ``arg`` attacks."""
        args = self.arguments
        return tuple(args[i] for i in self._index[1][self._position(arg)])

    def _position(self, arg: str) -> int:
        try:
            return self._pos[arg]
        except KeyError:
            raise SemanticsError(f"unknown argument {arg!r}") from None

    def __len__(self) -> int:
        return len(self.arguments)


# ---------------------------------------------------------------- grounded

_UNDEC, _IN, _OUT = 0, 1, 2


def _grounded_codes(af: AF) -> list[int]:
    ins, outs = af._index
    live = [len(a) for a in ins]  # attackers not (yet) OUT
    lab = [_UNDEC] * len(live)
    queue = [i for i, c in enumerate(live) if c == 0]
    for i in queue:  # the list grows while we walk it
        lab[i] = _IN
        for j in outs[i]:
            if lab[j] != _OUT:
                lab[j] = _OUT
                for k in outs[j]:
                    live[k] -= 1
                    if live[k] == 0 and lab[k] == _UNDEC:
                        queue.append(k)
    return lab


def grounded(af: AF) -> dict[str, Label]:
    """Grounded labelling, in time linear in arguments + attacks.

    Each argument keeps a count of attackers not yet OUT; an argument whose
    count drops to zero becomes IN, its targets OUT, and their targets'
    counts drop in turn (Modgil & Caminada 2009, Algorithm 6.1, with counters).

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "c"), ("d", "d")])
    >>> {a: str(l) for a, l in grounded(af).items()}
    {'a': 'IN', 'b': 'OUT', 'c': 'IN', 'd': 'UNDEC'}
    """
    names = (Label.UNDEC, Label.IN, Label.OUT)
    return {a: names[c] for a, c in zip(af.arguments, _grounded_codes(af))}


def grounded_extension(af: AF) -> frozenset[str]:
    """The grounded extension (arguments labelled IN by :func:`grounded`)."""
    return frozenset(
        a for a, c in zip(af.arguments, _grounded_codes(af)) if c == _IN
    )


# ---------------------------------------------------------------- search

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


def complete_extensions(af: AF) -> Iterator[frozenset[str]]:
    """Generate all complete extensions of ``af``, one at a time.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a")])
    >>> sorted(sorted(e) for e in complete_extensions(af))
    [[], ['a'], ['b']]
    """
    s = _Search(af)
    for dom in s.solutions():
        yield s.extension(af, dom)


def stable_extensions(af: AF) -> Iterator[frozenset[str]]:
    """Generate all stable extensions (complete labellings without UNDEC).

    Examples
    --------
    >>> list(stable_extensions(AF.from_edges([("a", "a")])))
    []
    >>> [sorted(e) for e in stable_extensions(AF.from_edges([("a", "b")]))]
    [['a']]
    """
    s = _Search(af, stable=True)
    for dom in s.solutions():
        yield s.extension(af, dom)


# ---------------------------------------------------------------- SAT

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


def preferred_extensions(af: AF) -> Iterator[frozenset[str]]:
    """Generate the preferred extensions (subset-maximal complete ones), one at a time.

    No complete extension is enumerated: each preferred one is grown by a SAT
    solver, then its subsets are ruled out.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a"), ("b", "c")])
    >>> sorted(sorted(e) for e in preferred_extensions(af))
    [['a', 'c'], ['b']]
    """
    s = _Sat(af)
    try:
        for lab in s.preferred():
            yield s.extension(lab)
    finally:
        s.close()


def iter_extensions(af: AF, semantics: str) -> Iterator[frozenset[str]]:
    """The extensions under ``semantics``, streamed in a fixed order."""
    sem = normalize_semantics(semantics)
    if sem == "grounded":
        return iter([grounded_extension(af)])
    if sem == "complete":
        return complete_extensions(af)
    if sem == "preferred":
        return preferred_extensions(af)
    return stable_extensions(af)


def extensions(af: AF, semantics: str) -> list[frozenset[str]]:
    """All extensions under ``semantics`` (name or ICCMA abbreviation)."""
    return list(iter_extensions(af, semantics))


def some_extension(af: AF, semantics: str) -> frozenset[str] | None:
    """One extension, or None when there is none (only possible for stable).

    For complete this is the grounded extension.

    Examples
    --------
    >>> some_extension(AF.from_edges([("a", "a")]), "ST") is None
    True
    """
    sem = normalize_semantics(semantics)
    if sem in ("grounded", "complete"):
        return grounded_extension(af)
    with _Sat(af, stable=sem == "stable") as s:
        lab = s.solve()
        if lab is None:
            return None
        if sem == "preferred":
            lab = s.grow(lab)
        return s.extension(lab)


def credulous(af: AF, semantics: str, arg: str) -> bool:
    """Is ``arg`` in some extension (ICCMA task DC)?

    Credulous preferred acceptance is credulous complete acceptance (every
    complete extension lies in a preferred one): one SAT call.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a")])
    >>> credulous(af, "PR", "a"), credulous(af, "GR", "a")
    (True, False)
    """
    sem = normalize_semantics(semantics)
    g = af._position(arg)
    base = _grounded_codes(af)[g]
    if sem == "grounded" or base == _OUT:
        return base == _IN
    if base == _IN and sem != "stable":
        return True
    with _Sat(af, stable=sem == "stable") as s:
        if base == _IN:  # in every stable extension, if there is one
            return s.solve() is not None
        return s.solve([s.lit(arg, _L_IN)]) is not None


def skeptical(af: AF, semantics: str, arg: str) -> bool:
    """Is ``arg`` in every extension (ICCMA task DS)?

    Sceptical complete acceptance is grounded acceptance. With no stable
    extension every argument is skeptically accepted under stable semantics
    (ICCMA convention).

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> skeptical(af, "PR", "d"), skeptical(af, "CO", "d")
    (True, False)
    """
    sem = normalize_semantics(semantics)
    g = af._position(arg)
    base = _grounded_codes(af)[g]
    if sem in ("grounded", "complete"):
        return base == _IN
    if base == _IN:
        return True
    with _Sat(af, stable=sem == "stable") as s:
        if sem == "stable":
            if base == _OUT:
                return s.solve() is None
            return s.solve([s.lit(arg, _L_IN, False)]) is None
        if base == _OUT:
            return False  # OUT in every complete extension
        return s.preferred_where([s.lit(arg, _L_IN, False)]) is None


def statuses(af: AF, semantics: str) -> dict[str, Label]:
    """Each argument's status across all extensions of ``semantics``.

    IN when it is in every extension (sceptically accepted), OUT when every
    extension attacks it, UNDEC otherwise; with no extension at all (stable
    only) every argument is UNDEC. Under grounded and complete semantics this
    is the grounded labelling. Under preferred and stable semantics the
    extensions are not listed: only arguments grounded leaves UNDEC are
    asked about, and every labelling found on the way settles many of them.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> {a: str(l) for a, l in statuses(af, "preferred").items()}
    {'a': 'UNDEC', 'b': 'UNDEC', 'c': 'OUT', 'd': 'IN'}
    """
    sem = normalize_semantics(semantics)
    names = (Label.UNDEC, Label.IN, Label.OUT)
    if sem in ("grounded", "complete"):
        return grounded(af)
    with _Sat(af, stable=sem == "stable") as s:
        first = s.solve()
        if first is None:
            return {a: Label.UNDEC for a in af.arguments}
        if sem == "preferred":
            first = s.grow(first)
        n = len(s.open)
        maybe_in = [c == _L_IN for c in first]
        maybe_out = [c == _L_OUT for c in first]

        def witness(lit: int) -> list[int] | None:
            if sem == "stable":
                return s.solve([lit])
            return s.preferred_where([lit])

        for k in range(n):
            for maybe, label in ((maybe_in, _L_IN), (maybe_out, _L_OUT)):
                if not maybe[k]:
                    continue
                var = 2 * k + (1 if label == _L_IN else 2)
                lab = witness(-var)  # one where k is not IN (not OUT)?
                if lab is None:
                    continue
                for j, c in enumerate(lab):
                    maybe_in[j] = maybe_in[j] and c == _L_IN
                    maybe_out[j] = maybe_out[j] and c == _L_OUT
        codes = list(s.base)
        for k, g in enumerate(s.open):
            codes[g] = _IN if maybe_in[k] else _OUT if maybe_out[k] else _UNDEC
    return {a: names[c] for a, c in zip(af.arguments, codes)}


# ---------------------------------------------------------------- bipolar

_MODES = ("none", "supported", "secondary", "both")


def _support_reach(
    starts: Iterable[str], sup_out: dict[str, list[str]]
) -> dict[str, list[str]]:
    """For each start, the arguments reached by a support chain of length >= 1."""
    reach: dict[str, list[str]] = {}
    for s in starts:
        if s in reach or s not in sup_out:
            continue
        seen: set[str] = set()
        order: list[str] = []
        dq = deque(sup_out[s])
        while dq:
            x = dq.popleft()
            if x in seen:
                continue
            seen.add(x)
            order.append(x)
            dq.extend(sup_out.get(x, ()))
        reach[s] = order
    return reach


def derived_attacks(
    arguments: Iterable[str],
    attacks: Iterable[tuple[str, str]],
    supports: Iterable[tuple[str, str]],
    mode: str = "both",
) -> tuple[AF, dict[tuple[str, str], tuple[str, str]]]:
    """Dung framework of a bipolar one, with supported/secondary attacks added.

    Definitions (C. Cayrol & M.-C. Lagasquie-Schiex, "Bipolarity in
    argumentation graphs: towards a better understanding", International
    Journal of Approximate Reasoning 54(7):876-899, 2013,
    doi:10.1016/j.ijar.2013.03.001, open copy OATAO eprint 13625; their 2005
    ECSQARU paper "On the acceptability of arguments in bipolar
    argumentation frameworks" calls them supported and indirect defeats):

    * **supported attack** from *a* to *b*: a sequence of supports
      *a* → … → *x* (at least one support) and *x* attacks *b*;
    * **secondary attack** from *a* to *b*: *a* attacks *x* and a sequence
      of supports *x* → … → *b* (at least one support).

    Derived attacks are computed from direct attacks only (they are not
    chained into each other), as in the definitions.

    Parameters
    ----------
    arguments : iterable of str
    attacks, supports : iterable of (str, str)
    mode : {"none", "supported", "secondary", "both"}

    Returns
    -------
    af : AF
        Arguments and direct plus derived attacks.
    why : dict
        ``(a, b) -> (kind, via)`` for every attack that is only derived;
        ``kind`` is ``"supported"`` (``via`` = the supported argument that
        attacks ``b``) or ``"secondary"`` (``via`` = the argument ``a``
        attacks, which supports ``b`` through a chain).

    Examples
    --------
    >>> af, why = derived_attacks("abc", [("b", "c")], [("a", "b")], "supported")
    >>> why
    {('a', 'c'): ('supported', 'b')}
    >>> af, why = derived_attacks("abc", [("a", "b")], [("b", "c")], "secondary")
    >>> why
    {('a', 'c'): ('secondary', 'b')}
    """
    if mode not in _MODES:
        raise SemanticsError(
            f"unknown bipolar mode {mode!r}; use one of {', '.join(_MODES)}"
        )
    attacks = [(str(a), str(b)) for a, b in attacks]
    direct = set(attacks)
    base = AF.from_edges(attacks, arguments)
    why: dict[tuple[str, str], tuple[str, str]] = {}
    if mode == "none":
        return base, why
    sup_out: dict[str, list[str]] = {}
    for a, b in supports:
        sup_out.setdefault(str(a), []).append(str(b))
    att_out: dict[str, list[str]] = {}
    att_in: dict[str, list[str]] = {}
    for a, b in attacks:
        att_out.setdefault(a, []).append(b)
        att_in.setdefault(b, []).append(a)
    if mode in ("supported", "both"):
        reach = _support_reach(sup_out, sup_out)
        for a, targets in reach.items():
            for x in targets:
                for c in att_out.get(x, ()):
                    e = (a, c)
                    if e not in direct and e not in why:
                        why[e] = ("supported", x)
    if mode in ("secondary", "both"):
        reach = _support_reach((b for b in att_in if b in sup_out), sup_out)
        for x, targets in reach.items():
            for a in att_in[x]:
                for c in targets:
                    e = (a, c)
                    if e not in direct and e not in why:
                        why[e] = ("secondary", x)
    af = AF.from_edges(attacks + list(why), base.arguments)
    return af, why


# ---------------------------------------------------------------- explain


@dataclass(frozen=True)
class Reason:
    """Why an argument has its label, in space independent of the framework's size.

    ``path`` is a walk along attacks ending at the argument:

    * IN: ``()`` (every attacker is OUT; see their reasons);
    * OUT: ``(attacker, arg)``, the first IN attacker in argument order;
    * UNDEC: ``(attacker, arg)``, an UNDEC attacker one step nearer to an
      unresolved cycle; following these attackers leads to the argument named
      by ``cycle``, whose own ``path`` is the whole cycle
      (``(c, x1, ..., c)``, its first element recurring at its end). Each
      cycle is listed once, in the reason of its first argument.

    ``cycle`` is ``None`` for IN and OUT.
    """

    label: Label
    path: tuple[str, ...] = ()
    cycle: str | None = None


def _sccs(nodes: list[int], succ: list[list[int]]) -> list[list[int]]:
    """Strongly connected components (iterative Tarjan), in reverse topological order."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on: set[int] = set()
    stack: list[int] = []
    out: list[list[int]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, i = work[-1]
            nxt = succ[v]
            if i < len(nxt):
                work[-1] = (v, i + 1)
                w = nxt[i]
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, 0))
                elif w in on and index[w] < low[v]:
                    low[v] = index[w]
                continue
            work.pop()
            if work:
                u = work[-1][0]
                if low[v] < low[u]:
                    low[u] = low[v]
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out


def explain(af: AF, labelling: dict[str, Label]) -> dict[str, Reason]:
    """Explain each label of a complete labelling (e.g. :func:`grounded`).

    Linear in arguments + attacks, and the same on every run: attackers are
    taken in argument order, and each unresolved cycle is spelt out once.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("c", "d"), ("d", "e"), ("e", "c"), ("c", "f")])
    >>> r = explain(af, grounded(af))
    >>> r["b"].path, r["c"].path, r["d"].path, r["f"].path, r["f"].cycle
    (('a', 'b'), ('c', 'd', 'e', 'c'), ('c', 'd'), ('c', 'f'), 'c')
    """
    ins, outs = af._index
    args = af.arguments
    lab = [Label(labelling[a]) for a in args]
    undec = [i for i in range(len(args)) if lab[i] is Label.UNDEC]
    is_u = [x is Label.UNDEC for x in lab]
    u_succ = [[j for j in outs[i] if is_u[j]] if is_u[i] else [] for i in range(len(args))]
    u_pred = [[j for j in ins[i] if is_u[j]] if is_u[i] else [] for i in range(len(args))]

    # Every UNDEC argument of a complete labelling has an UNDEC attacker, so
    # walking back along UNDEC attacks ends in a cycle of a source component.
    comp_of: dict[int, int] = {}
    comps = _sccs(undec, u_succ)
    for c, comp in enumerate(comps):
        for v in comp:
            comp_of[v] = c
    parent: dict[int, int] = {}
    rep_of: dict[int, int] = {}
    cycles: dict[int, list[int]] = {}
    frontier: list[int] = []
    for comp in sorted(comps, key=min):
        c = comp_of[comp[0]]
        if any(comp_of[j] != c for v in comp for j in u_pred[v]):
            continue  # not a source component: reached from one upstream
        rep = min(comp)
        if len(comp) == 1 and rep not in u_succ[rep]:
            rep_of[rep] = rep  # no cycle (the labelling is not complete): nothing to show
            cycles[rep] = [rep]
            frontier.append(rep)
            continue
        # shortest cycle through rep, walking back within the component
        back = {rep: -1}
        queue = deque([rep])
        found = -1
        while queue and found < 0:
            x = queue.popleft()
            for y in u_pred[x]:
                if comp_of.get(y) != c:
                    continue
                if y == rep:
                    found = x
                    break
                if y not in back:
                    back[y] = x
                    queue.append(y)
        walk = [rep]
        x = found
        while x != -1:
            walk.append(x)
            x = back[x]
        cyc = walk  # rep, found, ..., rep: attacks run along it
        cycles[rep] = cyc
        for k in range(1, len(cyc)):
            v = cyc[k]
            if v != rep and v not in rep_of:
                parent[v] = cyc[k - 1]
                rep_of[v] = rep
        rep_of[rep] = rep
        frontier.extend(cyc[:-1])
    # breadth first from the cycles along UNDEC attacks: each argument's
    # attacker is one step nearer to its cycle
    queue = deque(frontier)
    while queue:
        x = queue.popleft()
        for t in u_succ[x]:
            if t not in rep_of:
                rep_of[t] = rep_of[x]
                parent[t] = x
                queue.append(t)

    out: dict[str, Reason] = {}
    for i, a in enumerate(args):
        if lab[i] is Label.IN:
            out[a] = Reason(Label.IN)
        elif lab[i] is Label.OUT:
            hit = next((j for j in ins[i] if lab[j] is Label.IN), None)
            out[a] = Reason(Label.OUT, (args[hit], a) if hit is not None else ())
        else:
            rep = rep_of[i]
            if i == rep:
                path = tuple(args[k] for k in cycles[rep]) if len(cycles[rep]) > 1 else ()
            else:
                path = (args[parent[i]], a)
            out[a] = Reason(Label.UNDEC, path, args[rep])
    return out
