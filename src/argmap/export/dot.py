"""Graph → Graphviz DOT, built with pydot.

Every attribute value is quoted here, before pydot sees it: pydot leaves a
value that already starts and ends with ``"`` alone and does not escape
backslashes, so text such as ``"a" and "b"`` would otherwise break the DOT.
Labels are plain strings with ``\\n`` breaks (the WebAssembly Graphviz ignores
HTML-like labels), wrapped to a readable width.
"""

from __future__ import annotations

import textwrap

import networkx as nx
import pydot

from ..settings import Settings
from ..textsafe import dot_label, dot_string, dot_tooltip, dot_url
from . import theme

__all__ = ["quote", "to_pydot", "export", "wrap"]


def quote(value: object) -> str:
    """A DOT double-quoted string that Graphviz draws as ``value`` (see :mod:`argmap.textsafe`).

    >>> print(quote('say "hi"'))
    "say \\"hi\\""
    >>> print(quote("a\\\\b"))
    "a\\\\b"
    >>> print(quote("two\\nlines & more"))
    "two\\nlines &amp; more"
    """
    return dot_label(value)


def wrap(text: str, width: int) -> str:
    """Text broken into lines of at most ``width`` characters (long words are split)."""
    lines = textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False) or [""]
    return "\n".join(lines)


def _label(data: dict, settings: Settings) -> str:
    body = wrap(data.get("text") or "", settings.wrap)
    if data.get("ghost"):
        where = f"part: {data['part']}" if data.get("part") else data.get("map")
        return f"[{where}]\n{body}"
    by = data.get("by")
    label = f"{body}\n— {by}" if by else body
    if data.get("continued"):
        label += "\n[replies: see its own part]"
    return label


def _tooltip(node: str, data: dict) -> str:
    parts = [data.get("text") or node]
    if data.get("quote"):
        parts.append(f"“{data['quote']}”")
    source = data.get("source") or {}
    cite = ", ".join(x for x in (source.get("author") or data.get("by"), source.get("title"), source.get("date")) if x)
    if cite:
        parts.append(f"— {cite}")
    if data.get("status"):
        parts.append(f"status: {data['status']}")
    parts.append(f"id: {node} ({data.get('map')})")
    return "\n".join(parts)


def _fill(data: dict, settings: Settings, authors: dict[str, str]) -> str:
    if settings.color_by == "author":
        return authors.get(data.get("by") or "", theme.NO_AUTHOR)
    if settings.color_by == "kind":
        return theme.KIND_FILL.get(data.get("kind"), theme.NO_AUTHOR)
    if settings.color_by == "status":
        return theme.STATUS_FILL.get(data.get("status"), (theme.NO_AUTHOR, ""))[0]
    return "#ffffff"


def to_pydot(G: nx.MultiDiGraph, settings: Settings | None = None) -> pydot.Dot:
    """The graph as a ``pydot.Dot``, styled by :mod:`argmap.export.theme`."""
    settings = settings or Settings()
    font = quote(settings.fontname)
    dot = pydot.Dot(graph_type="digraph", strict=False)
    dot.set("rankdir", settings.rankdir)
    dot.set("newrank", "true")
    dot.set("nodesep", "0.35")
    dot.set("ranksep", "0.55")
    dot.set("pad", "0.3")
    dot.set("bgcolor", quote("white"))
    dot.set("fontname", font)
    title = G.graph.get("title")
    if settings.title and title:
        dot.set("label", quote(title))
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

    authors = theme.author_colors(d.get("by") for n, d in G.nodes(data=True) if not d.get("ghost"))
    for n, data in G.nodes(data=True):
        attrs = {
            "label": quote(_label(data, settings)),
            "tooltip": dot_tooltip(_tooltip(n, data)),
            "id": quote(f"node-{n}"),
        }
        if data.get("ghost"):
            attrs.update({k: quote(v) for k, v in theme.GHOST.items()})
        else:
            attrs["fillcolor"] = quote(_fill(data, settings, authors))
            if data.get("kind") == "argument":
                attrs["style"] = quote("filled")
                attrs["penwidth"] = "1.8"
        url = (data.get("source") or {}).get("url")
        if url:
            attrs["URL"] = dot_url(url)
            attrs["target"] = quote("_blank")
        dot.add_node(pydot.Node(dot_string(n), **attrs))

    minlen = _staggered_minlen(G, settings.stagger)
    for u, v, k, data in G.edges(keys=True, data=True):
        style = theme.EDGE_STYLE.get(data.get("kind", k), {})
        attrs = {key: quote(val) for key, val in style.items()}
        attrs["tooltip"] = dot_tooltip(f"{u} {data.get('kind', k)} {v}")
        if (u, v) in minlen:
            attrs["minlen"] = str(minlen[(u, v)])
        dot.add_edge(pydot.Edge(dot_string(u), dot_string(v), **attrs))

    if settings.legend and G.number_of_nodes():
        _add_legend(dot, G, settings, authors)
    return dot


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


def _add_legend(dot: pydot.Dot, G: nx.MultiDiGraph, settings: Settings, authors: dict[str, str]) -> None:
    legend = pydot.Cluster("legend", label=quote("Legend"), style=quote("rounded"), color=quote("#9e9e9e"))
    legend.set("fontsize", str(settings.fontsize))
    small = {"shape": "box", "style": quote("rounded,filled"), "fillcolor": quote("#ffffff"), "fontsize": str(settings.fontsize - 1)}
    kinds = sorted({d.get("kind", k) for _, _, k, d in G.edges(keys=True, data=True)}, key=_kind_order) or ["supports"]
    for kind in kinds:  # a short labelled arrow between two dots per relation
        a, b = quote(f"legend-{kind}-from"), quote(f"legend-{kind}-to")
        pair = pydot.Subgraph(rank="same") if settings.rankdir in ("LR", "RL") else legend
        pair.add_node(pydot.Node(a, shape="point", width="0.06", color=quote("#616161")))
        pair.add_node(pydot.Node(b, shape="point", width="0.06", color=quote("#616161")))
        if pair is not legend:  # sideways: keep both ends in one column, the arrow short
            legend.add_subgraph(pair)
        attrs = {key: quote(val) for key, val in theme.EDGE_STYLE[kind].items()}
        legend.add_edge(pydot.Edge(a, b, label=quote(f" {kind} "), fontcolor=attrs["color"], **attrs))
    if settings.color_by == "author":
        swatches = [(name, color) for name, color in authors.items()]
    elif settings.color_by == "kind":
        swatches = list(theme.KIND_FILL.items())
    elif settings.color_by == "status":
        swatches = [(f"{s}: {why}", fill) for s, (fill, why) in theme.STATUS_FILL.items()]
    else:
        swatches = []
    if any(d.get("ghost") for _, d in G.nodes(data=True)):
        legend.add_node(
            pydot.Node(quote("legend-ghost"), label=quote("[other map]"), **{**small, **{k: quote(v) for k, v in theme.GHOST.items()}})
        )
    previous = None
    for i, (name, color) in enumerate(swatches):
        node = quote(f"legend-swatch-{i}")
        legend.add_node(pydot.Node(node, label=quote(wrap(name, settings.wrap)), **{**small, "fillcolor": quote(color)}))
        # a column of swatches, not a row that widens the map: top-to-bottom layouts
        # need a chain of ranks for that; sideways ones stack a shared rank already
        if previous is not None and settings.rankdir in ("BT", "TB"):
            legend.add_edge(pydot.Edge(previous, node, style="invis"))
        previous = node
    if settings.rankdir in ("LR", "RL") and swatches:
        # sideways: the arrows take the column next to the swatches, not the rows below them
        for kind in kinds:
            legend.add_edge(pydot.Edge(quote("legend-swatch-0"), quote(f"legend-{kind}-from"), style="invis"))
    dot.add_subgraph(legend)


def _kind_order(kind: str) -> int:
    order = list(theme.EDGE_STYLE)
    return order.index(kind) if kind in order else len(order)


def export(G: nx.MultiDiGraph, settings: Settings | None = None) -> str:
    """DOT source text for the graph."""
    from ..perf import gc_paused

    with gc_paused():
        return to_pydot(G, settings).to_string()
