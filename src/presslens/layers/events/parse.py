"""Parse-tree readings specific to events, built on the shared helpers in ``layers/syntax.py``:
the light verb a noun trigger is the object of, and the subject rule for documents."""

from __future__ import annotations

from spacy.tokens import Token

from .. import syntax
from .common import DOCUMENT_NOUNS, LIGHT_VERBS


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


_SUBJECTS = "_presslens_event_subjects"


def subject_of(verb: Token) -> syntax.Subject:
    """:func:`syntax.subject` with its defaults, worked out once per verb of a doc: the trigger, sense,
    modality, place and learned rules ask for the same verbs' subjects many times, and each reading
    walks the verb's children (the children of a long sentence's root are many). Kept in
    ``doc.user_data`` as token indices, so the memo goes with the doc."""
    memo: dict[int, tuple[int | None, bool]] = verb.doc.user_data.setdefault(_SUBJECTS, {})
    got = memo.get(verb.i)
    if got is None:
        s = syntax.subject(verb)
        got = memo[verb.i] = (None if s.token is None else s.token.i, s.passive)
    i, passive = got
    return syntax.Subject(None if i is None else verb.doc[i], passive)


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The agent of a verb: (token, passive?) -- :func:`syntax.subject`, plus one events reading:
    "issued a statement condemning ...": a document's content is its issuer's act; a misread
    conjunct participle ("sealed off roads and deployed trucks") shares its first conjunct's subject."""
    if misread_participle(verb):
        return _subject(verb.doc[verb.i - 1].head)
    subj, passive = subject_of(verb)
    noun = verb.head
    if (subj is not None and subj == noun and verb.dep_ == "acl" and noun.lemma_.lower() in DOCUMENT_NOUNS
            and noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX")):
        return _subject(noun.head)
    return subj, passive


def misread_participle(tok: Token) -> bool:
    """"have sealed off roads and deployed trucks mounted with water cannons": after "and", a past
    participle the parser read as an adjective ("deployed trucks") of a noun it then made the subject
    of the next bare participle ("trucks mounted") is the second conjunct verb and the noun its object.
    Read so only when the participle directly follows a coordinator joined to a verb and the noun's
    own verb has no auxiliary ("and injured people were taken to hospital" is an adjective)."""
    if tok.tag_ != "VBN" or tok.dep_ != "amod" or tok.i == 0:
        return False
    prev, noun = tok.doc[tok.i - 1], tok.head
    if prev.dep_ != "cc" or prev.head.pos_ not in ("VERB", "AUX") or noun.dep_ != "nsubj" or noun.i < tok.i:
        return False
    verb = noun.head
    return verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
