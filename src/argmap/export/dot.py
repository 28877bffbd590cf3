"""Graph → Graphviz DOT: the styling, written as text or handed over as a pydot graph.

Every attribute value is quoted here, before pydot sees it: pydot leaves a
value that already starts and ends with ``"`` alone and does not escape
backslashes, so text such as ``"a" and "b"`` would otherwise break the DOT.
Labels are plain strings with ``\\n`` breaks (the WebAssembly Graphviz ignores
HTML-like labels), wrapped to a readable width.

The styling builds one :class:`~argmap.export._dotdoc.Document`; :func:`export`
writes its text in one pass, :func:`to_pydot` hands it over as a ``pydot.Dot`` whose
``to_string()`` is the same text.
"""

from __future__ import annotations

import textwrap
from functools import lru_cache
from dataclasses import dataclass

import networkx as nx

from ..settings import Settings
from ..spec import RELATIONS
from ..textsafe import dot_label, dot_string, dot_tooltip, dot_url
from . import _dotdoc as dotdoc
from . import theme

__all__ = ["quote", "to_pydot", "document", "export", "wrap", "link_parts", "Marks"]


#: The drawing's title wraps at this many characters (at 16 pt, about 450 pt wide).
TITLE_WRAP = 56


def quote(value: object) -> str:
    """A DOT double-quoted string that Graphviz draws as ``value`` (see :mod:`argmap.textsafe`).

    >>> print(quote('say "hi"'))
    "say \\"hi\\""
    >>> print(quote("a\\\\b"))
    "a\\\\b"
    >>> print(quote("two\\nlines & more"))
    "two\\nlines &amp; more"
    """
    return _quoted(value) if type(value) is str else dot_label(value)


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    # the same few style values (colours, "filled", "0.8") are quoted for every node and edge
    return dot_label(text)


#: tooltips quoted for DOT, remembered like labels: a re-draw quotes the same ones again
_quoted_tooltip = lru_cache(maxsize=8192)(dot_tooltip)


#: what textwrap treats as whitespace (it splits on these and turns each into a space)
_TEXTWRAP_SPACE = frozenset("\t\n\x0b\x0c\r")


@lru_cache(maxsize=16384)  # a re-draw (watch, build's parts, the page) wraps the same texts again
def wrap(text: str, width: int) -> str:
    """Text broken into lines of at most ``width`` characters (long words are split).

    Exactly ``textwrap.wrap(text, width, break_on_hyphens=False)``; text of words
    no longer than ``width`` joined by single spaces (nearly every label) is filled
    here directly, at a fifth of textwrap's cost (tests/test_dot.py compares the two).

    >>> print(wrap("a few words to wrap at ten", 10))
    a few
    words to
    wrap at
    ten
    """
    words = text.split(" ")
    # textwrap's own way for runs of spaces, other whitespace, long words, and words it would
    # drop at a line's ends (all Unicode whitespace, which str.strip() removes)
    if _TEXTWRAP_SPACE.intersection(text) or max(map(len, words)) > width or not all(map(str.strip, words)):
        return "\n".join(textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""])
    lines, line = [], words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return "\n".join(lines)


def _label(data: dict, settings: Settings) -> tuple[str, int]:
    """The node's label, and how many of its first lines are its (bold) title.

    A v2 ``title`` is drawn above the text in bold (``labels`` = ``both``, the
    default), alone (``title``) or not at all (``text``).  Without a title nothing
    is bold: a few words cut from the text made poor lead-ins in the seed maps.
    Title lines wrap a little narrower than the body: bold is about a tenth wider
    than the regular face Graphviz measured the box with.
    """
    title = (data.get("title") or "").strip()
    mode = getattr(settings, "labels", "both")
    text = data.get("text") or ""
    if data.get("ghost"):  # context only: short, never bold
        where = f"part: {data['part']}" if data.get("part") else data.get("map")
        where = "\n".join(textwrap.wrap(f"[{where}]", settings.wrap, break_on_hyphens=True))  # long ids break at hyphens
        return f"{where}\n{wrap(title if title and mode != 'text' else text, settings.wrap)}", 0
    lines = []
    if title and mode != "text":
        lines = wrap(title, max(8, settings.wrap - 4)).split("\n")
    bold = len(lines)
    if (not lines or mode != "title") and text.strip():  # no empty first line: the wasm build can trap on one
        lines.append(wrap(text, settings.wrap))
    if data.get("kind") == "question":  # the badge: a question reads as one at a glance
        lines[0] = "? " + lines[0]
    lines.extend(wrapped for line in _byline(data) for wrapped in wrap(line, settings.wrap).split("\n"))
    if data.get("wordings"):  # one claim said several times: one box, the other wordings in its tooltip
        count = len(data["wordings"])
        own = {data.get("by"), data.get("held_by")}
        others = list(dict.fromkeys(w["by"] for w in data["wordings"] if w.get("by") and w["by"] not in own))
        named = ", ".join(others[:2]) + (f" and {len(others) - 2} more" if len(others) > 2 else "")
        more = f"+{count} wording{'s' * (count != 1)}" + (f" (also {named})" if others else "")
        lines.extend(wrap(more, settings.wrap).split("\n"))
    if data.get("continued") and data.get("paged"):  # a later page of its replies (graph.split)
        lines.append("[replies: more in its other parts]")
    elif data.get("continued"):
        lines.append("[replies: see its own part]")
    return "\n".join(lines), bold


def _byline(data: dict) -> list[str]:
    """Whose view it is, under the text: ``— holder`` and, for a view its writer does not
    hold, ``(restated by X)`` / ``(reported by X)`` / ``(steelman by X)``."""
    stance = data.get("stance") or "own"
    by, held = data.get("by"), data.get("held_by")
    if stance not in theme.STANCE_WORDS:
        return [f"— {held or by}"] if (held or by) else []
    lines = [f"— {held}"] if held and stance != "steelman" else []
    words = f"({theme.STANCE_WORDS[stance]} by {by}" if by else f"({theme.STANCE_WORDS[stance]}"
    if held and stance == "steelman":
        words += f" for {held}"
    return lines + [words + ")"]


def _tooltip(node: str, data: dict) -> str:
    parts = [data["title"]] if data.get("title") else []
    parts.append((data.get("text") or "").strip() or node)
    if (data.get("quote") or "").strip():
        parts.append(f"“{data['quote']}”")
    source = data.get("source") or {}
    cite = ", ".join(x for x in (source.get("author") or data.get("by"), source.get("title"), source.get("date")) if x)
    if cite:
        parts.append(f"— {cite}")
    for w in data.get("wordings") or ():
        said = ", ".join(x for x in (w.get("by") or (w.get("source") or {}).get("author"), (w.get("source") or {}).get("title"),
                                     (w.get("source") or {}).get("date")) if x)
        parts.append(f"also worded: {w['text']}" + (f" “{w['quote']}”" if w.get("quote") else "") + (f" — {said}" if said else ""))
    stance = data.get("stance")
    if stance in theme.STANCE_WORDS:
        held = data.get("held_by")
        whose = "held by nobody" if stance == "steelman" else f"held by {held}" if held else "not the writer's own view"
        offered = f", offered for {held}" if stance == "steelman" and held else ""
        parts.append(f"{theme.STANCE_WORDS[stance]} by {data.get('by') or 'an unnamed writer'} ({whose}{offered})")
    if data.get("status"):
        parts.append(f"status: {data['status']}")
    if data.get("strength") is not None:
        parts.append(f"strength: {data['strength']:.2f}")
    parts.append(f"id: {node} ({data.get('map')})")
    return "\n".join(parts)


def _link(G: nx.MultiDiGraph, data: dict) -> str | None:
    """Where a box links in a folder drawn by ``build``, relative to the drawing's own file.

    ``build`` sets ``G.graph["link_suffix"]`` (``.svg``) when it lays out the files as
    ``<map>.svg`` and ``<map>/<root>.svg``.  A ghost of another map opens that map,
    a ghost of this map opens the part that draws it in full, a node whose replies
    are elsewhere (``continued``) opens its own part.  Otherwise: the source's URL.
    """
    suffix = G.graph.get("link_suffix")
    if suffix:
        up = "../" if G.graph.get("part") else ""  # parts live one folder down
        here = G.graph.get("map")
        if data.get("ghost") and data.get("part"):  # this map, drawn in full in another part
            return f"{data['part']}{suffix}" if up else f"{here}/{data['part']}{suffix}"
        if data.get("ghost") and data.get("map"):
            return f"{up}{data['map']}{suffix}"
        target = G.graph.get("replies_in", {}).get(data.get("id")) if data.get("continued") else None
        if target:
            return f"{target}{suffix}" if up else f"{here}/{target}{suffix}"
    return (data.get("source") or {}).get("url")


def link_parts(parts) -> None:
    """Tell each part (``(root, graph)`` from :func:`argmap.graph.split`) where its cut-off replies are.

    A node marked ``continued`` has its replies in its own part when one starts
    there, else in a part that draws it with replies (``split`` skips a part whose
    replies were all placed elsewhere); each part's graph gets ``replies_in``:
    node → that part's root.  A node marked ``continued`` in the very part that
    draws its replies loses the mark (``split`` can mark a node drawn with all of them).
    """
    roots = {root for root, _ in parts}
    with_replies: dict[str, str] = {}
    for root, P in parts:
        for n in P:
            if any(not P.nodes[u].get("ghost") for u in P.predecessors(n)):
                with_replies.setdefault(n, root)
    for root, P in parts:
        links = {}
        for n, d in P.nodes(data=True):
            if not d.get("continued"):
                continue
            target = n if n in roots else with_replies.get(n)
            if target == root:  # its replies are drawn right here: nothing is continued
                d.pop("continued")
            elif target:
                links[n] = target
        P.graph["replies_in"] = links


@dataclass(frozen=True)
class Marks:
    """What a drawing of an edit marks (:func:`argmap.diff.marks`), handed to :func:`to_pydot`.

    ``added`` nodes and ``added_relations`` ``(source, kind, target)`` are outlined in
    :data:`theme.DIFF_ADDED`; ``reworded`` nodes (or ones whose holder, source, weight... changed) get a :data:`theme.DIFF_REWORDED`
    outline; ``rejudged`` nodes (verdict moved) a double border; ``removed_nodes``
    ``(id, (text, map))`` and ``removed_relations`` are drawn as ghosts.
    """

    added: frozenset = frozenset()
    reworded: frozenset = frozenset()
    rejudged: frozenset = frozenset()
    added_relations: frozenset = frozenset()
    removed_nodes: tuple = ()
    removed_relations: tuple = ()
    title: str | None = None


def _mark_node(n: str, attrs: dict, marks: Marks) -> list[str]:
    what = []
    if n in marks.added:
        attrs.update({k: quote(v) for k, v in theme.DIFF_ADDED.items()})
        what.append("added by this edit")
    elif n in marks.reworded:
        attrs.update({k: quote(v) for k, v in theme.DIFF_REWORDED.items()})
        what.append("reworded or changed by this edit")
    if n in marks.rejudged:
        attrs.update({k: quote(v) for k, v in theme.DIFF_REJUDGED.items()})
        what.append("its verdict moved")
    return what


def _diff_ghosts(dot: dotdoc.Document, G: nx.MultiDiGraph, marks: Marks, settings: Settings) -> None:
    removed = dict(marks.removed_nodes)
    for n, (text, m) in marks.removed_nodes:
        attrs = {k: quote(v) for k, v in theme.DIFF_REMOVED.items()}
        dot.add_node(dotdoc.Node(dot_string(n), label=quote(wrap(f"removed: {text}", settings.wrap)),
                                tooltip=dot_tooltip(f"{n} (map {m}) was removed by this edit:\n{text}"),
                                id=quote(f"node-removed-{n}"), **attrs))
    for u, k, v in marks.removed_relations:
        if (u in G or u in removed) and (v in G or v in removed):
            dot.add_edge(dotdoc.Edge(dot_string(u), dot_string(v), id=quote(f"edge-removed-{u}-{k}-{v}"),
                                    tooltip=dot_tooltip(f"removed by this edit: {u} {k} {v}"),
                                    **{a: quote(b) for a, b in theme.DIFF_REMOVED_EDGE.items()}))


def to_pydot(G: nx.MultiDiGraph, settings: Settings | None = None, evaluation=None,
             marks: Marks | None = None) -> pydot.Dot:
    """The graph as a ``pydot.Dot``, styled by :mod:`argmap.export.theme` (see :func:`document`)."""
    return document(G, settings, evaluation, marks).to_pydot()


def document(G: nx.MultiDiGraph, settings: Settings | None = None, evaluation=None,
             marks: Marks | None = None) -> dotdoc.Document:
    """The graph's DOT statements, styled by :mod:`argmap.export.theme`, every value quoted once.

    ``marks`` (:class:`Marks`, or None) draws what an edit changed (``argmap diff``).

    ``evaluation`` (the folder's :class:`~argmap.evaluation.Evaluation`, or None)
    gives the status and strength colourings and tooltips, and marks an attack that
    does not defeat its (heavier) target: a thin line with a hollow head.
    """
    from ..evaluation import with_verdicts

    settings = settings or Settings()
    font = quote(settings.fontname)
    dot = dotdoc.Document()
    sideways = _sideways(G, settings)
    rankdir = settings.parts_rankdir if sideways else settings.rankdir
    dot.set("rankdir", rankdir)
    dot.set("newrank", "true")
    dot.set("nodesep", "0.35")
    # across the page, every rank is a column of boxes: short arrows keep a chain of
    # replies inside a column of text (see argmap.parts); down the page, room for arrows
    dot.set("ranksep", "0.35" if rankdir in ("LR", "RL") else "0.55")
    dot.set("pad", "0.3")
    dot.set("bgcolor", quote("white"))
    dot.set("fontname", font)
    title = G.graph.get("title")
    if marks is not None and marks.title:
        title = f"{title}: {marks.title}" if title else marks.title
    if settings.title and title:
        # a long title (a part's names its map and its root) would be the widest line of a
        # small drawing: wrapped, it never sets the width of a part (see argmap.parts)
        dot.set("label", quote(wrap(title, TITLE_WRAP)))
        dot.set("labelloc", "t")
        dot.set("fontsize", str(settings.fontsize + 5))
    dot.set_node_defaults(
        shape="box",
        style=quote("rounded,filled"),
        fontname=font,
        fontsize=str(settings.fontsize),
        margin=quote("0.14,0.07"),
        penwidth="1",
        color=quote("#424242"),
    )
    dot.set_edge_defaults(fontname=font, fontsize=str(settings.fontsize - 1), arrowsize="0.8")

    nodes = with_verdicts(G.nodes(data=True), evaluation)
    # author and tag colours are the folder's: one person, one colour in every drawing of it
    folder = theme.folder_colors(G, settings.color_by) if settings.color_by in ("author", "tag") else None
    fill, swatches = theme.fills(nodes, settings.color_by, folder)
    for n, data in nodes:
        label, bold = _label(data, settings)
        attrs = {
            "label": quote(label),
            "tooltip": _quoted_tooltip(_tooltip(n, data)),
            "id": quote(f"node-{n}"),
        }
        if bold:
            from ..svgfinish import TITLE_CLASS

            attrs["class"] = quote(f"{TITLE_CLASS}{bold}")
        if data.get("ghost"):
            attrs.update({k: quote(v) for k, v in theme.GHOST.items()})
        else:
            attrs["fillcolor"] = quote(fill[n])
            if data.get("kind") == "argument":
                attrs.update({k: quote(v) for k, v in theme.ARGUMENT.items()})
            elif data.get("kind") == "question":
                attrs.update({k: quote(v) for k, v in theme.QUESTION.items()})
            if data.get("stance") in theme.STANCE_WORDS:
                style = theme.STANCE["style"] if data.get("kind") not in ("argument", "question") else "filled,dashed"
                attrs.update({"style": quote(style), "penwidth": quote(theme.STANCE["penwidth"])})
        if marks is not None:
            what = _mark_node(n, attrs, marks)
            if what:
                attrs["tooltip"] = dot_tooltip("; ".join(what) + "\n" + _tooltip(n, data))
        url = _link(G, {**data, "id": n})
        if url:
            attrs["URL"] = dot_url(url)
            if "://" in url:  # a source opens beside the map; a part or map replaces it
                attrs["target"] = quote("_blank")
        dot.add_node(dotdoc.Node(dot_string(n), **attrs))

    minlen = {} if sideways else _staggered_minlen(G, settings.stagger)
    if evaluation is not None:
        weak = {(a, b) for b, xs in evaluation.challenged.items() for a in xs}
    else:  # no verdicts drawn (the author colouring): a weaker attack is still drawn as one, by the same rule
        from ..frameworks import weaker_attacks

        weak = weaker_attacks(G, settings.inferred, settings.preferences)
    for edge in _edges(G, minlen, weak, marks.added_relations if marks is not None else frozenset()):
        dot.add_node(edge) if isinstance(edge, dotdoc.Node) else dot.add_edge(edge)
    if marks is not None:
        _diff_ghosts(dot, G, marks, settings)

    if settings.legend and G.number_of_nodes():
        from ..svgfinish import encode_legend

        spec = _legend_spec(G, settings, swatches, weak, marks)
        if spec["items"]:
            dot.set("comment", quote(encode_legend(spec)))
    return dot


def _edge_tooltip(u: str, kind: str, v: str, data: dict) -> str:
    lines = [f"{u} {kind} {v}"]
    if data.get("inferred"):
        lines.append("inferred (no author made this link; the mapper did)")
    if data.get("note"):
        lines.append(f"note: {data['note']}")
    for a in data.get("attacked_by") or ():
        lines.append(f"{a['kind']} by {a['by']}" + (" (inferred)" if a.get("inferred") else ""))
    return "\n".join(lines)


def _attrs(style: dict, **extra: str) -> dict[str, str]:
    return {key: quote(val) for key, val in {**style, **extra}.items()}


def _edges(G: nx.MultiDiGraph, minlen: dict[tuple[str, str], int], weak=frozenset(), added=frozenset()):
    """The DOT edges (and the point nodes some of them pass through), in the graph's order.

    - Linked premises (two or more ``premise`` edges into one argument) meet at a
      small join point, from which one arrow enters the argument: all are needed together.
    - An attacked relation passes through a small point node; the attacker's arrow
      ends there.  The half before the point has no head, so the relation still
      reads as one arrow (a ``contradicts`` keeps its tail head on that half).
    - ``contradicts`` is one edge with heads at both ends, as written.
    """
    premises: dict[str, list[str]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        if d.get("kind", k) == "premise":
            premises.setdefault(v, []).append(u)
    joined = {v for v, us in premises.items() if len(us) >= 2}
    for v in sorted(joined):
        yield dotdoc.Node(dot_string(_JOIN + v), id=quote(f"join-{v}"), label=quote(""),
                         tooltip=dot_tooltip(f"premises of {v}, needed together: {', '.join(premises[v])}"),
                         **_attrs(theme.JOIN_POINT))
    done_joins: set[str] = set()
    for u, v, k, data in G.edges(keys=True, data=True):
        kind = data.get("kind", k)
        style = theme.edge_style(kind, bool(data.get("inferred")))
        tip_text = _edge_tooltip(u, kind, v, data)
        if (u, v) in weak and kind in theme.WEAK_KINDS:
            style.update(theme.WEAK_ATTACK)
            tip_text += f"\ndoes not defeat: {v} weighs more than {u} (a weaker attack; {v} stands, challenged)"
        if (u, kind, v) in added:
            style.update(theme.DIFF_ADDED_EDGE)
            tip_text += "\nadded by this edit"
        tip = dot_tooltip(tip_text)
        length = {"minlen": str(minlen[(u, v)])} if (u, v) in minlen else {}
        if kind == "premise" and v in joined:
            yield dotdoc.Edge(dot_string(u), dot_string(_JOIN + v), id=quote(f"edge-{u}-premise-{v}"), tooltip=tip,
                             **_attrs(style, arrowhead="none"))
            if v not in done_joins:
                done_joins.add(v)
                yield dotdoc.Edge(dot_string(_JOIN + v), dot_string(v), id=quote(f"edge-premises-{v}"),
                                 tooltip=dot_tooltip(f"premises {', '.join(premises[v])} → {v}"), **_attrs(style))
            continue
        attackers = [a for a in data.get("attacked_by") or () if a.get("by") in G]
        if not attackers:
            yield dotdoc.Edge(dot_string(u), dot_string(v), id=quote(f"edge-{u}-{kind}-{v}"), tooltip=tip,
                             **_attrs(style), **length)
            continue
        point = _RELATION + f"{u}->{v}~{kind}"
        yield dotdoc.Node(dot_string(point), id=quote(f"relation-{u}-{kind}-{v}"), label=quote(""), tooltip=tip,
                         **_attrs(theme.RELATION_POINT, color=style.get("color", "#424242"),
                                  fillcolor=style.get("color", "#424242")))
        first = {k2: v2 for k2, v2 in style.items() if k2 not in ("arrowhead", "dir")}
        first.update({"dir": "back"} if style.get("dir") == "both" else {"dir": "none"})
        yield dotdoc.Edge(dot_string(u), dot_string(point), id=quote(f"edge-{u}-{kind}-{v}-1"), tooltip=tip,
                         **_attrs(first))
        second = {k2: v2 for k2, v2 in style.items() if k2 not in ("arrowtail", "dir")}
        yield dotdoc.Edge(dot_string(point), dot_string(v), id=quote(f"edge-{u}-{kind}-{v}-2"), tooltip=tip,
                         **_attrs(second))
        yield from _objections(G, attackers, point, f"{u}->{v}", (kind,), f"the relation {u} {kind} {v}")


def _objections(G, attackers: list[dict], point: str, address: str, kinds: tuple[str, ...], words: str):
    """The arrows of ``attackers`` into ``point``, the point drawn on the relation named ``address``.

    An objection that is itself objected to (``d->c->u->v``: argmap.address) is drawn the way an
    attacked relation is: its arrow passes through a point of its own (no head before it), and the
    arrows of its objectors end there, at any depth.
    """
    for a in attackers:
        a_style = theme.edge_style(a["kind"], bool(a.get("inferred")))
        tip = dot_tooltip(_edge_tooltip(a["by"], a["kind"], words, a))
        edge_id = f"edge-{a['by']}-{a['kind']}-{_spelled(address, kinds)}"
        deeper = [o for o in a.get("attacked_by") or () if o.get("by") in G]
        if not deeper:
            yield dotdoc.Edge(dot_string(a["by"]), dot_string(point), id=quote(edge_id), tooltip=tip, **_attrs(a_style))
            continue
        own = f"{a['by']}->{address}"
        own_kinds = (a["kind"],) + kinds
        inner = _RELATION + f"{own}~{'~'.join(own_kinds)}"
        yield dotdoc.Node(dot_string(inner), id=quote(f"relation-{_spelled(own, own_kinds)}"),
                          label=quote(""), tooltip=tip,
                          **_attrs(theme.RELATION_POINT, color=a_style.get("color", "#424242"),
                                   fillcolor=a_style.get("color", "#424242")))
        first = {k2: v2 for k2, v2 in a_style.items() if k2 not in ("arrowhead", "dir")}
        first["dir"] = "none"
        yield dotdoc.Edge(dot_string(a["by"]), dot_string(inner), id=quote(f"{edge_id}-1"), tooltip=tip, **_attrs(first))
        yield dotdoc.Edge(dot_string(inner), dot_string(point), id=quote(f"{edge_id}-2"), tooltip=tip, **_attrs(a_style))
        yield from _objections(G, deeper, inner, own, own_kinds, f"the relation {a['by']} {a['kind']} ({words})")


def _spelled(address: str, kinds: tuple[str, ...]) -> str:
    """A relation for an SVG id, ids and kinds in turn: ``("c->u->v", ("attacks", "supports"))`` -> ``c-attacks-u-supports-v``."""
    ids = address.split("->")
    return "-".join(x for pair in zip(ids, kinds) for x in pair) + f"-{ids[-1]}"


#: Names of the drawing's own point nodes; ``~`` never appears in a map's ids.
_JOIN = "argmap~join~"
_RELATION = "argmap~relation~"


def _sideways(G: nx.MultiDiGraph, settings: Settings) -> bool:
    """Whether to draw the map sideways, as ``build --parts`` draws its parts: a claim on the
    left, its replies stacked in a column to its right.

    A small map of one's own with a dozen replies to one claim is a dozen boxes wide
    drawn bottom-up (2,413 pt for 13 replies; 1,245 pt with staggering), a fifth of its
    size in a 700 px column; sideways it is 406 pt wide and drawn at full size.  So a
    drawing in the default direction (``rankdir`` BT, with ``stagger`` on) turns sideways
    when one node has more unanswered replies than ``stagger`` and the longest chain
    of replies has fewer boxes than that node has replies: sideways, the width grows
    with the chain, not with the fan.  ``stagger = 0`` keeps every drawing as ``rankdir`` says.
    """
    per_rank = settings.stagger
    if per_rank <= 0 or settings.rankdir != "BT" or settings.parts_rankdir == settings.rankdir or G.number_of_nodes() < 2:
        return False
    fan = max((sum(1 for u in dict.fromkeys(G.predecessors(v)) if G.in_degree(u) == 0 and u != v) for v in G), default=0)
    if fan <= per_rank:
        return False
    C = nx.condensation(nx.DiGraph(G))
    depth = len(nx.dag_longest_path(C)) if C.number_of_nodes() else 0
    return depth < fan


def _staggered_minlen(G: nx.MultiDiGraph, per_rank: int) -> dict[tuple[str, str], int]:
    """Edge lengths that spread many unanswered replies to one node over several ranks.

    Graphviz puts every leaf answering the same node on one rank, so a claim with
    twelve replies makes a map twelve boxes wide.  Like Graphviz's ``unflatten -l``,
    the leaf edges into one node get ``minlen`` 1, 2, 3, ... in turn so that at
    most ``per_rank`` of them share a rank: the map grows taller, which a web page
    can afford, rather than wider, which it cannot.
    """
    out: dict[tuple[str, str], int] = {}
    if per_rank <= 0:
        return out
    for v in G:
        leaves = [u for u in dict.fromkeys(G.predecessors(v)) if G.in_degree(u) == 0 and u != v]
        rows = -(-len(leaves) // per_rank)
        if rows <= 1:
            continue
        for i, u in enumerate(leaves):
            if i % rows:
                out[(u, v)] = 1 + i % rows
    return out


def _legend_spec(G: nx.MultiDiGraph, settings: Settings, swatches: list[tuple[str, str]], weak=frozenset(),
                 marks: Marks | None = None) -> dict:
    """What the legend explains: the relations, shapes and fills this drawing uses, and nothing else.

    The legend is not laid out by Graphviz: as a cluster it took a rank (a row or
    column) of its own, widened or lengthened parts by far more than its size, and
    its arrows struck through their labels.  :func:`argmap.svgfinish.finish` draws
    it from this description as one small block under the drawing.
    """
    items: list[dict] = []
    edges = [(d.get("kind", k), d) for _, _, k, d in G.edges(keys=True, data=True)]
    from ..graph import relation_attacks

    attacks_on_relations = [a for _, a, _, _ in relation_attacks(G) if a.get("by") in G]
    used = {kind for kind, _ in edges} | {a["kind"] for a in attacks_on_relations}
    for kind in sorted(used, key=lambda k: (_kind_order(k), k)):
        items.append({"type": "relation", "label": kind, **theme.edge_style(kind)})
    if any((u, v) in weak and k in theme.WEAK_KINDS for u, v, k in G.edges(keys=True)):
        items.append({"type": "relation", "label": "weaker attack (does not defeat)",
                      **theme.EDGE_STYLE["attacks"], **theme.WEAK_ATTACK})
    if any(d.get("inferred") for _, d in edges) or any(a.get("inferred") for a in attacks_on_relations):
        items.append({"type": "relation", "label": "inferred (dotted)", **theme.edge_style("premise", True), "color": "#616161"})
    if attacks_on_relations:
        items.append({"type": "point", "label": "attacked relation", "fill": "#616161"})
    premise_counts: dict[str, int] = {}
    for _, v, k, d in G.edges(keys=True, data=True):
        if d.get("kind", k) == "premise":
            premise_counts[v] = premise_counts.get(v, 0) + 1
    if any(c >= 2 for c in premise_counts.values()):
        items.append({"type": "point", "label": "linked premises meet", "fill": theme.JOIN_POINT["fillcolor"], "small": True})
    own = [d for _, d in G.nodes(data=True) if not d.get("ghost")]
    if any(d.get("kind") == "question" for d in own):
        items.append({"type": "shape", "note": True, "fill": "#ffffff", "stroke": "#424242", "penwidth": "1", "label": "? question"})
    stances = sorted({d["stance"] for d in own if d.get("stance") in theme.STANCE_WORDS}, key=list(theme.STANCE_WORDS).index)
    if stances:
        items.append({"type": "shape", "rounded": True, "dashed": True, "fill": "#ffffff", "stroke": "#424242", "penwidth": "1",
                      "label": " / ".join(theme.STANCE_WORDS[s] for s in stances) + " (not the writer's own view)"})
    claim = {"type": "shape", "rounded": True, "fill": "#ffffff", "stroke": "#424242", "penwidth": "1"}
    argument = {**claim, "rounded": False, "penwidth": theme.ARGUMENT["penwidth"]}
    by_kind = settings.color_by == "kind"
    if not by_kind and any(d.get("kind") == "argument" for d in own):
        if not swatches:  # otherwise the swatches show the claim's rounded box
            items.append({**claim, "label": "claim"})
        items.append({**argument, "label": "argument"})
    if any(d.get("ghost") for _, d in G.nodes(data=True)):
        parts = any(d.get("ghost") and d.get("part") for _, d in G.nodes(data=True))
        items.append(
            {**claim, "label": "[other map or part]" if parts else "[other map]", "dashed": True,
             "stroke": theme.GHOST["color"], "fontcolor": theme.GHOST["fontcolor"]}
        )
    if settings.color_by == "strength":  # one scale, not a swatch per step
        steps = [theme.strength_color(i / 8) for i in range(9)]
        items.append({"type": "scale", "steps": steps, "label": "strength 0 (light) to 1 (green)"})
        swatches = [(name, color) for name, color in swatches if not name.startswith("strength ")]
    for name, color in swatches:
        shape = argument if by_kind and name == "argument" else claim
        items.append({**shape, "type": "swatch", "label": name, "fill": color})
    if marks is not None:  # what the edit did, only the marks this drawing shows
        drawn = set(G.nodes)
        if marks.added & drawn or marks.added_relations:
            items.append({**claim, "stroke": theme.DIFF_ADDED["color"], "penwidth": theme.DIFF_ADDED["penwidth"],
                          "label": "added by the edit"})
        if marks.reworded & drawn:
            items.append({**claim, "stroke": theme.DIFF_REWORDED["color"], "penwidth": theme.DIFF_REWORDED["penwidth"],
                          "label": "reworded or changed"})
        if marks.rejudged & drawn:
            items.append({**claim, "label": "double border: verdict moved"})
        if marks.removed_nodes or marks.removed_relations:
            items.append({**claim, "dashed": True, "stroke": theme.DIFF_REMOVED["color"],
                          "fontcolor": theme.DIFF_REMOVED["fontcolor"], "label": "removed by the edit"})
    return {"font": settings.fontname, "size": settings.fontsize - 1, "items": items}


_ORDER = {k: i for i, k in enumerate(RELATIONS)}


def _kind_order(kind: str) -> int:
    return _ORDER.get(kind, len(_ORDER))


def export(G: nx.MultiDiGraph, settings: Settings | None = None, evaluation=None, marks: Marks | None = None) -> str:
    """DOT source text for the graph (``evaluation``, ``marks``: see :func:`to_pydot`)."""
    from ..perf import gc_paused

    with gc_paused():
        return document(G, settings, evaluation, marks).to_string()
