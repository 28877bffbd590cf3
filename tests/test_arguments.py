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
        if n.by.lower().startswith("commenter") and not n.note:
            problems.append(f"{where}: an unnamed commenter needs a note saying which")
        if n.text.strip().lower() == n.quote.strip().lower():
            problems.append(f"{where}: text must be in our own words, not the quote")
        if n.title is not None and len(n.title.split()) > 8:
            problems.append(f"{where}: title has {len(n.title.split())} words (at most 8)")
        if n.stance in ("restates", "reports") and not n.held_by:
            problems.append(f"{where}: a {n.stance} node needs held_by")
    assert not problems, "\n".join(problems)


def test_relation_kinds_are_the_v2_ones_and_maps_link_across_files(project):
    G = build(project)
    kinds = {k for _, _, k in G.edges(keys=True)}
    # the re-map uses every v2 relation: concessions, answers to questions, a contradiction, linked premises
    assert kinds == {"supports", "attacks", "undercuts", "concedes", "answers", "contradicts", "premise"}
    assert any(d.get("attacked_by") for _, _, d in G.edges(data=True))  # objections to a relation (AFRA)
    assert any(d.get("inferred") for _, _, d in G.edges(data=True))
    for u, v, k in G.edges(keys=True):
        if k == "undercuts":
            assert G.nodes[v]["kind"] == "argument", (u, v)
        if k == "answers":
            assert G.nodes[v]["kind"] == "question", (u, v)
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


def test_every_thread_source_replies_within_its_map_in_order(project):
    for m in project.maps:
        if m.name not in SEED_MAPS:
            continue
        for sid, src in m.sources.items():
            if src.replies_to is not None:
                parent = m.sources[src.replies_to]
                if parent.order is not None and src.order is not None:
                    assert parent.order < src.order, (m.name, sid)


def test_power_concentration_is_threaded_comment_by_comment(project):
    m = next(m for m in project.maps if m.name == "power-concentration")
    replies = [s for s in m.sources.values() if s.replies_to]
    assert len(replies) >= 4  # each comment its own source
    assert m.description and "comes down to" in m.description
