"""Commands that read and report: check, review, list, show, analyze, solve, diff."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .base import EXIT_ERRORS, RegistryChoice, cli, print_diagnostics, settings_for, status_options


def _framework_formats() -> tuple[str, ...]:
    from ..export import FORMATS

    return tuple(name for name, f in FORMATS.items() if f.framework)


def _folder(paths) -> Path:
    from ..project import DEFAULT_FOLDER

    first = Path(paths[0]) if paths else Path(DEFAULT_FOLDER)
    return first if first.is_dir() else first.parent


# -- check ----------------------------------------------------------------------------------
@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quotes", type=click.Path(exists=True, file_okay=False, path_type=Path), metavar="DIR",
              help="Folder of source texts: check every quote verbatim against its source's `file:`.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only, not warnings.")
@click.option("--review", "with_review", is_flag=True,
              help="Also list the review marks of `argmap review` (default settings, argmap.toml); "
              "exit 1 while any is unacknowledged.")
def check(paths, quotes, strict, quiet, with_review):
    """Check map files and list every problem as file:line:col.

    PATHS are map files or folders of them (default: ./arguments).  A file is
    read with the other maps of its folder, so links into them resolve; only
    the file's own problems are listed.  Exits 0 when there are no errors, 1
    when there are.

    \b
    Example:
      argmap check arguments/
      argmap check arguments/ --quotes ../shared/seeds
    """
    from ..project import open_paths

    opened = open_paths(paths, quotes=quotes)
    diags = opened.diagnostics
    print_diagnostics(diags, warnings=not quiet)
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    if errors or (strict and warnings):
        sys.exit(EXIT_ERRORS)
    marks = _print_review(opened, settings_for(_folder(paths))) if with_review else 0
    if marks:
        sys.exit(EXIT_ERRORS)
    maps = opened.maps
    nodes = sum(len(m.nodes) for m in maps)
    rels = sum(len(n.relations) for m in maps for n in m.nodes)
    note = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
    from ..report import counted

    click.echo(f"ok: {counted(len(maps), 'map')}, {counted(nodes, 'node')}, {counted(rels, 'relation')}{note}", err=True)


def _print_review(opened, settings, show_all: bool = False, err: bool = True) -> int:
    """Print the review marks of the opened maps; the number of unacknowledged ones."""
    from ..review import REVIEW, review_paths

    if not any(m.nodes for m in opened.maps):
        return 0
    marks = review_paths(settings=settings, include_acknowledged=show_all, opened=opened)
    if marks:
        click.echo("\n".join(d.format() for d in marks), err=err)
    left = sum(d.severity == REVIEW for d in marks)
    shown = len(marks) - left
    from ..report import counted

    note = f" ({shown} acknowledged or unused)" if shown else ""
    click.echo(f"{counted(left, 'mark')} to review{note}" if left else f"review: no marks left{note}", err=True)
    return left


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@status_options
@click.option("--all", "show_all", is_flag=True,
              help="Also print acknowledged marks (with their reasons) and `reviewed` entries no mark needs.")
def review(paths, semantics, bipolar, with_inferred, preferences, show_all):
    """List the verdicts a reviewer should look at, as file:line:col: review[code]: ... with a hint.

    A mark is put on: a verdict one inferred link decides (or would, if it
    counted); an attack that does not defeat its heavier target (or, with
    --preferences off, defeats one); an attack whose own note says it is no
    argument; a holder who both concedes and attacks a node; a conditional
    claim attacked by a claim about its condition (a heuristic); a map's thesis
    that falls or stays open; a source that replies to another but whose nodes
    are linked to nothing in it.  Acknowledge a mark in the YAML where it is
    placed, with the reason the verdict is right: `reviewed: {code: reason}` on
    the node or source, `reviewed: reason` on the relation item
    (docs/format-v2.md).  Verdicts are the folder's, as `argmap analyze` gives
    them (same flags).  Exits 1 while unacknowledged marks remain.  PATHS
    default to ./arguments; a file is reviewed in its folder's context.

    \b
    Example:
      argmap review arguments/
      argmap review arguments/takeoff.yaml --with-inferred --all
    """
    from ..project import open_checked

    opened = open_checked(list(paths))
    settings = settings_for(_folder(paths), semantics=semantics, bipolar=bipolar, with_inferred=with_inferred,
                            preferences=preferences)
    if _print_review(opened, settings, show_all, err=False):
        sys.exit(EXIT_ERRORS)


# -- list and show --------------------------------------------------------------------------
@cli.command(name="list")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def list_maps(paths):
    """List the maps with their node and relation counts, authors, and whether each thesis stands.

    The thesis verdict is the folder's one evaluation (`argmap analyze` says
    why), under the settings of argmap.toml.  PATHS default to ./arguments; a
    file lists that map.

    \b
    Example:
      argmap list arguments/
    """
    from ..queries import list_maps as table

    click.echo(table(paths))


@cli.command()
@click.argument("node_id", metavar="ID")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--depth", type=click.IntRange(1, 50), default=3, show_default=True, help="Levels of replies shown.")
@click.option("--thread", is_flag=True,
              help="ID names a map (or is a map file): print its exchange in order, source by source.")
@status_options
def show(node_id, paths, depth, thread, semantics, bipolar, with_inferred, preferences):
    """Print a node, its quote, holder and source, and the tree of what supports, attacks, concedes or answers it.

    Every node is marked IN (stands), OUT (falls) or UNDEC (open), computed on
    the whole folder as `argmap analyze` explains (a question says whether it is
    answered).  With --thread, ID is a map: its sources are printed in thread
    order (replies_to, order), each with the nodes it contributes and what they
    answer.  PATHS default to ./arguments.

    \b
    Example:
      argmap show backlash-needs-few-ais
      argmap show --thread power-concentration
    """
    from ..queries import show_node, show_thread

    if thread:
        if Path(node_id).suffix in (".yaml", ".yml") and Path(node_id).is_file():
            click.echo(show_thread(None, [Path(node_id)]))
        else:
            click.echo(show_thread(node_id, paths))
        return
    settings = settings_for(_folder(paths), semantics=semantics, bipolar=bipolar, with_inferred=with_inferred,
                            preferences=preferences)
    click.echo(show_node(node_id, paths, depth, settings))


# -- analysis ------------------------------------------------------------------------------
@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=None, required=False)
@click.option("--map", "map_name", metavar="NAME", help="Analyse one map of a folder (its links to other maps included).")
@status_options
@click.option("--table", "full", is_flag=True, help="After the answer per map, the full table, node by node.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def analyze(path, map_name, semantics, bipolar, with_inferred, preferences, full, as_json):
    """Say which claims stand, fall or stay open, and why: one short answer per map.

    Each map gets a paragraph: its thesis and its verdict in a sentence, its
    other conclusions, its cruxes (the claims whose change would change the
    most others) and its unanswered questions.  A claim stands (IN) when every
    attack that defeats it is itself defeated, falls (OUT) when an attacker
    that stands defeats it, and is open (UNDEC) when it hangs on a conflict
    nothing settles.  By default an attack on a heavier claim (its `weight`,
    default 0.5) does not defeat it, so a weak aside cannot decide
    (preference-based frameworks; --preferences off for plain Dung), and links
    the mapper inferred are left out (--with-inferred counts them).  Verdicts
    are computed once on the whole folder (a file is analysed in its folder's
    context), so every command agrees.  --table adds the full table:
    reasons, unanswered objections, questions, concessions, objections to
    relations, steelmen, per-author tallies and who answers whom.  With
    --semantics dfquad or quadratic-energy every node also gets a gradual
    strength in [0, 1].  PATH defaults to ./arguments.

    \b
    Example:
      argmap analyze arguments/power-concentration.yaml
      argmap analyze arguments/ --semantics preferred --bipolar supported --json
      argmap analyze arguments/ --semantics dfquad --with-inferred --table
    """
    from ..queries import analyze_paths
    from ..report import analysis_report

    paths = [path] if path else []
    settings = settings_for(_folder(paths), semantics=semantics, bipolar=bipolar, with_inferred=with_inferred,
                            preferences=preferences)
    G, result, evaluation = analyze_paths(paths, map_name, settings)
    if as_json:
        import json

        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(analysis_report(G, result, evaluation=evaluation, full=full))


@cli.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-s", "--semantics", required=True, metavar="SEM",
              help="grounded, complete, preferred or stable (or GR, CO, PR, ST).")
@click.option("-t", "--task", default="EE", show_default=True, type=click.Choice(["SE", "EE", "DC", "DS"], case_sensitive=False),
              help="SE some extension, EE every extension, DC/DS credulous/sceptical acceptance of --arg.")
@click.option("-a", "--arg", metavar="A", help="The argument asked about (DC, DS).")
@click.option("--fo", "fmt", type=RegistryChoice(_framework_formats), help="Input format [default: from the suffix].")
def solve(file, semantics, task, arg, fmt):
    """Solve an abstract argumentation framework in ICCMA style (for researchers).

    FILE is ASPARTIX (.apx), trivial graph format (.tgf) or ICCMA 2023 (.i23, `p af N`).
    Answers print as ICCMA prints them: [a,b], [[a],[b]], YES / NO.

    \b
    Example:
      argmap solve framework.apx --semantics preferred --task EE
      argmap solve framework.tgf -s ST -t DC -a a1
    """
    from ..afio import read_af, solve_stream

    # EE answers stream: each extension prints as it is found, so an exponential
    # answer starts at once; input errors are raised before the first piece.
    for piece in solve_stream(read_af(file, fmt), semantics, task.upper(), arg):
        click.echo(piece, nl=False)
    click.echo()


# -- diff -----------------------------------------------------------------------------------
@cli.command("diff")
@click.argument("args", nargs=-1, metavar="OLD [NEW] [PATH]")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--format", "fmt", type=click.Choice(["text", "svg", "html"]), default="text", show_default=True,
              help="svg or html: a drawing of the new side with the edit marked (to -o, else standard output).")
@click.option("-o", "--output", metavar="OUT", help="Write the drawing (or text) here instead of standard output.")
@click.option("--map", "map_name", metavar="NAME", help="Draw one map of the folder (with ghosts of linked maps).")
@click.option("--focus", metavar="ID", help="Draw only this node and its neighbourhood.")
@click.option("--depth", type=click.IntRange(0, 100), default=2, show_default=True, help="Steps around --focus.")
@click.option("--textconv", "textconv_file", is_flag=True,
              help="Git textconv: print the map file given as argmap's lines (see docs/diff.md).")
@click.option("--git-driver", "git_driver", is_flag=True,
              help="Git external diff driver: take git's 7 arguments, print the argmap diff, exit 0.")
@status_options
def diff(args, as_json, fmt, output, map_name, focus, depth, textconv_file, git_driver, semantics, bipolar,
         with_inferred, preferences):
    """Say what an edit changed in the debate: nodes, relations, sources, and the verdicts that moved.

    OLD and NEW are git revisions (NEW defaults to the work tree) or two
    folders; PATH is the folder or map compared (default ./arguments).  Nodes
    are matched by id; an id renamed with its text unchanged is a rename.
    Every node whose status or strength changed is listed with the sentence
    that says why, from the one evaluation of each side.  Exit status: 0 no
    change, 1 changes, 2 errors (like diff).  For `git diff` on maps, see
    docs/diff.md (a textconv and a diff driver).

    \b
    Example:
      argmap diff HEAD~1
      argmap diff main HEAD arguments/takeoff.yaml
      argmap diff old-folder/ new-folder/ --json
      argmap diff HEAD~1 --format svg -o changes.svg --map takeoff
    """
    from ..diagnostics import ArgmapError, InvalidInputError

    try:
        code = _diff(args, as_json, fmt, output, map_name, focus, depth, textconv_file, git_driver,
                     dict(semantics=semantics, bipolar=bipolar, with_inferred=with_inferred, preferences=preferences))
    except InvalidInputError as exc:
        print_diagnostics(exc.diagnostics)
        sys.exit(2)
    except (ArgmapError, OSError) as exc:
        where = f"{exc.filename}: " if isinstance(exc, OSError) and exc.filename else ""
        click.echo(f"Error: {where}{getattr(exc, 'strerror', None) or exc}", err=True)
        sys.exit(2)
    sys.exit(code)


def _diff(args, as_json, fmt, output, map_name, focus, depth, textconv_file, git_driver, status) -> int:
    import os

    from .. import diff as d_
    from ..diagnostics import ArgmapError, InvalidInputError
    from ..project import DEFAULT_FOLDER

    if textconv_file:
        if len(args) != 1:
            raise ArgmapError("--textconv takes one map file (git passes it)")
        click.echo(d_.textconv(args[0]), nl=False)
        return 0
    if git_driver:
        if len(args) != 7:
            raise ArgmapError("--git-driver takes git's 7 arguments (path old-file old-hex old-mode new-file new-hex new-mode)")
        settings = settings_for(Path(args[0]).parent, **status)
        try:
            click.echo(d_.format_text(d_.git_driver(args[0], args[1], args[4], settings)), nl=False)
        except InvalidInputError as exc:  # git stops at a driver that fails: say why, show the lines, go on
            click.echo(f"argmap diff: {args[0]} does not check on one side; its lines instead:")
            from ..diagnostics import format_diagnostics

            click.echo(format_diagnostics(exc.diagnostics))
            old = b"" if args[1] == "/dev/null" else Path(args[1]).read_bytes()
            new = b"" if args[4] == "/dev/null" else Path(args[4]).read_bytes()
            click.echo(d_.line_diff(old, new, f"a/{args[0]}", f"b/{args[0]}"), nl=False)
        return 0
    if not args or len(args) > 3:
        raise ArgmapError("give OLD [NEW] [PATH]: two git revisions or two folders (`argmap diff HEAD~1`)")
    old, new, path = args[0], None, None
    if len(args) == 2:
        if os.path.exists(args[0]) and os.path.exists(args[1]):
            new = args[1]
        elif os.path.exists(args[1]) or args[1].lower().endswith((".yaml", ".yml")):
            path = args[1]  # a map file, perhaps one the edit deleted
        else:
            new = args[1]
    elif len(args) == 3:
        new, path = args[1], args[2]
    path = path or (None if os.path.exists(old) and new and os.path.exists(new) else DEFAULT_FOLDER)
    (a, old_label), (b, new_label) = d_.read_sides(old, new, path)
    folder = Path(path) if path else Path(new)
    settings = settings_for(folder if folder.is_dir() else folder.parent, **status)
    result = d_.diff(a.project, b.project, settings, old_label, new_label)
    if fmt in ("svg", "html"):
        from ..pipeline import View

        data = d_.drawing(b, result, fmt, settings, View(map_name, focus, depth))
    elif as_json:
        import json

        data = (json.dumps(d_.to_json(result), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    else:
        data = d_.format_text(result).encode("utf-8")
    if output and output != "-":
        from ..fsutil import write_atomic

        write_atomic(output, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0 if result.empty else 1


@cli.command()
@click.argument("name", required=False)
def schemes(name):
    """List the argumentation schemes a node can name (`scheme:`) and their critical questions.

    A node that argues by a scheme says so with `scheme: NAME`; a reply that raises
    one of its critical questions says which with `cq: CODE` in its relation item.
    `argmap analyze` and `argmap show` list the questions nobody has asked yet; no
    scheme changes a verdict.

    \b
    Example:
      argmap schemes
      argmap schemes analogy
    """
    from ..schemes import SCHEMES, scheme_listing

    if name is not None and name not in SCHEMES:
        from ..diagnostics import did_you_mean

        hint = did_you_mean(name, tuple(SCHEMES)) or f"the schemes: {', '.join(SCHEMES)}"
        raise click.BadParameter(f"no scheme '{name}'; {hint}", param_hint="NAME")
    click.echo(scheme_listing(name))


@cli.command()
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only transport; editors pass it).")
def lsp(stdio):
    """Run the language server for map files (Language Server Protocol on stdin/stdout).

    Each file is read in the context of its folder, as `argmap check FOLDER` reads it:
    diagnostics as you type (with `argmap review`'s marks as information), completion of
    ids, keys, sources and holders, hover with
    the verdict, go to definition, references, rename and code actions.
    See docs/editors.md for VS Code, Neovim and Helix.

    Example: argmap lsp
    """
    try:
        from ..lsp import main as run
    except ImportError as exc:  # pygls is a dependency; a trimmed install says what to add
        raise click.ClickException(f"the language server needs pygls ({exc}): pip install 'argmap[lsp]'") from None
    run()
