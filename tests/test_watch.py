"""`argmap watch`: real edits on disk re-draw the output; bad edits keep the last good one."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from argmap.watch import BuildEvent, Watcher, watch

pytestmark = pytest.mark.slow  # see CONTRIBUTING.md: left out by `make quick`

MAP = "map: w\nnodes:\n  - id: first\n    text: {text}\n"


def wait_for(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return False


def test_watch_rebuilds_on_save_and_keeps_last_good(tmp_path):
    """Driven by explicit times: no sleeps, no dependence on the machine's speed."""
    src = tmp_path / "w.yaml"
    src.write_text(MAP.format(text="Version one."))
    out = tmp_path / "w.json"
    w = Watcher(src, out, "json", debounce=0.3)
    assert w.start().ok and b"Version one." in out.read_bytes()
    src.write_text(MAP.format(text="Version two, longer."))
    assert w.poll(10.0) is None  # a change: wait for the files to settle
    assert w.poll(10.1) is None  # settled for 0.1 s only
    event = w.poll(10.3)
    assert event.ok and event.changed and b"Version two" in out.read_bytes()
    good = out.read_bytes()
    src.write_text("map: w\nnodes:\n  - id: first\n    txt: Broken\n")  # unknown key, no text
    assert w.poll(11.0) is None
    event = w.poll(11.5)
    assert not event.ok and "unknown key 'txt'" in event.message and "kept the last good" in event.message
    assert out.read_bytes() == good
    src.write_text(MAP.format(text="Version three, fixed."))
    assert w.poll(12.0) is None
    event = w.poll(12.3)
    assert event.ok and event.changed and b"Version three" in out.read_bytes()
    assert w.poll(13.0) is None and w.builds == 4  # nothing changed: nothing drawn


def test_watch_debounces_a_burst_of_saves(tmp_path):
    src = tmp_path / "w.yaml"
    src.write_text(MAP.format(text="Start."))
    out = tmp_path / "w.json"
    w = Watcher(src, out, "json", debounce=1.0)
    w.start()
    for i in range(5):  # five saves 0.5 s apart: each restarts the wait
        src.write_text(MAP.format(text=f"Save {i}{'.' * i}"))
        assert w.poll(i * 0.5) is None
    assert w.poll(2.9) is None  # 0.9 s after the last save
    assert w.poll(3.0).ok and b"Save 4" in out.read_bytes()
    assert w.builds == 2


def test_watch_loop_with_an_injected_clock_stops_after_max_builds(tmp_path):
    src = tmp_path / "w.yaml"
    src.write_text(MAP.format(text="Start."))
    out = tmp_path / "w.json"
    ticks = iter(range(1000))
    events: list[BuildEvent] = []

    def clock():  # each look is one second later; the first one also saves the file
        t = next(ticks)
        if t == 0:
            src.write_text(MAP.format(text="Saved once."))
        return float(t)

    assert watch(src, out, "json", interval=0.001, debounce=1.5, max_builds=2, echo=events.append, clock=clock) == 2
    assert [e.ok for e in events] == [True, True] and b"Saved once." in out.read_bytes()


def _started(tmp_path, text="Fine.", out_name="w.json", fmt="json"):
    """A map, and a Watcher that has drawn it once (no debounce: a change is drawn at the next quiet look)."""
    src = tmp_path / "w.yaml"
    src.write_text(MAP.format(text=text))
    out = tmp_path / out_name
    w = Watcher(src, out, fmt, debounce=0)
    assert w.start().ok
    return src, out, w


def _changed_then_drawn(w, now):
    assert w.poll(now) is None  # the change is seen
    return w.poll(now)  # and drawn once the files are quiet


def test_rename_over_with_same_size_and_mtime_is_seen(tmp_path):
    src, out, w = _started(tmp_path, "Version AAA.")
    before = src.stat()
    tmp = tmp_path / "w.yaml.new"
    tmp.write_text(MAP.format(text="Version BBB."))  # same size
    os.utime(tmp, ns=(before.st_atime_ns, before.st_mtime_ns))  # same modification time
    os.replace(tmp, src)
    assert src.stat().st_size == before.st_size and src.stat().st_mtime_ns == before.st_mtime_ns
    assert _changed_then_drawn(w, 1.0).ok and b"Version BBB." in out.read_bytes()


def _in_thread(fn, timeout=120):  # a hang guard, not a speed limit
    result = []
    t = threading.Thread(target=lambda: result.append(fn()), daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "blocked"
    return result[0]


def test_a_map_that_becomes_a_fifo_is_reported_not_waited_on(tmp_path):
    src, out, w = _started(tmp_path)
    good = out.read_bytes()
    src.unlink()
    os.mkfifo(src)
    assert _in_thread(lambda: w.poll(1.0)) is None
    event = _in_thread(lambda: w.poll(1.0))
    assert not event.ok and "not a regular file" in event.message and out.read_bytes() == good


def test_an_output_that_becomes_a_folder_is_reported_and_the_watch_goes_on(tmp_path):
    src, out, w = _started(tmp_path)
    out.unlink()
    out.mkdir()
    src.write_text(MAP.format(text="Edited."))
    event = _changed_then_drawn(w, 1.0)
    assert not event.ok and "is a folder" in event.message
    out.rmdir()
    src.write_text(MAP.format(text="Edited again."))
    assert _changed_then_drawn(w, 2.0).ok and b"Edited again." in out.read_bytes()


def test_a_config_error_is_reported_and_the_watch_goes_on(tmp_path):
    src, out, w = _started(tmp_path, out_name="w.dot", fmt="dot")
    (tmp_path / "argmap.toml").write_text('[render]\nfontsize = "big"\n')
    event = _changed_then_drawn(w, 1.0)
    assert not event.ok and "argmap.toml:2:1: error[config]: fontsize must be a number" in event.message
    (tmp_path / "argmap.toml").write_text("[render]\nfontsize = 20\n")
    event = _changed_then_drawn(w, 2.0)
    assert event.ok and b"fontsize=20" in out.read_bytes()


def test_watch_command_in_a_subprocess(tmp_path):
    src = tmp_path / "w.yaml"
    src.write_text(MAP.format(text="Before the edit."))
    out = tmp_path / "w.json"
    exe = Path(sys.executable).with_name("argmap")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "argmap.cli"]
    proc = subprocess.Popen(cmd + ["watch", str(src), "-o", str(out), "--interval", "0.05", "--debounce", "0.05",
                                   "--max-builds", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: out.exists() and b"Before the edit" in out.read_bytes(), timeout=120)
        src.write_text(MAP.format(text="After the edit."))
        _, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert b"After the edit" in out.read_bytes()
    assert f"watching {src}" in err and err.count("wrote") == 2


def test_a_same_size_rewrite_with_the_same_timestamps_is_seen_by_content(tmp_path):
    src, out, w = _started(tmp_path, "Version AAA.")
    before = src.stat()
    src.write_text(MAP.format(text="Version BBB."))  # same inode, same size
    os.utime(src, ns=(before.st_atime_ns, before.st_mtime_ns))  # same mtime (as within one coarse tick)
    assert _changed_then_drawn(w, 1.0).ok and b"Version BBB." in out.read_bytes()


def test_after_one_edit_only_that_file_is_parsed_again(tmp_path):
    """The watch of a folder draws again after a save, reading (parsing) only the file saved."""
    from argmap.project import parsed_maps

    folder = tmp_path / "maps"
    folder.mkdir()
    for i in range(4):
        (folder / f"m{i}.yaml").write_text(f"map: m{i}\nnodes:\n  - id: n{i}\n    text: Node {i}.\n")
    out = tmp_path / "all.svg"
    w = Watcher(folder, out, "svg", debounce=0)
    parsed_maps.clear()
    assert w.start().ok
    assert parsed_maps.misses == 4
    (folder / "m2.yaml").write_text("map: m2\nnodes:\n  - id: n2\n    text: Node two, edited.\n")
    event = _changed_then_drawn(w, 1.0)
    assert event.ok and event.changed, event.message
    assert (parsed_maps.misses, parsed_maps.hits) == (5, 3)
    assert b"Node two, edited." in out.read_bytes()


def test_a_file_growing_older_is_no_change(tmp_path, monkeypatch):
    """A fresh file's fingerprint carries its content hash; once it is older than RECENT it does not.
    That alone must not draw again (it drew every saved map a second time, 2 s after the save)."""
    import argmap.watch as w

    src = tmp_path / "w.yaml"
    src.write_text(MAP.format(text="Fresh."))
    watcher = Watcher(src, tmp_path / "w.json", "json", debounce=0.1)
    assert watcher.start().ok
    monkeypatch.setattr(w, "RECENT", 0.0)  # the same file, now "old": no hash in its fingerprint
    assert watcher.poll(1.0) is None and watcher.poll(2.0) is None and watcher.builds == 1
    src.write_text(MAP.format(text="Changed, and longer."))
    assert watcher.poll(3.0) is None
    assert watcher.poll(3.2).ok and watcher.builds == 2
