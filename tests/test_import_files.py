"""import_files and write_maps: what `argmap import FILE... -o OUT [--from FMT]` calls."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest
from importhelp import CORPUS, ROOT, needs_corpus

from argmap.diagnostics import ArgmapError, InvalidInputError
from argmap.importers import IMPORTERS, detect, import_files, import_to, read_file

KIALO = "Discussion Title: T?\n\n1. Thesis.\n1.1. Pro: Reason.\n1.2. Con: Objection.\n"
ARGDOWN = "[A]: Claim.\n  + <B>: Reason.\n"
MICRO = '<?xml version="1.0"?>\n<arggraph id="x"><edu id="e1">A.</edu><adu id="a1" type="pro"/><edge id="c1" src="e1" trg="a1" type="seg"/></arggraph>\n'
AIF = '{"nodes": [{"nodeID": "1", "text": "A", "type": "I"}], "edges": []}\n'


def test_registry_names_the_four_formats():
    assert list(IMPORTERS) == ["argdown", "kialo", "aif", "microtext"]


@pytest.mark.parametrize(
    "name, text, fmt",
    [("d.argdown", ARGDOWN, "argdown"), ("d.ad", "Just a paragraph.\n", "argdown"), ("d.txt", KIALO, "kialo"),
     ("d.csv", KIALO, "kialo"), ("d.json", AIF, "aif"), ("d.xml", MICRO, "microtext"), ("d.dat", MICRO, "microtext"),
     ("d.txt", "nothing known\n", None)],
)
def test_detect_by_suffix_and_content(name, text, fmt):
    assert detect(name, text) == fmt


def test_import_files_returns_yaml_per_map_and_forced_format(tmp_path):
    (tmp_path / "a.dat").write_text(KIALO, encoding="utf-8")
    (tmp_path / "b.argdown").write_text(ARGDOWN, encoding="utf-8")
    texts, warnings = import_files([tmp_path / "a.dat", tmp_path / "b.argdown"], fmt=None)
    assert list(texts) == ["a", "b"] and warnings == []
    assert texts["a"].startswith(f"# Imported by `argmap import` from {tmp_path / 'a.dat'} (kialo).\nmap: a\ntitle: T?\n")
    with pytest.raises(InvalidInputError) as exc:
        import_files([tmp_path / "b.argdown"], fmt="kialo")
    assert str(exc.value.diagnostics[0]) == (
        f"{tmp_path / 'b.argdown'}:1:1: error[kialo-empty]: no numbered claims (`1.`, `1.1. Pro:` ...) in this file")
    with pytest.raises(ArgmapError, match="unknown import format 'x'"):
        import_files([tmp_path / "a.dat"], fmt="x")


def test_unknown_format_and_bad_bytes_are_located_errors_and_nothing_is_returned(tmp_path):
    (tmp_path / "good.txt").write_text(KIALO, encoding="utf-8")
    (tmp_path / "what.txt").write_text("hello\n", encoding="utf-8")
    (tmp_path / "bad.argdown").write_bytes(b"[A]: ok\n[B]: \xff\n")
    with pytest.raises(InvalidInputError) as exc:
        import_files([tmp_path / "good.txt", tmp_path / "what.txt", tmp_path / "bad.argdown", tmp_path / "missing.xml"])
    lines = [str(d) for d in exc.value.diagnostics]
    assert lines == [
        f"{tmp_path / 'what.txt'}:1:1: error[unknown-format]: cannot tell which format this file is in",
        f"{tmp_path / 'bad.argdown'}:2:6: error[encoding]: byte 0xff is not valid UTF-8",
        f"{tmp_path / 'missing.xml'}:1:1: error[io]: cannot read file: No such file or directory",
    ]
    assert exc.value.diagnostics[0].hint == "name it with a known suffix or give --from argdown|kialo|aif|microtext"


def test_same_stem_twice_gets_two_maps_and_ids_avoid_taken(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "d.argdown").write_text(ARGDOWN, encoding="utf-8")
    (tmp_path / "x" / "d.argdown").write_text(ARGDOWN, encoding="utf-8")
    texts, _ = import_files([tmp_path / "d.argdown", tmp_path / "x" / "d.argdown"], taken={"a"})
    assert list(texts) == ["d", "d-2"]
    ids = [l.split(": ")[1] for t in texts.values() for l in t.splitlines() if l.startswith("  - id: ")]
    assert ids == ["a-2", "b", "a-3", "b-2"]


def test_import_to_a_file_or_a_folder_never_overwrites_unless_forced(tmp_path):
    (tmp_path / "one.argdown").write_text(ARGDOWN, encoding="utf-8")
    (tmp_path / "two.txt").write_text(KIALO, encoding="utf-8")
    written, _ = import_to([tmp_path / "one.argdown", tmp_path / "two.txt"], tmp_path / "out")
    assert [p.name for p in written] == ["one.yaml", "two.yaml"]
    before = (tmp_path / "out" / "one.yaml").read_text()
    (tmp_path / "three.ad").write_text("[C]: Other.\n", encoding="utf-8")
    with pytest.raises(ArgmapError, match="will not overwrite"):
        import_to([tmp_path / "three.ad", tmp_path / "one.argdown"], tmp_path / "out")
    assert not (tmp_path / "out" / "three.yaml").exists()
    assert (tmp_path / "out" / "one.yaml").read_text() == before
    with pytest.raises(ArgmapError, match="2 maps cannot go into one file"):
        import_to([tmp_path / "one.argdown", tmp_path / "two.txt"], tmp_path / "x.yaml")
    assert import_to([tmp_path / "one.argdown"], tmp_path / "single.yaml")[0] == [tmp_path / "single.yaml"]
    (tmp_path / "other.ad").write_text("[D]: Replaced.\n", encoding="utf-8")
    written, _ = import_to([tmp_path / "other.ad"], tmp_path / "single.yaml", force=True)
    assert "text: Replaced." in written[0].read_text() and "map: single\n" in written[0].read_text()


@pytest.mark.slow
@needs_corpus
def test_same_bytes_under_any_hash_seed():
    files = [CORPUS / "kialo/edoguido-Kialo-Parser/test/should-hate-speech-be-illegal-6148.txt",
             CORPUS / "argdown/arguebase-argdown-examples/argdown-examples/format=argdown,lang=en/argdown-primer.argdown",
             next(CORPUS.glob("aif/arguebase-public/us-2016/*/nodeset10304.json")),
             CORPUS / "microtext/peldszus-arg-microtexts/corpus/en/micro_b001.xml"]
    code = ("import sys, hashlib; from argmap.importers import import_files; t, w = import_files(sys.argv[1:]); "
            "print(hashlib.sha256(repr((t, [str(x) for x in w])).encode()).hexdigest())")
    outs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", code, *map(str, files)], env=env, capture_output=True, text=True, cwd=ROOT)
        assert run.returncode == 0, run.stderr
        outs.add(run.stdout)
    assert len(outs) == 1


from hypothesis import given, settings, strategies as st  # noqa: E402


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_written_scalars_read_back_as_the_same_string(value):
    import yaml

    from argmap.yamltext import yaml_scalar

    assert yaml.safe_load(f"k: {yaml_scalar(value)}\n")["k"] == value
    assert yaml.safe_load(f"k: [{yaml_scalar(value, flow=True)}]\n")["k"] == [value]


@pytest.mark.parametrize(
    "name, text, code",
    [("deep.json", "[" * 100000 + "]" * 100000, "too-deep"),
     ("laughs.xml", '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<arggraph>&b;</arggraph>\n', "xml-entity"),
     ("shape.json", '{"nodes": {"x": 1}, "edges": []}', "not-aif")],
)
def test_hostile_files_are_one_located_error(tmp_path, name, text, code):
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInputError) as exc:
        import_files([tmp_path / name])
    assert [d.code for d in exc.value.diagnostics] == [code]


def test_odd_shapes_and_aliases_are_warnings_not_tracebacks(tmp_path):
    (tmp_path / "odd.json").write_text('{"nodes": [1, {"nodeID": "1", "text": "A", "type": "I"}], "edges": [2]}', encoding="utf-8")
    bomb = "===\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n===\n\n[A]: Claim. {x: &y [1], z: *y}\n"
    (tmp_path / "bomb.argdown").write_text(bomb, encoding="utf-8")
    (tmp_path / "bad\nname.argdown").write_text("[A]: Claim.\n", encoding="utf-8")
    texts, warnings = import_files([tmp_path / "odd.json", tmp_path / "bomb.argdown", tmp_path / "bad\nname.argdown"])
    assert [w.code for w in warnings] == ["aif-bad-node", "aif-bad-edge", "argdown-frontmatter"]
    assert "aliases (*name) are not read" in warnings[2].message
    assert "{x: &y [1], z: *y}" in texts["bomb"]  # an alias in a data block: not data, so the words stay
    assert texts["bad-name"].splitlines()[0].endswith("bad\\nname.argdown (argdown).")


def test_import_to_avoids_the_ids_of_the_folder_it_writes_into(tmp_path):
    from argmap.importers import import_to

    folder = tmp_path / "arguments"
    folder.mkdir()
    (folder / "old.yaml").write_text("nodes:\n  - id: a\n    text: Old.\n", encoding="utf-8")
    (tmp_path / "new.argdown").write_text(ARGDOWN, encoding="utf-8")
    written, warnings = import_to([tmp_path / "new.argdown"], folder)
    assert written == [folder / "new.yaml"] and warnings == []
    assert "  - id: a-2\n    title: A\n" in written[0].read_text(encoding="utf-8")
    with pytest.raises(ArgmapError, match="will not overwrite"):
        import_to([tmp_path / "new.argdown"], folder)


@pytest.mark.parametrize("name, text", [
    ("empty.argdown", ""),
    ("comments.argdown", "// only a comment\n"),
    ("e.json", '{"nodes": [], "edges": []}'),
    ("e.xml", '<?xml version="1.0"?>\n<arggraph id="x"></arggraph>\n'),
])
def test_a_file_with_nothing_to_import_is_an_error_and_writes_nothing(tmp_path, name, text):
    # an empty Argdown file used to be written as a map with an empty `nodes:` and exit 0
    src = tmp_path / name
    src.write_text(text)
    out = tmp_path / "out"
    with pytest.raises(InvalidInputError) as exc:
        import_to([src], out)
    assert [(d.code, d.loc.line) for d in exc.value.diagnostics] == [("nothing-to-import", 1)]
    assert not out.exists()


CORPUS_FILES = {
    "argdown": sorted(CORPUS.glob("argdown/**/*.argdown")),
    "kialo": sorted(CORPUS.glob("kialo/**/*.txt")),
    "aif": sorted(CORPUS.glob("aif/**/*.json")),
    "microtext": sorted(CORPUS.glob("microtext/**/*.xml")),
}


@needs_corpus
@pytest.mark.parametrize("fmt", sorted(CORPUS_FILES))
def test_every_corpus_file_imports_check_and_fmt_clean(fmt, tmp_path):
    """Issue 17: every import of ../shared/corpus checks clean in its folder and `fmt --check` leaves it alone."""
    import argmap
    from argmap.fmt import format_text

    # what the corpus holds of this format (aif/ also has mapping tables and other JSON)
    sniff = IMPORTERS[fmt].load().sniff
    paths = [p for p in CORPUS_FILES[fmt] if fmt == "argdown" or sniff(p.read_text(encoding="utf-8", errors="replace")[:4096])]
    assert len(paths) >= {"argdown": 40, "kialo": 3, "aif": 150, "microtext": 390}[fmt], len(paths)
    readable = []
    for p in paths:  # a file with nothing to import (xaif-empty.json) is refused with a located error
        try:
            if read_file(p, fmt).map.nodes:
                readable.append(p)
        except InvalidInputError as exc:
            assert all(d.loc is not None for d in exc.diagnostics), exc
    assert len(readable) >= len(paths) - 3
    written, _ = import_to(readable, tmp_path / fmt, fmt)
    assert len(written) == len(readable)
    _, diags = argmap.check(tmp_path / fmt)
    assert [str(d) for d in diags if d.is_error] == []
    unformatted = [p.name for p in written if format_text(t := p.read_text(encoding="utf-8")) != t]
    assert unformatted == []


def test_made_ids_fit_the_id_rule_however_long_the_prefix_and_text():
    from argmap.importers._common import IdMaker
    from argmap.spec import ID_PATTERN

    ids = IdMaker(prefix="p" * 40)
    made = [ids.make("word " * 60) for _ in range(12)]
    assert all(ID_PATTERN.match(i) for i in made) and len(set(made)) == 12
