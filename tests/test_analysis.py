"""What stands in a map: statuses, reasons, objections, cruxes, tallies."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

import argmap
from argmap.afio import read_af, write_af
from argmap.analysis import analyze, closed_framework, statuses
from argmap.cli import cli
from argmap.graph import build
from argmap.semantics import grounded

from literal import ATTACKED, INFERRED, ON_RELATION, PREMISES, QUESTION, STANCE, graph


@pytest.fixture
def G(data_dir):
    return build(argmap.load(data_dir / "small"))


class TestStatuses:
    def test_grounded_reinstatement(self, G):
        s = statuses(G)
        assert s["docs-written"] == "IN" and s["docs-missing"] == "OUT" and s["ship-it"] == "IN"
        assert s["tests-miss-load"] == "IN" and s["tests-prove-quality"] == "OUT"

    def test_secondary_attack_through_support(self, G):
        # tests-miss-load undercuts tests-prove-quality, which supports ship-it:
        # read as necessary support, that is an attack on ship-it, which now falls.
        assert statuses(G, bipolar="secondary")["ship-it"] == "OUT"
        assert statuses(G, bipolar="supported")["ship-it"] == "IN"

    def test_even_cycle_is_open_under_grounded_and_split_under_preferred(self):
        import networkx as nx

        H = nx.MultiDiGraph()
        H.add_edge("a", "b", key="attacks")
        H.add_edge("b", "a", key="attacks")
        H.add_edge("b", "c", key="attacks")
        assert statuses(H) == {"a": "UNDEC", "b": "UNDEC", "c": "UNDEC"}
        assert statuses(H, "preferred") == {"a": "UNDEC", "b": "UNDEC", "c": "UNDEC"}
        H.add_edge("d", "b", key="attacks")
        assert statuses(H, "stable") == {"a": "IN", "b": "OUT", "c": "IN", "d": "IN"}


class TestAnalyze:
    def test_reasons_objections_cruxes_authors(self, G):
        a = analyze(G)
        assert a.reasons["docs-missing"] == ["docs-written", "docs-missing"]
        assert ("docs-written", "docs-missing", "attacks") in a.unanswered
        assert ("docs-missing", "ship-it", "attacks") not in a.unanswered
        assert a.cruxes[0][0] == "docs-written"  # if it fell, docs-missing would stand and ship-it fall
        assert a.authors["Bob Critic"]["OUT"] == 1 and a.authors["Bob Critic"]["attacks"] == 1
        assert ("Cy Writer", "Bob Critic", "attacks", 1) in a.answers

    def test_cli_text_and_json(self, data_dir):
        runner = CliRunner()
        text = runner.invoke(cli, ["analyze", str(data_dir / "small"), "--table"])
        assert text.exit_code == 0
        assert "OUT     docs-missing" in text.output and "defeated by docs-written (IN)" in text.output
        out = runner.invoke(cli, ["analyze", str(data_dir / "small"), "--json", "--bipolar", "secondary"])
        data = json.loads(out.output)
        assert data["status"]["ship-it"] == "OUT"
        assert data["derived_attacks"]["tests-miss-load -> ship-it"] == ["secondary", "tests-prove-quality"]

    @pytest.mark.slow
    def test_color_by_status_render(self, data_dir, tmp_path):
        out = tmp_path / "s.svg"  # the legend is drawn into the SVG
        result = CliRunner().invoke(cli, ["render", str(data_dir / "small"), "--color-by", "status", "-o", str(out)])
        assert result.exit_code == 0, result.output
        text = out.read_text()
        assert "IN: stands" in text and "#ffcdd2" in text  # legend explains, OUT nodes are red


class TestSolveCommand:
    @pytest.fixture
    def apx(self, tmp_path):
        p = tmp_path / "af.apx"
        p.write_text("arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,a).\natt(b,c).\n")
        return p

    @pytest.mark.parametrize(
        "args, expected",
        [
            (["-s", "PR", "-t", "EE"], "[[b],[a,c]]"),
            (["-s", "grounded", "-t", "SE"], "[]"),
            (["-s", "ST", "-t", "DC", "-a", "c"], "YES"),
            (["-s", "ST", "-t", "DS", "-a", "c"], "NO"),
        ],
    )
    def test_iccma_answers(self, apx, args, expected):
        result = CliRunner().invoke(cli, ["solve", str(apx), *args])
        assert result.exit_code == 0 and result.output.strip() == expected

    def test_bad_file_is_one_line_with_place(self, tmp_path):
        bad = tmp_path / "bad.apx"
        bad.write_text("arg(a).\natt(a,\n")
        result = CliRunner().invoke(cli, ["solve", str(bad), "-s", "GR"])
        assert result.exit_code == 1
        assert result.output.startswith(f"Error: {bad}:2:") and "Traceback" not in result.output

    def test_missing_arg_for_dc(self, apx):
        result = CliRunner().invoke(cli, ["solve", str(apx), "-s", "GR", "-t", "DC"])
        assert result.exit_code == 1 and "needs an argument (--arg)" in result.output


@pytest.mark.parametrize("suffix", ["apx", "tgf", "i23"])
def test_map_exported_as_framework_solves_to_the_same_statuses(data_dir, tmp_path, suffix):
    from argmap.afio import read_af
    from argmap.semantics import grounded

    out = tmp_path / f"af.{suffix}"
    result = CliRunner().invoke(cli, ["render", str(data_dir / "small"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    af = read_af(out)
    labels = {str(a): str(label) for a, label in grounded(af).items()}
    expected = statuses(build(argmap.load(data_dir / "small")))
    if suffix == "i23":  # arguments are numbered; the ids ride along in comments, in order
        labels = dict(zip(expected, labels.values()))
    assert labels == expected


# Format v2 on small literal maps (docs/format-v2.md): each construct, with and without it.


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


class TestContradicts:
    def test_a_contradiction_is_a_mutual_attack(self):
        G = graph(ATTACKED.format(rel="contradicts"))
        assert statuses(G) == {"a": "UNDEC", "b": "UNDEC"}
        assert [k for _, _, k in G.edges(keys=True)] == ["contradicts"]  # drawn once
        assert statuses(G, "preferred") == {"a": "UNDEC", "b": "UNDEC"}

    def test_defeating_one_side_frees_the_other(self):
        G = graph(ATTACKED.format(rel="contradicts") + "  - id: c\n    text: C.\n    attacks: [b]\n")
        assert statuses(G) == {"a": "IN", "b": "OUT", "c": "IN"}


class TestPremises:
    def test_an_argument_falls_when_a_premise_is_attacked(self):
        assert statuses(graph(PREMISES))["arg"] == "IN"
        G = graph(PREMISES + "  - id: x\n    text: Not p2.\n    attacks: [p2]\n")
        assert statuses(G)["arg"] == "OUT" and statuses(G)["p1"] == "IN"
        assert G.has_edge("p1", "arg", "premise") and G.nodes["arg"]["premises"] == ("p1", "p2")

    def test_a_defended_premise_keeps_the_argument(self):
        G = graph(PREMISES + "  - id: x\n    text: Not p2.\n    attacks: [p2]\n  - id: y\n    text: Not x.\n    attacks: [x]\n")
        assert statuses(G)["arg"] == "IN"


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

    def test_the_exported_framework_is_afras_reified_one_and_solves_alike(self, tmp_path):
        G = graph(ON_RELATION.format(rel="attacks") + "  - id: e\n    text: E.\n    contradicts: [c]\n")
        af = closed_framework(G)
        assert "b->a" in af.arguments and "c->b->a" in af.arguments
        text = write_af(af, "apx")
        path = tmp_path / "f.apx"
        path.write_text(text)
        labels = grounded(read_af(path))
        assert {n: str(labels[n]) for n in ("a", "b", "c", "e")} == statuses(G)


def test_inferred_relations_count_unless_left_out():
    G = graph(INFERRED)
    assert G.edges["b", "a", "attacks"]["inferred"] is True
    assert statuses(G) == {"a": "OUT", "b": "IN"}
    assert statuses(G, inferred=False) == {"a": "IN", "b": "IN"}
    assert analyze(G).inferred_relations == [("b", "attacks", "a")]


def test_stance_tallies_and_who_answers_whom_use_the_holder():
    G = graph(STANCE)
    assert G.nodes["view"]["holder"] == "Carl" and G.nodes["steel"]["holder"] is None
    result = analyze(G)
    assert sorted(result.authors) == ["Bob", "Carl"]  # Ann holds nothing; the steelman counts for nobody
    assert result.steelmen == [("steel", "Ann", "")]
    assert result.answers == [("Bob", "Carl", "attacks", 1)]


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


@pytest.mark.slow
def test_analyze_says_an_attack_was_defeated_not_that_an_open_attacker_falls(tmp_path):
    # thesis stands because rel undercuts the link att->thesis; att itself is UNDEC (a cycle with
    # contra). analyze said "every attacker falls (att)", which a reader checks and finds false.
    import subprocess
    import sys

    (tmp_path / "m.yaml").write_text(textwrap.dedent("""\
        map: m
        title: M
        nodes:
          - id: thesis
            text: T.
          - id: att
            text: A.
            attacks: [thesis]
          - id: contra
            text: C.
            contradicts: [att]
          - id: rel
            text: That does not bear on T.
            undercuts: [att->thesis]
        """), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "argmap.cli", "analyze", str(tmp_path), "--table"],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    row = next(line for line in out.stdout.splitlines() if line.startswith("IN ") and " thesis " in line)
    assert row.rstrip().endswith(" att's attack is defeated by rel")
    assert "every attacker falls" not in out.stdout


def test_an_objection_defeated_by_an_objection_to_it_is_not_named_as_what_saves_a_node(tmp_path):
    """a stands because b's attack is defeated: by c2's objection, not by c's, which d's objection to it
    (d->c->b->a, argmap.address) defeats in turn. The table and the list of objections say so."""
    from click.testing import CliRunner

    from argmap.cli import cli

    (tmp_path / "m.yaml").write_text(
        "nodes:\n  - {id: a, text: A.}\n  - {id: b, text: B., attacks: [a]}\n  - {id: c, text: C., attacks: [b->a]}\n"
        "  - {id: c2, text: C2., attacks: [b->a]}\n  - {id: d, text: D., attacks: [c->b->a]}\n", encoding="utf-8")
    out = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--table"]).output
    assert [" ".join(x.split()) for x in out.splitlines() if x.startswith("IN      a ")] == ["IN a b's attack is defeated by c2"]
    assert "\nd   attacks  c->b->a (c's objection to b->a)\n" in out
    (tmp_path / "m.yaml").write_text((tmp_path / "m.yaml").read_text().replace("attacks: [c->b->a]", "attacks: [c2]"))
    out = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--table"]).output
    assert [" ".join(x.split()) for x in out.splitlines() if x.startswith("IN      a ")] == ["IN a b's attack is defeated by c"]
