"""Who did it to whom: actor and recipient slots of a trigger from the parse, and the clause span
that is the event's evidence."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .. import syntax
from .common import FIRST_PERSON, GROUP_PRON, PERSON_PRON, Ctx
from .coreference import _metonym_government, _name_tokens, resolve_actors
from .parse import _governing_verb, _subject
from .rules import words
from .targets import (
    dative_objects,
    harm_effect,
    moved_forces,
    passive_patients,
    reduced_passive,
    request_for_to,
    shared_object,
    target_preps,
)
from .trigger import Trigger

# Nouns and predicates that name someone's part in an act: "the role of X in seizing", "X's
# involvement in the plot", "X, who was involved in a plot", "X is responsible for the killings".
PART_NOUNS = words("part_nouns")



PART_PREDICATES = words("part_predicates")



# Verbs whose object or complement is their subject's effect: "X's interventions resulted in people being killed".
CAUSAL_VERBS = words("causal_verbs")



# Event types whose parties act together: "the deal was signed between X and Y" makes both its actors.
JOINT_TYPES = frozenset(w.upper() for w in words("joint_types"))



def _coordinated_possessors(ctx: Ctx, head: Token) -> list[str]:
    """"the army and police's raids": a possessive 's closing a coordination marks every
    conjunct as the possessor, however the parser attached the first one (modifier or head)."""
    cands = [c for c in head.children if c.dep_ in ("nmod", "compound", "npadvmod") and c.i < head.i]
    if head.dep_ == "appos" and head.head.i < head.i and head.head.pos_ in ("NOUN", "PROPN"):
        cands.append(head.head)
    for c in cands:
        if any(t.dep_ == "case" and t.lower_ in ("'s", "’s", "'", "’") for t in c.subtree) and c.conjuncts:
            return resolve_actors(ctx, c, wider=False)
    return []



def _predicate_author(ctx: Ctx, subj: Token) -> list[str]:
    """"The siege was an attempt by the colonel ...", "Attacking vessels is but a show of force
    by the regime": a copular predicate with a ``by`` agent names the author of its subject's act."""
    if subj.head.lemma_ != "be":
        return []
    ids: list[str] = []
    for attr in syntax.children(subj.head, "attr"):
        for a in syntax.prep_objects(attr, ("by",)):
            ids += resolve_actors(ctx, a)
    return ids



def _part_holder(ctx: Ctx, head: Token) -> list[str]:
    """Who had a part in the act headed by ``head`` when the act is the ``in``/``for`` complement of a
    part noun or predicate ("the role of these militias in seizing hostages ...")."""
    t = head
    while t.dep_ == "conj" and t.head != t:
        t = t.head  # "taking hostage X and seizing Y": the second act shares the first one's frame
    if t.dep_ not in ("pobj", "pcomp") or t.head.lower_ not in ("in", "for", "of", "behind"):
        return []
    gov = t.head.head
    if gov.pos_ in ("VERB", "AUX"):
        # "criticised the role of X in seizing ...", with the "in" phrase parsed onto the verb.
        gov = next((o for o in syntax.children(gov, "dobj") if o.lemma_.lower() in PART_NOUNS), gov)
    lem = gov.lemma_.lower()
    if gov.pos_ in ("NOUN", "PROPN") and lem in PART_NOUNS:
        ids: list[str] = []
        for c in gov.children:
            if c.dep_ == "poss":
                ids += resolve_actors(ctx, c, wider=False)
        for o in syntax.prep_objects(gov, ("of", "by")):
            ids += resolve_actors(ctx, o, wider=False)
        return ids
    if lem in PART_PREDICATES:
        if gov.pos_ in ("VERB", "AUX"):
            holders = syntax.children(gov, "nsubjpass", "nsubj")
            if holders and holders[0].lower_ in ("who", "that", "which") and gov.dep_ in ("relcl", "acl"):
                return resolve_actors(ctx, gov.head)
            if holders:
                return resolve_actors(ctx, holders[0])
        if gov.pos_ == "ADJ" and gov.dep_ in ("acomp", "amod"):
            subj = syntax.children(gov.head, "nsubj") if gov.dep_ == "acomp" else [gov.head]
            return resolve_actors(ctx, subj[0]) if subj else []
    return []



def _cause_of(ctx: Ctx, verb: Token) -> list[str]:
    """An agentless passive told as the effect of something ("X's interventions have resulted in
    hundreds of thousands of people being killed"): the agent is who the cause belongs to."""
    t = verb
    for _ in range(3):
        if t.dep_ in ("pobj", "pcomp", "dobj", "xcomp", "ccomp", "prep"):
            t = t.head
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in CAUSAL_VERBS:
            break
    else:
        return []
    if not (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in CAUSAL_VERBS) or t == verb:
        return []
    subj = _subject(t)[0]
    if subj is None:
        return []
    ids = resolve_actors(ctx, subj, wider=False)
    if not ids:
        for c in subj.children:  # the cause is an act: its possessor caused the effect
            if c.dep_ == "poss":
                ids += resolve_actors(ctx, c, wider=False)
    return ids



def _joint_parties(ctx: Ctx, head: Token) -> list[str]:
    """"signed between Lima and the donor group": the objects of ``between`` are the parties."""
    ids: list[str] = []
    for o in syntax.prep_objects(head, ("between",)):
        ids += resolve_actors(ctx, o)
        if not ids:
            for t in _name_tokens(o, True):
                ids += _metonym_government(ctx, t)
    return list(dict.fromkeys(ids))



def who_whom(ctx: Ctx, head: Token, etype: str, trig: Trigger | None = None) -> tuple[list[str], list[str]]:
    actors: list[str] = []
    recips: list[str] = []
    roles = trig.roles if trig is not None else ()
    # Title case misleads the tagger ("Farmers Walk Out" tags Walk PROPN); a subject shows a verb.
    if head.pos_ in ("VERB", "AUX") or syntax.children(head, "nsubj", "nsubjpass"):
        subj, passive = _subject(head)
        if not passive and subj is not None and subj == head.head and reduced_passive(head):
            subj, passive = None, True  # "the journalist jailed last year": the noun is the patient
            _note(trig, "passive-patient")
        actors = resolve_actors(ctx, subj)
        if "subject_addressee" in roles:
            # "I believe the Government must now act": the Government is asked; the asker is the speaker.
            recips, actors = actors, []
        if not actors:
            actors = _part_holder(ctx, head)
        if not actors and passive and subj is None:
            actors = _cause_of(ctx, head)
        if not actors and etype in JOINT_TYPES:
            actors = _joint_parties(ctx, head)
        if not actors and subj is None and head.dep_ == "csubj":
            actors = _predicate_author(ctx, head)
        patients = passive_patients(head) if passive else []
        found = [r for c in patients for r in resolve_actors(ctx, c)]
        recips += found
        if found and patients[0] not in syntax.children(head, "nsubjpass"):
            _note(trig, "passive-patient")  # a relative pronoun's noun, or the governing clause's subject
        objs = [] if moved_forces(etype) else syntax.children(head, "dobj")
        if etype == "REQUEST":
            objs += syntax.prep_objects(head, ("on", "upon"))
            for o in request_for_to(head):
                if resolve_actors(ctx, o):
                    _note(trig, "request-for-to")
                objs.append(o)
        objs += syntax.prep_objects(head, ("against", "on") if etype != "REQUEST" else ("against",))
        extra = syntax.prep_objects(head, target_preps(etype)) + dative_objects(head, target_preps(etype))
        for d in syntax.children(head, "dobj"):  # "threatened a war against X", "provided aid to X"
            extra += syntax.prep_objects(d, ("against", *target_preps(etype)))
        if extra and any(resolve_actors(ctx, o) for o in extra):
            _note(trig, "target-preposition")
        objs += extra
        objs += _noted(ctx, trig, "harm-effect", harm_effect(head, etype))
        objs += _noted(ctx, trig, "shared-object", shared_object(head))
        for o in objs:
            recips += resolve_actors(ctx, o)
    else:
        for c in head.children:
            if c.dep_ == "compound" and _is_place_token(ctx, c):
                continue  # "Iran Protests", "Chile strike": a place modifying the event says where, not who
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"):
                actors += resolve_actors(ctx, c, wider=False)
        for a in syntax.prep_objects(head, ("by",)):
            actors += resolve_actors(ctx, a)
        if not actors:
            actors = _coordinated_possessors(ctx, head)
        if not actors:
            verb = _governing_verb(head)
            if verb is None and head.dep_ == "pobj" and head.head.lower_ == "in" and \
                    head.head.head.pos_ in ("VERB", "AUX"):
                verb = head.head.head  # "wrote a letter in response to ...", "walked out in protest"
            if verb is not None:
                subj, _ = _subject(verb)
                actors = resolve_actors(ctx, subj)
        if not actors and head.dep_ == "nsubj":
            actors = _predicate_author(ctx, head)
        if not actors:
            actors = _part_holder(ctx, head)
        of_role = "of_agent" in roles
        if of_role and not actors:
            for o in syntax.prep_objects(head, ("of",)):
                actors += resolve_actors(ctx, o)
        of_target = not (of_role or moved_forces(etype))  # "the deployment of troops": what is moved
        for o in syntax.prep_objects(head, ("of", "against", "on", "upon") if of_target else ("against", "on", "upon")):
            rec = resolve_actors(ctx, o)
            recips += [r for r in rec if r not in actors]
        targets = syntax.prep_objects(head, target_preps(etype))
        light = _governing_verb(head)
        if light is not None and head.dep_ == "dobj" and head.head == light:
            targets += syntax.prep_objects(light, target_preps(etype))  # "sent aid to X", "voiced support for X"
            targets += dative_objects(light, target_preps(etype))
        targets += _noted(ctx, trig, "harm-effect", harm_effect(head, etype))
        for o in targets:
            rec = [r for r in resolve_actors(ctx, o) if r not in actors]
            if rec:
                _note(trig, "target-preposition")
            recips += rec
    return list(dict.fromkeys(actors)), [r for r in dict.fromkeys(recips) if r not in actors]


def _noted(ctx: Ctx, trig: Trigger | None, name: str, toks: list[Token]) -> list[Token]:
    """``toks`` unchanged; the rule is recorded on the event when one of them names an actor."""
    if any(resolve_actors(ctx, t) for t in toks):
        _note(trig, name)
    return toks


def _note(trig: Trigger | None, name: str) -> None:
    """Record an argument rule among the rules that produced the event."""
    if trig is not None and f"arg:{name}" not in trig.rules:
        trig.rules.append(f"arg:{name}")



def _third_party_agent(head: Token) -> bool:
    """The trigger names its own agent, a third party ("British speakers called on ..."), even if
    that agent resolves to no actor: inside a quote, the act is then not the speaker's own."""
    if head.pos_ in ("VERB", "AUX"):
        subj = _subject(head)[0]
    else:
        subj = next(iter(syntax.children(head, "poss") + syntax.prep_objects(head, ("by",))), None)
        if subj is None:
            verb = _governing_verb(head)
            subj = _subject(verb)[0] if verb is not None else None
    return subj is not None and subj.lower_ not in FIRST_PERSON and subj.pos_ != "PRON" or (
        subj is not None and subj.lower_ in PERSON_PRON | GROUP_PRON)



def _is_place_token(ctx: Ctx, tok: Token) -> bool:
    s, e = ctx.page(tok)
    return tok.ent_type_ in ("GPE", "LOC") and not any(
        m.label in ("ORG", "PERSON") for m in ctx.mentions_over(s, e)) or any(
        p.start < e and s < p.end for p in ctx.places)



def actor_groups(head: Token) -> list[Token]:
    """Separate groups acting in parallel ("held by creditors of X, buyers of Y and members of Z"):
    conjoined common-noun agents that each carry their own complement. One event per group."""
    if head.pos_ in ("VERB", "AUX"):
        verb: Token | None = head
    else:
        verb = _governing_verb(head)
        agents = syntax.prep_objects(head, ("by",))
        if agents:
            verb = None
    subj = _subject(verb)[0] if verb is not None else (agents[0] if agents else None)
    if subj is None or subj.pos_ != "NOUN":
        return []
    group = [subj, *subj.conjuncts]
    if len(group) >= 2 and sum(1 for g in group if any(c.dep_ == "prep" for c in g.children)) >= 2:
        return sorted(group, key=lambda t: t.i)
    return []



def clause_span(head: Token, trig: Trigger) -> Span:
    doc = head.doc
    sent = head.sent
    verb = _governing_verb(head) if head.pos_ not in ("VERB", "AUX") else None
    top = head if verb is None else verb
    # the subtree's edges (spaCy keeps them as its first and last token) instead of a walk over it
    lo = max(top.left_edge.i, sent.start)
    hi = min(top.right_edge.i + 1, sent.end)
    lo, hi = min(lo, trig.start), max(hi, trig.end)
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi - lo < 3:  # too short to read ("the attack"): give the phrase it completes
        up = head.head if head.head != head else head
        if up.dep_ == "prep" and up.head != up:
            up = up.head
        lo = max(min(lo, up.left_edge.i if up.i < head.i else up.i), sent.start)
        hi = min(max(hi, up.i + 1), sent.end)
    return doc[lo:hi]

