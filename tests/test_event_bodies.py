"""Rule ``body-agent`` (layers/events/bodies.py): a state body named by its common noun is the sector
party of the event slot it fills; invented sentences through the pipeline."""

from __future__ import annotations

from presslens.layers.events.bodies import RULE, body_nouns
from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events", "agents"]


def test_nouns_come_from_data() -> None:
    nouns = body_nouns()
    assert nouns["government"] == "agent-government-officials"
    assert nouns["court"] == "agent-judiciary"
    assert nouns["parliament"] == "agent-legislators"


def test_unnamed_government_is_the_sector_party_with_its_mention() -> None:
    a = analyse_text("The government banned all public gatherings in the capital on Sunday.", stages=STAGES)
    evs = [e for e in a.events if "agent-government-officials" in e.actor_agents]
    assert evs, [(e.type, e.actors, e.actor_agents, e.rules) for e in a.events]
    assert all(not e.actors and RULE in e.rules for e in evs)
    # the party has offsets: the agents stage wrote the noun as a mention of the sector actor
    ms = [m for m in a.mentions if m.actor_id == "agent-government-officials"]
    assert [m.text for m in ms] == ["government"] and ms[0].method == "agent"


def test_a_named_government_wins() -> None:
    a = analyse_text("Kenya's government banned all public gatherings in the capital on Sunday.", stages=STAGES)
    evs = [e for e in a.events if "kenya-government" in e.actors]
    assert evs and all(RULE not in e.rules and not e.actor_agents for e in evs)


def test_a_body_noun_modifying_another_is_not_taken() -> None:
    a = analyse_text("Government troops attacked the village at dawn.", stages=STAGES)
    assert a.events
    assert all(RULE not in e.rules for e in a.events)
    assert not any(m.actor_id == "agent-government-officials" for m in a.mentions)


def test_an_attacker_named_by_the_means_is_taken_but_a_body_named_by_its_owner_is_not() -> None:
    a = analyse_text("A suicide bomber blew himself up outside the market on Monday.", stages=STAGES)
    assert any("agent-unidentified-armed-group" in e.actor_agents and RULE in e.rules for e in a.events)
    b = analyse_text("Factory officials detained the striking workers on Monday.", stages=STAGES)
    assert b.events and not any(RULE in e.rules for e in b.events)


def test_no_mention_where_no_event_takes_the_body() -> None:
    a = analyse_text("The court is an old stone building near the river.", stages=STAGES)
    assert not any(m.actor_id == "agent-judiciary" for m in a.mentions)
