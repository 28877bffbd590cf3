"""Generated inputs for each importer, and the property every import must keep (issue 24).

Shared by tests/test_import_fuzz.py (a modest number of examples) and bench/fuzz_import.py
(thousands, with a table of outcomes).  :func:`check_import` runs the real `import_to`
into a real folder and returns the outcome; it raises ``AssertionError`` when the
property fails:

- no exception but a located :class:`~argmap.diagnostics.InvalidInputError` (or another
  one-line :class:`~argmap.diagnostics.ArgmapError`), and then nothing written;
- no node that is not in the input: the written map has exactly the nodes the reader
  read, with their words (a value cannot add a node or a key);
- every relation the reader read and the map does not hold has a warning, and so has every
  argument whose premises were cut short;
- what is written checks clean and is ``fmt --check`` clean.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from hypothesis import strategies as st

import argmap
from argmap.diagnostics import ArgmapError, InvalidInputError
from argmap.fmt import format_text
from argmap.fsutil import read_text
from argmap.importers import IMPORTERS, import_to
from argmap.importers._common import IdMaker

#: Pieces of text: YAML, Argdown, JSON and XML syntax, words YAML reads as bools, an injection attempt.
PIECES = list("abcXYZ 019-_.:#*[]<>{}()/\\\"'!?@+\n\t,|&%=") + [
    "yes", "no", "null", "~", "007", "1e3", ": ", " #", "- ", "---", "...", "&a", "*a", "!!python/object", "<!--", "-->",
    "/*", "*/", "//", "===", "\u2028", "\x85", "é", "\u202e", "\ufeff", "\x1b", "\x00", "[A]", "<B>", "(1) ",
    "\n  - id: injected-node\n    text: Injected.\n", "\nnodes:\n  - id: injected\n", "\\n- id: x",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=10).map("".join)
WORDS = st.lists(st.sampled_from(["alpha", "beta", "gamma", "delta", "yes", "no", "x"]), min_size=1, max_size=4).map(" ".join)
VALUE = st.one_of(TEXT, WORDS, st.integers(-3, 10**6), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
                  st.none(), st.lists(TEXT, max_size=3))
KINDS = ["supports", "attacks", "undercuts", "concedes", "answers", "contradicts", "premises", "contradicts-back", "bogus"]


@st.composite
def kialo(draw) -> str:
    lines = [f"Discussion Title: {draw(TEXT)}", ""] if draw(st.booleans()) else []
    numbers = ["1"]
    for _ in range(draw(st.integers(0, 10))):
        numbers.append(f"{draw(st.sampled_from(numbers))}.{draw(st.integers(1, 3))}")
    for number in numbers:
        stance = draw(st.sampled_from(["Pro: ", "Con: ", ""]))
        body = draw(st.one_of(TEXT, WORDS, st.sampled_from(numbers).map(lambda n: f"-> See {n}.")))
        lines.append(f"{number}. {stance}{body}")
        if draw(st.integers(0, 6)) == 0:
            lines.append(draw(TEXT))  # a line that is no claim
    return "\n".join(lines) + "\n"


@st.composite
def aif(draw) -> str:
    count = draw(st.integers(1, 7))
    ids = [str(i) for i in range(1, 30)]
    nodes, edges = [], []
    for i in range(count):
        node = {"nodeID": str(i + 1), "text": draw(st.one_of(WORDS, TEXT)), "type": "I"}
        if draw(st.booleans()):
            keys = draw(st.lists(st.sampled_from(["id", "title", "kind", "by", "held_by", "stance", "source", "quote",
                                                  "note", "weight", "tags", "ghost"]), max_size=5, unique=True))
            node["argmap"] = {k: draw(st.one_of(VALUE, WORDS.map(lambda w: w.replace(" ", "-")))) for k in keys}
        nodes.append(node)
    for j in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["RA", "CA", "MA", "L", "YA", "TA", "PA", "XX"]))
        node = {"nodeID": str(count + j + 1), "text": draw(st.one_of(WORDS, TEXT)), "type": kind}
        if draw(st.booleans()):
            node["argmap"] = {"relation": draw(st.sampled_from(KINDS)), "from": draw(st.one_of(WORDS, TEXT)),
                              "to": draw(st.one_of(WORDS, TEXT)), "edge": draw(TEXT), "note": draw(VALUE),
                              "inferred": draw(VALUE), "argument": draw(WORDS)}
        nodes.append(node)
    for k in range(draw(st.integers(0, 12))):
        edges.append({"edgeID": str(100 + k), "fromID": draw(st.sampled_from(ids)), "toID": draw(st.sampled_from(ids))})
    data: dict = {"nodes": nodes, "edges": edges}
    if draw(st.booleans()):
        data["argmap"] = {"map": draw(st.one_of(WORDS, TEXT)), "title": draw(VALUE), "description": draw(VALUE),
                          "sources": draw(st.dictionaries(st.one_of(WORDS, TEXT), st.dictionaries(
                              st.sampled_from(["title", "author", "date", "url", "file", "replies_to", "order"]), VALUE,
                              max_size=4), max_size=3))}
    return json.dumps(data, allow_nan=True, ensure_ascii=draw(st.booleans()))


@st.composite
def argdown(draw) -> str:
    lines = []
    if draw(st.booleans()):
        front = {"title": draw(VALUE), "author": draw(VALUE)}
        if draw(st.booleans()):
            front["argmap"] = {"map": draw(WORDS), "sources": draw(st.dictionaries(
                st.one_of(WORDS, TEXT), st.dictionaries(st.sampled_from(["title", "author", "url", "order", "replies_to"]),
                                                        VALUE, max_size=3), max_size=2))}
        lines += ["===", json.dumps(front), "===", ""]
    titles = draw(st.lists(WORDS, min_size=1, max_size=6))
    for _ in range(draw(st.integers(1, 12))):
        shape = draw(st.integers(0, 7))
        title = draw(st.sampled_from(titles))
        data = ""
        if draw(st.integers(0, 3)) == 0:
            data = " " + json.dumps(draw(st.dictionaries(st.sampled_from(["id", "by", "source", "stance", "weight", "kind",
                                                                          "title", "relations", "links", "ghost"]),
                                                         VALUE, max_size=3)))
        if shape == 0:
            lines.append(f"[{title}]: {draw(TEXT)}{data}")
        elif shape == 1:
            lines.append(f"<{title}>: {draw(TEXT)}{data}")
        elif shape == 2:
            lines.append(f"  {draw(st.sampled_from(['+', '-', '_', '<+', '<-', '+>', '->', '><']))} [{title}]{data}")
        elif shape == 3:
            lines += [f"<{title}>", "", f"(1) [{draw(st.sampled_from(titles))}]", f"(2) {draw(TEXT)}", "----",
                      f"(3) [{draw(st.sampled_from(titles))}]"]
        elif shape == 4:
            lines.append(f"# {draw(TEXT)}")
        else:
            lines.append(draw(TEXT))
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + "\n"


@st.composite
def microtext(draw) -> str:
    count = draw(st.integers(1, 6))
    parts = [f'<?xml version="1.0"?>\n<arggraph id={quoteattr(draw(WORDS))}>']
    names = [f"a{i}" for i in range(1, count + 1)] + ["c1", "c2", "c3", "zz"]
    for i in range(1, count + 1):
        parts.append(f'<edu id="e{i}">{escape(draw(TEXT).replace(chr(0), ""))}</edu>')
    for i in range(1, count + 1):
        parts.append(f'<adu id="a{i}" type="{draw(st.sampled_from(["pro", "opp", "x"]))}"/>')
    for i in range(1, count + 1):
        parts.append(f'<edge id="s{i}" src="e{i}" trg="a{draw(st.integers(1, count))}" type="seg"/>')
    for k in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["sup", "exa", "reb", "und", "add", "zzz"]))
        parts.append(f'<edge id="c{k + 1}" src="{draw(st.sampled_from(names))}" trg="{draw(st.sampled_from(names))}" type="{kind}"/>')
    parts.append("</arggraph>")
    return "\n".join(parts) + "\n"


STRATEGIES = {"argdown": argdown(), "kialo": kialo(), "aif": aif(), "microtext": microtext()}
SUFFIX = {"argdown": ".argdown", "kialo": ".txt", "aif": ".json", "microtext": ".xml"}


def check_import(fmt: str, text: str, folder: Path) -> str:
    """Import ``text`` (format ``fmt``) into ``folder``; the outcome, or ``AssertionError`` when the property fails.

    Outcomes: ``refused`` (a located error, nothing written), ``clean`` (imported, no
    warning), ``warned`` (imported with warnings).
    """
    folder.mkdir(parents=True, exist_ok=True)
    src = folder / f"input{SUFFIX[fmt]}"
    src.write_text(text, encoding="utf-8", errors="surrogatepass")
    out = folder / "arguments" / "imported.yaml"
    try:
        written, warnings = import_to([src], out, fmt)
    except InvalidInputError as exc:
        assert exc.diagnostics and all(d.loc is not None for d in exc.diagnostics if d.is_error), exc.diagnostics
        assert not out.exists()
        return "refused"
    except ArgmapError as exc:
        assert "\n" not in str(exc) and not out.exists(), str(exc)
        return "refused"
    assert written == [out]
    decoded, _ = read_text(src)  # what import read (a byte-order mark dropped)
    draft = IMPORTERS[fmt].load().read(decoded, str(src), IdMaker())  # the same reading, for comparison
    project, diags = argmap.check(out)
    assert [str(d) for d in diags if d.is_error] == []
    (m,) = project.maps
    assert [n.text for n in m.nodes] == [" ".join(d.text.split()) or "(no text)" for d in draft.nodes]
    written_text = out.read_text(encoding="utf-8")
    assert format_text(written_text, file=str(out)) == written_text
    said = [w.message for w in warnings if w.code.startswith("import-")]
    read = sum(len(n.rels) for n in draft.nodes)
    kept = sum(len(n.relations) for n in m.nodes)
    assert read - kept <= sum("premise" not in w for w in said), (read, kept, said)  # one warning per relation
    for before, after in zip(draft.nodes, m.nodes):  # a premise list cut short: a warning naming the node
        if len(after.premises) < len(before.premises):
            assert any("premise" in w and f"'{after.id}'" in w for w in said), (after.id, said)
    return "warned" if warnings else "clean"
