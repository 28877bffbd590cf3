"""`argmap fmt`: canonical key order and wrapping, every comment kept, the data never changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import cli
from argmap.diagnostics import ArgmapError
from argmap.fmt import format_text

ROOT = Path(__file__).resolve().parents[1]
EDIT = ROOT / "tests" / "data" / "edit"
FILES = sorted((ROOT / "arguments").glob("*.yaml")) + sorted(EDIT.glob("*.yaml"))


def comments(text: str) -> list[str]:
    """Every comment, in order (a '#' after a space or at a line start, outside quotes: good enough here)."""
    return [m.group(0).strip() for line in text.splitlines() for m in [re.search(r"(?:^|\s)#.*$", line)] if m]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_format_keeps_data_and_comments_and_is_idempotent(path):
    text = path.read_text(encoding="utf-8-sig")
    out = format_text(text)
    assert yaml.safe_load(out) == yaml.safe_load(text)
    assert sorted(comments(out)) == sorted(comments(text))
    assert format_text(out) == out
    assert out.endswith("\n") and "\r" not in out and not re.search(r"[ \t]$", out, re.M)


def test_keys_reordered_with_their_comments():
    text = (
        "# header stays first\n"
        "nodes:\n"
        "  - text: Second key first.   # on the text\n"
        "    attacks: [b]\n"
        "    # about the id\n"
        "    id: a\n"
        "\n"
        "  - id: b\n"
        "    text: B.\n"
        "title: Title after nodes\n"
        "map: m\n"
    )
    assert format_text(text) == (
        "# header stays first\n"
        "map: m\n"
        "title: Title after nodes\n"
        "nodes:\n"
        "  # about the id\n"  # the comment above `id` moves with it, above the item's '- '
        "  - id: a\n"
        "    text: Second key first.   # on the text\n"
        "    attacks: [b]\n"
        "\n"
        "  - id: b\n"
        "    text: B.\n"
    )


def test_keys_reordered():
    text = "nodes:\n- attacks: [b]   # why\n  # the words\n  text: A.\n  id: a\n- id: b\n  text: B.\nmap: m\n"
    assert format_text(text) == (
        "map: m\nnodes:\n- id: a\n  # the words\n  text: A.\n  attacks: [b]   # why\n- id: b\n  text: B.\n"
    )


def test_long_text_wrapped_and_short_text_unwrapped():
    long = " ".join(["word"] * 40)
    text = f"nodes:\n  - id: a\n    text: {long}   # keep me\n    note: >-\n      short\n      note\n"
    out = format_text(text, width=60)
    assert "    text: >-  # keep me\n      word word" in out
    assert "    note: short note\n" in out
    assert all(len(line) <= 60 for line in out.splitlines())
    assert yaml.safe_load(out)["nodes"][0]["text"] == long


def test_values_that_cannot_fold_are_left_alone():
    text = 'nodes:\n  - id: a\n    text: "two  spaces ' + "x " * 60 + 'end"\n'
    assert format_text(text) == text


def test_crlf_and_trailing_space_normalised():
    assert format_text("nodes:  \r\n  - id: a\r\n    text: A.\r\n\r\n\r\n") == "nodes:\n  - id: a\n    text: A.\n"


def test_not_yaml_is_an_error():
    with pytest.raises(ArgmapError, match="invalid YAML"):
        format_text("nodes: [unclosed\n")


def test_cli_check_then_format(tmp_path):
    for p in (ROOT / "arguments").glob("*.yaml"):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "messy.yaml").write_text("nodes:\n- text: A.\n  id: messy-a\n")
    runner = CliRunner()
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    result = runner.invoke(cli, ["fmt", "--check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"would reformat {tmp_path / 'messy.yaml'}" in result.output
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before
    result = runner.invoke(cli, ["fmt", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "messy.yaml").read_text() == "nodes:\n- id: messy-a\n  text: A.\n"
    result = runner.invoke(cli, ["fmt", "--check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "0 files would be reformatted" in result.output


def test_cli_bad_file_reported_and_untouched(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes:\n  - id: a\n    by: x: y\n")
    result = CliRunner().invoke(cli, ["fmt", str(bad)])
    assert result.exit_code == 1 and "invalid YAML" in result.output and "Traceback" not in result.output
    assert bad.read_text() == "nodes:\n  - id: a\n    by: x: y\n"


def test_alias_bombs_and_deep_nesting_are_refused_safely(data_dir):
    from argmap.diagnostics import ArgmapError
    from argmap.fmt import format_text

    bomb = (data_dir / "errors" / "alias-bomb.yaml").read_text()
    with pytest.raises(ArgmapError, match=r"error\[alias\].*not formatted"):
        format_text(bomb)
    with pytest.raises(ArgmapError, match=r"error\[too-deep\]"):
        format_text("nodes: " + "[" * 50_000 + "]" * 50_000 + "\n")
