"""The events layer reads the quotes layer's kinds (docs/events.md, "Status"): the content of a speech
act is not the speaker's claim, an intention is planned, a belief is hedged unless police or officials
hold it. Sentences written for this test after the README of eval/dev/events (status guideline)."""

from __future__ import annotations

import pytest

from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events"]

CASES = [
    # (sentence, quote kind expected around the act, event type, status)
    ("Hezbollah's leader vowed on Thursday to respond to Israel's killing of the group's commander.",
     "speech_act", "ASSAULT", "reported"),
    ("The union hopes to hold a strike in March.", "belief", "PROTEST", "planned"),
    ("The rebels plan to attack the city next week.", "belief", "ASSAULT", "planned"),
    ("The opposition believes the army killed three villagers.", "belief", "ASSAULT", "claimed"),
    ("Police believe the gunmen killed three villagers.", "belief", "ASSAULT", "reported"),
]


@pytest.mark.parametrize("text,kind,etype,status", CASES, ids=[c[0][:40] for c in CASES])
def test_status_follows_quote_kind(text: str, kind: str, etype: str, status: str) -> None:
    a = analyse_text(text, stages=STAGES)
    evs = [e for e in a.events if e.type == etype]
    assert evs, [(e.type, e.status) for e in a.events]
    ev = evs[0]
    q = next((q for q in a.quotes if q.id == ev.quote_id), None)
    assert q is not None and q.kind == kind, [(q.kind, q.text) for q in a.quotes]
    assert ev.status == status
