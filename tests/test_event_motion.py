"""Motion verbs whose cargo or purpose decides the act (layers/events/motion.py): what a motion verb
carries, read on the parse of invented news sentences, and the type the whole pipeline gives."""

from __future__ import annotations

import pytest

from presslens.layers.events import motion
from presslens.nlp import load_model
from presslens.settings import load_settings
from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events", "agents"]


def _verb(text: str, lemma: str):  # type: ignore[no-untyped-def]
    doc = load_model(load_settings()["nlp"]["model"])(text)
    return next(t for t in doc if t.lemma_.lower() == lemma and t.pos_ == "VERB")


@pytest.mark.parametrize("text,lemma,carried", [
    ("The charity flew in blankets and tents for the families.", "fly", {"blankets", "tents"}),
    ("A convoy of trucks loaded with flour and blankets headed for the besieged town on Tuesday.", "head", {"flour"}),
    ("The team arrived in the capital with vaccines on Monday.", "arrive", {"vaccines"}),
])
def test_cargo_reads_what_is_carried(text: str, lemma: str, carried: set[str]) -> None:
    assert carried <= {t.text for t in motion.cargo(_verb(text, lemma))}


def test_weapons_are_no_relief_cargo() -> None:
    verb = _verb("Soldiers arrived in the village with rifles and grenades.", "arrive")
    assert motion.motion_cargo(verb) is None


def test_trip_to_a_place_is_no_promise() -> None:
    # CAMEO's FLY * (TO) [036] (intent to meet) is dropped by the lexicon build's weak_travel
    evs = analyse_text("The patient was flown by helicopter to a hospital in the capital.", stages=STAGES).events
    assert not [e for e in evs if e.type in ("AGREE", "CONSULT")]


def test_relief_carried_by_a_ship_is_aid() -> None:
    evs = analyse_text("The hospital ship, stocked with vaccines and medicine, sailed toward the stricken island.",
                       stages=STAGES).events
    assert [e for e in evs if e.type == "AID" and "motion-cargo" in e.rules]
