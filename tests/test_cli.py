"""The command line, through click's CliRunner and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli

from conftest import ARGUMENTS, DATA, ROOT
from literal import INFERRED, QUESTION


@pytest.fixture
def run():
    def invoke(*args, **kw):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)

    return invoke


class TestCheck:
    def test_clean_folder_exits_zero(self, run, data_dir):
        result = run("check", data_dir / "small")
        assert result.exit_code == 0
        assert "ok: 2 maps, 6 nodes, 5 relations" in result.output

    def test_errors_exit_one_and_list_every_problem(self, run, data_dir):
        result = run("check", data_dir / "errors" / "unknown-key.yaml", data_dir / "errors" / "bad-kind.yaml")
        assert result.exit_code == 1
        assert f"{data_dir}/errors/unknown-key.yaml:6:5: error[unknown-key]: unknown key 'attack' in node\n  hint: did you mean 'attacks'?" in result.output
        assert f"{data_dir}/errors/bad-kind.yaml:4:11: error[bad-kind]" in result.output
        assert "3 errors found." in result.output  # the two files also share the id "a"

    def test_usage_error_exits_two(self, run):
        assert run("check", "--nope").exit_code == 2
        assert run("render").exit_code == 2

    def test_strict_fails_on_warnings(self, run, data_dir):
        result = run("check", "--strict", data_dir / "errors" / "unknown-source.yaml")
        assert result.exit_code == 1

    def test_quotes_option(self, run, data_dir):
        assert run("check", data_dir / "small", "--quotes", data_dir / "texts").exit_code == 0


class TestRender:
    def test_render_file_to_svg_with_ghosts(self, run, data_dir, tmp_path):
        out = tmp_path / "followup.svg"
        result = run("render", data_dir / "small" / "followup.yaml", "-o", out)
        assert result.exit_code == 0, result.output
        root = ET.fromstring(out.read_bytes())
        titles = [t.text for t in root.iter("{http://www.w3.org/2000/svg}title")]
        assert "docs-missing" in titles  # the ghost from the other file
        assert f"wrote {out} (1 node," in result.output

    @pytest.mark.parametrize("suffix, start", [(".dot", b"digraph"), (".json", b"{"), (".mmd", b"flowchart"), (".graphml", b"<graphml")])
    def test_format_from_suffix(self, run, data_dir, tmp_path, suffix, start):
        out = tmp_path / f"m{suffix}"
        assert run("render", data_dir / "small", "-o", out).exit_code == 0
        assert out.read_bytes().startswith(start)

    def test_unknown_suffix_is_usage_error(self, run, data_dir, tmp_path):
        result = run("render", data_dir / "small", "-o", tmp_path / "m.xyz")
        assert result.exit_code == 2 and "unknown output suffix '.xyz'" in result.output

    def test_focus_and_filters(self, run, data_dir, tmp_path):
        out = tmp_path / "f.json"
        assert run("render", data_dir / "small", "--focus", "docs-missing", "--depth", "1", "-o", out).exit_code == 0
        import json

        assert {n["id"] for n in json.loads(out.read_text())["nodes"]} == {"docs-missing", "ship-it", "docs-written"}
        result = run("render", data_dir / "small", "--focus", "docs-mising", "-o", out)
        assert result.exit_code == 1 and "Error: no node with id 'docs-mising' to focus on (did you mean 'docs-missing'?)" in result.output

    def test_invalid_input_writes_nothing(self, run, data_dir, tmp_path):
        out = tmp_path / "x.svg"
        result = run("render", data_dir / "errors" / "dangling.yaml", "-o", out)
        assert result.exit_code == 1 and "error[dangling]" in result.output
        assert not out.exists()

    def test_large_map_note(self, run, tmp_path):
        big = tmp_path / "big.yaml"
        lines = ["nodes:"] + [f"  - id: n{i}\n    text: Node {i}.\n    supports: [n0]" if i else "  - id: n0\n    text: Root." for i in range(160)]
        big.write_text("\n".join(lines) + "\n")
        result = run("render", big, "-o", tmp_path / "big.dot")
        assert "note: this map has 160 nodes" in result.output


class TestBuild:
    def test_build_draws_then_skips_up_to_date(self, run, small_map, tmp_path):
        out = tmp_path / "maps"
        first = run("build", small_map, "-o", out)
        assert first.exit_code == 0, first.output
        assert "[1/2] debate:" in first.output and "2 drawn, 0 up to date" in first.output
        svg = (out / "debate.svg").read_bytes()
        second = run("build", small_map, "-o", out)
        assert "0 drawn, 2 up to date" in second.output
        assert (out / "debate.svg").read_bytes() == svg
        edit = small_map / "debate.yaml"
        edit.write_text(edit.read_text().replace("this week.", "next week."))
        third = run("build", small_map, "-o", out)
        assert "1 drawn, 1 up to date" in third.output


class TestShowAndList:
    def test_show_prints_the_tree(self, run, data_dir):
        result = run("show", "ship-it", data_dir / "small")
        assert result.exit_code == 0
        assert "quote: “we should ship this week”" in result.output
        assert "  status: IN — stands: its objection is answered" in result.output
        assert "grounded semantics" in result.output
        assert "    ~ tests-miss-load [IN]: The tests never exercise real load. — Bob Critic" in result.output
        assert "  - docs-missing [OUT]:" in result.output and "    - docs-written [IN]:" in result.output

    def test_show_gives_every_wording_with_its_quote_and_source(self, run, data_dir):
        result = run("show", "free-parking-costs", data_dir / "wordings")
        assert result.exit_code == 0
        assert ("  also worded (2):\n"
                "    - “The cost of parking is hidden in the price of everything else.”\n"
                "      quote: “its cost hides in the price of groceries and rent”\n"
                "      source: Dana Shoup, What free parking costs, 2023-05-01 <https://example.org/essay>\n"
                "    - “Shoppers who walk pay for the parking of those who drive.” — Luis Rivera\n"
                "      quote: “the people who walk to my shop pay for the cars”\n"
                "      source: Luis Rivera, Council minutes, 12 March, 2024-03-12\n") in result.output

    def test_thread_lists_a_node_under_each_source_it_cites(self, run, data_dir):
        result = run("show", "--thread", data_dir / "wordings" / "parking.yaml")
        assert result.exit_code == 0
        minutes = result.output.split("2. minutes")[1]  # the council member said it too, in other words
        assert ("   - free-parking-costs: Shoppers who walk pay for the parking of those who drive. (Luis Rivera)"
                " [a further wording]") in minutes
        assert "supports cap-parking" not in minutes  # its relations are told once, under its own source

    def test_show_unknown_id(self, run, data_dir):
        result = run("show", "ship", data_dir / "small")
        assert result.exit_code == 1 and "did you mean 'ship-it'?" in result.output

    def test_list(self, run, data_dir):
        result = run("list", data_dir / "small")
        assert result.exit_code == 0 and "2 maps, 6 nodes, 5 relations" in result.output


@pytest.mark.slow
class TestSubprocess:
    def _argmap(self, *args, cwd=ROOT):
        exe = Path(sys.executable).parent / "argmap"
        return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True, cwd=cwd)

    def test_help_teaches_every_command(self):
        result = self._argmap("--help")
        assert result.returncode == 0
        for command in ("check", "render", "build", "show", "list"):
            assert command in result.stdout
            sub = self._argmap(command, "--help")
            assert sub.returncode == 0 and "Example:" in sub.stdout, f"{command} --help lacks an example"

    # Every fixture in-process (an exception escaping the CLI is what a traceback would be), and the
    # ones that fail while reading bytes and parsing YAML again as a real process: one interpreter
    # start-up each is most of this test's cost.
    @pytest.mark.parametrize("name", ["alias-bomb", "not-utf8", "too-deep", "yaml-syntax", "dangling"])
    def test_no_traceback_as_a_process(self, data_dir, name):
        path = data_dir / "errors" / f"{name}.yaml"
        result = self._argmap("render", path, "-o", "-", "--format", "dot")
        assert result.returncode == 1, path
        assert "Traceback" not in result.stderr, result.stderr
        assert str(path) in result.stderr


@pytest.mark.parametrize("path", sorted((DATA / "errors").glob("*.yaml")), ids=lambda p: p.stem)
def test_no_traceback_on_any_error_fixture(run, path):
    result = run("render", path, "-o", "-", "--format", "dot")  # catch_exceptions=False: an exception fails here
    assert result.exit_code == 1, path
    assert "Traceback" not in result.output and str(path) in result.output

    def test_render_real_maps_as_subprocess(self, tmp_path):
        target = next(iter(sorted(ARGUMENTS.glob("*.yaml"))))
        result = self._argmap("render", target, "-o", tmp_path / "m.svg")
        assert result.returncode == 0, result.stderr
        ET.fromstring((tmp_path / "m.svg").read_bytes())


def test_every_command_has_help_with_an_example_and_is_in_the_reference():
    reference = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")  # the README links to it
    for name, command in sorted(cli.commands.items()):
        assert command.help and "Example:" in command.help, f"`argmap {name}` --help lacks an Example: block"
        assert f"### `argmap {name}`" in reference, f"docs/reference.md does not document `argmap {name}`"


def test_unwritable_output_is_one_line_and_exit_one(run, data_dir):
    result = run("render", data_dir / "small", "-o", "/proc/argmap-test/x.svg")
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write /proc/argmap-test/x.svg:")
    assert "Traceback" not in result.output


def test_one_file_in_a_broken_folder_reports_only_its_own_errors(run, data_dir):
    result = run("render", data_dir / "errors" / "dangling.yaml", "-o", "-", "--format", "dot")
    assert result.exit_code == 1
    assert "dangling.yaml:6:15: error[dangling]" in result.output
    assert "1 error found." in result.output  # not the other fixtures' errors


# Format v2 in analyze and show.


def test_analyze_leaves_inferred_out_unless_asked(tmp_path):
    (tmp_path / "m.yaml").write_text(INFERRED)
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["status"] == {"a": "IN", "b": "IN"} and data["inferred"] is False
    data = json.loads(CliRunner().invoke(cli, ["analyze", str(tmp_path), "--json", "--with-inferred"]).output)
    assert data["status"] == {"a": "OUT", "b": "IN"} and data["inferred"] is True


def test_analyze_gives_strength_beside_the_grounded_status(tmp_path):
    (tmp_path / "m.yaml").write_text(textwrap.dedent(QUESTION) + "    attacks: []\n")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--semantics", "dfquad", "--table"])
    assert result.exit_code == 0, result.output
    assert "status = the grounded verdict" in result.output
    assert "0.500     IN      because" in result.output
    assert "q2" in result.output and "UNANSWERED" in result.output


def test_show_thread_prints_the_exchange_in_order(tmp_path):
    (tmp_path / "m.yaml").write_text(textwrap.dedent("""
    sources:
      reply2:
        author: Ann
        replies_to: reply1
        order: 2
      post:
        author: Ann
        order: 0
      reply1:
        author: Bob
        replies_to: post
        order: 1
    nodes:
      - id: thesis
        title: The thesis
        text: T.
        by: Ann
        source: post
      - id: objection
        text: O.
        by: Bob
        source: reply1
        attacks: [thesis]
      - id: rejoinder
        text: R.
        by: Ann
        source: reply2
        attacks: [objection]
    """))
    result = CliRunner().invoke(cli, ["show", "--thread", str(tmp_path / "m.yaml")])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("1. post") < out.index("2. reply1") < out.index("3. reply2")
    assert "replying to post" in out and "- attacks thesis (Ann)" in out
    by_name = CliRunner().invoke(cli, ["show", "--thread", "m", str(tmp_path)])
    assert by_name.output == out


def test_show_tells_holder_stance_and_v2_relations(tmp_path):
    (tmp_path / "m.yaml").write_text(textwrap.dedent("""
    nodes:
      - id: a
        title: The claim
        text: A.
        by: Ann
      - id: b
        text: As Carl says, not A.
        by: Bob
        held_by: Carl
        stance: restates
        contradicts: [a]
      - id: c
        text: Granted, A in part.
        by: Bob
        concedes: [a]
      - id: d
        text: B does not bear on A.
        by: Ann
        attacks: [b->a]
    """))
    out = CliRunner().invoke(cli, ["show", "a", str(tmp_path)]).output
    assert "status: IN" in out and "  The claim" in out
    assert "x b [IN]: As Carl says, not A. — Bob (restated, held by Carl)" in out
    assert "= c [IN]" in out
    assert "d [IN] attacks b->a (contradicts)" in out
    out = CliRunner().invoke(cli, ["show", "b", str(tmp_path)]).output
    assert "by Bob (restated; held by Carl)" in out and "x contradicts a [IN]" in out
