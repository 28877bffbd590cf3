"""SVG → PNG or PDF without Graphviz and without system libraries.

Used when system ``dot`` is not on PATH: the embedded Graphviz draws SVG, and
this module converts it.  The converter is ``vl-convert-python`` (BSD-3), a
default dependency: one self-contained wheel (Rust: resvg to rasterise, svg2pdf
for vector PDF) that loads only libc, libm, libgcc_s and zlib, and carries its
own Liberation Sans, so text is drawn even on a machine with no fonts at all.
(cairosvg needs the system's libcairo; PyMuPDF is AGPL.)

PNGs come out at 96 pixels per inch, as Graphviz's own ``-Tpng`` does.
"""

from __future__ import annotations

import re

from .diagnostics import ArgmapError

__all__ = ["convert_svg", "ConverterMissing", "ConversionError", "FORMATS", "INSTALL_HINT"]

FORMATS = ("png", "pdf")
INSTALL_HINT = (
    "reinstall argmap with its dependencies (in a source checkout: `make install`, "
    "or `.venv/bin/pip install -e .`; elsewhere: `pip install vl-convert-python`), "
    "or install Graphviz (apt install graphviz, brew install graphviz)"
)


class ConverterMissing(ArgmapError):
    """The SVG converter is not installed."""


class ConversionError(ArgmapError):
    """The SVG could not be converted."""


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
_VIEWBOX = re.compile(r'viewBox="([0-9.\-]+) ([0-9.\-]+) ([0-9.]+) ([0-9.]+)"')


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
    box = _VIEWBOX.search(root.group(0)) if root else None
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


def convert_svg(svg: bytes | str, fmt: str) -> bytes:
    """``svg`` drawn as ``fmt`` (``png`` or ``pdf``).

    Raises :class:`ConverterMissing` when the converter is not installed and
    :class:`ConversionError` when it fails on this SVG.
    """
    if fmt not in FORMATS:
        raise ConversionError(f"cannot convert SVG to '{fmt}' (choose {', '.join(FORMATS)})")
    try:
        import vl_convert
    except ImportError:
        raise ConverterMissing(f"{fmt.upper()} without Graphviz needs the SVG converter vl-convert-python: {INSTALL_HINT}; SVG works without either") from None
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    text = _with_fallback_font(_opaque_background(text))
    if fmt == "pdf":
        text = _one_font(text)
    try:
        return vl_convert.svg_to_png(text) if fmt == "png" else vl_convert.svg_to_pdf(text)
    except Exception as exc:  # the converter raises plain ValueError/RuntimeError with its reason
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConversionError(f"cannot convert the SVG to {fmt.upper()}: {first}") from None
