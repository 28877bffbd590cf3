"""Problems found in the input, as values: collected, sorted, printed, counted.

Every diagnostic names a place (``file:line:col``), says what is wrong, and
where it can, how to fix it::

    arguments/x.yaml:12:5: error[unknown-key]: unknown key 'attack' in node
      hint: did you mean 'attacks'?
"""

from __future__ import annotations

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


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """A hint naming the closest choice, or ``None``.

    >>> did_you_mean("attack", ["supports", "attacks", "undercuts"])
    "did you mean 'attacks'?"
    >>> did_you_mean("zzz", ["supports"]) is None
    True
    """
    import difflib  # only when a hint is needed: keeps start-up short

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return f"did you mean '{close[0]}'?" if close else None
