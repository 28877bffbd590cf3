"""argmap: map debates written as YAML, check them, evaluate them, draw them.

The library works without the CLI::

    >>> import argmap
    >>> project = argmap.load("arguments/")           # doctest: +SKIP
    >>> project, diagnostics = argmap.check("arguments/", quotes="texts/")  # doctest: +SKIP

Heavy modules (networkx, pydot, the WebAssembly Graphviz) are imported only by
the steps that need them, so loading and checking stay quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .diagnostics import ArgmapError, Diagnostic, InvalidInputError, has_errors
from .model import Location, Map, Node, Project, Relation, Source

__all__ = [
    "load",
    "check",
    "ArgmapError",
    "InvalidInputError",
    "Diagnostic",
    "Project",
    "Map",
    "Node",
    "Relation",
    "Source",
    "Location",
]

from ._version import __version__  # noqa: E402


def check(
    paths: str | Path | Iterable[str | Path], *, quotes: str | Path | None = None
) -> tuple[Project, list[Diagnostic]]:
    """Read every map under ``paths`` and return the project with *all* problems found.

    A file is read in the context of its folder (links into sibling maps resolve);
    the diagnostics are those that concern what ``paths`` name.  ``quotes`` is a
    folder of source texts; when given, every quote is looked up there.
    """
    from .project import open_paths

    if isinstance(paths, (str, Path)):
        paths = [paths]
    opened = open_paths(list(paths), quotes=quotes, default=None)
    return opened.project, opened.diagnostics


def load(paths: str | Path | Iterable[str | Path], *, quotes: str | Path | None = None) -> Project:
    """The project under ``paths``; raises :class:`InvalidInputError` if it has errors."""
    project, diags = check(paths, quotes=quotes)
    if has_errors(diags):
        raise InvalidInputError(diags)
    return project
