"""Tests for argmap.afio: apx/tgf/i23 reading and writing, ICCMA answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.afio import (
    AFFormatError,
    format_answer,
    format_extension,
    format_extensions,
    read_af,
    solve,
    write_af,
)
from argmap.semantics import AF, SemanticsError

from conftest import CORPUS, needs_shared

ICCMA = CORPUS / "iccma"
needs_corpus = needs_shared("corpus/iccma")

AF1 = AF(("a", "b", "c"), frozenset({("a", "b"), ("b", "c"), ("c", "c")}))


class TestReadAF:
    def test_apx_with_comments_and_spacing(self):
        text = "% a comment\narg(a). arg( b ).\n\natt(a, b). % trailing\narg(c).\natt(b,c).att(c,c).\n"
        assert read_af(text) == AF1

    def test_apx_dotted_ids(self):
        assert read_af("arg(a.1).\narg(b).\natt(a.1,b).").attacks == {("a.1", "b")}

    def test_tgf_with_labels(self):
        assert read_af("a first\nb\nc\n#\na b attacks\nb c\nc c\n", fmt="tgf") == AF1

    def test_tgf_without_edges(self):
        assert read_af("x\ny\n", fmt="tgf") == AF(("x", "y"))

    def test_i23(self):
        af = read_af("# comment\np af 3\n1 2\n\n2 3\n3 3\n")
        assert af == AF(("1", "2", "3"), frozenset({("1", "2"), ("2", "3"), ("3", "3")}))

    @pytest.mark.parametrize("suffix", [".apx", ".tgf", ".i23", ".af"])
    def test_suffix_selects_format(self, tmp_path, suffix):
        fmt = {".af": "i23"}.get(suffix, suffix[1:])
        p = tmp_path / f"x{suffix}"
        p.write_text(write_af(AF1, fmt))
        got = read_af(p)
        assert len(got.arguments) == 3 and len(got.attacks) == 3
        assert read_af(str(p)) == got

    def test_sniffing(self):
        assert read_af("a\nb\n#\na b\n") == AF.from_edges([("a", "b")])
        assert read_af("p af 1\n") == AF(("1",))

    def test_empty_text_is_empty_af(self):
        assert read_af("", fmt="apx") == AF(())


class TestErrors:
    @pytest.mark.parametrize(
        "text, fmt, message",
        [
            ("arg(a).\natt(a,b).\n", "apx",
             "x.apx:2: att(a,b) names undeclared argument 'b' (hint: add arg(b).)"),
            ("arg(a).\narg(b)\n", "apx",
             "x.apx:2: cannot parse 'arg(b)' (hint: statements look like arg(a). "
             "or att(a,b). and end with '.')"),
            ("arg(a,b).\n", "apx",
             "x.apx:1: arg takes one id, got arg(a,b) (hint: did you mean att(a,b).?)"),
            ("a\n#\na\n", "tgf",
             "x.tgf:3: attack line 'a' has one id (hint: attack lines after '#' read "
             "'attacker target')"),
            ("a\n#\na z\n", "tgf",
             "x.tgf:3: attack a z names undeclared argument 'z' (hint: list z on its "
             "own line before '#')"),
            ("# c\n1 2\n", "i23",
             "x.i23:2: expected header 'p af N', got '1 2' (hint: the first non-comment "
             "line must be 'p af <number of arguments>')"),
            ("p af 2\n1 3\n", "i23",
             "x.i23:2: argument 3 out of range 1..2 (hint: raise N in the 'p af N' "
             "header or fix the number)"),
            ("p af 2\n1 x\n", "i23",
             "x.i23:2: expected an attack 'i j', got '1 x' (hint: attack lines are two "
             "argument numbers separated by a space)"),
            ("", "i23",
             "x.i23:1: missing header 'p af N' (hint: start the file with "
             "'p af <number of arguments>')"),
        ],
    )
    def test_file_line_messages(self, tmp_path, text, fmt, message):
        p = tmp_path / f"x.{fmt}"
        p.write_text(text)
        with pytest.raises(AFFormatError) as info:
            read_af(p)
        assert str(info.value) == message.replace("x.", str(tmp_path / "x."), 1)

    def test_non_utf8(self, tmp_path):
        p = tmp_path / "bad.apx"
        p.write_bytes(b"arg(\xff).\n")
        with pytest.raises(AFFormatError, match=r"bad.apx:1: byte 0xff is not valid UTF-8 \(hint: save the file as UTF-8\)"):
            read_af(p)

    def test_missing_file(self, tmp_path):
        with pytest.raises(AFFormatError, match=r"nope.apx: cannot read file"):
            read_af(tmp_path / "nope.apx")
        with pytest.raises(AFFormatError, match=r"typo.tgf: cannot read file"):
            read_af(str(tmp_path / "typo.tgf"))

    def test_unwritable_ids(self):
        with pytest.raises(AFFormatError, match="cannot be written as apx"):
            write_af(AF(("a b",)), "apx")
        with pytest.raises(AFFormatError, match="cannot be written as tgf"):
            write_af(AF(("#",)), "tgf")

    def test_unknown_format(self):
        with pytest.raises(AFFormatError, match="unknown format 'dot'"):
            read_af("arg(a).", fmt="dot")


class TestWriteAF:
    def test_apx_text(self):
        assert write_af(AF1, "apx") == (
            "arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\natt(c,c).\n"
        )

    def test_i23_text_with_mapping(self):
        assert write_af(AF1, "i23") == "p af 3\n# 1 a\n# 2 b\n# 3 c\n1 2\n2 3\n3 3\n"

    @pytest.mark.parametrize("fmt", ["apx", "tgf"])
    def test_round_trip(self, fmt):
        assert read_af(write_af(AF1, fmt), fmt=fmt) == AF1

    @pytest.mark.slow
    @settings(max_examples=60, deadline=None)
    @given(st.integers(0, 6).flatmap(lambda n: st.tuples(
        st.just(n), st.sets(st.tuples(st.integers(1, max(n, 1)), st.integers(1, max(n, 1))))
    )))
    def test_round_trip_property(self, case):
        n, pairs = case
        args = tuple(f"x{i}" for i in range(1, n + 1))
        af = AF(args, frozenset((f"x{i}", f"x{j}") for i, j in pairs if n))
        for fmt in ("apx", "tgf"):
            assert read_af(write_af(af, fmt), fmt=fmt) == af
        back = read_af(write_af(af, "i23"), fmt="i23")
        assert len(back.arguments) == n and len(back.attacks) == len(af.attacks)

    @pytest.mark.slow
    @needs_corpus
    def test_medium_round_trip(self):
        af = read_af(ICCMA / "aig-hagen-probo2/src/data/test/Medium-result-b1.apx")
        assert read_af(write_af(af, "tgf"), fmt="tgf") == af
        i23 = read_af(write_af(af, "i23"), fmt="i23")
        assert len(i23.attacks) == 77_717


class TestFormatting:
    def test_extension(self):
        assert format_extension([]) == "[]"
        assert format_extension({"a2", "a10", "a3"}) == "[a10,a2,a3]"

    def test_extensions(self):
        assert format_extensions([]) == "[]"
        assert format_extensions([frozenset()]) == "[[]]"
        assert format_extensions([{"b", "c"}, {"a"}]) == "[[a],[b,c]]"

    def test_answer(self):
        assert (format_answer(True), format_answer(False)) == ("YES", "NO")

    @needs_corpus
    def test_matches_reference_style(self):
        ref = (ICCMA / "probo-examples-via-DL-abstract-argumentation/src/data/generators/"
               "probo/examples/solutions/ex3.apx.EE-PR").read_text().strip()
        assert ref == "[[a10,a2,a3,a5],[a1,a2,a3,a6,a7]]"
        af = read_af(ICCMA / "probo-examples-via-DL-abstract-argumentation/src/data/"
                     "generators/probo/examples/ex3.tgf")
        assert solve(af, "preferred", "EE") == ref


class TestSolve:
    EVEN = AF.from_edges([("a", "b"), ("b", "a")])
    ODD = AF.from_edges([("a", "b"), ("b", "c"), ("c", "a")])

    @pytest.mark.parametrize(
        "af, sem, task, arg, out",
        [
            (EVEN, "GR", "EE", None, "[[]]"),
            (EVEN, "complete", "EE", None, "[[],[a],[b]]"),
            (EVEN, "ST", "SE", None, "[a]"),
            (EVEN, "co", "se", None, "[]"),
            (EVEN, "PR", "DC", "a", "YES"),
            (EVEN, "PR", "DS", "a", "NO"),
            (ODD, "ST", "EE", None, "[]"),
            (ODD, "ST", "SE", None, "NO"),
            (ODD, "ST", "DS", "a", "YES"),
            (ODD, "stable", "DC", "a", "NO"),
        ],
    )
    def test_tasks(self, af, sem, task, arg, out):
        assert solve(af, sem, task, arg) == out

    def test_errors(self):
        with pytest.raises(SemanticsError, match="needs an argument"):
            solve(self.EVEN, "PR", "DC")
        with pytest.raises(SemanticsError, match="unknown argument 'z'"):
            solve(self.EVEN, "PR", "DS", "z")
        with pytest.raises(SemanticsError, match="unknown task 'XX'"):
            solve(self.EVEN, "PR", "XX")


class TestHostileInput:
    """Issue 10 item 19 and issue 8: ICCMA input that crashed, hung or lied."""

    def test_huge_header_is_refused_before_allocating(self):
        with pytest.raises(AFFormatError, match=r"<string>:1: 'p af 99999999999' declares more than"):
            read_af("p af 99999999999\n1 2\n")

    @pytest.mark.parametrize("text", ["p af ²\n", "p af 3\n1 ٣\n", "p af 3\n¹ 2\n"])
    def test_non_ascii_digits_are_a_located_error(self, text):
        with pytest.raises(AFFormatError, match=r"<string>:\d: expected"):
            read_af(text, fmt="i23")

    def test_byte_order_mark(self, tmp_path):
        p = tmp_path / "bom.apx"
        p.write_bytes("\ufeffarg(a).\narg(b).\natt(a,b).\n".encode())
        assert read_af(p) == AF.from_edges([("a", "b")])
        q = tmp_path / "bom.i23"
        q.write_bytes("\ufeffp af 2\n1 2\n".encode())
        assert read_af(q).attacks == {("1", "2")}

    @pytest.mark.parametrize("ident", ["a,b", "x]", "[y"])
    def test_ids_that_make_answers_ambiguous_are_refused(self, ident):
        af = read_af(f"{ident}\nc\n#\n{ident} c\n", fmt="tgf")
        for task in ("SE", "EE"):
            with pytest.raises(AFFormatError, match="cannot be written in an ICCMA answer"):
                solve(af, "GR", task)
        assert solve(af, "GR", "DC", ident) == "YES"  # YES/NO answers stay unambiguous

    def test_svg_is_not_a_framework(self, tmp_path):
        svg = tmp_path / "example.svg"
        svg.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">\n<g id="x"/>\n</svg>\n')
        with pytest.raises(AFFormatError, match=r"example\.svg:1: not an argumentation framework \(suffix '\.svg'"):
            read_af(svg)
        with pytest.raises(AFFormatError, match="not an argumentation framework"):
            read_af(str(svg))

    def test_unknown_suffix_with_framework_content_is_sniffed(self, tmp_path):
        p = tmp_path / "fw.txt"
        p.write_text("arg(a).\natt(a,a).\n")
        assert read_af(p).attacks == {("a", "a")}
        q = tmp_path / "fw"
        q.write_text("a\nb\n#\na b\n")
        assert read_af(q).attacks == {("a", "b")}

    @pytest.mark.slow
    def test_cli_solve_refuses_an_svg(self, tmp_path):
        import shutil
        import subprocess
        import sys

        exe = shutil.which("argmap", path=str(Path(sys.executable).parent))
        if exe is None:
            pytest.skip("the argmap script is not installed next to this Python")
        svg = tmp_path / "example.svg"
        svg.write_text('<svg xmlns="http://www.w3.org/2000/svg"><text>arg</text></svg>\n')
        res = subprocess.run([exe, "solve", str(svg), "-s", "grounded", "-t", "SE"], capture_output=True, text=True)
        assert res.returncode == 1, res.stdout
        assert res.stdout == ""
        assert "not an argumentation framework" in res.stderr and "Traceback" not in res.stderr
        assert len(res.stderr.strip().splitlines()) == 1

    def test_stream_joins_to_the_same_answer(self):
        af = AF.from_edges([(f"a{i}", f"b{i}") for i in range(5)] + [(f"b{i}", f"a{i}") for i in range(5)])
        from argmap.afio import solve_stream

        for sem in ("CO", "PR", "ST", "GR"):
            streamed = "".join(solve_stream(af, sem, "EE"))
            groups = streamed[2:-2].split("],[") if streamed != "[]" else []
            assert format_extensions([g.split(",") if g else [] for g in groups]) == solve(af, sem, "EE")


@pytest.mark.slow
class TestCliSolveStreams:
    """`argmap solve -t EE` prints each extension as it is found (issue 10, item 6)."""

    @staticmethod
    def _exe():
        import shutil
        import sys

        exe = shutil.which("argmap", path=str(Path(sys.executable).parent))
        if exe is None:
            pytest.skip("the argmap script is not installed next to this Python")
        return exe

    def test_ee_answer_starts_before_the_enumeration_ends(self, tmp_path):
        import selectors
        import subprocess

        # 2**24 preferred extensions: the joined answer would never fit in memory,
        # so the first one can only arrive if the CLI streams.
        n = 24
        lines = [f"arg(a{i}).\narg(b{i}).\natt(a{i},b{i}).\natt(b{i},a{i})." for i in range(n)]
        apx = tmp_path / "pairs.apx"
        apx.write_text("\n".join(lines) + "\n")
        proc = subprocess.Popen([self._exe(), "solve", str(apx), "-s", "PR", "-t", "EE"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            sel = selectors.DefaultSelector()
            sel.register(proc.stdout, selectors.EVENT_READ)
            got = b""
            while b"]" not in got:
                assert sel.select(timeout=120), "no output: the answer is not streamed"
                chunk = proc.stdout.read1(4096)
                assert chunk, "argmap solve ended before printing an extension"
                got += chunk
        finally:
            proc.kill()
            proc.wait()
        first = got[: got.index(b"]") + 1].decode()
        assert first.startswith("[[")
        members = first[2:-1].split(",")
        assert len(members) == n and all(m[:1] in "ab" for m in members)

    def test_streamed_cli_answer_is_the_library_answer(self, tmp_path):
        import subprocess

        apx = tmp_path / "f.apx"
        apx.write_text("arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,a).\natt(b,c).\natt(c,b).\n")
        af = read_af(apx)
        for sem in ("GR", "CO", "PR", "ST"):
            res = subprocess.run([self._exe(), "solve", str(apx), "-s", sem, "-t", "EE"], capture_output=True, text=True)
            assert res.returncode == 0, res.stderr
            # the solver's own (fixed) order, not the sorted one: nothing is held back
            from argmap.afio import solve_stream

            assert res.stdout == "".join(solve_stream(af, sem, "EE")) + "\n"

    def test_input_errors_come_before_any_output(self, tmp_path):
        import subprocess

        apx = tmp_path / "f.apx"
        apx.write_text("arg(a).\n")
        res = subprocess.run([self._exe(), "solve", str(apx), "-s", "PR", "-t", "DC"], capture_output=True, text=True)
        assert res.returncode == 1 and res.stdout == ""
        assert res.stderr.startswith("Error: ") and len(res.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("text", ['arg("a,b").\n', "arg('a,b').\n"])
def test_a_quoted_apx_id_with_a_comma_gets_the_real_reason(text):
    # the hint used to be "did you mean att("a,b").?": the writer meant one id, not an attack
    with pytest.raises(AFFormatError, match=r"<string>:1: arg takes one id.*not quoted and hold no ','") as exc:
        read_af(text, fmt="apx")
    assert "did you mean att" not in str(exc.value)


def test_arg_with_two_plain_ids_still_suggests_att():
    with pytest.raises(AFFormatError, match=r"did you mean att\(a,b\)\.\?"):
        read_af("arg(a,b).\n", fmt="apx")
