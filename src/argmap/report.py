"""Plain-text views for the terminal: the list of maps, one node and its replies."""

from __future__ import annotations

import textwrap
from collections import Counter

from .address import depth as address_depth, describe
from .model import Project
from .spec import ATTACK_KINDS, RELATION_KINDS, RELATION_KINDS_V1, RELATIONS
from .textsafe import terminal

__all__ = ["maps_table", "node_report", "table", "analysis_report", "analysis_summary", "thread_report"]

_MARK = {k: r.mark for k, r in RELATIONS.items()}
_ORDER = {k: i for i, k in enumerate(RELATIONS)}
_LEGEND = ", ".join(f"{r.mark} {r.active}" for r in RELATIONS.values())
#: ``list``'s relation columns: the original three, then every other kind counted together
_OTHER_KINDS = tuple(k for k in RELATION_KINDS if k not in RELATION_KINDS_V1)
_STANCE_WORD = {"restates": "restated", "reports": "reported", "steelman": "steelman"}


def counted(n: int, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1.

    >>> counted(1, "node"), counted(0, "relation"), counted(3, "map")
    ('1 node', '0 relations', '3 maps')
    """
    return f"{n} {noun}{'s' * (n != 1)}"


def table(headers: list[str], rows: list[list[object]], width: int | None = None, fold: bool = False) -> str:
    """A left-aligned text table (numbers right-aligned); with ``width``, the last text column is
    cut (with "…") so that lines fit, as far as the other columns allow, or with ``fold`` it goes
    on its own line under each row (:func:`_folded`), when the other columns are ids a reader
    copies and the last is a name that must not be cut.

    >>> print(table(["a", "n"], [["x", 1], ["yy", 22]]))
    a    n
    --  --
    x    1
    yy  22
    """
    cells = [[terminal(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    if (fold and width and len(headers) > 1 and rows and not all(isinstance(r[-1], (int, float)) for r in rows)
            and sum(w + 2 for w in widths[:-1]) + widths[-1] > width):  # the last cell would be cut
        return _folded(headers, rows, width)
    if width and headers and not all(isinstance(r[-1], (int, float)) for r in rows):
        room = max(len(headers[-1]), 6, width - sum(w + 2 for w in widths[:-1]))
        if widths[-1] > room:  # the last (text) column is cut to fit the line
            for r in cells:
                r[-1] = r[-1] if len(r[-1]) <= room else r[-1][: room - 1] + "…"
            widths[-1] = max([len(headers[-1])] + [len(r[-1]) for r in cells])
    numeric = [all(isinstance(r[i], (int, float)) for r in rows) and rows for i in range(len(headers))]

    def line(values):
        return "  ".join(v.rjust(w) if num else v.ljust(w) for v, w, num in zip(values, widths, numeric)).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths])] + [line(r) for r in cells])


def _folded(headers: list[str], rows: list[list[object]], width: int) -> str:
    """:func:`table` when the other columns leave the last one too little room: each row's last
    cell goes on the line below it, after its header, wrapped to ``width``.

    >>> print(_folded(["id", "by"], [["a-long-id", "Ann"]], 10))
    id
    ---------
    a-long-id
      by: Ann
    """
    head = table(headers[:-1], [r[:-1] for r in rows])
    lines = head.splitlines()
    out = lines[:2]
    for line, row in zip(lines[2:], rows):
        out.append(line)
        out += textwrap.wrap(f"{headers[-1]}: {terminal(row[-1])}", width, initial_indent="  ", subsequent_indent="    ")
    return "\n".join(out)


def maps_table(project: Project, evaluation=None) -> str:
    """The table of ``argmap list``; with the folder's ``evaluation``, each map's thesis verdict too."""
    rows = []
    verdicts = evaluation.verdicts if evaluation is not None else None
    for m in project.maps:
        rels = Counter(r.kind for n in m.nodes for r in n.relations)
        authors = Counter(who for n in m.nodes for who in dict.fromkeys((n.by, *(w.by for w in n.wordings))) if who)
        top = ", ".join(a for a, _ in authors.most_common(3)) + (" …" if len(authors) > 3 else "")
        rows.append([m.name, m.path, len(m.nodes), *(rels[k] for k in RELATION_KINDS_V1),
                     sum(rels[k] for k in _OTHER_KINDS), top])
        if verdicts is not None:
            v = verdicts.get(m.name)
            rows[-1].append(_STATUS_WORD.get(evaluation.status.get(v.thesis), "-") if v and v.thesis else "-")
    total_nodes = sum(r[2] for r in rows)
    total_rels = sum(r[3] + r[4] + r[5] + r[6] for r in rows)
    heads = ["map", "file", "nodes", *RELATION_KINDS_V1, "/".join(_OTHER_KINDS), "authors"]
    return (
        table(heads + (["thesis"] if verdicts is not None else []), rows)
        + f"\n\n{counted(len(rows), 'map')}, {counted(total_nodes, 'node')}, {counted(total_rels, 'relation')}"
    )


def _cite(src: dict | None) -> str:
    """A source as ``show`` names it: author, title, date and <url>, whatever it has."""
    if not src:
        return ""
    cite = ", ".join(x for x in (src.get("author"), src.get("title"), src.get("date")) if x) or src.get("id") or ""
    return cite + (f" <{src['url']}>" if src.get("url") else "")


def _wording_lines(d: dict) -> list[str]:
    """The further wordings of a node, each with who worded it, its quote and its source."""
    wordings = d.get("wordings") or ()
    if not wordings:
        return []
    lines = [f"  also worded ({len(wordings)}):"]
    for w in wordings:
        lines += textwrap.wrap(f"“{w['text']}”" + (f" — {w['by']}" if w.get("by") else ""), 88,
                               initial_indent="    - ", subsequent_indent="      ")
        if w.get("quote"):
            lines += textwrap.wrap(f"“{w['quote']}”", 86, initial_indent="      quote: ", subsequent_indent="             ")
        if w.get("source"):
            lines.append(f"      source: {_cite(w['source'])}")
    return lines


def node_report(G, node_id: str, depth: int = 3, evaluation=None) -> str:
    """The node in full, then the replies to it as an indented tree (+ supports, - attacks, ~ undercuts,
    x contradicts, = concedes, ? answers, & premise of).

    With ``evaluation`` (the folder's :class:`~argmap.evaluation.Evaluation`), the node's
    verdict in a sentence (the one ``analyze`` and the page print), and each reply's status
    (a question is not evaluated: it says whether it is answered).
    """
    from .evaluation import verdict

    ev = evaluation
    status = ev.status if ev is not None else None
    d = G.nodes[node_id]
    lines = [f"{node_id}  [{d.get('kind')}, map {d.get('map')}, {d.get('file')}:{d.get('line')}]"]
    if d.get("kind") == "question":
        answered = sorted(u for u, _, k in G.in_edges(node_id, keys=True) if RELATIONS.get(k) and RELATIONS[k].role == "answer")
        lines.append(f"  question: {'answered by ' + ', '.join(answered) if answered else 'unanswered'}")
    elif ev is not None and node_id in ev.status:
        lines += textwrap.wrap(f"status: {ev.status[node_id]} — {verdict(G, ev, node_id)}", 96,
                               initial_indent="  ", subsequent_indent="    ")
        lines += textwrap.wrap(f"(under {ev.settings_words})", 96, initial_indent="  ", subsequent_indent="   ")
    if ev is not None and ev.gradual and node_id in ev.strength:
        lines.append(f"  strength: {ev.strength[node_id]:.3f} ({ev.gradual}; base {_base(d)})")
    if d.get("title"):
        lines.append(f"  {d['title']}")
    lines += textwrap.wrap(d.get("text") or "", 88, initial_indent="  ", subsequent_indent="  ")
    if d.get("by"):
        stance = d.get("stance") or "own"
        if stance == "own" and not d.get("held_by"):
            lines.append(f"  by {d['by']}")
        elif stance == "steelman":
            lines.append(f"  by {d['by']} (steelman, held by nobody"
                         + (f"; offered for {d['held_by']})" if d.get("held_by") else ")"))
        else:
            lines.append(f"  by {d['by']} ({_STANCE_WORD.get(stance, stance)}; held by {d.get('held_by')})")
    elif d.get("held_by"):
        lines.append(f"  held by {d['held_by']}")
    if d.get("quote"):
        lines += textwrap.wrap(f"“{d['quote']}”", 88, initial_indent="  quote: ", subsequent_indent="         ")
    if d.get("source"):
        lines.append(f"  source: {_cite(d['source'])}")
    lines += _wording_lines(d)
    if d.get("note"):
        lines.append(f"  note: {d['note']}")
    if d.get("tags"):
        lines.append(f"  tags: {', '.join(d['tags'])}")
    if d.get("premises"):
        lines.append(f"  premises: {', '.join(d['premises'])}")
    if d.get("scheme"):
        from .schemes import SCHEMES, critical_questions

        lines.append(f"  scheme: {SCHEMES[d['scheme']].title}; its critical questions:")
        for q, by in critical_questions(G, node_id):
            raised = "raised by " + ", ".join(f"{b} ({k})" for b, k in by) if by else "not yet asked"
            lines += textwrap.wrap(f"{q.code}: {q.text} [{raised}]", 92, initial_indent="    ",
                                   subsequent_indent="      ")
    out = [(k, v, data) for _, v, k, data in G.out_edges(node_id, keys=True, data=True)]
    from .graph import relation_attacks

    objects = [(target, k, o) for target, o, (_, _, k), _ in relation_attacks(G) if o["by"] == node_id]
    if out or objects:
        lines.append("")
        lines.append("It answers:")
        for kind, target, data in out:
            word = RELATIONS[kind].active if kind in RELATIONS else kind
            lines.append(f"  {_MARK.get(kind, '?')} {word} {target}{_tag(status, target)}{_flags(data)}: "
                         f"{_short(G.nodes[target].get('text'))}")
        for target, k, o in objects:
            lines.append(f"  {_MARK.get(o['kind'], '?')} {o['kind']} the relation {target} ({_relation_words(target, k)})"
                         + (" [inferred]" if o.get("inferred") else ""))
    # objections to a link it is an end of, and to any objection it makes (at any depth)
    on_own = [(target, k, o) for target, o, (u, v, k), _ in relation_attacks(G)
              if (address_depth(target) == 1 and node_id in (u, v)) or target.split("->", 1)[0] == node_id and address_depth(target) > 1]
    if on_own:
        lines.append("")
        lines.append("Objections to its relations:")
        for target, k, o in on_own:
            lines.append(f"  {_MARK.get(o['kind'], '?')} {o['by']}{_tag(status, o['by'])} {o['kind']} {target} ({_relation_words(target, k)})"
                         + (" [inferred]" if o.get("inferred") else ""))
    lines.append("")
    replies = list(G.in_edges(node_id, keys=True))
    if not replies:
        lines.append("Nothing supports, attacks or answers it yet.")
    else:
        lines.append(f"Replies ({_LEGEND}):")
        _tree(G, node_id, depth, 1, {node_id}, lines, status)
    return "\n".join(terminal(line) for line in lines)


def _base(d) -> str:
    w = d.get("weight")
    return f"{w:g}" if w is not None else "0.5, the default"


def _flags(data) -> str:
    return " [inferred]" if data.get("inferred") else ""


_STATUS_WORD = {"IN": "stands", "OUT": "falls", "UNDEC": "open"}


def _tag(status, node) -> str:
    return f" [{status[node]}]" if status and node in status else ""


def _tree(G, node_id, depth, level, path, lines, status=None):
    if level > depth:
        return
    for u, _, kind in sorted(G.in_edges(node_id, keys=True), key=lambda e: (_ORDER.get(e[2], len(_ORDER)), e[0])):
        d = G.nodes[u]
        by = f" — {d['by']}" if d.get("by") else ""
        if d.get("stance") in _STANCE_WORD:
            by += f" ({_STANCE_WORD[d['stance']]}" + (f", held by {d['held_by']})" if d.get("held_by") and d["stance"] != "steelman" else ")")
        seen = " (already above)" if u in path else ""
        lines.append(f"{'  ' * level}{_MARK.get(kind, '?')} {u}{_tag(status, u)}: {_short(d.get('text'))}{by}{seen}")
        if not seen:
            _tree(G, u, depth, level + 1, path | {u}, lines, status)


def _why_in(G, a, n: str, attackers: list[str]) -> str:
    """Why an attacked node stands: its attackers fall, or their attacks are themselves defeated (AFRA)."""
    fallen, defeated, other = [], [], []
    for u in attackers:
        if a.status.get(u) == "OUT":
            fallen.append(u)
            continue
        edges = [d for x, y in ((u, n), (n, u)) if G.has_edge(x, y) for k, d in G[x][y].items()
                 if k in ATTACK_KINDS and (x == u or RELATIONS[k].symmetric)]
        objectors = sorted({o["by"] for d in edges for o in d.get("attacked_by") or () if _standing(a.status, o)})
        if objectors:
            defeated.append(f"{u}'s attack is defeated by {', '.join(objectors)}")
        else:
            other.append(f"{u} ({a.status.get(u, 'left out')})")
    parts = ([f"every attacker falls ({', '.join(fallen)})" if not (defeated or other) else f"{', '.join(fallen)} fall"]
             if fallen else []) + defeated + other
    return "; ".join(parts)


def _standing(status: dict, o: dict) -> bool:
    """Whether the objection ``o`` defeats what it attacks: its maker stands and every objection to it
    (argmap.address, at any depth) is itself defeated, its maker falling or a standing objection to it."""
    return status.get(o["by"]) == "IN" and all(
        status.get(x["by"]) == "OUT" or any(_standing(status, y) for y in x.get("attacked_by") or ())
        for x in o.get("attacked_by") or ())


def _relation_words(target: str, key: str) -> str:
    """What a relation address names, for a reader: the link's kind, and for a nested one whose objection it is."""
    return key if address_depth(target) < 2 else describe(target)


def _short(text: str | None, limit: int = 90) -> str:
    text = text or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def analysis_summary(G, evaluation, width: int = 100) -> str:
    """The opening of ``argmap analyze``: one short paragraph per map of the view, in plain words,
    with the setting and the terms glossed.  Every line fits ``width`` columns."""
    from .evaluation import GLOSS, map_paragraphs

    maps = {m for n, m in G.nodes(data="map") if m and not G.nodes[n].get("ghost")}
    ev = evaluation
    head = textwrap.wrap(f"What still stands, under {ev.settings_words}.", width, subsequent_indent="  ")
    words = textwrap.wrap("Words: " + "; ".join(f"{_STATUS_WORD[k]} ({k}) = {GLOSS[k].split(': ', 1)[1]}"
                                                  for k in ("IN", "OUT", "UNDEC")) + ".", width, subsequent_indent="  ")
    return "\n".join(head) + "\n\n" + map_paragraphs(G, ev, maps, width) + "\n\n" + "\n".join(words)


def open_questions_text(G, analysis, width: int = 100) -> str:
    """The critical questions nobody in the view has asked, by argument, named by their codes
    (``argmap schemes NAME`` and ``argmap show ID`` spell them out)."""
    from .evaluation import name
    from .schemes import SCHEMES

    by_node: dict[str, tuple[str, list[str]]] = {}
    for n, scheme, code, _ in analysis.open_questions:
        by_node.setdefault(n, (scheme, []))[1].append(code)
    lines = textwrap.wrap("Critical questions nobody has asked yet (of the scheme each argument names; "
                          "`argmap show ID` spells them out; none changes a verdict):", width, subsequent_indent="  ")
    for n, (scheme, codes) in by_node.items():
        lines += textwrap.wrap(f"{name(G, n)} ({SCHEMES[scheme].title}): {', '.join(codes)}.", width,
                               initial_indent="  ", subsequent_indent="    ")
    return "\n".join(lines)


def analysis_report(G, analysis, limit: int = 0, evaluation=None, full: bool = True) -> str:
    """``argmap analyze`` as text: with ``evaluation``, the per-map paragraphs first
    (:func:`analysis_summary`); with ``full``, the table of statuses (and strengths) with
    reasons, objections, cruxes, questions, concessions, inferred relations, steelmen, holders,
    replies."""
    if evaluation is not None:
        summary = analysis_summary(G, evaluation)
        if analysis.open_questions:
            summary += "\n\n" + open_questions_text(G, analysis)
        if not full:
            return summary + "\n\nThe full table, node by node: argmap analyze --table"
        return summary + "\n\n" + analysis_report(G, analysis, limit)
    a = analysis
    evaluated = [n for n, d in G.nodes(data=True) if not d.get("ghost") and n in a.status]
    counts = Counter(a.status[n] for n in evaluated)
    head = f"Semantics: {a.semantics}; support read as: {a.bipolar}" + (
        f" ({len(a.derived)} derived attacks)" if a.derived else "")
    if a.gradual:
        head = (f"Semantics: {a.gradual} strengths beside grounded statuses (status = the grounded verdict); "
                f"support read as: {a.bipolar}" + (f" ({len(a.derived)} derived attacks)" if a.derived else ""))
    out = textwrap.wrap(head, 100, subsequent_indent="  ")
    if not a.inferred:
        out.append("Inferred relations left out of the evaluation (--with-inferred counts them).")
    if a.preferences:
        out.append("Preferences on: an attack on a heavier node (weight) does not defeat it (--preferences off).")
    out += [f"IN (stands): {counts['IN']}   OUT (falls): {counts['OUT']}   UNDEC (open): {counts['UNDEC']}", ""]
    if a.gradual and not a.converged:
        out.insert(1, "Warning: the strengths of some cycle did not converge; they are the last iterate.")
    rows = []
    order = {"IN": 0, "UNDEC": 1, "OUT": 2}
    if a.gradual:
        nodes = sorted(evaluated, key=lambda n: (-round(a.strength.get(n, 0.0), 9), n))
    else:
        nodes = sorted(evaluated, key=lambda n: (order[a.status[n]], n))
    for n in nodes[: limit or None]:
        path = a.reasons.get(n) or []
        if a.status[n] == "OUT" and path:
            why = f"defeated by {path[0]} (IN)"
        elif a.status[n] == "UNDEC" and path:  # a cycle is spelt out once, at its first node
            why = ("in an unresolved cycle: " + " -> ".join(path)) if path[0] == path[-1] else f"attacked by {path[0]} (UNDEC), back to a cycle"
        elif a.status[n] == "IN":
            attackers = sorted({u for u, _, k in G.in_edges(n, keys=True) if k in ATTACK_KINDS}
                               | {v for _, v, k in G.out_edges(n, keys=True) if k in ATTACK_KINDS and RELATIONS[k].symmetric})
            why = _why_in(G, a, n, attackers) if attackers else "unattacked"
            if a.challenged.get(n):
                weaker = f"challenged by {', '.join(a.challenged[n])} (weaker)"
                why = weaker if why == "unattacked" else f"{why}; {weaker}"
        else:
            why = ""
        who = _who(G.nodes[n])
        if a.gradual:
            r = a.strength_reasons.get(n, {})
            because = f"base {r.get('base', 0.5):g}"
            if r.get("attackers"):
                because += f"; attackers {', '.join(r['attackers'])}"
            if r.get("supporters"):
                because += f"; supporters {', '.join(r['supporters'])}"
            if r.get("premises"):
                because += f"; capped by premises {', '.join(r['premises'])}"
            rows.append([f"{a.strength.get(n, 0.0):.3f}", a.status[n], n, _short(who, 22), _short(because, 70)])
        else:
            rows.append([a.status[n], n, _short(who, 22), _short(why, 70)])
    if a.gradual:
        out.append(table(["strength", "status", "node", "held by", "why"], rows, width=100))
    else:
        out.append(table(["status", "node", "held by", "why"], rows, width=100))
    out += ["", "Unanswered objections (attacks nobody has answered):"]
    if a.unanswered:
        out.append(table(["objection", "kind", "target", "by"], [[u, k, v, _who(G.nodes[u])] for u, v, k in a.unanswered],
                         width=100, fold=True))
    else:
        out.append("  none")
    out += ["", "Cruxes (nodes whose status change would flip the most others):"]
    if a.cruxes:
        out.append(table(["node", "status", "flips"], [[n, a.status[n], c] for n, c in a.cruxes], width=100))
    else:
        out.append("  none")
    if a.questions:
        out += ["", "Questions:"]
        rows = []
        for q, asker, answers in a.questions:
            got = "; ".join(f"{x} ({h})" for x, h in answers) or "UNANSWERED"
            rows.append([q, asker, got])
        out.append(table(["question", "asked by", "answered by"], rows, width=100))
    if a.critical_questions:
        out += ["", "Critical questions (of the scheme each argument names; a reply with `cq:` raises one):"]
        rows = [[n, c, "; ".join(f"{b} ({k})" for b, k in by) or "OPEN"] for n, _, c, _, by in a.critical_questions]
        out.append(table(["argument", "question", "raised by"], rows, width=100))
    if a.concessions:
        out += ["", "Concessions (who grants what to whom):"]
        out.append(table(["node", "concedes", "who"], [[n, t, f"{h} grants {th}"] for h, n, t, th in a.concessions],
                         width=100, fold=True))
        tally = Counter(h for h, *_ in a.concessions)
        out.append("  per author: " + ", ".join(f"{h} {c}" for h, c in sorted(tally.items())))
    if a.relation_attacks:
        out += ["", "Objections to relations (attacks on a link, AFRA):"]
        out.append(table(["by", "kind", "relation"],
                         [[b, k, r if address_depth(r) < 2 else f"{r} ({describe(r)})"] for b, k, r in a.relation_attacks],
                         width=100))
    if a.inferred_relations:
        out += ["", "Inferred relations (made by the mapper, not an author)"
                + (": left out of this evaluation" if not a.inferred else "") + ":"]
        out.append(table(["from", "kind", "to"], [list(r) for r in a.inferred_relations], width=100))
    if a.steelmen:
        out += ["", "Steelmen (offered without being held; counted for nobody):"]
        out.append(table(["node", "written by", "offered for"], [list(r) for r in a.steelmen], width=100))
    out += [""] + textwrap.wrap("Per author (nodes by holder: held_by, else by; relations by the writer, by; "
                                + ", ".join(f"{_MARK[k]} {k}" for k in RELATION_KINDS) + "):", 100, subsequent_indent="  ")
    keys = ("nodes", "IN", "OUT", "UNDEC") + RELATION_KINDS
    heads = ["nodes", "IN", "OUT", "UNDEC"] + [_MARK[k] for k in RELATION_KINDS]
    out.append(table(["author"] + heads, [[_short(who, 28)] + [t.get(k, 0) for k in keys] for who, t in a.authors.items()]))
    out += ["", "Who answers whom (from the writer of a reply to the holder of what it answers):"]
    if a.answers:
        out.append(table(["from", "kind", "to", "count"], [[x, k, y, c] for x, y, k, c in a.answers], width=100))
    else:
        out.append("  nobody answers anybody else")
    return "\n".join(out)


def _who(d) -> str:
    """Whose view a node is, for tables: the holder, with the writer when they differ."""
    if d.get("stance") == "steelman":
        return f"(steelman by {d.get('by') or '?'})"
    holder = d.get("held_by") or d.get("by") or ""
    if d.get("held_by") and d.get("by") and d["held_by"] != d["by"]:
        return f"{holder} (per {d['by']})"
    return holder


def thread_report(m, G) -> str:
    """A map's exchange in order: each source after the one it replies to, with its nodes and what they answer."""
    sources = m.sources
    children: dict[str | None, list[str]] = {}
    for sid, src in sources.items():
        parent = src.replies_to if src.replies_to in sources else None
        children.setdefault(parent, []).append(sid)

    def key(sid):
        src = sources[sid]
        return (src.order if src.order is not None else 10**9, src.date or "", sid)

    order: list[tuple[str, int]] = []
    seen: set[str] = set()

    def walk(sid, depth):
        if sid in seen:
            return
        seen.add(sid)
        order.append((sid, depth))
        for c in sorted(children.get(sid, []), key=key):
            walk(c, depth + 1)

    for root in sorted(children.get(None, []), key=key):
        walk(root, 0)
    for sid in sorted(sources, key=key):  # a cycle (`check` reports it): still listed
        walk(sid, 0)
    by_source: dict[str | None, list] = {}
    for n in m.nodes:  # a node is told under every source it cites, its own and its wordings'
        for sid in n.cited_sources or (None,):
            by_source.setdefault(sid, []).append(n)
    lines = [f"Thread of map {m.name}" + (f": {m.title}" if m.title else ""), ""]
    for i, (sid, depth) in enumerate(order, 1):
        src = sources[sid]
        pad = ""  # flat: the order and "replying to" say who answers whom
        what = ", ".join(x for x in (src.author, src.date) if x)
        reply = f", replying to {src.replies_to}" if src.replies_to else ""
        lines.append(f"{pad}{i}. {sid}" + (f" ({what}{reply})" if what or reply else "")
                     + (f": {src.title}" if src.title else ""))
        nodes = by_source.get(sid, [])
        if not nodes:
            lines.append(f"{pad}   (no node cites it)")
        for n in nodes:
            label = n.title or _short(n.text, 70)
            if n.source is not None and sid != n.source:  # said here again in other words: the wording only
                w = next(w for w in n.wordings if w.source == sid)
                lines.append(f"{pad}   - {n.id}: {_short(w.text, 70)}" + (f" ({w.by})" if w.by else "")
                             + " [a further wording]")
                continue
            lines.append(f"{pad}   - {n.id}: {label}" + (f" [{_STANCE_WORD.get(n.stance)}]" if n.stance != "own" else ""))
            for rel in n.relations:
                tgt = rel.target
                if tgt in G:
                    holder = G.nodes[tgt].get("holder") or G.nodes[tgt].get("by") or ""
                    tgt = f"{tgt}" + (f" ({holder})" if holder else "")
                lines.append(f"{pad}       {_MARK.get(rel.kind, '?')} {rel.kind} {tgt}" + (" [inferred]" if rel.inferred else ""))
    rest = by_source.get(None, [])
    if rest:
        lines += ["", "Nodes citing no source:"] + [f"   - {n.id}" for n in rest]
    return "\n".join(terminal(line) for line in lines)
