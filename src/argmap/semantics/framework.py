"""The abstract framework: :class:`AF`, labels, semantics names and the error they raise."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property
from operator import itemgetter
from typing import Iterable

from ..diagnostics import ArgmapError
from ..perf import gc_paused


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
