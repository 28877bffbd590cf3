"""The questions asked of a framework, each answered by one engine.

Grounded semantics needs no engine: its labelling is linear, and it also answers the
sceptical complete question and gives one complete extension. Every other question goes
to one of two engines, both working on what the grounded labelling leaves UNDEC:

=======================================  ================  ==============================
question                                 engine            function
=======================================  ================  ==============================
every complete / stable extension (EE)   search            :func:`complete_extensions`,
                                                           :func:`stable_extensions`
every preferred extension (EE)           SAT               :func:`preferred_extensions`
one stable / preferred extension (SE)    SAT               :func:`some_extension`
credulous acceptance (DC), CO PR ST      SAT               :func:`credulous`
sceptical acceptance (DS), PR ST         SAT               :func:`skeptical`
statuses under preferred / stable        SAT               :func:`statuses`
=======================================  ================  ==============================

Chosen by ``bench/engines.py``, which times both engines on each question they can both
answer (figures in docs/performance.md). Enumeration goes to the search: its time per
extension stays the same and its memory linear, while the SAT solver carries one clause
per extension found, so each model costs more than the last (bench/scaling.py's
mutual-attack pairs: 2^16 stable extensions in 1.3 s by search, 4.4 s by SAT; 2^18 in
6.9 s by search, SAT past 30 s); the search pays on hard instances with few extensions
(Medium-result-b1's 15 stable extensions: 1.66 s against 0.21 s). Every decision goes to
SAT: on small frameworks the search is a millisecond or two faster, but on denser ones it
is up to 20x slower per question, and 146x for statuses (400 arguments, 1,600 attacks:
4.9 s against 0.034 s), where the solver learns from its conflicts.
"""

from __future__ import annotations

from typing import Iterator

from .framework import AF, Label, normalize_semantics
from .grounded import _IN, _OUT, _UNDEC, _grounded_codes, grounded, grounded_extension
from .sat import _L_IN, _L_OUT, _Sat
from .search import _Search


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
