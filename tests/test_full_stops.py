"""The ``full_stop_start`` check (presslens.text.full_stops) and what it found: the pipeline's
parser never runs two sentences into one at ". Capitalised" on the seed pages."""

from __future__ import annotations

from pathlib import Path

import spacy

from presslens.testing import analyse_text
from presslens.text.full_stops import full_stop_starts

SEEDS = Path(__file__).resolve().parents[1] / "src" / "presslens" / "examples"  # bundled copies of the seeds


def starts(text: str) -> list[str]:
    doc = spacy.blank("en")(text)
    return [doc[i].text for i in full_stop_starts(doc)]


def test_full_stop_then_capital_starts_a_sentence() -> None:
    assert starts("Gunmen fired on a patrol near the river. One soldier was hurt.") == ["One"]
    assert starts('The talks failed." Officials left the hall. "We will return," one said.') == ["Officials", '"']


def test_abbreviations_lower_case_and_numbers_do_not() -> None:
    # Tokenizer exceptions ("Gen.", "Calif."), the project's titles ("Col.", "Sgt."), lower case, numbers.
    assert starts("Lt. Col. Jane Doe met Gen. Roe and Sgt. Poe in Fresno, Calif. on Monday.") == []
    assert starts("He met a man. he left at No. 5 Main St. after the U.S. Army came.") == []
    # A capitalised title after a real stop still starts the sentence; "a man." is no abbreviation.
    assert starts("It rained. Col. Doe left. She saw a man. Then she left.") == ["Col", "She", "Then"]


def test_parser_keeps_every_full_stop_start_on_the_seed_pages() -> None:
    found = 0
    for path in sorted(SEEDS.glob("*.txt")):
        doc = analyse_text(path.read_text(encoding="utf-8")).doc
        assert doc is not None
        for i in full_stop_starts(doc):
            found += 1
            assert doc[i].is_sent_start, doc[max(0, i - 10):i + 5].text
    assert found >= 50  # real boundaries were checked, not an empty list
