"""Hostile acceptance cases found by QA2 (issues 11, 12, 13): each reproduces a defect seen from the CLI."""

from __future__ import annotations

from argmap.importers.argdown import read


def _rels(m):
    return sorted((n.id, r.kind, r.target) for n in m.nodes for r in n.rels)


def test_argdown_definition_glued_to_the_element_above_starts_a_new_statement():
    # Argdown's own CLI rejects these lines ("Expecting Dedent but found '[b]:'"); argmap read
    # "[b] [b]: B." as one statement's text and lost b's own relation, without a word.
    text = "[a]: A.\n  + [b]\n[b]: B.\n  + [a]\n"
    m = read(text, "glued.argdown")
    assert [(n.id, n.text) for n in m.nodes] == [("a", "A."), ("b", "B.")]
    assert _rels(m) == [("a", "supports", "b"), ("b", "supports", "a")]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("argdown-no-blank-line", 3)]


def test_argdown_statement_line_right_after_a_statement_is_not_joined_to_it():
    m = read("[a]: A.\n[b]: B.\n  - [a]\n", "t.argdown")
    assert [(n.title, n.text) for n in m.nodes] == [("a", "A."), ("b", "B.")]
    assert _rels(m) == [("a", "attacks", "b")]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("argdown-no-blank-line", 2)]

