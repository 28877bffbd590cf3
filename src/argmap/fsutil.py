"""Files are read within bounds, written whole or not at all, and edits never lose a concurrent change.

- :func:`read_text` is the one way argmap reads an input file (a map, an imported
  debate): regular files only (a FIFO or ``/dev/zero`` is refused at once, never a
  hang), at most :data:`MAX_FILE_BYTES` *read* (whatever ``stat`` claims), UTF-8
  decoded with the place of the first bad byte.  Problems are
  :class:`~argmap.diagnostics.Diagnostic` values, never exceptions.

- :func:`write_atomic` writes a temporary file beside the real target, then renames it
  over the target: readers see the old file or the new one, never half.  A symlink is
  written through (its target changes, the link stays a link), but never a *dangling*
  one (that would create a file wherever the link points); a character device, a
  FIFO or a socket (``/dev/stdout``, a pipe) is written to directly, never replaced.
  It refuses to replace a map (a YAML file with a top-level ``nodes:``) unless the
  caller is an editor of maps (``replace_map=True``): ``argmap schema -o map.yaml``
  or ``render -o map.yaml`` cannot destroy a debate.  ``keep_links=True`` (the
  editors) rewrites a file with several hard links in place, so every link sees
  the change (the editors hold the lock while they do; the rename would cut the links).
- :func:`locked_folder` holds an exclusive lock on a folder, for edits that check what
  the whole folder holds (``add`` picks an id unused in every file of the folder: two
  ``add`` into two files of one folder must take turns, or both pick the same id).
- :func:`locked` holds an exclusive lock on a file while it is read, changed and
  written back, so that two editors (``argmap add`` run twice at once) take turns
  instead of the second silently dropping the first one's change.  ``expect=`` on
  :func:`write_atomic` is the second line of defence, against writers that do not
  take the lock (a text editor): the write fails loudly if the file changed since it
  was read.
"""

from __future__ import annotations

import os
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .diagnostics import ArgmapError, Diagnostic
from .model import Location

try:  # POSIX; elsewhere edits rely on expect= alone
    import fcntl
except ImportError:  # pragma: no cover - not on Linux or macOS
    fcntl = None  # type: ignore[assignment]

__all__ = ["read_text", "read_bytes", "decode_utf8", "MAX_FILE_BYTES", "write_atomic", "locked", "locked_folder",
           "is_map_file", "WriteError", "LOCK_TIMEOUT", "cache_dir"]

#: Largest input file read (a map of 20,000 nodes is ~4 MB; the biggest corpus file ~0.3 MB).
MAX_FILE_BYTES = 32 * 1024 * 1024

#: Seconds to wait for another editor to finish with a file before giving up.
LOCK_TIMEOUT = 60.0


def cache_dir() -> Path:
    """Where argmap keeps what it can reuse between runs (the compiled WebAssembly Graphviz,
    parsed maps): ``$ARGMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/argmap``, else ``~/.cache/argmap``."""
    env = os.environ.get("ARGMAP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "argmap"


def _located(code: str, message: str, file: str, hint: str | None = None, line: int = 1, col: int = 1) -> Diagnostic:
    return Diagnostic.error(code, message, Location(file, line, col), hint)


def read_bytes(path: str | Path, *, limit: int | None = None,
               hint: str | None = "split it into several files") -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of the regular file ``path``, or ``(None, [a located error])``.

    The file is opened without blocking (a FIFO with no writer opens at once) and
    checked on the open descriptor (no swap between a check and the read); reading
    stops one chunk past ``limit`` (default :data:`MAX_FILE_BYTES`), so a file that
    lies about its size (``/proc``, a growing file, ``/dev/zero``) costs no more.
    ``hint`` goes with the too-large error.
    """
    name = str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        return None, [_located("io", "cannot read file: No such file or directory", name)]
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the name
        return None, [_located("io", f"cannot read file: {getattr(exc, 'strerror', None) or exc}", name)]
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = ("a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode)
                    else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
            return None, [_located("not-a-file", f"{name} is {what}, not a regular file", name, "give a regular file")]
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            size += len(chunk)
            if size > limit:
                return None, [_located("too-large", f"file is over the limit of {limit:,} bytes", name, hint)]
            chunks.append(chunk)
        return b"".join(chunks), []
    except OSError as exc:
        return None, [_located("io", f"cannot read file: {exc.strerror or exc}", name)]
    finally:
        os.close(fd)


def decode_utf8(data: bytes, file: str) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 bytes as text (a leading byte-order mark dropped), or the place they stop being UTF-8."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [_located("encoding", f"byte 0x{data[exc.start]:02x} is not valid UTF-8", file,
                               "save the file as UTF-8", line, col)]


def read_text(path: str | Path, *, limit: int | None = None,
              hint: str | None = "split it into several files") -> tuple[str | None, list[Diagnostic]]:
    """The text of the regular UTF-8 file ``path`` (see :func:`read_bytes`), or ``(None, [located error])``.

    >>> read_text("/dev/zero")[1][0].code
    'not-a-file'
    """
    data, problems = read_bytes(path, limit=limit, hint=hint)
    if data is None:
        return None, problems
    return decode_utf8(data, str(path))


class WriteError(ArgmapError):
    """An output file could not be written; the old file, if any, is untouched."""


def write_atomic(path: str | Path, data: bytes | str, *, expect: bytes | None = None, exclusive: bool = False,
                 replace_map: bool = False, keep_links: bool = False, verify: Callable[[Path], None] | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new one, never half.

    The temporary file is created in the folder of the real target (after following
    symlinks; a rename across file systems is not atomic), flushed to disk, then
    renamed over the target.  On any failure the temporary file is removed and the
    target is left as it was.  A path that is a character device, FIFO or socket is
    written to in place.

    ``expect``: the bytes the caller read from ``path``; if the file holds anything
    else just before the rename, nothing is written and :class:`WriteError` says so.
    ``exclusive``: fail if ``path`` already exists (checked atomically, by linking).
    ``replace_map``: allow replacing a map file (else :class:`WriteError`).
    ``keep_links``: a target with several hard links is rewritten in place, not replaced.
    ``verify``: called with the finished temporary file before it takes the target's
    place; whatever it raises leaves the target as it was (``argmap import`` reads the
    file back through :func:`read_text` there).
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if os.path.islink(path) and not os.path.exists(path):
        raise WriteError(f"cannot write {path}: it is a symlink to {os.readlink(path)}, which does not exist; "
                         "nothing written (writing through it would create a file wherever it points)")
    try:
        info = os.stat(path)  # follows symlinks
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    if exclusive and (info is not None or os.path.lexists(path)):
        raise WriteError(f"{path} already exists; nothing written")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise WriteError(f"cannot write {path}: it is a folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(path, data)  # /dev/stdout, a terminal, a pipe: no rename
        return
    target = Path(os.path.realpath(path))  # write through symlinks (never a dangling one, see above)
    if info is not None and not replace_map and not exclusive and is_map_file(target):
        raise WriteError(f"{path} is an argmap map (it has `nodes:`); nothing written: write this output to "
                         "another file, or delete the map first if you mean to replace it")
    if info is not None and keep_links and info.st_nlink > 1 and not exclusive:
        _rewrite_linked(path, target, data, expect)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # here: reading argmap's cache (cache_dir) should not pay for it

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, (info.st_mode & 0o777) if info is not None else 0o644)
        if verify is not None:
            verify(Path(tmp))
        if expect is not None:
            current = _read_or_none(target)
            if current != expect:
                raise WriteError(
                    f"{path} changed while it was being edited (by another program); nothing written, try again"
                )
        if exclusive:
            try:
                os.link(tmp, target)  # fails if the target appeared meanwhile
            except FileExistsError:
                raise WriteError(f"{path} already exists; nothing written") from None
            except OSError:  # a file system without hard links
                if os.path.lexists(target):
                    raise WriteError(f"{path} already exists; nothing written") from None
                os.replace(tmp, target)
            else:
                os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
        raise


#: How much of an existing file :func:`is_map_file` reads to find `nodes:`.
MAP_SNIFF_BYTES = 8 << 20
_BOM = b"\xef\xbb\xbf"


def _nodes_key(buf: bytes, start: int) -> bool:
    r"""Whether a line of ``buf`` from offset ``start`` (a line start) begins ``nodes:`` (spaces or tabs
    before the colon allowed; a byte-order mark before the first line).

    ``bytes.find`` instead of a multi-line regular expression: an 8 MB drawing is sniffed in well under
    a millisecond instead of tens of them (every ``build`` and ``watch`` redraw sniffs its output).

    >>> _nodes_key(b"map: m\nnodes :\n", 0), _nodes_key(b"x: 'nodes:'", 0), _nodes_key(_BOM + b"nodes:", 0)
    (True, False, True)
    """
    i = buf.find(b"nodes", start)
    while i != -1:
        if i == 0 or buf[i - 1] == 0x0A or (i == len(_BOM) and buf.startswith(_BOM)):
            j = i + 5
            while j < len(buf) and buf[j] in (0x20, 0x09):
                j += 1
            if j < len(buf) and buf[j] == 0x3A:
                return True
        i = buf.find(b"nodes", i + 1)
    return False


def is_map_file(path: str | Path) -> bool:
    """Whether ``path`` is a regular file that reads as an argmap map (a line starting ``nodes:``)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        head = b""
        line = 0  # the start of the last (perhaps unfinished) line read: earlier lines are decided
        while len(head) < MAP_SNIFF_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            head += chunk
            if _nodes_key(head, line):
                return True
            line = head.rfind(b"\n") + 1
        return False
    finally:
        os.close(fd)


def _rewrite_linked(path: Path, target: Path, data: bytes, expect: bytes | None) -> None:
    """Rewrite a file with several hard links in its place: every link sees the new text.

    Not atomic for readers (the caller holds the editors' lock); the new bytes are
    written over the old, the file cut to their length and flushed to disk.
    """
    try:
        with open(target, "r+b") as fh:
            if expect is not None and fh.read() != expect:
                raise WriteError(f"{path} changed while it was being edited (by another program); nothing written, try again")
            fh.seek(0)
            fh.write(data)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None


def _write_in_place(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as fh:
            fh.write(data)
            fh.flush()
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WriteError(f"cannot read {path} again before writing it: {exc.strerror or exc}") from None


@contextmanager
def locked_folder(folder: str | Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the folder ``folder`` (its real path) for the ``with`` block.

    For edits whose check spans the folder (ids unique across its files): ``add`` holds
    it from reading the folder to writing its file, so concurrent additions to two files
    of one folder take turns and each sees the other's ids.  The lock is ``flock`` on the
    folder itself (nothing is created in it); it is released if the process dies.
    """
    real = os.path.realpath(folder)
    if fcntl is None:  # pragma: no cover
        yield
        return
    try:
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise WriteError(f"cannot open folder {folder} to edit its maps: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteError(f"the maps in {folder} are being edited by another process; gave up waiting, "
                                     "nothing written") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.1)
        yield
    finally:
        os.close(fd)


@contextmanager
def locked(path: str | Path, timeout: float | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` (its real target) for the ``with`` block.

    Every argmap editor (``add``, ``fmt``) reads, changes and writes a map inside
    this block, so concurrent edits take turns and each sees the others' changes.
    The lock is taken on the file itself (``flock``), so nothing is left beside it;
    since a write replaces the file, a lock won on a file that has meanwhile been
    replaced is dropped and taken again on the new one.  Raises :class:`WriteError`
    after ``timeout`` seconds (default :data:`LOCK_TIMEOUT`).  Files that are not
    regular files, and systems without ``fcntl``, are not locked.
    """
    real = Path(os.path.realpath(path))
    if fcntl is None:  # pragma: no cover
        yield
        return
    deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
    delay = 0.005
    while True:
        try:
            fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        except OSError as exc:
            raise WriteError(f"cannot open {path} to edit it: {exc.strerror or exc}") from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                break  # nothing to lock; the caller's own checks decide
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pass
            else:
                try:
                    if os.path.samestat(os.fstat(fd), os.stat(real)):
                        break  # locked, and still the file at that path
                except FileNotFoundError:
                    pass
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        if time.monotonic() > deadline:
            raise WriteError(f"{path} is being edited by another process; gave up waiting, nothing written")
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
    try:
        yield
    finally:
        os.close(fd)
