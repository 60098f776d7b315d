"""Who an act is done to: named argument rules over the parse, the same for every event type. Examples, origins and the per-type target prepositions live in
``lang/en/events/arguments.yaml``; ``tests/test_event_arguments.py`` runs every example.

- ``passive-patient``: the patient of a passive act is its passive subject; a relative pronoun
  stands for the noun it modifies ("Nasser, who was killed by ...": Adeli), and a passive clause
  with no subject of its own ("after being sentenced", "was arrested and jailed") takes the
  subject of the clause it hangs on.
  A past participle modifying a noun is a reduced passive ("the journalist jailed last year",
  "Dupont, a journalist kidnapped by rebels"): the noun (the name an apposition describes) is the
  patient, not the agent.
- ``request-for-to``: "called for the government to resign", "appealed for the UN to intervene":
  the subject of the ``for ... to`` clause is the one asked (PLOVER 3.8 REQUEST: the addressee).
- ``target-preposition``: per PLOVER type, the prepositions that introduce the target beside
  ``against``/``on`` ("fired at the protesters": ASSAULT's target).
- ``harm-effect``: for the types listed under ``harm_effect`` (ASSAULT), those the act's harm verb
  names as harmed are its recipients: "a roadside bomb killed two soldiers" (the event noun is the
  harm verb's subject), "three guards were wounded in the attack" (its ``in``/``by`` object under a
  passive harm verb), "gunmen opened fire, killing four villagers" (a harm verb in a participle clause
  of the trigger).
- ``moved-forces``: for the types listed under ``moved_forces`` (MOBILIZE, PLOVER 3.14), the direct
  object and the ``of`` object are the forces mobilised (the mode), not the recipient: "the army
  deployed tanks to the border", "the deployment of 500 police officers".
- ``shared-object``: a verb trigger with no object of its own, coordinated with a later verb that
  has one, shares it ("beat and kicked the prisoners").
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
            return [_named(verb.head)]  # "Karim Nasser, who was killed by ..."
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


def dative_objects(verb: Token, preps: tuple[str, ...]) -> list[Token]:
    """Part of rule ``target-preposition``: the parser labels the "to" phrase of a giving verb
    ``dative``, not ``prep`` ("granted asylum *to* the refugee", "gave rifles *to* the militia")."""
    return [o for c in verb.children if c.dep_ == "dative" and c.lower_ in preps for o in syntax.children(c, "pobj")]


def moved_forces(etype: str) -> bool:
    """Rule ``moved-forces``: does this type's object name what the actor moves rather than its target?"""
    return etype in (_data().get("moved_forces") or ())


def harm_effect(head: Token, etype: str) -> list[Token]:
    """Rule ``harm-effect``: the tokens naming who the act harmed, read off the harm verb the act is
    the cause of (``harm_effect.verbs`` in ``events/arguments.yaml``; types in ``harm_effect.types``)."""
    cfg = _data().get("harm_effect") or {}
    if etype not in (cfg.get("types") or ()):
        return []
    verbs = frozenset(str(v) for v in cfg.get("verbs") or ())

    def harm(t: Token) -> bool:
        return t.pos_ in syntax.VERB_POS and t.lemma_.lower() in verbs

    if head.pos_ in syntax.NOUN_POS:
        gov = head.head
        if head.dep_ == "nsubj" and harm(gov):  # "a drone strike killed two militants"
            return syntax.children(gov, "dobj")[:1]
        if head.dep_ == "pobj" and gov.lower_ in ("in", "by", "during") and harm(gov.head):
            return syntax.children(gov.head, "nsubjpass")[:1]  # "were wounded in a car bombing"
        for c in head.children:  # the same subject and verb parsed as a noun and its past-tense modifier
            if c.dep_ == "acl" and c.tag_ == "VBD" and harm(c):
                return syntax.children(c, "dobj")[:1]
        return []
    out: list[Token] = []
    for c in head.children:  # "fired on a truck, wounding two drivers"
        if c.dep_ in ("advcl", "xcomp", "conj") and c.tag_ == "VBG" and harm(c):
            out += syntax.children(c, "dobj")[:1]
    return out


def shared_object(head: Token) -> list[Token]:
    """Rule ``shared-object``: "beat and kicked the detainees" — the object of the verb coordinated
    after ``head`` is ``head``'s too, when ``head`` has none of its own and no particle or clause."""
    if head.pos_ not in syntax.VERB_POS or any(c.i > head.i and c.dep_ not in ("cc", "conj", "punct") for c in head.children):
        return []  # "V1 and V2 X" only: V1 takes nothing of its own after it ("gathered in the square and ...")
    for c in head.children:
        if c.dep_ == "conj" and c.pos_ in syntax.VERB_POS and not syntax.children(c, "nsubj", "nsubjpass"):
            objs = syntax.children(c, "dobj")
            if objs:
                return objs[:1]
    return []
