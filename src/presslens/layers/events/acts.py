"""Trigger rules: acts stated by a verb that no lexicon entry names on its own, read from the
parse ("a grenade exploded", "moved frigates into the gulf", "sent food to the camp", "called the
vote a fraud"). Each returns (type, mode) or None; ``triggers.py`` tries them after the lexicon's
own entries. Word lists: ``events/words.yaml``."""

from __future__ import annotations

import functools

from spacy.tokens import Token

from .. import syntax

# The sense rules of senses.py, then senses_acts.py (which imports senses.py first), register before
# this module's: registration order is the order the rules run in.
from . import senses_acts as _senses_acts  # noqa: F401
from .cameo import cameo
from .common import lexicon
from .parse import subject_of
from .rules import rule, table, words
from .senses import is_agent, lem, weapon_mode
from .trigger import Trigger


def rule_verbs() -> frozenset[str]:
    """Every verb lemma a rule of this module can fire on (a cheap first filter)."""
    keys = ("impact_verbs", "movement_verbs", "arrival_verbs", "transfer_verbs", "disarm_verbs", "weapon_use_verbs",
            "characterise_verbs", "speech_verbs")  # (evaluation-accuses reads speech verbs too)
    return frozenset().union(*(words(k) for k in keys))


@rule("weapon-subject", "trigger")
def weapon_subject(tok: Token) -> tuple[bool, str | None] | None:
    """An impact verb whose subject is a weapon is an ASSAULT with an unknown agent ("a grenade
    exploded", "shells landed on the market", "a drone hit the convoy"): (True, mode) or None."""
    if tok.pos_ != "VERB" or lem(tok) not in words("impact_verbs"):
        return None
    subj = subject_of(tok)
    if subj.token is None or subj.passive:
        return None
    s = subj.token
    mode = weapon_mode([s, *(c for c in s.children if c.dep_ in ("compound", "amod"))])
    if mode is None and lem(s) not in words("weapon_nouns"):
        return None
    return True, mode


@rule("move-forces", "trigger")
def move_forces(tok: Token) -> tuple[str, str | None] | None:
    """"moved frigates into the gulf", "sent troops to the border", "soldiers arrived in Estonia":
    moving forces is MOBILIZE (manual 3.14); sent to help ("to help with earthquake relief") it is AID
    (3.14.1); moved away, out, back or home, RETREAT/withdraw (3.7)."""
    if tok.pos_ != "VERB":
        return None
    modes = table("mobilize_modes")
    if lem(tok) in words("arrival_verbs"):  # "soldiers ... arrived in Poland": the force is the subject
        subj = subject_of(tok)
        objs = [subj.token] if subj.token is not None and not subj.passive else []
    elif lem(tok) in words("movement_verbs"):
        objs = syntax.objects(tok)
    else:
        return None
    objs += [p for o in list(objs) for p in syntax.prep_objects(o, ("of",))]
    mode = next((str(modes[lem(o)]) for o in objs if lem(o) in modes), None)
    if mode is None:
        return None
    purpose = [c for c in tok.children if c.dep_ in ("advcl", "xcomp") and lem(c) in words("help_verbs")]
    if purpose:
        return "AID", None
    if any(c.dep_ in ("advmod", "prt") and c.lower_ in words("withdraw_adverbs") for c in tok.children):
        return "RETREAT", "withdraw"  # "moving the troops away from the border", "brought troops home"
    return "MOBILIZE", mode


@rule("military-exercise", "trigger")
def military_exercise(tok: Token) -> tuple[str, str | None] | None:
    """"held naval drills", "joint air-defence manoeuvres": an exercise noun with a military
    modifier is a show of force, MOBILIZE/troops (manual 3.14.1: single-country exercises), which
    ``exercise-partners`` retypes COOPERATE when it names partners."""
    if tok.pos_ != "NOUN" or lem(tok) not in words("exercise_nouns"):
        return None
    left = [c for c in tok.subtree if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod")]  # one walk
    mods = {lem(c) for c in left} | {c.lower_ for c in left}
    if not mods & words("military_exercise_mods"):
        return None
    return "MOBILIZE", "troops"


def _partnered(tok: Token) -> bool:
    """An exercise held with others: a partner modifier ("joint"), a partner complement naming
    someone on the noun or its verb ("with South Korea", "between the two navies"), "together", or
    a force of two coordinated nations holding it ("South Korean and U.S. forces held ...")."""
    if any(c.dep_ in ("amod", "compound") and lem(c) in words("partner_mods") for c in tok.subtree if c.i < tok.i):
        return True
    noun = tok
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "NOUN":
        noun = tok.head.head  # "held a series of drills"
    gov = syntax.governor(noun)
    heads = [tok] if gov is None else [tok, gov]
    # "taking part in exercises with X": the partner phrase may hang on the participation verb
    if gov is not None and gov.head.pos_ in ("VERB", "AUX") and gov.dep_ in ("xcomp", "conj"):
        heads.append(gov.head)
    for h in heads:
        if any(is_agent(o) for o in syntax.prep_objects(h, words("partner_preps"))):
            return True
    if gov is None:
        return False
    if any(c.dep_ == "advmod" and c.lower_ == "together" for c in gov.children):
        return True
    subj = subject_of(gov).token
    if subj is None:
        return False
    # one force of two nations ("South Korean and U.S. forces held ..."), not two holders ("both
    # South and North Korea held drills": each its own)
    return any(c.conjuncts and is_agent(c) for c in subj.children if c.dep_ in ("amod", "compound", "poss"))


@rule("exercise-partners", "sense")
def exercise_partners(trig: Trigger, tok: Token) -> Trigger | None:
    """A military exercise held with partners is COOPERATE, one held alone MOBILIZE (manual 3.14.1,
    3.5: "joint military games and maneuvers")."""
    if trig.type != "MOBILIZE" or lem(tok) not in words("exercise_nouns") or not _partnered(tok):
        return trig
    trig.type, trig.mode = "COOPERATE", None
    return trig


@rule("mobilize-to-help", "sense")
def mobilize_to_help(trig: Trigger, tok: Token) -> Trigger | None:
    """Forces deployed to help ("deployed soldiers to help with earthquake relief") give AID (manual
    3.14.1: "mobilizing police or military forces for disaster relief should be coded as AID")."""
    if trig.type == "MOBILIZE" and any(c.dep_ in ("advcl", "xcomp") and lem(c) in words("help_verbs")
                                       for c in tok.children):
        trig.type, trig.mode = "AID", None
    return trig


@rule("armed-raid", "sense")
def armed_raid(trig: Trigger, tok: Token) -> Trigger | None:
    """"bandits raided a hamlet": a raid by anyone but police or troops is an attack (ASSAULT); a
    police raid stays COERCE/seize (manual 3.15 seize "execute search, confiscate property, raid").
    Taking control of a place ("rebels captured the town", "troops overran the outpost") is left
    COERCE/seize, as CAMEO2PLOVER maps CAMEO 192 "occupy territory" (eval/dev/events/CONVENTIONS.md)."""
    if trig.type != "COERCE" or trig.mode != "seize" or tok.pos_ != "VERB" or lem(tok) not in words("raid_verbs"):
        return trig
    subj = subject_of(tok).token
    if subj is None or any(lem(t) in words("security_agents") for t in subj.subtree):
        return trig
    trig.type, trig.mode = "ASSAULT", None  # (the sense step records the rule's name)
    return trig


@rule("weapon-found", "sense")
def weapon_found(trig: Trigger, tok: Token) -> Trigger | None:
    """"a bomb was defused", "police found explosives", "the weapons were destroyed": a weapon found or
    made safe names no attack
    (manual 3.16: ASSAULT is a deliberate action that can do harm; nothing was done with it)."""
    if trig.type != "ASSAULT":
        return trig
    if tok.pos_ == "VERB" and lem(tok) in words("weapon_found_verbs"):
        kept = syntax.children(tok, "dobj", "nsubjpass")  # "the seized weapons were destroyed"
        return None if kept and all(lem(k) in words("weapon_nouns") for k in kept) else trig
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("dobj", "nsubjpass"):
        return trig
    return None if lem(tok.head) in words("weapon_found_verbs") else trig


@rule("figurative-act", "sense")
def figurative_act(trig: Trigger, tok: Token) -> Trigger | None:
    """A verb of force said of an idea, a figure or a picture: "attacked the government's policy"
    (criticism: ACCUSE/disapprove, manual 3.9; CAMEO 111 "criticize or denounce" has ATTACK/BLAST
    patterns), "shot the ball", "prices exploded", "the film captures the mood" (no event)."""
    if trig.type not in ("ASSAULT", "COERCE") or tok.pos_ != "VERB" or lem(tok) not in words("figurative_verbs"):
        return trig
    subj = subject_of(tok)
    args = syntax.objects(tok) + ([subj.token] if subj.token is not None and not subj.passive else [])
    things = words("figurative_things")
    if not any(lem(a) in things for a in args):
        return trig
    if lem(tok) in words("criticism_verbs") and syntax.objects(tok):
        trig.type, trig.mode = "ACCUSE", "disapprove"
        return trig
    return None


@rule("aid-transfer", "trigger")
def aid_transfer(tok: Token) -> tuple[str, str | None] | None:
    """"sent urgent medical supplies", "medicines ... have been sent", "a check was handed to":
    handing over material aid is AID (manual 3.6); handing over weapons is RETREAT/disarm (3.7)."""
    if tok.pos_ != "VERB" or (lem(tok) not in words("disarm_verbs") and lem(tok) not in words("transfer_verbs")):
        return None  # (the lemma gate first: the object look-up below is dear and most verbs are neither)
    objs = syntax.objects(tok)
    objs += [p for o in list(objs) for p in syntax.prep_objects(o, ("of",))]
    if lem(tok) in words("disarm_verbs") and any(lem(o) in words("arms_nouns") for o in objs) and any(
            c.dep_ in ("prt", "advmod") and c.lower_ in ("over", "in", "down", "up") for c in tok.children):
        return "RETREAT", "disarm"
    if lem(tok) not in words("transfer_verbs"):
        return None
    if any(lem(o) in words("aid_objects") for o in objs):
        return "AID", None
    return None


@rule("characterisation-accuses", "trigger")
def characterisation(tok: Token) -> tuple[str, str | None] | None:
    """"called the census a trick", "described the raid as wholly unacceptable": calling
    something a crime or describing it as appalling is ACCUSE (manual 3.9)."""
    if tok.pos_ != "VERB" or lem(tok) not in words("characterise_verbs"):
        return None
    preds = syntax.children(tok, "oprd", "attr", "acomp") + syntax.prep_objects(tok, ("as",))
    preds += [c for c in tok.children if c.dep_ == "ccomp" and lem(c) == "be"]
    # "described the raid as reckless": the parser often hangs the "as" phrase on the object, and
    # may read a bare adjective after "as" as its modifier ("as unfair": amod, not pobj).
    preps = [c for h in (tok, *syntax.children(tok, "dobj")) for c in h.children if c.dep_ == "prep" and c.lower_ == "as"]
    preds += [c for p in preps for c in p.children if c.dep_ in ("pobj", "amod", "acomp")]
    neg = words("negative_words")
    for p in preds:
        if any(lem(t) in neg or t.lower_ in neg for t in p.subtree):
            return "ACCUSE", ("allege" if lem(p) in words("allegation_predicates") else "disapprove")
    return None


@rule("evaluation-accuses", "trigger")
def evaluation(tok: Token) -> tuple[str, str | None] | None:
    """"said the deal was a mistake", "says the new tariffs are unfair": a speaker's negative verdict on
    a party, a policy or an act is a disapproval (manual 3.9: "express disapprovals ... condemn, decry a
    policy or an action"). The thing judged must be a party or something done (a trigger or deverbal
    noun, or a policy noun of ``evaluated_things``), not a state of the world ("the weather was bad")."""
    if tok.pos_ != "VERB" or lem(tok) not in words("speech_verbs"):
        return None
    neg = words("negative_words")
    for c in syntax.children(tok, "ccomp"):
        if lem(c) != "be":
            continue
        subj = subject_of(c).token
        if subj is None or not _judged(subj):
            return None
        preds = syntax.children(c, "acomp", "attr")
        if any(lem(t) in neg or t.lower_ in neg for p in preds for t in p.subtree):
            return "ACCUSE", "disapprove"
    return None


@functools.cache
def _event_nouns() -> frozenset[str]:
    """The single-word lexicon entries and the nouns made from trigger verbs: words that name an act."""
    from .nominal import deverbal_nouns

    return frozenset(str(e["w"]) for e in lexicon()["triggers"] if " " not in str(e["w"])) | set(deverbal_nouns())


def _judged(t: Token) -> bool:
    if t.pos_ == "PRON":
        return False  # "it was a mistake": what "it" is, is not known here
    return _party(t) or lem(t) in words("evaluated_things") or lem(t) in _event_nouns() or _done_by_party(t)


def _party(t: Token) -> bool:
    return is_agent(t) or t.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")


def _done_by_party(t: Token, poss: bool = False) -> bool:
    """"the raids by settlers and militiamen", "the seizures by the army": a noun whose "by" phrase
    names a party is that party's doing, whatever the noun; with ``poss``, a party's possessive too
    ("the junta's intervention")."""
    if t.pos_ != "NOUN":
        return False
    owners = syntax.prep_objects(t, ("by",), conj=True)
    owners += [c for c in t.children if c.dep_ == "poss" and c.pos_ != "PRON"] if poss else []
    return any(_party(a) for a in owners)


@rule("verdict-modifier-accuses", "trigger")
def verdict_modifier(tok: Token) -> tuple[str, str | None] | None:
    """"said the reckless occupation of the port would end in ruin", "says the brutal crackdown by the
    junta will fail": a speaker whose reported clause names another party's act with a negative verdict
    as its modifier condemns that act (manual 3.9: "condemn, decry a policy or an action"). The verdict
    must modify the clause's subject and that subject must be something done (an act noun, a policy
    noun of ``evaluated_things``, or a noun done "by" a party), not a party or a state of the world."""
    if tok.pos_ != "VERB" or lem(tok) not in words("speech_verbs"):
        return None
    neg = words("negative_words")
    for c in syntax.children(tok, "ccomp"):
        subj = subject_of(c).token
        if subj is None or subj.pos_ != "NOUN":
            continue
        for s in [subj, *syntax.children(subj, "conj")]:
            done = lem(s) in words("evaluated_things") or lem(s) in _event_nouns() or _done_by_party(s, poss=True)
            if done and any(m.dep_ == "amod" and (lem(m) in neg or m.lower_ in neg) for m in s.children):
                return "ACCUSE", "disapprove"
    return None


@rule("weapon-use", "trigger")
def weapon_use(tok: Token) -> tuple[str, str | None] | None:
    """"rubber bullets were used to disperse the crowd", "fired rockets at the town": using a weapon
    is an ASSAULT with that weapon's mode (manual 3.16)."""
    if tok.pos_ != "VERB" or lem(tok) not in words("weapon_use_verbs"):
        return None
    objs = syntax.objects(tok)
    if not objs:
        return None
    mode = weapon_mode([t for o in objs for t in _named_thing(o)])
    if mode is None and not any(lem(o) in words("weapon_nouns") for o in objs):
        return None
    return "ASSAULT", mode


def _named_thing(noun: Token) -> list[Token]:
    """The words that say what a noun is: the noun, its modifiers and its "of" complement ("a barrage of
    rockets"), not its other phrases or words inside a name ("a venture with Cornwall Fire and Rescue
    Service" names no weapon)."""
    out = [noun] + [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    for o in syntax.prep_objects(noun, ("of",), conj=True):
        out += _named_thing(o)
    return [t for t in out if t.ent_type_ not in ("ORG", "FAC", "PERSON", "GPE", "WORK_OF_ART", "EVENT")]


@rule("rejects-accusation", "trigger")
def rejects_accusation(tok: Token) -> tuple[str, str | None] | None:
    """"says he is innocent of the allegations", "said the reports are absurd": rejecting an
    accusation is REJECT (dev guidelines; the seeds' "rebutted")."""
    if tok.pos_ != "VERB" or lem(tok) not in words("speech_verbs"):
        return None
    for c in syntax.children(tok, "ccomp"):
        if lem(c) != "be":
            continue
        subj = subject_of(c).token
        preds = syntax.children(c, "acomp", "attr")
        if any(lem(p) in words("denial_predicates") for p in preds) and (
                subj is not None and (lem(subj) in words("accusation_nouns") or subj.pos_ == "PRON"
                                      or is_agent(subj))):
            return "REJECT", None
    return None


@rule("conditional-ultimatum", "trigger")
def conditional_ultimatum(tok: Token) -> tuple[str, str | None] | None:
    """"if the council closes the market, we will take action against the council": a party's future
    act against someone, made to depend on what another party does, is a threat (manual 3.11,
    "coercive or forceful warnings"), moded by its content (``ultimatum``). This trigger rule reads
    verbs no lexicon entry names as an act on their own: an act of material conflict by the field's
    dictionary (its best CAMEO pattern or bare code) or a repercussion noun as object ("carry out
    measures"); an act the lexicon names ("would ban the paper if ...") is retyped by the modality
    step's ``condition`` through the same frame."""
    if tok.pos_ != "VERB" or not ultimatum(tok):
        return None
    objs = syntax.objects(tok)
    if any(lem(o) in words("warned_repercussions") for o in objs):
        if not _aimed(tok, objs):
            return None  # "we will take measures if prices rise": aimed at no one
    elif (_lexicon_type(tok) or "").lower() not in words("ultimatum_act_types"):
        return None
    modes = table("threat_content_modes")
    mode = next((str(modes[w]) for w in (lem(tok), *(lem(o) for o in objs)) if w in modes), None)
    return "THREATEN", mode


def ultimatum(verb: Token) -> bool:
    """The frame of a conditioned threat: ``verb`` has a future or would auxiliary, an "if"/"unless"
    clause whose subject is a party other than its own subject, and is told in a quote or under a
    reporting verb: "the union said it would strike unless wages were paid". Not "the rebels could
    attack if talks fail" (no party's act is the condition)."""
    if not {a.lower_ for a in verb.children if a.dep_ == "aux"} & words("ultimatum_auxiliaries"):
        return False
    cond = [c for c in verb.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in words("ultimatum_marks") for m in c.children)]
    subj = subject_of(verb).token
    if not any(s.dep_ in ("nsubj", "nsubjpass") and is_agent(s) and (subj is None or lem(s) != lem(subj))
               for c in cond for s in c.children):
        return False
    return _told(verb)


def _aimed(verb: Token, objs: list[Token]) -> bool:
    """The act is aimed at a party: its object, the object's owner, or an "against" phrase."""
    aimed = objs + syntax.prep_objects(verb, ("against",)) + [p for o in objs for p in syntax.prep_objects(o, ("against",))]
    return any(is_agent(o) or any(c.dep_ == "poss" and is_agent(c) for c in o.children) for o in aimed)


def _told(tok: Token) -> bool:
    """Inside quotation marks, or the complement of a reporting verb within two clauses."""
    quotes = sum(1 for t in tok.sent if t.i < tok.i and t.text in ('"', "“", "”"))
    return quotes % 2 == 1 or any(lem(a) in words("speech_verbs") or lem(a) in words("reporting_verbs", "events/modality")
                                  for a in syntax.ancestors_within(tok, 2) if a.pos_ == "VERB")


def _lexicon_type(tok: Token) -> str | None:
    """The type the field's dictionary gives verb ``tok`` on its own (its best CAMEO pattern, else its
    bare code), or presslens's own single-word entry."""
    hit, entry = cameo().match(tok)
    if hit is not None:
        return hit.type
    if entry is not None:
        d = cameo().default(entry)
        if d is not None and d.type is not None:
            return d.type
    own = next((e for e in lexicon()["triggers"] if e["w"] == lem(tok)), None)
    return None if own is None else str(own["t"])
