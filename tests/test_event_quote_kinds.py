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


PARTY_CASES = [
    # (sentence, event type, status): rule `party-account` (claims.py) reads every word naming the
    # speaker; invented sentences after the README of eval/dev/events (status guideline).
    ("Leaders of the opposition Green Union party say police arrested forty of their members on Friday.",
     "COERCE", "claimed"),
    ("Ana Ruiz, a deputy leader of the opposition, said soldiers detained twelve activists on Friday.",
     "COERCE", "claimed"),
    ("A hospital spokesperson said two people were killed in the blast.", "ASSAULT", "reported"),
    ("One eyewitness said gunmen killed two guards on Monday.", "ASSAULT", "reported"),
]


def test_clause_inside_the_speaker_is_not_a_side() -> None:
    """A relative clause inside the speaker phrase does not name the speaker's side."""
    a = analyse_text("Police officials, who faced opposition to the curfew, said gunmen killed two farmers.",
                     stages=STAGES)
    evs = [e for e in a.events if e.type == "ASSAULT"]
    assert evs and all("status:party-account" not in e.rules for e in evs), [(e.type, e.rules) for e in a.events]
    assert evs[0].status == "reported"



@pytest.mark.parametrize("text,etype,status", PARTY_CASES, ids=[c[0][:40] for c in PARTY_CASES])
def test_party_account_is_claimed(text: str, etype: str, status: str) -> None:
    a = analyse_text(text, stages=STAGES)
    evs = [e for e in a.events if e.type == etype]
    assert evs, [(e.type, e.status) for e in a.events]
    assert evs[0].status == status, [(e.type, e.status, e.rules) for e in a.events]
    assert ("status:party-account" in evs[0].rules) == (status == "claimed")
