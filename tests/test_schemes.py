"""schemes.py: the catalogue, `scheme:` and `cq:` in a map, and the critical questions each surface lists."""

from __future__ import annotations

import json
import textwrap

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import cli
from argmap.fmt import map_text
from argmap.graph import build
from argmap.loader import load_text
from argmap.model import Project
from argmap.schema import schema
from argmap.schemes import SCHEMES, critical_questions, scheme_for_name
from argmap.spec import ID_PATTERN

from conftest import SHARED, needs_shared
from literal import codes
from test_html import Page

MAP = textwrap.dedent("""\
    map: m
    nodes:
      - id: survey
        scheme: expert-opinion
        text: Researchers surveyed put the risk at five percent.
        by: Ann
        supports: [risk]
      - id: risk
        text: The risk is real.
        by: Ann
      - id: bias
        text: The sample is biased.
        by: Bob
        attacks:
          - to: survey
            cq: consistency
      - id: analog
        scheme: analogy
        text: It is like evolution.
        by: Ann
        supports: [risk]
      - id: differ
        text: Evolution differs.
        by: Bob
        undercuts:
          - to: analog->risk
            cq: differences
    """)


def _graph(text: str = MAP):
    m, diags = load_text(text, "m.yaml", "m")
    assert not [d for d in diags if d.is_error], diags
    return m, build(Project((m,)))


def test_the_catalogue_is_well_formed():
    assert {"expert-opinion", "analogy", "example", "cause-to-effect", "position-to-know", "consequences"} <= set(SCHEMES)
    for name, s in SCHEMES.items():
        assert ID_PATTERN.match(name) and s.name == name
        assert len(s.questions) >= 3 and len(set(s.codes)) == len(s.codes)
        assert all(ID_PATTERN.match(c) for c in s.codes)
        assert all(q.text.endswith("?") for q in s.questions)


@pytest.mark.parametrize("name, key", [
    ("Analogy", "analogy"), ("Example", "example"), ("CauseToEffect", "cause-to-effect"),  # AIFdb, as in the corpus
    ("Argument from expert opinion", "expert-opinion"), ("Argument From Position To Know", "position-to-know"),
    ("Negative Consequences", "consequences"),
])
def test_aif_and_argdown_names_are_recognised(name, key):
    assert scheme_for_name(name).name == key


@pytest.mark.parametrize("name", ["Default Inference", "Modus ponens", "VerbalClassification", ""])
def test_other_inference_names_name_no_scheme(name):
    assert scheme_for_name(name) is None


def test_a_reply_raises_the_question_it_names_on_a_node_or_on_its_link():
    _, G = _graph()
    survey = dict((q.code, by) for q, by in critical_questions(G, "survey"))
    assert survey["consistency"] == (("bias", "attacks"),)
    assert [c for c, by in survey.items() if not by] == ["expertise", "field", "opinion", "trustworthiness",
                                                        "backup-evidence"]
    analog = dict((q.code, by) for q, by in critical_questions(G, "analog"))
    assert analog == {"differences": (("differ", "undercuts"),), "base-case": (), "counter-case": ()}
    assert critical_questions(G, "risk") == []  # names no scheme


def test_schemes_change_no_verdict():
    from argmap.evaluation import evaluate

    plain = MAP.replace("    scheme: expert-opinion\n", "").replace("    scheme: analogy\n", "")
    plain = plain.replace("        cq: consistency\n", "").replace("        cq: differences\n", "")
    assert evaluate(_graph()[1]).status == evaluate(_graph(plain)[1]).status


@pytest.mark.parametrize("change, code", [
    (("scheme: analogy", "scheme: analogie"), "bad-scheme"),
    (("cq: consistency", "cq: consistancy"), "unknown-cq"),
    (("    scheme: expert-opinion\n", ""), "cq-without-scheme"),
    (("    scheme: analogy\n", ""), "cq-without-scheme"),  # the question of a link is its source's
])
def test_misuse_is_an_error(change, code):
    assert code in codes(MAP.replace(*change))


def test_a_question_names_no_scheme():
    text = "nodes:\n  - id: q\n    kind: question\n    scheme: analogy\n    text: Why?\n"
    assert codes(text) == ["scheme-on-question"]


def test_misuse_is_located_with_a_did_you_mean(tmp_path):
    (tmp_path / "m.yaml").write_text(MAP.replace("scheme: analogy", "scheme: analogie").replace(
        "cq: consistency", "cq: consistancy"))
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1
    assert "m.yaml:18:13: error[bad-scheme]: scheme 'analogie'" in result.output
    assert "did you mean 'analogy'?" in result.output
    assert "m.yaml:15:13: error[unknown-cq]" in result.output and "did you mean 'consistency'?" in result.output


def test_fmt_writes_scheme_and_cq_and_the_loader_reads_them_back():
    m, _ = _graph()
    text = map_text(m)
    assert "    scheme: expert-opinion\n" in text and "        cq: consistency\n" in text
    again, diags = load_text(text, "m.yaml", "m")
    assert not diags and again.nodes == tuple(n for n in again.nodes)
    assert [(n.id, n.scheme) for n in again.nodes] == [(n.id, n.scheme) for n in m.nodes]
    assert [r.cq for n in again.nodes for r in n.relations] == [r.cq for n in m.nodes for r in n.relations]


def test_the_json_schema_knows_schemes_and_questions():
    s = schema()
    jsonschema.validate(yaml.safe_load(MAP), s)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(MAP.replace("scheme: analogy", "scheme: analogie")), s)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(yaml.safe_load(MAP.replace("cq: consistency", "cq: nonsense")), s)


def test_analyze_show_and_json_list_the_open_questions(tmp_path):
    (tmp_path / "m.yaml").write_text(MAP)
    runner = CliRunner()
    text = runner.invoke(cli, ["analyze", str(tmp_path)]).output
    block = " ".join(text[text.index("Critical questions nobody has asked yet"):].split())
    assert ("(argument from expert opinion): expertise, field, opinion, trustworthiness, backup-evidence."
            in block)  # bias raised consistency
    assert "(argument from analogy): base-case, counter-case." in block  # differ raised differences
    table = runner.invoke(cli, ["analyze", "--table", str(tmp_path)]).output
    assert "survey    consistency      bias (attacks)" in table and "analog    base-case        OPEN" in table
    data = json.loads(runner.invoke(cli, ["analyze", "--json", str(tmp_path)]).output)
    asked = {(q["node"], q["question"]): [b["node"] for b in q["raised_by"]] for q in data["critical_questions"]}
    assert asked[("survey", "consistency")] == ["bias"] and asked[("analog", "counter-case")] == []
    shown = " ".join(runner.invoke(cli, ["show", "analog", str(tmp_path)]).output.split())
    assert "scheme: argument from analogy" in shown
    assert "differences: Do the two cases differ in a way that undermines the similarity? [raised by differ" in shown
    assert "base-case: Is the claim really true of the case compared with? [not yet asked]" in shown


def test_a_map_without_schemes_says_nothing_of_them(tmp_path):
    (tmp_path / "m.yaml").write_text("nodes:\n  - id: a\n    text: A.\n")
    assert "Not yet asked" not in CliRunner().invoke(cli, ["analyze", str(tmp_path)]).output


def test_the_schemes_command_lists_the_catalogue():
    runner = CliRunner()
    out = runner.invoke(cli, ["schemes"]).output
    assert all(f"{name}: " in out for name in SCHEMES)
    one = runner.invoke(cli, ["schemes", "analogy"])
    assert one.exit_code == 0 and "cq: differences" in one.output and "expert" not in one.output
    bad = runner.invoke(cli, ["schemes", "analog"])
    assert bad.exit_code == 2 and "did you mean 'analogy'?" in bad.output


@pytest.mark.parametrize("fmt", ["aif", "argdown"])
def test_schemes_and_questions_survive_an_export_and_import(fmt, tmp_path):
    from argmap.export import export
    from argmap.importers import import_to

    m, G = _graph()
    (tmp_path / f"m.{fmt}").write_text(export(G, fmt), encoding="utf-8")
    written, warnings = import_to([tmp_path / f"m.{fmt}"], tmp_path / "out" / "m.yaml")
    assert [str(w) for w in warnings] == []
    again, diags = load_text(written[0].read_text(encoding="utf-8"), "m.yaml", "m")
    assert not [d for d in diags if d.is_error]
    assert {n.id: n.scheme for n in again.nodes} == {n.id: n.scheme for n in m.nodes}
    assert {(r.source, r.target, r.cq) for n in again.nodes for r in n.relations} == \
           {(r.source, r.target, r.cq) for n in m.nodes for r in n.relations}


def test_the_aif_export_names_the_inference_by_its_scheme():
    from argmap.export import export

    data = json.loads(export(_graph()[1], "aif"))
    ras = {n["argmap"]["from"]: n["scheme"] for n in data["nodes"] if n["type"] == "RA"}
    assert ras == {"survey": "ExpertOpinion", "analog": "Analogy"}


def test_an_argdown_inference_rule_names_a_scheme(tmp_path):
    from argmap.importers import import_to

    (tmp_path / "evo.argdown").write_text(
        "<Evo>: Evolution shows it.\n\n<Evo>\n\n(1) [P1]: Evolution made humans.\n(2) [P2]: Humans do not pursue fitness.\n"
        "-- Argument from analogy --\n(3) [C]: Alignment is hard.\n", encoding="utf-8")
    written, _ = import_to([tmp_path / "evo.argdown"], tmp_path / "out" / "evo.yaml")
    m, _ = load_text(written[0].read_text(encoding="utf-8"), "evo.yaml", "evo")
    assert [(n.kind, n.scheme, n.note) for n in m.nodes if n.scheme] == [("argument", "analogy", None)]


@needs_shared("corpus")
def test_an_aif_corpus_file_gives_its_schemes(tmp_path):
    """Araucaria's nodeset663 argues by example three times (RA nodes with scheme "Example")."""
    from argmap.importers import import_to

    path = SHARED / "corpus" / "aif" / "arguebase-public" / "araucaria" / "format=aif,lang=en" / "nodeset663.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert sum(n.get("type") == "RA" and n.get("scheme") == "Example" for n in raw["nodes"]) == 3
    written, _ = import_to([path], tmp_path / "out.yaml")
    m, _ = load_text(written[0].read_text(encoding="utf-8"), "out.yaml", "out")
    assert sum(n.scheme == "example" for n in m.nodes) == 3


def test_the_page_lists_a_nodes_critical_questions(browser, tmp_path):
    from argmap.html import write_html

    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "m.yaml").write_text(MAP, encoding="utf-8")
    write_html(tmp_path / "maps", tmp_path / "page.html")
    p = Page(browser, tmp_path / "page.html", "#survey")
    panel = p.page.locator("#am-panel")
    assert "Critical questions (argument from expert opinion)" in panel.text_content()
    items = panel.locator("li.am-cq")
    assert items.count() == 6
    consistency = items.nth(4)
    assert "consistent with what other experts say" in consistency.inner_text()
    consistency.locator('.am-node[data-id="bias"]').click()  # who raised it is a link to that reply
    assert p.selected() == "bias"
    p.page.goto((tmp_path / "page.html").as_uri() + "#survey")
    p.page.wait_for_selector("html[data-argmap-ready]")
    assert items.nth(0).locator(".am-cq-open").inner_text() == "not yet asked"
    p.page.set_viewport_size({"width": 1000, "height": 800})
    p.page.screenshot(path=str(tmp_path.parent / "schemes-panel.png"))
    p.close()


def test_a_reply_to_a_nodes_own_objection_asks_its_schemes_question():
    """n argues by expert opinion that the link a->b fails; x asks whether n's expert is one, replying to
    n's objection itself (x->n->a->b: argmap.address): the question counts as asked of n."""
    from argmap.schemes import critical_questions
    from literal import graph

    G = graph("""
        nodes:
          - {id: a, text: A.}
          - {id: b, text: B., supports: [a]}
          - {id: n, text: An expert says B does not bear on A., scheme: expert-opinion, attacks: [b->a]}
          - id: x
            text: That expert works in another field.
            attacks:
              - {to: n->b->a, cq: expertise}
        """)
    asked = {q.code: by for q, by in critical_questions(G, "n")}
    assert asked["expertise"] == (("x", "attacks"),)
    assert all(by == () for code, by in asked.items() if code != "expertise")
