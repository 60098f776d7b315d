"""Lexicon entries checked against the PLOVER 2.0 manual's type definitions (session 25, "confuse").
Sentences invented for these tests."""

from __future__ import annotations

import pytest

from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events"]


@pytest.mark.parametrize("text", [
    "A regional court issued an arrest warrant for the exiled opposition leader on Monday.",
    "Prosecutors issued warrants for the arrest of two retired generals.",
])
def test_issuing_an_arrest_warrant_is_a_threat_of_arrest(text: str) -> None:
    # manual 3.11.2 / 3.15.2: issuing an (in-absentia) arrest is THREATEN 'arrest', not a demand or an arrest
    evs = [(e.type, e.mode) for e in analyse_text(text, stages=STAGES).events]
    assert ("THREATEN", "arrest") in evs, evs
    assert not {t for t, _ in evs} & {"REQUEST", "COERCE"}, evs


def test_a_search_warrant_is_no_threat_of_arrest() -> None:
    evs = analyse_text("The judge issued a search warrant for the company's offices.", stages=STAGES).events
    assert ("THREATEN", "arrest") not in [(e.type, e.mode) for e in evs]


@pytest.mark.parametrize(("text", "mode"), [
    ("Government troops moved into position near the northern city on Friday.", "troops"),
    ("Enemy forces crossed the border early on Tuesday.", "troops"),
])
def test_a_move_of_forces_is_mobilize_not_a_seizure(text: str, mode: str) -> None:
    # manual 3.14 "all military or police moves that fall short of the actual use of force"; no control stated
    evs = [(e.type, e.mode) for e in analyse_text(text, stages=STAGES).events]
    assert ("MOBILIZE", mode) in evs, evs
    assert "COERCE" not in {t for t, _ in evs}, evs


def test_taking_a_place_stays_a_seizure() -> None:
    evs = [(e.type, e.mode) for e in analyse_text("Rebels seized the airport on Monday.", stages=STAGES).events]
    assert ("COERCE", "seize") in evs, evs
