"""Exporters: one module per text format, each ``export(graph, settings) -> str``
(``framework`` serves three related formats, one function each).

Images (svg, png, pdf) are DOT drawn by :mod:`argmap.render`.  A new format is a
module here and a line in :data:`EXPORTERS`.
"""

from __future__ import annotations

from importlib import import_module

__all__ = ["EXPORTERS", "IMAGE_FORMATS", "ALL_FORMATS", "export"]

#: format name → "module" or "module:function" under argmap.export (imported only when used)
EXPORTERS = {
    "dot": "dot",
    "json": "json_",
    "graphml": "graphml",
    "mermaid": "mermaid",
    "apx": "framework:export_apx",
    "tgf": "framework:export_tgf",
    "i23": "framework:export_i23",
    "argdown": "argdown",
    "aif": "aif",
}
IMAGE_FORMATS = ("svg", "png", "pdf")
ALL_FORMATS = IMAGE_FORMATS + tuple(EXPORTERS)


def export(G, fmt: str, settings=None) -> str:
    """The graph as text in ``fmt`` (one of :data:`EXPORTERS`)."""
    module, _, function = EXPORTERS[fmt].partition(":")
    return getattr(import_module(f"{__name__}.{module}"), function or "export")(G, settings)
