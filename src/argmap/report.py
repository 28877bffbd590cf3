"""Plain-text views for the terminal: the list of maps, one node and its replies."""

from __future__ import annotations

import textwrap
from collections import Counter

from .model import Project
from .textsafe import terminal

__all__ = ["maps_table", "node_report", "table", "analysis_report"]

_MARK = {"supports": "+", "attacks": "-", "undercuts": "~"}


def table(headers: list[str], rows: list[list[object]]) -> str:
    """A left-aligned text table (numbers right-aligned).

    >>> print(table(["a", "n"], [["x", 1], ["yy", 22]]))
    a    n
    --  --
    x    1
    yy  22
    """
    cells = [[terminal(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [all(isinstance(r[i], (int, float)) for r in rows) and rows for i in range(len(headers))]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])


def maps_table(project: Project) -> str:
    rows = []
    for m in project.maps:
        rels = Counter(r.kind for n in m.nodes for r in n.relations)
        authors = Counter(n.by for n in m.nodes if n.by)
        top = ", ".join(a for a, _ in authors.most_common(3)) + (" …" if len(authors) > 3 else "")
        rows.append(
            [m.name, m.path, len(m.nodes), rels["supports"], rels["attacks"], rels["undercuts"], top]
        )
    total_nodes = sum(r[2] for r in rows)
    total_rels = sum(r[3] + r[4] + r[5] for r in rows)
    return (
        table(["map", "file", "nodes", "supports", "attacks", "undercuts", "authors"], rows)
        + f"\n\n{len(rows)} maps, {total_nodes} nodes, {total_rels} relations"
    )


def node_report(G, node_id: str, depth: int = 3, status: dict[str, str] | None = None,
                semantics: str = "grounded", bipolar: str = "none") -> str:
    """The node in full, then the replies to it as an indented tree (+ supports, - attacks, ~ undercuts).

    With ``status`` (node → IN/OUT/UNDEC), each node says whether it stands.
    """
    d = G.nodes[node_id]
    lines = [f"{node_id}  [{d.get('kind')}, map {d.get('map')}, {d.get('file')}:{d.get('line')}]"]
    if status:
        support = f"; support read as {bipolar}" if bipolar != "none" else ""
        lines.append(f"  status: {status[node_id]} ({_STATUS_WORD[status[node_id]]}, {semantics} semantics{support})")
    lines += textwrap.wrap(d.get("text") or "", 88, initial_indent="  ", subsequent_indent="  ")
    if d.get("by"):
        lines.append(f"  by {d['by']}")
    if d.get("quote"):
        lines += textwrap.wrap(f"“{d['quote']}”", 88, initial_indent="  quote: ", subsequent_indent="         ")
    src = d.get("source")
    if src:
        cite = ", ".join(x for x in (src.get("author"), src.get("title"), src.get("date")) if x)
        lines.append(f"  source: {cite}" + (f" <{src['url']}>" if src.get("url") else ""))
    if d.get("note"):
        lines.append(f"  note: {d['note']}")
    if d.get("tags"):
        lines.append(f"  tags: {', '.join(d['tags'])}")
    out = [(k, v) for _, v, k in G.out_edges(node_id, keys=True)]
    if out:
        lines.append("")
        lines.append("It answers:")
        for kind, target in out:
            lines.append(f"  {_MARK.get(kind, '?')} {kind} {target}{_tag(status, target)}: {_short(G.nodes[target].get('text'))}")
    lines.append("")
    replies = list(G.in_edges(node_id, keys=True))
    if not replies:
        lines.append("Nothing supports or attacks it yet.")
    else:
        lines.append("Replies (+ supports, - attacks, ~ undercuts):")
        _tree(G, node_id, depth, 1, {node_id}, lines, status)
    return "\n".join(terminal(line) for line in lines)


_STATUS_WORD = {"IN": "stands", "OUT": "falls", "UNDEC": "open"}


def _tag(status, node) -> str:
    return f" [{status[node]}]" if status else ""


def _tree(G, node_id, depth, level, path, lines, status=None):
    if level > depth:
        return
    for u, _, kind in sorted(G.in_edges(node_id, keys=True), key=lambda e: (list(_MARK).index(e[2]) if e[2] in _MARK else 9, e[0])):
        d = G.nodes[u]
        by = f" — {d['by']}" if d.get("by") else ""
        seen = " (already above)" if u in path else ""
        lines.append(f"{'  ' * level}{_MARK.get(kind, '?')} {u}{_tag(status, u)}: {_short(d.get('text'))}{by}{seen}")
        if not seen:
            _tree(G, u, depth, level + 1, path | {u}, lines, status)


def _short(text: str | None, limit: int = 90) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def analysis_report(G, analysis, limit: int = 0) -> str:
    """``argmap analyze`` as text: statuses with reasons, objections, cruxes, authors, replies."""
    a = analysis
    counts = Counter(a.status[n] for n, d in G.nodes(data=True) if not d.get("ghost"))
    out = [
        f"Semantics: {a.semantics}; support read as: {a.bipolar}"
        + (f" ({len(a.derived)} derived attacks)" if a.derived else ""),
        f"IN (stands): {counts['IN']}   OUT (falls): {counts['OUT']}   UNDEC (open): {counts['UNDEC']}",
        "",
    ]
    rows = []
    order = {"IN": 0, "UNDEC": 1, "OUT": 2}
    nodes = sorted((n for n, d in G.nodes(data=True) if not d.get("ghost")), key=lambda n: (order[a.status[n]], n))
    for n in nodes[: limit or None]:
        path = a.reasons.get(n) or []
        if a.status[n] == "OUT" and path:
            why = f"defeated by {path[0]} (IN)"
        elif a.status[n] == "UNDEC" and path:  # a cycle is spelt out once, at its first node
            why = ("in an unresolved cycle: " + " -> ".join(path)) if path[0] == path[-1] else f"attacked by {path[0]} (UNDEC), back to a cycle"
        elif a.status[n] == "IN":
            attackers = [u for u, _, k in G.in_edges(n, keys=True) if k in ("attacks", "undercuts")]
            why = f"every attacker falls ({', '.join(attackers)})" if attackers else "unattacked"
        else:
            why = ""
        rows.append([a.status[n], n, G.nodes[n].get("by") or "", _short(why, 70)])
    out.append(table(["status", "node", "by", "why"], rows))
    out += ["", "Unanswered objections (attacks nobody has answered):"]
    if a.unanswered:
        out.append(table(["objection", "kind", "target", "by"], [[u, k, v, G.nodes[u].get("by") or ""] for u, v, k in a.unanswered]))
    else:
        out.append("  none")
    out += ["", "Cruxes (nodes whose status change would flip the most others):"]
    if a.cruxes:
        out.append(table(["node", "status", "flips"], [[n, a.status[n], c] for n, c in a.cruxes]))
    else:
        out.append("  none")
    out += ["", "Per author:"]
    out.append(
        table(
            ["author", "nodes", "IN", "OUT", "UNDEC", "supports", "attacks", "undercuts"],
            [[who] + [t[k] for k in ("nodes", "IN", "OUT", "UNDEC", "supports", "attacks", "undercuts")] for who, t in a.authors.items()],
        )
    )
    out += ["", "Who answers whom:"]
    if a.answers:
        out.append(table(["from", "kind", "to", "count"], [[x, k, y, c] for x, y, k, c in a.answers]))
    else:
        out.append("  nobody answers anybody else")
    return "\n".join(out)
