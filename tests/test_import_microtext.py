"""arg-microtext XML from the shared corpus: node and relation counts from the XML itself."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from argmap.importers import import_files, read_file
from argmap.importers.microtext import read

from importhelp import CORPUS, check_written, needs_corpus, relation_count, rels

ALL = sorted(CORPUS.glob("microtext/peldszus-arg-microtexts/corpus/en/*.xml")) + sorted(
    CORPUS.glob("microtext/discourse-lab-arg-microtexts-part2/corpus/*.xml")
)
SAMPLE = ALL[::8]  # 36 files from both corpora, spread over them


def _expected(path):
    """(nodes, relations) from the XML: an ADU each plus a node per linked edge; a relation per
    sup/exa/reb/und edge plus a premise link per premise of each linked edge."""
    root = ET.parse(path).getroot()
    edges = list(root.iter("edge"))
    linked = {e.get("trg") for e in edges if e.get("type") == "add"}
    adds = sum(1 for e in edges if e.get("type") == "add")
    rel = sum(1 for e in edges if e.get("type") in ("sup", "exa", "reb", "und"))
    return len(list(root.iter("adu"))) + len(linked), rel + adds + len(linked)


@needs_corpus
def test_sample_is_large_enough():
    assert len(SAMPLE) >= 25


@needs_corpus
@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.stem)
def test_microtext_imports_with_the_counts_of_the_xml_and_checks_clean(path, tmp_path):
    m = read_file(path)
    nodes, relations = _expected(path)
    assert len(m.map.nodes) == nodes
    assert relation_count(m.map) == relations
    assert {w.code for w in m.warnings} <= {"microtext-linked-attack"}
    texts, _ = import_files([path])
    check_written(tmp_path / "m", texts)


@needs_corpus
def test_every_microtext_file_imports_with_matching_counts():
    for path in ALL:
        m = read_file(path)
        assert (len(m.map.nodes), relation_count(m.map)) == _expected(path), path.name


def _edge_depth(edges: dict, eid: str) -> int:
    """How many edges deep an edge points: 0 at an ADU, 1 at an edge between ADUs, ..."""
    trg = edges[eid].get("trg")
    return 0 if trg not in edges else 1 + _edge_depth(edges, trg)


@needs_corpus
def test_undercuts_of_undercuts_import_as_they_are():
    """Every und/reb edge aimed at an edge that is itself aimed at an edge becomes a relation on that
    relation (a nested address as deep as the XML's), with no warning: 18 in the two corpora."""
    every = ALL + sorted(CORPUS.glob("microtext/peldszus-arg-microtexts/corpus/de/*.xml"))
    expected, found = {}, {}
    for path in every:
        edges = {e.get("id"): e for e in ET.parse(path).getroot().iter("edge")}
        for eid, e in edges.items():
            if e.get("type") in ("und", "reb") and _edge_depth(edges, eid) >= 2:
                expected.setdefault(str(path.relative_to(CORPUS)), []).append(_edge_depth(edges, eid))
        m = read_file(path)
        assert "microtext-nested-undercut" not in {w.code for w in m.warnings}
        deep = sorted(r.target.count("->") for n in m.map.nodes for r in n.relations if r.target.count("->") >= 2)
        if deep:
            found[str(path.relative_to(CORPUS))] = deep
    assert {k: sorted(v) for k, v in expected.items()} == found
    assert sum(map(len, found.values())) == 18 and max(max(v) for v in found.values()) == 3


def test_an_undercut_of_an_undercut_of_an_undercut_is_evaluated_by_afra():
    """a2 supports a1; a3 undercuts that; a4 undercuts a3's undercut; a5 undercuts a4's. Names: a3->a2->a1
    is a4's target, a4->a3->a2->a1 is a5's. A support makes no Dung attack, so the undercut chain decides
    no node status; the chain is there, at its depth, for AFRA and for the gradual strength of a1."""
    from argmap.frameworks import gradual_strengths
    from argmap.graph import build
    from argmap.importers import read_string
    from argmap.model import Project

    adus = "".join(f'<edu id="e{i}">T{i}.</edu><adu id="a{i}" type="pro"/><edge id="s{i}" src="e{i}" trg="a{i}" type="seg"/>'
                   for i in range(1, 6))
    xml = (f'<arggraph id="t">{adus}<edge id="c1" src="a2" trg="a1" type="sup"/><edge id="c2" src="a3" trg="c1" type="und"/>'
           '<edge id="c3" src="a4" trg="c2" type="und"/><edge id="c4" src="a5" trg="c3" type="und"/></arggraph>')
    im = read_string(xml, "t.xml", "microtext")
    assert im.warnings == ()
    ids = {n.text: n.id for n in im.map.nodes}
    a = [None] + [ids[f"T{i}."] for i in range(1, 6)]
    assert [(r.kind, r.target) for n in im.map.nodes for r in n.relations] == [
        ("supports", a[1]), ("undercuts", f"{a[2]}->{a[1]}"), ("undercuts", f"{a[3]}->{a[2]}->{a[1]}"),
        ("undercuts", f"{a[4]}->{a[3]}->{a[2]}->{a[1]}")]
    G = build(Project((im.map,)))
    full = gradual_strengths(G)[1][a[1]]
    without_a5 = gradual_strengths(build(Project((im.map.__class__(im.map.name, im.map.path, nodes=im.map.nodes[:-1]),))))[1][a[1]]
    # DF-QuAD: a5 weakens a4's undercut, so a3's undercut is stronger and a2's support weaker: a1 weaker with a5
    assert full < without_a5


@needs_corpus
def test_b001_undercut_with_added_premise():
    """micro_b001: a3 and a4 together undercut a1's rebuttal of a5 (und + add)."""
    path = CORPUS / "microtext/peldszus-arg-microtexts/corpus/en/micro_b001.xml"
    m = read(path.read_text(encoding="utf-8"), str(path))
    by_text = {n.text[:20]: n for n in m.nodes}
    a1 = by_text["Yes, it's annoying a"]
    a5 = by_text["We Berliners should "]
    a3, a4 = by_text["But still Germany pr"], by_text["and too many resourc"]
    assert ("attacks", a5.id) in [(r.kind, r.target) for r in a1.rels]
    arg = next(n for n in m.nodes if n.kind == "argument")
    assert [(r.kind, r.target) for r in arg.rels] == [("undercuts", f"{a1.id}->{a5.id}")]
    assert ("supports", arg.id) in [(r.kind, r.target) for r in a3.rels]
    assert ("supports", arg.id) in [(r.kind, r.target) for r in a4.rels]
    assert [w.code for w in m.warnings] == ["microtext-linked-attack"]
    assert m.warnings[0].loc.line == 20  # the line of edge c3, the one with the added premise
    assert a1.tags == ["opponent"] and a5.tags == ["proponent"]


def test_linked_support_becomes_an_argument_with_premises():
    xml = """<arggraph id="t1"><edu id="e1">A.</edu><edu id="e2">B.</edu><edu id="e3">C.</edu>
    <adu id="a1" type="pro"/><adu id="a2" type="pro"/><adu id="a3" type="pro"/>
    <edge id="c1" src="e1" trg="a1" type="seg"/><edge id="c2" src="e2" trg="a2" type="seg"/><edge id="c3" src="e3" trg="a3" type="seg"/>
    <edge id="c4" src="a2" trg="a1" type="sup"/><edge id="c5" src="a3" trg="c4" type="add"/></arggraph>"""
    m = read(xml, "t1.xml")
    arg = m.nodes[-1]
    assert arg.kind == "argument" and arg.premises == [m.nodes[1].id, m.nodes[2].id]
    assert [(r.kind, r.target) for r in arg.rels] == [("supports", m.nodes[0].id)]
    assert m.warnings == []


def test_bad_xml_is_a_located_error():
    from argmap.diagnostics import InvalidInputError

    with pytest.raises(InvalidInputError) as exc:
        read("<arggraph id='x'>\n<edu id='e1'>A</edu\n", "bad.xml")
    assert str(exc.value.diagnostics[0]).startswith("bad.xml:2:15: error[bad-xml]: not well-formed XML: unclosed token")
    assert "error[bad-xml]" in str(exc.value.diagnostics[0])


# Defects found by QA.


def test_microtext_edge_from_an_adu_to_itself_is_left_out_with_a_warning(tmp_path):
    # the map had `attacks: [one]` on node 'one', so the import failed its own `argmap check`
    from argmap.importers.microtext import read as read_microtext

    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<arggraph id="x">\n'
           '  <edu id="e1">One.</edu>\n  <edu id="e2">Two.</edu>\n'
           '  <adu id="a1" type="pro"/>\n  <adu id="a2" type="opp"/>\n'
           '  <edge id="c1" src="e1" trg="a1" type="seg"/>\n  <edge id="c2" src="e2" trg="a2" type="seg"/>\n'
           '  <edge id="c3" src="a2" trg="a1" type="reb"/>\n  <edge id="c4" src="a1" trg="a1" type="reb"/>\n'
           '  <edge id="c5" src="a1" trg="c3" type="und"/>\n</arggraph>\n')
    m = read_microtext(xml, "self.xml")
    assert rels(m) == [("two", "attacks", "one")]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("microtext-self", 10), ("microtext-self", 11)]


def test_an_edge_aimed_at_nothing_is_warned_not_a_crash():
    """Found by tests/test_import_fuzz.py: a sup edge whose target is neither an ADU nor an edge."""
    from argmap.importers import read_string

    xml = ('<arggraph id="t"><edu id="e1">A.</edu><adu id="a1" type="pro"/><edge id="s1" src="e1" trg="a1" type="seg"/>'
           '<edge id="c1" src="a1" trg="c2" type="sup"/></arggraph>')
    im = read_string(xml, "t.xml", "microtext")
    assert [w.code for w in im.warnings] == ["microtext-dangling"] and relation_count(im.map) == 0
