"""Entity edges that hide a place's whole name (layers/places/edges.py); invented sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from presslens.layers.places import gazetteer
from presslens.layers.places.edges import drop_lead_words
from presslens.layers.places.mentions import Mention
from presslens.testing import analyse_text


def _places(text: str) -> dict[str, object]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    for p in a.places:
        assert a.page_text[p.start : p.end] == p.text
    return {p.text: p for p in a.places}


def test_a_country_name_ner_calls_an_organisation_is_the_country() -> None:
    got = _places("The ministry said the Democratic People's Republic of Korea would answer any attack.")
    p = got["Democratic People's Republic of Korea"]
    assert (p.country, p.precision, p.role) == ("KP", "country", "toponym"), p  # type: ignore[attr-defined]
    assert "Republic" not in got


def test_iso_country_names_are_the_countries() -> None:
    g = gazetteer()
    for name, iso in (("Russian Federation", "RU"), ("Syrian Arab Republic", "SY"), ("Viet Nam", "VN")):
        assert any(e.precision == "country" and e.country == iso for e, _ in g.candidates(name)), name


def _doc(words: list[str], tags: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, tags=tags)


def test_a_glued_lead_word_is_dropped() -> None:
    doc = _doc(["Meanwhile", "Spain", "said", "no", "."], ["RB", "NNP", "VBD", "DT", "."])
    m = Mention(0, 2, "Meanwhile Spain", "toponym", "ner_place", (), from_ner=True)
    drop_lead_words(doc, gazetteer(), [m], set())
    assert (m.start, m.end, m.text, m.rule) == (1, 2, "Spain", "lead_word_dropped")
    assert any(e.country == "ES" for e, _ in m.cands)


def test_a_proper_noun_lead_word_stays() -> None:
    doc = _doc(["Xavier", "Spain", "said", "no", "."], ["NNP", "NNP", "VBD", "DT", "."])
    m = Mention(0, 2, "Xavier Spain", "toponym", "ner_place", (), from_ner=True)
    drop_lead_words(doc, gazetteer(), [m], set())
    assert (m.start, m.rule) == (0, "ner_place")


@pytest.mark.parametrize(("text", "name", "country", "admin1"), [
    # invented sentences; "St." and "Saint" open the same names (lang/en/saint_forms.tsv)
    ("Police in St. Paul, Minn., said the man was arrested.", "St. Paul", "US", "MN"),
    ("The St. Paul Saints won again. Minnesota fans cheered.", "St. Paul", "US", "MN"),
    ("Officials in Minneapolis/St. Paul said the roads were closed.", "St. Paul", "US", "MN"),
    ("Flooding closed roads in Saint Petersburg, Florida, on Monday.", "Saint Petersburg", "US", "FL"),
])
def test_a_saint_name_is_read_whole_in_either_spelling(text: str, name: str, country: str, admin1: str) -> None:
    got = _places(text)
    p = got[name]
    assert (p.country, p.admin1) == (country, admin1), p  # type: ignore[attr-defined]
    assert "Paul" not in got  # never the bare second word ("Paul", a region of Cape Verde)


def test_saint_forms_index_both_spellings() -> None:
    g = gazetteer()
    assert any(e.country == "US" and e.admin1 == "MN" and p for e, p in g.candidates("St. Paul"))
    assert any(e.country == "US" and e.admin1 == "MO" and p for e, p in g.candidates("Saint Louis"))
