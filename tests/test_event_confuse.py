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
