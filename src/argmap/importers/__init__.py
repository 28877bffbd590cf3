"""Importers: debates written with other tools → argmap maps (YAML, format v2).

One module per format, each with ``read(text, origin, ids) -> ImportedMap``,
``sniff(head) -> bool`` and its file ``SUFFIXES``; :data:`IMPORTERS` lists them.
:func:`import_files` is what ``argmap import`` calls::

    >>> texts, warnings = import_files(["debate.argdown"])       # doctest: +SKIP
    >>> texts["debate"].startswith("# Imported by `argmap import`")  # doctest: +SKIP
    True

Whatever argmap cannot carry is a warning located in the original file; a file
that cannot be read at all is an error, and then nothing is returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Iterable

from ..diagnostics import ArgmapError, Diagnostic, InvalidInputError
from ..model import Location
from ._common import IdMaker, ImportedMap, to_yaml

__all__ = ["IMPORTERS", "Importer", "import_to", "import_files", "read_file", "detect", "write_maps", "to_yaml", "ImportedMap"]


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

#: Largest file read (the biggest corpus file is ~0.3 MB).
MAX_IMPORT_BYTES = 32 * 1024 * 1024


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


def read_file(path: str | Path, fmt: str | None = None, ids: IdMaker | None = None) -> ImportedMap:
    """One file read into an :class:`ImportedMap`; :class:`ArgmapError` when it cannot be."""
    path = Path(path)
    name = str(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise _error("too-large", name, f"file is over the limit of {MAX_IMPORT_BYTES:,} bytes")
        data = path.read_bytes()
    except OSError as exc:
        raise _error("io", name, f"cannot read file: {exc.strerror or exc}") from None
    from ..loader import decode_utf8

    text, problem = decode_utf8(data, name)
    if problem is not None:
        raise _ReadError([problem])
    if fmt is None:
        fmt = detect(path, text[:4096])
        if fmt is None:
            raise _error("unknown-format", name, "cannot tell which format this file is in",
                         hint=f"name it with a known suffix or give --from {'|'.join(IMPORTERS)}")
    elif fmt not in IMPORTERS:
        raise ArgmapError(f"unknown import format '{fmt}'; use one of {', '.join(IMPORTERS)}")
    return IMPORTERS[fmt].load().read(text, name, ids or IdMaker())


def import_files(
    paths: Iterable[str | Path], fmt: str | None = None, taken: Iterable[str] = ()
) -> tuple[dict[str, str], list[Diagnostic]]:
    """Read every file; ``({map name: YAML text}, warnings)`` in the order given.

    ``fmt`` forces one format for every file (else the suffix and content decide);
    ``taken`` are ids already used in the folder the maps go to, which new ids avoid.
    Raises :class:`InvalidInputError` (every problem, each ``file:line:col``) when a
    file cannot be read, so that nothing is written from a half-read input.
    """
    ids = IdMaker(taken)
    texts: dict[str, str] = {}
    warnings: list[Diagnostic] = []
    errors: list[Diagnostic] = []
    for path in paths:
        try:
            m = read_file(path, fmt, ids)
        except InvalidInputError as exc:
            errors.extend(exc.diagnostics)
            continue
        if not m.nodes:  # a map with no nodes is no import: say so rather than write an empty file
            errors.append(Diagnostic.error(
                "nothing-to-import", f"found nothing to import in this file (read as {m.fmt})",
                Location(str(path), 1, 1), "check that it is the file you meant, or give --from with its format"))
            continue
        name, n = m.name, 1
        while name in texts:
            n += 1
            name = f"{m.name}-{n}"
        m.name = name
        texts[name] = to_yaml(m)
        warnings.extend(m.warnings)
    if errors:
        raise InvalidInputError(errors + warnings)
    return texts, warnings


def write_maps(texts: dict[str, str], out: str | Path) -> list[Path]:
    """Write the maps of :func:`import_files`: one ``.yaml`` file, or a folder of ``NAME.yaml``.

    Every file is written atomically; nothing is written when one would overwrite
    an existing file (the list of them is the error).
    """
    from ..fsutil import write_atomic

    out = Path(out)
    if out.suffix in (".yaml", ".yml"):
        if len(texts) != 1:
            raise ArgmapError(f"{len(texts)} maps cannot go into one file {out}; give a folder with -o")
        targets = {next(iter(texts)): out}
    else:
        targets = {name: out / f"{name}.yaml" for name in texts}
    existing = [str(p) for p in targets.values() if p.exists()]
    if existing:
        raise ArgmapError(f"will not overwrite {', '.join(existing)}; remove it or choose another output")
    for name, path in targets.items():
        write_atomic(path, texts[name])
    return list(targets.values())


def import_to(
    paths: Iterable[str | Path], out: str | Path, fmt: str | None = None
) -> tuple[list[Path], list[Diagnostic]]:
    """``argmap import FILE... -o OUT [--from FMT]`` in one call: read, avoid the ids already used in
    the folder the maps go to, write.  Returns the files written and the warnings."""
    out = Path(out)
    folder = out.parent if out.suffix in (".yaml", ".yml") else out
    texts, warnings = import_files(paths, fmt, taken_ids(folder))
    return write_maps(texts, out), warnings


def taken_ids(folder: str | Path) -> set[str]:
    """The node ids of the maps already in ``folder`` (maps that do not load are skipped)."""
    from ..project import open_paths

    folder = Path(folder)
    if not folder.is_dir():
        return set()
    return {n.id for m in open_paths([folder]).project.maps for n in m.nodes}


class _ReadError(InvalidInputError):
    pass


def _error(code: str, file: str, message: str, line: int = 1, col: int = 1, hint: str | None = None) -> InvalidInputError:
    return _ReadError([Diagnostic.error(code, message, Location(file, line, col), hint)])


def read_error(code: str, file: str, message: str, line: int = 1, col: int = 1, hint: str | None = None) -> InvalidInputError:
    """The error a reader raises when a file cannot be read at all (bad JSON, bad XML...)."""
    return _error(code, file, message, line, col, hint)
