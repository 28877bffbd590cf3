"""Argdown: the six example debates against Argdown's own JSON export of them, and the map made from them."""

from __future__ import annotations

import json

import pytest

from argmap.importers import import_files
from argmap.importers._common import IdMaker
from argmap.importers.argdown import parse, read, to_map

from importhelp import CORPUS, check_written, needs_corpus, rels

EXAMPLES = CORPUS / "argdown/arguebase-argdown-examples/argdown-examples"
NAMES = sorted(p.stem for p in (EXAMPLES / "format=argdown,lang=en").glob("*.argdown"))


def _load(name):
    text = (EXAMPLES / "format=argdown,lang=en" / f"{name}.argdown").read_text(encoding="utf-8")
    expected = json.loads((EXAMPLES / "format=argdown-json,lang=en" / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def _triples(expected):
    out = set()
    for r in expected["relations"]:
        a, b = r["from"], r["to"]
        if r["relationType"] in ("contrary", "contradictory") and b < a:
            a, b = b, a
        out.add((a, b, r["relationType"]))
    return out


@needs_corpus
def test_six_examples():
    assert len(NAMES) == 6


@needs_corpus
@pytest.mark.parametrize("name", NAMES)
def test_same_statements_arguments_and_relations_as_argdowns_json(name):
    text, expected = _load(name)
    doc = parse(text)
    assert set(doc.statements) == set(expected["statements"])
    assert set(doc.arguments) == set(expected["arguments"])
    assert doc.triples() == _triples(expected)
    assert doc.problems == []


@needs_corpus
@pytest.mark.parametrize("name", NAMES)
def test_equivalence_classes_have_the_same_members(name):
    text, expected = _load(name)
    doc = parse(text)
    for title, cls in expected["statements"].items():
        lines = sorted(m["startLine"] for m in cls["members"])
        assert sorted(m.line for m in doc.statements[title].members) == lines, title


@needs_corpus
@pytest.mark.parametrize("name", NAMES)
def test_premise_conclusion_structures_match(name):
    text, expected = _load(name)
    doc = parse(text)
    for title, arg in expected["arguments"].items():
        steps = doc.arguments[title].steps
        pcs = arg["pcs"]
        if not pcs:
            assert steps == [], title
            continue
        conclusions = [s.conclusion for s in steps]
        assert conclusions[-1:] == [m["title"] for m in pcs if m["role"] == "main-conclusion"], title
        assert conclusions[:-1] == [m["title"] for m in pcs if m["role"] == "intermediary-conclusion"], title
        premises = {p for s in steps for p in s.premises} - set(conclusions)
        assert premises == {m["title"] for m in pcs if m["role"] == "premise"}, title
        rules = [r for m in pcs for r in (m.get("inference") or {}).get("inferenceRules", [])]
        assert [r for s in steps for r in s.rules] == rules, title


@needs_corpus
@pytest.mark.parametrize("name", NAMES)
def test_the_map_has_a_node_per_class_argument_and_inference_step_and_checks(name, tmp_path):
    text, expected = _load(name)
    doc = parse(text)
    m = to_map(doc, f"{name}.argdown", IdMaker())
    steps = sum(max(len(a.steps) - 1, 0) for a in doc.arguments.values())
    assert len(m.nodes) == len(expected["statements"]) + len(expected["arguments"]) + steps
    by_title = {n.title: n for n in m.nodes if n.title}
    for title, arg in expected["arguments"].items():
        node = by_title[title]
        assert node.kind == "argument"
        main = [p for p in arg["pcs"] if p["role"] == "main-conclusion"]
        if main:
            assert node.premises and len([r for r in node.rels if r.kind == "supports"]) == 1
    texts, _ = import_files([EXAMPLES / "format=argdown,lang=en" / f"{name}.argdown"])
    check_written(tmp_path / "a", texts)


@needs_corpus
def test_frontmatter_gives_title_author_and_date():
    text, _ = _load("semmelweis_betz")
    m = read(text, "semmelweis_betz.argdown")
    assert m.title == "A Stylized Reconstruction of the Scientific Debate That led Ignaz Semmelweis to Understand Childbed Fever"
    (source,) = m.sources.values()
    assert source["author"] == "Gregor Betz" and source["date"] == "19/10/2018"
    assert all(n.by == "Gregor Betz" for n in m.nodes)


@needs_corpus
def test_contrary_becomes_contradicts_with_a_note_and_a_warning():
    text, _ = _load("semmelweis_betz")
    m = read(text, "semmelweis_betz.argdown")
    h1 = next(n for n in m.nodes if n.title == "Epidemic Influence Hypothesis")
    assert [(r.kind, r.note) for r in h1.rels][:2] == [("contradicts", "Argdown: contrary")] * 2
    assert sum(w.code == "argdown-contrary" for w in m.warnings) == 5
    assert next(w for w in m.warnings if w.code == "argdown-contrary").loc.line == 35


def test_equivalence_class_is_one_node_with_its_other_wordings():
    text = "[T]: First wording.\n\n[T]: Second wording.\n\n[T]: First wording.\n\n[T]\n  + Reason.\n"
    m = read(text, "eq.argdown")
    assert [n.title for n in m.nodes] == ["T", None]
    assert m.nodes[0].text == "First wording." and m.nodes[0].note is None
    assert m.nodes[0].wordings == [{"text": "Second wording."}]  # the word-for-word repeat adds nothing
    assert m.warnings == []  # nothing is lost: every wording is kept


def test_argmaps_own_data_gives_each_wording_its_author_source_and_quote_or_says_why_not():
    head = '===\n{"argmap": {"map": "m", "sources": {"s": {"title": "S"}}}}\n===\n\n'
    good = head + '[T]: One. {"id": "t", "wordings": [{"by": "Bo", "source": "s", "quote": "q"}]}\n\n[T]: One, again.\n'
    m = read(good, "m.argdown")
    assert m.nodes[0].wordings == [{"text": "One, again.", "by": "Bo", "source": "s", "quote": "q"}] and m.warnings == []
    bad = head + '[T]: One. {"id": "t", "wordings": [{"by": "Bo"}, {"by": "Cy"}]}\n\n[T]: One, again.\n'
    m = read(bad, "m.argdown")
    assert m.nodes[0].wordings == [{"text": "One, again."}]  # the words stay; whose they are is not guessed
    assert [(w.code, w.loc.line) for w in m.warnings] == [("argdown-wordings", 7)]


def test_an_arguments_further_descriptions_are_its_wordings():
    m = read("<A>: One gist.\n\n<A>: Another gist.\n  +> [C]\n", "eq.argdown")
    a = next(n for n in m.nodes if n.kind == "argument")
    assert a.text == "One gist." and a.wordings == [{"text": "Another gist."}] and a.note is None


def test_tags_sections_links_and_markup():
    text = "# Part one\n\n[S]: A **bold** claim with a [link](https://x.org/a) #tag #(two words) {k: 1}\n"
    m = read(text, "t.argdown")
    (node,) = m.nodes
    assert node.text == "A bold claim with a link"
    assert node.tags == ["tag", "two words", "Part one"]
    assert node.note == "Links: https://x.org/a Argdown data: k: 1"
    assert [str(w) for w in m.warnings] == ["t.argdown:3:1: warning[argdown-data]: the data of [S] (k: 1) is kept in `note`"]


def test_undercut_and_multi_step_argument():
    text = ("<A>\n\n(1) p1\n(2) p2\n----\n(3) c1\n(4) p3\n-- modus ponens --\n(5) c2\n\n"
            "<B>: Objection.\n  _> <A>\n")
    m = read(text, "u.argdown")
    a = next(n for n in m.nodes if n.title == "A")
    step = next(n for n in m.nodes if n.title == "A (step 1)")
    texts = {n.id: n.text for n in m.nodes}
    assert [texts[p] for p in step.premises] == ["p1", "p2"]
    assert [texts[p] for p in a.premises] == ["c1", "p3"] and a.note == "Inference rule: modus ponens"
    b = next(n for n in m.nodes if n.title == "B")
    assert [(r.kind, r.target) for r in b.rels] == [("undercuts", a.id)]


def test_a_tag_inside_a_sentence_keeps_its_words():
    (node,) = read("A #tag and a #(long tag) here. #end #(the end)\n", "t.argdown").nodes
    assert node.text == "A tag and a long tag here."
    assert node.tags == ["tag", "long tag", "end", "the end"]


def test_include_is_not_followed_and_says_so():
    m = read("@include(other.argdown)\n\n[A]: Claim.\n", "inc.argdown")
    assert [str(w) for w in m.warnings] == [
        "inc.argdown:1:1: warning[argdown-include]: @include(other.argdown) is not followed: import the included file too"]
    assert [n.text for n in m.nodes] == ["Claim."]


# -- hostile data blocks (issue 23): parsed once, refused past a size or depth with the line ----------
def test_a_huge_data_block_is_refused_with_its_line():
    from argmap.diagnostics import InvalidInputError

    text = '[A]: a\n\n[B]: b {x: "' + "y" * 70_000 + '"}\n'
    with pytest.raises(InvalidInputError, match=r"^d\.argdown:3:1: error\[argdown-data-size\]"):
        read(text, "d.argdown")


def test_a_deeply_nested_data_block_is_not_data_and_costs_one_bounded_parse():
    from argmap.importers.argdown import DATA_MAX_DEPTH

    m = read("[A]: a\n  + [B]: b " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", "d.argdown")
    assert m.nodes[1].text.startswith("b {a: {a:") and DATA_MAX_DEPTH < 3000


def test_many_braces_before_one_closing_brace_are_text_and_the_data_block_is_found():
    m = read("[A]: " + "a {b " * 3000 + "}\n\n[B]: with data {weight: 0.7, note: 'a } in quotes'}\n", "d.argdown")
    assert m.nodes[0].text.startswith("a {b a {b") and m.nodes[0].text.count("{") == 2999  # the last "{b }" is data
    assert "weight: 0.7" in m.nodes[1].note and "a } in quotes" in m.nodes[1].note


def test_a_statement_written_over_many_lines_is_joined_once():
    m = read("[A]: first\n" + "".join(f"more {i}\n" for i in range(5000)), "d.argdown")
    assert m.nodes[0].text == "first " + " ".join(f"more {i}" for i in range(5000))


# Lines that Argdown's own CLI rejects or reads oddly.


def test_argdown_definition_glued_to_the_element_above_starts_a_new_statement():
    # Argdown's own CLI rejects these lines ("Expecting Dedent but found '[b]:'"); argmap read
    # "[b] [b]: B." as one statement's text and lost b's own relation, without a word.
    text = "[a]: A.\n  + [b]\n[b]: B.\n  + [a]\n"
    m = read(text, "glued.argdown")
    assert [(n.id, n.text) for n in m.nodes] == [("a", "A."), ("b", "B.")]
    assert rels(m) == [("a", "supports", "b"), ("b", "supports", "a")]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("argdown-no-blank-line", 3)]


def test_argdown_statement_line_right_after_a_statement_is_not_joined_to_it():
    m = read("[a]: A.\n[b]: B.\n  - [a]\n", "t.argdown")
    assert [(n.title, n.text) for n in m.nodes] == [("a", "A."), ("b", "B.")]
    assert rels(m) == [("a", "attacks", "b")]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("argdown-no-blank-line", 2)]


def test_argdown_relation_of_an_element_to_itself_is_reported_not_dropped_silently():
    # `_> <B>` under <B> and `- [x]` / `>< [x]` under [x] vanished with no warning
    m = read("<B>: Self.\n  _> <B>\n\n[x]: X.\n  - [x]\n  >< [x]\n", "self.argdown")
    assert rels(m) == []
    assert [(w.code, w.loc.line, w.message) for w in m.warnings] == [
        ("argdown-self", 2, "B undercuts itself; left out"),
        ("argdown-self", 5, "x attacks itself; left out"),
        ("argdown-self", 6, "x contradicts itself; left out"),
    ]


def test_imported_ids_that_yaml_reads_as_numbers_or_booleans_are_quoted():
    # `id: 007` / `attacks: [1]` / `premises: [no]`: argmap reads them as text, but every other YAML
    # tool (and the JSON Schema in an editor) sees numbers and booleans; `argmap fmt` quotes them
    import yaml

    text = "===\n{\"argmap\": {\"map\": \"m\"}}\n===\n\n[One]: One. {\"id\": \"1\"}\n\n[No]: No. {\"id\": \"no\"}\n  - [One]\n\n" \
           "<Seven>: Seven. {\"id\": \"007\"}\n\n<Seven>\n\n(1) [One]\n(2) [No]\n----\n(3) [Three]: Three.\n"
    from argmap.importers import map_yaml, read_string

    nodes = yaml.safe_load(map_yaml(read_string(text, "ids.argdown", "argdown")))["nodes"]
    assert [n["id"] for n in nodes] == ["1", "no", "007", "three"]
    assert nodes[0]["attacks"] == ["no"] and nodes[2]["premises"] == ["1", "no"]


# Readings that differed from Argdown's own on its test inputs (tests/test_argdown_conformance.py).
# The expected titles, relations and rejected lines below are what `argdown json` 1.7.5 gives.


def test_each_list_item_is_a_statement_of_its_own_without_its_marker():
    # argmap read the three items as one statement "* [A]: one * two continued * three"
    doc = parse("Intro.\n\n  * [A]: one\n  * two\n    continued\n  * three\n\n1. four\n2. [A]\n")
    assert [(t, [(mb.text, mb.line) for mb in c.members]) for t, c in doc.statements.items()] == [
        ("Untitled 1", [("Intro.", 1)]),
        ("A", [("one", 3), ("", 9)]),
        ("Untitled 2", [("two continued", 4)]),
        ("Untitled 3", [("three", 6)]),
        ("Untitled 4", [("four", 8)]),
    ]
    assert doc.problems == []


def test_a_nested_list_item_is_read_on_its_own_with_a_warning():
    doc = parse("* one\n  * two\n* three\n")
    assert list(doc.statements) == ["Untitled 1", "Untitled 2", "Untitled 3"]
    assert [(line, code) for line, code, _ in doc.problems] == [(2, "argdown-nested-list"), (3, "argdown-nested-list")]


def test_a_dedent_to_an_indentation_no_line_had_closes_the_deeper_levels_as_argdown_does():
    # `- D` at 4 after lines at 2 and 6: Argdown reads it as a sibling of B (attacking A);
    # argmap made B its parent. A line deeper than it is its child, a line at 2 its sibling.
    doc = parse("A\n  + B\n      - C\n    - D\n      + E\n  - F\n")
    assert doc.triples() == {
        ("Untitled 2", "Untitled 1", "support"), ("Untitled 3", "Untitled 2", "attack"),
        ("Untitled 4", "Untitled 1", "attack"), ("Untitled 5", "Untitled 4", "support"),
        ("Untitled 6", "Untitled 1", "attack"),
    }
    regular = parse("A\n  + B\n    - C\n  - D\n")
    assert ("Untitled 4", "Untitled 1", "attack") in regular.triples()


def test_a_structure_after_a_relations_argument_is_an_untitled_argument_not_that_one():
    # Argdown gives the structure below `+ <A>` an argument `Untitled N` of its own; argmap gave it
    # to <A>, so its relations came from the structure's conclusion
    doc = parse("[S]: s\n  + <A>\n\n  (1) P\n  ----\n  (2) C\n")
    assert doc.arguments["A"].steps == []
    assert [s.conclusion for s in doc.arguments["Untitled 1"].steps] == ["Untitled 3"]
    assert doc.triples() == {("A", "S", "support")}
    assert [(line, code) for line, code, _ in doc.problems] == [(4, "argdown-anonymous-pcs")]
    # a top-level argument keeps the structure below it
    assert [s.conclusion for s in parse("<A>\n\n(1) P\n----\n(2) C\n").arguments["A"].steps] == ["Untitled 2"]


@pytest.mark.parametrize("text, line, code", [
    ("a\n\n    + b\n", 3, "argdown-relation-paragraph"),
    ("[a]\n+\n", 2, "argdown-bare-relation"),
    ("<A>\n\n(1) P\n-- Rule {depends on: [1]; uses: [1], x: 1} --\n(2) C\n", 4, "argdown-data-not-yaml"),
    ("[a]: a\n\n<A>(1): Text\n", 3, "argdown-argument-number"),
    ("<A>\n\n(1) P\n-----\nwords\n-----\n(2) C\n", 5, "argdown-inference-words"),
    ("<A>\n\n(1) P\n-- Rule --\nmore words\n(2) C\n", 5, "argdown-inference-words"),
    ("[S]: s\n  >< <A>: a\n", 2, "argdown-contradict-argument"),
])
def test_lines_argdown_rejects_are_read_with_a_located_warning(text, line, code):
    # each text is rejected by `argdown json` 1.7.5 at that line
    assert (line, code) in [(n, c) for n, c, _ in parse(text).problems]
    assert any(w.code == code and w.loc.line == line for w in read(text, "x.argdown").warnings)


def test_an_argument_contradicting_a_statement_is_argdown_syntax_and_not_warned_about():
    assert parse("<A>: a\n  >< [S]: s\n").problems == []  # Argdown accepts an argument as the parent of `><`


@pytest.mark.parametrize("below, undercuts", [
    ("(2) C\n  _ [X]: x\n", {("X", "A")}),  # argmap read: X undercuts (so attacks) the statement C
    ("(2) C\n  <_ [X]: x\n", {("X", "A")}),
    ("(2) C\n  _ [X]: x\n    _ [Y]: y\n", {("X", "A"), ("Y", "A")}),  # Argdown: every incoming undercut below
    ("(2) C\n  + [Z]: z\n    _ [X]: x\n", {("X", "A")}),  # a conclusion, however deep, is of the argument
    ("(2) C\n  _ <B>: b\n", {("B", "A")}),
    ("(2) C\n  _ [X]: x\n----\n(3) D\n", {("X", "A")}),  # an intermediary conclusion too
])
def test_an_undercut_below_a_conclusion_undercuts_the_argument_as_in_argdown(below, undercuts):
    doc = parse("<A>\n\n(1) P\n----\n" + below)
    assert {(a, b) for a, b, kind in doc.triples() if kind == "undercut"} == undercuts


def test_an_undercut_below_a_premise_stays_on_the_premise_and_the_map_undercuts_the_argument_node():
    assert ("X", "Untitled 1", "undercut") in parse("<A>\n\n(1) P\n  _ [X]: x\n----\n(2) C\n").triples()
    m = read("<A>\n\n(1) P\n----\n(2) C\n  _ [X]: x\n  - [Y]: y\n", "u.argdown")
    assert ("x", "undercuts", "a") in rels(m) and ("y", "attacks", "c") in rels(m)
    assert not [w for w in m.warnings if w.code == "argdown-undercut-statement"]
