"""Sense rules for sentences that name acts without telling one act that took place: a trend over
many acts ("attacks have increased"), a habit ("protests are often suppressed"), acts summed over an
unbounded stretch of time ("in the past, police have dispersed protests"), an offence named as a
charge ("accused of theft") and an act done to no one ("arrested no one"). Same contract as
``senses.py`` (a rule returns the trigger, or None when the word is no event here); word lists in
``events/scope.yaml``, examples in ``events/rules.yaml``. Origin: the events dev guidelines
("Generic or habitual statements ... are not events"; "Negated or failed acts ... are no event") and
PLOVER 2.0 section 2.3 (an event is a discrete act).
"""

from __future__ import annotations

from spacy.tokens import Token

from .. import syntax
from .modality import class_of
from .modality import data as modality_data
from .parse import subject_of
from .rules import rule, words
from .senses import lem
from .trigger import Trigger


def scope_words(key: str) -> frozenset[str]:
    """A word list of ``lang/en/events/scope.yaml`` (lower case)."""
    return words(key, "events/scope")


def _up_conj(t: Token) -> Token:
    while t.dep_ in ("conj", "appos") and t.head != t:
        t = t.head
    return t


def _clause_verb(tok: Token) -> Token | None:
    """The verb whose clause states the act: the trigger verb, or the verb a trigger noun is an
    argument of (through one preposition), or the verb heading its clause."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    gov = syntax.governor(tok)
    if gov is not None:
        return gov
    head = syntax.clause_head(tok)
    return head if head.pos_ in ("VERB", "AUX") else None


def _main_verb(verb: Token) -> Token:
    """Up from a participle or conjunct clause to the verb it hangs on ("suppressed protests,
    *killing* two": suppressed), at most two steps."""
    v = verb
    for _ in range(2):
        if v.dep_ in ("advcl", "conj", "xcomp") and v.head.pos_ in ("VERB", "AUX") and v.head != v:
            v = v.head
        else:
            break
    return v


def _bare_plural(t: Token) -> bool:
    """A plural noun with no determiner, number or possessor: acts counted by no one ("protests",
    "public gatherings"), not "the protests", "two attacks", "their raids"."""
    if t.tag_ != "NNS" or lem(t) in scope_words("count_nouns"):
        return False  # ("dozens of farmers": a count, as a number is)
    return not any(c.dep_ in ("det", "poss", "nummod", "predet") for c in t.children)


@rule("trend-not-act", "sense")
def trend(trig: Trigger, tok: Token) -> Trigger | None:
    """"Attacks on aid convoys have increased", "the number of strikes fell last year": an event noun
    that is the subject of a change in amount reports a trend over many acts, no one act."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return trig
    n = _up_conj(tok)
    if n.dep_ == "pobj" and n.head.lower_ == "of" and lem(n.head.head) in scope_words("quantity_nouns"):
        n = _up_conj(n.head.head)
    if n.dep_ in ("nsubj", "nsubjpass") and lem(n.head) in scope_words("trend_verbs"):
        return None
    return trig


def _habitual(verb: Token) -> bool:
    for c in verb.children:
        if c.dep_ in ("advmod", "npadvmod") and c.lower_ in scope_words("habitual_adverbs"):
            return True
        if c.dep_ == "prep" and c.lower_ == "at" and any(
                o.dep_ == "pobj" and o.lower_ in scope_words("habitual_times") for o in c.children):
            return True
    return False


@rule("habitual-act", "sense")
def habitual(trig: Trigger, tok: Token) -> Trigger | None:
    """"Such marches are often broken up by police", "the guards at times beat detainees": an act
    done with an adverb of frequency is a habit, not an event."""
    verb = _clause_verb(tok)
    if verb is None:
        return trig
    # ("guards at times beat ...": the parser may hang "at times" on the subject before the verb)
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    return None if _habitual(verb) or any(_habitual(s) for s in subj) else trig


def _unbounded_span(verb: Token) -> bool:
    """A time phrase naming an open stretch ("in the past", "during the year", "over the years",
    "in recent years"), not a counted one ("in the past ten days")."""
    for p in syntax.children(verb, "prep"):
        if p.lower_ not in scope_words("span_prepositions"):
            continue
        for o in syntax.children(p, "pobj"):
            if lem(o) in scope_words("span_nouns") and not syntax.children(o, "nummod") and not o.like_num \
                    and (o.tag_ == "NNS" or any(c.lower_ in ("the", "recent") for c in o.children)):
                return True
    return False


@rule("unbounded-span", "sense")
def unbounded_span(trig: Trigger, tok: Token) -> Trigger | None:
    """"In earlier years, riot police have dispersed marches", "walkouts happened during the decade":
    acts told of countless members of a kind (a plural with no determiner or number) over an open
    stretch of time are a summary, no single act. "Police dispersed the rally in the past week" and
    "police held four men in the past ten days" are reports of acts."""
    verb = _clause_verb(tok)
    if verb is None:
        return trig
    main = _main_verb(verb)
    if not (_unbounded_span(verb) or _unbounded_span(main)):
        return trig
    args = [tok] if tok.pos_ in ("NOUN", "PROPN") else []
    for v in {verb, main}:
        args += syntax.objects(v) + [t for t in (subject_of(v).token,) if t is not None]
    return None if any(_bare_plural(_up_conj(a)) or _bare_plural(a) for a in args) else trig


@rule("no-one-acted", "sense")
def no_one(trig: Trigger, tok: Token) -> Trigger | None:
    """"Police arrested no one", "nobody was detained", "troops did not shoot anyone": an act done to
    no one did not take place (events dev guidelines: negated acts are no event)."""
    if tok.pos_ != "VERB":
        return trig
    args = syntax.objects(tok, conj=False)
    subj = subject_of(tok)
    if subj.token is not None and subj.passive:
        args.append(subj.token)
    for a in args:
        if a.lower_ in scope_words("no_one") or any(c.dep_ == "det" and c.lower_ == "no" for c in a.children):
            return None
        if a.lower_ in scope_words("any_one") and syntax.negated(tok):
            return None
    return trig


@rule("charge-name", "sense")
def charge_name(trig: Trigger, tok: Token) -> Trigger | None:
    """"accused of theft", "charged with arson", "jailed on charges of rioting": the offence a charge
    names is no event; "accused of beating two guards" (an act with its object) and "arrested for the
    killing of a judge" (a definite act) still tell one, as the accused act (status claimed)."""
    t = _up_conj(tok)
    if t.dep_ != "pobj" or t.head.lower_ not in scope_words("charge_prepositions"):
        return trig
    gov = t.head.head
    if lem(gov) in scope_words("charge_nouns"):
        return None  # "on charges of rioting", "on suspicion of arson"
    if gov.dep_ == "dobj" and t.head.lower_ in ("of", "with") and lem(gov.head) in scope_words("accuse_verbs"):
        gov = gov.head  # "charged the former mayor with fraud": the phrase hangs on the accused
    if tok.pos_ not in ("NOUN", "PROPN") or lem(gov) not in scope_words("charge_verbs"):
        return trig
    bare = not any(c.dep_ in ("det", "poss", "nummod", "predet") or c.dep_ == "prep" and c.lower_ == "of"
                   for c in t.children)
    return None if bare else trig


@rule("participle-describes", "sense")
def participle_describes(trig: Trigger, tok: Token) -> Trigger | None:
    """"fighters supporting independence", "troops protecting the palace", "the militia that is backing
    the junta": a present participle or present relative clause describing a noun tells a standing
    allegiance or role, not an act done at a time (manual 3.3
    SUPPORT and 3.6 AID code acts of support and aid). "Gunmen firing from a roof" still tells an
    attack: the rule reads only the types in ``stance_types``."""
    if tok.pos_ != "VERB" or trig.type.lower() not in scope_words("stance_types"):
        return trig
    if tok.tag_ == "VBG" and tok.dep_ in ("acl", "amod"):
        return None
    # The same stance told in a relative clause in the present ("the militia that is backing the
    # junta", "a charity which supports refugees"); a past one tells an act ("the party that backed
    # the bill on Monday").
    if tok.dep_ == "relcl" and tok.tag_ in ("VBG", "VBZ", "VBP") and not any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "MD") for c in tok.children):
        return None
    return trig


@rule("anonymity-request", "sense")
def anonymity_request(trig: Trigger, tok: Token) -> Trigger | None:
    """"an official, who asked not to be named, said ...": a source asking for anonymity is the
    newsroom's convention for quoting it, no request between political actors (manual 3.8 codes
    requests, demands and orders of a party). "Asked reporters not to name the victims" is a request."""
    if trig.type != "REQUEST" or tok.pos_ != "VERB":
        return trig
    for x in syntax.children(tok, "xcomp"):
        passive = any(c.dep_ == "auxpass" for c in x.children)
        if passive and syntax.negated(x) and lem(x) in scope_words("anonymity_verbs"):
            return None
    return trig


@rule("prospective-act", "sense")
def prospective_act(trig: Trigger, tok: Token) -> Trigger | None:
    """"clashes ahead of protests on Sunday", "arrested activists before a planned rally": an event
    noun named as a coming occasion, by a prospective time phrase ("ahead of", "in advance of", "on
    the eve of") or a prospective modifier ("planned", "upcoming", "scheduled"), is a future act:
    its type stays and its status is planned (PLOVER 2.0 2.3, the "future" auxiliary mode; events
    dev guidelines: "other planned acts keep their type with status planned")."""
    if tok.pos_ not in ("NOUN", "PROPN") or trig.status is not None:
        return trig
    mods = {lem(c) for c in tok.children if c.dep_ in ("amod", "compound")}
    anchor = tok.dep_ == "pobj" and tok.head.lower_ in scope_words("prospective_preps") \
        and lem(tok.head.head) in scope_words("prospective_anchors")
    if anchor or mods & scope_words("prospective_modifiers"):
        trig.status = "planned"
        trig.rules.append("prospective-act")
    return trig


@rule("topic-mention", "sense")
def topic_mention(trig: Trigger, tok: Token) -> Trigger | None:
    """"The mayor would not talk about the sit-in", "the office gave no information about the strike",
    "an inquiry into the shooting": an event noun that is the subject matter of talk or inquiry is
    named, not told; the act is told (or not) elsewhere (events dev guidelines: an act that only
    names something inside a noun phrase is no event). An act given
    its own participants, place or time there is told ("evidence about the killing of 30 prisoners in
    1990"); the talk or inquiry itself is kept ("police are investigating" is ACCUSE)."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return trig
    t = _up_conj(tok)
    if t.dep_ == "pobj" and t.head.lower_ in scope_words("topic_preps"):
        head = _up_conj(t.head.head)
    elif t.dep_ == "dobj" and t.head.lower_ in scope_words("topic_preps"):
        head = _up_conj(t.head.head) if t.head.dep_ in ("acl", "prep") else t.head  # "details surrounding X"
    else:
        return trig
    if any(c.dep_ in scope_words("own_detail_deps") for c in t.children):
        return trig  # "evidence about the killing of 40 miners in 1972" tells the massacre
    # ("opened an inquiry into the shooting": the parser may hang "into" on the verb, not the noun)
    heads = [head, *syntax.children(head, "dobj")]
    return None if any(lem(h) in scope_words("topic_heads") for h in heads) else trig


def _own_place_time(t: Token) -> bool:
    """A place or time named inside the noun's own phrase ("the summit in Lima", "Monday's talks")."""
    kinds = scope_words("own_place_time_entities")
    for c in t.children:
        if c.dep_ in ("relcl", "acl", "appos", "nummod"):
            return True  # ("the talks, which opened on ...", "the meeting held in ..."): told with its own clause
        if c.dep_ == "prep" and c.lower_ in scope_words("participant_preps"):
            continue  # ("the talks with Iran": a party, not a place)
        if any(x.ent_type_.lower() in kinds for x in c.subtree):
            return True
    return False


def _referring(t: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in scope_words("referential_determiners")
               or c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)


@rule("referential-meeting", "sense")
def referential_meeting(trig: Trigger, tok: Token) -> Trigger | None:
    """"During the meeting, the envoy said ...", "negotiators taking part in the talks", "a new approach to
    the talks": a definite meeting noun with no place, time or predicate of its own names a meeting
    told elsewhere (or none), not a consultation that took place (PLOVER 2.0 3.2 codes meetings
    held). Only a noun inside a prepositional phrase or the subject of "be" is read: as the subject or
    object of another verb the meeting has a predicate of its own ("the talks took place in Oslo",
    "held the meeting") or one that modality reads ("cancelled the summit"). Kept too: "the summit in
    Lima" (its own place), "during a visit to Chile" (indefinite: a new meeting)."""
    if trig.type != "CONSULT" or tok.pos_ != "NOUN" or not _referring(tok) or _own_place_time(tok):
        return trig
    n = _up_conj(tok)
    if n.dep_ == "pobj" and n.head.lower_ == "of" and lem(n.head.head) in scope_words("partitive_heads"):
        n = n.head.head  # "much of their talks focused on ...": the part stands for the talks
    if n.dep_ == "pobj":
        return None  # "during the meeting", "taking part in the talks", "an approach to the talks"
    gov = n.head
    if n.dep_ not in ("nsubj", "nsubjpass") or lem(gov) != "be":
        return trig  # the meeting's own predicate ("the talks broke off", "held the meeting") or a
        # verb that modality reads ("cancelled the summit": REJECT)
    kinds = scope_words("own_place_time_entities")
    if any(x.ent_type_.lower() in kinds for p in syntax.children(gov, "prep") for x in p.subtree):
        return trig  # "the meeting was on Monday in Oslo"
    return None  # "the talks with the rebels were a failure"


@rule("future-cooperation", "sense")
def future_cooperation(trig: Trigger, tok: Token) -> Trigger | None:
    """"on the eve of the planned summit", "an upcoming state visit": a cooperative act named as a coming
    occasion is an intention to cooperate, AGREE (PLOVER 2.0 3.2.1: "references to future meetings,
    summits, state visits ... should be coded as AGREE"; 3.1: cooperative acts in the future are
    AGREE). Verbs reach AGREE through modality (`future`). A noun embedded by a modality word keeps its
    type for that word to read ("called off the planned talks" is REJECT); a definite one in a
    prepositional phrase was dropped before (`referential-meeting`: "for the upcoming summit")."""
    if trig.type not in modality_data()["future"]["as_agree"] or tok.pos_ not in ("NOUN", "PROPN"):
        return trig
    # Planned by `prospective-act` ("ahead of", "upcoming"), or by the participle after the noun: "the
    # visit, expected to take place next week", "talks scheduled for Monday".
    after = {lem(c) for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"}
    if "prospective-act" not in trig.rules and not after & scope_words("prospective_modifiers"):
        return trig
    gov = syntax.governor(tok)
    if gov is not None and class_of(gov) is not None:
        return trig
    # The agreement to meet is what is told, as for verbs (`future`): its status is the sentence's,
    # not the meeting's "planned".
    if "prospective-act" in trig.rules:
        trig.status = None
    trig.type, trig.mode = "AGREE", None  # (the sense step records the rule's name)
    return trig
