"""`argmap add`: the new node is appended in the file's style, nothing else changes, writes are atomic."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import argmap
from argmap.fsutil import WriteError
from argmap.cli import cli
from argmap.diagnostics import ArgmapError, InvalidInputError
from argmap.edit import add_node, unique_id, yaml_scalar

ROOT = Path(__file__).resolve().parents[1]
EDIT = ROOT / "tests" / "data" / "edit"
ARGUMENTS = ROOT / "arguments"


@pytest.fixture
def folder(tmp_path) -> Path:
    """A copy of the odd-formatting fixtures, safe to modify."""
    dest = tmp_path / "maps"
    shutil.copytree(EDIT, dest, ignore=shutil.ignore_patterns("schema-bad"))
    return dest


@pytest.fixture
def seeds(tmp_path) -> Path:
    dest = tmp_path / "arguments"
    shutil.copytree(ARGUMENTS, dest)
    return dest


def assert_only_added(result):
    """The file after is the file before with the block inserted at one place, byte for byte."""
    block = result.block.encode("utf-8")
    before, after = result.before, result.after
    start = len(result.before.decode("utf-8")[: result.offset].encode("utf-8"))
    assert after[:start] == before[:start]
    assert after[start : start + len(block)] == block
    assert after[start + len(block) :] == before[start:]
    assert len(after) == len(before) + len(block)


# -- byte preservation -----------------------------------------------------------------------
@pytest.mark.parametrize("name", ["odd.yaml", "block-lists.yaml", "unicode.yaml"])
@pytest.mark.parametrize("relation", ["attacks", "supports"])
def test_add_keeps_every_other_byte(folder, name, relation):
    path = folder / name
    target = argmap.load(folder).maps  # any node of this file
    target = next(m for m in target if Path(m.path).name == name).nodes[0].id
    original = path.read_bytes()
    result = add_node(folder, target, relation, "A reply: with 'quotes', \"double\" ones, # and a hash", by="yes",
                      tags=["new", "on"], quote="He said: \"no\" — twice")
    assert result.path == path and result.written
    assert result.before == original and path.read_bytes() == result.after
    assert_only_added(result)
    project, diags = argmap.check(folder)
    assert not [d for d in diags if d.is_error]
    node = project.nodes()[result.node_id]
    assert node.text == "A reply: with 'quotes', \"double\" ones, # and a hash"
    assert node.by == "yes" and node.tags == ("new", "on") and node.quote == "He said: \"no\" — twice"
    assert [(r.kind, r.target) for r in node.relations] == [(relation, target)]


def test_odd_file_nodes_not_last_and_no_final_newline(folder):
    path = folder / "odd.yaml"
    assert not path.read_bytes().endswith(b"\n")
    result = add_node(folder, "odd-root", "attacks", "Not all machines are told anything.")
    # items at column 0 with keys at column 2; inserted after the last item, before the comment and `sources:`
    assert result.block == (
        "\n- id: not-all-machines-are-told-anything\n  text: Not all machines are told anything.\n  attacks: [odd-root]\n"
    )
    text = path.read_text()
    assert text.index("id: not-all-machines") < text.index("# ---- the sources")
    assert text.index("Literal note,\n    kept as is.\n") < text.index("id: not-all-machines")
    assert text.endswith("# and no newline at the end of the file")  # still no final newline
    assert yaml.safe_load(text)["nodes"][-1]["id"] == "not-all-machines-are-told-anything"


def test_block_list_style_is_followed(folder):
    result = add_node(folder, "bl-argument", "undercuts", "The step from claim to argument fails.", tags=["gamma"])
    lines = result.block.splitlines()
    assert lines[0] == "    -   id: the-step-from-claim-to-argument"
    assert "        undercuts:" in lines and "          - bl-argument" in lines
    assert "          - gamma" in lines
    text = (folder / "block-lists.yaml").read_text()
    assert text.index("undercuts:") < text.index("    # a comment about the list")


def test_bom_and_trailing_comment_kept(folder):
    path = folder / "unicode.yaml"
    result = add_node(folder, "uni-claim", "attacks", "Ünïcödé is fine.")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"# trailing comment on the last value\n  - id: unicode-is-fine\n" in path.read_bytes()
    assert_only_added(result)


def test_crlf_file_gets_crlf_block(folder):
    path = folder / "crlf.yaml"
    path.write_bytes((folder / "block-lists.yaml").read_bytes().replace(b"\n", b"\r\n").replace(b"bl-", b"cr-")
                     .replace(b"map: block-lists", b"map: crlf"))
    result = add_node(folder, "cr-claim", "supports", "Windows line endings stay.")
    assert b"\r\n" in result.block.encode() and b"\n" not in result.block.replace("\r\n", "").encode()
    assert_only_added(result)
    assert path.read_bytes().count(b"\n") == path.read_bytes().count(b"\r\n")


@pytest.mark.parametrize("name", ["power-concentration.yaml", "takeoff.yaml", "alignment-vs-applications.yaml"])
def test_add_to_seed_maps(seeds, name):
    m = next(m for m in argmap.load(seeds).maps if Path(m.path).name == name)
    target = m.nodes[len(m.nodes) // 2]
    result = add_node(seeds, target.id, "attacks", f"An objection to {target.id}.", by="Tester")
    assert result.path.name == name
    assert_only_added(result)
    assert result.block.startswith("\n  - id: an-objection-to-")  # the seeds put a blank line between items
    project = argmap.load(seeds)
    assert project.nodes()[result.node_id].relations[0].target == target.id


def test_empty_nodes_list(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("map: empty\nnodes:   # nothing yet\n")
    other = tmp_path / "other.yaml"
    other.write_text("nodes:\n  - id: there\n    text: A node elsewhere.\n")
    result = add_node(tmp_path, "there", "attacks", "First node here.", file=path)
    assert path.read_text() == ("map: empty\nnodes:   # nothing yet\n"
                                "  - id: first-node-here\n    text: First node here.\n    attacks: [there]\n")
    assert_only_added(result)


# -- ids ---------------------------------------------------------------------------------------
def test_ids_are_generated_unique(folder):
    a = add_node(folder, "odd-root", "attacks", "Same words!")
    b = add_node(folder, "odd-root", "attacks", "Same words?")
    assert (a.node_id, b.node_id) == ("same-words", "same-words-2")
    assert unique_id("Same words", {"same-words", "same-words-2"}) == "same-words-3"
    assert unique_id("!!!", set()) == "node"


def test_given_id_checked(folder):
    with pytest.raises(ArgmapError, match="already used"):
        add_node(folder, "odd-root", "attacks", "x", node_id="odd-last")
    with pytest.raises(ArgmapError, match="may use only"):
        add_node(folder, "odd-root", "attacks", "x", node_id="Bad_Id")
    with pytest.raises(ArgmapError, match="may use only"):
        add_node(folder, "odd-root", "attacks", "x", node_id="trailing-newline\n")


@pytest.mark.parametrize("value", ["yes", "no", "null", "~", "123", "2022-12-13", "- item", "a: b", "#x", "'q'",
                                   '"dq"', "[x]", "{x}", "@at", "`tick", "tab\there", "line\nbreak", " pad ", "%p",
                                   "!tag", "*alias", "&anchor", "é", "\\back", "a, b", "x]", "? q", "a #b", "a# b",
                                   "..."])
def test_yaml_scalar_round_trips(value):
    for double in (False, True):
        assert yaml.safe_load(f"k: {yaml_scalar(value, double)}") == {"k": value}
        assert yaml.safe_load(f"k: [{yaml_scalar(value, double, flow=True)}, x]") == {"k": [value, "x"]}


# -- refusals change nothing ------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(target="odd-last", relation="undercuts"), "undercut-claim|not an argument"),
        (dict(target="odd-root", relation="attacks", source="no-such-source"), "no-such-source"),
        (dict(target="no-such-node", relation="attacks"), "no node with id"),
        (dict(target="odd-root", relation="attack"), "did you mean 'attacks'"),
    ],
)
def test_invalid_addition_changes_nothing(folder, kwargs, match):
    before = {p: p.read_bytes() for p in folder.iterdir()}
    with pytest.raises(ArgmapError, match=match) as info:
        add_node(folder, text="A reply.", **kwargs)
    if isinstance(info.value, InvalidInputError):
        assert "nothing was written" in str(info.value)
    assert {p: p.read_bytes() for p in folder.iterdir()} == before


def test_folder_with_errors_is_refused(folder):
    (folder / "broken.yaml").write_text("nodes:\n  - id: z\n    attacks: [nowhere]\n    text: Z.\n")
    before = (folder / "odd.yaml").read_bytes()
    with pytest.raises(InvalidInputError, match="dangling"):
        add_node(folder, "odd-root", "attacks", "A reply.")
    assert (folder / "odd.yaml").read_bytes() == before


def test_dry_run_writes_nothing(folder):
    before = (folder / "odd.yaml").read_bytes()
    result = add_node(folder, "odd-root", "attacks", "Only a test.", write=False)
    assert not result.written and result.after != before
    assert (folder / "odd.yaml").read_bytes() == before


# -- atomic writes ------------------------------------------------------------------------------
def test_failing_rename_leaves_original(folder, monkeypatch):
    path = folder / "odd.yaml"
    before = path.read_bytes()

    def boom(src, dst):
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(WriteError, match="cannot write .*odd.yaml: disk on fire"):
        add_node(folder, "odd-root", "attacks", "Never lands.")
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in EDIT.iterdir() if p.name != "schema-bad")


_KILL_SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    from argmap import fsutil
    from argmap.edit import add_node

    real_fsync = os.fsync
    def slow_fsync(fd):  # the temporary file is written; stop here, before the rename
        real_fsync(fd)
        open(sys.argv[2], "w").close()
        time.sleep(60)
    os.fsync = slow_fsync
    add_node(sys.argv[1], "odd-root", "attacks", "Killed before it lands. " * 40)
    """
)


@pytest.mark.slow
def test_killed_mid_write_leaves_original(folder, tmp_path):
    path = folder / "odd.yaml"
    before = path.read_bytes()
    flag = tmp_path / "reached-fsync"
    proc = subprocess.Popen([sys.executable, "-c", _KILL_SCRIPT, str(folder), str(flag)])
    try:
        deadline = time.monotonic() + 120  # a hang guard only: never reached on a working writer
        while not flag.exists():
            assert proc.poll() is None, "the writer exited early"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(5)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert path.read_bytes() == before
    project, diags = argmap.check(folder)  # a leftover temporary file is not read as a map
    assert not [d for d in diags if d.is_error] and "killed-before" not in str(project.nodes())


# -- the command ----------------------------------------------------------------------------------
def test_cli_add_and_dry_run(folder):
    runner = CliRunner()
    before = (folder / "odd.yaml").read_bytes()
    result = runner.invoke(cli, ["add", str(folder), "--attacks", "odd-root", "--text", "Dry only.", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would add to" in result.output and "- id: dry-only" in result.output
    assert (folder / "odd.yaml").read_bytes() == before
    result = runner.invoke(cli, ["add", str(folder), "--supports", "odd-root", "--text", "For real.", "--id", "real",
                                 "--tag", "t", "--by", "Me"])
    assert result.exit_code == 0, result.output
    assert "added 'real'" in result.output
    assert argmap.load(folder).nodes()["real"].relations[0].kind == "supports"


def test_cli_add_usage_and_errors(folder):
    runner = CliRunner()
    result = runner.invoke(cli, ["add", str(folder), "--text", "No relation."])
    assert result.exit_code == 2 and "exactly one of" in result.output
    result = runner.invoke(cli, ["add", str(folder), "--undercuts", "odd-last", "--text", "Wrong."])
    assert result.exit_code == 1
    assert "error[undercut-claim]" in result.output and "nothing was written" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_cli_add_subprocess(folder):
    exe = Path(sys.executable).with_name("argmap")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "argmap.cli"]
    proc = subprocess.run(cmd + ["add", str(folder), "--attacks", "bl-claim", "--text", "From a real process."],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "added 'from-a-real-process'" in proc.stderr
    assert "from-a-real-process" in (folder / "block-lists.yaml").read_text()


# -- new --------------------------------------------------------------------------------------
def test_new_map_checks_with_the_seeds_and_never_overwrites(seeds, monkeypatch):
    monkeypatch.chdir(seeds.parent)  # the project root, where `argmap schema -o map.schema.json` writes
    runner = CliRunner()
    result = runner.invoke(cli, ["new", "arguments/compute-governance", "--title", "Licensing: yes or no?"])
    assert result.exit_code == 0, result.output
    path = seeds / "compute-governance.yaml"
    text = path.read_text()
    assert "# yaml-language-server: $schema=../map.schema.json" in text  # the README's schema, from the map
    project, diags = argmap.check(seeds)
    assert not [d for d in diags if d.is_error]
    m = project.map("compute-governance")
    assert m.title == "Licensing: yes or no?" and len(m.nodes) == 2
    result = runner.invoke(cli, ["new", str(path)])
    assert result.exit_code == 1 and "already exists" in result.output
    assert path.read_text() == text
    # and `add` works on it straight away
    assert add_node(seeds, "compute-governance-main-claim", "supports", "A reason.").path == path


def test_new_rejects_bad_names(tmp_path):
    result = CliRunner().invoke(cli, ["new", str(tmp_path / "Bad Name")])
    assert result.exit_code == 1 and "may use only" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["add", "new", "schema", "fmt", "watch"])
def test_commands_have_help_with_an_example(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


# -- concurrent edits take turns (issue 10.2) --------------------------------------------------------
@pytest.mark.slow
def test_ten_concurrent_add_processes_lose_nothing(tmp_path):
    folder = tmp_path / "maps"
    folder.mkdir()
    path = folder / "m.yaml"
    path.write_text("map: m\nnodes:\n  - id: root\n    text: The root claim.\n")
    exe = Path(sys.executable).with_name("argmap")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "argmap.cli"]
    procs = [subprocess.Popen(cmd + ["add", str(folder), "--attacks", "root", "--text", f"Objection number {i}.",
                                     "--id", f"objection-{i}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i in range(10)]
    reported = []
    for i, proc in enumerate(procs):
        out, err = proc.communicate(timeout=120)
        if proc.returncode == 0:
            assert f"added 'objection-{i}'" in err
            reported.append(f"objection-{i}")
        else:  # failing loudly is allowed; reporting success for a lost change is not
            assert "Error:" in err and "Traceback" not in err
    ids = {n.id for n in argmap.load(folder).maps[0].nodes}
    assert set(reported) <= ids
    assert len(reported) == 10  # with the lock, every one of them gets its turn


def test_add_refuses_when_the_file_changed_under_it(folder, monkeypatch):
    """A writer that takes no lock (an editor) changes the file between our read and our rename."""
    from argmap import fsutil

    path = folder / "odd.yaml"
    real_replace = os.replace

    def editor_saves_first(src, dst):
        Path(dst).write_bytes(Path(dst).read_bytes() + b"\n# saved by an editor\n")
        real_replace(src, dst)

    monkeypatch.setattr(fsutil, "_read_or_none", lambda p: b"not what was read")
    monkeypatch.setattr(os, "replace", editor_saves_first)
    before = path.read_bytes()
    with pytest.raises(WriteError, match="changed while it was being edited"):
        add_node(folder, "odd-root", "attacks", "Never lands.")
    assert path.read_bytes() == before


def test_add_through_a_symlinked_map_keeps_the_link(tmp_path):
    real = tmp_path / "real" / "m.yaml"
    real.parent.mkdir()
    real.write_text("nodes:\n  - id: a\n    text: A.\n")
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "m.yaml").symlink_to(real)
    add_node(folder, "a", "attacks", "Through the link.")
    assert (folder / "m.yaml").is_symlink() and "through-the-link" in real.read_text()


# -- files check accepts, add handles (issues 10.13, 10.14) -------------------------------------------
ODD_FILES = {
    "bad-date": b"sources:\n  s:\n    title: T\n    date: 2022-13-45\nnodes:\n  - id: a\n    text: A.\n    source: s\n",
    "lone-cr": b"nodes:\r  - id: a\r    text: A.\r",
    "crlf": b"nodes:\r\n  - id: a\r\n    text: A.\r\n",
    "line-separators": 'nodes:\n  - id: a\n    text: "A\u2028b"\n  - id: b\n    text: "x\x85y \\L \\N"\n'.encode(),
    "tab-in-plain": b"nodes:\n  - id: a\n    text: A\tb c\n",
    "keep-last": b"nodes:\n  - id: a\n    text: |+\n      keep\n\n\n",
    "keep-then-more": b"nodes:\n  - id: a\n    text: A\n    note: |+\n      keep\n\n# comment\n\ntitle: x\n",
}


@pytest.mark.parametrize("name", list(ODD_FILES))
def test_add_handles_every_file_check_accepts(tmp_path, name):
    path = tmp_path / "m.yaml"
    path.write_bytes(ODD_FILES[name])
    _, diags = argmap.check(tmp_path)
    assert not [d for d in diags if d.is_error]
    result = add_node(tmp_path, "a", "attacks", "Reply: with a colon", note="two\nlines\u2028three", by="X")
    project, diags = argmap.check(tmp_path)
    assert not [d for d in diags if d.is_error]
    node = project.nodes()[result.node_id]
    assert node.note == "two\nlines\u2028three" and node.text == "Reply: with a colon"
    assert_only_added(result)
    data = path.read_bytes()
    if b"\r\n" in ODD_FILES[name]:  # a value with a newline does not bring LF into a CRLF file
        assert data.count(b"\n") == data.count(b"\r\n")
    if name == "lone-cr":
        assert b"\n" not in data
    old = yaml.load(ODD_FILES[name].decode(), Loader=yaml.CBaseLoader)
    new = yaml.load(data.decode(), Loader=yaml.CBaseLoader)
    assert new["nodes"][:-1] == old["nodes"] and {k: v for k, v in new.items() if k != "nodes"} == {
        k: v for k, v in old.items() if k != "nodes"}


@pytest.mark.parametrize("value", ["two\nlines", "cr\rhere", "nel\x85ls\u2028ps\u2029", "bell\x07", "bom\ufeff",
                                   "tab\there", "trailing \n"])
def test_yaml_scalar_is_always_one_line(value):
    for double in (False, True):
        for flow in (False, True):
            out = yaml_scalar(value, double, flow)
            assert not any(ch in out for ch in "\r\n\x85\u2028\u2029")
            assert yaml.safe_load(f"k: [{out}, x]" if flow else f"k: {out}") == ({"k": [value, "x"]} if flow else {"k": value})


def test_add_follows_the_files_double_quotes(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text('nodes:\n  - id: a\n    text: "Double: quoted"\n    by: "Someone"\n')
    result = add_node(tmp_path, "a", "attacks", "Reply: with a colon", tags=["a, b"])
    assert '    text: "Reply: with a colon"\n' in result.block and 'tags: ["a, b"]' in result.block
    path.write_text("nodes:\n  - id: a\n    text: 'Single: quoted'\n")
    result = add_node(tmp_path, "a", "attacks", "Reply: with a colon")
    assert "    text: 'Reply: with a colon'\n" in result.block


@pytest.mark.parametrize("name", ["", ".", "/", "..", "maps/", "ab\nc", "abc\n"])
def test_new_refuses_names_that_are_no_file_name(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "maps").mkdir()
    result = CliRunner().invoke(cli, ["new", name])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "internal error" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["maps"] and not list((tmp_path / "maps").iterdir())


@pytest.mark.parametrize("option, value", [("--schema", "a\nb"), ("--schema", "x\u2028y"), ("--title", "T\x01")])
def test_new_refuses_values_that_would_break_the_file(tmp_path, monkeypatch, option, value):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "m", option, value])
    assert result.exit_code == 1 and "internal error" not in result.output and result.output.startswith("Error: ")
    assert list(tmp_path.iterdir()) == []


def test_new_title_on_several_lines_becomes_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "m", "--title", "Two\nlines\u2028here"])
    assert result.exit_code == 0, result.output
    assert argmap.load(tmp_path).maps[0].title == "Two lines here"


def test_new_schema_is_relative_to_the_map(tmp_path, monkeypatch):
    from argmap.newmap import create_map

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a" / "b").mkdir(parents=True)
    for path, schema, expected in [("top", None, "map.schema.json"), ("a/b/deep", None, "../../map.schema.json"),
                                   ("a/x", "schemas/map.json", "../schemas/map.json"),
                                   ("a/u", "https://example.org/s.json", "https://example.org/s.json")]:
        text = create_map(path, schema=schema).read_text()
        assert f"# yaml-language-server: $schema={expected}\n" in text


def test_new_never_overwrites_even_when_racing(tmp_path, monkeypatch):
    from argmap import newmap
    from argmap.newmap import create_map

    target = tmp_path / "m.yaml"
    real_template = newmap.template

    def someone_else_first(*args, **kwargs):  # the file appears after the exists() check
        target.write_text("theirs\n")
        return real_template(*args, **kwargs)

    monkeypatch.setattr(newmap, "template", someone_else_first)
    with pytest.raises(ArgmapError, match="already exists"):
        create_map(tmp_path / "m")
    assert target.read_text() == "theirs\n"


# -- format v2: the other relations and objections to a link -----------------------------------
def test_add_objects_to_a_link_and_concedes_in_the_file_of_the_source(seeds):
    link = "customers-choose-no-backlash->backlash-needs-few-ais"
    result = add_node(seeds, link, "attacks", "Choice among firms says nothing about how few firms there are.",
                      by="Me", title="Choice is not number")
    assert result.path.name == "power-concentration.yaml"
    added = argmap.load(seeds).nodes()[result.node_id]
    assert added.title == "Choice is not number" and [r.target for r in added.relations] == [link]
    conceded = add_node(seeds, "backlash-needs-few-ais", "concedes", "Few firms would matter, granted.", by="Me")
    assert [r.kind for r in argmap.load(seeds).nodes()[conceded.node_id].relations] == ["concedes"]
    assert CliRunner().invoke(cli, ["fmt", "--check", str(seeds)]).exit_code == 0  # add writes what fmt would


def test_add_refuses_a_link_that_is_not_there_and_an_answer_to_a_claim(seeds):
    before = {p.name: p.read_bytes() for p in seeds.glob("*.yaml")}
    with pytest.raises(ArgmapError, match="has no relation to"):
        add_node(seeds, "backlash-needs-few-ais->customers-choose-no-backlash", "attacks", "Wrong way round.", by="Me")
    with pytest.raises(InvalidInputError) as info:
        add_node(seeds, "backlash-needs-few-ais", "answers", "An answer to a claim.", by="Me")
    assert "answers-non-question" in str(info.value.diagnostics[0].code)
    assert {p.name: p.read_bytes() for p in seeds.glob("*.yaml")} == before


def test_add_cli_offers_every_relation_of_the_format():
    from argmap.spec import RELATION_KINDS

    help_text = CliRunner().invoke(cli, ["add", "--help"]).output
    assert all(f"--{kind}" in help_text for kind in RELATION_KINDS)


@pytest.mark.parametrize("props", ["!tag", "&all", "!!seq", "&all !tag"])
def test_add_to_a_tagged_or_anchored_nodes_list(tmp_path, props):
    # issue 10, item 20: `nodes: !tag` (which `check` accepts) gave a misleading indentation
    # error, then "internal error": the list's start is its tag, not its first '-'
    m = tmp_path / "a.yaml"
    m.write_text(f"nodes: {props}\n  - id: one\n    text: One\n")
    result = add_node(tmp_path, "one", "attacks", "Two")
    assert result.node_id == "two"
    assert m.read_text() == f"nodes: {props}\n  - id: one\n    text: One\n  - id: two\n    text: Two\n    attacks: [one]\n"
    assert argmap.check(tmp_path)[1] == []


# -- the folder is locked, not only the file (issue 24) -----------------------------------------------
def test_concurrent_adds_into_two_files_of_one_folder_never_share_an_id(tmp_path):
    """The id check spans the folder; with only the file locked, 5 of 5 pairs collided."""
    folder = tmp_path / "maps"
    folder.mkdir()
    (folder / "one.yaml").write_text("map: one\nnodes:\n  - id: root-one\n    text: The first root.\n")
    (folder / "two.yaml").write_text("map: two\nnodes:\n  - id: root-two\n    text: The second root.\n")
    exe = Path(sys.executable).with_name("argmap")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "argmap.cli"]
    # every process makes its id from the same text, in one file or the other: each must see the others' ids
    procs = [subprocess.Popen(cmd + ["add", str(folder), "--attacks", f"root-{'one' if i % 2 else 'two'}",
                                     "--text", "Same words every time."],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(12)]
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err
    project, diags = argmap.check(folder)
    assert not [d for d in diags if d.is_error], [d.format() for d in diags]
    ids = [n.id for m in project.maps for n in m.nodes]
    assert len(ids) == len(set(ids)) == 14
    assert sorted(i for i in ids if i.startswith("same")) == sorted(
        ["same-words-every-time"] + [f"same-words-every-time-{k}" for k in range(2, 13)])


def test_add_and_fmt_keep_hard_links(tmp_path):
    folder = tmp_path / "maps"
    folder.mkdir()
    path = folder / "m.yaml"
    path.write_text("map: m\nnodes:\n  - id: root\n    text:    The root claim.   \n")
    twin = tmp_path / "twin.yaml"  # the same file, reached by a second name outside the folder
    os.link(path, twin)
    add_node(folder, "root", "attacks", "Through a hard link.")
    assert os.path.samefile(path, twin) and "through-a-hard-link" in twin.read_text()
    from argmap.fmt import format_paths

    [result] = format_paths([folder])
    assert result.changed and os.path.samefile(path, twin)
    assert "The root claim.   " not in twin.read_text() and "The root claim.\n" in twin.read_text()


def test_add_answers_an_objection_to_a_link_with_a_nested_address(tmp_path):
    """`add --attacks d->c->b->a` (argmap.address): written in d's file, checked, evaluated as AFRA says;
    an address whose inner relation nobody made is refused and nothing is written."""
    from argmap.evaluation import evaluate
    from argmap.graph import build
    from argmap.settings import Settings
    from literal import NESTED

    (tmp_path / "m.yaml").write_text(NESTED.lstrip(), encoding="utf-8")
    before = (tmp_path / "m.yaml").read_bytes()
    with pytest.raises(ArgmapError, match="'e' has no relation to 'c->b->a'"):
        add_node(tmp_path, "e->c->b->a", "attacks", "Not there.", by="Me")
    assert (tmp_path / "m.yaml").read_bytes() == before
    result = add_node(tmp_path, "e->d->c->b->a", "undercuts", "E's point misreads D.", by="Me")
    added = argmap.load(tmp_path).nodes()[result.node_id]
    assert [(r.kind, r.target) for r in added.relations] == [("undercuts", "e->d->c->b->a")]
    assert evaluate(build(argmap.load(tmp_path)), Settings()).status[result.node_id] == "IN"
    assert CliRunner().invoke(cli, ["fmt", "--check", str(tmp_path)]).exit_code == 0
