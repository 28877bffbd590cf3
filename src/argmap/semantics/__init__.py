"""Dung abstract argumentation semantics over plain argument ids.

An :class:`AF` holds an ordered tuple of argument ids and a set of attacks.
One module per job:

``framework``  the :class:`AF`, :class:`Label`, the semantics names, :class:`SemanticsError`;
``grounded``   the grounded labelling, in time linear in arguments + attacks;
``search``     a labelling search (three-valued domains, counter-based propagation,
               one state undone along a trail) that enumerates complete or stable labellings;
``sat``        a SAT encoding (python-sat) of complete and stable labellings, with
               preferred ones grown from them;
``questions``  the questions (every extension, one extension, credulous and sceptical
               acceptance, per-argument statuses), each answered by one engine, chosen
               by ``bench/engines.py`` (the table is in its docstring);
``bipolar``    support turned into Dung attacks (supported and secondary attacks);
``explain``    why each argument has its label;
``scc``        strongly connected components (explanations and gradual strengths).

Both engines work only on the arguments the grounded labelling leaves UNDEC,
which is exact: every complete labelling agrees with the grounded one on its
IN and OUT arguments.

Support is not part of Dung's frameworks; :func:`derived_attacks` turns a
bipolar framework into a Dung one by adding the *supported* and *secondary*
attacks of Cayrol & Lagasquie-Schiex.
"""

from __future__ import annotations

from .bipolar import BIPOLAR_MODES, derived_attacks
from .explain import Reason, explain
from .framework import AF, SEMANTICS, Label, SemanticsError, normalize_semantics
from .grounded import grounded, grounded_extension
from .questions import (
    complete_extensions,
    credulous,
    extensions,
    iter_extensions,
    preferred_extensions,
    skeptical,
    some_extension,
    stable_extensions,
    statuses,
)

__all__ = [
    "AF",
    "Label",
    "Reason",
    "SemanticsError",
    "SEMANTICS",
    "BIPOLAR_MODES",
    "normalize_semantics",
    "grounded",
    "grounded_extension",
    "complete_extensions",
    "preferred_extensions",
    "stable_extensions",
    "extensions",
    "iter_extensions",
    "some_extension",
    "statuses",
    "credulous",
    "skeptical",
    "derived_attacks",
    "explain",
]
