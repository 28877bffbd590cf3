"""What an edit changed, in argmap's words: two revisions of a folder compared.

:func:`diff` compares two checked projects (two folders, or two git revisions
read by :func:`from_git`) and returns a :class:`Diff`: nodes added, removed,
renamed (same text, new id) and reworded (text, title, quote), other node fields
changed (holder, source, kind, stance, weight), relations added, removed or
retyped, sources changed, and, from the one evaluation of each side
(:func:`argmap.evaluation.evaluate`), every node whose status or strength
changed, with the verdict sentence that says why, and each map whose verdict
sentence changed.

Identity across revisions is by id.  An id that disappears while a new id
appears in the same map with the very same text is a rename, not a removal plus
an addition; relations are compared after renaming the old side's ids.

:func:`marks` turns a :class:`Diff` into the :class:`~argmap.export.dot.Marks`
the DOT exporter draws (an argument: the graph is never written to).
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tempfile
import textwrap
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .diagnostics import ArgmapError
from .model import Project

__all__ = ["Diff", "NodeChange", "Verdict", "diff", "from_git", "read_side", "read_sides", "format_text", "to_json",
           "marks", "line_diff", "PathMissing", "REWORD_FIELDS", "NODE_FIELDS"]

#: Fields whose change is a rewording (what the node says).
REWORD_FIELDS = ("text", "title", "quote", "wordings")
#: Other node fields reported when they change (who holds it, where it comes from, what it is).
NODE_FIELDS = ("by", "held_by", "source", "kind", "stance", "weight", "tags")
#: Source fields compared.
SOURCE_FIELDS = ("title", "author", "date", "url", "file", "replies_to")
#: A strength change smaller than this is noise, not a change.
STRENGTH_EPSILON = 0.005


@dataclass(frozen=True)
class NodeChange:
    """One field of one node changed (``id`` is the node's id on the new side)."""

    id: str
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Verdict:
    """A node whose verdict moved: statuses (IN/OUT/UNDEC), strengths, and the sentences saying why."""

    id: str
    old_status: str | None
    new_status: str | None
    old_strength: float | None
    new_strength: float | None
    old_reason: str
    new_reason: str
    new_causes: tuple[str, ...] = ()  # nodes added by the edit that the new reason names


@dataclass
class Diff:
    """Everything an edit changed.  Relations are ``(source, kind, target)`` on the new side's ids."""

    old_label: str = "old"
    new_label: str = "new"
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)
    reworded: list[NodeChange] = field(default_factory=list)
    changed: list[NodeChange] = field(default_factory=list)
    relations_added: list[tuple[str, str, str]] = field(default_factory=list)
    relations_removed: list[tuple[str, str, str]] = field(default_factory=list)
    relations_retyped: list[tuple[str, str, str, str]] = field(default_factory=list)  # (source, old kind, new kind, target)
    #: (source, kind, target, now inferred): a link newly marked ``inferred: true`` (or no longer)
    relations_inferred: list[tuple[str, str, str, bool]] = field(default_factory=list)
    sources: list[tuple[str, str, str, object, object]] = field(default_factory=list)  # (map, source id, field, old, new)
    maps_added: list[str] = field(default_factory=list)
    maps_removed: list[str] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    map_verdicts: list[tuple[str, str, str]] = field(default_factory=list)  # (map, old sentence, new sentence)
    #: node id -> plain name ("“title or text…”"), for every id named above (either side)
    names: dict[str, str] = field(default_factory=dict)
    #: removed node id -> (text, map), so a drawing can show it as a ghost
    removed_text: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not any((self.added, self.removed, self.renamed, self.reworded, self.changed, self.relations_added,
                        self.relations_removed, self.relations_retyped, self.relations_inferred, self.sources, self.maps_added,
                        self.maps_removed, self.verdicts, self.map_verdicts))


# -- reading a side ------------------------------------------------------------------------------
class PathMissing(ArgmapError):
    """The path compared is not in one revision (a map added or deleted by the edit, or a typo)."""


def _git(args: list[str], cwd: Path, binary: bool = False):
    try:
        out = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise ArgmapError("git is not installed (argmap diff reads revisions with git; install git)") from None
    if out.returncode != 0:
        msg = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ArgmapError(f"git {' '.join(args[:2])}: {msg[-1] if msg else 'failed'}")
    return out.stdout if binary else out.stdout.decode("utf-8", "replace")


def from_git(rev: str, path: str | Path = "arguments", into: str | Path | None = None, cwd: str | Path = "."):
    """The checked project of folder (or map file) ``path`` at git revision ``rev``.

    The revision's files are extracted with ``git archive`` into ``into`` (a fresh
    temporary folder when None, removed afterwards) and opened like a folder on
    disk, so a revision is checked exactly as the work tree is.  Returns an
    :class:`~argmap.project.Opened`.  Raises :class:`ArgmapError` for a bad
    revision or a path the revision lacks, in one line.
    """
    cwd = Path(cwd)
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    if _run_ok(["git", "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd) is False:
        raise ArgmapError(f"'{rev}' is not a git revision here (try `git log --oneline`)")
    target = (cwd / path).resolve()
    try:
        rel = target.relative_to(top.resolve()).as_posix() or "."
    except ValueError:
        raise ArgmapError(f"{path}: not inside the git repository at {top}") from None
    spec = f"{rev}:{rel if rel != '.' else ''}"
    if not _run_ok(["git", "cat-file", "-e", spec], cwd):
        raise PathMissing(f"{path}: not in revision {rev} (`git ls-tree {rev}` lists what it has)")
    kind = _git(["cat-file", "-t", spec], cwd).strip()
    folder = rel if kind == "tree" else (str(Path(rel).parent.as_posix()) if "/" in rel else ".")
    data = _git(["archive", "--format=tar", rev, "--", folder], top, binary=True)
    if into is None:
        with tempfile.TemporaryDirectory(prefix="argmap-diff-") as tmp:
            return _open_extracted(data, Path(tmp), rel, rev)
    return _open_extracted(data, Path(into), rel, rev)


def _run_ok(cmd: list[str], cwd: Path) -> bool:
    try:
        return subprocess.run(cmd, cwd=cwd, capture_output=True).returncode == 0
    except FileNotFoundError:
        raise ArgmapError("git is not installed (argmap diff reads revisions with git; install git)") from None


def _open_extracted(data: bytes, root: Path, rel: str, rev: str):
    import io

    from .project import open_checked

    import dataclasses

    from .diagnostics import InvalidInputError

    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(root, filter="data")
    try:
        return open_checked([root / rel])
    except InvalidInputError as exc:  # name the revision's file, not the temporary copy
        prefix = str(root) + os.sep

        def named(d):
            if d.loc is None or not str(d.loc.file).startswith(prefix):
                return d
            return dataclasses.replace(d, loc=dataclasses.replace(d.loc, file=f"{rev}:{str(d.loc.file)[len(prefix):]}"))

        raise InvalidInputError([named(d) for d in exc.diagnostics]) from None


def read_side(spec: str, path: str | Path | None, cwd: str | Path = ".") -> tuple[object, str]:
    """One side of a diff: ``spec`` a folder or map file on disk, else a git revision of ``path``.

    Returns the :class:`~argmap.project.Opened` and a label for it.
    """
    from .project import open_checked

    if spec and os.path.exists(spec):
        return open_checked([spec]), spec
    return from_git(spec, path or "arguments", cwd=cwd), f"{spec}:{path or 'arguments'}"


def read_sides(old: str, new: str | None, path: str | Path | None, cwd: str | Path = "."):
    """Both sides of a diff, ``((opened, label), (opened, label))``; ``new`` None is the work tree.

    A map file that one side lacks (added or deleted by the edit) is absent there: that side is its
    folder's other maps, labelled "(absent)", so the map's nodes are all added or all removed; a path
    that neither side has is an error.
    """
    from .project import Opened, open_checked

    def absent(spec: str | None, exc: Exception):
        label = f"{spec or 'work tree'}:{path} (absent)"
        parent = Path(path).parent if path is not None and Path(path).suffix.lower() in (".yaml", ".yml") else None
        try:  # the folder around the missing map, as context both sides share
            if parent is not None:
                opened = open_checked([Path(cwd) / parent]) if spec is None else read_side(spec, parent, cwd)[0]
                return (opened, label), exc
        except ArgmapError:
            pass
        return (Opened(Project(), [], None, Path(cwd)), label), exc

    def one(spec: str | None):
        if spec is None:
            if path is not None and not os.path.exists(Path(cwd) / path):
                return absent(None, ArgmapError(f"{path}: no such file or folder in the work tree"))
            return (open_checked([Path(cwd) / path if path else Path(cwd)]), f"work tree:{path}"), None
        try:
            return read_side(spec, path, cwd), None
        except PathMissing as exc:
            return absent(spec, exc)

    (a, missing_a), (b, missing_b) = one(old), one(new)
    if missing_a and missing_b:
        raise missing_a
    return a, b


def line_diff(old: bytes, new: bytes, old_label: str, new_label: str) -> str:
    """A plain unified diff of two files' lines: what the git driver shows when a side does not check."""
    import difflib

    def lines(data: bytes) -> list[str]:
        return data.decode("utf-8", "replace").splitlines(keepends=True)

    out = "".join(difflib.unified_diff(lines(old), lines(new), old_label, new_label))
    return out if out.endswith("\n") or not out else out + "\n"


# -- comparing -----------------------------------------------------------------------------------
def _nodes(project: Project) -> dict:
    return {n.id: n for m in project.maps for n in m.nodes}


def _relations(project: Project, rename: dict[str, str] | None = None) -> dict[tuple[str, str, str], bool]:
    """``(source, kind, target)`` -> whether the link is marked inferred."""
    r = rename or {}
    out: dict[tuple[str, str, str], bool] = {}
    for m in project.maps:
        for n in m.nodes:
            for rel in n.relations:
                kind = rel.kind if rel.target_relation is None else f"{rel.kind} relation {_kinds(rel.target_relation)}"
                target = "->".join(r.get(x, x) for x in rel.target.split("->"))  # each id of an address renamed
                out[(r.get(rel.source, rel.source), kind, target)] = rel.inferred
            for p in n.premises:
                out[(r.get(p, p), "premise", r.get(n.id, n.id))] = False
    return out


def _value(node, name: str):
    v = getattr(node, name)
    if name == "wordings":  # each wording as one line: a change of its text, author, source or quote shows
        return [_wording_line(w) for w in v]
    return list(v) if isinstance(v, tuple) else v


def _wording_line(w) -> str:
    """A wording on one line: ``text [by, source] “quote”`` (what is absent left out)."""
    where = ", ".join(x for x in (w.by, w.source) if x)
    return " ".join(w.text.split()) + (f" [{where}]" if where else "") + (f" “{' '.join(w.quote.split())}”" if w.quote else "")


def diff(old: Project, new: Project, settings=None, old_label: str = "old", new_label: str = "new") -> Diff:
    """Compare two projects; verdicts from :func:`argmap.evaluation.evaluate` of each side under ``settings``."""
    from .evaluation import evaluate, name, verdict
    from .graph import build

    d = Diff(old_label=old_label, new_label=new_label)
    a, b = _nodes(old), _nodes(new)
    gone = sorted(set(a) - set(b))
    came = sorted(set(b) - set(a))
    rename: dict[str, str] = {}
    for o in gone:  # a rename: the same text in the same map under a new id
        match = [n for n in came if n not in rename.values() and b[n].map == a[o].map
                 and " ".join(b[n].text.split()) == " ".join(a[o].text.split())]
        if len(match) == 1:
            rename[o] = match[0]
    d.renamed = sorted(rename.items())
    d.removed = [o for o in gone if o not in rename]
    d.added = [n for n in came if n not in rename.values()]
    back = {v: k for k, v in rename.items()}
    for n in sorted(b):
        o = back.get(n, n)
        if o not in a:
            continue
        for f in REWORD_FIELDS:
            if _value(a[o], f) != _value(b[n], f):
                d.reworded.append(NodeChange(n, f, _value(a[o], f), _value(b[n], f)))
        for f in NODE_FIELDS:
            if _value(a[o], f) != _value(b[n], f):
                d.changed.append(NodeChange(n, f, _value(a[o], f), _value(b[n], f)))
    ra, rb = _relations(old, rename), _relations(new)
    gone_r, came_r = sorted(ra.keys() - rb.keys()), sorted(rb.keys() - ra.keys())
    d.relations_inferred = sorted((*key, rb[key]) for key in ra.keys() & rb.keys() if ra[key] != rb[key])
    for s, k, t in list(gone_r):  # retyped: the same pair, one kind for another
        other = [x for x in came_r if x[0] == s and x[2] == t]
        if len(other) == 1:
            gone_r.remove((s, k, t))
            came_r.remove(other[0])
            d.relations_retyped.append((s, k, other[0][1], t))
    d.relations_removed, d.relations_added = gone_r, came_r
    ma, mb = {m.name: m for m in old.maps}, {m.name: m for m in new.maps}
    d.maps_added, d.maps_removed = sorted(set(mb) - set(ma)), sorted(set(ma) - set(mb))
    for m in sorted(set(ma) & set(mb)):
        sa, sb = ma[m].sources, mb[m].sources
        for sid in sorted(set(sa) | set(sb)):
            if sid not in sa:
                d.sources.append((m, sid, "added", None, sb[sid].title or sb[sid].url))
            elif sid not in sb:
                d.sources.append((m, sid, "removed", sa[sid].title or sa[sid].url, None))
            else:
                for f in SOURCE_FIELDS:
                    if getattr(sa[sid], f) != getattr(sb[sid], f):
                        d.sources.append((m, sid, f, getattr(sa[sid], f), getattr(sb[sid], f)))

    Ga, Gb = build(old), build(new)
    ea, eb = evaluate(Ga, settings), evaluate(Gb, settings)
    fresh = set(d.added) | set(rename.values())
    for n in sorted(b):
        o = back.get(n, n)
        sa_, sb_ = ea.status.get(o), eb.status.get(n)
        ta, tb = ea.strength.get(o), eb.strength.get(n)
        moved = sa_ != sb_ and o in a
        if not moved and ta is not None and tb is not None and abs(ta - tb) >= STRENGTH_EPSILON:
            moved = True
        if not moved:
            continue
        why = eb.reasons.get(n) or ()
        d.verdicts.append(Verdict(
            n, sa_, sb_, ta, tb, verdict(Ga, ea, o), verdict(Gb, eb, n),
            tuple(x for x in why if x in fresh and x != n)))
    for m in sorted(set(ea.verdicts) & set(eb.verdicts)):
        if ea.verdicts[m].sentence != eb.verdicts[m].sentence:
            d.map_verdicts.append((m, ea.verdicts[m].sentence, eb.verdicts[m].sentence))
    for n in b:
        d.names[n] = name(Gb, n)
    for o in a:
        d.names.setdefault(o, name(Ga, o))
    d.removed_text = {o: (a[o].title or a[o].text, a[o].map) for o in d.removed}
    return d


# -- telling it ----------------------------------------------------------------------------------
_WORD = {"IN": "stands", "OUT": "falls", "UNDEC": "open", None: "not evaluated"}


def _wrap(line: str, width: int, indent: str = "  ") -> list[str]:
    return textwrap.wrap(line, width, initial_indent=indent, subsequent_indent=indent + "  ",
                         break_long_words=True, break_on_hyphens=False) or [indent]


def _short(v, limit: int = 70) -> str:
    if v is None:
        return "(none)"
    s = " ".join(str(v).split()) if not isinstance(v, list) else ", ".join(map(str, v)) or "(none)"
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _moved(v: Verdict, name: str) -> str:
    """``thesis “…” falls now (was stands): Bob's “…” goes unanswered (new in this edit: `x`)``."""
    word = _WORD[v.new_status]
    reason = v.new_reason
    if reason.startswith(word + ":") or reason.startswith(word + ","):
        reason = reason[len(word) + 1:].strip()
    elif reason == word:
        reason = ""
    line = f"{v.id} {name} {word} now (was {_WORD[v.old_status]})"
    if v.old_strength is not None and v.new_strength is not None:
        line += f", strength {v.old_strength:.2f} → {v.new_strength:.2f}"
    if reason:
        line += f": {reason}"
    if v.new_causes:
        line += f" (new in this edit: {', '.join(f'`{c}`' for c in v.new_causes)})"
    return line


def format_text(d: Diff, width: int = 100) -> str:
    """The diff as text, every line within ``width`` columns, nodes named by title or text."""
    out: list[str] = []

    def section(title: str, lines: list[str]) -> None:
        if not lines:
            return
        out.append(f"{title}:")
        for line in lines:
            out.extend(_wrap(line, width))

    nm = d.names.get
    out.append(f"argmap diff {d.old_label} → {d.new_label}")
    if d.empty:
        out.append("no change to the debate")
        return "\n".join(out) + "\n"
    section("Maps", [f"+ {m}" for m in d.maps_added] + [f"- {m}" for m in d.maps_removed])
    section("Verdicts that moved", [_moved(v, nm(v.id, "")) for v in d.verdicts])
    section("Map verdicts", [f"{m}: was “{o}” — now “{n}”" for m, o, n in d.map_verdicts])
    section("Nodes added", [f"+ {n} {nm(n, '')}" for n in d.added])
    section("Nodes removed", [f"- {n} {nm(n, '')}" for n in d.removed])
    section("Renamed (same text)", [f"{o} → {n} {nm(n, '')}" for o, n in d.renamed])
    section("Reworded", [f"{c.id} {c.field}: “{_short(c.old)}” → “{_short(c.new)}”" for c in d.reworded])
    section("Changed", [f"{c.id} {c.field}: {_short(c.old)} → {_short(c.new)}" for c in d.changed])
    section("Relations added", [f"+ {s} {k} {t}" for s, k, t in d.relations_added])
    section("Relations removed", [f"- {s} {k} {t}" for s, k, t in d.relations_removed])
    section("Relations retyped", [f"{s} {k} {t} → {s} {k2} {t}" for s, k, k2, t in d.relations_retyped])
    section("Relations marked inferred (made by the mapper, not an author) or no longer",
            [f"{s} {k} {t}: {'now inferred' if now else 'no longer inferred'}" for s, k, t, now in d.relations_inferred])
    section("Sources", [f"{m}/{sid} {f}" + ("" if f in ("added", "removed") else f": {_short(o)} → {_short(n)}")
                        for m, sid, f, o, n in d.sources])
    return "\n".join(out) + "\n"


def to_json(d: Diff) -> dict:
    """The diff as plain JSON data (for tools)."""
    data = asdict(d)
    data["renamed"] = [{"old": o, "new": n} for o, n in d.renamed]
    data["relations_added"] = [dict(zip(("source", "kind", "target"), r)) for r in d.relations_added]
    data["relations_removed"] = [dict(zip(("source", "kind", "target"), r)) for r in d.relations_removed]
    data["relations_retyped"] = [dict(zip(("source", "old_kind", "new_kind", "target"), r)) for r in d.relations_retyped]
    data["relations_inferred"] = [dict(zip(("source", "kind", "target", "inferred"), r)) for r in d.relations_inferred]
    data["sources"] = [dict(zip(("map", "source", "field", "old", "new"), r)) for r in d.sources]
    data["map_verdicts"] = [dict(zip(("map", "old", "new"), r)) for r in d.map_verdicts]
    data["removed_text"] = {k: {"text": t, "map": m} for k, (t, m) in d.removed_text.items()}
    data["changes"] = not d.empty
    return data


def marks(d: Diff):
    """What a drawing of the new side marks: see :class:`argmap.export.dot.Marks`."""
    from .export.dot import Marks

    return Marks(
        added=frozenset(d.added) | frozenset(n for _, n in d.renamed),
        reworded=frozenset(c.id for c in d.reworded) | frozenset(c.id for c in d.changed),
        rejudged=frozenset(v.id for v in d.verdicts),
        added_relations=frozenset((s, k, t) for s, k, t in d.relations_added)
        | frozenset((s, k2, t) for s, _, k2, t in d.relations_retyped),
        removed_nodes=tuple(sorted(d.removed_text.items())),
        removed_relations=tuple(d.relations_removed),
        title=f"changes {d.old_label} → {d.new_label}",
    )


def drawing(new, d: Diff, fmt: str = "svg", settings=None, view=None) -> bytes:
    """The new side (an :class:`~argmap.project.Opened`) drawn with the edit marked: ``svg`` or ``html``.

    The view is selected as ``render`` selects it (``view``: a :class:`~argmap.views.View`);
    removed nodes and relations come back as ghosts; the marks reach the DOT exporter as an
    argument, the graph is not written to.
    """
    import dataclasses
    import html as _html

    from .evaluation import evaluate
    from .export.dot import export as export_dot
    from .pipeline import View, select, whole_graph
    from .render import render
    from .settings import Settings

    if fmt not in ("svg", "html"):
        raise ArgmapError(f"argmap diff draws svg or html, not '{fmt}'")
    settings = settings or Settings()
    view = view or View()
    if view.map is None and new.single_map is not None:
        view = dataclasses.replace(view, map=new.single_map)
    G = whole_graph(new.project)
    ev = evaluate(G, settings)
    H = select(G, view)
    svg = render(export_dot(H, settings, ev, marks(d)), "svg", settings.engine)
    if fmt == "svg":
        return svg
    text = _html.escape(format_text(d))
    title = _html.escape(f"argmap diff {d.old_label} → {d.new_label}")
    page = (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            "<style>body{font-family:sans-serif;margin:1em auto;max-width:1100px}"
            "pre{white-space:pre-wrap;font-size:13px}svg{max-width:100%;height:auto}</style></head><body>\n"
            f"<h1>{title}</h1>\n<pre>{text}</pre>\n")
    from .svgfinish import body

    return page.encode("utf-8") + body(svg) + b"\n</body></html>\n"


# -- git: a diff driver and a textconv ---------------------------------------------------------
def _folder_with(folder: Path, name: str, data: bytes | None, into: Path) -> Path:
    """A copy of ``folder``'s maps in ``into`` with file ``name`` replaced by ``data`` (None: left out)."""
    import shutil

    if folder.is_dir():  # the folder's maps (subfolders included) and its argmap.toml
        shutil.copytree(folder, into, dirs_exist_ok=True,
                        ignore=lambda d, names: [n for n in names if not (Path(d, n).is_dir()
                                                 or n.endswith((".yaml", ".yml")) or n == "argmap.toml")])
    into.mkdir(parents=True, exist_ok=True)
    (into / name).unlink(missing_ok=True)
    if data is not None:
        (into / name).write_bytes(data)
    return into


def git_driver(path: str, old_file: str, new_file: str, settings=None, cwd: str | Path = ".") -> Diff:
    """What git's external diff driver shows for map ``path``: the argmap diff of its two blobs.

    Each blob is read in the context of its folder in the work tree (the other maps beside it),
    so verdicts that hang on links to other maps are judged as ``render`` judges them.
    """
    import dataclasses

    from .diagnostics import InvalidInputError
    from .project import open_checked

    folder = (Path(cwd) / path).parent
    name = Path(path).name
    sides = []
    with tempfile.TemporaryDirectory(prefix="argmap-gitdiff-") as tmp:
        for label, blob in (("a", old_file), ("b", new_file)):
            data = None if blob == "/dev/null" else Path(blob).read_bytes()
            where = _folder_with(folder, name, data, Path(tmp) / label)
            if data is None and not any(where.rglob("*.y*ml")):
                sides.append(Project())
                continue
            try:  # the map named, its neighbours as context (one that does not check is left out, on both sides)
                sides.append(open_checked([where / name] if data is not None else [where]).project)
            except InvalidInputError as exc:  # name the side's file as git does (a/PATH, b/PATH), not the copy
                prefix = str(where) + os.sep

                def named(d, side=label, prefix=prefix):
                    if d.loc is None or not str(d.loc.file).startswith(prefix):
                        return d
                    rel = str(d.loc.file)[len(prefix):]
                    shown = f"{side}/{path}" if rel == name else f"{folder / rel}"
                    return dataclasses.replace(d, loc=dataclasses.replace(d.loc, file=shown))

                raise InvalidInputError([named(d) for d in exc.diagnostics]) from None
    return diff(sides[0], sides[1], settings, old_label=f"a/{path}", new_label=f"b/{path}")


def textconv(file: str | Path) -> str:
    """A map file as lines ``git diff`` compares well: one per node (id, kind, who, title, text, quote),
    one per further wording and one per relation, in file order.  A file that does not load is given back as it is."""
    from .loader import load_file

    m, _ = load_file(file)
    if m is None:
        return Path(file).read_text(encoding="utf-8", errors="replace")
    out = [f"map {m.name}: {m.title or ''}".rstrip()]
    for sid, s in m.sources.items():
        out.append(f"source {sid}: {s.author or ''} — {s.title or ''} ({s.date or ''}) {s.url or ''}".rstrip())
    for n in m.nodes:
        who = n.held_by or n.by or "(nobody named)"
        out.append(f"{n.id} [{n.kind}, {who}{', ' + n.source if n.source else ''}]"
                   + (f" **{n.title}**" if n.title else "") + f" {' '.join(n.text.split())}")
        if n.quote:
            out.append(f"{n.id}   quote: “{' '.join(n.quote.split())}”")
        for w in n.wordings:
            out.append(f"{n.id}   wording: {_wording_line(w)}")
        for r in n.relations:
            out.append(f"{n.id}   {r.kind} {r.target}" + (f" (relation {_kinds(r.target_relation)})" if r.target_relation else "")
                       + (" (inferred)" if r.inferred else ""))
        for p in n.premises:
            out.append(f"{n.id}   premise {p}")
    return "\n".join(out) + "\n"


def _kinds(target_relation) -> str:
    """``relation:`` as written: a kind, or a list of kinds for a nested address."""
    return target_relation if isinstance(target_relation, str) else f"[{', '.join(target_relation)}]"
