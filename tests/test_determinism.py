"""Same bytes under any PYTHONHASHSEED: analyze, show, render (every registered format) and build."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ARGUMENTS

pytestmark = pytest.mark.slow  # see CONTRIBUTING.md: left out by `make quick`

SCRIPT = r"""
import hashlib, json, sys
from pathlib import Path
from click.testing import CliRunner
from argmap.cli import cli
from argmap.export import FORMATS

args, out = Path(sys.argv[1]), Path(sys.argv[2])
fmt_file = args / "takeoff.yaml"
digest = {}

def run(*a):
    r = CliRunner().invoke(cli, [str(x) for x in a], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout_bytes

digest["analyze"] = run("analyze", args)
digest["analyze-json-pr"] = run("analyze", args, "--json", "--semantics", "preferred", "--bipolar", "both")
digest["analyze-file"] = run("analyze", fmt_file)
digest["show"] = run("show", "backlash-against-alignment-worry", args)
digest["list"] = run("list", args)
for name in FORMATS:
    engine = ["--engine", "embedded"] if name == "svg" else []
    digest[f"render-{name}"] = run("render", fmt_file, "-o", "-", "--format", name, "--color-by", "status", *engine)
digest["render-folder-json"] = run("render", args, "-o", "-", "--format", "json")
run("build", args, "-o", out, "--engine", "embedded", "--parts", "12")
for p in sorted(out.rglob("*")):
    if p.is_file():
        digest[f"build:{p.relative_to(out)}"] = p.read_bytes()
print(json.dumps({k: hashlib.sha256(v).hexdigest() for k, v in digest.items()}, sort_keys=True))
"""


def test_every_command_gives_the_same_bytes_under_three_hash_seeds(tmp_path):
    # the three runs at once: the longest test of the suite, so the one that decides when it ends
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(ARGUMENTS), str(tmp_path / f"maps-{seed}")],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=dict(os.environ, PYTHONHASHSEED=seed),
        )
        for seed in ("0", "1", "12345")
    ]
    results = []
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err[-3000:]
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert len(results[0]) > 15 and any(k.startswith("build:") for k in results[0])
    for other in results[1:]:
        differ = sorted(k for k in results[0] if results[0][k] != other.get(k))
        assert not differ, f"output depends on the hash seed: {differ}"


def test_pdf_bytes_do_not_carry_the_time_of_drawing():
    import time

    from argmap.render import render

    first = render("digraph { a -> b }", "pdf", "embedded")
    time.sleep(1.1)  # a new second: a timestamp would differ
    assert render("digraph { a -> b }", "pdf", "embedded") == first
