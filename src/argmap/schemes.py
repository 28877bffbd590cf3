"""Argumentation schemes: the patterns of reasoning an argument can follow, with their critical questions.

A node may name the scheme it argues by (``scheme: expert-opinion``); a reply may say which of
that scheme's critical questions it raises or settles (``attacks: [{to: survey, cq: consistency}]``).
Schemes never change a verdict: they tell the reader which questions the map has not asked yet.

The catalogue is a small part of Walton, Reed and Macagno, *Argumentation Schemes* (Cambridge UP,
2008), the schemes most used in debates, with the critical questions of that book in short
words.  ``aif`` is the scheme's name as the AIF corpora of AIFdb write it in an RA node's ``"scheme"``
(``CauseToEffect``, ``Analogy``, ``Example`` in the corpus); :func:`scheme_for_name` also reads
the spelled-out names Araucaria and Argdown inference rules use ("Argument from analogy").

>>> SCHEMES["analogy"].question("differences").text
'Do the two cases differ in a way that undermines the similarity?'
>>> scheme_for_name("Argument from expert opinion").name, scheme_for_name("CauseToEffect").name
('expert-opinion', 'cause-to-effect')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CriticalQuestion", "Scheme", "SCHEMES", "scheme_for_name", "critical_questions", "scheme_listing"]


@dataclass(frozen=True)
class CriticalQuestion:
    """One critical question of a scheme: a short code (``cq:`` in a map) and the question."""

    code: str
    text: str


@dataclass(frozen=True)
class Scheme:
    """One argumentation scheme: its key in a map, its title, its AIF name and its critical questions."""

    name: str  #: the value of ``scheme:`` in a map
    title: str  #: "argument from expert opinion"
    aif: str  #: the RA node's scheme name in AIFdb
    questions: tuple[CriticalQuestion, ...]

    def question(self, code: str) -> CriticalQuestion | None:
        return next((q for q in self.questions if q.code == code), None)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(q.code for q in self.questions)


def _scheme(name, title, aif, *questions) -> Scheme:
    return Scheme(name, title, aif, tuple(CriticalQuestion(c, t) for c, t in questions))


#: The built-in catalogue, in the order ``--help``, the JSON Schema and the docs list it.
SCHEMES: dict[str, Scheme] = {s.name: s for s in (
    _scheme("expert-opinion", "argument from expert opinion", "ExpertOpinion",
            ("expertise", "How credible is the source as an expert?"),
            ("field", "Is the source an expert in the field the claim is in?"),
            ("opinion", "What did the expert say that implies the claim?"),
            ("trustworthiness", "Is the expert personally reliable as a source?"),
            ("consistency", "Is the claim consistent with what other experts say?"),
            ("backup-evidence", "Is the expert's claim based on evidence?")),
    _scheme("position-to-know", "argument from position to know", "PositionToKnow",
            ("position", "Is the source in a position to know whether the claim is true?"),
            ("honesty", "Is the source honest and reliable?"),
            ("assertion", "Did the source in fact assert the claim?")),
    _scheme("analogy", "argument from analogy", "Analogy",
            ("differences", "Do the two cases differ in a way that undermines the similarity?"),
            ("base-case", "Is the claim really true of the case compared with?"),
            ("counter-case", "Is there a third, similar case in which the claim is false?")),
    _scheme("example", "argument from example", "Example",
            ("truth", "Is what the example says in fact true?"),
            ("instance", "Is the example an instance of the general claim?"),
            ("typical", "Is the example typical of the cases the claim covers?"),
            ("strength", "How strong is the generalisation the example is offered for?"),
            ("special-circumstances", "Were there special circumstances that keep the example from generalising?")),
    _scheme("cause-to-effect", "argument from cause to effect", "CauseToEffect",
            ("generalisation", "How strong is the causal link the argument relies on?"),
            ("evidence", "Is the evidence strong enough to warrant the causal link?"),
            ("interference", "Could other factors interfere with or counteract the effect here?")),
    _scheme("consequences", "argument from consequences", "PositiveConsequences",
            ("likelihood", "How likely is it that the consequences will occur?"),
            ("evidence", "What evidence supports that these consequences will occur?"),
            ("opposite", "Are there consequences of the opposite value to weigh against them?")),
)}

#: Other names of the schemes in AIF corpora and Argdown inference rules (compared without case,
#: spaces, hyphens and a leading "argument from"), each mapped to the catalogue's key.
_ALIASES = {
    "expertopinion": "expert-opinion", "expert": "expert-opinion", "appealtoexpertopinion": "expert-opinion",
    "positiontoknow": "position-to-know", "witnesstestimony": "position-to-know",
    "analogy": "analogy", "example": "example", "causetoeffect": "cause-to-effect",
    "consequences": "consequences", "positiveconsequences": "consequences",
    "negativeconsequences": "consequences",
}


def _squash(name: str) -> str:
    s = re.sub(r"[^a-z]", "", name.lower())
    for lead in ("argumentfrom", "argumentby", "argumentto"):
        if s.startswith(lead):
            return s[len(lead):]
    return s


def scheme_for_name(name: str) -> Scheme | None:
    """The catalogue's scheme an AIF scheme name or an Argdown inference rule names, if any."""
    key = _ALIASES.get(_squash(name))
    return SCHEMES.get(key) if key else None


def critical_questions(G, n: str) -> list[tuple[CriticalQuestion, tuple[tuple[str, str], ...]]]:
    """The critical questions of node ``n``'s scheme in graph ``G``, each with the replies that raise
    or settle it: ``(node, relation kind)`` of every reply to ``n``, or objection to a link from ``n``,
    that names the question with ``cq:``.  Empty when ``n`` names no scheme.

    An empty tuple of replies means the question is open: nobody in the map has asked or answered it.
    """
    scheme = SCHEMES.get(G.nodes[n].get("scheme") or "")
    if scheme is None:
        return []
    by: dict[str, set[tuple[str, str]]] = {}
    for u, _, k, d in G.in_edges(n, keys=True, data=True):
        if d.get("cq"):
            by.setdefault(d["cq"], set()).add((u, k))
    for _, _, d in G.out_edges(n, data=True):
        for o in d.get("attacked_by") or ():
            if o.get("cq"):
                by.setdefault(o["cq"], set()).add((o["by"], o["kind"]))
    from .graph import relation_attacks

    for target, o, _, _ in relation_attacks(G):  # a reply to n's own objection (n->a->b: argmap.address)
        if o.get("cq") and target.count("->") >= 2 and target.partition("->")[0] == n:
            by.setdefault(o["cq"], set()).add((o["by"], o["kind"]))
    return [(q, tuple(sorted(by.get(q.code, ())))) for q in scheme.questions]


def scheme_listing(name: str | None = None) -> str:
    """The catalogue (or one scheme) as text: each scheme, then its questions as ``cq:`` codes."""
    out = []
    for s in SCHEMES.values():
        if name is not None and s.name != name:
            continue
        out.append(f"{s.name}: {s.title} (AIF: {s.aif})")
        width = max(len(q.code) for q in s.questions)
        out += [f"  cq: {q.code:<{width}}  {q.text}" for q in s.questions]
    return "\n".join(out)
