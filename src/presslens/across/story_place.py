"""Where an article's story happens, for reports that do not say where (used by the merge).

Many reports state an act without its place ("About 40 people were held by police") because
the article has already said where the story is; others carry only a dateline's place, which says
where the story was filed ("LAGOS, May 3 - police fired tear gas ... in Ikorodu"),
or only the country. The merge compares such a report through its article's **story place**:

- the city or site the article names most often outside its dateline, when it leads every other
  city (a tie names no story place), among the cities of the country the article names most (a
  stray homonym in another country is no story place; a tie of countries goes to the dateline's);
  when the body names no such city, the dateline's city;
- it stands in for a report's place when the report has none, when its place is only the
  dateline's, or when its place is the country or region that contains the story place; and, for
  agreement points only (``stand_in``), when its place is a district or village the gazetteer lacks.

A place taken from the story is *weak*: it agrees with the other report's own city for one point,
not two, and it still keeps two reports apart when their cities are far from each other (the article
is about another city). Items keep their own place; only the merge reads this.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any

from . import state

CITY_LEVEL = {"city", "site"}
_PLACE_COLS = ("geonameid", "place_name", "country", "admin1", "lat", "lon", "geo_precision")


def _dateline(parts: Any) -> tuple[int, int] | None:
    rows = json.loads(parts) if isinstance(parts, str) else (parts or [])
    for p in rows:
        if p.get("role") == "dateline":
            return int(p["start"]), int(p["end"])
    return None


def story_places(store: Any, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    """article id -> its story place (GeoNames fields, as the merge reads them), where it has one."""
    if not article_ids:
        return {}
    rows = state.query_with(store, "_a", state.arrow({"id": article_ids}), """
        SELECT p.article_id, p.start, p.role, p.geonameid, p.name, p.country, p.admin1, p.lat, p.lon, p.precision,
               a.parts
        FROM places p JOIN articles a ON a.id = p.article_id
        WHERE p.article_id IN (SELECT id FROM _a) AND p.geonameid IS NOT NULL""")
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_article[r["article_id"]].append(r)
    return {aid: focus for aid, rs in by_article.items() if (focus := pick(rs)) is not None}


def pick(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The story place among one article's resolved toponyms (``story_places``'s rule)."""
    dl = _dateline(rows[0].get("parts")) if rows else None
    kept = [r for r in rows if not (dl and dl[0] <= r["start"] < dl[1])]
    # Demonyms ("North Macedonian") name the country; a city inside a name ("Skopje City Hall") is where
    # that site is.
    tally = Counter(r["country"] for r in kept if r["country"])
    countries = tally.most_common(2)
    country = countries[0][0] if countries and (len(countries) < 2 or countries[0][1] > countries[1][1]) else None
    if country is None and countries:
        # A tie of the body's countries ("... near Skopje City Hall ... the agreement with Brussels") is
        # broken by the dateline's country: the story is filed from there (``_filed_country``).
        country = _filed_country(rows, kept, tally)

    def city(r: dict[str, Any]) -> bool:
        return r["precision"] in CITY_LEVEL and r["role"] in ("toponym", "in_name") and \
            (country is None or r["country"] == country)

    cities = Counter(r["geonameid"] for r in kept if city(r)).most_common(2)
    if not cities:
        # A body that names no city of its country: the dateline's city ("NIAMEY - The Government ...").
        filed = [r for r in rows if r not in kept and city(r)]
        return _place(filed[0], 1) if filed else None
    if len(cities) > 1 and cities[0][1] == cities[1][1]:
        return None
    r = min((r for r in kept if r["geonameid"] == cities[0][0]), key=lambda r: r["start"])
    return _place(r, cities[0][1])


def _filed_country(rows: list[dict[str, Any]], kept: list[dict[str, Any]], tally: Counter[str]) -> str | None:
    """The dateline's country when it is one of the body's most named countries, else None."""
    top = max(tally.values())
    filed = {r["country"] for r in rows if r not in kept and r["country"]}
    tied = [c for c in filed if tally.get(c) == top]
    return tied[0] if len(tied) == 1 else None


def _place(r: dict[str, Any], mentions: int) -> dict[str, Any]:
    return {"geonameid": r["geonameid"], "place_name": r["name"], "country": r["country"], "admin1": r["admin1"],
            "lat": r["lat"], "lon": r["lon"], "geo_precision": r["precision"], "mentions": mentions}


def in_dateline(parts: Any, start: int | None) -> bool:
    dl = _dateline(parts)
    return start is not None and dl is not None and dl[0] <= start < dl[1]


def apply(event: dict[str, Any], focus: dict[str, Any] | None, parts: Any) -> None:
    """Give ``event`` (a merge row) its article's story place where its own says less; marks
    ``weak_place`` with the story place's number of mentions (0: its own place)."""
    event["weak_place"] = 0
    if focus is None:
        return
    own_dateline = in_dateline(parts, event.get("place_start"))
    prec = event.get("geo_precision")
    contains = bool(event.get("place_name")) and event.get("country") == focus["country"] and (
        prec == "country" or (prec == "region" and event.get("admin1") and event.get("admin1") == focus["admin1"]))
    if event.get("geonameid") == focus["geonameid"]:
        return  # its own place (or its dateline's) is the story's
    # A district or village the gazetteer lacks ("streets in Mapo District" in a Seoul story): as far as
    # the merge can tell it lies in the story's city, which stands in for points only (``stand_in``:
    # it keeps nothing apart, the district may lie elsewhere).
    text_only = bool(event.get("place_name")) and not event.get("geonameid") and \
        event.get("country") in (None, focus["country"]) and prec in (None, "unknown", *CITY_LEVEL)
    if not event.get("place_name") or own_dateline or contains or text_only:
        for k in _PLACE_COLS:
            event[k] = focus[k]
        event["weak_place"] = focus["mentions"]
        event["stand_in"] = text_only
