"""Where two reports' places agree, for the cross-source merge (``merge_score.score``).

Outlets name one act's place at different levels: the town, its district, its province, the
country. Two places of one country agree when one may lie within the other by the GeoNames
hierarchy the gazetteer gives (precision levels site/city < county < region < country, and each
division's first-level ``admin1`` code); only places that cannot hold each other keep reports apart.
A place the gazetteer lacks decides nothing; a place taken from the article's story
(``story_place.py``, ``weak_place``) agrees for one point, not two, and one standing in for a
text-only place (``stand_in``) keeps nothing apart. docs/across.md "Places".
"""

from __future__ import annotations

import math
from typing import Any

CITY_LEVEL = {"city", "site"}
# Default of setting across.merge_near_km (``merge_score.Knobs``): a suburb and its city (Villepinte-Paris
# 17 km) are one place for a rally.
NEAR_KM = 30.0


def km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    if None in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon")):
        return None
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def places(a: dict[str, Any], b: dict[str, Any], near_km: float = NEAR_KM) -> int | None:
    """Agreement points of two merge rows' places (module doc); None when they cannot be one place."""
    p = _place_points(a, b, near_km)
    # The story's city standing in for a place the gazetteer lacks earns points, keeps nothing apart.
    return 0 if p is None and (a.get("stand_in") or b.get("stand_in")) else p


def _place_points(a: dict[str, Any], b: dict[str, Any], near_km: float) -> int | None:
    if not a["place_name"] or not b["place_name"]:
        return 0
    if a.get("weak_place") and b.get("weak_place") and a["geonameid"] != b["geonameid"]:
        return 0  # two stories set in two places may still tell one act (freed in Libya, flown to Sofia)
    if a["country"] and b["country"] and a["country"] != b["country"]:
        return None
    same = (a["geonameid"] and a["geonameid"] == b["geonameid"]) or (
        a["place_name"].lower() == b["place_name"].lower())
    if same:
        # A place taken from the article's story (story_place.py) agrees for one point, not two.
        strong = not (a.get("weak_place") or b.get("weak_place"))
        return 2 if a["geo_precision"] in CITY_LEVEL and strong else 1
    return _containment(a, b, near_km)


# How much ground a place of each precision covers: a place can lie within one of a higher level only.
LEVEL = {"site": 0, "city": 0, "county": 1, "region": 2, "country": 3}


def _containment(a: dict[str, Any], b: dict[str, Any], near_km: float) -> int | None:
    """Two different places of one country (or of unknown countries): one point when one may lie
    within the other (a suburb near its city, a town in the county or region named, a county in its
    region, anything in its country), None only when they cannot hold each other: two towns more than
    ``near_km`` apart, or divisions of different first-level regions (GeoNames admin1 codes; a town
    outside the region named). A place the gazetteer lacks ("the Kolam district", a text-only
    place with no point or region) decides nothing: 0."""
    la, lb = LEVEL.get(a["geo_precision"] or ""), LEVEL.get(b["geo_precision"] or "")
    if la == 0 and lb == 0:
        d = km(a, b)
        if d is None:
            # The distance to a place the gazetteer lacks is unknown.
            return None if a["geonameid"] and b["geonameid"] else 0
        return 1 if d <= near_km else None  # a suburb of the city, else two cities
    if la is not None and lb is not None and max(la, lb) in (LEVEL["county"], LEVEL["region"]) \
            and a.get("admin1") and b.get("admin1"):
        # A town or county within (or outside) the region or county named; two divisions of
        # different first-level regions.
        return 1 if a["admin1"] == b["admin1"] else None
    return 1 if a["country"] and a["country"] == b["country"] else 0
