"""Sense rules, continued from ``senses.py`` (same contract): acts done to someone, declining to
comment, meetings and visits, hosting, calls, and which "strike" a strike is. Imported by ``acts.py``
before its own rules; it imports ``senses.py`` first, so registration order (the order the rules run
in) is senses, senses_acts, acts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from .. import syntax
from .cameo import _has_particle, cameo
from .common import _senses
from .parse import subject_of
from .rules import rule, table, words
from .senses import _security_agent, _weapons, is_agent, lem, weapon_mode

if TYPE_CHECKING:
    from .trigger import Trigger


@rule("human-patient", "sense")
def human_patient(trig: Trigger, tok: Token) -> Trigger | None:
    """Acts done to someone (``words.yaml`` human_patient_verbs): releasing captives (manual 3.7),
    evacuating or rescuing people (3.6). What the act is done to must be someone ("freed the
    hostages", "20 prisoners were released"), not a substance, a report or a building ("a plant that
    releases toxic gases", "the post office was evacuated"); recognising (3.3) is no act when it
    takes a clause ("it is important to recognise that ...")."""
    person = lem(tok) in words("human_patient_verbs")
    if tok.pos_ != "VERB" or not (person or lem(tok) in words("actor_patient_verbs")):
        return trig
    done_to = syntax.children(tok, "dobj", "nsubjpass")
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        done_to.append(tok.head)  # "substances released by ..."
    if tok.dep_ == "relcl" and not syntax.children(tok, "nsubj"):
        done_to.append(tok.head)
    if not done_to and syntax.children(tok, "ccomp"):
        return None  # "recognise that ...": a statement, not an act on anyone
    done_to += [o for t in done_to for o in syntax.prep_objects(t, ("of",))]  # "dozens of protesters"
    if person and done_to and not any(_person(t) or _captive(t) for t in done_to):
        return None  # (recognising a role or aspirations is still praise: only "recognise that" is vetoed)
    return trig


def _person(t: Token) -> bool:
    """A noun naming people: a person or nationality, a pronoun, a number ("20 were freed"), or an
    agent noun of PETRARCH2's dictionary that names people by its ending ("workers", "civilians";
    not "office" or "information", which the dictionary also lists)."""
    if t.ent_type_ in ("PERSON", "NORP") or t.pos_ == "PRON" or t.like_num or t.pos_ == "NUM":
        return True
    if not (lem(t) in cameo().agents or t.lower_ in cameo().agents):
        return False
    return any(lem(t).endswith(x) or t.lower_.endswith(x) for x in words("person_suffixes"))


def _captive(t: Token) -> bool:
    """Someone who can be held: CAMEO's RELEASE objects (its &HOSTAGE, &PEOPLE ... synsets) and the
    few held people they lack (``words.yaml`` captive_nouns)."""
    held = set(words("captive_nouns"))
    for name in words("captive_synsets"):
        held |= {h for term in cameo().synsets.get(name.upper(), ()) if not term.mods for h in term.heads}
    if lem(t) in held or t.lower_ in held:
        return True
    return any(c.dep_ in ("amod", "compound") and c.lower_ in words("captive_modifiers") for c in t.children)


@rule("self-disarm", "sense")
def self_disarm(trig: Trigger, tok: Token) -> Trigger | None:
    """"the rebels disarmed", "the disarming of 60 fighters": giving up one's weapons is RETREAT/disarm
    (manual 3.7); only disarming someone else ("disarmed the militia", "were disarmed by troops") is
    coercion."""
    if lem(tok) not in ("disarm", "disarming", "disarmament") or trig.type != "COERCE":
        return trig
    if tok.pos_ == "VERB" and (syntax.children(tok, "dobj") or syntax.by_agent(tok) is not None):
        return trig
    trig.type, trig.mode = "RETREAT", "disarm"
    return trig


@rule("declined-comment", "sense")
def declined_comment(trig: Trigger, tok: Token) -> Trigger | None:
    """"declined to comment", "refused to specify": refusing to make a statement is CAMEO 011
    (decline comment), which has no PLOVER type; refusing to act is a REJECT."""
    if trig.type != "REJECT" or tok.pos_ != "VERB":
        return trig
    said = syntax.children(tok, "xcomp")
    if lem(tok) in words("withhold_verbs"):
        said += syntax.children(tok, "dobj")  # "declined comment"; "denied the reports" rejects what was said
    if said and all(_statement(c) for c in said):
        return None
    return trig


def _statement(t: Token) -> bool:
    """A verb or noun of making a statement: CAMEO's 01 codes ("comment", "say", "explain") or the
    few such verbs CAMEO lacks (``words.yaml`` statement_words)."""
    if lem(t) in words("statement_words"):
        return True
    hits = [cameo().default(e) for e in cameo().verbs.get(lem(t), [])]
    return any(h is not None and str(h.code).startswith("01") for h in hits)


@rule("takeover-by-protesters", "sense")
def takeover(trig: Trigger, tok: Token) -> Trigger | None:
    """Protesters seizing or occupying a place obstruct it (PROTEST/obstruct, manual 3.12)."""
    if trig.type != "COERCE" or tok.pos_ != "VERB" or lem(tok) not in words("takeover_verbs"):
        return trig
    subj = subject_of(tok).token
    if subj is not None and (lem(subj) in words("participant_nouns") or cameo().agents.get(lem(subj)) == "OPP"
                             or any(lem(c) in words("participant_nouns") for c in subj.subtree)):
        trig.type, trig.mode = "PROTEST", "obstruct"
    return trig


@rule("meeting-a-thing", "sense")
def meeting_a_thing(trig: Trigger, tok: Token) -> Trigger | None:
    """"met the deadline", "consulted records", "met reporters", "visited flood-hit areas": meeting,
    consulting or visiting a thing, the press or a place at home is no consultation (manual 3.2)."""
    if trig.type != "CONSULT" or tok.pos_ != "VERB":
        return trig
    objs = syntax.objects(tok, conj=False) + syntax.prep_objects(tok, ("with",))
    if not objs:
        return trig
    if any(lem(o) in words("press_people") for o in objs):
        return None
    if lem(tok) == "visit":
        if all(o.pos_ == "NOUN" and lem(o) in words("visit_not_objects") for o in objs):
            return None
        return trig
    if lem(tok) in ("meet", "consult") and not any(is_agent(o) or lem(o) in words("meeting_nouns")
                                                   or o.ent_type_ in ("GPE", "ORG", "NORP", "PERSON") for o in objs):
        return None
    return trig


@rule("private-visit", "sense")
def private_visit(trig: Trigger, tok: Token) -> Trigger | None:
    """"a student visiting Ghana", "nurses visiting patients in their homes": a visit by or to
    private people (PETRARCH2's civilian sectors: tourists, residents, patients' families, children)
    is no consultation between political actors (manual 3.2)."""
    if (trig.type, trig.mode) != ("CONSULT", "visit"):
        return trig
    sides = [subject_of(tok).token] if tok.pos_ == "VERB" else [tok.head if tok.dep_ == "compound" else None]
    sides += syntax.objects(tok, conj=False) if tok.pos_ == "VERB" else syntax.prep_objects(tok, ("to", "by", "of"))
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        sides.append(tok.head)  # "a student visiting Ghana"
    private = {p.upper() for p in words("private_sectors")}
    for s in sides:
        if s is None or s.ent_type_ in ("GPE", "ORG", "NORP") or s.pos_ == "PRON":
            continue
        code = cameo().agents.get(lem(s)) or cameo().agents.get(s.lower_) or ""
        if any(code.startswith(p) for p in private):
            return None
    return trig


@rule("protester-violence", "sense")
def protester_violence(trig: Trigger, tok: Token) -> Trigger | None:
    """"protesters clashed with police", "rioters attacked shops": civilians' collective violence is a
    riot (PROTEST/riot, manual 3.12)."""
    if trig.type != "ASSAULT" or tok.pos_ != "VERB":
        return trig
    subj = subject_of(tok)
    s = subj.token
    if s is None or subj.passive:
        return trig
    if lem(s) in words("participant_nouns") or any(lem(c) in words("participant_nouns") for c in s.subtree):
        trig.type, trig.mode = "PROTEST", "riot"
    return trig


@rule("crowd-violence", "sense")
def crowd_violence(trig: Trigger, tok: Token) -> Trigger | None:
    """"Karimov supporters stormed the town hall", "thousands of ethnic Tajiks tried to storm
    a university": a crowd of civilians storming, torching or attacking riots (PROTEST/riot, manual
    3.12: "all civilian demonstrations and other collective actions"); an armed group attacks."""
    if trig.type != "ASSAULT" or tok.pos_ != "VERB" or lem(tok) not in words("riot_acts"):
        return trig
    subj = subject_of(tok)
    if subj.token is not None and not subj.passive and _civilian_crowd(subj.token):
        trig.type, trig.mode = "PROTEST", "riot"
    return trig


@rule("cyber-needs-a-system", "sense")
def cyber_on_people(trig: Trigger, tok: Token) -> Trigger | None:
    """"hacked two villagers to death with machetes": a cyber verb done to people is no cyber attack
    (manual 3.15 cyber: "hacking, security breaches, website attacks") but an assault with a blade
    (3.16: "assaults ... that involve knives, machetes"), its mode from the weapon named, else none."""
    if trig.type != "COERCE" or trig.mode != "cyber" or tok.pos_ != "VERB":
        return trig
    subj = subject_of(tok).token
    if subj is not None and lem(subj) in words("cyber_agents"):
        return trig
    done_to = syntax.children(tok, "dobj", "nsubjpass")
    if done_to and all(_person(t) for t in done_to):
        trig.type, trig.mode = "ASSAULT", weapon_mode(tok.subtree)
    return trig


@rule("state-obstruct", "sense")
def state_obstruct(trig: Trigger, tok: Token) -> Trigger | None:
    """"police blocked roads to the square", "troops blockaded the port": obstruction by the state's
    armed forces or police is COERCE/restrict (CAMEO 191 "impose blockade, restrict movement" ->
    COERCE restrict; manual 3.15 restrict "cordoning off areas"); by anyone else it stays PROTEST
    obstruct (CAMEO 144)."""
    if trig.type != "PROTEST" or trig.mode != "obstruct":
        return trig
    if _security_agent(tok, ["MIL", "COP", "GOV"]):
        trig.type, trig.mode = "COERCE", "restrict"
    return trig


def _civilian_crowd(s: Token) -> bool:
    """"Karimov supporters", "a mob", "thousands of ethnic Tajiks", "hundreds of students": a
    collective of civilians (``crowd_nouns`` in the plural or a collective noun, or a count of people
    named by nationality or group), not an armed group."""
    crowd = words("crowd_nouns")
    if lem(s) in crowd and (s.tag_ in ("NNS", "NNPS") or lem(s) in words("collective_crowd_nouns")):
        return True
    if s.like_num or lem(s) in words("crowd_counts"):  # "thousands of ethnic Tajiks"
        return any(c.dep_ == "prep" and c.lower_ == "of" and any(
            # (NER reads a group's name after a count as a PERSON: "thousands of ethnic Tajiks")
            o.ent_type_ in ("NORP", "PERSON") or lem(o) in crowd or lem(o) == "people" for o in c.subtree)
            for c in s.children)
    return False


@rule("hosting-a-thing", "sense")
def hosting(trig: Trigger, tok: Token) -> Trigger | None:
    """"hosted a dinner for investors", "hosts the World Cup": hosting is a consultation only of a
    meeting or of visitors (manual 3.2)."""
    if trig.type != "CONSULT" or tok.pos_ != "VERB" or lem(tok) != "host":
        return trig
    objs = syntax.objects(tok, conj=False)
    if objs and not any(is_agent(o) or lem(o) in words("meeting_nouns") for o in objs):
        return None
    return trig


@rule("call-sense", "sense")
def call_sense(trig: Trigger, tok: Token) -> Trigger | None:
    """A "call": a phone call is CONSULT/phone ("held a telephone call with"); a call for or on
    someone is a REQUEST ("the call by X for the designation of")."""
    if lem(tok) != "call" or tok.pos_ != "NOUN" or trig.end - trig.start > 1:
        return trig
    mods = {lem(c) for c in tok.children if c.dep_ in ("compound", "amod")}
    gov = syntax.governor(tok)
    cues = words("call_consult_words")
    phone = mods & cues or syntax.prep_objects(tok, ("with",)) or (gov is not None and lem(gov) in cues)
    if phone and not syntax.prep_objects(tok, ("for", "on", "upon")):
        trig.type, trig.mode = "CONSULT", "phone"
    return trig


def strike_sense(head: Token) -> tuple[str, str | None] | None:
    """Which "strike" this is, from its subject, modifiers, object and, when those say nothing,
    the words of its sentence (plover.yaml ``senses.strike``)."""
    sv = _senses().get("strike", {})
    armed, labour = set(sv.get("armed", [])), set(sv.get("labour", []))
    targets, natural_ = set(sv.get("targets", [])), set(sv.get("natural", []))
    weapons = set(_weapons())

    def assault(*where: Iterable[Token]) -> tuple[str, str | None]:
        for toks in where:
            m = weapon_mode(toks)
            if m:
                return "ASSAULT", m
        return "ASSAULT", None

    def military_sentence() -> bool:
        sent = list(head.sent)
        if any(lem(t) in set(sv.get("labour_strong", [])) for t in sent if t != head):
            return False
        cues = armed | weapons | set(sv.get("military_cues", []))
        return any(lem(t) in cues for t in sent if t != head)

    def physical(t: Token) -> bool:
        return lem(t) in targets or t.ent_type_ in ("GPE", "FAC", "LOC")

    if head.pos_ in ("VERB", "AUX"):
        subj = subject_of(head).token
        subj_toks = [t for t in (subj.subtree if subj is not None else []) if t.dep_ != "relcl"]
        if subj is not None and lem(subj) in labour:
            return "PROTEST", "strike"
        if subj is not None and (lem(subj) in weapons or weapon_mode(subj_toks)):
            return assault(subj_toks, head.sent)
        if subj is not None and lem(subj) in natural_:
            return None
        objs = syntax.children(head, "dobj") + syntax.prep_objects(head, ("at", "on", "against"))
        if subj is not None and (lem(subj) in armed or subj.ent_type_ in ("NORP", "GPE")
                                 or any(lem(t) in armed for t in subj_toks)):
            return assault(subj_toks, head.sent)
        if syntax.children(head, "dobj"):
            if any(physical(o) for o in objs):
                return assault(head.sent)
            return None  # "struck a deal", "struck a chord", "struck down the law"
        if military_sentence():
            return assault(head.sent)
        return "PROTEST", "strike"
    mods = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod")]
    if head.dep_ == "pobj" and head.head.lower_ == "on" and head.head.head.pos_ in ("VERB", "AUX"):
        return "PROTEST", "strike"  # "are on strike", "went on strike"
    if any(lem(c) in labour for c in mods) or head.dep_ == "compound" and lem(head.head) in labour:
        return "PROTEST", "strike"
    if any(lem(c) in weapons or lem(c) in words("military_strike_mods") for c in mods):
        return assault(mods)
    for prep in (c for c in head.children if c.dep_ == "prep"):
        objs = syntax.children(prep, "pobj")
        if prep.lower_ in ("by", "over", "for") and any(lem(o) in labour for o in objs):
            return "PROTEST", "strike"
        if prep.lower_ in ("on", "against") and any(physical(o) for o in objs):
            return assault(mods, head.sent)
        if prep.lower_ == "by" and any(lem(o) in armed or o.ent_type_ in ("NORP", "GPE") for o in objs):
            return assault(mods, head.sent)
    if military_sentence():
        return assault(mods, head.sent)
    return "PROTEST", "strike"


@rule("actor-in-clause", "sense")
def actor_in_clause(trig: Trigger, tok: Token) -> Trigger | None:
    """Cooperative and verbal acts are between actors (manual 2.1: an event has a source and a
    target actor): a verb such as "support", "work with", "applaud", "reject" that has no one
    acting or acted on among its subject, objects and prepositional objects ("the audience
    applauded") is an everyday use, not an event. An agentless passive keeps its unnamed actor."""
    if trig.type.lower() not in words("actor_required_types") or tok.pos_ != "VERB" or trig.entry is not None:
        return trig  # (presslens's own entries are read the manual's way already)
    subj = subject_of(tok)
    if subj.token is None and syntax.is_passive(tok):
        return trig
    args = [subj.token, *syntax.objects(tok), *syntax.prep_objects(tok, conj=True)]
    if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
        args.append(tok.head)
    for a in args:
        if a is None:
            continue
        if _someone(a) or any(_someone(c) for c in a.children if c.dep_ in ("poss", "compound")):
            return trig
    return None


def _someone(t: Token) -> bool:
    """An actor noun: ``is_agent``, or a common noun standing for a state ("the two countries")."""
    return is_agent(t) or lem(t) in words("state_nouns")


@rule("trade-ban", "sense")
def trade_ban(trig: Trigger, tok: Token) -> Trigger | None:
    """A ban on goods ("would ban Canadian cows and beef", "a ban on cattle imports from Canada",
    "an arms embargo") stops trade with a country: SANCTION/discontinue (manual 3.13), not a
    restriction on people (COERCE/restrict)."""
    if (trig.type, trig.mode) != ("COERCE", "restrict") or lem(tok) not in words("ban_words"):
        return trig
    targets = syntax.objects(tok) + syntax.prep_objects(tok, ("on",), conj=True)
    targets += [c for t in targets for c in t.conjuncts]
    if not targets or any(_person(t) or is_agent(t) for t in targets):
        return trig

    def goods(t: Token) -> bool:
        mods = [c for c in t.children if c.dep_ in ("amod", "compound", "nmod")]
        of_place = [o for o in syntax.prep_objects(t, ("from",)) if o.ent_type_ in ("GPE", "NORP")]
        return lem(t) in words("trade_nouns") or any(lem(m) in words("trade_nouns") for m in mods) \
            or any(m.ent_type_ in ("GPE", "NORP") for m in mods) or bool(of_place)
    if any(goods(t) for t in targets):
        trig.type, trig.mode = "SANCTION", "discontinue"
    return trig


@rule("name-part", "sense")
def name_part(trig: Trigger, tok: Token) -> Trigger | None:
    """A trigger word inside the name of an organisation, building, law or work names it, not an act:
    "the Federal Bureau of Investigation said ...", "the Peace Support Centre", "the Public Order Act"
    (``words.yaml`` name_entity_labels: the NER labels of such names). A one-word name, and the word
    that heads the name, are left alone (the tagger also marks a capitalised act in a headline)."""
    if tok.pos_ != "PROPN" or tok.ent_type_.lower() not in words("name_entity_labels"):
        return trig
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    # The name's own head is kept: "the Free Tibet Rally" names an act, and a title-case headline
    # ("Clerks Walk Out Of Meeting") can be read as one long name headed by its verb.
    return None if ent is not None and len(ent) > 1 and ent.root.i != tok.i else trig


@rule("phrasal-object-class", "sense")
def phrasal_object_class(trig: Trigger, tok: Token) -> Trigger | None:
    """A phrasal CAMEO verb's bare reading (``Cameo.entries`` puts it before the bare verb) is kept
    only where its object is of the class its code is about (``words.yaml`` phrasal_object_classes):
    "rebels took over the town", "the airport was taken over by soldiers" are seizures (CAMEO
    171/192, COERCE/seize); "she took over the post", "took over responsibility for the talks" are
    not."""
    if trig.cameo_pattern or tok.pos_ != "VERB" or not trig.rules or not trig.rules[0].startswith("cameo:"):
        return trig
    for key, spec in _phrasal_classes().items():
        verb, *parts = key.split()
        if lem(tok) != verb or not all(_has_particle(tok, p) for p in parts):
            continue
        objs = syntax.objects(tok)
        if tok.dep_ in ("relcl", "acl") and not objs:
            objs = [tok.head]  # "the town they took over", "the base taken over by rebels"
        if not objs:
            return trig if spec.get("bare") else None
        classes = set(spec["classes"])
        return trig if any(_object_class(o) & classes for o in objs) else None
    return trig


def _phrasal_classes() -> dict[str, Any]:
    return table("phrasal_object_classes")


def _object_class(t: Token) -> set[str]:
    """The object classes of noun ``t``: a place (a place name, a place noun), a facility, land or property."""
    got: set[str] = set()
    noun = lem(t)
    if t.ent_type_ in ("GPE", "LOC") or noun in words("place_nouns", "events/places") \
            or noun in words("demonym_territory_nouns", "events/places"):
        got.add("place")
    if t.ent_type_ == "FAC" or noun in words("facility_nouns"):
        got.add("facility")
    if noun in words("property_nouns"):
        got.add("property")
    return got


@rule("threat-as-danger", "sense")
def threat_as_danger(trig: Trigger, tok: Token) -> Trigger | None:
    """A threat noun is a THREATEN event only where the text tells it issued (manual 3.11: "threats,
    coercive or forceful warnings"): its issuer named ("the rebels' threat to shell the port", "a threat
    by the union"), its content an infinitive ("a threat to cut ties"), or itself the object of a verb
    ("made threats", "the threat was repeated"). Elsewhere it names a danger or a topic: "despite the
    threat of floods", "talks focused on the terror threat", "a growing threat to the harvest"."""
    if trig.type != "THREATEN" or tok.pos_ != "NOUN" or trig.end - trig.start > 1 \
            or lem(tok) not in words("threat_nouns"):
        return trig
    if any(c.dep_ == "poss" and is_agent(c) for c in tok.children) \
            or any(is_agent(o) for o in syntax.prep_objects(tok, ("by", "from"))):
        return trig
    if any(c.dep_ in ("acl", "relcl", "xcomp") and c.pos_ == "VERB"
           and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children):
        return trig
    head = tok
    while head.dep_ == "conj" and head.head.pos_ == "NOUN":
        head = head.head  # "made threats and insults": the first conjunct's place in the clause
    if head.dep_ == "dobj" and lem(head.head) in words("threat_danger_verbs"):
        return None  # "the flood poses a threat": CAMEO POSE * THREAT [012], a comment
    return trig if head.dep_ in ("dobj", "nsubjpass") else None
