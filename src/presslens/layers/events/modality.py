"""Modality: what is reported when an act is threatened, offered, refused, demanded, reversed,
failed, intended, negated, conditional or in the future. The same rules for every type, over the
parse; the words are in ``events/modality.yaml`` (with the PLOVER manual sections they follow).

For each trigger, :func:`embedding` finds the word that embeds it: the verb whose infinitive or
object it is ("threatened *to shell*", "lifted *the curfew*", "called *for a boycott*"), or the noun
whose complement it is ("*the threat of* strikes", "*plans to* raise fees"). The embedding word's
class decides:

- ``modality-fold`` (threat, offer, refusal, demand, reversal): one event, the embedding word's,
  typed by its class and moded by the embedded act ("threatened to seize the gas terminals" is
  THREATEN/territory; "refused to release" REJECT/yield; "halted aid" SANCTION/withdraw); the
  embedded act is dropped (manual 2.3: return the single event category);
- ``modality-status`` (intention, denial, accusation): the act keeps its type and gets a status
  (planned, denied, claimed); a failed act ("failed to sign") is no event;
- ``negation``: a negated act is denied; ``condition``: "if"/"would"/"could" make it hypothetical;
- ``future``: a future cooperative act is AGREE, a future retreat CONCEDE (manual 3.1, 3.4), a
  future conflict act stated in reported speech a threat; other future acts are planned.
"""

from __future__ import annotations

import functools
from typing import Any

from spacy.tokens import Doc, Token

from ... import lang
from .. import syntax
from . import acts
from .common import MATERIAL_TYPES
from .modality_habit import habitual
from .modality_report import existential_report
from .parse import _governing_verb, subject_of
from .rules import rule, words
from .senses import is_agent
from .trigger import Trigger


@functools.cache
def data() -> dict[str, Any]:
    out: dict[str, Any] = lang.data("events/modality")
    return out


@functools.cache
def lemma_class() -> dict[str, str]:
    """lemma (or "verb particle") -> modality class."""
    return {str(w): name for name, c in data()["classes"].items() for w in c["lemmas"]}


def class_of(tok: Token) -> str | None:
    classes = lemma_class()
    lem = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "prt" and f"{lem} {c.lower_}" in classes:
            return classes[f"{lem} {c.lower_}"]
    return classes.get(lem) or classes.get(tok.lower_)


def embedding(tok: Token) -> tuple[Token, str] | None:
    """The word that embeds the act headed by ``tok`` and how: (token, relation)."""
    t = tok
    while t.dep_ == "conj" and t.head != t:
        if t.pos_ == "VERB" and t.tag_ != t.head.tag_:
            return None  # "urged X to free Y and criticised Z": a finite verb is an act of its own
        t = t.head  # "threatened to attack and destroy": both acts are threatened
    head = t.head
    if head == t:
        return None
    dep = t.dep_
    if dep in ("xcomp", "ccomp") and head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
        return head, dep
    if dep in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return head, "obj"
    if dep == "acl" and head.pos_ in ("NOUN", "PROPN") and syntax.has_to_infinitive(t):
        return head, "acl"  # "plans to raise fees", "his refusal to meet"
    if dep in ("pobj", "pcomp") and head.dep_ == "prep" and head.head != head:
        gov = head.head
        if gov.pos_ in ("NOUN", "PROPN") and head.lower_ == "of" and class_of(gov) is None:
            up = embedding(gov)  # "called a new day of strikes", "ended a wave of protests"
            if up is not None:
                return up
        if gov.pos_ in ("NOUN", "PROPN") and head.lower_ == "in" and _amount(gov) and class_of(gov) is None:
            up = embedding(gov)  # "promised $25 million in aid": the aid is the promised amount
            if up is not None:
                return up
        if gov.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
            return gov, "p:" + head.lower_  # "called for a boycott", "the threat of strikes", "refrained from"
    return None


def _amount(noun: Token) -> bool:
    """A sum or quantity ("25 million dollars", "$10 million", "tonnes")."""
    return noun.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or any(c.dep_ == "nummod" for c in noun.children)


def _mode_by(table: str, by_mode: str, inner: Trigger) -> str | None:
    d = data()
    if inner.mode and inner.mode in d.get(by_mode, {}):
        return str(d[by_mode][inner.mode])
    m = d.get(table, {}).get(inner.type)
    return None if m is None else str(m)


def folded_type(cls: str, gov: Token, inner: Trigger) -> tuple[str, str | None] | None:
    """(type, mode) of the one event an embedding word of class ``cls`` reports about ``inner``."""
    d = data()
    c = d["classes"][cls]
    if cls == "reversal":
        r = d.get("reversals_by_mode", {}).get(inner.mode) or d["reversals"].get(inner.type)
        return None if r is None else (str(r[0]), r[1])
    if cls == "threat":
        return "THREATEN", _mode_by("threat_modes", "threat_modes_by_mode", inner)
    if cls == "offer":
        if inner.type in MATERIAL_TYPES and inner.type not in ("AID", "COOPERATE", "RETREAT") and c.get("conflict_type"):
            return str(c["conflict_type"]), _mode_by("threat_modes", "threat_modes_by_mode", inner)
        if inner.type in d["future"]["as_concede"] or inner.type == "CONCEDE":
            return "CONCEDE", None
        return "AGREE", None
    if cls in ("refusal", "demand"):
        mode = _mode_by("request_modes", "request_mode_by_mode", inner)
        return str(c["type"]), mode
    return None


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _clause_verb(tok: Token) -> Token:
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    return _governing_verb(tok) or syntax.governor(tok) or tok


def _reported(verb: Token) -> bool:
    """The clause is the complement of a reporting verb ("said it would ..."), and not a bill's
    provision ("said the bill would impose sanctions")."""
    rep = {str(w) for w in data()["reporting_verbs"]}
    subj = subject_of(verb).token
    if subj is not None and subj.lemma_.lower() in {str(w) for w in data()["legislative"]}:
        return False
    return any(a.lemma_.lower() in rep for a in syntax.ancestors_within(verb, 2) if a.pos_ in ("VERB", "AUX"))


def aim_status(verb: Token) -> str | None:
    """The status of the act a to-infinitive ``verb`` states as an aim ("bought explosives *to blow
    up* the bridge", "arrested him *in order to* stop the march": planned) or as a capacity ("enough
    poison *to kill* hundreds", "the potential *to destroy* a city": hypothetical); None when it is
    neither (see ``purpose`` in modality.yaml)."""
    if verb.pos_ not in ("VERB", "AUX") or not syntax.has_to_infinitive(verb) or \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None  # "called for the crowd to leave": a clause with a subject of its own is no aim of the actor
    p = data()["purpose"]
    if any(c.lower_ in p["result_markers"] for c in verb.children if c.dep_ == "advmod"):
        return None
    head = verb.head
    if head == verb:
        return None
    degree = [head, *(c for c in head.children if c.dep_ == "dobj")]
    if verb.dep_ == "acl" and head.lemma_.lower() in p["capacity_nouns"] or verb.dep_ in ("xcomp", "acl", "advcl") \
            and any(c.lower_ in p["degree_words"] for d in degree for c in d.children if c.dep_ in ("amod", "advmod")):
        return str(p["capacity_status"])
    if verb.dep_ == "acl" and head.lower_ == "order" and head.head.lower_ == "in":
        head = head.head.head
    elif verb.dep_ == "xcomp":
        return str(p["status"]) if head.lemma_.lower() in p["aim_heads"] else None
    elif verb.dep_ != "advcl":
        return None
    ok = head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in p["reported_heads"]
    return str(p["status"]) if ok else None


def aim_of(tok: Token) -> tuple[Token, str] | None:
    """The aim or capacity clause whose complement chain holds the act headed by ``tok`` (a verb
    or its object: "to blow up the bridge", "to carry out an attack"), and its status."""
    if tok.pos_ not in ("VERB", "AUX") and tok.dep_ != "dobj":
        return None
    t = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for _ in range(6):
        st = aim_status(t)
        if st is not None:
            return t, st
        if t.dep_ not in ("xcomp", "ccomp", "conj") or t.head == t or t.head.pos_ not in ("VERB", "AUX"):
            return None
        if t.dep_ == "conj" and t.tag_ != t.head.tag_:
            return None  # "flew in to meet him and signed a deal": a finite verb is an act of its own
        t = t.head
    return None


@rule("purpose", "modality")
def purpose(triggers: list[Trigger], doc: Doc) -> None:
    """"He bought explosives to blow up the bridge": the act an actor did something *for* is an aim,
    not a reported act (manual 2.3): an act prepared for keeps its type, planned; the aim of another
    act told as done is no event (``purpose-aim``); a capacity ("enough poison to kill hundreds") is
    hypothetical. An aim of the type of the act it serves is that act told twice ("visited Cairo to
    discuss the truce")."""
    p = data()["purpose"]
    for trig in triggers:
        if trig.folded or trig.status is not None or trig.type not in MATERIAL_TYPES:
            continue  # a verbal aim is said by the act it serves ("held protests to demand rights")
        found = aim_of(doc[trig.head])
        if found is None:
            continue
        aim, status = found
        gov = aim.head.head.head if aim.dep_ == "acl" and aim.head.lower_ == "order" else aim.head
        near = {gov.i} | {c.i for c in gov.children if c.dep_ in ("dobj", "nsubjpass")}
        served = [o for o in triggers if o is not trig and not o.folded and (o.head in near or o.start <= gov.i < o.end)]
        if status == p["status"] and gov.lemma_.lower() not in p["aim_heads"] and \
                (not served or any(o.type == trig.type for o in served)):
            continue  # only an aim of another act, told as such ("shelled the town to force ..."), is no act of its own
        if status == p["status"] and gov.lemma_.lower() not in p["aim_heads"] and not p["aims_reported"] \
                and doc[trig.head].pos_ in ("VERB", "AUX"):
            # the aim of an act told as done is not coded (events CONVENTIONS.md); an act named as the
            # aim's object ("fired rubber bullets to break up a protest") was going on: it stays
            trig.folded = True
            trig.rules.append("purpose-aim")
            continue
        trig.status = status
        trig.rules.append("purpose")


@rule("negation", "modality")
def negation(trig: Trigger, tok: Token) -> bool:
    """"The party did not murder ...", "no agreement was reached": a negated act is denied (manual 2.3:
    the negation auxiliary mode; a user may exclude negated events, as the seeds' gold keeps them)."""
    verb = _clause_verb(tok)
    # An event noun is negated by its own "no" ("no arrests were made"), or by its verb only when that
    # verb says it took place ("the attack did not happen", "talks were not held"); "the massacre was
    # not linked to the war" negates the link, not the massacre.
    # ("re-emerged" is split "re - emerged": the part after the hyphen names the verb)
    vlemmas = {verb.lemma_.lower()} | {c.lemma_.lower() for c in verb.children
                                       if c.dep_ == "conj" and c.i >= 2 and c.doc[c.i - 1].text == "-"}
    scoped = tok.pos_ not in ("NOUN", "PROPN") or bool(vlemmas & {str(w) for w in data()["occurrence_verbs"]})
    if syntax.negated(tok) or (verb != tok and scoped and syntax.negated(verb)):
        aux = _aux(verb)
        if aux & ({str(w) for w in data()["future"]["auxiliaries"]} | {"would"}) and \
                trig.type in data()["cooperative_types"]:
            # "Kenya says it will not sign anything": refusing a cooperative act is a REJECT.
            inner = Trigger(trig.start, trig.end, trig.head, trig.type, trig.mode, trig.words)
            trig.type, trig.mode = "REJECT", _mode_by("request_modes", "request_mode_by_mode", inner)
            trig.rules.append("refusal-by-negated-future")
            return True
        if not _in_quote(tok) and not _reported(verb) and _agentless(tok, verb):
            # The outlet's own negation that anything happened ("fighting has not re-emerged", "no
            # arrests were made") is no event (eval/dev/events README); an act negated of its agent
            # ("the party did not murder ...") answers an accusation: denied, as the seeds' gold codes it.
            trig.folded = True
            trig.rules.append("negation-no-event")
            return True
        trig.status = "denied"
        return True
    return False


def _agentless(tok: Token, verb: Token) -> bool:
    """No one is said not to have done it: no subject, the act itself as subject ("fighting has not
    re-emerged"), or a passive with no agent ("no arrests were made")."""
    subj = subject_of(verb)
    if subj.token is None or subj.token.i == tok.i:
        return True
    return subj.passive and syntax.by_agent(verb) is None


def _in_quote(tok: Token) -> bool:
    """Inside quotation marks in its sentence (a speaker's words, not the narrator's)."""
    opening = 0
    for t in tok.sent:
        if t.i >= tok.i:
            break
        if t.text in ('"', "“", "”", "‘", "’"):
            opening += 1
    return opening % 2 == 1


@rule("condition", "modality")
def condition(trig: Trigger, tok: Token) -> bool:
    """"if they attack", "could meet", "would impose sanctions" (not under a reporting verb): an act
    that depends on something else is hypothetical (manual 2.3)."""
    verb = _clause_verb(tok)
    hyp = {str(w) for w in data()["future"]["hypothetical_auxiliaries"]}
    conditional = syntax.conditional(verb)
    modal = bool(_aux(verb) & hyp)
    subj = subject_of(verb).token
    if not conditional and _aux(verb) & {str(w) for w in data()["deontic_auxiliaries"]} and trig.type != "REQUEST" \
            and subj is not None and subj.lower_ not in syntax.function_words("first_person") \
            and subj.lower_ not in syntax.function_words("person_pronouns"):
        # "Europe should support the opposition", "the Government must act to proscribe ...": asking
        # a third party to act is a REQUEST, moded by the act (manual 3.8).
        inner = Trigger(trig.start, trig.end, trig.head, trig.type, trig.mode, trig.words)
        trig.type, trig.mode = "REQUEST", _mode_by("request_modes", "request_mode_by_mode", inner)
        trig.rules.append("deontic-request")
        return True
    if conditional and trig.type.lower() in words("ultimatum_act_types") and "conditional-ultimatum" not in trig.rules \
            and acts.ultimatum(verb):
        # "said it would ban the paper if the editors ...": a conditioned act against a party is a threat
        inner = Trigger(trig.start, trig.end, trig.head, trig.type, trig.mode, trig.words)
        trig.type, trig.mode = "THREATEN", _mode_by("threat_modes", "threat_modes_by_mode", inner)
        trig.rules.append("conditional-ultimatum")
        return True
    if conditional and not modal and trig.type == "THREATEN":
        return False  # a threat is conditional by nature ("warned of consequences if ..."): it was made
    if conditional or (modal and not ("would" in _aux(verb) and _reported(verb))):
        trig.status = "hypothetical"
        return True
    return False


@rule("future", "modality")
def future(trig: Trigger, tok: Token) -> bool:
    """"will meet", "said it would withdraw": future cooperation is AGREE (manual 3.1), a future
    retreat CONCEDE (3.4), future conflict in reported speech a threat (2.3); else planned."""
    verb = _clause_verb(tok)
    aux = _aux(verb)
    fut = bool(aux & {str(w) for w in data()["future"]["auxiliaries"]}) or ("would" in aux and _reported(verb))
    if not fut:
        return False
    apply_future(trig, verb)
    return True


def apply_future(trig: Trigger, verb: Token) -> None:
    if "conditional-ultimatum" in trig.rules:
        return  # the threat is made now; the future act is its content
    f = data()["future"]
    if trig.type in f["as_agree"]:
        trig.type, trig.mode = "AGREE", None
    elif trig.type in f["as_concede"]:
        trig.type, trig.mode = "CONCEDE", None
    elif trig.type in f["as_threat"] and _reported(verb):
        inner = Trigger(trig.start, trig.end, trig.head, trig.type, trig.mode, trig.words)
        trig.type, trig.mode = "THREATEN", _mode_by("threat_modes", "threat_modes_by_mode", inner)
    else:
        trig.status = "planned"


@rule("reversal-of-other", "modality")
def reversal_of_other(gov: Token, rel: str, inner: Token) -> bool:
    """A reversal concedes only the reverser's own act ("lifted the curfew", "ended its boycott").
    Stopping someone else's act ("deployed police to stop students from marching") or removing
    another party's ("cleared the rebel roadblock") gives nothing up (manual 3.4: concessions are
    the actor's own): the act is not reported as done and no CONCEDE is made."""
    if rel == "p:from" and any(c.dep_ == "dobj" and is_agent(c) for c in gov.children):
        return True  # "stop X from doing": X's act, not the subject's
    if inner.pos_ not in ("NOUN", "PROPN"):
        return False
    subj = subject_of(_clause_verb(gov)).token
    own = {subj.lemma_.lower()} if subj is not None else set()
    # a named party's act ("the Taliban threat", "Hamas's blockade"); a generic one ("the army
    # offensive") may be the reverser's own forces
    return any(c.dep_ in ("poss", "compound") and c.ent_type_ in ("ORG", "NORP", "PERSON", "GPE")
               and c.lemma_.lower() not in own for c in inner.children)


@rule("modality-fold", "modality")
def fold(triggers: list[Trigger], doc: Doc) -> list[Trigger]:
    """Threats, offers, refusals, demands and reversals report one event, the embedding word's."""
    by_head = {t.head: t for t in triggers}
    out = list(triggers)
    # Innermost acts first, so a chain ("threatened to refuse to meet") folds from the inside out.
    for trig in sorted(triggers, key=lambda t: -len(list(doc[t.head].ancestors))):
        if trig.folded:
            continue
        emb = embedding(doc[trig.head])
        if emb is None:
            continue
        gov, rel = emb
        cls = class_of(gov)
        if cls is None and rel == "obj" and gov.pos_ == "VERB":
            # "agreed to [resume talks]", "threatened to [launch attacks]": the act's verb is itself
            # embedded; the word embedding it decides.
            up = embedding(gov)
            if up is not None and class_of(up[0]) is not None and up[1] in ("xcomp", "acl"):
                gov, rel = up
                cls = class_of(gov)
        if rel == "obj" and gov.lemma_.lower() in {str(w) for w in data()["organise_verbs"]}:
            outer = by_head.get(gov.i)
            # "called a strike": the strike is the event, not a request; but "called the strike a
            # disaster" (rule characterisation-accuses) is a verdict on it, an event of its own.
            if outer is not None and outer.type != trig.type and "characterisation-accuses" not in outer.rules:
                outer.folded = True
                trig.rules.append("organised-act")
            continue
        if cls is None:
            continue
        c = data()["classes"][cls]
        if c.get("relations") and rel not in c["relations"]:
            continue  # "withdrew after three days of fighting": not what the word is about
        if rel in ("obj", "acl") and gov.lemma_.lower() in c.get("clause_only", []):
            continue  # "told a meeting that ...": not a demand for a meeting
        if cls == "intention" and rel == "obj" and gov.lemma_.lower() in data()["classes"]["demand"].get("asks_for", []):
            cls, c = "demand", data()["classes"]["demand"]  # "sought an investigation": asks others for it
        if cls == "failure":
            trig.folded = True  # "failed to reach agreement": no agreement is reported
            trig.rules.append("modality-failure")
            continue
        if not c.get("fold"):
            if gov.lemma_.lower() in c.get("as_future", []) and rel == "xcomp" and trig.status is None \
                    and _intent_to_cooperate(trig):
                continue  # "decided to contribute", "wants to negotiate": AGREE (manual 3.1)
            if trig.status is None:
                trig.status = str(c["status"])
                trig.rules.append(f"modality-status:{cls}")
            continue
        if cls == "offer" and gov.lemma_.lower() in c.get("verbs_only", []) and doc[trig.head].pos_ != "VERB":
            continue
        if cls == "offer" and trig.type in data()["future"]["agree_keeps"] and gov.lemma_.lower() == "agree":
            trig.rules.append("modality-agree-keeps")
            continue
        if cls == "reversal" and reversal_of_other(gov, rel, doc[trig.head]):
            trig.folded = True  # stopped or removed, not given up: not reported as done, no concession
            continue
        typed = folded_type(cls, gov, trig)
        outer = by_head.get(gov.i)
        if typed is None:
            if cls == "reversal" and outer is None:
                trig.folded = True  # a reversed act we cannot type: at least not reported as done
            continue
        if outer is None or outer.folded:
            outer = Trigger(gov.i, gov.i + 1, gov.i, typed[0], typed[1], gov.lemma_.lower())
            out.append(outer)
            by_head[gov.i] = outer
        elif cls == "reversal" and outer.cameo_pattern:
            pass  # CAMEO read this very verb and object ("lift * CURFEW", "halt * AID"): its code stands
        elif cls == "reversal" or outer.type != typed[0]:
            outer.type, outer.mode = typed
        else:
            outer.mode = outer.mode or typed[1]
        outer.rules.append(f"modality-fold:{cls}")
        trig.folded = True
    return out


def _intent_to_cooperate(trig: Trigger) -> bool:
    """A stated intention to do a cooperative act is AGREE, to retreat CONCEDE (manual 3.1 "indicate
    willingness or commitment to cooperate"; 3.4), as the same act in the future is. Other intended
    acts keep their type, planned."""
    f = data()["future"]
    if trig.type in f["as_agree"]:
        trig.type, trig.mode = "AGREE", None
    elif trig.type in f["as_concede"]:
        trig.type, trig.mode = "CONCEDE", None
    else:
        return False
    trig.rules.append("intent-to-cooperate")
    return True


@functools.cache
def _status_rules() -> tuple[Any, ...]:
    return (negation, condition, future)


def apply(triggers: list[Trigger], doc: Doc) -> list[Trigger]:
    """The modality step over a text's triggers: folds, then each remaining trigger's status."""
    out = fold(triggers, doc)
    purpose(out, doc)
    habitual(out, doc)
    existential_report(out, doc)
    for trig in out:
        if trig.folded:
            continue
        tok = doc[trig.head]
        for r in _status_rules():
            if trig.status is not None:
                break
            before = (trig.type, trig.mode, trig.status)
            if r(trig, tok) and (trig.type, trig.mode, trig.status) != before:
                trig.rules.append(r.__name__)
    return out
