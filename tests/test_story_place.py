"""The story place: a report that does not say where takes its article's city (across/story_place.py).

Place rows are built by hand after the articles of the across dev set (eval/dev/across/pages):
a Seoul wire story datelined SEOUL, a Delmas story datelined JOHANNESBURG, a government statement
whose one city is a homonym in another country; merge rows as tests/test_merge.py builds them.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from presslens.across.merge_score import compatible
from presslens.across.story_place import apply, pick

SEOUL = {"geonameid": 1835848, "name": "Seoul", "country": "KR", "admin1": "11", "lat": 37.57, "lon": 126.98,
         "precision": "city", "role": "toponym"}
BUSAN = {"geonameid": 1838524, "name": "Busan", "country": "KR", "admin1": "10", "lat": 35.10, "lon": 129.04,
         "precision": "city", "role": "toponym"}
DELMAS = {"geonameid": 1007311, "name": "Delmas", "country": "ZA", "admin1": "06", "lat": -26.15, "lon": 28.68,
          "precision": "city", "role": "toponym"}
JOBURG = {"geonameid": 993800, "name": "Johannesburg", "country": "ZA", "admin1": "06", "lat": -26.20,
          "lon": 28.04, "precision": "city", "role": "toponym"}
ZA = {"geonameid": 953987, "name": "South Africa", "country": "ZA", "admin1": None, "lat": -29.0, "lon": 24.0,
      "precision": "country", "role": "toponym"}
SS = {"geonameid": 7909807, "name": "South Sudan", "country": "SS", "admin1": None, "lat": 7.5, "lon": 30.0,
      "precision": "country", "role": "toponym"}
JUBA = {"geonameid": 373303, "name": "Juba", "country": "SS", "admin1": "01", "lat": 4.85, "lon": 31.58,
        "precision": "city", "role": "toponym"}
BOMA = {"geonameid": 2317397, "name": "Boma", "country": "CD", "admin1": "08", "lat": -5.85, "lon": 13.05,
        "precision": "city", "role": "toponym"}
WASHINGTON = {"geonameid": 4140963, "name": "Washington", "country": "US", "admin1": "DC", "lat": 38.90,
              "lon": -77.04, "precision": "city", "role": "toponym"}
DATELINE = json.dumps([{"role": "dateline", "start": 0, "end": 20}])


def at(place: dict[str, Any], start: int, role: str | None = None) -> dict[str, Any]:
    return {**place, "start": start, "parts": DATELINE, **({"role": role} if role else {})}


@pytest.mark.parametrize("rows, expected", [
    # "JOHANNESBURG, Sept 20 - ... in Delmas ... Delmas": the dateline says where it was filed.
    ([at(JOBURG, 0), at(DELMAS, 60), at(JOBURG, 90), at(DELMAS, 200)], "Delmas"),
    # "Seoul City Hall" names the city the site is in; demonyms vote for the country.
    ([at(SEOUL, 300, "in_name"), at({**SEOUL, "precision": "country", "geonameid": 1}, 40, "demonym")], "Seoul"),
    ([at(SEOUL, 30), at(BUSAN, 90)], None),  # a tie names no story place
    ([at(SS, 30), at(SS, 90), at(BOMA, 120)], None),  # a homonym outside the article's country
    # "JUBA - The Government of the Republic of South Sudan ...": a body naming no city of its
    # country is set in its dateline's city.
    ([at(JUBA, 0), at(SS, 30), at(SS, 90), at(BOMA, 120)], "Juba"),
    # "SEOUL - ... near Seoul City Hall ... the agreement with Washington": the body's two countries tie,
    # the dateline's breaks the tie; with no dateline in either country the tie names no story place.
    ([at(SEOUL, 0), at(SEOUL, 190, "in_name"), at(WASHINGTON, 700)], "Seoul"),
    ([at(JUBA, 0), at(SEOUL, 190, "in_name"), at(WASHINGTON, 700)], None),
])
def test_pick(rows: list[dict[str, Any]], expected: str | None) -> None:
    got = pick(rows)
    assert (got["place_name"] if got else None) == expected


def _ev(art: str, place: dict[str, Any] | None, start: int | None = None, **kw: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"id": art + "-e", "article_id": art, "type": "COERCE", "mode": "arrest", "date": "2008-06-29",
           "actors": [], "status": "reported", "published": "2008-06-30", "place_start": start,
           "place_name": None, "country": None, "geonameid": None, "geo_precision": None, "admin1": None,
           "lat": None, "lon": None}
    if place:
        row.update(place_name=place["name"], country=place["country"], geonameid=place["geonameid"],
                   geo_precision=place["precision"], admin1=place["admin1"], lat=place["lat"], lon=place["lon"])
    row.update(kw)
    return row


def _focus(place: dict[str, Any]) -> dict[str, Any]:
    got = pick([at(place, 50)])
    assert got is not None
    return got


def test_placeless_report_meets_its_story_city_and_a_far_city_keeps_it_apart() -> None:
    # "Around 70 people were detained by police ..." in a Seoul story vs a Seoul report of that day.
    a, b = _ev("x", None), _ev("y", SEOUL, 500)
    assert not compatible(a, b)  # the day alone is not enough
    apply(a, _focus(SEOUL), DATELINE)
    apply(b, _focus(SEOUL), DATELINE)
    assert a["weak_place"] and not b["weak_place"] and compatible(a, b)
    # The same placeless arrest in a Busan story is kept apart from the Seoul report.
    c = _ev("z", None)
    apply(c, _focus(BUSAN), DATELINE)
    assert not compatible(c, b)


def test_dateline_and_country_give_way_to_the_story_city() -> None:
    wire = _ev("w", JOBURG, 0, type="PROTEST", mode="demo", date="2005-09-20", published="2005-09-20")
    apply(wire, _focus(DELMAS), DATELINE)  # "JOHANNESBURG, Sept 20 - ... a protest in Delmas"
    assert wire["place_name"] == "Delmas" and wire["weak_place"]
    wiki = _ev("k", ZA, 300, type="PROTEST", mode="demo", date=None, published="2005-09-21")
    apply(wiki, _focus(DELMAS), DATELINE)  # "a protest" in South Africa, the story being Delmas
    assert wiki["place_name"] == "Delmas"
    wiki["names"] = wire["names"] = {"a:1", "a:2", "g:1"}  # one story (same_story)
    # Undated, published the day after: the other's day is in its window.
    assert compatible(wiki, wire)
    own = _ev("o", SEOUL, 300)
    apply(own, _focus(BUSAN), DATELINE)
    assert own["place_name"] == "Seoul" and not own["weak_place"]  # its own city stands


def test_two_story_places_do_not_keep_one_act_apart() -> None:
    """Medics freed by Libya (a story set in Benghazi) and welcomed in Sofia (a story set there):
    two articles' story places differ, their own words do not (eval/dev/across s05)."""
    sofia = {"geonameid": 727011, "name": "Sofia", "country": "BG", "admin1": "42", "lat": 42.70, "lon": 23.32,
             "precision": "city", "role": "toponym"}
    benghazi = {"geonameid": 88319, "name": "Benghazi", "country": "LY", "admin1": "64", "lat": 32.11,
                "lon": 20.07, "precision": "city", "role": "toponym"}
    a = _ev("a", None, type="RETREAT", mode="release", date=None, published="2007-07-24", actors=["libya"])
    b = _ev("b", None, type="RETREAT", mode="release", date=None, published="2007-07-24", actors=["libya"])
    apply(a, _focus(benghazi), DATELINE)
    apply(b, _focus(sofia), DATELINE)
    a["names"] = b["names"] = {"a:1", "a:2", "g:1"}  # one story (same_story)
    assert compatible(a, b)
    # A report's own city still keeps it apart from another story's.
    c = _ev("c", sofia, 300, type="RETREAT", mode="release", date=None, published="2007-07-24", actors=["libya"])
    c["names"] = a["names"]
    assert not compatible(a, c)


def test_a_district_the_gazetteer_lacks_meets_its_story_city_for_points_only() -> None:
    """"... after roughly 600 demonstrators occupied roads in Jung District" (eval/dev/across s01, the
    state agency's variant): a text-only district (events ``named-place-noun``) in a Seoul story."""
    jung = {"geonameid": None, "name": "Jung", "country": None, "admin1": None, "lat": None, "lon": None,
            "precision": "unknown"}
    a, b = _ev("x", jung, 300), _ev("y", SEOUL, 300)
    b["actors"] = a["actors"] = []
    assert not compatible(a, b)  # the day alone is not enough
    apply(a, _focus(SEOUL), DATELINE)
    apply(b, _focus(SEOUL), DATELINE)
    assert a["place_name"] == "Seoul" and a["stand_in"] and compatible(a, b)
    # In a Busan story the district earns nothing against Seoul, but keeps nothing apart either:
    # the gazetteer cannot say where it lies.
    c = _ev("z", jung, 300)
    apply(c, _focus(BUSAN), DATELINE)
    far = {**b, "names": {"a:1", "a:2", "g:1"}}
    c["names"] = far["names"]  # one story: day 2 + story 1 = 3 points, the place neither adds nor vetoes
    assert c["stand_in"] and compatible(c, far)


def test_two_placeless_acts_of_one_day_filed_from_one_city_need_one_story() -> None:
    """Two ambushes of one Saturday, neither placed by its own words, in two articles whose story place
    is the capital they were filed from: the day and the filing city alone do not make one act
    (``merge_score._story_places_only``); a shared actor or one story does."""
    a = _ev("a", None, type="ASSAULT", mode="firearms", date="2017-03-25", published="2017-03-27")
    b = _ev("b", SS, 200, type="ASSAULT", mode="firearms", date="2017-03-25", published="2017-03-27")
    apply(a, _focus(JUBA), DATELINE)
    apply(b, _focus(JUBA), DATELINE)
    assert a["weak_place"] and b["weak_place"]
    assert not compatible(a, b)
    assert compatible({**a, "actors": ["x-gunmen"]}, {**b, "actors": ["x-gunmen"]})
    a["names"] = b["names"] = {"a:1", "a:2", "g:1"}  # one story (same_story)
    assert compatible(a, b)
