"""Command-line paths → a checked project: the one policy every command goes through.

- A FOLDER is every ``*.yaml`` / ``*.yml`` map under it (subfolders included).
- A FILE is *that map, read in the context of its folder*: the other maps of the
  same folder are loaded with it, so links into them resolve, but what is
  reported, listed and drawn concerns the file (a broken sibling is left out of
  the context with a warning, never reported as the file's own error).
- No path at all means ``./arguments``.

Discovery is defensive: paths are resolved first (the same file reached by two
paths, e.g. through a symlink, is read once), only regular files are read
(a FIFO, ``/dev/zero`` or a symlink to one is a located error, never a hang),
reads stop at the loader's size limit whatever ``stat`` claims, and an
unreadable subfolder is a warning, not a silent gap.

>>> opened = open_paths(["arguments/takeoff.yaml"])      # doctest: +SKIP
>>> opened.selected, len(opened.project.maps)           # doctest: +SKIP
(('takeoff',), 5)
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .diagnostics import ArgmapError, Diagnostic, InvalidInputError, has_errors
from .model import Location, Map, Project

__all__ = [
    "DEFAULT_FOLDER",
    "MAP_SUFFIXES",
    "CONFIG_NAME",
    "Opened",
    "discover",
    "open_paths",
    "open_checked",
    "watched_files",
    "ParsedMaps",
    "parsed_maps",
]

from .spec import DEFAULT_FOLDER  # noqa: E402  (its home is the format's vocabulary; re-exported here)
MAP_SUFFIXES = (".yaml", ".yml")
CONFIG_NAME = "argmap.toml"


@dataclass(frozen=True)
class Found:
    """One map file found: the path as the user will read it, and its identity on disk."""

    path: Path
    key: tuple[int, int]  # (st_dev, st_ino): the same file reached by two paths is one file
    named: bool  # the user asked about it (a folder's files, or a FILE argument)


@dataclass
class Opened:
    """A project opened from command-line paths.

    ``project`` holds every map read (named maps and their folders' context);
    ``selected`` names the maps the paths asked about (``None``: all of them);
    ``diagnostics`` are those that concern the selected maps; ``folder`` is where
    ``argmap.toml`` is looked up (the first path's folder).
    """

    project: Project
    diagnostics: list[Diagnostic]
    selected: tuple[str, ...] | None
    folder: Path
    files: tuple[Path, ...] = ()
    context_errors: int = 0

    @property
    def maps(self) -> tuple[Map, ...]:
        """The selected maps, in project order."""
        if self.selected is None:
            return self.project.maps
        return tuple(m for m in self.project.maps if m.name in self.selected)

    @property
    def single_map(self) -> str | None:
        """The map's name when exactly one map file was named (a FILE argument)."""
        return self.selected[0] if self.selected is not None and len(self.selected) == 1 else None

    def raise_for_errors(self) -> "Opened":
        if has_errors(self.diagnostics):
            raise InvalidInputError(self.diagnostics)
        return self


def _is(path: Path, test) -> bool:
    """``test(mode)`` of the path's ``stat`` (through symlinks); False when it cannot be stat-ed."""
    try:
        return test(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _error(code: str, message: str, path: Path | str, hint: str | None = None) -> Diagnostic:
    return Diagnostic.error(code, message, Location(str(path), 1, 1), hint)


def _regular(path: Path) -> tuple[os.stat_result | None, Diagnostic | None]:
    """``stat`` through symlinks; a located error for anything that is not a regular file."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None, _error("no-such-file", f"no such file or folder: {path}", path,
                            "give a map file (.yaml) or a folder of them")
    except OSError as exc:
        return None, _error("io", f"cannot read {path}: {exc.strerror or exc}", path)
    if stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode):
        return st, None
    what = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a special file"
    return None, _error("not-a-file", f"{path} is {what}, not a regular file", path,
                        "give a map file (.yaml) or a folder of them")


def _walk(folder: Path, diags: list[Diagnostic]) -> list[Path]:
    """Map files under ``folder`` (sorted), warning about subfolders that cannot be read."""

    def unreadable(exc: OSError) -> None:
        where = exc.filename or folder
        diags.append(Diagnostic.warning("unreadable", f"cannot read folder {where}: {exc.strerror or exc}; its maps are skipped",
                                        Location(str(where), 1, 1), "fix the folder's permissions or move it out"))

    found = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=unreadable, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))  # .git, .github...: not maps
        for name in filenames:
            if name.endswith(MAP_SUFFIXES) and not name.startswith("."):
                found.append(Path(dirpath) / name)
    return sorted(found)


def _siblings(folder: Path, diags: list[Diagnostic]) -> list[Path]:
    """The map files directly in ``folder`` (a file's context)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        diags.append(Diagnostic.warning("unreadable", f"cannot read folder {folder}: {exc.strerror or exc}; links into "
                                        "its other maps cannot resolve", Location(str(folder), 1, 1)))
        return []
    return [folder / n for n in names if n.endswith(MAP_SUFFIXES) and not n.startswith(".")]


def discover(paths: Iterable[str | Path]) -> tuple[list[Found], list[Diagnostic]]:
    """Every map file the paths name, plus the sibling maps of each named file.

    Each file appears once (identified by device and inode, after symlinks), as
    first reached; named files come before context files of the same identity.
    """
    diags: list[Diagnostic] = []
    named: list[Path] = []
    context: list[Path] = []
    for raw in paths:
        path = Path(raw)
        st, problem = _regular(path)
        if problem:
            diags.append(problem)
            continue
        if stat.S_ISDIR(st.st_mode):
            found = _walk(path, diags)
            if not found:
                diags.append(Diagnostic.warning("no-maps", f"no .yaml files in folder {path}", Location(str(path), 1, 1),
                                                "create one with `argmap new FOLDER/NAME`"))
            named.extend(found)
        else:
            named.append(path)
            context.extend(_siblings(path.parent, diags))
    out: dict[tuple[int, int], Found] = {}
    for path, is_named in [(p, True) for p in named] + [(p, False) for p in context]:
        st, problem = _regular(path)
        if problem:
            if is_named:
                diags.append(problem)
            continue
        key = (st.st_dev, st.st_ino)
        if key not in out:
            out[key] = Found(path, key, is_named)
    return list(out.values()), diags


class ParsedMaps:
    """The maps already parsed, by file and content: an unchanged file is not parsed again.

    A long-running process (``argmap watch``, a server of the page) reads a folder
    again after every save, and a person re-runs ``argmap render`` after editing one
    map of a folder: only the files whose bytes changed are parsed again.  A file's
    entry is its model and diagnostics, under its name as read, the map name its stem
    gives and a hash of its bytes (timestamps can be too coarse to tell two quick saves
    apart, so the bytes are always read).  Entries live in this process (the newest
    ``size``) and, unless ``disk`` is false, one per file in ``<cache_dir>/maps`` (see
    :func:`argmap.fsutil.cache_dir`), keyed also by the code that parses (argmap's
    loader, model and format modules, PyYAML), so a changed argmap never reads an
    entry an older one wrote; an unreadable entry is parsed again.  Entries are
    immutable (the model is frozen).  ``hits``, ``disk_hits`` and ``misses`` count the
    look-ups.  ``ARGMAP_NO_MAP_CACHE=1`` turns the disk off.
    """

    def __init__(self, size: int = 256, disk: bool | None = None):
        from collections import OrderedDict

        self.size = size
        self.disk = (os.environ.get("ARGMAP_NO_MAP_CACHE", "") in ("", "0")) if disk is None else disk
        self._items: OrderedDict = OrderedDict()
        self._code: bytes | None = None
        self.hits = self.disk_hits = self.misses = 0

    def load(self, data: bytes, file: str, default_map: str) -> tuple[Map | None, list[Diagnostic]]:
        """What :func:`argmap.loader.load_bytes` gives for these bytes, parsed once."""
        import hashlib

        digest = hashlib.blake2b(data, digest_size=20).digest()
        key = (file, default_map, digest)
        hit = self._items.get(key)
        if hit is not None:
            self.hits += 1
            self._items.move_to_end(key)
            return hit[0], list(hit[1])
        entry = self._entry(file, default_map) if self.disk else None
        found = _read_entry(entry, digest) if entry is not None else None
        if found is not None:
            self.disk_hits += 1
            loaded, diags = found
        else:
            from .loader import load_bytes

            self.misses += 1
            loaded, diags = load_bytes(data, file, default_map=default_map)
            diags = tuple(diags)
            if entry is not None:
                _write_entry(entry, digest, loaded, diags)
        for old in [k for k in self._items if k[0] == file]:  # one entry per file: its last content
            del self._items[old]
        self._items[key] = (loaded, tuple(diags))
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return loaded, list(diags)

    def _entry(self, file: str, default_map: str) -> Path | None:
        import hashlib

        from .fsutil import cache_dir

        if self._code is None:
            self._code = _parser_fingerprint()
        name = hashlib.blake2b(self._code + f"\0{os.path.abspath(file)}\0{file}\0{default_map}".encode("utf-8", "surrogatepass"),
                               digest_size=20).hexdigest()
        return cache_dir() / "maps" / f"{name}.pickle"

    def clear(self) -> None:
        self._items.clear()
        self.hits = self.disk_hits = self.misses = 0


def _parser_fingerprint() -> bytes:
    """What a parsed map depends on besides its bytes: the source of the modules that make it,
    argmap's version, Python's, and the installed PyYAML (by its files' size and time)."""
    import hashlib
    import importlib.util
    import sys

    from ._version import __version__

    h = hashlib.blake2b(f"{__version__}\0{sys.version}".encode(), digest_size=20)
    here = Path(__file__).parent
    for module in ("loader", "yamltext", "model", "spec", "diagnostics", "textsafe", "fsutil", "project"):
        h.update((here / f"{module}.py").read_bytes())
    spec = importlib.util.find_spec("yaml")
    for origin in [spec.origin] + sorted(str(p) for p in Path(spec.origin).parent.glob("_yaml*")) if spec and spec.origin else []:
        st = os.stat(origin)
        h.update(f"{origin}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.digest()


def _read_entry(entry: Path, digest: bytes):
    import pickle

    try:
        with open(entry, "rb") as fh:
            stored, loaded, diags = pickle.load(fh)
    except FileNotFoundError:
        return None
    except Exception:  # truncated, foreign or from another argmap: parse again (and overwrite it)
        return None
    return (loaded, diags) if stored == digest else None


def _write_entry(entry: Path, digest: bytes, loaded, diags) -> None:
    import pickle

    from .fsutil import WriteError, write_atomic

    try:
        write_atomic(entry, pickle.dumps((digest, loaded, diags), protocol=pickle.HIGHEST_PROTOCOL), replace_map=True)
    except (WriteError, OSError, pickle.PicklingError, RecursionError):  # an unwritable cache only costs time
        pass


#: the process's parsed maps (see :class:`ParsedMaps`)
parsed_maps = ParsedMaps()


def _load(found: Found) -> tuple[Map | None, list[Diagnostic]]:
    """:func:`argmap.loader.load_file`, through :data:`parsed_maps` (the bytes are read every time)."""
    from .fsutil import read_bytes

    data, problems = read_bytes(found.path, hint=_SPLIT_HINT)
    if data is None:
        return None, problems
    return parsed_maps.load(data, str(found.path), found.path.stem)


#: the too-large hint of :func:`argmap.loader.load_file` (loader.SPLIT_HINT; not imported: a map read
#: from the cache needs neither the loader nor PyYAML)
_SPLIT_HINT = "split the map into several files in one folder"


def _validate(maps: Sequence[Map], quotes) -> list[Diagnostic]:
    from .validate import validate

    project = Project(tuple(maps))
    diags = validate(project)
    if quotes is not None:
        from .quotes import check_quotes

        diags.extend(check_quotes(project, quotes))
    return diags


def open_paths(
    paths: Iterable[str | Path] = (), *, quotes: str | Path | None = None, default: str | Path | None = DEFAULT_FOLDER
) -> Opened:
    """Discover, load and check what ``paths`` name (``default`` when there are none).

    Never raises for bad input: problems are in :attr:`Opened.diagnostics`.
    """
    paths = [Path(p) for p in paths] or ([Path(default)] if default is not None else [])
    found, diags = discover(paths)
    loaded: list[tuple[Found, Map | None, list[Diagnostic]]] = [(f, *_load(f)) for f in found]
    named_files = {str(f.path) for f in found if f.named}
    for f, _, file_diags in loaded:
        if f.named:
            diags.extend(file_diags)
    own = [m for f, m, _ in loaded if m is not None and f.named]
    context = [m for f, m, d in loaded if m is not None and not f.named and not has_errors(d)]
    broken_context = sum(1 for f, m, d in loaded if not f.named and has_errors(d))
    maps = own + context
    checked = _validate(maps, quotes)
    # A sibling whose nodes clash with the named files (duplicate ids, its own dangling links) is
    # the sibling's problem: leave it out of the context and check again without it.
    bad = {d.loc.file for d in checked if d.is_error and d.loc and d.loc.file not in named_files}
    if bad:
        broken_context += len(bad)
        maps = own + [m for m in context if m.path not in bad]
        checked = _validate(maps, quotes)
    diags.extend(d for d in checked if d.loc is None or d.loc.file in named_files or not context)
    if broken_context:
        first = next((f.path for f in found if f.named), paths[0] if paths else Path("."))
        diags.append(Diagnostic.warning(
            "context",
            f"{broken_context} other map file{'s' * (broken_context != 1)} of this folder "
            f"{'have' if broken_context != 1 else 'has'} errors and {'were' if broken_context != 1 else 'was'} left out",
            Location(str(first), 1, 1),
            f"`argmap check {first.parent}` lists them",
        ))
    diags.sort(key=Diagnostic.sort_key)
    order = {str(f.path): i for i, (f, _, _) in enumerate(loaded)}
    maps.sort(key=lambda m: order.get(m.path, len(order)))
    project = Project(tuple(maps))
    selected = None
    if any(_is(p, stat.S_ISREG) for p in paths):
        names = [m.name for m in own]
        selected = tuple(dict.fromkeys(names))
    first = paths[0] if paths else Path(".")
    folder = first if _is(first, stat.S_ISDIR) else first.parent
    return Opened(project, diags, selected, folder, tuple(f.path for f in found), broken_context)


def open_checked(paths: Iterable[str | Path] = (), **kwargs) -> Opened:
    """:func:`open_paths`, raising :class:`InvalidInputError` when the selected maps have errors,
    and :class:`ArgmapError` when there is no map at all."""
    opened = open_paths(paths, **kwargs).raise_for_errors()
    if not opened.project.maps:
        where = ", ".join(str(p) for p in paths) or str(kwargs.get("default", DEFAULT_FOLDER))
        raise ArgmapError(f"no maps in {where}: add a .yaml map file (`argmap new {where}/NAME`)")
    if not any(m.nodes for m in opened.maps):
        names = ", ".join(m.path for m in opened.maps)
        raise ArgmapError(f"{names}: the map has no nodes yet; add one under `nodes:` (or `argmap add`)")
    return opened


def watched_files(paths: Iterable[str | Path] = (), default: str | Path | None = DEFAULT_FOLDER) -> list[Path]:
    """Every file whose change can change what ``paths`` draw: the maps read and each folder's ``argmap.toml``."""
    paths = [Path(p) for p in paths] or ([Path(default)] if default is not None else [])
    found, _ = discover(paths)
    files = [f.path for f in found]
    for p in paths:
        folder = p if _is(p, stat.S_ISDIR) else p.parent
        files.append(folder / CONFIG_NAME)
    return list(dict.fromkeys(files))
