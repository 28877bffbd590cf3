"""The output formats: one registry, the only place a format is declared.

Text formats are one module each, ``export(graph, settings, evaluation=None) -> str``
(``framework`` serves three related formats, one function each).  Images (svg,
png, pdf) are DOT drawn by :mod:`argmap.render`.  A new format is a module here
and one :func:`register` line below; the CLI's ``--format`` choices, the output
suffixes it recognises and its help text all come from :data:`FORMATS`.

>>> format_for_suffix("map.gv"), format_for_suffix("x.mmd"), format_for_suffix("x.txt")
('dot', 'mermaid', None)
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Callable, Union

__all__ = [
    "Format",
    "FORMATS",
    "IMAGE_FORMATS",
    "register",
    "format_names",
    "format_for_suffix",
    "export",
    "is_framework",
]

Target = Union[str, Callable, None]


@dataclass(frozen=True)
class Format:
    """One output format.

    ``target`` is ``"module"`` or ``"module:function"`` under ``argmap.export``
    (imported only when used), a dotted absolute ``"package.module:function"``,
    or a callable ``(graph, settings, evaluation) -> str`` (``(graph, settings)`` also works:
    such an exporter is given no evaluation); ``None`` for an image drawn from
    DOT.  ``suffixes`` are the output-name endings that select it (the first is
    the one written by ``build``).  ``framework`` formats write the attack
    framework, computed on the whole folder (see :func:`argmap.analysis.closed_framework`).
    """

    name: str
    target: Target
    suffixes: tuple[str, ...]
    help: str
    framework: bool = False

    @property
    def image(self) -> bool:
        return self.target is None

    @property
    def suffix(self) -> str:
        return self.suffixes[0]


#: format name → :class:`Format`, in the order the CLI lists them
FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    """Declare a format (replacing one of the same name); returns it."""
    FORMATS[fmt.name] = fmt
    return fmt


register(Format("svg", None, ("svg",), "SVG picture (embedded Graphviz: same bytes everywhere)"))
register(Format("png", None, ("png",), "PNG picture"))
register(Format("pdf", None, ("pdf",), "PDF picture"))
register(Format("dot", "dot", ("dot", "gv"), "Graphviz DOT text"))
register(Format("json", "json_", ("json",), "every node and relation as JSON"))
register(Format("graphml", "graphml", ("graphml",), "GraphML (yEd, Gephi, networkx)"))
register(Format("mermaid", "mermaid", ("mmd", "mermaid"), "Mermaid flowchart text"))
register(Format("argdown", "argdown", ("argdown", "ad"), "Argdown text (Argdown's own tools read it)"))
register(Format("aif", "aif", ("aif.json",), "AIF-JSON (AIFdb, OVA, arguebuf)"))
register(Format("html", "html", ("html", "htm"), "HTML fragment: the map as inline SVG, hover text and links kept"))
register(Format("apx", "framework:export_apx", ("apx",), "attack framework, ASPARTIX (ICCMA)", framework=True))
register(Format("tgf", "framework:export_tgf", ("tgf",), "attack framework, trivial graph format", framework=True))
register(Format("i23", "framework:export_i23", ("i23",), "attack framework, ICCMA 2023 `p af N`", framework=True))

#: the picture formats (drawn by Graphviz from DOT)
IMAGE_FORMATS = tuple(name for name, f in FORMATS.items() if f.image)


def format_names() -> tuple[str, ...]:
    """Every registered format name, in registry order."""
    return tuple(FORMATS)


def format_for_suffix(output: str | Path) -> str | None:
    """The format an output name's suffix selects, or ``None`` (no suffix, or one nobody registered).

    The longest registered suffix wins, so ``x.aif.json`` is AIF and ``x.json`` is JSON.

    >>> format_for_suffix("map.aif.json"), format_for_suffix("map.JSON"), format_for_suffix("map")
    ('aif', 'json', None)
    """
    name = Path(str(output)).name.lower()
    best, length = None, 0
    for fmt_name, f in FORMATS.items():
        for suffix in f.suffixes:
            if name.endswith("." + suffix) and len(suffix) > length:
                best, length = fmt_name, len(suffix)
    return best


def is_framework(fmt: str) -> bool:
    f = FORMATS.get(fmt)
    return bool(f and f.framework)


def _resolve(target: Target) -> Callable:
    if callable(target):
        return target
    module, _, function = str(target).partition(":")
    name = module if "." in module else f"{__name__}.{module}"
    return getattr(import_module(name), function or "export")


def export(G, fmt: str, settings=None, evaluation=None) -> str:
    """The graph as text in ``fmt`` (a registered text format).

    ``evaluation`` is the folder's :class:`~argmap.evaluation.Evaluation` (or None):
    exporters that show verdicts read them from it, never from the graph.
    """
    f = FORMATS.get(fmt)
    if f is None or f.image:
        raise KeyError(fmt)
    fn = _resolve(f.target)
    if not _takes_evaluation(fn):  # a plain ``(graph, settings)`` exporter shows no verdicts
        return fn(G, settings)
    return fn(G, settings, evaluation)


def _takes_evaluation(fn: Callable) -> bool:
    import inspect

    try:
        params = inspect.signature(fn).parameters.values()
    except (TypeError, ValueError):
        return True
    if any(p.kind is p.VAR_POSITIONAL for p in params):
        return True
    return sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params) >= 3

