"""Graph → abstract argumentation framework text (ASPARTIX ``apx``, ``tgf``, ICCMA'23 ``i23``).

The map's attacks and undercuts become the framework's attacks, with the attacks
support derives when ``settings.bipolar`` asks for them; this is what ``argmap
analyze`` evaluates, handed to any ICCMA solver.

Contradictions are mutual attacks, an attack on a premise also attacks the
argument, questions are left out, and inferred relations are left out unless
``settings.inferred``; with preferences (the default) an attack on a heavier node
is no defeat and is left out: the framework is the defeat relation.  When an attack is attacked (an objection to a
relation, AFRA), the export is AFRA's reified Dung framework: each attack is
an argument named ``SRC->TGT`` that attacks its target, and an objection
``X`` to it is the attack argument ``X->SRC->TGT``; by the paper's
correspondence (Baroni et al. 2011, Prop. 12) a solver gives every node the
status ``argmap analyze`` gives it.

The framework of a view (one map, a focus...) is the view's own nodes plus
everything in the folder that attacks them, transitively
(:func:`argmap.analysis.closed_framework`): a solver run on it gives each of the
view's nodes the status the folder gives it (grounded, complete, preferred).
"""

from __future__ import annotations

import networkx as nx

__all__ = ["export_apx", "export_tgf", "export_i23", "framework_of"]


def framework_of(G: nx.MultiDiGraph, settings=None, evaluation=None):
    """The :class:`~argmap.semantics.AF` that decides the (non-ghost) nodes of ``G``.

    ``evaluation`` is the folder's (the framework is its defeat relation, so a
    solver gives each node the status ``analyze`` gives it); without one, ``G``
    is evaluated as the whole folder under ``settings``.
    """
    from ..frameworks import closed_framework

    if evaluation is None:
        from ..evaluation import evaluate

        evaluation = evaluate(G, settings)
        return closed_framework(evaluation.built)
    nodes = [n for n, d in G.nodes(data=True) if not d.get("ghost")]
    if set(nodes) >= set(evaluation.status):
        return closed_framework(evaluation.built)
    return closed_framework(evaluation.built, nodes)


def _export(G: nx.MultiDiGraph, settings, fmt: str, evaluation=None) -> str:
    from ..afio import write_af

    return write_af(framework_of(G, settings, evaluation), fmt)


def export_apx(G, settings=None, evaluation=None) -> str:
    return _export(G, settings, "apx", evaluation)


def export_tgf(G, settings=None, evaluation=None) -> str:
    return _export(G, settings, "tgf", evaluation)


def export_i23(G, settings=None, evaluation=None) -> str:
    return _export(G, settings, "i23", evaluation)
