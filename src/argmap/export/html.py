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

The same functions serve the Markdown extension and the pandoc filter.
"""

from __future__ import annotations

import re

__all__ = ["export", "inline_svg", "fragment"]

_PROLOGUE = re.compile(rb"\A\s*(?:<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*)*", re.S)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_SIZE = re.compile(r'\s(width|height)="([0-9.]+)(pt|px)?"')
_VIEWBOX = re.compile(r'viewBox="([-0-9. ]+)"')
_A_TITLE = re.compile(r'(<a\b[^>]*?\sxlink:title="([^"]*)"[^>]*>)')
_HREF = re.compile(r'\s(xlink:)?href="([^"]*)"')
_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_GRAPH_TITLE = re.compile(r'(<g id="graph0" class="graph"[^>]*>\s*)<title>[^<]*</title>')
_CLUSTER_TITLE = re.compile(r'(<g id="clust\d+" class="cluster">\s*)<title>([^<]*)</title>')


def _safe_href(match: re.Match) -> str:
    url = match.group(2).strip()
    if url.lower().startswith(_SAFE_SCHEMES) or url.startswith("#"):
        return match.group(0)
    return ""


def inline_svg(svg: bytes | str, *, label: str | None = None) -> str:
    """Graphviz SVG as markup for inline use in HTML (see the module docstring).

    >>> svg = ('<?xml version="1.0"?>\\n<!-- x -->\\n<svg width="200pt" height="100pt" viewBox="0 0 200 100">'
    ...        '<a xlink:href="javascript:alert(1)" xlink:title="a &quot;q&quot;"><text>t</text></a></svg>')
    >>> print(inline_svg(svg))
    <svg viewBox="0 0 200 100" role="img" style="width:100%;max-width:200pt;height:auto"><a xlink:title="a &quot;q&quot;"><title>a &quot;q&quot;</title><text>t</text></a></svg>
    """
    if isinstance(svg, str):
        svg = svg.encode("utf-8")
    text = _PROLOGUE.sub(b"", svg, count=1).decode("utf-8")
    text = _COMMENT.sub("", text)
    root = _ROOT.search(text)
    if root is None:
        raise ValueError("not an SVG document")
    tag = root.group(0)
    sizes = {m.group(1): (m.group(2), m.group(3) or "px") for m in _SIZE.finditer(tag)}
    new_tag = " ".join(_SIZE.sub("", tag).split())
    if "viewBox" not in new_tag and "width" in sizes and "height" in sizes:
        new_tag = new_tag[:-1] + f' viewBox="0 0 {sizes["width"][0]} {sizes["height"][0]}">'
    own_style = re.search(r'\sstyle="([^"]*)"', new_tag)
    if own_style:  # the SVG's own scaling rule (max-width at its natural size) is folded into ours
        new_tag = new_tag[: own_style.start()] + new_tag[own_style.end():]
        own_max = re.search(r"max-width:\s*([0-9.]+)([a-z]*)", own_style.group(1))
        if own_max and "width" not in sizes:
            sizes["width"] = (own_max.group(1), own_max.group(2) or "px")
    if "width" not in sizes:
        view = _VIEWBOX.search(new_tag)
        if view:
            sizes["width"] = (view.group(1).split()[2], "pt")
    extra = ' role="img"'
    if label:
        extra += f' aria-label="{_attr(label)}"'
    style = "width:100%;height:auto"
    if "width" in sizes:
        number, unit = sizes["width"]
        style = f"width:100%;max-width:{number}{unit};height:auto"
    extra += f' style="{style}"'
    new_tag = new_tag[:-1].rstrip() + f"{extra}>"
    text = text[: root.start()] + new_tag + text[root.end():]
    text = text.replace("&#45;", "-")  # Graphviz writes every hyphen as an entity; plain is valid and shorter
    text = _HREF.sub(_safe_href, text)
    text = _A_TITLE.sub(lambda m: f"{m.group(1)}<title>{m.group(2)}</title>", text)
    # Graphviz titles the drawing "G" and the legend "cluster_legend": hover text no reader wants
    text = _GRAPH_TITLE.sub(lambda m: f"{m.group(1)}<title>{_attr(label)}</title>" if label else m.group(1), text, count=1)
    text = _CLUSTER_TITLE.sub(lambda m: m.group(1) + "<title>" + m.group(2).removeprefix("cluster_").replace("_", " ").capitalize() + "</title>", text)
    return text.strip()


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


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
