"""The ``argmap`` command: a thin skin over the library.

Each command parses its flags, calls one library function and prints.  Heavy
modules are imported inside the commands that need them, so ``argmap --help``
and ``argmap check`` start quickly.  The commands live in three modules by what
they do (read, draw, write); importing them registers them on :data:`cli`.
"""

from __future__ import annotations

from . import draw, read, write  # noqa: F401  (registers the commands)
from .base import DEFAULT_FOLDER, EXIT_ERRORS, EXIT_OK, EXIT_USAGE, cli

__all__ = ["cli", "main", "DEFAULT_FOLDER", "EXIT_OK", "EXIT_ERRORS", "EXIT_USAGE"]


def main():
    cli(prog_name="argmap")
