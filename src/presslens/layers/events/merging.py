"""Rules over a text's triggers together: two triggers that tell one act become one ("launched an
attack", "opened fire ..., killing seven"), triggers that only name a participant or a protest's
topic are dropped, a prison sentence is also an imprisonment. Run by ``triggers.py`` after the
sense rules, before modality."""

from __future__ import annotations

from typing import Any

from .. import syntax
from .parse import misread_participle
from .rules import rule, words
from .senses import lem
from .trigger import Trigger


def _by_head(triggers: list[Trigger]) -> dict[int, Trigger]:
    return {t.head: t for t in triggers}


@rule("noun-states-act", "list")
def noun_states_act(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"launched an attack", "held talks", "protests were held": when a verb and its object noun are
    triggers of one type, the noun states the act; the verb is not a second event."""
    drop: set[int] = set()
    for t in triggers:
        tok = doc[t.head]
        if tok.pos_ != "NOUN" and tok.pos_ != "PROPN":
            continue
        a = tok
        while a.dep_ in ("conj", "appos") and a.head != a:
            a = a.head
        if a.dep_ == "pobj" and a.head.lower_ == "of" and a.head.head.dep_ in ("dobj", "nsubjpass"):
            a = a.head.head  # "held a number of protests", "launched a series of attacks"
        if a.dep_ not in ("dobj", "attr", "oprd", "nsubjpass") or a.head.pos_ != "VERB":
            continue  # only the verb's object ("during the attack" is another relation)
        gov = a.head
        v = next((x for x in triggers if x.head == gov.i and x is not t), None)
        if v is not None and v.type == t.type:
            drop.add(id(v))
            t.rules.append("noun-states-act")
    return [t for t in triggers if id(t) not in drop]


@rule("verb-types-noun", "list")
def verb_types_noun(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"signed the peace agreement", "welcomed the deal": an event noun that is an event only with
    certain verbs (its entry's ``verbs``) names the act that verb does when the verb is a trigger of
    its own: one event, the verb's (manual 3.3: signing an agreement is SUPPORT)."""
    from .modality import class_of

    heads = _by_head(triggers)
    drop: set[int] = set()
    for t in triggers:
        tok = doc[t.head]
        if tok.pos_ not in ("NOUN", "PROPN") or not (t.entry or {}).get("verbs"):
            continue
        gov = syntax.governor(tok)
        if gov is None:
            continue
        v = heads.get(gov.i)
        if v is None or v is t or v.type == t.type or class_of(gov) is not None:
            continue
        if lem(gov) in (t.entry or {}).get("verbs", ()):
            drop.add(id(t))
            v.rules.append("verb-types-noun")
    return [t for t in triggers if id(t) not in drop]


@rule("act-in-phrase", "list")
def act_in_phrase(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"contribute $3 million in the form of medical aid": a cooperative event noun in a
    prepositional phrase of a verb of its own type says how that verb's act was done; one event, the
    verb's."""
    from .modality import data as modality_data

    cooperative = set(modality_data()["cooperative_types"])  # attacks and their outcomes: outcome-of-attack
    heads = _by_head(triggers)
    drop: set[int] = set()
    for t in triggers:
        tok = doc[t.head]
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "pobj" or t.type not in cooperative:
            continue
        host = tok.head.head  # the preposition's head
        while host.dep_ == "pobj" and host.head.dep_ == "prep" and host.pos_ == "NOUN" and host.i not in heads:
            host = host.head.head  # "in the form of aid": up through "form"
        v = heads.get(host.i)
        if v is not None and v is not t and v.type == t.type and host.pos_ == "VERB":
            drop.add(id(t))
            v.rules.append("act-in-phrase")
    return [t for t in triggers if id(t) not in drop]


@rule("act-as-subject", "list")
def act_as_subject(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"Israeli airstrikes hit Gaza City", "a drone strike killed a commander": an event noun that
    is the subject of a verb of the same type is that act; the verb's frame (object, place,
    outcome) tells it, one event."""
    heads = _by_head(triggers)
    drop: set[int] = set()
    for t in triggers:
        tok = doc[t.head]
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "nsubj":
            continue
        v = heads.get(tok.head.i)
        if v is not None and v is not t and v.type == t.type:
            if lem(tok.head) in words("outcome_verbs"):
                drop.add(id(v))  # "the Kabul bombing killed ten": the killing is the bombing's outcome
                t.outcomes.append(v.head)
                t.rules.append("act-as-subject")
            else:
                drop.add(id(t))
                v.rules.append("act-as-subject")
    return [t for t in triggers if id(t) not in drop]


@rule("outcome-of-attack", "list")
def outcome_of_attack(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"three guards were wounded in a car bombing", "fired on a truck, wounding two": the
    killing is the outcome of the attack told beside it, one event."""
    heads = _by_head(triggers)
    outcome = words("outcome_verbs")
    drop: set[int] = set()
    for t in triggers:
        tok = doc[t.head]
        if t.type != "ASSAULT" or tok.pos_ != "VERB" or lem(tok) not in outcome:
            continue
        causes = syntax.prep_objects(tok, ("in", "during", "by", "from", "after"))
        # "nine people have been killed, and 14 injured, after a car bombing": the cause may
        # hang on a coordinated outcome verb.
        causes += [o for c in tok.conjuncts if c.pos_ == "VERB" and lem(c) in outcome
                   for o in syntax.prep_objects(c, ("in", "during", "by", "from", "after"))]
        # A definite cause ("during the attack") refers back to an event told before: the killing
        # is then what this sentence reports.
        cause = next((heads[c.i] for c in causes if heads.get(c.i) is not None and heads[c.i].type == "ASSAULT"
                      and not any(d.dep_ == "det" and d.lower_ in ("the", "this", "that") for d in c.children)),
                     None)
        if cause is None and tok.dep_ in ("advcl", "xcomp", "acl") and tok.tag_ == "VBG" \
                and heads.get(tok.head.i) is not None and heads[tok.head.i].type == "ASSAULT":
            cause = heads[tok.head.i]
        if cause is not None:
            drop.add(id(t))
            cause.outcomes.append(t.head)
            cause.rules.append("outcome-of-attack")
    return [t for t in triggers if id(t) not in drop]


@rule("occasion-of-act", "list")
def occasion_of_act(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"captured 11 suspects in sweeps", "held several men while searching for a smuggler",
    "killed three militants during a raid": a raid or search (COERCE/seize, manual 3.15) that is the
    occasion of an arrest or an attack told by the same verb is how that act was done, not a second
    event; "raided the house and arrested four men" (two verbs) stays two."""
    heads = _by_head(triggers)
    drop: set[int] = set()
    for t in triggers:
        tok = doc[t.head]
        if t.type not in ("ASSAULT", "COERCE") or t.mode == "seize" or tok.pos_ != "VERB":
            continue
        occasions = syntax.prep_objects(tok, ("in", "during"))
        occasions += [c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG"]  # "while searching"
        for o in occasions:
            occ = heads.get(o.i)
            if occ is not None and occ is not t and (occ.type, occ.mode) == ("COERCE", "seize"):
                drop.add(id(occ))
                t.rules.append("occasion-of-act")
    return [t for t in triggers if id(t) not in drop]


@rule("deployed-equipment", "list")
def deployed_equipment(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"deployed water cannons", "deployed trucks mounted with water cannons": a weapon in what a
    mobilization moves is its equipment, not an attack with it; the move is MOBILIZE weapons (manual
    3.14.1: mobilizing weapons, ships or vehicles is MOBILIZE 'weapons')."""
    heads = _by_head(triggers)
    drop: set[int] = set()
    for t in triggers:
        tok = doc[t.head]
        if t.type != "ASSAULT" or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        a, v = tok, None
        for _ in range(6):  # up through the object phrase ("trucks mounted with cannons")
            moved = [heads[p.i] for c in a.children if c.dep_ == "nsubj" for p in c.children
                     if p.i in heads and misread_participle(p)]
            if moved and moved[0].type == "MOBILIZE":
                v = moved[0]  # "and deployed trucks mounted with ...", read as "trucks mounted"
                break
            if a.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in a.children):
                break  # an infinitive clause ("moved into position to launch an offensive"): its aim, no equipment
            g = heads.get(a.head.i)
            if a.head == a or a.dep_ in ("nsubj", "csubj") or g is not None and g.type != "MOBILIZE":
                break  # another act's phrase, or the subject
            if g is not None:
                v = g
                break
            a = a.head
        if v is None or doc[v.head].pos_ != "VERB":
            continue
        drop.add(id(t))
        if v.mode in (None, "troops"):
            v.mode = "weapons"
        v.rules.append("deployed-equipment")
    return [t for t in triggers if id(t) not in drop]


@rule("same-event-modifier", "list")
def same_event_modifier(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"a two-day visit hosted by the president", "the protests, which spread to ...": a clause
    modifying an event noun of the same type tells more about that event, not another one. A noun
    for the people who protest is no event of its own ("marchers hurling bottles"): its clause is
    the act (rule participant-noun decides the noun)."""
    heads = _by_head(triggers)
    part = words("participant_nouns")
    drop: set[int] = set()
    for t in triggers:
        tok = doc[t.head]
        if tok.dep_ in ("acl", "relcl") and tok.head.i in heads and heads[tok.head.i].type == t.type \
                and lem(tok.head) not in part:
            drop.add(id(t))
    return [t for t in triggers if id(t) not in drop]


@rule("participant-noun", "list")
def participant_noun(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"protesters", "demonstrators" state a protest only as the subject of a clause that names no
    act of its own ("protesters gathered outside parliament"); arrested or marching protesters are
    the recipients or agents of another event."""
    heads = _by_head(triggers)
    part = words("participant_nouns")
    keep: list[Trigger] = []
    for t in triggers:
        tok = doc[t.head]
        if lem(tok) not in part and tok.lower_ not in part:
            keep.append(t)
            continue
        subj = tok
        if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("nsubj", "nsubjpass"):
            subj = tok.head.head  # "a group of masked protesters threw bottles"
        if subj.dep_ in ("nsubj", "nsubjpass") and subj.head.i not in heads and subj.head.pos_ == "VERB":
            keep.append(t)
    return keep


@rule("demand-of-protest", "list")
def demand_of_protest(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"nurses marched through Quito demanding better pay": the topic of a protest is not coded
    separately (manual 3.12.2)."""
    heads = _by_head(triggers)
    part = words("participant_nouns")
    keep: list[Trigger] = []
    for t in triggers:
        tok = doc[t.head]
        if t.type == "REQUEST" and tok.dep_ in ("advcl", "acl", "xcomp", "conj", "relcl"):
            h = tok.head
            if (h.i in heads and heads[h.i].type == "PROTEST") or (
                    tok.dep_ in ("acl", "relcl") and (lem(h) in part or h.lower_ in part)):
                continue
        keep.append(t)
    return keep




@rule("prison-sentence", "list")
def prison_sentence(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """A sentence to prison is a conviction and an imprisonment: SANCTION/convict and COERCE/arrest
    (manual 3.13.2 "court sentences that include imprisonment will also receive a COERCE 'arrest'")."""
    out = list(triggers)
    for t in triggers:
        tok = doc[t.head]
        if (t.type, t.mode) != ("SANCTION", "convict") or lem(tok) != "sentence":
            continue
        if any(lem(o) in words("prison_words") for o in syntax.prep_objects(tok, ("to", "in"))):
            out.append(type(t)(t.start, t.end, t.head, "COERCE", "arrest", t.words, rules=[*t.rules, "prison-sentence"]))
    return out




@rule("force-against-crowd", "list")
def force_against_crowd(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"dispersed the crowd with rubber bullets": dispersing with a weapon is an ASSAULT with that
    weapon (manual 3.16, crowd-control); "fired tear gas to disperse protesters", "rubber bullets were
    used in an effort to disperse the crowd": the dispersal is the attack's purpose, one event. A
    dispersal with no weapon stays COERCE/restrict (3.16.2 "police pushed back protesters")."""
    from .senses import weapon_mode

    heads = _by_head(triggers)
    drop: set[int] = set()
    for t in triggers:
        tok = doc[t.head]
        if t.type != "COERCE" or (lem(tok) not in words("dispersal_verbs") and t.words not in words("dispersal_verbs")):
            continue
        inst = [w for p in syntax.prep_objects(tok, ("with", "using")) for w in p.subtree]
        mode = weapon_mode(inst) if inst else None
        if mode is not None:
            t.type, t.mode = "ASSAULT", mode
            t.rules.append("force-against-crowd")
            continue
        # Up to the verb whose purpose the dispersal is; an ASSAULT there or on its object.
        a = tok.head
        while a.pos_ != "VERB" and a.head != a:
            a = a.head
        if a is tok or tok.dep_ not in ("advcl", "xcomp", "acl", "pcomp"):
            continue
        near = [a, *a.children]
        attack = next((heads[n.i] for n in near if n.i in heads and heads[n.i].type == "ASSAULT"), None)
        if attack is not None:
            drop.add(id(t))
            attack.rules.append("force-against-crowd")
    return [t for t in triggers if id(t) not in drop]


@rule("document-content", "list")
def document_content(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """"issued a statement denying the news", "released a letter condemning the arrests": the act a
    document states is its issuer's (parse.py reads the issuer as its agent); the reading is this
    rule's, so the learned check (which judges bare lexicon readings) leaves it standing."""
    from .common import DOCUMENT_NOUNS

    for t in triggers:
        tok = doc[t.head]
        if tok.pos_ == "VERB" and tok.dep_ == "acl" and lem(tok.head) in DOCUMENT_NOUNS \
                and tok.head.dep_ in ("dobj", "nsubjpass") and tok.head.head.pos_ in ("VERB", "AUX"):
            t.rules.append("document-content")
    return triggers
