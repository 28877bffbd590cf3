"""argmap review: marks for fragile verdicts, one fixture folder per mark, acknowledged in the YAML."""

from __future__ import annotations

import re
import shutil

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.evaluation import evaluate
from argmap.loader import load_text
from argmap.pipeline import whole_graph
from argmap.project import open_checked
from argmap.review import ACKNOWLEDGED, REVIEW, condition_of, review, review_paths
from argmap.settings import Settings
from argmap.spec import REVIEW_CODES
from conftest import ARGUMENTS, DATA

REVIEW_DATA = DATA / "review"
#: One printed mark: `file:line:col: review[code]: message`.
MARK_LINE = re.compile(r"^\S+\.yaml:\d+:\d+: (review|acknowledged)\[([a-z-]+)\]: \S")


def marks(folder, **settings):
    """``(code, line, message)`` of every mark in a fixture folder, under ``settings``."""
    opened = open_checked([REVIEW_DATA / folder])
    G = whole_graph(opened.project)
    return [(d.code, d.loc.line, d.message) for d in review(opened, evaluate(G, Settings(**settings)), G)]


def codes_at(folder, **settings):
    return [(code, line) for code, line, _ in marks(folder, **settings)]


class TestEachMark:
    def test_an_inferred_link_left_out_says_what_would_change_if_it_counted(self):
        found = marks("inferred")
        assert [(c, line) for c, line, _ in found] == [("inferred-decides", 13)]
        assert "if it counted (--with-inferred)" in found[0][2] and "would fall (now stands)" in found[0][2]

    def test_with_inferred_the_verdict_that_rests_on_one_inferred_link(self):
        found = marks("inferred", inferred=True)
        codes = [(c, line) for c, line, _ in found]
        assert ("inferred-decides", 13) in codes and ("thesis-falls", 6) in codes
        message = next(m for c, _, m in found if c == "inferred-decides")
        assert "without it" in message and "would stand (now falls)" in message
        # the inferred support changes no verdict on its own: no mark on it
        assert all(line != 20 for _, line in codes)

    def test_a_weaker_attack_that_does_not_defeat_is_marked_unless_its_attacker_falls(self):
        found = marks("weaker")
        assert [(c, line) for c, line, _ in found] == [("weaker-attacker", 16)]
        assert "does not defeat" in found[0][2] and "weight 0.3" in found[0][2] and "0.8" in found[0][2]

    def test_under_plain_dung_a_weaker_attacker_that_decides_is_marked(self):
        found = marks("weaker", preferences=False)
        assert ("weaker-attacker", 16) in [(c, line) for c, line, _ in found]
        message = next(m for c, line, m in found if line == 16)
        assert "falls to" in message and "weighs less" in message

    def test_an_attack_whose_own_note_says_it_is_no_argument(self):
        found = [(c, line, m) for c, line, m in marks("not-an-argument") if c == "not-an-argument"]
        assert [(c, line) for c, line, _ in found] == [("not-an-argument", 12), ("not-an-argument", 18)]
        assert "its node's note" in found[0][2] and "leaning" in found[0][2]
        assert "the link's note" in found[1][2] and "appeal" in found[1][2]
        # "A reason, with figures." on budget-allows-it is not marked

    def test_a_holder_who_concedes_and_attacks_the_same_node(self):
        found = [(line, m) for c, line, m in marks("concedes-and-attacks") if c == "concedes-and-attacks"]
        assert [line for line, _ in found] == [15, 21]  # Fay's attack, and the view Hal reports as Fay's
        assert all(m.startswith("Fay both concedes") for _, m in found)

    def test_a_conditional_attacked_on_its_condition_but_not_on_its_consequence(self):
        found = [(c, line) for c, line in codes_at("conditional") if c == "conditional-attacked"]
        assert found == [("conditional-attacked", 12)]  # the harbour, not the fixed bread prices (line 16)

    def test_a_thesis_that_falls_and_one_that_stays_open(self):
        assert codes_at("thesis") == [("thesis-falls", 5), ("thesis-open", 5)]
        files = {m for _, _, m in marks("thesis")}
        assert any("map 'falls'" in m and "goes unanswered" in m for m in files)

    def test_a_reply_linked_to_nothing_it_replies_to(self):
        found = marks("reply")
        assert [(c, line) for c, line, _ in found] == [("reply-unlinked", 14)]
        assert "'reply-unlinked' replies to 'post'" in found[0][2]

    def test_every_code_has_a_fixture_and_a_meaning(self):
        seen = set()
        for folder in ("inferred", "weaker", "not-an-argument", "concedes-and-attacks", "conditional", "thesis", "reply"):
            seen |= {c for c, _ in codes_at(folder)}
        assert seen == set(REVIEW_CODES)


class TestAcknowledged:
    def test_a_folder_whose_marks_are_all_acknowledged_is_clean(self):
        assert marks("acknowledged") == []
        assert marks("acknowledged", preferences=False) == []  # the node's weaker-attacker entry covers plain Dung

    def test_acknowledged_marks_carry_their_reason_and_unused_entries_are_listed(self):
        opened = open_checked([REVIEW_DATA / "acknowledged"])
        G = whole_graph(opened.project)
        found = review(opened, evaluate(G), G, include_acknowledged=True)
        assert {d.severity for d in found} == {ACKNOWLEDGED}
        by_code = {}
        for d in found:
            by_code.setdefault(d.code, []).append(d)
        assert set(by_code) == {"reply-unlinked", "thesis-falls", "weaker-attacker", "not-an-argument", "unused-review"}
        assert by_code["thesis-falls"][0].hint == "reviewed: Vic's objection is in the text and the mayor never answers it"
        assert [d.loc.line for d in by_code["unused-review"]] == [36]
        assert "'thesis-open'" in by_code["unused-review"][0].message

    def test_removing_the_reason_brings_the_mark_back(self, tmp_path):
        folder = tmp_path / "maps"
        shutil.copytree(REVIEW_DATA / "acknowledged", folder)
        path = folder / "acknowledged.yaml"
        text = path.read_text()
        path.write_text(text.replace("        reviewed: a hedged aside; the weights follow the text\n", ""))
        found = [(d.code, d.loc.line, d.severity) for d in review_paths([folder])]
        assert found == [("weaker-attacker", 34, REVIEW)]

    def test_the_loader_reads_reviewed_on_nodes_sources_and_relation_items(self):
        m, diags = load_text(
            "sources:\n  s:\n    reviewed: {reply-unlinked: r1}\nnodes:\n  - id: a\n    text: A.\n"
            "    reviewed: {thesis-falls: '  two   words '}\n  - id: b\n    text: B.\n"
            "    attacks:\n      - to: a\n        reviewed: r3\n", "f.yaml")
        assert diags == []
        assert m.sources["s"].reviewed == (("reply-unlinked", "r1"),)
        assert m.nodes[0].reviewed == (("thesis-falls", "two words"),)
        assert m.nodes[1].relations[0].reviewed == "r3"

    @pytest.mark.parametrize("text, expected", [
        ("    reviewed: {thesis-fall: x}\n", "7:16: error[unknown-key]: unknown key 'thesis-fall'"),
        ("    reviewed: because\n", "7:15: error[wrong-type]: 'reviewed' of node 'a' must map mark codes to reasons"),
        ("    reviewed: {thesis-falls: ''}\n", "7:30: error[empty]: 'thesis-falls' of 'reviewed' of node 'a' is empty"),
    ])
    def test_a_bad_reviewed_entry_is_a_located_error(self, text, expected):
        _, diags = load_text("sources: {}\nnodes:\n  - id: b\n    text: B.\n  - id: a\n    text: A.\n" + text, "f.yaml")
        assert any(str(d).startswith(f"f.yaml:{expected}") for d in diags), [str(d) for d in diags]

    def test_an_empty_reason_on_a_relation_item_is_an_error(self):
        _, diags = load_text("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks:\n"
                             "      - to: a\n        reviewed: ''\n", "f.yaml")
        assert [d.code for d in diags] == ["empty"]


class TestCommand:
    def run(self, *args):
        return CliRunner().invoke(cli, list(args))

    @pytest.mark.parametrize("folder", ["inferred", "weaker", "not-an-argument", "concedes-and-attacks", "conditional",
                                        "thesis", "reply"])
    def test_marks_print_as_file_line_col_with_a_hint_and_exit_1(self, folder):
        result = self.run("review", str(REVIEW_DATA / folder))
        assert result.exit_code == 1, result.output
        lines = result.stdout.splitlines()
        heads = [line for line in lines if not line.startswith("  hint: ")]
        assert heads and all(MARK_LINE.match(line) for line in heads), heads
        assert len([line for line in lines if line.startswith("  hint: ")]) == len(heads)
        assert f"{len(heads)} mark{'s' * (len(heads) != 1)} to review" in result.stderr

    def test_an_acknowledged_folder_exits_0_and_all_prints_the_reasons(self):
        clean = self.run("review", str(REVIEW_DATA / "acknowledged"))
        assert clean.exit_code == 0 and clean.stdout == ""
        assert "no marks left" in clean.stderr
        shown = self.run("review", str(REVIEW_DATA / "acknowledged"), "--all")
        assert shown.exit_code == 0
        assert "acknowledged[thesis-falls]" in shown.stdout and "hint: reviewed: Vic's objection" in shown.stdout
        assert "acknowledged[unused-review]" in shown.stdout

    def test_flags_reach_the_evaluation(self):
        assert "without it" in self.run("review", str(REVIEW_DATA / "inferred"), "--with-inferred").stdout
        assert "falls to" in self.run("review", str(REVIEW_DATA / "weaker"), "--preferences", "off").stdout

    def test_a_file_is_reviewed_in_its_folder_and_only_its_marks_are_listed(self):
        result = self.run("review", str(REVIEW_DATA / "thesis" / "open.yaml"))
        assert result.exit_code == 1
        assert "open.yaml:5:9: review[thesis-open]" in result.stdout and "falls.yaml" not in result.stdout

    def test_check_review_lists_marks_and_fails_only_when_asked(self):
        plain = self.run("check", str(REVIEW_DATA / "weaker"))
        assert plain.exit_code == 0
        asked = self.run("check", "--review", str(REVIEW_DATA / "weaker"))
        assert asked.exit_code == 1 and "review[weaker-attacker]" in asked.stderr
        assert self.run("check", "--review", str(REVIEW_DATA / "acknowledged")).exit_code == 0

    def test_bad_input_is_a_located_error_not_a_traceback(self):
        result = self.run("review", str(DATA / "errors" / "review-code.yaml"))
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
        assert "review-code.yaml:6:7: error[unknown-key]" in result.stderr
        assert "Traceback" not in result.output

    @pytest.mark.slow
    @pytest.mark.parametrize("flags", [(), ("--with-inferred",), ("--preferences", "off"), ("--semantics", "preferred")])
    def test_the_seed_folder_is_reviewed_without_a_traceback(self, flags):
        result = self.run("review", str(ARGUMENTS), *flags)
        assert result.exit_code in (0, 1), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        heads = [line for line in result.stdout.splitlines() if not line.startswith("  hint: ")]
        assert all(MARK_LINE.match(line) for line in heads), heads


def test_review_reads_the_graph_and_never_writes_into_it():
    opened = open_checked([REVIEW_DATA / "inferred"])
    G = whole_graph(opened.project)
    before = (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph))
    review(opened, evaluate(G, Settings(inferred=True)), G)
    review(opened, evaluate(G), G)
    assert (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph)) == before


@pytest.mark.parametrize("text, condition", [
    ("Bread prices rise only if the harbour closes for the winter.", "the harbour closes for the winter"),
    ("Unless the vote passes, nothing changes.", "the vote passes"),
    ("Racing is dangerous, provided that takeoff is hard.", "takeoff is hard"),
    ("The feared backlash seems likely only if, due to scale, few AIs are built.", "due to scale, few AIs are built"),
    ("Racing is dangerous.", None),
])
def test_condition_of(text, condition):
    found = condition_of(text)
    assert (found[0] if found else None) == condition


def test_the_json_schema_accepts_every_review_fixture():
    import jsonschema
    import yaml

    from argmap.schema import schema

    validator = jsonschema.Draft202012Validator(schema())
    for path in sorted(REVIEW_DATA.rglob("*.yaml")):
        assert [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))] == [], path
    bad = yaml.safe_load((DATA / "errors" / "review-code.yaml").read_text())
    assert list(validator.iter_errors(bad))


@pytest.mark.slow
@pytest.mark.parametrize("inferred", [False, True])
@pytest.mark.parametrize("preferences", [True, False])
def test_the_inferred_links_skipped_without_a_trial_change_no_verdict(inferred, preferences):
    """The shortcut (`_cannot_change`) agrees with evaluating the whole folder with the link flipped."""
    from argmap.review import _cannot_change, _toggle

    opened = open_checked([ARGUMENTS])
    G = whole_graph(opened.project)
    settings = Settings(inferred=inferred, preferences=preferences)
    ev = evaluate(G, settings)
    skipped = 0
    for rel in opened.project.relations():
        if not rel.inferred or not _cannot_change(G, ev, rel):
            continue
        H = G.copy()
        assert _toggle(H, rel, inferred)
        assert evaluate(H, settings).status == ev.status, rel
        skipped += 1
    assert skipped >= 10


def _random_folder(tmp_path, n=300, seed=7):
    """A random reply forest with cycles, weights, a few open conflicts and every 6th link inferred."""
    import random

    rng = random.Random(seed)
    lines = ["map: random", "nodes:"]
    for i in range(n):
        lines += [f"  - id: n{i}", f"    text: Claim {i}.", f"    weight: {rng.choice([0.3, 0.5, 0.5, 0.7])}"]
        if i == 0:
            continue
        targets = [f"n{rng.randrange(max(0, i - 30), i)}"]
        if rng.random() < 0.1:
            targets.append(f"n{rng.randrange(n)}")
        targets = [t for t in dict.fromkeys(targets) if t != f"n{i}"]
        kind = rng.choice(["attacks", "attacks", "supports", "contradicts" if i % 17 == 0 else "attacks"])
        lines.append(f"    {kind}:")
        for t in targets:
            lines.append(f"      - to: {t}")
            if rng.random() < 1 / 6:
                lines.append("        inferred: true")
    folder = tmp_path / "random"
    folder.mkdir()
    (folder / "random.yaml").write_text("\n".join(lines) + "\n")
    return folder


@pytest.mark.slow
@pytest.mark.parametrize("inferred", [False, True])
def test_the_bounded_trial_of_an_inferred_link_agrees_with_flipping_it_in_the_whole_folder(tmp_path, inferred):
    """inferred-decides marks exactly the inferred links whose flip changes a status of the whole folder."""
    from argmap.review import _toggle

    for folder in (ARGUMENTS, _random_folder(tmp_path)):
        opened = open_checked([folder])
        G = whole_graph(opened.project)
        settings = Settings(inferred=inferred)
        ev = evaluate(G, settings)
        expected = set()
        for rel in opened.project.relations():
            if rel.inferred:
                H = G.copy()
                if _toggle(H, rel, inferred) and evaluate(H, settings).status != ev.status:
                    expected.add(str(rel.loc))
        # acknowledged marks count too: this is about finding them (the seed maps acknowledge theirs)
        found = {str(d.loc) for d in review(opened, ev, G, include_acknowledged=True)
                 if d.code == "inferred-decides"}
        assert found == expected
        assert folder == ARGUMENTS or len(expected) >= 3


@pytest.mark.parametrize("note, says_so", [
    ("A statement of his leaning, not an argument against the plan.", True),
    ("Reports the dissent in one clause, with no reason, and moves on.", True),
    ("Said as an appeal to sympathy.", True),
    ("He gives no argument for it.", True),
    ("There is no reason to doubt the survey, he says.", False),
    ("Such research makes AI development more appealing.", False),
    ("Rhetorical questions that challenge the margins claim.", False),
])
def test_what_a_note_must_say_to_call_an_attack_no_argument(note, says_so):
    from argmap.review import NOT_AN_ARGUMENT

    assert bool(NOT_AN_ARGUMENT.search(note)) is says_so


def test_the_map_writer_keeps_every_reviewed_entry():
    """`argmap import` and the editors write maps with fmt.map_text: acknowledgements survive it."""
    from argmap.fmt import format_text, map_text
    from argmap.loader import load_file

    m, _ = load_file(REVIEW_DATA / "acknowledged" / "acknowledged.yaml")
    text = map_text(m)
    again, diags = load_text(text, "again.yaml", "acknowledged")
    assert diags == [] and format_text(text) == text
    assert [n.reviewed for n in again.nodes] == [n.reviewed for n in m.nodes]
    assert [r.reviewed for n in again.nodes for r in n.relations] == [r.reviewed for n in m.nodes for r in n.relations]
    assert {k: s.reviewed for k, s in again.sources.items()} == {k: s.reviewed for k, s in m.sources.items()}


@pytest.mark.parametrize("inferred", [False, True])
def test_an_inferred_objection_to_an_objection_that_decides_a_verdict_is_marked(tmp_path, inferred):
    """x's inferred attack on n's objection to p's objection to c->g (argmap.address) decides Bob's example
    (Baroni et al. 2011): counted, g stands and c falls; left out, both are open. The mark is there either
    way, named at its depth, and agrees with flipping the link in the whole folder."""
    from argmap.review import _toggle

    (tmp_path / "bob.yaml").write_text(
        "nodes:\n"
        "  - {id: c, text: Bob goes to Cuba., attacks: [g]}\n"
        "  - {id: g, text: Bob goes to the Galapagos., attacks: [c]}\n"
        "  - {id: p, text: The Galapagos trip is on offer., attacks: [c->g]}\n"
        "  - {id: n, text: The offer has ended., attacks: [p->c->g]}\n"
        "  - id: x\n    text: That notice was last year's.\n    attacks:\n      - {to: n->p->c->g, inferred: true}\n",
        encoding="utf-8")
    opened = open_checked([tmp_path])
    G = whole_graph(opened.project)
    ev = evaluate(G, Settings(inferred=inferred))
    assert (ev.status["g"], ev.status["c"]) == (("IN", "OUT") if inferred else ("UNDEC", "UNDEC"))
    (rel,) = [r for r in opened.project.relations() if r.inferred]
    H = G.copy()
    assert _toggle(H, rel, inferred) and evaluate(H, Settings(inferred=inferred)).status != ev.status
    assert G.edges["c", "g", "attacks"] == whole_graph(opened.project).edges["c", "g", "attacks"]  # G itself untouched
    (mark,) = [d for d in review(opened, ev, G) if d.code == "inferred-decides"]
    assert str(mark.loc) == f"{tmp_path / 'bob.yaml'}:9:14"
    assert ("“That notice was last year's.” attacks “The offer has ended.”'s objection to “The Galapagos trip is on "
            "offer.”'s objection to “Bob goes to Cuba.”'s link to “Bob goes to the Galapagos.”") in mark.message
