"""The ``argmap`` command: a thin skin over the library.

Each command parses its flags, calls one library function and prints.  Heavy
modules are imported inside the commands that need them, so ``argmap --help``
and ``argmap check`` start quickly.  Exit codes: 0 success, 1 errors in the input
or a failed step, 2 wrong usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .diagnostics import ArgmapError, InvalidInputError

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
DEFAULT_FOLDER = "arguments"


class _Group(click.Group):
    """Turns argmap's own errors into one-line messages and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except InvalidInputError as exc:
            _print_diagnostics(exc.diagnostics)
            ctx.exit(EXIT_ERRORS)
        except ArgmapError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(EXIT_ERRORS)
        except OSError as exc:  # a file the library did not expect to fail on: still one line
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(f"Error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(EXIT_ERRORS)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)


def _print_diagnostics(diagnostics, warnings: bool = True) -> None:
    from .diagnostics import format_diagnostics

    shown = [d for d in diagnostics if warnings or d.is_error]
    if shown:
        click.echo(format_diagnostics(shown), err=True)
    errors = sum(d.is_error for d in diagnostics)
    if errors:
        click.echo(f"{errors} error{'s' * (errors != 1)} found.", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="argmap")
def cli():
    """Map debates: claims, arguments and rebuttals written as YAML, checked,
    evaluated, and drawn as Graphviz diagrams.

    \b
    Typical session:
      argmap check arguments/                      # every problem, with file:line:col
      argmap render arguments/takeoff.yaml -o takeoff.svg
      argmap build arguments/ -o maps/             # every map, skipping up-to-date ones
      argmap show soft-takeoff-likely              # a node and what answers it
    """


# -- shared options ---------------------------------------------------------------------
def _view_options(f):
    f = click.option("--by", "authors", multiple=True, metavar="AUTHOR", help="Only nodes by this author (repeatable).")(f)
    f = click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only nodes with this tag (repeatable).")(f)
    f = click.option("--depth", type=click.IntRange(0, 100), default=2, show_default=True, help="Steps around --focus.")(f)
    f = click.option("--focus", metavar="ID", help="Draw only this node and its neighbourhood.")(f)
    f = click.option("--map", "map_name", metavar="NAME", help="Draw one map of a folder (with ghosts of linked maps).")(f)
    return f


def _style_options(f):
    f = click.option("--wrap", type=click.IntRange(8, 200), default=None, help="Label width in characters [default: 30].")(f)
    f = click.option("--no-legend", is_flag=True, help="Leave the legend out.")(f)
    f = click.option(
        "--semantics",
        type=click.Choice(["grounded", "preferred", "stable", "complete"]),
        default=None,
        help="For --color-by status: which semantics decides [default: grounded].",
    )(f)
    f = click.option(
        "--bipolar",
        type=click.Choice(["none", "supported", "secondary", "both"]),
        default=None,
        help="For --color-by status: how support adds attacks [default: none].",
    )(f)
    f = click.option(
        "--color-by",
        type=click.Choice(["author", "kind", "status", "none"]),
        default=None,
        help="Fill nodes by author, kind, or IN/OUT/UNDEC status [default: author].",
    )(f)
    f = click.option(
        "--engine",
        type=click.Choice(["auto", "embedded", "system"]),
        default=None,
        help="Graphviz: embedded WebAssembly (no install needed), system `dot`, or auto [default: auto].",
    )(f)
    return f


def _settings(folder, color_by, engine, no_legend, wrap, semantics, bipolar):
    from .settings import load_config

    base = load_config(folder)
    return base.replace(
        color_by=color_by,
        engine=engine,
        legend=False if no_legend else None,
        wrap=wrap,
        semantics=semantics,
        bipolar=bipolar,
    )


def _config_folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


# -- check ----------------------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quotes", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="Folder of source texts: check every quote verbatim against its source's `file:`.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, not warnings.")
def check(paths, quotes, strict, quiet):
    """Check map files and list every problem as file:line:col.

    PATHS are map files or folders of them (default: ./arguments).  Exits 0
    when there are no errors, 1 when there are.

    \b
    Example:
      argmap check arguments/
      argmap check arguments/ --quotes ../shared/seeds
    """
    from . import check as check_paths

    project, diags = check_paths(list(paths) or [DEFAULT_FOLDER], quotes=quotes)
    _print_diagnostics(diags, warnings=not quiet)
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    if errors or (strict and warnings):
        sys.exit(EXIT_ERRORS)
    nodes = sum(len(m.nodes) for m in project.maps)
    rels = sum(1 for _ in project.relations())
    note = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    click.echo(f"ok: {len(project.maps)} maps, {nodes} nodes, {rels} relations{note}", err=True)


# -- render ---------------------------------------------------------------------------------
@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, metavar="OUT", help="Output file, or - for standard output.")
@click.option("-f", "--format", "fmt", type=click.Choice(["svg", "png", "pdf", "dot", "json", "graphml", "mermaid", "apx", "tgf", "i23"]),
              help="Output format [default: from the output's suffix]; apx/tgf/i23 write the attack framework.")
@_view_options
@_style_options
def render(path, output, fmt, map_name, focus, depth, tags, authors, **style):
    """Draw a map (or a folder of maps) as SVG, PNG, PDF, DOT, JSON, GraphML or Mermaid,
    or write its attack framework for ICCMA solvers (apx, tgf, i23).

    A single file is drawn with ghosts (dashed) for nodes of other maps it
    points to; a folder is drawn whole unless --map picks one.  SVG is drawn by
    the embedded Graphviz, so it needs nothing installed and is byte-identical
    everywhere.

    \b
    Example:
      argmap render arguments/power-concentration.yaml -o map.svg
      argmap render arguments/ --focus backlash-needs-few-ais --depth 1 -o part.svg
      argmap render arguments/takeoff.yaml --color-by status -o status.png
      argmap render arguments/power-concentration.yaml -o pc.apx --bipolar supported
    """
    from .pipeline import View, render_path

    fmt = fmt or _format_from_suffix(output)
    settings = _settings(_config_folder(path), **style)
    data, G = render_path(path, fmt, settings, View(map_name, focus, depth, tuple(tags), tuple(authors)))
    shown = sum(1 for _, d in G.nodes(data=True) if not d.get("ghost"))
    if shown > settings.large_map_warning:
        click.echo(
            f"note: this map has {shown} nodes; for readable parts draw views with --focus ID --depth N or --tag TAG",
            err=True,
        )
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from .fsutil import write_atomic

    write_atomic(output, data)
    click.echo(f"wrote {output} ({shown} nodes, {G.number_of_edges()} relations)", err=True)


def _format_from_suffix(output: str) -> str:
    from .export import ALL_FORMATS

    suffix = Path(output).suffix.lstrip(".").lower()
    if output == "-" or not suffix:
        raise click.UsageError("cannot tell the format from the output name; add --format (svg, png, pdf, dot, json, ...)")
    if suffix == "gv":
        return "dot"
    if suffix == "mmd":
        return "mermaid"
    if suffix not in ALL_FORMATS:
        raise click.UsageError(f"unknown output suffix '.{suffix}'; use --format with one of {', '.join(ALL_FORMATS)}")
    return suffix


# -- build ----------------------------------------------------------------------------------
@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_FOLDER)
@click.option("-o", "--output", "out_dir", default="maps", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the drawn maps (one file per map, named after the map).")
@click.option("-f", "--format", "fmt", type=click.Choice(["svg", "png", "pdf", "dot", "json", "graphml", "mermaid"]),
              default="svg", show_default=True)
@click.option("--force", is_flag=True, help="Draw every map even when its output is up to date.")
@click.option("--parts", type=click.IntRange(0, 1000), default=0, metavar="N",
              help="Also split maps of more than N nodes into readable parts of about N nodes, "
                   "in OUT/<map>/<root-id>.svg (0: off).")
@_style_options
def build(folder, out_dir, fmt, force, parts, **style):
    """Draw every map of a folder into an output folder, skipping maps already up to date.

    Progress goes to standard error, one line per map.  Big maps are too wide
    for a web page at full size; --parts N adds readable parts of each.

    \b
    Example:
      argmap build arguments/ -o maps/
      argmap build arguments/ -o maps/ --parts 16
      argmap build arguments/ -o maps/ --format png --engine system
    """
    import time

    from .pipeline import build_folder

    settings = _settings(folder, **style)
    start = time.perf_counter()
    drawn = skipped = 0
    for step in build_folder(folder, out_dir, fmt, settings, force=force, parts=parts):
        state = "up to date" if step.skipped else f"drawn in {step.seconds:.2f} s"
        click.echo(f"[{step.index}/{step.total}] {step.map}: {step.output} ({step.nodes} nodes, {state})", err=True)
        for warning in step.warnings:
            click.echo(f"  note: {warning}", err=True)
        skipped += step.skipped
        drawn += not step.skipped
    click.echo(f"{drawn} drawn, {skipped} up to date, in {time.perf_counter() - start:.2f} s", err=True)


# -- list and show ------------------------------------------------------------------------------
@cli.command(name="list")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def list_maps(paths):
    """List the maps with their node and relation counts and authors.

    \b
    Example:
      argmap list arguments/
    """
    from .pipeline import open_project
    from .report import maps_table

    project = _open_many(paths, open_project)
    click.echo(maps_table(project))


def _open_many(paths, open_project):
    from . import load

    paths = list(paths) or [DEFAULT_FOLDER]
    if len(paths) == 1:
        return open_project(paths[0])[0]
    return load(paths)


@cli.command()
@click.argument("node_id", metavar="ID")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--depth", type=click.IntRange(1, 50), default=3, show_default=True, help="Levels of replies shown.")
def show(node_id, paths, depth):
    """Print a node, its quote and source, and the tree of what supports and attacks it.

    Every node is marked IN (stands), OUT (falls) or UNDEC (open) under grounded
    semantics, as `argmap analyze` explains.  PATHS default to ./arguments.

    \b
    Example:
      argmap show backlash-needs-few-ais
    """
    from .graph import build
    from .pipeline import open_project
    from .report import node_report

    project = _open_many(paths, open_project)
    G = build(project)
    if node_id not in G:
        from .diagnostics import did_you_mean

        hint = did_you_mean(node_id, list(G.nodes)) or "`argmap list` shows the maps; ids are in the YAML files"
        raise ArgmapError(f"no node with id '{node_id}' ({hint})")
    from .analysis import statuses

    click.echo(node_report(G, node_id, depth, statuses(G)))


# Commands that edit map files live in their own module; importing it registers them.
from . import cli_edit  # noqa: E402,F401


# -- analysis ------------------------------------------------------------------------------
@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=DEFAULT_FOLDER)
@click.option("--map", "map_name", metavar="NAME", help="Analyse one map of a folder (its links to other maps included).")
@click.option("--semantics", type=click.Choice(["grounded", "complete", "preferred", "stable"]), default="grounded",
              show_default=True, help="Which Dung semantics decides what stands.")
@click.option("--bipolar", type=click.Choice(["none", "supported", "secondary", "both"]), default="none",
              show_default=True, help="How support adds attacks (Cayrol & Lagasquie-Schiex).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of tables.")
def analyze(path, map_name, semantics, bipolar, as_json):
    """Say which claims stand (IN), fall (OUT) or stay open (UNDEC), and why.

    Also lists unanswered objections, cruxes (the nodes whose status change would
    flip the most others), per-author tallies and who answers whom.

    \b
    Example:
      argmap analyze arguments/power-concentration.yaml
      argmap analyze arguments/ --semantics preferred --bipolar supported --json
    """
    from .analysis import analyze as run_analysis
    from .graph import build
    from .pipeline import View, open_project, select
    from .report import analysis_report

    project, _, own_map = open_project(path)
    G = build(project)
    name = map_name or own_map
    if name:
        G = select(G, View(map=name))
    result = run_analysis(G, semantics, bipolar)
    if as_json:
        import json

        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(analysis_report(G, result))


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-s", "--semantics", required=True, metavar="SEM",
              help="grounded, complete, preferred or stable (or GR, CO, PR, ST).")
@click.option("-t", "--task", default="EE", show_default=True, type=click.Choice(["SE", "EE", "DC", "DS"], case_sensitive=False),
              help="SE some extension, EE every extension, DC/DS credulous/sceptical acceptance of --arg.")
@click.option("-a", "--arg", metavar="A", help="The argument asked about (DC, DS).")
@click.option("--fo", "fmt", type=click.Choice(["apx", "tgf", "i23"]), help="Input format [default: from the suffix].")
def solve(file, semantics, task, arg, fmt):
    """Solve an abstract argumentation framework in ICCMA style (for researchers).

    FILE is ASPARTIX (.apx), trivial graph format (.tgf) or ICCMA 2023 (.i23, `p af N`).
    Answers print as ICCMA prints them: [a,b], [[a],[b]], YES / NO.

    \b
    Example:
      argmap solve framework.apx --semantics preferred --task EE
      argmap solve framework.tgf -s ST -t DC -a a1
    """
    from .afio import read_af, solve as solve_af

    click.echo(solve_af(read_af(file, fmt), semantics, task.upper(), arg))


def main():
    cli(prog_name="argmap")


if __name__ == "__main__":  # pragma: no cover
    main()
