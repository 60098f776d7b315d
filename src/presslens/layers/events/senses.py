"""Sense rules: a trigger word names an event only in some frames. Each rule looks at one trigger
and the parse around it and returns the trigger (possibly retyped, with its name added to
``trigger.rules``) or None when the word is not an event here. Word lists: ``events/words.yaml``
and the ``senses`` section of ``events/plover.yaml``; examples: ``events/rules.yaml``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from .. import syntax
from .cameo import cameo
from .common import _senses
from .rules import rule, table, words

if TYPE_CHECKING:
    from .trigger import Trigger

HUMAN_ENTS = ("PERSON", "ORG", "NORP", "GPE")


def lem(t: Token) -> str:
    return t.lemma_.lower()


def is_agent(t: Token) -> bool:
    """A noun that can name someone who acts: a person, organisation, nationality or state, a
    pronoun, a generic agent of PETRARCH2's agents dictionary ("police", "rebels", "workers"), or a
    number standing for people ("thousands")."""
    if t.ent_type_ in HUMAN_ENTS or t.pos_ == "PRON":
        return True
    agents = cameo().agents
    return lem(t) in agents or t.lower_ in agents or (t.like_num or t.pos_ == "NUM")


def weapon_mode(toks: Iterable[Token]) -> str | None:
    """The ASSAULT mode of the weapons named among ``toks`` (manual table 3.11), by priority."""
    table: dict[str, str] = {str(k): str(v) for k, v in _weapons().items()}
    found: set[str] = set()
    toks = list(toks)
    # "set fire to", "set on fire": fire as a weapon is arson, primitive (manual 3.16.2), not gunfire.
    lemmas = " ".join(lem(t) for t in toks)
    arson = any(p in lemmas for p in words("arson_phrases"))
    for t in toks:
        if arson and lem(t) == "fire":
            found.add("primitive")
            continue
        for w in (lem(t), t.lower_):
            if w in table:
                found.add(table[w])
    text = " ".join(t.lower_ for t in toks)
    if any(p in text for p in words("crowd_control_phrases")):
        return "crowd-control"  # "rubber bullets", "water cannon": the phrase, not its head word
    order = [str(m) for m in _order()]
    return next((m for m in order if m in found), None)


def _weapons() -> dict[str, Any]:
    from .rules import table

    return table("weapons")


def _order() -> list[str]:
    from ... import lang

    return list(lang.data("events/words")["weapon_mode_order"])


@rule("lexicon-licence", "sense")
def licence(trig: Trigger, tok: Token) -> Trigger | None:
    """A lexicon entry with ``verbs`` is an event only as the subject/object of one of them ("reached
    a deal"; not "the deal included a bonus"); with ``obj`` only with such an object."""
    entry = trig.entry or {}
    if entry.get("verbs"):
        gv = syntax.governor(tok) or (tok.head if tok.dep_ in ("xcomp", "ccomp") else None)  # "vowed to respond"
        if gv is None or lem(gv) not in entry["verbs"]:
            return None
    if entry.get("obj"):
        # The object, a passive subject, a noun's of-object ("the arrival of forces"), and the of-phrase
        # of a quantity ("called up hundreds of reservists").
        objs = syntax.children(tok, "dobj", "dative", "nsubjpass")
        if tok.pos_ in ("NOUN", "PROPN"):
            objs += syntax.prep_objects(tok, ("of",))
        objs += [p for o in list(objs) for p in syntax.prep_objects(o, ("of",))]
        allowed = set(table("mobilize_modes")) if entry["obj"] == "forces" else set(entry["obj"])
        if not any(lem(c) in allowed for c in objs):
            return None
    if trig.no_obj and any(lem(c) in trig.no_obj for c in syntax.children(tok, "dobj")):
        return None
    if entry.get("subj_sectors") and not _security_agent(tok, entry["subj_sectors"]):
        return None
    return trig


def _security_agent(tok: Token, sectors: list[str]) -> bool:
    """The act's doer (subject or by-agent) is an agent of one of PETRARCH2's sectors (``MIL``
    armed forces, ``COP`` police) or a peacekeeping force (``words.yaml`` security_nouns)."""
    doers = [d for d in (syntax.subject(tok).token, syntax.by_agent(tok)) if d is not None]
    agents = cameo().agents
    for d in doers:
        code = agents.get(lem(d)) or agents.get(d.lower_) or ""
        if any(code.startswith(s) for s in sectors) or lem(d) in words("security_nouns"):
            return True
        if any(lem(c) in words("security_nouns") for c in d.children if c.dep_ in ("compound", "amod")):
            return True
    return False


@rule("strike-sense", "sense")
def strike(trig: Trigger, tok: Token) -> Trigger | None:
    """"strike": a work stoppage (PROTEST/strike), a military attack (ASSAULT, weapon mode) or
    neither ("struck a deal", "the earthquake struck")."""
    if trig.words != "strike" and lem(tok) != "strike":
        return trig
    sense = strike_sense(tok)
    if sense is None:
        return None
    trig.type, trig.mode = sense
    return trig


@rule("not-riot-police", "sense")
def riot_modifier(trig: Trigger, tok: Token) -> Trigger | None:
    """"riot police", "riot gear": riot modifying security forces or equipment is no riot."""
    if trig.words == "riot" and tok.dep_ in ("compound", "amod", "nmod") and lem(tok.head) in set(
            _senses().get("riot_modified", [])):
        return None
    return trig


@rule("generic-right", "sense")
def generic_head(trig: Trigger, tok: Token) -> Trigger | None:
    """"the right to protest", "freedom to demonstrate": an act a right is about is no event."""
    if tok.pos_ == "VERB" and tok.dep_ in ("acl", "xcomp", "relcl") and lem(tok.head) in set(
            _senses().get("generic_heads", [])):
        return None
    return trig


@rule("rescue-search", "sense")
def rescue_search(trig: Trigger, tok: Token) -> Trigger | None:
    """A search is a seizure by security forces; rescuers searching rubble are not."""
    if trig.words != "search" or tok.pos_ != "VERB":
        return trig
    sv = _senses()
    subj = syntax.subject(tok).token
    agents = set(sv.get("search_agents", []))
    if subj is not None and any(lem(t) in agents for t in subj.subtree):
        return trig
    objs = syntax.children(tok, "dobj") + syntax.prep_objects(tok, ("for", "through", "in"))
    rescue = set(sv.get("search_not", []))
    return None if any(lem(t) in rescue for t in [*objs, *([subj] if subj is not None else [])]) else trig


@rule("modifier-not-event", "sense")
def modifier(trig: Trigger, tok: Token) -> Trigger | None:
    """A trigger word modifying a noun names a kind of thing, not an act: "a supporting role",
    "attack helicopters", "aid workers", "protest songs". Kept when the noun is the act's agent
    ("striking workers", "protesting students") or a frame for the act ("bombing campaign")."""
    if tok.dep_ not in ("amod", "compound", "nmod") or tok.head == tok or trig.end - trig.start > 1:
        return trig
    head = tok.head
    if lem(head) in words("event_frame_nouns") or head.ent_type_ in ("DATE", "TIME"):
        return trig  # ("Free Iran rally-July 2019": a date hung on the event noun)
    if tok.tag_ == "VBN":
        return None  # "the detained journalists", "killed soldiers": a past act as a description
    if tok.pos_ == "VERB" and is_agent(head):
        return trig  # "striking workers"
    return None


@rule("agentive-protest", "sense")
def agentive(trig: Trigger, tok: Token) -> Trigger | None:
    """Protest verbs need people as subject and no object or clause: "workers demonstrated", but not
    "the analysis demonstrates a trend", "troops marched into the town"."""
    if trig.type != "PROTEST" or tok.pos_ != "VERB" or lem(tok) not in words("agentive_verbs"):
        return trig
    if syntax.children(tok, "dobj", "ccomp") and lem(tok) != "protest":
        return None
    subj = syntax.subject(tok).token
    if subj is None:
        return trig
    if not is_agent(subj) and lem(subj) not in words("people_numbers"):
        return None
    if cameo().agents.get(lem(subj)) == "MIL":
        return None
    return trig


@rule("contest-not-assault", "sense")
def contest(trig: Trigger, tok: Token) -> Trigger | None:
    """"beat a rival for the award", "crushed the opposition in the election": a contest, no ASSAULT."""
    if trig.type != "ASSAULT" or tok.pos_ != "VERB" or lem(tok) not in words("contest_verbs"):
        return trig
    near = [t for t in tok.subtree if t.i > tok.i] + [c for c in tok.children]
    if any(lem(t) in words("competition_nouns") for t in near):
        return None
    return trig


@rule("natural-cause", "sense")
def natural(trig: Trigger, tok: Token) -> Trigger | None:
    """A disease or disaster that kills or destroys is no actor (manual 7.5 "mudslides destroyed
    dozens of houses"): subject, ``by`` agent, or ``in/from/of/during`` cause."""
    if trig.type != "ASSAULT":
        return trig
    causes = words("natural_causes")
    verb = tok if tok.pos_ == "VERB" else None
    cands: list[Token] = []
    if verb is not None:
        subj = syntax.subject(verb).token
        if subj is not None:
            cands += syntax.conjuncts(subj)
        cands += syntax.prep_objects(verb, ("by", "in", "from", "of", "during", "after"))
    else:
        cands += syntax.prep_objects(tok, ("by", "from", "of"))
    if any(lem(c) in causes or any(lem(m) in causes for m in c.children if m.dep_ in ("compound", "amod"))
           for c in cands):
        return None
    # Culling animals is no attack: "plans to kill 10,000 birds".
    victims = syntax.objects(tok) if verb is not None else syntax.prep_objects(tok, ("of",))
    if victims and all(lem(v) in words("animal_nouns") for v in victims):
        return None
    return trig


@rule("cyber-attack", "sense")
def cyber(trig: Trigger, tok: Token) -> Trigger | None:
    """An attack on a website or by hackers is COERCE/cyber, not ASSAULT (manual 3.15)."""
    if trig.type != "ASSAULT":
        return trig
    objs = syntax.objects(tok) + syntax.prep_objects(tok, ("on", "against"))
    subj = syntax.subject(tok).token if tok.pos_ == "VERB" else None
    if any(lem(o) in words("cyber_objects") for o in objs) or (
            subj is not None and lem(subj) in words("cyber_agents")):
        trig.type, trig.mode = "COERCE", "cyber"
        return trig
    return trig


@rule("withdraw-resources", "sense")
def withdraw_resources(trig: Trigger, tok: Token) -> Trigger | None:
    """Withdrawing observers, diplomats or aid is SANCTION/withdraw; forces RETREAT/withdraw (manual 3.13)."""
    if trig.type != "RETREAT" or trig.mode != "withdraw" or tok.pos_ != "VERB":
        return trig
    if any(lem(o) in words("resource_nouns") for o in syntax.objects(tok)):
        trig.type, trig.mode = "SANCTION", "withdraw"
    return trig


@rule("expel-kind", "sense")
def expel_kind(trig: Trigger, tok: Token) -> Trigger | None:
    """Expelling diplomats or from a group is SANCTION/expel; people or organisations from a country
    COERCE/deport (manual 3.10.2, 3.13)."""
    if lem(tok) not in ("expel", "expulsion") or trig.type not in ("SANCTION", "COERCE"):
        return trig
    objs = syntax.objects(tok) + syntax.prep_objects(tok, ("of",))
    froms = syntax.prep_objects(tok, ("from",))
    if any(lem(o) in words("diplomat_nouns") for o in objs) or any(
            lem(f) in words("membership_nouns") for f in froms):
        trig.type, trig.mode = "SANCTION", "expel"
    else:
        trig.type, trig.mode = "COERCE", "deport"
    return trig


@rule("flight-is-expulsion", "sense")
def flight(trig: Trigger, tok: Token) -> Trigger | None:
    """Civilians fleeing are SANCTION/expel with the cause as actor (manual 3.7.2); forces fleeing
    retreat."""
    if lem(tok) not in words("flight_verbs") or tok.pos_ != "VERB":
        return trig
    subj = syntax.subject(tok)
    s = subj.token
    armed = s is not None and cameo().agents.get(lem(s)) in ("MIL", "REB", "UAF", "COP")
    if lem(tok) == "flee" and armed:
        trig.type, trig.mode = "RETREAT", "withdraw"
    else:
        trig.type, trig.mode = "SANCTION", "expel"
    return trig


@rule("press-conference", "sense")
def press_conference(trig: Trigger, tok: Token) -> Trigger | None:
    """"held a press conference": talking to the press is no consultation (manual 3.2)."""
    if trig.type != "CONSULT":
        return trig
    nouns = [tok, *syntax.objects(tok)] if tok.pos_ == "VERB" else [tok]
    if any(lem(c) in words("press_words") for n in nouns for c in n.children if c.dep_ in ("compound", "amod")):
        return None
    return trig


@rule("predicate-noun", "sense")
def predicate_noun(trig: Trigger, tok: Token) -> Trigger | None:
    """"described the drills as a threat", "called the vaccine a plot", "the move is an attack on
    democracy": a noun that characterises something states no act of its own."""
    if tok.pos_ not in ("NOUN", "PROPN") or trig.end - trig.start > 1:
        return trig
    if tok.dep_ in ("attr", "oprd") or (tok.dep_ == "pobj" and tok.head.lower_ == "as"):
        return None
    return trig


@rule("description-not-report", "sense")
def description(trig: Trigger, tok: Token) -> Trigger | None:
    """"activists jailed for leading a protest", "students who had been quarantined": a past act
    used to describe someone is background, not reported here (dev guidelines: an act that only
    names something inside a noun phrase)."""
    if tok.pos_ != "VERB":
        return trig
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") \
            and syntax.by_agent(tok) is None and not syntax.children(tok, "aux", "auxpass"):
        return None  # (with its agent, "a plan proposed by Macron", the act is told)
    if tok.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in tok.children):
        return None
    return trig


@rule("public-health", "sense")
def public_health(trig: Trigger, tok: Token) -> Trigger | None:
    """Investigations, bans, quarantines and closures told about a disease accuse and repress no one
    (manual 3.15.2; dev guidelines), unless named people are confined."""
    if (trig.type, trig.mode) not in (("ACCUSE", "investigate"), ("COERCE", "restrict"), ("COERCE", "martial-law"),
                                      ("COERCE", "curfew")):
        return trig
    sent = {lem(t) for t in tok.sent} | {t.lower_ for t in tok.sent}
    if not sent & words("disease_words"):
        return trig
    if trig.type == "COERCE":
        targets = syntax.objects(tok) + syntax.prep_objects(tok, ("on",))
        if targets and any(is_agent(t) for t in targets):
            return trig  # confining or banning named people is a restriction (dev guidelines)
    return None


@rule("warning-sense", "sense")
def warning(trig: Trigger, tok: Token) -> Trigger | None:
    """"warned it would respond" threatens (manual 3.11); "warned against X's machinations" accuses;
    "a report warning that a pandemic could cost billions" is neither."""
    if lem(tok) not in ("warn", "warning"):
        return trig
    if _advice(tok):
        trig.type, trig.mode = "REQUEST", None  # "warned the WHO to be cautious": advice, no repercussion
        return trig
    pobjs = syntax.prep_objects(tok, ("against", "of", "about"))
    if any(lem(o) in words("warned_repercussions") for o in pobjs):
        trig.type, trig.mode = "THREATEN", None  # "warned of serious consequences", "of retaliation"
        return trig
    if pobjs and not syntax.children(tok, "ccomp"):
        if not syntax.prep_objects(tok, ("against",)) and not any(_someones(o) for o in pobjs):
            return None  # "warned of more wild weather", "warning of travel": a hazard, no one accused
        trig.type, trig.mode = "ACCUSE", "allege"
        return trig
    for c in syntax.children(tok, "ccomp"):
        aux = {a.lower_ for a in c.children if a.dep_ == "aux"}
        subj = syntax.subject(c).token
        if aux & {"will", "would", "'ll", "shall"} and subj is not None and (subj.pos_ == "PRON" or is_agent(subj)):
            trig.type, trig.mode = "THREATEN", None
            return trig
    if tok.pos_ == "NOUN":
        return trig
    return None if syntax.children(tok, "ccomp") else trig


def _advice(tok: Token) -> bool:
    """"warned X to <do>", "warned that X should <do>": the warner asks someone to act and names no
    repercussion of its own, which is a request (manual 3.8: requests are less forceful than threats)."""
    if syntax.children(tok, "dobj") and syntax.children(tok, "xcomp"):
        return True
    deontic = words("deontic_words")
    return any({a.lower_ for a in c.children if a.dep_ in ("aux", "auxpass")} & deontic
               for c in syntax.children(tok, "ccomp"))


def _someones(t: Token) -> bool:
    """An actor or an act of someone's: "against X's machinations", "about the government"."""
    return is_agent(t) or any(is_agent(c) for c in t.children if c.dep_ == "poss") \
        or any(is_agent(o) for o in syntax.prep_objects(t, ("of", "by")))


@rule("accuser-is-someone", "sense")
def accuser(trig: Trigger, tok: Token) -> Trigger | None:
    """Accusing, revealing, complaining are done by someone (manual 3.9): in a report on a disease,
    "tests revealed that ...", "samples revealing the animals carried the flu" accuse no one (as
    epidemiological investigations, dev guidelines); "were exposed to contaminated
    water" is exposure to a hazard; "complained of symptoms" is a patient's report."""
    if trig.type != "ACCUSE" or tok.pos_ != "VERB" or trig.mode == "investigate":
        return trig
    to_next = tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to"
    if (to_next or syntax.prep_objects(tok, ("to",))) and syntax.children(tok, "auxpass") \
            and not syntax.children(tok, "dobj"):
        return None  # "were exposed to", "had been subjected to"
    if any(lem(o) in words("disease_words") for o in syntax.prep_objects(tok, ("of", "about"))):
        return None
    # Only the verb's own common-noun subject ("tests revealed"): inferred or mis-tagged subjects are
    # left alone (a parse error must not drop an accusation).
    subjs = syntax.children(tok, "nsubj")
    s = subjs[0] if subjs else None
    if s is None or s.pos_ != "NOUN" or s.ent_type_ in HUMAN_ENTS:
        return trig
    sent = {lem(t) for t in tok.sent} | {t.lower_ for t in tok.sent}
    if not sent & words("disease_words"):
        return trig  # "their remarks reveal their intentions": an author's accusation through a thing said
    if is_agent(s) or lem(s) in words("document_nouns") or any(lem(c) in words("document_nouns") for c in s.subtree):
        return trig
    return None


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
    said = syntax.children(tok, "xcomp") + syntax.children(tok, "dobj")
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
    subj = syntax.subject(tok).token
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
    """"a tourist visiting Uganda", "volunteers visiting children in their homes": a visit by or to
    private people (PETRARCH2's civilian sectors: tourists, residents, patients' families, children)
    is no consultation between political actors (manual 3.2)."""
    if (trig.type, trig.mode) != ("CONSULT", "visit"):
        return trig
    sides = [syntax.subject(tok).token] if tok.pos_ == "VERB" else [tok.head if tok.dep_ == "compound" else None]
    sides += syntax.objects(tok, conj=False) if tok.pos_ == "VERB" else syntax.prep_objects(tok, ("to", "by", "of"))
    if tok.dep_ == "acl" and tok.head.pos_ in ("NOUN", "PROPN"):
        sides.append(tok.head)  # "a tourist visiting Uganda"
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
    subj = syntax.subject(tok)
    s = subj.token
    if s is None or subj.passive:
        return trig
    if lem(s) in words("participant_nouns") or any(lem(c) in words("participant_nouns") for c in s.subtree):
        trig.type, trig.mode = "PROTEST", "riot"
    return trig


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
        subj = syntax.subject(head).token
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
