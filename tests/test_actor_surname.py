"""Rule ``article_surname`` (layers/actors/people.py): a later bare surname of a person the article
named in full is that person, even where the parser tags no entity. Sentences written for this
test in the style of GeoVirus's Wikinews articles (where the rule was found: "Mohamed Tamalt ...
Tamalt was convicted", "Solorio then introduced ...")."""

from __future__ import annotations

from presslens.testing import analyse_text


def _mentions(text: str) -> list[tuple[str, str | None]]:
    a = analyse_text(text, stages=["nlp", "actors"])
    return [(m.text, m.actor_id) for m in a.mentions]


def test_sentence_initial_surname_is_the_person_named_before() -> None:
    ms = _mentions("Mohamed Tamalt, a journalist, died in hospital on Sunday. Tamalt was convicted in June. "
                   "He had lived in London.")
    full = [aid for t, aid in ms if t == "Mohamed Tamalt"]
    assert full and full[0]
    assert ("Tamalt", full[0]) in ms


def test_surname_inside_a_longer_name_is_not_the_person() -> None:
    ms = _mentions("Jean Dupont spoke to reporters on Monday. Dupont Industries said its plant would close.")
    person = next(aid for t, aid in ms if t == "Jean Dupont")
    assert not any(t == "Dupont" and aid == person for t, aid in ms)
