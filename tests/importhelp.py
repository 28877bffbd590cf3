"""Helpers shared by tests/test_import_*.py and tests/test_export_{argdown,aif}.py.

``check_written`` writes an imported map into a folder and runs ``argmap.check`` on it.
"""

from __future__ import annotations

from pathlib import Path

import argmap

from conftest import CORPUS, ROOT, needs_shared

needs_corpus = needs_shared("corpus")


def check_written(folder: Path, files: dict[str, str]) -> list:
    """Write ``{name: yaml}`` into ``folder`` and return the problems ``argmap check`` finds.

    Fails the test on any error.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    _, diags = argmap.check(folder)
    errors = [d for d in diags if d.is_error]
    assert not errors, "\n".join(map(str, errors[:10]))
    return diags


def relation_count(m) -> int:
    """Relations of a model map, each premise of an argument counted as a link."""
    return sum(len(n.premises) + len(n.relations) for n in m.nodes)


def rels(m) -> list[tuple[str, str, str]]:
    """An imported map's relations as sorted ``(node, kind, target)`` triples."""
    return sorted((n.id, r.kind, r.target) for n in m.nodes for r in n.rels)
