"""Importers: debates written with other tools → argmap maps (model objects, then YAML).

One module per format, each with ``read(text, origin, ids) -> Draft``,
``sniff(head) -> bool`` and its file ``SUFFIXES``; :data:`IMPORTERS` lists them.
:func:`read_file` reads a file with the one bounded reader
(:func:`argmap.fsutil.read_text`) and turns the draft into model objects
(:func:`~argmap.importers._common.finish`); the YAML is written by the one map
writer (:func:`argmap.fmt.map_text`).  :func:`import_to` is what ``argmap import`` calls::

    >>> written, warnings = import_to(["debate.argdown"], "arguments/")   # doctest: +SKIP
    >>> written                                                            # doctest: +SKIP
    [PosixPath('arguments/debate.yaml')]

Whatever argmap cannot carry is a warning located in the original file; a file
that cannot be read at all is an error, and then nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Iterable

from ..diagnostics import ArgmapError, Diagnostic, InvalidInputError
from ..fsutil import read_text
from ..model import Location, Map
from ..spec import MAP_SUFFIXES
from ._common import IdMaker, Imported, finish, map_name

__all__ = ["IMPORTERS", "Importer", "import_to", "import_files", "read_file", "detect", "is_single_output", "Imported", "read_string", "map_yaml"]


@dataclass(frozen=True)
class Importer:
    name: str
    module: str
    suffixes: tuple[str, ...]
    description: str

    def load(self):
        return import_module(f"{__name__}.{self.module}")


#: format name → importer (modules are imported only when used)
IMPORTERS: dict[str, Importer] = {
    "argdown": Importer("argdown", "argdown", (".argdown", ".ad"), "Argdown (statements, arguments with premise-conclusion structures)"),
    "kialo": Importer("kialo", "kialo", (".txt",), "Kialo plain-text export (Discussion Title: / 1.1. Pro:)"),
    "aif": Importer("aif", "aif", (".json",), "AIF-JSON (AIFdb corpora: I, RA, CA, MA, L nodes)"),
    "microtext": Importer("microtext", "microtext", (".xml",), "arg-microtext arggraph XML"),
}

def detect(path: str | Path, head: str) -> str | None:
    """The format of a file: its content where a reader recognises it, else its suffix."""
    suffix = Path(path).suffix.lower()
    by_suffix = [imp.name for imp in IMPORTERS.values() if suffix in imp.suffixes]
    for name in by_suffix:  # the suffix says, if the content agrees
        if IMPORTERS[name].load().sniff(head):
            return name
    for imp in IMPORTERS.values():
        if imp.name not in by_suffix and imp.load().sniff(head):
            return imp.name
    if suffix in _SURE_SUFFIXES:  # the suffix says; the reader will say precisely what is wrong
        return _SURE_SUFFIXES[suffix]
    return None


#: Suffixes that name one format whatever the content (any text is Argdown: a paragraph is a statement).
_SURE_SUFFIXES = {".argdown": "argdown", ".ad": "argdown", ".json": "aif", ".xml": "microtext"}


def read_file(path: str | Path, fmt: str | None = None, ids: IdMaker | None = None,
              context: Iterable[Map] = (), name: str | None = None, taken_names: Iterable[str] = ()) -> Imported:
    """One file read into an :class:`Imported` map; :class:`ArgmapError` when it cannot be.

    ``context``: the maps of the folder the map goes to (its ids are avoided, links into
    them kept); ``name``: the map's name, instead of the one the file suggests.
    """
    path = Path(path)
    name_ = str(path)
    text, problems = read_text(path, hint="import a smaller file")
    if text is None:
        raise _ReadError(problems)
    if fmt is None:
        fmt = detect(path, text[:4096])
        if fmt is None:
            raise _error("unknown-format", name_, "cannot tell which format this file is in",
                         hint=f"name it with a known suffix or give --from {'|'.join(IMPORTERS)}")
    return read_string(text, name_, fmt, ids, context, name, taken_names)


def read_string(text: str, origin: str, fmt: str, ids: IdMaker | None = None,
                context: Iterable[Map] = (), name: str | None = None, taken_names: Iterable[str] = ()) -> Imported:
    """``text`` (the content of the file ``origin``, in format ``fmt``) read into an :class:`Imported` map."""
    if fmt not in IMPORTERS:
        raise ArgmapError(f"unknown import format '{fmt}'; use one of {', '.join(IMPORTERS)}")
    ids = ids or IdMaker({n.id for m in context for n in m.nodes})
    try:
        draft = IMPORTERS[fmt].load().read(text, origin, ids)
    except RecursionError:  # a parser's own bound should have said so first; never a traceback
        raise _error("too-deep", origin, "the file is nested too deeply to read") from None
    return finish(draft, ids, context, name, taken_names)


def map_yaml(m: Imported) -> str:
    """The YAML text ``import`` writes for ``m``: a comment naming the original file, then the map
    as :func:`argmap.fmt.map_text` writes it."""
    from ..fmt import map_text

    origin = m.origin if m.origin.isprintable() else m.origin.encode("unicode_escape").decode("ascii")
    comments = [f"Imported by `argmap import` from {origin} ({m.fmt})."]
    if m.warnings:
        comments.append(f"{len(m.warnings)} thing(s) could not be carried over as they were; `argmap import` listed them.")
    return map_text(m.map, comments=comments)


def import_files(
    paths: Iterable[str | Path], fmt: str | None = None, taken: Iterable[str] = (), *,
    context: Iterable[Map] = (), name: str | None = None,
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Read every file; ``({map name: YAML text}, warnings)`` in the order given.

    ``fmt`` forces one format for every file (else the suffix and content decide);
    ``taken`` are ids already used (new ids avoid them); ``context`` the maps of the
    folder the maps go to (their ids are avoided, their map names too, links into them
    kept); ``name`` names the one map read.  Raises :class:`InvalidInputError` (every
    problem, each ``file:line:col``) when a file cannot be read, so that nothing is
    written from a half-read input.
    """
    maps, warnings = _read_all(paths, fmt, taken, context, name)
    return {m.map.name: map_yaml(m) for m in maps}, warnings


def _read_all(paths, fmt, taken, context, name) -> tuple[list[Imported], list[Diagnostic]]:
    context = list(context)
    ids = IdMaker(set(taken) | {n.id for m in context for n in m.nodes})
    names: set[str] = set()
    out: list[Imported] = []
    warnings: list[Diagnostic] = []
    errors: list[Diagnostic] = []
    for path in paths:
        try:
            m = read_file(path, fmt, ids, context, name, names)
        except InvalidInputError as exc:
            errors.extend(exc.diagnostics)
            continue
        if not m.map.nodes:  # a map with no nodes is no import: say so rather than write an empty file
            errors.append(Diagnostic.error(
                "nothing-to-import", f"found nothing to import in this file (read as {m.fmt})",
                Location(str(path), 1, 1), "check that it is the file you meant, or give --from with its format"))
            continue
        out.append(m)
        context.append(m.map)  # the next file of this run: its ids are taken
        names.add(m.map.name)  # and its name
        warnings.extend(m.warnings)
    if errors:
        raise InvalidInputError(errors + warnings)
    return out, warnings


def is_single_output(out: str | Path) -> bool:
    """Whether ``-o OUT`` names one map file (``.yaml``/``.yml``, in any case) rather than a folder."""
    return Path(out).suffix.lower() in MAP_SUFFIXES


def import_to(
    paths: Iterable[str | Path], out: str | Path, fmt: str | None = None, *, name: str | None = None, force: bool = False
) -> tuple[list[Path], list[Diagnostic]]:
    """``argmap import FILE... -o OUT`` in one call: read, check in the target folder, write.

    OUT is one map file (``.yaml``/``.yml``, any case: the map is named after it unless
    ``name`` says otherwise) or a folder (one ``NAME.yaml`` per map).  The maps are read in
    the context of the folder they go to (its ids and map names avoided, links into it
    kept), then each text is *loaded and checked there*, exactly as ``argmap check`` will;
    only then is anything written, each file created exclusively (a file, a symlink — even
    a dangling one — already at the output is an error unless ``force``, and a dangling
    symlink is never written through).  On any failure nothing is left written.
    Returns the files written and the warnings.
    """
    from ..fsutil import WriteError, read_text, write_atomic

    paths = list(paths)
    out = Path(out)
    single = is_single_output(out)
    if single and len(paths) != 1:
        raise ArgmapError(f"{len(paths)} maps cannot go into one file {out}; give a folder with -o")
    if name is not None and len(paths) != 1:
        raise ArgmapError("--map names one map: give one input file")
    folder = out.parent if single else out
    if single and name is None:
        name = map_name(out.stem)
    context, replaced = _context(folder, [out] if single else None, force)
    maps, warnings = _read_all(paths, fmt, (), context, name)
    targets = {m.map.name: (out if single else out / f"{m.map.name}.yaml") for m in maps}
    for target in targets.values():
        _check_target(target, force)
    texts = {m.map.name: map_yaml(m) for m in maps}
    _check_written(texts, targets, [m for m in context if Path(m.path) not in replaced])
    written: list[Path] = []

    def same(tmp: Path, expected: str) -> None:  # what reached the disk is what was checked
        back, problems = read_text(tmp)
        if back != expected:
            raise WriteError(f"{tmp} did not read back as written; nothing written")

    try:
        for map_id, target in targets.items():
            text = texts[map_id]
            write_atomic(target, text, exclusive=not force, replace_map=force, verify=lambda tmp, t=text: same(tmp, t))
            written.append(target)
    except BaseException:
        if not force:
            for p in written:  # created by this run (exclusively): removed, so nothing is half-imported
                try:
                    p.unlink()
                except OSError:
                    pass
        raise
    return written, warnings


def _context(folder: Path, replacing: list[Path] | None, force: bool) -> tuple[list[Map], set[Path]]:
    """The maps of ``folder`` that load cleanly, and (with ``force``) the files the import replaces."""
    from ..project import open_paths

    if not folder.is_dir():
        return [], set()
    opened = open_paths([folder])
    replaced = set()
    if force and replacing:
        replaced = {Path(m.path) for m in opened.project.maps if Path(m.path) in replacing}
    maps = [m for m in opened.project.maps if Path(m.path) not in replaced]
    return maps, replaced


def _check_target(target: Path, force: bool) -> None:
    import os

    if os.path.islink(target) and not os.path.exists(target):
        raise ArgmapError(f"{target} is a symlink to nothing ({os.readlink(target)}); nothing written, "
                          "remove it or choose another output")
    if os.path.lexists(target) and not force:
        raise ArgmapError(f"will not overwrite {target}; remove it, choose another output, or give --force")
    if os.path.isdir(target):
        raise ArgmapError(f"{target} is a folder; nothing written")


def _check_written(texts: dict[str, str], targets: dict[str, Path], context: list[Map]) -> None:
    """Load each text as the file it will be, among the folder's maps, and check them as `argmap check` does."""
    from ..loader import load_text
    from ..model import Project
    from ..validate import validate

    maps, problems = [], []
    for map_id, text in texts.items():
        m, diags = load_text(text, str(targets[map_id]), targets[map_id].stem)
        problems.extend(d for d in diags if d.is_error)
        if m is not None:
            maps.append(m)
    files = {str(p) for p in targets.values()}
    if not problems:
        problems = [d for d in validate(Project(tuple(context) + tuple(maps))) if d.is_error and d.loc and d.loc.file in files]
    if problems:
        first = problems[0]
        raise InvalidInputError([Diagnostic.error(
            "import-check", f"the imported map would not check clean, so nothing was written: {first}",
            Location(str(targets[next(iter(texts))]), 1, 1),
            "this is argmap's fault, not the file's: please report it with the input file")] + problems)


class _ReadError(InvalidInputError):
    pass


def _error(code: str, file: str, message: str, line: int = 1, col: int = 1, hint: str | None = None) -> InvalidInputError:
    return _ReadError([Diagnostic.error(code, message, Location(file, line, col), hint)])


def read_error(code: str, file: str, message: str, line: int = 1, col: int = 1, hint: str | None = None) -> InvalidInputError:
    """The error a reader raises when a file cannot be read at all (bad JSON, bad XML...)."""
    return _error(code, file, message, line, col, hint)
