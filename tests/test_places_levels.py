"""Division words (layers/places/levels.py), surnames and months in the gazetteer scan, alias regions."""

from __future__ import annotations

from presslens.layers.places import gazetteer
from presslens.layers.places.levels import division_reading, division_words, level_cands
from presslens.testing import analyse_text


def _places(text: str) -> dict[str, object]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    for p in a.places:
        assert a.page_text[p.start : p.end] == p.text
    return {p.text: p for p in a.places}


def test_division_word_never_takes_a_same_named_town() -> None:
    # across set s03 state.txt (a CC BY 2.5 variant of a Wikinews article), reworded: Boma State was a
    # South Sudanese state the gazetteer lacks; Boma is a DR Congo town.
    got = _places("Fighting broke out in Boma State, South Sudan, on Tuesday.")
    p = got["Boma State"]
    assert p.geonameid is None and p.country != "CD", p  # type: ignore[attr-defined]
    assert "division_level" in (p.rule or "")  # type: ignore[attr-defined]


def test_division_word_opening_an_organisation_name_is_left_alone() -> None:
    got = _places("The Boise State University team beat its rival in Boise.")
    assert all(p.country == "US" for p in got.values()), got  # type: ignore[attr-defined]


def test_division_reading_for_other_layers() -> None:
    gaz = gazetteer()
    assert division_reading(gaz, "Boma", "State") is None
    kaduna = division_reading(gaz, "Kaduna", "State")
    assert kaduna is not None and (kaduna.country, kaduna.precision) == ("NG", "region")
    swat = division_reading(gaz, "Swat", "district")
    assert swat is not None and (swat.country, swat.precision) == ("PK", "county")
    assert division_reading(gaz, "Boma", "city") is None  # not a division word


def test_level_order_follows_the_word() -> None:
    words = division_words()
    assert words["state"] == ("strict", ("region",)) and words["district"][0] == "loose"
    cands = gazetteer().candidates("Randwick")
    assert {e.precision for e, _ in level_cands(cands, "county")} == {"county"}
    assert level_cands(cands, "state") == ()


def test_surnames_and_months_are_not_scanned_as_towns() -> None:
    # GeoVirus article 72, dev part (Wikinews, CC BY 2.5), shortened
    got = _places("Her staff took no special precautions during August. Jimmy Philmont, 39, of Fairfield "
                  "in Texas told reporters he was not scared. Philmont said the world is hot now.")
    assert "August" not in got and "Philmont" not in got, list(got)


def test_alias_regions_carry_geonames_ids() -> None:
    e = max(gazetteer().candidates("Benue State"), key=lambda c: c[1])[0]
    assert (e.geonameid, e.country, e.admin1, e.precision) == (2347266, "NG", "26", "region")
