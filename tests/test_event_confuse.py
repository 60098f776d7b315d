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


def test_a_gathering_is_no_protest_by_itself() -> None:
    # manual 3.12: collective action carried out as a protest; a meeting of parties is CONSULT (3.2)
    evs = analyse_text("The leaders of the regional bloc opened their annual gathering in the capital on Sunday.",
                       stages=STAGES).events
    assert "PROTEST" not in {e.type for e in evs}
    evs = analyse_text("Thousands of protesters gathered outside parliament on Sunday to denounce the new law.",
                       stages=STAGES).events
    assert "PROTEST" in {e.type for e in evs}
