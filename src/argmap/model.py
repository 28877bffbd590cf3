"""The argument model: plain frozen dataclasses, no I/O and no networkx.

A :class:`Project` holds the maps of one folder; a :class:`Map` holds the
:class:`Node` objects of one file; each node carries the :class:`Relation`
objects that start from it.  Every object knows where it was written
(:class:`Location`), so that any later step can point the user at a line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Mapping

__all__ = [
    "Location",
    "Source",
    "Relation",
    "Wording",
    "Node",
    "Map",
    "Project",
    "RELATION_KINDS",
    "NODE_KINDS",
]

from .spec import NODE_KINDS, RELATION_KINDS, RELATION_SEPARATOR  # noqa: E402  (the format's vocabulary lives in spec)


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file: 1-based line and column."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Source:
    """A text that nodes quote: who wrote it, when, and where to read it."""

    id: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    file: str | None = None
    loc: Location | None = None
    file_loc: Location | None = None
    replies_to: str | None = None  # v2: the source (same map) this one answers
    order: int | None = None  # v2: position in the thread
    replies_to_loc: Location | None = None
    reviewed: tuple[tuple[str, str], ...] = ()  # ``(mark code, reason)``: marks of ``argmap review`` acknowledged


@dataclass(frozen=True, slots=True)
class Relation:
    """``source`` supports, attacks, undercuts, concedes, answers or contradicts ``target``.

    ``target`` is a node id, or (attacks and undercuts only) a relation named
    ``SRC->TGT``, where ``TGT`` may itself name a relation (``c->a->b``: the
    relation from ``c`` to the relation ``a->b``; see :mod:`argmap.address`);
    ``target_relation`` then says which relation when the address names several
    (the file's ``relation:`` key: a kind, or a tuple of kinds outermost first).
    ``inferred``: no author made this link, the mapper did.
    """

    kind: str
    source: str
    target: str
    loc: Location | None = None
    inferred: bool = False
    note: str | None = None
    target_relation: str | tuple[str, ...] | None = None
    reviewed: str | None = None  # every ``argmap review`` mark on this relation acknowledged, for this reason
    cq: str | None = None  # the critical question (of the target's scheme, see argmap.schemes) this reply raises or settles

    @property
    def targets_relation(self) -> bool:
        """True when the target is a relation ``SRC->TGT``, not a node."""
        return RELATION_SEPARATOR in self.target

    @property
    def asked_of(self) -> str:
        """The node whose scheme ``cq`` is a question of: the target, or ``SRC`` of a relation ``SRC->TGT``."""
        return self.target.partition(RELATION_SEPARATOR)[0]

    def target_pair(self) -> tuple[str, str] | None:
        """``(SRC, TGT)`` of a relation target, else None; ``TGT`` is an address when nested (``c->a->b``: ``("c", "a->b")``)."""
        if not self.targets_relation:
            return None
        src, _, tgt = self.target.partition(RELATION_SEPARATOR)
        return src, tgt


@dataclass(frozen=True, slots=True)
class Wording:
    """A further wording of a node's claim: the same claim said again, by the same author or another.

    The node is one claim for the evaluation and the drawing; each wording keeps its own
    provenance: its ``text``, who worded it (``by``; the node's writer when None), the source
    it is said in and the author's exact words there (``quote``, checked against that source).
    """

    text: str
    by: str | None = None
    source: str | None = None
    quote: str | None = None
    loc: Location | None = None
    quote_loc: Location | None = None
    source_loc: Location | None = None


@dataclass(frozen=True, slots=True)
class Node:
    """A claim or an argument, in our words, with the author's own words as ``quote``."""

    id: str
    text: str
    map: str
    kind: str = "claim"
    by: str | None = None
    source: str | None = None
    quote: str | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    relations: tuple[Relation, ...] = ()
    loc: Location | None = None
    quote_loc: Location | None = None
    source_loc: Location | None = None
    title: str | None = None  # v2: a short label drawn bold above the text
    held_by: str | None = None  # v2: whose view it is, when not ``by``'s
    stance: str = "own"  # v2: own | restates | reports | steelman
    weight: float | None = None  # v2: base score in [0, 1] for gradual semantics
    premises: tuple[str, ...] = ()  # v2: linked premises of an argument
    premises_loc: Location | None = None
    stance_loc: Location | None = None
    reviewed: tuple[tuple[str, str], ...] = ()  # ``(mark code, reason)``: marks of ``argmap review`` acknowledged
    scheme: str | None = None  # the argumentation scheme it argues by (a key of argmap.schemes.SCHEMES)
    scheme_loc: Location | None = None
    wordings: tuple[Wording, ...] = ()  # further wordings of the same claim, each with its provenance

    @property
    def cited_sources(self) -> tuple[str, ...]:
        """Every source the node cites: its own ``source``, then each wording's, without repeats."""
        found = (self.source, *(w.source for w in self.wordings))
        return tuple(dict.fromkeys(s for s in found if s))

    @property
    def holder(self) -> str | None:
        """Whose view this is: ``held_by``, else ``by``; nobody's for a steelman."""
        if self.stance == "steelman":
            return None
        return self.held_by or self.by


@dataclass(frozen=True, slots=True)
class Map:
    """One file: a titled set of nodes and the sources they quote."""

    name: str
    path: str
    title: str | None = None
    description: str | None = None
    sources: Mapping[str, Source] = field(default_factory=dict)
    nodes: tuple[Node, ...] = ()
    loc: Location | None = None
    thesis: str | None = None  # the id of the claim the map argues for or about (``analyze`` reports on it first)
    thesis_loc: Location | None = None


@dataclass(frozen=True, slots=True)
class Project:
    """Every map of a folder (or of the files named), in a stable order."""

    maps: tuple[Map, ...] = ()

    def iter_nodes(self) -> Iterator[Node]:
        for m in self.maps:
            yield from m.nodes

    def nodes(self) -> dict[str, Node]:
        """All nodes by id (the first wins where an id is duplicated)."""
        out: dict[str, Node] = {}
        for node in self.iter_nodes():
            out.setdefault(node.id, node)
        return out

    def relations(self) -> Iterator[Relation]:
        for node in self.iter_nodes():
            yield from node.relations

    def map(self, name: str) -> Map:
        for m in self.maps:
            if m.name == name:
                return m
        raise KeyError(name)
