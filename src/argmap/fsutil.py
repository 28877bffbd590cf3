"""Files are written whole or not at all, through symlinks, and edits never lose a concurrent change.

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
import re
import stat
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .diagnostics import ArgmapError

try:  # POSIX; elsewhere edits rely on expect= alone
    import fcntl
except ImportError:  # pragma: no cover - not on Linux or macOS
    fcntl = None  # type: ignore[assignment]

__all__ = ["write_atomic", "locked", "locked_folder", "is_map_file", "WriteError", "LOCK_TIMEOUT"]

#: Seconds to wait for another editor to finish with a file before giving up.
LOCK_TIMEOUT = 60.0


class WriteError(ArgmapError):
    """An output file could not be written; the old file, if any, is untouched."""


def write_atomic(path: str | Path, data: bytes | str, *, expect: bytes | None = None, exclusive: bool = False,
                 replace_map: bool = False, keep_links: bool = False) -> None:
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
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, (info.st_mode & 0o777) if info is not None else 0o644)
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
_NODES_KEY = re.compile(rb"(?m)^(?:\xef\xbb\xbf)?nodes[ \t]*:")


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
        while len(head) < MAP_SNIFF_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            head += chunk
            if _NODES_KEY.search(head):
                return True
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
