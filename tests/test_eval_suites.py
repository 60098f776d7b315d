"""The eval gate's floor check and the suite registry (no model needed)."""

from __future__ import annotations

from presslens import registry
from presslens.eval import check_floors, headline


def test_floor_check_flags_drops_missing_rows_and_ignores_skipped_suites() -> None:
    results = {
        "a": {"events.dev": {"micro_f1": 0.70, "mode_accuracy": 0.9}},
        "b": "skipped: no data here",
    }
    floors = {
        "_note": "ignored",
        "a": {"events.dev": {"micro_f1": 0.75, "mode_accuracy": 0.8}, "events.frozen": {"micro_f1": 0.5}},
        "b": {"places": {"acc161": 0.9}},
    }
    problems = check_floors(results, floors)
    assert problems == ["a events.dev.micro_f1: 0.7 < floor 0.75", "a events.frozen: missing from eval output"]
    assert check_floors({"a": {"events.dev": {"micro_f1": 0.75}}}, {"a": {"events.dev": {"micro_f1": 0.75}}}) == []


def test_headline_pairs_each_metric_with_its_baseline() -> None:
    rows = headline({"micro_f1": 0.7, "tp": 3, "type_X_n": 2, "baseline": {"micro_f1": 0.5}})
    assert rows == [("micro_f1", 0.7, 0.5)]


def test_gold_page_sets_are_registered_suites() -> None:
    assert {"seeds", "holdout", "holdout2", "holdout3"} <= set(registry.suites.names())
