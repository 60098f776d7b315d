"""Session 25 (placesb9): region abbreviations two countries share ("WA", "NT") read in the
article's country (rules region_abbreviation and abbreviation_context), and the first-level
demonyms of Australia and Canada (region_demonyms.tsv). Every sentence is invented."""

from __future__ import annotations

from presslens.gazetteer import gazetteer
from presslens.testing import analyse_text


def _places(text: str) -> dict[str, object]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    return {p.text: p for p in a.places}


def test_a_shared_form_names_the_region_of_the_articles_country() -> None:
    gaz = gazetteer()
    assert gaz.abbreviation("WA")[0].code == "US-WA"  # no context: the first listed, as before
    assert gaz.abbreviation("WA", {"AU"})[0].code == "AU-WA"
    assert gaz.abbreviation("WA", {"US"})[0].code == "US-WA"
    assert gaz.abbreviation("WA", {"US", "AU"})[0].code == "US-WA"  # both: no guess
    assert gaz.abbreviation("NT", {"AU"})[0].code == "AU-NT"
    assert gaz.abbreviation("NT", {"CA"})[0].code == "CA-NT"


def test_wa_beside_western_australia_is_the_state() -> None:
    got = _places("Wheat growers in Western Australia expect a dry winter, and many farms in WA have cut planting.")
    p = got["WA"]
    assert (p.country, p.admin1, p.precision) == ("AU", "08", "region"), p  # type: ignore[attr-defined]


def test_wa_after_an_american_city_stays_washington() -> None:
    got = _places("Crews from Spokane, WA, and Boise, Idaho, fought the fire through the night.")
    p = got["WA"]
    assert (p.country, p.admin1) == ("US", "WA"), p  # type: ignore[attr-defined]


def test_regional_demonyms_of_australia_and_canada() -> None:
    got = _places("Western Australians and British Columbians both pay less for power than residents of Ontario.")
    wa, bc = got["Western Australians"], got["British Columbians"]
    assert (wa.country, wa.admin1, wa.role) == ("AU", "08", "demonym"), wa  # type: ignore[attr-defined]
    assert (bc.country, bc.admin1, bc.role) == ("CA", "02", "demonym"), bc  # type: ignore[attr-defined]
