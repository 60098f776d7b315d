"""Measures are not counts (session 26, measures): a length, weight, speed or temperature counts its
unit (``measure-unit``) and is never set against a count; a magnitude is a measure of its own unit and
a decimal with no scale word or unit is dropped by the numbers layer (``measure-before``,
``decimal-measure``); within
a page a part and its whole, or a running total and the figures it adds up, are two quantities
(``part-of-whole``, ``running-total``), and two places named as the subjects of their figures keep
them apart (``place-subject``), as do an addition and a level (``addition``) and a population
(``population``). Every text is invented (real place names)."""

from __future__ import annotations

import pytest

from presslens.across.number_findings import number_findings
from presslens.numbers import find_quantities
from presslens.records import NumberClaim


def _claims(page: str) -> list[NumberClaim]:
    return [NumberClaim(id=f"n{i}", article_id="p-a1", start=q.start, end=q.end, text=q.text, low=q.low,
                        high=q.high, approx=q.approx, counts=q.counts)
            for i, q in enumerate(find_quantities(page))]


def _texts(page: str) -> list[str]:
    return [q.text for q in find_quantities(page)]


@pytest.mark.parametrize(("sentence", "kept"), [
    # a measure with its unit is kept, counting the unit (gold sets hold measures as quantity claims)
    ("The village lies 40 km from the coast, where 300 families live.", [("40", "km"), ("300", "families")]),
    ("Rescuers walked 12 miles to reach 60 stranded hikers.", [("12", "miles"), ("60", "stranded hikers")]),
    ("Waves up to 4 metres high damaged 120 homes.", [("up to 4", "metres"), ("120", "homes")]),
    ("Winds of 120 mph tore roofs off 85 houses.", [("120", "mph"), ("85", "houses")]),
    ("The boxes hold four 5 pound bags.", [("four", "5 pound bags"), ("5", "pound")]),
    ("It was 30°C in the shade.", [("30", "degrees")]),
    # a decimal with no scale word or unit is dropped: no count, and a rounded interval; a magnitude is
    # a measure of its own unit (session 27, ``measure-before``)
    ("Police seized 3.5kg of heroin and arrested 7 suspects.", [("7", "suspects")]),
    ("A magnitude 6.4 quake and a magnitude-5 aftershock shook the valley.", [("6.4", "magnitude")]),
    ("Each bag weighs 2.5 pounds.", []),
    ("The course was 1,5 km of swimming and 40 km of cycling for 200 athletes.", [("40", "km"), ("200", "athletes")]),
    # a duration with a fraction is a duration
    ("Crews spent five and a half hours freeing 14 workers.", [("14", "workers")]),
    # "foot" is no unit: "foot soldiers" are counted
    ("The rebels sent 500 foot soldiers.", [("500", "foot soldiers")]),
])
def test_measures_count_their_unit(sentence: str, kept: list[tuple[str, str]]) -> None:
    assert [(q.text, q.counts) for q in find_quantities(sentence)] == kept


@pytest.mark.parametrize(("sentence", "kept"), [
    ("The fund paid $2.50 a share to 40 investors.", ["$2.50", "40"]),
    ("About 1.5 million people voted.", ["About 1.5 million"]),
    ("Some 3,000 pounds of aid and 400 tents arrived.", ["Some 3,000", "400"]),
])
def test_money_and_scaled_decimals_stay(sentence: str, kept: list[str]) -> None:
    assert _texts(sentence) == kept


@pytest.mark.parametrize("page", [
    # two distances are not two counts of miles
    "Officials have sealed off an area of Bremen 2 miles (3km) from the pond where the geese were found and "
    "have set up checkpoints at 6 miles (10km) outside the area.",
    "The quake struck 190 km south of Apia, officials said. The quake struck 300 km from Pago Pago, officials said.",
    "Waves 3 metres high struck the coast, officials said. Waves 5 metres high struck the coast of Tonga, officials "
    "said.",
    # a part and its whole
    "According to the Ministry of Agriculture, six of 30 poultry samples tested positive for the H7N9 virus in "
    "the Zhejiang laboratory.",
    # a running total and the additions that bring it there
    "Officials confirmed a further 12 cases on Monday at the Vantaa laboratory, bringing the total to 90.",
    # an addition and a level (``addition``)
    "Officials confirmed a further 12 cases on Monday, one day after they had confirmed 7 cases to bring the "
    "total to 90.",
    # a population is not a toll (``population``)
    "Two deaths had been confirmed in Luanda, the country's capital of 4 million, and officials said six more "
    "deaths were being investigated in Luanda.",
    # two places named as the subjects of their figures (``place-subject``)
    "Ohio has reported 40 deaths from the flu so far. Texas, its neighbour to the south, has 52 deaths from the flu.",
])
def test_no_conflict_between_two_quantities(page: str) -> None:
    assert number_findings(_claims(page), {"p-a1": "p"}, {"p": page}) == []


def test_two_sources_still_disagree_on_one_total() -> None:
    page = ("The ministry said the floods had killed 90 people by Sunday. Aid groups said at least 160 people "
            "had been killed.")
    fs = number_findings(_claims(page), {"p-a1": "p"}, {"p": page})
    assert [sorted(r.text for r in f.refs) for f in fs] == [["90", "at least 160"]]
