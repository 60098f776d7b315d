"""Mode rules: the PLOVER mode of an event from the words of its own phrase (weapons for ASSAULT,
violence for PROTEST, what moves for MOBILIZE, a telephone for CONSULT). Word lists in
``events/words.yaml``; each rule returns the mode it sets or None."""

from __future__ import annotations

import functools

from spacy.tokens import Token

from ... import lang
from .. import syntax
from .parse import subject_of
from .rules import rule, table, words
from .senses import lem, weapon_mode
from .trigger import Trigger

# CAMEO gives some verbs a weapon mode of their own (FIRE * SHELLS = 193 "small arms"); a weapon
# named in the event's own phrase is the better witness of how it was done (manual table 3.11).
WEAPON_MODES = frozenset({None, *words("weapon_class_modes")})


def _outside_relatives(toks: list[Token], tok: Token) -> list[Token]:
    """Drop words of relative clauses inside the phrase ("troops, who had bombed ...")."""
    out = []
    for t in toks:
        a, inside = t, False
        while a != tok and a.head != a:
            if a.dep_ == "relcl":
                inside = True
                break
            a = a.head
        if not inside:
            out.append(t)
    return out


def _phrase(tok: Token, trig: Trigger) -> list[Token]:
    """The trigger's own phrase (its subtree) and, for a verb, its subject's ("gunmen opened fire")."""
    doc = tok.doc
    out = _outside_relatives(list(doc[min(tok.left_edge.i, trig.start):max(tok.right_edge.i + 1, trig.end)]), tok)
    if tok.pos_ == "VERB":
        subj = subject_of(tok).token
        if subj is not None:
            out += _outside_relatives(list(subj.subtree), subj)
    return out


@rule("assault-weapon", "mode")
def assault_weapon(trig: Trigger, tok: Token) -> str | None:
    """ASSAULT mode from the weapon the event's phrase names ("a roadside bomb exploded" explosives,
    "warplanes bombed" aerial, "a suicide bomber" suicide-attack)."""
    if trig.type != "ASSAULT" or trig.mode not in WEAPON_MODES:
        return None
    m = weapon_mode(_phrase(tok, trig))
    return m if m and m != trig.mode else None


@rule("protest-riot", "mode")
def protest_riot(trig: Trigger, tok: Token) -> str | None:
    """Protesters doing violence ("protesters threw stones", "rioters torched cars") riot (manual 3.12)."""
    if trig.type != "PROTEST" or trig.mode not in (None, "demo"):
        return None
    head = tok
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head  # "a group of masked youths threw ..."
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else head if head.pos_ == "VERB" else None
    acts = words("riot_acts")
    while verb is not None:
        if verb.pos_ == "VERB" and lem(verb) in acts and verb != tok:
            return "riot"
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            verb = verb.head
            continue
        break
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ == "VERB" and lem(c) in acts:
            return "riot"  # "marched and torched cars"
    return "riot" if _violent_protest(tok) else None


def _violent_protest(tok: Token) -> bool:
    """The protest itself is told as violent: "violent protests", "the rally ended in violence",
    "the march descended into clashes" (manual 3.12 riot: continuous and violent action)."""
    if any(c.dep_ == "amod" and lem(c) in words("riot_modifiers") for c in tok.children):
        return True
    verb = tok.head if tok.dep_ == "nsubj" else None
    return verb is not None and lem(verb) in words("riot_outcome_verbs") and any(
        lem(o) in words("riot_outcome_nouns") for o in syntax.prep_objects(verb, ("in", "into")))


@rule("mobilize-force", "mode")
def mobilize_force(trig: Trigger, tok: Token) -> str | None:
    """MOBILIZE mode by what moves: troops, weapons (ships, tanks), police or a militia (manual 3.14)."""
    # A fixed "troops" (the lexicon's "deploy") yields to the force named ("deployed tanks" weapons,
    # "riot police were deployed" police).
    if trig.type != "MOBILIZE" or trig.mode not in (None, "troops"):
        return None
    modes = table("mobilize_modes")
    cands = syntax.objects(tok) + [p for o in syntax.objects(tok) for p in syntax.prep_objects(o, ("of",))]
    subj = subject_of(tok).token if tok.pos_ == "VERB" else None
    if tok.pos_ != "VERB":
        cands += syntax.prep_objects(tok, ("of",)) + [c for c in tok.children if c.dep_ in ("compound", "amod")]
    for t in cands + ([subj] if subj is not None and not cands else []):
        # The kind named before a generic head decides: "police reinforcements", "militia units".
        kinds = [modes.get(lem(c)) or modes.get(c.lower_) for c in t.children if c.dep_ == "compound"]
        m = next((k for k in kinds if k), None) or modes.get(lem(t)) or modes.get(t.lower_)
        if m:
            return str(m) if m != trig.mode else None
    return None


@rule("consult-phone", "mode")
def consult_phone(trig: Trigger, tok: Token) -> str | None:
    """Talks by telephone or video are CONSULT/phone (manual 3.2)."""
    if trig.type != "CONSULT" or trig.mode is not None:
        return None
    near = [t for p in syntax.prep_objects(tok, ("by", "over", "via", "in")) for t in p.subtree]
    near += [c for c in tok.children if c.dep_ in ("compound", "amod")]
    if any(lem(t) in words("phone_words") for t in near):
        return "phone"
    return None


# Phrases that tell another act, a participant or a time: not the content of a threat.
_NOT_CONTENT = frozenset({"nsubj", "nsubjpass", "csubj", "relcl", "advcl", "parataxis", "conj", "cc", "npadvmod"})


@rule("threat-content", "mode")
def threat_content(trig: Trigger, tok: Token) -> str | None:
    """THREATEN mode by what is threatened when no event trigger told it (manual 3.11: the mode is
    the content of the threat): "threatened a nuclear war" violence, "the threat to end
    non-aggression pacts" relations, "threatened to jail" arrest. The nearest content word in the
    threat's own complement wins."""
    if trig.type != "THREATEN" or trig.mode is not None:
        return None
    modes = table("threat_content_modes")
    queue = [c for c in tok.children if c.dep_ not in _NOT_CONTENT]
    seen = 0
    while queue and seen < 12:
        t = queue.pop(0)
        seen += 1
        m = modes.get(lem(t))
        if m:
            return str(m)
        queue += [c for c in t.children if c.dep_ not in _NOT_CONTENT]
    return None


@rule("assault-beat", "mode")
def assault_beat(trig: Trigger, tok: Token) -> str | None:
    """"the correspondent was assaulted", "men assaulted the journalist": an assault on people with no
    method named is 'beat' (manual 3.16.2); an assault on a place ("an assault on the town") or a
    military one stays without a mode."""
    if trig.type != "ASSAULT" or trig.mode is not None or lem(tok) not in words("beat_default_triggers"):
        return None
    if weapon_mode(_phrase(tok, trig)):
        return None
    targets = [t for t in syntax.objects(tok) + syntax.prep_objects(tok, ("on", "against", "upon"))
               if t.ent_type_ not in ("DATE", "TIME")]  # ("assaulted ... on Monday")
    people = [t for t in targets if t.ent_type_ in ("PERSON", "NORP") or t.ent_type_ == "" and t.pos_ in ("NOUN", "PRON")
              and lem(t) not in _place_nouns()]
    return "beat" if people and len(people) == len(targets) else None


@functools.cache
def _place_nouns() -> frozenset[str]:
    return frozenset(str(w).lower() for w in lang.data("events/places")["place_nouns"])


MODE_RULES = (assault_weapon, protest_riot, mobilize_force, consult_phone, threat_content, assault_beat)


def apply(trig: Trigger, tok: Token) -> None:
    from .rules import RULES

    for r in MODE_RULES:
        m = r(trig, tok)
        if m:
            trig.mode = m
            trig.rules.append(next(n for n, x in RULES.items() if x.func is r))
