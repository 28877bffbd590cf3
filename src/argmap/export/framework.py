"""Graph → abstract argumentation framework text (ASPARTIX ``apx``, ``tgf``, ICCMA'23 ``i23``).

The map's attacks and undercuts become the framework's attacks, with the attacks
support derives when ``settings.bipolar`` asks for them; this is what ``argmap
analyze`` evaluates, handed to any ICCMA solver.
"""

from __future__ import annotations

import networkx as nx

__all__ = ["export_apx", "export_tgf", "export_i23"]


def _export(G: nx.MultiDiGraph, settings, fmt: str) -> str:
    from ..afio import write_af
    from ..analysis import framework

    af, _ = framework(G, getattr(settings, "bipolar", "none") or "none")
    return write_af(af, fmt)


def export_apx(G, settings=None) -> str:
    return _export(G, settings, "apx")


def export_tgf(G, settings=None) -> str:
    return _export(G, settings, "tgf")


def export_i23(G, settings=None) -> str:
    return _export(G, settings, "i23")
