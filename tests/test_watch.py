"""`argmap watch`: real edits on disk re-draw the output; bad edits keep the last good one."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from argmap.watch import BuildEvent, watch

MAP = "map: w\nnodes:\n  - id: first\n    text: {text}\n"


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_watch_rebuilds_on_save_and_keeps_last_good(tmp_path):
    src = tmp_path / "w.yaml"
    src.write_text(MAP.format(text="Version one."))
    out = tmp_path / "out" / "w.json"
    events: list[BuildEvent] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch, args=(src, out, "json"),
        kwargs=dict(interval=0.02, debounce=0.05, stop=stop, echo=events.append), daemon=True,
    )
    thread.start()
    try:
        assert wait_for(lambda: out.exists() and b"Version one." in out.read_bytes())
        src.write_text(MAP.format(text="Version two, longer."))
        assert wait_for(lambda: b"Version two" in out.read_bytes())
        good = out.read_bytes()
        n = len(events)
        src.write_text("map: w\nnodes:\n  - id: first\n    txt: Broken\n")  # unknown key, no text
        assert wait_for(lambda: len(events) > n)
        assert not events[-1].ok and "unknown key 'txt'" in events[-1].message
        assert "kept the last good" in events[-1].message
        assert out.read_bytes() == good
        src.write_text(MAP.format(text="Version three, fixed."))
        assert wait_for(lambda: b"Version three" in out.read_bytes())
        assert events[-1].ok and events[-1].changed
    finally:
        stop.set()
        thread.join(5)
    assert not thread.is_alive()


def test_watch_debounces_a_burst_of_saves(tmp_path):
    src = tmp_path / "w.yaml"
    src.write_text(MAP.format(text="Start."))
    out = tmp_path / "w.json"
    events: list[BuildEvent] = []
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(src, out, "json"),
                              kwargs=dict(interval=0.02, debounce=1.0, stop=stop, echo=events.append), daemon=True)
    thread.start()
    try:
        assert wait_for(lambda: len(events) == 1)
        for i in range(5):  # five saves 0.05 s apart: one build after they stop
            src.write_text(MAP.format(text=f"Save {i}{'.' * i}"))
            time.sleep(0.05)
        assert wait_for(lambda: b"Save 4" in out.read_bytes())
        time.sleep(0.2)
        assert len(events) == 2
    finally:
        stop.set()
        thread.join(5)


def test_watch_command_in_a_subprocess(tmp_path):
    src = tmp_path / "w.yaml"
    src.write_text(MAP.format(text="Before the edit."))
    out = tmp_path / "w.json"
    exe = Path(sys.executable).with_name("argmap")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "argmap.cli"]
    proc = subprocess.Popen(cmd + ["watch", str(src), "-o", str(out), "--interval", "0.05", "--debounce", "0.05",
                                   "--max-builds", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: out.exists() and b"Before the edit" in out.read_bytes(), timeout=20)
        src.write_text(MAP.format(text="After the edit."))
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert b"After the edit" in out.read_bytes()
    assert f"watching {src}" in err and err.count("wrote") == 2
