"""fsutil: atomic writes go through symlinks, leave devices and FIFOs in place, and edits take turns."""

from __future__ import annotations

import os
import stat
import threading

import pytest

from argmap.fsutil import WriteError, locked, write_atomic


def test_plain_write_and_overwrite_keep_mode(tmp_path):
    path = tmp_path / "sub" / "out.txt"
    write_atomic(path, "one")
    assert path.read_text() == "one" and stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o600)
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two" and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["out.txt"]  # no temporary file left


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    real = tmp_path / "real" / "map.yaml"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["map.yaml"]


def test_a_chain_of_symlinks_is_written_through(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(real)
    write_atomic(tmp_path / "a", "made")
    assert real.read_text() == "made" and (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


@pytest.mark.parametrize("chain", [False, True])
def test_a_dangling_symlink_is_never_written_through(tmp_path, chain):
    """Issue 24: `-o out.svg` where out.svg is a dangling link used to create the file wherever it pointed."""
    outside = tmp_path / "outside" / "planted.txt"
    outside.parent.mkdir()
    out = tmp_path / "out" / "map.svg"
    out.parent.mkdir()
    if chain:
        (tmp_path / "hop").symlink_to(outside)
        out.symlink_to(tmp_path / "hop")
    else:
        out.symlink_to(outside)
    with pytest.raises(WriteError, match="symlink to .* which does not exist; nothing written"):
        write_atomic(out, "<svg/>")
    assert not outside.exists() and out.is_symlink()
    assert list(outside.parent.iterdir()) == []


MAP = "map: m\nnodes:\n  - id: a\n    text: A.\n"


@pytest.mark.parametrize("text", [MAP, "\ufeff" + MAP, "sources: {}\n# a comment\nnodes: []\n", "nodes :\n"])
def test_a_map_is_never_replaced_unless_asked(tmp_path, text):
    path = tmp_path / "debate.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WriteError, match="is an argmap map .*nothing written"):
        write_atomic(path, '{"$schema": "x"}')
    assert path.read_text(encoding="utf-8") == text
    link = tmp_path / "out.svg"  # nor through a link to it
    link.symlink_to(path)
    with pytest.raises(WriteError, match="is an argmap map"):
        write_atomic(link, "<svg/>")
    write_atomic(path, MAP + "  - id: b\n    text: B.\n", replace_map=True)  # an editor of maps may
    assert "id: b" in path.read_text()


def test_other_files_are_replaced_as_before(tmp_path):
    for name, text in [("a.json", '{"nodes": []}'), ("a.dot", "digraph { nodes: 1 }"), ("notes.yaml", "map: x\n  nodes: y\n")]:
        path = tmp_path / name
        path.write_text(text)
        write_atomic(path, "new")
        assert path.read_text() == "new"


def test_keep_links_rewrites_a_hard_linked_file_in_place(tmp_path):
    path, twin = tmp_path / "m.yaml", tmp_path / "twin.yaml"
    path.write_text(MAP)
    os.link(path, twin)
    write_atomic(path, MAP + "# more\n", replace_map=True, keep_links=True, expect=MAP.encode())
    assert twin.read_text() == MAP + "# more\n" and os.path.samefile(path, twin)
    with pytest.raises(WriteError, match="changed while it was being edited"):
        write_atomic(path, "x", replace_map=True, keep_links=True, expect=b"not what is there")
    assert twin.read_text() == MAP + "# more\n"
    write_atomic(path, MAP, replace_map=True)  # without keep_links the rename cuts the link, as before
    assert not os.path.samefile(path, twin)


def test_a_character_device_is_written_in_place(tmp_path):
    link = tmp_path / "out"
    link.symlink_to("/dev/null")  # as `-o /dev/stdout` is a link to a device
    write_atomic(link, "discarded")
    assert link.is_symlink() and stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_fifo_is_written_to_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(10)
    assert got == [b"through the pipe"] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(WriteError, match="it is a folder"):
        write_atomic(tmp_path, "x")


def test_expect_refuses_a_file_changed_meanwhile(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("read by us\n")
    before = path.read_bytes()
    path.write_text("changed by an editor\n")
    with pytest.raises(WriteError, match="changed while it was being edited"):
        write_atomic(path, "our change\n", expect=before)
    assert path.read_text() == "changed by an editor\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.yaml"]
    write_atomic(path, "our change\n", expect=path.read_bytes())
    assert path.read_text() == "our change\n"


def test_exclusive_never_overwrites(tmp_path):
    path = tmp_path / "new.yaml"
    write_atomic(path, "first", exclusive=True)
    with pytest.raises(WriteError, match="already exists"):
        write_atomic(path, "second", exclusive=True)
    assert path.read_text() == "first" and sorted(p.name for p in tmp_path.iterdir()) == ["new.yaml"]


def test_the_lock_is_exclusive_and_released(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("x")
    with locked(path):
        with pytest.raises(WriteError, match="being edited by another process"):
            with locked(path, timeout=0.05):
                pass
    with locked(path, timeout=0.05):  # free again
        pass


def test_a_waiting_editor_locks_the_replaced_file(tmp_path):
    """The first editor replaces the file (new inode); the second must lock that one, not the old."""
    path = tmp_path / "m.yaml"
    path.write_text("v1")
    seen = []

    def second():
        with locked(path, timeout=10):
            seen.append(path.read_text())
            write_atomic(path, path.read_text() + "+second")

    with locked(path):
        thread = threading.Thread(target=second)
        thread.start()
        write_atomic(path, "v2")
    thread.join(10)
    assert seen == ["v2"] and path.read_text() == "v2+second"


# -- read_text: the one bounded reader -------------------------------------------------------------
def test_read_text_refuses_devices_fifos_and_folders_at_once(tmp_path):
    import os
    import threading

    from argmap.fsutil import read_text

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    got = []
    t = threading.Thread(target=lambda: got.extend(read_text(p) for p in ("/dev/zero", fifo, tmp_path)), daemon=True)
    t.start()
    t.join(20)
    assert not t.is_alive(), "read_text blocked"
    assert [(text, [d.code for d in diags]) for text, diags in got] == [(None, ["not-a-file"])] * 3
    assert "a device" in got[0][1][0].message and "a FIFO" in got[1][1][0].message and "a folder" in got[2][1][0].message


def test_read_text_caps_by_reading_and_locates_bad_utf8(tmp_path):
    from argmap.fsutil import read_text

    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1001)
    text, diags = read_text(big, limit=1000)
    assert text is None and [str(d) for d in diags] == [f"{big}:1:1: error[too-large]: file is over the limit of 1,000 bytes"]
    assert read_text(big, limit=1001) == ("x" * 1001, [])
    # /proc files say they are empty (st_size 0) and still hold text: the limit counts what is read
    text, diags = read_text("/proc/self/status", limit=10)
    assert text is None and [d.code for d in diags] == ["too-large"]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xef\xbb\xbfok\nfine \xff\n")
    text, diags = read_text(bad)
    assert text is None and [str(d) for d in diags] == [f"{bad}:2:6: error[encoding]: byte 0xff is not valid UTF-8"]
    assert diags[0].hint == "save the file as UTF-8"
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfhello")
    assert read_text(bom) == ("hello", [])
    assert [d.code for d in read_text(tmp_path / "missing")[1]] == ["io"]


@pytest.mark.parametrize("text, is_map", [
    (b"map: m\nnodes:\n  - id: a\n", True),
    (b"\xef\xbb\xbfnodes :\n", True),  # a byte-order mark, a space before the colon
    (b"<svg><text>1000 nodes: drawn</text>\n<g>nodes</g></svg>\n", False),
    (b"x: 'a'\n  nodes: [indented, so not the map's key]\n", False),
    (b"a" * ((1 << 20) - 3) + b"\nnodes\t:\n", True),  # the key across the first 1 MiB read
    (b"a" * ((1 << 20) - 2) + b"\nno" + b"des:\n", True),  # the word itself across the boundary
    (b"a" * (3 << 20) + b"\n" + b"b" * 10, False),
])
def test_a_map_file_is_told_by_its_nodes_key_wherever_the_reads_split_it(tmp_path, text, is_map):
    from argmap.fsutil import is_map_file

    (tmp_path / "f").write_bytes(text)
    assert is_map_file(tmp_path / "f") is is_map
