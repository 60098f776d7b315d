"""A running tally given for a measure noun ("the death toll has risen to 45") counts what the noun
measures, and a figure that ends its line counts nothing the next line names (a title above the site
line). Sentences invented."""

from __future__ import annotations

from presslens.across.figure_findings import story_findings, told
from presslens.testing import figure_keys as _keys
from presslens.testing import number_claims as _nums


def test_a_tally_verb_gives_the_figure_the_measure_nouns_class() -> None:
    assert _keys("The death toll has risen to 45, officials in Northtown said.")["45"][0] == "dead"
    assert _keys("The toll of the Eastland floods passed 300 on Monday.")["300"][0] == "dead"
    assert _keys("The crowd topped 20,000 by noon.")["20,000"][0] == "people"


def test_a_tally_of_something_far_from_the_noun_is_not_read_as_the_nouns() -> None:
    # The "of" complement is at most three words: past that the noun is not the verb's subject.
    assert _keys("The toll of the long war in the northern hills passed 300.")["300"] is None
    assert _keys("The death toll of the floods passed 300.")["300"][0] == "dead"


def test_a_title_figure_does_not_count_the_site_line_below_it() -> None:
    text = "Toll of Eastland floods passes 1,000\n\nNorthern River Courier\n\nRescuers searched the valley.\n"
    nums = _nums(text)
    title = next(n for n in nums if n.text.endswith("1,000"))
    keys = _keys(text)
    assert keys[title.text] is not None and keys[title.text][0] == "dead"
    # A currency figure that ends its line keeps the noun its own line gives.
    money = "Relief fund for Eastland reaches US$5 million\n\nNorthern River Courier\n\nDonors gave more.\n"
    assert _keys(money)["US$5 million"][0] == "dollar"


def test_two_outlets_tallies_in_a_title_and_a_body_are_compared() -> None:
    a = "Death toll of Eastland floods passes 1,000\n\nNorthern River Courier\n\nRescuers searched the valley.\n"
    b = "Eastland floods\n\nEastland Gazette\n\nOfficials said 486 people had died in the Eastland floods.\n"
    found = story_findings(told("Courier", a, _nums(a, "a")), told("Gazette", b, _nums(b, "b")), "a|b")
    assert [sorted(r.text for r in f.refs) for f in found] == [["1,000", "486"]]
