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


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The agent of a verb: (token, passive?) -- :func:`syntax.subject`, plus one events reading:
    "issued a statement condemning ...": a document's content is its issuer's act."""
    subj, passive = syntax.subject(verb)
    noun = verb.head
    if (subj is not None and subj == noun and verb.dep_ == "acl" and noun.lemma_.lower() in DOCUMENT_NOUNS
            and noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX")):
        return _subject(noun.head)
    return subj, passive
