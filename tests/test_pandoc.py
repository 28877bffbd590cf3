"""The pandoc filter (`argmap-pandoc`), run by Debian's real pandoc on a real document."""

from __future__ import annotations

import json
import re
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
    (tmp_path / "maps").symlink_to(SMALL, target_is_directory=True)
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
    out = filter_document(json.loads(json.dumps(doc)), "html5")
    assert out["blocks"][0] == doc["blocks"][0]
    raw = out["blocks"][1]["c"][0]
    assert raw["t"] == "RawBlock" and raw["c"][0] == "html" and "<svg " in raw["c"][1]
