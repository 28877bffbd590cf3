"""Tests for argmap.afra: attacks on attacks (AFRA, Baroni et al., IJAR 2011).

Where the examples come from:

* ``BOB``: the "Bob's Christmas holidays" framework, Baroni et al.'s running
  example, with the arguments and attack names exactly as the ASPARTIX page for
  AFRAs gives it (TU Wien DBAI, "ASPARTIX for Argumentation frameworks with
  recursive attacks", which calls it "the Bob example from [1]", [1] being the
  AFRA paper). I could not read the paper's own text here, so the expected
  defeats and extensions below are worked out by hand from the paper's
  definitions (direct and indirect defeat; Dung's semantics over defeat), step
  by step in the test; the outcome is the story's (Bob goes to the Galapagos).
* The small frameworks in ``TestDefinitions`` are built from the definitions
  (one per clause), not taken from the paper.
* Every semantics is also checked against a brute-force evaluation written
  straight from the paper's definitions (conflict-free, acceptable,
  admissible, complete, grounded, preferred, stable over AFRA defeat), on
  random AFRAs with attacks on attacks; and, with no attacked attack, against
  plain Dung semantics on random frameworks.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import semantics as dung
from argmap.afra import (
    AFRA,
    AFRAError,
    Attack,
    argument_labels,
    defeats,
    extensions,
    labelling,
    to_af,
)
from argmap.semantics import Label

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDEC

# afraA(a). afraA(n). afraA(p). afraA(c). afraA(g).
# afraR(epsilon,a,n). afraR(delta,n,gamma). afraR(gamma,p,beta).
# afraR(beta,c,g). afraR(alpha,g,c).
BOB = AFRA.build(
    ["a", "n", "p", "c", "g"],
    [
        ("epsilon", "a", "n"),
        ("delta", "n", "gamma"),
        ("gamma", "p", "beta"),
        ("beta", "c", "g"),
        ("alpha", "g", "c"),
    ],
)


class TestBob:
    def test_defeats(self):
        # direct: each attack defeats its target. indirect: epsilon's target n
        # is the source of delta; beta's target g is alpha's source; alpha's
        # target c is beta's source. gamma and delta target attacks, which are
        # sources of nothing, so they defeat only directly.
        assert sorted(defeats(BOB)) == sorted(
            [
                ("epsilon", "n", "direct"),
                ("epsilon", "delta", "indirect"),
                ("delta", "gamma", "direct"),
                ("gamma", "beta", "direct"),
                ("beta", "g", "direct"),
                ("beta", "alpha", "indirect"),
                ("alpha", "c", "direct"),
                ("alpha", "beta", "indirect"),
            ]
        )

    def test_grounded(self):
        # a, p, epsilon undefeated -> IN; so n, delta OUT; gamma (only
        # defeater delta is OUT) IN; beta OUT; alpha and g (only defeater beta)
        # IN; c OUT.
        lab = labelling(BOB)
        assert {x for x, l in lab.items() if l is IN} == {"a", "p", "g", "epsilon", "gamma", "alpha"}
        assert {x for x, l in lab.items() if l is OUT} == {"n", "c", "delta", "beta"}
        assert argument_labels(BOB) == {"a": IN, "n": OUT, "p": IN, "c": OUT, "g": IN}

    @pytest.mark.parametrize("sem", ["complete", "preferred", "stable"])
    def test_unique_extension(self, sem):
        # The grounded labelling leaves nothing UNDEC, so it is the only
        # complete (hence preferred and stable) extension.
        assert extensions(BOB, sem) == [frozenset({"a", "p", "g", "epsilon", "gamma", "alpha"})]

    def test_without_the_preference_bob_cannot_choose(self):
        # Drop p's attack on beta (and what hangs on it): Cuba and Galapagos
        # attack each other and grounded decides neither.
        fw = AFRA.build(["c", "g"], [("beta", "c", "g"), ("alpha", "g", "c")])
        assert argument_labels(fw) == {"c": UNDEC, "g": UNDEC}
        assert [sorted(e) for e in extensions(fw, "preferred")] == [["beta", "c"], ["alpha", "g"]]


class TestDefinitions:
    def test_attack_on_attack_saves_the_target(self):
        # c attacks the attack a->b: b is not defeated (a relevance objection).
        fw = AFRA.build("abc", [("ab", "a", "b"), ("c-ab", "c", "ab")])
        assert labelling(fw) == {"a": IN, "b": IN, "c": IN, "ab": OUT, "c-ab": IN}

    def test_attacking_the_source_defeats_its_attacks(self):
        # Indirect defeat: d defeats a, so a's attack on b is defeated too and
        # b is IN, although nothing targets the attack a->b itself.
        fw = AFRA.build("abd", [("ab", "a", "b"), ("da", "d", "a")])
        assert ("da", "ab", "indirect") in defeats(fw)
        assert labelling(fw) == {"a": OUT, "b": IN, "d": IN, "ab": OUT, "da": IN}

    def test_attack_on_an_attack_on_an_attack(self):
        # d attacks (c attacks (a attacks b)): a->b stands again, b OUT.
        fw = AFRA.build("abcd", [("ab", "a", "b"), ("c-ab", "c", "ab"), ("d-c-ab", "d", "c-ab")])
        assert argument_labels(fw) == {"a": IN, "b": OUT, "c": IN, "d": IN}
        assert labelling(fw)["c-ab"] is OUT

    def test_preference_breaks_a_mutual_attack(self):
        # a and b attack each other; c attacks b's attack on a (a preference
        # for a): a is IN, b OUT; b's attack is OUT though b is not attacked
        # through it.
        fw = AFRA.build("abc", [("ab", "a", "b"), ("ba", "b", "a"), ("c-ba", "c", "ba")])
        assert labelling(fw) == {"a": IN, "b": OUT, "c": IN, "ab": IN, "ba": OUT, "c-ba": IN}
        assert extensions(fw, "preferred") == [frozenset({"a", "c", "ab", "c-ba"})]

    def test_an_attack_defeated_twice_over(self):
        # The attack a->b is hit directly (by c) and through its source (by d).
        fw = AFRA.build("abcd", [("ab", "a", "b"), ("c-ab", "c", "ab"), ("da", "d", "a")])
        assert argument_labels(fw) == {"a": OUT, "b": IN, "c": IN, "d": IN}

    def test_self_attacking_attack_is_undecided(self):
        fw = AFRA.build("ab", [("x", "a", "x")])
        assert labelling(fw) == {"a": IN, "b": IN, "x": UNDEC}
        assert extensions(fw, "stable") == []
        assert labelling(fw, "stable") == {"a": UNDEC, "b": UNDEC, "x": UNDEC}

    def test_to_af_reifies_attacks(self):
        fw = AFRA.build("abc", [("ab", "a", "b"), ("c-ab", "c", "ab")])
        af = to_af(fw)
        assert af.arguments == ("a", "b", "c", "ab", "c-ab")
        assert af.attacks == {("ab", "b"), ("c-ab", "ab")}

    def test_attack_objects_accepted(self):
        fw = AFRA.build("ab", [Attack("ab", "a", "b")])
        assert fw.attacks == (Attack("ab", "a", "b"),)


class TestErrors:
    @pytest.mark.parametrize(
        "args, atts, message",
        [
            ("ab", [("a", "a", "b")], "duplicate id 'a'"),
            ("ab", [("x", "a", "b"), ("x", "b", "a")], "duplicate id 'x'"),
            ("ab", [("x", "z", "b")], "starts at 'z', which is not an argument"),
            ("ab", [("x", "a", "b"), ("y", "x", "b")], "starts at 'x', which is not an argument"),
            ("ab", [("x", "a", "q")], "targets 'q'"),
        ],
    )
    def test_bad_frameworks(self, args, atts, message):
        with pytest.raises(AFRAError, match=message):
            AFRA.build(args, atts)

    def test_unknown_semantics(self):
        with pytest.raises(dung.SemanticsError):
            labelling(BOB, "ideal")


# ------------------------------------------------------------ brute force


def _brute(fw: AFRA):
    """Every semantics straight from the AFRA paper's definitions, by enumeration."""
    elems = fw.elements
    src = {a.id: a.source for a in fw.attacks}
    trg = {a.id: a.target for a in fw.attacks}
    defeat = set()
    for al in fw.attacks:
        defeat.add((al.id, al.target))  # direct defeat
        for be in fw.attacks:
            if src[be.id] == trg[al.id]:  # indirect defeat
                defeat.add((al.id, be.id))
    defeaters = {x: {a for a, b in defeat if b == x} for x in elems}

    def cf(s):
        return not any((a, b) in defeat for a in s for b in s)

    def acceptable(x, s):
        return all(any((c, d) in defeat for c in s) for d in defeaters[x])

    subsets = [frozenset(c) for r in range(len(elems) + 1) for c in itertools.combinations(elems, r)]
    adm = [s for s in subsets if cf(s) and all(acceptable(x, s) for x in s)]
    co = [s for s in adm if all(x in s for x in elems if acceptable(x, s))]
    pr = [s for s in adm if not any(s < t for t in adm)]
    st_ = [s for s in subsets if cf(s) and all(any((a, x) in defeat for a in s) for x in elems if x not in s)]
    gr = [s for s in co if all(s <= t for t in co)]
    return {"grounded": gr, "complete": co, "preferred": pr, "stable": st_}


@st.composite
def afras(draw, max_args=4, max_attacks=5):
    n = draw(st.integers(1, max_args))
    m = draw(st.integers(0, max_attacks))
    args = [f"a{i}" for i in range(n)]
    ids = [f"r{j}" for j in range(m)]
    atts = []
    for j in range(m):
        s = draw(st.sampled_from(args))
        t = draw(st.sampled_from(args + ids))  # an argument or any attack, itself included
        atts.append((ids[j], s, t))
    return AFRA.build(args, atts)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(afras())
def test_semantics_match_the_definitions(fw):
    brute = _brute(fw)
    for sem, want in brute.items():
        assert set(extensions(fw, sem)) == set(want), sem


@st.composite
def dung_frameworks(draw, max_args=7):
    n = draw(st.integers(1, max_args))
    args = [f"x{i}" for i in range(n)]
    pairs = draw(st.sets(st.tuples(st.sampled_from(args), st.sampled_from(args)), max_size=2 * n))
    return args, sorted(pairs)


def _as_afra(args, pairs):
    return AFRA.build(args, [(f"{a}->{b}", a, b) for a, b in pairs])


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(dung_frameworks())
def test_no_attacked_attack_gives_plain_dung_labels(fw):
    args, pairs = fw
    af = dung.AF.from_edges(pairs, args)
    afra = _as_afra(args, pairs)
    assert argument_labels(afra) == dung.grounded(af)
    # each attack carries its source's label
    lab = labelling(afra)
    assert all(lab[f"{a}->{b}"] == lab[a] for a, b in pairs)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(dung_frameworks(max_args=6))
def test_no_attacked_attack_gives_plain_dung_extensions(fw):
    args, pairs = fw
    af = dung.AF.from_edges(pairs, args)
    afra = _as_afra(args, pairs)
    argset = set(args)
    for sem in ("complete", "preferred", "stable"):
        mine = {e & argset for e in extensions(afra, sem)}
        assert mine == set(dung.extensions(af, sem)), sem
        assert len(extensions(afra, sem)) == len(mine)  # one AFRA extension per Dung one
        assert argument_labels(afra, sem) == {
            a: Label(s) for a, s in _sceptical(af, sem).items()
        }


def _sceptical(af, sem):
    exts = dung.extensions(af, sem)
    if not exts:
        return {a: "UNDEC" for a in af.arguments}
    return {
        a: "IN"
        if all(a in e for e in exts)
        else "OUT"
        if all(any(b in e for b in af.attackers(a)) for e in exts)
        else "UNDEC"
        for a in af.arguments
    }


def test_output_order_is_stable():
    fw = AFRA.build("abc", [("ab", "a", "b"), ("ba", "b", "a"), ("bc", "b", "c"), ("cb", "c", "b")])
    got = [sorted(e) for e in extensions(fw, "complete")]
    assert got == [[], ["b", "ba", "bc"], ["a", "ab", "c", "cb"]]
    assert list(labelling(fw)) == ["a", "b", "c", "ab", "ba", "bc", "cb"]


# Bob's example written as a map: every AFRA attack is a relation of the map, and delta (n's
# objection to p's objection to Cuba's attack on the Galapagos) is an attack on an attack on an
# attack, named with the nested address ``n->p->c->g`` (argmap.address).
BOB_MAP = """
nodes:
  - id: c
    text: Bob goes to Cuba.
    attacks: [g]                  # beta
  - id: g
    text: Bob goes to the Galapagos.
    attacks: [c]                  # alpha
  - id: p
    text: There is a special price for the Galapagos, so Bob prefers it.
    attacks: [c->g]               # gamma: on beta
  - id: n
    text: The special price offer has expired.
    attacks: [p->c->g]            # delta: on gamma, which is on beta
{extra}
"""
#: AFRA's attack names for the map's relations (afra_framework names each attack by its address)
BOB_NAMES = {"a->n": "epsilon", "n->p->c->g": "delta", "p->c->g": "gamma", "c->g": "beta", "g->c": "alpha"}


class TestNestedMap:
    """afra_framework over a map's nested relation addresses gives AFRA's labels for Bob's example."""

    def built(self, extra=""):
        from argmap.frameworks import afra_framework
        from literal import graph

        return afra_framework(graph(BOB_MAP.format(extra=extra)))

    def test_the_map_is_the_papers_framework(self):
        built = self.built("  - id: a\n    text: The offer was extended.\n    attacks: [n]   # epsilon\n")
        fw = built.afra
        assert sorted((BOB_NAMES[a.id], a.source, BOB_NAMES.get(a.target, a.target)) for a in fw.attacks) == sorted(
            (a.id, a.source, a.target) for a in BOB.attacks)
        assert sorted(BOB_NAMES.get(x, x) for x in fw.elements) == sorted(BOB.elements)
        # labels of arguments and of attacks at every depth, worked out in TestBob.test_grounded
        lab = {BOB_NAMES.get(x, x): lab for x, lab in labelling(fw).items()}
        assert lab == {"a": IN, "n": OUT, "p": IN, "c": OUT, "g": IN,
                       "epsilon": IN, "delta": OUT, "gamma": IN, "beta": OUT, "alpha": IN}
        assert built.attacked

    def test_without_epsilon_delta_stands_and_bob_cannot_choose(self):
        # n unattacked: delta (depth 2) is IN and defeats gamma, so beta is no longer defeated;
        # alpha and beta defeat each other and grounded leaves c and g open.
        lab = labelling(self.built().afra)
        assert {BOB_NAMES.get(x, x): str(v) for x, v in lab.items()} == {
            "n": "IN", "p": "IN", "c": "UNDEC", "g": "UNDEC",
            "delta": "IN", "gamma": "OUT", "beta": "UNDEC", "alpha": "UNDEC"}
        assert [sorted(e) for e in extensions(self.built().afra, "preferred")] == [
            ["c", "c->g", "n", "n->p->c->g", "p"], ["g", "g->c", "n", "n->p->c->g", "p"]]

    def test_an_attack_at_depth_three_changes_the_verdict_as_afra_says(self):
        # zeta: x attacks delta, an attack named by a depth-3 address. zeta defeats delta directly
        # (x is not attacked), so gamma is IN again, beta OUT, and Bob goes to the Galapagos.
        built = self.built("  - id: x\n    text: That expiry notice was for last year's offer.\n"
                           "    attacks: [n->p->c->g]\n")
        assert ("x->n->p->c->g", "x", "n->p->c->g") in {(a.id, a.source, a.target) for a in built.afra.attacks}
        lab = {x: str(v) for x, v in labelling(built.afra).items()}
        assert lab == {"c": "OUT", "g": "IN", "p": "IN", "n": "IN", "x": "IN", "c->g": "OUT", "g->c": "IN",
                       "p->c->g": "IN", "n->p->c->g": "OUT", "x->n->p->c->g": "IN"}

    def test_the_old_rewrite_of_an_attack_on_an_attack_is_another_framework(self):
        # What importers did before nested addresses: n attacks p (the inner objection's source).
        # That also defeats p's own standing, which AFRA's delta does not: p is OUT instead of IN.
        from argmap.frameworks import afra_framework
        from literal import graph

        lab = labelling(afra_framework(graph(BOB_MAP.format(extra="").replace("[p->c->g]", "[p]"))).afra)
        assert str(lab["p"]) == "OUT" and str(self.built_labels()["p"]) == "IN"

    def built_labels(self):
        return labelling(self.built().afra)
