"""Quotes are checked verbatim against their source texts."""

from __future__ import annotations

import pytest

import argmap
from argmap.quotes import check_quotes, closest_passage, normalise

from conftest import ARGUMENTS, SEEDS


class TestNormalise:
    @pytest.mark.parametrize(
        "raw, expected",
        [
            ("a  b\n\tc", "a b c"),
            ("it’s “so”", "it's \"so\""),
            ("*very* _much_ **so**", "very much so"),
            ("see [the post](https://x.org/p) and [notes][n1]", "see the post and notes"),
            ("wait…", "wait..."),
        ],
    )
    def test_table(self, raw, expected):
        assert normalise(raw) == expected


class TestCheckQuotes:
    def test_small_fixture_quotes_are_found(self, data_dir):
        project, diags = argmap.check(data_dir / "small", quotes=data_dir / "texts")
        assert not [d for d in diags if d.is_error]

    def test_a_changed_word_is_reported_with_the_closest_passage(self, small_map, data_dir):
        path = small_map / "debate.yaml"
        path.write_text(path.read_text().replace('"all tests are green"', '"all tests were green"'))
        project, diags = argmap.check(small_map, quotes=data_dir / "texts")
        errors = [d for d in diags if d.is_error]
        assert [str(d) for d in errors] == [
            f"{path}:22:12: error[quote-not-found]: quote of 'tests-pass' is not in memo.txt"
        ]
        assert '"all tests are green"' in errors[0].hint

    def test_missing_text_file_points_at_the_source(self, small_map, tmp_path):
        empty = tmp_path / "none"
        empty.mkdir()
        _, diags = argmap.check(small_map, quotes=empty)
        assert [d.code for d in diags if d.is_error] == ["source-file"]
        assert diags[0].loc.line == 10

    def test_closest_passage(self):
        passage, score = closest_passage("the quick brown fax", "Once the quick brown fox jumped.")
        assert passage.startswith("the quick brown f") and 80 < score < 100


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not present beside the project")
def test_every_quote_in_arguments_is_verbatim_in_the_seeds():
    project, diags = argmap.check(ARGUMENTS, quotes=SEEDS)
    errors = [d.format() for d in diags if d.is_error]
    assert not errors, "\n".join(errors)
    assert sum(1 for n in project.iter_nodes() if n.quote) > 0
