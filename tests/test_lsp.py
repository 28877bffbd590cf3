"""``argmap lsp`` end to end: a real LSP client (pytest-lsp) talks to ``argmap lsp`` over stdio,
on a copy of the seed folder and on a generated 1,000-node folder."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest

pytest.importorskip("pytest_lsp")
import pytest_lsp  # noqa: E402
from lsprotocol import types as T  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from argmap.lsp import Folder  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "arguments"
pytestmark = [pytest.mark.slow, pytest.mark.asyncio]


def _big_folder(folder: Path, files: int = 10, per_file: int = 100) -> None:
    """1,000 nodes in 10 maps; each node attacks the one before it, across files at each boundary."""
    folder.mkdir()
    for f in range(files):
        lines = [f"title: Generated map {f}", "nodes:"]
        for i in range(per_file):
            n = f * per_file + i
            lines += [f"  - id: n{n}", f"    text: Claim number {n} of the generated debate", f"    by: Person {n % 7}"]
            if n:
                lines.append(f"    attacks: [n{n - 1}]")
        (folder / f"m{f:02d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap.cli", "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(T.InitializeParams(capabilities=T.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, path: Path) -> str:
    uri = path.resolve().as_uri()
    client.diagnostics.pop(uri, None)
    client.text_document_did_open(T.DidOpenTextDocumentParams(
        T.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=path.read_text(encoding="utf-8"))))
    await _published(client, uri)
    return uri


async def _published(client: LanguageClient, uri: str) -> None:
    """Wait for the edited file's diagnostics (the server sends them last, after the files a change breaks)."""
    for _ in range(6000):
        if uri in client.diagnostics:
            return
        await asyncio.sleep(0.005)
    raise AssertionError(f"no diagnostics for {uri} in 30 s")


async def _change(client: LanguageClient, uri: str, text: str, version: int = 2) -> None:
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(T.DidChangeTextDocumentParams(
        T.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [T.TextDocumentContentChangeWholeDocument(text=text)]))
    await _published(client, uri)


def _checked(diagnostics) -> list:
    """What ``check`` says, without ``review``'s marks."""
    return [d for d in diagnostics if d.source != "argmap review"]


def _pos(text: str, needle: str, skip: int = 0) -> T.Position:
    at = text.index(needle)
    before = text[:at]
    return T.Position(before.count("\n"), at - before.rfind("\n") - 1 + skip)


@pytest.fixture
def seeds(tmp_path):
    shutil.copytree(SEEDS, tmp_path / "arguments")
    return tmp_path / "arguments"


async def test_seed_folder_clean_then_typo_reported_with_hint_and_fixed(client, seeds):
    path = seeds / "takeoff.yaml"
    uri = await _open(client, path)
    assert not client.diagnostics[uri]
    text = path.read_text(encoding="utf-8")
    rel = next(r for n in Folder.open(seeds).files[str(path.resolve())].map.nodes for r in n.relations)
    target = rel.target
    lines = text.splitlines(keepends=True)
    at = sum(len(x) for x in lines[:rel.loc.line - 1]) + rel.loc.col - 1 + len(target)
    broken = text[:at] + "x" + text[at:]
    assert broken != text
    await _change(client, uri, broken)
    (d,) = [d for d in client.diagnostics[uri] if d.code == "dangling"]
    line = broken.splitlines()[d.range.start.line]
    assert line[d.range.start.character:d.range.end.character] == target + "x"
    assert "hint:" in d.message
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        T.TextDocumentIdentifier(uri), d.range, T.CodeActionContext(diagnostics=[d])))
    fixes = [a for a in actions if a.kind == T.CodeActionKind.QuickFix]
    assert fixes and fixes[0].edit.changes[uri][0].new_text == target
    await _change(client, uri, text, 3)
    assert not client.diagnostics[uri]


async def test_removing_an_id_breaks_the_other_map_that_attacks_it(client, seeds):
    folder = Folder.open(seeds)
    cross = next((p, r) for p, f in folder.files.items() for n in f.map.nodes for r in n.relations
                 if r.target in folder.nodes() and folder.nodes()[r.target].map != f.map.name)
    other = next(p for p, f in folder.files.items() if f.map.name == folder.nodes()[cross[1].target].map)
    uri = await _open(client, Path(other))
    text = Path(other).read_text(encoding="utf-8")
    await _change(client, uri, text.replace(f"id: {cross[1].target}\n", f"id: {cross[1].target}-gone\n", 1))
    broken_uri = Path(cross[0]).as_uri()
    assert any(d.code == "dangling" for d in client.diagnostics[broken_uri])


async def test_completion_hover_definition_references_rename(client, seeds):
    folder = Folder.open(seeds)
    path = seeds / "takeoff.yaml"
    text = path.read_text(encoding="utf-8")
    uri = await _open(client, path)
    node = next(n for f in folder.files.values() for n in f.map.nodes if n.relations and n.map == "takeoff")
    rel = node.relations[0]
    # completion inside the relation list
    line = text.splitlines()[rel.loc.line - 1]
    pos = T.Position(rel.loc.line - 1, rel.loc.col - 1)
    items = await client.text_document_completion_async(T.CompletionParams(T.TextDocumentIdentifier(uri), pos))
    labels = {i.label for i in items.items}
    assert rel.target in labels and len(labels) == len(folder.nodes())
    # hover: text and the verdict from the one evaluation
    hov = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), pos))
    target = folder.nodes()[rel.target]
    assert target.text in hov.contents.value
    from argmap.evaluation import evaluate, verdict
    from argmap.graph import build
    from argmap.settings import load_settings
    G = build(folder.project)
    ev = evaluate(G, load_settings(seeds))
    assert verdict(G, ev, rel.target) in hov.contents.value and ev.status[rel.target] in hov.contents.value
    # definition, across files when the target is elsewhere
    loc = await client.text_document_definition_async(T.DefinitionParams(T.TextDocumentIdentifier(uri), pos))
    assert Path(loc.uri.removeprefix("file://")).name == Path(target.loc.file).name
    assert loc.range.start.line == target.loc.line - 1 or "id:" in Path(target.loc.file).read_text().splitlines()[loc.range.start.line]
    refs = await client.text_document_references_async(T.ReferenceParams(
        text_document=T.TextDocumentIdentifier(uri), position=pos, context=T.ReferenceContext(include_declaration=True)))
    expected = 1 + sum(1 for r in folder.project.relations() if r.target == rel.target or rel.target in r.target.split("->"))
    assert len(refs) >= expected - 1 and len(refs) >= 2
    # rename everywhere; the rest of each file's bytes unchanged
    edit = await client.text_document_rename_async(T.RenameParams(T.TextDocumentIdentifier(uri), pos, "renamed-id"))
    assert sum(len(v) for v in edit.changes.values()) == len(refs)
    for file_uri, edits in edit.changes.items():
        p = Path(file_uri.removeprefix("file://"))
        lines = p.read_text(encoding="utf-8").splitlines(keepends=True)
        for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            s = lines[e.range.start.line]
            assert s[e.range.start.character:e.range.end.character] == rel.target
            lines[e.range.start.line] = s[:e.range.start.character] + e.new_text + s[e.range.end.character:]
        p.write_text("".join(lines), encoding="utf-8")
    after = Folder.open(seeds)
    assert "renamed-id" in after.nodes() and rel.target not in after.nodes()
    assert not any(d.is_error for ds in after.diagnostics().values() for d in ds)


async def test_code_action_adds_a_counterargument_as_add_would(client, seeds):
    path = seeds / "takeoff.yaml"
    text = path.read_text(encoding="utf-8")
    uri = await _open(client, path)
    node = Folder.open(seeds).files[str(path.resolve())].map.nodes[0]
    pos = _pos(text, f"id: {node.id}", 4)
    actions = await client.text_document_code_action_async(T.CodeActionParams(
        T.TextDocumentIdentifier(uri), T.Range(pos, pos), T.CodeActionContext(diagnostics=[])))
    counter = next(a for a in actions if "counterargument" in a.title)
    (e,) = counter.edit.changes[uri]
    lines = text.splitlines(keepends=True)
    offset = sum(len(x) for x in lines[:e.range.start.line]) + e.range.start.character
    new = text[:offset] + e.new_text + text[offset:]
    from argmap.edit import add_node
    planned = add_node(seeds, node.id, "attacks", "TODO: the counterargument in your own words",
                       node_id=f"counterargument-to-{node.id}"[:60], file=path, write=False)
    assert e.new_text == planned.block or new.encode() == planned.after
    await _change(client, uri, new)
    assert not [d for d in client.diagnostics[uri] if d.severity == T.DiagnosticSeverity.Error]


async def test_thousand_node_folder_diagnostics_after_edit(client, tmp_path):
    folder = tmp_path / "big"
    _big_folder(folder)
    path = folder / "m05.yaml"
    uri = await _open(client, path)
    assert not _checked(client.diagnostics[uri])  # a chain of attacks: review marks only (thesis-falls)
    text = path.read_text(encoding="utf-8")
    await _change(client, uri, text.replace("  - id: n500\n", "  - id: n500x\n"))
    # n501 (same file) attacks the id that is gone
    assert [d.code for d in client.diagnostics[uri]] == ["dangling"]
    items = await client.text_document_completion_async(T.CompletionParams(
        T.TextDocumentIdentifier(uri), _pos(text, "attacks: [n500]", len("attacks: ["))))
    assert len(items.items) == 1000
    await _change(client, uri, text, 3)
    assert not _checked(client.diagnostics[uri])  # a chain of attacks: review marks only (thesis-falls)


def _utf16(line: str, col: int) -> int:
    return len(line[:col].encode("utf-16-le")) // 2


async def test_positions_are_utf16_code_units_on_a_line_with_non_ascii(client, tmp_path):
    """LSP's default columns count UTF-16 code units: "ï" is one, "🙂" (outside the BMP) two."""
    folder = tmp_path / "wide"
    folder.mkdir()
    path = folder / "m.yaml"
    line = '  - {text: "A naïve 🙂 reply", id: reply, attacks: [clam]}'
    text = f"nodes:\n  - id: claim\n    text: Prices rise.\n{line}\n"
    path.write_text(text, encoding="utf-8")
    uri = await _open(client, path)
    (d,) = [d for d in client.diagnostics[uri] if d.code == "dangling"]
    at = line.index("clam")
    assert (d.range.start.line, d.range.start.character, d.range.end.character) == (3, _utf16(line, at), _utf16(line, at) + 4)
    fixed = text.replace("[clam]", "[claim]")
    await _change(client, uri, fixed)
    assert not [d for d in client.diagnostics[uri] if d.severity == T.DiagnosticSeverity.Error]
    line = fixed.splitlines()[3]
    at = line.index("claim]")
    pos = T.Position(3, _utf16(line, at) + 2)  # inside the id, in UTF-16 units
    hov = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), pos))
    assert "Prices rise." in hov.contents.value
    assert (hov.range.start.character, hov.range.end.character) == (_utf16(line, at), _utf16(line, at) + 5)
    loc = await client.text_document_definition_async(T.DefinitionParams(T.TextDocumentIdentifier(uri), pos))
    assert (loc.range.start.line, loc.range.start.character) == (1, len("  - id: "))
    reply = T.Position(3, _utf16(line, line.index("reply,")) + 1)
    edit = await client.text_document_rename_async(T.RenameParams(T.TextDocumentIdentifier(uri), reply, "answer"))
    (e,) = edit.changes[uri]
    assert (e.range.start.character, e.range.end.character) == (_utf16(line, line.index("reply,")), _utf16(line, line.index("reply,")) + 5)


async def test_review_marks_are_information_diagnostics_beside_check(client, tmp_path):
    folder = tmp_path / "marked"
    folder.mkdir()
    path = folder / "m.yaml"
    path.write_text("nodes:\n  - id: prices-rise\n    text: Prices rise.\n    weight: 0.8\n"
                    "  - id: an-aside\n    text: An aside.\n    weight: 0.3\n    attacks: [prices-rise]\n", encoding="utf-8")
    uri = await _open(client, path)
    from argmap.review import review_paths
    expected = review_paths([path])
    assert [d.code for d in expected] == ["weaker-attacker"]
    (d,) = client.diagnostics[uri]
    assert d.code == "weaker-attacker" and d.severity == T.DiagnosticSeverity.Information
    assert d.source == "argmap review" and expected[0].hint in d.message
    assert d.range.start.line == expected[0].loc.line - 1
    # an error elsewhere in the folder: the check diagnostic is there, the marks wait for a clean folder
    await _change(client, uri, path.read_text(encoding="utf-8").replace("attacks: [prices-rise]", "attacks: [prices-rize]"))
    assert [d.code for d in client.diagnostics[uri]] == ["dangling"]


async def test_completion_offers_the_schemes_and_their_questions(client, seeds):
    from argmap.schemes import SCHEMES

    path = seeds / "alignment-is-hard.yaml"
    text = path.read_text(encoding="utf-8")
    uri = await _open(client, path)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("    scheme: "))
    items = await client.text_document_completion_async(T.CompletionParams(
        T.TextDocumentIdentifier(uri), T.Position(at, len("    scheme: "))))
    assert [i.label for i in items.items] == list(SCHEMES)
    assert "differences: Do the two cases differ" in next(i for i in items.items if i.label == "analogy").documentation
    at = next(i for i, line in enumerate(lines) if line.startswith("        cq: "))
    items = await client.text_document_completion_async(T.CompletionParams(
        T.TextDocumentIdentifier(uri), T.Position(at, len("        cq: "))))
    labels = [i.label for i in items.items]
    assert "differences" in labels and "backup-evidence" in labels


async def test_wordings_complete_their_keys_hover_and_lead_to_their_sources(client, tmp_path):
    from argmap import spec

    folder = tmp_path / "maps"
    shutil.copytree(ROOT / "tests" / "data" / "wordings", folder)
    path = folder / "parking.yaml"
    text = path.read_text(encoding="utf-8").replace("        by: Luis Rivera\n", "        by: Luis Rivera\n        \n", 1)
    path.write_text(text, encoding="utf-8")
    uri = await _open(client, path)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("        by: Luis Rivera")) + 1  # the blank key line
    items = await client.text_document_completion_async(T.CompletionParams(T.TextDocumentIdentifier(uri), T.Position(at, 8)))
    assert [i.label for i in items.items] == list(spec.WORDING_KEYS)  # a wording's keys, not a node's
    at = next(i for i, line in enumerate(lines) if line.startswith("  - id: shops-need-cars")) + 1
    items = await client.text_document_completion_async(T.CompletionParams(T.TextDocumentIdentifier(uri), T.Position(at, 4)))
    assert "wordings" in [i.label for i in items.items] and "supports" in [i.label for i in items.items]
    # hover on the node that has wordings: each with who worded it, its source and its quote
    hov = await client.text_document_hover_async(T.HoverParams(T.TextDocumentIdentifier(uri), _pos(text, "id: free-parking-costs", 5)))
    assert ("also worded: Shoppers who walk pay for the parking of those who drive. (by Luis Rivera, source `minutes`)\n"
            "> the people who walk to my shop pay for the cars") in hov.contents.value
    # a wording's source leads to its declaration and is one of the source's references
    cited = _pos(text, "        source: minutes", 17)
    loc = await client.text_document_definition_async(T.DefinitionParams(T.TextDocumentIdentifier(uri), cited))
    assert loc.range.start.line == _pos(text, "  minutes:").line
    refs = await client.text_document_references_async(T.ReferenceParams(
        text_document=T.TextDocumentIdentifier(uri), position=cited, context=T.ReferenceContext(include_declaration=True)))
    assert sorted(r.range.start.line for r in refs) == sorted(
        i for i, line in enumerate(lines) if line.strip() in ("minutes:", "source: minutes"))  # 3: key, wording, node


async def test_ids_inside_nested_relation_addresses_are_found_completed_and_renamed(tmp_path):
    """`d->c->b->a` (argmap.address): each id in it is an occurrence (references, rename), and typing after
    `->` completes ids; renaming every occurrence gives a folder that checks clean with the same relations."""
    from argmap.lsp import _complete
    from literal import NESTED

    (tmp_path / "m.yaml").write_text(NESTED.lstrip(), encoding="utf-8")
    folder = Folder.open(tmp_path)
    path = next(iter(folder.files))
    text = (tmp_path / "m.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    where = {o.name: [] for o in folder.files[path].occ}
    for o in folder.files[path].occ:
        where[o.name].append((o.line, o.col, o.definition))
    row = next(i for i, x in enumerate(lines) if "d->c->b->a" in x)
    col = lines[row].index("d->c->b->a")
    assert [(r, c) for r, c, d in where["b"] if not d] == [(3, lines[3].index("b->a")), (4, lines[4].index("c->b->a") + 3),
                                                           (row, col + 6)]
    assert folder.at(path, row, col + 3).name == "c"
    # rename b everywhere: three places besides its definition, one of them two levels deep
    edits = folder.rename("b", "bee")
    assert sum(len(v) for v in edits.values()) == 4
    out = lines[:]
    for o in sorted(edits[path], key=lambda o: (o.line, o.col), reverse=True):
        out[o.line] = out[o.line][:o.col] + "bee" + out[o.line][o.end:]
    (tmp_path / "m.yaml").write_text("\n".join(out) + "\n", encoding="utf-8")
    after = Folder.open(tmp_path)
    assert not any(d.is_error for ds in after.diagnostics().values() for d in ds)
    assert sorted(r.target for r in after.project.relations()) == ["a", "bee->a", "c->bee->a", "d->c->bee->a"]
    # completion after `->`, two levels deep
    typed = lines[:row] + [lines[row][:col] + "d->c->"] + lines[row + 1:]
    items = _complete(T, folder, path, typed, T.Position(row, len(typed[row])))
    assert {i.label for i in items} == {"a", "b", "c", "d", "e"}
