"""Issue 13 mechanisms of the actors layer, one parametrised test per kind of rule.

Examples were written for these tests after the kinds of names found on real pages (the issue 13
review of the extraction pages: docs/actors.md, "Coverage"); none is copied from a gold file.
"""

from __future__ import annotations

import functools

import pytest

from presslens.layers.actors.component import ActorsComponent
from presslens.layers.actors.registry import load_registry
from presslens.nlp import settings_model
from presslens.testing import analyse_text, default_settings


@functools.lru_cache(maxsize=1)
def _component() -> ActorsComponent:
    return ActorsComponent(settings_model(default_settings()))


def mentions(text: str) -> dict[str, str | None]:
    a = analyse_text(text, stages=["nlp", "actors", "agents"])
    for m in a.mentions:
        assert a.page_text[m.start : m.end] == m.text
    return {m.text: m.actor_id for m in a.mentions}


# (rule, text, span, expected reason or None): NER names that are not actors.
NOT_ACTORS = [
    ("software", "We rewrote the parser in Python last year.", "Python", "software"),
    ("software", "The settings file is written in TOML.", "TOML", "software"),
    ("software", "Dylan said the concert was over.", "Dylan", None),  # a name that is also a language
    ("non_actor_head", "The German Wine Awards were handed out in Mainz.", "German Wine Awards", "non_actor_head"),
    ("non_actor_head", "The Cannes Film Festival opened on Tuesday.", "Cannes Film Festival", "non_actor_head"),
    ("non_actor_head", "The World Economic Forum met in Davos.", "World Economic Forum", None),
    ("fragment", "The paper Visualizing Data Using maps was cited.", "Visualizing Data Using", "fragment"),
    ("demonym", "An Antiguan spoke to the crowd.", "Antiguan", "demonym"),
    ("demonym", "Iranians voted on Friday.", "Iranians", "demonym"),
    ("demonym", "English said the budget was fair.", "English", None),  # a regional form, a surname too
    ("furniture", "Nice place.\nReplyDelete\n\nGreat.\nReplyDelete\n\nWow.\nReplyDelete\n", "ReplyDelete", "furniture"),
    ("furniture", "Mozilla\nThe browser maker Mozilla said it would appeal.\n", "Mozilla", None),
]


@pytest.mark.parametrize(("rule", "text", "span", "reason"), NOT_ACTORS)
def test_not_actor_rules(rule: str, text: str, span: str, reason: str | None) -> None:
    comp = _component()
    doc = comp.nlp(text)
    start = text.index(span)
    sp = doc.char_span(start, start + len(span))
    assert sp is not None
    assert comp._not_actor(doc, sp.start, sp.end) == reason, rule


# (rule, text, {mention text: actor id}): resolution mechanisms.
RESOLVE = [
    ("demonym_people", "Argentines voted on Sunday in a tense election.", {"Argentines": "argentina-people"}),
    ("agent_country", "Iranian protesters marched through the city on Friday.",
     {"Iranian protesters": "iran-political-opposition-and-protesters"}),
    ("agent_country", "Chinese students rallied outside the consulate.", {"Chinese students": "china-education"}),
    ("agent_country", "Ohio police arrested two men on Friday.", {"Ohio police": "united-states-police"}),
    ("agent_country", "Bavaria's police said the march was calm.", {"Bavaria's police": "germany-police"}),
    ("agent_country", "Local police said the road was closed.", {"police": "agent-police"}),
    ("agent_country", "Protesters marched through the city on Friday.",
     {"Protesters": "agent-political-opposition-and-protesters"}),
    ("given_name", "Malcolm Borwick, a polo player, spoke first. Malcolm said the game was hard.",
     {"Malcolm Borwick": "x-malcolm-borwick", "Malcolm": "x-malcolm-borwick"}),
    ("given_name", "Donald Trump spoke on Monday. Later Donald said the talks would go on.",
     {"Donald Trump": "donald-trump", "Donald": "donald-trump"}),
    ("surname_particles", "The method was developed by Laurens van der Maaten and Geoffrey Hinton. Later, van der Maaten "
     "said it works. Maaten agreed.",
     {"van der Maaten": "x-laurens-van-der-maaten"}),
]


@pytest.mark.parametrize(("rule", "text", "expected"), RESOLVE)
def test_resolution_rules(rule: str, text: str, expected: dict[str, str]) -> None:
    got = mentions(text)
    for name, aid in expected.items():
        assert got.get(name) == aid, (rule, name, got)


def test_surname_keys_keep_particles_and_the_last_word() -> None:
    from presslens.layers.actors.matcher import surname_keys, surname_of

    m = _component().matcher
    assert surname_of("Laurens van der Maaten") == "van der Maaten"
    assert surname_of("Marine Le Pen") == "Le Pen"
    assert surname_keys(m, "Laurens van der Maaten") == [("van", "der", "maaten"), ("maaten",)]
    assert surname_keys(m, "Marine Le Pen") == [("le", "pen")]  # "Pen" alone is too short to follow


def test_two_people_with_one_given_name_are_not_guessed() -> None:
    got = mentions("Malcolm Borwick and Malcolm Stewart played. Malcolm said the game was hard.")
    assert got.get("Malcolm") not in ("x-malcolm-borwick", "x-malcolm-stewart")


@pytest.mark.parametrize(("aid", "name", "country"), [
    ("russia-defence-ministry", "Defence ministry of Russia", "RU"),
    ("iran-police", "Iran: Police", "IR"),
    ("argentina-people", "People of Argentina", "AR"),
    ("taiwan-government", "Government of Taiwan", "TW"),
])
def test_derived_registry_actors(aid: str, name: str, country: str) -> None:
    reg = load_registry()
    assert aid in reg.entries
    a = reg.actor(aid)
    assert a is not None and a.name == name and a.country == country and not a.provisional


@pytest.mark.parametrize("aid", ["atlantis-police", "russia-liberation-front", "bogota-city-government", "x-iran-police"])
def test_not_derived(aid: str) -> None:
    assert aid not in load_registry().entries
