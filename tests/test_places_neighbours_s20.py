"""Places, session 20: country lists, coordinated "in" phrases, and namesakes of big cities.

Every sentence here is invented. The rule tests fail on main 3089e22; the guard tests (a kept
"City, Country" pair, a qualified namesake) hold before and after.
"""

from __future__ import annotations

from presslens.testing import analyse_text


def places(text: str) -> dict[str, tuple[int | None, str]]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    return {p.text: (p.geonameid, p.rule) for p in a.places}


def test_country_in_a_list_of_countries_is_no_city_region_pair() -> None:
    got = places("Vaccination teams will work in Benin, Ghana, Niger, Nigeria and Togo this year.")
    assert got["Niger"][0] == 2440476  # the country, not Nigeria's Niger State ("Niger, Nigeria")
    assert "country_list" in got["Niger"][1]
    assert got["Nigeria"][0] == 2328926


def test_two_member_city_country_pair_is_kept() -> None:
    got = places("Flights from Lyon, France, and Madrid resumed on Monday.")
    assert "city_comma_region" in got["Lyon"][1]
    assert "country_list" not in got["France"][1]


def test_second_in_of_a_coordination_does_not_place_the_first() -> None:
    got = places("Officials counted 300 cases in Wales and in England last winter.")
    assert got["Wales"][0] == 2634895  # the country of the UK, not the village of Wales in England


def test_spelling_variant_yields_to_the_town_of_that_name() -> None:
    got = places("Doctors in Pittsburgh compared notes with colleagues in Los Angeles and San Diego.")
    assert got["Pittsburgh"][0] == 5206379  # Pittsburgh, PA, not Pittsburg, CA (an old spelling)
    assert "namesake" in got["Pittsburgh"][1]


def test_big_city_beats_a_small_namesake_the_context_favours() -> None:
    got = places("Two travellers returned from New York and Toronto. Cases rose in Sydney and Newcastle, "
                 "New South Wales, and in Melbourne, Australia.")
    assert got["Toronto"][0] == 6167865  # Ontario's, not Toronto, New South Wales (5,700 people)


def test_a_qualified_namesake_keeps_its_reading() -> None:
    got = places("Toronto, New South Wales, is a lakeside town near Newcastle. Officials in Toronto said "
                 "the road to Sydney was closed.")
    assert all(gid == 10103951 for t, (gid, _) in got.items() if t == "Toronto")
    got = places("The clinic in Toronto near Lake Macquarie in New South Wales reopened, officials in "
                 "Sydney said.")
    assert got["Toronto"][0] == 10103951  # its region named in the sentence places it
