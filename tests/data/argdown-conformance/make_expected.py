"""Regenerate expected/NAME.json from the real Argdown CLI (`argdown json`), one small JSON per input.

    python tests/data/argdown-conformance/make_expected.py [INPUT_DIR]

INPUT_DIR defaults to Argdown's parser and model-builder test inputs in the shared corpus
(../shared/corpus/argdown/christianvoigt-argdown/packages/argdown-core/test, see README.md), to which
the Argdown files of its other packages' tests and demos (:data:`EXTRA`) are added.
All files go to one `argdown json` call (it takes a glob). A file Argdown accepts gives its
statements, arguments, premise-conclusion structures and relations; a file it rejects (syntax
errors, or the CLI failing on it and writing no JSON) gives `accepted: false` and the errors.
`tests/test_argdown_conformance.py` imports `expected_from_cli` to check these files still agree
with the CLI.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
PACKAGES = ROOT.parent / "shared/corpus/argdown/christianvoigt-argdown/packages"
INPUTS = PACKAGES / "argdown-core/test"
#: Argdown files of its other packages' tests and demos, by the name their expectation gets.
EXTRA = {"argvu-demo": "ArgVu/demo.argdown", "vscode-argdown": "argdown-vscode/test/argdown.ad",
         "cli-test": "argdown-cli/test/test.argdown"}
EXPECTED = HERE / "expected"

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ERRORS_IN = re.compile(r"^Argdown syntax errors in (.+?): (\d+)$")
_AT = re.compile(r"^At (\d+):(\d+)$")
_THROWN = re.compile(r"^(\w*(?:Exception|Error)): (.+)$")


def summary(data: dict) -> dict:
    """The element sets of one `argdown json` export: what argmap's reader must give too."""
    pcs = {}
    for title, arg in sorted(data["arguments"].items()):
        members = arg.get("pcs") or []
        if members:
            pcs[title] = {
                "premises": sorted(m["title"] for m in members if m["role"] == "premise"),
                "intermediary": [m["title"] for m in members if m["role"] == "intermediary-conclusion"],
                "conclusion": next(m["title"] for m in members if m["role"] == "main-conclusion"),
            }
    relations = set()
    for r in data["relations"]:
        a, b = r["from"], r["to"]
        if r["relationType"] in ("contrary", "contradictory") and b < a:
            a, b = b, a
        relations.add((a, b, r["relationType"]))
    return {
        "accepted": True,
        "statements": sorted(data["statements"]),
        "arguments": sorted(data["arguments"]),
        "pcs": pcs,
        "relations": [list(t) for t in sorted(relations)],
    }


def inputs(core: Path = INPUTS) -> dict[str, Path]:
    """Each input by its name: the core fixtures by their stem, then :data:`EXTRA` (those present)."""
    found = {p.stem: p for p in sorted(core.glob("*.argdown"))}
    if core == INPUTS:
        found.update({name: PACKAGES / path for name, path in EXTRA.items() if (PACKAGES / path).is_file()})
    return found


def expected_from_cli(files: dict[str, Path], argdown: str = "argdown") -> dict[str, dict]:
    """Run `argdown json` once on copies of ``files`` ({name: path}); the expectation of each, by name."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        for name, f in files.items():
            shutil.copyfile(f, tmp / "in" / f"{name}.argdown")
        proc = subprocess.run(
            [argdown, "json", str(tmp / "in" / "*.argdown"), str(tmp / "out")],
            capture_output=True, text=True, timeout=300,
        )
        log = _ANSI.sub("", proc.stdout + "\n" + proc.stderr).splitlines()
        errors: dict[str, list[list[int]]] = {}
        current = None
        for line in log:
            line = line.strip()
            if m := _ERRORS_IN.match(line):
                current = Path(m.group(1)).stem
                errors[current] = []
            elif (m := _AT.match(line)) and current is not None:
                errors[current].append([int(m.group(1)), int(m.group(2))])
        out = {}
        for name in files:
            made = tmp / "out" / f"{name}.json"
            if name in errors:
                out[name] = {"accepted": False, "errors": errors[name]}
            elif not made.exists():  # the CLI threw on it: run it alone, to know what it threw
                out[name] = {"accepted": False, "errors": [], "failed": _thrown(argdown, tmp / "in" / f"{name}.argdown", tmp / "alone")}
            else:
                out[name] = summary(json.loads(made.read_text(encoding="utf-8")))
        return out


def _thrown(argdown: str, file: Path, outdir: Path) -> list[str]:
    """The errors `argdown json` throws on one file (in a run of many, its output is not always printed)."""
    proc = subprocess.run([argdown, "json", str(file), str(outdir)], capture_output=True, text=True, timeout=300)
    log = _ANSI.sub("", proc.stdout + "\n" + proc.stderr).splitlines()
    return [m.group(0) for line in log if (m := _THROWN.match(line.strip()))]


def main(argv: list[str]) -> int:
    core = Path(argv[0]) if argv else INPUTS
    files = inputs(core)
    if not files:
        print(f"no .argdown files in {core}", file=sys.stderr)
        return 1
    EXPECTED.mkdir(exist_ok=True)
    for stem, exp in expected_from_cli(files).items():
        (EXPECTED / f"{stem}.json").write_text(json.dumps(exp, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(stem, "accepted" if exp["accepted"] else f"rejected {exp['errors']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
