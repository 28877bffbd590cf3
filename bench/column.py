"""Parts drawn for a column (issue 22): what the column layouts cost and what they buy.

For every map of a folder (default: arguments/) big enough to be split, draws its parts two ways
in one run, with the embedded Graphviz:

``one layout``   ``graph.split(…, N)`` and every part drawn sideways, as before issue 22
``column``       ``parts.column_parts(…, N)``: each part in the first layout that fits 792 pt,
                 split smaller when none does

and prints a table: parts, median and widest width (pt), parts whose node text is under 10 px
in a 720 px column, Graphviz runs and seconds (best of ``--repeat``), and the time ratio.

    .venv/bin/python bench/column.py [FOLDER] [--parts 16] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(ROOT / "arguments"))
    ap.add_argument("--parts", type=int, default=16)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    import argmap.render as render_module
    from argmap.export.dot import export
    from argmap.graph import map_view, split
    from argmap.parts import column_parts, svg_width, text_px
    from argmap.pipeline import open_project, whole_graph
    from argmap.settings import Settings

    project, _, _ = open_project(args.folder)
    G = whole_graph(project)
    settings = Settings(engine="embedded")
    render_module.render("digraph { a }", "svg", "embedded")  # compile the module before timing
    runs = [0]
    real = render_module.render

    def counted(*a, **k):
        runs[0] += 1
        return real(*a, **k)

    render_module.render = counted

    def one_layout(H):
        sideways = settings.replace(rankdir=settings.parts_rankdir, stagger=0)
        return [svg_width(counted(export(P, sideways), "svg", "embedded")) for _, P in split(H, args.parts)]

    def column(H):
        return [p.width for p in column_parts(H, settings, args.parts)]

    print(f"{'map':28} {'way':11} {'parts':>5} {'median pt':>9} {'widest pt':>9} {'<10 px':>6} {'Graphviz':>8} {'seconds':>8}")
    for m in project.maps:
        H = map_view(G, m.name)
        if sum(1 for _, d in H.nodes(data=True) if not d.get("ghost")) <= args.parts:
            continue
        times = {}
        for name, way in (("one layout", one_layout), ("column", column)):
            best = None
            for _ in range(args.repeat):
                runs[0] = 0
                start = time.perf_counter()
                widths = way(H)
                took = time.perf_counter() - start
                best = took if best is None else min(best, took)
            small = sum(text_px(w, settings.fontsize) < 10 for w in widths)
            times[name] = best
            print(f"{m.name:28} {name:11} {len(widths):5} {statistics.median(widths):9.0f} {max(widths):9.0f} "
                  f"{small:6} {runs[0]:8} {best:8.2f}")
        print(f"{'':28} {'ratio':11} {'':5} {'':9} {'':9} {'':6} {'':8} {times['column'] / times['one layout']:7.1f}x")


if __name__ == "__main__":
    main()
