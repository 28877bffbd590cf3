"""Dung abstract argumentation semantics over plain argument ids.

An :class:`AF` holds an ordered tuple of argument ids and a set of attacks.
The grounded labelling is computed in time linear in arguments + attacks;
complete, preferred and stable extensions come from a labelling search
(three-valued domains ``{IN, OUT, UNDEC}`` per argument, counter-based
propagation, branching on undecided arguments) restricted to the arguments
the grounded labelling leaves UNDEC, which is exact: every complete
labelling agrees with the grounded one on its IN and OUT arguments.

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
    "some_extension",
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
            a, b = next(e for e in pairs if e[0] not in pos or e[1] not in pos)
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
        """``(attackers, targets)`` as lists of integer positions."""
        n = len(self.arguments)
        src, dst = self.__dict__["_ends"]
        ins: list[list[int]] = [[] for _ in range(n)]
        outs: list[list[int]] = [[] for _ in range(n)]
        with gc_paused():  # millions of small lists: the collector only slows us
            for i, j in zip(src, dst):
                outs[i].append(j)
                ins[j].append(i)
            for adjacent in (ins, outs):  # in argument order, not the frozenset's (hash-seeded) order
                for lst in adjacent:
                    lst.sort()
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
        full = _I | _O if stable else _I | _O | _U
        deg = [len(a) for a in self.ins]
        self.init = [
            [full] * n,
            list(deg),  # can_i
            [0] * n,  # is_i
            [0] * n,  # no_o
            list(deg),  # non_o
            [0] * n if stable else list(deg),  # can_u
            [0] * n,  # is_u
        ]
        order = sorted(range(n), key=lambda k: len(self.ins[k]) + len(self.outs[k]))
        self.order = order

    # -- state changes ---------------------------------------------------
    def _set(self, st, x, nd, stack):
        dom = st[0]
        old = dom[x]
        if nd == old:
            return
        if nd == 0:
            raise _Conflict
        dom[x] = nd
        outs = self.outs[x]
        if old & _I and not nd & _I:
            can_i = st[1]
            for t in outs:
                can_i[t] -= 1
        if nd == _I:
            is_i = st[2]
            for t in outs:
                is_i[t] += 1
        if old & _O and not nd & _O:
            no_o = st[3]
            for t in outs:
                no_o[t] += 1
        if nd == _O:
            non_o = st[4]
            for t in outs:
                non_o[t] -= 1
        if old & _U and not nd & _U:
            can_u = st[5]
            for t in outs:
                can_u[t] -= 1
        if nd == _U:
            is_u = st[6]
            for t in outs:
                is_u[t] += 1
        stack.extend(outs)
        stack.append(x)

    def propagate(self, st, stack):
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
                _set(st, x, nd, stack)
                d = nd
            # prune the attackers of x according to x's domain
            if d == _I:
                if non_o[x]:
                    for y in ins[x]:
                        _set(st, y, dom[y] & _O, stack)
            elif d == _O:
                if is_i[x] == 0 and can_i[x] == 1:
                    for y in ins[x]:
                        if dom[y] & _I:
                            _set(st, y, _I, stack)
                            break
            elif not d & _O:  # IN or UNDEC: no attacker may be IN
                if can_i[x]:
                    for y in ins[x]:
                        _set(st, y, dom[y] & ~_I, stack)
                if d == _U and can_u[x] == 1 and is_u[x] == 0:
                    for y in ins[x]:
                        if dom[y] & _U:
                            _set(st, y, _U, stack)
                            break

    def root(self, fixed: dict[int, int] | None = None):
        """Initial propagated state, or None on conflict."""
        st = [list(a) for a in self.init]
        stack = list(range(len(self.open)))
        try:
            for k, mask in (fixed or {}).items():
                self._set(st, k, st[0][k] & mask, stack)
            self.propagate(st, stack)
        except _Conflict:
            return None
        return st

    def local(self, af: AF, arg: str) -> int | None:
        """Local index of ``arg`` or None when grounded already decides it."""
        return self.local_of.get(af._position(arg))

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

    def solutions(self, st) -> Iterator[list[int]]:
        """Depth-first enumeration of all complete (or stable) domains.

        Binary branching on ``dom[y] & mask`` versus ``dom[y] & ~mask``
        partitions the search space, so each labelling is found once.
        """
        if st is None:
            return
        todo = [st]
        while todo:
            st = todo.pop()
            pick = self._choose(st)
            if pick is None:
                yield st[0]
                continue
            y, mask = pick
            d = st[0][y]
            branches = []
            for nd in (d & ~mask, d & mask):  # popped in reverse: mask first
                if not nd:
                    continue
                child = [list(a) for a in st]
                stack: list[int] = []
                try:
                    self._set(child, y, nd, stack)
                    self.propagate(child, stack)
                except _Conflict:
                    continue
                branches.append(child)
            todo.extend(branches)

    def extension(self, af: AF, dom: list[int]) -> frozenset[str]:
        args = af.arguments
        inside = [args[g] for g, c in enumerate(self.base) if c == _IN]
        inside += [args[self.open[k]] for k, d in enumerate(dom) if d == _I]
        return frozenset(inside)


def complete_extensions(af: AF) -> Iterator[frozenset[str]]:
    """Generate all complete extensions of ``af``.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a")])
    >>> sorted(sorted(e) for e in complete_extensions(af))
    [[], ['a'], ['b']]
    """
    s = _Search(af)
    for dom in s.solutions(s.root()):
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
    for dom in s.solutions(s.root()):
        yield s.extension(af, dom)


def preferred_extensions(af: AF) -> list[frozenset[str]]:
    """All preferred extensions: the subset-maximal complete extensions.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a"), ("b", "c")])
    >>> sorted(sorted(e) for e in preferred_extensions(af))
    [['a', 'c'], ['b']]
    """
    exts = sorted(set(complete_extensions(af)), key=len, reverse=True)
    maximal: list[frozenset[str]] = []
    for e in exts:
        if not any(e < m for m in maximal):
            maximal.append(e)
    return maximal


def extensions(af: AF, semantics: str) -> list[frozenset[str]]:
    """All extensions under ``semantics`` (name or ICCMA abbreviation)."""
    sem = normalize_semantics(semantics)
    if sem == "grounded":
        return [grounded_extension(af)]
    if sem == "complete":
        return list(complete_extensions(af))
    if sem == "preferred":
        return preferred_extensions(af)
    return list(stable_extensions(af))


def _first(s: _Search, fixed: dict[int, int]) -> list[int] | None:
    return next(iter(s.solutions(s.root(fixed))), None)


def some_extension(af: AF, semantics: str) -> frozenset[str] | None:
    """One extension, or None when there is none (only possible for stable).

    For complete this is the grounded extension. For preferred, a complete
    extension is grown greedily: an UNDEC argument that can be IN together
    with the current IN set is added, until none can.

    Examples
    --------
    >>> some_extension(AF.from_edges([("a", "a")]), "ST") is None
    True
    """
    sem = normalize_semantics(semantics)
    if sem in ("grounded", "complete"):
        return grounded_extension(af)
    if sem == "stable":
        return next(iter(stable_extensions(af)), None)
    s = _Search(af)
    dom = _first(s, {})
    assert dom is not None  # the grounded labelling always exists
    for k in range(len(dom)):
        if dom[k] != _U:
            continue
        fixed = {j: _I for j, d in enumerate(dom) if d == _I}
        fixed[k] = _I
        better = _first(s, fixed)
        if better is not None:
            dom = better
    return s.extension(af, dom)


def credulous(af: AF, semantics: str, arg: str) -> bool:
    """Is ``arg`` in some extension (ICCMA task DC)?

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a")])
    >>> credulous(af, "PR", "a"), credulous(af, "GR", "a")
    (True, False)
    """
    sem = normalize_semantics(semantics)
    g = af._position(arg)
    if sem == "grounded":
        return _grounded_codes(af)[g] == _IN
    s = _Search(af, stable=sem == "stable")
    if s.base[g] == _OUT:
        return False
    if s.base[g] == _IN:  # in every complete extension; stable ones may not exist
        return sem != "stable" or _first(s, {}) is not None
    return _first(s, {s.local(af, arg): _I}) is not None


def skeptical(af: AF, semantics: str, arg: str) -> bool:
    """Is ``arg`` in every extension (ICCMA task DS)?

    With no stable extension every argument is skeptically accepted under
    stable semantics (ICCMA convention).

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])
    >>> skeptical(af, "PR", "d"), skeptical(af, "CO", "d")
    (True, False)
    """
    sem = normalize_semantics(semantics)
    g = af._position(arg)
    if sem in ("grounded", "complete"):
        return _grounded_codes(af)[g] == _IN
    if sem == "stable":
        s = _Search(af, stable=True)
        if s.base[g] == _IN:
            return True
        if s.base[g] == _OUT:
            return _first(s, {}) is None
        return _first(s, {s.local(af, arg): _O}) is None
    return all(arg in e for e in preferred_extensions(af))


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
    """Why an argument has its label.

    ``path`` is a walk along attacks ending at the argument:
    for OUT, ``(attacker, arg)`` with an IN attacker; for UNDEC, a walk of
    UNDEC arguments whose first element recurs later in it (a cycle, then
    the chain of attacks from the cycle to the argument); for IN, ``()``
    (every attacker is OUT; see their reasons).
    """

    label: Label
    path: tuple[str, ...] = ()


def _bfs_path(start: int, goal_ok, preds: list[list[int]]) -> list[int] | None:
    """Shortest backward walk start <- ... <- v with goal_ok(v); v first."""
    parent = {start: -1}
    dq = deque([start])
    while dq:
        x = dq.popleft()
        for y in preds[x]:
            if goal_ok(y):
                path = [y, x]
                while parent[path[-1]] != -1:
                    path.append(parent[path[-1]])
                return path
            if y not in parent:
                parent[y] = x
                dq.append(y)
    return None


def explain(af: AF, labelling: dict[str, Label]) -> dict[str, Reason]:
    """Explain each label of a complete labelling (e.g. :func:`grounded`).

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("c", "d"), ("d", "e"), ("e", "c"), ("c", "f")])
    >>> r = explain(af, grounded(af))
    >>> r["b"].path, r["c"].path, r["f"].path
    (('a', 'b'), ('c', 'd', 'e', 'c'), ('c', 'd', 'e', 'c', 'f'))
    """
    ins, _ = af._index
    args = af.arguments
    lab = [Label(labelling[a]) for a in args]
    undec_preds = [
        [j for j in ins[i] if lab[j] is Label.UNDEC] if lab[i] is Label.UNDEC else []
        for i in range(len(args))
    ]
    cyc_cache: dict[int, list[int] | None] = {}

    def cycle(i: int) -> list[int] | None:
        if i not in cyc_cache:
            cyc_cache[i] = _bfs_path(i, lambda v: v == i, undec_preds)
        return cyc_cache[i]

    out: dict[str, Reason] = {}
    for i, a in enumerate(args):
        if lab[i] is Label.IN:
            out[a] = Reason(Label.IN)
        elif lab[i] is Label.OUT:
            hit = next((j for j in ins[i] if lab[j] is Label.IN), None)
            out[a] = Reason(Label.OUT, (args[hit], a) if hit is not None else ())
        else:
            path = cycle(i)
            if path is None:
                tail = _bfs_path(i, lambda v: cycle(v) is not None, undec_preds)
                path = (cycle(tail[0]) + tail[1:]) if tail else [i]
            out[a] = Reason(Label.UNDEC, tuple(args[k] for k in path))
    return out
