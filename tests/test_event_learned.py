"""The learned check on candidate events (layers/events/learned.py, docs/events.md "Learned check"):
its weights carry their provenance, its features hold no word of the text, and it reads frames the
way the dev data taught it. Sentences written for this test."""

from __future__ import annotations

import pytest

from presslens import lang
from presslens.layers.events import learned
from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events"]


def _candidates(text: str) -> list[tuple[str, dict[str, float], int]]:
    learned.RECORD = []
    try:
        analyse_text(text, stages=STAGES)
        return list(learned.RECORD)
    finally:
        learned.RECORD = None


def test_weights_are_trained_on_dev_parts_only() -> None:
    raw = lang.data("events/filter.json")
    prov = raw["_provenance"]
    assert "dev parts only" in prov["trained_on"] and "frozen items unused" in prov["trained_on"]
    assert "tools/train_event_filter.py" in prov["command"]
    assert 0.0 < raw["threshold"] < 1.0 and raw["weights"]["bias"] != 0.0


def test_features_name_frames_not_words() -> None:
    cands = _candidates("The army attacked the rebels in the north on Monday.")
    assert cands, "the attack is a candidate"
    etype, feats, _ = cands[0]
    assert etype == "ASSAULT" and feats["type=ASSAULT"] == 1.0
    for name in feats:
        assert "attack" not in name and "army" not in name and "rebel" not in name


@pytest.mark.parametrize("plain,marked", [
    ("The minister visited Paris on Monday.", "The minister did not visit Paris on Monday."),
    ("Russia accused Ukraine of shelling the plant.", "Russia could accuse Ukraine of shelling the plant."),
])
def test_negated_or_hypothetical_act_scores_lower(plain: str, marked: str) -> None:
    check = learned.load_filter()
    assert check is not None
    p_plain = max(check.probability(f) for _, f, _ in _candidates(plain))
    p_marked = max(check.probability(f) for _, f, _ in _candidates(marked))
    assert p_marked < p_plain
