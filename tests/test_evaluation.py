"""argmap.evaluation: one evaluation for every surface, preference-based defeat, verdicts in words.

The preference tests follow the definition of a preference-based argumentation
framework (PAF) of L. Amgoud and C. Cayrol, "A reasoning model based on the
production of acceptable arguments", Annals of Mathematics and Artificial
Intelligence 34:197-215 (2002), as restated by L. Amgoud and S. Vesic,
"Repairing preference-based argumentation frameworks", IJCAI-09, and "A new
approach for preference-based argumentation frameworks", AMAI 2011: "The basic
idea is to ignore an attack if the attacked argument is stronger than (or
preferred to) its attacker. Semantics are then applied using only the remaining
attacks."  Their examples are used below: the asymmetric attack on a stronger
argument (whose extension, {a, b}, Amgoud & Vesic criticise as conflicting), the
symmetric conflict that preferences resolve, and a chain in which a preference
changes the outcome further down.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.evaluation import CRUX_REACH, evaluate, verdict
from argmap.graph import build
from argmap.loader import load_text
from argmap.model import Project
from argmap.semantics import AF, extensions
from argmap.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ARGUMENTS = ROOT / "arguments"


def graph(text: str):
    m, diags = load_text(textwrap.dedent(text), "m.yaml")
    assert not [d for d in diags if d.is_error], diags
    return build(Project((m,)))


def af(edges, weights=None, **settings):
    """A folder graph from ``(attacker, target)`` pairs and weights, evaluated."""
    G = nx.MultiDiGraph(maps={"m": {"title": "M"}})
    for a, b in edges:
        for n in (a, b):
            G.add_node(n, map="m", text=n.upper(), weight=(weights or {}).get(n))
        G.add_edge(a, b, key="attacks", kind="attacks")
    return G, evaluate(G, Settings(**settings))


class TestPreferenceBasedFrameworks:
    """Amgoud & Cayrol 2002: (a, b) defeats unless b is strictly preferred to a; weight is the preference."""

    def test_an_attack_on_a_stronger_argument_does_not_defeat(self):
        # Amgoud & Vesic's example: A = {a, b}, a attacks b, b preferred to a: no defeat, both accepted
        G, ev = af([("a", "b")], {"a": 0.3, "b": 0.8})
        assert dict(ev.status) == {"a": "IN", "b": "IN"}
        assert ev.challenged == {"b": ("a",)}
        assert verdict(G, ev, "b") == "stands, challenged by “A” (weaker)"
        _, plain = af([("a", "b")], {"a": 0.3, "b": 0.8}, preferences=False)
        assert dict(plain.status) == {"a": "IN", "b": "OUT"}  # plain Dung: every attack defeats

    def test_equal_preference_keeps_the_attack(self):
        _, ev = af([("a", "b")], {"a": 0.5, "b": 0.5})
        assert ev.status["b"] == "OUT" and not ev.challenged  # "strictly preferred": equal weights defeat

    def test_a_symmetric_conflict_is_decided_by_preference(self):
        # symmetric attack a <-> b: only the stronger side defeats (Amgoud & Vesic: PAFs behave well here)
        _, ev = af([("a", "b"), ("b", "a")], {"a": 0.9, "b": 0.4})
        assert dict(ev.status) == {"a": "IN", "b": "OUT"}
        _, tie = af([("a", "b"), ("b", "a")])
        assert dict(tie.status) == {"a": "UNDEC", "b": "UNDEC"}
        _, pr = af([("a", "b"), ("b", "a")], semantics="preferred")
        assert dict(pr.status) == {"a": "UNDEC", "b": "UNDEC"}  # two preferred extensions, neither sceptical

    def test_a_preference_changes_the_outcome_down_a_chain(self):
        # a -> b -> c with b preferred to a: the defeat relation is {(b, c)}, so c falls
        G, ev = af([("a", "b"), ("b", "c")], {"a": 0.3, "b": 0.7, "c": 0.5})
        assert dict(ev.status) == {"a": "IN", "b": "IN", "c": "OUT"}
        assert verdict(G, ev, "c") == "falls: an unnamed holder's “B” defeats it; the reply to that, “A”, is weaker"
        _, plain = af([("a", "b"), ("b", "c")], {"a": 0.3, "b": 0.7, "c": 0.5}, preferences=False)
        assert dict(plain.status) == {"a": "IN", "b": "OUT", "c": "IN"}  # Dung: a reinstates c

    def test_every_semantics_runs_on_the_defeat_relation(self):
        edges = [("a", "b"), ("b", "a"), ("b", "c"), ("c", "d"), ("d", "c"), ("e", "d")]
        weights = {"a": 0.2, "b": 0.6, "c": 0.6, "d": 0.5, "e": 0.9}
        defeats = [(x, y) for x, y in edges if not weights[y] > weights[x]]
        for sem in ("grounded", "complete", "preferred", "stable"):
            _, ev = af(edges, weights, semantics=sem)
            exts = extensions(AF.from_edges(defeats, "abcde"), sem)
            for n in "abcde":
                inside = all(n in e for e in exts) and exts
                assert (ev.status[n] == "IN") == bool(inside), (sem, n)

    def test_undercuts_and_objections_to_relations_compare_the_node_making_the_attack(self):
        G = graph("""
            nodes:
              - id: claim
                text: C.
              - id: arg
                kind: argument
                text: A.
                weight: 0.9
                attacks: [claim]
              - id: weak-undercut
                text: U.
                weight: 0.2
                undercuts: [arg]
              - id: weak-objection
                text: O.
                weight: 0.3
                attacks: [arg->claim]
        """)
        ev = evaluate(G)
        assert ev.status["claim"] == "OUT" and ev.status["arg"] == "IN"
        assert ev.challenged["arg"] == ("weak-undercut",)
        assert "weak-objection" in ev.challenged["claim"]  # told on the target of the relation it objects to
        plain = evaluate(G, Settings(preferences=False))
        assert plain.status["arg"] == "OUT" and plain.status["claim"] == "IN"

    def test_the_exported_framework_is_the_defeat_relation_and_solves_alike(self, tmp_path):
        folder = tmp_path / "f"
        folder.mkdir()
        (folder / "m.yaml").write_text(textwrap.dedent("""
            nodes:
              - id: strong
                text: S.
                weight: 0.9
              - id: aside
                text: An aside.
                weight: 0.3
                attacks: [strong]
        """))
        run = CliRunner().invoke
        assert run(cli, ["render", str(folder), "-o", str(tmp_path / "f.apx")]).exit_code == 0
        apx = (tmp_path / "f.apx").read_text()
        assert "att(" not in apx  # the aside's attack is no defeat
        solved = run(cli, ["solve", str(tmp_path / "f.apx"), "-s", "GR", "-t", "SE"]).output
        assert set(solved.strip().strip("[]").split(",")) == {"strong", "aside"}
        run(cli, ["render", str(folder), "-o", str(tmp_path / "d.apx"), "--preferences", "off"])
        assert "att(aside,strong)." in (tmp_path / "d.apx").read_text()


class TestWhatCounts:
    TEXT = """
        nodes:
          - id: thesis
            text: T.
            by: Ann
          - id: inferred-objection
            text: O.
            by: Bob
            attacks:
              - to: thesis
                inferred: true
          - id: report
            text: Carl's view, reported by Bob.
            by: Bob
            held_by: Carl
            stance: reports
            attacks: [thesis]
            weight: 0.2
    """

    def test_inferred_links_decide_nothing_unless_asked(self):
        G = graph(self.TEXT)
        ev = evaluate(G)
        assert ev.status["thesis"] == "IN" and ev.challenged["thesis"] == ("report",)
        assert evaluate(G, Settings(inferred=True)).status["thesis"] == "OUT"

    def test_who_answers_whom_counts_the_writer_not_the_reported_holder_nor_inferred_links(self):
        from argmap.analysis import analyze

        G = graph(self.TEXT)
        a = analyze(G, evaluate(G))
        assert a.answers == [("Bob", "Ann", "attacks", 1)]  # the report, by its writer; not Carl, not the inferred link
        assert a.authors["Bob"]["attacks"] == 1 and a.authors["Carl"]["attacks"] == 0  # Carl said nothing here
        assert a.authors["Carl"]["nodes"] == 1  # but holds the view reported
        a = analyze(G, evaluate(G, Settings(inferred=True)))
        assert a.answers == [("Bob", "Ann", "attacks", 2)]

    def test_a_conceded_claim_that_falls_names_the_concession_and_gradual_counts_it_as_agreement(self):
        text = """
            nodes:
              - id: claim
                text: Backlash needs few AIs.
                by: Dai
              - id: reply
                text: Backlash comes anyway.
                by: Christiano
                attacks: [claim]
              - id: grant
                text: It is bigger if all AIs are alike.
                by: Christiano
                concedes: [claim]
        """
        G = graph(text)
        ev = evaluate(G)
        assert ev.status["claim"] == "OUT"
        assert verdict(G, ev, "claim") == ("falls: Christiano's “Backlash comes anyway.” goes unanswered; "
                                           "yet Christiano concedes it (“It is bigger if all AIs are alike.”)")
        with_grant = evaluate(G, Settings(semantics="dfquad")).strength["claim"]
        without = evaluate(graph(text.replace("concedes: [claim]", "tags: []")), Settings(semantics="dfquad"))
        assert with_grant > without.strength["claim"]


class TestCruxes:
    def test_cruxes_count_flips_per_map_and_match_a_full_recomputation_within_the_bound(self):
        from argmap.semantics import grounded

        edges = [("a", "b"), ("b", "c"), ("c", "d"), ("x", "c"), ("y", "x"), ("d", "e")]
        G, ev = af(edges, preferences=False)
        base = grounded(AF.from_edges(edges))
        for n in "abcdexy":  # the same trial done in full: flips = labels that change elsewhere
            others = [(u, v) for u, v in edges if v != n]
            if base[n].value == "IN":
                after = grounded(AF.from_edges(edges + [("\0", n)], "abcdexy"))
            else:
                after = grounded(AF.from_edges(others, "abcdexy"))
            want = sum(1 for m in "abcdexy" if m != n and after[m] != base[m])
            assert sum(ev.flips.get(n, {}).values()) == want, n

    def test_a_long_chain_is_counted_up_to_the_bound(self):
        chain = [(f"n{i}", f"n{i + 1}") for i in range(3 * CRUX_REACH)]
        _, ev = af(chain, preferences=False)
        assert max(sum(v.values()) for v in ev.flips.values()) == CRUX_REACH - 1


# -- one verdict on every surface ------------------------------------------------------------
SETTINGS = [
    dict(semantics=sem, inferred=inf, preferences=pref)
    for sem in ("grounded", "preferred", "dfquad") for inf in (False, True) for pref in (True, False)
]


def _flags(s: dict) -> list[str]:
    return (["--semantics", s["semantics"], "--preferences", "on" if s["preferences"] else "off"]
            + (["--with-inferred"] if s["inferred"] else []))


def _run(*args) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _dot_fills(dot: str) -> dict[str, str]:
    out = {}
    for m in re.finditer(r'^(?:"([^"]+)"|([\w-]+)) \[([^\n]*?)\];?$', dot, re.M):
        fill = re.search(r'fillcolor="([^"]+)"', m.group(3))
        if fill:
            out[m.group(1) or m.group(2)] = fill.group(1)
    return out


@pytest.mark.parametrize("s", SETTINGS, ids=lambda s: f"{s['semantics']}-inf{int(s['inferred'])}-pref{int(s['preferences'])}")
def test_every_surface_gives_every_seed_node_one_status_and_strength(s, tmp_path):
    from argmap.embed import block_dot, parse_block
    from argmap.export import theme
    from argmap.html import build_html
    from argmap.project import open_checked
    from argmap.queries import show_node

    settings = Settings(**s)
    folder = json.loads(_run("analyze", ARGUMENTS, "--json", *_flags(s)))
    status = folder["status"]
    strength = (folder.get("gradual") or {}).get("strength")
    opened = open_checked([ARGUMENTS])
    ids = [n.id for m in opened.project.maps for n in m.nodes if n.kind != "question"]
    assert sorted(status) == sorted(ids)
    # show ID: every node that does not simply stand, and a sample of the rest
    for i, n in enumerate(ids):
        if status[n] != "IN" or i % 9 == 0:
            line = next(x for x in show_node(n, settings=settings, opened=opened).splitlines() if "status:" in x)
            assert line.split()[1] == status[n], n
    # the page (its data: status and strength per node)
    page = build_html(ARGUMENTS, settings.replace(color_by="strength" if strength else "status"), parts=0)
    data = json.loads(re.search(r'id="argmap-data">(.*?)</script>', page, re.S).group(1))
    assert {n: data["nodes"][n]["status"] for n in ids} == status
    if strength:
        assert {n: data["nodes"][n]["strength"] for n in ids} == pytest.approx({n: round(strength[n], 4) for n in ids})
    for path in sorted(ARGUMENTS.glob("*.yaml")):  # a file, read in its folder's context
        own = {n.id for n in open_checked([path]).maps[0].nodes if n.kind != "question"}
        from_file = json.loads(_run("analyze", path, "--json", *_flags(s)))["status"]
        assert {n: from_file[n] for n in own} == {n: status[n] for n in own}, path.name
    path = sorted(ARGUMENTS.glob("*.yaml"))[0]
    drawn = json.loads(_run("render", path, "-o", "-", "--format", "json", "--color-by", "status", *_flags(s)))
    assert all(d.get("status") == status[d["id"]] for d in drawn["nodes"] if d["id"] in status)
    # the drawing's fills, by status and by strength (every map at once)
    fills = _dot_fills(_run("render", ARGUMENTS, "-o", "-", "--format", "dot", "--color-by", "status", *_flags(s)))
    assert {n: fills[n] for n in ids} == {n: theme.STATUS_FILL[status[n]][0] for n in ids}
    if strength:
        fills = _dot_fills(_run("render", ARGUMENTS, "-o", "-", "--format", "dot", "--color-by", "strength", *_flags(s)))
        assert {n: fills[n] for n in ids} == {n: theme.strength_color(strength[n]) for n in ids}
    # a Markdown (and pandoc) block colouring by status
    dot, _ = block_dot(parse_block(f"source: {ARGUMENTS.name}\ncolor_by: status"), ARGUMENTS.parent, settings)
    fills = _dot_fills(dot)
    assert {n: fills[n] for n in ids} == {n: theme.STATUS_FILL[status[n]][0] for n in ids}
    # the framework `solve` reads (grounded: the one labelling)
    if s["semantics"] == "grounded":
        apx = tmp_path / "all.apx"
        _run("render", ARGUMENTS, "-o", apx, *_flags(s))
        ext = _run("solve", apx, "-s", "GR", "-t", "SE").strip().strip("[]")
        accepted = set(filter(None, ext.split(",")))
        assert {n for n in ids if status[n] == "IN"} == {n for n in ids if n in accepted}


INFERRED = """
nodes:
  - id: a
    text: A.
  - id: b
    text: B.
    attacks:
      - to: a
        inferred: true
"""


@pytest.mark.parametrize("with_inferred", [False, True])
def test_the_page_and_analyze_agree_on_an_inferred_attack(tmp_path, with_inferred):
    """The known disagreement of issue 16: `analyze --no-inferred` said IN and `html --no-inferred` OUT."""
    (tmp_path / "m.yaml").write_text(INFERRED)
    flags = ["--with-inferred"] if with_inferred else []
    status = json.loads(_run("analyze", tmp_path, "--json", *flags))["status"]
    assert status["a"] == ("OUT" if with_inferred else "IN")
    out = tmp_path / "p.html"
    _run("html", tmp_path, "-o", out, *flags)
    data = json.loads(re.search(r'id="argmap-data">(.*?)</script>', out.read_text(), re.S).group(1))
    assert data["nodes"]["a"]["status"] == status["a"]


def test_colouring_by_strength_paints_strengths_on_the_page_and_in_blocks(tmp_path):
    """The other known disagreement: `html --color-by strength` and a block painted every box grey."""
    from argmap.embed import block_dot, parse_block
    from argmap.export import theme

    (tmp_path / "m.yaml").write_text(INFERRED.replace("        inferred: true\n", ""))
    strength = json.loads(_run("analyze", tmp_path, "--json", "--semantics", "dfquad"))["gradual"]["strength"]
    assert strength["a"] != strength["b"]
    out = tmp_path / "p.html"
    _run("html", tmp_path, "-o", out, "--color-by", "strength")
    page = out.read_text()
    for n in ("a", "b"):
        assert theme.strength_color(strength[n]) in page
    assert theme.NO_AUTHOR not in _dot_fills(block_dot(parse_block("source: m.yaml\ncolor_by: strength"), tmp_path)[0]).values()


# -- plain words -----------------------------------------------------------------------------
def test_the_full_table_fits_100_columns_without_cutting_an_id_or_a_name():
    text = _run("analyze", ARGUMENTS, "--table")
    assert all(len(line) <= 100 for line in text.splitlines()), max(text.splitlines(), key=len)
    unanswered = text[text.index("Unanswered objections"):text.index("Cruxes (nodes")]
    assert "  by: critics of the evolution analogy (per Ruud van Asseldonk)" in unanswered  # folded, not cut
    assert "…" not in unanswered


def test_analyze_opens_with_a_paragraph_per_map_within_100_columns():
    text = _run("analyze", ARGUMENTS)
    assert all(len(line) <= 100 for line in text.splitlines()), max(text.splitlines(), key=len)
    opened_maps = [p.stem for p in ARGUMENTS.glob("*.yaml")]
    for name in opened_maps:
        assert f"[{name}]" in text
    assert text.count("Thesis: ") == len(opened_maps)
    assert "IN (" not in text.split("Words:")[0]  # theory terms only in the glossed line
    assert "--table" in text and "Per author" not in text
    assert "Per author" in _run("analyze", ARGUMENTS, "--table")


def test_show_and_the_page_use_the_same_sentence():
    from argmap.html import build_html
    from argmap.pipeline import whole_graph
    from argmap.project import open_checked
    from argmap.queries import show_node

    opened = open_checked([ARGUMENTS])
    G = whole_graph(opened.project)
    ev = evaluate(G)
    data = json.loads(re.search(r'id="argmap-data">(.*?)</script>', build_html(ARGUMENTS, parts=0), re.S).group(1))
    for n in list(ev.status)[::15]:
        sentence = verdict(G, ev, n)
        assert data["nodes"][n]["verdict"] == sentence
        shown = " ".join(show_node(n, opened=opened).split())
        assert " ".join(sentence.split()) in shown


# -- no cliff: the evaluation (cruxes included) grows linearly ------------------------------------
from conftest import count_calls as _calls  # noqa: E402


def _shape(kind: str, n: int):
    import random

    r = random.Random(n)
    edges = []
    for i in range(n):
        if kind == "ring":
            edges.append((f"n{i}", f"n{(i + 1) % n}"))
        elif i and kind == "tree":
            edges.append((f"n{i}", f"n{r.randrange(i)}"))
        elif i and kind == "star":  # every reply attacks the hub; a few it attacks back, a few replies answer others
            edges.append((f"n{i}", "n0"))
            if r.random() < 0.05:
                edges.append(("n0", f"n{i}"))
            if r.random() < 0.1:
                edges.append((f"n{i}", f"n{r.randrange(1, n)}"))
        elif i:  # random: a reply forest with attacks back up or across (cycles)
            edges.append((f"n{i}", f"n{r.randrange(max(0, i - 50), i)}"))
            if r.random() < 0.15:
                edges.append((f"n{i}", f"n{r.randrange(n)}"))
    G = nx.MultiDiGraph(maps={"m": {"title": "M"}})
    for i in range(n):
        G.add_node(f"n{i}", map="m", text=f"Claim {i}.", line=i)
    for a, b in edges:
        if a != b:
            G.add_edge(a, b, key="attacks", kind="attacks")
    return G


@pytest.mark.parametrize("kind", ["ring", "tree", "random", "star"])
def test_evaluation_with_cruxes_is_linear_at_every_size(kind, monkeypatch):
    """The crux search had a size switch (CRUX_LIMIT) and was quadratic below it (issue 23).

    The bound is lowered so that both sizes reach it (below it a trial's work grows with the
    region it may reach); what must stay flat is the work per node once it is reached.
    """
    import argmap.evaluation

    monkeypatch.setattr(argmap.evaluation, "CRUX_REACH", 12)
    small, big = 400, 1600
    per_small = _calls(evaluate, _shape(kind, small)) / small
    per_big = _calls(evaluate, _shape(kind, big)) / big
    assert per_big < 1.5 * per_small, (per_small, per_big)


@pytest.mark.parametrize("kind", ["star", "random", "tree"])
def test_the_crux_search_reads_a_hub_s_attackers_from_counts_with_the_same_answer(kind, monkeypatch):
    """Elements with many attackers are counted from their base labels (a star was quadratic);
    the flips are those of reading every attacker."""
    import argmap.evaluation

    G = _shape(kind, 600)
    monkeypatch.setattr(argmap.evaluation, "_MANY_ATTACKERS", 10**9)
    every = evaluate(G).flips
    monkeypatch.setattr(argmap.evaluation, "_MANY_ATTACKERS", 0)
    counted = evaluate(G).flips
    assert every and counted == every


def test_a_drawing_without_verdicts_marks_the_weaker_attacks_the_evaluation_finds():
    """The author colouring computes no verdict, yet draws an attack that does not defeat as one
    (thin, hollow head): the same pairs as the evaluation's ``challenged``, by the same rule."""
    import argmap
    from argmap.export.dot import export as export_dot
    from argmap.frameworks import weaker_attacks
    from argmap.graph import map_view

    G = build(argmap.load(ARGUMENTS))
    ev = evaluate(G, Settings())
    nodes = {(a, b) for b, xs in ev.challenged.items() for a in xs if a in G and b in G and G.has_edge(a, b)}
    assert nodes and weaker_attacks(G) == nodes | {(a, b) for a, b in weaker_attacks(G) if not G.has_edge(a, b)}
    assert weaker_attacks(G, preferences=False) == set()
    for name in G.graph["maps"]:
        view = map_view(G, name)
        drawn = export_dot(view, Settings(color_by="author"))
        thin = {(a, b) for a, b in weaker_attacks(G) if a in view and b in view}
        assert drawn.count("does not defeat:") == len(thin)
