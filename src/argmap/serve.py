"""``argmap serve``: a live preview of a folder's page, on this machine only.

The page is the one ``argmap html`` writes (:mod:`argmap.html`), in its live form
(:func:`argmap.html.live_block`).  :func:`argmap.watch.watch` looks at the files the
maps are read from and re-draws the page after every save; the server keeps the last
good page in memory and tells every open page through a Server-Sent-Events stream
(``/events``), and the page reloads itself, keeping what its reader was looking at.
A save with errors changes no page: the stream carries the errors, located as
``argmap check`` prints them, and the page shows them over its last good drawing.

Standard library only (:class:`http.server.ThreadingHTTPServer`).  The server binds
127.0.0.1, answers only requests addressed to 127.0.0.1 or localhost (a page elsewhere
cannot reach it by renaming itself: DNS rebinding), and has three routes of its own
(``/``, ``/events``, ``/status``); it never reads a file to answer a request, so no
address can reach the disk.

    >>> from argmap.serve import LiveServer
    >>> with LiveServer("arguments/", port=0) as server:     # doctest: +SKIP
    ...     print(server.url)                                # the page, re-drawn on every save
"""

from __future__ import annotations

import errno
import json
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable

from .diagnostics import ArgmapError
from .watch import BuildEvent, failed, watch

__all__ = ["LiveServer", "Preview", "State", "HOST", "DEFAULT_PORT"]

#: The only address the server listens on.
HOST = "127.0.0.1"
DEFAULT_PORT = 8000
#: Seconds between keep-alive comments on an idle event stream (a closed tab is noticed by then).
PING = 15.0


@dataclass(frozen=True)
class State:
    """What every open page is told: the current drawing's number (0: none yet) and the last save's errors."""

    version: int
    error: str | None

    def json(self) -> str:
        return json.dumps({"version": self.version, "error": self.error}, ensure_ascii=False)


class Preview:
    """The server's one shared state: the last good page, its version, the last save's errors.

    The watch thread writes it (:meth:`publish`, :meth:`fail`); request threads read it and
    wait on it (:meth:`wait`).  A page is published only when its bytes differ from the last.
    """

    def __init__(self, title: str):
        self._cond = threading.Condition()
        self._page: bytes | None = None
        self._template: str | None = None
        self._waiting = _waiting_page(title)
        self._state = State(0, None)
        self.closed = False

    @property
    def state(self) -> State:
        with self._cond:
            return self._state

    def page(self) -> bytes:
        """The page to serve: the last good drawing, else a page that waits for the first one."""
        with self._cond:
            return self._page if self._page is not None else self._waiting

    def publish(self, template: str) -> bool:
        """A good drawing (a live page with :data:`argmap.html.VERSION_MARK`); True if it is new."""
        from .html import with_version

        with self._cond:
            new = template != self._template
            if new:
                self._template = template
                version = self._state.version + 1
                self._page = with_version(template, version).encode("utf-8")
            else:
                version = self._state.version
            self._set(State(version, None))
            return new

    def fail(self, message: str) -> None:
        with self._cond:
            self._set(State(self._state.version, message))

    def _set(self, state: State) -> None:
        if state != self._state:
            self._state = state
            self._cond.notify_all()

    def wait(self, seen: State | None, timeout: float) -> State:
        """The state once it differs from ``seen``, or after ``timeout`` seconds, or on :meth:`close`."""
        with self._cond:
            self._cond.wait_for(lambda: self._state != seen or self.closed, timeout)
            return self._state

    def close(self) -> None:
        with self._cond:
            self.closed = True
            self._cond.notify_all()


def _waiting_page(title: str) -> bytes:
    from .html import waiting_html, with_version

    return with_version(waiting_html(title), 0).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    server_version = "argmap-serve"
    protocol_version = "HTTP/1.1"
    server: "_HTTPServer"

    def do_GET(self):  # noqa: N802 - http.server's naming
        self._answer(body=True)

    def do_HEAD(self):  # noqa: N802
        self._answer(body=False)

    def _answer(self, body: bool) -> None:
        if not self._local_host():
            return self._plain(HTTPStatus.FORBIDDEN, "argmap serve answers only to 127.0.0.1 and localhost\n", body)
        route = self.path.split("?", 1)[0]
        preview = self.server.preview
        if route == "/":
            return self._send(HTTPStatus.OK, "text/html; charset=utf-8", preview.page(), body)
        if route == "/status":
            return self._send(HTTPStatus.OK, "application/json", preview.state.json().encode("utf-8"), body)
        if route == "/events" and body:
            return self._events(preview)
        self._plain(HTTPStatus.NOT_FOUND, "not found: argmap serve has only / (the page), /events and /status\n", body)

    def _local_host(self) -> bool:
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]", 1)[0] + "]"
        return name in ("127.0.0.1", "localhost")

    def _plain(self, status: HTTPStatus, text: str, body: bool) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode("utf-8"), body)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self, preview: Preview) -> None:
        """The event stream: the state now, then each change, a comment every :data:`PING` seconds."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        seen = None
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while not preview.closed:
                state = preview.wait(seen, PING)
                if preview.closed:
                    break
                if state != seen:
                    self.wfile.write(b"event: state\ndata: " + state.json().encode("utf-8") + b"\n\n")
                    seen = state
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):  # the tab was closed or reloaded
            pass

    def log_message(self, format, *args):  # noqa: A002 - requests are not news; the builds are
        pass


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # an open event stream must never hold up Ctrl-C
    preview: Preview


class LiveServer:
    """``argmap serve``: binds at once (:class:`argmap.ArgmapError` when the port is taken), then
    :meth:`start` serves and watches in two threads until :meth:`stop`.

    ``flags`` are :func:`argmap.settings.load_settings` flags, laid over the folder's
    ``argmap.toml`` afresh at every drawing (so an edit of ``argmap.toml`` shows too).
    ``echo`` receives each :class:`~argmap.watch.BuildEvent`.
    """

    def __init__(self, path: str | Path, *, port: int = DEFAULT_PORT, parts: int | None = None, title: str | None = None,
                 flags: dict | None = None, interval: float = 0.2, debounce: float = 0.3,
                 echo: Callable[[BuildEvent], None] | None = None):
        from .html import DEFAULT_PARTS

        self.path = Path(path)
        self.folder = self.path if self.path.is_dir() else self.path.parent
        self.parts = DEFAULT_PARTS if parts is None else parts
        self.title = title
        self.flags = dict(flags or {})
        self.interval, self.debounce = interval, debounce
        self.echo = echo or (lambda event: None)
        self.preview = Preview(title or self.path.resolve().name)
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        try:
            self._http = _HTTPServer((HOST, port), _Handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ArgmapError(f"port {port} on {HOST} is in use (another server?); "
                                  f"hint: pick another with --port N, or --port 0 for any free one") from None
            if exc.errno == errno.EACCES:
                raise ArgmapError(f"port {port} on {HOST} needs more rights than this user has; "
                                  f"hint: use a port above 1023, or --port 0 for any free one") from None
            raise
        self._http.preview = self.preview

    @property
    def port(self) -> int:
        return self._http.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    def build(self) -> BuildEvent:
        """Draw the page once, publish it if it is new, or publish the errors and keep the last good page."""
        from .html import build_html
        from .settings import load_settings

        start = time.perf_counter()
        try:
            settings = load_settings(self.folder, **self.flags)
            page = build_html(self.path, settings, parts=self.parts, title=self.title, live=True)
        except (ArgmapError, OSError) as exc:
            event = failed(exc, "drawing")
            self.preview.fail(event.message)
            return event
        new = self.preview.publish(page)
        seconds = time.perf_counter() - start
        what = f"drew version {self.preview.state.version}" if new else "unchanged"
        return BuildEvent(True, f"{what} in {seconds:.2f} s", new)

    def start(self) -> "LiveServer":
        """Serve and watch, each in its own thread; the first drawing starts at once."""
        serving = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.2},
                                   name="argmap-serve-http", daemon=True)
        watching = threading.Thread(target=self._watch, name="argmap-serve-watch", daemon=True)
        self._threads = [serving, watching]
        for t in self._threads:
            t.start()
        return self

    def _watch(self) -> None:
        watch(self.path, None, "html", interval=self.interval, debounce=self.debounce, stop=self._stop,
              echo=self.echo, build=self.build)

    def serve_forever(self) -> None:
        """:meth:`start`, then wait until :meth:`stop` (or Ctrl-C, which the caller catches)."""
        if not self._threads:
            self.start()
        while not self._stop.is_set():
            # a sleep, not Event.wait: Ctrl-C's KeyboardInterrupt then lands outside any lock, where an
            # interrupted wait could leave the Event's lock taken and stop()'s set() waiting on it for ever
            time.sleep(0.2)

    def stop(self) -> None:
        """End the event streams, the watch and the server; free the port."""
        self._stop.set()
        self.preview.close()
        if self._threads:
            self._http.shutdown()
        self._http.server_close()
        serving, watching = self._threads or (None, None)
        if serving is not None:
            serving.join(timeout=10)
        if watching is not None:  # a drawing under way is dropped, not waited for: it writes no file
            watching.join(timeout=1)
        self._threads = []

    def __enter__(self) -> "LiveServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
