"""`argmap fmt`: canonical key order and wrapping, every comment kept, the data never changed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from argmap.cli import cli
from argmap.diagnostics import ArgmapError
from argmap.fmt import format_text

ROOT = Path(__file__).resolve().parents[1]
EDIT = ROOT / "tests" / "data" / "edit"
FILES = sorted((ROOT / "arguments").glob("*.yaml")) + sorted(EDIT.glob("*.yaml"))


def comments(text: str) -> list[str]:
    """Every comment, in order (a '#' after a space or at a line start, outside quotes: good enough here)."""
    return [m.group(0).strip() for line in text.splitlines() for m in [re.search(r"(?:^|\s)#.*$", line)] if m]


@pytest.mark.slow
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_format_keeps_data_and_comments_and_is_idempotent(path):
    text = path.read_text(encoding="utf-8-sig")
    out = format_text(text)
    assert yaml.safe_load(out) == yaml.safe_load(text)
    assert sorted(comments(out)) == sorted(comments(text))
    assert format_text(out) == out
    assert out.endswith("\n") and "\r" not in out and not re.search(r"[ \t]$", out, re.M)


def test_keys_reordered_with_their_comments():
    text = (
        "# header stays first\n"
        "nodes:\n"
        "  - text: Second key first.   # on the text\n"
        "    attacks: [b]\n"
        "    # about the id\n"
        "    id: a\n"
        "\n"
        "  - id: b\n"
        "    text: B.\n"
        "title: Title after nodes\n"
        "map: m\n"
    )
    assert format_text(text) == (
        "# header stays first\n"
        "map: m\n"
        "title: Title after nodes\n"
        "nodes:\n"
        "  # about the id\n"  # the comment above `id` moves with it, above the item's '- '
        "  - id: a\n"
        "    text: Second key first.   # on the text\n"
        "    attacks: [b]\n"
        "\n"
        "  - id: b\n"
        "    text: B.\n"
    )


def test_keys_reordered():
    text = "nodes:\n- attacks: [b]   # why\n  # the words\n  text: A.\n  id: a\n- id: b\n  text: B.\nmap: m\n"
    assert format_text(text) == (
        "map: m\nnodes:\n- id: a\n  # the words\n  text: A.\n  attacks: [b]   # why\n- id: b\n  text: B.\n"
    )


def test_long_values_stay_on_one_line_and_split_ones_are_joined():
    long = " ".join(["word"] * 40)
    text = (f"nodes:\n  - id: a\n    text: {long}   # keep me\n    quote: \"{long}\"\n"
            "    by: >-\n      Folded\n      name\n    note: >-\n      short\n      note\n")
    out = format_text(text, width=60)
    assert f"    text: {long}   # keep me\n" in out and f'    quote: "{long}"\n' in out  # however long
    assert "    by: Folded name\n" in out  # folding is kept only for description and note
    assert "    note: >-\n      short\n      note\n" in out  # a folded note that fits is kept as written
    assert yaml.safe_load(out) == yaml.safe_load(text)


def test_a_folded_note_with_a_line_over_the_width_is_rewrapped():
    words = " ".join(f"w{i}" for i in range(40))
    text = f"description: >-\n  {words}\nnodes:\n  - id: a\n    text: A.\n    note: >-  # why\n      {words}\n"
    out = format_text(text, width=40)
    assert "    note: >-  # why\n      w0 w1" in out and "\n  w0 w1" in out
    assert all(len(line.strip()) <= 40 for line in out.splitlines())
    assert yaml.safe_load(out) == yaml.safe_load(text) and format_text(out, width=40) == out


def test_multi_line_values_keep_their_quotes_and_every_comment():
    text = ("nodes:\n  - id: a\n    text: # why\n      A long\n      one.\n    by: 'It''s\n      me'\n"
            "    quote: \"Two\n      lines\"   # after\n")
    out = format_text(text)
    assert out == ("nodes:\n  - id: a\n    text: A long one.  # why\n    by: 'It''s me'\n"
                   '    quote: "Two lines"  # after\n')


FILES_CHECK_ACCEPTS = {
    "impossible-date": ("sources:\n  s:\n    title: T\n    date: 2022-13-45\nnodes:\n  - id: a\n    text: A.\n"
                        "    source: s\n", None),
    "lone-cr": ("nodes:\r  - id: a\r    text: A.\r", "nodes:\n  - id: a\n    text: A.\n"),
    "line-separator": ('nodes:\n  - id: a\n    text: "A\u2028b"\n    by: x\u2029      y\n    tags: [t]  # c\u2028\n',
                       'nodes:\n  - id: a\n    text: "A\\Lb"\n    by: "x\\Py"\n    tags: [t]  # c\n'),
    "nel": ('nodes:\n  - id: a\n    text: "x\x85y"\n', 'nodes:\n  - id: a\n    text: "x y"\n'),
    "tab-in-plain": ("nodes:\n  - id: a\n    text: A\tb c\n", None),
    "comment-between-key-and-value": ("nodes:\n  - id: a\n    text: # why\n      A.\n",
                                      "nodes:\n  - id: a\n    text: A.  # why\n"),
    "trailing-space-in-block": ("nodes:\n  - id: a\n    text: A.   \n    note: |\n      kept   \n      x\n",
                                "nodes:\n  - id: a\n    text: A.\n    note: |\n      kept   \n      x\n"),
    # a keep-chomped block at the end of the file: its trailing blank lines are its value
    "keep-chomped-last": ("nodes:\n  - id: a\n    text: |+\n      A.\n\n", None),
    "keep-chomped-last-tagged": ("nodes:\n  - id: a\n    text: !!str >2+\n      A.\n\n\n", None),
    "clipped-last": ("nodes:\n  - id: a\n    text: |\n      A.\n\n\n", "nodes:\n  - id: a\n    text: |\n      A.\n"),
}


@pytest.mark.parametrize("name", list(FILES_CHECK_ACCEPTS))
def test_fmt_handles_every_file_check_accepts(tmp_path, name):
    import argmap

    text, expected = FILES_CHECK_ACCEPTS[name]
    path = tmp_path / "m.yaml"
    path.write_bytes(text.encode("utf-8"))
    _, diags = argmap.check(tmp_path)
    assert not [d for d in diags if d.is_error]
    out = format_text(text)
    assert out == (text if expected is None else expected)
    assert format_text(out) == out
    assert sorted(comments(out)) == sorted(comments(text))
    loader = yaml.CBaseLoader  # strings only: an impossible date is no error
    assert yaml.load(out, Loader=loader) == yaml.load(text, Loader=loader)


def test_a_separator_fmt_cannot_move_is_a_located_error():
    text = "nodes:\n  - id: a\n    text: A.\n    note: |\n      x\u2028      y\n"  # part of a literal block
    with pytest.raises(ArgmapError, match=r"^<string>:5:8: error\[fmt\]: cannot .* not formatted"):
        format_text(text)


def test_fmt_check_of_the_seed_maps_is_clean():
    result = CliRunner().invoke(cli, ["fmt", "--check", str(ROOT / "arguments")])
    assert result.exit_code == 0, result.output
    assert "0 files would be reformatted" in result.output


@pytest.mark.slow
@pytest.mark.parametrize("name", [p.name for p in sorted((ROOT / "arguments").glob("*.yaml"))])
def test_add_writes_what_fmt_would(tmp_path, name):
    import argmap
    from argmap.edit import add_node

    for p in (ROOT / "arguments").glob("*.yaml"):
        shutil.copy(p, tmp_path / p.name)
    target = next(m for m in argmap.load(tmp_path).maps if Path(m.path).name == name).nodes[0].id
    add_node(tmp_path, target, "attacks", "A reply: long " + "and longer " * 20, by="O'Brien", quote="x " * 80,
             tags=["a, b", "c"], note="line one\nline two: " + "more " * 30, source=None)
    add_node(tmp_path, target, "supports", "Another: with 'quotes' and \"doubles\"", kind="argument")
    result = CliRunner().invoke(cli, ["fmt", "--check", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_fmt_does_not_lose_a_concurrent_change(tmp_path, monkeypatch):
    """fmt reads, formats and writes under the lock and refuses if a lock-less writer changed the file."""
    import os

    from argmap import fsutil
    from argmap.fmt import format_paths

    path = tmp_path / "m.yaml"
    path.write_text("nodes:\n- text: A.\n  id: a\n")
    real_replace = os.replace

    def someone_saves_first(src, dst):
        real_replace(src, dst)

    monkeypatch.setattr(fsutil, "_read_or_none", lambda p: b"nodes: []  # saved by an editor\n")
    monkeypatch.setattr(os, "replace", someone_saves_first)
    results = format_paths([path])
    assert results[0].error and "changed while it was being edited" in results[0].error.message
    assert results[0].error.loc.file == str(path)
    assert path.read_text() == "nodes:\n- text: A.\n  id: a\n"


def test_fmt_writes_through_a_symlink(tmp_path):
    from argmap.fmt import format_paths

    real = tmp_path / "real.yaml"
    real.write_text("nodes:\n- text: A.\n  id: a\n")
    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "m.yaml").symlink_to(real)
    format_paths([maps])
    assert (maps / "m.yaml").is_symlink() and real.read_text() == "nodes:\n- id: a\n  text: A.\n"


def test_values_that_cannot_fold_are_left_alone():
    text = 'nodes:\n  - id: a\n    text: "two  spaces ' + "x " * 60 + 'end"\n'
    assert format_text(text) == text


def test_crlf_and_trailing_space_normalised():
    assert format_text("nodes:  \r\n  - id: a\r\n    text: A.\r\n\r\n\r\n") == "nodes:\n  - id: a\n    text: A.\n"


def test_not_yaml_is_an_error():
    with pytest.raises(ArgmapError, match="invalid YAML"):
        format_text("nodes: [unclosed\n")


@pytest.mark.slow
def test_cli_check_then_format(tmp_path):
    for p in (ROOT / "arguments").glob("*.yaml"):
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "messy.yaml").write_text("nodes:\n- text: A.\n  id: messy-a\n")
    runner = CliRunner()
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    result = runner.invoke(cli, ["fmt", "--check", str(tmp_path)])
    assert result.exit_code == 1
    assert f"would reformat {tmp_path / 'messy.yaml'}" in result.output
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before
    result = runner.invoke(cli, ["fmt", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "messy.yaml").read_text() == "nodes:\n- id: messy-a\n  text: A.\n"
    result = runner.invoke(cli, ["fmt", "--check", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "0 files would be reformatted" in result.output


def test_cli_bad_file_reported_and_untouched(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("nodes:\n  - id: a\n    by: x: y\n")
    result = CliRunner().invoke(cli, ["fmt", str(bad)])
    assert result.exit_code == 1 and "invalid YAML" in result.output and "Traceback" not in result.output
    assert bad.read_text() == "nodes:\n  - id: a\n    by: x: y\n"


def test_alias_bombs_and_deep_nesting_are_refused_safely(data_dir):
    from argmap.diagnostics import ArgmapError
    from argmap.fmt import format_text

    bomb = (data_dir / "errors" / "alias-bomb.yaml").read_text()
    with pytest.raises(ArgmapError, match=r"error\[alias\].*not formatted"):
        format_text(bomb)
    with pytest.raises(ArgmapError, match=r"error\[too-deep\]"):
        format_text("nodes: " + "[" * 50_000 + "]" * 50_000 + "\n")


def test_cli_errors_are_located_once_with_their_hint(tmp_path):
    # they printed as "Error: f:3:10: error[yaml]: ..." without the hint, and a non-UTF-8
    # file as "Error: f: not UTF-8" with no place at all
    (tmp_path / "c.yaml").write_text("nodes:\n  - id: a\n    by: x: y\n")
    (tmp_path / "d.yaml").write_bytes(b"nodes:\n  - id: a\n    text: A\xff\n")
    for args in (["fmt"], ["fmt", "--check"]):
        result = CliRunner().invoke(cli, [*args, str(tmp_path)])
        assert result.exit_code == 1
        lines = result.output.splitlines()
        assert lines[:4] == [
            f"{tmp_path / 'c.yaml'}:3:10: error[yaml]: invalid YAML: mapping values are not allowed in this context; "
            "not formatted",
            "  hint: put text that contains ': ' in quotes",
            f"{tmp_path / 'd.yaml'}:3:12: error[encoding]: byte 0xff is not valid UTF-8; not formatted",
            "  hint: save the file as UTF-8",
        ]


# -- map_text: the one writer of whole maps -----------------------------------------------------------
def test_map_text_writes_what_fmt_keeps_and_the_loader_reads_back():
    from argmap.fmt import map_text
    from argmap.loader import load_text
    from argmap.model import Map, Node, Relation, Source

    nodes = (
        Node("a", "Yes: and\nno", "m", title="no", by="A: B", quote='"q" \\ x', tags=("t 1", "yes", "a,b"), weight=0.25,
             note="# not a comment", stance="reports", held_by="Someone", source="s-1"),
        Node("007", "Argument.", "m", kind="argument", premises=("a",), relations=(
            Relation("supports", "007", "c", inferred=True, note="- id: x\n  text: injected"),
            Relation("attacks", "007", "a->c", target_relation="supports"))),
        Node("c", "C.", "m", relations=(Relation("contradicts", "c", "a"),)),
    )
    m = Map("m", "m.yaml", title="T: x", description="two\nlines", nodes=nodes,
            sources={"s-1": Source("s-1", title="S", date="2024-01-02", url="https://x.org/a b", order=2)})
    text = map_text(m, comments=["from x\nnodes: injected"])
    assert format_text(text) == text
    back, diags = load_text(text, "m.yaml")
    assert [d for d in diags if d.is_error] == []
    assert [n.id for n in back.nodes] == ["a", "007", "c"]  # the note's YAML stayed text
    assert back.nodes[1].relations[0].note == "- id: x\n  text: injected"
    for before, after in zip(nodes, back.nodes):
        assert after.text == " ".join(before.text.split())  # the loader's own normalisation of text
        for field in ("title", "by", "quote", "tags", "weight", "note", "stance", "held_by", "source", "premises", "kind"):
            assert getattr(after, field) == getattr(before, field), field
    assert back.sources["s-1"].url == "https://x.org/a%20b" or back.sources["s-1"].url == "https://x.org/a b"
    assert (back.title, back.description) == ("T: x", "two\nlines")
    assert text.splitlines()[0] == "# from x\\nnodes: injected"  # a comment stays one line


@pytest.mark.parametrize("bad", [
    {"id": "a\n  - id: injected"}, {"source": "s: x"}, {"relations": "x\ny"}, {"premises": "Bad Id"},
    {"weight": float("nan")}, {"stance": "bogus"}, {"map": "no good"}, {"relation_kind": "bogus"}, {"target_relation": "x: y"},
])
def test_map_text_refuses_what_is_not_an_id_or_a_value_of_the_format(bad):
    from argmap.fmt import map_text
    from argmap.model import Map, Node, Relation

    rel = Relation(bad.get("relation_kind", "attacks"), "a", bad.get("relations", "b"),
                   target_relation=bad.get("target_relation"))
    node = Node(bad.get("id", "a"), "A.", "m", source=bad.get("source"), premises=(bad["premises"],) if "premises" in bad else (),
                weight=bad.get("weight"), stance=bad.get("stance", "own"), relations=(rel,))
    with pytest.raises(ValueError):
        map_text(Map(bad.get("map", "m"), "m.yaml", nodes=(node,)))


def test_help_gives_the_key_order_fmt_writes():
    from argmap.spec import MAP_KEYS, NODE_KEYS, SOURCE_KEYS, WORDING_KEYS

    text = " ".join(CliRunner().invoke(cli, ["fmt", "--help"]).output.split())
    for what, keys in (("map", MAP_KEYS), ("source", SOURCE_KEYS), ("node", NODE_KEYS), ("wording", WORDING_KEYS)):
        assert f"{what} {', '.join(keys)}" in text


def test_wordings_keys_are_ordered_inside_each_item_in_one_pass():
    text = ("nodes:\n  - wordings:\n      - quote: 'its   cost'   # why\n        # the source\n        source: s\n"
            "        text: >-\n          Hidden\n          cost.\n      - by: Rivera\n        text: Walkers pay.\n"
            "    text: A.\n    id: a\n")
    out = format_text(text)
    assert out == ("nodes:\n  - id: a\n    text: A.\n    wordings:\n      - text: Hidden cost.\n"
                   "        # the source\n        source: s\n        quote: 'its   cost'   # why\n"
                   "      - text: Walkers pay.\n        by: Rivera\n")
    assert format_text(out) == out


def test_map_text_writes_wordings_back_as_the_loader_reads_them(data_dir):
    from argmap.fmt import map_text
    from argmap.loader import load_file, load_text

    m, _ = load_file(data_dir / "wordings" / "parking.yaml")
    text = map_text(m)
    assert format_text(text) == text
    back, diags = load_text(text, "m.yaml")
    assert not diags
    strip = lambda ws: [(w.text, w.by, w.source, w.quote) for w in ws]  # noqa: E731
    assert [strip(n.wordings) for n in back.nodes] == [strip(n.wordings) for n in m.nodes]
    assert any(n.wordings for n in back.nodes)


def test_map_text_writes_a_nested_relation_address_and_its_kind_list():
    """``to: d->c->a->b`` and ``relation: [attacks, supports]`` (argmap.address) read back as written."""
    from argmap.fmt import map_text
    from argmap.loader import load_text
    from argmap.model import Map, Node, Relation

    rels = (Relation("undercuts", "d", "c->a->b", target_relation=("attacks", "supports")),
            Relation("attacks", "d", "x->c->a->b"), Relation("attacks", "d", "c->a->b", target_relation="attacks"))
    text = map_text(Map("m", "m.yaml", nodes=(Node("d", "D.", "m", relations=rels),)))
    assert "        relation: [attacks, supports]\n" in text and "      - to: x->c->a->b\n" in text
    assert format_text(text) == text
    back, diags = load_text(text, "m.yaml")
    assert [d for d in diags if d.is_error] == []
    assert sorted((r.kind, r.target, r.target_relation) for r in back.nodes[0].relations) == sorted(
        (r.kind, r.target, r.target_relation) for r in rels)
    with pytest.raises(ValueError):
        map_text(Map("m", "m.yaml", nodes=(Node("d", "D.", "m", relations=(Relation("attacks", "d", "c->a b->c"),)),)))
