"""A new map file: a commented example that already checks cleanly.

>>> text = template("my-debate", "Should we pause AI?")
>>> "map: my-debate" in text and "attacks: [my-debate-main-claim]" in text
True
"""

from __future__ import annotations

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
    """The text of a new map called ``name``."""
    from .spec import ID_PATTERN, slugify
    from .yamltext import yaml_scalar

    if not ID_PATTERN.match(name):
        raise ArgmapError(f"map name '{name}' may use only a-z, 0-9 and '-' (try '{slugify(name, 12)}')")
    title = title or name.replace("-", " ").capitalize()
    path = path or f"{name}.yaml"
    folder = str(Path(path).parent) if Path(path).parent != Path(".") else "."
    return _TEMPLATE.format(
        name=name,
        title=yaml_scalar(title),
        title_comment=" ".join(title.split()),
        folder=folder,
        path=path,
        schema=schema,
    )


def create_map(path: str | Path, title: str | None = None, *, schema: str | None = None) -> Path:
    """Write a new map file at ``path`` (``.yaml`` added when there is no suffix); never overwrites."""
    from .fsutil import write_atomic
    from .loader import load_text

    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(".yaml")
    if path.exists():
        raise ArgmapError(f"{path} already exists; choose another name")
    text = template(path.stem, title, path=str(path), schema=schema or "map.schema.json")
    m, diags = load_text(text, str(path), default_map=path.stem)
    if m is None or any(d.is_error for d in diags):  # pragma: no cover - the template is tested
        raise ArgmapError(f"internal error: the template for '{path.stem}' does not check")
    write_atomic(path, text)
    return path
