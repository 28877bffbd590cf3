"""Tests for argmap.semantics: textbook frameworks, ICCMA references, brute force."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.afio import read_af
from argmap.semantics import (
    AF,
    Label,
    Reason,
    SemanticsError,
    complete_extensions,
    credulous,
    derived_attacks,
    explain,
    extensions,
    grounded,
    grounded_extension,
    preferred_extensions,
    skeptical,
    some_extension,
    stable_extensions,
    statuses,
)

from conftest import CORPUS, needs_shared

ICCMA = CORPUS / "iccma"
KISP = ICCMA / "kisp-asgl" / "data" / "apx"
PROBO2 = ICCMA / "aig-hagen-probo2" / "src"
MEDIUM = PROBO2 / "data" / "test" / "Medium-result-b1"
MEDIUM_REF = PROBO2 / "probo2_data" / "solver_test_data" / "reference"
PROBO_EX = ICCMA / "probo-examples-via-DL-abstract-argumentation" / "src" / "data" / "generators" / "probo" / "examples"

needs_corpus = needs_shared("corpus/iccma")


def E(*groups: str) -> set[frozenset[str]]:
    """E("ab", "") -> {{a, b}, {}}."""
    return {frozenset(g) for g in groups}


def exts(af: AF, sem: str) -> set[frozenset[str]]:
    return set(extensions(af, sem))


def parse_ref(text: str) -> set[frozenset[str]]:
    """Parse ICCMA'15 ``[[a,b],[c]]`` (first line; probo2 appends a count)."""
    line = text.strip().splitlines()[0].strip() if text.strip() else "[]"
    assert line.startswith("[") and line.endswith("]"), line
    return {
        frozenset(x for x in g.split(",") if x)
        for g in re.findall(r"\[([^\[\]]*)\]", line[1:-1])
    }


# ------------------------------------------------------------ textbook


ODD3 = AF.from_edges([("a", "b"), ("b", "c"), ("c", "a")])
EVEN2 = AF.from_edges([("a", "b"), ("b", "a")])
SELF = AF.from_edges([("a", "a"), ("a", "b")], ["a", "b", "c"])
REINSTATE = AF.from_edges([("b", "a"), ("c", "b")])
# floating defeat / acceptance: a <-> b both attack c, c attacks d
FLOAT = AF.from_edges([("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "d")])
EMPTY = AF(())


class TestAF:
    def test_from_edges_order_and_index(self):
        af = AF.from_edges([("b", "a")], ["c"])
        assert af.arguments == ("c", "b", "a")
        assert af.attackers("a") == ("b",)
        assert af.attacked_by("b") == ("a",)

    def test_unknown_attack_end(self):
        with pytest.raises(SemanticsError, match="'z', which is not an argument"):
            AF(("a",), frozenset({("a", "z")}))

    def test_duplicate_argument(self):
        with pytest.raises(SemanticsError, match="duplicate"):
            AF(("a", "a"))

    def test_unknown_argument_query(self):
        with pytest.raises(SemanticsError, match="unknown argument 'q'"):
            credulous(EVEN2, "CO", "q")


class TestGrounded:
    def test_odd_cycle(self):
        assert set(grounded(ODD3).values()) == {Label.UNDEC}

    def test_even_cycle(self):
        assert grounded(EVEN2) == {"a": Label.UNDEC, "b": Label.UNDEC}

    def test_self_attack(self):
        assert grounded(SELF) == {"a": Label.UNDEC, "b": Label.UNDEC, "c": Label.IN}

    def test_reinstatement(self):
        assert grounded(REINSTATE) == {"b": Label.OUT, "a": Label.IN, "c": Label.IN}

    def test_floating(self):
        assert grounded_extension(FLOAT) == frozenset()

    def test_empty(self):
        assert grounded(EMPTY) == {}
        assert exts(EMPTY, "GR") == exts(EMPTY, "ST") == E("")

    def test_long_chain_is_linear(self):
        n = 20_000
        af = AF.from_edges([(f"x{i}", f"x{i + 1}") for i in range(n)])
        lab = grounded(af)
        assert lab["x0"] is Label.IN and lab[f"x{n}"] is (Label.IN if n % 2 == 0 else Label.OUT)

    def test_label_values(self):
        assert [label.value for label in Label] == ["IN", "OUT", "UNDEC"]


class TestExtensions:
    @pytest.mark.parametrize(
        "af, co, pr, st",
        [
            (ODD3, E(""), E(""), set()),
            (EVEN2, E("", "a", "b"), E("a", "b"), E("a", "b")),
            (SELF, E("c"), E("c"), set()),
            (REINSTATE, E("ac"), E("ac"), E("ac")),
            (FLOAT, E("", "ad", "bd"), E("ad", "bd"), E("ad", "bd")),
            (EMPTY, E(""), E(""), E("")),
        ],
        ids=["odd3", "even2", "self", "reinstate", "floating", "empty"],
    )
    def test_textbook(self, af, co, pr, st):
        assert set(complete_extensions(af)) == co
        assert set(preferred_extensions(af)) == pr
        assert set(stable_extensions(af)) == st

    def test_floating_acceptance(self):
        assert skeptical(FLOAT, "PR", "d") and skeptical(FLOAT, "ST", "d")
        assert not skeptical(FLOAT, "CO", "d") and not skeptical(FLOAT, "GR", "d")
        assert credulous(FLOAT, "CO", "a") and not credulous(FLOAT, "PR", "c")

    def test_no_stable(self):
        assert some_extension(ODD3, "ST") is None
        assert skeptical(ODD3, "ST", "a")  # vacuous: no stable extension
        assert not credulous(ODD3, "ST", "a")

    def test_some_extension_preferred_is_maximal(self):
        assert some_extension(FLOAT, "PR") in E("ad", "bd")
        assert some_extension(FLOAT, "CO") == frozenset()

    def test_unknown_semantics(self):
        with pytest.raises(SemanticsError, match="unknown semantics 'ideal'"):
            extensions(EVEN2, "ideal")


class TestDerivedAttacks:
    def test_supported_chain(self):
        af, why = derived_attacks("abcd", [("c", "d")], [("a", "b"), ("b", "c")], "supported")
        assert why == {("a", "d"): ("supported", "c"), ("b", "d"): ("supported", "c")}
        assert af.attacks == {("c", "d"), ("a", "d"), ("b", "d")}

    def test_secondary_chain(self):
        af, why = derived_attacks("abcd", [("a", "b")], [("b", "c"), ("c", "d")], "secondary")
        assert why == {("a", "c"): ("secondary", "b"), ("a", "d"): ("secondary", "b")}

    def test_both_and_none(self):
        att, sup = [("x", "y")], [("s", "x"), ("y", "z")]
        _, why = derived_attacks("sxyz", att, sup, "both")
        assert why == {("s", "y"): ("supported", "x"), ("x", "z"): ("secondary", "y")}
        af, why = derived_attacks("sxyz", att, sup, "none")
        assert why == {} and af.attacks == {("x", "y")}

    def test_direct_attack_not_reported_and_support_cycle(self):
        _, why = derived_attacks("abc", [("a", "c"), ("b", "c")], [("a", "b"), ("b", "a")], "supported")
        assert why == {}

    def test_changes_the_verdict(self):
        # x <-> y is undecided; s supports x, so s attacks y (supported attack).
        af, _ = derived_attacks("sxy", [("x", "y"), ("y", "x")], [("s", "x")], "supported")
        assert grounded(af)["y"] is Label.OUT

    def test_bad_mode(self):
        with pytest.raises(SemanticsError, match="unknown bipolar mode 'both!'"):
            derived_attacks("a", [], [], "both!")


def follow(reasons: dict, a: str) -> list[str]:
    """Walk UNDEC reasons back from ``a`` to the cycle they name; the cycle's own path."""
    seen = []
    while True:
        r = reasons[a]
        seen.append(a)
        assert len(seen) <= len(reasons)
        if a == r.cycle:
            return list(r.path)
        assert len(r.path) == 2 and r.path[1] == a
        a = r.path[0]


class TestExplain:
    def test_out_in_and_cycle(self):
        af = AF.from_edges([("a", "b"), ("c", "d"), ("d", "e"), ("e", "c"), ("c", "f")])
        r = explain(af, grounded(af))
        assert r["a"].label is Label.IN and r["a"].path == () and r["a"].cycle is None
        assert r["b"].path == ("a", "b")
        assert r["c"].path == ("c", "d", "e", "c")  # the cycle, once, at its first argument
        assert r["d"] == Reason(Label.UNDEC, ("c", "d"), "c")
        assert r["e"].path == ("d", "e") and r["f"].path == ("c", "f")
        assert {x.cycle for x in r.values() if x.label is Label.UNDEC} == {"c"}

    def test_self_attack(self):
        r = explain(SELF, grounded(SELF))
        assert r["a"].path == ("a", "a") and r["b"].path == ("a", "b") and r["b"].cycle == "a"

    def test_every_undec_reason_leads_to_an_undec_cycle(self):
        af = read_af(KISP / "10-127r681ird483nf0u56u.apx") if KISP.is_dir() else ODD3
        lab = grounded(af)
        reasons = explain(af, lab)
        for a, reason in reasons.items():
            if reason.label is Label.UNDEC:
                p = reason.path
                assert p[-1] == a
                assert all((x, y) in af.attacks for x, y in zip(p, p[1:]))
                assert all(lab[x] is Label.UNDEC for x in p)
                cyc = follow(reasons, a)
                assert cyc[0] == cyc[-1] and len(cyc) >= 2
                assert all((x, y) in af.attacks for x, y in zip(cyc, cyc[1:]))

    def test_long_ring_is_explained_in_linear_size(self):
        # issue 10 item 5: a ring of 4,000 repeated the whole ring in every reason
        n = 4000
        af = AF.from_edges([(f"r{i}", f"r{(i + 1) % n}") for i in range(n)] + [("r5", "tail")])
        reasons = explain(af, grounded(af))
        assert sum(len(r.path) for r in reasons.values()) <= 3 * (n + 1) + 1
        assert reasons["r0"].path[0] == reasons["r0"].path[-1] == "r0"
        assert len(reasons["r0"].path) == n + 1
        assert reasons["tail"] == Reason(Label.UNDEC, ("r5", "tail"), "r0")
        assert len(follow(reasons, "tail")) == n + 1

    @pytest.mark.slow
    def test_defeated_by_names_the_first_in_attacker_whatever_the_hash_seed(self):
        # issue 9: "defeated by X" named whichever attacker a set yielded first
        code = (
            "from argmap.semantics import AF, explain, grounded, statuses\n"
            "att = [(f'a{i}', 'z') for i in range(50)] + [('p', 'q'), ('q', 'p'), ('q', 'z')]\n"
            "af = AF.from_edges(att)\n"
            "print(explain(af, grounded(af))['z'].path, af.attackers('z')[:3], af.attacked_by('q'))\n"
        )
        outs = set()
        for seed in ("0", "1", "2", "3"):
            env = dict(os.environ, PYTHONHASHSEED=seed)
            run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
            outs.add(run.stdout)
        assert outs == {"('a0', 'z') ('a0', 'a1', 'a2') ('z', 'p')\n"}


# ------------------------------------------------------------ references


@lru_cache(maxsize=None)
def medium() -> AF:
    return read_af(MEDIUM.with_suffix(".apx"))


def kisp_cases():
    if not KISP.is_dir():
        return []
    return sorted(p.stem for p in KISP.glob("*.apx"))


@needs_corpus
class TestICCMAReferences:
    def test_kisp_count(self):
        assert len(kisp_cases()) == 35

    @pytest.mark.parametrize("stem", kisp_cases())
    @pytest.mark.parametrize("sem", ["CO", "GR", "PR", "ST"])
    def test_kisp_asgl(self, stem, sem):
        af = read_af(KISP / f"{stem}.apx")
        ref = parse_ref((KISP / f"{stem}.EE-{sem}").read_text())
        assert exts(af, sem) == ref

    @pytest.mark.parametrize(
        "name, sem", [("ex1", "CO"), ("ex1", "ST"), ("ex3", "CO"), ("ex3", "PR")]
    )
    def test_probo_examples(self, name, sem):
        af = read_af(PROBO_EX / f"{name}.tgf")
        ref = parse_ref((PROBO_EX / "solutions" / f"{name}.apx.EE-{sem}").read_text())
        assert exts(af, sem) == ref

    def test_probo2_toy_files(self):
        d = PROBO2 / "probo2_data" / "solver_test_data"
        apx, tgf, i23 = (read_af(d / f"a.{s}") for s in ("apx", "tgf", "i23"))
        assert apx == tgf == AF(("a", "b"), frozenset({("a", "a")}))
        # a.i23 is NOT the same AF: it has an extra attack 2 -> 1.
        assert i23 == AF(("1", "2"), frozenset({("1", "1"), ("2", "1")}))
        assert (d / "a.arg").read_text().strip() == "a"
        assert exts(apx, "PR") == E("b") and exts(i23, "PR") == E("2")

    @pytest.mark.slow
    def test_medium_apx_equals_tgf(self):
        af = medium()
        assert len(af.arguments) == 438 and len(af.attacks) == 77_717
        assert read_af(MEDIUM.with_suffix(".tgf")) == af

    @pytest.mark.slow
    @pytest.mark.parametrize("sem", ["CO", "ST"])
    def test_medium_enumeration(self, sem):
        ref_text = (MEDIUM_REF / f"iccma-2019-Medium-result-b1.apx-EE-{sem}.out").read_text()
        ref = parse_ref(ref_text)
        assert len(ref) == {"CO": 24, "ST": 15}[sem]
        assert f"{len(ref)} solution(s) found" in ref_text
        assert exts(medium(), sem) == ref

    @pytest.mark.slow
    def test_medium_decisions(self):
        from argmap.afio import solve

        af = medium()
        arg = MEDIUM.with_suffix(".arg").read_text().strip()
        assert arg == "a48_54"
        for task in ("SE-CO", "DC-CO", "DC-GR", "DS-CO"):
            want = (MEDIUM_REF / f"iccma-2019-Medium-result-b1.apx-{task}.out").read_text()
            want = want.strip().splitlines()[0]
            t, sem = task.split("-")
            assert solve(af, sem, t, arg) == want, task


# ------------------------------------------------------------ brute force


def brute(af: AF) -> dict[str, set[frozenset[str]]]:
    args = af.arguments
    att = af.attacks
    attackers = {a: {x for x, y in att if y == a} for a in args}

    def defended(s, a):
        return all(any((d, b) in att for d in s) for b in attackers[a])

    complete, stable = set(), set()
    for r in range(len(args) + 1):
        for combo in itertools.combinations(args, r):
            s = frozenset(combo)
            if any((x, y) in att for x in s for y in s):
                continue
            if {a for a in args if defended(s, a)} == s:
                complete.add(s)
                hit = {y for x, y in att if x in s}
                if s | hit == set(args):
                    stable.add(s)
    pref = {s for s in complete if not any(s < t for t in complete)}
    gr = min(complete, key=len)
    return {"CO": complete, "PR": pref, "ST": stable, "GR": {gr}}


@st.composite
def small_afs(draw):
    n = draw(st.integers(0, 8))
    args = [f"a{i}" for i in range(n)]
    pairs = [(x, y) for x in args for y in args]
    atts = draw(st.lists(st.sampled_from(pairs), max_size=20)) if pairs else []
    return AF(tuple(args), frozenset(atts))


class TestBruteForce:
    @settings(max_examples=150, deadline=None)
    @given(small_afs())
    def test_against_definitions(self, af):
        want = brute(af)
        for sem in ("GR", "CO", "PR", "ST"):
            assert exts(af, sem) == want[sem], sem
        for a in af.arguments:
            assert credulous(af, "PR", a) == any(a in e for e in want["PR"])
            assert skeptical(af, "PR", a) == all(a in e for e in want["PR"])
            assert credulous(af, "ST", a) == any(a in e for e in want["ST"])
            assert skeptical(af, "ST", a) == all(a in e for e in want["ST"])
        some = some_extension(af, "PR")
        assert some in want["PR"]
        for sem in ("PR", "ST", "CO"):
            got = statuses(af, sem)
            for a in af.arguments:
                exts_ = want[sem]
                if not exts_:
                    assert got[a] is Label.UNDEC
                elif all(a in e for e in exts_):
                    assert got[a] is Label.IN, (sem, a)
                elif all(any((x, a) in af.attacks for x in e) for e in exts_):
                    assert got[a] is Label.OUT, (sem, a)
                else:
                    assert got[a] is Label.UNDEC, (sem, a)
        lab = grounded(af)
        assert {a for a, l in lab.items() if l is Label.IN} == next(iter(want["GR"]))


# ------------------------------------------------------------ scale (issue 10 item 6)


def pairs(n: int, target: bool = False) -> AF:
    """n independent mutual attacks a_i <-> b_i; with ``target``, every a_i attacks t."""
    att = [(f"a{i}", f"b{i}") for i in range(n)] + [(f"b{i}", f"a{i}") for i in range(n)]
    if target:
        att += [(f"a{i}", "t") for i in range(n)] + [("t", "u")]
    return AF.from_edges(att)


@pytest.mark.slow
class TestScale:
    def test_preferred_statuses_and_decisions_on_forty_pairs(self):
        # 2^40 preferred extensions: nothing may list them (14 pairs took > 120 s)
        af = pairs(40, target=True)
        st_pr = statuses(af, "preferred")
        assert st_pr["a0"] is Label.UNDEC and st_pr["b39"] is Label.UNDEC
        assert st_pr["t"] is Label.UNDEC and st_pr["u"] is Label.UNDEC
        assert credulous(af, "PR", "t") and not skeptical(af, "PR", "t")
        assert credulous(af, "PR", "u") and not skeptical(af, "PR", "a7")
        assert statuses(af, "stable") == st_pr
        assert statuses(af, "complete") == grounded(af)
        assert len(some_extension(af, "PR")) in range(40, 42)

    def test_sceptically_accepted_through_every_pair(self):
        # u is attacked only by t, and t falls in every preferred extension
        att = [(f"a{i}", f"b{i}") for i in range(40)] + [(f"b{i}", f"a{i}") for i in range(40)]
        att += [(f"a{i}", "t") for i in range(40)] + [(f"b{i}", "t") for i in range(40)] + [("t", "u")]
        af = AF.from_edges(att)
        st_pr = statuses(af, "preferred")
        assert st_pr["t"] is Label.OUT and st_pr["u"] is Label.IN
        assert skeptical(af, "PR", "u") and not credulous(af, "PR", "t")
        assert grounded(af)["u"] is Label.UNDEC

    def test_enumeration_streams(self):
        it = iter(extensions(pairs(3), "PR"))
        assert len(list(it)) == 8
        stream = preferred_extensions(pairs(60))  # 2^60: only the first few are taken
        first = [next(stream) for _ in range(3)]
        assert len(set(first)) == 3 and all(len(e) == 60 for e in first)

    def test_search_keeps_one_state(self):
        # the search copied its whole state per branch: depth x size memory
        import tracemalloc

        af = pairs(600)
        tracemalloc.start()
        first = next(iter(stable_extensions(af)))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(first) == 600
        assert peak < 10 * 2**20, peak
