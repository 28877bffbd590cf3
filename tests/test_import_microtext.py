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
    assert {w.code for w in m.warnings} <= {"microtext-linked-attack", "microtext-nested-undercut"}
    texts, _ = import_files([path])
    check_written(tmp_path / "m", texts)


@needs_corpus
def test_every_microtext_file_imports_with_matching_counts():
    for path in ALL:
        m = read_file(path)
        assert (len(m.map.nodes), relation_count(m.map)) == _expected(path), path.name


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
