"""Regular verb inflection both ways, and rule ``lexicon-lemma`` (layers/events/inflect.py): a trigger verb
whose inflected form the model lemmatises to another word ("fined" -> "fin") still reads as its entry.
Invented sentences."""

from __future__ import annotations

import pytest

from presslens.layers.events.inflect import LexiconLemmas, bases, inflections
from presslens.nlp import load_model
from presslens.settings import load_settings
from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events", "agents"]


@pytest.mark.parametrize("verb,forms", [
    ("fine", ("fines", "fined", "fining")),
    ("ban", ("bans", "banned", "banning")),
    ("visit", ("visits", "visited", "visiting")),
    ("deny", ("denies", "denied", "denying")),
    ("push", ("pushes", "pushed", "pushing")),
    ("free", ("frees", "freed", "freeing")),
    ("tie", ("ties", "tied", "tying")),
])
def test_inflections_follow_the_spelling_rules(verb: str, forms: tuple[str, str, str]) -> None:
    assert tuple(inflections(verb).values()) == forms
    for f in forms:
        assert verb in bases(f)


def test_bases_keep_only_real_inflections() -> None:
    assert bases("fined") == ("fine",)  # "fin" would give "finned"
    assert "stag" not in bases("staged")
    assert set(bases("hoped")) == {"hope"}


def test_model_loses_the_e_stem() -> None:
    # The premise of the rule: the shipped model reads "fined" as "fin" (tools/lexicon_inflections.py).
    doc = load_model(load_settings()["nlp"]["model"])("The court fined the editor on Monday.")
    assert doc[2].lemma_ == "fin"


def test_rule_takes_the_lexicon_verb_only() -> None:
    rule = LexiconLemmas(frozenset({"fine", "stage", "protest"}))
    assert rule.lemma("fined", "fin") == "fine"
    assert rule.lemma("staging", "stag") == "stage"
    assert rule.lemma("protested", "protest") is None  # the model's lemma is an entry: kept
    assert rule.lemma("hopped", "hop") is None  # no lexicon verb behind the form


def test_rule_replaces_a_known_lemma_the_form_cannot_inflect() -> None:
    rule = LexiconLemmas(frozenset({"hope", "hop", "bid", "bide", "flee"}))
    assert rule.lemma("hoped", "hop") == "hope"  # "hop" gives "hopped"
    assert rule.lemma("bided", "bid") == "bide"
    assert rule.lemma("fled", "flee") is None  # irregular: no regular base is an entry


@pytest.mark.parametrize("text,etype", [
    ("The court fined the editor on Monday.", "SANCTION"),
    ("The regulator is fining the bank for late reports.", "SANCTION"),
    ("The opposition lambasted the minister over the budget.", "ACCUSE"),
])
def test_inflected_trigger_gives_its_event(text: str, etype: str) -> None:
    assert etype in {e.type for e in analyse_text(text, stages=STAGES).events}
