"""Problems found in the input, as values: collected, sorted, printed, counted.

Every diagnostic names a place (``file:line:col``), says what is wrong, and
where it can, how to fix it::

    arguments/x.yaml:12:5: error[unknown-key]: unknown key 'attack' in node
      hint: did you mean 'attacks'?
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from .model import Location
from .textsafe import terminal

__all__ = [
    "Diagnostic",
    "ArgmapError",
    "InvalidInputError",
    "format_diagnostics",
    "did_you_mean",
    "Suggestions",
    "has_errors",
]

ERROR = "error"
WARNING = "warning"


class ArgmapError(Exception):
    """Base class of every error argmap raises on purpose (the CLI prints it in one line)."""


class InvalidInputError(ArgmapError):
    """The input has errors; ``diagnostics`` lists every one of them."""

    def __init__(self, diagnostics: Sequence["Diagnostic"]):
        self.diagnostics = tuple(diagnostics)
        errors = [d for d in self.diagnostics if d.severity == ERROR]
        first = errors[0] if errors else (self.diagnostics[0] if self.diagnostics else None)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}" if first else "invalid input")


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: severity, a short code, a message, a place and maybe a hint."""

    severity: str
    code: str
    message: str
    loc: Location | None = None
    hint: str | None = None

    @classmethod
    def error(cls, code: str, message: str, loc: Location | None = None, hint: str | None = None):
        return cls(ERROR, code, message, loc, hint)

    @classmethod
    def warning(cls, code: str, message: str, loc: Location | None = None, hint: str | None = None):
        return cls(WARNING, code, message, loc, hint)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self):
        loc = self.loc
        return (loc.file, loc.line, loc.col) if loc else ("", 0, 0)

    def __str__(self) -> str:
        """One line; control characters from the input (a file name, an id) shown escaped."""
        where = f"{self.loc}: " if self.loc else ""
        return terminal(f"{where}{self.severity}[{self.code}]: {self.message}")

    def format(self) -> str:
        """The diagnostic as printed: one line, plus an indented hint line if any.

        Nothing from the input reaches the terminal unescaped:

        >>> print(Diagnostic.error("dangling", "no node 'x\\x1b]0;owned\\x07'", hint="a\\nb").format())
        error[dangling]: no node 'x\\x1b]0;owned\\x07'
          hint: a\\nb
        """
        text = str(self)
        if self.hint:
            text += f"\n  hint: {terminal(self.hint)}"
        return text


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


def format_diagnostics(diagnostics: Iterable[Diagnostic]) -> str:
    """All diagnostics sorted by place, one block each."""
    return "\n".join(d.format() for d in sorted(diagnostics, key=Diagnostic.sort_key))


#: Choice lists at least this long are searched through a trigram index.
_INDEX_FROM = 256
#: Postings read per query, and candidates scored: what bounds one hint's cost.
_SCAN, _SHORTLIST = 2048, 32


def _trigrams(word: str) -> set[str]:
    w = f"\x02{word}\x03"
    return {w[i : i + 3] for i in range(len(w) - 2)}


class _NameIndex:
    """Trigram postings over a list of names, for bounded "did you mean" queries."""

    def __init__(self, names: list[str]):
        self.names = names
        grams: dict[str, list[int]] = {}
        for k, name in enumerate(names):
            for g in _trigrams(name):
                grams.setdefault(g, []).append(k)
        self.grams = grams

    def shortlist(self, word: str) -> list[str]:
        """Names sharing the most of ``word``'s rarest trigrams (at most ``_SHORTLIST``)."""
        posts = sorted((self.grams[g] for g in _trigrams(word) if g in self.grams), key=len)
        counts: Counter[int] = Counter()
        budget = _SCAN
        for post in posts:
            counts.update(post[:budget])  # counted in C
            budget -= len(post)
            if budget <= 0:
                break
        return [self.names[k] for k, _ in counts.most_common(_SHORTLIST)]


class Suggestions:
    """One namespace's names (ids, sources, relations, keys...), for "did you mean" hints.

    Made once per namespace and asked once per unresolved name: the names are
    listed on the first question and, when there are many, indexed by trigrams
    then, so a folder with thousands of unresolved names among thousands of
    known ones costs linear time (a fresh list per hint cost a scan, or an index
    build, per hint).  ``names`` may be any iterable, or a callable returning one
    (evaluated on the first question, so an error-free check lists nothing).

    >>> s = Suggestions(["supports", "attacks", "undercuts"])
    >>> s.hint("attack"), s.hint("zzz") is None
    ("did you mean 'attacks'?", True)
    """

    __slots__ = ("_source", "_names", "_index")

    def __init__(self, names):
        self._source = names
        self._names: list[str] | None = None
        self._index: _NameIndex | None = None

    def shortlist(self, word: str) -> list[str]:
        if self._names is None:
            src = self._source() if callable(self._source) else self._source
            self._names = [str(c) for c in src]
            self._source = None
            if len(self._names) >= _INDEX_FROM:
                self._index = _NameIndex(self._names)
        return self._index.shortlist(word) if self._index is not None else self._names

    def hint(self, word: str, cutoff: float = 0.6) -> str | None:
        return did_you_mean(word, self, cutoff)


_last_index: tuple[object, int, _NameIndex] | None = None


def _index_for(choices) -> _NameIndex:
    """The index of ``choices``, reused while the same collection is asked again.

    For callers that pass the same dict or list each time without making a
    :class:`Suggestions`; the collection is kept referenced, so its ``id``
    cannot be recycled.
    """
    global _last_index
    cached = _last_index
    if cached is not None and cached[0] is choices and cached[1] == len(choices):
        return cached[2]
    index = _NameIndex([str(c) for c in choices])
    _last_index = (choices, len(choices), index)
    return index


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A hint naming the closest choice, or ``None``.

    Similarity is rapidfuzz's ``ratio`` (difflib's measure, in C), at least
    ``cutoff``; ties go to the smallest name. Long choice lists are searched
    through a trigram index built once per collection, so one hint costs a
    bounded amount however many ids a folder has (4,000 dangling targets
    among 16,000 ids took minutes when every hint scanned every id).

    >>> did_you_mean("attack", ["supports", "attacks", "undercuts"])
    "did you mean 'attacks'?"
    >>> did_you_mean("zzz", ["supports"]) is None
    True
    """
    from rapidfuzz import fuzz  # only when a hint is needed: keeps start-up short

    word = str(word)
    if isinstance(choices, Suggestions):
        return _closest(word, choices.shortlist(word), cutoff, fuzz)
    sized = isinstance(choices, (list, tuple, dict, set, frozenset)) or type(choices).__name__ in (
        "dict_keys",
        "odict_keys",
    )
    if sized and len(choices) >= _INDEX_FROM:
        names = _index_for(choices).shortlist(word)
    else:
        names = [str(c) for c in choices]
        if len(names) >= _INDEX_FROM:
            names = _NameIndex(names).shortlist(word)
    return _closest(word, names, cutoff, fuzz)


def _closest(word: str, names: list[str], cutoff: float, fuzz) -> str | None:
    best, best_score = None, cutoff * 100
    for name in names:
        score = fuzz.ratio(word, name, score_cutoff=best_score)
        if score and (score > best_score or (score == best_score and (best is None or name < best))):
            best, best_score = name, score
    return f"did you mean '{best}'?" if best is not None else None
