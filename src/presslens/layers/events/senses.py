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
from .parse import misread_participle, subject_of
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
    a deal"; not "the deal included a bonus"); with ``obj`` only with such an object; with ``needs_obj``
    only with an object of its own (PETRARCH2's patterns name the object; a participle describing a
    thing has none)."""
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
    if entry.get("needs_obj") and not syntax.children(tok, "dobj", "nsubjpass"):
        return None  # "troops protected the convoy", not "a zone protected by police" (a description)
    if trig.no_obj and any(lem(c) in trig.no_obj for c in syntax.children(tok, "dobj")):
        return None
    if entry.get("subj_sectors") and not _security_agent(tok, entry["subj_sectors"]):
        return None
    return trig


def _security_agent(tok: Token, sectors: list[str]) -> bool:
    """The act's doer (subject or by-agent) is an agent of one of PETRARCH2's sectors (``MIL``
    armed forces, ``COP`` police) or a peacekeeping force (``words.yaml`` security_nouns)."""
    doers = [d for d in (subject_of(tok).token, syntax.by_agent(tok)) if d is not None]
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
    from .senses_acts import strike_sense  # its module builds on this one's helpers

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
    subj = subject_of(tok).token
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
        return trig  # ("Free Tibet rally-May 2021": a date hung on the event noun)
    if misread_participle(tok):
        return trig  # "sealed off roads and deployed trucks mounted with ...": the verb, misparsed
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
    subj = subject_of(tok).token
    if subj is None:
        return trig
    if not is_agent(subj) and lem(subj) not in words("people_numbers"):
        return None
    if (cameo().agents.get(lem(subj)) or "").startswith(("MIL", "REB", "UAF")):
        return None  # armed forces or groups move or mass ("militias gathered"): no protest (3.14)
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


@rule("campaign-not-assault", "sense")
def campaign(trig: Trigger, tok: Token) -> Trigger | None:
    """"a diplomatic offensive", "a charm offensive": a war noun qualified as a campaign of words or
    persuasion names no force (CAMEO types DIPLOMATIC OFFENSIVE 022, PEACE OFFENSIVE 045, not 190)."""
    if trig.type != "ASSAULT" or tok.pos_ not in ("NOUN", "PROPN"):
        return trig
    mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "npadvmod")]
    if any(lem(c) in words("campaign_modifiers") for c in mods):
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
        subj = subject_of(verb).token
        if subj is not None:
            cands += syntax.conjuncts(subj)
        cands += syntax.prep_objects(verb, ("by", "in", "from", "of", "during", "after"))
    else:
        cands += syntax.prep_objects(tok, ("by", "from", "of"))
    if any((lem(c) in causes or any(lem(m) in causes for m in c.children if m.dep_ in ("compound", "amod")))
           and not (_someones_fire(c) and lem(c) not in words("disease_words")) for c in cands):
        return None
    # Culling animals is no attack: "plans to kill 10,000 birds".
    victims = syntax.objects(tok) if verb is not None else syntax.prep_objects(tok, ("of",))
    if victims and all(lem(v) in words("animal_nouns") for v in victims):
        return None
    return trig


def _someones_fire(c: Token) -> bool:
    """"Israeli fire", "sniper fire", "rebel fire": a cause word said of someone is their weapons (not a
    disease named after its place or strain, "the H9N2 strain", "Hendra fever": the caller checks)."""
    return any(m.dep_ in ("compound", "amod", "poss") and (is_agent(m) or m.ent_type_ == "NORP" or lem(m) in _weapons()
                                                          or lem(m) in words("nonstate_armed"))
               for m in c.children)


@rule("cyber-attack", "sense")
def cyber(trig: Trigger, tok: Token) -> Trigger | None:
    """An attack on a website or by hackers is COERCE/cyber, not ASSAULT (manual 3.15)."""
    if trig.type != "ASSAULT":
        return trig
    objs = syntax.objects(tok) + syntax.prep_objects(tok, ("on", "against"))
    subj = subject_of(tok).token if tok.pos_ == "VERB" else None
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
    subj = subject_of(tok)
    s = subj.token
    armed = s is not None and cameo().agents.get(lem(s)) in ("MIL", "REB", "UAF", "COP")
    if lem(tok) in ("flee", "escape") and armed:
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
    """"described the parade as a provocation", "called the census a trick", "the move is an attack on
    democracy": a noun that characterises something states no act of its own."""
    if tok.pos_ not in ("NOUN", "PROPN") or trig.end - trig.start > 1:
        return trig
    if tok.dep_ in ("attr", "oprd") or (tok.dep_ == "pobj" and tok.head.lower_ == "as"):
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
        targets += [x for t in targets for x in syntax.prep_objects(t, ("of",))]  # "hundreds of Muslims"
        if targets and any(is_agent(t) for t in targets):
            return trig  # confining or banning named people is a restriction (dev guidelines)
    return None


@rule("warning-sense", "sense")
def warning(trig: Trigger, tok: Token) -> Trigger | None:
    """"warned it would respond" threatens (manual 3.11); "warned against X's machinations" accuses;
    "a study warning that a drought could cost millions" is neither."""
    if lem(tok) not in ("warn", "warning"):
        return trig
    if _advice(tok):
        trig.type, trig.mode = "REQUEST", None  # "warned the agency to be careful": advice, no repercussion
        return trig
    pobjs = syntax.prep_objects(tok, ("against", "of", "about"))
    if any(lem(o) in words("warned_repercussions") for o in pobjs):
        trig.type, trig.mode = "THREATEN", None  # "warned of serious consequences", "of retaliation"
        return trig
    if pobjs and not syntax.children(tok, "ccomp"):
        if not syntax.prep_objects(tok, ("against",)) and not any(_someones(o) for o in pobjs):
            return None  # "warned of more heavy rain", "warning of icy roads": a hazard, no one accused
        trig.type, trig.mode = "ACCUSE", "allege"
        return trig
    for c in syntax.children(tok, "ccomp"):
        aux = {a.lower_ for a in c.children if a.dep_ == "aux"}
        subj = subject_of(c).token
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
        return trig  # "their words expose their aims": an author's accusation through a thing said
    if is_agent(s) or lem(s) in words("document_nouns") or any(lem(c) in words("document_nouns") for c in s.subtree):
        return trig
    return None
