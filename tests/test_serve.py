"""`argmap serve`: the live page on 127.0.0.1, re-drawn after real saves on disk, in a real Chromium.

Every server here listens on 127.0.0.1 port 0 (a free port), so tests run side by side."""

from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from argmap.diagnostics import ArgmapError
from argmap.serve import LiveServer

ROOT = Path(__file__).resolve().parents[1]


def wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def get(server: LiveServer, path: str, host: str | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.putrequest("GET", path, skip_host=host is not None)
    if host is not None:
        conn.putheader("Host", host)
    conn.endheaders()
    r = conn.getresponse()
    try:
        return r.status, r.read()
    finally:
        conn.close()


def status(server: LiveServer) -> dict:
    return json.loads(get(server, "/status")[1])


@pytest.fixture
def served(small_map):
    with LiveServer(small_map, port=0, interval=0.05, debounce=0.1) as server:
        wait_for(lambda: status(server)["version"] == 1)
        yield server


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_only_its_own_routes_and_only_for_localhost(served):
    code, page = get(served, "/")
    assert code == 200 and b'id="argmap-live"' in page and b"connect-src 'self'" in page
    for path in ("/debate.yaml", "/../debate.yaml", "/%2e%2e/etc/passwd", "//etc/passwd", "/events/../debate.yaml"):
        code, body = get(served, path)
        assert code == 404 and b"Should we ship" not in body
    assert get(served, "/", host="attacker.example:80")[0] == 403  # DNS rebinding
    assert get(served, "/", host=f"localhost:{served.port}")[0] == 200


def test_bad_save_keeps_the_last_good_page_and_says_where(served, small_map):
    good = get(served, "/")[1]
    src = small_map / "debate.yaml"
    text = src.read_text(encoding="utf-8")
    save(src, text.replace("supports: [ship-it]", "suports: [ship-it]", 1))
    s = wait_for(lambda: (lambda s: s if s["error"] else None)(status(served)))
    line = text.splitlines().index(next(x for x in text.splitlines() if "supports: [ship-it]" in x)) + 1
    assert f"debate.yaml:{line}:" in s["error"] and "suports" in s["error"] and "kept the last good drawing" in s["error"]
    assert s["version"] == 1 and get(served, "/")[1] == good
    save(src, text.replace("Every test passes", "Every single test passes"))
    s = wait_for(lambda: (lambda s: s if s["version"] == 2 else None)(status(served)))
    assert s["error"] is None and b"Every single test passes" in get(served, "/")[1]


def test_a_taken_port_is_one_line_with_a_hint(served, small_map):
    with pytest.raises(ArgmapError, match=r"port \d+ on 127.0.0.1 is in use.*--port 0"):
        LiveServer(small_map, port=served.port)


@pytest.mark.slow
def test_cli_prints_the_url_and_stops_cleanly_on_ctrl_c(small_map):
    # PYTHONFAULTHANDLER: should it ever hang, SIGABRT makes it print where each thread is
    proc = subprocess.Popen([sys.executable, "-m", "argmap.cli", "serve", str(small_map), "--port", "0"],
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"})
    lines: queue.Queue = queue.Queue()  # stderr is read all along, so a full pipe can never block the server
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stderr], daemon=True)
    reader.start()
    said: list[str] = []

    def next_line() -> str:
        said.append(lines.get(timeout=60))
        return said[-1]

    try:
        first = next_line()
        assert first.startswith(f"serving {small_map} at http://127.0.0.1:")
        port = int(first.split("127.0.0.1:")[1].split("/")[0])
        assert "drew version 1" in next_line()
        with socket.create_connection(("127.0.0.1", port)) as sock:  # an open event stream must not hold it up
            sock.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            got = b""
            while b"event: state" not in got:
                got += sock.recv(4096)
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.send_signal(signal.SIGABRT)
                proc.wait(timeout=10)
                reader.join(timeout=5)
                said.extend(lines.queue)
                pytest.fail("serve did not stop within 10 s of Ctrl-C; where it was:\n" + "".join(said)[-6000:])
            assert proc.returncode == 0, "".join(said)
        reader.join(timeout=5)
        said.extend(lines.queue)
        assert "".join(said).strip().endswith("stopped."), "".join(said)
        with socket.socket() as again:  # the port is free again once stopped (as a new server binds it)
            again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            again.bind(("127.0.0.1", port))
    finally:
        if proc.poll() is None:
            proc.kill()


def test_live_page_follows_saves_in_the_browser(browser, small_map, tmp_path):
    """Edit, break, fix on disk; the open page changes by itself and keeps the selected box and zoom."""
    src = small_map / "debate.yaml"
    text = src.read_text(encoding="utf-8")
    shots = Path(os.environ.get("ARGMAP_SHOTS", tmp_path))
    with LiveServer(small_map, port=0, interval=0.05, debounce=0.1) as server:
        wait_for(lambda: status(server)["version"] == 1)
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server.url + "#tests-pass")
        page.wait_for_selector("html[data-argmap-ready]")
        page.focus("#am-canvas")
        page.keyboard.press("+")  # zoom in
        before = page.evaluate("window.argmapPage.state()")
        assert before["selected"] == "tests-pass"
        page.evaluate("window.__sameDocument = true")

        # an edit: a new box appears without a manual reload; the selection and the zoom stay
        save(src, text.replace("  - id: tests-prove-quality\n",
                               "  - id: release-notes-ready\n    text: The release notes are written.\n"
                               "    by: Ann Author\n    supports: [ship-it]\n  - id: tests-prove-quality\n", 1))
        page.wait_for_selector("g.node[data-id='release-notes-ready']", timeout=20000)
        page.wait_for_selector("html[data-argmap-ready]")
        assert page.evaluate("window.__sameDocument") is None  # it did reload, by itself
        after = page.evaluate("window.argmapPage.state()")
        assert after["selected"] == "tests-pass" and after["view"] == before["view"]
        assert after["box"] == pytest.approx(before["box"])
        assert page.is_visible("#am-panel") and page.is_hidden("#am-live-error")
        page.screenshot(path=str(shots / "serve-edit.png"))

        # a bad save: the located error on the page, the last good drawing stays
        save(src, src.read_text(encoding="utf-8").replace("    supports: [ship-it]\n  - id: tests-prove-quality",
                                                           "    supports: [ship-itt]\n  - id: tests-prove-quality", 1))
        page.wait_for_selector("#am-live-error:not([hidden])", timeout=20000)
        shown = page.inner_text("#am-live-error")
        assert "debate.yaml:" in shown and "ship-itt" in shown and "did you mean" in shown
        assert page.query_selector("g.node[data-id='release-notes-ready']") is not None
        page.screenshot(path=str(shots / "serve-error.png"))

        # fixed: the error goes
        save(src, src.read_text(encoding="utf-8").replace("[ship-itt]", "[ship-it]"))
        page.wait_for_selector("#am-live-error", state="hidden", timeout=20000)
        assert page.query_selector("g.node[data-id='release-notes-ready']") is not None
        assert not errors
        page.close()
