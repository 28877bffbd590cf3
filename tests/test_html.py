"""The HTML outputs: the inline-SVG fragment exporter and the offline interactive page.

The page's behaviour is tested in a real browser (Debian's Chromium driven by
Playwright); those tests skip, saying why, only when no Chromium is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.diagnostics import InvalidInputError
from argmap.svgfinish import inline_svg
from argmap.html import build_html, write_html
from argmap.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "small"
ARGUMENTS = ROOT / "arguments"


def page_json(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.S).group(1))


# -- the fragment (argmap render --format html) ---------------------------------------------
def test_fragment_keeps_hover_text_and_links_and_scales():
    from argmap.pipeline import View, render_path
    from argmap.settings import Settings

    data, _ = render_path(SMALL, "html", Settings(engine="embedded"), View(map="debate"))
    html = data.decode()
    assert html.startswith('<figure class="argmap">\n<svg ')
    assert "<?xml" not in html and "<!DOCTYPE" not in html and "<!--" not in html
    root = re.search(r"<svg\b[^>]*>", html).group(0)
    assert 'viewBox="' in root and not re.search(r'\s(width|height)="', root)
    assert re.search(r'style="width:100%;max-width:[0-9.]+pt;height:auto"', root)
    # the quote is in a <title> a browser shows on hover, the source a live link
    titles = re.findall(r"<title>([^<]*)</title>", html)
    assert any("all tests are green" in t for t in titles)
    assert 'xlink:href="https://example.org/memo"' in html


def test_fragment_drops_unsafe_links():
    svg = ('<svg width="10pt" height="5pt" viewBox="0 0 10 5"><a xlink:href="javascript:alert(1)" xlink:title="x">'
           '<text>a</text></a><a xlink:href="https://ok.example/">b</a></svg>')
    out = inline_svg(svg)
    assert "javascript:" not in out
    assert 'xlink:href="https://ok.example/"' in out


def test_fragment_folds_the_svgs_own_scaling_rule_into_one_style():
    svg = '<svg viewBox="0 0 300 100" style="max-width:300pt"><g/></svg>'
    out = inline_svg(svg)
    assert out.count("style=") == 1 and 'style="width:100%;max-width:300pt;height:auto"' in out


def test_fragment_is_registered_as_an_export_format():
    from argmap.export import FORMATS, format_for_suffix

    assert FORMATS["html"].target == "html" and format_for_suffix("post.html") == "html"


# -- the page (argmap html) -------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_page() -> str:
    return build_html(ARGUMENTS)


@pytest.fixture(scope="module")
def small_page(tmp_path_factory) -> Path:
    """tests/data/small with parts of at most 2 nodes, so that parts and "see its own part" exist."""
    out = tmp_path_factory.mktemp("html") / "small.html"
    write_html(SMALL, out, parts=2)
    return out


@pytest.mark.slow
def test_seed_page_is_small_and_self_contained(seed_page):
    size = len(seed_page.encode())
    assert size < 2_000_000, f"seed page is {size} bytes"
    # nothing that a browser would fetch: no src, no stylesheet link, no url() or @import
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\s(src|href)=", seed_page, re.I)
    assert "url(" not in seed_page and "@import" not in seed_page
    assert "default-src 'none'" in seed_page  # and the page forbids itself any request


def test_seed_page_has_every_map_and_the_parts_build_draws(seed_page):
    from argmap import load
    from argmap.graph import build, map_view
    from argmap.html import DEFAULT_PARTS
    from argmap.parts import column_parts
    from argmap.settings import Settings

    data = page_json(seed_page)
    G = build(load(ARGUMENTS))
    expected = []
    for name in G.graph["maps"]:
        H = map_view(G, name)
        expected.append(f"map:{name}")
        if sum(1 for _, d in H.nodes(data=True) if not d.get("ghost")) > DEFAULT_PARTS:
            expected += [f"part:{name}/{part.root}" for part in column_parts(H, Settings(), DEFAULT_PARTS)]
    assert [v["key"] for v in data["views"]] == expected
    assert seed_page.count('<script type="image/svg+xml" id="argmap-view-') == len(expected)
    assert any(v.get("continued") for v in data["views"])  # parts that point at further parts


def test_statuses_are_the_folder_analysis(seed_page):
    from argmap import load
    from argmap.analysis import analyze
    from argmap.graph import build

    data = page_json(seed_page)
    result = analyze(build(load(ARGUMENTS)))
    evaluated = {n: d for n, d in data["nodes"].items() if d["kind"] != "question"}
    assert {n: d["status"] for n, d in evaluated.items()} == result.status
    assert {n: d["why"] for n, d in evaluated.items()} == {n: list(result.reasons.get(n) or []) for n in result.status}
    questions = [d for d in data["nodes"].values() if d["kind"] == "question"]
    assert questions and all(d["status"] is None for d in questions)  # never evaluated, so never IN/OUT/UNDEC


@pytest.mark.slow
def test_page_is_deterministic_under_any_hash_seed(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"p{seed}.html"
        code = f"from argmap.html import write_html; write_html({str(SMALL)!r}, {str(out)!r}, parts=2)"
        subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_bad_input_raises_and_writes_nothing(tmp_path, data_dir):
    out = tmp_path / "bad.html"
    with pytest.raises(InvalidInputError):
        write_html(data_dir / "errors" / "dangling.yaml", out)
    assert not out.exists()


def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "h.yaml").write_text(
        "map: h\ntitle: '</title><script>window.pwned=1</script>'\nnodes:\n"
        "  - id: evil\n    text: \"</script><script>window.pwned=2</script> <b>bold</b> {{title}}\"\n"
        "    quote: \"<img src=x onerror='window.pwned=3'>\"\n"
        "  - id: other\n    text: plain\n    attacks: [evil]\n",
        encoding="utf-8",
    )
    return folder


def test_text_cannot_break_out_of_the_page(tmp_path):
    page = build_html(hostile_folder(tmp_path))
    assert "<script>window.pwned" not in page
    assert page.count("<script") == 3  # the data block, the one view's drawing and the page's own script
    assert page_json(page)["nodes"]["evil"]["text"].startswith("</script><script>")


# -- in a browser -----------------------------------------------------------------------------
class Page:
    """A page opened from file:// with every other request refused, and its errors collected."""

    def __init__(self, browser, path: Path, fragment: str = ""):
        self.page = browser.new_page(viewport={"width": 1000, "height": 700})
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector("html[data-argmap-ready]")

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def selected(self) -> str | None:
        return self.page.evaluate("() => { const g = document.querySelector('#am-canvas g.am-sel'); return g && g.dataset.id; }")

    def view(self) -> dict:
        return self.page.evaluate("() => { const d = JSON.parse(document.getElementById('argmap-data').textContent);"
                                  " return d.views[Number(document.getElementById('am-view').value)]; }")

    def click_node(self, node_id: str, selector: str = "path, polygon"):
        self.page.locator(f'#am-canvas g.node[data-id="{node_id}"]').locator(selector).first.click()

    def close(self):
        assert self.outside == [], f"requests outside the file: {self.outside}"
        assert self.errors == [], f"JavaScript errors: {self.errors}"
        self.page.close()


@pytest.mark.slow
def test_seed_page_loads_offline_without_errors_in_every_view(browser, tmp_path, seed_page):
    path = tmp_path / "seed.html"
    path.write_text(seed_page, encoding="utf-8")
    p = Page(browser, path)
    count = p.page.evaluate("() => document.querySelectorAll('#am-view option').length")
    assert count == len(page_json(seed_page)["views"])
    for i in range(count):
        p.page.select_option("#am-view", str(i))
        boxes = p.page.evaluate("() => document.querySelectorAll('#am-canvas g.node[data-id]').length")
        assert boxes == len(p.view()["nodes"]) + len(p.view()["ghosts"])
    p.close()


def test_search_finds_a_node_and_enter_selects_it(browser, small_page):
    p = Page(browser, small_page)
    p.page.keyboard.press("/")
    p.page.keyboard.type("real load")
    hits = p.page.locator("#am-results li[data-id]")
    assert hits.count() == 1 and hits.first.get_attribute("data-id") == "tests-miss-load"
    p.page.fill("#am-q", "bob critic")  # an author's name finds their boxes
    assert sorted(hits.evaluate_all("els => els.map(e => e.dataset.id)")) == ["docs-missing", "tests-miss-load"]
    p.page.fill("#am-q", "docs-written")  # by id
    p.page.keyboard.press("Enter")
    assert p.selected() == "docs-written"
    assert p.page.locator("#am-panel").is_visible()
    p.close()


def test_click_shows_quote_source_link_status_and_relations(browser, small_page):
    p = Page(browser, small_page, "#map=debate")
    p.click_node("tests-pass")
    assert p.selected() == "tests-pass"
    panel = p.page.locator("#am-panel")
    assert "all tests are green" in panel.locator(".am-quote").inner_text()
    link = panel.locator("a.am-source-link")
    assert link.get_attribute("href") == "https://example.org/memo" and "Release memo" in link.inner_text()
    assert "IN" in panel.locator(".am-status-line").inner_text()
    # what it answers is a link that selects that node
    panel.locator('.am-node[data-id="ship-it"]').click()
    assert p.selected() == "ship-it"
    status = page_json(small_page.read_text(encoding="utf-8"))["nodes"]["ship-it"]["status"]
    assert panel.locator(".am-status-line .am-badge").inner_text() == status
    assert p.page.evaluate("location.hash") == "#ship-it"
    p.close()


def test_filter_hides_what_it_should(browser, small_page):
    p = Page(browser, small_page, "#map=debate")
    p.page.select_option("#am-f-author", "Bob Critic")
    off = set(p.page.evaluate("() => [...document.querySelectorAll('#am-canvas g.node.am-off')].map(g => g.dataset.id)"))
    on = set(p.page.evaluate("() => [...document.querySelectorAll('#am-canvas g.node[data-id]:not(.am-off)')].map(g => g.dataset.id)"))
    assert on == {"docs-missing", "tests-miss-load"}
    assert {"ship-it", "tests-pass", "tests-prove-quality", "docs-written"} <= off
    p.page.select_option("#am-f-author", "")
    p.page.select_option("#am-f-tag", "quality")
    on = set(p.page.evaluate("() => [...document.querySelectorAll('#am-canvas g.node[data-id]:not(.am-off)')].map(g => g.dataset.id)"))
    assert on == {"tests-pass", "tests-miss-load"}
    p.page.select_option("#am-f-tag", "")
    p.page.select_option("#am-f-map", "followup")  # shows that map, its ghosts from others dimmed
    assert p.view()["map"] == "followup"
    on = set(p.page.evaluate("() => [...document.querySelectorAll('#am-canvas g.node[data-id]:not(.am-off)')].map(g => g.dataset.id)"))
    assert on == {"docs-written"}
    p.page.fill("#am-q", "docs")  # and search keeps to it
    assert p.page.locator("#am-results li[data-id]").evaluate_all("els => els.map(e => e.dataset.id)") == ["docs-written"]
    p.page.fill("#am-q", "")
    p.page.select_option("#am-f-map", "")
    p.page.select_option("#am-view", "0")
    p.page.select_option("#am-f-status", "OUT")
    data = page_json(small_page.read_text(encoding="utf-8"))
    shown = set(p.page.evaluate("() => [...document.querySelectorAll('#am-canvas g.node[data-id]:not(.am-off)')].map(g => g.dataset.id)"))
    assert shown and all(data["nodes"][n]["status"] == "OUT" for n in shown)
    p.close()


def test_deep_link_selects_and_centres_its_node(browser, small_page):
    p = Page(browser, small_page, "#docs-missing")
    assert p.selected() == "docs-missing"
    inside = p.page.evaluate("""() => {
        const r = document.querySelector('#am-canvas g.am-sel').getBoundingClientRect();
        const c = document.getElementById('am-canvas').getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        return Math.abs(x - (c.left + c.width / 2)) < c.width / 4 && y > c.top && y < c.bottom; }""")
    assert inside
    p.page.evaluate("location.hash = '#docs-written'")  # a link followed inside the page
    p.page.wait_for_function("() => document.querySelector('#am-canvas g.am-sel')?.dataset.id === 'docs-written'")
    assert p.view()["map"] == "followup"
    p.close()


def test_ghost_opens_its_map(browser, small_page):
    p = Page(browser, small_page, "#map=followup")
    assert "docs-missing" in p.view()["ghosts"]
    p.click_node("docs-missing")
    assert p.view()["map"] == "debate" and "docs-missing" in p.view()["nodes"]
    assert p.selected() == "docs-missing"
    p.close()


def test_see_its_own_part_opens_that_part(browser, small_page):
    p = Page(browser, small_page)
    data = page_json(small_page.read_text(encoding="utf-8"))
    i, node = next((i, v["continued"][0]) for i, v in enumerate(data["views"]) if v.get("continued"))
    p.page.select_option("#am-view", str(i))
    p.click_node(node, "text.am-more")
    assert p.view().get("part") == node
    assert p.selected() == node
    p.close()


def test_keyboard_tab_to_a_box_and_open_it(browser, small_page):
    p = Page(browser, small_page, "#map=debate")
    p.page.focus("#am-canvas")
    p.page.keyboard.press("Tab")
    focused = p.page.evaluate("() => document.activeElement.dataset && document.activeElement.dataset.id")
    assert focused
    p.page.keyboard.press("Enter")
    assert p.selected() == focused
    p.page.keyboard.press("Escape")
    assert p.selected() is None and not p.page.locator("#am-panel").is_visible()
    before = p.page.evaluate("() => document.querySelector('#am-canvas svg').getAttribute('viewBox')")
    p.page.keyboard.press("+")
    assert p.page.evaluate("() => document.querySelector('#am-canvas svg').getAttribute('viewBox')") != before
    p.page.keyboard.press("0")
    assert p.page.evaluate("() => document.querySelector('#am-canvas svg').getAttribute('viewBox')") == before
    p.close()


def test_hostile_text_is_shown_not_run(browser, tmp_path):
    out = tmp_path / "hostile.html"
    write_html(hostile_folder(tmp_path), out)
    p = Page(browser, out, "#evil")
    assert p.page.evaluate("() => window.pwned === undefined")
    assert "<script>window.pwned=2</script>" in p.page.locator("#am-panel .am-text").inner_text()
    p.close()


def test_print_view_hides_the_controls(browser, small_page):
    p = Page(browser, small_page, "#ship-it")
    p.page.emulate_media(media="print")
    assert not p.page.locator("#am-q").is_visible()
    assert not p.page.locator(".am-zoom").is_visible()
    assert p.page.locator("#am-canvas svg").is_visible() and p.page.locator("#am-panel").is_visible()
    p.close()


def v2_page(tmp_path) -> Path:
    """A page of a small format-v2 graph (:func:`v2_graph`), strengths by DF-QuAD."""
    from argmap.html import page_html

    path = tmp_path / "v2.html"
    path.write_text(page_html(v2_graph(), "V2", Settings(semantics="dfquad")), encoding="utf-8")
    return path


def v2_graph():
    """A small format-v2 graph (built with networkx, as graph.build() lays v2 out)."""
    import networkx as nx

    G = nx.MultiDiGraph(maps={"m": {"title": "V2", "sources": {}}})

    def node(i, text, kind="claim", by="Ann", **kw):
        stance = kw.pop("stance", "own")
        holder = None if stance == "steelman" else kw.get("held_by") or by
        G.add_node(i, text=text, map="m", kind=kind, by=by, tags=(), source=None, stance=stance, holder=holder,
                   premises=tuple(kw.pop("premises", ())), **kw)

    def edge(u, v, kind, **kw):
        G.add_edge(u, v, key=kind, kind=kind, inferred=kw.pop("inferred", False), note=kw.pop("note", None), **kw)

    node("q", "What does take-over mean?", kind="question")
    node("a", "It means a decisive advantage.", title="Decisive advantage")
    node("b", "A fast takeoff is unlikely.", by="Bob", held_by="Carl", stance="restates")
    node("c", "Takeoff is fast.", by="Dee", weight=0.8)
    node("d", "Some AIs could coordinate.", by="Eve", stance="steelman")
    node("p1", "Premise one.")
    node("p2", "Premise two.")
    node("arg", "So the claim follows.", kind="argument", premises=("p1", "p2"))
    node("u", "The inference is weak.")
    edge("a", "q", "answers")
    edge("b", "c", "contradicts")
    edge("d", "a", "concedes")
    edge("p1", "arg", "premise")
    edge("p2", "arg", "premise")
    edge("arg", "c", "supports", attacked_by=({"by": "u", "kind": "undercuts", "inferred": False, "note": None},))
    edge("u", "b", "attacks", inferred=True, note="we read it so")
    return G


def test_v2_panel_names_each_relation_in_its_own_words(browser, tmp_path):
    path = v2_page(tmp_path)
    data = page_json(path.read_text(encoding="utf-8"))
    assert data["nodes"]["q"]["status"] is None  # a question is not evaluated
    p = Page(browser, path)
    panel = p.page.locator("#am-panel")

    def words(node_id):
        p.click_node(node_id)
        assert p.selected() == node_id
        return [t.strip() for t in panel.locator("li.am-rel").all_inner_texts()]

    c = words("c")
    assert any(t.startswith("contradicted by: A fast takeoff") and "— Carl" in t for t in c), c  # its holder
    assert any(t.startswith("supported by: So the claim follows.") for t in c)
    assert any(t.startswith("the link So the claim follows. supports it is undercut by The inference is weak.") for t in c), c
    from argmap.evaluation import evaluate

    strength = evaluate(v2_graph(), Settings(semantics="dfquad")).strength["c"]  # the one evaluation's
    assert data["nodes"]["c"]["strength"] == pytest.approx(strength, abs=1e-4)
    assert f"strength {strength:.2f}" in panel.locator(".am-strength").inner_text()
    # the lines through the drawing's own points belong to their boxes: both halves of the
    # undercut relation and the contradiction are marked with c
    marked = p.page.evaluate("() => [...document.querySelectorAll('#am-canvas g.edge.am-edge-sel')].map(g => g.id).sort()")
    assert marked == ["edge-arg-supports-c-1", "edge-arg-supports-c-2", "edge-b-contradicts-c", "edge-u-undercuts-arg-supports-c"]
    b = words("b")
    assert panel.locator(".am-stance").inner_text() == "restated by Bob (held by Carl)"
    assert any(t.startswith("contradicts: Takeoff is fast.") for t in b)
    assert any(t.startswith("attacked by: The inference is weak.") and "(inferred)" in t and "note: we read it so" in t for t in b), b
    a = words("a")
    assert panel.locator("#am-panel-title").inner_text() == "Decisive advantage"
    assert any(t.startswith("answers: What does take-over mean?") for t in a)
    assert any(t.startswith("conceded by: Some AIs could coordinate.") for t in a)
    assert "(steelman by" not in panel.inner_text()
    words("d")
    assert panel.locator(".am-stance").inner_text() == "steelman by Eve (held by nobody)"
    q = words("q")
    assert panel.locator("#am-panel-title").inner_text() == "Question"
    assert panel.locator(".am-status-line").inner_text().strip() == "question answered by “Decisive advantage”"
    assert any(t.startswith("answered by: Decisive advantage") for t in q)
    arg = words("arg")
    assert arg[:2] == ["Premise one.", "Premise two."]  # the premises, needed together
    assert not any(t.startswith("premise:") for t in arg)
    assert any(t.startswith("premise of: So the claim follows.") for t in words("p1"))
    assert any(t.startswith("undercuts the link So the claim follows. supports Takeoff is fast.") for t in words("u"))
    # a status filter leaves questions out: they have no status
    p.page.keyboard.press("Escape")
    p.page.select_option("#am-f-status", "IN")
    shown = set(p.page.evaluate("() => [...document.querySelectorAll('#am-canvas g.node[data-id]:not(.am-off)')].map(g => g.dataset.id)"))
    assert "q" not in shown and shown and all(data["nodes"][n]["status"] == "IN" for n in shown)
    p.close()


# -- a map too big to draw whole (issue 23): drawn in parts only, and the page says so ----------
def big_tree_folder(root: Path, n: int) -> Path:
    """A reply tree of ``n`` nodes, one map file, written as a user would."""
    folder = root / "big"
    folder.mkdir()
    lines = ["map: big", "title: A big generated debate", "nodes:"]
    for i in range(n):
        lines += [f"  - id: n{i}", f"    text: Claim number {i} of a long debate.", f"    by: Author {i % 7}"]
        if i:
            lines.append(f"    {('supports', 'attacks')[i % 2]}: [n{(i - 1) // 3}]")
    (folder / "big.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> Path:
    from argmap.html import DRAW_WHOLE_UP_TO

    folder = big_tree_folder(tmp_path_factory.mktemp("big"), DRAW_WHOLE_UP_TO + 20)
    out = folder.parent / "big.html"
    write_html(folder, out)
    return out


def test_a_map_too_big_to_draw_whole_is_drawn_in_parts_and_says_so(big_page):
    from argmap.html import DRAW_WHOLE_UP_TO

    page = big_page.read_text(encoding="utf-8")
    data = page_json(page)
    whole = next(i for i, v in enumerate(data["views"]) if "part" not in v)
    assert data["views"][whole].get("drawn") is False and len(data["views"][whole]["nodes"]) == DRAW_WHOLE_UP_TO + 20
    block = re.search(rf'<script type="image/svg\+xml" id="argmap-view-{whole}">(.*?)</script>', page, re.S).group(1)
    assert "too many to draw as one picture" in block and 'class="node"' not in block
    drawn = {n for v in data["views"] if v.get("part") for n in v["nodes"]}
    assert drawn == set(data["views"][whole]["nodes"])  # every box is drawn in some part
    assert all(data["nodes"][n]["home"] != whole for n in drawn)  # and a search opens it there


def test_small_maps_are_still_drawn_whole(seed_page):
    assert all(v.get("drawn", True) for v in page_json(seed_page)["views"])


def test_the_undrawn_map_view_explains_itself_and_search_opens_a_part(browser, big_page):
    p = Page(browser, big_page, "#map=big")
    assert p.view().get("drawn") is False
    assert "too many to draw" in p.page.inner_text("#am-canvas")
    assert "parts only" in p.page.inner_text("#am-hint")
    p.page.keyboard.press("/")
    p.page.keyboard.type("Claim number 250 ")
    p.page.keyboard.press("Enter")
    assert p.selected() == "n250" and p.view().get("part")


# -- issue 22 item 5: a deep link opens the part drawn from its node, framed; the page has the folder's title
def test_the_page_is_titled_by_its_folder_or_its_map(seed_page, tmp_path):
    assert "<title>Debates about AI alignment</title>" in seed_page  # arguments/argmap.toml
    assert page_json(seed_page)["title"] == "Debates about AI alignment"
    one = tmp_path / "one"
    one.mkdir()
    (one / "m.yaml").write_text("title: Should we ship?\nnodes:\n  - id: a\n    text: Ship it.\n", encoding="utf-8")
    assert "<title>Should we ship?</title>" in build_html(one)
    (one / "argmap.toml").write_text('title = "Release debates"\n[render]\nwrap = 24\n', encoding="utf-8")
    assert "<title>Release debates</title>" in build_html(one)


def test_deep_link_opens_the_part_drawn_from_the_node_with_its_title_in_view(browser, tmp_path, seed_page):
    path = tmp_path / "seed.html"
    path.write_text(seed_page, encoding="utf-8")
    p = Page(browser, path, "#backlash-needs-few-ais")
    assert p.selected() == "backlash-needs-few-ais"
    assert p.view().get("part") == "backlash-needs-few-ais"  # drawn from it, not where it is a leaf
    frame = p.page.evaluate("""() => {
        const c = document.getElementById('am-canvas').getBoundingClientRect();
        const svg = document.querySelector('#am-canvas svg');
        const title = svg.querySelector('g.graph > text').getBoundingClientRect();
        const node = document.querySelector('#am-canvas g.am-sel').getBoundingClientRect();
        return {c: [c.left, c.top, c.right, c.bottom], title: [title.left, title.top, title.right, title.bottom],
                node: [node.left, node.top, node.right, node.bottom]}; }""")
    (cl, ct, cr, cb), (tl, tt, tr, tb), (nl, nt, nr, nb) = frame["c"], frame["title"], frame["node"]
    assert cl <= tl and tr <= cr and ct <= tt and tb <= cb, frame  # the title, whole, in view
    assert tt - ct < 80, frame  # no blank band above the drawing: room for the zoom buttons and the margin only
    assert cl <= nl and nr <= cr and ct <= nt and nb <= cb, frame  # and the node
    p.close()


# Defects found by QA.


def test_html_panel_wraps_a_long_source_address_instead_of_running_off_the_panel(browser, tmp_path):
    # a source with no title shows its address as the link text; at 1,000 px it ran past the panel's edge
    (tmp_path / "u.yaml").write_text(
        "map: u\ntitle: U\nsources:\n  s:\n    author: Ann\n"
        "    url: https://example.com/?q=" + "%22x" * 40 + "\n"
        "nodes:\n  - id: a\n    text: A.\n    by: Ann\n    source: s\n", encoding="utf-8")
    out = tmp_path / "u.html"
    write_html(tmp_path / "u.yaml", out)
    page = Page(browser, out, "#a")
    sizes = page.page.evaluate("() => { const p = document.getElementById('am-panel'); return [p.scrollWidth, p.clientWidth]; }")
    page.close()
    assert sizes[0] <= sizes[1], sizes


# -- every deep link opens something or says it found nothing; fields are bidi-isolated (issue 24) --------
HOSTILE_PAGE = ROOT / "tests" / "data" / "hostile" / "page"


@pytest.mark.parametrize("fragment, said", [
    ("#%", "Nothing in this page is named “%”"),
    ("#%E0%A4%A", "Nothing in this page is named “%E0%A4%A”"),
    ("#constructor", "Nothing in this page is named “constructor”"),
    ("#__proto__", "Nothing in this page is named “__proto__”"),
    ("#toString", "Nothing in this page is named “toString”"),
    ("#no-such-box", "Nothing in this page is named “no-such-box”"),
    ("#node-constructor", "Nothing in this page is named “node-constructor”"),
    ("#map=constructor", "No map named “constructor”"),
    ("#part=debate/__proto__", "No part named “debate/__proto__”"),
    ("#" + "x" * 5000, "Nothing in this page is named “" + "x" * 79 + "…”"),
])
def test_a_deep_link_to_nothing_says_so_and_shows_a_map(browser, small_page, fragment, said):
    p = Page(browser, small_page, fragment)  # waits for the page to be ready: a thrown URIError never got there
    assert p.page.evaluate("() => document.querySelectorAll('#am-canvas g.node[data-id]').length") > 0
    notice = p.page.locator("#am-notice")
    assert notice.is_visible() and notice.inner_text() == said + (": no box, map or part has that id" if said.startswith("Nothing") else " in this page")
    assert p.selected() is None
    p.page.evaluate("location.hash = '#tests-pass'")  # a good link afterwards works, and the notice goes
    p.page.wait_for_function("() => document.querySelector('#am-canvas g.am-sel')?.dataset.id === 'tests-pass'")
    assert not notice.is_visible()
    p.page.evaluate(f"location.hash = {json.dumps(fragment)}")  # and a bad one followed later keeps the map shown
    p.page.wait_for_function("() => !document.getElementById('am-notice').hidden")
    assert p.page.evaluate("() => document.querySelectorAll('#am-canvas g.node[data-id]').length") > 0
    p.close()


def _reads_left_to_right(p, container: str, word: str) -> bool:
    """Whether ``word``, in a text node of the panel after a hostile field, is laid out left to right."""
    return p.page.evaluate("""([container, word]) => {
        const root = document.querySelector(container);
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
            const at = t.data.indexOf(word);
            if (at < 0) continue;
            const x = i => { const r = document.createRange(); r.setStart(t, at + i); r.setEnd(t, at + i + 1);
                             return r.getBoundingClientRect().left; };
            return x(0) < x(word.length - 1);
        }
        throw new Error("no text " + word + " in " + container);
    }""", [container, word])


def test_bidi_overrides_in_a_holder_or_source_title_reverse_only_themselves(browser, tmp_path):
    out = tmp_path / "bidi.html"
    write_html(HOSTILE_PAGE, out)
    p = Page(browser, out, "#hostile-holder")
    panel = "#am-panel"
    assert p.page.locator(panel).is_visible()
    # the words after each hostile field still read left to right
    assert _reads_left_to_right(p, f"{panel} p.am-meta", "claim")  # after "By Mallory \u202erevo"
    assert _reads_left_to_right(p, f"{panel} p.am-source", "Author")  # after the source title
    assert _reads_left_to_right(p, f"{panel} p.am-stance", "held")  # after the writer's name
    # every field the authors wrote sits in an isolate
    fields = p.page.evaluate("""() => {
        const hostile = [...document.querySelectorAll('#am-panel *')].filter(e =>
            [...e.childNodes].some(c => c.nodeType === 3 && c.data.includes('\\u202e')));
        return hostile.map(e => [e.tagName, getComputedStyle(e).unicodeBidi]);
    }""")
    assert fields and all(bidi == "isolate" for _, bidi in fields), fields
    # the hover text is one string: each field in it sits between FSI and PDI
    hover = p.page.evaluate("() => document.querySelector('#am-canvas g.node[data-id=\"hostile-holder\"] title').textContent")
    assert "\u2068Mallory \u202erevo\u2069" in hover and "\u2068Release memo \u202eetats ot gninnur\u2069" in hover
    p.page.screenshot(path=str(tmp_path / "bidi.png"))
    p.close()


# -- the page shows what stands without any filter (issue 22) ----------------------------------
def test_page_opens_with_each_maps_answer_and_marks_what_falls(browser, tmp_path, seed_page):
    import argmap
    from argmap.evaluation import evaluate
    from argmap.graph import build

    G = build(argmap.load(ARGUMENTS))
    ev = evaluate(G)
    path = tmp_path / "seed.html"
    path.write_text(seed_page, encoding="utf-8")
    p = Page(browser, path, "#map=power-concentration")
    verdict = ev.verdicts["power-concentration"]
    answer = p.page.evaluate("() => { const a = document.getElementById('am-answer'); return a.hidden ? null : a.textContent; }")
    assert answer and verdict.sentence in answer and "Thesis" in answer
    marked = set(p.page.evaluate("() => Array.from(document.querySelectorAll('#am-canvas g.node.am-st-OUT')).map(g => g.dataset.id)"))
    drawn_out = {n for n in p.view()["nodes"] if ev.status.get(n) == "OUT" and n not in (p.view().get("ghosts") or {})}
    assert drawn_out and marked == drawn_out  # every falling box drawn here, and only those, is marked
    border = p.page.evaluate("""() => getComputedStyle(document.querySelector('#am-canvas g.node.am-st-OUT > path, '
        + '#am-canvas g.node.am-st-OUT > polygon')).strokeDasharray""")
    assert border not in ("", "none")
    p.close()


def test_the_zoom_buttons_are_not_covered_by_the_answer_line_with_the_panel_open(browser, small_page):
    p = Page(browser, small_page, "#map=debate")
    p.page.set_viewport_size({"width": 1000, "height": 700})
    p.click_node("tests-pass")
    assert p.page.locator("#am-panel").is_visible() and p.page.locator(".am-answer").is_visible()
    viewbox = "() => document.querySelector('#am-canvas svg').getAttribute('viewBox')"
    before = p.page.evaluate(viewbox)
    p.page.locator("#am-zoom-in").click(timeout=3000)  # Playwright refuses a click another element would take
    assert p.page.evaluate(viewbox) != before
    zoom, answer = (p.page.locator(s).bounding_box() for s in (".am-zoom", ".am-answer"))
    assert zoom["x"] >= answer["x"] + answer["width"] or zoom["y"] >= answer["y"] + answer["height"]
    p.close()


def test_the_panel_lists_every_wording_with_its_quote_and_source(browser, tmp_path):
    """One claim said three times (tests/data/wordings): one box, and its panel gives each wording's provenance."""
    out = tmp_path / "wordings.html"
    write_html(ROOT / "tests" / "data" / "wordings", out)
    data = page_json(out.read_text(encoding="utf-8"))
    assert [w["source"]["title"] for w in data["nodes"]["free-parking-costs"]["wordings"]] == [
        "What free parking costs", "Council minutes, 12 March"]
    p = Page(browser, out, "#map=parking")
    assert p.page.locator('#am-canvas g.node[data-id="free-parking-costs"]').count() == 1  # one box, not three
    p.click_node("free-parking-costs")
    panel = p.page.locator("#am-panel")
    assert panel.locator(".am-wordings-title").inner_text().lower() == "also worded (2)"
    items = panel.locator("li.am-wording")
    assert items.count() == 2
    second = items.nth(1)
    assert second.locator(".am-text").inner_text() == "Shoppers who walk pay for the parking of those who drive. — Luis Rivera"
    assert "the people who walk to my shop pay for the cars" in second.locator(".am-quote").inner_text()
    assert "Council minutes, 12 March (Luis Rivera, 2024-03-12)" in second.locator(".am-source").inner_text()
    first = items.nth(0).locator("a.am-source-link")  # the essay has a page: its title links to it
    assert first.get_attribute("href") == "https://example.org/essay"
    p.page.keyboard.press("Escape")
    p.page.keyboard.press("/")
    p.page.keyboard.type("walk to my shop")  # a wording's quote finds its node
    hits = p.page.locator("#am-results li[data-id]")
    assert hits.evaluate_all("els => els.map(e => e.dataset.id)") == ["free-parking-costs"]
    p.page.fill("#am-q", "")
    p.page.select_option("#am-f-author", "Luis Rivera")  # he said it too: his filter keeps the claim
    on = set(p.page.evaluate("() => [...document.querySelectorAll('#am-canvas g.node[data-id]:not(.am-off)')].map(g => g.dataset.id)"))
    assert on == {"free-parking-costs", "shops-need-cars"}
    p.close()


def test_objections_to_objections_are_listed_and_their_lines_belong_to_their_boxes(browser, tmp_path):
    """Bob's example (Baroni et al. 2011) with n->p->c->g, an objection to an objection to a link
    (argmap.address): the panel names each link at its depth, and every line through the drawing's
    points is marked with the boxes it joins."""
    folder = tmp_path / "bob"
    folder.mkdir()
    (folder / "bob.yaml").write_text(
        "nodes:\n"
        "  - {id: c, text: Bob goes to Cuba., attacks: [g]}\n"
        "  - {id: g, text: Bob goes to the Galapagos., attacks: [c]}\n"
        "  - {id: p, text: The Galapagos trip is on offer., attacks: [c->g]}\n"
        "  - {id: n, text: The offer has ended., attacks: [p->c->g]}\n"
        "  - {id: x, text: That notice was last year's., undercuts: [n->p->c->g]}\n", encoding="utf-8")
    out = tmp_path / "bob.html"
    write_html(folder, out)
    p = Page(browser, out)
    panel = p.page.locator("#am-panel")

    def select(node_id):
        p.click_node(node_id)
        assert p.selected() == node_id
        lines = [" ".join(t.split()) for t in panel.locator("li.am-rel-objection").all_inner_texts()]
        marked = p.page.evaluate("() => [...document.querySelectorAll('#am-canvas g.edge.am-edge-sel')].map(g => g.id).sort()")
        return lines, marked

    lines, marked = select("p")
    assert any(t.startswith("the link it attacks (the link Bob goes to Cuba. attacks Bob goes to the Galapagos.) is attacked by "
                            "The offer has ended.") for t in lines), lines
    assert any(t.startswith("attacks the link Bob goes to Cuba. attacks Bob goes to the Galapagos.") for t in lines), lines
    assert marked == ["edge-p-attacks-c-attacks-g-1", "edge-p-attacks-c-attacks-g-2"]
    lines, marked = select("x")
    assert any(t.startswith("undercuts the link The offer has ended. attacks (the link The Galapagos trip is on offer. attacks "
                            "(the link Bob goes to Cuba. attacks Bob goes to the Galapagos.))") for t in lines), lines
    assert marked == ["edge-x-undercuts-n-attacks-p-attacks-c-attacks-g"]
    lines, marked = select("n")
    assert marked == ["edge-n-attacks-p-attacks-c-attacks-g-1", "edge-n-attacks-p-attacks-c-attacks-g-2"]
    assert any("is undercut by That notice was last year's." in t for t in lines), lines
    # the verdict AFRA gives: x defeats n's attack, so p's attack defeats Cuba's and Bob goes to the Galapagos
    data = page_json(out.read_text(encoding="utf-8"))
    assert (data["nodes"]["g"]["status"], data["nodes"]["c"]["status"]) == ("IN", "OUT")
    p.close()
