"""Habitual statements: "the army often shells the villages", "police usually detain protesters":
a frequency adverb on a verb in the simple present says what someone tends to do, not an act that
took place (events dev README: "generic or habitual statements are not events"; the snippet set's
README: "habitual or aggregate statements"). The words are in ``events/modality.yaml`` (``habitual``).

A past tense keeps the act ("he sometimes made threats" reports threats made), and so does any
auxiliary but the present of "be"/"do" ("has often shelled", "will usually meet").
"""

from __future__ import annotations

import functools
from typing import Any

from spacy.tokens import Doc, Token

from ... import lang
from .. import syntax
from .parse import _governing_verb
from .rules import rule
from .trigger import Trigger

_PRESENT = ("VBZ", "VBP")


@functools.cache
def data() -> dict[str, Any]:
    out: dict[str, Any] = lang.data("events/modality")["habitual"]
    return out


def _clause_verb(tok: Token) -> Token:
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    return _governing_verb(tok) or syntax.governor(tok) or tok


def _present_simple(verb: Token) -> bool:
    """Simple present, active ("shells") or passive ("are detained"), with no other auxiliary."""
    h = data()
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in _PRESENT:
        return all(a.lemma_.lower() in h["present_auxiliaries"] for a in aux)
    if verb.tag_ == "VBN":
        return bool(aux) and all(a.tag_ in _PRESENT and a.lemma_.lower() in h["present_auxiliaries"] for a in aux)
    return False


def _frequency(verb: Token) -> bool:
    adverbs = {str(w) for w in data()["adverbs"]}
    return any(c.dep_ == "advmod" and c.lower_ in adverbs for c in verb.children)


def habitual_verb(verb: Token) -> bool:
    """``verb`` states a habit: a frequency adverb on it, or on the verb it is coordinated with in the
    same tense ("often uses harsh words and threatens violence"), in the simple present."""
    if not _present_simple(verb):
        return False
    t = verb
    for _ in range(4):
        if _frequency(t):
            return True
        if t.dep_ != "conj" or t.head == t or t.head.tag_ != verb.tag_:
            return False
        t = t.head
    return False


@rule("habitual", "modality")
def habitual(triggers: list[Trigger], doc: Doc) -> None:
    """"Militias often raid the border villages": a habit, not an act reported; no event."""
    for trig in triggers:
        if trig.folded:
            continue
        if habitual_verb(_clause_verb(doc[trig.head])):
            trig.folded = True
            trig.rules.append("habitual")
