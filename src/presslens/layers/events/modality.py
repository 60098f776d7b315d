"""Status of an event (reported, claimed, planned, denied, hypothetical) from cues around its trigger
and the quote it is stated in."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...records import Quote
from .. import syntax
from .common import VERBAL_TYPES, Ctx, lexicon, quote_at
from .parse import _governing_verb, _subject
from .triggers import Trigger


def status_of(ctx: Ctx, head: Token, trig: Trigger, etype: str, actors: list[str]) -> tuple[str, str | None, str | None]:
    st = lexicon()["status"]
    neg = set(st["negation"]["lemmas"])
    hyp = set(st["hypothetical"]["lemmas"])
    plan = set(st["planned"]["lemmas"])
    claim = set(st["claimed"]["lemmas"])
    fut = set(st["future"]["lemmas"])
    verb = head if head.pos_ in ("VERB", "AUX") else (_governing_verb(head) or head)
    kids = list(verb.children) + ([c for c in head.children] if verb is not head else [])
    if any(c.dep_ == "neg" or c.lower_ in neg and c.dep_ in ("neg", "advmod", "det") for c in kids):
        return "denied", None, None
    conditional = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for t in [verb, *syntax.ancestors_within(verb, 2)]
                      for c in t.children)
    if any(c.dep_ == "aux" and c.lower_ in hyp for c in kids) or conditional:
        # "She said she would meet X next week": a backshifted "will" under a reporting verb is a plan,
        # unless it is conditional or a bill's provision ("the bill would impose sanctions").
        subj = _subject(verb)[0]
        legislative = subj is not None and (subj.lemma_.lower() in st.get("legislative", []) or any(
            t.lemma_.lower() in st.get("legislative", []) for t in syntax.ancestors_within(verb, 3)))
        if_clause = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                  for m in c.children) for c in verb.children)
        backshift = (not conditional and not if_clause and any(c.dep_ == "aux" and c.lower_ == "would" for c in kids)
                     and any(t.lemma_.lower() in st.get("reporting_verbs", []) for t in syntax.ancestors_within(verb, 2)))
        if backshift and not legislative:
            return "planned", None, None
        return "hypothetical", None, None
    # "called on the government to blacklist the IRGC": the demanded act has not happened.
    demand = set(st.get("demanded", {}).get("lemmas", []))
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in demand and verb.head.pos_ == "VERB":
        return "hypothetical", None, None
    pre = head.doc[max(0, trig.start - 4):trig.start].text.lower()
    material = etype not in VERBAL_TYPES
    if material and (
            trig.words in ("plot",) or any(a.lemma_.lower() in plan for a in syntax.ancestors_within(head, 3))
            or any(m in pre for m in st["planned"]["marks"]) or any(c.lemma_.lower() in plan for c in head.children
                                                                     if c.dep_ in ("amod", "compound"))
            or any(c.dep_ == "aux" and c.lower_ in fut for c in kids)):
        return "planned", None, None
    if (etype in st.get("planned_verbal", []) or trig.words in st.get("planned_words", [])) and any(c.dep_ == "aux" and c.lower_ in fut for c in kids
                                                     if c.head == verb) and (
            head.pos_ in ("VERB", "AUX") or verb.lemma_.lower() not in st.get("reporting_verbs", [])):
        return "planned", None, None  # "will meet next week", "will vote on the bill"
    pos = ctx.page(head)[0]
    q = quote_at(ctx, pos)
    # A source named with "according to" attributes the report; it does not dispute it.
    attribution = q is not None and q.kind == "indirect" and (q.cue or "").lower().startswith("according")
    # Inside a quote, a material event is the speaker's claim when it characterises its actor ("a
    # group that murdered thousands") or when nobody is named as saying it; a known speaker's plain
    # account of events ("the gathering, two weeks ago, at Ashraf 3," she said) is reported speech.
    characterises = head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN")
    # Police, officials, a ministry reporting what happened (or what they did) are attribution, not
    # a party's contested assertion: "At least 12 people were killed, police said".
    attribution = attribution or (q is not None and q.kind == "indirect" and not characterises
                                  and _reporting_source(q.speaker_text or _cue_subject(ctx, head.doc, q)))
    # A party to an armed conflict giving its account of military action claims it, even "according to" it.
    if material and q is not None and _party_source(q.speaker_text):
        return "claimed", q.speaker_id, q.id
    if material and q is not None and not attribution and (not q.speaker_id or (
            characterises and q.speaker_id not in actors)):
        return "claimed", q.speaker_id, q.id
    if material and any(a.lemma_.lower() in claim and a.pos_ == "VERB" for a in syntax.ancestors_within(head, 3)):
        return "claimed", None, q.id if q else None
    return "reported", None, q.id if q else None



def _party_source(speaker: str | None) -> bool:
    """The speaker is a party to an armed conflict (a defence ministry, an army, occupation officials)."""
    text = " " + " ".join(re.findall(r"[a-z]+", (speaker or "").lower())) + " "
    words = lexicon()["status"].get("party_sources", {}).get("words", [])
    return any(f" {w} " in text for w in words)



def _cue_subject(ctx: Ctx, doc: Doc, q: Quote) -> str | None:
    """The subject of a quote's reporting verb when the quote names nobody ("..., officials said")."""
    if q.cue_start is None:
        return None
    cue = doc.char_span(q.cue_start - ctx.offset, q.cue_end - ctx.offset, alignment_mode="expand") \
        if q.cue_end is not None else None
    if cue is None:
        return None
    subj, _ = _subject(cue.root)
    return " ".join(t.text for t in subj.subtree) if subj is not None else None



def _reporting_source(speaker: str | None) -> bool:
    """The speaker is an office that reports events as such (police, a prefecture, officials)."""
    words = re.findall(r"[a-z]+", (speaker or "").lower())
    src = set(lexicon()["status"].get("reporting_sources", {}).get("lemmas", []))
    return any(w in src or (w.endswith("s") and w[:-1] in src) or (w.endswith("es") and w[:-2] in src)
               or (w.endswith("ies") and w[:-3] + "y" in src) for w in words)

