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


# -- no address deeper than argmap reads, from a file or an import: bad input is warned, never a traceback --
def _chain_map(levels: int) -> str:
    """a, b attacks a, then x0 objects to b->a, x1 to x0->b->a...: the last target ``levels`` deep."""
    lines, address = ["map: deep", "nodes:", "  - {id: a, text: A.}", "  - {id: b, text: B., attacks: [a]}"], "b->a"
    for i in range(levels - 1):
        lines.append(f"  - {{id: x{i}, text: X{i}., attacks: ['{address}']}}")
        address = f"x{i}->{address}"
    return "\n".join(lines) + "\n"


def test_a_file_may_nest_an_address_as_deep_as_argmap_reads_and_no_deeper(tmp_path):
    from click.testing import CliRunner

    from argmap.address import MAX_DEPTH
    from argmap.cli import cli

    ok = tmp_path / "ok"
    ok.mkdir()
    (ok / "m.yaml").write_text(_chain_map(MAX_DEPTH), encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(ok)])
    assert result.exit_code == 0 and "Thesis: “A.”" in result.output
    deep = tmp_path / "deep"
    deep.mkdir()
    (deep / "m.yaml").write_text(_chain_map(1200), encoding="utf-8")  # past Python's recursion limit
    for command in ("check", "analyze"):
        result = CliRunner().invoke(cli, [command, str(deep)])
        assert result.exit_code == 1 and "Traceback" not in result.output
        first = result.output.splitlines()[0]
        assert first.startswith(f"{deep / 'm.yaml'}:") and "error[address-too-deep]" in first and "33 levels deep" in first


def _aif_chain(n: int, reverse: bool) -> str:
    import json

    nodes, edges, prev = [{"nodeID": "i0", "text": "Claim zero", "type": "I"}], [], "i0"
    for k in range(n):
        nodes += [{"nodeID": f"i{k + 1}", "text": f"Objection {k + 1}", "type": "I"},
                  {"nodeID": f"ca{k}", "text": "Default Conflict", "type": "CA"}]
        edges += [{"edgeID": f"e{k}a", "fromID": f"i{k + 1}", "toID": f"ca{k}"},
                  {"edgeID": f"e{k}b", "fromID": f"ca{k}", "toID": prev}]
        prev = f"ca{k}"
    return json.dumps({"nodes": nodes[::-1] if reverse else nodes, "edges": edges})


def _microtext_chain(n: int) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<arggraph id="deep">']
    for k in range(n + 2):
        out.append(f'<edu id="e{k}">Claim {k}.</edu><adu id="a{k}" type="pro"/><edge id="s{k}" src="e{k}" trg="a{k}" type="seg"/>')
    out.append('<edge id="c1" src="a1" trg="a0" type="sup"/>')
    out += [f'<edge id="c{k}" src="a{k}" trg="c{k - 1}" type="und"/>' for k in range(2, n + 2)]
    return "\n".join(out + ["</arggraph>"])


@pytest.mark.parametrize("name, text", [("aif.json", _aif_chain(1500, False)), ("aif-reversed.json", _aif_chain(1500, True)),
                                        ("microtext.xml", _microtext_chain(1500))])
def test_an_import_keeps_the_conflicts_argmap_can_name_and_warns_of_the_rest(tmp_path, name, text):
    # a chain of 1,500 conflicts on conflicts (in either order in the file): read in a loop, no recursion
    from argmap.address import MAX_DEPTH
    from argmap.importers import read_file

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    m = read_file(path)
    nested = [r for n in m.map.nodes for r in n.relations if "->" in r.target]
    assert len(nested) == MAX_DEPTH and max(depth(r.target) for r in nested) == MAX_DEPTH
    warned = [w for w in m.warnings if w.code.endswith("too-deep")]
    conflicts_on_conflicts = 1499 if name.startswith("aif") else 1500  # AIF's first conflict attacks a claim
    assert len(warned) == conflicts_on_conflicts - MAX_DEPTH
