"""Bipolar frameworks: support turned into Dung attacks (Cayrol & Lagasquie-Schiex)."""

from __future__ import annotations

from collections import deque
from typing import Iterable

from .framework import AF, SemanticsError


#: How support adds attacks: not at all, supported attacks, secondary attacks, or both.
BIPOLAR_MODES = ("none", "supported", "secondary", "both")


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
    if mode not in BIPOLAR_MODES:
        raise SemanticsError(
            f"unknown bipolar mode {mode!r}; use one of {', '.join(BIPOLAR_MODES)}"
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
