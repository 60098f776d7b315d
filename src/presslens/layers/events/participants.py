"""Does a candidate act have a participant that can act or be acted on?

PETRARCH2 codes an event only when the verb pattern's slots hold actors; presslens has no such
filter, so "the analysis *demonstrates*", "weekly *reports* show", "a *supporting* role" can become
events. :func:`has_participant` reads the trigger's own arguments — the subject or ``by`` agent, the
objects, the complements that name the other side ("against", "on", "with", "to", "at", "between"),
and for an event noun its possessor, its modifiers ("the *Turkish* offensive") and the subject of
the light verb it is the object of ("*they* held talks") — and says whether one of them is
actor-like: a person, organisation, nationality or state (NER), a pronoun, a generic agent noun of
PETRARCH2's agents dictionary ("police", "rebels", "workers"), a number of people, or for ASSAULT a
weapon ("a grenade exploded").

Which trigger groups need a participant is data (``events/participants.yaml``, each group with the
dev counts that chose it); the check is off for every other group.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from spacy.tokens import Token

from ... import lang
from .. import syntax
from .parse import subject_of
from .rules import words
from .senses import is_agent, lem
from .trigger import Trigger

# Prepositions whose object is the other side of an act ("protested against X", "talks with X").
_SIDE_PREPS = ("against", "on", "with", "to", "at", "between", "by", "of", "from", "for", "toward", "towards")
# When set to a list, every candidate's (trigger group, type, has participant, page offset of its
# trigger) is appended to it (tools/participant_table.py).
RECORD: list[tuple[str, str, bool, int]] | None = None


def group_of(trig: Trigger) -> str:
    """The trigger group: the lexicon entry or rule that proposed the candidate ("plover:support",
    "cameo", a trigger rule's name)."""
    first = trig.rules[0] if trig.rules else "none"
    return "cameo" if first.startswith("cameo:") else first


def _slots(head: Token) -> list[Token]:
    """The tokens that fill the act's argument slots."""
    out: list[Token] = []
    if head.pos_ in ("VERB", "AUX"):
        subj = subject_of(head).token
        if subj is not None:
            out.append(subj)
        agent = syntax.by_agent(head)
        if agent is not None:
            out.append(agent)
        out += syntax.objects(head)
        out += syntax.children(head, "dative")
        out += syntax.prep_objects(head, _SIDE_PREPS)
    else:
        out += syntax.children(head, "poss", "compound", "amod", "nmod")
        out += syntax.prep_objects(head, _SIDE_PREPS)
        gov = syntax.governor(head)
        if gov is not None:  # "they held talks", "police broke up a protest"
            subj = subject_of(gov).token
            if subj is not None and subj != head:
                out.append(subj)
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
            out += syntax.prep_objects(head.head, _SIDE_PREPS)
    return [t for s in out for t in (s, *s.conjuncts)]


def _actor_like(tok: Token, etype: str) -> bool:
    """The slot's phrase names someone (its head or a word inside it: "the head of *the UN*"), or
    for ASSAULT a weapon."""
    phrase = [t for t in tok.subtree if abs(t.i - tok.i) <= 8 and t.pos_ in ("NOUN", "PROPN", "PRON", "NUM")]
    if any(is_agent(t) and not (t.like_num and t.head.pos_ == "NOUN" and not is_agent(t.head)) for t in phrase):
        return True
    return etype == "ASSAULT" and lem(tok) in words("weapon_nouns")


def has_participant(head: Token, trig: Trigger) -> bool:
    return any(_actor_like(t, trig.type) for t in _slots(head) if t != head)


@cache
def required_groups() -> dict[str, frozenset[str]]:
    """Trigger groups that need a participant, by type (``events/participants.yaml``)."""
    raw: dict[str, Any] = lang.data("events/participants")
    return {str(t): frozenset(str(g) for g in (gs or ())) for t, gs in (raw.get("require") or {}).items()}


def needs_participant(trig: Trigger) -> bool:
    groups = required_groups().get(trig.type, frozenset())
    return "*" in groups or group_of(trig) in groups


@cache
def _nominal_types() -> frozenset[str]:
    raw: dict[str, Any] = lang.data("events/participants")
    return frozenset(str(t) for t in (raw.get("nouns") or ()))


@cache
def _occurrence_verbs() -> frozenset[str]:
    return frozenset(str(w) for w in lang.data("events/modality")["occurrence_verbs"])


def nominal_needs_participant(head: Token, trig: Trigger) -> bool:
    """An event noun of a type listed under ``nouns`` in ``events/participants.yaml`` is a told
    event only with an actor-like slot or as the subject or object of a verb that says it took
    place ("talks were held", "the attack happened": ``occurrence_verbs``); else it is a topic
    ("comply with demands", "ratify the accord", "the threat")."""
    types = _nominal_types()
    if head.pos_ not in ("NOUN", "PROPN") or not ("*" in types or trig.type in types):
        return False
    if trig.head != trig.end - 1:
        return False  # a verb phrase entry the parser read as a noun ("Farmers Walk Out" in a headline):
        # English noun phrases end in their head ("drone strike", "peace talks"), verb phrases do not
    gov = syntax.governor(head)
    return gov is None or lem(gov) not in _occurrence_verbs()
