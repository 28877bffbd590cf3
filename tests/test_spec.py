"""The format's vocabulary has one home (spec), safe YAML handling another (yamltext)."""

from __future__ import annotations

import ast
import re

import pytest

from argmap import spec, yamltext
from conftest import ROOT

SRC = ROOT / "src" / "argmap"
VOCABULARY = {
    "MAP_KEYS", "SOURCE_KEYS", "NODE_KEYS", "NODE_KINDS", "RELATION_KINDS", "ID_PATTERN", "slugify",
    "MAP_NAME_PATTERN", "MAP_SUFFIXES",
}
YAML_HELPERS = {"exact_nodes", "yaml_scalar", "compose", "compose_exact", "LOADER"}


@pytest.mark.parametrize("module", ["loader", "edit", "fmt", "newmap", "model"])
def test_vocabulary_and_yaml_helpers_come_from_their_homes(module):
    tree = ast.parse((SRC / f"{module}.py").read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module in ("loader", "edit", "fmt", "newmap"):
            names = {a.name for a in node.names}
            assert not names & (VOCABULARY | YAML_HELPERS), f"{module} imports {names & (VOCABULARY | YAML_HELPERS)} from {node.module}"


def test_spec_and_yamltext_import_nothing_of_argmap_but_each_other():
    for module, allowed in (("spec", set()), ("yamltext", set())):
        tree = ast.parse((SRC / f"{module}.py").read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                assert node.module in allowed, f"{module} imports .{node.module}"


def test_v1_is_part_of_v2():
    assert set(spec.NODE_KEYS) <= set(spec.NODE_KEYS_V2)
    assert set(spec.SOURCE_KEYS) <= set(spec.SOURCE_KEYS_V2)
    assert spec.NODE_KINDS_V2[: len(spec.NODE_KINDS)] == spec.NODE_KINDS
    assert spec.RELATION_KINDS_V2[: len(spec.RELATION_KINDS)] == spec.RELATION_KINDS


def test_v2_names_match_the_contract():
    doc = (ROOT / "docs" / "format-v2.md").read_text()
    v2_keys = set(re.findall(r"^\s+([a-z_]+):.*#\s*v2:", doc, flags=re.M))
    assert v2_keys and v2_keys <= set(spec.NODE_KEYS_V2) | set(spec.SOURCE_KEYS_V2)
    stances = re.search(r"stance: \w+\s+# v2: (.*)$", doc, flags=re.M).group(1)
    assert set(re.findall(r"[a-z]+", stances.replace("default", ""))) == set(spec.STANCES)
    kinds = re.search(r"kind: claim\s+# (.*)$", doc, flags=re.M).group(1)
    assert set(re.findall(r"\b(claim|argument|question)\b", kinds)) == set(spec.NODE_KINDS_V2)
    for key in spec.RELATION_ITEM_KEYS:
        assert f"`{key}`" in doc


def test_the_loader_reads_the_v2_vocabulary():
    from argmap.loader import load_text

    m, diags = load_text("nodes:\n  - id: q\n    kind: question\n    text: Why?\n", "f.yaml")
    assert diags == [] and m.nodes[0].kind == "question"
    _, diags = load_text("nodes:\n  - id: q\n    kind: quest\n    text: Why?\n", "f.yaml")
    assert [d.code for d in diags] == ["bad-kind"]


def test_scalars_written_read_back():
    import yaml

    for value in ["plain", "a: b", "yes", "- x", "#x", "'quoted'", '"dq"', "tab\tin", "ünï", "a\nb", " lead"]:
        for double in (False, True):
            for flow in (False, True):
                text = yamltext.yaml_scalar(value, double=double, flow=flow)
                wrapped = f"[{text}]" if flow else f"k: {text}"
                loaded = yaml.safe_load(wrapped)
                assert (loaded[0] if flow else loaded["k"]) == value
