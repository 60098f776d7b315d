"""The quotes lexicon: reporting verbs and their forms, and the patterns built from them.

Which words count (verbs, nouns, titles, pronouns) lives in ``lang/en/quote_cues.yaml``; this module
derives inflected forms, decides whether a token is a reporting cue, and compiles the few regular
expressions the attribution rules share (a trailing ", she said", a title cue before a quotation).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from spacy.tokens import Span, Token

from ...lang import data
from .. import syntax


def cues() -> dict[str, Any]:
    """The quotes lexicon (``lang/en/quote_cues.yaml``), parsed once per process."""
    out: dict[str, Any] = data("quote_cues")
    return out


def _inflect(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", lemma):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms | set(cues()["irregular"].get(lemma, []))


def _lemmas(broad: bool) -> list[str]:
    c = cues()
    out = list(c["speech_verbs"] + c["request_verbs"] + c["object_verbs"])
    if broad:  # every verb that can report: beliefs and speech acts too
        out += c["belief_verbs"] + c["infinitive_acts"] + c["object_acts"] + list(c["prep_acts"])
    return out


@functools.lru_cache(maxsize=2)
def verb_forms(broad: bool = False) -> dict[str, str]:
    out: dict[str, str] = {}
    for lemma in _lemmas(broad):
        for f in _inflect(lemma):
            out.setdefault(f, lemma)
    return out


@functools.lru_cache(maxsize=2)
def all_verbs(broad: bool = False) -> frozenset[str]:
    # One set lookup per token instead of several list scans (called for every token of a doc).
    return frozenset(_lemmas(broad))


def cue_lemma(tok: Token, broad: bool = False) -> str | None:
    """The reporting-verb lemma of a token, or None. ``broad``: beliefs and speech acts count too
    (reported speech); otherwise only the verbs that introduce quotations and clauses."""
    c = cues()
    lemma = tok.lemma_.lower()
    if lemma not in all_verbs(broad):
        lemma = verb_forms(broad).get(tok.lower_, "")
        if not lemma:
            return None
    if lemma in c["aspectual_verbs"] and any(ch.dep_ == "xcomp" and ch.i > tok.i for ch in tok.children):
        return None  # "if sea levels continue to rise": aspect, not speech
    need = c["needs_particle"].get(lemma)
    if need and not any(ch.lower_ in need for ch in tok.children):
        return None
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBN", "VBG", "VBP", "VB"):
        # Token-pattern fallback for reporting phrases the tagger reads as nouns ("... and calls on the
        # Government to ..."): the phrase after a subject or a conjunction, never after a determiner.
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        particles = c["phrase_particles"].get(lemma)
        if not (particles and nxt is not None and nxt.lower_ in particles and tok.tag_ in ("NNS", "NN")
                and tok.lower_.endswith("s") and prev is not None and prev.pos_ not in ("DET", "ADJ", "NUM")
                and not prev.tag_.startswith("PRP$")):
            return None
    return lemma


PRONOUN_RX = r"(?:he|she|they|it|we)"
# A description ending in a name: "EU foreign policy chief Josep Borrell".
DESC_RX = r"(?:(?:[A-Za-z][\w.’'-]*)\s+){1,6}[A-Z][\w’'-]*"
NAME_RX = r"(?:(?:the|The)\s+)?(?:[A-Z][\w.’'-]*\s+){0,4}[A-Z][\w’'-]*"
# A lower-case description: "the company", "the school's principal", "our coalition", "police".
LOWER_DESC_RX = r"(?:(?:the|The|its|Its|our|Our|their|Their)\s+(?:[\w’'-]+\s+){0,3}[a-z][\w’'-]*|[a-z][a-z-]{2,})"
# An apposition between a speaker and the cue (no quote marks, no sentence end).
APPOS_RX = r"[^,.!?;“”\"\n]{2,80}"


@functools.lru_cache(maxsize=1)
def cue_alt() -> str:
    forms = [f for f, lemma in verb_forms().items() if lemma in cues()["speech_verbs"]
             and lemma not in ("believe", "think", "feel", "hope", "fear", "point", "go")]
    forms += ["went on", "pointed out"]
    return "|".join(sorted(set(forms), key=len, reverse=True))


def _trailing_rx() -> re.Pattern[str]:
    return re.compile(
        rf"[?.!,]\s+(?:{NAME_RX}|{PRONOUN_RX})\s+(?:\w+ly\s+)?(?:{cue_alt()})\b[^.!?“”\"]{{0,60}}[.!]?$"
    )


class _Lazy:
    def __init__(self) -> None:
        self.rx: re.Pattern[str] | None = None

    def search(self, text: str, s: int, e: int) -> re.Match[str] | None:
        if self.rx is None:
            self.rx = _trailing_rx()
        return self.rx.search(text, s, e)


TRAILING_ATTR = _Lazy()


@functools.lru_cache(maxsize=1)
def title_rx() -> re.Pattern[str]:
    # One alternation instead of a search per cue: a match exists iff some cue ends the text.
    cues_ = sorted(cues()["title_cues"], key=len, reverse=True)
    return re.compile(rf"(?:^|\W)(?:{'|'.join(map(re.escape, cues_))})$")
LABELLED = re.compile(r"[^:“”\"\n]{2,60}:\s*[“\"«]")


def personal(tok: Token) -> bool:
    """Does this noun phrase denote a person (a PERSON name, apposition, or a person noun)?"""
    pn = cues()["person_nouns"]
    heads = [tok, *tok.conjuncts]
    heads += [c for t in heads for c in t.children if c.dep_ == "appos"]
    return any(t.ent_type_ == "PERSON" or t.lemma_.lower() in pn or t.lower_ in pn for t in heads)


def subject_np(verb: Token) -> Span | None:
    """Subject phrase of a reporting verb (:func:`presslens.layers.syntax.reporting_subject`, object control
    for a purpose clause only with a person object)."""
    return syntax.reporting_subject(verb, personal, carrier)


def carrier(tok: Token) -> bool:
    """Is this noun a thing that only carries someone's words (a slogan, a banner, a placard)?"""
    return tok.lemma_.lower() in cues()["word_carriers"] or tok.lower_ in cues()["word_carriers"]
