"""The events layer's argument rules (layers/events/targets.py): every example of
lang/en/events/arguments.yaml through the pipeline, and each rule on parses built by hand."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from presslens.layers.events import targets as T
from presslens.nlp import blank_english
from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events", "agents"]
EXAMPLES = T.examples()


def _cases() -> list[tuple[str, dict[str, Any]]]:
    return [(name, ex) for name, spec in EXAMPLES.items() for ex in spec["examples"]]


def test_every_rule_has_origin_and_examples() -> None:
    assert EXAMPLES and all(spec.get("origin") and spec.get("examples") for spec in EXAMPLES.values())


def _names(a: Any, ids: list[str]) -> list[str]:
    """Every name an actor id goes by in this analysis: its record's name and its mentions' texts."""
    out = [x.name for x in a.actors if x.id in ids]
    out += [m.text for m in a.mentions if m.actor_id in ids]
    return out + ids


@pytest.mark.parametrize("name,example", _cases(), ids=[f"{n}:{e['text'][:40]}" for n, e in _cases()])
def test_argument_example(name: str, example: dict[str, Any]) -> None:
    a = analyse_text(example["text"], stages=STAGES)
    evs = [e for e in a.events if e.type == example["type"]]
    got = [(e.type, e.actors, e.recipients, e.actor_agents, e.recipient_agents, e.rules) for e in a.events]
    assert evs, f"{name}: no {example['type']} event in {got}"

    def fits(ev: Any) -> bool:
        for role in ("actors", "recipients"):
            # named parties, and the sector agents of a slot no name fills (rule agent-fallback)
            names = " ".join(_names(a, getattr(ev, role) + getattr(ev, f"{role[:-1]}_agents"))).lower()
            if not all(w.lower() in names for w in example.get(role, [])):
                return False
        return not (example.get("no_actors") and ev.actors)

    hits = [e for e in evs if fits(e)]
    assert hits, f"{name}: expected {example}, got {got}"
    assert any(f"arg:{name}" in e.rules for e in hits), f"arg:{name} not among the rules of {got}"


def _doc(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]) -> Doc:
    return Doc(blank_english().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)


def test_passive_patient_relative_pronoun_is_its_noun() -> None:
    # "Adeli, who was killed" (hand-built parse)
    d = _doc(["Adeli", ",", "who", "was", "killed"], [0, 0, 4, 4, 0],
             ["ROOT", "punct", "nsubjpass", "auxpass", "relcl"],
             ["PROPN", "PUNCT", "PRON", "AUX", "VERB"], ["NNP", ",", "WP", "VBD", "VBN"])
    assert [t.text for t in T.passive_patients(d[4])] == ["Adeli"]


def test_passive_patient_of_a_subjectless_clause_is_the_governing_subject() -> None:
    # "Dupont was sentenced after being convicted"
    d = _doc(["Dupont", "was", "sentenced", "after", "being", "convicted"], [2, 2, 2, 2, 5, 3],
             ["nsubjpass", "auxpass", "ROOT", "prep", "auxpass", "pcomp"],
             ["PROPN", "AUX", "VERB", "ADP", "AUX", "VERB"], ["NNP", "VBD", "VBN", "IN", "VBG", "VBN"])
    assert [t.text for t in T.passive_patients(d[5])] == ["Dupont"]
    assert [t.text for t in T.passive_patients(d[2])] == ["Dupont"]


def test_reduced_passive_participle_modifying_a_noun() -> None:
    # "the journalist jailed last year died": the journalist is jailed, not the jailer
    d = _doc(["the", "journalist", "jailed", "last", "year", "died"], [1, 5, 1, 4, 2, 5],
             ["det", "nsubj", "acl", "amod", "npadvmod", "ROOT"],
             ["DET", "NOUN", "VERB", "ADJ", "NOUN", "VERB"], ["DT", "NN", "VBN", "JJ", "NN", "VBD"])
    assert T.reduced_passive(d[2])
    assert [t.text for t in T.passive_patients(d[2])] == ["journalist"]
    # an active participle with an object is not passive: "troops holding the town"
    d2 = _doc(["troops", "holding", "the", "town"], [0, 0, 3, 1], ["ROOT", "acl", "det", "dobj"],
              ["NOUN", "VERB", "DET", "NOUN"], ["NNS", "VBG", "DT", "NN"])
    assert not T.reduced_passive(d2[1])


def test_request_for_to_both_parses() -> None:
    # "called for the government to resign", parsed as a for-marked clause ...
    d = _doc(["X", "called", "for", "the", "government", "to", "resign"], [1, 1, 6, 4, 6, 6, 1],
             ["nsubj", "ROOT", "mark", "det", "nsubj", "aux", "advcl"],
             ["PROPN", "VERB", "SCONJ", "DET", "NOUN", "PART", "VERB"], ["NNP", "VBD", "IN", "DT", "NN", "TO", "VB"])
    assert [t.text for t in T.request_for_to(d[1])] == ["government"]
    # ... or as "for" + object beside a to-infinitive
    d2 = _doc(["X", "called", "for", "the", "government", "to", "resign"], [1, 1, 1, 4, 2, 6, 1],
              ["nsubj", "ROOT", "prep", "det", "pobj", "aux", "xcomp"],
              ["PROPN", "VERB", "ADP", "DET", "NOUN", "PART", "VERB"], ["NNP", "VBD", "IN", "DT", "NN", "TO", "VB"])
    assert [t.text for t in T.request_for_to(d2[1])] == ["government"]
    # "called for calm" names no one asked
    d3 = _doc(["X", "called", "for", "calm"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
              ["PROPN", "VERB", "ADP", "NOUN"], ["NNP", "VBD", "IN", "NN"])
    assert T.request_for_to(d3[1]) == []


def test_target_prepositions_come_from_data() -> None:
    assert "at" in T.target_preps("ASSAULT")
    assert T.target_preps("CONSULT") == ()  # 2.4.2: a meeting's "with X" is a co-participant
    assert "with" in T.target_preps("AGREE")


def test_agent_fallback_never_replaces_a_name_or_reads_an_earlier_sentence() -> None:
    # A named subject wins over the sector noun it governs ("Soldiers of the Syrian Army").
    a = analyse_text("Soldiers of the Syrian Army fired at protesters near the border.", stages=STAGES)
    ev = next(e for e in a.events if e.type == "ASSAULT")
    assert ev.actors and not any(x.startswith("agent-") for x in ev.actors) and not ev.actor_agents
    # A pronoun is not resolved to a generic noun of an earlier sentence ("They" = which students?).
    a = analyse_text("Students called for protests on Monday. They blocked roads in the capital on Tuesday.",
                     stages=STAGES)
    ev = next(e for e in a.events if e.type == "PROTEST" and e.start >= 40)
    assert "agent-education" not in ev.actors + ev.actor_agents


def test_agent_fallback_changes_no_event(monkeypatch: pytest.MonkeyPatch) -> None:
    # Agents are added after every check that decides whether a candidate is an event, in their own
    # fields: the same events with the same named parties come out with the rule on and off.
    from presslens.layers.events import parties

    text = ("Riot police fired tear gas at demonstrators in Nairobi on Monday. Dozens of protesters were "
            "arrested. Students marched through the capital, and the government condemned the protests.")
    on = analyse_text(text, stages=STAGES).events
    monkeypatch.setattr(parties, "slots", lambda: frozenset())
    off = analyse_text(text, stages=STAGES).events
    def key(evs: list[Any]) -> list[tuple[Any, ...]]:
        return [(e.type, e.start, e.end, e.actors, e.recipients) for e in evs]

    assert key(on) == key(off)
    assert not any(e.actor_agents or e.recipient_agents for e in off)
    assert any(e.actor_agents for e in on) and any(e.recipient_agents for e in on)
    # a sector party only where no named party fills the slot
    assert all(not (e.actors and e.actor_agents) and not (e.recipients and e.recipient_agents) for e in on)


def test_exports_use_a_sector_party_only_where_no_name_fills_the_slot() -> None:
    from presslens.layers.events.export import with_agents

    r = with_agents({"actors": [], "recipients": ["mek"], "actor_agents": ["agent-police"],
                     "recipient_agents": ["agent-civilians"]})
    assert r["actors"] == ["agent-police"] and r["recipients"] == ["mek"]


def test_moved_forces_are_not_the_recipient_of_a_mobilisation() -> None:
    # PLOVER 3.14: the troops mobilised are the mode; the target comes from "against"
    a = analyse_text("The army deployed 500 soldiers to the border on Monday.", stages=STAGES)
    mob = [e for e in a.events if e.type == "MOBILIZE"]
    assert mob and not any(e.recipients or e.recipient_agents for e in mob), [(e.type, e.recipient_agents) for e in mob]
    a = analyse_text("Russia massed troops against Ukraine.", stages=STAGES)
    assert any("ukraine" in " ".join(e.recipients) for e in a.events if e.type == "MOBILIZE"), a.events


@pytest.mark.parametrize("text", ["The ministry expelled two Russian diplomats.",
                                  "The activists sued the government over the eviction."])
def test_every_party_is_an_actor_with_a_mention(text: str) -> None:
    # an entity the actors layer judged no actor ("Russian": a nationality) is no party by its NER slug
    a = analyse_text(text, stages=STAGES)
    known = {m.actor_id for m in a.mentions} | {x.id for x in a.actors}
    for e in a.events:
        for aid in [*e.actors, *e.recipients, *e.actor_agents, *e.recipient_agents]:
            assert aid in known, (aid, e.type)
