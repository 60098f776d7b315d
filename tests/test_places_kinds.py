"""rule class_word (layers/places/kinds.py): a storm, ship, aircraft, pathogen, treaty, award or
holiday that shares a town's name is no place; invented sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from presslens.layers.places import gazetteer
from presslens.layers.places.kinds import drop_class_words
from presslens.layers.places.mentions import Mention
from presslens.testing import analyse_text


def _places(text: str) -> dict[str, object]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    return {p.text: p for p in a.places}


@pytest.mark.parametrize(("text", "name"), [
    ("Crews in Texas flew C-130 Hercules aircraft over the fires.", "Hercules"),
    ("Two Chinook helicopters lifted supplies to farms cut off by the flood in Iowa.", "Chinook"),
    ("Health officers in Ohio found the Reston ebolavirus in a shipment of monkeys.", "Reston"),
    ("Sailors in Maine painted the deck of the USS North Carolina through the winter.", "North Carolina"),
])
def test_a_named_thing_is_no_place(text: str, name: str) -> None:
    got = _places(text)
    assert name not in got, got
    assert any(k in got for k in ("Texas", "Iowa", "Ohio", "Maine")), got  # the real places stay


def test_a_country_before_a_class_noun_stays_a_place() -> None:
    got = _places("Dozens of U.S. aircraft landed at the base near Seoul on Tuesday.")
    assert "U.S." in got


def test_a_town_placed_by_its_qualifier_stays_beside_the_class_word() -> None:
    got = _places("A hospital in Reston, Virginia, studied the Reston ebolavirus for years.")
    assert "Reston" in got
    p = got["Reston"]
    assert (p.country, p.precision) == ("US", "city"), p  # type: ignore[attr-defined]


def test_a_town_named_hurricane_stays_a_place() -> None:
    got = _places("The council of Hurricane, Utah, voted to repave the main street.")
    assert "Hurricane" in got


def test_a_storm_title_drops_the_storm_and_the_title_word() -> None:
    words = ["Hurricane", "Joaquin", "hit", "the", "coast", "."]
    doc = Doc(spacy.blank("en").vocab, words=words)
    title = Mention(0, 1, "Hurricane", "toponym", "gazetteer_scan", gazetteer().candidates("Hurricane"))
    name = Mention(1, 2, "Joaquin", "toponym", "gazetteer_scan", gazetteer().candidates("Joaquin"))
    assert title.cands and name.cands and drop_class_words(doc, [title, name]) == []
