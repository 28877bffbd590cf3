"""Tests for argmap.gradual: DF-QuAD (Rago et al., KR 2016) and quadratic energy (Potyka, KR 2018).

Where the worked examples come from:

* ``EDEMOCRACY``: the e-democracy QuAD framework of Rago, Toni, Aurisicchio &
  Baroni (two answers A1, A2 with pros P1-P3 and cons C1-C4), as encoded in
  Nico Potyka's Uncertainpy library (``examples/gradual/BAG/RagoEtAlEDemocracy.bag``).
  Its example notebook (``examples/gradual/gradual_argumentation_examples.ipynb``)
  prints the DF-QuAD strengths by forward propagation: A1 0.862, A2 0.85,
  P2 0.08. The same numbers follow by hand from the paper's definitions
  (shown in the test). The quadratic-energy strengths are worked out by hand
  from Potyka's definitions (the graph is acyclic, so the limit is the
  forward-propagated equilibrium).
* ``STOCK``: Potyka's stock-trading example (Buy and Sell attack each other;
  arguments 1-5 for and against), as shipped in Uncertainpy
  (``examples/example.bag``), with the quadratic-energy strengths that notebook
  prints (RK4, step 0.1, stopped at a change below 1e-3, so they agree with the
  exact limit to about 1e-3 only). I could not read either paper's own text
  here, so I cite the library of the second paper's author, not a page of the
  papers.
* The properties (base score without attackers or supporters, balance,
  monotonicity, [0, 1], fixpoints on cyclic graphs) are the papers' stated
  properties, checked on random frameworks against a separate small
  implementation of each update rule written here.
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import assume, given, settings, strategies as st

from argmap.analysis import gradual_strengths, statuses
from argmap.gradual import GRADUAL, GradualError, dfquad, normalize_gradual, quadratic_energy, strengths

from literal import ATTACKED, PREMISES, graph

EDEMOCRACY = dict(
    arguments=["A1", "A2", "P1", "P2", "P3", "C1", "C2", "C3", "C4"],
    attacks=[("C1", "A2"), ("C2", "P2"), ("C3", "P2"), ("C4", "P2")],
    supports=[("P1", "A1"), ("P2", "A1"), ("P3", "A2")],
    base=dict(A1=0.5, A2=0.5, P1=0.7, P2=0.5, P3=0.9, C1=0.2, C2=0.2, C3=0.6, C4=0.5),
)

STOCK = dict(
    arguments=["Buy", "Sell", "1", "2", "3", "4", "5"],
    attacks=[("Buy", "Sell"), ("Sell", "Buy"), ("2", "1"), ("3", "2"), ("4", "3"), ("5", "1")],
    supports=[("1", "Sell"), ("2", "Buy"), ("4", "2"), ("5", "Buy")],
    base={"Buy": 0.5, "Sell": 0.5, "1": 0.8, "2": 0.7, "3": 0.3, "4": 0.9, "5": 0.9},
)


# ---------------------------------------------- reference update rules (independent of the module)


def ref_dfquad(w, att, sup):
    va = 1 - math.prod(1 - v for v in att)
    vs = 1 - math.prod(1 - v for v in sup)
    return w - w * (va - vs) if va >= vs else w + (1 - w) * (vs - va)


def ref_energy(w, att, sup):
    e = sum(sup) - sum(att)
    h = lambda x: max(x, 0) ** 2 / (1 + max(x, 0) ** 2)  # noqa: E731
    return w - w * h(-e) + (1 - w) * h(e)


def fixpoint_error(rule, fw, values, default=0.5):
    base = fw.get("base") or {}
    worst = 0.0
    for a in fw["arguments"]:
        att = [values[x] for x, y in set(fw["attacks"]) if y == a]
        sup = [values[x] for x, y in set(fw["supports"]) if y == a]
        worst = max(worst, abs(rule(base.get(a, default), att, sup) - values[a]))
    return worst


# ---------------------------------------------- worked examples


class TestEDemocracy:
    def test_dfquad(self):
        r = dfquad(**EDEMOCRACY)
        # P2: cons 0.2, 0.6, 0.5 -> va = 1 - 0.8*0.4*0.5 = 0.84 -> 0.5 - 0.5*0.84 = 0.08
        # A1: pros 0.7, 0.08 -> vs = 1 - 0.3*0.92 = 0.724 -> 0.5 + 0.5*0.724 = 0.862
        # A2: con 0.2, pro 0.9 -> 0.5 + 0.5*(0.9 - 0.2) = 0.85
        assert r.values["P2"] == pytest.approx(0.08, abs=1e-12)
        assert r.values["A1"] == pytest.approx(0.862, abs=1e-12)
        assert r.values["A2"] == pytest.approx(0.85, abs=1e-12)
        for leaf in ("P1", "P3", "C1", "C2", "C3", "C4"):
            assert r.values[leaf] == EDEMOCRACY["base"][leaf]
        assert (r.converged, r.rounds, r.cyclic) == (True, 0, ())

    def test_quadratic_energy(self):
        r = quadratic_energy(**EDEMOCRACY)
        h = lambda e: e * e / (1 + e * e)  # noqa: E731  (for e >= 0)
        p2 = 0.5 - 0.5 * h(0.2 + 0.6 + 0.5)  # E = -1.3
        a1 = 0.5 + 0.5 * h(0.7 + p2)  # E = 0.7 + s(P2)
        a2 = 0.5 + 0.5 * h(0.9 - 0.2)  # E = 0.7
        assert r.values["P2"] == pytest.approx(p2, abs=1e-12) == pytest.approx(0.185874, abs=1e-6)
        assert r.values["A1"] == pytest.approx(a1, abs=1e-12) == pytest.approx(0.719852, abs=1e-6)
        assert r.values["A2"] == pytest.approx(a2, abs=1e-12) == pytest.approx(0.664430, abs=1e-6)
        # both semantics rank A1 above A2
        assert r.values["A1"] > r.values["A2"]


class TestStock:
    PRINTED = {"Buy": 0.8208, "Sell": 0.3635, "1": 0.2049, "2": 0.8050, "3": 0.1658, "4": 0.9, "5": 0.9}

    def test_quadratic_energy_matches_the_published_run(self):
        r = quadratic_energy(**STOCK)
        assert r.converged and r.cyclic == ("Buy", "Sell")
        for a, v in self.PRINTED.items():
            assert r.values[a] == pytest.approx(v, abs=2e-3), a
        # and it is an equilibrium of the ODE to far better than that run
        assert fixpoint_error(ref_energy, STOCK, r.values) < 2e-8

    def test_step_size_does_not_change_the_limit(self):
        a = quadratic_energy(**STOCK).values
        b = quadratic_energy(**STOCK, step=0.1).values
        assert all(abs(a[k] - b[k]) < 1e-7 for k in a)

    def test_dfquad_cycle_reaches_a_fixpoint(self):
        r = dfquad(**STOCK)
        assert r.converged and r.rounds > 0 and r.cyclic == ("Buy", "Sell")
        assert fixpoint_error(ref_dfquad, STOCK, r.values) < 2e-8
        # acyclic part exact: 3 attacked by 4 (0.9) -> 0.3 - 0.3*0.9
        assert r.values["3"] == pytest.approx(0.03, abs=1e-12)


# ---------------------------------------------- definitions and small cases


@pytest.mark.parametrize("fn", [dfquad, quadratic_energy])
def test_unrelated_argument_keeps_its_base_score(fn):
    r = fn(["a", "b"], base={"a": 0.37})
    assert r.values == {"a": 0.37, "b": 0.5}


def test_dfquad_balance():
    # equal aggregated attack and support -> base score, for any base
    for w in (0.0, 0.2, 0.5, 1.0):
        r = dfquad("abcde", [("b", "a"), ("c", "a")], [("d", "a"), ("e", "a")], {"a": w})
        assert r.values["a"] == pytest.approx(w, abs=1e-15)


def test_dfquad_extremes():
    # a certain attacker and nothing else kills the argument; a certain supporter makes it certain
    assert dfquad("ab", [("b", "a")], base={"b": 1.0}).values["a"] == 0.0
    assert dfquad("ab", [], [("b", "a")], base={"b": 1.0}).values["a"] == 1.0


def test_duplicate_relations_count_once():
    once = dfquad("ab", [("b", "a")]).values
    twice = dfquad("ab", [("b", "a"), ("b", "a")]).values
    assert once == twice


def test_linked_premises_cap_strength_and_propagate():
    # arg has premises p (weak) and q; arg supports c.
    kw = dict(arguments=["arg", "p", "q", "c"], supports=[("arg", "c")], base={"arg": 0.9, "p": 0.2, "q": 0.8})
    for fn in (dfquad, quadratic_energy):
        free = fn(**kw).values
        capped = fn(**kw, premises={"arg": ["p", "q"]}).values
        assert free["arg"] == 0.9 and capped["arg"] == 0.2
        assert capped["c"] < free["c"]


def test_premise_on_a_cycle():
    # a's premise p is attacked by a: the cap takes part in the fixpoint
    for fn in (dfquad, quadratic_energy):
        r = fn("ap", [("a", "p")], premises={"a": ["p"]}, base={"a": 1.0, "p": 1.0})
        assert r.converged and r.cyclic == ("a", "p")
        assert r.values["a"] <= r.values["p"] + 1e-7


def test_non_convergence_is_reported():
    for fn in (dfquad, quadratic_energy):
        r = fn("ab", [("a", "b"), ("b", "a")], base={"a": 1.0, "b": 1.0}, max_rounds=0)
        assert not r.converged and r.rounds == 0 and r.residual > 0.1


def test_self_attack():
    r = dfquad("a", [("a", "a")], base={"a": 1.0})
    assert r.converged and r.values["a"] == pytest.approx(0.5, abs=1e-8)  # s = 1 - s
    q = quadratic_energy("a", [("a", "a")], base={"a": 1.0})
    assert q.converged and fixpoint_error(ref_energy, {"arguments": ["a"], "attacks": [("a", "a")], "supports": [], "base": {"a": 1.0}}, q.values) < 1e-8


class TestErrors:
    @pytest.mark.parametrize(
        "kw, message",
        [
            (dict(base={"a": 1.5}), r"base score of 'a' must be in \[0, 1\]"),
            (dict(base={"a": float("nan")}), r"must be in \[0, 1\]"),
            (dict(base={"a": True}), "must be a number"),
            (dict(base={"a": "high"}), "must be a number"),
            (dict(base={"zz": 0.5}), "base score given for 'zz', which is not an argument"),
            (dict(attacks=[("a", "zz")]), r"attack \(a, zz\) names 'zz'"),
            (dict(supports=[("zz", "a")]), r"support \(zz, a\) names 'zz'"),
            (dict(premises={"zz": ["a"]}), "premises given for 'zz'"),
            (dict(premises={"a": ["zz"]}), "premise of 'a' 'zz', which is not an argument"),
            (dict(tol=0), "tol must be"),
            (dict(max_rounds=-1), "max_rounds must be"),
            (dict(default=2), "default base score"),
        ],
    )
    @pytest.mark.parametrize("fn", [dfquad, quadratic_energy])
    def test_bad_input(self, fn, kw, message):
        with pytest.raises(GradualError, match=message):
            fn(["a", "b"], **kw)

    def test_bad_step(self):
        with pytest.raises(GradualError, match="step must be"):
            quadratic_energy("ab", [("a", "b"), ("b", "a")], step=0.0)

    def test_unknown_name(self):
        with pytest.raises(GradualError, match="unknown gradual semantics 'ideal'; use one of dfquad, quadratic-energy"):
            normalize_gradual("ideal")


def test_registry():
    assert set(GRADUAL) == {"dfquad", "quadratic-energy"}
    assert strengths("DF-QuAD", **EDEMOCRACY).values == dfquad(**EDEMOCRACY).values
    assert strengths("qe", **EDEMOCRACY).values == quadratic_energy(**EDEMOCRACY).values


# ---------------------------------------------- properties on random frameworks


@st.composite
def frameworks(draw, acyclic: bool, max_args: int = 8):
    n = draw(st.integers(1, max_args))
    args = [f"n{i}" for i in range(n)]
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
    edges = draw(st.lists(st.tuples(pairs, st.booleans()), max_size=2 * n))
    att, sup = [], []
    for (i, j), is_att in edges:
        if acyclic:
            if i == j:
                continue
            i, j = max(i, j), min(i, j)  # edges point to lower indices: no cycle
        (att if is_att else sup).append((args[i], args[j]))
    weights = draw(st.lists(st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.7, 0.9, 1.0]), min_size=n, max_size=n))
    return dict(arguments=args, attacks=att, supports=sup, base=dict(zip(args, weights)))


METHODS = [(dfquad, ref_dfquad), (quadratic_energy, ref_energy)]


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(frameworks(acyclic=True), st.integers(0, 7), st.sampled_from([0.1, 0.5, 1.0]))
def test_adding_an_attacker_never_raises_adding_a_supporter_never_lowers(fw, target, w):
    target = fw["arguments"][target % len(fw["arguments"])]
    plus = dict(fw, arguments=fw["arguments"] + ["new"], base=dict(fw["base"], new=w))
    for fn, _ in METHODS:
        before = fn(**fw).values[target]
        attacked = fn(**dict(plus, attacks=fw["attacks"] + [("new", target)])).values[target]
        supported = fn(**dict(plus, supports=fw["supports"] + [("new", target)])).values[target]
        assert attacked <= before + 1e-12
        assert supported >= before - 1e-12


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(frameworks(acyclic=True))
def test_acyclic_values_are_the_definitions(fw):
    for fn, ref in METHODS:
        r = fn(**fw)
        assert r.converged and r.rounds == 0 and r.cyclic == ()
        assert fixpoint_error(ref, fw, r.values) < 1e-12


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(frameworks(acyclic=False))
def test_cyclic_values_are_fixpoints_in_range(fw):
    for fn, ref in METHODS:
        r = fn(**fw)
        assert all(0.0 <= v <= 1.0 for v in r.values.values())
        if r.converged:
            assert fixpoint_error(ref, fw, r.values) < 1e-7
        assert set(r.values) == set(fw["arguments"])


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(frameworks(acyclic=False), st.randoms(use_true_random=False))
def test_same_floats_for_any_input_order(fw, rnd):
    shuffled = {k: list(v) if isinstance(v, list) else v for k, v in fw.items()}
    for k in ("arguments", "attacks", "supports"):
        rnd.shuffle(shuffled[k])
    for fn, _ in METHODS:
        a, b = fn(**fw), fn(**shuffled)
        assert {k: a.values[k] for k in fw["arguments"]} == {k: b.values[k] for k in fw["arguments"]}
        assert list(b.values) == shuffled["arguments"]


@pytest.mark.slow
def test_most_random_cyclic_frameworks_converge():
    # Not a guarantee of the papers, but what argmap relies on in practice.
    rng = random.Random(7)
    for fn, ref in METHODS:
        ok = 0
        for _ in range(40):
            n = 30
            args = [f"n{i}" for i in range(n)]
            att = [(rng.choice(args), rng.choice(args)) for _ in range(40)]
            sup = [(rng.choice(args), rng.choice(args)) for _ in range(20)]
            base = {a: rng.random() for a in args}
            fw = dict(arguments=args, attacks=att, supports=sup, base=base)
            r = fn(**fw)
            ok += r.converged
            if r.converged:
                assert fixpoint_error(ref, fw, r.values) < 1e-7
        assert ok >= 38, (fn.__name__, ok)


def test_components_upstream_first_and_downstream_exact():
    # x <-> y contradict; y attacks z; z supports u; u <-> v form a second cycle.
    fw = dict(
        arguments=["u", "v", "x", "y", "z"],
        attacks=[("x", "y"), ("y", "x"), ("y", "z"), ("u", "v"), ("v", "u")],
        supports=[("z", "u")],
        base={"x": 0.9, "y": 0.4, "z": 0.8, "u": 0.5, "v": 0.6},
    )
    for fn, ref in METHODS:
        r = fn(**fw)
        assert r.converged and r.cyclic == ("u", "v", "x", "y")
        # z is on no cycle: computed once, exactly, from y's final strength
        assert r.values["z"] == ref(0.8, [r.values["y"]], [])
        assert fixpoint_error(ref, fw, r.values) < 2e-8


# Strength on maps written as YAML: premises, objections to links, contradictions.


def test_gradual_strength_is_capped_by_the_weakest_premise():
    G = graph(PREMISES.replace("    text: Premise two.\n", "    text: Premise two.\n    weight: 0.2\n"))
    _, values, reasons, _ = gradual_strengths(G, "dfquad")
    assert values["arg"] == pytest.approx(0.2)
    assert reasons["arg"]["premises"] == ["p1", "p2"]


def test_an_objection_to_a_support_weakens_its_strength_only():
    text = """
    nodes:
      - id: a
        text: A.
      - id: b
        text: B.
        supports: [a]
      - id: c
        text: Irrelevant.
        attacks: [b->a]
    """
    G = graph(text)
    assert statuses(G) == {"a": "IN", "b": "IN", "c": "IN"}
    _, with_objection, _, _ = gradual_strengths(G, "dfquad")
    _, without, _, _ = gradual_strengths(graph(text.replace("attacks: [b->a]", "tags: [x]")), "dfquad")
    assert without["a"] == pytest.approx(0.75)  # 0.5 + 0.5 * 0.5
    assert with_objection["a"] == pytest.approx(0.5)  # the link carries 0.5 - 0.5 = 0


def test_dfquad_worked_values_on_a_map():
    G = graph(ATTACKED.format(rel="attacks").replace("    text: B.\n", "    text: B.\n    weight: 0.3\n"))
    _, values, reasons, _ = gradual_strengths(G, "dfquad")
    assert values == {"a": pytest.approx(0.35), "b": pytest.approx(0.3)}  # 0.5 - 0.5 * 0.3
    assert reasons["a"] == {"base": 0.5, "attackers": ["b"], "supporters": [], "premises": []}


def test_quadratic_energy_on_a_contradiction():
    G = graph(ATTACKED.format(rel="contradicts"))
    result, values, _, _ = gradual_strengths(G, "quadratic-energy")
    assert result.converged and values["a"] == pytest.approx(values["b"])
