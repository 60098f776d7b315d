"""Session 27 (placesb11): rule demonym_span, and rule abbreviation_context run again once demonyms
and the scan have named the article's countries. A span NER tags as a place (GPE/LOC) that is a
demonym of the gazetteer's table and no place's own name is that demonym: before the rule the
spelling fallback read such a span as a town spelled like it, or left it unresolved. A name that is
also a place's own name ("Canadian", a town in Texas) stays with the resolver. Every sentence is
invented."""

from __future__ import annotations

from presslens.gazetteer import gazetteer
from presslens.layers.places.mentions import weights
from presslens.layers.places.namewords import demonym_span
from presslens.testing import analyse_text


def _far() -> float:
    return float(weights()["far_km"])


def test_a_demonym_that_is_no_place_name_is_its_region_or_country() -> None:
    gaz = gazetteer()
    hit = demonym_span(gaz, "Albertan", _far())
    assert hit is not None and hit[0] is not None
    assert (hit[0].country, hit[0].admin1, hit[0].precision) == ("CA", "01", "region")
    zm = demonym_span(gaz, "Zambian", _far())
    assert zm is not None and zm[0] is not None and zm[0].country == "ZM" and zm[0].precision == "country"


def test_a_place_name_or_a_plain_word_is_not_taken() -> None:
    gaz = gazetteer()
    assert gaz.demonym("Canadian") is not None and gaz.candidates("Canadian")  # also towns' own name
    assert demonym_span(gaz, "Canadian", _far()) is None
    assert demonym_span(gaz, "Springfield", _far()) is None  # a place, no demonym
    assert demonym_span(gaz, "Budget", _far()) is None


def test_a_shared_name_keeps_both_readings_for_the_context() -> None:
    hit = demonym_span(gazetteer(), "Georgian", _far())  # Georgia the country, or the US state
    assert hit is not None and hit[0] is None
    assert {e.country for e, _ in hit[1]} >= {"GE", "US"}


def test_a_demonym_ner_tags_as_a_place_is_read_as_the_demonym() -> None:
    a = analyse_text("The report reached every Albertan household by March.", stages=["nlp", "actors", "places"])
    got = {p.text: p for p in a.places}
    p = got["Albertan"]
    assert p.role == "demonym" and "demonym_span" in p.rule, p
    assert (p.country, p.admin1) == ("CA", "01"), p


def test_an_abbreviation_reads_in_the_country_a_demonym_names() -> None:
    a = analyse_text("A Western Australian minister said the new clinics in WA open next month.",
                     stages=["nlp", "actors", "places"])
    got = {p.text: p for p in a.places}
    assert got["Western Australian"].role == "demonym"
    p = got["WA"]
    assert (p.country, p.admin1, p.precision) == ("AU", "08", "region"), p  # not Wa, Ghana
    assert "abbreviation_context" in p.rule


def test_without_a_demonym_or_place_of_the_country_the_context_rule_stays_out() -> None:
    a = analyse_text("The minister said the new clinics in WA open next month.", stages=["nlp", "actors", "places"])
    assert all("abbreviation_context" not in p.rule for p in a.places)
