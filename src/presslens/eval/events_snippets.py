"""Suite over the events snippet set (eval/dev/events_snippets/, see its README.md and FROZEN.md).

Violence and protest news snippets (the material of the owners' held-out set B, and of set C: where
the event happened). Each snippet runs through the article pipeline on its own and is scored exactly
as ``events_sentences`` scores a sentence (``events_dev.sentence_scores``: micro-F1 over (snippet,
type) pairs, any-match, empty-clean, and mode, status and location accuracy on type-matched events),
with the keyword baseline beside every figure. Two macro-F1 figures:

- ``macro_f1``: the mean F1 over every type in the gold or the output of that part;
- ``violence_macro_f1``: the mean F1 over the violence and protest types (``VIOLENCE_TYPES``) that
  occur in the gold or the output of that part (a type absent from both is not averaged in as 0).

Rows ``events_snippets.dev`` / ``.frozen`` and per-type ``events_snippets_types.dev`` / ``.frozen``
score the first batch (the 150 snippets of session 13, ``batch`` "s13"), so their floors keep their
meaning; every later batch is reported on its own (``events_snippets_<batch>.dev`` / ``.frozen``,
e.g. ``events_snippets_s14``: text written after the rules it is scored on, FROZEN.md; a batch
frozen whole, as ``s21``, has a frozen row only) and the
whole set as ``events_snippets_all.dev`` / ``.frozen``.
"""

from __future__ import annotations

from typing import Any

from ..registry import suites
from . import Rows, SuiteContext, data_path
from .events_dev import (
    PARTS,
    VIOLENCE_TYPES,
    load_sentences,
    predict_set,
    sentence_scores,
)

SET_FILE = "eval/dev/events_snippets/snippets.jsonl"


def violence_macro(types: dict[str, Any]) -> float:
    """Mean F1 over the violence and protest types seen in the gold or the output."""
    seen = [t for t in sorted(VIOLENCE_TYPES) if f"{t}_f1" in types]
    return round(sum(types[f"{t}_f1"] for t in seen) / len(seen), 4) if seen else 0.0


@suites.register("events_snippets")
def events_snippets(ctx: SuiteContext) -> Rows:
    items = load_sentences(data_path(SET_FILE))
    system, base = predict_set(ctx, items)
    rows: Rows = {}
    later = sorted({it.get("batch", FIRST_BATCH) for it in items} - {FIRST_BATCH})
    for part in PARTS:
        sub = [it for it in items if it["part"] == part]
        first = [it for it in sub if it.get("batch", FIRST_BATCH) == FIRST_BATCH]
        rows[f"events_snippets.{part}"], rows[f"events_snippets_types.{part}"] = _scores(first, system, base)
        for batch in later:
            bsub = [it for it in sub if it.get("batch") == batch]
            if bsub:  # a batch frozen whole has no dev row
                rows[f"events_snippets_{batch}.{part}"] = _scores(bsub, system, base)[0]
        rows[f"events_snippets_all.{part}"] = _scores(sub, system, base)[0]
    return rows


FIRST_BATCH = "s13"


def _scores(sub: list[dict[str, Any]], system: Any, base: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    head, types = sentence_scores(sub, system)
    bhead, btypes = sentence_scores(sub, base)
    head["violence_macro_f1"], bhead["violence_macro_f1"] = violence_macro(types), violence_macro(btypes)
    return {**head, "baseline": bhead}, {**types, "baseline": btypes}
