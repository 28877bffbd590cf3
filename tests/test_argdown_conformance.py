"""Argdown conformance: argmap's Argdown reader against Argdown's own parser, on Argdown's own test inputs.

The inputs are the parser and model-builder fixtures of Argdown (`packages/argdown-core/test/*.argdown`
of christianvoigt/argdown) and the Argdown files of its other packages' tests and demos, read from the
shared corpus (see tests/data/argdown-conformance/README.md). What
Argdown makes of each, read from its real CLI (`argdown json`) by
tests/data/argdown-conformance/make_expected.py, is stored in tests/data/argdown-conformance/expected/:
so these tests compare with the real parser where node is absent, and the one marked
``external("argdown")`` checks the stored answers are still what the CLI says.
"""

from __future__ import annotations

import importlib.util
import json

import pytest

from argmap.importers import import_files
from argmap.importers.argdown import parse

from conftest import DATA
from importhelp import check_written, needs_corpus

HERE = DATA / "argdown-conformance"
EXPECTED = HERE / "expected"
NAMES = sorted(p.stem for p in EXPECTED.glob("*.json"))

#: Argdown's relationType → argmap's relation (docs/interop.md, the Argdown table): strict mode's
#: entails is a support, contrary a contradicts (with a note).
KIND = {"support": "supports", "attack": "attacks", "undercut": "undercuts",
        "contradictory": "contradicts", "contrary": "contradicts", "entails": "supports"}

#: Files on which argmap deliberately, or for now, differs from Argdown, with the reason.
DIFFERENT: dict[str, str] = {}


def _make_expected():
    spec = importlib.util.spec_from_file_location("make_expected", HERE / "make_expected.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


MAKE = _make_expected()
INPUTS = MAKE.inputs()  # {name: path}; empty without ../shared


def _expected(name: str) -> dict:
    return json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))


def _params(accepted: bool, compared: bool = True):
    """The files Argdown accepts (or rejects); where argmap's reading is compared, the known differences xfail."""
    out = []
    for name in NAMES:
        if _expected(name)["accepted"] != accepted:
            continue
        marks = [pytest.mark.xfail(strict=True, reason=DIFFERENT[name])] if compared and name in DIFFERENT else []
        out.append(pytest.param(name, marks=marks, id=name))
    return out


def _relations(triples) -> set[tuple[str, str, str]]:
    """(source, target, argmap kind); a symmetric relation in one order."""
    out = set()
    for a, b, kind in triples:
        kind = KIND[kind]
        if kind == "contradicts" and b < a:
            a, b = b, a
        out.add((a, b, kind))
    return out


def argmap_reads(name: str) -> dict:
    """argmap's reading of one input, in the shape of the stored expectation."""
    doc = parse(INPUTS[name].read_text(encoding="utf-8"))
    pcs = {}
    for title, arg in sorted(doc.arguments.items()):
        if arg.steps:
            conclusions = [s.conclusion for s in arg.steps]
            pcs[title] = {
                "premises": sorted({p for s in arg.steps for p in s.premises} - set(conclusions)),
                "intermediary": conclusions[:-1],
                "conclusion": conclusions[-1],
            }
    return {"statements": sorted(doc.statements), "arguments": sorted(doc.arguments), "pcs": pcs,
            "relations": _relations(doc.triples()), "problems": doc.problems}


def test_every_expectation_is_of_argdowns_parser_or_refusal():
    assert len(NAMES) >= 20
    for name in NAMES:
        exp = _expected(name)
        assert set(exp) == ({"accepted", "statements", "arguments", "pcs", "relations"} if exp["accepted"]
                            else {"accepted", "errors"} | ({"failed"} if "failed" in exp else set())), name
    assert any(not _expected(n)["accepted"] for n in NAMES) and any(_expected(n)["accepted"] for n in NAMES)


@needs_corpus
def test_every_input_has_an_expectation():
    assert sorted(INPUTS) == NAMES


@needs_corpus
@pytest.mark.parametrize("name", _params(True))
def test_same_elements_as_argdown(name):
    exp, got = _expected(name), argmap_reads(name)
    assert got["statements"] == exp["statements"]
    assert got["arguments"] == exp["arguments"]
    assert got["pcs"] == exp["pcs"]
    assert got["relations"] == _relations(exp["relations"])


@needs_corpus
@pytest.mark.parametrize("name", _params(True, compared=False))
def test_the_imported_map_checks(name, tmp_path):
    texts, _ = import_files([INPUTS[name]])
    check_written(tmp_path / "a", texts)


@needs_corpus
@pytest.mark.parametrize("name", _params(False))
def test_what_argdown_rejects_argmap_warns_about_at_its_line(name):
    """Where Argdown names lines, argmap warns at one of them; where its CLI threw (no line) on a
    data block that is not YAML, argmap warns that a data block is not YAML."""
    exp, got = _expected(name), argmap_reads(name)
    if exp["errors"]:
        lines = {line for line, _col in exp["errors"]}
        assert lines & {line for line, _code, _msg in got["problems"]}, (exp["errors"], got["problems"])
    else:
        assert any("YAMLException" in f for f in exp["failed"]), exp
        assert any(code == "argdown-data-not-yaml" for _line, code, _msg in got["problems"]), got["problems"]


@needs_corpus
@pytest.mark.slow
@pytest.mark.external("argdown")
def test_stored_expectations_are_what_argdowns_cli_says():
    """Re-run the real `argdown json` on every input (one call) and compare with the stored files."""
    now = MAKE.expected_from_cli(INPUTS)
    assert sorted(now) == NAMES
    for name in NAMES:
        assert now[name] == _expected(name), f"{name}: run make_expected.py again"


def conformance_table() -> str:
    """The table in docs/interop.md: each input, whether Argdown accepts it, and whether argmap agrees."""
    rows = ["| file | Argdown accepts | statements | arguments | premise–conclusion | relations | notes |",
            "|---|---|---|---|---|---|---|"]
    for name in NAMES:
        exp, got = _expected(name), argmap_reads(name)
        codes = sorted({code for _line, code, _msg in got["problems"]})
        if exp["accepted"]:
            same = [got["statements"] == exp["statements"], got["arguments"] == exp["arguments"],
                    got["pcs"] == exp["pcs"], got["relations"] == _relations(exp["relations"])]
            counts = [len(exp["statements"]), len(exp["arguments"]), len(exp["pcs"]), len(exp["relations"])]
            cells = [f"{'same' if s else 'differs'} ({n})" for s, n in zip(same, counts)]
            note = ", ".join(f"`{c}`" for c in codes)
            accepted = "yes"
        else:
            where = ", ".join(f"{line}:{col}" for line, col in exp["errors"]) or "the CLI throws " + ", ".join(
                f.split(":")[0] for f in exp["failed"])
            accepted = f"no ({where})"
            lines = {line for line, _col in exp["errors"]}
            warned = sorted({(line, code) for line, code, _msg in got["problems"]
                             if line in lines or not lines and code == "argdown-data-not-yaml"})
            cells = ["—"] * 4
            note = "argmap warns: " + ", ".join(f"{line} `{code}`" for line, code in warned) if warned else "argmap warns at none of these lines"
        if name in DIFFERENT:
            note = f"{note}; expected difference: {DIFFERENT[name]}" if note else f"expected difference: {DIFFERENT[name]}"
        rows.append(f"| {name} | {accepted} | " + " | ".join(cells) + f" | {note} |")
    return "\n".join(rows) + "\n"


@needs_corpus
def test_the_table_in_docs_is_this_tests_result():
    """docs/interop.md shows the table as these tests find it (print it: python tests/test_argdown_conformance.py)."""
    assert conformance_table() in (DATA.parent.parent / "docs" / "interop.md").read_text(encoding="utf-8")


if __name__ == "__main__":
    print(conformance_table(), end="")
