"""rule person_name (layers/places/persons.py): a person's surname is no town; invented sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from presslens.layers.places import gazetteer
from presslens.layers.places.mentions import Mention
from presslens.layers.places.persons import drop_person_words
from presslens.testing import analyse_text


def _places(text: str) -> dict[str, object]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    return {p.text: p for p in a.places}


@pytest.mark.parametrize(("text", "surname"), [
    ("Mr. Clawson told reporters in Michigan that the plant would close.", "Clawson"),
    ("Farm inspectors in Canada found the herd. Clifford says the carcass will be destroyed.", "Clifford"),
])
def test_a_surname_is_no_town(text: str, surname: str) -> None:
    assert surname not in _places(text)


def test_a_placed_name_stays_a_place_beside_a_namesake() -> None:
    got = _places("Ebola Reston was found in monkeys shipped to Reston, Virginia, last year.")
    p = got["Reston"]
    assert (p.country, p.precision) == ("US", "city"), p  # type: ignore[attr-defined]


def test_a_big_place_is_a_metonym_not_a_surname() -> None:
    got = _places("Houston said on Monday that the storm had passed, and the mayor agreed.")
    assert "Houston" in got


def test_the_surname_of_a_full_name_elsewhere_is_no_town() -> None:
    words = ["Lisa", "Harden", "runs", "a", "bakery", ".", "Harden", "opened", "it", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-GPE", "O", "O", "O"]
    doc = Doc(spacy.blank("en").vocab, words=words, ents=ents)
    m = Mention(6, 7, "Harden", "toponym", "ner_place", gazetteer().candidates("Harden"), from_ner=True)
    assert m.cands and drop_person_words(doc, [m]) == []
