"""Across outlets, figures of one quantity named as different kinds (session 21): people treated are
the ill of an outbreak or the injured of a clash (``either_kind``); a capitalised number word after a
capitalised word is part of a name; a participial clause after a figure and the phrase that gives
it do not place it. Invented texts."""

from __future__ import annotations

from presslens.across.figure_findings import Told, story_findings, told
from presslens.numbers import find_quantities
from presslens.records import NumberClaim


def _told(source: str, text: str, article: str) -> Told:
    nums = [NumberClaim(id=f"{article}-n{i}", article_id=article, start=q.start, end=q.end, text=q.text, low=q.low,
                        high=q.high, approx=q.approx, counts=q.counts) for i, q in enumerate(find_quantities(text))]
    return told(source, text, nums)


def _pairs(a: Told, b: Told) -> list[tuple[str, ...]]:
    return sorted(tuple(sorted(r.text for r in f.refs)) for f in story_findings(a, b, "a|b"))


OUTBREAK = "Health officials say two people have died of cholera and more than 300 have fallen ill since May 3."
TREATED = "A ministry spokesman said 190 people had been treated at clinics in the district since 3 May."


def test_people_treated_meet_the_ill_of_another_outlet() -> None:
    a, b = _told("Wire", OUTBREAK, "a"), _told("Ministry", TREATED, "b")
    assert _pairs(a, b) == [("190", "more than 300")]
    assert _pairs(b, a) == [("190", "more than 300")]


def test_people_treated_meet_the_injured_and_not_the_dead() -> None:
    a = _told("Wire", "Police said 4 people were killed and 35 were injured in the clashes.", "a")
    b = _told("Hospital", "Doctors said 80 people were treated for wounds after the clashes.", "b")
    assert _pairs(a, b) == [("35", "80")]


def test_treated_figures_of_one_kind_still_agree() -> None:
    a, b = _told("Ministry", TREATED, "a"), _told("Radio", "About 190 people were treated at clinics.", "b")
    assert _pairs(a, b) == []


def test_a_number_word_in_a_name_counts_nothing() -> None:
    a = _told("Paper", "Pupils of Grades Three and Four were treated and sent home.", "a")
    assert not a.keys
    b = _told("Paper", "Three pupils were treated and sent home.", "b")
    assert [n.text for n in b.numbers if n.id in b.keys] == ["Three"]


NATIONAL = "A ministry spokeswoman said 212 people had died in the riots nationwide."


def test_a_participial_clause_and_the_attribution_do_not_place_a_toll() -> None:
    a = _told("State radio", NATIONAL, "a")
    b = _told("Monitor", "At least 900 people have been killed since the vote, a coalition of Tanzanian rights "
                         "groups said on Friday, accusing the police of shooting protesters in Arusha.", "b")
    assert _pairs(a, b) == [("212", "At least 900")]
    # The same toll placed by its own clause stays apart from the nationwide one.
    c = _told("Monitor", "At least 900 people have been killed in Arusha since the vote, a coalition of rights "
                         "groups said on Friday.", "c")
    assert _pairs(a, c) == []


def test_a_figure_opening_a_paragraph_after_a_headline_is_a_count() -> None:
    a = _told("Wire", "Farmers march on capital\n\nThousands of farmers marched on Monday, organisers said.", "a")
    assert [n.text for n in a.numbers if n.id in a.keys] == ["Thousands"]


def test_a_death_sentence_kills_no_one() -> None:
    a = _told("Wire", "The court lifted the death sentences after a $90 million settlement.", "a")
    b = _told("Wire", "The death toll rose to 40 people on Friday.", "b")
    assert [k[1] for k in a.keys.values()] == [None]
    assert [k[1] for k in b.keys.values()] == ["kill"]
