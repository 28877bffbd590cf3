"""Settings: defaults, overlaid by argmap.toml, overlaid by flags; every config problem located, never a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.diagnostics import ArgmapError, InvalidInputError
from argmap.settings import Settings, load_config, load_settings

MAP = "nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks: [a]\n"


def _config(tmp_path, text):
    (tmp_path / "argmap.toml").write_text(text)
    return tmp_path


def _error(tmp_path, text) -> str:
    with pytest.raises(InvalidInputError) as info:
        load_config(_config(tmp_path, text))
    (d,) = info.value.diagnostics
    return d.format()


def test_defaults_without_a_file(tmp_path):
    assert load_config(tmp_path) == Settings()


def test_file_then_flags(tmp_path):
    _config(tmp_path, '[render]\nwrap = 40\ncolor-by = "kind"\nsemantics = "PR"\n')
    s = load_settings(tmp_path, wrap=None, color_by="status")
    assert (s.wrap, s.color_by, s.semantics) == (40, "status", "preferred")


@pytest.mark.parametrize(
    "text, where, message",
    [
        ('[render]\nwrap = 40\nfontsize = "big"\n', "3:1", "fontsize must be a number, not 'big'"),
        ('[render]\nstagger = "x"\n', "2:1", "stagger must be a whole number, not 'x'"),
        ("render = 5\n", "1:1", "render must be a table ([render]), not 5"),
        ('[render]\nrankdir = "XX"\n', "2:1", "rankdir must be one of BT, TB, LR, RL, not 'XX'"),
        ("[render]\nlegend = 3\n", "2:1", "legend must be true or false, not 3"),
        ('[render]\nsemantics = "nope"\n', "2:1", "semantics must be one of grounded, complete, preferred, stable"),
        ("[render]\nwrap = 4\n", "2:1", "wrap must be between 8 and 200"),
        ("[render]\nwrap = \n", "2:8", "invalid TOML"),
    ],
)
def test_type_and_value_errors_are_located(tmp_path, text, where, message):
    shown = _error(tmp_path, text)
    assert shown.startswith(f"{tmp_path}/argmap.toml:{where}: error[config]: ")
    assert message in shown and "hint:" in shown


def test_unknown_key_is_reported_on_its_own_line_with_did_you_mean(tmp_path):
    shown = _error(tmp_path, '[render]\nwrap = 40\n\nfontsise = 12\n')
    assert shown.startswith(f"{tmp_path}/argmap.toml:4:1: error[config]: unknown setting 'fontsise' in [render]")
    assert "did you mean 'fontsize'?" in shown


def test_unknown_table_is_located(tmp_path):
    shown = _error(tmp_path, "# settings\n[rendr]\nwrap = 40\n")
    assert shown.startswith(f"{tmp_path}/argmap.toml:2:1: error[config]: unknown table or key 'rendr'")
    assert "did you mean 'render'?" in shown


def test_flags_are_checked_too():
    with pytest.raises(ArgmapError):
        Settings().replace(rankdir="XX")


@pytest.mark.parametrize("text", ['[render]\nfontsize = "big"\n', '[render]\nstagger = "x"\n', "render = 5\n"])
def test_the_cli_prints_one_located_line_not_a_traceback(tmp_path, text):
    (tmp_path / "m.yaml").write_text(MAP)
    _config(tmp_path, text)
    result = CliRunner().invoke(cli, ["render", str(tmp_path / "m.yaml"), "-o", str(tmp_path / "m.dot")])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert f"{tmp_path}/argmap.toml:" in result.output and "error[config]" in result.output
    assert "Traceback" not in result.output and not (tmp_path / "m.dot").exists()


def test_config_semantics_reaches_analyze_show_and_render_alike(tmp_path):
    (tmp_path / "m.yaml").write_text("nodes:\n  - id: a\n    text: A.\n    attacks: [b]\n  - id: b\n    text: B.\n    attacks: [a]\n")
    _config(tmp_path, '[render]\nsemantics = "stable"\n')
    run = lambda *a: CliRunner().invoke(cli, [str(x) for x in a], catch_exceptions=False).output  # noqa: E731
    assert "What still stands, under stable semantics" in run("analyze", tmp_path)
    assert "Semantics: stable" in run("analyze", tmp_path, "--table")
    assert "stable semantics" in run("show", "a", tmp_path)


def test_config_semantics_gives_render_analyze_and_show_one_verdict(tmp_path):
    # a and b attack each other and both attack c: grounded leaves c UNDEC, preferred makes it OUT
    (tmp_path / "m.yaml").write_text(
        "nodes:\n  - id: a\n    text: A.\n    attacks: [b, c]\n  - id: b\n    text: B.\n    attacks: [a, c]\n"
        "  - id: c\n    text: C.\n"
    )
    _config(tmp_path, '[render]\nsemantics = "preferred"\n')
    run = lambda *a: CliRunner().invoke(cli, [str(x) for x in a], catch_exceptions=False).output  # noqa: E731
    import json

    drawn = json.loads(run("render", tmp_path / "m.yaml", "-o", "-", "--format", "json", "--color-by", "status"))
    assert {d["id"]: d["status"] for d in drawn["nodes"]}["c"] == "OUT"
    assert json.loads(run("analyze", tmp_path / "m.yaml", "--json"))["status"]["c"] == "OUT"
    assert "status: OUT" in run("show", "c", tmp_path)
    assert json.loads(run("analyze", tmp_path, "--json", "--semantics", "grounded"))["status"]["c"] == "UNDEC"


# Format v2 settings.


def test_settings_take_labels_inferred_and_gradual_semantics_from_argmap_toml(tmp_path):
    from argmap.diagnostics import InvalidInputError
    from argmap.settings import load_settings

    (tmp_path / "argmap.toml").write_text('[render]\nlabels = "title"\ninferred = false\nsemantics = "DF-QuAD"\n')
    s = load_settings(tmp_path)
    assert (s.labels, s.inferred, s.semantics) == ("title", False, "dfquad")
    assert load_settings(tmp_path, semantics="qe").semantics == "quadratic-energy"
    (tmp_path / "argmap.toml").write_text('[render]\nlabels = "titles"\n')
    with pytest.raises(InvalidInputError, match="labels must be one of both, title, text"):
        load_settings(tmp_path)
