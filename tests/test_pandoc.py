"""The pandoc filter (`argmap-pandoc`), run by Debian's real pandoc on a real document."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "small"
FILTER = Path(sys.executable).with_name("argmap-pandoc")

POST = """\
---
title: A post with a map
---

Words before the map.

```argmap
source: maps
map: debate
```

Words after.
"""

pytestmark = [pytest.mark.external("pandoc"), pytest.mark.slow]


@pytest.fixture
def post(tmp_path) -> Path:
    shutil.copytree(SMALL, tmp_path / "maps")  # inside the document's folder: a symlink out is refused
    path = tmp_path / "post.md"
    path.write_text(POST, encoding="utf-8")
    return path


def pandoc(post: Path, *args: str) -> subprocess.CompletedProcess:
    assert FILTER.is_file(), f"{FILTER} missing: reinstall argmap (pip install -e .)"
    return subprocess.run(["pandoc", post.name, "--filter", str(FILTER), *args], cwd=post.parent, capture_output=True, text=True)


def test_html_output_has_inline_svg_with_hover_text_and_links(post):
    proc = pandoc(post, "-s", "-o", "post.html")
    assert proc.returncode == 0, proc.stderr
    html = (post.parent / "post.html").read_text(encoding="utf-8")
    assert html.count("<svg ") == 1 and "Words after." in html
    assert any("all tests are green" in t for t in re.findall(r"<title>([^<]*)</title>", html))
    assert 'xlink:href="https://example.org/memo"' in html
    assert re.search(r'<svg\b[^>]*style="width:100%;max-width:[0-9.]+pt;height:auto"', html)


@pytest.mark.parametrize("args, suffix", [(["-t", "latex", "-o", "post.tex"], "pdf"), (["-o", "post.docx"], "png")])
def test_other_outputs_get_an_image(post, args, suffix):
    proc = pandoc(post, *args)
    assert proc.returncode == 0, proc.stderr
    figures = sorted((post.parent / "argmap-figures").iterdir())
    assert len(figures) == 1 and figures[0].suffix == f".{suffix}"
    head = figures[0].read_bytes()[:8]
    assert head.startswith(b"%PDF" if suffix == "pdf" else b"\x89PNG")
    if suffix == "pdf":
        assert f"\\includegraphics{{argmap-figures/{figures[0].name}}}" in (post.parent / "post.tex").read_text()
    # an unchanged document draws nothing new
    assert pandoc(post, *args).returncode == 0
    assert sorted((post.parent / "argmap-figures").iterdir()) == figures


def test_bad_block_stops_pandoc_at_its_line(post):
    post.write_text(POST.replace("map: debate", "map: debat"), encoding="utf-8")
    proc = pandoc(post, "-o", "post.html")
    assert proc.returncode != 0
    assert "post.md:9:1: error[argmap-block]: no map named 'debat'" in proc.stderr
    assert "did you mean 'debate'" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (post.parent / "post.html").exists()


def test_sourcepos_gives_the_line_too(post):
    post.write_text(POST.replace("source: maps", "source: nowhere"), encoding="utf-8")
    proc = subprocess.run(
        ["pandoc", "-f", "commonmark_x+sourcepos", "--filter", str(FILTER), "-o", "post.html"],
        input=post.read_text(), cwd=post.parent, capture_output=True, text=True,
    )
    assert proc.returncode != 0
    assert re.search(r":8:1: error\[argmap-block\]: source 'nowhere' does not exist", proc.stderr), proc.stderr


def test_filter_leaves_other_code_blocks_alone():
    from argmap.pandoc import filter_document

    doc = {"pandoc-api-version": [1, 22], "meta": {}, "blocks": [
        {"t": "CodeBlock", "c": [["", ["python"], []], "print(1)"]},
        {"t": "BlockQuote", "c": [{"t": "CodeBlock", "c": [["", ["argmap"], []], f"source: {SMALL}\nmap: followup"]}]},
    ]}
    out = filter_document(json.loads(json.dumps(doc)), "html5", root=ROOT)
    assert out["blocks"][0] == doc["blocks"][0]
    raw = out["blocks"][1]["c"][0]
    assert raw["t"] == "RawBlock" and raw["c"][0] == "html" and "<svg " in raw["c"][1]


# -- a document cannot read or write outside its folder (issue 24) ------------------------------
HOSTILE = ROOT / "tests" / "data" / "hostile" / "blocks"
SECRET = "not-a-real-token-5f1c9e0b"


@pytest.fixture
def hostile(tmp_path) -> Path:
    """A document folder with an `outside/` sibling standing for the rest of the machine."""
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(HOSTILE / "secret.env", outside / "secret.env")
    shutil.copy(HOSTILE / "outside-map.yaml", outside / "outside-map.yaml")
    doc = tmp_path / "doc"
    doc.mkdir()
    shutil.copytree(SMALL, doc / "maps")
    (doc / "maps-out").symlink_to(outside, target_is_directory=True)
    return doc


@pytest.mark.parametrize("source", ["../outside/secret.env", "/etc/passwd", "maps-out", "../outside/outside-map.yaml"])
def test_source_outside_the_folder_stops_pandoc_without_quoting_it(hostile, source):
    post = hostile / "post.md"
    post.write_text(f"Intro.\n\n```argmap\nsource: {source}\n```\n")
    proc = pandoc(post, "-o", "post.html")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert f"post.md:4:1: error[argmap-block]: source '{source}' is outside the document's folder" in proc.stderr
    assert "ARGMAP_ROOT" in proc.stderr  # the hint names the option that widens it
    assert SECRET not in proc.stderr and "root:x:0" not in proc.stderr and "OUTSIDE-MAP" not in proc.stderr
    assert not (hostile / "post.html").exists()


def test_argmap_root_widens_what_blocks_may_read(hostile):
    post = hostile / "post.md"
    post.write_text("```argmap\nsource: ../outside/outside-map.yaml\n```\n")
    env = {**os.environ, "ARGMAP_ROOT": str(hostile.parent)}
    proc = subprocess.run(["pandoc", post.name, "--filter", str(FILTER), "-o", "post.html"], cwd=hostile,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "OUTSIDE-MAP-MARKER" in (hostile / "post.html").read_text()


@pytest.mark.parametrize("figures", ["{outside}", "../outside/figs", "maps-out/figs"])
def test_figures_folder_outside_the_document_is_refused(hostile, figures):
    outside = hostile.parent / "outside"
    before = sorted(p.name for p in outside.rglob("*"))
    post = hostile / "post.md"
    post.write_text(f"---\nargmap-figures: {figures.format(outside=outside)}\n---\n\n```argmap\nsource: maps\nmap: debate\n```\n")
    proc = pandoc(post, "-o", "post.docx")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "the figures folder (metadata `argmap-figures`)" in proc.stderr and "is outside the document's folder" in proc.stderr
    assert sorted(p.name for p in outside.rglob("*")) == before  # nothing written out there


def test_dangling_symlink_at_a_figure_is_not_written_through(hostile):
    post = hostile / "post.md"
    post.write_text("```argmap\nsource: maps\nmap: debate\n```\n")
    assert pandoc(post, "-o", "post.docx").returncode == 0
    figure = next((hostile / "argmap-figures").iterdir())
    figure.unlink()
    target = hostile / "elsewhere.png"
    figure.symlink_to(target)  # inside the folder, but a write through it lands somewhere else
    proc = pandoc(post, "-o", "post.docx")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "symlink" in proc.stderr and not target.exists()


def test_300_nested_blockquotes_and_a_5000_character_path(hostile):
    post = hostile / "post.md"
    shutil.copy(HOSTILE / "deep-quotes.md", post)
    proc = pandoc(post, "-o", "post.html")
    assert proc.returncode == 0, proc.stderr  # used to be a RecursionError in the filter
    assert (hostile / "post.html").read_text().count("<svg ") == 1
    post.write_text("```argmap\nsource: " + "x" * 5000 + "\n```\n")
    proc = pandoc(post, "-o", "post.html")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "post.md:2:1: error[argmap-block]: source is a path of 5,000 characters" in proc.stderr


def test_filter_walks_a_document_3000_deep_without_recursion():
    from argmap.pandoc import filter_document

    inner = {"t": "CodeBlock", "c": [["", ["argmap"], []], "source: [unclosed"]}
    for _ in range(3000):
        inner = {"t": "BlockQuote", "c": [inner]}
    doc = {"pandoc-api-version": [1, 22], "meta": {}, "blocks": [inner]}
    from argmap.pandoc import _Stop

    with pytest.raises(_Stop, match=r"<argmap block 1>:\d+:1: error\[argmap-block\]: not valid YAML"):
        filter_document(doc, "html5")
