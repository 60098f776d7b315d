"""Across outlets, what places a figure and what scopes it (``figure_place._places`` with the article's
figures, ``figure_findings._scopes_apart``): a place in a clause that holds another figure is that
figure's, and a nationwide figure is one count with another outlet's unplaced figure. Invented texts."""

from __future__ import annotations

from presslens.across.figure_findings import Told, story_findings, told
from presslens.numbers import find_quantities
from presslens.records import NumberClaim


def _told(source: str, text: str, article: str) -> Told:
    nums = [NumberClaim(id=f"{article}-n{i}", article_id=article, start=q.start, end=q.end, text=q.text, low=q.low,
                        high=q.high, approx=q.approx, counts=q.counts) for i, q in enumerate(find_quantities(text))]
    return told(source, text, nums)


NATIONAL = ("A ministry spokeswoman said 212 people had died in the riots nationwide and about 40,000 people had "
            "been displaced, most of whom were now in camps in Mombasa and Nakuru.")


def _pairs(a: Told, b: Told) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(r.text for r in f.refs)) for f in story_findings(a, b, "a|b"))


def test_a_place_beyond_another_figure_does_not_place_the_first() -> None:
    a = _told("State radio", NATIONAL, "a")
    by_text = {n.text: a.keys[n.id] for n in a.numbers if n.id in a.keys}
    assert by_text["212"][4] == frozenset()  # the camps' towns are the displaced people's
    assert by_text["about 40,000"][4] >= {"mombasa"}


def test_a_nationwide_toll_meets_an_unplaced_toll_of_another_outlet() -> None:
    a = _told("State radio", NATIONAL, "a")
    b = _told("Wire", "More than 300 people are believed to have been killed in the riots.", "b")
    assert _pairs(a, b) == [("212", "More than 300")]


def test_a_nationwide_toll_does_not_meet_a_placed_one() -> None:
    a = _told("State radio", NATIONAL, "a")
    town = _told("Local paper", "More than 300 people have been killed in the riots in Kisumu.", "b")
    country = _told("Neighbour", "More than 300 people have been killed in the riots across Tanzania.", "c")
    assert _pairs(a, town) == []
    assert _pairs(a, country) == []


def test_a_bare_figure_after_a_verb_of_people_counts_people() -> None:
    """"Tainted water kills 14 in a town" names the dead by its verb; "closed 12" counts no people."""
    a = _told("Daily", "Tainted well water kills 14 in Lowbank, officials said.", "a")
    b = _told("Wire", "At least 30 people have died after drinking well water in Lowbank, officials said.", "b")
    assert {n.text: a.keys[n.id][0] for n in a.numbers if n.id in a.keys} == {"14": "dead"}
    assert _pairs(a, b) == [("14", "At least 30")]
    c = _told("Radio", "Inspectors closed 12 on Monday after the outbreak.", "c")
    assert not c.keys
