"""The hooks of .pre-commit-hooks.yaml, run by pre-commit itself on a temporary git repository of maps."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.external]


def _run(*args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("needs git")
    pytest.importorskip("pre_commit")
    r = tmp_path / "maps"
    shutil.copytree(ROOT / "arguments", r / "arguments")
    # the hooks run the argmap installed here (language: system), so the test needs no network
    (r / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n"
        + "".join(f"      - id: {h['id']}\n        name: {h['name']}\n        entry: {Path(sys.executable).parent / h['entry']}\n"
                  f"        language: system\n        files: '{h['files']}'\n        exclude: '{h['exclude']}'\n"
                  for h in _hooks() if h["id"] in ("argmap-check", "argmap-fmt")),
        encoding="utf-8")
    for cmd in (["git", "init", "-q"], ["git", "config", "user.email", "t@example.org"], ["git", "config", "user.name", "t"],
                ["git", "add", "."], ["git", "commit", "-qm", "maps"]):
        assert _run(*cmd, cwd=r).returncode == 0
    return r


def _hooks():
    import yaml

    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def test_hooks_file_names_real_commands():
    from click.testing import CliRunner

    from argmap.cli import cli

    for hook in _hooks():
        _, command = hook["entry"].split()
        assert CliRunner().invoke(cli, [command, "--help"]).exit_code == 0, hook["id"]


def test_precommit_passes_clean_maps_and_stops_a_broken_one(repo):
    pre = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    ok = _run(*pre, cwd=repo)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    path = repo / "arguments" / "takeoff.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("attacks: [", "atacks: [", 1), encoding="utf-8")
    bad = _run(*pre, cwd=repo)
    assert bad.returncode == 1
    assert "takeoff.yaml:" in bad.stdout and "did you mean" in bad.stdout
