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
    """(nodes, relations, left out) from the JSON: every I-node, less those an MA ("Default Rephrase")
    makes wordings of another (one claim, several wordings: a rephrasing is not a node of its own; an MA
    between a question's content and an assertion is IAT's answer and joins nothing), plus one argument
    node per RA with several premises; per RA its premise links (+1 support when linked), per CA one
    attack per attacker, each counted once between claims (two wordings of one claim supporting the same
    conclusion are one support; a claim does not attack its own rephrasing). An RA or CA that does not
    join claims to one target is left out (and must be warned about)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    types = {str(n["nodeID"]): n["type"] for n in data["nodes"]}
    text = {str(n["nodeID"]): str(n.get("text", "")) for n in data["nodes"]}
    into, out = {}, {}
    for e in data["edges"]:
        into.setdefault(str(e["toID"]), []).append(str(e["fromID"]))
        out.setdefault(str(e["fromID"]), []).append(str(e["toID"]))
    asked = {n for n, t in types.items() if t == "I" and any(types[y] == "YA" and "Questioning" in text[y] for y in into.get(n, []))}
    claim = {n: n for n, t in types.items() if t == "I"}  # I-node -> the I-node whose wording it is

    def of(n):
        while claim[n] != n:
            n = claim[n]
        return n

    for n, t in types.items():
        a = [x for x in into.get(n, []) if types[x] == "I"]
        b = [x for x in out.get(n, []) if types[x] == "I"]
        if t == "MA" and len(a) == 1 and len(b) == 1 and (a[0] in asked) == (b[0] in asked):
            claim[of(a[0])] = of(b[0])
    nodes = sum(1 for n in claim if of(n) == n)
    links, left_out = set(), set()
    complete_ra = set()
    for n, t in types.items():
        if t != "RA":
            continue
        premises = [x for x in into.get(n, []) if types[x] == "I"]
        concl = [x for x in out.get(n, []) if types[x] == "I"]
        if premises and len(concl) == 1:
            complete_ra.add(n)
            if len(premises) > 1:
                nodes += 1
                links |= {(n, "premise", of(p)) for p in premises} | {(n, "supports", of(concl[0]))}
            elif of(premises[0]) != of(concl[0]):
                links.add((of(premises[0]), "supports", of(concl[0])))
        else:
            left_out.add(n)
    def accepted(ca, seen=()):
        """A CA with one attacker whose target is a claim, a complete RA or (at any depth) such a CA: an address."""
        attackers = [x for x in into.get(ca, []) if types[x] == "I"]
        targets = [x for x in out.get(ca, []) if types[x] in ("I", "RA", "CA")]
        if len(attackers) != 1 or len(targets) != 1 or ca in seen:
            return False
        t = targets[0]
        return types[t] == "I" or t in complete_ra or (types[t] == "CA" and accepted(t, (*seen, ca)))

    conflicts = {n for n, t in types.items() if t == "CA" and accepted(n)}

    def named(x):  # what a CA aims at, as argmap names it (an objection to an objection: nested)
        if types[x] == "I":
            return of(x)
        if types[x] == "RA":
            ps = [p for p in into.get(x, []) if types[p] == "I"]
            return x if len(ps) > 1 else (of(ps[0]), of(next(c for c in out[x] if types[c] == "I")))
        target = next(t for t in out[x] if types[t] in ("I", "RA", "CA"))
        return (of(next(a for a in into[x] if types[a] == "I")), named(target))

    for n, t in types.items():
        if t != "CA":
            continue
        attackers = [x for x in into.get(n, []) if types[x] == "I"]
        targets = [x for x in out.get(n, []) if types[x] in ("I", "RA", "CA")]
        ok = attackers and len(targets) == 1 and (types[targets[0]] == "I" or targets[0] in complete_ra or targets[0] in conflicts)
        if ok:
            links |= {(of(a), "attacks", named(targets[0])) for a in attackers if of(a) != named(targets[0])}
        else:
            left_out.add(n)
    return nodes, len(links), left_out


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


def _speaking(nid, who, ya="Asserting"):
    """An L-node ``who : ...`` anchored to I-node ``nid`` by a YA: AIFdb's "who said it"."""
    return ([{"nodeID": f"L{nid}", "text": f"{who} : words", "type": "L"}, {"nodeID": f"Y{nid}", "text": ya, "type": "YA"}],
            [{"edgeID": f"eL{nid}", "fromID": f"L{nid}", "toID": f"Y{nid}"}, {"edgeID": f"eY{nid}", "fromID": f"Y{nid}", "toID": nid}])


def test_a_rephrase_makes_one_claim_with_the_rephrasing_as_a_wording():
    """2 rephrases 1 (MA), 4 rephrases 2: one claim, 1's text, 2 and 4 its wordings with their speakers;
    2's support of 3 is the claim's. Nothing is lost, so nothing is warned."""
    nodes = [{"nodeID": "1", "text": "A", "type": "I"}, {"nodeID": "2", "text": "A again", "type": "I"},
             {"nodeID": "3", "text": "C", "type": "I"}, {"nodeID": "4", "text": "A, a third time", "type": "I"},
             {"nodeID": "m1", "text": "Default Rephrase", "type": "MA"}, {"nodeID": "m2", "text": "Default Rephrase", "type": "MA"},
             {"nodeID": "r", "text": "Default Inference", "type": "RA"}]
    edges = [{"edgeID": "e1", "fromID": "2", "toID": "m1"}, {"edgeID": "e2", "fromID": "m1", "toID": "1"},
             {"edgeID": "e3", "fromID": "4", "toID": "m2"}, {"edgeID": "e4", "fromID": "m2", "toID": "2"},
             {"edgeID": "e5", "fromID": "2", "toID": "r"}, {"edgeID": "e6", "fromID": "r", "toID": "3"}]
    for nid, who in (("1", "ANN"), ("2", "BOB"), ("4", "ANN")):
        more_nodes, more_edges = _speaking(nid, who)
        nodes += more_nodes
        edges += more_edges
    m = read(json.dumps({"nodes": nodes, "edges": edges, "locutions": []}, indent=1), "r.json")
    assert [n.text for n in m.nodes] == ["A", "C"]
    a = m.nodes[0]
    assert a.by == "ANN" and [(w["text"], w["by"]) for w in a.wordings] == [("A again", "BOB"), ("A, a third time", "ANN")]
    assert m.sources[a.wordings[0]["source"]]["author"] == "BOB"  # each wording keeps its speaker's source
    assert [(r.kind, r.target) for r in a.rels] == [("supports", m.nodes[1].id)]
    assert [w.code for w in m.warnings if w.code != "aif-dialogue"] == []


def test_a_rephrase_of_a_questions_content_is_an_answer_not_a_wording():
    """IAT links an answer to the question it answers by an MA between their contents: two claims stay."""
    nodes = [{"nodeID": "1", "text": "Is A true?", "type": "I"}, {"nodeID": "2", "text": "A is true", "type": "I"},
             {"nodeID": "3", "text": "Default Rephrase", "type": "MA"}]
    edges = [{"edgeID": "4", "fromID": "2", "toID": "3"}, {"edgeID": "5", "fromID": "3", "toID": "1"}]
    for nid, who, ya in (("1", "ANN", "Pure Questioning"), ("2", "BOB", "Asserting")):
        more_nodes, more_edges = _speaking(nid, who, ya)
        nodes += more_nodes
        edges += more_edges
    m = read(json.dumps({"nodes": nodes, "edges": edges}, indent=1), "r.json")
    assert [n.text for n in m.nodes] == ["Is A true?", "A is true"] and m.nodes[0].wordings == []
    assert m.nodes[1].note == f"Rephrases {m.nodes[0].id} (AIF MA 3)."
    (w,) = [w for w in m.warnings if w.code == "aif-rephrase"]
    assert w.loc.line > 1 and "question" in w.message


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
