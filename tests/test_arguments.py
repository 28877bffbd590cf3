"""The seed maps in arguments/ keep the content rules of the project."""

from __future__ import annotations

import pytest

import argmap
from argmap.graph import build

from conftest import ARGUMENTS

SEED_MAPS = ["power-concentration", "alignment-vs-applications", "takeoff", "alignment-is-hard"]


@pytest.fixture(scope="module")
def project():
    return argmap.load(ARGUMENTS)


def _seed_nodes(project):
    return [n for m in project.maps if m.name in SEED_MAPS for n in m.nodes]


def test_the_four_seed_maps_exist_with_at_least_100_nodes(project):
    names = {m.name for m in project.maps}
    assert set(SEED_MAPS) <= names
    assert len(_seed_nodes(project)) >= 100


def test_every_node_is_attributed_quoted_and_short(project):
    problems = []
    for n in _seed_nodes(project):
        where = f"{n.loc}: {n.id}"
        if not (n.by and n.source and n.quote):
            problems.append(f"{where}: needs by, source and quote")
            continue
        if len(n.text.split()) > 25:
            problems.append(f"{where}: text has {len(n.text.split())} words (at most 25)")
        if not 5 <= len(n.quote.split()) <= 40:
            problems.append(f"{where}: quote has {len(n.quote.split())} words (5 to 40)")
        if n.by == "commenter" and not n.note:
            problems.append(f"{where}: an unnamed commenter needs a note saying which")
        if n.text.strip().lower() == n.quote.strip().lower():
            problems.append(f"{where}: text must be in our own words, not the quote")
    assert not problems, "\n".join(problems)


def test_undercuts_target_arguments_and_maps_link_across_files(project):
    G = build(project)
    kinds = {k for _, _, k in G.edges(keys=True)}
    assert kinds == {"supports", "attacks", "undercuts"}
    cross = [(u, v) for u, v in G.edges() if G.nodes[u]["map"] != G.nodes[v]["map"]]
    assert any(G.nodes[u]["map"] == "power-concentration" and G.nodes[v]["map"] == "alignment-vs-applications" for u, v in cross)


def test_every_seed_map_has_replies_between_authors(project):
    G = build(project)
    for name in SEED_MAPS:
        pairs = {
            (G.nodes[u].get("by"), G.nodes[v].get("by"))
            for u, v in G.edges()
            if G.nodes[u]["map"] == name
        }
        assert pairs, f"{name} has no relations"
