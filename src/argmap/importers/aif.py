"""AIF-JSON (AIFdb corpora) → an imported map.

- I-nodes (propositions) → claims, in the file's order.
- RA (inference): one premise → the premise ``supports`` the conclusion; several
  premises → an ``argument`` node with ``premises`` that ``supports`` the conclusion
  (its text names the scheme, e.g. "Default Inference").  An RA whose scheme is one of
  argmap's catalogue (AIFdb's "Analogy", "CauseToEffect", "ExpertOpinion"...) gives the
  premise (or the argument node) that ``scheme:`` (:mod:`argmap.schemes`).
- CA (conflict) → ``attacks`` from each conflicting I-node; a CA aimed at an RA
  is an undercut: of the argument node, or of the relation ``SRC->TGT`` when the RA
  had one premise.  A CA aimed at a CA attacks the relation that CA is, at any
  depth (``x->c->a->b`` when it answers ``c``'s undercut of ``a->b``: argmap.address).
- MA (rephrase) → one claim with several wordings: the rephrased I-node keeps its text,
  each rephrasing becomes one of its ``wordings`` (with its speaker as ``by``, its source
  and quote), and its relations are the claim's.  An MA between a question's content and
  an assertion (IAT's answer) stays a note with a warning; argmap's own ``concedes`` and
  ``answers`` (an MA naming its relation in the ``argmap`` object) are those relations.
- L-nodes (locutions) anchored to an I-node by a YA → ``by`` (the speaker before
  ``:``), and one ``source`` per speaker; TA (dialogue transitions) and the YA
  illocutions themselves are not carried: one warning per file counts them.

xAIF (``{"AIF": {...}}``) is read the same way.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..address import MAX_DEPTH as MAX_ADDRESS_DEPTH, depth
from ..model import Location
from ..schemes import scheme_for_name
from . import read_error
from ._common import IdMaker, Draft, DraftNode, DraftRel, map_name

__all__ = ["read", "sniff", "SUFFIXES"]

SUFFIXES = (".json",)


def sniff(head: str) -> bool:
    h = head.lstrip()
    return h.startswith("{") and '"nodes"' in head and ('"nodeID"' in head or '"AIF"' in head)


def read(text: str, origin: str, ids: IdMaker | None = None) -> Draft:
    ids = ids or IdMaker()
    long_numbers: list[str] = []
    try:
        data = json.loads(text, parse_int=lambda digits: _whole_number(digits, long_numbers))
    except json.JSONDecodeError as exc:
        raise read_error("bad-json", origin, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        line, col = _too_deep_at(text)
        raise read_error("too-deep", origin, f"JSON nested more than {MAX_JSON_DEPTH} levels deep; not read", line, col,
                         hint="AIF-JSON needs three levels: the file, its lists, their objects") from None
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list) or not isinstance(data.get("edges"), list):
        raise read_error("not-aif", origin, "an AIF-JSON file needs `nodes` and `edges` lists", hint="is this AIF-JSON?")
    lines = _line_finder(text)
    path = Path(origin)
    m = Draft(map_name(path.stem), "aif", origin)
    if long_numbers:
        at = re.search(r"-?\d{%d,}" % (MAX_DIGITS + 1), text)
        line = text.count("\n", 0, at.start()) + 1 if at else None
        col = at.start() - text.rfind("\n", 0, at.start()) if at else 1
        m.warn("aif-long-number", f"{len(long_numbers)} number(s) of more than {MAX_DIGITS} digits (the first has "
               f"{len(long_numbers[0]):,}) are read as text", line, col)
    txt = path.with_suffix(".txt")
    file_source = ids.make(f"aif {path.stem}")
    m.sources[file_source] = {"title": f"AIF {path.stem}", "file": txt.name if txt.exists() else path.name}

    nodes: dict[str, dict] = {}
    for raw in data["nodes"]:
        if not isinstance(raw, dict) or "nodeID" not in raw:
            m.warn("aif-bad-node", f"a node without nodeID is left out: {str(raw)[:60]}")
            continue
        if str(raw["nodeID"]) in nodes:  # which one the edges mean cannot be known: the first is kept, and said
            m.warn("aif-duplicate-node", f"nodeID {raw['nodeID']} is used twice; the second node "
                   f"({str(raw.get('text', ''))[:40]!r}) is left out", lines(str(raw["nodeID"])))
            continue
        nodes[str(raw["nodeID"])] = raw
    into: dict[str, list[str]] = {k: [] for k in nodes}
    out: dict[str, list[str]] = {k: [] for k in nodes}
    for e in data["edges"]:
        if not isinstance(e, dict):
            m.warn("aif-bad-edge", f"an edge that is not an object is left out: {str(e)[:60]}")
            continue
        a, b = str(e.get("fromID")), str(e.get("toID"))
        if a not in nodes or b not in nodes:
            m.warn("aif-dangling-edge", f"edge {e.get('edgeID')} joins {a} to {b}, and one of them is not a node; left out",
                   lines(str(e.get("edgeID")), "edgeID"))
            continue
        out[a].append(b)
        into[b].append(a)

    def typ(n: str) -> str:
        return str(nodes[n].get("type", ""))

    top = data.get("argmap") if isinstance(data.get("argmap"), dict) else {}  # written by argmap's AIF export
    if isinstance(top.get("map"), str):
        m.name = map_name(top["map"])
    if isinstance(top.get("title"), str):
        m.title = top["title"]
    if isinstance(top.get("description"), str):
        m.description = top["description"]
    if isinstance(top.get("thesis"), str):
        m.thesis = top["thesis"]
    if isinstance(top.get("sources"), dict):
        for sid, src in top["sources"].items():
            if isinstance(src, dict):
                m.sources[str(sid)] = {k: (v if isinstance(v, int) and not isinstance(v, bool) else str(v))
                                       for k, v in src.items() if k in _SOURCE_KEYS}

    def meta(n: str) -> dict:
        value = nodes[n].get("argmap")
        return value if isinstance(value, dict) else {}

    preferred: dict[str, str] = {}
    for nid in nodes:
        wanted = meta(nid).get("id") if typ(nid) == "I" else None
        if isinstance(wanted, str) and _ID.match(wanted):
            if meta(nid).get("ghost") and wanted in ids.taken:  # a node of another map of the folder: named as it is there
                preferred[nid] = wanted
            elif ids.reserve(wanted):
                preferred[nid] = wanted
            else:
                m.warn("aif-id-taken", f"id '{wanted}' of I-node {nid} is already used; a new id is made", lines(nid))
        elif wanted is not None:
            m.warn("aif-bad-id", f"id {str(wanted)[:40]!r} of I-node {nid} is not an id (a-z, 0-9, '-', at most 100); "
                   "a new id is made", lines(nid))

    said = {n: meta(n)["by"] for n in nodes if typ(n) == "I" and isinstance(meta(n).get("by"), str)}
    speakers, carried = _speakers(nodes, into, out, typ, said)
    items: dict[str, DraftNode] = {}
    by_id: dict[str, DraftNode] = {}
    speaker_sources: dict[str, str] = {}
    for nid, raw in nodes.items():
        if typ(nid) != "I":
            continue
        words = " ".join(str(raw.get("text", "")).split())
        if not words:
            m.warn("aif-empty-node", f"I-node {nid} has no text; its text says so", lines(nid))
            words = f"(I-node {nid} has no text)"
        item = DraftNode(preferred.get(nid) or ids.make(words), words, loc=Location(origin, lines(nid), 1))
        by_id[item.id] = item
        info = meta(nid)
        if info:
            for key in ("title", "scheme", "held_by", "stance", "source", "quote", "note"):
                if isinstance(info.get(key), str):
                    setattr(item, key, info[key])
            if isinstance(info.get("weight"), (int, float)) and not isinstance(info.get("weight"), bool):
                item.weight = info["weight"]
            if info.get("kind") in ("argument", "question"):
                item.kind = info["kind"]
            if isinstance(info.get("tags"), list):
                item.tags = [str(t) for t in info["tags"]]
            item.by = info["by"] if isinstance(info.get("by"), str) else None if "wording_of" in info else speakers.get(nid)
            items[nid] = item
            if not info.get("ghost"):  # a node of another map: relations may point at it, it stays there
                m.nodes.append(item)
            continue
        who = speakers.get(nid)
        if who:
            item.by = who
            if who not in speaker_sources:
                sid = speaker_sources[who] = ids.make(f"{path.stem} {who}")
                m.sources[sid] = {"title": f"AIF {path.stem}: {who}", "author": who,
                                  "file": txt.name if txt.exists() else path.name}
            item.source = speaker_sources[who]
        else:
            item.source = file_source
        items[nid] = item
        m.nodes.append(item)
    if len(m.sources) > 1 and not any(it.source == file_source for it in items.values()):
        del m.sources[file_source]
    wording_mas = _merge_rephrasings(m, nodes, into, out, typ, meta, items)

    arguments: dict[str, DraftNode] = {}  # RA id → argument node (several premises)
    single: dict[str, str] = {}  # RA id → "SRC->TGT" of its one support
    ras = [n for n in nodes if typ(n) == "RA"]
    for ra in ras:
        premises = [p for p in into[ra] if p in items]
        targets = [t for t in out[ra] if t in items]
        others = [x for x in into[ra] + out[ra] if x not in items and typ(x) not in ("YA", "TA", "L", "CA")]
        if others:
            m.warn("aif-scheme-link", f"RA {ra} is linked to scheme node(s) {', '.join(others)} ({', '.join(typ(x) for x in others)}); "
                   "argmap relations join claims, so those links are left out", lines(ra))
        if not premises or len(targets) != 1:
            m.warn("aif-incomplete-ra", f"RA {ra} has {len(premises)} premise(s) and {len(targets)} conclusion(s); "
                   "an inference needs at least one and exactly one: left out", lines(ra))
            continue
        conclusion = items[targets[0]]
        scheme = str(nodes[ra].get("scheme") or nodes[ra].get("text") or "Inference")
        own = by_id.get(str(meta(ra).get("argument")))
        if own is not None and meta(ra).get("relation") == "premises":  # argmap's argument with premises
            own.premises = [items[p].id for p in premises]
            _details(own.relate("supports", conclusion.id), meta(ra))
            arguments[ra] = own
            continue
        named = scheme_for_name(scheme)  # AIFdb's "Analogy", "CauseToEffect"...: a scheme of argmap's catalogue
        if len(premises) == 1:
            if named is not None and items[premises[0]].scheme is None:
                items[premises[0]].scheme = named.name
            _details(items[premises[0]].relate("supports", conclusion.id), meta(ra))
            single[ra] = f"{items[premises[0]].id}->{conclusion.id}"
            continue
        arg = DraftNode(ids.make(f"{scheme} for {conclusion.text}"), f"{scheme}: {' + '.join(items[p].text for p in premises)}",
                   kind="argument", source=conclusion.source, by=conclusion.by, loc=Location(origin, lines(ra), 1))
        arg.premises = [items[p].id for p in premises]
        arg.scheme = named.name if named is not None else None
        arg.relate("supports", conclusion.id)
        arguments[ra] = arg
        m.nodes.append(arg)

    cas = [n for n in nodes if typ(n) == "CA"]
    addressed: dict[str, str | None] = {}  # CA id → its relation's address (argmap.address), when it has one attacker

    def target_of(t: str) -> str | None:
        """What a CA aimed at ``t`` targets: a node id, or the address of the relation ``t`` stands for."""
        if t in items:
            return items[t].id
        if t in arguments:
            return arguments[t].id
        if t in single:
            return single[t]
        if typ(t) == "CA":  # a conflict on a conflict: the relation that CA is, at any depth
            return address_of(t)
        return None

    def address_of(ca: str) -> str | None:
        """The address of the relation CA ``ca`` stands for (one attacker, one target), or None: read down
        its chain of conflicts in a loop (no recursion, however long), each address kept, none deeper
        than argmap reads (argmap.address.MAX_DEPTH), a cycle of conflicts naming nothing."""
        chain: list[tuple[str, str]] = []
        on_chain: set[str] = set()
        t, inner = ca, None
        while True:
            if t in addressed:
                inner = addressed[t]
                break
            if typ(t) != "CA":
                inner = target_of(t)
                break
            if t in on_chain:
                break
            attackers = [p for p in into[t] if p in items]
            targets = [x for x in out[t] if typ(x) in ("I", "RA", "CA")]
            if len(attackers) != 1 or len(targets) != 1:
                addressed[t] = None
                break
            chain.append((t, attackers[0]))
            on_chain.add(t)
            t = targets[0]
        for c, a in reversed(chain):
            inner = None if inner is None or depth(inner) >= MAX_ADDRESS_DEPTH else f"{items[a].id}->{inner}"
            addressed[c] = inner
        return addressed[ca] if chain else inner

    for ca in cas:
        attackers = [p for p in into[ca] if p in items]
        targets = [t for t in out[ca] if typ(t) in ("I", "RA", "CA")]
        if not attackers or len(targets) != 1:
            m.warn("aif-incomplete-ca", f"CA {ca} has {len(attackers)} attacker(s) and {len(targets)} target(s); left out", lines(ca))
            continue
        if len(attackers) > 1:
            m.warn("aif-linked-ca", f"CA {ca} has {len(attackers)} conflicting claims together; each attacks on its own", lines(ca))
        t = targets[0]
        info = meta(ca)
        if info.get("relation") in ("attacks", "undercuts", "contradicts") and info.get("from") in by_id and (
            info.get("to") in by_id or "->" in str(info.get("to"))
        ):  # argmap's own export says which relation this is
            edge = info.get("edge")  # which relation, where the address names several: a kind, or a list of kinds
            edge = tuple(map(str, edge)) if isinstance(edge, list) else str(edge) if edge else None
            rel = by_id[info["from"]].relate(info["relation"], str(info["to"]), relation=edge)
            _details(rel, info)
            continue
        if info.get("relation") == "contradicts-back":
            continue  # the other CA of the pair says it
        for a in attackers:
            if t in items:
                rel = items[a].relate("attacks", items[t].id)
            elif t in arguments:
                rel = items[a].relate("undercuts", arguments[t].id)
            elif t in single:
                rel = items[a].relate("undercuts", single[t])
            elif typ(t) == "CA" and target_of(t) is not None:
                rel = items[a].relate("attacks", target_of(t))
            elif typ(t) == "CA" and _chain_depth(t, out, typ) > MAX_ADDRESS_DEPTH:
                m.warn("aif-too-deep", f"CA {ca} answers a chain of more than {MAX_ADDRESS_DEPTH} conflicts on conflicts; argmap names "
                       f"relations at most {MAX_ADDRESS_DEPTH} deep, so it is left out", lines(ca))
                continue
            else:
                m.warn("aif-ca-on-dropped", f"CA {ca} attacks {typ(t)} {t}, which argmap could not name; left out", lines(ca))
                continue
            if rel is None:
                m.warn("aif-repeated", f"CA {ca} repeats an attack already read", lines(ca))

    for ma in (n for n in nodes if typ(n) == "MA" and n not in wording_mas):
        srcs = [p for p in into[ma] if p in items]
        tgts = [t for t in out[ma] if t in items]
        if len(srcs) != 1 or len(tgts) != 1:
            m.warn("aif-incomplete-ma", f"MA {ma} does not join one claim to one claim; left out", lines(ma))
            continue
        a, b = items[srcs[0]], items[tgts[0]]
        info = meta(ma)
        if isinstance(info.get("relation"), str) and info.get("from") == a.id and info.get("to") == b.id:
            _details(a.relate(info["relation"], b.id), info)  # concedes, answers...: argmap's own, kept by its export
            continue
        a.note = (a.note + " " if a.note else "") + f"Rephrases {b.id} (AIF MA {ma})."
        m.warn("aif-rephrase", f"MA {ma}: '{a.id}' rephrases the content of question '{b.id}' (IAT's answer to it), or "
               f"the other way round; argmap reads a question from AIF as a claim, so it is a note", lines(ma))

    counts = {}
    for n in nodes:
        if typ(n) in ("TA", "YA", "L", "PA") and n not in carried:
            counts[typ(n)] = counts.get(typ(n), 0) + 1
    if counts:
        what = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
        m.warn("aif-dialogue", f"dialogue nodes not carried ({what}): argmap keeps who said what (`by`, `source`), "
               "not transitions between locutions or illocutions other than asserting")
    unknown = sorted({typ(n) for n in nodes} - {"I", "RA", "CA", "MA", "TA", "YA", "L", "PA"})
    if unknown:
        m.warn("aif-unknown-type", f"node types {', '.join(unknown)} are not read")
    return m


def _merge_rephrasings(m: Draft, nodes, into, out, typ, meta, items: dict[str, DraftNode]) -> set[str]:
    """Claims an MA ("Default Rephrase") says are one, as one node with several wordings; the MA nodes read.

    ``a -> MA -> b``: ``a`` rephrases ``b``, so ``b`` (the end of a chain of rephrasings) keeps its
    text and ``a`` becomes one of its ``wordings`` (its text, speaker, source and quote), and every
    relation of ``a`` is ``b``'s.  Not a wording: an MA of argmap's own export that names a relation
    in its ``argmap`` object (``concedes``, ``answers``), and an MA between a question's content and
    an assertion (IAT's answer); those are read afterwards as before.
    """
    def asked(n: str) -> bool:
        return any(typ(y) == "YA" and "Questioning" in str(nodes[y].get("text", "")) for y in into[n])

    root: dict[str, str] = {}

    def find(n: str) -> str:
        while root.get(n, n) != n:
            n = root[n]
        return n

    used: set[str] = set()
    for ma in (n for n in nodes if typ(n) == "MA"):
        srcs = [p for p in into[ma] if p in items]
        tgts = [t for t in out[ma] if t in items]
        if isinstance(meta(ma).get("relation"), str) or len(srcs) != 1 or len(tgts) != 1 or asked(srcs[0]) != asked(tgts[0]):
            continue
        a, b = find(srcs[0]), find(tgts[0])
        used.add(ma)
        if a != b:
            root[a] = b
    merged = [n for n in items if find(n) != n]  # in the file's order: the wordings' order
    for n in merged:
        x, main = items[n], items[find(n)]
        wording = {k: v for k, v in (("text", x.text), ("by", x.by), ("source", x.source), ("quote", x.quote)) if v}
        same = {k: v for k, v in (("text", main.text), ("by", main.by), ("source", main.source), ("quote", main.quote)) if v}
        if wording != same and wording not in main.wordings:
            main.wordings.append(wording)
        main.tags.extend(t for t in x.tags if t not in main.tags)
    gone = {id(items[n]) for n in merged}  # by identity: two draft nodes may hold equal values
    m.nodes[:] = [x for x in m.nodes if id(x) not in gone]
    for n in merged:
        items[n] = items[find(n)]
    return used


#: Whole numbers longer than this are read as text (Python refuses to convert past 4,300 digits).
MAX_DIGITS = 100


#: Where :func:`_too_deep_at` says JSON became too deep (Python's parser stops near its recursion limit).
MAX_JSON_DEPTH = 500


def _chain_depth(ca: str, out, typ) -> int:
    """How many conflicts a chain of CAs aimed at CAs runs through from ``ca`` (counted up to the limit)."""
    seen, n = set(), 0
    while typ(ca) == "CA" and ca not in seen and n <= MAX_ADDRESS_DEPTH:
        seen.add(ca)
        n += 1
        targets = [t for t in out.get(ca, ()) if typ(t) in ("I", "RA", "CA")]
        if len(targets) != 1:
            break
        ca = targets[0]
    return n


def _too_deep_at(text: str) -> tuple[int, int]:
    """The line and column of the bracket that nests JSON deeper than :data:`MAX_JSON_DEPTH`."""
    depth, in_string, escaped = 0, False, False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line = text.count("\n", 0, i) + 1
                return line, i - text.rfind("\n", 0, i)
        elif ch in "]}":
            depth -= 1
    return 1, 1


def _whole_number(digits: str, long_numbers: list[str]):
    if len(digits) > MAX_DIGITS:
        long_numbers.append(digits)
        return digits
    return int(digits)


def _details(rel: DraftRel | None, info: dict) -> None:
    """``inferred``, ``note`` and ``cq`` of a relation, kept by argmap's AIF export."""
    if rel is not None:
        rel.inferred = info.get("inferred") is True
        if isinstance(info.get("note"), str):
            rel.note = info["note"]
        if isinstance(info.get("cq"), str):
            rel.cq = info["cq"]


_SOURCE_KEYS = ("title", "author", "date", "url", "file", "replies_to", "order")
_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$")
_SPEAKER = re.compile(r"^\s*([^:]{1,80}?)\s+:\s")


def _speakers(nodes, into, out, typ, said: dict[str, str]) -> tuple[dict[str, str], set[str]]:
    """I-node id → the speaker who asserted it (L --> YA --> I, speaker before ' : ' in the L text),
    and the L and YA nodes that said so (carried over as ``by``).  ``said``: the speakers argmap's
    own export named on the I-nodes (a name may hold a colon)."""
    carried: set[str] = set()
    found: dict[str, str] = {}
    for ya in (n for n in nodes if typ(n) == "YA"):
        ls = [x for x in into[ya] if typ(x) == "L"]
        targets = [x for x in out[ya] if typ(x) == "I"]
        for l in ls:
            text = str(nodes[l].get("text", ""))
            named = [said[t] for t in targets if t in said and text.startswith(f"{said[t]} : ")]
            hit = _SPEAKER.match(text)
            who = named[0] if named else hit.group(1).strip() if hit else None
            if who and targets:
                carried.update((l, ya))
                for t in targets:
                    found.setdefault(t, who)
    return found, carried


def _line_finder(text: str):
    where: dict[tuple[str, str], int] = {}
    for n, line in enumerate(text.splitlines(), 1):
        for found in re.finditer(r'"(nodeID|edgeID)"\s*:\s*"?([^",}\s]+)', line):
            where.setdefault((found.group(1), found.group(2)), n)
    return lambda ident, key="nodeID": where.get((key, ident), None)
