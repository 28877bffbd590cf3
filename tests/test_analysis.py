"""What stands in a map: statuses, reasons, objections, cruxes, tallies."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import argmap
from argmap.analysis import analyze, statuses
from argmap.cli import cli
from argmap.graph import build


@pytest.fixture
def G(data_dir):
    return build(argmap.load(data_dir / "small"))


class TestStatuses:
    def test_grounded_reinstatement(self, G):
        s = statuses(G)
        assert s["docs-written"] == "IN" and s["docs-missing"] == "OUT" and s["ship-it"] == "IN"
        assert s["tests-miss-load"] == "IN" and s["tests-prove-quality"] == "OUT"

    def test_secondary_attack_through_support(self, G):
        # tests-miss-load undercuts tests-prove-quality, which supports ship-it:
        # read as necessary support, that is an attack on ship-it, which now falls.
        assert statuses(G, bipolar="secondary")["ship-it"] == "OUT"
        assert statuses(G, bipolar="supported")["ship-it"] == "IN"

    def test_even_cycle_is_open_under_grounded_and_split_under_preferred(self):
        import networkx as nx

        H = nx.MultiDiGraph()
        H.add_edge("a", "b", key="attacks")
        H.add_edge("b", "a", key="attacks")
        H.add_edge("b", "c", key="attacks")
        assert statuses(H) == {"a": "UNDEC", "b": "UNDEC", "c": "UNDEC"}
        assert statuses(H, "preferred") == {"a": "UNDEC", "b": "UNDEC", "c": "UNDEC"}
        H.add_edge("d", "b", key="attacks")
        assert statuses(H, "stable") == {"a": "IN", "b": "OUT", "c": "IN", "d": "IN"}


class TestAnalyze:
    def test_reasons_objections_cruxes_authors(self, G):
        a = analyze(G)
        assert a.reasons["docs-missing"] == ["docs-written", "docs-missing"]
        assert ("docs-written", "docs-missing", "attacks") in a.unanswered
        assert ("docs-missing", "ship-it", "attacks") not in a.unanswered
        assert a.cruxes[0][0] == "docs-written"  # if it fell, docs-missing would stand and ship-it fall
        assert a.authors["Bob Critic"]["OUT"] == 1 and a.authors["Bob Critic"]["attacks"] == 1
        assert ("Cy Writer", "Bob Critic", "attacks", 1) in a.answers

    def test_cli_text_and_json(self, data_dir):
        runner = CliRunner()
        text = runner.invoke(cli, ["analyze", str(data_dir / "small"), "--table"])
        assert text.exit_code == 0
        assert "OUT     docs-missing" in text.output and "defeated by docs-written (IN)" in text.output
        out = runner.invoke(cli, ["analyze", str(data_dir / "small"), "--json", "--bipolar", "secondary"])
        data = json.loads(out.output)
        assert data["status"]["ship-it"] == "OUT"
        assert data["derived_attacks"]["tests-miss-load -> ship-it"] == ["secondary", "tests-prove-quality"]

    def test_color_by_status_render(self, data_dir, tmp_path):
        out = tmp_path / "s.svg"  # the legend is drawn into the SVG
        result = CliRunner().invoke(cli, ["render", str(data_dir / "small"), "--color-by", "status", "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text()
        assert "IN: stands" in text and "#ffcdd2" in text  # legend explains, OUT nodes are red


class TestSolveCommand:
    @pytest.fixture
    def apx(self, tmp_path):
        p = tmp_path / "af.apx"
        p.write_text("arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,a).\natt(b,c).\n")
        return p

    @pytest.mark.parametrize(
        "args, expected",
        [
            (["-s", "PR", "-t", "EE"], "[[b],[a,c]]"),
            (["-s", "grounded", "-t", "SE"], "[]"),
            (["-s", "ST", "-t", "DC", "-a", "c"], "YES"),
            (["-s", "ST", "-t", "DS", "-a", "c"], "NO"),
        ],
    )
    def test_iccma_answers(self, apx, args, expected):
        result = CliRunner().invoke(cli, ["solve", str(apx), *args])
        assert result.exit_code == 0 and result.output.strip() == expected

    def test_bad_file_is_one_line_with_place(self, tmp_path):
        bad = tmp_path / "bad.apx"
        bad.write_text("arg(a).\natt(a,\n")
        result = CliRunner().invoke(cli, ["solve", str(bad), "-s", "GR"])
        assert result.exit_code == 1
        assert result.output.startswith(f"Error: {bad}:2:") and "Traceback" not in result.output

    def test_missing_arg_for_dc(self, apx):
        result = CliRunner().invoke(cli, ["solve", str(apx), "-s", "GR", "-t", "DC"])
        assert result.exit_code == 1 and "needs an argument (--arg)" in result.output


@pytest.mark.parametrize("suffix", ["apx", "tgf", "i23"])
def test_map_exported_as_framework_solves_to_the_same_statuses(data_dir, tmp_path, suffix):
    from argmap.afio import read_af
    from argmap.semantics import grounded

    out = tmp_path / f"af.{suffix}"
    result = CliRunner().invoke(cli, ["render", str(data_dir / "small"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    af = read_af(out)
    labels = {str(a): str(label) for a, label in grounded(af).items()}
    expected = statuses(build(argmap.load(data_dir / "small")))
    if suffix == "i23":  # arguments are numbered; the ids ride along in comments, in order
        labels = dict(zip(expected, labels.values()))
    assert labels == expected
