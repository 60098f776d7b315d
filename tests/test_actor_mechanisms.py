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
    ("agent_singular", "The authorities deported the journalist on Friday.", {"journalist": "agent-media"}),
    ("agent_singular", "A gunman opened fire and gunmen fled.",
     {"gunman": "agent-unidentified-armed-group", "gunmen": "agent-unidentified-armed-group"}),
    ("agent_country", "Protesters marched through the city on Friday.",
     {"Protesters": "agent-political-opposition-and-protesters"}),
    ("placed_body", "The Ohio Supreme Court ruled on Tuesday that the law was valid.",
     {"Ohio Supreme Court": "united-states-ohio-supreme-court"}),
    ("placed_body", "Lawyers asked the Supreme Court of Ohio to hear the case.",
     {"Supreme Court of Ohio": "united-states-ohio-supreme-court"}),
    ("placed_body", "A spokesman for the Texas Department of Public Safety said two troopers were hurt.",
     {"Texas Department of Public Safety": "united-states-texas-department-of-public-safety"}),
    ("placed_body", "The Kenya Defence Forces said they had killed 20 fighters.",
     {"Kenya Defence Forces": "kenya-armed-forces"}),
    ("placed_body", "The Ohio Liberation Front claimed the attack.",
     {"Ohio Liberation Front": "x-ohio-liberation-front"}),  # not a state body: stays provisional
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


def test_a_singular_agent_before_a_name_is_its_title_not_an_agent() -> None:
    got = mentions("The police detained journalist Jean Dupont on Monday.")
    assert got.get("police") == "agent-police"
    assert "journalist" not in got and got.get("Jean Dupont", "").startswith("x-")


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


def test_label_vote_follows_ner_majority_for_the_same_words() -> None:
    from spacy.tokens import Span

    comp = _component()
    text = "Skyrim sold well. Players love Skyrim. Skyrim won awards. Jane Roe said Skyrim was hard."
    doc = comp.nlp(text)
    spans = [doc.char_span(i, i + 6) for i in range(len(text)) if text.startswith("Skyrim", i)]
    assert all(sp is not None for sp in spans)
    labels = ["PRODUCT", "PRODUCT", "WORK_OF_ART", "PERSON"]
    doc.ents = [Span(doc, sp.start, sp.end, label=lab) for sp, lab in zip(spans, labels, strict=True) if sp]
    last = spans[-1]
    assert last is not None and comp._not_actor(doc, last.start, last.end) == "label_vote"
    doc2 = comp.nlp(text)  # NER never disagreed with itself: the rule says nothing
    doc2.ents = [Span(doc2, sp.start, sp.end, label="PERSON") for sp in spans if sp]
    assert comp._not_actor(doc2, last.start, last.end) is None
    text3 = "Lincoln Bloomfield spoke. He grew up in Bloomfield and Bloomfield. Bloomfield said so."
    doc3 = comp.nlp(text3)  # a surname NER also mislabels: the full name votes for the person
    b = [doc3.char_span(i, i + 10) for i in range(len(text3)) if text3.startswith("Bloomfield", i)]
    full = doc3.char_span(0, 18)
    assert full is not None and all(sp is not None for sp in b)
    doc3.ents = [Span(doc3, full.start, full.end, label="PERSON")] + [
        Span(doc3, sp.start, sp.end, label=lab) for sp, lab in zip(b[1:], ["NORP", "NORP", "PERSON"], strict=True) if sp]
    assert b[-1] is not None and comp._not_actor(doc3, b[-1].start, b[-1].end) is None


# (text, provisional person, sector, country): rule title_sector (PETRARCH2's singular titles).
TITLED = [
    ("Senator Jane Doakes said the bill would pass.", "x-jane-doakes", "LEG", None),
    ("Police Chief Marvin Oduya told reporters the road was closed.", "x-marvin-oduya", "COP", None),
    ("Russian Foreign Minister Ivan Petrovsky met his counterpart on Monday.", "x-ivan-petrovsky", "GOV", "RU"),
    ("Ohio state senator Jane Doakes voted against the plan.", "x-jane-doakes", "LEG", "US"),
    ("Kenya's Interior Minister Fred Matiangi said the curfew would stay.", "x-fred-matiangi", "GOV", "KE"),
    ("Mary Holloway said the school was closed.", "x-mary-holloway", None, None),
]


@pytest.mark.parametrize(("text", "aid", "sector", "country"), TITLED)
def test_title_types_a_provisional_person(text: str, aid: str, sector: str | None, country: str | None) -> None:
    a = analyse_text(text, stages=["nlp", "actors", "agents"])
    rec = {x.id: x for x in a.actors}[aid]
    assert rec.provisional and rec.type == "PERSON" and (rec.sector, rec.country) == (sector, country)


def test_titles_table_is_the_agents_dictionary_singulars() -> None:
    from presslens.layers.actors.titles import person_titles

    t = person_titles()
    assert (t["senator"], t["police chief"], t["minister"], t["judge"]) == ("LEG", "COP", "GOV", "JUD")
    assert "police" not in t and "students" not in t  # collective and plural agents are not titles


@pytest.mark.parametrize(("aid", "name", "country"), [
    ("united-states-ohio-supreme-court", "Supreme court of Ohio, United States", "US"),
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


@pytest.mark.parametrize("aid", ["atlantis-police", "russia-liberation-front", "united-states-ohio-liberation-front", "bogota-city-government", "x-iran-police"])
def test_not_derived(aid: str) -> None:
    assert aid not in load_registry().entries
