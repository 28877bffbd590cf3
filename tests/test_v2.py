"""Format v2 on small literal frameworks: each construct, with and without it (docs/format-v2.md)."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from argmap.afio import read_af, write_af
from argmap.analysis import analyze, closed_framework, gradual_strengths, statuses
from argmap.cli import cli
from argmap.graph import build, focus, map_view
from argmap.loader import load_text
from argmap.model import Project
from argmap.semantics import grounded
from argmap.validate import validate


def graph(*texts: str):
    """The graph of one or more maps written as YAML (``nodes:`` lists), checked clean."""
    maps = []
    for i, text in enumerate(texts):
        m, diags = load_text(textwrap.dedent(text), f"m{i}.yaml", f"m{i}")
        assert not [d for d in diags if d.is_error], diags
        maps.append(m)
    project = Project(tuple(maps))
    errors = [d for d in validate(project) if d.is_error]
    assert not errors, errors
    return build(project)


def codes(text: str) -> list[str]:
    m, diags = load_text(textwrap.dedent(text), "f.yaml", "f")
    return sorted(d.code for d in diags + (validate(Project((m,))) if m else []))


ATTACKED = """
nodes:
  - id: a
    text: A.
  - id: b
    text: B.
    {rel}: [a]
"""


class TestConcedes:
    def test_a_concession_is_no_attack(self):
        assert statuses(graph(ATTACKED.format(rel="concedes"))) == {"a": "IN", "b": "IN"}
        assert statuses(graph(ATTACKED.format(rel="attacks"))) == {"a": "OUT", "b": "IN"}

    def test_concessions_are_tallied_by_holder(self):
        G = graph("""
        nodes:
          - id: a
            text: A.
            by: Ann
          - id: b
            text: Granted.
            by: Bob
            concedes: [a]
        """)
        result = analyze(G)
        assert result.concessions == [("Bob", "b", "a", "Ann")]
        assert result.authors["Bob"]["concedes"] == 1
        assert ("Bob", "Ann", "concedes", 1) in result.answers


QUESTION = """
nodes:
  - id: q
    kind: question
    text: Why?
    by: Ann
  - id: q2
    kind: question
    text: And how?
    by: Ann
  - id: because
    text: Because.
    by: Bob
    answers: [q]
"""


class TestQuestions:
    def test_questions_get_no_status_and_are_listed_answered_or_not(self):
        G = graph(QUESTION)
        assert statuses(G) == {"because": "IN"}
        result = analyze(G)
        assert result.questions == [("q", "Ann", [("because", "Bob")]), ("q2", "Ann", [])]
        assert "q" not in result.status

    def test_an_answer_is_a_claim_of_whoever_wrote_it(self):
        result = analyze(graph(QUESTION))
        assert result.authors["Bob"]["nodes"] == 1 and result.authors["Bob"]["answers"] == 1
        assert result.authors["Ann"]["nodes"] == 2 and result.authors["Ann"]["IN"] == 0

    def test_answers_only_questions_and_questions_take_only_answers(self):
        assert "answers-non-question" in codes(ATTACKED.format(rel="answers"))
        assert "question-target" in codes(QUESTION.replace("answers: [q]", "attacks: [q]"))


class TestContradicts:
    def test_a_contradiction_is_a_mutual_attack(self):
        G = graph(ATTACKED.format(rel="contradicts"))
        assert statuses(G) == {"a": "UNDEC", "b": "UNDEC"}
        assert [k for _, _, k in G.edges(keys=True)] == ["contradicts"]  # drawn once
        assert statuses(G, "preferred") == {"a": "UNDEC", "b": "UNDEC"}

    def test_defeating_one_side_frees_the_other(self):
        G = graph(ATTACKED.format(rel="contradicts") + "  - id: c\n    text: C.\n    attacks: [b]\n")
        assert statuses(G) == {"a": "IN", "b": "OUT", "c": "IN"}

    def test_written_on_both_sides_is_a_warning(self):
        text = ATTACKED.format(rel="contradicts").replace("  - id: a\n    text: A.\n", "  - id: a\n    text: A.\n    contradicts: [b]\n")
        assert codes(text) == ["contradicts-twice"]


PREMISES = """
nodes:
  - id: c
    text: Conclusion.
  - id: p1
    text: Premise one.
  - id: p2
    text: Premise two.
  - id: arg
    kind: argument
    text: From p1 and p2, c.
    premises: [p1, p2]
    supports: [c]
"""


class TestPremises:
    def test_an_argument_falls_when_a_premise_is_attacked(self):
        assert statuses(graph(PREMISES))["arg"] == "IN"
        G = graph(PREMISES + "  - id: x\n    text: Not p2.\n    attacks: [p2]\n")
        assert statuses(G)["arg"] == "OUT" and statuses(G)["p1"] == "IN"
        assert G.has_edge("p1", "arg", "premise") and G.nodes["arg"]["premises"] == ("p1", "p2")

    def test_a_defended_premise_keeps_the_argument(self):
        G = graph(PREMISES + "  - id: x\n    text: Not p2.\n    attacks: [p2]\n  - id: y\n    text: Not x.\n    attacks: [x]\n")
        assert statuses(G)["arg"] == "IN"

    def test_premise_rules(self):
        assert "premises-conclusion" in codes(PREMISES.replace("    supports: [c]\n", ""))
        assert "unknown-premise" in codes(PREMISES.replace("[p1, p2]", "[p1, p3]"))
        assert "premises-non-argument" in codes(PREMISES.replace("kind: argument", "kind: claim"))

    def test_gradual_strength_is_capped_by_the_weakest_premise(self):
        G = graph(PREMISES.replace("    text: Premise two.\n", "    text: Premise two.\n    weight: 0.2\n"))
        _, values, reasons, _ = gradual_strengths(G, "dfquad")
        assert values["arg"] == pytest.approx(0.2)
        assert reasons["arg"]["premises"] == ["p1", "p2"]


ON_RELATION = """
nodes:
  - id: a
    text: A.
  - id: b
    text: B.
    attacks: [a]
  - id: c
    text: That does not bear on A.
    {rel}: [b->a]
"""


class TestAttacksOnRelations:
    @pytest.mark.parametrize("rel", ["attacks", "undercuts"])
    def test_an_objection_to_the_attack_saves_its_target(self, rel):
        G = graph(ON_RELATION.format(rel=rel))
        assert statuses(G) == {"a": "IN", "b": "IN", "c": "IN"}
        assert G.edges["b", "a", "attacks"]["attacked_by"] == ({"by": "c", "kind": rel, "inferred": False, "note": None},)
        assert not G.has_edge("c", "b") and not G.has_edge("c", "a")  # not a node edge

    def test_defeating_the_objection_restores_the_attack(self):
        G = graph(ON_RELATION.format(rel="attacks") + "  - id: d\n    text: Not c.\n    attacks: [c]\n")
        assert statuses(G) == {"a": "OUT", "b": "IN", "c": "OUT", "d": "IN"}

    def test_every_semantics_agrees_with_the_grounded_one_here(self):
        G = graph(ON_RELATION.format(rel="attacks"))
        for sem in ("complete", "preferred", "stable"):
            assert statuses(G, sem)["a"] == "IN"

    def test_an_objection_to_a_support_weakens_its_strength_only(self):
        text = """
        nodes:
          - id: a
            text: A.
          - id: b
            text: B.
            supports: [a]
          - id: c
            text: Irrelevant.
            attacks: [b->a]
        """
        G = graph(text)
        assert statuses(G) == {"a": "IN", "b": "IN", "c": "IN"}
        _, with_objection, _, _ = gradual_strengths(G, "dfquad")
        _, without, _, _ = gradual_strengths(graph(text.replace("attacks: [b->a]", "tags: [x]")), "dfquad")
        assert without["a"] == pytest.approx(0.75)  # 0.5 + 0.5 * 0.5
        assert with_objection["a"] == pytest.approx(0.5)  # the link carries 0.5 - 0.5 = 0

    def test_ambiguous_pair_needs_relation_key(self):
        text = """
        nodes:
          - id: a
            kind: argument
            text: A.
          - id: b
            text: B.
            attacks: [a]
            undercuts: [a]
          - id: c
            text: C.
            attacks:
              - to: b->a
                relation: undercuts
        """
        G = graph(text)
        assert G.edges["b", "a", "undercuts"]["attacked_by"][0]["by"] == "c"
        assert "attacked_by" not in G.edges["b", "a", "attacks"]
        assert statuses(G)["a"] == "OUT"  # the plain attack still holds

    def test_misuse_is_located(self):
        assert codes(ON_RELATION.format(rel="concedes")) == ["relation-target-kind"]
        assert codes(ON_RELATION.format(rel="attacks").replace("[b->a]", "[a->b]")) == ["dangling-relation"]
        assert codes(ATTACKED.format(rel="attacks").replace("[a]", "[{to: a, relation: attacks}]")) == ["relation-key"]

    def test_the_exported_framework_is_afras_reified_one_and_solves_alike(self, tmp_path):
        G = graph(ON_RELATION.format(rel="attacks") + "  - id: e\n    text: E.\n    contradicts: [c]\n")
        af = closed_framework(G)
        assert "b->a" in af.arguments and "c->b->a" in af.arguments
        text = write_af(af, "apx")
        path = tmp_path / "f.apx"
        path.write_text(text)
        labels = grounded(read_af(path))
        assert {n: str(labels[n]) for n in ("a", "b", "c", "e")} == statuses(G)

    def test_views_keep_the_attackers_of_an_attacked_edge(self):
        G = graph(
            "nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks: [a]\n",
            "nodes:\n  - id: c\n    text: Irrelevant.\n    attacks: [b->a]\n",
        )
        H = map_view(G, "m0")
        assert H.nodes["c"].get("ghost") and H.edges["b", "a", "attacks"]["attacked_by"][0]["by"] == "c"
        H = map_view(G, "m1")  # the objection's map keeps the edge it objects to
        assert H.has_edge("b", "a", "attacks") and H.nodes["a"].get("ghost")
        assert "c" in focus(G, "a", depth=1)


class TestInferred:
    TEXT = "nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks:\n      - to: a\n        inferred: true\n        note: the mapper's reading\n"

    def test_inferred_relations_count_unless_left_out(self):
        G = graph(self.TEXT)
        assert G.edges["b", "a", "attacks"]["inferred"] is True
        assert statuses(G) == {"a": "OUT", "b": "IN"}
        assert statuses(G, inferred=False) == {"a": "IN", "b": "IN"}
        assert analyze(G).inferred_relations == [("b", "attacks", "a")]

    def test_cli_leaves_inferred_out_unless_asked(self, tmp_path):
        (tmp_path / "m.yaml").write_text(self.TEXT)
        result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert data["status"] == {"a": "IN", "b": "IN"} and data["inferred"] is False
        data = json.loads(CliRunner().invoke(cli, ["analyze", str(tmp_path), "--json", "--with-inferred"]).output)
        assert data["status"] == {"a": "OUT", "b": "IN"} and data["inferred"] is True


class TestStance:
    TEXT = """
    nodes:
      - id: view
        text: Others hold this.
        by: Ann
        held_by: Carl
        stance: reports
      - id: steel
        text: The best case for it.
        by: Ann
        stance: steelman
        supports: [view]
      - id: reply
        text: No.
        by: Bob
        attacks: [view]
    """

    def test_tallies_and_who_answers_whom_use_the_holder(self):
        G = graph(self.TEXT)
        assert G.nodes["view"]["holder"] == "Carl" and G.nodes["steel"]["holder"] is None
        result = analyze(G)
        assert sorted(result.authors) == ["Bob", "Carl"]  # Ann holds nothing; the steelman counts for nobody
        assert result.steelmen == [("steel", "Ann", "")]
        assert result.answers == [("Bob", "Carl", "attacks", 1)]

    def test_restates_needs_a_holder(self):
        assert codes("nodes:\n  - id: a\n    text: A.\n    by: Ann\n    stance: restates\n") == ["missing-holder"]


class TestGradual:
    def test_dfquad_worked_values(self):
        G = graph(ATTACKED.format(rel="attacks").replace("    text: B.\n", "    text: B.\n    weight: 0.3\n"))
        _, values, reasons, _ = gradual_strengths(G, "dfquad")
        assert values == {"a": pytest.approx(0.35), "b": pytest.approx(0.3)}  # 0.5 - 0.5 * 0.3
        assert reasons["a"] == {"base": 0.5, "attackers": ["b"], "supporters": [], "premises": []}

    def test_analyze_gives_strength_beside_the_grounded_status(self, tmp_path):
        (tmp_path / "m.yaml").write_text(textwrap.dedent(QUESTION) + "    attacks: []\n")
        result = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--semantics", "dfquad", "--table"])
        assert result.exit_code == 0, result.output
        assert "status = the grounded verdict" in result.output
        assert "0.500     IN      because" in result.output
        assert "q2" in result.output and "UNANSWERED" in result.output

    def test_quadratic_energy_on_a_contradiction(self):
        G = graph(ATTACKED.format(rel="contradicts"))
        result, values, _, _ = gradual_strengths(G, "quadratic-energy")
        assert result.converged and values["a"] == pytest.approx(values["b"])


class TestThread:
    def test_show_thread_prints_the_exchange_in_order(self, tmp_path):
        (tmp_path / "m.yaml").write_text(textwrap.dedent("""
        sources:
          reply2:
            author: Ann
            replies_to: reply1
            order: 2
          post:
            author: Ann
            order: 0
          reply1:
            author: Bob
            replies_to: post
            order: 1
        nodes:
          - id: thesis
            title: The thesis
            text: T.
            by: Ann
            source: post
          - id: objection
            text: O.
            by: Bob
            source: reply1
            attacks: [thesis]
          - id: rejoinder
            text: R.
            by: Ann
            source: reply2
            attacks: [objection]
        """))
        result = CliRunner().invoke(cli, ["show", "--thread", str(tmp_path / "m.yaml")])
        assert result.exit_code == 0, result.output
        out = result.output
        assert out.index("1. post") < out.index("2. reply1") < out.index("3. reply2")
        assert "replying to post" in out and "- attacks thesis (Ann)" in out
        by_name = CliRunner().invoke(cli, ["show", "--thread", "m", str(tmp_path)])
        assert by_name.output == out


def test_a_view_untouched_by_objections_exports_a_plain_framework():
    G = graph(
        "nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks: [a]\n  - id: c\n    text: C.\n    attacks: [b->a]\n",
        "nodes:\n  - id: x\n    text: X.\n  - id: y\n    text: Y.\n    attacks: [x]\n",
    )
    plain = closed_framework(G, ["x"])
    assert plain.arguments == ("x", "y") and plain.attacks == frozenset({("y", "x")})
    reified = closed_framework(G, ["a"])
    assert {"a", "b->a", "c->b->a"} <= set(reified.arguments)


def test_strength_for_colouring_by_strength_comes_from_the_evaluation():
    from argmap.evaluation import evaluate, with_verdicts
    from argmap.settings import Settings

    G = graph(ATTACKED.format(rel="attacks"))
    nodes = dict(with_verdicts(G.nodes(data=True), evaluate(G, Settings(color_by="strength"))))
    assert nodes["a"]["strength"] == pytest.approx(0.25) and nodes["a"]["status"] == "OUT"
    assert "status" not in G.nodes["a"] and "strength" not in G.nodes["a"]  # the graph is not written to
    Q = graph(QUESTION)
    nodes = dict(with_verdicts(Q.nodes(data=True), evaluate(Q, Settings(color_by="strength"))))
    assert "status" not in nodes["q"] and "strength" not in nodes["q"]


def test_settings_take_labels_inferred_and_gradual_semantics_from_argmap_toml(tmp_path):
    from argmap.diagnostics import InvalidInputError
    from argmap.settings import load_settings

    (tmp_path / "argmap.toml").write_text('[render]\nlabels = "title"\ninferred = false\nsemantics = "DF-QuAD"\n')
    s = load_settings(tmp_path)
    assert (s.labels, s.inferred, s.semantics) == ("title", False, "dfquad")
    assert load_settings(tmp_path, semantics="qe").semantics == "quadratic-energy"
    (tmp_path / "argmap.toml").write_text('[render]\nlabels = "titles"\n')
    with pytest.raises(InvalidInputError, match="labels must be one of both, title, text"):
        load_settings(tmp_path)


def test_show_tells_holder_stance_and_v2_relations(tmp_path):
    (tmp_path / "m.yaml").write_text(textwrap.dedent("""
    nodes:
      - id: a
        title: The claim
        text: A.
        by: Ann
      - id: b
        text: As Carl says, not A.
        by: Bob
        held_by: Carl
        stance: restates
        contradicts: [a]
      - id: c
        text: Granted, A in part.
        by: Bob
        concedes: [a]
      - id: d
        text: B does not bear on A.
        by: Ann
        attacks: [b->a]
    """))
    out = CliRunner().invoke(cli, ["show", "a", str(tmp_path)]).output
    assert "status: IN" in out and "  The claim" in out
    assert "x b [IN]: As Carl says, not A. — Bob (restated, held by Carl)" in out
    assert "= c [IN]" in out
    assert "d [IN] attacks b->a (contradicts)" in out
    out = CliRunner().invoke(cli, ["show", "b", str(tmp_path)]).output
    assert "by Bob (restated; held by Carl)" in out and "x contradicts a [IN]" in out


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
