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
    from .svgfinish import for_conversion

    text = for_conversion(svg, fmt)
    try:
        return vl_convert.svg_to_png(text) if fmt == "png" else vl_convert.svg_to_pdf(text)
    except Exception as exc:  # the converter raises plain ValueError/RuntimeError with its reason
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ConversionError(f"cannot convert the SVG to {fmt.upper()}: {first}") from None
