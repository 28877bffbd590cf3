"""project.py: the one way from command-line paths to a checked project."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import argmap
from argmap import fsutil
from argmap.fsutil import read_bytes
from argmap.project import discover, open_checked, open_paths, watched_files

from conftest import ARGUMENTS, ROOT

A = "map: a\nnodes:\n  - id: a1\n    text: A one.\n"
B = "map: b\nnodes:\n  - id: b1\n    text: B one.\n    attacks: [a1]\n"
BROKEN = "map: c\nnodes:\n  - id: c1\n    txt: no text\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.yaml").write_text(A)
    (tmp_path / "b.yaml").write_text(B)
    return tmp_path


def _codes(opened):
    return [d.code for d in opened.diagnostics]


def test_a_file_is_read_in_its_folders_context(folder):
    opened = open_paths([folder / "b.yaml"])
    assert opened.selected == ("b",) and opened.single_map == "b"
    assert [m.name for m in opened.project.maps] == ["b", "a"]  # the file first, then its context
    assert _codes(opened) == []  # the link into a.yaml resolves


def test_a_broken_sibling_is_left_out_and_said_so_not_blamed_on_the_file(folder):
    (folder / "c.yaml").write_text(BROKEN)
    opened = open_paths([folder / "b.yaml"])
    assert _codes(opened) == ["context"] and not any(d.is_error for d in opened.diagnostics)
    assert "1 other map file of this folder has errors" in opened.diagnostics[0].message
    assert [d.code for d in open_paths([folder]).diagnostics if d.is_error] == ["missing-text", "unknown-key"]


def test_a_sibling_that_clashes_with_the_file_is_the_siblings_problem(folder):
    (folder / "c.yaml").write_text("map: c\nnodes:\n  - id: a1\n    text: clash.\n")
    opened = open_paths([folder / "a.yaml"])
    assert not any(d.is_error for d in opened.diagnostics)


def test_no_path_means_arguments(monkeypatch):
    monkeypatch.chdir(ROOT)
    opened = open_paths([])
    assert opened.selected is None and len(opened.project.maps) == len(list(ARGUMENTS.glob("*.yaml")))


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_devices_are_refused_by_name_and_through_a_symlink(tmp_path, target):
    link = tmp_path / "z.yaml"
    link.symlink_to(target)
    for path in (Path(target), link):
        opened = open_paths([path])
        assert [(d.code, d.loc.line) for d in opened.diagnostics] == [("not-a-file", 1)]
        assert "not a regular file" in opened.diagnostics[0].message


def test_a_device_inside_a_folder_is_refused_not_read(tmp_path):
    (tmp_path / "a.yaml").write_text(A)
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    opened = open_paths([tmp_path])
    assert _codes(opened) == ["not-a-file"] and [m.name for m in opened.project.maps] == ["a"]


def test_a_fifo_does_not_hang(tmp_path):
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    (tmp_path / "a.yaml").write_text(A)
    result = []
    t = threading.Thread(target=lambda: result.append(open_paths([tmp_path])), daemon=True)
    t.start()
    t.join(20)
    assert not t.is_alive(), "reading a FIFO blocked"
    assert _codes(result[0]) == ["not-a-file"] and "FIFO" in result[0].diagnostics[0].message


def test_reads_stop_at_the_limit_whatever_stat_says(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    big.write_text("nodes:\n" + "  - id: a\n    text: x\n" * 100)
    data, problems = read_bytes(big, limit=1000)
    assert data is None and [d.code for d in problems] == ["too-large"]
    monkeypatch.setattr(fsutil, "MAX_FILE_BYTES", 1000)
    assert _codes(open_paths([big])) == ["too-large"]


def test_the_same_file_by_two_paths_is_loaded_once(folder):
    (folder / "again.yaml").symlink_to(folder / "a.yaml")
    opened = open_paths([folder, folder / "a.yaml", Path(os.path.relpath(folder / "b.yaml"))])
    assert _codes(opened) == [] and sorted(m.name for m in opened.project.maps) == ["a", "b"]
    found, _ = discover([folder])
    assert len(found) == 2


@pytest.mark.skipif(not shutil.which("setpriv"), reason="needs setpriv to drop the right to read any folder")
def test_an_unreadable_subfolder_is_a_warning(tmp_path):
    root = tmp_path / "maps"
    (root / "locked").mkdir(parents=True)
    (root / "a.yaml").write_text(A)
    (root / "locked" / "b.yaml").write_text(B)
    os.chmod(root / "locked", 0o000)
    code = "import sys, argmap; p, d = argmap.check(sys.argv[1]); print([(x.code, x.severity) for x in d])"
    # Root reads any folder; without the two capabilities that allow it, permissions count again
    # (the same user, so the checkout and the venv stay readable wherever they are).
    cmd = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", sys.executable, "-c", code, str(root)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    finally:
        os.chmod(root / "locked", 0o755)
    if proc.returncode != 0 and "Operation not permitted" in proc.stderr:
        pytest.skip("cannot drop capabilities here")
    assert proc.returncode == 0, proc.stderr
    assert "('unreadable', 'warning')" in proc.stdout


def test_open_checked_raises_for_errors_and_for_no_maps(tmp_path, folder):
    (tmp_path / "empty").mkdir()
    with pytest.raises(argmap.ArgmapError, match="no maps in"):
        open_checked([tmp_path / "empty"])
    (folder / "c.yaml").write_text(BROKEN)
    with pytest.raises(argmap.InvalidInputError):
        open_checked([folder])
    assert open_checked([folder / "a.yaml"]).single_map == "a"


def test_watched_files_are_the_maps_read_and_the_config(folder):
    files = watched_files([folder / "a.yaml"])
    assert files == [folder / "a.yaml", folder / "b.yaml", folder / "argmap.toml"]


def test_hidden_folders_and_files_are_not_maps(folder):
    (folder / ".github").mkdir()
    (folder / ".github" / "ci.yml").write_text("on: push\n")
    (folder / ".#a.yaml").write_text("junk: [\n")
    assert _codes(open_paths([folder])) == [] and len(open_paths([folder]).project.maps) == 2


def test_an_unchanged_file_is_not_parsed_again(tmp_path, small_map):
    """A long-running process (watch) reads the folder after every save; only changed files are parsed."""
    from argmap.project import parsed_maps

    parsed_maps.clear()
    first = open_paths([small_map])
    assert (parsed_maps.hits, parsed_maps.misses) == (0, 2)
    again = open_paths([small_map])
    assert (parsed_maps.hits, parsed_maps.misses) == (2, 2)
    assert again.project.maps == first.project.maps  # the same (frozen) model
    follow = small_map / "followup.yaml"
    text = follow.read_text()
    follow.write_text(text.replace("yesterday", "today....."))  # same size: the bytes tell, not the timestamps
    after = open_paths([small_map])
    assert (parsed_maps.hits, parsed_maps.misses) == (3, 3)
    assert "today" in after.project.nodes()["docs-written"].text
    follow.write_text(text.replace("attacks: [docs-missing]", "attacks: [docs-mising]"))
    diags = open_paths([small_map]).diagnostics
    assert [d.code for d in diags if d.is_error] == ["dangling"]
    assert [d.code for d in open_paths([small_map]).diagnostics if d.is_error] == ["dangling"]  # cached with its errors
    assert parsed_maps.misses == 4


def test_a_new_process_reads_unchanged_maps_from_the_cache(tmp_path, small_map, monkeypatch):
    """`argmap render` again after editing one map of a folder parses only that map."""
    import argmap.project as project_mod
    from argmap.project import ParsedMaps

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(project_mod, "parsed_maps", ParsedMaps())
    first = open_paths([small_map])
    assert (project_mod.parsed_maps.misses, project_mod.parsed_maps.disk_hits) == (2, 0)
    entries = sorted((tmp_path / "cache" / "maps").glob("*.pickle"))
    assert len(entries) == 2
    monkeypatch.setattr(project_mod, "parsed_maps", ParsedMaps())  # as a new process
    again = open_paths([small_map])
    assert (project_mod.parsed_maps.misses, project_mod.parsed_maps.disk_hits) == (0, 2)
    assert again.project.maps == first.project.maps and again.diagnostics == first.diagnostics
    follow = small_map / "followup.yaml"
    follow.write_text(follow.read_text().replace("attacks: [docs-missing]", "attacks: [docs-mising]"))
    entries[0].write_bytes(entries[0].read_bytes()[:20])  # a truncated entry is parsed again, not trusted
    monkeypatch.setattr(project_mod, "parsed_maps", ParsedMaps())
    edited = open_paths([small_map])
    assert [d.code for d in edited.diagnostics if d.is_error] == ["dangling"]
    assert project_mod.parsed_maps.misses >= 1 and project_mod.parsed_maps.misses + project_mod.parsed_maps.disk_hits == 2
    monkeypatch.setattr(project_mod, "parsed_maps", ParsedMaps())
    assert [d.code for d in open_paths([small_map]).diagnostics if d.is_error] == ["dangling"]
    assert (project_mod.parsed_maps.misses, project_mod.parsed_maps.disk_hits) == (0, 2)  # both rewritten


def test_the_cache_can_be_turned_off(tmp_path, small_map, monkeypatch):
    import argmap.project as project_mod
    from argmap.project import ParsedMaps

    monkeypatch.setenv("ARGMAP_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ARGMAP_NO_MAP_CACHE", "1")
    monkeypatch.setattr(project_mod, "parsed_maps", ParsedMaps())
    open_paths([small_map])
    assert not (tmp_path / "cache" / "maps").exists()
