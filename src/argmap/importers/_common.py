"""What every importer shares: a draft of the map as it is read, ids, and the step to the model.

A reader fills a :class:`Draft` (mutable: an importer adds relations and notes as it
goes) with the nodes in the source's own order, each with the relations that start
from it, named with the keys of ``docs/format-v2.md``; :func:`finish` turns it into an
:class:`Imported`: a :class:`~argmap.model.Map` of model objects located in the
original file, plus its warnings.  ``finish`` is where nothing the input says can
escape the format: an id that is not an id, a relation of a node to itself, a weight
that is no number in [0, 1], an unknown stance, kind or source, an oversized id, a
relation to a node that is nowhere: each is fixed or left out *with a warning*
located in the original file, never silently.  The YAML is written by the one map
writer, :func:`argmap.fmt.map_text`.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Iterable

from ..diagnostics import Diagnostic
from ..model import Location, Map, Node, Relation, Source, Wording
from ..schemes import SCHEMES
from ..spec import ID_PATTERN, MAP_NAME_PATTERN, MAX_ID_LENGTH, NODE_KINDS, RELATION_KINDS, RELATION_SEPARATOR, STANCES
from ..spec import RELATION_ATTACKERS, SOURCE_KEYS, normalise_url
from ..spec import slugify as _slugify

__all__ = ["DraftRel", "DraftNode", "Draft", "Imported", "IdMaker", "finish", "located_warning", "map_name"]


@dataclass
class DraftRel:
    """A relation written on its source node: ``kind`` to ``target`` (a node id or an address ``SRC->TGT``, ``c->a->b``)."""

    kind: str
    target: str
    note: str | None = None
    relation: str | tuple[str, ...] | None = None  # which relation, when ``target`` names several (argmap.address)
    inferred: bool = False  # no author made this link; the mapper did
    cq: str | None = None  # the critical question of the target's scheme it raises (argmap.schemes)

    @property
    def plain(self) -> bool:
        return (self.note is None and self.relation is None and not self.inferred and self.cq is None
                and "->" not in self.target)


@dataclass
class DraftNode:
    """One node of a map being read, with the place in the original file it came from."""

    id: str
    text: str
    kind: str = "claim"
    title: str | None = None
    by: str | None = None
    held_by: str | None = None
    stance: str | None = None
    source: str | None = None
    quote: str | None = None
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    weight: float | None = None
    premises: list[str] = field(default_factory=list)
    rels: list[DraftRel] = field(default_factory=list)
    loc: Location | None = None
    scheme: str | None = None  # a key of argmap.schemes.SCHEMES
    wordings: list[dict] = field(default_factory=list)  # further wordings: {text, by, source, quote}

    def relate(self, kind: str, target: str, **extra) -> DraftRel | None:
        """Add a relation unless the same one is already there (then ``None``)."""
        for r in self.rels:
            if r.kind == kind and r.target == target and r.relation == extra.get("relation"):
                return None
        rel = DraftRel(kind, target, **extra)
        self.rels.append(rel)
        return rel


@dataclass
class Draft:
    """One map being read from one file; :func:`finish` makes it an :class:`Imported`."""

    name: str
    fmt: str
    origin: str
    title: str | None = None
    description: str | None = None
    thesis: str | None = None  # a node id of this map (argmap's own exports carry it)
    sources: dict[str, dict] = field(default_factory=dict)
    nodes: list[DraftNode] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def node(self, node_id: str) -> DraftNode:
        for n in self.nodes:
            if n.id == node_id:
                return n
        raise KeyError(node_id)

    def relations(self) -> list[tuple[str, str, str]]:
        """Every relation as ``(source, kind, target)``, premises included as ``premise`` links."""
        out = []
        for n in self.nodes:
            out.extend((p, "premise", n.id) for p in n.premises)
            out.extend((n.id, r.kind, r.target) for r in n.rels)
        return out

    def warn(self, code: str, message: str, line: int | None = None, col: int = 1, hint: str | None = None) -> None:
        self.warnings.append(located_warning(code, message, self.origin, line, col, hint))


def located_warning(code: str, message: str, file: str, line: int | None = None, col: int = 1, hint=None) -> Diagnostic:
    return Diagnostic.warning(code, message, Location(file, line or 1, col if line else 1), hint)


class IdMaker:
    """Readable, unique ids made from titles or text (``-2``, ``-3``... added on a clash).

    ``prefix`` namespaces the ids of one imported discussion, so two imports can share a folder.

    >>> ids = IdMaker(prefix="k6148")
    >>> ids.make("Hate speech should be banned."), ids.make("Hate speech should be banned!")
    ('k6148-hate-speech-should-be-banned', 'k6148-hate-speech-should-be-banned-2')
    """

    def __init__(self, taken: Iterable[str] = (), prefix: str | None = None, max_words: int = 6):
        self.taken = set(taken)
        self.prefix = _slug_part(prefix) if prefix else None
        self.max_words = max_words

    def make(self, text: str) -> str:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
        base = _slugify(folded, max_words=self.max_words)[:80].strip("-") or "node"
        if self.prefix:
            base = f"{self.prefix}-{base}"
        base = base[: MAX_ID_LENGTH - 8].strip("-")  # room for a "-NNNNNNN" that makes it unique
        candidate, n = base, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.taken.add(candidate)
        return candidate

    def reserve(self, node_id: str) -> bool:
        """Take ``node_id`` as it is; ``False`` when it is already taken."""
        if node_id in self.taken:
            return False
        self.taken.add(node_id)
        return True


def _slug_part(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    out = "-".join("".join(c if c.isalnum() else " " for c in folded).split())
    return out[:30].strip("-") or "map"


def map_name(stem: str) -> str:
    """A map name (``[A-Za-z0-9._-]``, at most 100 characters) from a file's stem."""
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    out = "".join(c if (c.isalnum() or c in "._-") else "-" for c in folded).strip("-._")
    return out[:100] or "imported"




# -- the step to the model -------------------------------------------------------------------
@dataclass(frozen=True)
class Imported:
    """One map read from one file: model objects located in the original file, and what could not be carried."""

    map: Map
    fmt: str
    origin: str
    warnings: tuple[Diagnostic, ...] = ()


_SOURCE_FIELDS = tuple(k for k in SOURCE_KEYS)
#: How often the validator is asked again after a repair (each round only removes things).
_ROUNDS = 6


def finish(d: Draft, ids: IdMaker | None = None, context: Iterable[Map] = (), name: str | None = None,
           taken_names: Iterable[str] = ()) -> Imported:
    """The draft as a model map that checks clean among the ``context`` maps (the folder it goes to).

    ``name`` overrides the map name; ``taken_names`` are map names to avoid besides those of ``context``.  Everything the format cannot hold is fixed or left
    out here, each with a warning located in the original file (see the module docstring).
    """
    ids = ids or IdMaker()
    context = tuple(context)
    warnings = list(d.warnings)

    def warn(code: str, message: str, loc: Location | None, hint: str | None = None) -> None:
        warnings.append(Diagnostic.warning(code, message, loc or Location(d.origin, 1, 1), hint))

    where = Location(d.origin, 1, 1)
    map_id = name if name is not None else d.name
    if not isinstance(map_id, str) or not MAP_NAME_PATTERN.match(map_id):
        fixed = map_name(str(map_id))
        warn("import-map-name", f"map name {str(map_id)[:60]!r} is not a map name; written as '{fixed}'", where)
        map_id = fixed
    # a map of the folder in the file NAME.yaml is the file this import would replace: `import` refuses
    # that (or, asked to, replaces it); a map of that name in another file is a clash to avoid
    taken_names = {m.name for m in context if PurePath(m.path).stem != m.name} | set(taken_names)
    if map_id in taken_names:
        base, n = map_id[:90], 2
        while f"{base}-{n}" in taken_names:
            n += 1
        warn("import-map-taken", f"a map named '{map_id}' is already in the folder; this one is '{base}-{n}'", where,
             "give another name with --map")
        map_id = f"{base}-{n}"

    # sources: ids that are ids, values that are text (or a whole number for `order`)
    source_ids: dict[str, str] = {}
    raw_sources: list[tuple[str, dict]] = []
    taken_sources: set[str] = set()
    for sid, fields in d.sources.items():
        sid = str(sid)
        new = sid if ID_PATTERN.match(sid) and sid not in taken_sources else None
        if new is None:
            base = _slugify(unicodedata.normalize("NFKD", sid).encode("ascii", "ignore").decode("ascii"))[:80].strip("-") or "source"
            new, n = base, 1
            while new in taken_sources:
                n += 1
                new = f"{base}-{n}"
            warn("import-source-id", f"source id {sid[:60]!r} is not an id (a-z, 0-9, '-'); written as '{new}'", where)
        taken_sources.add(new)
        source_ids[sid] = new
        raw_sources.append((new, fields if isinstance(fields, dict) else {}))
    sources: dict[str, Source] = {}
    for sid, fields in raw_sources:
        values: dict = {}
        for key in _SOURCE_FIELDS:
            value = fields.get(key)
            if value is None or value == "":
                continue
            if key == "order":
                if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                    values[key] = value
                else:
                    warn("import-source-order", f"order {str(value)[:40]!r} of source '{sid}' is not a whole number >= 0; left out", where)
                continue
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                warn("import-source-value", f"{key} of source '{sid}' is not text; left out", where)
                continue
            value = str(value)
            if key == "replies_to":
                target = source_ids.get(value)
                if target is None or target == sid:
                    warn("import-source-reply", f"source '{sid}' replies to {value[:40]!r}, which is not another source of this map; left out", where)
                    continue
                value = target
            if key == "url":
                url, reason = normalise_url(value)
                if reason is not None:
                    warn("import-source-url", f"url of source '{sid}' {reason}; left out", where)
                    continue
                value = url
            values[key] = value
        sources[sid] = Source(sid, **values, loc=where)

    # node ids: ids, once each
    node_ids: dict[int, str] = {}
    seen: set[str] = set()
    for k, n in enumerate(d.nodes):
        nid = n.id if isinstance(n.id, str) and ID_PATTERN.match(n.id) and n.id not in seen else None
        if nid is None:
            nid = ids.make(n.text or str(n.id))
            while nid in seen:
                nid = ids.make(n.text or str(n.id))
            warn("import-id", f"id {str(n.id)[:60]!r} is not an id or is used twice; written as '{nid}'", n.loc)
        seen.add(nid)
        node_ids[k] = nid
    renamed = {n.id: node_ids[k] for k, n in enumerate(d.nodes) if n.id != node_ids[k]}
    known = seen | {n.id for m in context for n in m.nodes}

    nodes: list[Node] = []
    for k, n in enumerate(d.nodes):
        nid, loc = node_ids[k], n.loc or where
        text = " ".join(str(n.text or "").split())
        if not text:
            warn("import-empty-text", f"node '{nid}' has no text; its text says so", loc)
            text = "(no text)"
        kind = n.kind
        if kind not in NODE_KINDS:
            warn("import-kind", f"kind {str(kind)[:40]!r} of '{nid}' is not one of {', '.join(NODE_KINDS)}; read as claim", loc)
            kind = "claim"
        stance = n.stance or "own"
        if stance not in STANCES:
            warn("import-stance", f"stance {str(stance)[:40]!r} of '{nid}' is not one of {', '.join(STANCES)}; left out", loc)
            stance = "own"
        weight = n.weight
        if weight is not None and (isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0.0 <= weight <= 1.0):
            warn("import-weight", f"weight {str(weight)[:40]!r} of '{nid}' is not a number in [0, 1]; left out", loc)
            weight = None
        source = n.source
        if source is not None:
            source = source_ids.get(str(source))
            if source is None:
                warn("import-source", f"'{nid}' cites source {str(n.source)[:40]!r}, which the file does not declare; left out", loc)
        tags = tuple(dict.fromkeys(" ".join(str(t).split()) for t in n.tags if str(t).strip()))
        premises = []
        for p in n.premises:
            p = renamed.get(p, p)
            if p == nid or p not in known:
                warn("import-premise", f"premise {str(p)[:40]!r} of '{nid}' is {'the node itself' if p == nid else 'no node'}; left out", loc)
            elif p in premises:
                warn("import-repeated", f"premise {p!r} of '{nid}' is listed twice; written once", loc)
            else:
                premises.append(p)
        scheme = n.scheme
        if scheme is not None and (scheme not in SCHEMES or kind == "question"):
            warn("import-scheme", f"scheme {str(scheme)[:40]!r} of '{nid}' is not one of {', '.join(SCHEMES)}; left out", loc)
            scheme = None
        wordings = []
        for w in n.wordings:
            wtext = " ".join(str(w.get("text") or "").split())
            if not wtext:
                warn("import-wording", f"a further wording of '{nid}' has no text; left out", loc)
                continue
            wsource = w.get("source")
            if wsource is not None:
                wsource = source_ids.get(str(wsource))
                if wsource is None:
                    warn("import-source", f"a wording of '{nid}' cites source {str(w['source'])[:40]!r}, which the file does "
                         "not declare; left out", loc)
            wordings.append(Wording(wtext, by=_text_or_none(w.get("by")), source=wsource, quote=_text_or_none(w.get("quote")),
                                    loc=loc, quote_loc=loc, source_loc=loc))
        relations: list[Relation] = []
        for r in n.rels:
            rel = _relation(r, nid, renamed, known, loc, warn)
            if rel is not None and any((x.kind, x.target, x.target_relation) == (rel.kind, rel.target, rel.target_relation)
                                       for x in relations):
                warn("import-repeated", f"'{nid}' {rel.kind} {rel.target!r} twice; written once", loc)
            elif rel is not None:
                relations.append(rel)
        nodes.append(Node(
            id=nid, text=text, map=map_id, kind=kind, by=_text_or_none(n.by), source=source, quote=_text_or_none(n.quote),
            tags=tags, note=_text_or_none(n.note), relations=tuple(relations), loc=loc, quote_loc=loc, source_loc=loc,
            title=_text_or_none(n.title), held_by=_text_or_none(n.held_by), stance=stance,
            weight=float(weight) if weight is not None else None, premises=tuple(premises), premises_loc=loc, stance_loc=loc,
            scheme=scheme, scheme_loc=loc if scheme else None, wordings=tuple(wordings),
        ))
    nodes = _asked(nodes, {n.id: n.scheme for m in context for n in m.nodes}, warn)
    thesis = renamed.get(d.thesis, d.thesis) if isinstance(d.thesis, str) else None
    if thesis is not None and not any(n.id == thesis and n.kind != "question" for n in nodes):
        warn("import-thesis", f"the map's thesis {thesis[:60]!r} is no claim of this map; left out", where)
        thesis = None
    m = Map(name=map_id, path=d.origin, title=_text_or_none(d.title), description=_text_or_none(d.description),
            thesis=thesis, thesis_loc=where if thesis else None,
            sources=sources, nodes=tuple(nodes), loc=where)
    m = _repair(m, context, warn)
    return Imported(m, d.fmt, d.origin, tuple(warnings))


def _asked(nodes: list[Node], context_schemes: dict, warn) -> list[Node]:
    """``nodes`` with each ``cq`` its target's scheme does not ask left out, with a warning."""
    from dataclasses import replace

    schemes = {**context_schemes, **{n.id: n.scheme for n in nodes}}
    out = []
    for n in nodes:
        rels = []
        for r in n.relations:
            if r.cq is not None:
                owner = r.asked_of
                scheme = SCHEMES.get(schemes.get(owner) or "")
                if scheme is None or scheme.question(r.cq) is None:
                    warn("import-cq", f"'{n.id}' {r.kind} {r.target!r} raising critical question {str(r.cq)[:40]!r}, which "
                         f"'{owner}' {'does not ask' if scheme else 'names no scheme to ask'}; left out", r.loc)
                    r = replace(r, cq=None)
            rels.append(r)
        out.append(replace(n, relations=tuple(rels)) if rels != list(n.relations) else n)
    return out


def _text_or_none(value) -> str | None:
    if value is None:
        return None
    value = str(value)
    return value if value.strip() else None


def _relation(r: DraftRel, nid: str, renamed: dict, known: set, loc: Location, warn) -> Relation | None:
    kind = r.kind
    if kind not in RELATION_KINDS:
        warn("import-relation-kind", f"'{nid}' has a relation {str(kind)[:40]!r}, which is not one of {', '.join(RELATION_KINDS)}; left out", loc)
        return None
    target = str(r.target)
    if RELATION_SEPARATOR in target:  # an address, at any depth (argmap.address): rename each of its ids
        parts = [renamed.get(x, x) for x in target.split(RELATION_SEPARATOR)]
        target = RELATION_SEPARATOR.join(parts)
        own = nid == parts[0] or (len(parts) == 2 and nid == parts[1])
        if kind not in RELATION_ATTACKERS or not all(x in known for x in parts) or own:
            why = ("only attacks and undercuts may target a relation" if kind not in RELATION_ATTACKERS
                   else "it is its own relation" if own else "one of its ends is no node")
            warn("import-relation-target", f"'{nid}' {kind} the relation {target[:80]!r}: {why}; left out", loc)
            return None
    else:
        target = renamed.get(target, target)
        if target == nid:
            warn("import-self-loop", f"'{nid}' {kind} itself; left out", loc)
            return None
        if target not in known:
            warn("import-dangling", f"'{nid}' {kind} {target[:60]!r}, which is no node of this map or its folder; left out", loc,
                 "import the map it belongs to into the same folder first")
            return None
    relation = tuple(r.relation) if isinstance(r.relation, (list, tuple)) else r.relation
    if relation is not None and not set((relation,) if isinstance(relation, str) else relation) <= set(RELATION_KINDS):
        warn("import-relation-kind", f"'{nid}' {kind} {target!r} names the relation {str(relation)[:40]!r}, which argmap does not know; left out", loc)
        relation = None
    return Relation(kind, nid, target, loc, inferred=bool(r.inferred), note=_text_or_none(r.note), target_relation=relation,
                    cq=_text_or_none(r.cq))


def _repair(m: Map, context: tuple[Map, ...], warn) -> Map:
    """Ask the checker what is still wrong, and leave out (with a warning) each relation,
    premise list, stance or reply it names, until the map checks clean among ``context``.

    Every field is checked under a place of its own, so each error names exactly one
    thing; an error this cannot place is left for ``import`` to report."""
    from dataclasses import replace

    from ..model import Project
    from ..validate import validate

    for _ in range(_ROUNDS):
        tagged_nodes, places = [], {}
        for j, n in enumerate(m.nodes):
            rels = []
            for i, r in enumerate(n.relations):
                place = Location("\0rel", j, i)
                places[place] = ("relation", j, i)
                rels.append(replace(r, loc=place))
            fields = {}
            for col, key in enumerate(("loc", "premises_loc", "stance_loc", "quote_loc", "source_loc")):
                place = Location("\0node", j, col)
                places[place] = (key, j, None)
                fields[key] = place
            tagged_nodes.append(replace(n, relations=tuple(rels), **fields))
        tagged_sources = {}
        for k, (sid, s) in enumerate(m.sources.items()):
            place = Location("\0source", k, 1)
            places[place] = ("replies_to", sid, None)
            tagged_sources[sid] = replace(s, loc=Location("\0source", k, 0), replies_to_loc=place)
        tagged = replace(m, nodes=tuple(tagged_nodes), sources=tagged_sources, path="\0map")
        errors = [x for x in validate(Project(context + (tagged,))) if x.is_error and x.loc in places]
        if not errors:
            return m
        nodes = list(m.nodes)
        sources = dict(m.sources)
        drop: dict[int, set[int]] = {}
        for e in errors:
            what, j, i = places[e.loc]
            if what == "relation":
                drop.setdefault(j, set()).add(i)
                warn(f"import-{e.code}", f"{e.message}; left out", nodes[j].relations[i].loc)
            elif what == "premises_loc" and nodes[j].premises:
                warn(f"import-{e.code}", f"{e.message}; the premises are left out", nodes[j].loc)
                nodes[j] = replace(nodes[j], premises=())
            elif what == "stance_loc" and (nodes[j].stance != "own" or nodes[j].held_by):
                warn(f"import-{e.code}", f"{e.message}; the stance is left out", nodes[j].loc)
                nodes[j] = replace(nodes[j], stance="own", held_by=None)
            elif what == "replies_to" and sources[j].replies_to:
                warn(f"import-{e.code}", f"{e.message}; the reply is left out", sources[j].loc)
                sources[j] = replace(sources[j], replies_to=None)
        for j, gone in drop.items():
            nodes[j] = replace(nodes[j], relations=tuple(r for i, r in enumerate(nodes[j].relations) if i not in gone))
        repaired = replace(m, nodes=tuple(nodes), sources=sources)
        if repaired == m:
            return m  # nothing this can place: `import` reports it
        m = repaired
    return m
