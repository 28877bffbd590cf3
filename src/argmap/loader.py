"""YAML files → model, keeping the line and column of everything.

The file is composed into a YAML node tree (PyYAML's C parser where it is
installed) rather than constructed into Python objects, so every key and value
keeps its mark and nothing in the file can run code.  Every problem found is a
:class:`~argmap.diagnostics.Diagnostic`; reading goes on after a problem so
that one run lists them all.

Checks that need more than one node (duplicate ids, dangling targets, ...)
live in :mod:`argmap.validate`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from . import spec
from .diagnostics import Diagnostic, Suggestions, did_you_mean
from .fsutil import decode_utf8, read_text
from .model import Location, Map, Node, Relation, Source, Wording
from .perf import gc_paused
from .schemes import SCHEMES
from .spec import ID_PATTERN, MAP_KEYS, slugify
from .spec import NODE_KEYS_V2, NODE_KINDS_V2, RELATION_ITEM_KEYS, RELATION_KINDS_V2, SOURCE_KEYS_V2, STANCES, WORDING_KEYS
from .yamltext import BOOL as _BOOL
from .yamltext import MAX_DEPTH, MAX_YAML_NODES, Refused, compose, exact_nodes
from .yamltext import NULL as _NULL

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
from .yamltext import PLAIN_SCALARS as _PLAIN_SCALARS
from .yamltext import describe as _kind
from .yamltext import explain

__all__ = [
    "load_file",
    "load_text",
    "load_bytes",
    "MAX_DEPTH",
]

#: What to do about a map file over the size limit.
SPLIT_HINT = "split the map into several files in one folder"

_MAP_NAME = spec.MAP_NAME_PATTERN
# What this loader accepts: the format v2 vocabulary (docs/format-v2.md).
NODE_KEYS, SOURCE_KEYS, NODE_KINDS = NODE_KEYS_V2, SOURCE_KEYS_V2, NODE_KINDS_V2


def load_file(path: str | Path) -> tuple[Map | None, list[Diagnostic]]:
    """Read one map file; ``(None, diagnostics)`` when nothing usable could be read."""
    text, problems = read_text(path, hint=SPLIT_HINT)
    if text is None:
        return None, problems
    return load_text(text, str(path), Path(path).stem)


def load_bytes(data: bytes, file: str, default_map: str = "map") -> tuple[Map | None, list[Diagnostic]]:
    """Decode UTF-8 bytes (reporting where they are not) and read the map."""
    text, problems = decode_utf8(data, file)
    if text is None:
        return None, problems
    return load_text(text, file, default_map)


def load_text(
    text: str, file: str = "<string>", default_map: str = "map", *, max_depth: int = MAX_DEPTH
) -> tuple[Map | None, list[Diagnostic]]:
    """Read a map from YAML text; ``file`` is only used to name places.

    Collections nested deeper than ``max_depth`` are refused (``too-deep``).
    """
    with gc_paused():
        return _load_text(text, file, default_map, max_depth)


def _load_text(text: str, file: str, default_map: str, max_depth: int) -> tuple[Map | None, list[Diagnostic]]:
    reader = _Reader(file)
    root = reader.compose(text, max_depth)
    if reader.failed:
        return None, reader.diags
    if root is None:
        reader.error(
            "empty-file",
            "file is empty",
            None,
            "a map needs at least a `nodes:` list; see `argmap new` for an example",
        )
        return None, reader.diags
    m = reader.read_map(root, default_map)
    return m, reader.diags


class _Reader:
    """Walks one composed YAML tree, building model objects and collecting diagnostics."""

    def __init__(self, file: str):
        self.file = file
        self.diags: list[Diagnostic] = []
        self.failed = False

    # -- places and problems -------------------------------------------------
    def loc(self, node: yaml.Node | None) -> Location:
        if node is None:
            return Location(self.file, 1, 1)
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def error(self, code: str, message: str, node: yaml.Node | None, hint: str | None = None) -> None:
        self.diags.append(Diagnostic.error(code, message, self.loc(node), hint))

    def warning(self, code: str, message: str, node: yaml.Node | None, hint: str | None = None) -> None:
        self.diags.append(Diagnostic.warning(code, message, self.loc(node), hint))

    # -- parsing ---------------------------------------------------------------
    def compose(self, text: str, max_depth: int = MAX_DEPTH) -> yaml.Node | None:
        try:
            return compose(text, max_depth=max_depth)
        except Refused as exc:
            self.diags.append(Diagnostic.error(exc.code, exc.message, self._mark_loc(exc.mark), exc.hint))
        except yaml.MarkedYAMLError as exc:
            problem = explain(exc, text)
            where = Location(self.file, problem.line + 1, problem.column + 1)
            self.diags.append(Diagnostic.error("yaml", problem.message, where, problem.hint))
        except yaml.reader.ReaderError as exc:
            before = text[: exc.position]
            line = before.count("\n") + 1
            col = len(before) - (before.rfind("\n") + 1) + 1
            self.diags.append(
                Diagnostic.error(
                    "yaml",
                    f"invalid YAML: character {exc.character!r} is not allowed",
                    Location(self.file, line, col),
                    "remove control characters from the file",
                )
            )
        except yaml.YAMLError as exc:  # any other parser complaint, still one line
            self.diags.append(Diagnostic.error("yaml", f"invalid YAML: {exc}", Location(self.file, 1, 1)))
        self.failed = True
        return None

    def _mark_loc(self, mark) -> Location:
        return Location(self.file, mark.line + 1, mark.column + 1) if mark else Location(self.file, 1, 1)

    # -- typed access ------------------------------------------------------------
    def mapping(self, node: yaml.Node, what: str, keys: tuple[str, ...]) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """A mapping's entries by key; unknown, duplicate and non-string keys are reported."""
        if not isinstance(node, yaml.MappingNode):
            self.error("wrong-type", f"{what} must be a mapping (key: value), got {_kind(node)}", node)
            return {}
        out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                self.error("wrong-type", f"keys in {what} must be plain words, got {_kind(k)}", k)
                continue
            key = k.value
            if key not in keys:
                hint = did_you_mean(key, keys) or f"allowed keys: {', '.join(keys)}"
                self.error("unknown-key", f"unknown key '{key}' in {what}", k, hint)
                continue
            if key in out:
                first = self.loc(out[key][0])
                self.error("duplicate-key", f"key '{key}' appears twice in {what} (first at line {first.line})", k)
                continue
            out[key] = (k, v)
        return out

    def string(self, entry: tuple[yaml.Node, yaml.Node] | None, what: str, required: bool = False) -> str | None:
        """A scalar as text. Empty or missing values are reported when ``required``."""
        if entry is None:
            return None
        key, node = entry
        if not isinstance(node, yaml.ScalarNode):
            self.error("wrong-type", f"'{key.value}' of {what} must be text, got {_kind(node)}", node)
            return None
        if node.tag == _NULL:
            if required:
                self.error("empty", f"'{key.value}' of {what} is empty", node, f"write a value after '{key.value}:'")
            return None
        if node.tag == _BOOL:
            self.error(
                "wrong-type",
                f"'{key.value}' of {what} is read as true/false, not text",
                node,
                f'put it in quotes: {key.value}: "{node.value}"',
            )
            return None
        if node.tag not in _PLAIN_SCALARS:
            self.error("wrong-type", f"unsupported YAML tag {node.tag} on '{key.value}'", node, "remove the tag")
            return None
        value = node.value
        if required and not value.strip():
            self.error("empty", f"'{key.value}' of {what} is empty", node, f"write a value after '{key.value}:'")
            return None
        return value

    def relation_kinds(self, entry, what: str) -> str | tuple[str, ...] | None:
        """``relation:``: one kind, or a list of kinds (outermost first) for a nested address ``c->a->b``."""
        if entry is not None and isinstance(entry[1], yaml.SequenceNode):
            kinds = tuple(k for k, _ in self.string_list(entry, what))
            if not kinds:
                self.error("empty", f"'relation' of {what} is an empty list", entry[1],
                           "write one kind per `->` of `to:`, outermost first, e.g. `relation: [attacks, supports]`")
                return None
            return kinds[0] if len(kinds) == 1 else kinds
        return self.string(entry, what)

    def string_list(self, entry: tuple[yaml.Node, yaml.Node] | None, what: str) -> list[tuple[str, yaml.Node]]:
        """A list of words, or a single word standing for a list of one."""
        if entry is None:
            return []
        key, node = entry
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return []
        out = []
        for item in items:
            if not isinstance(item, yaml.ScalarNode) or item.tag not in _PLAIN_SCALARS:
                self.error(
                    "wrong-type",
                    f"'{key.value}' of {what} must be a list of ids, got {_kind(item)}",
                    item,
                    f"write '{key.value}: [id-one, id-two]'",
                )
                continue
            out.append((item.value, item))
        return out

    # -- the format ----------------------------------------------------------------
    def read_map(self, root: yaml.Node, default_map: str) -> Map | None:
        if not isinstance(root, yaml.MappingNode):
            self.error(
                "wrong-type",
                f"a map file must be a mapping with a `nodes:` list, got {_kind(root)}",
                root,
                "start the file with `title: ...` and `nodes:`",
            )
            return None
        top = self.mapping(root, "the map", MAP_KEYS)
        name = self.string(top.get("map"), "the map") or default_map
        if not _MAP_NAME.match(name):
            where = top["map"][1] if "map" in top else root
            self.error(
                "bad-map-name",
                f"map name '{name}' must be letters, digits, '.', '_' or '-'",
                where,
                f"write `map: {slugify(name)}`",
            )
            name = slugify(name)
        title = self.string(top.get("title"), "the map")
        description = self.string(top.get("description"), "the map")
        thesis = self.string(top.get("thesis"), "the map")
        sources = self.read_sources(top.get("sources"))
        self.source_names = Suggestions(sources)  # one index of this file's sources, for every unknown one
        nodes: list[Node] = []
        if "nodes" not in top:
            self.error("missing-key", "the map has no `nodes:` list", root, "add `nodes:` with at least one node")
        else:
            seq = top["nodes"][1]
            if isinstance(seq, yaml.ScalarNode) and seq.tag == _NULL:
                self.warning("empty-map", "`nodes:` is empty", seq)
            elif not isinstance(seq, yaml.SequenceNode):
                self.error("wrong-type", f"`nodes:` must be a list, got {_kind(seq)}", seq, "start each node with '- id: ...'")
            else:
                for item in seq.value:
                    node = self.read_node(item, name, sources)
                    if node is not None:
                        nodes.append(node)
        return Map(
            name=name,
            path=self.file,
            title=title,
            description=description,
            sources=sources,
            nodes=tuple(nodes),
            loc=self.loc(root),
            thesis=thesis,
            thesis_loc=self.loc(top["thesis"][1]) if thesis is not None else None,
        )

    def read_sources(self, entry) -> dict[str, Source]:
        if entry is None:
            return {}
        key, node = entry
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.error("wrong-type", f"`sources:` must map ids to sources, got {_kind(node)}", node)
            return {}
        out: dict[str, Source] = {}
        for k, v in node.value:
            if not isinstance(k, yaml.ScalarNode):
                self.error("wrong-type", f"source ids must be plain words, got {_kind(k)}", k)
                continue
            sid = k.value
            if not ID_PATTERN.match(sid):
                self.error("bad-id", f"source id '{sid}' may use only a-z, 0-9 and '-'", k, f"write '{slugify(sid)}'")
            if sid in out:
                self.error("duplicate-id", f"source '{sid}' is declared twice", k)
                continue
            fields = self.mapping(v, f"source '{sid}'", SOURCE_KEYS_V2)
            what = f"source '{sid}'"
            url = self.string(fields.get("url"), what)
            if url is not None:
                url, reason = spec.normalise_url(url)
                if reason is not None:
                    self.error(
                        "bad-url",
                        f"url of {what} {reason}",
                        fields["url"][1],
                        "give the address of the page the source is published on",
                    )
            file_entry = fields.get("file")
            replies = fields.get("replies_to")
            out[sid] = Source(
                replies_to=self.string(replies, what),
                replies_to_loc=self.loc(replies[1]) if replies else None,
                order=self.whole_number(fields.get("order"), what),
                id=sid,
                title=self.string(fields.get("title"), what),
                author=self.string(fields.get("author"), what),
                date=self.string(fields.get("date"), what),
                url=url,
                file=self.string(file_entry, what),
                loc=self.loc(k),
                file_loc=self.loc(file_entry[1]) if file_entry else None,
                reviewed=self.reviewed(fields.get("reviewed"), what),
            )
        return out

    def read_node(self, item: yaml.Node, map_name: str, sources: dict[str, Source]) -> Node | None:
        if not isinstance(item, yaml.MappingNode):
            self.error("wrong-type", f"a node must be a mapping with id and text, got {_kind(item)}", item)
            return None
        fields = self.mapping(item, "node", NODE_KEYS_V2)
        node_id = self.string(fields.get("id"), "node", required="id" in fields)
        if "id" not in fields:
            text = self.string(fields.get("text"), "node") or ""
            self.error("missing-id", "node has no id", item, f"add `id: {slugify(text)}`" if text else "add `id: a-short-name`")
            return None
        if node_id is None:
            return None
        id_node = fields["id"][1]
        what = f"node '{node_id}'"
        if not ID_PATTERN.match(node_id):
            self.error(
                "bad-id",
                f"id '{node_id}' may use only a-z, 0-9 and '-' (not at either end)",
                id_node,
                f"write 'id: {slugify(node_id, 12)}'",
            )
        text = self.string(fields.get("text"), what, required=True)
        if "text" not in fields:
            self.error("missing-text", f"{what} has no text", item, "add `text:` saying the claim in your own words")
        kind = self.string(fields.get("kind"), what) or "claim"
        if kind not in NODE_KINDS_V2:
            self.error(
                "bad-kind",
                f"kind '{kind}' of {what} is not one of {', '.join(NODE_KINDS_V2)}",
                fields["kind"][1],
                did_you_mean(kind, NODE_KINDS_V2),
            )
            kind = "claim"
        scheme = self.string(fields.get("scheme"), what)
        if scheme is not None and kind == "question":
            self.error("scheme-on-question", f"{what} is a question and names a scheme; a question argues nothing",
                       fields["scheme"][1], "put `scheme:` on the argument or claim that argues by it")
            scheme = None
        elif scheme is not None and scheme not in SCHEMES:
            self.error(
                "bad-scheme",
                f"scheme '{scheme}' of {what} is not one of {', '.join(SCHEMES)}",
                fields["scheme"][1],
                did_you_mean(scheme, tuple(SCHEMES)) or "leave `scheme:` out when none of these fits (`argmap schemes` lists them)",
            )
            scheme = None
        source = self.cited_source(fields.get("source"), what, sources)
        quote = self.string(fields.get("quote"), what)
        tags = tuple(t for t, _ in self.string_list(fields.get("tags"), what))
        relations: list[Relation] = []
        for rel in RELATION_KINDS_V2:
            relations.extend(self.relation_items(fields.get(rel), rel, node_id, what))
        stance = self.string(fields.get("stance"), what) or "own"
        if stance not in STANCES:
            self.error(
                "bad-stance",
                f"stance '{stance}' of {what} is not one of {', '.join(STANCES)}",
                fields["stance"][1],
                did_you_mean(stance, STANCES) or "own: the writer's view; restates/reports: someone else's (give held_by); "
                "steelman: offered without being held",
            )
            stance = "own"
        premises = tuple(p for p, _ in self.string_list(fields.get("premises"), what))
        return Node(  # kept even when text is bad, so that its relations are checked too
            id=node_id,
            text=" ".join((text or "").split()),
            map=map_name,
            kind=kind,
            by=self.string(fields.get("by"), what),
            source=source,
            quote=quote,
            tags=tags,
            note=self.string(fields.get("note"), what),
            relations=tuple(relations),
            loc=self.loc(id_node),
            quote_loc=self.loc(fields["quote"][1]) if "quote" in fields else None,
            source_loc=self.loc(fields["source"][1]) if "source" in fields else None,
            title=self.string(fields.get("title"), what),
            held_by=self.string(fields.get("held_by"), what),
            stance=stance,
            weight=self.weight(fields.get("weight"), what),
            premises=premises,
            premises_loc=self.loc(fields["premises"][1]) if "premises" in fields else None,
            stance_loc=self.loc(fields["stance"][1]) if "stance" in fields else None,
            reviewed=self.reviewed(fields.get("reviewed"), what),
            scheme=scheme,
            scheme_loc=self.loc(fields["scheme"][1]) if scheme is not None else None,
            wordings=self.wordings(fields.get("wordings"), what, sources,
                                   (" ".join((text or "").split()), self.string(fields.get("by"), what), source, quote)),
        )

    def cited_source(self, entry, what: str, sources: dict[str, Source]) -> str | None:
        """The id ``source:`` names; one not declared in this file is an ``unknown-source`` error."""
        source = self.string(entry, what)
        if source is not None and source not in sources:
            names = getattr(self, "source_names", None) or Suggestions(sources)
            self.error(
                "unknown-source",
                f"{what} cites source '{source}', which is not declared in this file's `sources:`",
                entry[1],
                names.hint(source) or "declare it under `sources:` at the top of the file",
            )
        return source

    def wordings(self, entry, what: str, sources: dict[str, Source], own: tuple = ()) -> tuple[Wording, ...]:
        """``wordings:``: a list of further wordings of the node's claim, each ``{text, by, source, quote}``;
        ``own`` is the node's own ``(text, by, source, quote)``, which a wording must not merely repeat."""
        if entry is None:
            return ()
        key, node = entry
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return ()
        example = "write `wordings:` then items like `- text: ...` with `source:` and `quote:`"
        if not isinstance(node, yaml.SequenceNode):
            self.error("wrong-type", f"'wordings' of {what} must be a list of wordings, got {_kind(node)}", node, example)
            return ()
        out = []
        for i, item in enumerate(node.value, 1):
            one = f"wording {i} of {what}"
            if not isinstance(item, yaml.MappingNode):
                self.error("wrong-type", f"{one} must be a mapping with `text:`, got {_kind(item)}", item, example)
                continue
            fields = self.mapping(item, one, WORDING_KEYS)
            if "text" not in fields:
                self.error("missing-text", f"{one} has no text", item,
                           "add `text:` saying the claim as this wording puts it (the author's words go in `quote:`)")
            text = self.string(fields.get("text"), one, required=True)
            source = self.cited_source(fields.get("source"), one, sources)
            out.append(Wording(
                text=" ".join((text or "").split()),
                by=self.string(fields.get("by"), one),
                source=source,
                quote=self.string(fields.get("quote"), one),
                loc=self.loc(item),
                quote_loc=self.loc(fields["quote"][1]) if "quote" in fields else None,
                source_loc=self.loc(fields["source"][1]) if "source" in fields else None,
            ))
            writer = own[1] if own else None  # a wording without `by` is the node's writer's
            seen = [own] + [(w.text, w.by or writer, w.source, w.quote) for w in out[:-1]]
            this = (out[-1].text, out[-1].by or writer, source, out[-1].quote)
            if text and this in seen:
                self.warning("duplicate-wording", f"{one} repeats {'the node' if seen.index(this) == 0 else 'an earlier wording'} "
                             "(same text, author, source and quote)",
                             item, "remove it; a wording adds the claim as said elsewhere or by someone else")
        return tuple(out)

    def reviewed(self, entry, what: str) -> tuple[tuple[str, str], ...]:
        """``reviewed: {mark-code: reason}``: the ``argmap review`` marks acknowledged here, each with a reason."""
        if entry is None:
            return ()
        key, node = entry
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return ()
        example = "write e.g. `reviewed: {thesis-falls: the source grants the objection}`"
        if not isinstance(node, yaml.MappingNode):
            self.error("wrong-type", f"'reviewed' of {what} must map mark codes to reasons, got {_kind(node)}", node,
                       example)
            return ()
        fields = self.mapping(node, f"'reviewed' of {what}", tuple(spec.REVIEW_CODES))
        out = []
        for code, entry2 in fields.items():
            reason = self.string(entry2, f"'reviewed' of {what}", required=True)
            if reason is not None:
                out.append((code, " ".join(reason.split())))
        return tuple(out)

    # -- v2 values -------------------------------------------------------------------
    def number(self, entry, what: str) -> float | None:
        """A number (int or float scalar); anything else is a located ``wrong-type``."""
        if entry is None:
            return None
        key, node = entry
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return None
        example = f"write e.g. '{key.value}: {'0.3' if key.value == 'weight' else '1'}'"
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (_INT, _FLOAT):
            shown = f"'{node.value}'" if isinstance(node, yaml.ScalarNode) else _kind(node)
            self.error("wrong-type", f"'{key.value}' of {what} must be a number, got {shown}", node, example)
            return None
        try:
            value = float(node.value.replace("_", ""))
        except ValueError:  # .nan, .inf: YAML floats that are no number
            self.error("wrong-type", f"'{key.value}' of {what} must be a number, got '{node.value}'", node, example)
            return None
        return value

    def weight(self, entry, what: str) -> float | None:
        value = self.number(entry, what)
        if value is not None and not (0.0 <= value <= 1.0):  # NaN fails too
            self.error("bad-weight", f"weight {entry[1].value} of {what} is outside [0, 1]", entry[1],
                       "a base score between 0 (no weight) and 1 (certain); 0.5 is the default")
            return None
        return value

    def whole_number(self, entry, what: str) -> int | None:
        value = self.number(entry, what)
        if value is None:
            return None
        if value != int(value) or value < 0 or entry[1].tag != _INT:
            self.error("wrong-type", f"'{entry[0].value}' of {what} must be a whole number >= 0, got {entry[1].value}",
                       entry[1], "number the replies 0, 1, 2, ... in thread order")
            return None
        return int(value)

    def shallow(self, target: str, node, kind: str, what: str) -> bool:
        """A relation address no deeper than :data:`argmap.address.MAX_DEPTH`, else an error and False."""
        from .address import MAX_DEPTH as deepest, depth

        levels = depth(target)
        if levels <= deepest:
            return True
        self.error("address-too-deep", f"the '{kind}' target of {what} names a relation {levels} levels deep "
                   f"('{target[:40]}...'); argmap reads at most {deepest}", node,
                   "a chain of objections this long is a reply thread: attack the objection's node (`attacks: [its-id]`)")
        return False

    def relation_items(self, entry, kind: str, node_id: str, what: str) -> list[Relation]:
        """A relation list: each item a target id, or a mapping {to, cq, inferred, note, relation, reviewed}."""
        if entry is None:
            return []
        key, node = entry
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL:
            return []
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in items:
            if isinstance(item, yaml.ScalarNode) and item.tag in _PLAIN_SCALARS:
                if self.shallow(item.value, item, kind, what):
                    out.append(Relation(kind, node_id, item.value, self.loc(item)))
                continue
            if not isinstance(item, yaml.MappingNode):
                self.error(
                    "wrong-type",
                    f"'{kind}' of {what} must list ids or mappings with `to:`, got {_kind(item)}",
                    item,
                    f"write '{kind}: [id-one, id-two]' or '- to: id' with inferred/note/relation",
                )
                continue
            fields = self.mapping(item, f"an item of '{kind}' of {what}", RELATION_ITEM_KEYS)
            if "to" not in fields:
                if fields or not item.value:
                    self.error("missing-key", f"an item of '{kind}' of {what} has no `to:`", item,
                               "name the target: `- to: some-id` (or `SRC->TGT` for a relation)")
                continue
            target = self.string(fields["to"], f"an item of '{kind}' of {what}", required=True)
            if target is None:
                continue
            inferred = False
            if "inferred" in fields:
                inode = fields["inferred"][1]
                if not (isinstance(inode, yaml.ScalarNode) and inode.tag == _BOOL):
                    self.error("wrong-type", f"'inferred' of an item of '{kind}' of {what} must be true or false",
                               inode, "write `inferred: true` (no author made this link) or leave it out")
                else:
                    inferred = inode.value.lower() in ("true", "yes", "on", "y")
            relation = self.relation_kinds(fields.get("relation"), f"an item of '{kind}' of {what}")
            reviewed = self.string(fields.get("reviewed"), f"an item of '{kind}' of {what}", required="reviewed" in fields)
            if not self.shallow(target, fields["to"][1], kind, what):
                continue
            out.append(
                Relation(
                    kind,
                    node_id,
                    target,
                    self.loc(fields["to"][1]),
                    inferred=inferred,
                    note=self.string(fields.get("note"), f"an item of '{kind}' of {what}"),
                    target_relation=relation,
                    reviewed=" ".join(reviewed.split()) if reviewed else None,
                    cq=self.string(fields.get("cq"), f"an item of '{kind}' of {what}"),
                )
            )
        return out
