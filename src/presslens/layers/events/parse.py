"""Parse-tree readings the events builders use (subject, governing light verb, passive ...)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from .common import DOCUMENT_NOUNS, LIGHT_VERBS


def _governor(head: Token) -> Token | None:
    """The verb a noun trigger is subject/object of ("reached a deal", "the deal was signed",
    "agreed on a deal"), through a coordination ("a deal and a truce")."""
    t = head
    while t.dep_ in ("conj", "appos") and t.head != t:
        t = t.head
    if t.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "oprd"):
        return t.head
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        return t.head.head
    return None



def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]



def _prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out += _children(c, "pobj")
    return out



def _governing_verb(tok: Token) -> Token | None:
    """For a noun trigger: the light verb whose object it is ("held ... protests")."""
    t = tok
    for _ in range(3):
        if t.dep_ in ("dobj", "pobj", "attr", "nsubjpass", "conj", "appos") or t.dep_ == "prep":
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t if t.lemma_.lower() in LIGHT_VERBS else None
        else:
            return None
    return None



def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)



def _predicated(noun: Token) -> Token:
    """"denounced X as a group that ...": the ``as`` phrase describes the verb's object X."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in ("VERB", "AUX"):
        objs = _children(noun.head.head, "dobj")
        if objs:
            return objs[0]
    return noun



def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The agent of a verb: (token, passive?)."""
    passive = _is_passive(verb)
    agents = _prep_objects(verb, ("by",)) if passive or any(c.dep_ == "agent" for c in verb.children) else []
    if passive or agents:
        # A reduced passive ("a plan proposed by Macron") has a ``by`` agent but no passive auxiliary.
        return (agents[0] if agents else None), True
    subj = _children(verb, "nsubj", "csubj")
    if subj:
        # Two subjects are a misparse of a dateline ("KADUNA, Nigeria (AP) — Gunmen stormed"):
        # the one nearest before the verb is its subject.
        before = [c for c in subj if c.i < verb.i]
        s = before[-1] if len(subj) > 1 and before else subj[0]
        if s.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            return _predicated(verb.head), False
        return s, False
    if verb.dep_ == "xcomp":
        # "X was forced to accept": the controller of a passive verb's complement is its subject.
        if _is_passive(verb.head):
            sp = _children(verb.head, "nsubjpass")
            return (sp[0] if sp else None), False
        objs = _children(verb.head, "dobj") or _prep_objects(verb.head, ("on", "upon"))
        if objs:  # object control: "urged the army to release", "called on the government to ban"
            return objs[0], False
        return _subject(verb.head)
    if verb.dep_ == "advcl" and _is_passive(verb.head) and not _prep_objects(verb.head, ("by",)):
        # "Kharrazi, who was involved in a plot to discredit X": a purpose clause is controlled by
        # the passive clause's subject.
        sp = _children(verb.head, "nsubjpass")
        if sp and sp[0].lower_ in ("who", "that", "which") and verb.head.dep_ == "relcl":
            return verb.head.head, False
        return (sp[0] if sp else None), False
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "the role X played in revealing ...", "accused of killing": the governing clause's subject.
        gov = verb.head.head
        if _is_passive(gov):
            sp = _children(gov, "nsubjpass")
            return (sp[0] if sp else None), False
        return _subject(gov)
    purpose = _purpose_governor(verb)
    if purpose is not None and verb.dep_ == "acl" and purpose.pos_ in ("VERB", "AUX"):
        return _subject(purpose)  # "X visited France in order to ban it": X bans
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
        # "issued a statement condemning ...": a document's content is its issuer's act.
        if (verb.dep_ == "acl" and noun.lemma_.lower() in DOCUMENT_NOUNS and noun.dep_ in ("dobj", "nsubj")
                and noun.head.pos_ in ("VERB", "AUX")):
            if noun.dep_ == "dobj":
                return _subject(noun.head)
            return noun, False
        return noun, False
    if verb.dep_ in ("ROOT", "dep") and not passive:
        return _left_subject(verb), False
    return None, passive



def _left_subject(verb: Token) -> Token | None:
    """A main verb the parser left without a subject, after a misattached noun phrase ("Hours before
    the rally began in Paris, the regime's foreign minister, Javad Zarif, visited France", with the
    minister parsed as an apposition to Paris): the noun phrase just before the verb is its subject."""
    i = verb.i - 1
    while i >= verb.sent.start and (verb.doc[i].is_punct or verb.doc[i].dep_ in ("advmod", "aux", "neg")):
        i -= 1
    if i < verb.sent.start:
        return None
    t = verb.doc[i]
    if t.pos_ not in ("PROPN", "NOUN") or t.head.i > verb.i:
        return None
    while t.dep_ in ("compound", "flat") and t.head.i < verb.i:
        t = t.head
    if t.dep_ == "appos" and t.head.i < t.i and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head  # "the foreign minister, Javad Zarif," -> the minister (with Zarif in apposition)
    return t if t.head != verb else None



def _ancestors_within(tok: Token, n: int) -> list[Token]:
    out = []
    t = tok
    for _ in range(n):
        if t.head == t:
            break
        t = t.head
        out.append(t)
    return out



def _purpose_governor(verb: Token) -> Token | None:
    """The verb a to-infinitive purpose clause depends on, "in order to" included."""
    if verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.dep_ == "acl" and verb.head.lower_ == "order" and verb.head.head.lower_ == "in":
        return verb.head.head.head  # "visited France in order to ban ..."
    return verb.head if verb.dep_ in ("advcl", "xcomp") else None



def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a token belongs to (the token itself when it is a verb)."""
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX") or t.head == t:
            return t
        t = t.head
    return t

