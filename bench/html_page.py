#!/usr/bin/env python3
"""Benchmark of ``argmap html``: how long a folder's page takes to build, and to become
interactive in headless Chromium.

For each size, a synthetic folder is generated (bench/pipeline.py's map generator,
split into maps of about 250 nodes that answer each other, so pages have ghosts and
parts), the page is built (Graphviz layout of every map and part, embedded
engine), then opened from ``file://`` in Debian's Chromium through Playwright,
with every non-file request refused.  "interactive" is the page's own
``argmap-ready`` performance mark (ms after navigation start: HTML parsed, data
read, first view drawn and wired); "search", "select" and "switch" time a search
for a word, a deep-link selection with its panel, and a change of view.

    python bench/html_page.py                  # sizes 100, 300, 1000
    python bench/html_page.py --sizes 1000 --runs 5
    python bench/html_page.py --folder arguments   # also the seed folder

Figures are the best of ``--runs`` page loads; ratios are to the smallest size.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

# This file is named html.py: keep its folder off the import path, or it would shadow the
# standard library's `html` package; load the map generator from bench/pipeline.py by path.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
_spec = importlib.util.spec_from_file_location("bench_pipeline", _HERE / "pipeline.py")
_pipeline = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_pipeline)
generate_map = _pipeline.generate_map

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
MAP_SIZE = 250


def make_folder(n: int, folder: Path) -> None:
    """``n`` nodes in maps of about MAP_SIZE nodes; each later map's roots answer a node of the one before."""
    text = generate_map(n)
    head, _, body = text.partition("\nnodes:\n")
    entries = body.split("\n\n")
    entries = [e for e in entries if e.strip()]
    chunks = [entries[i : i + MAP_SIZE] for i in range(0, len(entries), MAP_SIZE)]
    ids_in = [{re.search(r"id: (\S+)", e).group(1) for e in chunk} for chunk in chunks]
    for k, chunk in enumerate(chunks):
        lines = [line for line in head.splitlines() if not line.startswith(("map:", "title:", "#"))]
        out = [f"map: bench-{n}-{k}", f"title: Synthetic map {k + 1} of {len(chunks)} ({n} nodes in all)", *lines, "nodes:"]
        for e in chunk:
            # relations to nodes of later maps would be fine too; keep those to earlier ones only
            targets = re.search(r"    (supports|attacks|undercuts): \[(.*)\]", e)
            if targets:
                kept = [t.strip() for t in targets.group(2).split(",") if any(t.strip() in ids for ids in ids_in[: k + 1])]
                e = e.replace(targets.group(0), f"    {targets.group(1)}: [{', '.join(kept)}]" if kept else "")
            out.append(e.rstrip())
        (folder / f"bench-{k}.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")


def measure(browser, path: Path, runs: int) -> dict:
    best: dict[str, float] = {}
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        outside = []
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else (outside.append(route.request.url), route.abort()))
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(path.as_uri())
        page.wait_for_selector("html[data-argmap-ready]")
        ready = page.evaluate("performance.getEntriesByName('argmap-ready')[0].startTime")
        t0 = time.perf_counter()
        page.fill("#am-q", "alignment")
        page.wait_for_selector("#am-results li[data-id]")
        search = (time.perf_counter() - t0) * 1000
        node = page.get_attribute("#am-results li[data-id]", "data-id")
        t0 = time.perf_counter()
        page.evaluate(f"location.hash = '#{node}'")
        page.wait_for_function(f"() => document.querySelector('#am-canvas g.am-sel')?.dataset.id === '{node}'")
        select = (time.perf_counter() - t0) * 1000
        count = page.evaluate("document.querySelectorAll('#am-view option').length")
        t0 = time.perf_counter()
        page.select_option("#am-view", "0")
        page.select_option("#am-view", str(count - 1))
        switch = (time.perf_counter() - t0) * 1000 / 2
        assert not outside and not errors, (outside, errors)
        for key, value in (("interactive", ready), ("search", search), ("select", select), ("switch", switch)):
            best[key] = min(best.get(key, float("inf")), value)
        page.close()
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,300,1000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--folder", action="append", default=[], help="also measure a real folder of maps (e.g. arguments)")
    args = ap.parse_args()
    exe = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(exe).exists():
        sys.exit("bench/html_page.py needs Chromium (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from argmap.html import write_html

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        write_html(Path(__file__).resolve().parents[1] / "tests" / "data" / "small", Path(tmp) / "warm.html")  # compile the engine once
        for n in [int(s) for s in args.sizes.split(",")]:
            folder = Path(tmp) / f"f{n}"
            folder.mkdir()
            make_folder(n, folder)
            out = Path(tmp) / f"bench-{n}.html"
            t0 = time.perf_counter()
            size = write_html(folder, out)
            build = time.perf_counter() - t0
            views = out.read_text(encoding="utf-8").count('id="argmap-view-')
            rows.append((n, views, size / 1e6, build, measure(browser, out, args.runs)))
        for name in args.folder:
            out = Path(tmp) / "folder.html"
            t0 = time.perf_counter()
            size = write_html(name, out)
            build = time.perf_counter() - t0
            from argmap import load

            n = sum(len(m.nodes) for m in load(name).maps)
            views = out.read_text(encoding="utf-8").count('id="argmap-view-')
            rows.append((f"{n} ({Path(name).name})", views, size / 1e6, build, measure(browser, out, args.runs)))
        browser.close()
    base = rows[0]
    print(f"argmap html: build and time to interactive in headless Chromium (best of {args.runs} loads; 1000x700 viewport)")
    header = f"{'nodes':>17} {'views':>5} {'MB':>6} {'build s':>8} {'interactive ms':>15} {'ratio':>6} {'search ms':>10} {'select ms':>10} {'switch ms':>10}"
    print(header)
    print("-" * len(header))
    for n, views, mb, build, m in rows:
        ratio = m["interactive"] / base[4]["interactive"]
        print(f"{n!s:>17} {views:>5} {mb:>6.2f} {build:>8.2f} {m['interactive']:>15.0f} {ratio:>6.2f} {m['search']:>10.0f} {m['select']:>10.0f} {m['switch']:>10.0f}")


if __name__ == "__main__":
    main()
