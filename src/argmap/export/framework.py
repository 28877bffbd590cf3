"""Graph → abstract argumentation framework text (ASPARTIX ``apx``, ``tgf``, ICCMA'23 ``i23``).

The map's attacks and undercuts become the framework's attacks, with the attacks
support derives when ``settings.bipolar`` asks for them; this is what ``argmap
analyze`` evaluates, handed to any ICCMA solver.

Contradictions are mutual attacks, an attack on a premise also attacks the
argument, questions are left out, and inferred relations are left out when
``settings.inferred`` is False.  When an attack is attacked (an objection to a
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


def framework_of(G: nx.MultiDiGraph, settings=None):
    """The :class:`~argmap.semantics.AF` that decides the (non-ghost) nodes of ``G``."""
    from ..analysis import closed_framework, whole

    bipolar = getattr(settings, "bipolar", "none") or "none"
    inferred = getattr(settings, "inferred", True)
    full = whole(G)
    nodes = None if full is G else [n for n, d in G.nodes(data=True) if not d.get("ghost")]
    return closed_framework(G, nodes, bipolar, inferred)


def _export(G: nx.MultiDiGraph, settings, fmt: str) -> str:
    from ..afio import write_af

    return write_af(framework_of(G, settings), fmt)


def export_apx(G, settings=None) -> str:
    return _export(G, settings, "apx")


def export_tgf(G, settings=None) -> str:
    return _export(G, settings, "tgf")


def export_i23(G, settings=None) -> str:
    return _export(G, settings, "i23")
