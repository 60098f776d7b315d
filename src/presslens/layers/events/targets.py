"""Who an act is done to: named argument rules over the parse, the same for every event type. Examples, origins and the per-type target prepositions live in
``lang/en/events/arguments.yaml``; ``tests/test_event_arguments.py`` runs every example.

- ``passive-patient``: the patient of a passive act is its passive subject; a relative pronoun
  stands for the noun it modifies ("Adeli, who was killed by ...": Adeli), and a passive clause
  with no subject of its own ("after being sentenced", "was arrested and jailed") takes the
  subject of the clause it hangs on.
  A past participle modifying a noun is a reduced passive ("the journalist jailed last year",
  "Dupont, a journalist kidnapped by rebels"): the noun (the name an apposition describes) is the
  patient, not the agent.
- ``request-for-to``: "called for the government to resign", "appealed for the UN to intervene":
  the subject of the ``for ... to`` clause is the one asked (PLOVER 3.8 REQUEST: the addressee).
- ``target-preposition``: per PLOVER type, the prepositions that introduce the target beside
  ``against``/``on`` ("fired at the protesters": ASSAULT's target).
"""

from __future__ import annotations

import functools
from typing import Any

from spacy.tokens import Token

from ... import lang
from .. import syntax


@functools.cache
def _data() -> dict[str, Any]:
    out: dict[str, Any] = lang.data("events/arguments")
    return out


def examples() -> dict[str, dict[str, Any]]:
    """Every argument rule's origin and examples."""
    out: dict[str, dict[str, Any]] = _data()["rules"]
    return out


def target_preps(etype: str) -> tuple[str, ...]:
    """Rule ``target-preposition``: extra prepositions whose object is this type's target."""
    return tuple(str(p) for p in (_data().get("target_prepositions") or {}).get(etype, []))


def reduced_passive(verb: Token) -> bool:
    """Part of rule ``passive-patient``: a past participle modifying a noun, with no object or auxiliary of
    its own ("the journalist jailed last year")."""
    return (verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in syntax.NOUN_POS
            and not syntax.children(verb, "dobj", "aux", "auxpass", "nsubj", "nsubjpass"))


def passive_patients(verb: Token) -> list[Token]:
    """Rule ``passive-patient``: the tokens naming who a passive act was done to."""
    subj = syntax.children(verb, "nsubjpass")
    if subj:
        if syntax.is_relative_pronoun(subj[0]) and verb.dep_ == "relcl":
            return [_named(verb.head)]  # "Mohsen Adeli, who was killed by ..."
        return subj[:1]
    if reduced_passive(verb):
        return [_named(verb.head)]
    if not (syntax.is_passive(verb) or verb.dep_ == "conj" and syntax.is_passive(verb.head)):
        return []  # "he was fined and imprisoned": the second verb shares the first one's passive
    gov = verb.head
    for _ in range(4):  # "jailed on Monday, a day after being sentenced": up to the clause's verb
        if gov.pos_ in syntax.VERB_POS or gov.dep_ not in ("prep", "pobj", "npadvmod", "appos") or gov.head is gov:
            break
        gov = gov.head
    if gov is verb or gov.pos_ not in syntax.VERB_POS or verb.dep_ not in ("conj", "pcomp", "advcl", "xcomp"):
        return []
    return syntax.children(gov, "nsubjpass", "nsubj")[:1]


def _named(noun: Token) -> Token:
    """An apposition's description stands for the name it describes ("Jean Dupont, a journalist
    kidnapped in May": Dupont)."""
    return noun.head if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" else noun


def request_for_to(verb: Token) -> list[Token]:
    """Rule ``request-for-to``: the X of ``for X to V`` under a request verb, parsed as the subject
    of a ``for``-marked clause or as the object of ``for`` beside a ``to`` complement."""
    out = []
    for c in verb.children:
        if c.dep_ in ("advcl", "ccomp", "xcomp") and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children):
            out += syntax.children(c, "nsubj")
    inf = [c for c in syntax.children(verb, "xcomp", "advcl") if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if inf:
        out += [o for o in syntax.prep_objects(verb, ("for",)) if o.i < inf[0].i]
    return out
