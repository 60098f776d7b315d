"""Places, session 23: a name the gazetteer lacks that the text puts inside a place it knows takes
that place's point (rule ``holder_point``, ``layers/places/holder.py``), precision "approximate",
no GeoNames id and no name of its own.

Every sentence here is invented ("Korvanga" and "Dalvesh" are no places). The rule tests fail on
main 4bdc725 (the names stayed without a point); the guard tests hold before and after.
"""

from __future__ import annotations

from presslens.records import Place
from presslens.testing import analyse_text


def place(text: str, name: str) -> Place:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    return next(p for p in a.places if p.text == name)


def test_a_suburb_before_its_city_takes_the_city_point() -> None:
    p = place("Residents of Korvanga, Nairobi, said the water had been cut for a week.", "Korvanga")
    city = place("Residents of Korvanga, Nairobi, said the water had been cut for a week.", "Nairobi")
    assert "holder_point" in p.rule and p.precision == "approximate"
    assert (p.lat, p.lon, p.country) == (city.lat, city.lon, "KE")
    assert p.geonameid is None and p.name is None  # where the text puts it, not which place it is


def test_a_district_of_a_city_and_a_camp_in_a_town() -> None:
    p = place("Police raided homes in the Korvanga district of Nairobi overnight.", "Korvanga")
    assert p.precision == "approximate" and p.country == "KE"
    camp = place("Aid reached the Dalvesh refugee camp in Kassala on Monday.", "Dalvesh")
    town = place("Aid reached the Dalvesh refugee camp in Kassala on Monday.", "Kassala")
    assert "holder_point" in camp.rule and (camp.lat, camp.lon) == (town.lat, town.lon)


def test_a_list_a_verb_or_a_country_places_nothing() -> None:
    listed = place("Floods hit Korvanga, Nairobi and Mombasa last week.", "Korvanga")
    assert listed.lat is None and listed.precision == "unknown"  # three places listed, none holds another
    held = place("Talks on the Korvanga deal were held in Nairobi.", "Korvanga")
    assert held.lat is None  # the talks were in Nairobi, not Korvanga
    country = place("The army moved into Korvanga in Kenya on Monday.", "Korvanga")
    assert country.lat is None  # a country's point says nothing of where in it a village lies


def test_a_region_named_with_its_country_part_still_holds() -> None:
    p = place("Birds died at Korvanga in Dorset, England, last week.", "Korvanga")
    dorset = place("Birds died at Korvanga in Dorset, England, last week.", "Dorset")
    assert (p.lat, p.lon) == (dorset.lat, dorset.lon)  # "Dorset, England" is one place in another, no list
