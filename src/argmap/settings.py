"""Rendering settings: one dataclass of defaults, overlaid by a config file, overlaid by flags.

A folder may hold ``argmap.toml`` with a ``[render]`` table using the same names
as the fields below (command-line flags win over it), and, above that table, the
folder's ``title`` (the page's title).  :data:`OPTIONS` is the one table of drawing
options that the CLI, ``argmap.toml``, ```` ```argmap ```` blocks and the docs share.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from . import semantics as _sem
from .gradual import GRADUAL as _GRADUAL
from .diagnostics import ArgmapError, Diagnostic, InvalidInputError
from .model import Location
from .spec import VIEW_OPTIONS as _VIEW_OPTIONS

__all__ = ["Settings", "COLOR_BY", "ENGINES", "BIPOLAR", "SEMANTICS", "LABELS", "RANKDIRS", "normalize_any_semantics", "load_config",
           "load_settings", "load_title", "CONFIG_NAME", "Option", "OPTIONS", "VIEW_KEYS", "choices", "options_markdown"]

#: How boxes can be filled (``--color-by``): name → what the colour says.  The one list of
#: colourings: the settings check, the CLI choices, the README and export.theme read it.
COLOR_BY = {
    "author": "whose view it is (the holder): one colour per person in every drawing of the folder",
    "kind": "claim or argument",
    "status": "whether it stands: IN, OUT or UNDEC",
    "tag": "its first tag: one colour per tag in every drawing of the folder",
    "strength": "its strength in [0, 1] under a gradual semantics (dfquad unless one is chosen): light to dark",
    "none": "no fill",
}
_BIPOLAR_HELP = {
    "none": "support adds no attack",
    "supported": "a attacks what its supports chain to attacks (supported attack)",
    "secondary": "attacking x attacks what x supports, down the chain (secondary attack)",
    "both": "supported and secondary attacks",
}
_SEMANTICS_HELP = {
    "grounded": "the most cautious reading: accept only what nothing open can overturn (linear time)",
    "complete": "sceptical over complete extensions",
    "preferred": "sceptical over preferred extensions",
    "stable": "sceptical over stable extensions",
    "dfquad": "gradual strength (DF-QuAD, Rago et al. 2016) beside the grounded status",
    "quadratic-energy": "gradual strength (quadratic energy, Potyka 2018) beside the grounded status",
}
#: what a node's label shows (``--labels``)
LABELS = {"both": "the bold title above the text", "title": "the title only (the text where there is none)",
          "text": "the text only"}
#: how support adds attacks (Cayrol & Lagasquie-Schiex): the modes :mod:`argmap.semantics` declares
BIPOLAR = {m: _BIPOLAR_HELP.get(m, "") for m in _sem.BIPOLAR_MODES}
#: the semantics that decide statuses: the canonical names :mod:`argmap.semantics` declares
SEMANTICS = {m: _SEMANTICS_HELP.get(m, "") for m in dict.fromkeys(_sem.SEMANTICS.values())}
SEMANTICS.update({m: _SEMANTICS_HELP.get(m, "") for m in _GRADUAL})
RANKDIRS = ("BT", "TB", "LR", "RL")
CONFIG_NAME = "argmap.toml"


def _engines() -> dict[str, str]:
    from .render import ENGINES

    return ENGINES


def __getattr__(name: str):
    if name == "ENGINES":
        return tuple(_engines())
    raise AttributeError(name)


@dataclass(frozen=True)
class Settings:
    """How a map is drawn. Every field has a default that suits a blog column."""

    color_by: str = "author"
    wrap: int = 30
    rankdir: str = "BT"
    parts_rankdir: str = "RL"  # parts read like an outline: a claim on the left, its replies to the right
    stagger: int = 4  # at most this many unanswered replies to one node side by side
    legend: bool = True
    fontname: str = "Helvetica"
    fontsize: float = 11.0
    engine: str = "auto"
    semantics: str = "grounded"
    bipolar: str = "none"
    title: bool = True
    large_map_warning: int = 150
    labels: str = "both"  # what a node's label shows: both | title | text
    inferred: bool = False  # relations marked inferred (the mapper's, not an author's) count in evaluation
    preferences: bool = True  # weights decide which attacks defeat (Amgoud & Cayrol 2002); False: plain Dung
    extra: Mapping[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> "Settings":
        """A copy with ``changes`` applied; ``None`` values are ignored (an unset flag)."""
        changes = {k: v for k, v in changes.items() if v is not None}
        if isinstance(changes.get("semantics"), str):
            changes["semantics"] = normalize_any_semantics(changes["semantics"])
        new = dataclasses.replace(self, **changes)
        new.check()
        return new

    def check(self) -> None:
        for name, problem in self.problems():
            raise ArgmapError(problem)

    def problems(self) -> list[tuple[str, str]]:
        """``(field, what is wrong)`` for every field with a wrong type or value."""
        out = []
        for f in dataclasses.fields(self):
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            want = _TYPES[f.name]
            if not _is(value, want):
                out.append((f.name, f"{f.name} must be {_WORD[want]}, not {_show(value)}"))
                continue
            choices = _choices(f.name)
            if choices is not None and value not in choices:
                out.append((f.name, f"{f.name} must be one of {', '.join(choices)}, not {_show(value)}"))
            elif f.name == "wrap" and not 8 <= value <= 200:
                out.append((f.name, f"wrap must be between 8 and 200 characters, not {value}"))
            elif f.name == "fontsize" and not 4 <= value <= 72:
                out.append((f.name, f"fontsize must be between 4 and 72 points, not {value}"))
            elif f.name in ("stagger", "large_map_warning") and value < 0:
                out.append((f.name, f"{f.name} must be 0 or more, not {value}"))
        return out


_TYPES = {
    "color_by": str, "wrap": int, "rankdir": str, "parts_rankdir": str, "stagger": int, "legend": bool,
    "fontname": str, "fontsize": float, "engine": str, "semantics": str, "bipolar": str, "title": bool,
    "large_map_warning": int, "labels": str, "inferred": bool, "preferences": bool,
}
_WORD = {str: "a string", int: "a whole number", float: "a number", bool: "true or false"}


def _is(value, want) -> bool:
    if want is bool:
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if want is float:
        return isinstance(value, (int, float))
    return isinstance(value, want)


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)


def _choices(name: str):
    if name == "color_by":
        return tuple(COLOR_BY)
    if name == "engine":
        return tuple(_engines())
    if name in ("rankdir", "parts_rankdir"):
        return RANKDIRS
    if name == "semantics":
        return tuple(SEMANTICS)
    if name == "bipolar":
        return tuple(BIPOLAR)
    if name == "labels":
        return tuple(LABELS)
    return None


# -- one vocabulary of drawing options --------------------------------------------------------
@dataclass(frozen=True)
class Option:
    """One drawing option, as every surface spells it.

    ``name`` is the key in ``argmap.toml``'s ``[render]`` table and in an
    ```` ```argmap ```` block (Markdown and pandoc); ``flag`` is the command line's
    spelling, when the CLI has one.  A ``view`` option picks what is drawn (never in
    ``argmap.toml``: a folder has no one view); a ``style`` option is a
    :class:`Settings` field, with the same default and values everywhere.
    """

    name: str
    help: str
    flag: str | None = None
    view: bool = False
    default: Any = None

    @property
    def places(self) -> tuple[str, ...]:
        """Where it can be given: ``block`` (Markdown and pandoc), ``toml`` (``argmap.toml``), ``cli``."""
        return ("block",) + (() if self.view else ("toml",)) + (("cli",) if self.flag else ())


def _style(name: str, help: str, flag: str | None = None) -> Option:
    return Option(name, help, flag, default=getattr(Settings(), name))


#: Every drawing option, in the order the docs list them: the CLI's flags, ``argmap.toml`` and the
#: ```` ```argmap ```` blocks (:mod:`argmap.embed`) read it, and ``docs/reference.md`` is generated from it.
OPTIONS: dict[str, Option] = {o.name: o for o in (
    *(Option(name, help, flag, True, default) for name, (help, flag, default) in _VIEW_OPTIONS.items()),
    _style("color_by", "what fills the boxes", "--color-by"),
    _style("labels", "what a box shows", "--labels"),
    _style("wrap", "label width in characters (8 to 200)", "--wrap"),
    _style("legend", "draw the legend under the map", "--no-legend"),
    _style("title", "draw the map's title above it"),
    _style("engine", "which Graphviz draws it", "--engine"),
    _style("semantics", "which semantics decides statuses (`color_by: status`), or a gradual one for strength", "--semantics"),
    _style("bipolar", "how support adds attacks (Cayrol & Lagasquie-Schiex)", "--bipolar"),
    _style("inferred", "count relations marked `inferred: true` (made by the mapper, not an author) in evaluation",
           "--with-inferred"),
    _style("preferences", "an attack defeats its target unless the target weighs more (`weight`; Amgoud & Cayrol 2002); "
           "false: plain Dung", "--preferences"),
    _style("rankdir", "direction of a whole map (BT: conclusions at the top)"),
    _style("parts_rankdir", "the preferred direction of a part (RL: a claim on the left, its replies to its right)"),
    _style("stagger", "at most this many unanswered replies to one node side by side (0: no limit)"),
    _style("fontname", "the font"),
    _style("fontsize", "node text size in pt (4 to 72); a part's width limit follows it"),
    _style("large_map_warning", "warn when a drawing has more nodes than this"),
)}
#: The keys that pick what an ```argmap block draws (besides ``source``), from :data:`OPTIONS`.
VIEW_KEYS = tuple(o.name for o in OPTIONS.values() if o.view and "block" in o.places)


def choices(name: str) -> tuple[str, ...] | None:
    """The values an option takes, when it is one of a list."""
    if name == "color_by":
        return tuple(COLOR_BY)
    if name == "labels":
        return tuple(LABELS)
    return _choices(name)


def options_markdown() -> str:
    """The table of every drawing option, for the docs (generated by cog: it cannot drift)."""

    def show(value) -> str:
        if value is None:
            return ""
        return f"`{_show(value).strip(chr(39))}`"

    helps = {"color_by": COLOR_BY, "labels": LABELS, "semantics": SEMANTICS, "bipolar": BIPOLAR}
    rows = ["| key | in | command line | values | default | what it does |", "|---|---|---|---|---|---|"]
    for o in OPTIONS.values():
        values = choices(o.name)
        if values and o.name in helps:
            shown = "<br>".join(f"`{v}`: {helps[o.name][v]}" if helps[o.name].get(v) else f"`{v}`" for v in values)
        elif values:
            shown = ", ".join(f"`{v}`" for v in values)
        else:
            shown = {bool: "`true`, `false`", int: "a whole number", float: "a number", str: "text"}.get(
                _TYPES.get(o.name), "a whole number" if o.name == "depth" else "a map name" if o.name == "map" else "a node id")
        where = "block" if o.view else "block, toml"
        rows.append(f"| `{o.name}` | {where} | {f'`{o.flag}`' if o.flag else ''} | {shown} | {show(o.default)} | {o.help} |")
    return "\n".join(rows)


def normalize_any_semantics(name: str) -> str:
    """Canonical name of a Dung semantics (``GR``, ``preferred``...) or a gradual one (``df-quad``, ``qe``)."""
    from .gradual import GradualError, normalize_gradual
    from .semantics import normalize_semantics

    try:
        return normalize_gradual(name)
    except GradualError:
        return normalize_semantics(name)


def _config_error(path: Path, text: str, message: str, hint: str | None, key: str | None = None,
                  table: str | None = None, line: int | None = None, col: int | None = None) -> InvalidInputError:
    if line is None:
        line, col = _find(text, key, table)
    return InvalidInputError([Diagnostic.error("config", message, Location(str(path), line, col or 1), hint)])


def _find(text: str, key: str | None, table: str | None) -> tuple[int, int]:
    """Line and column of ``key`` inside ``[table]`` (or of the table header), 1-based; (1, 1) if not found."""
    import re

    current = None
    header_at = None
    for number, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip()
        m = re.match(r"\[\s*([^\]]+?)\s*\]", stripped)
        if m and not stripped.startswith("[["):
            current = m.group(1).strip().strip('"')
            if current == table and key is None:
                return number, raw.index("[") + 1
            if current == table:
                header_at = (number, raw.index("[") + 1)
            continue
        km = re.match(r"\s*\"?([A-Za-z0-9_-]+)\"?\s*=", raw)
        if not km:
            continue
        name = km.group(1)
        if table is None and current is None and name == key:
            return number, km.start(1) + 1 - (1 if raw[km.start(1) - 1:km.start(1)] == '"' else 0)
        if table is not None and name == key and current == table:
            return number, raw.index(raw.lstrip()[0]) + 1
        if table is not None and key is None and current is None and name == table:
            return number, km.start(1) + 1
    return header_at or (1, 1)


def load_config(folder: str | Path) -> Settings:
    """Defaults overlaid by ``folder/argmap.toml`` (its ``[render]`` table), if there is one.

    Every problem is an :class:`InvalidInputError` holding one located
    ``argmap.toml:LINE:COL: error[config]`` diagnostic with a hint.
    """
    path = Path(folder) / CONFIG_NAME
    if not path.is_file():
        return Settings()
    try:
        with path.open("rb") as fh:  # is_file(): a regular file, so this read ends
            raw = fh.read((1 << 20) + 1)
        if len(raw) > 1 << 20:
            raise _config_error(path, "", "the file is over 1 MiB", "argmap.toml holds a few settings")
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _config_error(path, "", f"byte {exc.start} is not valid UTF-8", "save the file as UTF-8") from None
    except OSError as exc:
        raise _config_error(path, "", f"cannot read the file: {exc.strerror or exc}", None) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        import re

        m = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc)) or "invalid TOML"
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        raise _config_error(path, text, f"invalid TOML: {message}", "see https://toml.io for the syntax",
                            line=line, col=col) from None
    from .diagnostics import did_you_mean

    for top in sorted(data):
        if top == "title" and isinstance(data[top], str) and data[top].strip():
            continue  # the folder's title (load_title): the page's
        if top == "title":
            raise _config_error(path, text, f"title must be a non-empty string, not {_show(data[top])}",
                                'write title = "What the maps of this folder debate"', key="title")
        if top != "render":
            hint = did_you_mean(top, ["render", "title"]) or "argmap.toml has a title and one table, [render]"
            raise _config_error(path, text, f"unknown table or key '{top}'", hint, key=None if isinstance(data[top], dict) else top,
                                table=top if isinstance(data[top], dict) else None)
    table = data.get("render", {})
    if not isinstance(table, dict):
        raise _config_error(path, text, f"render must be a table ([render]), not {_show(table)}",
                            "write the settings under a [render] line", key="render")
    names = sorted(f.name for f in dataclasses.fields(Settings) if f.name != "extra")
    values = {}
    for key in table:  # in file order: the first problem is reported
        name = key.replace("-", "_")
        if name not in names:
            hint = did_you_mean(name, names) or f"known settings: {', '.join(names)}"
            raise _config_error(path, text, f"unknown setting '{key}' in [render]", hint, key=key, table="render")
        values[name] = table[key]
    try:
        settings = dataclasses.replace(Settings(), **values)
    except TypeError as exc:  # pragma: no cover - names are checked above
        raise _config_error(path, text, str(exc), None) from None
    if isinstance(values.get("semantics"), str):
        from .semantics import SemanticsError

        try:
            settings = dataclasses.replace(settings, semantics=normalize_any_semantics(values["semantics"]))
        except SemanticsError:
            pass  # reported below with the choices
    for name, problem in settings.problems():
        key = next((k for k in table if k.replace("-", "_") == name), name)
        raise _config_error(path, text, problem, f"fix `{key}` in the [render] table", key=key, table="render")
    if isinstance(settings.fontsize, int):
        settings = dataclasses.replace(settings, fontsize=float(settings.fontsize))
    return settings


def load_title(folder: str | Path) -> str | None:
    """The folder's title, ``title = "..."`` at the top of its ``argmap.toml`` (``None`` without one).
    Checked as :func:`load_config` checks the file, so a bad file raises the same located error."""
    load_config(folder)
    path = Path(folder) / CONFIG_NAME
    if not path.is_file():
        return None
    title = tomllib.loads(path.read_text(encoding="utf-8")).get("title")
    return " ".join(title.split()) if isinstance(title, str) else None


def load_settings(folder: str | Path, **flags: Any) -> Settings:
    """The one Settings of a command: defaults, overlaid by ``folder/argmap.toml``, overlaid by ``flags``
    (``None`` values are unset flags)."""
    return load_config(folder).replace(**flags)
