"""argmap: map debates written as YAML, check them, evaluate them, draw them.

The library works without the CLI::

    >>> import argmap
    >>> project = argmap.load("arguments/")           # doctest: +SKIP
    >>> project, diagnostics = argmap.check("arguments/", quotes="texts/")  # doctest: +SKIP

Heavy modules (networkx, pydot, the WebAssembly Graphviz) are imported only by
the steps that need them, so loading and checking stay quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from typing import Iterable

    from .diagnostics import ArgmapError, Diagnostic, InvalidInputError
    from .model import Location, Map, Node, Project, Relation, Source, Wording

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
    "Wording",
    "Location",
]

from ._version import __version__  # noqa: E402

#: where the names of ``__all__`` live; imported on first use, so that ``import argmap.cli``
#: (and ``argmap --help``) does not pay for the model, the diagnostics or pathlib
_LAZY = {
    "ArgmapError": "diagnostics", "InvalidInputError": "diagnostics", "Diagnostic": "diagnostics",
    "Project": "model", "Map": "model", "Node": "model", "Relation": "model", "Source": "model", "Wording": "model",
    "Location": "model",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted({*globals(), *_LAZY})


def check(
    paths: str | Path | Iterable[str | Path], *, quotes: str | Path | None = None
) -> tuple[Project, list[Diagnostic]]:
    """Read every map under ``paths`` and return the project with *all* problems found.

    A file is read in the context of its folder (links into sibling maps resolve);
    the diagnostics are those that concern what ``paths`` name.  ``quotes`` is a
    folder of source texts; when given, every quote is looked up there.
    """
    from pathlib import Path

    from .project import open_paths

    if isinstance(paths, (str, Path)):
        paths = [paths]
    opened = open_paths(list(paths), quotes=quotes, default=None)
    return opened.project, opened.diagnostics


def load(paths: str | Path | Iterable[str | Path], *, quotes: str | Path | None = None) -> Project:
    """The project under ``paths``; raises :class:`InvalidInputError` if it has errors."""
    from .diagnostics import InvalidInputError, has_errors

    project, diags = check(paths, quotes=quotes)
    if has_errors(diags):
        raise InvalidInputError(diags)
    return project
