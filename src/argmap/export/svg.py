"""Finishing touches on the SVG Graphviz draws: bold titles and a size that follows the column.

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

from ..textsafe import xml_chars

__all__ = ["finish", "bold_titles", "scalable", "add_legend", "encode_legend", "TITLE_CLASS"]

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
