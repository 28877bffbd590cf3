"""Re-draw a map every time its files are saved.

Polling (no extra dependency): every ``interval`` seconds the watched map files
are stat-ed; once they have changed and then stayed unchanged for ``debounce``
seconds (editors often save in several writes), the map is drawn again.  Input
with errors is reported and the last good output is kept; nothing stops the
loop but ``stop``, ``max_builds`` or Ctrl-C.

>>> import threading
>>> stop = threading.Event()
>>> # threading.Thread(target=watch, args=("arguments/", "maps/all.svg"), kwargs={"stop": stop}).start()
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .diagnostics import ArgmapError, InvalidInputError, format_diagnostics

__all__ = ["watch", "BuildEvent", "snapshot"]


@dataclass(frozen=True)
class BuildEvent:
    """One attempt to draw: whether it worked, and what was said about it."""

    ok: bool
    message: str
    changed: bool = False  # the output's bytes changed


def snapshot(path: str | Path) -> dict[str, tuple[int, int]]:
    """``{file: (mtime_ns, size)}`` for the map files under ``path`` (and its argmap config)."""
    path = Path(path)
    if path.is_dir():
        files = [p for p in path.rglob("*") if p.suffix in (".yaml", ".yml", ".toml")]
    else:
        files = [path, *(p for p in path.parent.glob("*.y*ml") if p.suffix in (".yaml", ".yml"))]
    out = {}
    for p in files:
        try:
            st = p.stat()
        except OSError:  # deleted between listing and stat: counts as a change next time
            continue
        out[str(p)] = (st.st_mtime_ns, st.st_size)
    return out


def build_once(path: str | Path, output: str | Path, fmt: str, settings=None) -> BuildEvent:
    """Draw ``path`` into ``output`` unless it has errors; never raises for bad input."""
    from .fsutil import write_atomic
    from .pipeline import render_path

    path, output = Path(path), Path(output)
    if settings is None:
        from .settings import load_config

        settings = load_config(path if path.is_dir() else path.parent)
    try:
        data, G = render_path(path, fmt, settings)
    except InvalidInputError as exc:
        errors = [d for d in exc.diagnostics if d.is_error]
        return BuildEvent(False, f"{format_diagnostics(errors)}\n{len(errors)} error(s); kept the last good {output}")
    except ArgmapError as exc:
        return BuildEvent(False, f"Error: {exc}; kept the last good {output}")
    changed = not output.is_file() or output.read_bytes() != data
    if changed:
        write_atomic(output, data)
    return BuildEvent(True, f"{'wrote' if changed else 'unchanged'} {output} ({G.number_of_nodes()} nodes)", changed)


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
) -> int:
    """Draw ``path`` into ``output`` now and after every save; returns the number of builds.

    ``fmt`` defaults to the output's suffix.  ``echo`` receives each
    :class:`BuildEvent`; ``max_builds`` and ``stop`` end the loop (for tests and
    embedding), otherwise it runs until interrupted.
    """
    fmt = fmt or Path(output).suffix.lstrip(".").lower() or "svg"
    echo = echo or (lambda event: print(event.message, flush=True))
    stop = stop or threading.Event()
    builds = 0

    def build() -> None:
        nonlocal builds
        builds += 1
        echo(build_once(path, output, fmt, settings))

    last = snapshot(path)
    build()
    pending_since: float | None = None
    while not stop.is_set() and (max_builds is None or builds < max_builds):
        stop.wait(interval)
        now = snapshot(path)
        if now != last:
            last = now
            pending_since = time.monotonic()  # wait until the files stop changing
            continue
        if pending_since is not None and time.monotonic() - pending_since >= debounce:
            pending_since = None
            build()
    return builds
