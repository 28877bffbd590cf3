"""Graph → an HTML fragment holding the map as inline SVG (``argmap render --format html``).

An SVG shown through ``<img>`` loses its tooltips and links: browsers run no
interaction inside an image.  Pasted inline it keeps both, so this exporter
draws the map with Graphviz (the embedded engine by default, as for SVG) and
returns markup meant to be pasted into a page:

- the XML declaration, DOCTYPE and comments are dropped (they are not HTML);
- the fixed ``width``/``height`` in points give way to the ``viewBox`` plus
  ``width:100%; max-width:<natural width>; height:auto``, so the map shrinks to
  its column and never grows past its natural size;
- every tooltip Graphviz wrote as ``xlink:title`` is repeated as an SVG
  ``<title>`` child, which every browser shows on hover (text, quote, source);
- links to sources stay ``<a xlink:href=... target="_blank">``; any link that is
  not ``http(s):`` or ``mailto:`` is removed.

The SVG editing is :func:`argmap.svgfinish.inline_svg`; the same
functions serve the Markdown extension and the pandoc filter.
"""

from __future__ import annotations

from ..svgfinish import inline_svg

__all__ = ["export", "fragment"]

def fragment(svg: bytes | str, *, label: str | None = None, css_class: str = "argmap") -> str:
    """The inline SVG wrapped in ``<figure class="argmap">`` (no page around it)."""
    return f'<figure class="{css_class}">\n{inline_svg(svg, label=label)}\n</figure>\n'


def export(G, settings=None, evaluation=None) -> str:
    """The (already selected) graph drawn by Graphviz, as an HTML fragment with inline SVG."""
    from ..render import render
    from ..settings import Settings
    from .dot import export as export_dot

    settings = settings or Settings()
    svg = render(export_dot(G, settings, evaluation), "svg", settings.engine)
    return fragment(svg, label=G.graph.get("title") or G.graph.get("map"))
