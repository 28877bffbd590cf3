"""A new map file: a commented example that already checks cleanly.

>>> text = template("my-debate", "Should we pause AI?")
>>> "map: my-debate" in text and "attacks: [my-debate-main-claim]" in text
True
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .diagnostics import ArgmapError

__all__ = ["template", "create_map"]

_TEMPLATE = """\
# {name}: {title_comment}
# One file = one map.  Each node is a claim (or an argument, which can be undercut)
# in your own words; `quote` holds the author's exact words from a source.
# Check with `argmap check {folder}`, draw with `argmap render {path} -o {name}.svg`,
# add a reply with `argmap add --attacks {name}-main-claim --text "..."`.
# For autocompletion and errors while typing, run `argmap schema -o map.schema.json`
# and keep the next line pointing at it:
# yaml-language-server: $schema={schema}
map: {name}
title: {title}
sources:
  example-source:                       # an id of your choice: a-z, 0-9 and '-'
    title: Title of the post or paper
    author: Its Author
    date: "2024-01"                     # quote partial dates
    url: https://example.org/post       # optional
    # file: 001_text.txt                # optional: a local copy, for `check --quotes DIR`
nodes:
  - id: {name}-main-claim  # unique across every map of the folder
    kind: claim                         # claim (default) | argument
    text: The claim the debate is about, in your own words.
    by: Its Author
    source: example-source
    quote: "The author's exact words, copied verbatim from the source."
    tags: [example]

  - id: {name}-objection
    text: An objection to the main claim.
    by: Someone Else
    attacks: [{name}-main-claim]  # also: supports, undercuts (of an argument)
"""


def template(name: str, title: str | None = None, *, path: str | None = None, schema: str = "map.schema.json") -> str:
    """The text of a new map called ``name``; ``schema`` is written as given (see :func:`schema_ref`)."""
    from .yamltext import yaml_scalar
    from .spec import ID_PATTERN, slugify

    if not ID_PATTERN.fullmatch(name):
        raise ArgmapError(f"map name {name!r} may use only a-z, 0-9 and '-' (try '{slugify(name, 12)}')")
    title = " ".join((title or name.replace("-", " ").capitalize()).split())
    if not title.isprintable() or any("\ud800" <= ch <= "\udfff" for ch in title):
        raise ArgmapError(f"the title {title!r} holds a control character or bytes that are not UTF-8")
    path = path or f"{name}.yaml"
    folder = str(Path(path).parent) if Path(path).parent != Path(".") else "."
    for what, value in (("--schema", schema), ("the path", path)):
        if not value.isprintable():
            raise ArgmapError(f"{what} {value!r} holds a line break or control character; give it on one line")
    return _TEMPLATE.format(
        name=name,
        title=yaml_scalar(title),
        title_comment=title,
        folder=folder,
        path=path,
        schema=schema,
    )


def schema_ref(schema: str, map_path: str | Path) -> str:
    """What a new map's ``$schema=`` comment says for ``schema`` given on the command line.

    A URL is kept; a relative path means a file relative to the current folder (like
    every path on the command line: ``argmap schema -o map.schema.json`` writes it
    there) and is written relative to the map's own folder, which is how editors read
    it.  So ``argmap new arguments/x`` run at the project root writes
    ``$schema=../map.schema.json``.

    >>> schema_ref("map.schema.json", "arguments/x.yaml")
    '../map.schema.json'
    >>> schema_ref("map.schema.json", "x.yaml")
    'map.schema.json'
    >>> schema_ref("https://example.org/map.schema.json", "arguments/x.yaml")
    'https://example.org/map.schema.json'
    """
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", schema) or os.path.isabs(schema):
        return schema  # a URL (or a Windows drive), or an absolute path: as given
    try:
        rel = os.path.relpath(os.path.abspath(schema), os.path.abspath(Path(map_path).parent))
    except ValueError:  # another drive
        return os.path.abspath(schema)
    return Path(rel).as_posix()


def create_map(path: str | Path, title: str | None = None, *, schema: str | None = None) -> Path:
    """Write a new map file at ``path`` (``.yaml`` added when there is no suffix); never overwrites.

    ``schema`` (default ``map.schema.json`` in the current folder) is what the file's
    ``yaml-language-server`` comment points at, see :func:`schema_ref`.
    """
    from .fsutil import WriteError, write_atomic
    from .loader import load_text

    raw = str(path)
    path = Path(path)
    if not raw.strip() or path.name in ("", ".", "..") or raw.endswith(("/", os.sep)):
        raise ArgmapError(f"give the new map a file name, e.g. arguments/my-debate (not {raw!r})")
    if path.is_dir():
        raise ArgmapError(f"{path} is a folder; give the new map a file name inside it, e.g. {path / 'my-debate'}")
    if not path.suffix:
        path = path.with_suffix(".yaml")
    if path.exists():
        raise ArgmapError(f"{path} already exists; choose another name")
    ref = schema_ref(schema if schema is not None else "map.schema.json", path)
    text = template(path.stem, title, path=str(path), schema=ref)
    m, diags = load_text(text, str(path), default_map=path.stem)
    if m is None or any(d.is_error for d in diags):  # pragma: no cover - the template is tested
        raise ArgmapError(f"internal error: the template for '{path.stem}' does not check")
    try:
        write_atomic(path, text, exclusive=True)
    except WriteError as exc:
        raise ArgmapError(str(exc)) from None
    return path
