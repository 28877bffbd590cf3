"""The import graph: data flows one way; no library module imports the CLI or the package facade."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import argmap

SRC = Path(argmap.__file__).parent
PACKAGE = "argmap"


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[tuple[str, str | None]]:
    """``(module imported, name taken from it or None)`` for every import, lazy ones included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out |= {(a.name, None) for a in node.names if a.name.split(".")[0] == PACKAGE}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != PACKAGE:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add((sub, None) if sub in modules else (target, alias.name))
    return out


@pytest.mark.slow
def test_no_library_module_imports_the_cli_or_the_facade():
    modules = _modules()
    bad = []
    for name, path in modules.items():
        if name == PACKAGE or name.startswith(f"{PACKAGE}.cli"):
            continue
        for target, taken in _imports(name, path, modules):
            if target.startswith(f"{PACKAGE}.cli"):
                bad.append(f"{name} imports the CLI ({target})")
            if target == PACKAGE and taken is not None:
                bad.append(f"{name} takes '{taken}' from the package facade")
    assert not bad, "\n".join(sorted(bad))


@pytest.mark.slow
def test_the_import_graph_has_no_cycle():
    modules = _modules()
    edges = {name: set() for name in modules}
    for name, path in modules.items():
        for target, _ in _imports(name, path, modules):
            if target in modules and target != name and not name.startswith(target + "."):
                if not (target == PACKAGE):  # the facade re-exports; it is nobody's dependency
                    edges[name].add(target)
    loop = _cycle(edges)
    assert loop is None, "import cycle: " + " -> ".join(loop)


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph ``edges`` (node -> its successors) as its nodes, first repeated at the end; None without one."""
    import networkx as nx

    try:
        found = nx.find_cycle(nx.DiGraph([(a, b) for a, bs in sorted(edges.items()) for b in sorted(bs)]))
    except nx.NetworkXNoCycle:
        return None
    return [u for u, _ in found] + [found[-1][1]]


def _room(name: str) -> str:
    """A module's room: a subpackage (``argmap.export``, ``argmap.semantics``...) is one room, as a reader sees the house."""
    parts = name.split(".")
    return ".".join(parts[:2])


@pytest.mark.slow
def test_no_import_runs_back_up_between_rooms():
    """Taking each subpackage as one room, the rooms' import graph has no cycle, so the house can be
    drawn floor by floor with every arrow pointing down (a module below a package that needs part of it
    would be an arrow running back up: put that part beside the module instead)."""
    modules = _modules()
    edges: dict[str, set[str]] = {}
    why: dict[tuple[str, str], str] = {}
    for name, path in modules.items():
        a = _room(name)
        for target, _ in _imports(name, path, modules):
            b = _room(target)
            if target in modules and b != a and b != PACKAGE and a != PACKAGE:
                edges.setdefault(a, set()).add(b)
                why.setdefault((a, b), f"{name} imports {target}")
    loop = _cycle(edges)
    assert loop is None, "rooms import each other: " + "; ".join(why[(x, y)] for x, y in zip(loop, loop[1:]))
