"""``argmap html``: one self-contained, offline, interactive page of a folder's maps.

The page holds every map of the folder, and the readable parts of the big ones
(:func:`argmap.graph.split`, as ``argmap build --parts N`` draws them), each
drawn by the same Graphviz layout as ``argmap render`` and inlined as SVG in a
``<script type="image/svg+xml">`` block (parsed only when shown); one JSON block with every node (text, quote, source, author,
tags, status and why, what it answers and what answers it); and the small
hand-written script and style sheet next to this module (no library, no
request to any server: it works from ``file://``).

Statuses, strengths and verdict sentences come from the folder's one
evaluation (:func:`argmap.evaluation.evaluate`, what ``argmap analyze``
reports), handed to every drawing and to the panel's data; never from a view: a
node keeps its status whichever map or part shows it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..svgfinish import for_page
from ..settings import Settings

__all__ = ["build_html", "page_html", "write_html", "page_data", "DEFAULT_PARTS", "DRAW_WHOLE_UP_TO",
           "live_block", "with_version", "waiting_html", "VERSION_MARK"]

#: Maps with more nodes than this are also shown in parts of at most this size (as ``make maps``).
from ..parts import DEFAULT_PARTS  # noqa: E402

#: Maps with more nodes than this are shown in parts only: Graphviz's layout of a whole map
#: grows faster than its size (a 1,000-node random map took 19 s of the page's 30 s), while
#: the parts cost the same per node at any size.  The map's own view says so, and the page
#: stays linear in size and time.
DRAW_WHOLE_UP_TO = 300


@dataclass
class _View:
    key: str
    map: str
    part: str | None
    title: str
    graph: object
    settings: Settings
    drawn: bool = True  # False: a map too big to draw whole (DRAW_WHOLE_UP_TO); its parts are drawn
    svg: bytes | None = None  # a part's drawing, by the embedded engine, as choosing its layout drew it


def _views(G, settings: Settings, parts: int, evaluation=None, whole_up_to: int = DRAW_WHOLE_UP_TO) -> list[_View]:
    """Every map of the folder and, for the big ones, their parts (the same parts and layouts as ``build --parts``).

    A map of more than ``whole_up_to`` nodes (:data:`DRAW_WHOLE_UP_TO`) is not drawn whole; it is always split
    (``parts`` or :data:`DEFAULT_PARTS` nodes a part), so every node is drawn somewhere.
    """
    from ..parts import column_parts
    from ..views import View, select

    out = []
    for name in G.graph["maps"]:
        H = select(G, View(map=name), settings, allow_empty=True).graph  # as `argmap render` and a block select it
        title = H.graph.get("title") or name
        own = sum(1 for _, d in H.nodes(data=True) if not d.get("ghost"))
        drawn = own <= whole_up_to
        out.append(_View(f"map:{name}", name, None, title, H, settings, drawn))
        size = parts if drawn else (parts or DEFAULT_PARTS)
        if size and own > size:
            for part in column_parts(H, settings, size, evaluation):  # as `build --parts` draws them
                P = part.graph
                out.append(_View(f"part:{name}/{part.root}", name, part.root, P.graph["title"], P, part.settings,
                                 svg=part.svg))
    return out


def _cited(source: dict | None) -> dict | None:
    """A source as the page shows it: its fields that have a value, as text (not its local ``file``)."""
    return {k: str(v) for k, v in source.items() if v and k != "file"} if source else None


def page_data(G, views: list[_View], evaluation) -> dict:
    """Everything the page's script needs, as plain JSON-ready data (no SVG), verdicts from ``evaluation``."""
    from ..evaluation import verdict
    from ..schemes import SCHEMES, critical_questions

    ev = evaluation
    index = {v.key: i for i, v in enumerate(views)}
    nodes = {}
    objections = _relation_objections(G)
    for n, d in G.nodes(data=True):
        source = d.get("source") or None
        question = d.get("kind") == "question"
        entry = {
            "text": d.get("text") or "",
            "kind": d.get("kind") or "claim",
            "map": d.get("map"),
            # a question is never evaluated: no status, so no status filter matches it
            "status": None if question else ev.status.get(n, "UNDEC"),
            "why": [] if question else list(ev.reasons.get(n) or []),
            "verdict": verdict(G, ev, n),
            "answers": [_relation(k, v, e) for _, v, k, e in G.out_edges(n, keys=True, data=True)],
            "answeredBy": [_relation(k, u, e) for u, _, k, e in G.in_edges(n, keys=True, data=True)],
        }
        for key, value in (("title", d.get("title")), ("by", d.get("by")), ("quote", d.get("quote")), ("note", d.get("note")),
                           ("heldBy", d.get("held_by")), ("premises", list(d.get("premises") or ()))):
            if value:
                entry[key] = value
        if d.get("stance") and d["stance"] != "own":
            entry["stance"] = d["stance"]
        if d.get("scheme"):  # its critical questions, each with the replies that raise it (none: not yet asked)
            entry["scheme"] = {"title": SCHEMES[d["scheme"]].title, "questions": [
                {"code": q.code, "text": q.text, "by": [b for b, _ in by]} for q, by in critical_questions(G, n)]}
        if ev.gradual and n in ev.strength:
            entry["strength"] = round(float(ev.strength[n]), 4)
        if ev.challenged.get(n):
            entry["challengedBy"] = list(ev.challenged[n])
        for key in ("links", "objectsTo"):
            if objections.get((key, n)):
                entry[key] = objections[(key, n)]
        if d.get("tags"):
            entry["tags"] = list(d["tags"])
        if source:
            entry["source"] = _cited(source)
        if d.get("wordings"):  # the same claim said again: each wording with who worded it, its quote and source
            entry["wordings"] = [{k: v for k, v in (("text", w["text"]), ("by", w.get("by")), ("quote", w.get("quote")),
                                                    ("source", _cited(w.get("source")))) if v} for w in d["wordings"]]
        nodes[n] = entry
    out_views = []
    for v in views:
        H = v.graph
        own = [n for n, d in H.nodes(data=True) if not d.get("ghost")]
        view = {"key": v.key, "map": v.map, "title": v.title, "nodes": own}
        if v.part:
            view["part"] = v.part
        if not v.drawn:
            view["drawn"] = False
        ghosts = {}
        for n, d in H.nodes(data=True):
            if d.get("ghost"):  # where a click on the ghost goes: its part in this map, else its own map
                target = f"part:{v.map}/{d['part']}" if d.get("part") else None
                ghosts[n] = index.get(target) if target else None
        view["ghosts"] = ghosts
        continued = [n for n, d in H.nodes(data=True) if d.get("continued")]
        if continued:
            view["continued"] = continued
        out_views.append(view)
    # a node's home: the first part that draws it in full, else its map
    home: dict[str, int] = {}
    for i, v in enumerate(out_views):
        if "part" in v:
            for n in v["nodes"]:
                home.setdefault(n, i)
    for i, v in enumerate(out_views):
        if "part" not in v:
            for n in v["nodes"]:
                home.setdefault(n, i)
    for n, entry in nodes.items():
        if n in home:
            entry["home"] = home[n]
        own_part = index.get(f"part:{entry['map']}/{n}")
        if own_part is not None:
            entry["ownPart"] = own_part
    for v in out_views:
        for n, target in list(v["ghosts"].items()):
            if target is None:
                v["ghosts"][n] = home.get(n)
    maps = [{"name": name, "title": G.graph["maps"][name].get("title") or name, "answer": _answer(G, ev, name)}
            for name in G.graph["maps"]]
    return {
        "semantics": ev.semantics,
        "bipolar": ev.bipolar,
        "setting": ev.settings_words,
        "maps": maps,
        "views": out_views,
        "nodes": nodes,
        "relations": relation_words(),
    }


def relation_words() -> dict:
    """The page's words for each relation, from spec.RELATIONS: seen from its source (``out``) and its
    target (``in``), its role, whether it attacks, and whether it cuts both ways."""
    from ..spec import RELATIONS

    return {k: {"out": r.active, "in": r.passive, "role": r.role, "attack": r.attack, "symmetric": r.symmetric}
            for k, r in RELATIONS.items()}


def _answer(G, ev, name: str) -> str | None:
    """A map's one-line answer, shown above its drawing: its thesis and the verdict ``analyze`` gives it."""
    v = ev.verdicts.get(name)
    if v is None or v.thesis is None or v.thesis not in G:
        return None
    d = G.nodes[v.thesis]
    return f"Thesis “{d.get('title') or d.get('text') or v.thesis}” {v.sentence}"


def _relation(kind: str, other: str, data: dict) -> list:
    """``[kind, other node]``, plus ``{"inferred", "note"}`` when the relation has them."""
    extra = {k: data[k] for k in ("inferred", "note") if data.get(k)}
    return [kind, other, extra] if extra else [kind, other]


def _relation_objections(G) -> dict[tuple[str, str], list[dict]]:
    """Attacks on relations, for the panel: on each end of the attacked relation (``links``: what
    objects to its link; for an objection to an objection, on the node that made the objection)
    and on the attacker (``objectsTo``: the link it objects to), at any depth."""
    out: dict[tuple[str, str], list[dict]] = {}

    def objections(attackers, link: dict, ends) -> None:
        """``link`` is ``{from, rel, to}`` (a relation between nodes) or ``{from, rel, on}`` (an objection to
        the link ``on``: c->a->b, argmap.address); each attacker objects to it, and may be objected to in turn."""
        for a in attackers:
            item = {"by": a["by"], "kind": a["kind"], **link}
            item.update({x: a[x] for x in ("inferred", "note") if a.get(x)})
            for end in ends:
                out.setdefault(("links", end), []).append(item)
            out.setdefault(("objectsTo", a["by"]), []).append(item)
            if a.get("attacked_by"):
                on = {k: link[k] for k in ("from", "rel", "to", "on") if k in link}
                objections(a["attacked_by"], {"from": a["by"], "rel": a["kind"], "on": on}, (a["by"],))

    for u, v, k, d in G.edges(keys=True, data=True):
        objections(d.get("attacked_by") or (), {"from": u, "rel": d.get("kind", k), "to": v}, tuple(dict.fromkeys((u, v))))
    return out


def _undrawn_svg(view: _View, views: list[_View]) -> str:
    """What a map too big to draw whole shows instead: how big it is and where its drawings are."""
    own = sum(1 for _, d in view.graph.nodes(data=True) if not d.get("ghost"))
    parts = sum(1 for v in views if v.map == view.map and v.part)
    lines = [
        f"{view.title}: {own:,} boxes, too many to draw as one picture on this page",
        "(a map this big is drawn in parts only).",
        f"Read it in its {parts:,} parts (the Show menu, or [ and ]), or search for a box ( / ).",
    ]
    text = "".join(f'<text x="20" y="{40 + 30 * k}" font-size="{18 if k == 0 else 15}">{_escape(t)}</text>' for k, t in enumerate(lines))
    return f'<svg xmlns="http://www.w3.org/2000/svg" class="am-undrawn" viewBox="0 0 900 {60 + 30 * len(lines)}">{text}</svg>'


def _asset(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _script_json(data: dict) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` or ``<!--`` can close or confuse it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def build_html(path: str | Path, settings: Settings | None = None, parts: int = DEFAULT_PARTS, title: str | None = None,
               whole_up_to: int = DRAW_WHOLE_UP_TO, live: bool = False) -> str:
    """The page for the folder (or file) at ``path``, as text (``live``: see :func:`page_html`).

    Raises :class:`argmap.InvalidInputError` when the maps have errors, like
    every other command.
    """
    from ..graph import build
    from ..pipeline import open_project

    settings = settings or Settings()
    project, _, _ = open_project(path)
    G = build(project)
    if title is None:
        title = page_title(path, project)
    return page_html(G, title, settings, parts, whole_up_to, live)


def page_title(path: str | Path, project) -> str:
    """The page's title: the folder's (``title`` in its ``argmap.toml``), else the map's when there is
    one map, else the maps' titles (three at most), else the folder's name."""
    from ..settings import load_title

    folder = Path(path) if Path(path).is_dir() else Path(path).parent
    title = load_title(folder)
    if title:
        return title
    titles = [m.title or m.name for m in project.maps]
    if len(titles) == 1:
        return titles[0]
    if 1 < len(titles) <= 3:
        return "; ".join(titles)
    return Path(path).resolve().name


def page_html(G, title: str, settings: Settings | None = None, parts: int = DEFAULT_PARTS,
              whole_up_to: int = DRAW_WHOLE_UP_TO, live: bool = False) -> str:
    """The page for a built graph (:func:`argmap.graph.build` of a folder), with its one analysis.

    Maps of more than ``whole_up_to`` nodes are drawn in parts only (see :data:`DRAW_WHOLE_UP_TO`).
    ``live``: the page ``argmap serve`` shows (:func:`live_block`: it listens to its server and
    reloads itself on a new drawing); else the offline page, which makes no request at all.
    """
    from ..evaluation import evaluate
    from ..export.dot import export as export_dot
    from ..render import render, resolve_engine

    settings = settings or Settings()
    ev = evaluate(G, settings)
    views = _views(G, settings, parts, ev, whole_up_to)
    templates = []
    for i, v in enumerate(views):
        if not v.drawn:
            templates.append(f'<script type="image/svg+xml" id="argmap-view-{i}">{_undrawn_svg(v, views)}</script>')
            continue
        if v.svg is not None and resolve_engine(settings.engine, "svg") == "embedded":
            svg = v.svg  # drawn already, from the same DOT, when its layout was chosen
        else:
            svg = render(export_dot(v.graph, v.settings, ev), "svg", settings.engine)
        # raw text, not a <template>: the browser only parses the view it shows (a tenth of
        # the load time at 1,000 nodes); Graphviz SVG holds no "</script" (text escapes "<")
        templates.append(f'<script type="image/svg+xml" id="argmap-view-{i}">{for_page(svg)}</script>')
    data = page_data(G, views, ev)
    data["title"] = title
    page = _asset("page.html")
    replacements = {
        "{{title}}": _escape(title),
        "{{style}}": _asset("app.css"),
        "{{data}}": _script_json(data),
        "{{templates}}": "\n".join(templates),
        "{{script}}": _asset("app.js"),
        "{{connect}}": _LIVE_CSP if live else "",
        "{{live}}": live_block() if live else "",
    }
    return re.sub(r"\{\{\w+\}\}", lambda m: replacements[m.group(0)], page)


# -- the live page of `argmap serve` ----------------------------------------------------------
#: What the live page may connect to: its own server (the /events stream), nothing else.
_LIVE_CSP = "; connect-src 'self'"

#: Where :func:`live_block` leaves the page's version, for :func:`with_version` to fill in when served.
VERSION_MARK = "{{argmap-version}}"


def live_block() -> str:
    """The style and script that make a page live (``live.css``, ``live.js``): it follows its
    server's ``/events`` stream, shows a bad save's located errors over the last good drawing,
    and reloads itself, keeping the view, zoom, selection and filters, when a new drawing is ready."""
    config = f'<script type="application/json" id="argmap-live">{{"version":"{VERSION_MARK}"}}</script>'
    return f"\n<style>\n{_asset('live.css')}</style>\n{config}\n<script>\n{_asset('live.js')}</script>"


def with_version(page: str, version: int) -> str:
    """A live page as served: ``version`` in place of :data:`VERSION_MARK` (the page knows which drawing it shows)."""
    return page.replace(VERSION_MARK, str(int(version)), 1)


def waiting_html(title: str) -> str:
    """The live page shown before the first good drawing: the title, a line saying what happens, and the live block."""
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'{_LIVE_CSP}"
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n<title>{_escape(title)}</title>\n'
            f'<style>\n{_asset("app.css")}</style>\n</head>\n<body>\n<header class="am-bar"><h1 class="am-title">{_escape(title)}</h1></header>\n'
            f'<p class="am-waiting" id="am-waiting">Drawing the maps… this page shows them as soon as they are drawn.</p>'
            f"{live_block()}\n</body>\n</html>\n")


def write_html(path: str | Path, out: str | Path, settings: Settings | None = None, parts: int = DEFAULT_PARTS, title: str | None = None) -> int:
    """Write :func:`build_html` of ``path`` to ``out`` atomically; return the number of bytes."""
    from ..fsutil import write_atomic

    data = build_html(path, settings, parts=parts, title=title).encode("utf-8")
    write_atomic(out, data)
    return len(data)
