"""Read and write abstract argumentation frameworks; ICCMA-style answers.

Formats:

``apx``
    ASPARTIX: ``arg(a).`` and ``att(a,b).`` statements, ``%`` comments.
``tgf``
    Trivial Graph Format: one argument per line, a ``#`` line, then one
    ``a b`` attack per line (text after the ids is a label and is ignored).
``i23``
    ICCMA 2023: a ``p af N`` header, then ``i j`` attack lines over the
    arguments ``1..N``; ``#`` starts a comment line.

Answers follow ICCMA 2015-2019: ``[a,b]`` for an extension, ``[[a],[b,c]]``
for all of them, ``YES``/``NO`` for acceptance, ``NO`` for SE without one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Iterator

from .diagnostics import ArgmapError
from .semantics import (
    AF,
    SemanticsError,
    credulous,
    extensions,
    iter_extensions,
    normalize_semantics,
    skeptical,
    some_extension,
)

__all__ = [
    "AFFormatError",
    "FORMATS",
    "read_af",
    "parse_af",
    "write_af",
    "format_extension",
    "format_extensions",
    "format_answer",
    "solve",
    "solve_stream",
    "MAX_ARGUMENTS",
]

#: File suffix -> format name.
FORMATS = {".apx": "apx", ".tgf": "tgf", ".i23": "i23", ".af": "i23"}

#: Largest ``N`` an ``.i23`` header may declare (each argument costs memory
#: before a single attack is read; ICCMA 2023's largest instances are far below).
MAX_ARGUMENTS = 5_000_000

_DIGITS = re.compile(r"[0-9]+\Z")  # ASCII only: str.isdigit() also accepts '²' and '٣'


class AFFormatError(ArgmapError, ValueError):
    """Malformed framework text; ``str()`` is ``file:line: message (hint: ...)``.

    ``line`` is 0 for problems with the whole file (then ``file: message``).
    """

    def __init__(self, file: str, line: int, message: str, hint: str = ""):
        self.file, self.line, self.message, self.hint = file, line, message, hint
        text = f"{file}:{line}: {message}" if line else f"{file}: {message}"
        super().__init__(text + (f" (hint: {hint})" if hint else ""))


def _sniff(text: str, strict: bool = False) -> str | None:
    """Guess the format from the first statement.

    With ``strict`` (a file whose suffix says nothing), only text that is
    recognisably apx, i23 or tgf (which has a ``#`` line) is accepted;
    otherwise None.
    """
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("p af") or line.startswith("p "):
            return "i23"
        if line.startswith("#") and not line == "#":
            continue  # an i23 comment
        if line.startswith(("arg(", "att(", "arg (", "att (")):
            return "apx"
        if strict and not any(r.strip() == "#" for r in text.splitlines()):
            return None
        if strict and (line.startswith("<") or "\0" in text):
            return None  # XML, HTML, binary: never a framework
        return "tgf"
    return None if strict else "apx"


def read_af(source: str | os.PathLike, fmt: str | None = None) -> AF:
    """Read a framework from a path or from text.

    Parameters
    ----------
    source : str or path-like
        A path (``Path`` or a one-line string naming an existing file) or the
        framework text itself.
    fmt : {"apx", "tgf", "i23"}, optional
        Defaults to the file suffix (``.apx``, ``.tgf``, ``.i23``/``.af``),
        else is sniffed from the content.

    Raises
    ------
    AFFormatError
        With ``file:line`` and a hint; also for unreadable or non-UTF-8 files.

    Examples
    --------
    >>> read_af("arg(a).\\narg(b).\\natt(a,b).\\n").attacks
    frozenset({('a', 'b')})
    """
    is_path = isinstance(source, os.PathLike) or (
        "\n" not in source
        and (os.path.isfile(source) or Path(source).suffix.lower() in FORMATS)
    )
    strict = False
    if is_path:
        path = Path(source)
        name = str(path)
        from .fsutil import read_text

        text, problems = read_text(path)
        if text is None:
            problem = problems[0]
            raise AFFormatError(name, problem.loc.line if problem.code == "encoding" else 0, problem.message,
                                problem.hint or "check the path") from None
        if fmt is None:
            fmt = FORMATS.get(path.suffix.lower())
            strict = fmt is None
    else:
        name, text = "<string>", str(source)
    text = text.removeprefix("\ufeff")  # a byte-order mark is not part of the first statement
    if fmt is None:
        fmt = _sniff(text, strict)
        if fmt is None:
            what = f"suffix '{path.suffix}'" if path.suffix else "no suffix"
            raise AFFormatError(
                name, 1, f"not an argumentation framework ({what}, and the text is not apx, tgf or i23)",
                "give a .apx, .tgf or .i23 file (argmap export writes them), or say --format")
    return parse_af(text, fmt.lower(), name)


def parse_af(text: str, fmt: str, name: str = "<string>") -> AF:
    """Parse framework ``text`` in format ``fmt``; ``name`` is used in errors."""
    parsers = {"apx": _parse_apx, "tgf": _parse_tgf, "i23": _parse_i23}
    try:
        parser = parsers[fmt]
    except KeyError:
        raise AFFormatError(name, 0, f"unknown format {fmt!r}",
                            "use apx, tgf or i23") from None
    return parser(text.removeprefix("\ufeff"), name)


_APX_STMT = re.compile(
    r"\s*(arg|att)\s*\(\s*([^\s(),.%]+(?:\.[^\s(),.%]+)*)\s*"
    r"(?:,\s*([^\s(),.%]+(?:\.[^\s(),.%]+)*)\s*)?\)\s*\.")


def _parse_apx(text: str, name: str) -> AF:
    args: dict[str, None] = {}
    atts: list[tuple[str, str, int]] = []
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.split("%", 1)[0]
        pos = 0
        while True:
            while pos < len(line) and line[pos].isspace():
                pos += 1
            if pos >= len(line):
                break
            m = _APX_STMT.match(line, pos)
            if not m:
                snippet = line[pos:].strip()[:40]
                raise AFFormatError(
                    name, no, f"cannot parse {snippet!r}",
                    "statements look like arg(a). or att(a,b). and end with '.'")
            kind, a, b = m.groups()
            if kind == "arg":
                if b is not None:
                    if a[:1] in "\"'" or b[-1:] in "\"'":  # arg("a,b"): a quoted id holding a comma
                        raise AFFormatError(name, no, f"arg takes one id, got arg({a},{b})",
                                            "ids in .apx are not quoted and hold no ',' (ICCMA answers "
                                            "could not tell them apart): rename the argument")
                    raise AFFormatError(name, no, f"arg takes one id, got arg({a},{b})",
                                        f"did you mean att({a},{b}).?")
                args.setdefault(a)
            else:
                if b is None:
                    raise AFFormatError(name, no, f"att takes two ids, got att({a})",
                                        "write att(attacker,target).")
                atts.append((a, b, no))
            pos = m.end()
    for a, b, no in atts:
        for x in (a, b):
            if x not in args:
                raise AFFormatError(name, no, f"att({a},{b}) names undeclared argument {x!r}",
                                    f"add arg({x}).")
    return AF(tuple(args), frozenset((a, b) for a, b, _ in atts))


def _parse_tgf(text: str, name: str) -> AF:
    args: dict[str, None] = {}
    atts: set[tuple[str, str]] = set()
    in_edges = False
    for no, raw in enumerate(text.splitlines(), 1):
        parts = raw.split()
        if not parts:
            continue
        if parts[0] == "#" and len(parts) == 1 and not in_edges:
            in_edges = True
            continue
        if not in_edges:
            args.setdefault(parts[0])
            continue
        if len(parts) < 2:
            raise AFFormatError(name, no, f"attack line {raw.strip()!r} has one id",
                                "attack lines after '#' read 'attacker target'")
        a, b = parts[0], parts[1]
        for x in (a, b):
            if x not in args:
                raise AFFormatError(name, no, f"attack {a} {b} names undeclared argument {x!r}",
                                    f"list {x} on its own line before '#'")
        atts.add((a, b))
    return AF(tuple(args), frozenset(atts))


def _parse_i23(text: str, name: str) -> AF:
    n = None
    atts: set[tuple[str, str]] = set()
    for no, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if n is None:
            if parts[:2] != ["p", "af"] or len(parts) != 3 or not _DIGITS.match(parts[2]):
                raise AFFormatError(name, no, f"expected header 'p af N', got {line[:40]!r}",
                                    "the first non-comment line must be 'p af <number of arguments>'")
            n = int(parts[2])
            if n > MAX_ARGUMENTS:
                raise AFFormatError(name, no, f"'p af {n}' declares more than {MAX_ARGUMENTS:,} arguments",
                                    "argmap reads frameworks up to that size; check the header")
            continue
        if len(parts) != 2 or not all(_DIGITS.match(p) for p in parts):
            raise AFFormatError(name, no, f"expected an attack 'i j', got {line[:40]!r}",
                                "attack lines are two argument numbers separated by a space")
        i, j = int(parts[0]), int(parts[1])
        for x in (i, j):
            if not 1 <= x <= n:
                raise AFFormatError(name, no, f"argument {x} out of range 1..{n}",
                                    "raise N in the 'p af N' header or fix the number")
        atts.add((parts[0].lstrip("0") or "0", parts[1].lstrip("0") or "0"))
    if n is None:
        raise AFFormatError(name, 1, "missing header 'p af N'",
                            "start the file with 'p af <number of arguments>'")
    return AF(tuple(str(k) for k in range(1, n + 1)), frozenset(atts))


_APX_ID = re.compile(r"[^\s(),.%]+(?:\.[^\s(),.%]+)*\Z")


def _sorted_attacks(af: AF) -> list[tuple[str, str]]:
    pos = af._pos
    return sorted(af.attacks, key=lambda e: (pos[e[0]], pos[e[1]]))


def write_af(af: AF, fmt: str) -> str:
    """Serialise ``af`` as ``apx``, ``tgf`` or ``i23`` text (ends with a newline).

    ``i23`` numbers arguments in ``af.arguments`` order; when the ids are not
    already ``1..N``, ``# k id`` comment lines record the mapping.

    Examples
    --------
    >>> print(write_af(AF.from_edges([("a", "b")]), "tgf"), end="")
    a
    b
    #
    a b
    """
    fmt = fmt.lower()
    if fmt == "apx":
        for a in af.arguments:
            if not _APX_ID.match(a):
                raise AFFormatError("<output>", 0, f"argument id {a!r} cannot be written as apx",
                                    "ids must not contain spaces, '(', ')', ',', '%' or end in '.'")
        lines = [f"arg({a})." for a in af.arguments]
        lines += [f"att({a},{b})." for a, b in _sorted_attacks(af)]
    elif fmt == "tgf":
        for a in af.arguments:
            if not a or a == "#" or any(c.isspace() for c in a):
                raise AFFormatError("<output>", 0, f"argument id {a!r} cannot be written as tgf",
                                    "ids must be non-empty, not '#', and have no whitespace")
        lines = list(af.arguments) + ["#"]
        lines += [f"{a} {b}" for a, b in _sorted_attacks(af)]
    elif fmt == "i23":
        pos = af._pos
        lines = [f"p af {len(af.arguments)}"]
        if af.arguments != tuple(str(k) for k in range(1, len(af.arguments) + 1)):
            lines += [f"# {k} {a}" for k, a in enumerate(af.arguments, 1)]
        lines += [f"{pos[a] + 1} {pos[b] + 1}" for a, b in _sorted_attacks(af)]
    else:
        raise AFFormatError("<output>", 0, f"unknown format {fmt!r}", "use apx, tgf or i23")
    return "\n".join(lines) + "\n"


def format_extension(ext: Iterable[str]) -> str:
    """ICCMA'15-'19 text of one extension: ids sorted, ``[a,b]``.

    Examples
    --------
    >>> format_extension({"a2", "a10"})
    '[a10,a2]'
    """
    return "[" + ",".join(sorted(ext)) + "]"


def format_extensions(exts: Iterable[Iterable[str]]) -> str:
    """ICCMA'15-'19 text of a set of extensions, sorted: ``[[a],[b,c]]``.

    Examples
    --------
    >>> format_extensions([{"b", "c"}, {"a"}, set()])
    '[[],[a],[b,c]]'
    """
    items = sorted({tuple(sorted(e)) for e in exts}, key=lambda t: (len(t), t))
    return "[" + ",".join("[" + ",".join(t) + "]" for t in items) + "]"


def format_answer(accepted: bool) -> str:
    """``YES`` or ``NO``."""
    return "YES" if accepted else "NO"


_TASKS = ("SE", "EE", "DC", "DS")


_UNWRITABLE = re.compile(r"[,\[\]\s]")


def _check_answer_ids(af: AF) -> None:
    bad = next((a for a in af.arguments if not a or _UNWRITABLE.search(a)), None)
    if bad is not None:
        raise AFFormatError(
            "<answer>", 0, f"argument id {bad!r} cannot be written in an ICCMA answer "
            "(',', '[', ']' or a space would make [a,b] ambiguous)",
            "rename the argument, or ask a YES/NO question (-t DC or DS)")


def _check_task(af: AF, semantics: str, task: str, arg: str | None) -> tuple[str, str]:
    sem = normalize_semantics(semantics)
    task = str(task).strip().upper()
    if task not in _TASKS:
        raise SemanticsError(f"unknown task {task!r}; use one of {', '.join(_TASKS)}")
    if task in ("DC", "DS"):
        if arg is None:
            raise SemanticsError(f"task {task} needs an argument (--arg)")
        if arg not in af._pos:
            raise SemanticsError(f"unknown argument {arg!r}; the framework has "
                                 f"{len(af.arguments)} arguments")
    else:
        _check_answer_ids(af)
    return sem, task


def solve(af: AF, semantics: str, task: str, arg: str | None = None) -> str:
    """Answer an ICCMA task, as ICCMA'15-'19 output text (no final newline).

    Parameters
    ----------
    semantics : str
        grounded, complete, preferred, stable, or GR, CO, PR, ST.
    task : {"SE", "EE", "DC", "DS"}
        Some extension, every extension, credulous or skeptical acceptance
        of ``arg``.

    Raises
    ------
    AFFormatError
        For SE and EE when an argument id holds ``,``, ``[``, ``]`` or
        whitespace: the answer could not be read back unambiguously.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a")])
    >>> solve(af, "PR", "EE"), solve(af, "ST", "DS", "a"), solve(af, "GR", "SE")
    ('[[a],[b]]', 'NO', '[]')
    """
    sem, task = _check_task(af, semantics, task, arg)
    if task in ("DC", "DS"):
        return format_answer((credulous if task == "DC" else skeptical)(af, sem, arg))
    if task == "SE":
        ext = some_extension(af, sem)
        return "NO" if ext is None else format_extension(ext)
    return format_extensions(extensions(af, sem))


def solve_stream(af: AF, semantics: str, task: str, arg: str | None = None) -> Iterator[str]:
    """Like :func:`solve`, in pieces: ``EE`` yields each extension as it is found.

    The pieces joined are the whole answer (no final newline). ``EE``
    extensions come in the solver's order, which is fixed for a given
    framework, instead of sorted, so that an exponential answer starts at
    once and never sits in memory.

    Examples
    --------
    >>> af = AF.from_edges([("a", "b"), ("b", "a")])
    >>> "".join(solve_stream(af, "PR", "EE")) in ("[[a],[b]]", "[[b],[a]]")
    True
    """
    sem, task = _check_task(af, semantics, task, arg)
    if task != "EE":
        yield solve(af, sem, task, arg)
        return
    yield "["
    for k, ext in enumerate(iter_extensions(af, sem)):
        yield ("," if k else "") + format_extension(ext)
    yield "]"
