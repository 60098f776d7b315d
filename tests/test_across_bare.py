"""Bare figures given for a classless measure noun ("police put the figure at 4,000") count what the
figure they answer counts, also across a paragraph break; a partitive ("300 of them were arrested")
counts the part its own verb names. Sentences invented."""

from __future__ import annotations

from presslens.across.figure_findings import partitive_predicate, story_findings, told
from presslens.across.measure import number_of
from presslens.testing import figure_keys as _keys
from presslens.testing import number_claims as _nums


def test_a_figure_for_the_figure_takes_the_sentence_before_across_a_paragraph_break() -> None:
    text = "Organisers said 50,000 people marched through Northtown on Saturday.\n\nPolice put the figure at 4,000.\n"
    assert _keys(text)["4,000"] == ("people", "participate")
    spread = "About 20,000 people marched through Northtown on Saturday.\n\nEstimates ranged from 2,000 to 10,000.\n"
    assert _keys(spread)["from 2,000 to 10,000"] == ("people", "participate")


def test_a_bare_figure_without_a_measure_noun_is_not_carried_over_a_paragraph() -> None:
    # "said 31" answers a figure of its own paragraph only: the sentence before is another's.
    text = "Organisers said 50,000 people marched through Northtown on Saturday.\n\nThe mayor said 31.\n"
    assert _keys(text)["31"] is None
    # Nor is a measure noun of two sentences back carried.
    far = ("Organisers said 50,000 people marched through Northtown.\n\nThe march ended at the river.\n\n"
           "Police put the figure at 4,000.\n")
    assert _keys(far)["4,000"] is None


def test_a_spread_of_estimates_of_a_measure_noun_takes_its_class() -> None:
    assert _keys("Estimates of the crowd ranged from 2,000 to 10,000.")["from 2,000 to 10,000"][0] == "people"


def test_a_partitive_counts_the_part_its_own_verb_names() -> None:
    assert _keys("Thousands of protesters marched on Saturday, and police arrested 300 of them.")["300"] == (
        "detainees", "arrest")
    assert _keys("About 20,000 people marched. Police said 40 of the marchers were arrested.")["40"] == (
        "detainees", "arrest")
    assert _keys("The clinic treated 400 children, 56 of whom have since died.")["56"] == ("dead", "kill")


def test_a_partitive_without_a_verb_of_its_own_counts_nothing_compared() -> None:
    text = "About 2,000 people were infected, 300 of them children."
    nums = _nums(text)
    part = next(n for n in nums if n.text == "300")
    assert partitive_predicate(text, part) is None
    assert _keys(text)["300"] is None


def test_two_outlets_partitive_and_plain_arrests_conflict() -> None:
    a = "Northtown march\n\nDaily Courier\n\nThousands of protesters marched in Northtown, and police arrested 300 of them.\n"
    b = "Northtown march\n\nEvening Gazette\n\nPolice arrested 40 protesters at the Northtown march.\n"
    found = story_findings(told("Courier", a, _nums(a, "a")), told("Gazette", b, _nums(b, "b")), "a|b")
    assert [sorted(r.text for r in f.refs) for f in found] == [["300", "40"]]


def test_the_number_of_a_noun_counts_that_noun() -> None:
    assert _keys("The number of deaths in Eastland rose to 45 on Monday.")["45"][0] == "dead"
    assert _keys("The number of people killed in the Northtown clashes reached 120.")["120"] == ("dead", "kill")
    assert _keys("The total number of confirmed cases stood at 312, the ministry said.")["312"][0] == "case"


def test_the_number_of_a_noun_needs_a_verb_that_gives_it_the_figure() -> None:
    # The figure is not the measure's value: the clause gives it no verb of value.
    text = "Doctors fear a rise in the number of cases after 45 arrived."
    assert number_of(text, 0, text.index("45")) is None
    given = "Doctors said the number of cases was 45."
    assert number_of(given, 0, given.index("45")) == "case"


def test_a_toll_from_or_in_a_place_is_a_toll() -> None:
    assert _keys("The death toll from the Eastland outbreak has risen to 45.")["45"][0] == "dead"
    assert _keys("The death toll in the northern province rose to 45.")["45"][0] == "dead"


def test_two_outlets_numbers_of_deaths_conflict() -> None:
    a = "Eastland outbreak\n\nDaily Courier\n\nThe number of deaths from the Eastland outbreak rose to 45 on Monday.\n"
    b = "Eastland outbreak\n\nEvening Gazette\n\nOfficials said 120 people had died in the Eastland outbreak.\n"
    found = story_findings(told("Courier", a, _nums(a, "a")), told("Gazette", b, _nums(b, "b")), "a|b")
    assert [sorted(r.text for r in f.refs) for f in found] == [["120", "45"]]


def test_a_crowd_measure_counts_those_who_took_part() -> None:
    # "people" with no act is not compared (who?); a crowd is its marchers, a toll its dead.
    text = "Police estimated the crowd at 4,000 on Saturday."
    assert _keys(text)["4,000"] == ("people", "participate")
    assert _keys("The toll rose to 45 on Monday.")["45"] == ("dead", "kill")
    a = "Northtown march\n\nDaily Courier\n\nAbout 50,000 people marched through Northtown on Saturday.\n"
    b = "Northtown march\n\nEvening Gazette\n\nPolice estimated the Northtown crowd at 4,000 on Saturday.\n"
    found = story_findings(told("Courier", a, _nums(a, "a")), told("Gazette", b, _nums(b, "b")), "a|b")
    assert [sorted(r.text for r in f.refs) for f in found] == [["4,000", "About 50,000"]]
