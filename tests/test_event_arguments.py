"""The events layer's argument rules (layers/events/targets.py): every example of
lang/en/events/arguments.yaml through the pipeline, and each rule on parses built by hand."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Doc

from presslens.layers.events import targets as T
from presslens.nlp import blank_english
from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events"]
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
    got = [(e.type, e.actors, e.recipients, e.rules) for e in a.events]
    assert evs, f"{name}: no {example['type']} event in {got}"

    def fits(ev: Any) -> bool:
        for role in ("actors", "recipients"):
            names = " ".join(_names(a, getattr(ev, role))).lower()
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
    assert T.target_preps("AGREE") == ()
