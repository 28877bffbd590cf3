"""Graph → Argdown (``render -o map.argdown``), readable by Argdown's own tools.

Every node is a definition on one line, followed by its outgoing relations::

    [Houses are no monopoly]: You can resent ugly houses ... #backlash {id: houses-analogy, by: Paul Christiano, ...}
      -> [backlash-needs-few-ais]

- a claim is a statement ``[title]: text``, an argument ``<title>: text`` (the title
  is the node's ``title``, else its id);
- ``supports`` is ``+>``, ``attacks`` ``->``, ``undercuts`` ``_>``, ``contradicts`` ``><``
  (``concedes`` and ``answers`` have no Argdown symbol: they are kept in the data block, and
  the frontmatter's ``selection: {excludeDisconnected: false}`` has Argdown's map draw the
  nodes only they join);
- an argument with ``premises`` gets a premise-conclusion structure;
- each further wording (``wordings``) is the same ``[title]`` (``<title>``) defined again with
  that wording, so Argdown reads one statement with several members (an argument with several
  descriptions); who said each, where and in which words go, in order, into the data block's
  ``wordings``;
- what Argdown has no syntax for (id, by, source, quote, note, kind) goes into the
  statement's YAML data block ``{...}``, and the map's title and sources into the
  frontmatter, so that ``argmap import`` reads the same map back.

Text is escaped where Argdown would read it as markup (``[ ] < > # { } * _ @ \\``).
"""

from __future__ import annotations

import json

import networkx as nx

from ..schemes import SCHEMES
from ._interop import map_sources, own_maps, relation_links

__all__ = ["export", "escape"]

_SYMBOL = {"supports": "+>", "attacks": "->", "undercuts": "_>", "contradicts": "><"}
_ESCAPE = set("\\[]<>#{}*_@")


def escape(text: str) -> str:
    r"""Text that Argdown reads back as the same words.

    >>> print(escape("a [b] <c> #d {e} *f* _g_ @h"))
    a \[b\] \<c\> \#d \{e\} \*f\* \_g\_ \@h
    >>> print(escape("see http://x.org // not a comment"))
    see http:/\/x.org /\/ not a comment
    """
    out = "".join("\\" + c if c in _ESCAPE else c for c in text)
    while "//" in out:
        out = out.replace("//", "/\\/")
    return out.replace("/*", "/\\*")


def _flow(data) -> str:
    """A YAML flow mapping on one line (JSON is YAML), with no ``//``, ``/*`` or ``<!--`` for a comment to start at."""
    return json.dumps(data, ensure_ascii=False, separators=(", ", ": ")).replace("/", "\\/").replace("<", "\\u003c")


def _bracket(title: str) -> str:
    """A title Argdown can put in brackets."""
    return " ".join(title.replace("[", "(").replace("]", ")").replace("<", "(").replace(">", ")").split())


def export(G: nx.MultiDiGraph, settings=None, evaluation=None) -> str:
    maps = G.graph.get("maps", {})
    own = own_maps(G)
    front: dict = {}
    title = G.graph.get("title") or (maps.get(own[0], {}).get("title") if len(own) == 1 else None)
    if title:
        front["title"] = title
    description = maps.get(own[0], {}).get("description") if len(own) == 1 else None
    if description:
        front["subTitle"] = description
    sources = map_sources(G)
    meta: dict = {}
    if len(own) == 1:
        meta["map"] = own[0]
        if maps.get(own[0], {}).get("thesis"):
            meta["thesis"] = maps[own[0]]["thesis"]
    if sources:
        meta["sources"] = sources
    if meta:
        front["argmap"] = meta
    # Argdown's map leaves out statements no Argdown relation reaches; concessions, answers and
    # objections to links are kept in data blocks only, so the map is told to draw those too
    front["selection"] = {"excludeDisconnected": False}
    lines: list[str] = []
    if front:
        lines += ["===", json.dumps(front, ensure_ascii=False, indent=2), "===", ""]

    titles = _titles(G)
    links = relation_links(G)
    for n, d in G.nodes(data=True):
        kind = d.get("kind") or "claim"
        premises = tuple(d.get("premises") or ())
        data: dict = {"id": n}
        if kind not in ("claim", "argument"):
            data["kind"] = kind
        if not d.get("title"):
            data["untitled"] = True
        elif titles[n] != d["title"]:
            data["title"] = d["title"]
        for key in ("scheme", "by", "held_by", "stance", "source", "quote", "note"):
            value = d.get(key)
            if key == "source" and isinstance(value, dict):
                value = value.get("id")
            if value is not None and not (key == "stance" and value == "own"):
                data[key] = str(value)
        if isinstance(d.get("weight"), (int, float)) and not isinstance(d.get("weight"), bool):
            data["weight"] = d["weight"]
        if d.get("ghost"):
            data["ghost"] = d.get("map")
        wordings = () if d.get("ghost") else tuple(d.get("wordings") or ())
        if wordings:  # who said each further wording, where, in which words: Argdown has no place for it
            data["wordings"] = [{k: (w[k]["id"] if k == "source" else w[k]) for k in ("by", "source", "quote") if w.get(k)}
                                for w in wordings]
        rel_lines, other = [], {}
        for _, v, k in sorted(G.out_edges(n, keys=True), key=lambda e: (e[2], e[1])):
            if k == "premise" or (k == "supports" and premises):
                continue  # the premise-conclusion structure below says it
            if k in _SYMBOL:
                rel_lines.append(f"  {_SYMBOL[k]} {_ref(G, v, titles)}")
            else:
                other.setdefault(k, []).append(v)
        if other:
            data["relations"] = other
        if links.get(n):
            data["links"] = links[n]
        head = f"<{titles[n]}>" if kind == "argument" else f"[{titles[n]}]"
        parts = [f"{head}:", escape(" ".join(str(d.get("text") or "").split()))]
        parts += [f"#({t})" for t in (d.get("tags") or ())]
        parts.append(_flow(data))
        lines.append(" ".join(p for p in parts if p))
        lines += rel_lines
        lines.append("")
        for w in wordings:  # the same class (or argument) again: Argdown reads one statement with several members
            lines += [f"{head}: {escape(' '.join(w['text'].split()))}", ""]
        if premises and kind == "argument":
            conclusions = sorted(v for _, v, k in G.out_edges(n, keys=True) if k == "supports")
            lines += [f"<{titles[n]}>", ""]
            lines += [f"({i}) [{titles[p]}]" for i, p in enumerate(premises, 1) if p in titles]
            scheme = SCHEMES.get(d.get("scheme") or "")  # the inference rule names its scheme: Argdown's `-- rule --`
            lines.append(f"-- {scheme.title[0].upper() + scheme.title[1:]} --" if scheme else "----")
            lines += [f"({len(premises) + 1}) [{titles[c]}]" for c in conclusions[:1]]
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _titles(G: nx.MultiDiGraph) -> dict[str, str]:
    """Each node's Argdown title: its ``title``, else its id; unique among statements and among arguments."""
    out: dict[str, str] = {}
    used: set[tuple[bool, str]] = set()
    for n, d in G.nodes(data=True):
        base = _bracket(str(d.get("title") or n)) or n
        is_arg = (d.get("kind") or "claim") == "argument"
        t, k = base, 1
        while (is_arg, t) in used:
            k += 1
            t = f"{base} ({k})"
        used.add((is_arg, t))
        out[n] = t
    return out


def _ref(G: nx.MultiDiGraph, n: str, titles: dict[str, str]) -> str:
    return f"<{titles[n]}>" if G.nodes[n].get("kind") == "argument" else f"[{titles[n]}]"
