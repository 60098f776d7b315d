"""Session 26 (placesb10): rule region_town. A town name NER misses is still scanned when a town
bearing it, of ``region_town_min_population`` people, lies in a first-level region the article
names, though a larger namesake abroad is its best reading (Winchester, England against Winchester,
Virginia). Every sentence is invented."""

from __future__ import annotations

from presslens.gazetteer import gazetteer
from presslens.layers.places.mentions import region_town, weights
from presslens.testing import analyse_text


def _places(text: str) -> dict[str, object]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    return {p.text: p for p in a.places}


def test_a_town_of_a_named_region_counts_though_its_best_reading_is_abroad() -> None:
    least = int(weights()["region_town_min_population"])
    cands = gazetteer().candidates("Winchester")
    best = max((e for e, own in cands if own), key=lambda e: e.population)
    assert best.country != "US"  # the English city: the scan's best reading alone finds no place
    assert region_town(cands, {("US", "VA")}, least)
    assert not region_town(cands, {("US", "DE")}, least)  # no Winchester in Delaware
    assert not region_town(cands, set(), least)
    assert not region_town(gazetteer().candidates("Stephens City"), {("US", "VA")}, least)  # too small


def test_a_town_ner_missed_is_read_in_the_region_the_article_names() -> None:
    got = _places("Prosecutors in Virginia said the new office in Winchester opens in May.")
    p = got["Winchester"]
    assert (p.country, p.admin1, p.precision) == ("US", "VA", "city"), p  # type: ignore[attr-defined]


def test_without_its_region_the_name_is_not_scanned_as_a_us_town() -> None:
    got = _places("Prosecutors said the new office in Winchester opens in May.")
    p = got.get("Winchester")
    assert p is None or p.country != "US", p  # type: ignore[attr-defined]
