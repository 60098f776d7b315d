"""The story view's disagreement flags (``server.story._differing``): a place named at another level
(a country that holds another report's city, a district the gazetteer lacks) is not a disagreement;
two cities are. Invented report rows."""

from __future__ import annotations

from typing import Any

from presslens.server.story import _differing


def _r(i: str, source: str, place: str | None, geonameid: int | None, precision: str | None,
       country: str | None) -> dict[str, Any]:
    return {"id": i, "source": source, "event_date": "2020-05-02", "date": "2020-05-02", "size": {},
            "place_name": place, "geonameid": geonameid, "geo_precision": precision, "country": country}


def test_a_place_at_another_level_is_not_a_disagreement() -> None:
    city = _r("a", "Wire", "Lowbank", 1, "city", "XX")
    country = _r("b", "Radio", "Northland", 2, "country", "XX")
    district = _r("c", "Daily", "Old Quarter", None, "unknown", None)
    assert _differing([city, country, district]) == []
    other_city = _r("d", "Agency", "Highmoor", 3, "city", "XX")
    assert _differing([city, country, other_city]) == ["place"]
    assert other_city["differs"] == ["place"] and country["differs"] == []
