"""Re-draw a map every time its files are saved.

Polling (no extra dependency): every ``interval`` seconds the files the map is
read from (see :func:`argmap.project.watched_files`: the map, its folder's other
maps, ``argmap.toml``) are looked at; once they have changed and then stayed
unchanged for ``debounce`` seconds (editors often save in several writes), the
map is drawn again.  A file's fingerprint holds its inode and change time (and,
while it is fresh, a hash of its content), so a file renamed over another with the
same size and modification time is seen; a file that turns into a FIFO or device
is looked at, never opened.

Nothing stops the loop but ``stop``, ``max_builds`` or Ctrl-C: input with errors,
a broken ``argmap.toml`` and an output that cannot be written (it became a
folder...) are reported, the last good output is kept, and the watch goes on.

The loop is :class:`Watcher` driven by a clock: tests call :meth:`Watcher.poll`
with the times they choose, so nothing depends on how fast the machine is.
"""

from __future__ import annotations

import stat
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .diagnostics import ArgmapError, InvalidInputError, format_diagnostics
from .report import counted

__all__ = ["watch", "Watcher", "BuildEvent", "snapshot", "build_once", "failed"]

Fingerprint = tuple


@dataclass(frozen=True)
class BuildEvent:
    """One attempt to draw: whether it worked, and what was said about it."""

    ok: bool
    message: str
    changed: bool = False  # the output's bytes changed


def _fingerprint(p: Path) -> Fingerprint | None:
    try:
        st = p.stat()
    except OSError:  # absent (or vanished between listing and stat): counts as a change when it comes back
        return None
    if not stat.S_ISREG(st.st_mode):
        return ("special", stat.S_IFMT(st.st_mode), st.st_ino)
    fp = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    if abs(time.time() - st.st_mtime) < RECENT:  # timestamps are coarse: two quick same-size saves
        fp += (_digest(p),)  # can share them, so a recent file is also compared by content
    return fp


#: Seconds within which a file's timestamps may not tell two saves apart.
RECENT = 2.0


def _digest(p: Path) -> str | None:
    import hashlib

    from .fsutil import read_bytes

    data, _ = read_bytes(p)
    return None if data is None else hashlib.sha256(data).hexdigest()


def snapshot(path: str | Path) -> dict[str, Fingerprint]:
    """``{file: fingerprint}`` for every file whose change can change what ``path`` draws.

    A fingerprint is ``(device, inode, size, mtime_ns, ctime_ns)`` for a regular
    file, plus a hash of its content when it was modified in the last :data:`RECENT`
    seconds; ``("special", type, inode)`` for anything else, which is never opened.
    """
    from .project import watched_files

    out = {}
    for p in watched_files([path]):
        fp = _fingerprint(p)
        if fp is not None:
            out[str(p)] = fp
    return out


def build_once(path: str | Path, output: str | Path, fmt: str, settings=None) -> BuildEvent:
    """Draw ``path`` into ``output`` unless something is wrong; never raises for bad input or config.

    ``settings=None`` reads the folder's ``argmap.toml`` afresh (its errors are reported like the map's).
    """
    from .fsutil import write_atomic
    from .pipeline import render_path

    path, output = Path(path), Path(output)
    try:
        if settings is None:
            from .settings import load_config

            settings = load_config(path if path.is_dir() else path.parent)
        data, G = render_path(path, fmt, settings)
        if output.is_dir():
            raise ArgmapError(f"{output} is a folder now; waiting for it to become writable again")
        changed = not output.is_file() or output.read_bytes() != data
        if changed:
            write_atomic(output, data)
    except (ArgmapError, OSError) as exc:
        return failed(exc, str(output))
    return BuildEvent(True, f"{'wrote' if changed else 'unchanged'} {output} ({counted(G.number_of_nodes(), 'node')})", changed)


def failed(exc: ArgmapError | OSError, kept: str) -> BuildEvent:
    """What a failed drawing says: the errors located as ``argmap check`` prints them (or one line),
    then that the last good ``kept`` stays."""
    if isinstance(exc, InvalidInputError):
        errors = [d for d in exc.diagnostics if d.is_error]
        return BuildEvent(False, f"{format_diagnostics(errors)}\n{len(errors)} error(s); kept the last good {kept}")
    if isinstance(exc, ArgmapError):
        return BuildEvent(False, f"Error: {exc}; kept the last good {kept}")
    where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
    return BuildEvent(False, f"Error: {where}{exc.strerror or exc}; kept the last good {kept}")


def same(a: dict | None, b: dict | None) -> bool:
    """Whether two snapshots show the same files: a file's content hash counts only when both have
    it, so a file that merely grows older than :data:`RECENT` (and loses its hash) is no change."""
    if a is None or b is None or a.keys() != b.keys():
        return a == b
    for key, x in a.items():
        y = b[key]
        if x != y and not (len(x) != len(y) and x[:5] == y[:5] and x[0] != "special"):
            return False
    return True


class Watcher:
    """The watch loop's state, advanced one look at a time.

    ``look`` returns the files' snapshot (default :func:`snapshot` of ``path``)
    and ``build`` draws (default :func:`build_once`); both can be replaced, and
    :meth:`poll` takes the current time, so the loop can be driven without a clock.
    """

    def __init__(self, path, output, fmt: str, settings=None, *, debounce: float = 0.3,
                 look: Callable[[], dict] | None = None, build: Callable[[], BuildEvent] | None = None):
        self.debounce = debounce
        self._look = look or (lambda: snapshot(path))
        self._build = build or (lambda: build_once(path, output, fmt, settings))
        self.last: dict | None = None
        self.pending_since: float | None = None
        self.builds = 0

    def start(self) -> BuildEvent:
        """Take the first snapshot and draw."""
        self.last = self._look()
        return self._draw()

    def poll(self, now: float) -> BuildEvent | None:
        """Look once at time ``now``; draw (and return what happened) when the files changed and then settled."""
        current = self._look()
        if not same(current, self.last):
            self.last = current
            self.pending_since = now  # wait until the files stop changing
            return None
        if self.pending_since is not None and now - self.pending_since >= self.debounce:
            self.pending_since = None
            return self._draw()
        return None

    def _draw(self) -> BuildEvent:
        self.builds += 1
        return self._build()


def watch(
    path: str | Path,
    output: str | Path,
    fmt: str | None = None,
    settings=None,
    *,
    interval: float = 0.2,
    debounce: float = 0.3,
    max_builds: int | None = None,
    stop: threading.Event | None = None,
    echo: Callable[[BuildEvent], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    build: Callable[[], BuildEvent] | None = None,
) -> int:
    """Draw ``path`` into ``output`` now and after every save; returns the number of builds.

    ``fmt`` defaults to the output's suffix.  ``echo`` receives each
    :class:`BuildEvent`; ``max_builds`` and ``stop`` end the loop (for tests and
    embedding), otherwise it runs until interrupted.  ``build`` replaces the drawing
    into ``output`` (``argmap serve`` keeps its page in memory); the files looked at
    are still those of ``path``.
    """
    if fmt is None and build is None:
        from .export import format_for_suffix

        fmt = format_for_suffix(output) or "svg"
    echo = echo or (lambda event: print(event.message, flush=True))
    stop = stop or threading.Event()
    watcher = Watcher(path, output, fmt, settings, debounce=debounce, build=build)
    echo(watcher.start())
    while not stop.is_set() and (max_builds is None or watcher.builds < max_builds):
        stop.wait(interval)
        event = watcher.poll(clock())
        if event is not None:
            echo(event)
    return watcher.builds
