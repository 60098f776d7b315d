"""Sense rules for acts of force told in wire and incident reports (ASSAULT, COERCE): who captured
whom, and event nouns that only point back at an act told before. Same contract as ``senses.py``
(each rule returns the trigger, possibly retyped, or None when the word is no event here); word
lists in ``events/words.yaml`` (section "force"), examples in ``events/rules.yaml``. The material
is the violence and protest snippets of ``eval/dev/events_snippets`` (AFPS, CENTCOM, VOA, Wikinews).
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import syntax
from .parse import subject_of
from .rules import rule, words
from .senses import lem
from .trigger import Trigger


def _people(t: Token) -> bool:
    """A noun for people (suspects, members, a Taliban leader, "15 of them"), not a thing: a
    tanker, a vessel or a town seized stays a seizure."""
    return lem(t) in words("capture_object_nouns") or t.ent_type_ == "PERSON" or t.pos_ == "PRON" and t.lower_ != "it" \
        or t.like_num and not syntax.children(t, "prep")


def _capturer(tok: Token) -> Token | None:
    """Who did the capturing: the active subject, or the ``by`` agent of a passive."""
    subj = subject_of(tok)
    if subj.token is not None and not subj.passive:
        return subj.token
    by = syntax.prep_objects(tok, ("by",))
    return by[0] if by else None


@rule("capture-of-people", "sense")
def capture_people(trig: Trigger, tok: Token) -> Trigger | None:
    """Capturing or seizing people: by police, troops or other state forces it is an arrest
    (COERCE/arrest, manual 3.15 "arrest, detain"); by rebels, militants or gunmen an abduction
    (ASSAULT/abduct, 3.16). "Border troops captured 9 suspected smugglers" is an arrest,
    "militants captured two soldiers" an abduction; seizing a vessel or a cache stays a seizure."""
    if tok.pos_ != "VERB" or lem(tok) not in words("capture_verbs") or trig.type not in ("COERCE", "ASSAULT"):
        return trig
    objs = syntax.objects(tok)
    if not objs or not all(_people(o) for o in objs):
        return trig
    who = _capturer(tok)
    heads = [who, *[c for c in who.children if c.dep_ in ("compound", "amod")]] if who is not None else []
    if any(lem(h) in words("security_agents") or lem(h) in words("armed_nouns") for h in heads):
        trig.type, trig.mode = "COERCE", "arrest"
    elif who is not None and (lem(who) in words("nonstate_armed") or who.ent_type_ == "ORG"):
        trig.type, trig.mode = "ASSAULT", "abduct"
    elif trig.type == "COERCE":
        trig.mode = "arrest"
    return trig


def _definite(t: Token) -> bool:
    return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
               for c in t.children)


@rule("anaphoric-mention", "sense")
def anaphoric(trig: Trigger, tok: Token) -> Trigger | None:
    """A definite event noun that only talks about an act told before is no new event: "No group
    has claimed responsibility for the attack", "A neighbour recorded the shooting". An indefinite one
    tells a new act. A definite noun anchoring the time ("after the attack", "in the wake of the
    bombing", "since the clashes") is coded as the past act, as PLOVER 2.0 section 2.3 codes
    historical events (docs/decisions.md, "A past act named as a time anchor")."""
    if tok.pos_ not in ("NOUN", "PROPN") or not _definite(tok):
        return trig
    gov = tok.head
    if tok.dep_ == "pobj" and gov.lower_ == "for" and lem(gov.head) in words("responsibility_nouns"):
        return None
    if tok.dep_ == "dobj" and lem(gov) in words("mention_verbs"):
        return None
    return trig


@rule("hyphen-modifier", "sense")
def hyphen_modifier(trig: Trigger, tok: Token) -> Trigger | None:
    """A trigger noun hyphened to the next word names a kind of thing: "bomb-making material",
    "bomb-disposal experts", "attack-prone roads" (no act is told)."""
    doc = tok.doc
    if tok.pos_ not in ("NOUN", "PROPN") or trig.end - trig.start > 1 or tok.whitespace_ or tok.i + 2 >= len(doc):
        return trig
    hyphen, nxt = doc[tok.i + 1], doc[tok.i + 2]
    if hyphen.text != "-" or hyphen.whitespace_ or not nxt.is_alpha or not nxt.is_lower or nxt.ent_type_:
        return trig  # ("Free Tibet rally-May 2021": a date hung on the event noun)
    return None if nxt.dep_ in ("amod", "compound") or tok.head == nxt and nxt.dep_ != "ROOT" else trig


@rule("weapon-noun-idle", "sense")
def weapon_noun_idle(trig: Trigger, tok: Token) -> Trigger | None:
    """A weapon noun is an attack only when it does harm or is used: "a bomb exploded", "planted a
    bomb", "killed by a bomb"; not as the subject of a verb that only describes it ("the bomb
    consisted of fifty kilograms of explosives", "the device weighed 20 kg")."""
    if trig.type != "ASSAULT" or tok.pos_ != "NOUN" or lem(tok) not in words("weapon_nouns"):
        return trig
    if tok.dep_ in ("nsubj", "nsubjpass") and lem(tok.head) in words("description_verbs"):
        return None
    return trig


@rule("forced-entry", "sense")
def forced_entry(trig: Trigger, tok: Token) -> Trigger | None:
    """"police beat down the gates", "smashed the gate": breaking into a place during a raid is no
    beating of anyone (the raid is the event)."""
    if trig.type != "ASSAULT" or trig.mode != "beat" or tok.pos_ != "VERB":
        return trig
    objs = syntax.objects(tok)
    if objs and all(lem(o) in words("entry_objects") for o in objs):
        return None
    return trig



def _flight_words(tok: Token) -> set[str]:
    """The flight verb alone and with each particle or adverb it takes ("run away"), lemmas."""
    return {lem(tok), *(f"{lem(tok)} {c.lower_}" for c in syntax.children(tok, "prt", "advmod"))}


def _leaves_territory(tok: Token) -> bool:
    """The flight names a place it leaves or enters: a named place or a territory noun as its object
    or after from/into/to/across ("fled the district", "fled into Sudan")."""
    outs = syntax.objects(tok, conj=False) + syntax.prep_objects(tok, ("from", "into", "to", "across", "out"))
    return any(o.ent_type_ in ("GPE", "LOC", "FAC") or lem(o) in words("territory_nouns") for o in outs)


@rule("flight-is-escape", "sense")
def flight_escape(trig: Trigger, tok: Token) -> Trigger | None:
    """A gunman, suspect or insurgent fleeing an encounter, or anyone's attempt to flee, names no
    place left: that is an escape, neither refugees driven out (SANCTION/expel, manual 3.7.2) nor
    forces withdrawn from an area (RETREAT/withdraw, Table 3.2): "chased the fleeing robbers",
    "the attacker was shot as he tried to escape". Flight from a named place or territory keeps its
    type ("militants fled the district")."""
    if tok.pos_ != "VERB" or not _flight_words(tok) & words("escape_verbs") or _leaves_territory(tok):
        return trig
    party = tok.head if tok.dep_ in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN") else subject_of(tok).token
    attempt = tok.dep_ == "xcomp" and lem(tok.head) in words("attempt_verbs")
    hostile = party is not None and (lem(party) in words("escape_party_nouns") or lem(party) in words("nonstate_armed"))
    return None if attempt or hostile else trig


@rule("escape-needs-place", "sense")
def escape_needs_place(trig: Trigger, tok: Token) -> Trigger | None:
    """"Villagers escaped to the hills", "families escaped into Chad" are people fleeing (manual
    3.7.2); "two children escaped unhurt", "escaped the blast" name no place left or reached: no
    flight."""
    if tok.pos_ != "VERB" or lem(tok) != "escape" or _leaves_territory(tok):
        return trig
    return None


@rule("engage-in-combat", "trigger")
def engage_combat(tok: Token) -> tuple[str, str | None] | None:
    """Military "engage", to fire on an enemy: "the patrol engaged the gunmen", "troops were engaged
    as they crossed the bridge" are an ASSAULT (CAMEO's bare ENGAGE, code 190 "use conventional
    military force"; standalone.yaml cannot list the bare verb, since "engaged the public" is none).
    Engaging in something, or with someone, is left to CAMEO's patterns ("engage in talks")."""
    if tok.pos_ != "VERB" or lem(tok) not in words("engage_verbs"):
        return None
    objs = syntax.objects(tok)
    preps = {p.lower_ for p in syntax.children(tok, "prep")}
    if "in" in preps or "with" in preps and not objs:
        return None  # ("engaged the raiders with rifle fire": an instrument)
    if not syntax.is_passive(tok):
        hostile = words("nonstate_armed") | words("escape_party_nouns") | words("armed_nouns") | words("engage_objects")
        ok = any(lem(o) in hostile or any(lem(c) == "armed" for c in o.children) for o in objs)
    else:  # "the convoy was engaged": the passive subject (an object to syntax.objects) is the one fired on
        heads = [h for o in objs for h in (o, *syntax.children(o, "compound"), *syntax.prep_objects(o, ("of",)))]
        fighters = words("armed_nouns") | words("security_agents") | words("engage_subjects")
        ok = any(lem(h) in fighters for h in heads)
    return ("ASSAULT", None) if ok else None
