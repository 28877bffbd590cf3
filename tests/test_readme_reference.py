"""The README's command reference is what `--help` prints now (regenerate: `.venv/bin/cog -r README.md`)."""

from __future__ import annotations

import subprocess
import sys

from argmap.cli import cli
from argmap.cli.reference import help_text, markdown

from conftest import ROOT


def test_readme_command_reference_is_up_to_date():
    proc = subprocess.run([sys.executable, "-m", "cogapp", "--check", "README.md"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"README.md is stale: run `.venv/bin/cog -r README.md`\n{proc.stdout}{proc.stderr}"


def test_the_reference_holds_every_visible_command_and_its_options():
    text = markdown()
    for name, command in cli.commands.items():
        if command.hidden:
            continue
        assert f"#### `argmap {name}`" in text
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--") and not getattr(param, "hidden", False):
                    assert opt in text, (name, opt)


def test_help_text_does_not_depend_on_the_terminal(monkeypatch):
    first = help_text("render")
    monkeypatch.setenv("COLUMNS", "40")
    assert help_text("render") == first
