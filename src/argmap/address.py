"""Relation addresses: which relation a target such as ``c->a->b`` names.

A relation is named by where it starts and what it aims at, written with
``->`` and read from the right: ``a->b`` is the relation from node ``a`` to
node ``b``; ``c->a->b`` is the relation from ``c`` to the relation ``a->b``
(an objection to that link); ``d->c->a->b`` is the relation from ``d`` to
``c->a->b``, and so on at any depth.  Ids never contain ``->``, so the address
splits unambiguously and is always a chain: its first id is the relation's
source, the rest is the address of its target.

Where one source makes relations of several kinds to the same target, the
address alone names several relations; ``relation:`` (the model's
:attr:`~argmap.model.Relation.target_relation`) picks one by kind: a kind for
the relation the address names, or a list of kinds, outermost first, one per
``->`` (a shorter list leaves the inner levels to be the only ones there).

This module is the one home of that rule.  :func:`resolve` works on the
model alone (no graph), so the checker, the graph builder and the importers
read addresses the same way.  A resolved address is a *kind path*: the kinds
of the relations it passes through, outermost first (``("attacks",
"supports")`` for ``c->a->b`` when ``c`` attacks the support ``a->b``).

Examples
--------
>>> from argmap.model import Relation
>>> rels = [Relation("supports", "a", "b"), Relation("attacks", "c", "a->b"), Relation("undercuts", "d", "c->a->b")]
>>> found = resolve(rels, {"a", "b", "c", "d"})
>>> found[rels[2]].path
('attacks', 'supports')
>>> split("d->c->a->b")
['d', 'c', 'a', 'b']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .spec import ATTACKABLE_RELATIONS, RELATION_SEPARATOR

__all__ = ["split", "depth", "join", "wanted_kinds", "describe", "Resolution", "resolve", "MAX_DEPTH"]

#: The deepest address argmap reads (``check`` refuses deeper ones with ``address-too-deep``):
#: an objection to an objection ... this many levels down.  Real debates stop after two or
#: three; the bound keeps every walk over an address short, whatever a file (or an import) holds.
MAX_DEPTH = 32


def split(target: str) -> list[str]:
    """The ids of an address, source first: ``"c->a->b"`` -> ``["c", "a", "b"]``."""
    return target.split(RELATION_SEPARATOR)


def depth(target: str) -> int:
    """How many relations the address passes through: 0 for a node, 1 for ``a->b``, 2 for ``c->a->b``."""
    return target.count(RELATION_SEPARATOR)


def join(*ids: str) -> str:
    """The address of ``ids`` read from the right: ``join("c", "a->b") == "c->a->b"``."""
    return RELATION_SEPARATOR.join(ids)


def wanted_kinds(target_relation: str | tuple[str, ...] | None) -> tuple[str, ...]:
    """``relation:`` as a kind path prefix (outermost first); () when not written."""
    if target_relation is None:
        return ()
    if isinstance(target_relation, str):
        return (target_relation,)
    return tuple(target_relation)


def describe(target: str) -> str:
    """An address in words, for reports: ``"d->c->a->b"`` -> ``"d's objection to c's objection to a->b"``.

    >>> describe("a->b"), describe("c->a->b")
    ('a->b', "c's objection to a->b")
    """
    ids = split(target)
    return "".join(f"{i}'s objection to " for i in ids[:-2]) + join(*ids[-2:])


@dataclass(frozen=True, slots=True)
class Resolution:
    """What an address names: every kind path there (``found``) and those ``relation:`` allows (``matching``)."""

    found: tuple[tuple[str, ...], ...]
    matching: tuple[tuple[str, ...], ...]

    @property
    def path(self) -> tuple[str, ...] | None:
        """The one kind path the address names, or None (dangling or ambiguous)."""
        return self.matching[0] if len(self.matching) == 1 else None


def resolve(relations: Iterable, nodes: set[str] | None = None) -> dict:
    """``{relation: Resolution}`` for every relation (of ``relations``) aimed at a relation.

    A relation can be aimed at only when it is attackable (spec's table), joins
    two existing nodes (``nodes``, when given) or is itself a resolved relation
    on a relation, and does not target its own source's relation (``x->x->...``,
    reported by the checker as a self-loop).  Relations are read shallow first,
    so the order they are given in does not matter.
    """
    relations = list(relations)
    nested = sorted((r for r in relations if RELATION_SEPARATOR in r.target), key=lambda r: depth(r.target))
    wanted = {tuple(r.target.split(RELATION_SEPARATOR, 1)) for r in nested}  # only the relations some address names
    made: dict[tuple[str, str], list[tuple[str, ...]]] = {}
    for rel in relations:
        if (rel.source, rel.target) not in wanted or rel.kind not in ATTACKABLE_RELATIONS or rel.source == rel.target:
            continue
        if nodes is None or (rel.source in nodes and rel.target in nodes):
            made.setdefault((rel.source, rel.target), []).append((rel.kind,))
    out: dict = {}
    for rel in nested:
        src, _, rest = rel.target.partition(RELATION_SEPARATOR)
        found = tuple(sorted(set(made.get((src, rest), ()))))
        want = wanted_kinds(rel.target_relation)
        matching = tuple(p for p in found if p[: len(want)] == want)
        res = Resolution(found, matching)
        out[rel] = res
        if res.path is not None and rel.kind in ATTACKABLE_RELATIONS and not _self_reference(rel) and (rel.source, rel.target) in wanted:
            made.setdefault((rel.source, rel.target), []).append((rel.kind,) + res.path)
    return out


def _self_reference(rel) -> bool:
    """A node objecting to a relation it makes, or (depth 1) to a link it is an end of."""
    ids = split(rel.target)
    return rel.source == ids[0] or (len(ids) == 2 and rel.source == ids[1])
