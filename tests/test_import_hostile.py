"""Hostile inputs to `argmap import` (issue 24): crafted files in tests/data/hostile/.

An imported file cannot put words in a map (no node that is not in the input, no key
smuggled in through a value), cannot make argmap hang or print a traceback, and cannot
make `import` write where it should not (a dangling symlink, an existing map, a folder
for `Debate.YAML`); whatever it loses is a warning, and what is written checks clean.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from importhelp import ROOT

import argmap
from argmap.cli import cli
from argmap.diagnostics import ArgmapError, InvalidInputError
from argmap.fmt import format_text
from argmap.importers import import_to

HOSTILE = ROOT / "tests" / "data" / "hostile"
OTHER = "map: taken-name\nnodes:\n  - id: other-node\n    text: A map already in the folder.\n"


def _words(text: str) -> str:
    return " ".join(text.replace("\\", "").split())


def _import(tmp_path: Path, name: str, *args: str):
    """`argmap import` of a hostile file into a folder that already holds one map."""
    folder = tmp_path / "arguments"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "other.yaml").write_text(OTHER, encoding="utf-8")
    out = folder / "imported.yaml"
    result = CliRunner().invoke(cli, ["import", str(HOSTILE / name), "-o", str(out), *args])
    assert "Traceback" not in result.output and not isinstance(result.exception, Exception) or result.exit_code != 0
    return result, out


@pytest.mark.parametrize("name, codes", [
    ("aif-edge-injection.json", {"import-source-id", "import-relation-kind"}),
    ("argdown-source-key.argdown", {"import-source-id", "import-source-url", "import-source-reply", "import-source-order"}),
    ("argdown-deep-data.argdown", {"argdown-frontmatter"}),
    ("argdown-comments.argdown", {"argdown-open-comment"}),
    ("aif-long-number.json", {"aif-long-number"}),
    ("aif-odd-values.json", {"import-stance", "import-weight", "import-source", "import-self-loop", "import-relation-target",
                             "aif-bad-id"}),
    ("aif-colon-author.json", set()),
    ("kialo-yaml-text.txt", {"kialo-self-see"}),
    ("microtext-long-ids.xml", {"microtext-self"}),
])
def test_a_hostile_file_imports_its_own_nodes_only_and_checks_clean(tmp_path, name, codes):
    result, out = _import(tmp_path, name)
    assert result.exit_code == 0, result.output
    found = {line.split("warning[", 1)[1].split("]", 1)[0] for line in result.output.splitlines() if "warning[" in line}
    assert found == codes, result.output
    text = out.read_text(encoding="utf-8")
    assert format_text(text) == text  # fmt --check clean
    project, diags = argmap.check(out.parent)
    assert [str(d) for d in diags if d.is_error] == []
    (m,) = [m for m in project.maps if m.path == str(out)]
    source = _words((HOSTILE / name).read_text(encoding="utf-8"))
    for node in m.nodes:  # every node's words are in the input: nothing was added
        assert _words(node.text) in source, node.text
        assert "injected-node" not in node.id and "injected-by-source" not in node.id


def test_a_map_name_already_in_the_folder_is_not_taken_twice(tmp_path):
    folder = tmp_path / "arguments"
    folder.mkdir()
    (folder / "other.yaml").write_text(OTHER, encoding="utf-8")
    written, warnings = import_to([HOSTILE / "aif-odd-values.json"], folder)
    assert written == [folder / "taken-name-2.yaml"]
    assert "import-map-taken" in [w.code for w in warnings]
    assert [d for d in argmap.check(folder)[1] if d.is_error] == []


def test_the_edge_value_injection_is_refused_and_the_real_relation_kept(tmp_path):
    result, out = _import(tmp_path, "aif-edge-injection.json")
    m = argmap.load(out.parent).map("imported")
    assert [n.id for n in m.nodes] == ["real-claim", "real-reason", "real-objection"]
    (attack,) = m.nodes[2].relations
    assert (attack.kind, attack.target, attack.target_relation) == ("attacks", "real-reason->real-claim", None)
    assert list(m.sources) == ["real-source-nodes-id-injected"]


def test_the_colon_author_and_the_escaped_comments_round_trip(tmp_path):
    _, out = _import(tmp_path, "aif-colon-author.json")
    assert [n.by for n in argmap.load(out).maps[0].nodes] == ["Dr. Who: The Doctor"]
    _, out = _import(tmp_path / "b", "argdown-comments.argdown")
    texts = [n.text for n in argmap.load(out).maps[0].nodes]
    assert texts == ["Keep <!-- this --> and /* this */ as text.", "Before the open comment."]


def test_an_aif_file_nested_too_deeply_is_one_located_error_and_nothing_is_written(tmp_path):
    result, out = _import(tmp_path, "aif-deep.json")
    assert result.exit_code == 1
    assert f"{HOSTILE / 'aif-deep.json'}:2:498: error[too-deep]: JSON nested more than 500 levels deep" in result.output
    assert not out.exists()


@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_a_device_or_a_fifo_is_refused_at_once(tmp_path, special):
    if special == "fifo":
        special = tmp_path / "debate.argdown"
        os.mkfifo(special)
    outcome = []

    def run():
        try:
            import_to([special], tmp_path / "out.yaml")
        except InvalidInputError as exc:
            outcome.append(exc.diagnostics)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(20)
    assert not t.is_alive(), "import blocked on a special file"
    (diags,) = outcome
    assert [d.code for d in diags] == ["not-a-file"] and str(diags[0].loc) == f"{special}:1:1"
    assert not (tmp_path / "out.yaml").exists()


def test_a_file_larger_than_the_limit_is_refused_by_reading_not_by_stat(tmp_path, monkeypatch):
    from argmap import fsutil

    monkeypatch.setattr(fsutil, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.argdown"
    big.write_text("[A]: x\n" * 500)
    with pytest.raises(InvalidInputError) as exc:
        import_to([big], tmp_path / "out.yaml")
    assert [d.code for d in exc.value.diagnostics] == ["too-large"]


def test_twelve_concurrent_imports_to_one_output_one_wins(tmp_path):
    src = tmp_path / "d.argdown"
    src.write_text("[A]: Claim.\n  + [B]: Reason.\n", encoding="utf-8")
    out = tmp_path / "arguments" / "debate.yaml"
    (tmp_path / "arguments").mkdir()
    procs = [subprocess.Popen([sys.executable, "-m", "argmap.cli", "import", str(src), "-o", str(out)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path) for _ in range(12)]
    results = [(p.wait(60), p.stderr.read()) for p in procs]
    won = [err for code, err in results if code == 0]
    lost = [err for code, err in results if code != 0]
    assert len(won) == 1 and f"wrote {out}" in won[0]
    assert len(lost) == 11 and all("already exists" in err or "will not overwrite" in err for err in lost), lost
    assert all("Traceback" not in err for _, err in results)
    assert [d for d in argmap.check(out)[1] if d.is_error] == []
    assert sorted(p.name for p in out.parent.iterdir()) == ["debate.yaml"]  # no temporary file left behind


def test_no_write_through_a_dangling_symlink_even_with_force(tmp_path):
    src = tmp_path / "d.argdown"
    src.write_text("[A]: Claim.\n", encoding="utf-8")
    (tmp_path / "arguments").mkdir()
    outside = tmp_path / "outside" / "secret.yaml"
    link = tmp_path / "arguments" / "debate.yaml"
    link.symlink_to(outside)
    for force in (False, True):
        with pytest.raises(ArgmapError, match="symlink to nothing"):
            import_to([src], link, force=force)
    assert not outside.exists() and not outside.parent.exists()


def test_an_upper_case_yaml_suffix_is_a_file_not_a_folder(tmp_path):
    src = tmp_path / "d.argdown"
    src.write_text("[A]: Claim.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(tmp_path / "Debate.YAML")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "Debate.YAML").is_file()
    assert argmap.load(tmp_path / "Debate.YAML").maps[0].name == "Debate"


def test_an_existing_map_is_replaced_only_with_force(tmp_path):
    src = tmp_path / "d.argdown"
    src.write_text("[A]: Claim.\n", encoding="utf-8")
    target = tmp_path / "arguments" / "power.yaml"
    target.parent.mkdir()
    target.write_text("map: power\nnodes:\n  - id: a\n    text: Mine.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(target)])
    assert result.exit_code == 1 and "will not overwrite" in result.output and "--force" in result.output
    assert "Mine." in target.read_text()
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(target), "--force"])
    assert result.exit_code == 0, result.output
    m = argmap.load(target).maps[0]
    assert (m.name, [n.id for n in m.nodes]) == ("power", ["a"])  # the replaced map's ids are free again


def test_the_map_is_named_after_the_output_file_unless_map_says(tmp_path):
    src = tmp_path / "kialo.txt"
    src.write_text("Discussion Title: Homework?\n\n1. Ban homework.\n1.1. Pro: It is stressful.\n", encoding="utf-8")
    CliRunner().invoke(cli, ["import", str(src), "-o", str(tmp_path / "homework.yaml")])
    assert argmap.load(tmp_path / "homework.yaml").maps[0].name == "homework"
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(tmp_path / "b.yaml"), "--map", "hw"])
    assert result.exit_code == 0, result.output
    assert argmap.load(tmp_path / "b.yaml").maps[0].name == "hw"
    result = CliRunner().invoke(cli, ["import", str(src), "-o", str(tmp_path / "c.yaml"), "--map", "no good\nname"])
    assert result.exit_code == 0 and "warning[import-map-name]" in result.output
    assert argmap.load(tmp_path / "c.yaml").maps[0].name == "no-good-name"


def test_an_argdown_round_trip_adds_no_source(tmp_path):
    from argmap.export import export
    from argmap.graph import build
    from argmap.model import Map, Node, Project, Relation

    p = Project((Map("m", "m.yaml", title="T", nodes=(
        Node("a", "A.", "m"), Node("b", "B.", "m", relations=(Relation("attacks", "b", "a"),))),),))
    (tmp_path / "m.argdown").write_text(export(build(p), "argdown"), encoding="utf-8")
    written, warnings = import_to([tmp_path / "m.argdown"], tmp_path / "m.yaml")
    m = argmap.load(written[0]).maps[0]
    assert m.sources == {} and [n.source for n in m.nodes] == [None, None] and warnings == []
