"""SVG → PNG/PDF with the real converter (no Graphviz, no system libraries needed)."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from argmap import convert
from argmap.render import EngineUnavailable, render


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and unfiltered rows of an 8-bit RGB/RGBA PNG (a small real decoder)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    assert len(raw) == height * (stride + 1)
    rows, prev = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b, c = prev[x], prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 255
            elif kind == 2:
                line[x] = (line[x] + b) & 255
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows


def _dark_pixels(data: bytes) -> int:
    width, height, rows = _png_pixels(data)
    bpp = len(rows[0]) // width
    return sum(
        1
        for row in rows
        for x in range(width)
        if row[x * bpp] < 100 and (bpp == 3 or row[x * bpp + 3] > 200)
    )


BOX = 'digraph { node [shape=box fixedsize=true width=3 height=1 fontname="{font}"]; a [label="{label}"] }'


def _box(label: str, font: str = "Helvetica") -> str:
    return BOX.replace("{font}", font).replace("{label}", label)


def test_png_decodes_at_graphviz_size():
    png = render("digraph { a -> b }", "png", "embedded")
    width, height, _ = _png_pixels(png)
    svg = render("digraph { a -> b }", "svg", "embedded").decode()
    pt_w = float(svg.split('viewBox="', 1)[1].split('"', 1)[0].split()[2])  # the natural width, in pt
    assert abs(width - pt_w * 96 / 72) <= 2 and 100 < height < 300  # 96 dpi, as dot -Tpng


@pytest.mark.parametrize("font", ["Helvetica", "Times-Roman", "No Such Font"])
def test_png_draws_the_text(font):
    """Graphviz's font names are not the converter's; text must be drawn all the same."""
    empty = _dark_pixels(render(_box(" ", font), "png", "embedded"))
    text = _dark_pixels(render(_box("MMMMMMMMMM", font), "png", "embedded"))
    assert text > empty + 200


def test_pdf_is_vector_with_the_font_embedded():
    pdf = render(_box("Hello"), "pdf", "embedded")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert b"/FontFile2" in pdf  # the text is text, in an embedded font
    assert b"/Subtype /Image" not in pdf  # not a picture of the SVG


@pytest.mark.slow
def test_a_whole_example_map_converts():
    from conftest import ROOT

    svg = (ROOT / "examples" / "example.svg").read_bytes()
    png = convert.convert_svg(svg, "png")
    width, height, _ = _png_pixels(png)
    assert width > 300 and height > 300
    assert convert.convert_svg(svg, "pdf").startswith(b"%PDF-")


def test_missing_converter_says_what_to_install_in_a_checkout(monkeypatch):
    monkeypatch.setitem(sys.modules, "vl_convert", None)  # makes `import vl_convert` fail
    with pytest.raises(EngineUnavailable) as info:
        render("digraph { a }", "png", "embedded")
    assert "make install" in str(info.value) and "argmap[png]" not in str(info.value)


def test_unknown_format_is_refused():
    with pytest.raises(convert.ConversionError):
        convert.convert_svg(b"<svg/>", "gif")


@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd is not installed")
def test_the_converter_loads_no_system_library_a_bare_machine_lacks():
    import vl_convert

    libs = [p for p in Path(vl_convert.__file__).parent.glob("*.so")]
    assert libs
    allowed = ("linux-vdso", "libc.so", "libm.so", "libgcc_s.so", "libz.so", "libpthread.so", "libdl.so", "librt.so", "ld-linux")
    for lib in libs:
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, check=True).stdout
        needed = [line.split()[0] for line in out.splitlines() if line.strip()]
        assert needed and all(name.startswith(allowed) or name.startswith("/lib") for name in needed), needed


@pytest.mark.slow
def test_text_is_drawn_on_a_machine_without_fonts(tmp_path):
    """Hide every system font folder (a private mount namespace, as root) and convert."""
    if shutil.which("unshare") is None or not Path("/usr/share/fonts").is_dir():
        pytest.skip("needs unshare and /usr/share/fonts")
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from test_convert import _box, _dark_pixels; "
        "from argmap.render import render; "
        "print(_dark_pixels(render(_box('MMMMMMMMMM'), 'png', 'embedded')) - _dark_pixels(render(_box(' '), 'png', 'embedded')))"
    )
    script = f"mount -t tmpfs none /usr/share/fonts && {sys.executable} -c \"{code}\" {Path(__file__).parent}"
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True)
    if result.returncode != 0 and ("Operation not permitted" in result.stderr or "mount" in result.stderr):
        pytest.skip(f"cannot hide the fonts here: {result.stderr.strip()[:100]}")
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 200


def test_pdf_with_bold_titles_is_the_same_bytes_every_time():
    """vl-convert embeds two faces in an order that changes from call to call; bold is drawn with one face."""
    svg = render('digraph { a [label="Title\\nbody", class="argmap_title_1"] }', "svg", "embedded")
    assert b'font-weight="bold"' in svg
    pdfs = {convert.convert_svg(svg, "pdf") for _ in range(6)}
    assert len(pdfs) == 1


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["embedded", "system"])
def test_png_edges_are_opaque_white(engine):
    """Issue 22 item 4: no part-transparent first or last pixel column or row (a faint line in a post)."""
    if engine == "system" and shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed")
    from argmap.export.dot import export
    from argmap.pipeline import View, open_project, select, whole_graph
    from argmap.settings import Settings

    project, _, _ = open_project(Path(__file__).resolve().parents[1] / "arguments")
    dot = export(select(whole_graph(project), View(map="takeoff")), Settings())
    width, height, rows = _png_pixels(render(dot, "png", engine))
    bpp = len(rows[0]) // width
    assert bpp == 4  # RGBA: transparency is possible, so it is checked
    def pixel(x, y):
        return tuple(rows[y][x * bpp : (x + 1) * bpp])
    border = [(0, y) for y in range(height)] + [(width - 1, y) for y in range(height)]
    border += [(x, 0) for x in range(width)] + [(x, height - 1) for x in range(width)]
    bad = {pixel(x, y) for x, y in border} - {(255, 255, 255, 255)}
    assert not bad, f"border pixels that are not opaque white: {sorted(bad)[:5]}"
