"""Place agreement in the cross-source merge (``across/place_agree.py`` ``places``): a place within the
other report's place is compatible (a town in the region or county named, a county in its region,
anything in its country), only places that cannot hold each other keep reports apart, and a place
the gazetteer lacks decides nothing. Places are GeoNames entries as the gazetteer gives them, named
as the across set's outlets name them (eval/dev/across: Helmand, Lashkar Gah, Reynosa, Guerrero,
Tamaulipas) and as text-only places appear in the events_snippets set ("the Zharay district")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from presslens.across.place_agree import places as _places
from presslens.gazetteer import gazetteer
from presslens.pipeline import ingest
from presslens.settings import load_settings
from presslens.store import Store


def place(name: str, precision: str) -> dict[str, Any]:
    e = next(e for e, _ in gazetteer().candidates(name) if e.precision == precision)
    return {"place_name": e.name, "geonameid": e.geonameid, "country": e.country, "admin1": e.admin1,
            "lat": e.lat, "lon": e.lon, "geo_precision": e.precision}


def text_only(name: str, precision: str, country: str | None) -> dict[str, Any]:
    """A place the events layer names from the text alone (toponyms.py ``named-place-noun``)."""
    return {"place_name": name, "geonameid": None, "country": country, "admin1": None, "lat": None, "lon": None,
            "geo_precision": precision}


CASES = [
    # (place a, place b, points or None = the texts keep the reports apart)
    (("Lashkar Gah", "city"), ("Helmand", "region"), 1),  # the town within the province named
    (("Reynosa", "city"), ("Tamaulipas", "region"), 1),
    (("Reynosa", "city"), ("Guerrero", "region"), None),  # a town outside the state named
    (("Lashkar Gah", "county"), ("Helmand", "region"), 1),  # a district within its province
    (("Lashkar Gah", "county"), ("Kandahar", "region"), None),  # ... not within another province
    (("Helmand", "region"), ("Kandahar", "region"), None),  # two provinces
    (("Kandahar", "city"), ("Lashkar Gah", "city"), None),  # two towns 130 km apart
    (("Helmand", "region"), ("Afghanistan", "country"), 1),  # a province within its country
    (("Lashkar Gah", "city"), ("Kenya", "country"), None),
]


@pytest.mark.parametrize(("a", "b", "want"), CASES)
def test_places_within_each_other_agree(a: tuple[str, str], b: tuple[str, str], want: int | None) -> None:
    pa, pb = place(*a), place(*b)
    assert _places(pa, pb) == want
    assert _places(pb, pa) == want  # symmetric


def test_a_place_the_gazetteer_lacks_decides_nothing() -> None:
    zharay = text_only("Zharay", "city", "AF")  # "the Zharay district of Kandahar province"
    assert _places(zharay, place("Kandahar", "city")) == 0
    assert _places(place("Lashkar Gah", "city"), zharay) == 0
    # ... but a text-only place of another country still keeps them apart.
    assert _places(zharay, place("Reynosa", "city")) is None


RECORDS = [
    ("Wire", "Police break up township protest\n\nJOHANNESBURG, Sept 21 - Police fired rubber bullets at about 300 "
             "residents who protested over water supplies in Witbank on Tuesday, officials said."),
    ("Province", "Unrest in Mpumalanga\n\nPolice dispersed residents who protested over water supplies in Mpumalanga "
                 "province on Tuesday, the provincial government said."),
    ("Coast", "Durban march\n\nAbout 2,000 people protested over water supplies in Durban on Tuesday, the city said."),
]


def test_a_town_and_its_province_are_one_place_end_to_end(tmp_path: Path) -> None:
    """Written in the style of the across set's s02 outlets (eval/dev/across: a wire report naming the
    town, the provincial government naming its province, another city's protest the same day)."""
    src = tmp_path / "x.jsonl"
    src.write_text("".join(json.dumps({"url": f"https://{s.lower()}.example/r", "source": s, "published": "2005-09-21",
                                       "text": t}) + "\n" for s, t in RECORDS), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        ingest([src], store, settings=load_settings())
        rows = store.rows("SELECT a.source, e.place_name, e.canonical_id FROM events e JOIN articles a "
                          "ON a.id = e.article_id WHERE e.type = 'PROTEST' AND e.place_name IS NOT NULL")
    by = {r["source"]: r for r in rows}
    assert by["Wire"]["place_name"] == "Emalahleni" and by["Province"]["place_name"] == "Mpumalanga"
    assert by["Wire"]["canonical_id"] == by["Province"]["canonical_id"]  # Witbank lies in Mpumalanga
    assert by["Coast"]["canonical_id"] != by["Wire"]["canonical_id"]  # Durban is in KwaZulu-Natal
