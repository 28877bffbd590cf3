"""Mermaid export (argmap.export.mermaid): one arrow per relation, escaped text."""

from __future__ import annotations


from argmap.export import mermaid

from literal import v2_graph


def test_mermaid_link_styles_and_relation_note():
    text = mermaid.export(v2_graph())
    lines = text.splitlines()
    assert '  n0{{"? What? — Ann"}}' in lines  # a question: a hexagon
    assert "  n1 ==>|premise| n3" in lines and "  n2 ==>|premise| n3" in lines
    assert "  n1 -.->|answers| n0" in lines
    assert "  n2 x--x|inferred contradicts| n1" in lines
    assert "  n4 -.-o|concedes| n2" in lines
    assert '  r0>"the relation arg supports u"]' in lines
    assert "  n4 -.-x|inferred undercuts| r0" in lines
    links = [line for line in lines if "|" in line or " -.- " in line]
    styled = {int(line.split()[1]): line for line in lines if line.strip().startswith("linkStyle")}
    dotted = [links[i] for i, line in styled.items() if "dasharray" in line]
    assert sorted(dotted) == sorted(["  n2 x--x|inferred contradicts| n1", "  n4 -.-x|inferred undercuts| r0"])
    assert "<b>Premise #37;#37; one</b>" in text  # titles bold, text escaped
    assert "(steelman by Ann)" in text and "— Bob<br/>(restated by Ann)" in text
    assert len({mermaid.ARROWS[k] for k in mermaid.ARROWS}) == len(mermaid.ARROWS)


def test_an_objection_to_an_objection_has_a_note_of_its_own_tied_to_the_one_it_answers():
    from literal import NESTED, graph

    text = mermaid.export(graph(NESTED))
    names = {n: f"n{i}" for i, n in enumerate("abcde")}
    assert '  r1>"the relation c attacks (the relation b supports a)"]' in text
    assert '  r2>"the relation d undercuts (the relation c attacks (the relation b supports a))"]' in text
    for line in ("r0 -.- n0", "r1 -.- r0", "r2 -.- r1", f"{names['c']} --x|attacks| r0", f"{names['e']} --x|attacks| r2"):
        assert f"  {line}" in text, line
    assert any(x.startswith(f"  {names['d']} ") and x.endswith("| r1") for x in text.splitlines())
