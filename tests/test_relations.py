"""One table of relations (spec.RELATIONS): every surface has every row, and adding a relation
kind is one row plus its style.

The last test does what CONTRIBUTING's recipe says to a copy of the package — one row in
``spec.RELATIONS``, one line in ``export/theme.EDGE_STYLE``, nothing else — and then looks at
the new relation in each surface through the real CLI: check, the evaluation, show, list,
analyze's tallies, the SVG legend, Mermaid, the JSON Schema, ``add``'s flags and the page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from argmap import spec
from argmap.cli import cli
from argmap.export import mermaid, theme
from argmap.schema import schema, shipped_text, schema_text
from conftest import ROOT

ROWS = list(spec.RELATIONS.values())


def test_every_row_is_whole():
    assert spec.PREMISE in spec.RELATIONS
    for r in ROWS:
        assert r.role in spec.ROLES and r.passive and r.mark and r.mermaid and r.meaning, r
        assert r.add_help or not r.written, r
        assert set(r.targets) <= set(spec.NODE_KINDS), r
    assert len({r.mark for r in ROWS}) == len(ROWS), "two relations share a mark in `show`"
    assert len({r.mermaid for r in ROWS}) == len(ROWS), "two relations share a Mermaid link"


def test_the_derived_lists_come_from_the_table():
    assert spec.RELATION_KINDS == tuple(r.name for r in ROWS if r.written)
    assert spec.ATTACK_KINDS == ("attacks", "undercuts", "contradicts")
    assert spec.RELATION_ATTACKERS == ("attacks", "undercuts")
    assert spec.ATTACKABLE_RELATIONS == ("supports", "attacks", "undercuts", "contradicts")
    assert spec.SYMMETRIC_KINDS == ("contradicts",)
    assert spec.NODE_KEYS[-len(spec.RELATION_KINDS):] == spec.RELATION_KINDS


@pytest.mark.parametrize("kind", list(spec.RELATIONS))
def test_every_relation_has_a_style_a_link_and_words(kind):
    assert kind in theme.EDGE_STYLE, f"{kind} has no line in export/theme.EDGE_STYLE"
    assert theme.edge_style(kind)["color"]
    assert mermaid.ARROWS[kind] == spec.RELATIONS[kind].mermaid
    from argmap.html import relation_words

    words = relation_words()[kind]
    assert words["out"] == spec.RELATIONS[kind].active and words["in"] == spec.RELATIONS[kind].passive


def test_the_shipped_schema_is_the_generated_one():
    assert shipped_text() == schema_text(), (
        "src/argmap/map.schema.json is out of step with spec.RELATIONS: "
        "python -m argmap.schema > src/argmap/map.schema.json")
    props = schema()["$defs"]["node"]["properties"]
    for kind in spec.RELATION_KINDS:
        assert props[kind]["description"] == spec.RELATIONS[kind].meaning


def test_add_has_a_flag_per_written_relation_with_its_help():
    out = CliRunner().invoke(cli, ["add", "--help"], terminal_width=200).output
    for kind in spec.RELATION_KINDS:
        assert f"--{kind}" in out
        assert spec.RELATIONS[kind].add_help.split(" (")[0][:40] in " ".join(out.split())


def test_the_page_script_keeps_no_relation_words_of_its_own():
    js = (ROOT / "src" / "argmap" / "html" / "app.js").read_text(encoding="utf-8")
    for kind in spec.RELATION_KINDS:
        assert not re.search(rf"\b{kind}\s*:", js), f"app.js names {kind} itself; it should read DATA.relations"


# -- adding a row ----------------------------------------------------------------------------------
ROW = '''    RelationKind("refutes", "attack", "refuted by", "!", "--o",
                 "Ids of the nodes this node shows false.", "The new node shows this node false.",
                 attackable=True, stub="refutation"),
'''
STYLE = '''    "refutes": {"color": "#6a1b9a", "style": "bold", "arrowhead": "diamond", "penwidth": "1.6"},
'''
MAP = textwrap.dedent("""\
    map: m
    nodes:
      - id: claim
        title: The claim
        text: Prices will fall next year.
        by: Ann
      - id: refutation
        title: The refutation
        text: Prices rose in every year of the record.
        by: Bob
        refutes: [claim]
      - id: ask
        kind: question
        text: Which prices?
        by: Cy
      - id: wrong
        text: A refutation aimed at a question.
        by: Bob
        refutes: [ask]
    """)


@pytest.fixture(scope="module")
def with_new_row(tmp_path_factory):
    """A copy of the package whose table has one more row (and its style), and a folder using it."""
    root = tmp_path_factory.mktemp("newrow")
    pkg = root / "src" / "argmap"
    shutil.copytree(ROOT / "src" / "argmap", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    spec_py = pkg / "spec.py"
    text = spec_py.read_text(encoding="utf-8")
    anchor = "    RelationKind(PREMISE,"
    assert anchor in text
    spec_py.write_text(text.replace(anchor, ROW + anchor), encoding="utf-8")
    theme_py = pkg / "export" / "theme.py"
    text = theme_py.read_text(encoding="utf-8")
    anchor = '    "premise": {'
    assert anchor in text
    theme_py.write_text(text.replace(anchor, STYLE + anchor), encoding="utf-8")
    folder = root / "maps"
    folder.mkdir()
    (folder / "m.yaml").write_text(MAP, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "ARGMAP_NO_MAP_CACHE": "1",
           "XDG_CACHE_HOME": str(root / "cache"), "COLUMNS": "200"}

    def run(*args, ok=(0,)):
        p = subprocess.run([sys.executable, "-m", "argmap.cli", *args], cwd=root, env=env,
                           capture_output=True, text=True, timeout=120)
        assert p.returncode in ok, p.stderr + p.stdout
        return p.stdout + p.stderr

    return root, folder, run


@pytest.mark.slow
def test_a_new_row_reaches_every_surface(with_new_row):
    root, folder, run = with_new_row
    where = subprocess.run([sys.executable, "-c", "import argmap; print(argmap.__file__)"], capture_output=True,
                           text=True, env={**os.environ, "PYTHONPATH": str(root / "src")}).stdout
    assert where.startswith(str(root)), where  # the copy runs, not the installed package
    # the checker: a known relation, and its row's targets (a question takes only answers)
    out = run("check", "maps", ok=(1,))
    assert "question-target" in out and "'wrong' refutes 'ask'" in out and "only `answers`" in out
    (folder / "m.yaml").write_text(MAP.split("  - id: wrong")[0], encoding="utf-8")
    out = run("check", "maps")
    assert "error" not in out.lower()
    # the evaluation counts it as an attack (its role), so the claim falls
    data = json.loads(run("analyze", "maps", "--json"))
    assert data["status"]["claim"] == "OUT" and data["status"]["refutation"] == "IN"
    assert data["authors"]["Bob"]["refutes"] == 1
    assert {"objection": "refutation", "target": "claim", "kind": "refutes"} in data["unanswered_objections"]
    # show: its mark and its words, both ways
    out = run("show", "claim", "maps")
    assert "! refutation" in out and "! refutes" in out
    out = run("show", "refutation", "maps")
    assert "! refutes claim" in out
    # list: counted among the relations, its name in the header
    out = run("list", "maps")
    assert "refutes" in out and "3 nodes, 1 relation" in out
    # drawings: its own line (colour, head) in DOT and its legend entry in the SVG
    dot = run("render", "maps/m.yaml", "--format", "dot", "-o", "-")
    assert re.search(r'refutation.*->.*claim.*#6a1b9a', dot) and "diamond" in dot
    run("render", "maps/m.yaml", "--format", "svg", "-o", "m.svg", "--engine", "embedded")
    svg = (root / "m.svg").read_text(encoding="utf-8")
    assert ">refutes<" in svg and "#6a1b9a" in svg
    mmd = run("render", "maps/m.yaml", "--format", "mermaid", "-o", "-")
    assert "--o|refutes|" in mmd
    # the schema, add's flags, the page's words
    props = json.loads(run("schema"))["$defs"]["node"]["properties"]
    assert props["refutes"]["description"] == "Ids of the nodes this node shows false."
    assert "--refutes ID" in run("add", "--help") and "shows this node false" in run("add", "--help")
    run("html", "maps", "-o", "page.html")
    page = (root / "page.html").read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.S)
    words = json.loads(block.group(1))["relations"]["refutes"]
    assert words == {"out": "refutes", "in": "refuted by", "role": "attack", "attack": True, "symmetric": False}
    # add writes it, in the file's key order
    run("add", "maps", "--refutes", "refutation", "--text", "A reply that refutes the refutation.", "--by", "Ann")
    data = json.loads(run("analyze", "maps", "--json"))
    assert data["status"]["claim"] == "IN"
