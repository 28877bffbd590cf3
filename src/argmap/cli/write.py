"""Commands that write map files: add, new, schema, fmt.

Thin like the rest of the CLI: parse, call :mod:`argmap.edit`, :mod:`argmap.newmap`,
:mod:`argmap.schema` or :mod:`argmap.fmt`, print.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .base import DEFAULT_FOLDER, EXIT_ERRORS, RegistryChoice, TablesCommand, cli


# -- add --------------------------------------------------------------------------------------
def _relation_options(f):
    """One flag per relation a node can start, with its help, from spec.RELATIONS."""
    from ..spec import RELATION_KINDS, RELATIONS

    for kind in reversed(RELATION_KINDS):
        f = click.option(f"--{kind}", kind, metavar="ID", help=RELATIONS[kind].add_help)(f)
    return f


def _node_kinds() -> tuple[str, ...]:
    from ..spec import NODE_KINDS

    return NODE_KINDS


def _stances() -> tuple[str, ...]:
    from ..spec import STANCES

    return STANCES


@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), required=False)
@_relation_options
@click.option("--text", required=True, help="The claim in your own words.")
@click.option("--title", help="A short label (at most ~8 words), drawn bold above the text.")
@click.option("--by", help="Who wrote it.")
@click.option("--held-by", "held_by", metavar="NAME", help="Whose view it is, when not --by's (with --stance restates/reports).")
@click.option("--stance", type=RegistryChoice(_stances), help="own, restates, reports or steelman [default: own, not written].")
@click.option("--source", metavar="SOURCE-ID", help="A source declared under `sources:` in the file.")
@click.option("--quote", help="The author's exact words, verbatim from the source.")
@click.option("--id", "node_id", metavar="ID", help="The new node's id [default: made from --text].")
@click.option("--kind", type=RegistryChoice(_node_kinds), help="claim, argument or question [default: claim, not written].")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable).")
@click.option("--note", help="Anything else worth saying.")
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Put the node in this map file [default: the file that holds the target].")
@click.option("--dry-run", is_flag=True, help="Print the YAML that would be added; change nothing.")
def add(path, text, title, by, held_by, stance, source, quote, node_id, kind, tags, note, file, dry_run, **relations):
    """Add a node that answers an existing node: attacks, supports, undercuts,
    concedes, answers (a question) or contradicts it.

    The node is appended to the nodes of the file that holds the target (or
    --file), in that file's own style and exactly as `argmap fmt` would write
    it; every other byte of the file stays as it was (comments, order,
    quoting).  The whole folder is checked with the new node before anything
    is written, and the write is atomic and locked (the folder too, so two
    additions at once never pick the same id): an addition that would leave an
    error changes nothing and says why.  A file with several hard links is
    rewritten in place, so its links stay one file.  A target SRC->TGT names the
    relation SRC makes to TGT (an objection to the link, not to either claim);
    TGT may name a relation itself, read from the right: C->SRC->TGT is C's
    objection to the link SRC->TGT, so --attacks C->SRC->TGT answers that
    objection.
    PATH is the folder of maps (default: the folder of --file, else ./arguments).

    \b
    Example:
      argmap add --attacks backlash-needs-few-ais \\
        --text "A few firms can still offer many differently tuned AIs." --by "Me"
      argmap add --undercuts customers-choose-no-backlash --text "..." --dry-run
      argmap add --attacks "customers-choose-no-backlash->backlash-needs-few-ais" \\
        --text "Choice among firms says nothing about how few there are." --dry-run
    """
    from ..edit import add_node

    chosen = [(k, v) for k, v in relations.items() if v]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of " + ", ".join(f"--{k} ID" for k in relations))
    relation, target = chosen[0]
    if path is None:
        path = file.parent if file is not None else Path(DEFAULT_FOLDER)
    result = add_node(
        path, target, relation, text, node_id=node_id, kind=kind, by=by, source=source, quote=quote,
        tags=tags, note=note, file=file, write=not dry_run, title=title, held_by=held_by, stance=stance,
    )
    block = result.block.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if dry_run:
        click.echo(f"# would add to {result.path} (nothing written):")
        click.echo(block)
        return
    click.echo(block)
    click.echo(f"added '{result.node_id}' to {result.path}", err=True)
    for warning in result.warnings:
        click.echo(warning.format(), err=True)


# -- new --------------------------------------------------------------------------------------
@cli.command()
@click.argument("name")
@click.option("--title", help="The map's title [default: made from NAME].")
@click.option("--schema", "schema_ref", metavar="PATH-OR-URL", default="map.schema.json", show_default=True,
              help="What the file's yaml-language-server comment points editors at.")
def new(name, title, schema_ref):
    """Create a new map file with a commented example that already checks.

    NAME is the file to create; `.yaml` is added when it has no suffix.  The
    file's stem is the map name, and the example ids start with it.

    \b
    Example:
      argmap new arguments/compute-governance --title "Should compute be licensed?"
    """
    from ..newmap import create_map

    path = create_map(name, title, schema=schema_ref)
    click.echo(f"wrote {path}; check it with `argmap check {path.parent}`", err=True)


# -- schema -----------------------------------------------------------------------------------
@cli.command()
@click.option("-o", "--output", metavar="FILE", help="Write the schema to FILE instead of standard output.")
def schema(output):
    """Print the JSON Schema of map files (for editors and other tools).

    Point an editor that speaks YAML-language-server at it (VS Code with the
    YAML extension, Neovim, Helix...) to get completion, hover help and errors
    while typing: put `# yaml-language-server: $schema=map.schema.json` at the
    top of a map file, or map `arguments/*.yaml` to it in the editor settings.
    It never replaces a map file (one with `nodes:`).

    \b
    Example:
      argmap schema -o map.schema.json
    """
    from ..schema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    from ..fsutil import write_atomic

    write_atomic(output, text)
    click.echo(f"wrote {output}", err=True)


# -- fmt --------------------------------------------------------------------------------------
def _key_order() -> list[tuple[str, str]]:
    from ..spec import MAP_KEYS, NODE_KEYS, SOURCE_KEYS, WORDING_KEYS

    return [("map", ", ".join(MAP_KEYS)), ("source", ", ".join(SOURCE_KEYS)), ("node", ", ".join(NODE_KEYS)),
            ("wording", ", ".join(WORDING_KEYS))]


@cli.command(cls=TablesCommand, tables=[("Key order", _key_order)])
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Change nothing; list the files that would change and exit 1 if any.")
@click.option("--width", type=click.IntRange(40, 400), default=100, show_default=True, help="Re-wrap a folded `description` or `note` (`>-`) with a line longer than this.")
def fmt(paths, check, width):
    """Format map files canonically, keeping every comment.

    Keys go in the canonical order (below); every value is written on one
    line however long (a quote stays one greppable line), except a folded
    `description` or `note` (`>-`), re-wrapped at --width; trailing spaces go.
    The data never changes: each file is read back and compared before it is
    written, under a lock; a file with several hard links is rewritten in
    place, so its links stay one file.  PATHS default to ./arguments.

    \b
    Example:
      argmap fmt arguments/
      argmap fmt --check arguments/      # in CI: exit 1 if a file is not formatted
    """
    from ..fmt import format_paths

    results = format_paths(list(paths) or [DEFAULT_FOLDER], check=check, width=width)
    failed = [r for r in results if r.error]
    changed = [r for r in results if r.changed]
    for r in failed:  # printed as check prints it: the located line and its hint
        click.echo(r.error.format(), err=True)
    for r in changed:
        click.echo(f"{'would reformat' if check else 'reformatted'} {r.path}")
    verb = "would be reformatted" if check else "reformatted"
    click.echo(f"{len(changed)} file{'s' * (len(changed) != 1)} {verb}, {len(results) - len(changed) - len(failed)} unchanged",
               err=True)
    if failed or (check and changed):
        sys.exit(EXIT_ERRORS)


__all__ = ["add", "new", "schema", "fmt"]


# -- import -----------------------------------------------------------------------------------
def _importers() -> tuple[str, ...]:
    from ..importers import IMPORTERS

    return tuple(IMPORTERS)


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", required=True, metavar="OUT",
              help="A .yaml file (one input; the map is named after it) or a folder (one NAME.yaml per input).")
@click.option("--from", "fmt", type=RegistryChoice(_importers), default=None,
              help="The input format [default: from each file's suffix and content].")
@click.option("--map", "map_name", metavar="NAME", default=None,
              help="The map's name [default: the output file's stem, or for a folder the input's].")
@click.option("--force", is_flag=True, help="Replace a map file already at the output.")
def import_(files, output, fmt, map_name, force):
    """Turn debates from other tools into argmap maps: Argdown, Kialo, AIF-JSON, arg-microtext XML.

    Every map written checks clean: it is loaded and checked in the output
    folder before anything is written, and nothing is written if it would not.
    Whatever argmap cannot carry over is a warning with the original file's
    line, never dropped silently; ids avoid the ones already used in the output
    folder, and no existing file is replaced unless --force.

    \b
    Example:
      argmap import debate.argdown -o arguments/debate.yaml
      argmap import kialo-export.txt other.txt -o arguments/ --from kialo
    """
    from ..importers import import_to

    written, warnings = import_to(list(files), output, fmt, name=map_name, force=force)
    for warning in warnings:
        click.echo(warning.format(), err=True)
    for path in written:
        click.echo(f"wrote {path}", err=True)
