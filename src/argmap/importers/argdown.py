"""Argdown (``.argdown``, ``.ad``) → an imported map.

A hand-written line parser for the syntax of Argdown's docs (docs/syntax/README.md of
christianvoigt/argdown), in two steps that are kept apart:

1. :func:`parse` reads the text into an :class:`ArgdownDoc`: equivalence classes
   (every statement with the same title is one class; untitled statements are
   ``Untitled 1``, ``Untitled 2``... in document order, as Argdown names them),
   arguments with their premise–conclusion structures, and the relations as written
   (support, attack, undercut, contrary, contradictory; ``entails`` in strict mode is
   support).  The tests compare this with Argdown's own JSON export.
2. :func:`to_map` turns that into an argmap map, warning where something changes:
   a class → one claim (its other wordings are the claim's ``wordings``); an argument → ``kind:
   argument`` with ``premises`` that ``supports`` its main conclusion (each further
   inference step of a multi-step argument is an argument node of its own);
   contrary and contradictory → ``contradicts``; ``#tags`` → ``tags``; the
   innermost heading → a tag; frontmatter title, author and date → the map title
   and its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..model import Location
from ..schemes import scheme_for_name
from . import read_error
from ._common import IdMaker, Draft, DraftNode, DraftRel, map_name

__all__ = ["read", "sniff", "parse", "to_map", "ArgdownDoc", "DataBlockError", "SUFFIXES"]

SUFFIXES = (".argdown", ".ad")


def sniff(head: str) -> bool:
    """Argdown has no magic line; these are its marks that other formats lack."""
    return bool(re.search(r"^\s*(\[[^\]\n]+\]:|<[^>\n]+>:|\(1\)\s)", head, re.M)) and not head.lstrip().startswith(("{", "<?xml"))


# -- step 1: the Argdown model ---------------------------------------------------------------
@dataclass
class Member:
    """One statement as written: its text (cleaned), where, and its role."""

    text: str
    line: int
    role: str  # top-level | relation | premise | conclusion | reference
    tags: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)


@dataclass
class EqClass:
    title: str
    members: list[Member] = field(default_factory=list)
    untitled: bool = False
    section: str | None = None

    @property
    def line(self) -> int:
        return self.members[0].line if self.members else 1


@dataclass
class Step:
    premises: list[str]  # class titles
    conclusion: str
    rules: list[str] = field(default_factory=list)
    line: int = 1


@dataclass
class Argument:
    title: str
    descriptions: list[Member] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    line: int = 1
    section: str | None = None
    data: dict = field(default_factory=dict)


@dataclass
class Relation:
    source: str  # title of a class or an argument
    source_type: str  # "statement" | "argument"
    target: str
    target_type: str
    kind: str  # support | attack | undercut | contrary | contradictory | entails
    line: int = 1


@dataclass
class ArgdownDoc:
    frontmatter: dict = field(default_factory=dict)
    statements: dict[str, EqClass] = field(default_factory=dict)
    arguments: dict[str, Argument] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    sections: list[tuple[int, str, int]] = field(default_factory=list)  # level, title, line
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # line, code, message
    order: list[tuple[str, str]] = field(default_factory=list)  # ("statement"|"argument", title) first seen

    def triples(self) -> set[tuple[str, str, str]]:
        """Relations as ``(from, to, type)``, symmetric ones in sorted order (to compare with Argdown's JSON)."""
        out = set()
        for r in self.relations:
            a, b = r.source, r.target
            if r.kind in ("contrary", "contradictory") and b < a:
                a, b = b, a
            out.add((a, b, r.kind))
        return out


_REL = re.compile(r"^(\s*)(<\+|<-|<_|\+>|->|_>|><|\+|-|_)\s+(.*)$")
_PCS = re.compile(r"^(\s*)\((\d{1,9})\)\s*(.*)$")  # a premise number; a longer one is text
_INFER = re.compile(r"^(\s*)-{2,}(.*?)$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_ARG_NUMBER = re.compile(r"^@?<[^>\n]+>\(\d+\)")  # `<A>(1)`: a statement of A by number, not Argdown 1.x syntax
_LIST_ITEM = re.compile(r"^(\s*)(\*|\d{1,9}\.)\s+(\S.*)$")
_SDEF = re.compile(r"^\[([^\]\n]+)\]:\s*(.*)$", re.S)
_SREF = re.compile(r"^\[([^\]\n]+)\]\s*((?:#\S+\s*|#\([^)]*\)\s*)*)$")
_ADEF = re.compile(r"^<([^>\n]+)>:\s*(.*)$", re.S)
_AREF = re.compile(r"^<([^>\n]+)>\s*((?:#\S+\s*|#\([^)]*\)\s*)*)$")
_TAG = re.compile(r"(?:(?<=\s)|^)#(?:\(([^)]*)\)|([\w][\w-]*))")
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_MENTION = re.compile(r"@\[([^\]]+)\]|@<([^>]+)>")
_SHORTCODES = {".^.": "∧", ".v.": "∨", ".->.": "→", ".<->.": "↔", ".~.": "¬", ":heart:": "❤"}
_DIRECT = {  # symbol → (kind, the child is the source)
    "+": ("support", True), "<+": ("support", True), "+>": ("support", False),
    "-": ("attack", True), "<-": ("attack", True), "->": ("attack", False),
    "_": ("undercut", True), "<_": ("undercut", True), "_>": ("undercut", False),
    "><": ("contradictory", False),
}


def parse(text: str) -> ArgdownDoc:
    """The Argdown model of ``text``: classes, arguments and relations as Argdown's own parser sees them."""
    doc = ArgdownDoc()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _frontmatter(lines, doc)
    lines = _strip_comments(lines, start, doc.problems)
    parser = _Parser(doc)
    try:
        parser.run(lines)
    except DataBlockError as exc:
        exc.line = getattr(parser, "line", 1)
        raise
    _conclusions_carry(doc, parser.mode)
    return doc


def _conclusions_carry(doc: ArgdownDoc, mode: str) -> None:
    """Relations written from a reconstructed argument start from its main conclusion (as Argdown derives them)."""
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()
    for r in doc.relations:
        arg = doc.arguments.get(r.source) if r.source_type == "argument" else None
        carried = arg is not None and bool(arg.steps)
        if carried:
            kind = r.kind
            if r.target_type == "statement" and mode == "strict":
                kind = {"support": "entails", "attack": "contrary"}.get(kind, kind)
            r = Relation(arg.steps[-1].conclusion, "statement", r.target, r.target_type, kind, r.line)
        key = (r.source, r.target, r.kind)
        if carried and r.source == r.target and r.source_type == r.target_type:
            continue  # an argument's relation to its own conclusion is its inference, already in the pcs
            # (a relation the author wrote from an element to itself goes on: to_map says it is left out)
        if key not in seen:
            seen.add(key)
            out.append(r)
    doc.relations = out


def _frontmatter(lines: list[str], doc: ArgdownDoc) -> int:
    first = next((i for i, l in enumerate(lines) if l.strip()), None)
    if first is None or lines[first].strip() != "===":
        return 0
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "==="), None)
    if end is None:
        doc.problems.append((first + 1, "argdown-frontmatter", "frontmatter `===` is not closed; read as text"))
        return 0
    try:
        data = _safe_yaml("\n".join(lines[first + 1 : end]))
    except yaml.YAMLError as exc:
        doc.problems.append((first + 1, "argdown-frontmatter", f"frontmatter is not YAML ({str(exc).splitlines()[0]}); left out"))
        data = None
    doc.frontmatter = data if isinstance(data, dict) else {}
    return end + 1


def _strip_comments(lines: list[str], start: int, problems: list | None = None) -> list[tuple[int, str]]:
    """``(line number, text)`` with comments removed; a line that was only a comment is dropped.

    A backslash escapes the next character (``\\<!--`` and ``/\\*`` are text, as argmap's
    export writes them); a block comment never closed is a warning in ``problems``, since
    everything after it is left out.
    """
    out: list[tuple[int, str]] = []
    in_block: str | None = None
    opened = (0, 0, "")  # line, column and opener of the block comment being read
    for n in range(start, len(lines)):
        line, kept, i, had_comment = lines[n], [], 0, False
        while i < len(line):
            if in_block:
                end = line.find(in_block, i)
                had_comment = True
                if end < 0:
                    i = len(line)
                else:
                    i, in_block = end + len(in_block), None
                continue
            if line[i] == "\\" and i + 1 < len(line):
                kept.append(line[i : i + 2])
                i += 2
            elif line.startswith("/*", i):
                in_block, i, had_comment, opened = "*/", i + 2, True, (n + 1, i + 1, "/*")
            elif line.startswith("<!--", i):
                in_block, i, had_comment, opened = "-->", i + 4, True, (n + 1, i + 1, "<!--")
            elif line.startswith("//", i) and (i == 0 or line[i - 1] in " \t"):
                had_comment = True
                break
            else:
                kept.append(line[i])
                i += 1
        clean = "".join(kept).rstrip()
        if had_comment and not clean.strip():
            continue
        out.append((n + 1, clean))
    if in_block and problems is not None:
        line, col, opener = opened
        rest = sum(len(x) + 1 for x in lines[line - 1 :]) - (col - 1)
        problems.append((line, "argdown-open-comment",
                         f"the comment opened with `{opener}` at column {col} is never closed with `{in_block}`, "
                         f"so the rest of the file ({rest:,} characters) is a comment and is left out"))
    return out


class _Parser:
    def __init__(self, doc: ArgdownDoc):
        self.doc = doc
        self.untitled = 0
        self.section: str | None = None
        self.seen_relations: set[tuple[str, str, str]] = set()  # (source, target, kind) written so far
        self.mode = str(((doc.frontmatter.get("model") or {}) if isinstance(doc.frontmatter.get("model"), dict) else {}).get("mode", "loose"))

    # elements are collected first (text can run over several lines), then interpreted
    def run(self, lines: list[tuple[int, str]]) -> None:
        elements: list[dict] = []
        cur: dict | None = None
        in_rule: dict | None = None
        for n, line in lines:
            if not line.strip():
                cur, in_rule = None, None
                elements.append({"kind": "blank", "line": n})
                continue
            if in_rule is not None and _PCS.match(line):
                in_rule = None
                doc_problem = (n, "argdown-open-inference", "an inference block `--` is not closed before the next premise")
                self.doc.problems.append(doc_problem)
            if in_rule is not None:
                if _INFER.match(line) and not _REL.match(line):
                    in_rule = None
                    cur = None
                else:
                    in_rule["rules"].append(line.strip())
                continue
            if line.startswith("@include(") and cur is None:
                self.doc.problems.append((n, "argdown-include", f"{line.strip()} is not followed: import the included file too"))
                continue
            heading = _HEADING.match(line)
            if heading and cur is None:
                cur = {"kind": "heading", "line": n, "level": len(heading.group(1)), "text": heading.group(2)}
                elements.append(cur)
                continue
            rel = _REL.match(line)
            infer = _INFER.match(line)
            pcs = _PCS.match(line)
            item = _LIST_ITEM.match(line)
            if item and not rel and (cur is None or cur.get("kind") == "top" and cur.get("item")):
                # each item of a list is a statement of its own, as Argdown reads it, without its `*` or `1.`
                if cur is not None and cur["indent"] != len(item.group(1)):
                    self.doc.problems.append((n, "argdown-nested-list", "a list item indented unlike the one above (Argdown has no nested lists: a syntax error for Argdown itself); read as an item of its own"))
                cur = {"kind": "top", "line": n, "indent": len(item.group(1)), "text": item.group(3), "item": True}
                elements.append(cur)
                continue
            if line.strip() in _DIRECT:
                self.doc.problems.append((n, "argdown-bare-relation", f"relation `{line.strip()}` with no element after it (a syntax error for Argdown itself); read as text"))
            elif _ARG_NUMBER.match(line.strip()):
                self.doc.problems.append((n, "argdown-argument-number", f"{_ARG_NUMBER.match(line.strip()).group(0)} (a statement of an argument by its number) is no Argdown syntax (a syntax error for Argdown itself); read as text"))
            elif rel and cur is None and (not elements or elements[-1]["kind"] == "blank"):
                self.doc.problems.append((n, "argdown-relation-paragraph", f"a paragraph starts with the relation `{rel.group(2)}` (a syntax error for Argdown itself: remove the blank line above it); read as text"))
            if infer and not (rel and rel.group(2) == "->"):
                rest = infer.group(2).strip()
                cur = {"kind": "inference", "line": n, "indent": len(infer.group(1)), "rules": []}
                elements.append(cur)
                if rest.rstrip("-").strip():
                    cur["rules"].append(rest.rstrip("-").strip())
                elif line.strip() == "--":  # `--` alone opens a block of inference rules, closed by `--`
                    in_rule = cur
                    cur = {"kind": "inference-body"}
                continue
            if pcs:
                cur = {"kind": "pcs", "line": n, "indent": len(pcs.group(1)), "number": int(pcs.group(2)), "text": pcs.group(3)}
                elements.append(cur)
                continue
            if rel and cur is not None and cur["kind"] != "heading" or rel and elements and elements[-1]["kind"] not in ("blank", "heading"):
                cur = {"kind": "relation", "line": n, "indent": len(rel.group(1)), "symbol": rel.group(2), "text": rel.group(3)}
                elements.append(cur)
                continue
            if cur is not None and cur.get("kind") in ("pcs", "relation", "top") and (_SDEF.match(line.strip()) or _ADEF.match(line.strip())):
                # Argdown's own parser rejects a definition glued to the element above; joining it
                # would turn two statements (and their relations) into one text, so it starts anew
                self.doc.problems.append((n, "argdown-no-blank-line", f"{line.strip()[:40]!r} starts a new statement or argument with no blank line before it (a syntax error for Argdown itself); read as a new element"))
                cur = {"kind": "top", "line": n, "indent": len(line) - len(line.lstrip()), "text": line.strip()}
                elements.append(cur)
                continue
            if cur is not None and cur.get("kind") in ("pcs", "relation", "top", "inference", "heading"):
                if cur["kind"] == "inference":
                    self.doc.problems.append((n, "argdown-inference-words", "words below an inference line (Argdown reads inference rules on that line or between two `--` lines: a syntax error for Argdown itself); read as inference rules"))
                    cur["rules"].append(line.strip())
                else:
                    cur.setdefault("more", []).append(line.strip())  # joined once below, not copied per line
                continue
            cur = {"kind": "top", "line": n, "indent": len(line) - len(line.lstrip()), "text": line.strip()}
            elements.append(cur)
        for el in elements:
            if "more" in el:
                el["text"] = " ".join([el["text"], *el.pop("more")])
        self.interpret(elements)

    def interpret(self, elements: list[dict]) -> None:
        stack: list[tuple[int, str, str]] = []  # (indent, type, title) of possible relation parents
        last_argument: str | None = None  # the argument a following pcs belongs to
        pcs_arg: str | None = None
        pcs_items: list[tuple[int, str]] = []
        pcs_pending_rules: list[str] | None = None
        pcs_pending_line = 1
        prev_kind = "blank"

        def close_pcs():
            nonlocal pcs_arg, pcs_items, pcs_pending_rules
            pcs_arg, pcs_items, pcs_pending_rules = None, [], None

        for el in elements:
            self.line = el["line"]  # where a refused data block is reported
            kind = el["kind"]
            if kind == "blank":
                stack = []
                prev_kind = "blank"
                continue
            if kind == "heading":
                close_pcs()
                title, tags, _links = _clean(el["text"])
                level = el["level"]
                self.doc.sections.append((level, title, el["line"]))
                self.section = title
                stack, last_argument = [], None
                continue
            if kind == "inference-body":
                continue
            if kind == "pcs":
                if pcs_arg is None:
                    if last_argument is None:
                        self.untitled += 1
                        last_argument = f"Untitled {self.untitled}"
                        self.argument(last_argument, el["line"])
                        self.doc.problems.append((el["line"], "argdown-anonymous-pcs", f"a premise-conclusion structure with no argument title above it is read as <{last_argument}>"))
                    pcs_arg = last_argument
                    self.doc.arguments[pcs_arg].steps = []
                    pcs_items = []
                title = self.statement(el["text"], el["line"], "premise")
                pcs_items.append((el["number"], title))
                concludes = pcs_pending_rules is not None
                if concludes:  # this statement concludes the inference above it
                    steps = self.doc.arguments[pcs_arg].steps
                    steps.append(Step(_step_premises(pcs_items[:-1], steps), title, pcs_pending_rules, pcs_pending_line))
                    pcs_pending_rules = None
                # the 4th item: an incoming undercut anywhere in the tree below a conclusion undercuts
                # the argument, as Argdown reads it (a conclusion cannot be undercut, an inference can)
                stack = [(el["indent"], "statement", title, pcs_arg if concludes else None)]
                prev_kind = "pcs"
                continue
            if kind == "inference":
                if pcs_arg is None:
                    self.doc.problems.append((el["line"], "argdown-stray-inference", "an inference line `--` outside a premise-conclusion structure; left out"))
                    continue
                joined = " ".join(el["rules"])
                rules, data = _split_data(joined)
                if not data and joined.rstrip().endswith("}") and "{" in joined:
                    self.doc.problems.append((el["line"], "argdown-data-not-yaml", "the data block `{...}` of this inference is not YAML (Argdown's CLI stops on it); read as words of the inference rules"))
                pcs_pending_rules = [r.strip() for r in _shortcodes(rules).split(",") if r.strip()]
                pcs_pending_line = el["line"]
                stack = [(el["indent"], "inference", pcs_arg)]
                continue
            if kind == "relation":
                parent = None
                indent = el["indent"]
                closed = None  # the indentation of the last level this line closes
                while stack and stack[-1][0] >= indent:
                    closed = stack.pop()[0]
                if closed is not None and closed > indent and len(stack) > 1 and stack[-1][0] < indent:
                    # a dedent to no earlier indentation: Argdown closes the levels deeper than this
                    # line and reads it at the level of the one it stops in, as that one's sibling
                    indent = stack.pop()[0]
                if stack:
                    parent = stack[-1]
                    if el["symbol"] in ("_", "<_") and len(stack[0]) > 3 and stack[0][3] is not None:
                        parent = (parent[0], "argument", stack[0][3])
                if parent is None:
                    self.doc.problems.append((el["line"], "argdown-orphan-relation", f"relation `{el['symbol']}` has no element above it; its child is read on its own"))
                typ, title = self.element(el["text"], el["line"], "relation")
                if el["symbol"] == "><" and typ == "argument":
                    self.doc.problems.append((el["line"], "argdown-contradict-argument", f"<{title}> as the child of `><` (Argdown contradicts statements: a syntax error for Argdown itself); read as a contradiction"))
                if parent is not None:
                    self.relate(parent, el["symbol"], (typ, title), el["line"])
                stack.append((indent, typ, title))
                # a premise-conclusion structure below belongs to the top-level element only (Argdown
                # gives one after a relation's argument an untitled argument of its own)
                continue
            close_pcs()
            typ, title = self.element(el["text"], el["line"], "top-level")
            stack = [(el["indent"], typ, title)]
            last_argument = title if typ == "argument" else None
            prev_kind = "top"
        return None

    # -- elements
    def element(self, text: str, line: int, role: str) -> tuple[str, str]:
        text = text.strip()
        bare, data = _split_data(text)
        adef, aref = _ADEF.match(bare), _AREF.match(bare)
        if adef or aref:
            title = (adef or aref).group(1).strip()
            arg = self.argument(title, line)
            arg.data.update(data)
            body = adef.group(2) if adef else (aref.group(2) or "")
            if body.strip():
                words, tags, links = _clean(body)
                arg.tags.extend(t for t in tags if t not in arg.tags)
                if words:
                    arg.descriptions.append(Member(words, line, "argument-description", tags, links))
            return "argument", title
        return "statement", self.statement(text, line, role)

    def statement(self, text: str, line: int, role: str) -> str:
        text, data = _split_data(text.strip())
        sdef, sref = _SDEF.match(text), _SREF.match(text)
        if sdef or sref:
            title = (sdef or sref).group(1).strip()
            body = sdef.group(2) if sdef else ""
            words, tags, links = _clean(body)
            if sref:
                tags = _clean(sref.group(2) or "")[1]
            cls = self.eqclass(title, line)
            cls.members.append(Member(words, line, role if words else "reference", tags, links, data))
            return title
        self.untitled += 1
        title = f"Untitled {self.untitled}"
        words, tags, links = _clean(text)
        cls = self.eqclass(title, line)
        cls.untitled = True
        cls.members.append(Member(words, line, role, tags, links, data))
        return title

    def eqclass(self, title: str, line: int) -> EqClass:
        if title not in self.doc.statements:
            self.doc.statements[title] = EqClass(title, section=self.section)
            self.doc.order.append(("statement", title))
        return self.doc.statements[title]

    def argument(self, title: str, line: int) -> Argument:
        if title not in self.doc.arguments:
            self.doc.arguments[title] = Argument(title, line=line, section=self.section)
            self.doc.order.append(("argument", title))
        return self.doc.arguments[title]

    def relate(self, parent: tuple[int, str, str], symbol: str, child: tuple[str, str], line: int) -> None:
        kind, child_is_source = _DIRECT[symbol]
        ptype, ptitle = parent[1], parent[2]
        if ptype == "inference":  # a relation of an inference is one of its argument
            ptype = "argument"
        src, tgt = (child, (ptype, ptitle)) if child_is_source else ((ptype, ptitle), child)
        if kind in ("support", "attack") and src[0] == tgt[0] == "statement" and self.mode == "strict":
            kind = "entails" if kind == "support" else "contrary"
        seen = self.seen_relations
        if (src[1], tgt[1], kind) in seen or kind in ("contrary", "contradictory") and (tgt[1], src[1], kind) in seen:
            return
        seen.add((src[1], tgt[1], kind))
        self.doc.relations.append(Relation(src[1], src[0], tgt[1], tgt[0], kind, line))


def _step_premises(items: list[tuple[int, str]], steps: list[Step]) -> list[str]:
    """The premises of the next inference: the last conclusion and what came after it."""
    if not steps:
        return [t for _, t in items]
    last = steps[-1].conclusion
    titles = [t for _, t in items]
    at = len(titles) - 1 - titles[::-1].index(last) if last in titles else 0
    return titles[at:]


def _shortcodes(text: str) -> str:
    for code, symbol in _SHORTCODES.items():
        text = text.replace(code, symbol)
    return text


_ESCAPED = re.compile(r"\\(.)")
_HIDDEN = re.compile("[\U000F0000-\U000FFFFD]")


def _protect(text: str) -> str:
    """Backslash escapes hidden as private-use characters, so no markup rule sees them."""
    return _ESCAPED.sub(lambda m: chr(0xF0000 + ord(m.group(1))) if ord(m.group(1)) < 0xFFFE else m.group(1), text)


def _unprotect(text: str) -> str:
    return _HIDDEN.sub(lambda m: chr(ord(m.group()) - 0xF0000), text)


#: YAML data (frontmatter, data blocks) nested deeper than this is not read as data.
DATA_MAX_DEPTH = 20
#: ... nor data with more values than this.
DATA_MAX_VALUES = 100_000


def _safe_yaml(text: str):
    """YAML data as Python values, within bounds: aliases (a small file expanding into a huge
    value), nesting deeper than :data:`DATA_MAX_DEPTH` and numbers Python will not convert
    (over 4,300 digits) are each a ``YAMLError`` saying so, never a traceback."""
    from ..yamltext import Refused, compose

    try:
        root = compose(text, max_depth=DATA_MAX_DEPTH, max_nodes=DATA_MAX_VALUES)
    except Refused as exc:
        raise yaml.YAMLError("aliases (*name) are not read" if exc.code == "alias" else exc.message) from None
    if root is None:
        return None
    try:
        return yaml.constructor.SafeConstructor().construct_document(root)
    except (ValueError, OverflowError) as exc:  # int('9' * 5000): Python's own limit on digits
        raise yaml.YAMLError(f"a value argmap cannot read ({' '.join(str(exc).split())[:80]})") from None


#: A data block longer than this is refused (a located error), not parsed.
DATA_MAX_CHARS = 64 * 1024


class DataBlockError(ValueError):
    """A ``{...}`` data block argmap refuses to read (too big); ``parse`` adds the line."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _data_start(text: str) -> int | None:
    """Where the ``{`` that closes at the text's final ``}`` opens, by one backward scan.

    Braces are counted without regard to quotes (a ``}`` inside a quoted value can
    pair wrongly; :func:`_split_data` then tries the next opening brace to the left);
    a backslash-escaped brace is text, not a brace. ``None`` when they never balance.
    """
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        c = text[i]
        if c not in "{}" or (i and text[i - 1] == "\\"):
            continue
        depth += 1 if c == "}" else -1
        if depth == 0:
            return i
    return None


def _split_data(text: str) -> tuple[str, dict]:
    """``text`` without its trailing YAML data block ``{...}``, and the data (``{}`` when none).

    The block is found by one backward scan for the brace that balances the final
    ``}``, and parsed once; if that parse fails (a quoted brace paired wrongly) at most
    a few other opening braces to its left are tried, so a line of many ``{`` costs a
    bounded number of parses (it once cost one full YAML parse per ``{``).  A block longer
    than :data:`DATA_MAX_CHARS` raises :class:`DataBlockError`; one nested deeper than
    :data:`DATA_MAX_DEPTH` is not data (:func:`_safe_yaml` stops there) and stays text.
    """
    if not text.rstrip().endswith("}"):
        return text, {}
    text_end = text.rstrip()
    start = _data_start(text_end)
    opens = [m.start() for m in re.finditer(r"(?<!\\)\{", text_end)]
    if start is None:
        candidates = opens[:_DATA_TRIES]
    else:
        left = [p for p in opens if p < start]
        candidates = [start, *reversed(left[-(_DATA_TRIES - 1):])] if _DATA_TRIES > 1 else [start]
    for begin in candidates:
        block = text_end[begin:]
        if len(block) > DATA_MAX_CHARS:
            raise DataBlockError("argdown-data-size", f"a data block of {len(block):,} characters; argmap reads at most {DATA_MAX_CHARS:,}")
        try:  # nesting past DATA_MAX_DEPTH stops the parse there: not data, left in the text
            data = _safe_yaml(block)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict):
            return text_end[:begin].rstrip(), data
    return text, {}


#: Opening braces tried per data block at most (the balancing one first).
_DATA_TRIES = 4


def _clean(text: str) -> tuple[str, list[str], list[str]]:
    """Statement text without Markdown marks, tags and data; the tags and link addresses apart."""
    text = _protect(_split_data(text)[0])
    tags: list[str] = []

    def tag(m: re.Match) -> str:
        t = (m.group(1) or m.group(2) or "").strip()
        if t and t not in tags:
            tags.append(t)
        return ""

    trailing = re.search(r"(?:\s*(?:^|(?<=\s))#(?:\([^)]*\)|[\w][\w-]*))+\s*$", text)
    tail = trailing.group() if trailing else ""
    text = text[: trailing.start()] if trailing else text  # tags at the end are labels: taken out of the text
    text = _TAG.sub(lambda m: tag(m) + (m.group(1) or m.group(2) or ""), text)  # a tag inside a sentence keeps its words
    _TAG.sub(tag, tail)
    links: list[str] = []

    def link(m: re.Match) -> str:
        links.append(m.group(2))
        return m.group(1)

    text = _LINK.sub(link, text)
    text = _MENTION.sub(lambda m: m.group(1) or m.group(2), text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])", r"\2", text)
    text = _unprotect(_shortcodes(text))
    return " ".join(text.split()), [_unprotect(t) for t in tags], [_unprotect(l) for l in links]


# -- step 2: the argmap map --------------------------------------------------------------------
def read(text: str, origin: str, ids: IdMaker | None = None) -> Draft:
    try:
        doc = parse(text)
    except DataBlockError as exc:
        raise read_error(exc.code, origin, str(exc), exc.line,
                         hint="a data block holds a few short fields; keep long text in the statement") from None
    return to_map(doc, origin, ids or IdMaker())


_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$")


def _data_of(doc: ArgdownDoc, typ: str, title: str) -> dict:
    if typ == "argument":
        return dict(doc.arguments[title].data)
    out: dict = {}
    for mb in doc.statements[title].members:
        for k, v in mb.data.items():
            out.setdefault(k, v)
    return out


def _add_wordings(item: DraftNode, texts: list[str], data: dict | None, m: Draft, line: int) -> None:
    """The further members of a statement's class (or descriptions of an argument) as the node's wordings.

    Argdown has no place for who said a wording, where, in which words: argmap's own export
    keeps them, in order, as ``wordings: [{by, source, quote}]`` in the node's data block
    (``data``, read only from argmap's own files).  Elsewhere a wording repeating an earlier
    one word for word adds nothing and is left out."""
    kept = data.get("wordings") if data is not None else None
    if data is not None and kept is not None:
        if not isinstance(kept, list) or len(kept) != len(texts) or not all(isinstance(w, dict) for w in kept):
            m.warn("argdown-wordings", f"the data block's `wordings` does not match the {len(texts)} further "
                   "wording(s) written; their authors, sources and quotes are left out", line)
            kept = None
    if kept is None:
        seen = {item.text}
        texts = [t for t in texts if not (t in seen or seen.add(t))]
        kept = [{}] * len(texts)
    for text, w in zip(texts, kept):
        item.wordings.append({"text": text, **{k: str(w[k]) for k in ("by", "source", "quote")
                                                if isinstance(w.get(k), (str, int, float)) and not isinstance(w.get(k), bool)}})


def _apply_data(item: DraftNode, data: dict) -> None:
    """argmap's own fields, kept in the data block by argmap's Argdown export."""
    if data.get("untitled") is True:
        item.title = None
    elif isinstance(data.get("title"), str):
        item.title = data["title"]
    for key in ("scheme", "by", "held_by", "stance", "source", "quote", "note"):
        if isinstance(data.get(key), (str, int, float)):
            setattr(item, key, str(data[key]))
    if isinstance(data.get("weight"), (int, float)) and not isinstance(data.get("weight"), bool):
        item.weight = data["weight"]
    if data.get("kind") in ("claim", "argument", "question"):
        item.kind = data["kind"]
    rels = data.get("relations")
    if isinstance(rels, dict):
        for kind, targets in rels.items():
            for t in targets if isinstance(targets, list) else [targets]:
                item.relate(str(kind), str(t))


def apply_links(item: DraftNode, links) -> None:
    """Relation details kept by argmap's exports: ``inferred``, ``note``, ``cq``, and attacks on relations."""
    for link in links if isinstance(links, list) else ():
        if not isinstance(link, dict) or not isinstance(link.get("kind"), str) or not isinstance(link.get("to"), str):
            continue
        which = link.get("relation")  # a kind, or (a nested address c->a->b: argmap.address) a list of kinds
        which = tuple(map(str, which)) if isinstance(which, list) else str(which) if which is not None else None
        rel = next((r for r in item.rels if r.kind == link["kind"] and r.target == link["to"]
                    and r.relation in (None, which)), None)
        if rel is None:
            rel = DraftRel(link["kind"], link["to"])
            item.rels.append(rel)
        rel.inferred = link.get("inferred") is True
        rel.note = str(link["note"]) if link.get("note") is not None else None
        rel.relation = which
        rel.cq = str(link["cq"]) if isinstance(link.get("cq"), str) else None


def to_map(doc: ArgdownDoc, origin: str, ids: IdMaker) -> Draft:
    path = Path(origin)
    m = Draft(map_name(path.stem), "argdown", origin)
    for line, code, message in doc.problems:
        m.warn(code, message, line)
    fm = doc.frontmatter
    title = " ".join(str(fm.get("title")).split()) if fm.get("title") else None
    m.title = title
    if fm.get("subTitle"):
        m.description = " ".join(str(fm["subTitle"]).split())
    source_id = ids.make(f"argdown {path.stem}")
    m.sources[source_id] = {
        "title": title or f"Argdown document {path.name}",
        "author": " ".join(str(fm["author"]).split()) if fm.get("author") else None,
        "date": str(fm["date"]) if fm.get("date") else None,
        "file": path.name,
    }
    known = {"argmap", "title", "subTitle", "author", "date", "model", "dot", "map", "color", "group", "selection", "svg", "html", "webComponent", "logLevel", "image"}
    extra = sorted(k for k in fm if k not in known)
    if extra:
        m.warn("argdown-frontmatter-keys", f"frontmatter keys not carried: {', '.join(extra)}")
    meta = fm.get("argmap") if isinstance(fm.get("argmap"), dict) else {}
    # argmap's own export says each node's `by` and `source` in its data block: nothing is added
    by = None if meta else m.sources[source_id]["author"]
    node_source = None if meta else source_id
    if isinstance(meta.get("map"), str) and meta["map"].strip():
        m.name = map_name(meta["map"])
    if isinstance(meta.get("thesis"), str):
        m.thesis = meta["thesis"]
    if isinstance(meta.get("sources"), dict):  # written by argmap's own Argdown export
        for sid, src in meta["sources"].items():
            if isinstance(src, dict):
                m.sources[str(sid)] = {k: (v if isinstance(v, int) and not isinstance(v, bool) else str(v))
                                       for k, v in src.items() if k in ("title", "author", "date", "url", "file", "replies_to", "order")}

    preferred: dict[tuple[str, str], str] = {}  # ids kept in data blocks (argmap's own export) go first
    for key in doc.order if meta else ():
        wanted = _data_of(doc, *key).get("id")
        if isinstance(wanted, str) and _ID.match(wanted):
            if _data_of(doc, *key).get("ghost") and wanted in ids.taken:  # a node of another map of the folder
                preferred[key] = wanted
            elif ids.reserve(wanted):
                preferred[key] = wanted
            else:
                line = doc.statements[key[1]].line if key[0] == "statement" else doc.arguments[key[1]].line
                m.warn("argdown-id-taken", f"id '{wanted}' from the data block is already used; a new id is made", line)
        elif wanted is not None:
            line = doc.statements[key[1]].line if key[0] == "statement" else doc.arguments[key[1]].line
            m.warn("argdown-bad-id", f"id {str(wanted)[:40]!r} from the data block is not an id (a-z, 0-9, '-', "
                   "at most 100); a new id is made", line)

    def defined_at(key: tuple[str, str]) -> int:
        if key[0] == "statement":
            return min((mb.line for mb in doc.statements[key[1]].members if mb.text), default=doc.statements[key[1]].line)
        arg = doc.arguments[key[1]]
        return min([d.line for d in arg.descriptions] + [s.line for s in arg.steps[:1]], default=arg.line)

    node_of: dict[tuple[str, str], DraftNode] = {}
    for typ, title_ in sorted(doc.order, key=defined_at):
        if typ == "statement":
            cls = doc.statements[title_]
            worded = [mb for mb in cls.members if mb.text]
            if worded:
                text = worded[0].text
            else:
                text = title_
                m.warn("argdown-no-text", f"statement [{title_}] is only referred to, never given a text; its title is its text", cls.line)
            item = DraftNode(preferred.get((typ, title_)) or ids.make(title_ if not cls.untitled else text), text, title=None if cls.untitled else title_,
                        by=by, source=node_source, loc=Location(origin, cls.line, 1))
            _add_wordings(item, [mb.text for mb in worded[1:]], _data_of(doc, typ, title_) if meta else None, m,
                          worded[1].line if len(worded) > 1 else cls.line)
            links = [l for mb in cls.members for l in mb.links]
            if links:
                item.note = ((item.note + " ") if item.note else "") + "Links: " + " ".join(dict.fromkeys(links))
            for mb in cls.members:
                item.tags.extend(t for t in mb.tags if t not in item.tags)
        else:
            arg = doc.arguments[title_]
            descs = [d.text for d in arg.descriptions]
            text = descs[0] if descs else title_
            item = DraftNode(preferred.get((typ, title_)) or ids.make(title_), text, kind="argument", title=title_, by=by, source=node_source,
                        loc=Location(origin, arg.line, 1), tags=list(arg.tags))
            _add_wordings(item, descs[1:], _data_of(doc, typ, title_) if meta else None, m, arg.line)
        section = (doc.statements[title_].section if typ == "statement" else doc.arguments[title_].section)
        if section and section not in item.tags:
            item.tags.append(section)
        data = _data_of(doc, typ, title_)
        if data and meta:  # argmap's own export: its fields
            _apply_data(item, data)
            if data.get("ghost"):  # a node of another map, drawn here: its relations point at it, it stays there
                node_of[(typ, title_)] = item
                continue
        elif data:  # someone's own YAML data: kept as words, since argmap has no field for it
            shown = ", ".join(f"{k}: {v}" for k, v in data.items())
            item.note = ((item.note + " ") if item.note else "") + f"Argdown data: {shown}"
            m.warn("argdown-data", f"the data of {'<' + title_ + '>' if typ == 'argument' else '[' + title_ + ']'} ({shown[:60]}) is kept in `note`",
                   doc.statements[title_].line if typ == "statement" else doc.arguments[title_].line)
        node_of[(typ, title_)] = item
        m.nodes.append(item)

    if not any(n.source == source_id for n in m.nodes) and (len(m.sources) > 1 or meta):
        del m.sources[source_id]

    # premise-conclusion structures: the last inference is the argument node; earlier ones get nodes of their own,
    # listed just before it (collected here, placed in one pass below)
    steps_before: dict[int, list[DraftNode]] = {}
    for title_, arg in doc.arguments.items():
        if not arg.steps:
            continue
        node = node_of[("argument", title_)]
        for k, step in enumerate(arg.steps):
            if k == len(arg.steps) - 1:
                target = node
            else:
                target = DraftNode(ids.make(f"{title_} step {k + 1}"), f"Step {k + 1} of {title_}", kind="argument",
                              title=f"{title_} (step {k + 1})", by=by, source=node_source, loc=Location(origin, step.line, 1))
                steps_before.setdefault(id(node), []).append(target)
            target.premises = [node_of[("statement", p)].id for p in step.premises]
            target.relate("supports", node_of[("statement", step.conclusion)].id)
            named = [r for r in step.rules if scheme_for_name(r) is not None]
            if named and target.scheme is None:  # "Argument from analogy": a scheme of argmap's catalogue
                target.scheme = scheme_for_name(named[0]).name
            rest = [r for r in step.rules if r not in named[:1]]
            if rest:
                target.note = ((target.note + " ") if target.note else "") + "Inference rule: " + "; ".join(rest)

    if steps_before:
        m.nodes[:] = [x for n in m.nodes for x in (*steps_before.get(id(n), ()), n)]

    for r in doc.relations:
        src = node_of[(r.source_type, r.source)]
        tgt = node_of[(r.target_type, r.target)]
        kind = {"support": "supports", "entails": "supports", "attack": "attacks", "undercut": "undercuts",
                "contrary": "contradicts", "contradictory": "contradicts"}[r.kind]
        note = "Argdown: contrary" if r.kind == "contrary" else ("Argdown: entails" if r.kind == "entails" else None)
        if r.kind == "contrary":
            m.warn("argdown-contrary", f"[{r.source}] and [{r.target}] are contrary; argmap has `contradicts` for both, with the note 'Argdown: contrary'", r.line)
        if kind == "undercuts" and tgt.kind != "argument":
            m.warn("argdown-undercut-statement", f"an undercut of statement [{r.target}] is written as an attack", r.line)
            kind = "attacks"
        if src is tgt:
            m.warn("argdown-self", f"{r.source} {kind} itself; left out", r.line)
            continue
        if kind == "supports" and src.premises:
            # a reconstructed argument supports its conclusion only: the conclusion carries the support (as Argdown derives)
            conclusion = doc.arguments[r.source].steps[-1].conclusion
            src = node_of[("statement", conclusion)]
            m.warn("argdown-support-moved", f"<{r.source}> supports {r.target}: written on its conclusion [{conclusion}], "
                   "since an argument with premises supports its conclusion only", r.line)
            if src is tgt:
                continue
        if kind == "contradicts" and any(x.kind == "contradicts" and x.target == src.id for x in tgt.rels):
            continue
        if src.relate(kind, tgt.id, **({"note": note} if note else {})) is None:
            m.warn("argdown-repeated", f"relation {r.source} {r.kind} {r.target} is written twice", r.line)
    if meta:
        for key, item in node_of.items():
            apply_links(item, _data_of(doc, *key).get("links"))
    return m
