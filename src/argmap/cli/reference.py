"""The README's command reference, generated from the commands' own ``--help``.

The README holds a ``cog`` block that calls :func:`markdown`; ``cog -r README.md``
refreshes it and ``tests/test_readme_reference.py`` fails when it is stale.
"""

from __future__ import annotations

import click

from . import cli

__all__ = ["markdown", "help_text"]

WIDTH = 100


def help_text(name: str | None = None) -> str:
    """``argmap [NAME] --help`` as printed at a fixed width (so the text does not depend on the terminal)."""
    root = click.Context(cli, info_name="argmap", terminal_width=WIDTH, max_content_width=WIDTH,
                         help_option_names=["-h", "--help"])
    if name is None:
        return cli.get_help(root)
    command = cli.commands[name]
    ctx = click.Context(command, info_name=name, parent=root, terminal_width=WIDTH, max_content_width=WIDTH,
                        help_option_names=["-h", "--help"])
    return command.get_help(ctx)


def markdown() -> str:
    """Every command's help, in command order, as Markdown."""
    parts = ["```text", help_text(), "```", ""]
    for name in sorted(cli.commands):
        if cli.commands[name].hidden:
            continue
        parts += [f"#### `argmap {name}`", "", "```text", help_text(name), "```", ""]
    return "\n".join(parts)
