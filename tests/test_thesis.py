"""`thesis:`: the mapper names the claim a map argues for or about; every surface reports on it first."""

from __future__ import annotations

import textwrap

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import cli
from argmap.fmt import map_text
from argmap.loader import load_text

from literal import codes

#: Without `thesis:`, the widest tree of replies (under `big`) would be the thesis.
MAP = textwrap.dedent("""\
    map: m
    thesis: small
    nodes:
      - id: big
        text: The claim most replies gather under.
        by: Ann
      - id: r1
        text: One.
        by: Bob
        supports: [big]
      - id: r2
        text: Two.
        by: Bob
        attacks: [big]
      - id: small
        text: The claim the author argues for.
        by: Ann
      - id: q
        kind: question
        text: Why?
        by: Bob
    """)


def test_analyze_and_list_report_on_the_named_thesis(tmp_path):
    (tmp_path / "m.yaml").write_text(MAP, encoding="utf-8")
    runner = CliRunner()
    assert "Thesis: “The claim the author argues for.” (Ann) stands" in runner.invoke(cli, ["analyze", str(tmp_path)]).output
    (tmp_path / "m.yaml").write_text(MAP.replace("thesis: small\n", ""), encoding="utf-8")
    assert "Thesis: “The claim most replies gather under.”" in runner.invoke(cli, ["analyze", str(tmp_path)]).output


@pytest.mark.parametrize("thesis, hint", [("smal", "did you mean 'small'?"), ("q", "a thesis is a claim")])
def test_a_thesis_that_is_no_claim_of_the_map_is_a_located_error(tmp_path, thesis, hint):
    assert codes(MAP.replace("thesis: small", f"thesis: {thesis}")) == ["unknown-thesis"]
    (tmp_path / "m.yaml").write_text(MAP.replace("thesis: small", f"thesis: {thesis}"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path)])
    assert result.exit_code == 1 and "m.yaml:2:9: error[unknown-thesis]" in result.output and hint in result.output


def test_fmt_keeps_it_and_the_schema_knows_it():
    m, _ = load_text(MAP, "m.yaml", "m")
    assert m.thesis == "small" and "\nthesis: small\n" in map_text(m)
    from argmap.schema import schema

    jsonschema.validate(yaml.safe_load(MAP), schema())


@pytest.mark.parametrize("fmt", ["aif", "argdown"])
def test_it_survives_an_export_and_import(fmt, tmp_path):
    from argmap.export import export
    from argmap.graph import build
    from argmap.importers import import_to
    from argmap.model import Project

    m, _ = load_text(MAP, "m.yaml", "m")
    (tmp_path / f"m.{fmt}").write_text(export(build(Project((m,))), fmt), encoding="utf-8")
    written, warnings = import_to([tmp_path / f"m.{fmt}"], tmp_path / "out" / "m.yaml")
    again, _ = load_text(written[0].read_text(encoding="utf-8"), "m.yaml", "m")
    assert again.thesis == "small" and not [w for w in warnings if "thesis" in str(w)]


def test_the_editor_sees_the_thesis_as_a_reference_to_its_node():
    """So go-to-definition, find-references and rename in `argmap lsp` reach `thesis:` too."""
    pytest.importorskip("pygls")
    from argmap.lsp import occurrences

    refs = [(o.name, o.line, o.col, o.definition) for o in occurrences(MAP) if o.name == "small"]
    assert refs == [("small", 1, 8, False), ("small", 14, 8, True)]


def test_an_objection_to_a_link_is_no_conclusion_at_any_depth(tmp_path):
    # `o` answers the link r1->big and `p` answers o's objection (argmap.address): neither is a
    # conclusion of the map, though no arrow leaves either for a node
    body = MAP.replace("thesis: small\n", "") + textwrap.indent(textwrap.dedent("""\
        - id: o
          text: That link is weak.
          by: Cy
          attacks: [r1->big]
        - id: p
          text: No, it is not.
          by: Ann
          attacks: [o->r1->big]
        """), "  ")
    (tmp_path / "m.yaml").write_text(body, encoding="utf-8")
    out = CliRunner().invoke(cli, ["analyze", str(tmp_path)]).output
    assert "Thesis: “The claim most replies gather under.”" in out
    conclusions = next(line for line in out.splitlines() if "Other conclusions" in line)
    assert "The claim the author argues for." in conclusions
    assert "That link is weak." not in out.split("Other conclusions")[1].split("Cruxes")[0]
    assert "No, it is not." not in out.split("Other conclusions")[1].split("Cruxes")[0]
