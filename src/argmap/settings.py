"""Rendering settings: one dataclass of defaults, overlaid by a config file, overlaid by flags.

A folder may hold ``argmap.toml`` with a ``[render]`` table using the same names
as the fields below; command-line flags win over it.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .diagnostics import ArgmapError

__all__ = ["Settings", "COLOR_BY", "ENGINES", "load_config"]

COLOR_BY = ("author", "kind", "status", "tag", "none")
ENGINES = ("auto", "embedded", "system")


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
    extra: Mapping[str, Any] = field(default_factory=dict)

    def replace(self, **changes: Any) -> "Settings":
        """A copy with ``changes`` applied; ``None`` values are ignored (an unset flag)."""
        changes = {k: v for k, v in changes.items() if v is not None}
        new = dataclasses.replace(self, **changes)
        new.check()
        return new

    def check(self) -> None:
        if self.color_by not in COLOR_BY:
            raise ArgmapError(f"color_by must be one of {', '.join(COLOR_BY)}, not '{self.color_by}'")
        if self.engine not in ENGINES:
            raise ArgmapError(f"engine must be one of {', '.join(ENGINES)}, not '{self.engine}'")
        if self.rankdir not in ("BT", "TB", "LR", "RL"):
            raise ArgmapError(f"rankdir must be BT, TB, LR or RL, not '{self.rankdir}'")
        if not 8 <= self.wrap <= 200:
            raise ArgmapError(f"wrap must be between 8 and 200 characters, not {self.wrap}")


def load_config(folder: str | Path) -> Settings:
    """Defaults overlaid by ``folder/argmap.toml`` (its ``[render]`` table), if there is one."""
    path = Path(folder) / "argmap.toml"
    if not path.is_file():
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ArgmapError(f"{path}:1:1: error[config]: {exc}") from None
    table = data.get("render", {})
    names = {f.name for f in dataclasses.fields(Settings)} - {"extra"}
    unknown = sorted(set(table) - names)
    if unknown:
        raise ArgmapError(
            f"{path}:1:1: error[config]: unknown setting '{unknown[0]}' in [render] (known: {', '.join(sorted(names))})"
        )
    try:
        return Settings().replace(**{k.replace("-", "_"): v for k, v in table.items()})
    except TypeError as exc:
        raise ArgmapError(f"{path}:1:1: error[config]: {exc}") from None
