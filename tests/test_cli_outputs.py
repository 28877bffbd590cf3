"""The CLI's outputs and choices: formats come from the registry, outputs are checked before anything is drawn."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.export import FORMATS, Format, register

from conftest import ARGUMENTS


@pytest.fixture
def run():
    def invoke(*args, **kw):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)

    return invoke


def test_a_suffix_that_contradicts_format_is_refused(run, data_dir, tmp_path):
    out = tmp_path / "x.svg"
    result = run("render", data_dir / "small", "-o", out, "--format", "png")
    assert result.exit_code == 1 and not out.exists()
    assert "the suffix .svg says svg, but the format asked for is png" in result.output


def test_an_unregistered_suffix_with_format_is_fine(run, data_dir, tmp_path):
    out = tmp_path / "x.txt"
    assert run("render", data_dir / "small", "-o", out, "--format", "dot").exit_code == 0
    assert out.read_text().startswith("digraph")


def test_standard_output_defaults_to_svg(run, data_dir):
    result = run("render", data_dir / "small", "-o", "-")
    assert result.exit_code == 0 and result.stdout_bytes.lstrip().startswith(b"<?xml") and b"<svg" in result.stdout_bytes


def test_render_refuses_a_missing_output_folder(run, data_dir, tmp_path):
    out = tmp_path / "nonexistent-dir" / "x.svg"
    result = run("render", data_dir / "small", "-o", out)
    assert result.exit_code == 1 and "does not exist" in result.output
    assert not out.parent.exists()


def test_build_still_creates_its_output_folder(run, data_dir, tmp_path):
    out = tmp_path / "new" / "maps"
    assert run("build", data_dir / "small", "-o", out, "--format", "dot").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["debate.dot", "followup.dot"]


def test_render_refuses_to_overwrite_its_own_input(run, small_map):
    m = small_map / "debate.yaml"
    before = m.read_bytes()
    result = run("render", m, "-o", m, "--format", "dot")
    assert result.exit_code == 1 and "one of the map files being read" in result.output
    assert m.read_bytes() == before


def test_render_refuses_to_overwrite_another_map_of_the_folder(run, small_map):
    other = small_map / "followup.yaml"
    before = other.read_bytes()
    result = run("render", small_map / "debate.yaml", "-o", other, "--format", "json")
    assert result.exit_code == 1 and "one of the map files being read" in result.output
    assert other.read_bytes() == before


def test_render_refuses_a_new_yaml_output_that_would_become_a_map(run, small_map):
    # `-o maps/new.yaml --format svg` used to write SVG into the folder, which then failed to check
    out = small_map / "drawn.yaml"
    result = run("render", small_map, "-o", out, "--format", "svg")
    assert result.exit_code == 1 and not out.exists()
    assert ".yaml is the suffix of map files" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_an_empty_folder_says_it_has_no_maps(run, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("render", tmp_path / "empty", "-o", tmp_path / "e.svg")
    assert result.exit_code == 1 and "no maps in" in result.output and "--focus" not in result.output


def test_an_empty_nodes_list_gets_an_honest_message(run, tmp_path):
    (tmp_path / "m.yaml").write_text("nodes:\n")
    result = run("render", tmp_path / "m.yaml", "-o", tmp_path / "e.svg")
    assert result.exit_code == 1 and "has no nodes yet" in result.output and "--focus" not in result.output


def test_an_empty_filter_names_only_the_options_given(run, data_dir, tmp_path):
    result = run("render", data_dir / "small", "-o", tmp_path / "e.svg", "--tag", "no-such-tag")
    assert result.exit_code == 1 and "matches the --tag options given" in result.output


class TestRegistry:
    @pytest.fixture
    def tiny(self):
        def export(G, settings=None):
            return "".join(f"{n}\n" for n in sorted(G.nodes))

        register(Format("tiny", export, ("tny",), "one id a line (a test exporter)"))
        yield
        FORMATS.pop("tiny")

    def test_a_registered_exporter_is_a_format_choice_and_a_suffix(self, run, tiny, data_dir, tmp_path):
        assert "tiny" in run("render", "--help").output
        by_flag = run("render", data_dir / "small", "-o", "-", "--format", "tiny")
        assert by_flag.exit_code == 0 and by_flag.output.splitlines()[0] == "docs-missing"
        out = tmp_path / "x.tny"
        assert run("render", data_dir / "small", "-o", out).exit_code == 0
        assert out.read_text() == by_flag.output
        assert run("build", data_dir / "small", "-o", tmp_path / "b", "--format", "tiny").exit_code == 0
        assert (tmp_path / "b" / "debate.tny").is_file()

    def test_render_help_describes_every_registered_format(self, run, tiny):
        # the docstring once named 7 of 14 formats; the table is read from the registry when shown
        text = " ".join(run("render", "--help").output.split())
        for f in FORMATS.values():
            assert f"{f.name} {f.help}" in text and all("." + s in text for s in f.suffixes), f.name

    def test_every_choice_comes_from_a_registry(self, run):
        from argmap.render import ENGINES
        from argmap.settings import BIPOLAR, COLOR_BY, SEMANTICS

        text = run("render", "--help").output
        for names in (FORMATS, ENGINES, BIPOLAR, COLOR_BY, SEMANTICS):
            for name in names:
                assert name in text

    def test_bipolar_and_semantics_registries_match_the_semantics_module(self):
        from argmap import semantics
        from argmap.settings import BIPOLAR, SEMANTICS

        assert tuple(BIPOLAR) == semantics.BIPOLAR_MODES
        from argmap.gradual import GRADUAL

        assert set(SEMANTICS) == set(semantics.SEMANTICS.values()) | set(GRADUAL)


def test_add_with_file_and_no_path_uses_the_files_folder(run, tmp_path, monkeypatch):
    folder = tmp_path / "elsewhere"
    shutil.copytree(Path(__file__).parent / "data" / "small", folder)
    monkeypatch.chdir(tmp_path)  # no ./arguments here
    result = run("add", "--file", folder / "followup.yaml", "--attacks", "ship-it", "--text", "Not yet.", "--id", "not-yet")
    assert result.exit_code == 0, result.output
    assert "not-yet" in (folder / "followup.yaml").read_text()
    result = run("add", "--file", folder / "followup.yaml", "--attacks", "no-such-node", "--text", "X.", "--dry-run")
    assert result.exit_code == 1 and "no-such-node" in result.output


def test_add_with_file_from_the_project_root_checks_the_files_folder(run, tmp_path, monkeypatch):
    root = tmp_path / "root"
    shutil.copytree(ARGUMENTS, root / "arguments")
    other = tmp_path / "other"
    shutil.copytree(Path(__file__).parent / "data" / "small", other)
    monkeypatch.chdir(root)
    # ship-it lives in the other folder only: checking ./arguments would call it dangling
    result = run("add", "--file", other / "followup.yaml", "--supports", "ship-it", "--text", "Ship on Friday.", "--id", "friday")
    assert result.exit_code == 0, result.output
    assert run("check", other).exit_code == 0


def test_watch_refuses_to_overwrite_a_map_it_reads(run, small_map):
    other = small_map / "followup.yaml"
    before = other.read_bytes()
    result = run("watch", small_map / "debate.yaml", "-o", other, "--format", "dot", "--max-builds", "1")
    assert result.exit_code == 1 and "one of the map files being read" in result.output
    assert other.read_bytes() == before


def test_solve_input_formats_come_from_the_registry(run):
    text = run("solve", "--help").output
    assert "[apx|tgf|i23]" in text


@pytest.mark.slow
def test_a_reader_that_goes_away_is_no_error(tmp_path):
    """`argmap solve big.apx | head` once printed `Error: Broken pipe` and exited 1."""
    import shutil
    import subprocess
    import sys

    af = tmp_path / "pairs.apx"
    af.write_text("".join(f"arg(a{i}). arg(b{i}). att(a{i},b{i}). att(b{i},a{i}).\n" for i in range(18)))
    exe = shutil.which("argmap", path=str(Path(sys.executable).parent))
    proc = subprocess.run(f"'{exe}' solve '{af}' -s PR -t EE | head -c 20", shell=True, capture_output=True,
                          text=True, timeout=120)
    assert proc.stdout.startswith("[[") and proc.stderr == ""
