"""``argmap lsp``: a Language Server for map files, over the whole folder a file is in.

The folder is read with the project policy of ``argmap check FOLDER`` (every map
under it, :func:`argmap.project.discover`); an open editor buffer replaces its
file's text.  Each file is parsed once per change and kept (:class:`Folder`), so a
keystroke re-reads one file and re-validates the folder's models, never the disk.

Features: diagnostics as you type (every ``check`` diagnostic with its hint, for
every file of the folder a change touches), completion (ids with title and holder
in relation lists and ``a->b`` targets, keys, source names, holders), hover (the
node, its source, and its verdict from the one evaluation), go to definition and
find references (ids and sources), rename of an id across the folder (only the
id's characters change), and code actions (add a counterargument, support,
concession or answer as ``argmap add`` would; apply a "did you mean" hint).
Beside the ``check`` diagnostics, :func:`argmap.review.review`'s marks on the folder's one
evaluation are published as Information diagnostics (source ``argmap review``) while the
folder has no errors.  Columns go in and out in the client's position encoding (UTF-16 code
units unless negotiated otherwise), converted in one place in :func:`server`.

The library part (:class:`Folder`, :func:`occurrences`) needs no pygls; the
server (:func:`server`) imports it only when started.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

from . import spec
from .diagnostics import Diagnostic
from .review import REVIEW
from .model import Map, Project

__all__ = ["Folder", "Occurrence", "occurrences", "server", "main"]

NODE, SOURCE = "node", "source"
_TOKEN = re.compile(r"[^\s,\[\]{}#:'\"]+")
_HINT_FIX = re.compile(r"did you mean [`'\"]([^`'\"]+)[`'\"]")


@dataclass(frozen=True)
class Occurrence:
    """One place a node id or source name is written: ``line``/``col`` 0-based."""

    what: str  # NODE or SOURCE
    name: str
    line: int
    col: int
    definition: bool = False

    @property
    def end(self) -> int:
        return self.col + len(self.name)


def _scalar_parts(text: str, node: yaml.ScalarNode, what: str, split: bool, definition: bool = False):
    raw = text[node.start_mark.index:node.end_mark.index]
    names = node.value.split(spec.RELATION_SEPARATOR) if split else [node.value]
    pos = 0
    for name in names:
        name = name.strip()
        at = raw.find(name, pos) if name else -1
        if at < 0 or "\n" in raw[:at]:
            continue
        pos = at + len(name)
        yield Occurrence(what, name, node.start_mark.line, node.start_mark.column + at, definition)


def _get(mapping: yaml.Node, key: str):
    if isinstance(mapping, yaml.MappingNode):
        for k, v in mapping.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return v
    return None


def occurrences(text: str) -> list[Occurrence]:
    """Every id and source name written in a map file's text (empty when it does not parse)."""
    from .yamltext import compose_loaded

    try:
        root = compose_loaded(text)
    except Exception:  # noqa: BLE001 - a half-typed file: its diagnostics say why
        return []
    out: list[Occurrence] = []
    sources = _get(root, "sources")
    if isinstance(sources, yaml.MappingNode):
        for k, v in sources.value:
            if isinstance(k, yaml.ScalarNode):
                out.extend(_scalar_parts(text, k, SOURCE, False, True))
            r = _get(v, "replies_to")
            if isinstance(r, yaml.ScalarNode):
                out.extend(_scalar_parts(text, r, SOURCE, False))
    thesis = _get(root, "thesis")
    if isinstance(thesis, yaml.ScalarNode) and thesis.value:
        out.extend(_scalar_parts(text, thesis, NODE, False))
    nodes = _get(root, "nodes")
    for item in nodes.value if isinstance(nodes, yaml.SequenceNode) else ():
        if not isinstance(item, yaml.MappingNode):
            continue
        for k, v in item.value:
            key = k.value if isinstance(k, yaml.ScalarNode) else None
            if key == "id" and isinstance(v, yaml.ScalarNode):
                out.extend(_scalar_parts(text, v, NODE, False, True))
            elif key == "source" and isinstance(v, yaml.ScalarNode):
                out.extend(_scalar_parts(text, v, SOURCE, False))
            elif key == "wordings" and isinstance(v, yaml.SequenceNode):
                for w in v.value:
                    ws = _get(w, "source") if isinstance(w, yaml.MappingNode) else None
                    if isinstance(ws, yaml.ScalarNode):
                        out.extend(_scalar_parts(text, ws, SOURCE, False))
            elif key in spec.RELATION_KINDS or key == "premises":
                items = v.value if isinstance(v, yaml.SequenceNode) else [v]
                for it in items:
                    target = _get(it, "to") if isinstance(it, yaml.MappingNode) else it
                    if isinstance(target, yaml.ScalarNode) and target.value:
                        out.extend(_scalar_parts(text, target, NODE, True))
    return out


@dataclass
class _File:
    text: str
    map: Map | None
    diags: list[Diagnostic]
    occ: list[Occurrence]


@dataclass
class Folder:
    """The maps of one folder as the editor sees them: disk text overlaid by open buffers."""

    root: Path
    files: dict[str, _File] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)  # discovery's own (unreadable files)
    _checked: dict[str, list[Diagnostic]] | None = None
    _evaluated: tuple | None = None
    _marks: dict[str, list[Diagnostic]] | None = None

    @classmethod
    def open(cls, root: str | Path) -> "Folder":
        from .fsutil import read_text
        from .project import discover

        folder = cls(Path(root))
        found, folder.problems = discover([folder.root])
        for f in found:
            text, problems = read_text(f.path)
            if text is None:
                folder.problems.extend(problems)
                continue
            folder.set_text(str(f.path), text)
        return folder

    def set_text(self, path: str, text: str) -> None:
        """Re-read one file (the others keep their parsed maps)."""
        from .loader import load_text

        old = self.files.get(path)
        if old is not None and old.text == text:
            return
        m, diags = load_text(text, path, Path(path).stem)
        self.files[path] = _File(text, m, diags, occurrences(text))
        self._checked = None
        self._evaluated = None
        self._marks = None

    def forget(self, path: str) -> None:
        self.files.pop(path, None)
        self._checked = None
        self._evaluated = None
        self._marks = None

    @property
    def project(self) -> Project:
        return Project(tuple(f.map for f in self.files.values() if f.map is not None))

    def diagnostics(self) -> dict[str, list[Diagnostic]]:
        """Every file's diagnostics: its own load problems and the folder's checks located in it."""
        if self._checked is None:
            from .validate import validate

            out: dict[str, list[Diagnostic]] = {p: list(f.diags) for p, f in self.files.items()}
            for d in [*self.problems, *validate(self.project)]:
                where = d.loc.file if d.loc else next(iter(out), "")
                out.setdefault(where, []).append(d)
            self._checked = out
        return self._checked

    def evaluated(self):
        """``(graph, evaluation)`` of the folder, once per change (None while it has errors)."""
        if self._evaluated is None:
            from .diagnostics import has_errors

            if any(has_errors(ds) for ds in self.diagnostics().values()):
                return None
            return self._evaluate()
        return self._evaluated

    def marks(self) -> dict[str, list[Diagnostic]]:
        """``argmap review``'s marks per file, from the folder's one evaluation (none while it has errors)."""
        if self._marks is None:
            ev = self.evaluated()
            out: dict[str, list[Diagnostic]] = {}
            if ev is not None:
                from .review import review

                G, e = ev
                for d in review(self.project, e, G):
                    out.setdefault(d.loc.file if d.loc else next(iter(self.files), ""), []).append(d)
            self._marks = out
        return self._marks

    def _evaluate(self):
        from .evaluation import evaluate
        from .graph import build
        from .settings import load_settings

        G = build(self.project)
        self._evaluated = (G, evaluate(G, load_settings(self.root)))
        return self._evaluated

    # --- queries ---------------------------------------------------------------------------
    def at(self, path: str, line: int, col: int) -> Occurrence | None:
        f = self.files.get(path)
        for o in f.occ if f else ():
            if o.line == line and o.col <= col <= o.end:
                return o
        return None

    def all(self, what: str, name: str, near: str | None = None):
        """Every occurrence of a node id in the folder; of a source name, in the map ``near`` (sources are per map)."""
        for path, f in self.files.items():
            if what == SOURCE and near is not None and path != near:
                continue
            for o in f.occ:
                if o.what == what and o.name == name:
                    yield path, o

    def definition(self, what: str, name: str, near: str | None = None):
        hits = [(p, o) for p, o in self.all(what, name) if o.definition]
        if what == SOURCE and near is not None:  # sources are named per map: the file's own first
            hits.sort(key=lambda h: h[0] != near)
        return hits[0] if hits else None

    def nodes(self):
        return self.project.nodes()

    def rename(self, name: str, new: str) -> dict[str, list[Occurrence]]:
        """Where ``name`` is written, per file, for renaming it to ``new`` (raises ValueError if it cannot be)."""
        if not spec.ID_PATTERN.match(new):
            raise ValueError(f"'{new}' is not an id: use a-z, 0-9 and '-' (not at either end)")
        if new != name and any(True for _ in self.all(NODE, new)):
            raise ValueError(f"'{new}' is already an id in this folder")
        out: dict[str, list[Occurrence]] = {}
        for path, o in self.all(NODE, name):
            out.setdefault(path, []).append(o)
        return out


def _folder_of(path: Path) -> Path:
    return path.parent


def _uri_path(uri: str) -> str:
    return str(Path(unquote(urlparse(uri).path)).resolve())


def _token_end(lines: list[str], line: int, col: int) -> int:
    text = lines[line] if 0 <= line < len(lines) else ""
    m = _TOKEN.match(text, col) if col < len(text) else None
    return m.end() if m else min(col + 1, max(len(text), col + 1))


# --- the server ---------------------------------------------------------------------------------
def server():
    """The pygls server (imported only when ``argmap lsp`` runs)."""
    from lsprotocol import types as T
    from pygls.lsp.server import LanguageServer

    from ._version import __version__

    ls = LanguageServer("argmap", __version__)
    folders: dict[Path, Folder] = {}
    published: dict[str, tuple] = {}

    def folder_for(path: str) -> Folder:
        root = _folder_of(Path(path))
        if root not in folders:
            folders[root] = Folder.open(root)
        return folders[root]

    # Positions: argmap counts characters (code points); LSP counts the encoding agreed at
    # initialize, UTF-16 code units by default.  Every position in or out goes through these two.
    def out_pos(lines: list[str], line: int, col: int) -> T.Position:
        return ls.workspace.position_codec.position_to_client_units(lines, T.Position(line, col))

    def in_pos(lines: list[str], pos: T.Position) -> T.Position:
        p = ls.workspace.position_codec.position_from_client_units(lines, pos)
        return T.Position(p.line, p.character)

    def rng(lines: list[str], line, col, end):
        return T.Range(out_pos(lines, line, col), out_pos(lines, line, end))

    def lines_of(folder: Folder, path: str) -> list[str]:
        f = folder.files.get(path)
        return f.text.splitlines() if f else []

    def to_lsp(d: Diagnostic, lines: list[str]) -> T.Diagnostic:
        line = max((d.loc.line if d.loc else 1) - 1, 0)
        col = max((d.loc.col if d.loc else 1) - 1, 0)
        message = d.message + (f"\nhint: {d.hint}" if d.hint else "")
        sev = (T.DiagnosticSeverity.Error if d.is_error else
               T.DiagnosticSeverity.Information if d.severity == REVIEW else T.DiagnosticSeverity.Warning)
        return T.Diagnostic(range=rng(lines, line, col, _token_end(lines, line, col)), message=message, severity=sev,
                            code=d.code, source="argmap review" if d.severity == REVIEW else "argmap",
                            data={"hint": d.hint} if d.hint else None)

    def publish(folder: Folder, edited: str | None = None) -> None:
        """Diagnostics of every file whose list changed; the edited file's always, last."""
        checked, marks = folder.diagnostics(), folder.marks()
        found = {p: [*checked.get(p, ()), *marks.get(p, ())] for p in {*checked, *marks}}
        for path in sorted(found, key=lambda p: (p == edited, p)):
            diags = found[path]
            f = folder.files.get(path)
            lines = f.text.splitlines() if f else []
            key = tuple(diags)
            if published.get(path) == key and path != edited:
                continue
            published[path] = key
            ls.text_document_publish_diagnostics(T.PublishDiagnosticsParams(
                uri=Path(path).as_uri(), diagnostics=[to_lsp(d, lines) for d in diags]))

    def changed(uri: str) -> None:
        path = _uri_path(uri)
        if not path.endswith(spec.MAP_SUFFIXES):
            return
        folder = folder_for(path)
        folder.set_text(path, ls.workspace.get_text_document(uri).source)
        publish(folder, path)

    @ls.feature(T.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: T.DidOpenTextDocumentParams):
        changed(params.text_document.uri)

    @ls.feature(T.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: T.DidChangeTextDocumentParams):
        changed(params.text_document.uri)

    @ls.feature(T.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: T.DidCloseTextDocumentParams):
        path = _uri_path(params.text_document.uri)
        folder = folder_for(path)
        if Path(path).is_file():  # back to the text on disk
            folder.set_text(path, Path(path).read_text(encoding="utf-8", errors="replace"))
        else:
            folder.forget(path)
        publish(folder, path)

    def where(params) -> tuple[Folder, str, Occurrence | None]:
        path = _uri_path(params.text_document.uri)
        folder = folder_for(path)
        pos = in_pos(lines_of(folder, path), params.position)
        return folder, path, folder.at(path, pos.line, pos.character)

    def location(path: str, o: Occurrence) -> T.Location:
        return T.Location(uri=Path(path).as_uri(), range=rng(lines_of(folder_for(path), path), o.line, o.col, o.end))

    @ls.feature(T.TEXT_DOCUMENT_DEFINITION)
    def definition(params: T.DefinitionParams):
        folder, path, o = where(params)
        hit = o and folder.definition(o.what, o.name, path)
        return location(*hit) if hit else None

    @ls.feature(T.TEXT_DOCUMENT_REFERENCES)
    def references(params: T.ReferenceParams):
        folder, path, o = where(params)
        if o is None:
            return None
        return [location(p, x) for p, x in folder.all(o.what, o.name, path)
                if params.context.include_declaration or not x.definition]

    @ls.feature(T.TEXT_DOCUMENT_HOVER)
    def hover(params: T.HoverParams):
        folder, path, o = where(params)
        if o is None:
            return None
        text = _describe(folder, o, path)
        return T.Hover(contents=T.MarkupContent(kind=T.MarkupKind.Markdown, value=text),
                       range=rng(lines_of(folder, path), o.line, o.col, o.end)) if text else None

    @ls.feature(T.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(params: T.PrepareRenameParams):
        folder, path, o = where(params)
        if o is None or o.what != NODE:
            return None
        return rng(lines_of(folder, path), o.line, o.col, o.end)

    @ls.feature(T.TEXT_DOCUMENT_RENAME)
    def rename(params: T.RenameParams):
        folder, path, o = where(params)
        if o is None or o.what != NODE:
            return None
        try:
            places = folder.rename(o.name, params.new_name)
        except ValueError as exc:
            raise _lsp_error(str(exc)) from None
        return T.WorkspaceEdit(changes={
            Path(p).as_uri(): [T.TextEdit(range=rng(lines_of(folder, p), x.line, x.col, x.end), new_text=params.new_name)
                               for x in xs]
            for p, xs in places.items()})

    @ls.feature(T.TEXT_DOCUMENT_COMPLETION, T.CompletionOptions(trigger_characters=["[", ",", " ", ">", "-"]))
    def completion(params: T.CompletionParams):
        path = _uri_path(params.text_document.uri)
        folder = folder_for(path)
        doc = ls.workspace.get_text_document(params.text_document.uri)
        lines = [x.rstrip("\r\n") for x in doc.lines]
        return T.CompletionList(is_incomplete=False, items=_complete(T, folder, path, lines, in_pos(lines, params.position)))

    @ls.feature(T.TEXT_DOCUMENT_CODE_ACTION)
    def code_action(params: T.CodeActionParams):
        path = _uri_path(params.text_document.uri)
        folder = folder_for(path)
        return _actions(T, folder, path, params, lambda line, col: out_pos(lines_of(folder, path), line, col))

    return ls


def _lsp_error(message: str):
    from pygls.exceptions import JsonRpcInvalidParams

    return JsonRpcInvalidParams(message)


def _describe(folder: Folder, o: Occurrence, path: str) -> str | None:
    if o.what == SOURCE:
        f = folder.files.get(path)
        src = (f.map.sources.get(o.name) if f and f.map else None) or next(
            (m.sources[o.name] for m in folder.project.maps if o.name in m.sources), None)
        if src is None:
            return None
        bits = [f"**{src.title or o.name}**", ", ".join(x for x in (src.author, src.date) if x), src.url or ""]
        return "\n\n".join(b for b in bits if b)
    node = folder.nodes().get(o.name)
    if node is None:
        return f"`{o.name}`: no node has this id in the folder"
    lines = [f"**{node.title or node.id}** ({node.kind}, map `{node.map}`)", node.text]
    if node.quote:
        lines.append(f"> {node.quote}")
    held = getattr(node, "held_by", None)
    who = ", ".join(x for x in (f"by {node.by}" if node.by else "", f"held by {held}" if held else "",
                                f"source `{node.source}`" if node.source else "") if x)
    if who:
        lines.append(who)
    for w in node.wordings:
        said = ", ".join(x for x in (f"by {w.by}" if w.by else "", f"source `{w.source}`" if w.source else "") if x)
        lines.append(f"also worded: {w.text}" + (f" ({said})" if said else "") + (f"\n> {w.quote}" if w.quote else ""))
    ev = folder.evaluated()
    if ev is not None:
        from .evaluation import verdict

        G, e = ev
        st = e.status.get(node.id)
        strength = e.strength.get(node.id)
        head = f"**{st}**" if st else ""
        if strength is not None:
            head += f" (strength {strength:.2f})"
        lines.append(f"{head}: {verdict(G, e, node.id)}".lstrip(": "))
    else:
        lines.append("_verdict: fix the folder's errors first_")
    answers = sorted({f"{r.source} ({r.kind})" for r in folder.project.relations() if r.target == node.id})
    if answers:
        lines.append("answered by: " + ", ".join(answers))
    return "\n\n".join(lines)


def _context_key(lines: list[str], line: int, col: int) -> tuple[str | None, str]:
    """The key whose value the cursor is in (looking up for list items), and the word typed so far."""
    before = lines[line][:col] if line < len(lines) else ""
    word = re.search(r"[A-Za-z0-9_-]*$", before).group(0)
    m = re.match(r"\s*(?:-\s+)?([A-Za-z_]+):(.*)$", before)
    if m:
        return m.group(1), word
    if re.match(r"\s*-\s+\S*$", before) or re.match(r"\s*\S*$", before):
        indent = len(before) - len(before.lstrip(" "))
        item = re.match(r"\s*-\s", before) is not None
        for back in range(line - 1, -1, -1):
            prev = lines[back]
            if not prev.strip():
                continue
            p_indent = len(prev) - len(prev.lstrip(" "))
            km = re.match(r"\s*(?:-\s+)?([A-Za-z_]+):\s*$", prev)
            if km and p_indent < indent + (1 if item else 0) and item:
                return km.group(1), word
            if p_indent < indent or (p_indent == indent and not item):
                break
        return ("" if not item else None), word
    return None, word


_ID_KEYS = set(spec.RELATION_KINDS) | {"premises", "to", "thesis"}


def _complete(T, folder: Folder, path: str, lines: list[str], pos) -> list:
    key, word = _context_key(lines, pos.line, pos.character)
    before = lines[pos.line][:pos.character] if pos.line < len(lines) else ""
    items = []
    if key in _ID_KEYS or "->" in before.rsplit(" ", 1)[-1]:
        for n in folder.nodes().values():
            if n.id.startswith(word):
                items.append(T.CompletionItem(label=n.id, kind=T.CompletionItemKind.Reference,
                                              detail=" · ".join(x for x in (n.title, n.by, n.map) if x),
                                              documentation=n.text))
    elif key in ("source", "replies_to"):
        f = folder.files.get(path)
        for name, s in (f.map.sources.items() if f and f.map else ()):
            items.append(T.CompletionItem(label=name, kind=T.CompletionItemKind.Reference,
                                          detail=" · ".join(x for x in (s.author, s.title) if x)))
    elif key in ("by", "held_by"):
        people = sorted({x for n in folder.nodes().values() for x in (n.by, getattr(n, "held_by", None)) if x}
                        | {s.author for m in folder.project.maps for s in m.sources.values() if s.author})
        items = [T.CompletionItem(label=p, kind=T.CompletionItemKind.Value) for p in people]
    elif key == "kind":
        items = [T.CompletionItem(label=k, kind=T.CompletionItemKind.EnumMember) for k in spec.NODE_KINDS]
    elif key == "stance":
        items = [T.CompletionItem(label=k, kind=T.CompletionItemKind.EnumMember) for k in spec.STANCES]
    elif key == "scheme":
        from .schemes import SCHEMES

        items = [T.CompletionItem(label=k, kind=T.CompletionItemKind.EnumMember, detail=s.title,
                                  documentation="\n".join(f"{q.code}: {q.text}" for q in s.questions))
                 for k, s in SCHEMES.items()]
    elif key == "cq":
        from .schemes import SCHEMES

        items = [T.CompletionItem(label=q.code, kind=T.CompletionItemKind.EnumMember, detail=s.title,
                                  documentation=q.text) for s in SCHEMES.values() for q in s.questions]
    elif key in ("", "wordings") or key is None and re.match(r"\s*(-\s+)?[A-Za-z_]*$", before):
        indented = before.startswith((" ", "-"))
        keys = spec.WORDING_KEYS if _in_wording(lines, pos.line) else spec.NODE_KEYS if indented else spec.MAP_KEYS
        items = [T.CompletionItem(label=k, kind=T.CompletionItemKind.Property, insert_text=f"{k}: ")
                 for k in keys if k.startswith(word)]
    return items


def _in_wording(lines: list[str], line: int) -> bool:
    """True when ``line`` is a key of an item of a node's ``wordings:`` list (its keys complete from WORDING_KEYS)."""
    here = lines[line] if line < len(lines) else ""
    col = len(here) - len(here.lstrip(" -"))  # where this line's key starts, after any "- "
    for back in range(line - 1, -1, -1):
        prev = lines[back]
        if not prev.strip() or prev.lstrip().startswith("#"):
            continue
        indent = len(prev) - len(prev.lstrip(" "))
        if indent >= col:
            continue
        if re.match(r"\s*wordings:\s*$", prev):
            return True
        if not re.match(r"\s*-\s", prev) or len(prev) - len(prev.lstrip(" -")) < col:
            return False  # the line that opens this mapping is not an item of `wordings:`
    return False


#: the editor's "add a … here" actions: each relation whose row in spec.RELATIONS names its new node
_ACTIONS = tuple((r.stub, k) for k, r in spec.RELATIONS.items() if r.stub and r.written)


def _node_at_line(folder: Folder, path: str, line: int):
    """The node whose item holds ``line`` (the last ``id`` written at or above it)."""
    f = folder.files.get(path)
    defs = [o for o in (f.occ if f else ()) if o.what == NODE and o.definition and o.line <= line]
    return max(defs, key=lambda o: o.line, default=None)


def _actions(T, folder: Folder, path: str, params, position) -> list:
    """Quick fixes for the diagnostics given and "add a … here" actions; ``position(line, col)`` is the
    server's conversion of a character position to the client's units."""
    from .edit import plan_insert, unique_id

    out = []
    uri = params.text_document.uri
    for d in params.context.diagnostics:
        hint = (d.data or {}).get("hint") if isinstance(d.data, dict) else None
        m = _HINT_FIX.search(hint or d.message)
        if m:
            fix = m.group(1)
            out.append(T.CodeAction(title=f"Change to '{fix}'", kind=T.CodeActionKind.QuickFix, diagnostics=[d],
                                    is_preferred=True,
                                    edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(range=d.range, new_text=fix)]})))
    f = folder.files.get(path)
    o = _node_at_line(folder, path, params.range.start.line)
    if f is None or o is None or f.map is None:
        return out
    node = folder.nodes().get(o.name)
    taken = set(folder.nodes())
    for label, relation in _ACTIONS:
        if node is not None and node.kind not in spec.RELATIONS[relation].targets:
            continue
        new_id = unique_id(f"{label} to {o.name}", taken)
        fields = [("id", new_id), ("text", f"TODO: the {label} in your own words"), (relation, [o.name])]
        try:
            offset, block = plan_insert(f.text, fields, path)
        except Exception:  # noqa: BLE001 - a file `add` cannot write into gets no action
            continue
        before = f.text[:offset]
        line = before.count("\n")
        col = offset - (before.rfind("\n") + 1)
        pos = position(line, col)
        out.append(T.CodeAction(
            title=f"Add a {label} to '{o.name}' here", kind=T.CodeActionKind.RefactorRewrite,
            edit=T.WorkspaceEdit(changes={uri: [T.TextEdit(range=T.Range(pos, pos), new_text=block)]})))
    return out


def main() -> None:
    """Run the server on stdin/stdout."""
    server().start_io()
