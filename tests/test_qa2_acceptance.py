"""Hostile acceptance cases found by QA2 (issues 11, 12, 13): each reproduces a defect seen from the CLI."""

from __future__ import annotations

from argmap.importers.argdown import read


def _rels(m):
    return sorted((n.id, r.kind, r.target) for n in m.nodes for r in n.rels)


def test_argdown_definition_glued_to_the_element_above_starts_a_new_statement():
    # Argdown's own CLI rejects these lines ("Expecting Dedent but found '[b]:'"); argmap read
    # "[b] [b]: B." as one statement's text and lost b's own relation, without a word.
    text = "[a]: A.\n  + [b]\n[b]: B.\n  + [a]\n"
    m = read(text, "glued.argdown")
    assert [(n.id, n.text) for n in m.nodes] == [("a", "A."), ("b", "B.")]
    assert _rels(m) == [("a", "supports", "b"), ("b", "supports", "a")]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("argdown-no-blank-line", 3)]


def test_argdown_statement_line_right_after_a_statement_is_not_joined_to_it():
    m = read("[a]: A.\n[b]: B.\n  - [a]\n", "t.argdown")
    assert [(n.title, n.text) for n in m.nodes] == [("a", "A."), ("b", "B.")]
    assert _rels(m) == [("a", "attacks", "b")]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("argdown-no-blank-line", 2)]



import textwrap  # noqa: E402

import argmap  # noqa: E402
from argmap.graph import build, focus, split  # noqa: E402

_LINK_MAP = """\
map: m
title: M
nodes:
  - id: thesis
    text: The thesis.
  - id: survey
    text: A survey says so.
    supports: [thesis]
  - id: other
    text: Another reason.
    supports: [thesis]
  - id: bias
    text: The survey is biased, so it does not show the thesis.
    attacks: [survey->thesis]
"""


def _graph(tmp_path, text=_LINK_MAP):
    (tmp_path / "m.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return build(argmap.load(tmp_path))


def test_focus_on_an_objection_to_a_link_draws_the_link(tmp_path):
    # `render --focus bias --depth 1` drew 'bias' alone (1 node, 0 relations): the attacked link was not reached
    H = focus(_graph(tmp_path), "bias", depth=1)
    assert set(H) == {"bias", "survey", "thesis"}
    assert [a["by"] for a in H.edges["survey", "thesis", "supports"]["attacked_by"]] == ["bias"]


def test_an_objection_to_a_link_is_drawn_in_the_part_that_draws_the_link(tmp_path):
    # split() made 'bias' a conclusion of its own: a one-box part with no link, and the HTML map's
    # deep link to it showed a lonely box
    parts = dict(split(_graph(tmp_path)))
    assert list(parts) == ["thesis"]
    H = parts["thesis"]
    assert set(H) == {"thesis", "survey", "other", "bias"}
    assert [a["by"] for a in H.edges["survey", "thesis", "supports"]["attacked_by"]] == ["bias"]


def test_a_part_keeps_only_the_objections_it_draws(tmp_path):
    many = "".join(f"  - id: r{i}\n    text: Reason {i}.\n    supports: [survey]\n" for i in range(16))
    G = _graph(tmp_path, _LINK_MAP + many)
    for _root, H in split(G, max_nodes=5):
        for u, v, k, d in H.edges(keys=True, data=True):
            assert all(a["by"] in H for a in d.get("attacked_by") or ()), (u, v, k)


def _check(tmp_path, nodes: str, sources: str = ""):
    (tmp_path / "c.yaml").write_text("map: c\ntitle: C\n" + sources + "nodes:\n" + textwrap.dedent(nodes), encoding="utf-8")
    _, diags = argmap.check(tmp_path)
    return [(d.code, d.loc.line, d.hint) for d in diags]


def test_a_title_of_200_words_is_a_located_warning(tmp_path):
    got = _check(tmp_path, "  - id: a\n    title: " + " ".join(["word"] * 200) + "\n    text: x\n"
                 "  - id: b\n    title: Twelve words is still a label, if a long one for it\n    text: y\n")
    assert [g[:2] for g in got] == [("long-title", 4)]
    assert "8 words" in got[0][2]


def test_held_by_someone_else_without_a_stance_is_a_located_warning(tmp_path):
    got = _check(tmp_path, "  - id: a\n    text: x\n    by: Al\n    held_by: Bo\n"
                 "  - id: b\n    text: y\n    by: Al\n    held_by: Bo\n    stance: reports\n"
                 "  - id: c\n    text: z\n    by: Al\n    held_by: Al\n")
    assert [g[:2] for g in got] == [("holder-without-stance", 4)]
    assert "stance: restates" in got[0][2]


def test_weight_nan_and_a_quoted_order_have_hints_that_fit(tmp_path):
    got = _check(tmp_path, "  - id: a\n    text: x\n    weight: .nan\n    source: s\n",
                 "sources:\n  s:\n    author: A\n    order: '3'\n")
    assert [(c, h) for c, _, h in got] == [("wrong-type", "write e.g. 'order: 1'"), ("wrong-type", "write e.g. 'weight: 0.3'")]


def test_argdown_relation_of_an_element_to_itself_is_reported_not_dropped_silently():
    # `_> <B>` under <B> and `- [x]` / `>< [x]` under [x] vanished with no warning
    m = read("<B>: Self.\n  _> <B>\n\n[x]: X.\n  - [x]\n  >< [x]\n", "self.argdown")
    assert _rels(m) == []
    assert [(w.code, w.loc.line, w.message) for w in m.warnings] == [
        ("argdown-self", 2, "B undercuts itself; left out"),
        ("argdown-self", 5, "x attacks itself; left out"),
        ("argdown-self", 6, "x contradicts itself; left out"),
    ]


def test_a_premise_listed_twice_is_a_located_warning(tmp_path):
    got = _check(tmp_path, "  - id: p\n    text: P.\n  - id: q\n    text: Q.\n"
                 "  - id: a\n    kind: argument\n    text: A.\n    premises: [p, p]\n    supports: [q]\n")
    assert [g[:2] for g in got] == [("duplicate-relation", 11)]


def test_analyze_says_an_attack_was_defeated_not_that_an_open_attacker_falls(tmp_path):
    # thesis stands because rel undercuts the link att->thesis; att itself is UNDEC (a cycle with
    # contra). analyze said "every attacker falls (att)", which a reader checks and finds false.
    import subprocess
    import sys

    (tmp_path / "m.yaml").write_text(textwrap.dedent("""\
        map: m
        title: M
        nodes:
          - id: thesis
            text: T.
          - id: att
            text: A.
            attacks: [thesis]
          - id: contra
            text: C.
            contradicts: [att]
          - id: rel
            text: That does not bear on T.
            undercuts: [att->thesis]
        """), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "argmap.cli", "analyze", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    row = next(line for line in out.stdout.splitlines() if line.startswith("IN ") and " thesis " in line)
    assert row.rstrip().endswith(" att's attack is defeated by rel")
    assert "every attacker falls" not in out.stdout


def test_microtext_edge_from_an_adu_to_itself_is_left_out_with_a_warning(tmp_path):
    # the map had `attacks: [one]` on node 'one', so the import failed its own `argmap check`
    from argmap.importers.microtext import read as read_microtext

    xml = ('<?xml version="1.0" encoding="UTF-8"?>\n<arggraph id="x">\n'
           '  <edu id="e1">One.</edu>\n  <edu id="e2">Two.</edu>\n'
           '  <adu id="a1" type="pro"/>\n  <adu id="a2" type="opp"/>\n'
           '  <edge id="c1" src="e1" trg="a1" type="seg"/>\n  <edge id="c2" src="e2" trg="a2" type="seg"/>\n'
           '  <edge id="c3" src="a2" trg="a1" type="reb"/>\n  <edge id="c4" src="a1" trg="a1" type="reb"/>\n'
           '  <edge id="c5" src="a1" trg="c3" type="und"/>\n</arggraph>\n')
    m = read_microtext(xml, "self.xml")
    assert _rels(m) == [("two", "attacks", "one")]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("microtext-self", 10), ("microtext-self", 11)]


def test_aif_duplicate_node_id_and_empty_text_are_reported():
    # the first I-node with nodeID 1 vanished without a word, and an empty text was filled in silently
    import json

    from argmap.importers.aif import read as read_aif

    data = {"nodes": [{"nodeID": "1", "text": "", "type": "I"}, {"nodeID": "1", "text": "dup", "type": "I"},
                      {"nodeID": "3", "text": "C", "type": "I"}], "edges": [], "locutions": []}
    m = read_aif(json.dumps(data, indent=1), "d.json")
    assert [n.text for n in m.nodes] == ["(I-node 1 has no text)", "C"]
    assert [w.code for w in m.warnings] == ["aif-duplicate-node", "aif-empty-node"]


def test_kialo_claim_without_text_is_reported():
    from argmap.importers.kialo import read as read_kialo

    m = read_kialo("Discussion Title: T\n\n1. Thesis\n1.1. Pro: \n", "k.txt")
    assert [n.text for n in m.nodes] == ["Thesis", "(claim 1.1 has no text)"]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("kialo-empty-claim", 4)]


def test_imported_ids_that_yaml_reads_as_numbers_or_booleans_are_quoted():
    # `id: 007` / `attacks: [1]` / `premises: [no]`: argmap reads them as text, but every other YAML
    # tool (and the JSON Schema in an editor) sees numbers and booleans; `argmap fmt` quotes them
    import yaml

    text = "===\n{\"argmap\": {\"map\": \"m\"}}\n===\n\n[One]: One. {\"id\": \"1\"}\n\n[No]: No. {\"id\": \"no\"}\n  - [One]\n\n" \
           "<Seven>: Seven. {\"id\": \"007\"}\n\n<Seven>\n\n(1) [One]\n(2) [No]\n----\n(3) [Three]: Three.\n"
    from argmap.importers import map_yaml, read_string

    nodes = yaml.safe_load(map_yaml(read_string(text, "ids.argdown", "argdown")))["nodes"]
    assert [n["id"] for n in nodes] == ["1", "no", "007", "three"]
    assert nodes[0]["attacks"] == ["no"] and nodes[2]["premises"] == ["1", "no"]


def test_html_panel_wraps_a_long_source_address_instead_of_running_off_the_panel(tmp_path):
    # a source with no title shows its address as the link text; at 1,000 px it ran past the panel's edge
    from test_html import Page, _chromium  # noqa: F401  (the browser helpers of the HTML tests)

    import pytest

    from argmap.html import write_html

    exe = _chromium()
    if exe is None:
        pytest.skip("no Chromium installed (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    (tmp_path / "u.yaml").write_text(
        "map: u\ntitle: U\nsources:\n  s:\n    author: Ann\n"
        "    url: https://example.com/?q=" + "%22x" * 40 + "\n"
        "nodes:\n  - id: a\n    text: A.\n    by: Ann\n    source: s\n", encoding="utf-8")
    out = tmp_path / "u.html"
    write_html(tmp_path / "u.yaml", out)
    from test_html import CHROMIUM_ARGS

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = Page(b, out, "#a")
            sizes = page.page.evaluate("() => { const p = document.getElementById('am-panel'); return [p.scrollWidth, p.clientWidth]; }")
            page.close()
        finally:
            b.close()
    assert sizes[0] <= sizes[1], sizes


def test_objection_to_a_contradicts_named_backwards_or_to_a_concession_has_a_hint_that_fits(tmp_path):
    # the hint said "did you mean 'c3->c1'?", an unrelated relation
    got = _check(tmp_path, "  - id: a\n    text: A.\n  - id: b\n    text: B.\n    contradicts: [a]\n"
                 "  - id: c\n    text: C.\n    concedes: [a]\n"
                 "  - id: d\n    text: D.\n    attacks: [a->b, c->a]\n"
                 "  - id: e\n    text: E.\n    supports: [a]\n")
    assert [(c, h) for c, _, h in got] == [
        ("dangling-relation", "'b' contradicts 'a': name that relation 'b->a'"),
        ("dangling-relation", "'c' concedes 'a'; only a supports, attacks, undercuts or contradicts relation can be objected to"),
    ]
