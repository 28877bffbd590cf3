"""The README's command reference is generated from `--help` (`make readme`); test_readme.py fails when any
generated block of the README is stale, this one checks what the generator covers."""

from __future__ import annotations

from argmap.cli import cli
from argmap.cli.reference import help_text, markdown


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
