"""CONTRIBUTING.md stays true: every module, registry, file and test its recipes name exists,
and the test lanes it describes are the ones the Makefile and pyproject.toml define."""

from __future__ import annotations

import importlib
import re
import tomllib

import pytest

from conftest import ROOT

TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
RECIPES = dict(re.findall(r"^### (.+?)\n(.*?)(?=^##|\Z)", TEXT.split("\n## Recipes\n", 1)[1], flags=re.S | re.M))
CODE = re.compile(r"`([^`\n]+)`")


def _names(body: str) -> list[str]:
    """``argmap.module.NAME`` references of a recipe."""
    return [c for c in CODE.findall(body) if re.fullmatch(r"argmap(\.[A-Za-z_][A-Za-z0-9_]*)+", c)]


def _paths(body: str) -> list[str]:
    """Files of the checkout a recipe names (``<name>`` stands for the new one and is not looked up)."""
    return [c for c in CODE.findall(body) if re.fullmatch(r"(src|tests|docs|bench|\.ci)/[\w./:-]+", c)]


def _resolve(dotted: str):
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ModuleNotFoundError:
            continue
        for attr in parts[i:]:
            obj = getattr(obj, attr)  # AttributeError names what is gone
        return obj
    raise ModuleNotFoundError(dotted)


def test_the_four_recipes_are_there():
    assert sorted(RECIPES) == ["Add a relation", "Add a semantics", "Add an importer", "Add an output format"]


@pytest.mark.parametrize("recipe", sorted(RECIPES))
def test_every_name_a_recipe_gives_exists(recipe):
    names = _names(RECIPES[recipe])
    assert names, f"the recipe {recipe!r} names no module or registry"
    for dotted in names:
        _resolve(dotted)


@pytest.mark.parametrize("recipe", sorted(RECIPES))
def test_every_file_and_test_a_recipe_gives_exists(recipe):
    paths = _paths(RECIPES[recipe])
    assert any(p.startswith("tests/") for p in paths), f"the recipe {recipe!r} says nothing about tests"
    for ref in paths:
        path, _, test = ref.partition("::")
        assert (ROOT / path).exists(), f"{recipe}: {path} does not exist"
        if test:
            assert re.search(rf"^(class|def) {re.escape(test)}\b", (ROOT / path).read_text(), re.M), f"{recipe}: no {ref}"


def test_the_registries_the_recipes_rely_on_drive_the_cli():
    from click.testing import CliRunner

    from argmap.cli import cli
    from argmap.export import FORMATS
    from argmap.gradual import GRADUAL
    from argmap.importers import IMPORTERS
    from argmap.settings import SEMANTICS

    render = " ".join(CliRunner().invoke(cli, ["render", "--help"]).output.split())
    assert all(f"{name} {f.help}" in render for name, f in FORMATS.items())
    assert set(GRADUAL) <= set(SEMANTICS)
    imp = CliRunner().invoke(cli, ["import", "--help"]).output
    assert all(name in imp for name in IMPORTERS)


def test_the_lanes_and_markers_it_describes_are_the_real_ones():
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["markers"]
    for marker in (m.split(":")[0] for m in markers):
        assert f"`{marker}" in TEXT, f"CONTRIBUTING.md does not explain the marker {marker!r}"
    make = (ROOT / "Makefile").read_text()
    assert re.search(r"^quick:.*\n\t.*pytest -n auto -m \"not slow and not browser\"", make, re.M)
    assert re.search(r"^test:.*\n\t.*pytest -n auto$", make, re.M)
    for command in ("make test", "make quick", "make readme", "make maps"):
        assert command in TEXT


def test_ci_runs_the_readmes_test_command_and_installs_every_external_program_first():
    from conftest import PROGRAMS

    ci = (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test" in readme and re.search(r"^make test$", ci, re.M)
    assert re.search(r"^\.venv/bin/argmap fmt --check arguments$", ci, re.M)
    before_tests = ci[: ci.index("\nmake test\n")]
    for program, package in {"dot": "graphviz", "pandoc": "pandoc", "chromium": "chromium", "argdown": "@argdown/cli"}.items():
        assert program in PROGRAMS and package in before_tests, program


def test_no_test_fetches_from_a_package_registry():
    import ast

    fetchers = {"npx", "npm", "pip", "pip3", "uv", "uvx"}  # as a command, or looked up with shutil.which
    named = re.compile("|".join(rf"[\"']{f}[\"']" for f in fetchers))
    for path in sorted((ROOT / "tests").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        if path.name == "test_contributing.py" or not named.search(text):
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Call):
                args = [a for a in node.args if isinstance(a, (ast.List, ast.Tuple))]
                firsts = [e for a in args for e in a.elts[:1]] + node.args[:1]
                for arg in firsts:
                    assert not (isinstance(arg, ast.Constant) and arg.value in fetchers), f"{path.name}:{node.lineno} runs {arg.value}"
