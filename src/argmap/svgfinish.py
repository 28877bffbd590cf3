"""Every edit argmap makes to the SVG Graphviz draws, in one place.

Running Graphviz (:mod:`argmap.render`, either engine) returns Graphviz's own
output; whoever shows it calls one function here:

- :func:`finish`: the SVG file argmap writes (bold titles, the legend, a width that
  follows the column); ``render`` calls it for SVG, PNG and PDF;
- :func:`inline_svg`: that SVG as markup pasted into HTML (the ``html`` format, the
  Markdown and pandoc blocks);
- :func:`for_page`: that SVG slimmed for the offline page (:mod:`argmap.html`);
- :func:`for_conversion`: that SVG prepared for the PNG/PDF converter (:mod:`argmap.convert`);
- :func:`body`: the ``<svg>`` element without the XML prologue (``argmap diff``'s page).

Links are handled one way, by :func:`_safe_href`: an ``http(s):``, ``mailto:`` or
``#`` link stays, any other is removed.  The inline SVG keeps the links that pass
and repeats each tooltip as a ``<title>``; the page also drops the node anchors
(with their tooltips), because its side panel shows the text, quote and source.

Bold titles and the legend
--------------------------

Graphviz's embedded (WebAssembly) build ignores HTML-like labels, so a label cannot
mix bold and regular text.  The DOT exporter instead marks a node whose label
starts with ``n`` title lines with the class ``argmap_title_n``; here the first
``n`` text lines of that node get ``font-weight="bold"``.  The DOT exporter wraps
title lines a little narrower than the body, so the bold line (about a tenth
wider than Graphviz measured) stays inside its box.

Graphviz writes a fixed size in points (``width="744pt" height="680pt"``), which
overflows a blog column and leaves blank bands when scaled.  :func:`finish`
drops it, keeping the ``viewBox``: a browser then draws the SVG as wide as its
column (inline or in ``<img>``) with the height from the ``viewBox``, and a
``max-width`` of the natural size keeps a small map from being blown up.
Converters (cairosvg, rsvg) take the natural size from the ``viewBox``; a
``width="100%"`` or a ``height:auto`` style made cairosvg draw a blank page.

The legend is drawn here too, not by Graphviz: the DOT exporter describes it
(:func:`encode_legend`, carried through Graphviz in the graph's ``comment``) and
:func:`add_legend` sets it as rows of small items under the drawing, wrapped to
the drawing's width, so it adds one small block and never widens a part; each
relation's arrow ends before its name.

Every step is a plain text edit on Graphviz's own output: same input, same bytes.
"""

from __future__ import annotations

import base64
import json
import re
from html import escape

from .textsafe import xml_chars

__all__ = ["finish", "inline_svg", "for_page", "for_conversion", "body", "bold_titles", "scalable", "add_legend", "encode_legend", "TITLE_CLASS"]

TITLE_CLASS = "argmap_title_"

_NODE_WITH_TITLE = re.compile(rb'<g id="[^"]*" class="node ' + TITLE_CLASS.encode() + rb'(\d+)">')
_NEXT_ITEM = re.compile(rb'<g id="[^"]*" class="(?:node|edge|cluster)')
_SIZE = re.compile(rb'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')


def bold_titles(svg: bytes) -> bytes:
    """The first ``n`` text lines of every node marked ``argmap_title_n`` set in bold."""
    out, pos = [], 0
    for match in _NODE_WITH_TITLE.finditer(svg):
        if match.start() < pos:
            continue
        out.append(svg[pos : match.end()])
        pos = match.end()
        following = _NEXT_ITEM.search(svg, pos)  # the next node, edge or cluster
        end = following.start() if following else len(svg)
        chunk = svg[pos:end].split(b"<text ", int(match.group(1)))
        out.append(b'<text font-weight="bold" '.join(chunk))
        pos = end
    out.append(svg[pos:])
    return b"".join(out)


def scalable(svg: bytes) -> bytes:
    """As wide as the column, at most the natural width; height from the viewBox.

    >>> scalable(b'<svg width="744pt" height="680pt" viewBox="0.00 0.00 744.00 680.00"')
    b'<svg style="max-width:744pt" viewBox="0.00 0.00 744.00 680.00"'
    """
    return _SIZE.sub(rb'<svg style="max-width:\1pt"', svg, count=1)


_LEGEND_MARK = "argmaplegend:"
_LEGEND_COMMENT = re.compile(rb"<!-- argmaplegend:([A-Za-z0-9+/=]*) -->\n?")


def encode_legend(spec: dict) -> str:
    """The legend's description as a graph comment Graphviz copies into the SVG untouched."""
    raw = json.dumps(spec, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return _LEGEND_MARK + base64.b64encode(raw).decode("ascii")


def _text_width(text: str, size: float) -> float:
    """A generous estimate of a Helvetica-like text's width in points."""
    wide = sum(1 for c in text if c.isupper() or c in "mwMW—")
    return size * (0.53 * len(text) + 0.14 * wide)


_VIEWBOX = re.compile(rb'viewBox="([0-9.\-]+) ([0-9.\-]+) ([0-9.]+) ([0-9.]+)"')
_MAXWIDTH = re.compile(rb'max-width:([0-9.]+)pt')


def _item(item: dict, x: float, y: float, size: float) -> tuple[str, float]:
    """One legend item at (x, y = its text baseline): SVG markup and its width."""
    glyph = 26.0
    mid = y - size * 0.35
    color = item.get("color") or item.get("stroke") or "#424242"
    out = []
    if item["type"] == "relation":
        dash = {"dashed": ' stroke-dasharray="5,2"', "dotted": ' stroke-dasharray="1,3"'}.get(item.get("style"), "")
        width = item.get("penwidth", "1")
        head, start, end = item.get("arrowhead", "normal"), x + 2, x + glyph - 7
        if item.get("dir") == "both":  # heads at both ends, no source dot
            start = x + 7
            out.append(f'<polygon fill="{color}" stroke="{color}" points="{start:.2f},{mid - 3.2:.2f} {x:.2f},{mid:.2f} {start:.2f},{mid + 3.2:.2f}"/>')
        else:
            out.append(f'<circle cx="{x + 2:.2f}" cy="{mid:.2f}" r="1.8" fill="#616161"/>')
        if head == "tee":
            out.append(f'<path fill="none" stroke="{color}" stroke-width="{width}"{dash} d="M{start:.2f},{mid:.2f} L{end + 4:.2f},{mid:.2f}"/>')
            out.append(f'<path fill="none" stroke="{color}" stroke-width="2" d="M{end + 4:.2f},{mid - 4:.2f} L{end + 4:.2f},{mid + 4:.2f}"/>')
        elif head == "odot":  # an open dot
            out.append(f'<path fill="none" stroke="{color}" stroke-width="{width}"{dash} d="M{start:.2f},{mid:.2f} L{end + 1:.2f},{mid:.2f}"/>')
            out.append(f'<circle cx="{end + 4:.2f}" cy="{mid:.2f}" r="3" fill="#ffffff" stroke="{color}" stroke-width="1"/>')
        else:  # a filled head ("onormal": hollow, an attack that does not defeat)
            fill = "#ffffff" if head == "onormal" else color
            out.append(f'<path fill="none" stroke="{color}" stroke-width="{width}"{dash} d="M{start:.2f},{mid:.2f} L{end:.2f},{mid:.2f}"/>')
            out.append(f'<polygon fill="{fill}" stroke="{color}" points="{end:.2f},{mid - 3.2:.2f} {end + 7:.2f},{mid:.2f} {end:.2f},{mid + 3.2:.2f}"/>')
        fontcolor = color
    elif item["type"] == "point":  # the small point a relation passes through or premises meet at
        r = 1.8 if item.get("small") else 2.6
        line = "#9e9e9e"
        out.append(f'<path fill="none" stroke="{line}" stroke-width="1" d="M{x + 2:.2f},{mid:.2f} L{x + glyph - 4:.2f},{mid:.2f}"/>')
        out.append(f'<circle cx="{x + glyph / 2 - 1:.2f}" cy="{mid:.2f}" r="{r}" fill="{item.get("fill", "#616161")}"/>')
        fontcolor = "#000000"
    elif item["type"] == "scale":  # a sequential fill: its steps side by side, low to high
        steps = item["steps"]
        cell = (glyph - 4) / len(steps)
        for i, fill in enumerate(steps):
            out.append(f'<rect x="{x + i * cell:.2f}" y="{mid - 6:.2f}" width="{cell:.2f}" height="12" fill="{fill}" stroke="none"/>')
        out.append(f'<rect x="{x:.2f}" y="{mid - 6:.2f}" width="{glyph - 4:.2f}" height="12" fill="none" stroke="#424242" stroke-width="0.6"/>')
        fontcolor = "#000000"
    else:
        rx = ' rx="4" ry="4"' if item.get("rounded") else ""
        dash = ' stroke-dasharray="4,2"' if item.get("dashed") else ""
        fill, stroke, w = item.get("fill", "#ffffff"), item.get("stroke", "#424242"), glyph - 4
        if item.get("note"):  # a page with a folded corner (Graphviz's note shape)
            out.append(
                f'<path fill="{fill}" stroke="{stroke}" stroke-width="{item.get("penwidth", "1")}"{dash}'
                f' d="M{x:.2f},{mid - 6:.2f} L{x + w - 4:.2f},{mid - 6:.2f} L{x + w:.2f},{mid - 2:.2f} L{x + w:.2f},{mid + 6:.2f} L{x:.2f},{mid + 6:.2f} Z"/>'
            )
            out.append(f'<path fill="none" stroke="{stroke}" stroke-width="0.8" d="M{x + w - 4:.2f},{mid - 6:.2f} L{x + w - 4:.2f},{mid - 2:.2f} L{x + w:.2f},{mid - 2:.2f}"/>')
        else:
            out.append(
                f'<rect x="{x:.2f}" y="{mid - 6:.2f}" width="{w:.2f}" height="12"{rx} fill="{fill}"'
                f' stroke="{stroke}" stroke-width="{item.get("penwidth", "1")}"{dash}/>'
            )
        fontcolor = item.get("fontcolor", "#000000")
    label = escape(xml_chars(item["label"]), quote=True)
    out.append(f'<text x="{x + glyph + 4:.2f}" y="{y:.2f}" font-size="{size:.2f}" fill="{fontcolor}">{label}</text>')
    return "\n".join(out), glyph + 4 + _text_width(item["label"], size)


def add_legend(svg: bytes) -> bytes:
    """The legend the DOT exporter described, drawn as rows under the drawing (or nothing)."""
    found = _LEGEND_COMMENT.search(svg)
    if not found:
        return svg
    svg = svg[: found.start()] + svg[found.end() :]
    spec = json.loads(base64.b64decode(found.group(1)).decode("utf-8"))
    box = _VIEWBOX.search(svg)
    if not box or not spec.get("items"):
        return svg
    x0, y0, width, height = (float(v) for v in box.groups())
    size = float(spec.get("size", 10))
    gap, pad, row = 14.0, 12.0, size + 8
    drawn, widths = [], []
    x, y = pad, pad + size
    for item in spec["items"]:
        markup, w = _item(item, 0, 0, size)
        if x > pad and x + w > width - pad:  # wrap: the legend never widens the drawing
            x, y = pad, y + row
        drawn.append(_item(item, x, y, size)[0])
        widths.append(x + w)
        x += w + gap
    block_w = max(width, max(widths) + pad)
    block_h = y + pad - size + 4
    font = escape(xml_chars(str(spec.get("font", "Helvetica"))), quote=True)
    group = (
        f'<g id="legend" class="legend" font-family="{font},sans-serif" transform="translate({x0:.2f} {y0 + height:.2f})">\n'
        f'<title>Legend</title>\n'
        f'<rect x="0" y="0" width="{block_w:.2f}" height="{block_h:.2f}" fill="white" stroke="none"/>\n'
        f'<path fill="none" stroke="#bdbdbd" stroke-width="0.8" d="M{pad:.2f},1 L{block_w - pad:.2f},1"/>\n'
        + "\n".join(drawn)
        + "\n</g>\n"
    ).encode("utf-8")
    end = svg.rindex(b"</svg>")
    svg = svg[:end] + group + svg[end:]
    new_box = f'viewBox="{x0:.2f} {y0:.2f} {block_w:.2f} {height + block_h:.2f}"'.encode()
    svg = svg[: box.start()] + new_box + svg[box.end() :]
    size_attr = re.compile(rb'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"')
    return size_attr.sub(f'<svg width="{block_w:.0f}pt" height="{height + block_h:.0f}pt"'.encode(), svg, count=1)


def finish(svg: bytes, scale: bool = True) -> bytes:
    """Graphviz's SVG as argmap writes it: bold titles, the legend, and (``scale``) a column-sized width."""
    svg = add_legend(bold_titles(svg))
    return scalable(svg) if scale else svg


# -- inline in HTML (the html format, Markdown and pandoc blocks) ---------------------------
_PROLOGUE = re.compile(rb"\A\s*(?:<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*|<!--.*?-->\s*)*", re.S)
_COMMENT = re.compile(r"<!--.*?-->\n?", re.S)
_ROOT = re.compile(r"<svg\b[^>]*>", re.S)
_ATTR_SIZE = re.compile(r'\s(width|height)="([0-9.]+)(pt|px)?"')
_VIEWBOX_ATTR = re.compile(r'viewBox="([-0-9. ]+)"')
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
    sizes = {m.group(1): (m.group(2), m.group(3) or "px") for m in _ATTR_SIZE.finditer(tag)}
    new_tag = " ".join(_ATTR_SIZE.sub("", tag).split())
    if "viewBox" not in new_tag and "width" in sizes and "height" in sizes:
        new_tag = new_tag[:-1] + f' viewBox="0 0 {sizes["width"][0]} {sizes["height"][0]}">'
    own_style = re.search(r'\sstyle="([^"]*)"', new_tag)
    if own_style:  # the SVG's own scaling rule (max-width at its natural size) is folded into ours
        new_tag = new_tag[: own_style.start()] + new_tag[own_style.end():]
        own_max = re.search(r"max-width:\s*([0-9.]+)([a-z]*)", own_style.group(1))
        if own_max and "width" not in sizes:
            sizes["width"] = (own_max.group(1), own_max.group(2) or "px")
    if "width" not in sizes:
        view = _VIEWBOX_ATTR.search(new_tag)
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


# -- SVG slimming for the page -------------------------------------------------------------
# The page shows each node's text, quote and source in its side panel, so the SVG
# does not need to carry them a second time as tooltips: dropping them (and other
# repeated attributes) keeps the seed folder's page small.
_A_OPEN = re.compile(r'<g id="a_[^"]*">(<a\b[^>]*>)?\n?')
_A_CLOSE = re.compile(r"</a>\n</g>\n")
_FONT = re.compile(r' font-family="[^"]*"| xml:space="preserve"')
_GEOMETRY = re.compile(r'(\s(?:d|points|x|y|cx|cy|rx|ry|transform|viewBox)=")([^"]*)"')
_DECIMALS = re.compile(r"(?<=\d\.\d)\d+")  # the digits after a number's first decimal
_ROOT_SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"\s*')


def for_page(svg: bytes) -> str:
    """Graphviz SVG, smaller: no prologue, comments, tooltip anchors, fonts or long decimals.

    Drawing and ids are unchanged (coordinates keep one decimal: a tenth of a point).
    """
    text = svg.decode("utf-8")
    text = text[text.find("<svg"):] if "<svg" in text else text
    text = _COMMENT.sub("", text)
    text = _HREF.sub(_safe_href, text)  # the one link rule, before the anchors go
    text = _A_OPEN.sub("", text)
    text = _A_CLOSE.sub("", text)
    text = _FONT.sub("", text)
    text = _GEOMETRY.sub(lambda m: m.group(1) + _DECIMALS.sub("", m.group(2)) + '"', text)  # no template: 2x faster
    text = text.replace("&#45;", "-")
    text = _ROOT_SIZE.sub("<svg ", text, count=1)
    text = _GRAPH_TITLE.sub(r"\1", text, count=1)  # "G": no hover text over the background
    # Graphviz escapes "<" in text, so this never matches; if it ever did, it must not end the block
    text = re.sub(r"</(script)", r"&lt;/\1", text, flags=re.I)
    return text.strip()


def body(svg: bytes) -> bytes:
    """The ``<svg>`` element and what follows it: no XML declaration, DOCTYPE or leading comment.

    >>> body(b'<?xml version="1.0"?>\\n<!-- G -->\\n<svg viewBox="0 0 1 1"></svg>\\n')
    b'<svg viewBox="0 0 1 1"></svg>\\n'
    """
    return svg[svg.find(b"<svg"):]


# -- for the PNG/PDF converter --------------------------------------------------------------
_FONT_FAMILY = re.compile(r'font-family="([^"]*)"')
_GENERIC = ("serif", "sans-serif", "monospace", "cursive", "fantasy")


def _with_fallback_font(svg: str) -> str:
    """Every ``font-family`` ends with a generic family the converter always has.

    Graphviz writes ``Helvetica,sans-Serif``; the converter matches generic names
    case-sensitively and draws no text for a family it cannot find, so the generic
    names are lower-cased and ``sans-serif`` (its bundled Liberation Sans) is added
    as the last resort.
    """

    def fix(m: re.Match) -> str:
        names = [n.strip() for n in m.group(1).split(",") if n.strip()]
        names = [n.lower() if n.lower() in _GENERIC else n for n in names]
        if "sans-serif" not in names:
            names.append("sans-serif")
        return 'font-family="' + ",".join(names) + '"'

    return _FONT_FAMILY.sub(fix, svg)


_ROOT_OPEN = re.compile(r"<svg\b[^>]*>")
_VIEWBOX_TEXT = re.compile(r'viewBox="([0-9.\-]+) ([0-9.\-]+) ([0-9.]+) ([0-9.]+)"')


def _opaque_background(svg: str) -> str:
    """A white rectangle under everything, reaching past every edge of the picture.

    Graphviz's white background ends exactly at the drawing's edge, which falls
    inside a pixel when the size in pt is not a whole number of pixels: the
    converter then left the first and last pixel columns (or rows) part
    transparent, a faint grey line beside the picture in a post.

    >>> _opaque_background('<svg viewBox="0.00 0.00 10.00 5.00"><g/></svg>')
    '<svg viewBox="0.00 0.00 10.00 5.00"><rect x="-4.00" y="-4.00" width="18.00" height="13.00" fill="white" stroke="none"/><g/></svg>'
    """
    root = _ROOT_OPEN.search(svg)
    box = _VIEWBOX_TEXT.search(root.group(0)) if root else None
    if not box:
        return svg
    x, y, w, h = (float(v) for v in box.groups())
    rect = f'<rect x="{x - 4:.2f}" y="{y - 4:.2f}" width="{w + 8:.2f}" height="{h + 8:.2f}" fill="white" stroke="none"/>'
    return svg[: root.end()] + rect + svg[root.end():]


def _one_font(svg: str) -> str:
    """Bold text drawn as regular text with a thin outline of its own colour, for PDF.

    The converter embeds each face it uses in an order that changes from run to run
    (two faces: two orders), so a PDF with bold titles would differ between runs of
    the same input.  With one face it is the same bytes every time, and the titles
    still read as bold.

    >>> _one_font('<text font-weight="bold" x="1" fill="#000000">T</text>')
    '<text stroke="#000000" stroke-width="0.5" x="1" fill="#000000">T</text>'
    """

    def fix(m: re.Match) -> str:
        fill = re.search(r'\sfill="([^"]+)"', m.group(1))
        colour = fill.group(1) if fill else "#000000"
        return f'<text stroke="{colour}" stroke-width="0.5"{m.group(1)}>'

    return re.sub(r'<text font-weight="bold"([^>]*)>', fix, svg)


def for_conversion(svg: bytes | str, fmt: str) -> str:
    """The finished SVG as the converter should see it: a generic fallback font, an opaque
    background past every edge, and for PDF one font face (see :func:`_one_font`)."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = _with_fallback_font(_opaque_background(text))
    return _one_font(text) if fmt == "pdf" else text
