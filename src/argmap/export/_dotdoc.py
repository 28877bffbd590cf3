"""A DOT document as :mod:`argmap.export.dot` builds it: written as text, or handed over as pydot.

:mod:`argmap.export.dot` decides every attribute (the styling); this module only
holds the result and writes it.  Values arrive quoted once, by
:mod:`argmap.textsafe` (labels, tooltips, URLs, names) or as plain DOT IDs (``BT``,
``0.35``, ``box``), so nothing here looks at them again: :meth:`Document.to_string`
joins them in one linear pass.  pydot 4 checks every value again to decide whether
to quote it (half the time of drawing a 1,000-node map, measured by
``bench/stages.py``) and then leaves these values as they are, so the text written
here is byte for byte what ``to_pydot().to_string()`` gives (tests/test_dot.py keeps
it so).  :meth:`Document.to_pydot` makes the ``pydot.Dot`` the library offers its users.

The classes take the part of pydot's API the styling code uses (``Node(name, **attrs)``,
``Edge(src, dst, **attrs)``, ``set``, ``set_node_defaults``, ``set_edge_defaults``,
``add_node``, ``add_edge``), so the styling reads the same either way.

>>> doc = Document()
>>> doc.set("rankdir", "BT")
>>> doc.set_node_defaults(shape="box")
>>> doc.add_node(Node('"a"', label='"A \\\\"quoted\\\\""'))
>>> doc.add_edge(Edge('"a"', '"b"'))
>>> print(doc.to_string(), end="")
digraph G {
rankdir=BT;
node [shape=box];
"a" [label="A \\"quoted\\""];
"a" -> "b";
}
"""

from __future__ import annotations

__all__ = ["Document", "Node", "Edge"]


class Node:
    """A node statement (or ``node``/``edge`` defaults): a DOT name and its attributes, quoted already."""

    __slots__ = ("name", "attrs")

    def __init__(self, name: str, **attrs: str):
        self.name = name
        self.attrs = attrs

    def get(self, key: str):
        return self.attrs.get(key)

    def to_string(self) -> str:
        if not self.attrs:
            return "" if self.name in ("graph", "node", "edge") else f"{self.name};"
        return f"{self.name} [{_attrs(self.attrs)}];"


class Edge:
    """An edge statement ``src -> dst``; names and attribute values quoted already."""

    __slots__ = ("src", "dst", "attrs")

    def __init__(self, src: str, dst: str, **attrs: str):
        self.src, self.dst, self.attrs = src, dst, attrs

    def get(self, key: str):
        return self.attrs.get(key)

    def to_string(self) -> str:
        if not self.attrs:
            return f"{self.src} -> {self.dst};"
        return f"{self.src} -> {self.dst} [{_attrs(self.attrs)}];"


def _attrs(attrs: dict[str, str]) -> str:
    # pydot writes an empty value as "" and a value of None as the bare key; both kept
    return ", ".join(key if value is None else f"{key}={value or chr(34) * 2}" for key, value in attrs.items())


class Document:
    """A ``digraph``: graph attributes, then node and edge statements in the order added."""

    __slots__ = ("attrs", "statements")

    def __init__(self):
        self.attrs: dict[str, str] = {}
        self.statements: list[Node | Edge] = []

    def set(self, key: str, value: str) -> None:
        self.attrs[key] = value

    def get(self, key: str):
        return self.attrs.get(key)

    def set_node_defaults(self, **attrs: str) -> None:
        self.statements.append(Node("node", **attrs))

    def set_edge_defaults(self, **attrs: str) -> None:
        self.statements.append(Node("edge", **attrs))

    def add_node(self, node: Node) -> None:
        self.statements.append(node)

    def add_edge(self, edge: Edge) -> None:
        self.statements.append(edge)

    def to_string(self) -> str:
        """The DOT text, in time linear in its length."""
        lines = ["digraph G {"]
        lines += [f"{key}={value};" for key, value in self.attrs.items()]
        lines += [stmt.to_string() for stmt in self.statements]  # defaults without attributes: an empty line, as pydot
        lines.append("}\n")
        return "\n".join(lines)

    def to_pydot(self):
        """The same graph as a ``pydot.Dot`` (whose ``to_string()`` gives the same text)."""
        import pydot

        dot = pydot.Dot(graph_type="digraph", strict=False)
        for key, value in self.attrs.items():
            dot.set(key, value)
        for stmt in self.statements:
            if isinstance(stmt, Edge):
                dot.add_edge(pydot.Edge(stmt.src, stmt.dst, **stmt.attrs))
            else:
                dot.add_node(pydot.Node(stmt.name, **stmt.attrs))
        return dot
