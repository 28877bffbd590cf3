"""Commands that draw: render, build, watch, html, serve."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .base import (
    DEFAULT_FOLDER,
    FORMATS_TABLE,
    TablesCommand,
    cli,
    format_option,
    output_format,
    settings_for,
    style_flags,
    style_options,
    view_options,
)


def _folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


# -- render ---------------------------------------------------------------------------------
@cli.command(cls=TablesCommand, tables=[FORMATS_TABLE])
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, metavar="OUT", help="Output file, or - for standard output (SVG unless --format).")
@format_option
@view_options
@style_options
def render(path, output, fmt, map_name, focus, depth, part, tags, authors, **style):
    """Draw a map (or a folder of maps) as a picture, as text for other tools or
    as its attack framework for ICCMA solvers (every format is listed below).

    A single file is drawn with ghosts (dashed) for nodes of other maps it
    points to; a folder is drawn whole unless --map picks one.  Statuses
    (--color-by status) and attack frameworks are computed on the whole folder.
    SVG is drawn by the embedded Graphviz, so it needs nothing installed and is
    byte-identical everywhere.  The output's folder must exist, and the output
    may not be one of the maps read.

    \b
    Example:
      argmap render arguments/power-concentration.yaml -o map.svg
      argmap render arguments/ --focus backlash-needs-few-ais --depth 1 -o focus.svg
      argmap render arguments/ --part backlash-needs-few-ais -o part.svg
      argmap render arguments/takeoff.yaml --color-by status -o status.png
      argmap render arguments/power-concentration.yaml -o pc.apx --bipolar supported
    """
    from ..pipeline import View, check_output, render_opened
    from ..project import open_checked

    fmt = output_format(output, fmt)
    settings = settings_for(_folder(path), **style)
    opened = open_checked([path])
    if output != "-":
        check_output(output, fmt, opened)
    data, G = render_opened(opened, fmt, settings, View(map_name, focus, depth, tuple(tags), tuple(authors), part))
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
    from ..fsutil import write_atomic

    write_atomic(output, data)
    from ..report import counted

    click.echo(f"wrote {output} ({counted(shown, 'node')}, {counted(G.number_of_edges(), 'relation')})", err=True)


# -- build ----------------------------------------------------------------------------------
@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_FOLDER)
@click.option("-o", "--output", "out_dir", default="maps", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the drawn maps (one file per map, named after the map; created if missing).")
@format_option
@click.option("--force", is_flag=True, help="Draw every map even when its output is up to date.")
@click.option("--parts", type=click.IntRange(0, 1000), default=0, metavar="N",
              help="Also split maps of more than N nodes into readable parts of about N nodes, "
                   "in OUT/<map>/<root-id>.svg (0: off).")
@style_options
def build(folder, out_dir, fmt, force, parts, **style):
    """Draw every map of a folder into an output folder, skipping maps already up to date.

    Progress goes to standard error, one line per map.  Big maps are too wide
    for a web page at full size; --parts N adds readable parts of each.
    --format defaults to svg.

    \b
    Example:
      argmap build arguments/ -o maps/
      argmap build arguments/ -o maps/ --parts 16
      argmap build arguments/ -o maps/ --format png --engine system
    """
    import time

    from ..pipeline import build_folder
    from ..report import counted

    settings = settings_for(folder, **style)
    start = time.perf_counter()
    drawn = skipped = 0
    for step in build_folder(folder, out_dir, fmt or "svg", settings, force=force, parts=parts):
        state = "up to date" if step.skipped else f"drawn in {step.seconds:.2f} s"
        click.echo(f"[{step.index}/{step.total}] {step.map}: {step.output} ({counted(step.nodes, 'node')}, {state})", err=True)
        for warning in step.warnings:
            click.echo(f"  note: {warning}", err=True)
        skipped += step.skipped
        drawn += not step.skipped
    click.echo(f"{drawn} drawn, {skipped} up to date, in {time.perf_counter() - start:.2f} s", err=True)


# -- watch ------------------------------------------------------------------------------------
@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", required=True, metavar="OUT", help="Output file; its suffix gives the format.")
@format_option
@click.option("--interval", type=click.FloatRange(0.01, 60), default=0.2, show_default=True, help="Seconds between looks.")
@click.option("--debounce", type=click.FloatRange(0, 60), default=0.3, show_default=True,
              help="Seconds the files must stay unchanged before drawing.")
@click.option("--max-builds", type=click.IntRange(1), default=None, hidden=True)
def watch(path, output, fmt, interval, debounce, max_builds):
    """Draw a map now and again after every save, until Ctrl-C.

    Errors in the input or in argmap.toml are printed and the last good
    output is kept, so a browser or viewer showing OUT never sees a broken
    picture; the watch goes on until the next save.

    \b
    Example:
      argmap watch arguments/power-concentration.yaml -o map.svg
    """
    from ..pipeline import check_output
    from ..project import watched_files
    from ..watch import watch as watch_loop

    fmt = output_format(str(output), fmt)
    check_output(output, fmt, watched_files([path]))
    click.echo(f"watching {path} (Ctrl-C to stop)", err=True)

    def echo(event):
        click.echo(event.message, err=True)

    try:
        watch_loop(path, output, fmt, interval=interval, debounce=debounce, max_builds=max_builds, echo=echo)
    except KeyboardInterrupt:
        click.echo("stopped.", err=True)


# -- html -------------------------------------------------------------------------------------
@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=DEFAULT_FOLDER)
@click.option("-o", "--output", required=True, metavar="OUT", help="The page to write (one self-contained .html file).")
@click.option("--parts", type=click.IntRange(0, 1000), default=16, show_default=True, metavar="N",
              help="Also show maps of more than N nodes in parts of about N (0: none).")
@click.option("--title", help="Page title [default: the map's title, or the folder's name].")
@style_options
def html(path, output, parts, title, **style):
    """Write one offline, interactive HTML page of a folder's maps.

    The page works from file:// with no network: pan and zoom, search, a side
    panel with each node's quote, source and status, filters by map, author,
    tag and status, links between maps and parts, and deep links
    (page.html#node-id).  Statuses are the folder's, as `argmap analyze` gives them.

    \b
    Example:
      argmap html arguments/ -o debate.html
    """
    from ..html import write_html
    from ..pipeline import check_output
    from ..project import open_checked

    check_output(output, "html", open_checked([path]))
    size = write_html(path, output, settings_for(_folder(path), **style), parts=parts, title=title)
    click.echo(f"wrote {output} ({size / 1e6:.1f} MB)", err=True)


# -- serve ------------------------------------------------------------------------------------
@cli.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=DEFAULT_FOLDER)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free one; the URL is printed).")
@click.option("--parts", type=click.IntRange(0, 1000), default=16, show_default=True, metavar="N",
              help="Also show maps of more than N nodes in parts of about N (0: none).")
@click.option("--title", help="Page title [default: the map's title, or the folder's name].")
@click.option("--interval", type=click.FloatRange(0.01, 60), default=0.2, show_default=True, help="Seconds between looks at the files.")
@click.option("--debounce", type=click.FloatRange(0, 60), default=0.3, show_default=True,
              help="Seconds the files must stay unchanged before drawing.")
@style_options
def serve(path, port, parts, title, interval, debounce, **style):
    """Show the page `argmap html` writes in a browser, re-drawn after every save, until Ctrl-C.

    The page reloads itself when a new drawing is ready and comes back to the
    same map, zoom, selected box and filters.  A save with errors leaves the
    last good drawing on the page and shows the errors over it, located as
    `argmap check` prints them; the next good save clears them.  The server
    listens on 127.0.0.1 only and serves nothing but its own page (no file of
    the folder); argmap.toml is read again at every drawing, under the flags.

    \b
    Example:
      argmap serve arguments/                 # then open http://127.0.0.1:8000/
      argmap serve arguments/ --port 0        # any free port; the URL is printed
    """
    from ..serve import LiveServer

    def echo(event):
        click.echo(event.message, err=True)

    server = LiveServer(path, port=port, parts=parts, title=title, flags=style_flags(**style), interval=interval,
                        debounce=debounce, echo=echo)
    click.echo(f"serving {path} at {server.url} (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    click.echo("stopped.", err=True)
