"""Motion verbs whose cargo or purpose decides the act (session 26, "motion"; docs/events.md).

A verb of motion ("flew in", "moved toward", "arrived", "is heading to") names no act of its own
unless what it carries or what it goes for says which: medicine flown in is AID (manual 3.6), and a
force moved with relief, or for it, is AID (3.14.1: "mobilizing police or military forces for
disaster relief should be coded as AID"), whose aim is no second act. Word lists:
``lang/en/events/motion.yaml``."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from .. import syntax
from .parse import subject_of
from .rules import rule, words
from .senses import lem
from .trigger import Trigger

SRC = "events/motion"


def rule_verbs() -> frozenset[str]:
    """Every verb lemma ``motion-cargo`` can fire on (the tagger's cheap first filter)."""
    return words("motion_verbs", SRC)


def _relief(toks: list[Token]) -> bool:
    """Relief among the carried nouns: a relief noun ("medicine"), or a generic cargo noun with a relief
    modifier ("hygiene items", "aid packages")."""
    return any(lem(t) in words("relief_cargo", SRC) or lem(t) in words("cargo_heads", SRC) and any(
        c.dep_ in ("compound", "amod") and lem(c) in words("relief_modifiers", SRC) for c in t.children)
        for t in toks)


def cargo(verb: Token) -> list[Token]:
    """What a motion verb carries: its objects (or passive subject) with their ``of`` complements
    ("tons of food"), a ``with`` complement ("arrived with supplies"), the object of a particle read
    as a preposition ("flew in the medicine"), or for a verb with no object the load of its subject
    ("the ship, stocked with medical supplies, moved ...")."""
    objs = syntax.objects(verb)
    if not objs:
        objs = [o for c in verb.children if c.dep_ == "prep" and c.i == verb.i + 1
                and c.lower_ in words("cargo_particles", SRC) for o in syntax.children(c, "pobj")]
        objs = [t for o in objs for t in (o, *o.conjuncts)]
    objs += syntax.prep_objects(verb, ("with",), conj=True)
    subj = subject_of(verb)
    if not syntax.objects(verb) and subj.token is not None and not subj.passive:
        movers = [subj.token, *syntax.prep_objects(subj.token, ("of",))]  # "a convoy of trucks loaded with"
        for p in (c for m in movers for c in m.children):
            if p.dep_ == "acl" and lem(p) in words("loading_participles", SRC):
                objs += syntax.prep_objects(p, ("with",), conj=True) + syntax.objects(p)
    return objs + [p for o in list(objs) for p in syntax.prep_objects(o, ("of",))]


@rule("motion-cargo", "trigger")
def motion_cargo(tok: Token) -> tuple[str, str | None] | None:
    """"flew in medicine for the victims", "a ship loaded with food sailed for the island": relief
    carried by a motion verb is AID (manual 3.6: humanitarian aid such as emergency assistance)."""
    if tok.pos_ != "VERB" or lem(tok) not in words("motion_verbs", SRC):
        return None
    return ("AID", None) if _relief(cargo(tok)) else None


def _clause_conjuncts(verb: Token) -> list[Token]:
    """The verbs coordinated with ``verb`` and the verbs they govern as complements ("arrived ...,
    and sailors began *delivering* food")."""
    out: list[Token] = []
    for c in verb.conjuncts:
        out.append(c)
        out += [x for x in c.children if x.dep_ in ("xcomp", "ccomp")]
    return out


def _and_governor(tok: Token) -> tuple[int, int]:
    """A trigger word and the word it is an argument of, through coordination ("delivering food,
    water and *shelter*" -> shelter, delivering)."""
    top = tok
    while top.dep_ == "conj" and top.head != top:
        top = top.head
    return tok.i, top.head.i


@rule("relief-motion", "list")
def relief_motion(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"the carrier arrived in the port, and sailors began delivering food", "troops arrived with
    tents and medicine": forces moved with relief, or moved in the clause that tells the relief
    given, are mobilized for relief: AID (manual 3.14.1), one act with the relief they bring."""
    aid_heads = {i for t in triggers if t.type == "AID" for i in _and_governor(doc[t.head])}
    for t in triggers:
        tok = doc[t.head]
        if t.type != "MOBILIZE" or tok.pos_ != "VERB" or lem(tok) not in words("motion_verbs", SRC):
            continue
        if _relief(cargo(tok)) or any(c.i in aid_heads for c in _clause_conjuncts(tok)):
            t.type, t.mode = "AID", None
            t.rules.append("relief-motion")
    return triggers


def _aim_governor(tok: Token) -> Token | None:
    """The motion verb whose to-infinitive aim is the verb ``tok`` ("deployed *to support* the relief
    effort"), or None."""
    if tok.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return None
    gov = syntax.purpose_governor(tok)
    return gov if gov is not None and lem(gov) in words("motion_verbs", SRC) else None


@rule("relief-aim", "list")
def relief_aim(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"the army deployed two battalions to support the relief effort": a motion read as AID for the
    help it goes to give (``mobilize-to-help``, manual 3.14.1) is that help; the aim's own verb ("to
    support", "to assist") is not a second act. Recorded on the AID that keeps it."""
    keep: list[Trigger] = []
    for t in triggers:
        gov = _aim_governor(doc[t.head])
        mover = None if gov is None else next((o for o in triggers if o.head == gov.i and o is not t), None)
        if mover is not None and mover.type == "AID" and t.type != "AID" and lem(doc[t.head]) in words("help_verbs"):
            mover.rules.append("relief-aim")
            continue
        keep.append(t)
    return keep
