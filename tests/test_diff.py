"""argmap.diff and `argmap diff`: each kind of change, on a temporary git repository with real git."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import cli
from argmap.diff import diff, format_text, from_git, marks, to_json
from argmap.project import open_checked

DATA = Path(__file__).parent / "data" / "diff"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str) -> str:
    out = subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args], cwd=repo,
                         capture_output=True, text=True, check=True)
    return out.stdout


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A git repository whose first commit holds tests/data/diff as arguments/."""
    r = tmp_path / "repo"
    shutil.copytree(DATA, r / "arguments")
    git(r, "init", "-q")
    git(r, "add", "-A")
    git(r, "commit", "-qm", "first")
    monkeypatch.chdir(r)
    return r


def edit(repo: Path, old: str, new: str, file: str = "debate.yaml", commit: bool = True) -> None:
    p = repo / "arguments" / file
    text = p.read_text()
    assert old in text, old
    p.write_text(text.replace(old, new, 1))
    if commit:
        git(repo, "commit", "-qam", "edit")


def run(*args: str):
    return CliRunner().invoke(cli, ["diff", *args])


def between(repo: Path, old: str = "HEAD~1", new: str = "HEAD"):
    return diff(from_git(old, "arguments", cwd=repo).project, from_git(new, "arguments", cwd=repo).project)


def test_no_change_exits_0(repo):
    result = run("HEAD")
    assert result.exit_code == 0, result.output
    assert "no change to the debate" in result.output
    assert between(repo, "HEAD", "HEAD").empty


def test_a_retyped_relation_that_flips_the_verdict(repo):
    edit(repo, "    attacks: [objection]", "    supports: [objection]")
    d = between(repo)
    assert d.relations_retyped == [("answer", "attacks", "supports", "objection")]
    assert not d.relations_added and not d.relations_removed and not d.added and not d.removed
    moved = {v.id: (v.old_status, v.new_status) for v in d.verdicts}
    assert moved == {"objection": ("OUT", "IN"), "thesis": ("IN", "OUT")}
    why = next(v for v in d.verdicts if v.id == "thesis").new_reason
    assert why.startswith("falls: Bob Brown's “One known case breaks the thesis.”")
    text = format_text(d)
    assert "thesis “The thesis” falls now (was stands): Bob Brown" in text
    assert "answer attacks objection → answer supports objection" in text
    assert [m for m, _, _ in d.map_verdicts] == ["debate"]


def test_a_rename_with_the_same_text_is_not_a_removal_and_an_addition(repo):
    path = repo / "arguments" / "debate.yaml"
    path.write_text(path.read_text().replace("id: answer", "id: misreport").replace("[objection]\n", "[objection]\n", 1))
    git(repo, "commit", "-qam", "rename")
    d = between(repo)
    assert d.renamed == [("answer", "misreport")]
    assert not d.added and not d.removed and not d.relations_added and not d.relations_removed
    assert not d.verdicts
    assert "answer → misreport “That case was misreported.”" in format_text(d)


def test_an_added_reply_names_the_new_node_in_the_reason(repo):
    edit(repo, "nodes:\n", "nodes:\n  - id: counter\n    text: The report was checked twice.\n    by: Bob Brown\n"
         "    attacks: [answer]\n")
    d = between(repo)
    assert d.added == ["counter"] and d.relations_added == [("counter", "attacks", "answer")]
    v = {v.id: v for v in d.verdicts}
    assert (v["answer"].old_status, v["answer"].new_status) == ("IN", "OUT")
    assert v["answer"].new_causes == ("counter",)
    assert "Bob Brown's “The report was checked twice.” goes unanswered" in v["answer"].new_reason
    assert "(new in this edit: `counter`)" in format_text(d)


def test_removed_node_and_its_relation(repo):
    edit(repo, "  - id: answer\n    text: That case was misreported.\n    by: Alice Ames\n    source: post\n"
         "    attacks: [objection]\n", "")
    d = between(repo)
    assert d.removed == ["answer"] and d.relations_removed == [("answer", "attacks", "objection")]
    assert d.removed_text == {"answer": ("That case was misreported.", "debate")}
    assert {v.id for v in d.verdicts} == {"objection", "thesis"}


def test_reworded_text_title_quote_and_changed_holder_and_sources(repo):
    edit(repo, "    title: The thesis\n    text: The thesis holds in every case we know of.\n    by: Alice Ames\n"
         "    source: post\n    quote: \"it holds\"",
         "    title: The thesis, narrowed\n    text: The thesis holds in most cases we know of.\n    by: Dana Dale\n"
         "    source: reply\n    quote: \"it mostly holds\"")
    edit(repo, "    title: A reply\n", "    title: A longer reply\n")
    d = between(repo, "HEAD~2")
    assert {(c.id, c.field) for c in d.reworded} == {("thesis", "text"), ("thesis", "title"), ("thesis", "quote")}
    assert {(c.id, c.field, c.old, c.new) for c in d.changed} == {("thesis", "by", "Alice Ames", "Dana Dale"),
                                                                 ("thesis", "source", "post", "reply")}
    assert d.sources == [("debate", "reply", "title", "A reply", "A longer reply")]
    text = format_text(d)
    assert "thesis text: “The thesis holds in every case we know of.” → “The thesis holds in most cases" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_an_added_or_changed_wording_is_a_rewording_that_moves_no_verdict(repo):
    edit(repo, '    quote: "it holds"\n', '    quote: "it holds"\n    wordings:\n      - text: As a rule, it holds.\n'
         '        by: Dana Dale\n        source: reply\n')
    d = between(repo)
    assert [(c.id, c.field, c.old, c.new) for c in d.reworded] == [
        ("thesis", "wordings", [], ["As a rule, it holds. [Dana Dale, reply]"])]
    assert d.changed == [] and d.verdicts == [] and d.relations_added == []
    edit(repo, "        source: reply\n", "        source: reply\n        quote: \"mostly\"\n")
    (c,) = between(repo).reworded  # a wording's quote is part of it
    assert c.new == ["As a rule, it holds. [Dana Dale, reply] “mostly”"]
    assert "thesis wordings: “As a rule, it holds. [Dana Dale, reply]” → “As a rule" in format_text(between(repo))
    from argmap.diff import textconv

    assert "thesis   wording: As a rule, it holds. [Dana Dale, reply] “mostly”" in textconv(repo / "arguments" / "debate.yaml")


def test_cli_work_tree_json_and_exit_1(repo):
    edit(repo, "    attacks: [objection]", "    supports: [objection]", commit=False)
    result = run("HEAD", "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["changes"] is True
    assert data["relations_retyped"] == [{"source": "answer", "old_kind": "attacks", "new_kind": "supports",
                                          "target": "objection"}]
    assert {v["id"] for v in data["verdicts"]} == {"objection", "thesis"}


def test_cli_two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(DATA, a)
    shutil.copytree(DATA, b)
    (b / "context.yaml").write_text((b / "context.yaml").read_text().replace("supports", "attacks"))
    result = run(str(a), str(b))
    assert result.exit_code == 1, result.output
    assert "background supports objection → background attacks objection" in result.output


@pytest.mark.parametrize("args, words", [
    (("no-such-rev",), "'no-such-rev' is not a git revision here"),
    (("HEAD", "HEAD", "nowhere"), "nowhere: not in revision HEAD"),
    ((), "give OLD [NEW] [PATH]"),
])
def test_bad_revisions_and_paths_are_one_line_errors_exit_2(repo, args, words):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], result.output
    assert "Traceback" not in result.output


def test_a_broken_revision_is_reported_with_its_diagnostics(repo):
    edit(repo, "    attacks: [objection]", "    attacks: [objektion]")
    result = run("HEAD~1", "HEAD")
    assert result.exit_code == 2
    assert result.output.startswith("HEAD:arguments/debate.yaml:30:15: error[dangling]: 'answer' attacks 'objektion'")
    assert "did you mean 'objection'?" in result.output and "Traceback" not in result.output


def test_drawing_marks_added_removed_and_rejudged_without_writing_the_graph(repo):
    edit(repo, "  - id: answer\n    text: That case was misreported.\n    by: Alice Ames\n    source: post\n"
         "    attacks: [objection]\n",
         "  - id: counter\n    text: The case was checked twice.\n    by: Bob Brown\n    attacks: [thesis]\n")
    old = from_git("HEAD~1", "arguments", cwd=repo)
    new = open_checked([repo / "arguments"])
    d = diff(old.project, new.project)
    from argmap.diff import drawing
    from argmap.export.dot import export
    from argmap.evaluation import evaluate
    from argmap.graph import build

    G = build(new.project)
    before = {n: dict(a) for n, a in G.nodes(data=True)}
    dot = export(G, None, evaluate(G), marks(d))
    assert {n: dict(a) for n, a in G.nodes(data=True)} == before
    assert 'id="node-removed-answer"' in dot and "removed: That case was" in dot
    assert "#1565c0" in dot  # the added node and relation
    svg = drawing(new, d, "svg").decode().replace("&#45;", "-")
    assert svg.startswith("<?xml") or "<svg" in svg[:400]
    assert "node-removed-answer" in svg and "edge-removed-answer-attacks-objection" in svg
    assert 'stroke="#1565c0"' in svg
    page = run("HEAD~1", "--format", "html", "--map", "debate").output
    assert "<svg" in page and "Nodes added" in page and "<?xml" not in page


def test_git_textconv_and_diff_driver(repo):
    argmap = f"{sys.executable} -m argmap.cli diff"
    (repo / ".gitattributes").write_text("*.yaml diff=argmap\n")
    git(repo, "config", "diff.argmap.textconv", f"{argmap} --textconv")
    edit(repo, "    attacks: [objection]", "    supports: [objection]", commit=False)
    shown = git(repo, "diff")
    assert "-answer   attacks objection" in shown and "+answer   supports objection" in shown
    git(repo, "config", "diff.argmap.command", f"{argmap} --git-driver")
    shown = git(repo, "diff", "--ext-diff", "--", "arguments/debate.yaml")
    assert "argmap diff a/arguments/debate.yaml → b/arguments/debate.yaml" in shown
    assert "thesis “The thesis” falls now (was stands): Bob Brown" in shown


def test_a_link_marked_inferred_is_reported_and_leaves_the_verdict_to_the_authors(repo):
    edit(repo, "    attacks: [objection]", "    attacks:\n      - to: objection\n        inferred: true")
    d = between(repo)
    assert d.relations_inferred == [("answer", "attacks", "objection", True)]
    assert {v.id for v in d.verdicts} == {"objection", "thesis"}  # the mapper's link no longer decides


ROOT = Path(__file__).resolve().parents[1]
EDIT = "2ee1214c76bf7ed76fd15a49667a8fd87adae0d3"  # the real edit docs/diff.md shows


@pytest.mark.skipif(subprocess.run(["git", "cat-file", "-e", EDIT], cwd=ROOT, capture_output=True).returncode != 0
                    if shutil.which("git") else True, reason="needs the project's git history")
def test_docs_show_the_real_edit_as_argmap_prints_it_now(tmp_path):
    """docs/diff.md's text and picture come from a run (`make readme`); this fails while they are stale."""
    argmap = Path(sys.executable).parent / "argmap"
    fresh = tmp_path / "diff-example.svg"
    done = subprocess.run([str(argmap), "diff", f"{EDIT}~1", EDIT, "arguments", "--format", "svg", "--focus",
                           "alignment-distinct-from-applications", "--depth", "1", "-o", str(fresh)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1, done.stderr
    assert fresh.read_bytes() == (ROOT / "docs" / "diff-example.svg").read_bytes(), "run `make readme`"
    cog = Path(sys.executable).parent / "cog"
    check = subprocess.run([str(cog), "--check", "--diff", "docs/diff.md"], cwd=ROOT, capture_output=True, text=True)
    assert check.returncode == 0, "docs/diff.md is stale; run `make readme`\n" + check.stdout[-3000:]


def test_a_map_added_since_old_is_all_added_and_a_deleted_one_all_removed(repo):
    (repo / "arguments" / "new.yaml").write_text("map: new\nnodes:\n  - id: fresh\n    text: A new claim.\n    by: Cy\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "add a map")
    result = run("HEAD~1", "HEAD", "arguments/new.yaml")
    assert result.exit_code == 1, result.output
    assert "HEAD~1:arguments/new.yaml (absent)" in result.output and "fresh" in result.output
    data = json.loads(run("HEAD~1", "HEAD", "arguments/new.yaml", "--json").output)
    assert data["added"] == ["fresh"] and data["removed"] == []
    (repo / "arguments" / "new.yaml").unlink()
    data = json.loads(run("HEAD", "arguments/new.yaml", "--json").output)  # deleted in the work tree
    assert data["removed"] == ["fresh"] and data["added"] == []
    result = run("HEAD~1", "arguments/new.yaml")  # on neither side: a typo, one line
    assert result.exit_code == 2 and "not in revision HEAD~1" in result.output.strip()


def test_the_git_driver_shows_a_side_that_does_not_check_and_lets_git_go_on(repo):
    argmap = f"{sys.executable} -m argmap.cli diff"
    (repo / ".gitattributes").write_text("*.yaml diff=argmap\n")
    git(repo, "config", "diff.argmap.command", f"{argmap} --git-driver")
    (repo / "arguments" / "other.yaml").write_text("map: other\nnodes:\n  - id: lone\n    text: Alone.\n    by: Di\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "second map")
    edit(repo, "    attacks: [objection]", "    attacks: [objektion]", commit=False)
    edit(repo, "    text: Alone.", "    text: Alone, reworded.", file="other.yaml", commit=False)
    shown = subprocess.run(["git", "diff", "--ext-diff"], cwd=repo, capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr  # git did not stop at the broken map
    out = shown.stdout
    assert "arguments/debate.yaml does not check on one side" in out
    assert "b/arguments/debate.yaml:30:15: error[dangling]: 'answer' attacks 'objektion'" in out
    assert "-    attacks: [objection]" in out and "+    attacks: [objektion]" in out
    assert "argmap diff a/arguments/other.yaml → b/arguments/other.yaml" in out  # the next map still diffed
    assert "Traceback" not in out + shown.stderr


def test_a_rename_inside_a_nested_relation_address_is_no_relation_change(repo):
    """Ids inside `c->a->b` (argmap.address) are renamed like any other: the relations stay the same ones."""
    edit(repo, "nodes:\n", "nodes:\n  - id: irrelevant\n    text: The case is from another field.\n    by: Bob Brown\n"
         "    attacks: [answer->objection]\n  - id: relevant\n    text: The field does not matter here.\n"
         "    by: Alice Ames\n    attacks: [irrelevant->answer->objection]\n")
    path = repo / "arguments" / "debate.yaml"
    path.write_text(path.read_text().replace("id: answer", "id: misreport").replace("[answer->objection]", "[misreport->objection]")
                    .replace("[irrelevant->answer->objection]", "[irrelevant->misreport->objection]"))
    git(repo, "commit", "-qam", "rename")
    d = between(repo)
    assert d.renamed == [("answer", "misreport")]
    assert not d.relations_added and not d.relations_removed and not d.verdicts
