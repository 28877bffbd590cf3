"""Attacks on attacks: AFRA (Baroni, Cerutti, Giacomin & Guida 2011).

An *argumentation framework with recursive attacks* (AFRA) has arguments and
attacks; every attack has an id, a source (an argument) and a target, which is
an argument or another attack. Definitions follow P. Baroni, F. Cerutti,
M. Giacomin and G. Guida, "AFRA: Argumentation framework with recursive
attacks", International Journal of Approximate Reasoning 52(1):19-37, 2011,
doi:10.1016/j.ijar.2010.05.004 (open copy: arXiv:1810.04886):

* an attack *α* **directly defeats** its target (an argument or an attack);
* an attack *α* **indirectly defeats** every attack *β* whose source is the
  target of *α* (defeating an argument also defeats the attacks it makes);
* conflict-freeness, acceptability, and the admissible, complete, grounded,
  preferred and stable extensions are Dung's definitions applied to the
  *defeat* relation over the set of all elements (arguments and attacks).

So an AFRA is evaluated as a Dung framework whose arguments are the AFRA's
arguments and attacks (each attack reified as an argument) and whose attacks
are the defeats: the paper's correspondence with Dung frameworks, which it
shows preserves every semantics argmap offers (Proposition 12, as cited by
ASPARTIX, whose AFRA encoding is this same reduction). :func:`to_af` builds
that framework and the semantics come from :mod:`argmap.semantics`.

When no attack is attacked, every attack has exactly the defeaters of its
source, so it always carries its source's label, and the labels of the
arguments equal plain Dung's (tested on random frameworks).

Extensions are sets of *elements* (argument ids and attack ids).

Examples
--------
>>> fw = AFRA.build(["a", "b", "c"], [("ab", "a", "b"), ("c-ab", "c", "ab")])
>>> defeats(fw)
[('ab', 'b', 'direct'), ('c-ab', 'ab', 'direct')]
>>> {a: str(l) for a, l in argument_labels(fw).items()}
{'a': 'IN', 'b': 'IN', 'c': 'IN'}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .diagnostics import ArgmapError
from .semantics import AF, Label, extensions as dung_extensions, statuses

__all__ = [
    "AFRA",
    "Attack",
    "AFRAError",
    "defeats",
    "to_af",
    "labelling",
    "argument_labels",
    "extensions",
]


class AFRAError(ArgmapError, ValueError):
    """A malformed AFRA: duplicate ids, or an attack whose ends do not exist."""


@dataclass(frozen=True, slots=True)
class Attack:
    """An attack ``id``: ``source`` (an argument) attacks ``target`` (an argument or attack id)."""

    id: str
    source: str
    target: str


@dataclass(frozen=True)
class AFRA:
    """An argumentation framework with recursive attacks.

    Argument ids and attack ids share one namespace (an id names one element).
    Use :meth:`build` to construct and check one.
    """

    arguments: tuple[str, ...]
    attacks: tuple[Attack, ...]

    @classmethod
    def build(
        cls,
        arguments: Iterable[str],
        attacks: Iterable[tuple[str, str, str] | Attack],
    ) -> "AFRA":
        """Check and build an AFRA from argument ids and ``(id, source, target)`` triples.

        Order is kept as given (it only fixes output order). Raises
        :class:`AFRAError` for a duplicate id, a source that is not an
        argument, or a target that is neither an argument nor an attack.

        Examples
        --------
        >>> AFRA.build(["a"], [("x", "a", "nope")])
        Traceback (most recent call last):
        ...
        argmap.afra.AFRAError: attack 'x' targets 'nope', which is neither an argument nor an attack
        """
        args = tuple(str(a) for a in arguments)
        atts = tuple(
            a if isinstance(a, Attack) else Attack(str(a[0]), str(a[1]), str(a[2])) for a in attacks
        )
        seen: set[str] = set()
        for x in args + tuple(a.id for a in atts):
            if x in seen:
                raise AFRAError(f"duplicate id {x!r}: arguments and attacks share one namespace")
            seen.add(x)
        argset = set(args)
        for a in atts:
            if a.source not in argset:
                raise AFRAError(f"attack {a.id!r} starts at {a.source!r}, which is not an argument")
            if a.target not in seen:
                raise AFRAError(
                    f"attack {a.id!r} targets {a.target!r}, which is neither an argument nor an attack"
                )
        return cls(args, atts)

    @property
    def elements(self) -> tuple[str, ...]:
        """Argument ids, then attack ids."""
        return self.arguments + tuple(a.id for a in self.attacks)


def defeats(fw: AFRA) -> list[tuple[str, str, str]]:
    """The AFRA defeat relation as ``(attack, defeated element, "direct" | "indirect")``.

    Direct: an attack defeats its target. Indirect: an attack whose target is
    an argument *x* defeats every attack whose source is *x*. Linear in the
    number of attacks plus defeats; listed by attack, direct defeat first,
    then indirect ones in attack order.

    Examples
    --------
    >>> fw = AFRA.build("abc", [("ab", "a", "b"), ("bc", "b", "c")])
    >>> defeats(fw)
    [('ab', 'b', 'direct'), ('ab', 'bc', 'indirect'), ('bc', 'c', 'direct')]
    """
    made_by: dict[str, list[str]] = {}
    for a in fw.attacks:
        made_by.setdefault(a.source, []).append(a.id)
    out: list[tuple[str, str, str]] = []
    for a in fw.attacks:
        out.append((a.id, a.target, "direct"))
        for b in made_by.get(a.target, ()):
            out.append((a.id, b, "indirect"))
    return out


def to_af(fw: AFRA) -> AF:
    """The Dung framework of ``fw``: elements as arguments, defeats as attacks."""
    return AF(fw.elements, frozenset((a, b) for a, b, _ in defeats(fw)))


def labelling(fw: AFRA, semantics: str = "grounded") -> dict[str, Label]:
    """A label for every element (arguments, then attacks), in ``fw.elements`` order.

    Grounded: the grounded labelling of :func:`to_af`. Complete, preferred,
    stable (several extensions): the sceptical reading argmap's analysis uses
    for Dung frameworks (:func:`argmap.semantics.statuses`, which decides it
    without listing the extensions), IN when the element is in every
    extension, OUT when every extension holds a defeater of it, UNDEC
    otherwise; with no stable extension every element is UNDEC.
    """
    return statuses(to_af(fw), semantics)


def argument_labels(fw: AFRA, semantics: str = "grounded") -> dict[str, Label]:
    """:func:`labelling` restricted to the arguments (what a map's nodes show).

    With no attacked attack this equals plain Dung's labelling of the
    argument-to-argument attacks.
    """
    lab = labelling(fw, semantics)
    return {a: lab[a] for a in fw.arguments}


def extensions(fw: AFRA, semantics: str = "grounded") -> list[frozenset[str]]:
    """All extensions (sets of argument and attack ids) under ``semantics``.

    Sorted for stable output: by size, then by the elements' positions in
    ``fw.elements``.

    Examples
    --------
    >>> fw = AFRA.build("ab", [("ab", "a", "b"), ("ba", "b", "a")])
    >>> [sorted(e) for e in extensions(fw, "preferred")]
    [['a', 'ab'], ['b', 'ba']]
    """
    af = to_af(fw)
    pos = {x: i for i, x in enumerate(af.arguments)}
    exts = set(dung_extensions(af, semantics))
    return sorted(exts, key=lambda e: (len(e), sorted(pos[x] for x in e)))
