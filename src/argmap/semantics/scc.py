"""Strongly connected components of a graph given as successor lists (the one SCC helper).

Used by :func:`argmap.semantics.explain` (the unresolved cycles among UNDEC arguments) and
by :mod:`argmap.gradual` (the order in which strengths are computed). Hand-written rather
than networkx's ``strongly_connected_components``: on the same graphs, networkx with the
``DiGraph`` it needs built is several times slower (``bench/scc.py``; the figures are in
docs/performance.md), and ``argmap solve`` does not import networkx at all.
"""

from __future__ import annotations

from typing import Iterable


def sccs(nodes: Iterable[int], succ: list[list[int]]) -> list[list[int]]:
    """Strongly connected components reachable from ``nodes``, each after every one it reaches.

    Tarjan's algorithm, iterative (no recursion limit), started from ``nodes`` in the
    order given; ``succ[v]`` lists the successors of ``v`` (positions in ``succ``). A
    component is listed only once every component it has an edge into is listed, so with
    ``succ`` the dependencies of each node, dependencies come first.

    Examples
    --------
    >>> sccs(range(4), [[1], [0, 2], [], [3]])
    [[2], [1, 0], [3]]
    """
    n = len(succ)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    comps: list[list[int]] = []
    counter = 0
    for root in nodes:
        if index[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            v, k = work.pop()
            if k == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack[v] = True
            ds = succ[v]
            while k < len(ds):
                w = ds[k]
                k += 1
                if index[w] == -1:
                    work.append((v, k))
                    work.append((w, 0))
                    break
                if on_stack[w] and index[w] < low[v]:
                    low[v] = index[w]
            else:
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on_stack[w] = False
                        comp.append(w)
                        if w == v:
                            break
                    comps.append(comp)
                if work:
                    u = work[-1][0]
                    if low[v] < low[u]:
                        low[u] = low[v]
    return comps
