"""Status of an event (reported, claimed, planned, denied, hypothetical) from cues around its trigger
and the quote it is stated in."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ...records import Quote
from .common import VERBAL_TYPES, Ctx, lexicon, quote_at
from .modality import data as modality_data
from .parse import _subject
from .trigger import Trigger


def status_of(ctx: Ctx, head: Token, trig: Trigger, etype: str, actors: list[str],
              trained: bool = False, rules: list[str] | None = None) -> tuple[str, str | None, str | None]:
    """(status, claimed_by, quote id): the modality step's status when it set one, else from the
    quote the event is told in (a party's account, an unattributed quote: claimed).

    ``trained``: the reading the learned check was trained on (before rule ``party-account``: the
    speaker's resolved name only, armed parties' material accounts only), so that the status rule
    decides an event's status and never whether the learned check keeps it. ``rules`` receives the
    name of the status rule that decided (kept out of ``trig.rules``, which the learned check reads)."""
    material = etype not in VERBAL_TYPES
    pos = ctx.page(head)[0]
    q = quote_at(ctx, pos)
    if q is not None and q.kind in ("speech_act", "belief"):
        return _kind_status(ctx, head.doc, q, trig, material)
    # A source named with "according to" attributes the report; it does not dispute it.
    attribution = q is not None and q.kind == "indirect" and (q.cue or "").lower().startswith("according")
    # Inside a quote, a material event is the speaker's claim when it characterises its actor ("a
    # group that murdered thousands") or when nobody is named as saying it; a known speaker's plain
    # account of events ("the gathering, three days ago, at Camp Orion," she said) is reported speech.
    characterises = head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN")
    # Police, officials, a ministry reporting what happened (or what they did) are attribution, not
    # a party's contested assertion: "At least 12 people were killed, police said".
    speaker = "" if q is None else (q.speaker_text or _cue_subject(ctx, head.doc, q) or "") if trained \
        else _speaker_words(ctx, head.doc, q)
    attribution = attribution or (q is not None and q.kind == "indirect" and not characterises
                                  and _reporting_source(speaker, () if trained else ("neutral_reporters",)))
    if trig.status is not None and trig.status != "claimed":
        return trig.status, None, q.id if q else None
    # Rule `party-account`: a side giving its own account (an army on its operations, an opposition
    # party on its members' arrests, rebels on talks) claims it, even "according to" it.
    if trained and material and q is not None and _party_source(q.speaker_text, ("party_sources",)):
        return "claimed", q.speaker_id, q.id
    if not trained and q is not None and ((material and _party_source(q.speaker_text, ("party_sources",)))
                                          or _party_source(_described_as(ctx, head.doc, q), ("party_sources", "dispute_sides"))):
        if rules is not None:
            rules.append("status:party-account")
        return "claimed", q.speaker_id, q.id
    if material and q is not None and not attribution and (not q.speaker_id or (
            characterises and q.speaker_id not in actors)):
        return "claimed", q.speaker_id, q.id
    if trig.status is not None:
        return trig.status, None, q.id if q else None
    return "reported", None, q.id if q else None



def _kind_status(ctx: Ctx, doc: Doc, q: Quote, trig: Trigger, material: bool) -> tuple[str, str | None, str | None]:
    """Status of an act inside a speech act or a belief (quotes' finer kinds), not a claimed account.

    A speech act's content ("pledged to send troops", "urged X to resign", "vowed to respond to the
    killing") is what was committed to, refused or demanded: the modality step has already folded or
    dated it, so it keeps that status, else the outlet reports it. A belief or intention is not a
    reported act (quotes' kind ``belief``): an intended act ("plans to open talks") is planned, an act
    someone believes or suspects happened is hedged, the believer's claim (police's or officials'
    beliefs are attribution, as in indirect speech)."""
    if trig.status is not None and trig.status != "claimed":
        return trig.status, None, q.id
    if q.kind == "speech_act":
        if trig.status == "claimed":  # an accusation's content stays the accuser's
            return "claimed", q.speaker_id, q.id
        return "reported", None, q.id
    if _cue_forms(ctx, doc, q) & set(modality_data()["classes"]["intention"]["lemmas"]):
        return "planned", None, q.id
    # What police or officials believe happened is attributed, as in indirect speech; anyone else's
    # belief is hedged (README of eval/dev/events: "suspected", "said to" are claimed).
    if trig.status == "claimed" or (material and not _reporting_source(q.speaker_text or _cue_subject(ctx, doc, q))):
        return "claimed", q.speaker_id, q.id
    return "reported", None, q.id



def _cue_forms(ctx: Ctx, doc: Doc, q: Quote) -> set[str]:
    """The cue word's lemma and its form stripped of an inflection ("hopes" is tagged "hop" at times)."""
    if q.cue_start is None or q.cue_end is None:
        return set()
    cue = doc.char_span(q.cue_start - ctx.offset, q.cue_end - ctx.offset, alignment_mode="expand")
    if cue is None or not len(cue):
        return set()
    tok = ([t for t in cue if t.pos_ in ("VERB", "ADJ", "NOUN")] or list(cue))[-1]
    low = tok.lower_
    return {tok.lemma_.lower(), low, *(low[: -len(x)] for x in ("s", "es", "ed", "d", "ing") if low.endswith(x))}



def _party_source(speaker: str | None, lists: tuple[str, ...]) -> bool:
    """The speaker is a party to an armed conflict (a defence ministry, an army, occupation officials)
    or a side of a political dispute (an opposition party, a movement): ``plover.yaml`` ``status``."""
    text = " " + " ".join(re.findall(r"[a-z]+", (speaker or "").lower())) + " "
    words = [w for k in lists for w in lexicon()["status"].get(k, {}).get("words", [])]
    return any(f" {w} " in text for w in words)



def _speaker_words(ctx: Ctx, doc: Doc, q: Quote) -> str:
    """Every word naming the speaker: the resolved name, the words the cue attaches to, and the cue's
    subject with its modifiers and apposition ("Jan Doe, deputy leader of the opposition Unity Party")."""
    return " ".join(x for x in (q.speaker_text, q.speaker_mention, _cue_subject(ctx, doc, q, clauses=False)) if x)



def _described_as(ctx: Ctx, doc: Doc, q: Quote) -> str:
    """The common words describing the speaker (the words the cue attaches to, the cue's subject with
    its modifiers and apposition, clauses inside left out), proper names excluded: "opposition
    leaders", "a rebel negotiator", "the deputy leader of the opposition" say the speaker is a side;
    a word of a name ("the Workers' Party") does not, so swapping two sides' names swaps nothing else
    (the side-swap gate, docs/actors.md)."""
    toks: dict[int, Token] = {}
    if q.speaker_mention_start is not None and q.speaker_mention_end is not None:
        span = doc.char_span(q.speaker_mention_start - ctx.offset, q.speaker_mention_end - ctx.offset,
                             alignment_mode="expand")
        toks.update((t.i, t) for t in span or ())
    subj = _cue_subject_token(ctx, doc, q)
    if subj is not None:
        inner = _inner_clauses(subj)
        toks.update((t.i, t) for t in subj.subtree if t.i not in inner)
    return " ".join(t.lower_ for i, t in sorted(toks.items()) if t.pos_ != "PROPN" and not t.ent_type_)



def _cue_subject_token(ctx: Ctx, doc: Doc, q: Quote) -> Token | None:
    if q.cue_start is None or q.cue_end is None:
        return None
    cue = doc.char_span(q.cue_start - ctx.offset, q.cue_end - ctx.offset, alignment_mode="expand")
    return _subject(cue.root)[0] if cue is not None else None



def _cue_subject(ctx: Ctx, doc: Doc, q: Quote, clauses: bool = True) -> str | None:
    """The subject of a quote's reporting verb when the quote names nobody ("..., officials said").
    ``clauses=False`` leaves out the clauses inside it: "a judge, who was sacked for his opposition to
    the ruling, said" names a judge, not an opposition."""
    subj = _cue_subject_token(ctx, doc, q)
    if subj is None:
        return None
    inner = set() if clauses else _inner_clauses(subj)
    return " ".join(t.text for t in subj.subtree if t.i not in inner)


def _inner_clauses(subj: Token) -> set[int]:
    """Token indices of the clauses inside a subject phrase (relative, participle, adverbial)."""
    return {t.i for c in subj.subtree if c.dep_ in ("relcl", "acl", "advcl") for t in c.subtree}



def _reporting_source(speaker: str | None, more: tuple[str, ...] = ()) -> bool:
    """The speaker is an office that reports events as such (police, a prefecture, officials), or
    (``more``) a neutral reporter (a witness, a journalist, news reports)."""
    words = re.findall(r"[a-z]+", (speaker or "").lower())
    src = {w for k in ("reporting_sources", *more) for w in lexicon()["status"].get(k, {}).get("lemmas", [])}
    return any(w in src or (w.endswith("s") and w[:-1] in src) or (w.endswith("es") and w[:-2] in src)
               or (w.endswith("ies") and w[:-3] + "y" in src) for w in words)

