"""Why each argument has its label: a short path along attacks, each unresolved cycle spelt once."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from .framework import AF, Label
from .scc import sccs


@dataclass(frozen=True)
class Reason:
    """Why an argument has its label, in space independent of the framework's size.

    ``path`` is a walk along attacks ending at the argument:

    * IN: ``()`` (every attacker is OUT; see their reasons);
    * OUT: ``(attacker, arg)``, the first IN attacker in argument order;
    * UNDEC: ``(attacker, arg)``, an UNDEC attacker one step nearer to an
      unresolved cycle; following these attackers leads to the argument named
      by ``cycle``, whose own ``path`` is the whole cycle
      (``(c, x1, ..., c)``, its first element recurring at its end). Each
      cycle is listed once, in the reason of its first argument.

    ``cycle`` is ``None`` for IN and OUT.
    """

    label: Label
    path: tuple[str, ...] = ()
    cycle: str | None = None


def explain(af: AF, labelling: dict[str, Label]) -> dict[str, Reason]:
    """Explain each label of a complete labelling (e.g. :func:`grounded`).

    Linear in arguments + attacks, and the same on every run: attackers are
    taken in argument order, and each unresolved cycle is spelt out once.

    Examples
    --------
    >>> from argmap.semantics import grounded
    >>> af = AF.from_edges([("a", "b"), ("c", "d"), ("d", "e"), ("e", "c"), ("c", "f")])
    >>> r = explain(af, grounded(af))
    >>> r["b"].path, r["c"].path, r["d"].path, r["f"].path, r["f"].cycle
    (('a', 'b'), ('c', 'd', 'e', 'c'), ('c', 'd'), ('c', 'f'), 'c')
    """
    ins, outs = af._index
    args = af.arguments
    lab = [Label(labelling[a]) for a in args]
    undec = [i for i in range(len(args)) if lab[i] is Label.UNDEC]
    is_u = [x is Label.UNDEC for x in lab]
    u_succ = [[j for j in outs[i] if is_u[j]] if is_u[i] else [] for i in range(len(args))]
    u_pred = [[j for j in ins[i] if is_u[j]] if is_u[i] else [] for i in range(len(args))]

    # Every UNDEC argument of a complete labelling has an UNDEC attacker, so
    # walking back along UNDEC attacks ends in a cycle of a source component.
    comp_of: dict[int, int] = {}
    comps = sccs(undec, u_succ)
    for c, comp in enumerate(comps):
        for v in comp:
            comp_of[v] = c
    parent: dict[int, int] = {}
    rep_of: dict[int, int] = {}
    cycles: dict[int, list[int]] = {}
    frontier: list[int] = []
    for comp in sorted(comps, key=min):
        c = comp_of[comp[0]]
        if any(comp_of[j] != c for v in comp for j in u_pred[v]):
            continue  # not a source component: reached from one upstream
        rep = min(comp)
        if len(comp) == 1 and rep not in u_succ[rep]:
            rep_of[rep] = rep  # no cycle (the labelling is not complete): nothing to show
            cycles[rep] = [rep]
            frontier.append(rep)
            continue
        # shortest cycle through rep, walking back within the component
        back = {rep: -1}
        queue = deque([rep])
        found = -1
        while queue and found < 0:
            x = queue.popleft()
            for y in u_pred[x]:
                if comp_of.get(y) != c:
                    continue
                if y == rep:
                    found = x
                    break
                if y not in back:
                    back[y] = x
                    queue.append(y)
        walk = [rep]
        x = found
        while x != -1:
            walk.append(x)
            x = back[x]
        cyc = walk  # rep, found, ..., rep: attacks run along it
        cycles[rep] = cyc
        for k in range(1, len(cyc)):
            v = cyc[k]
            if v != rep and v not in rep_of:
                parent[v] = cyc[k - 1]
                rep_of[v] = rep
        rep_of[rep] = rep
        frontier.extend(cyc[:-1])
    # breadth first from the cycles along UNDEC attacks: each argument's
    # attacker is one step nearer to its cycle
    queue = deque(frontier)
    while queue:
        x = queue.popleft()
        for t in u_succ[x]:
            if t not in rep_of:
                rep_of[t] = rep_of[x]
                parent[t] = x
                queue.append(t)

    out: dict[str, Reason] = {}
    for i, a in enumerate(args):
        if lab[i] is Label.IN:
            out[a] = Reason(Label.IN)
        elif lab[i] is Label.OUT:
            hit = next((j for j in ins[i] if lab[j] is Label.IN), None)
            out[a] = Reason(Label.OUT, (args[hit], a) if hit is not None else ())
        else:
            rep = rep_of[i]
            if i == rep:
                path = tuple(args[k] for k in cycles[rep]) if len(cycles[rep]) > 1 else ()
            else:
                path = (args[parent[i]], a)
            out[a] = Reason(Label.UNDEC, path, args[rep])
    return out
