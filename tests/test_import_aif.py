"""AIF-JSON from the shared corpus (AIFdb): node and relation counts from the JSON itself."""

from __future__ import annotations

import json

import pytest

from argmap.importers import import_files, read_file
from argmap.importers.aif import read

from importhelp import CORPUS, check_written, needs_corpus, relation_count

ARGUEBASE = sorted(p for p in CORPUS.glob("aif/arguebase-public/*/*/*.json") if p.name != "aif2arggraph.json")
NON_MICRO = [p for p in ARGUEBASE if "/microtexts/" not in str(p)]
SAMPLE = NON_MICRO + [p for p in ARGUEBASE if "/microtexts/" in str(p)][::10]


def _expected(path):
    """(nodes, relations, left out) from the JSON: every I-node, plus one argument node per RA with
    several premises; per RA its premise links (+1 support when linked), per CA one attack per attacker.
    An RA or CA that does not join claims to one target is left out (and must be warned about)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    types = {str(n["nodeID"]): n["type"] for n in data["nodes"]}
    into, out = {}, {}
    for e in data["edges"]:
        into.setdefault(str(e["toID"]), []).append(str(e["fromID"]))
        out.setdefault(str(e["fromID"]), []).append(str(e["toID"]))
    nodes = sum(1 for t in types.values() if t == "I")
    relations, left_out = 0, set()
    complete_ra = set()
    for n, t in types.items():
        if t != "RA":
            continue
        premises = [x for x in into.get(n, []) if types[x] == "I"]
        concl = [x for x in out.get(n, []) if types[x] == "I"]
        if premises and len(concl) == 1:
            complete_ra.add(n)
            relations += len(premises) + (1 if len(premises) > 1 else 0)
            nodes += 1 if len(premises) > 1 else 0
        else:
            left_out.add(n)
    def named(ca, seen=()):
        """A CA with one attacker whose target is a claim, a complete RA or (at any depth) such a CA: an address."""
        attackers = [x for x in into.get(ca, []) if types[x] == "I"]
        targets = [x for x in out.get(ca, []) if types[x] in ("I", "RA", "CA")]
        if len(attackers) != 1 or len(targets) != 1 or ca in seen:
            return False
        t = targets[0]
        return types[t] == "I" or t in complete_ra or (types[t] == "CA" and named(t, (*seen, ca)))

    conflicts = {n for n, t in types.items() if t == "CA" and named(n)}
    for n, t in types.items():
        if t != "CA":
            continue
        attackers = [x for x in into.get(n, []) if types[x] == "I"]
        targets = [x for x in out.get(n, []) if types[x] in ("I", "RA", "CA")]
        ok = attackers and len(targets) == 1 and (types[targets[0]] == "I" or targets[0] in complete_ra or targets[0] in conflicts)
        if ok:
            relations += len(attackers)
        else:
            left_out.add(n)
    return nodes, relations, left_out


@needs_corpus
def test_sample_is_large_enough():
    assert len(SAMPLE) >= 20


@needs_corpus
@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: f"{p.parent.parent.name}-{p.stem}")
def test_aif_imports_with_the_counts_of_the_json_and_checks_clean(path, tmp_path):
    m = read_file(path)
    nodes, relations, left_out = _expected(path)
    assert len(m.map.nodes) == nodes
    assert relation_count(m.map) == relations
    warned = " ".join(w.message for w in m.warnings)
    for n in left_out:  # nothing is left out without a word
        assert f" {n} " in warned, n
    texts, _ = import_files([path])
    check_written(tmp_path / "a", texts)


@needs_corpus
def test_speakers_become_by_and_one_source_each():
    path = next(p for p in ARGUEBASE if p.stem == "nodeset10304")
    m = read(path.read_text(encoding="utf-8"), str(path))
    node = next(n for n in m.nodes if n.text == "only Rosie O'Donnell")
    assert node.by == "TRUMP"
    assert m.sources[node.source]["author"] == "TRUMP"
    assert m.sources[node.source]["file"] == "nodeset10304.txt"
    authors = [s.get("author") for s in m.sources.values() if s.get("author")]
    assert len(authors) == len(set(authors))


def test_rephrase_is_a_note_and_a_warning():
    data = {"nodes": [{"nodeID": "1", "text": "A", "type": "I"}, {"nodeID": "2", "text": "A again", "type": "I"},
                      {"nodeID": "3", "text": "Default Rephrase", "type": "MA"}],
            "edges": [{"edgeID": "4", "fromID": "2", "toID": "3"}, {"edgeID": "5", "fromID": "3", "toID": "1"}]}
    m = read(json.dumps(data, indent=1), "r.json")
    assert m.nodes[1].note == f"Rephrases {m.nodes[0].id} (AIF MA 3)."
    assert [w.code for w in m.warnings] == ["aif-rephrase"]
    assert m.warnings[0].loc.line > 1


def _nodes(*specs):
    return [{"nodeID": i, "text": t, "type": "I" if len(t) == 1 else ("RA" if t.endswith("Inference") else "CA")}
            for i, t in specs]


def test_conflicts_on_conflicts_are_nested_addresses_and_evaluate_by_afra():
    """CA 5 attacks CA 4, which undercuts RA 3 (P supports C): X attacks U->P->C (argmap.address).
    CA 8 attacks CA 11, which attacks CA 10 (W attacks C): Y attacks Z->W->C, Y's own relation being
    Y->Z->W->C, depth 3. AFRA: Y's attack
    defeats Z's, so W's attack on C stands and C falls; without Y, Z's attack defeats W's and C stands."""
    from argmap.frameworks import statuses
    from argmap.graph import build
    from argmap.importers import read_string
    from argmap.model import Project

    nodes = _nodes(("1", "P"), ("2", "C"), ("3", "Default Inference"), ("6", "U"), ("4", "Default Conflict"),
                   ("7", "X"), ("5", "Default Conflict"), ("12", "W"), ("10", "Default Conflict"), ("13", "Z"),
                   ("11", "Default Conflict"), ("9", "Y"), ("8", "Default Conflict"))
    pairs = [("1", "3"), ("3", "2"), ("6", "4"), ("4", "3"), ("7", "5"), ("5", "4"), ("12", "10"), ("10", "2"),
             ("13", "11"), ("11", "10"), ("9", "8"), ("8", "11")]
    edges = [{"edgeID": f"e{i}", "fromID": a, "toID": b} for i, (a, b) in enumerate(pairs)]
    im = read_string(json.dumps({"nodes": nodes, "edges": edges}, indent=1), "n.json", "aif")
    assert im.warnings == ()
    ids = {n.text: n.id for n in im.map.nodes}
    P, C, U, X, W, Z, Y = (ids[t] for t in "PCUXWZY")
    assert sorted((n.id, r.kind, r.target) for n in im.map.nodes for r in n.relations if "->" in r.target) == sorted([
        (U, "undercuts", f"{P}->{C}"), (X, "attacks", f"{U}->{P}->{C}"), (Z, "attacks", f"{W}->{C}"),
        (Y, "attacks", f"{Z}->{W}->{C}")])
    assert statuses(build(Project((im.map,))))[C] == "OUT"
    without_y = json.dumps({"nodes": nodes[:-2], "edges": edges[:-2]}, indent=1)
    assert statuses(build(Project((read_string(without_y, "n.json", "aif").map,))))[C] == "IN"


def test_undercut_of_a_single_premise_inference_targets_the_relation():
    data = {"nodes": [{"nodeID": "1", "text": "P", "type": "I"}, {"nodeID": "2", "text": "C", "type": "I"},
                      {"nodeID": "3", "text": "U", "type": "I"}, {"nodeID": "4", "text": "RA", "type": "RA"},
                      {"nodeID": "5", "text": "CA", "type": "CA"}],
            "edges": [{"edgeID": "6", "fromID": "1", "toID": "4"}, {"edgeID": "7", "fromID": "4", "toID": "2"},
                      {"edgeID": "8", "fromID": "3", "toID": "5"}, {"edgeID": "9", "fromID": "5", "toID": "4"}]}
    m = read(json.dumps(data), "u.json")
    p, c, u = m.nodes
    assert [(r.kind, r.target) for r in u.rels] == [("undercuts", f"{p.id}->{c.id}")]


def test_dangling_edge_is_a_warning_not_a_silent_drop():
    data = {"nodes": [{"nodeID": "1", "text": "P", "type": "I"}], "edges": [{"edgeID": "6", "fromID": "1", "toID": "99"}]}
    m = read(json.dumps(data), "d.json")
    assert [w.code for w in m.warnings] == ["aif-dangling-edge"]


def test_not_json_is_a_located_error():
    from argmap.diagnostics import InvalidInputError

    with pytest.raises(InvalidInputError) as exc:
        read('{"nodes": [\n  {"nodeID": 1,,}\n]}', "bad.json")
    assert str(exc.value.diagnostics[0]).startswith("bad.json:2:")


# Defects found by QA.


def test_aif_duplicate_node_id_and_empty_text_are_reported():
    # the first I-node with nodeID 1 vanished without a word, and an empty text was filled in silently
    import json

    from argmap.importers.aif import read as read_aif

    data = {"nodes": [{"nodeID": "1", "text": "", "type": "I"}, {"nodeID": "1", "text": "dup", "type": "I"},
                      {"nodeID": "3", "text": "C", "type": "I"}], "edges": [], "locutions": []}
    m = read_aif(json.dumps(data, indent=1), "d.json")
    assert [n.text for n in m.nodes] == ["(I-node 1 has no text)", "C"]
    assert [w.code for w in m.warnings] == ["aif-duplicate-node", "aif-empty-node"]
