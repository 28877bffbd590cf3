"""Reading map files: one fixture per error kind, each with its exact place and message."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import yaml

import argmap
from argmap import loader as load_mod
from argmap.diagnostics import Diagnostic
from argmap.model import Map

from conftest import DATA

ERROR_FIXTURES = sorted((DATA / "errors").glob("*.yaml"))


def _expected(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("ascii")
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: '"
    return first[len("# expect: ") :].replace("{file}", str(path))


class TestErrorFixtures:
    def test_there_is_one_fixture_per_error_kind(self):
        names = {p.stem for p in ERROR_FIXTURES}
        for kind in [
            "yaml-syntax", "unknown-key", "wrong-type", "missing-id", "missing-text", "duplicate-id",
            "dangling", "self-loop", "undercut-claim", "unknown-source", "bad-id", "not-utf8",
            "empty", "alias-bomb",
        ]:
            assert kind in names

    @pytest.mark.parametrize("path", ERROR_FIXTURES, ids=lambda p: p.stem)
    def test_fixture_reports_exact_location_and_message(self, path):
        project, diags = argmap.check(path)
        errors = [d for d in diags if d.is_error]
        assert errors, f"{path.name} gave no error"
        assert f"{path}:{_expected(path)}" in [str(d) for d in errors]

    @pytest.mark.parametrize("path", ERROR_FIXTURES, ids=lambda p: p.stem)
    def test_load_raises_one_error_type(self, path):
        with pytest.raises(argmap.InvalidInputError) as info:
            argmap.load(path)
        assert str(path) in str(info.value)


class TestLoadFile:
    def test_small_map_reads_every_field(self, data_dir):
        m, diags = load_mod.load_file(data_dir / "small" / "debate.yaml")
        assert not diags
        assert isinstance(m, Map) and m.name == "debate" and m.title == "Should we ship it?"
        node = m.nodes[0]
        assert node.id == "ship-it" and node.by == "Ann Author" and node.tags == ("release",)
        assert node.loc.line == 12 and node.loc.col == 9
        assert m.sources["memo"].url == "https://example.org/memo"
        assert m.sources["memo"].date == "2024-01-02"
        rel = m.nodes[1].relations[0]
        assert (rel.kind, rel.source, rel.target) == ("supports", "tests-pass", "ship-it")
        assert (rel.loc.line, rel.loc.col) == (23, 16)

    def test_wordings_keep_each_ones_text_author_source_and_place(self, data_dir):
        m, diags = load_mod.load_file(data_dir / "wordings" / "parking.yaml")
        assert not diags
        node = next(n for n in m.nodes if n.id == "free-parking-costs")
        first, second = node.wordings
        assert first.text == "The cost of parking is hidden in the price of everything else."
        assert (first.by, first.source) == (None, "essay")  # worded by the node's writer, in the same essay
        assert (second.by, second.source, second.quote) == ("Luis Rivera", "minutes", "the people who walk to my shop pay for the cars")
        assert (second.loc.line, second.quote_loc.line, second.source_loc.line) == (34, 37, 36)
        assert node.cited_sources == ("essay", "minutes")  # each source once, the node's own first
        assert [n.wordings for n in m.nodes if n.id != "free-parking-costs"] == [(), ()]

    def test_a_repeated_wording_is_a_warning(self, tmp_path):
        p = tmp_path / "m.yaml"
        p.write_text("nodes:\n  - id: a\n    text: A.\n    wordings:\n      - text: Again A.\n      - text: Again A.\n"
                     "      - text: A.\n      - text: A.\n        by: Someone else\n")
        _, diags = load_mod.load_file(p)
        assert [(d.code, d.loc.line, d.is_error, d.message.split(" repeats ")[1][:8]) for d in diags] == [
            ("duplicate-wording", 6, False, "an earli"), ("duplicate-wording", 7, False, "the node")]  # the last: said by another

    def test_a_wording_source_counts_as_cited(self, tmp_path):
        p = tmp_path / "m.yaml"
        p.write_text("sources:\n  s: {title: S}\nnodes:\n  - id: a\n    text: A.\n    wordings:\n      - text: A again.\n        source: s\n")
        _, diags = argmap.check(p)
        assert not diags  # no unused-source: the wording cites it

    def test_map_name_defaults_to_file_stem(self, tmp_path):
        p = tmp_path / "my-map.yaml"
        p.write_text("nodes:\n  - id: a\n    text: A.\n")
        m, diags = load_mod.load_file(p)
        assert m.name == "my-map" and not diags

    def test_single_target_may_be_written_without_brackets(self, tmp_path):
        p = tmp_path / "m.yaml"
        p.write_text("nodes:\n  - id: a\n    text: A.\n  - id: b\n    text: B.\n    attacks: a\n")
        project = argmap.load(p)
        assert [r.target for r in project.relations()] == ["a"]

    def test_oversized_file_is_refused_before_parsing(self, tmp_path, monkeypatch):
        from argmap import fsutil

        monkeypatch.setattr(fsutil, "MAX_FILE_BYTES", 1000)
        p = tmp_path / "big.yaml"
        p.write_text("nodes:\n" + "  - id: a\n    text: x\n" * 100)
        _, diags = load_mod.load_file(p)
        assert [str(d) for d in diags] == [f"{p}:1:1: error[too-large]: file is over the limit of 1,000 bytes"]
        assert diags[0].hint == "split the map into several files in one folder"

    def test_every_problem_is_listed_not_only_the_first(self, data_dir):
        _, diags = argmap.check(data_dir / "errors" / "unknown-key.yaml")
        text = "\nm: []\n"
        bad = "nodes:\n  - id: A\n    text: yes\n  - idd: b\n    text: B\n  - id: c\n    kind: x\n    text: C\n"
        m, diags = load_mod.load_text(bad, "f.yaml")
        codes = [d.code for d in diags]
        assert codes == ["bad-id", "wrong-type", "unknown-key", "missing-id", "bad-kind"]

    def test_duplicate_keys_are_reported(self):
        _, diags = load_mod.load_text("nodes:\n  - id: a\n    text: A\n    text: B\n", "f.yaml")
        assert [str(d) for d in diags] == ["f.yaml:4:5: error[duplicate-key]: key 'text' appears twice in node (first at line 3)"]

    def test_python_tags_are_not_constructed(self):
        _, diags = load_mod.load_text("nodes:\n  - id: a\n    text: !!python/object/apply:os.system [ls]\n", "f.yaml")
        assert diags and diags[0].code == "wrong-type"

    def test_missing_folder_is_an_error(self, tmp_path):
        _, diags = argmap.check(tmp_path / "nope")
        assert [d.code for d in diags] == ["no-such-file"]


class TestCrossFile:
    def test_targets_may_live_in_another_file(self, data_dir):
        project = argmap.load(data_dir / "small")
        assert [m.name for m in project.maps] == ["debate", "followup"]

    def test_duplicate_ids_name_both_places(self, tmp_path):
        (tmp_path / "a.yaml").write_text("nodes:\n  - id: x\n    text: A\n")
        (tmp_path / "b.yaml").write_text("nodes:\n  - id: x\n    text: B\n")
        _, diags = argmap.check(tmp_path)
        assert [str(d) for d in diags] == [f"{tmp_path}/b.yaml:2:9: error[duplicate-id]: id 'x' is already used at {tmp_path}/a.yaml:2:9"]

    def test_duplicate_map_names(self, tmp_path):
        (tmp_path / "a.yaml").write_text("map: m\nnodes:\n  - id: x\n    text: A\n")
        (tmp_path / "b.yaml").write_text("map: m\nnodes:\n  - id: y\n    text: B\n")
        _, diags = argmap.check(tmp_path)
        assert [d.code for d in diags] == ["duplicate-map"]


# -- property: any document gives a model or diagnostics, never an exception ------------------
_scalars = st.one_of(
    st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False), st.sampled_from(["a", "b", "claim", "argument"])
)
_keys = st.sampled_from(list(load_mod.MAP_KEYS + load_mod.NODE_KEYS + load_mod.SOURCE_KEYS) + ["x", "id2", ""])
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)), max_leaves=25)
_documents = st.one_of(
    _values,
    st.fixed_dictionaries({"nodes": st.lists(st.dictionaries(_keys, _values, max_size=8), max_size=5)}, optional={"sources": _values, "title": _values}),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents)
def test_random_documents_give_a_model_or_diagnostics(doc):
    import yaml

    text = yaml.safe_dump(doc, allow_unicode=True)
    m, diags = load_mod.load_text(text, "doc.yaml")
    assert m is not None or diags
    assert all(isinstance(d, Diagnostic) and d.loc.line >= 1 for d in diags)
    if m is not None:
        from argmap.model import Project
        from argmap.validate import validate

        validate(Project((m,)))


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_random_bytes_never_raise(data):
    m, diags = load_mod.load_bytes(data, "raw.yaml")
    assert m is not None or diags


def test_fifty_thousand_levels_of_nesting_is_an_error_not_a_crash(tmp_path):
    """PyYAML's C composer recurses per level and overflows the C stack; ours does not.

    With PyYAML >= 6.0.4 libyaml itself stops at 1,000 levels with its own message;
    the answer must still be ours: ``too-deep`` at the collection that crosses 100.
    """
    import subprocess
    import sys

    deep = tmp_path / "deep.yaml"
    deep.write_text("nodes: " + "[" * 50_000 + "]" * 50_000 + "\n")
    code = "import sys, argmap; p, d = argmap.check(sys.argv[1]); print(*d, sep='\\n'); print(d[0].hint)"
    result = subprocess.run([sys.executable, "-c", code, str(deep)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{deep}:1:107: error[too-deep]: values are nested more than 100 levels deep",
        "a map file needs only a few levels: map, nodes, node, list",
    ]


def _flow(depth: int) -> str:
    """Nested flow lists, one opening bracket a line (on one line the pure-Python scanner is quadratic)."""
    return "nodes:" + " [\n" * depth + " " + "]" * depth + "\n"


def _block(depth: int) -> str:
    """Nested block lists written compactly (``- - - x``): the text grows linearly with the depth."""
    return "nodes:\n" + "- " * depth + "x\n"


class TestDepthLimit:
    """Our limit decides, with the same message and place, whether libyaml's own limit (1,000) is lower or not."""

    @pytest.mark.parametrize("make", [_flow, _block], ids=["flow", "block"])
    @pytest.mark.parametrize("limit", [100, 1050], ids=["below-libyaml", "above-libyaml"])
    def test_too_deep_is_ours_with_either_parser(self, make, limit):
        from argmap import yamltext

        text = make(max(limit + 3, 1003))  # deeper than libyaml's limit too, so both ways are taken
        places = []
        for parser in (yamltext.LOADER, yamltext.PY_LOADER):
            with pytest.raises(yamltext.Refused) as info:
                yamltext.compose(text, max_depth=limit, loader=parser)
            assert info.value.code == "too-deep"
            assert info.value.message == f"values are nested more than {limit} levels deep"
            places.append((info.value.mark.line, info.value.mark.column))
        assert places[0] == places[1]

    @pytest.mark.parametrize("make", [_flow, _block], ids=["flow", "block"])
    def test_a_limit_above_libyamls_lets_deeper_files_through(self, make):
        from argmap import yamltext

        text = make(1020)
        root = yamltext.compose(text, max_depth=1050)
        depth = 0
        node = root
        while not isinstance(node, yaml.ScalarNode):
            depth += 1
            node = node.value[0][1] if isinstance(node, yaml.MappingNode) else (node.value[0] if node.value else None)
            if node is None:
                break
        assert depth >= 1020

    def test_libyaml_of_this_pyyaml_has_its_own_limit_or_none(self):
        """Documents which path the suite exercised; both give the same answers (tests above)."""
        from argmap import yamltext

        if not yamltext.HAS_LIBYAML:
            pytest.skip("PyYAML without libyaml: only the pure-Python path runs")
        try:
            list(yaml.parse(_flow(1020), Loader=yamltext.LOADER))
        except yaml.YAMLError as exc:
            assert "maximum nesting depth" in str(exc)  # PyYAML >= 6.0.4: the fallback path runs

    def test_load_text_reports_the_fixture_place(self, data_dir):
        text = (data_dir / "errors" / "too-deep.yaml").read_text()
        _, diags = load_mod.load_text(text, "f.yaml", max_depth=100)
        assert [str(d).splitlines()[0] for d in diags] == ["f.yaml:2:107: error[too-deep]: values are nested more than 100 levels deep"]


# -- hand-editing mistakes: hints that name the real cause (issue 8) ---------------------------
def _only(text: str):
    m, diags = load_mod.load_text(text, "f.yaml")
    assert m is None and len(diags) == 1, diags
    return diags[0]


class TestHandEditingHints:
    def test_over_indented_key_says_so_not_quotes(self):
        d = _only("nodes:\n  - id: a\n    text: A\n      by: X\n")
        assert str(d).startswith("f.yaml:4:7: error[yaml]: invalid YAML: key 'by' is indented more than the key above it")
        assert "quotes" not in d.hint and "column 5" in d.hint

    def test_over_indented_first_key_of_a_node(self):
        d = _only("nodes:\n  - id: a\n      text: A\n")
        assert "key 'text' is indented more" in d.message and "column 5" in d.hint

    def test_under_indented_key_says_so(self):
        d = _only("nodes:\n  - id: a\n   text: A\n")
        assert "key 'text' is indented less" in d.message and "column 5" in d.hint

    def test_colon_in_plain_text_still_says_quotes(self):
        d = _only("nodes:\n  - id: a\n    text: Note: this\n")
        assert d.hint == "put text that contains ': ' in quotes"

    @pytest.mark.parametrize("quote", ['"', "'"])
    def test_text_after_a_closing_quote_says_so(self, quote):
        d = _only(f"nodes:\n  - id: a\n    text: {quote}C{quote} and more\n    by: X\n")
        assert "text after the closing quote" in d.message
        assert (d.loc.line, d.loc.col) == (3, 15)
        assert d.hint == f'put the whole value in quotes: text: "{chr(92) if quote == chr(34) else ""}{quote}C{chr(92) if quote == chr(34) else ""}{quote} and more"'

    def test_unclosed_quote_points_at_where_it_opened(self):
        d = _only("nodes:\n  - id: a\n    text: 'Tis the season\n    by: X\n")
        assert (d.loc.line, d.loc.col) == (3, 11) and "never closed" in d.message


class TestUrls:
    def _url(self, url):
        text = f"sources:\n  s:\n    url: {url}\nnodes:\n  - id: a\n    text: A\n    source: s\n"
        m, diags = load_mod.load_text(text, "f.yaml")
        return m, [d for d in diags if d.code == "bad-url"]

    def test_characters_that_need_escaping_are_percent_encoded(self):
        m, bad = self._url('"https://example.org/a?b=1&c=<2>"')
        assert not bad and m.sources["s"].url == "https://example.org/a?b=1&c=%3C2%3E"

    def test_a_space_is_encoded_not_called_a_wrong_scheme(self):
        m, bad = self._url('"https://x/a b"')
        assert not bad and m.sources["s"].url == "https://x/a%20b"

    def test_existing_escapes_and_non_ascii_are_kept_or_encoded(self):
        m, _ = self._url('"https://de.wikipedia.org/wiki/M%C3%BCller?q=ü"')
        assert m.sources["s"].url == "https://de.wikipedia.org/wiki/M%C3%BCller?q=%C3%BC"

    @pytest.mark.parametrize(
        "url, reason",
        [
            ("javascript:alert(1)", "must start with http:// or https://"),
            ("ftp://x/y", "must start with http:// or https://"),
            ('"https:///path"', "has no host name after https://"),
            ('"https://exa mple.org/"', "contains a space or a character not allowed in a host"),
        ],
    )
    def test_refused_for_the_real_reason(self, url, reason):
        _, bad = self._url(url)
        assert len(bad) == 1 and reason in bad[0].message


class TestSlugs:
    def test_ids_from_text_end_at_a_word_boundary_and_skip_stop_words(self):
        from argmap.spec import slugify

        assert slugify("Downtown land is too valuable to build parking on") == "downtown-land-is-too-valuable"
        assert slugify("Racing is the danger of the day") == "racing-is-the-danger"
        slug = slugify("x" * 60 + " " + "y" * 60)
        assert slug == "x" * 60

    def test_missing_id_hint_uses_the_same_rule(self):
        _, diags = load_mod.load_text("nodes:\n  - text: Downtown land is too valuable to build parking on\n", "f.yaml")
        assert [x.hint for x in diags if x.code == "missing-id"] == ["add `id: downtown-land-is-too-valuable`"]
