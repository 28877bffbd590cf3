"""validate.py: one test per rule code, each on a tiny project read from YAML text."""

from __future__ import annotations

from argmap.loader import load_text
from argmap.model import Project
from argmap.validate import validate


def _project(*texts: str) -> Project:
    maps = []
    for i, text in enumerate(texts):
        m, diags = load_text(text, f"m{i}.yaml", default_map=f"m{i}")
        assert m is not None and not [d for d in diags if d.is_error], diags
        maps.append(m)
    return Project(tuple(maps))


def _found(*texts: str) -> list[str]:
    return [str(d) for d in validate(_project(*texts))]


def test_clean_project_has_nothing():
    assert _found("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks: [a]\n") == []


def test_duplicate_id():
    assert _found("nodes:\n  - id: a\n    text: A.\n", "nodes:\n  - id: a\n    text: again.\n") == [
        "m1.yaml:2:9: error[duplicate-id]: id 'a' is already used at m0.yaml:2:9"
    ]


def test_duplicate_map():
    found = _found("map: x\nnodes:\n  - id: a\n    text: A.\n", "map: x\nnodes:\n  - id: b\n    text: B.\n")
    assert found == ["m1.yaml:1:1: error[duplicate-map]: map name 'x' is also used by m0.yaml"]


def test_self_loop():
    assert _found("nodes:\n  - id: a\n    text: A.\n    attacks: [a]\n") == [
        "m0.yaml:4:15: error[self-loop]: node 'a' attacks itself"
    ]


def test_dangling_with_did_you_mean():
    (d,) = validate(_project("nodes:\n  - id: alpha\n    text: A.\n  - id: b\n    text: B.\n    attacks: [alpah]\n"))
    assert (d.code, d.loc.line, d.hint) == ("dangling", 6, "did you mean 'alpha'?")


def test_undercut_claim():
    found = _found("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    undercuts: [a]\n")
    assert [f.split(": ", 1)[1] for f in found] == [
        "error[undercut-claim]: 'b' undercuts 'a', which is a claim, not an argument"
    ]


def test_duplicate_relation():
    found = _found("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks: [a, a]\n")
    assert [f.split(": ", 1)[1] for f in found] == ["warning[duplicate-relation]: 'b' attacks 'a' twice"]


def test_support_and_attack():
    found = _found("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    supports: [a]\n    attacks: [a]\n")
    assert [f.split(": ", 1)[1] for f in found] == ["warning[support-and-attack]: 'b' both supports and attacks 'a'"]


def test_unused_source():
    found = _found("sources:\n  s:\n    title: T\nnodes:\n  - id: a\n    text: A.\n")
    assert found == ["m0.yaml:2:3: warning[unused-source]: source 's' is declared but no node cites it"]


def _thread(n: int, replies: dict[int, str]) -> str:
    lines = ["sources:"]
    for i in range(n):
        lines += [f"  s{i}:", f"    title: Comment {i}"]
        if i in replies:
            lines.append(f"    replies_to: {replies[i]}")
    lines += ["nodes:"] + [f"  - id: n{i}\n    text: N{i}.\n    source: s{i}" for i in range(n)]
    return "\n".join(lines) + "\n"


def test_long_reply_thread_cycles_are_reported_once_from_their_first_source():
    replies = {i: f"s{i - 1}" for i in range(1, 400)}  # one thread of 400 sources...
    replies.update({0: "s402", 400: "s399", 401: "s400", 402: "s401"})  # ...closed into one cycle
    replies.update({403: "s404", 404: "s403", 405: "s404"})  # a second cycle, with a reply into it
    diags = [d for d in validate(_project(_thread(406, replies))) if d.code == "reply-cycle"]
    assert [d.message.split(": ", 1)[1].split(" -> ")[:3] for d in diags] == [["s0", "s402", "s401"], ["s403", "s404", "s403"]]
    assert diags[0].message.endswith("s1 -> s0") and diags[0].loc.line == 4  # s0's `replies_to:`


def test_every_unknown_reply_gets_its_own_hint_from_one_index():
    replies = {i: f"s{i - 1}" for i in range(1, 600)}
    for i in range(1, 600, 7):
        replies[i] = f"s{i - 1}x"  # 86 misspelt replies among 600 sources
    diags = [d for d in validate(_project(_thread(600, replies))) if d.code == "unknown-reply"]
    assert len(diags) == 86
    for d in diags:  # "source 's8' replies to 's7x', ..." -> did you mean 's7'?
        wrong = d.message.split("'")[3]
        assert d.hint == f"did you mean '{wrong[:-1]}'?", d
