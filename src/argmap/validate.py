"""Checks across nodes and files: the map as a whole must make sense.

Per-file shape (keys, types, ids) is checked while reading, in :mod:`argmap.loader`;
here the nodes of every map are seen together.
"""

from __future__ import annotations

from .diagnostics import Diagnostic, did_you_mean
from .model import Project

__all__ = ["validate"]


def validate(project: Project) -> list[Diagnostic]:
    """Duplicate ids and map names, dangling targets, self-loops, bad undercuts, unused sources."""
    diags: list[Diagnostic] = []
    first: dict[str, object] = {}
    for node in project.iter_nodes():
        if node.id in first:
            prev = first[node.id]
            diags.append(
                Diagnostic.error(
                    "duplicate-id",
                    f"id '{node.id}' is already used at {prev.loc}",
                    node.loc,
                    "ids must be unique across every map in the folder; rename one of them",
                )
            )
        else:
            first[node.id] = node
    names: dict[str, object] = {}
    for m in project.maps:
        if m.name in names:
            diags.append(
                Diagnostic.error(
                    "duplicate-map",
                    f"map name '{m.name}' is also used by {names[m.name].path}",
                    m.loc,
                    "set a different `map:` name in one of the files",
                )
            )
        names.setdefault(m.name, m)

    nodes = first
    for node in project.iter_nodes():
        seen: set[tuple[str, str]] = set()
        for rel in node.relations:
            if rel.target == node.id:
                diags.append(
                    Diagnostic.error(
                        "self-loop",
                        f"node '{node.id}' {rel.kind} itself",
                        rel.loc,
                        "point the relation at the node it answers",
                    )
                )
                continue
            target = nodes.get(rel.target)
            if target is None:
                diags.append(
                    Diagnostic.error(
                        "dangling",
                        f"'{node.id}' {rel.kind} '{rel.target}', which no map defines",
                        rel.loc,
                        did_you_mean(rel.target, nodes) or "define a node with that id, or fix the id",
                    )
                )
                continue
            if rel.kind == "undercuts" and target.kind != "argument":
                diags.append(
                    Diagnostic.error(
                        "undercut-claim",
                        f"'{node.id}' undercuts '{rel.target}', which is a claim, not an argument",
                        rel.loc,
                        f"an undercut denies an inference: give '{rel.target}' `kind: argument`, or use `attacks`",
                    )
                )
            if (rel.kind, rel.target) in seen:
                diags.append(
                    Diagnostic.warning("duplicate-relation", f"'{node.id}' {rel.kind} '{rel.target}' twice", rel.loc)
                )
            seen.add((rel.kind, rel.target))
        kinds = {}
        for rel in node.relations:
            kinds.setdefault(rel.target, set()).add(rel.kind)
        for target, ks in kinds.items():
            if "supports" in ks and ks & {"attacks", "undercuts"}:
                rel = next(r for r in node.relations if r.target == target and r.kind == "supports")
                diags.append(
                    Diagnostic.warning(
                        "support-and-attack",
                        f"'{node.id}' both supports and attacks '{target}'",
                        rel.loc,
                        "split the node into the part that supports and the part that attacks",
                    )
                )

    for m in project.maps:
        used = {n.source for n in m.nodes if n.source}
        for sid, source in m.sources.items():
            if sid not in used:
                diags.append(
                    Diagnostic.warning("unused-source", f"source '{sid}' is declared but no node cites it", source.loc)
                )
    return diags
