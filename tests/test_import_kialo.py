"""Kialo text exports from the shared corpus: every file, counts from the file itself."""

from __future__ import annotations

import re

import pytest

from argmap.importers import import_files, read_file
from argmap.importers.kialo import read

from importhelp import CORPUS, check_written, needs_corpus, relation_count

KIALO = sorted(CORPUS.glob("kialo/**/*.txt")) + sorted(CORPUS.glob("kialo/**/*.csv"))
_NUMBERED = re.compile(r"^((?:\d+\.)+) ")


def _counts(path):
    """(claims, relations) as the file states them: numbered lines minus `-> See`, and one relation per non-thesis line."""
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if _NUMBERED.match(l)]
    see = [l for l in lines if "-> See " in l]
    theses = [l for l in lines if _NUMBERED.match(l).group(1).count(".") == 1]
    return len(lines) - len(see), len(lines) - len(theses)


@needs_corpus
def test_corpus_has_the_kialo_exports():
    assert len(KIALO) == 4


@needs_corpus
@pytest.mark.parametrize("path", KIALO, ids=lambda p: p.name[:40])
def test_every_kialo_export_imports_with_the_counts_of_the_file_and_checks_clean(path, tmp_path):
    m = read_file(path)
    claims, relations = _counts(path)
    assert len(m.map.nodes) == claims
    assert relation_count(m.map) == relations
    assert m.warnings == ()
    assert all(n.source in m.map.sources for n in m.map.nodes)
    texts, _ = import_files([path])
    diags = check_written(tmp_path / "maps", texts)
    assert [d for d in diags if d.severity == "warning"] == []


@needs_corpus
def test_see_cross_reference_is_a_relation_from_the_referenced_claim_not_a_node():
    path = CORPUS / "kialo/edoguido-Kialo-Parser/test/free-speech-on-the-internet-should-internet-companies-deny-service-to-white-supremacists-2867.txt"
    text = path.read_text(encoding="utf-8")
    m = read(text, str(path))
    lines = text.splitlines()
    assert lines[47] == "1.1.6. Pro: -> See 1.1.1.3."
    referenced = next(l for l in lines if l.startswith("1.1.1.3. "))
    parent = next(l for l in lines if l.startswith("1.1. "))
    node = next(n for n in m.nodes if n.text.startswith(referenced.split(": ", 1)[1][:40]))
    target = next(n for n in m.nodes if n.text.startswith(parent.split(": ", 1)[1][:40]))
    assert [(r.kind, r.target) for r in node.rels].count(("supports", target.id)) == 1
    assert not any("See 1." in n.text for n in m.nodes)


@needs_corpus
def test_markdown_links_and_escapes_are_cleaned():
    path = CORPUS / "kialo/edoguido-Kialo-Parser/test/should-hate-speech-be-illegal-6148.txt"
    m = read(path.read_text(encoding="utf-8"), str(path))
    kialo = next(n for n in m.nodes if "revolutionary platforms like Kialo" in n.text)
    assert "](" not in kialo.text and kialo.note == "Links: http://www.kialo.com"
    trolls = next(n for n in m.nodes if "bad actors" in n.text)
    assert '("Trolls")' in trolls.text and "\\" not in trolls.text


@needs_corpus
def test_kialo_ids_are_namespaced_so_two_discussions_share_a_folder(tmp_path):
    paths = [CORPUS / "kialo/edoguido-Kialo-Parser/test/should-hate-speech-be-illegal-6148.txt",
             CORPUS / "kialo/edoguido-Kialo-Parser/test/should-hate-speech-be-legally-protected-10134.txt"]
    texts, warnings = import_files(paths)
    assert warnings == []
    assert all(line.split("id: ")[1].startswith(("k6148-", "k10134-"))
               for t in texts.values() for line in t.splitlines() if line.startswith("  - id: "))
    diags = check_written(tmp_path / "two", texts)
    assert not [d for d in diags if d.code == "duplicate-id"]


def test_problems_in_a_kialo_file_are_warnings_with_their_line():
    text = "Discussion Title: T\n\n1. Thesis.\n1.1. Pro: -> See 1.9.\n1.2. Con: Against.\n1.2.1. Con: -> See 1.2.\n"
    m = read(text, "t-1.txt")
    assert [str(w) for w in m.warnings] == [
        "t-1.txt:4:1: warning[kialo-dangling-see]: `-> See 1.9.` names claim 1.9., which is not in the file",
        "t-1.txt:6:1: warning[kialo-self-see]: `-> See 1.2.` points claim 1.2. at itself; left out",
    ]


# Defects found by QA.


def test_kialo_claim_without_text_is_reported():
    from argmap.importers.kialo import read as read_kialo

    m = read_kialo("Discussion Title: T\n\n1. Thesis\n1.1. Pro: \n", "k.txt")
    assert [n.text for n in m.nodes] == ["Thesis", "(claim 1.1 has no text)"]
    assert [(w.code, w.loc.line) for w in m.warnings] == [("kialo-empty-claim", 4)]
