"""The ``argmap`` group, its error handling and the options commands share.

Choices come from the library's registries (formats, engines, semantics,
bipolar modes, colourings), read when the CLI runs, so a format registered
with :func:`argmap.export.register` is offered by ``--format`` and recognised
by suffix without touching the CLI.  Exit codes: 0 success, 1 errors in the
input or a failed step, 2 wrong usage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import click

from .._version import __version__
from ..spec import DEFAULT_FOLDER

__all__ = [
    "cli", "EXIT_OK", "EXIT_ERRORS", "EXIT_USAGE", "DEFAULT_FOLDER", "RegistryChoice", "print_diagnostics",
    "view_options", "style_options", "status_options", "format_option", "output_format", "settings_for", "style_flags",
    "TablesCommand", "format_rows",
]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2


class _Group(click.Group):
    """Turns argmap's own errors into one-line messages and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except Exception as exc:
            _fail(ctx, exc)
            raise


def _fail(ctx, exc: Exception) -> None:
    """Exit with one line (or argmap's diagnostics) for an error argmap knows; return for any other.

    argmap's error classes are imported here, once something has failed, so that
    ``--help`` and ``--version`` load neither the diagnostics nor the model
    (tests/test_cli_startup.py keeps it so).
    """
    import os
    import sys

    from ..diagnostics import ArgmapError, InvalidInputError

    if isinstance(exc, InvalidInputError):
        print_diagnostics(exc.diagnostics)
        ctx.exit(EXIT_ERRORS)
    if isinstance(exc, ArgmapError):
        click.echo(f"Error: {exc}", err=True)
        ctx.exit(EXIT_ERRORS)
    if isinstance(exc, BrokenPipeError):  # `argmap solve big.apx | head`: the reader has gone; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        ctx.exit(141)
    if isinstance(exc, OSError):  # a file the library did not expect to fail on: still one line
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        click.echo(f"Error: {where}{exc.strerror or exc}", err=True)
        ctx.exit(EXIT_ERRORS)


def print_diagnostics(diagnostics, warnings: bool = True) -> None:
    from ..diagnostics import format_diagnostics

    shown = [d for d in diagnostics if warnings or d.is_error]
    if shown:
        click.echo(format_diagnostics(shown), err=True)
    errors = sum(d.is_error for d in diagnostics)
    if errors:
        click.echo(f"{errors} error{'s' * (errors != 1)} found.", err=True)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, package_name="argmap")
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


class RegistryChoice(click.Choice):
    """A ``click.Choice`` whose choices are read from a library registry each time they are used."""

    def __init__(self, source: Callable[[], Sequence[str]], case_sensitive: bool = True):
        self._source = source  # not called here: defining the commands imports no registry
        super().__init__((), case_sensitive)

    @property
    def choices(self):
        return tuple(self._source())

    @choices.setter
    def choices(self, value):  # click sets it in __init__; the registry stays the source
        pass


def _formats() -> tuple[str, ...]:
    from ..export import format_names

    return format_names()


def _engines() -> tuple[str, ...]:
    from ..render import ENGINES

    return tuple(ENGINES)


def _registry(name: str) -> Callable[[], tuple[str, ...]]:
    def source() -> tuple[str, ...]:
        from .. import settings

        return tuple(getattr(settings, name))

    return source


class TablesCommand(click.Command):
    """A command whose help ends with tables read from the library when the help is shown.

    ``tables`` is a sequence of ``(title, rows)``, ``rows()`` giving ``(term, text)`` pairs, so
    a format registered after import still appears in ``--help``.
    """

    def __init__(self, *args, tables=(), **kwargs):
        self.tables = tuple(tables)
        super().__init__(*args, **kwargs)

    def format_epilog(self, ctx, formatter):
        for title, rows in self.tables:
            with formatter.section(title):
                formatter.write_dl(list(rows()))
        super().format_epilog(ctx, formatter)


def format_rows() -> list[tuple[str, str]]:
    """One row per registered output format: its name, what it is and the suffixes that select it."""
    from ..export import FORMATS

    return [(f.name, f"{f.help} (.{', .'.join(f.suffixes)})") for f in FORMATS.values()]


#: The formats table of ``render``, ``build`` and ``watch``.
FORMATS_TABLE = ("Formats (--format, else the output's suffix)", format_rows)


def format_option(f, help_text: str = "Output format [default: from the output's suffix; svg for -]."):
    return click.option("-f", "--format", "fmt", type=RegistryChoice(_formats), help=help_text)(f)


def output_format(output: str, fmt: str | None) -> str:
    """The format to write: ``--format``, else the output's suffix, else SVG for standard output."""
    from ..export import format_for_suffix, format_names

    if fmt:
        return fmt
    if output == "-":
        return "svg"
    found = format_for_suffix(output)
    if found is None:
        suffix = Path(output).suffix
        what = f"unknown output suffix '{suffix}'" if suffix else "cannot tell the format from an output name without a suffix"
        raise click.UsageError(f"{what}; use --format with one of {', '.join(format_names())}")
    return found


# -- shared options ---------------------------------------------------------------------
def _help(name: str) -> str:
    """A view option's help, from the one table of drawing options (:data:`argmap.spec.VIEW_OPTIONS`,
    which :data:`argmap.settings.OPTIONS` lists first): read without loading the settings."""
    from ..spec import VIEW_OPTIONS

    text = VIEW_OPTIONS[name][0]
    return text[0].upper() + text[1:] + "."


def view_options(f):
    from ..spec import VIEW_OPTIONS

    f = click.option("--by", "authors", multiple=True, metavar="AUTHOR", help="Only nodes by this author (repeatable).")(f)
    f = click.option("--tag", "tags", multiple=True, metavar="TAG", help="Only nodes with this tag (repeatable).")(f)
    f = click.option("--part", metavar="ID", help=_help("part"))(f)
    f = click.option("--depth", type=click.IntRange(0, 100), default=VIEW_OPTIONS["depth"][2], show_default=True,
                     help=_help("depth"))(f)
    f = click.option("--focus", metavar="ID", help=_help("focus"))(f)
    f = click.option("--map", "map_name", metavar="NAME", help=_help("map"))(f)
    return f


def status_options(f, what: str = "Statuses"):
    f = click.option(
        "--semantics", type=RegistryChoice(_registry("SEMANTICS")), default=None,
        help=f"{what}: which Dung semantics decides what stands, or a gradual one (dfquad, quadratic-energy) "
        "that adds a strength beside the grounded status [default: argmap.toml, else grounded].",
    )(f)
    f = click.option(
        "--bipolar", type=RegistryChoice(_registry("BIPOLAR")), default=None,
        help=f"{what}: how support adds attacks (Cayrol & Lagasquie-Schiex) [default: argmap.toml, else none].",
    )(f)
    f = click.option(
        "--with-inferred", is_flag=True, default=False,
        help=f"{what}: count relations marked `inferred: true` (made by the mapper, not an author); "
        "left out by default.",
    )(f)
    f = click.option(
        "--preferences", type=click.Choice(["on", "off"]), default=None,
        help=f"{what}: on: an attack defeats its target unless the target weighs more (`weight`, default 0.5; "
        "preference-based frameworks, Amgoud & Cayrol 2002); off: plain Dung, every attack defeats "
        "[default: argmap.toml, else on].",
    )(f)
    return f


def style_options(f):
    f = click.option("--wrap", type=click.IntRange(8, 200), default=None, help="Label width in characters [default: 30].")(f)
    f = click.option("--no-legend", is_flag=True, help="Leave the legend out.")(f)
    f = click.option(
        "--labels", type=RegistryChoice(_registry("LABELS")), default=None,
        help="What a node's label shows: the bold title above the text, the title or the text [default: both].",
    )(f)
    f = status_options(f, "For --color-by status")
    f = click.option(
        "--color-by", type=RegistryChoice(_registry("COLOR_BY")), default=None,
        help="Fill nodes by author, kind, IN/OUT/UNDEC status, or gradual strength [default: author].",
    )(f)
    f = click.option(
        "--engine", type=RegistryChoice(_engines), default=None,
        help="Graphviz: embedded WebAssembly (no install needed), system `dot`, or auto [default: auto].",
    )(f)
    return f


def settings_for(folder: Path, **style):
    """The command's one Settings: defaults, then ``folder/argmap.toml``, then the flags given."""
    from ..settings import load_settings

    return load_settings(folder, **style_flags(**style))


def style_flags(color_by=None, engine=None, no_legend=False, wrap=None, semantics=None, bipolar=None,
                with_inferred=False, labels=None, preferences=None) -> dict:
    """:func:`style_options`' values as :func:`argmap.settings.load_settings` flags (``None``: not given)."""
    return dict(
        color_by=color_by, engine=engine, legend=False if no_legend else None, wrap=wrap,
        semantics=semantics, bipolar=bipolar, inferred=True if with_inferred else None, labels=labels,
        preferences=None if preferences is None else preferences == "on",
    )
