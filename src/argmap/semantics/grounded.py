"""The grounded labelling, in time linear in arguments + attacks.

Every other engine starts from it: each complete labelling agrees with the grounded one on
its IN and OUT arguments, so the search and the SAT encoding only decide the arguments it
leaves UNDEC.
"""

from __future__ import annotations

from .framework import AF, Label


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
