"""Every named rule of the events layer runs its own examples (lang/en/events/rules.yaml) through
the whole pipeline; a rule without examples, or examples of no rule, fail."""

from __future__ import annotations

from typing import Any

import pytest

from presslens.layers.events import rules as R
from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events"]
EXAMPLES = R.examples()
PSEUDO = {"modality-status", "modality-failure", "negation-no-event", "plover-lexicon-violence", "plover-lexicon-cooperation", "no-stated-place", "refusal-by-negated-future", "deontic-request", "intent-to-cooperate", "purpose-aim"}  # recorded names, not functions


def _cases() -> list[tuple[str, dict[str, Any]]]:
    return [(name, ex) for name, spec in EXAMPLES.items() for ex in spec["examples"]]


def test_every_rule_has_examples_and_origin() -> None:
    from presslens.layers import events  # noqa: F401  (registers every rule)

    assert set(R.RULES) - set(EXAMPLES) == set(), "rules without examples"
    assert set(EXAMPLES) - set(R.RULES) - PSEUDO == set(), "examples of no rule"
    assert all(spec.get("origin") for spec in EXAMPLES.values())


def _fits(ev: Any, want: dict[str, Any]) -> bool:
    if ev.type != want["type"]:
        return False
    if "mode" in want and (ev.mode or None) != want["mode"]:
        return False
    if "status" in want and ev.status != want["status"]:
        return False
    if "place" in want:
        if want["place"] is None:
            return ev.place_name is None
        return bool(ev.place_name) and want["place"].lower() in ev.place_name.lower()
    return True


@pytest.mark.parametrize("name,example", _cases(), ids=[f"{n}:{e['text'][:40]}" for n, e in _cases()])
def test_rule_example(name: str, example: dict[str, Any]) -> None:
    a = analyse_text(example["text"], stages=STAGES)
    evs = a.events
    got = [(e.type, e.mode, e.status, e.place_name, e.rules) for e in evs]
    for want in example.get("events", []):
        hits = [e for e in evs if _fits(e, want)]
        assert hits, f"{name}: expected {want}, got {got}"
    if example.get("events") and not example.get("rule_not_required"):
        assert any(r == name or r.startswith(name + ":") for e in evs for r in e.rules), (
            f"{name} not among the rules of {got}")
    for t in example.get("absent", []):
        assert not [e for e in evs if e.type == t], f"{name}: no {t} expected, got {got}"
