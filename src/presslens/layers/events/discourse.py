"""Across sentences of one text: restatements merged, back-references dropped, agents, dates and
places carried over within a paragraph or from the lead's event frame."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ...records import Analysis, DateRef, Event, Place
from .. import syntax
from ..syntax import function_words
from .common import MATERIAL_TYPES, PRECISION_RANK, VERBAL_TYPES, Ctx, _in, _paragraph_bounds, quote_at
from .rules import rule, words
from .time import _REPORT_VERBS

LEAD_CHARS = 800  # how far into the body an event can set the article's frame



_BACKREF_DETS = function_words("definite_determiners")



def _back_reference(ctx: Ctx, ev: Event, kept: list[Event]) -> bool:
    """"the strike", "the strikes are typical of": a definite event noun with nothing of its own
    (no actor, recipient, size, and no place, date or number inside its phrase) refers back to an
    event of that type the article has already reported; it is not a new event."""
    head = ctx.heads.get(ev.id)
    if head is None or head.pos_ != "NOUN" or ev.type not in MATERIAL_TYPES or ev.actors or ev.recipients or ev.size:
        return False
    if not any(c.dep_ == "det" and c.lower_ in _BACKREF_DETS for c in head.children):
        return False
    if any(c.dep_ in ("amod", "compound", "nummod", "poss") for c in head.children):
        return False  # "the last strike", "the 2021 strike", "the Tehran protests": a distinct event
    lo, hi = ctx.page(head.doc[head.left_edge.i:head.right_edge.i + 1])
    if _in(ctx.places, lo, hi) or _in(ctx.dates, lo, hi) or _in(ctx.numbers, lo, hi):
        return False
    titles = [p for p in ctx.analysis.article.parts if p.role in ("title", "heading", "related_link")]
    return any(k.type == ev.type and k.status == "reported" and not any(p.start <= k.start < p.end for p in titles)
               for k in kept)



def _date_frame(ctx: Ctx, kept: list[Event]) -> Event | None:
    """The story's dated event: the first material event of the lead (the first paragraph of the
    body) reported with a day of its own."""
    if ctx.role != "body":
        return None
    a = ctx.analysis
    text = a.page_text
    b0 = max(a.article.body_start, ctx.offset)
    titles = [p for p in a.article.parts if p.role in ("title", "heading", "related_link", "caption", "dateline")]
    for k in kept:
        if k.start < b0 or any(p.start <= k.start < p.end for p in titles):
            continue
        _, p_hi = _paragraph_bounds(text, k.start, ctx.offset, ctx.offset + len(ctx.text))
        first_par = "\n\n" not in text[b0:k.start].strip() or k.start < b0 + 400
        if not first_par:
            return None
        if k.type in MATERIAL_TYPES and k.status == "reported" and k.date and k.date_precision == "day":
            return k
    return None



def _in_date_frame(ctx: Ctx, frame: Event, ev: Event) -> bool:
    """A material event stated without a date in a story about one dated event happened on that
    event's day ("Police made 21 arrests in Lyon", "9 people were killed in the raid") when it is
    reported after it, in its country, of its type or at its city, and nothing makes it historical
    (a change of tense, "since", another date in its sentence). A past perfect under a reporting verb
    ("the unions said 800,000 had taken to the streets") is reported speech, not a change of time."""
    if ev is frame or ev.type not in MATERIAL_TYPES or ev.status not in ("reported", "claimed") \
            or ev.start <= frame.start:
        return False
    head = ctx.heads.get(ev.id)
    if head is None:
        return False
    if ev.country and frame.country and ev.country != frame.country:
        return False
    if not (ev.type == frame.type or ev.place_name and ev.place_name == frame.place_name):
        return False
    sent = head.sent
    s0, s1 = ctx.page(sent)
    if any(s0 <= d.start < s1 for d in ctx.dates):
        return False
    if _SHIFT_RX.search(sent.text):
        return False
    for t in sent:
        if t.lower_ == "had" and t.dep_ == "aux" and t.head.tag_ == "VBN":
            v = t.head
            if not (v.dep_ in ("ccomp", "conj") and syntax.clause_head(v.head).lemma_.lower() in _REPORT_VERBS):
                return False
    return True



# Material types whose agent is often left implicit by a nominal or agentless passive ("the
# massacre of 3,000 villagers", "who were hanged", "the banning of the party").
IMPLIED_AGENT_TYPES = frozenset(w.upper() for w in words("implied_agent_types"))



def _agentless(head: Token) -> bool:
    """The event is told without a slot for its agent: an event noun with no possessor, ``by``
    agent or light-verb subject, or a passive verb with no ``by`` agent. An active verb whose
    subject simply names no registry actor ("protesters attacked") is not agentless."""
    if head.pos_ in ("NOUN", "PROPN"):
        return not (syntax.children(head, "poss") or syntax.prep_objects(head, ("by",)))
    if head.pos_ in ("VERB", "AUX"):
        return syntax.is_passive(head) and not syntax.prep_objects(head, ("by",)) and not any(
            c.dep_ == "agent" for c in head.children)
    return False



def _implied_agents(ctx: Ctx, events: list[Event]) -> None:
    """The agent of a nominal/agentless-passive event is the nearest preceding agent of an event of
    the same type stated in the same paragraph ("The junta began hanging opposition members ... The
    400 prisoners who were hanged"), else the article's main agent of that type (the actor
    named most often as agent of that type, on a tie the first named). Limits: only material types
    in ``IMPLIED_AGENT_TYPES``, only agents stated in the article itself (never inherited ones),
    never one of the event's own recipients, and only for events told without an agent slot."""
    text = ctx.analysis.page_text
    lo_doc, hi_doc = ctx.offset, ctx.offset + len(ctx.text)
    # Only agents the article itself reports (not a party's claim, a denial or a plan).
    explicit = [e for e in events if e.type in IMPLIED_AGENT_TYPES and e.actors and e.status == "reported"]
    counts: dict[str, dict[str, int]] = {}
    first: dict[str, dict[str, int]] = {}
    for e in explicit:
        for act in e.actors:
            counts.setdefault(e.type, {})[act] = counts.get(e.type, {}).get(act, 0) + 1
            first.setdefault(e.type, {}).setdefault(act, e.start)
    for ev in events:
        head = ctx.heads.get(ev.id)
        if ev.actors or ev.type not in IMPLIED_AGENT_TYPES or head is None or not _agentless(head):
            continue
        p_lo, p_hi = _paragraph_bounds(text, ev.start, lo_doc, hi_doc)
        prior = [e for e in explicit if e.type == ev.type and p_lo <= e.start < ev.start
                 and not set(e.actors) & set(ev.recipients)]
        if prior:
            # The same kind of act first ("who were hanged" continues "began hanging", not "opened fire").
            same_mode = [e for e in prior if e.mode == ev.mode]
            ev.actors = list((same_mode or prior)[-1].actors)
            continue
        # The article's main agent: named as agent of that type at least twice, more than any other.
        ranked = sorted(((-n, first[ev.type][act], act) for act, n in counts.get(ev.type, {}).items()
                         if act not in ev.recipients))
        if ranked and -ranked[0][0] >= 2 and (len(ranked) == 1 or ranked[1][0] > ranked[0][0]):
            ev.actors = [ranked[0][2]]



# Tense/aspect cues that move a sentence off the time set earlier ("had already", "has long",
# "in the past", "since", "for years"): a date stated before does not carry into it.
_SHIFT_RX = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(words("time_shift_phrases"), key=len, reverse=True)) + r")\b", re.I)



def _shifted(sent: Span) -> bool:
    """The sentence steps out of the narrative time: a shift cue or the past perfect."""
    return bool(_SHIFT_RX.search(sent.text)) or any(
        t.lower_ == "had" and t.dep_ == "aux" and t.head.tag_ == "VBN" for t in sent)



def _time_shift(ctx: Ctx, d: DateRef, ev: Event) -> bool:
    """The event's sentence is not in the time of date ``d`` stated earlier in the paragraph: its
    tense or aspect changes (past perfect, "has long", "in the past", "since"), or another year is
    named between the date and the event ("the 1972 massacre" after "in 2019")."""
    head = ctx.heads.get(ev.id)
    if head is None:
        return False
    sent = head.sent
    s0, s1 = ctx.page(sent)
    if s0 <= d.start < s1:
        return False  # the date is in the event's own sentence
    if _shifted(sent):
        return True
    year = (d.value or "")[:4]
    return any(o.value and o.value[:4] != year and d.end <= o.start < ctx.page(head)[0] for o in ctx.dates)



def _continues(src: Event, ev: Event) -> bool:
    """Can ``ev`` be told in the scene set by ``src`` and so share its place? Not when they are
    different kinds of the same type (a hostage-taking after a bomb plot)."""
    return not (src.mode and ev.mode and src.mode != ev.mode)



def _copy_place(src: Event, dst: Event) -> None:
    dst.place_id, dst.place_name, dst.country = src.place_id, src.place_name, src.country
    dst.geonameid, dst.geo_precision = src.geonameid, src.geo_precision



def _heading_between(a: Analysis, lo: int, hi: int) -> bool:
    return any(p.role in ("heading", "title") and lo <= p.start < hi for p in a.article.parts)



def _same_event(prev: Event, ev: Event, text: str, heads: dict[str, Token]) -> bool:
    """``ev`` restates ``prev``: same type and mode, within the next sentence, nothing contradicting."""
    if ev.type in VERBAL_TYPES:
        return False
    hp, he = heads.get(prev.id), heads.get(ev.id)
    if hp is not None and he is not None and hp.sent == he.sent:
        # In one sentence only a trigger that depends on the other restates it ("gathered ... to rally").
        if hp == he or not (he.head == hp or hp.head == he) or (prev.actors != ev.actors and ev.actors):
            return False
        contained = True
    elif ev.start < prev.end and ev.start >= prev.start:
        contained = True
    else:
        if he is not None and _SHIFT_RX.search(he.sent.text):
            # "has long detained ..." after "arrested ... on Monday" is not a restatement (the past
            # perfect alone is not enough: reported speech backshifts the same event).
            return False
        gap = text[prev.end:ev.start]
        contained = False
        if ev.start - prev.end > 250 or "\n\n" in gap or gap.count(". ") > 1:
            return False
    if ev.place_name and prev.place_name and ev.place_name != prev.place_name:
        return False
    if ev.date and prev.date and ev.date != prev.date:
        return False
    if ev.status != prev.status:
        return False
    return not (not contained and ev.actors and prev.actors and not set(ev.actors) & set(prev.actors))



def _dedupe_titles(a: Analysis, events: list[Event]) -> list[Event]:
    """A title or heading announces an event the body reports: when a body event has the same type
    and nothing keeps the two apart (another country or city, another date, disjoint actors, a
    different status), the title's event is that one and is not emitted again."""
    tparts = [p for p in a.article.parts if p.role in ("title", "heading")]

    def in_title(ev: Event) -> bool:
        return any(p.start <= ev.start < p.end for p in tparts)

    body = [e for e in events if not in_title(e)]

    def same(t: Event, b: Event) -> bool:
        if t.type != b.type or t.status != b.status:
            return False
        if t.country and b.country and t.country != b.country:
            return False
        if t.geo_precision in ("city", "site") and b.geo_precision in ("city", "site") and t.place_name != b.place_name:
            return False
        if t.date and b.date and not (t.date.startswith(b.date) or b.date.startswith(t.date)):
            return False
        return not (t.actors and b.actors and not set(t.actors) & set(b.actors))

    return [e for e in events if not (in_title(e) and any(same(e, b) for b in body))]



def _dedupe_line(evs: list[Event]) -> list[Event]:
    out: list[Event] = []
    for ev in evs:
        if any(o.type == ev.type and o.place_name == ev.place_name for o in out):
            continue
        out.append(ev)
    return out




_SCENE_PREPS = words("story_scene_preps", "events/carry")
_NOT_SCENE_PARTS = ("title", "heading", "caption", "related_link", "dateline")



def _scene_prep(ctx: Ctx, p: Place) -> bool:
    """The place is the object of a preposition of location ("in", "at", "near"), through its own
    modifiers and appositions ("in Eastwick, Freedonia"; "the plaza in front of Eastwick Hall")."""
    sp = ctx.doc.char_span(p.start - ctx.offset, p.end - ctx.offset, alignment_mode="expand")
    if sp is None:
        return False
    t = sp.root
    for _ in range(4):
        if t.dep_ == "pobj":
            return t.head.lower_ in _SCENE_PREPS
        if t.dep_ not in ("compound", "appos", "conj", "flat", "nmod", "amod") or t.head == t:
            return False
        t = t.head
    return False



@rule("story-place", "place")
def story_place(ctx: Ctx) -> Place | None:
    """Rule `story-place`: the one locality a story is told in. Every place the body names as a
    scene ("in X", "at X", "near X") is that locality or a coarser place of its country ("clashes in
    Eastwick ... police in Freedonia"); then a reported act told without a place of its own happened
    there. The locality must be named in the lead (as the lead frame). None where two localities or two countries are named as scenes, or only a country or
    region is (a country-wide story has no one place to give)."""
    a = ctx.analysis
    if ctx.role != "body":
        return None
    skip = [(p.start, p.end) for p in a.article.parts if p.role in _NOT_SCENE_PARTS]
    cands = [p for p in ctx.places if p.start >= a.article.body_start and p.country
             and not any(lo <= p.start < hi for lo, hi in skip) and p.role != "demonym" and _scene_prep(ctx, p)]
    if not cands:
        return None
    best = max(cands, key=lambda p: PRECISION_RANK.get(p.precision, 0))
    if not any((p.name or p.text) == (best.name or best.text) and p.start < a.article.body_start + LEAD_CHARS
               for p in cands):
        return None  # as for the lead frame: a scene first named deep in a feature frames nothing
    top = PRECISION_RANK.get(best.precision, 0)
    if top < PRECISION_RANK["city"]:
        return None
    for p in cands:
        if p.country != best.country:
            return None
        if PRECISION_RANK.get(p.precision, 0) >= top and (p.name or p.text) != (best.name or best.text):
            return None
    return best



def _sentence_dates(ctx: Ctx, ev: Event) -> list[str]:
    head = ctx.heads.get(ev.id)
    if head is None:
        return []
    lo, hi = ctx.page(head.sent)
    # An undated article leaves "June 27" without a value: its words still tell one day from another.
    return [d.value or d.text.lower() for d in ctx.dates if lo <= d.start < hi]



@rule("carry-here-and-now", "place")
def here_and_now(ctx: Ctx, ev: Event, src: Event | None, src_dates: list[str] | None = None) -> bool:
    """Is ``ev`` told in the time of the scene ``src`` (or of the dates ``src_dates``), so that a
    place carried from the scene can be its place? Not when its sentence steps out of the narrative
    time ("since", "for years", "in the past"), is a quotation (a speaker's telling, placed by no one),
    or names a date of its own that the scene's sentence does not ("On 3 May he was jailed" after
    "arrested on 9 May")."""
    head = ctx.heads.get(ev.id)
    if head is None:
        return True
    # A shift cue only: the past perfect alone is often reported speech backshifting the scene's own
    # act ("the union said 300 more had joined the stoppage").
    if _SHIFT_RX.search(head.sent.text) or quote_at(ctx, ev.start) is not None:
        return False
    own = _sentence_dates(ctx, ev)
    if not own:
        return True
    theirs = _sentence_dates(ctx, src) if src is not None else (src_dates or [])
    return any(o.startswith(t) or t.startswith(o) for o in own for t in theirs)



def named_elsewhere(ctx: Ctx, ev: Event, place: Place) -> bool:
    """The place is named in the event's own sentence, and the sentence rules did not give it to
    the event: the sentence ties it to something else ("rallied after his arrest in Eastwick")."""
    head = ctx.heads.get(ev.id)
    if head is None:
        return False
    lo, hi = ctx.page(head.sent)
    key = place.name or place.text
    return any(lo <= p.start < hi and (p.name or p.text) == key for p in ctx.places)
