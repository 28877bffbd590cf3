"""validate.py: one test per rule code, each on a tiny project read from YAML text."""

from __future__ import annotations

import textwrap

import pytest

import argmap
from argmap.loader import load_text
from argmap.model import Project
from argmap.validate import validate

from literal import ATTACKED, ON_RELATION, PREMISES, QUESTION, codes


def _project(*texts: str) -> Project:
    maps = []
    for i, text in enumerate(texts):
        m, diags = load_text(text, f"m{i}.yaml", default_map=f"m{i}")
        assert m is not None and not [d for d in diags if d.is_error], diags
        maps.append(m)
    return Project(tuple(maps))


def _found(*texts: str) -> list[str]:
    return [str(d) for d in validate(_project(*texts))]


def test_clean_project_has_nothing():
    assert _found("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks: [a]\n") == []


def test_duplicate_id():
    assert _found("nodes:\n  - id: a\n    text: A.\n", "nodes:\n  - id: a\n    text: again.\n") == [
        "m1.yaml:2:9: error[duplicate-id]: id 'a' is already used at m0.yaml:2:9"
    ]


def test_duplicate_map():
    found = _found("map: x\nnodes:\n  - id: a\n    text: A.\n", "map: x\nnodes:\n  - id: b\n    text: B.\n")
    assert found == ["m1.yaml:1:1: error[duplicate-map]: map name 'x' is also used by m0.yaml"]


def test_self_loop():
    assert _found("nodes:\n  - id: a\n    text: A.\n    attacks: [a]\n") == [
        "m0.yaml:4:15: error[self-loop]: node 'a' attacks itself"
    ]


def test_dangling_with_did_you_mean():
    (d,) = validate(_project("nodes:\n  - id: alpha\n    text: A.\n  - id: b\n    text: B.\n    attacks: [alpah]\n"))
    assert (d.code, d.loc.line, d.hint) == ("dangling", 6, "did you mean 'alpha'?")


def test_undercut_claim():
    found = _found("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    undercuts: [a]\n")
    assert [f.split(": ", 1)[1] for f in found] == [
        "error[undercut-claim]: 'b' undercuts 'a', which is a claim, not an argument"
    ]


def test_duplicate_relation():
    found = _found("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks: [a, a]\n")
    assert [f.split(": ", 1)[1] for f in found] == ["warning[duplicate-relation]: 'b' attacks 'a' twice"]


def test_support_and_attack():
    found = _found("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    supports: [a]\n    attacks: [a]\n")
    assert [f.split(": ", 1)[1] for f in found] == ["warning[support-and-attack]: 'b' both supports and attacks 'a'"]


def test_unused_source():
    found = _found("sources:\n  s:\n    title: T\nnodes:\n  - id: a\n    text: A.\n")
    assert found == ["m0.yaml:2:3: warning[unused-source]: source 's' is declared but no node cites it"]


def _thread(n: int, replies: dict[int, str]) -> str:
    lines = ["sources:"]
    for i in range(n):
        lines += [f"  s{i}:", f"    title: Comment {i}"]
        if i in replies:
            lines.append(f"    replies_to: {replies[i]}")
    lines += ["nodes:"] + [f"  - id: n{i}\n    text: N{i}.\n    source: s{i}" for i in range(n)]
    return "\n".join(lines) + "\n"


def test_long_reply_thread_cycles_are_reported_once_from_their_first_source():
    replies = {i: f"s{i - 1}" for i in range(1, 400)}  # one thread of 400 sources...
    replies.update({0: "s402", 400: "s399", 401: "s400", 402: "s401"})  # ...closed into one cycle
    replies.update({403: "s404", 404: "s403", 405: "s404"})  # a second cycle, with a reply into it
    diags = [d for d in validate(_project(_thread(406, replies))) if d.code == "reply-cycle"]
    assert [d.message.split(": ", 1)[1].split(" -> ")[:3] for d in diags] == [["s0", "s402", "s401"], ["s403", "s404", "s403"]]
    assert diags[0].message.endswith("s1 -> s0") and diags[0].loc.line == 4  # s0's `replies_to:`


def test_every_unknown_reply_gets_its_own_hint_from_one_index():
    replies = {i: f"s{i - 1}" for i in range(1, 600)}
    for i in range(1, 600, 7):
        replies[i] = f"s{i - 1}x"  # 86 misspelt replies among 600 sources
    diags = [d for d in validate(_project(_thread(600, replies))) if d.code == "unknown-reply"]
    assert len(diags) == 86
    for d in diags:  # "source 's8' replies to 's7x', ..." -> did you mean 's7'?
        wrong = d.message.split("'")[3]
        assert d.hint == f"did you mean '{wrong[:-1]}'?", d


# Format v2 rules, and whole folders checked as `argmap check` does.


def test_answers_only_questions_and_questions_take_only_answers():
    assert "answers-non-question" in codes(ATTACKED.format(rel="answers"))
    assert "question-target" in codes(QUESTION.replace("answers: [q]", "attacks: [q]"))


def test_contradicts_written_on_both_sides_is_a_warning():
    text = ATTACKED.format(rel="contradicts").replace("  - id: a\n    text: A.\n", "  - id: a\n    text: A.\n    contradicts: [b]\n")
    assert codes(text) == ["contradicts-twice"]


def test_premise_rules():
    assert "premises-conclusion" in codes(PREMISES.replace("    supports: [c]\n", ""))
    assert "unknown-premise" in codes(PREMISES.replace("[p1, p2]", "[p1, p3]"))
    assert "premises-non-argument" in codes(PREMISES.replace("kind: argument", "kind: claim"))


def test_an_objection_to_a_relation_misused_is_located():
    assert codes(ON_RELATION.format(rel="concedes")) == ["relation-target-kind"]
    assert codes(ON_RELATION.format(rel="attacks").replace("[b->a]", "[a->b]")) == ["dangling-relation"]
    assert codes(ATTACKED.format(rel="attacks").replace("[a]", "[{to: a, relation: attacks}]")) == ["relation-key"]


def test_restates_needs_a_holder():
    assert codes("nodes:\n  - id: a\n    text: A.\n    by: Ann\n    stance: restates\n") == ["missing-holder"]


V2_FIXTURES = [
    "answers-non-question", "question-target", "question-relation", "concedes-itself", "unknown-premise",
    "premises-non-argument", "premises-conclusion", "dangling-relation", "ambiguous-relation",
    "relation-target-kind", "missing-holder", "bad-stance", "bad-weight", "weight-not-number",
    "relation-item-type", "inferred-not-bool", "unknown-reply", "reply-cycle",
]


@pytest.mark.parametrize("name", V2_FIXTURES)
def test_every_v2_misuse_is_located_with_a_hint(name):
    from conftest import DATA

    path = DATA / "errors" / f"{name}.yaml"
    m, diags = load_text(path.read_text(), str(path), name)
    diags += validate(Project((m,))) if m else []
    expected = path.read_text().splitlines()[0].split("error[")[1].split("]")[0]
    found = [d for d in diags if d.code == expected]
    assert found and all(d.hint for d in found), (name, diags)


def _check(tmp_path, nodes: str, sources: str = ""):
    (tmp_path / "c.yaml").write_text("map: c\ntitle: C\n" + sources + "nodes:\n" + textwrap.dedent(nodes), encoding="utf-8")
    _, diags = argmap.check(tmp_path)
    return [(d.code, d.loc.line, d.hint) for d in diags]


def test_a_title_of_200_words_is_a_located_warning(tmp_path):
    got = _check(tmp_path, "  - id: a\n    title: " + " ".join(["word"] * 200) + "\n    text: x\n"
                 "  - id: b\n    title: Twelve words is still a label, if a long one for it\n    text: y\n")
    assert [g[:2] for g in got] == [("long-title", 4)]
    assert "8 words" in got[0][2]


def test_held_by_someone_else_without_a_stance_is_a_located_warning(tmp_path):
    got = _check(tmp_path, "  - id: a\n    text: x\n    by: Al\n    held_by: Bo\n"
                 "  - id: b\n    text: y\n    by: Al\n    held_by: Bo\n    stance: reports\n"
                 "  - id: c\n    text: z\n    by: Al\n    held_by: Al\n")
    assert [g[:2] for g in got] == [("holder-without-stance", 4)]
    assert "stance: restates" in got[0][2]


def test_weight_nan_and_a_quoted_order_have_hints_that_fit(tmp_path):
    got = _check(tmp_path, "  - id: a\n    text: x\n    weight: .nan\n    source: s\n",
                 "sources:\n  s:\n    author: A\n    order: '3'\n")
    assert [(c, h) for c, _, h in got] == [("wrong-type", "write e.g. 'order: 1'"), ("wrong-type", "write e.g. 'weight: 0.3'")]


def test_a_premise_listed_twice_is_a_located_warning(tmp_path):
    got = _check(tmp_path, "  - id: p\n    text: P.\n  - id: q\n    text: Q.\n"
                 "  - id: a\n    kind: argument\n    text: A.\n    premises: [p, p]\n    supports: [q]\n")
    assert [g[:2] for g in got] == [("duplicate-relation", 11)]


def test_objection_to_a_contradicts_named_backwards_or_to_a_concession_has_a_hint_that_fits(tmp_path):
    # the hint said "did you mean 'c3->c1'?", an unrelated relation
    got = _check(tmp_path, "  - id: a\n    text: A.\n  - id: b\n    text: B.\n    contradicts: [a]\n"
                 "  - id: c\n    text: C.\n    concedes: [a]\n"
                 "  - id: d\n    text: D.\n    attacks: [a->b, c->a]\n"
                 "  - id: e\n    text: E.\n    supports: [a]\n")
    assert [(c, h) for c, _, h in got] == [
        ("dangling-relation", "'b' contradicts 'a': name that relation 'b->a'"),
        ("dangling-relation", "'c' concedes 'a'; only a supports, attacks, undercuts or contradicts relation can be objected to"),
    ]
