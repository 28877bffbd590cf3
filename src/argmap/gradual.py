"""Gradual strength for bipolar frameworks with base scores: DF-QuAD and quadratic energy.

Every argument has a base score in [0, 1] (default 0.5), attackers and
supporters; a gradual semantics gives it a *strength* in [0, 1]. Two are
implemented, over plain ids (no networkx, no YAML):

**DF-QuAD** (A. Rago, F. Toni, M. Aurisicchio and P. Baroni, "Discontinuity-Free
Decision Support with Quantitative Argumentation Debates", KR 2016,
pp. 63-72). The attackers' strengths ``v1..vn`` are aggregated as
``F = 1 - (1 - v1)···(1 - vn)`` (``F = 0`` with none), likewise the
supporters'; then with base score ``w``, attack ``va`` and support ``vs``::

    strength = w - w·(va - vs)          if va >= vs
    strength = w + (1 - w)·(vs - va)    if va <  vs

DF-QuAD is defined for acyclic graphs, where each argument is computed once,
after its attackers and supporters (topological order).

**Quadratic energy** (N. Potyka, "Continuous Dynamical Systems for Weighted
Bipolar Argumentation", KR 2018, pp. 148-157). The energy of an argument is
``E = Σ supporters' strengths - Σ attackers' strengths``; with
``h(x) = max(x, 0)² / (1 + max(x, 0)²)`` its target is
``f(w, E) = w - w·h(-E) + (1 - w)·h(E)``, and strengths follow the ODE
``ds/dt = f(w, E) - s`` from ``s = w``; the strength is its limit.

How cycles and numbers are handled (the choices argmap makes):

* The dependency graph (attacks, supports, premises) is split into strongly
  connected components (Tarjan, :mod:`argmap.semantics.scc`), evaluated upstream first, each with its
  inputs already final. An argument on no cycle is computed exactly, once:
  for DF-QuAD that is the definition; for quadratic energy it is the ODE's
  equilibrium, which is unique and reached when the graph is acyclic
  (Potyka 2018). So acyclic graphs cost one pass, and an argument downstream
  of a cycle is computed once from the cycle's result.
* A cyclic component is solved iteratively. DF-QuAD: damped Jacobi rounds
  ``s <- (s + D(s)) / 2`` from the base scores, where ``D`` is the DF-QuAD
  update; the fixpoints are exactly DF-QuAD's (``D(s) = s``), and damping
  stops the 0/1 flip-flop plain iteration shows on even cycles (it is Euler's
  method with step 1/2 on Potyka's continuised DF-QuAD). Quadratic energy:
  classical Runge-Kutta (RK4) with a fixed step ``h``; by default, per
  component, ``h = min(1, 2 / (1 + R))`` with ``R = max(0.65·d, 1 if a
  premise cap)``, ``d`` the most attackers plus supporters inside the
  component of one argument (0.65 bounds ``f``'s slope in ``E``, so by
  Gershgorin every eigenvalue of the linearised system lies in the disc of
  radius ``R`` around -1, and for such an eigenvalue ``λ`` with ``Re λ <= 0``
  the RK4 amplification ``|1 + z + z²/2 + z³/6 + z⁴/24|``, ``z = hλ``, is at
  most 1). After each step strengths are clipped to [0, 1] (the exact flow
  never leaves it).
* Each component stops when the largest change a round would make (DF-QuAD:
  ``max |D(s) - s|``; quadratic energy: ``max |ds/dt|``) is below ``tol``,
  or after ``max_rounds`` rounds; :class:`Strengths` says whether all
  converged, the largest residual and the most rounds one needed. Neither
  semantics is guaranteed to converge on every cyclic graph (Mossakowski &
  Neuhaus 2018; Potyka 2018): a result with ``converged=False`` is the last
  state, and callers must say so.
* Each round costs time linear in its component's arguments and edges
  (adjacency lists); the split is linear too. Sums and products run over
  attackers and supporters sorted by id, so the floats are identical for any
  input order and any ``PYTHONHASHSEED``.

**Linked premises** (argmap's extension, see docs/format-v2.md): an
argument may list premises; its strength is capped by its weakest premise's
(``min``), inside the computation, so the cap propagates to what it
supports or attacks. Premises count as dependencies for the components.

Examples
--------
>>> r = dfquad("abc", attacks=[("b", "a")], supports=[("c", "a")], base={"b": 0.8, "c": 0.4})
>>> {k: round(v, 4) for k, v in r.values.items()}
{'a': 0.3, 'b': 0.8, 'c': 0.4}
>>> r.converged, r.rounds
(True, 0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Iterable, Mapping, Sequence

from .diagnostics import ArgmapError
from .semantics.scc import sccs

__all__ = [
    "Strengths",
    "GradualError",
    "GRADUAL",
    "DEFAULT_BASE",
    "normalize_gradual",
    "dfquad",
    "quadratic_energy",
    "strengths",
]

#: Base score of an argument with no ``weight``.
DEFAULT_BASE = 0.5

#: Upper bound of the slope of Potyka's h(x) = x²/(1+x²) (its maximum is 3√3/8 ≈ 0.6495).
_H_SLOPE = 0.65


class GradualError(ArgmapError, ValueError):
    """Bad input to a gradual semantics: unknown ids, base scores outside [0, 1], unknown name."""


@dataclass(frozen=True)
class Strengths:
    """The result of a gradual semantics.

    Attributes
    ----------
    values : dict
        ``{argument: strength}`` in the order the arguments were given.
    method : str
        ``"dfquad"`` or ``"quadratic-energy"``.
    converged : bool
        False when some cyclic component stopped at ``max_rounds`` with its
        residual not below ``tol``.
    rounds : int
        Most rounds (DF-QuAD rounds or RK4 steps) one cyclic component took; 0 when acyclic.
    residual : float
        Largest change a next round would make, over all components (0.0 when acyclic).
    cyclic : tuple of str
        Arguments on a cycle (solved iteratively), in input order.
    """

    values: dict[str, float]
    method: str
    converged: bool = True
    rounds: int = 0
    residual: float = 0.0
    cyclic: tuple[str, ...] = ()


# ------------------------------------------------------------ preparation


class _Graph:
    """Integer adjacency lists, base scores, and the components.

    Internal index ``i`` is the rank of the id in sorted order, so sorting
    indices sorts by id and nothing depends on the input order; ``args``
    keeps the input order for output.
    """

    def __init__(
        self,
        arguments: Iterable[str],
        attacks: Iterable[tuple[str, str]],
        supports: Iterable[tuple[str, str]],
        base: Mapping[str, float] | None,
        premises: Mapping[str, Sequence[str]] | None,
        default: float,
    ):
        args = tuple(dict.fromkeys(str(a) for a in arguments))
        ids = sorted(args)
        pos = {a: i for i, a in enumerate(ids)}
        n = len(args)
        self.args, self.ids, self.pos = args, ids, pos
        default = _score(default, "default base score")
        self.base = [default] * n
        for a, w in (base or {}).items():
            if a not in pos:
                raise GradualError(f"base score given for {a!r}, which is not an argument")
            self.base[pos[a]] = _score(w, f"base score of {a!r}")
        self.att = self._lists(attacks, "attack")
        self.sup = self._lists(supports, "support")
        self.prem: list[list[int]] = [[] for _ in range(n)]
        for a, ps in (premises or {}).items():
            i = self._index(a, "premises given for")
            self.prem[i] = sorted({self._index(p, f"premise of {a!r}") for p in ps})
        self.comps = self._components()

    def _index(self, a, what: str) -> int:
        try:
            return self.pos[str(a)]
        except KeyError:
            raise GradualError(f"{what} {a!r}, which is not an argument") from None

    def _lists(self, pairs: Iterable[tuple[str, str]], kind: str) -> list[list[int]]:
        pos = self.pos
        ins: list[list[int]] = [[] for _ in self.args]
        for a, b in pairs:
            try:
                ins[pos[str(b)]].append(pos[str(a)])
            except KeyError:
                bad = a if str(a) not in pos else b
                raise GradualError(f"{kind} ({a}, {b}) names {bad!r}, which is not an argument") from None
        return [sorted(set(x)) if len(x) > 1 else x for x in ins]

    def _components(self) -> list[list[int]]:
        """Strongly connected components of the dependency graph, upstream first.

        :func:`argmap.semantics.scc.sccs`, started from arguments in input order;
        a component is listed after every component it depends on.
        """
        deps = [sorted({*a, *s, *p}) for a, s, p in zip(self.att, self.sup, self.prem)]
        self.deps = deps
        return [sorted(c) for c in sccs(range(len(self.args)), deps)]

    def is_cyclic(self, comp: list[int]) -> bool:
        return len(comp) > 1 or comp[0] in self.deps[comp[0]]

    def in_degree(self, comp: list[int]) -> int:
        """Most dependencies inside ``comp`` of one of its arguments."""
        inside = set(comp)
        return max((sum(1 for j in self.att[i] + self.sup[i] if j in inside) for i in comp), default=0)


def _score(w, what: str) -> float:
    if isinstance(w, bool) or not isinstance(w, (int, float)):
        raise GradualError(f"{what} must be a number in [0, 1], not {w!r}")
    w = float(w)
    if not (0.0 <= w <= 1.0):  # also rejects NaN
        raise GradualError(f"{what} must be in [0, 1], not {w!r}")
    return w


# ------------------------------------------------------------ update rules


def _dfquad_rule(g: _Graph) -> Callable[[int, list[float]], float]:
    att, sup, prem, base = g.att, g.sup, g.prem, g.base

    def rule(i: int, s: list[float]) -> float:
        pa = 1.0
        for j in att[i]:
            pa *= 1.0 - s[j]
        ps = 1.0
        for j in sup[i]:
            ps *= 1.0 - s[j]
        w = base[i]
        # va - vs = (1 - pa) - (1 - ps) = ps - pa
        r = w - w * (ps - pa) if ps >= pa else w + (1.0 - w) * (pa - ps)
        for p in prem[i]:
            if s[p] < r:
                r = s[p]
        return r

    return rule


def _energy_rule(g: _Graph) -> Callable[[int, list[float]], float]:
    att, sup, prem, base = g.att, g.sup, g.prem, g.base

    def rule(i: int, s: list[float]) -> float:
        e = 0.0
        for j in sup[i]:
            e += s[j]
        for j in att[i]:
            e -= s[j]
        w = base[i]
        e2 = e * e
        h = e2 / (1.0 + e2)
        r = w + (1.0 - w) * h if e > 0.0 else w - w * h
        for p in prem[i]:
            if s[p] < r:
                r = s[p]
        return r

    return rule


def _solve(g: _Graph, rule, method: str, cycle, tol: float) -> Strengths:
    """Walk the components upstream first: one rule application for an acyclic
    argument, ``cycle(comp, s)`` for a cyclic component (its inputs are final)."""
    s = list(g.base)
    cyclic: set[int] = set()
    rounds, residual = 0, 0.0
    for comp in g.comps:
        if not g.is_cyclic(comp):
            i = comp[0]
            s[i] = rule(i, s)
            continue
        cyclic.update(comp)
        n, res = cycle(comp, s)
        rounds = max(rounds, n)
        residual = max(residual, res)
    return Strengths(
        {a: s[g.pos[a]] for a in g.args},
        method,
        converged=residual < tol,
        rounds=rounds,
        residual=residual,
        cyclic=tuple(a for a in g.args if g.pos[a] in cyclic),
    )


def _check_loop(tol: float, max_rounds: int) -> None:
    if not (tol > 0.0 and math.isfinite(tol)):
        raise GradualError(f"tol must be a positive number, not {tol!r}")
    if int(max_rounds) != max_rounds or max_rounds < 0:
        raise GradualError(f"max_rounds must be a whole number >= 0, not {max_rounds!r}")


# ------------------------------------------------------------ DF-QuAD


def dfquad(
    arguments: Iterable[str],
    attacks: Iterable[tuple[str, str]] = (),
    supports: Iterable[tuple[str, str]] = (),
    base: Mapping[str, float] | None = None,
    *,
    premises: Mapping[str, Sequence[str]] | None = None,
    default: float = DEFAULT_BASE,
    tol: float = 1e-8,
    max_rounds: int = 1000,
) -> Strengths:
    """DF-QuAD strengths (Rago et al., KR 2016); cycles by damped fixpoint rounds.

    Parameters
    ----------
    arguments : iterable of str
        Argument ids (output order; duplicates are ignored).
    attacks, supports : iterable of (source, target)
        Relations between arguments; a repeated pair counts once.
    base : mapping, optional
        Base scores in [0, 1]; missing arguments get ``default``.
    premises : mapping, optional
        ``{argument: [premise ids]}``: the argument's strength is capped by its
        weakest premise's.
    tol, max_rounds
        Stop rule for each cyclic component (see the module docstring).

    Examples
    --------
    Balanced attack and support leave the base score:

    >>> dfquad("abc", [("b", "a")], [("c", "a")], {"a": 0.3}).values["a"]
    0.3

    A mutual attack between two certain arguments settles half-way:

    >>> r = dfquad("ab", [("a", "b"), ("b", "a")], base={"a": 1, "b": 1})
    >>> r.values, r.converged, r.cyclic
    ({'a': 0.5, 'b': 0.5}, True, ('a', 'b'))
    """
    _check_loop(tol, max_rounds)
    g = _Graph(arguments, attacks, supports, base, premises, default)
    rule = _dfquad_rule(g)

    def cycle(comp: list[int], s: list[float]) -> tuple[int, float]:
        rounds = 0
        while True:
            new = [rule(i, s) for i in comp]
            residual = max(abs(v - s[i]) for i, v in zip(comp, new))
            if residual < tol or rounds >= max_rounds:
                return rounds, residual
            for i, v in zip(comp, new):
                s[i] = 0.5 * (s[i] + v)
            rounds += 1

    return _solve(g, rule, "dfquad", cycle, tol)


# ------------------------------------------------------------ quadratic energy


def quadratic_energy(
    arguments: Iterable[str],
    attacks: Iterable[tuple[str, str]] = (),
    supports: Iterable[tuple[str, str]] = (),
    base: Mapping[str, float] | None = None,
    *,
    premises: Mapping[str, Sequence[str]] | None = None,
    default: float = DEFAULT_BASE,
    step: float | None = None,
    tol: float = 1e-8,
    max_rounds: int = 10000,
) -> Strengths:
    """Quadratic-energy strengths (Potyka, KR 2018): the limit of its ODE.

    Parameters are those of :func:`dfquad`, plus ``step``: the RK4 step for
    the cyclic components (default: the stable step described in the module
    docstring, per component). ``max_rounds`` counts RK4 steps.

    Examples
    --------
    One certain attacker: ``E = -1``, ``h(1) = 1/2``, so ``0.5 - 0.5·0.5``:

    >>> quadratic_energy("ab", [("b", "a")], base={"b": 1.0}).values["a"]
    0.25
    """
    _check_loop(tol, max_rounds)
    if step is not None and not (0.0 < step and math.isfinite(step)):
        raise GradualError(f"step must be a positive number, not {step!r}")
    g = _Graph(arguments, attacks, supports, base, premises, default)
    rule = _energy_rule(g)

    def cycle(comp: list[int], s: list[float]) -> tuple[int, float]:
        h = step
        if h is None:
            r = _H_SLOPE * g.in_degree(comp)
            if any(g.prem[i] for i in comp):
                r = max(r, 1.0)
            h = min(1.0, 2.0 / (1.0 + r))
        h2, h6 = h / 2.0, h / 6.0
        rounds = 0
        while True:
            y = [s[i] for i in comp]
            k1 = [rule(i, s) - s[i] for i in comp]
            residual = max(abs(d) for d in k1)
            if residual < tol or rounds >= max_rounds:
                return rounds, residual
            # stages are evaluated in place: a component's rule reads only the
            # component itself and final upstream values
            for i, v, d in zip(comp, y, k1):
                s[i] = v + h2 * d
            k2 = [rule(i, s) - s[i] for i in comp]
            for i, v, d in zip(comp, y, k2):
                s[i] = v + h2 * d
            k3 = [rule(i, s) - s[i] for i in comp]
            for i, v, d in zip(comp, y, k3):
                s[i] = v + h * d
            k4 = [rule(i, s) - s[i] for i in comp]
            for n, i in enumerate(comp):
                v = y[n] + h6 * (k1[n] + 2.0 * k2[n] + 2.0 * k3[n] + k4[n])
                s[i] = 0.0 if v < 0.0 else 1.0 if v > 1.0 else v
            rounds += 1

    return _solve(g, rule, "quadratic-energy", cycle, tol)


# ------------------------------------------------------------ registry

#: Gradual semantics by canonical name.
GRADUAL: dict[str, Callable[..., Strengths]] = {
    "dfquad": dfquad,
    "quadratic-energy": quadratic_energy,
}

#: Other spellings people use for them (a canonical name needs no entry).
_ALIASES = {
    "df-quad": "dfquad",
    "quadratic_energy": "quadratic-energy",
    "qe": "quadratic-energy",
}


def normalize_gradual(name: str) -> str:
    """Canonical name of a gradual semantics.

    Examples
    --------
    >>> normalize_gradual("DF-QuAD"), normalize_gradual("qe")
    ('dfquad', 'quadratic-energy')
    """
    key = str(name).strip().lower()
    canonical = _ALIASES.get(key, key)
    if canonical not in GRADUAL:
        raise GradualError(f"unknown gradual semantics {name!r}; use one of {', '.join(GRADUAL)}")
    return canonical


def strengths(semantics: str, arguments: Iterable[str], attacks=(), supports=(), base=None, **kw) -> Strengths:
    """Run the gradual semantics named ``semantics`` (see :data:`GRADUAL`)."""
    return GRADUAL[normalize_gradual(semantics)](arguments, attacks, supports, base, **kw)
