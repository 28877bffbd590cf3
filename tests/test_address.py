"""address.py: relation addresses at any depth (``d->c->a->b``), read alike by the checker and the graph."""

from __future__ import annotations

import textwrap

import pytest

from argmap.address import depth, describe, resolve, split
from argmap.graph import build, focus, map_view, relation_attacks, subgraph
from argmap.loader import load_text
from argmap.model import Project, Relation
from argmap.validate import validate

from literal import graph

#: c objects to the support b->a (one relation, and by two kinds); d objects to c's attack on it
NESTED = """
nodes:
  - id: a
    text: A.
  - id: b
    text: B.
    supports: [a]
  - id: c
    text: C.
    attacks: [b->a]
  - id: d
    text: D.
    undercuts: [c->b->a]
  - id: e
    text: E.
    attacks: [d->c->b->a]
"""


def _found(text: str) -> list[str]:
    m, diags = load_text(textwrap.dedent(text), "f.yaml", "f")
    assert m is not None, diags
    return [d.format() for d in diags + validate(Project((m,)))]


class TestResolve:
    def test_read_from_the_right(self):
        assert split("d->c->a->b") == ["d", "c", "a", "b"] and depth("d->c->a->b") == 3 and depth("a") == 0
        assert describe("d->c->a->b") == "d's objection to c's objection to a->b"

    def test_kind_paths_at_every_depth(self):
        rels = [Relation("supports", "b", "a"), Relation("attacks", "c", "b->a"), Relation("undercuts", "d", "c->b->a"),
                Relation("attacks", "e", "d->c->b->a")]
        found = resolve(reversed(rels), {"a", "b", "c", "d", "e"})  # given deepest first: read shallow first anyway
        assert [found[r].path for r in rels[1:]] == [("supports",), ("attacks", "supports"),
                                                     ("undercuts", "attacks", "supports")]

    def test_relation_picks_a_kind_at_each_level(self):
        rels = [Relation("supports", "b", "a"), Relation("attacks", "b", "a"),
                Relation("attacks", "c", "b->a", target_relation="supports"),
                Relation("attacks", "c", "b->a", target_relation="attacks"),
                Relation("attacks", "d", "c->b->a"),
                Relation("attacks", "e", "c->b->a", target_relation=("attacks", "attacks"))]
        found = resolve(rels, {"a", "b", "c", "d", "e"})
        assert found[rels[4]].path is None and found[rels[4]].matching == (("attacks", "attacks"), ("attacks", "supports"))
        assert found[rels[5]].path == ("attacks", "attacks")

    def test_a_relation_on_a_missing_node_names_nothing(self):
        rels = [Relation("attacks", "b", "a"), Relation("attacks", "c", "b->a"), Relation("attacks", "d", "c->b->a")]
        found = resolve(rels, {"b", "c", "d"})  # no a
        assert found[rels[1]].found == () and found[rels[2]].found == ()


class TestCheck:
    def test_nested_targets_check_clean(self):
        assert _found(NESTED) == []

    def test_dangling_nested_target_is_located_with_a_did_you_mean(self):
        assert _found(NESTED.replace("[d->c->b->a]", "[d->c->b->aa]")) == [
            "f.yaml:16:15: error[dangling-relation]: 'e' attacks the relation 'd->c->b->aa', which no map defines\n"
            "  hint: did you mean 'd->c->b->a'?"]

    def test_a_nested_target_nobody_made_says_how_to_read_it(self):
        far = "someone-quite-unrelated->another-name-entirely->b->a"
        out = _found(NESTED.replace("[d->c->b->a]", f"[{far}]"))
        assert len(out) == 1 and out[0].startswith(f"f.yaml:16:15: error[dangling-relation]: 'e' attacks the relation '{far}'")
        assert "(read from the right: 'someone-quite-unrelated' -> ('another-name-entirely->b->a'))" in out[0]

    def test_objecting_to_ones_own_objection_is_a_self_loop(self):
        assert _found(NESTED.replace("[d->c->b->a]", "[e->d->c->b->a]"))[0].startswith(
            "f.yaml:16:15: error[self-loop]: node 'e' attacks a relation of its own ('e->d->c->b->a')")

    def test_ambiguity_at_an_inner_level_needs_a_list(self):
        two = NESTED.replace("    supports: [a]\n", "    supports: [a]\n    attacks: [a]\n").replace(
            "    attacks: [b->a]\n", "    attacks:\n      - {to: b->a, relation: supports}\n      - {to: b->a, relation: attacks}\n")
        out = _found(two)
        assert [o.split(": ", 1)[1].split("\n")[0] for o in out if "error" in o] == [
            "error[ambiguous-relation]: 'c->b->a' names 2 relations ([attacks, attacks]; [attacks, supports])",
            # e's target is ambiguous only because d's is: d names nothing, so neither does e
            "error[dangling-relation]: 'e' attacks the relation 'd->c->b->a', which no map defines"]
        assert "say which with `relation: [attacks, attacks]`" in [o for o in out if "error" in o][0]
        fixed = two.replace("undercuts: [c->b->a]", "undercuts:\n      - {to: c->b->a, relation: [attacks, supports]}")
        assert [o for o in _found(fixed) if "error" in o] == []

    def test_a_wrong_kind_path_says_which_there_is(self):
        out = _found(NESTED.replace("undercuts: [c->b->a]", "undercuts:\n      - {to: c->b->a, relation: [attacks, attacks]}"))
        assert "but there it is [attacks, supports]" in out[0] and "write `relation: [attacks, supports]`" in out[0]


class TestGraph:
    def test_attacks_are_stored_on_the_attack_they_attack(self):
        G = graph(NESTED)
        (c,) = G.edges["b", "a", "supports"]["attacked_by"]
        (d,) = c["attacked_by"]
        (e,) = d["attacked_by"]
        assert (c["by"], c["kind"], d["by"], d["kind"], e["by"], e["kind"]) == ("c", "attacks", "d", "undercuts", "e", "attacks")
        assert [(t, o["by"]) for t, o, _, _ in relation_attacks(G)] == [("b->a", "c"), ("c->b->a", "d"), ("d->c->b->a", "e")]

    def test_views_keep_an_attack_on_an_attack_only_with_its_attacker(self):
        G = graph(NESTED)
        H = subgraph(G, ["a", "b", "c", "e"])  # no d: e's attack on d's goes with it
        assert [(t, o["by"]) for t, o, _, _ in relation_attacks(H)] == [("b->a", "c")]
        assert set(focus(G, "a", depth=1)) == {"a", "b", "c", "d", "e"}  # a kept link keeps its objections, at any depth

    def test_a_map_view_draws_the_objections_to_its_objections(self):
        G = graph(NESTED, "nodes:\n  - id: z\n    text: Z.\n    attacks: [e->d->c->b->a]\n")
        H = map_view(G, "m1")
        assert H.nodes["a"].get("ghost") and not H.nodes["z"].get("ghost")
        assert ("e->d->c->b->a", "z") in [(t, o["by"]) for t, o, _, _ in relation_attacks(H)]
