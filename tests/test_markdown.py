"""The ```argmap fence in Python-Markdown, and in a real MkDocs site built by `mkdocs build`."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

markdown = pytest.importorskip("markdown", reason="Python-Markdown is not installed (pip install '.[test]')")

from argmap.embed import BlockError, parse_block  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "small"

POST = """\
# A post

Words before the map.

```argmap
source: {source}
focus: tests-pass
depth: 1
```

Words after it, and a code block that stays code:

```yaml
source: not a map
```
"""


def convert(text: str, **config) -> str:
    config.setdefault("base_dir", str(ROOT))
    return markdown.markdown(text, extensions=["argmap.markdown", "fenced_code"],
                             extension_configs={"argmap.markdown": config})


def test_fence_becomes_inline_svg_with_hover_text_and_links():
    html = convert(POST.format(source=SMALL))
    assert html.count("<svg ") == 1
    figure = re.search(r'<figure class="argmap">\s*<svg\b[^>]*>', html).group(0)
    assert "max-width:" in figure and "viewBox" in figure
    titles = re.findall(r"<title>([^<]*)</title>", html)
    assert any("all tests are green" in t for t in titles)  # the quote shows on hover
    assert 'xlink:href="https://example.org/memo"' in html
    assert "docs-written" not in html  # depth 1 from tests-pass does not reach the other map
    assert "<code class=\"language-yaml\">source: not a map" in html  # other fences untouched
    assert "Words after it" in html


def test_relative_source_starts_at_base_dir():
    html = convert(POST.format(source="small"), base_dir=str(SMALL.parent))
    assert "<svg " in html


def test_bad_block_points_at_its_line(caplog):
    text = "Intro\n\n```argmap\nsource: {s}\nfocus: tests-pas\n```\n".format(s=SMALL)
    with caplog.at_level(logging.WARNING):
        html = convert(text)
    assert "<svg" not in html
    assert '<pre class="argmap-error" role="alert">&lt;document&gt;:5:1: error[argmap-block]: no node with id &#x27;tests-pas&#x27; to focus on' in html
    assert any(":5:1: error[argmap-block]" in r.getMessage() and "tests-pass" in r.getMessage() for r in caplog.records)
    with pytest.raises(BlockError) as info:
        convert(text, on_error="raise", document="post.md")
    assert info.value.located("post.md").startswith("post.md:5:1: error[argmap-block]: no node with id 'tests-pas' to focus on")


@pytest.mark.parametrize(
    "body, line, message",
    [
        ("source: x\ncolour_by: status", 11, "unknown key 'colour_by'"),
        ("source: x\ndepth: two", 11, "depth must be a whole number"),
        ("focus: y", 10, "needs `source:`"),
        ("source: [a, b", 11, "not valid YAML"),
        ("source: x\nlabels: huge", 11, "labels must be one of"),
    ],
)
def test_block_errors_carry_document_lines(body, line, message):
    with pytest.raises(BlockError) as info:
        parse_block(body, 10)
    assert info.value.line == line and message in info.value.message


def test_map_part_labels_and_color_by(tmp_path):
    from argmap.embed import render_block

    html = render_block(parse_block(f"source: {ROOT / 'arguments'}\npart: backlash-needs-few-ais\nlabels: title\ncolor_by: status"))
    texts = re.findall(r">([^<]+)</text>", html)
    assert texts.count("Backlash needs few AIs") == 1  # labels: title draws the title once, bold
    assert not any("feared backlash" in t for t in texts)  # and not the text
    assert "#c8e6c9" in html or "#ffcdd2" in html  # status fills
    with pytest.raises(BlockError, match="no map named 'nope'"):
        render_block(parse_block(f"source: {SMALL}\nmap: nope"))
    with pytest.raises(BlockError, match="starts no part"):
        render_block(parse_block(f"source: {SMALL}\npart: tests-pass"))


def mkdocs_site(tmp_path: Path, page: str) -> Path:
    site = tmp_path / "site-src"
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: Maps in a post
            markdown_extensions:
              - argmap.markdown
            """
        ),
        encoding="utf-8",
    )
    (site / "docs" / "index.md").write_text(page, encoding="utf-8")
    shutil.copytree(SMALL, site / "maps")  # inside the site: a symlink out of it is refused
    return site


@pytest.mark.slow
def test_mkdocs_build_puts_the_map_in_the_page(tmp_path):
    pytest.importorskip("mkdocs", reason="MkDocs is not installed (pip install '.[test]')")
    site = mkdocs_site(tmp_path, POST.format(source="maps"))
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=site, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    html = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert html.count("<svg ") == 1
    assert any("all tests are green" in t for t in re.findall(r"<title>([^<]*)</title>", html))
    assert 'xlink:href="https://example.org/memo"' in html


@pytest.mark.slow
def test_mkdocs_strict_build_fails_on_a_bad_block_and_names_the_line(tmp_path):
    pytest.importorskip("mkdocs", reason="MkDocs is not installed (pip install '.[test]')")
    site = mkdocs_site(tmp_path, "# Post\n\n```argmap\nsource: maps\nmap: debat\n```\n")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, capture_output=True, text=True)
    assert proc.returncode != 0
    assert ":5:1: error[argmap-block]: no map named 'debat'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_block_shown_as_code_in_a_longer_fence_stays_code():
    import markdown

    from argmap.markdown import makeExtension

    text = "````markdown\n```argmap\nsource: nowhere/\n```\n````\n\n```argmap\nsource: " + str(SMALL) + "\n```\n"
    html = markdown.markdown(text, extensions=["fenced_code", makeExtension()])
    assert "source: nowhere/" in html and "argmap-error" not in html  # shown, not drawn
    assert html.count("<svg") == 1  # the real block is drawn


@pytest.mark.slow
def test_the_docs_site_builds_strict_with_argmap_blocks(tmp_path):
    """The project's own docs (mkdocs.yml): built --strict, so a bad block or a broken link fails CI."""
    pytest.importorskip("mkdocs", reason="MkDocs is not installed (pip install '.[test]')")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert index.count("<svg") >= 2  # its pictures are argmap blocks
    assert "source: arguments/" in index  # and the block shown as code stays code
    for page in ("reference", "format", "semantics", "performance", "editing", "development"):
        assert (tmp_path / "site" / page / "index.html").is_file(), page


# -- a page from a pull request cannot read the build machine (issue 24) ------------------------
HOSTILE = ROOT / "tests" / "data" / "hostile" / "blocks"
SECRETS = ("not-a-real-token-5f1c9e0b", "ARGMAP-SECRET-LINE", "OUTSIDE-MAP-MARKER", "root:x:0")


def hostile_site(tmp_path: Path) -> Path:
    """A site whose `outside/` sibling stands for the rest of the machine, reachable only by escaping."""
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in ("secret.env", "outside-map.yaml"):
        shutil.copy(HOSTILE / name, outside / name)
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: A pull request\nmarkdown_extensions:\n  - argmap.markdown\n")
    shutil.copy(HOSTILE / "page.md", site / "docs" / "index.md")
    shutil.copytree(SMALL, site / "maps")
    (site / "maps-out").symlink_to(outside, target_is_directory=True)
    (site / "leaky").mkdir()
    shutil.copy(SMALL / "debate.yaml", site / "leaky" / "debate.yaml")
    (site / "leaky" / "leak.yaml").symlink_to(outside / "outside-map.yaml")
    (site / "bad").mkdir()
    shutil.copy(HOSTILE / "not-a-map.yaml", site / "bad" / "not-a-map.yaml")
    return site


HOSTILE_ERRORS = [  # (line of the block's first key, what the error says)
    (4, "source '/etc/passwd' is outside the document's folder"),
    (8, "source '../outside/secret.env' is outside the document's folder"),
    (12, "source '../outside' is outside the document's folder"),
    (16, "source 'maps-out' is outside the document's folder"),
    (20, "source 'maps-out/outside-map.yaml' is outside the document's folder"),
    (24, "map file 'leaky/leak.yaml' is outside the document's folder"),
    (28, "source is a path of 5,000 characters; at most 1,000 are read"),
    (32, "an argmap block is a flat YAML mapping"),
    (37, "depth must be at most 100"),
    (41, "the maps in 'bad' have 1 error; first at bad/not-a-map.yaml:1:1 error[wrong-type]"),
]


def test_hostile_page_gives_one_located_error_per_block_and_quotes_nothing(tmp_path, caplog):
    site = hostile_site(tmp_path)
    with caplog.at_level(logging.WARNING):
        html = convert((site / "docs" / "index.md").read_text(), base_dir=str(site), document="index.md")
    assert "<svg" not in html
    errors = re.findall(r'<pre class="argmap-error" role="alert">([^<]*)</pre>', html)
    assert len(errors) == len(HOSTILE_ERRORS)
    for shown, (line, message) in zip(errors, HOSTILE_ERRORS):
        import html as html_lib

        assert html_lib.unescape(shown).startswith(f"index.md:{line}:1: error[argmap-block]: {message}"), shown
    outside = [e for e in errors if "outside the document" in e]
    assert len(outside) == 6 and all("`root:` option of the argmap.markdown extension" in e for e in outside)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for secret in SECRETS + (str(tmp_path),):  # nor where the build machine keeps the site
        assert secret not in html and secret not in logged


def test_root_option_widens_what_blocks_may_read(tmp_path):
    site = hostile_site(tmp_path)
    page = "```argmap\nsource: ../outside/outside-map.yaml\n```\n"
    assert "outside the document&#x27;s folder" in convert(page, base_dir=str(site))
    html = convert(page, base_dir=str(site), root=str(tmp_path))
    assert "<svg " in html and "OUTSIDE-MAP-MARKER" in html


def test_mkdocs_strict_build_of_a_hostile_page_fails_with_located_errors_and_no_secret(tmp_path):
    pytest.importorskip("mkdocs", reason="MkDocs is not installed (pip install '.[test]')")
    site = hostile_site(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=site, capture_output=True, text=True)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    for line, message in HOSTILE_ERRORS:
        assert f":{line}:1: error[argmap-block]: {message}" in proc.stderr
    built = (site / "site" / "index.html").read_text() if (site / "site" / "index.html").exists() else ""
    for secret in SECRETS:
        assert secret not in proc.stderr and secret not in built


def test_mkdocs_build_of_a_long_source_path_is_a_located_error(tmp_path):
    """A 5,000-character path used to escape as OSError (File name too long) and stop MkDocs with a traceback."""
    pytest.importorskip("mkdocs", reason="MkDocs is not installed (pip install '.[test]')")
    site = mkdocs_site(tmp_path, "# Post\n\n```argmap\nsource: " + "x" * 5000 + "\n```\n")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=site, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr  # not strict: the page is built, with the error in it
    assert ":4:1: error[argmap-block]: source is a path of 5,000 characters" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("body, message", [
    ("source: maps\n" + "x: 1\n" * 3000, "too long"),
    ("source: " + "[" * 5000, "flat YAML mapping"),
    ("source: " + "{a: " * 2000, "flat YAML mapping"),
    ("? [a, b]\n: c", "keys are plain words"),
    ("source: a\0b", "not valid YAML"),
    ("source: !!binary aGVsbG8=", None),
])
def test_odd_blocks_are_block_errors(tmp_path, body, message):
    from argmap.embed import render_block

    with pytest.raises(BlockError) as info:
        render_block(parse_block(body, 3), base=tmp_path)
    assert info.value.line is not None and info.value.line >= 3
    if message:
        assert message in info.value.message
