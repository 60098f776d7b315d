"""Where an event happened: places named as its location (not as a party or inside a name), venues
of statements and gatherings."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from ... import lang
from ...records import Place
from .. import syntax
from .common import LIGHT_VERBS, PRECISION_RANK, Ctx, _in, lexicon, quote_at
from .location import event_places, sentence_places
from .parse import _governing_verb, _subject
from .place_index import _territory_demonym
from .rules import rule, words
from .venue import meeting_venue


def _pick_place(places: list[Place], anchor: int) -> Place:
    return sorted(places, key=lambda p: (-PRECISION_RANK.get(p.precision, 0), abs(p.start - anchor)))[0]



def _locative_places(ctx: Ctx, head: Token) -> list[Place]:
    """Places in an "in/at X" complement of the trigger or the verbs governing it (the venue)."""
    out: list[Place] = []
    for t in [head, *syntax.ancestors_within(head, 2)]:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                lo, hi = ctx.page(c.doc[c.left_edge.i:c.right_edge.i + 1])
                out += _in(ctx.places, lo, hi)
        if out:
            break
    return out



LOCATIVE_PREPS = frozenset(str(w) for w in lang.data("events/places")["carry_locative_preps"])



# Nouns whose "of" complement is still a location ("the streets of Paris", "the city of Tabriz").
PLACE_NOUNS = frozenset(str(w) for w in lang.data("events/places")["of_place_nouns"])



def _inside_name(sp: Span) -> bool:
    """The place is a word of a longer proper name: "Free Tibet rally", "Arya Steel workers",
    "Shiraz Textile Workers' Savings Fund"."""
    t = sp.root
    doc = t.doc
    before = doc[sp.start - 1] if sp.start > 0 else None
    if before is not None and before.is_title and before.pos_ in ("PROPN", "ADJ") and before.head == t and \
            before.dep_ in ("compound", "amod") and before.ent_type_ not in ("GPE", "LOC", "NORP") and \
            before.lower_ not in _DIRECTIONS:
        return True
    after = doc[sp.end] if sp.end < len(doc) else None
    return after is not None and after.is_title and after.pos_ == "PROPN" and t.dep_ == "compound" and \
        t.head.pos_ == "PROPN" and t.head.ent_type_ not in ("GPE", "LOC", "FAC", "")



def _paired(sp: Span) -> bool:
    """"the Iran-Iraq war", "US-Iran talks": a hyphenated pair of places names the parties to
    something, not where it happens."""
    doc = sp.doc
    nxt = doc[sp.end:sp.end + 2] if sp.end + 1 < len(doc) else None
    prv = doc[sp.start - 2:sp.start] if sp.start >= 2 else None
    def place(t: Token) -> bool:
        return t.ent_type_ in ("GPE", "NORP", "LOC") or (t.is_title and t.pos_ == "PROPN")
    after = nxt is not None and nxt[0].text in ("-", "–") and not nxt[0].whitespace_ and place(nxt[1])
    before = prv is not None and prv[1].text in ("-", "–") and not prv[0].whitespace_ and place(prv[0])
    return after or before



def _inside_name_at(ctx: Ctx, p: Place) -> bool:
    sp = ctx.doc.char_span(p.start - ctx.offset, p.end - ctx.offset, alignment_mode="expand")
    return sp is not None and _inside_name(sp)



def _people_demonym(ctx: Ctx, p: Place) -> bool:
    """"Freedonian police fire tear gas at marchers": a headline's nationality adjective names the
    actors' country, not the scene (`demonym-not-place`)."""
    if p.role != "demonym":
        return False
    sp = ctx.doc.char_span(p.start - ctx.offset, p.end - ctx.offset, alignment_mode="expand")
    return sp is None or not _territory_demonym(sp.root)


def _locative(ctx: Ctx, p: Place, head: Token) -> bool:
    """Is the place named as a location ("in Paris", "Tehran protests", "40 Chilean towns"), rather
    than as a party ("sanctions on Peru", "Peru's programme") or inside a name ("Free Tibet rally",
    "People's Liberation Front of Chad")?"""
    sp = ctx.doc.char_span(p.start - ctx.offset, p.end - ctx.offset, alignment_mode="expand")
    if sp is None:
        return True
    if _inside_name(sp) or _paired(sp) or p.role == "demonym" and not _territory_demonym(sp.root):
        return False  # ("Freedonian police": a people's country, `demonym-not-place`)
    t = sp.root
    for _ in range(6):
        if t == head:
            return True
        dep = t.dep_
        if dep == "poss":
            return False
        if dep in ("compound", "amod", "nmod", "nummod", "appos", "conj", "flat", "npadvmod"):
            if t.head == t:
                return True
            t = t.head
            continue
        if dep == "pobj":
            prep = t.head
            if prep.lower_ in LOCATIVE_PREPS:
                return not (prep.lower_ in ("to", "towards", "toward", "from") and prep.head.pos_ == "NOUN"
                            and prep.head != head)
            if prep.lower_ in ("including", "like", "as", "especially") or (
                    prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS):
                t = prep.head
                continue
            return False
        return dep in ("ROOT",) and ctx.role != "body"
    return True



_DIRECTIONS = frozenset(str(w) for w in lang.data("events/places")["name_starters"])



def _visited(ctx: Ctx, verb: Token) -> list[Place]:
    """"visited France": the object of a visit is where it took place."""
    if verb.lemma_.lower() != "visit":
        return []
    anchor = ctx.page(verb)[0]
    for o in syntax.children(verb, "dobj"):
        olo, ohi = ctx.page(o.doc[o.left_edge.i:o.right_edge.i + 1])
        hit = _in(ctx.places, olo, ohi)
        if hit:
            return [_pick_place(hit, anchor)]
    return []



def _purpose_place(ctx: Ctx, head: Token) -> list[Place]:
    """"visited Spain in order to stop the congress", "flew to Lagos to meet": a purpose clause
    happens where its governing verb takes its subject."""
    gov = syntax.purpose_governor(head)
    if gov is None:
        return []
    if gov.pos_ not in ("VERB", "AUX"):
        return []
    return _visited(ctx, gov) or [p for p in _locative_places(ctx, gov) if _locative(ctx, p, gov)][:1]



@rule("place-occasion", "place")
def occasion_place(ctx: Ctx, head: Token, etype: str) -> list[Place]:
    """"the gathering in Rome on May 2016, where 40,000 gathered": a where/when relative clause
    happens at its antecedent's venue."""
    occasion = _occasion_of(head)
    return event_places(ctx, occasion, etype)[0] if occasion is not None else []


@rule("place-purpose", "place")
def purpose_place(ctx: Ctx, head: Token, etype: str) -> list[Place]:
    """"flew to Lagos in order to arrest the smugglers": a purpose clause happens where its verb goes."""
    gov = syntax.purpose_governor(head)
    return event_places(ctx, gov, "MOBILIZE")[0] if gov is not None else []


@rule("place-outcome", "place")
def outcome_place(ctx: Ctx, outcome: Token, etype: str) -> list[Place]:
    """"at least ten people were killed in the southern part of Helmand province in a suicide
    bombing": the killing told as the attack's outcome happened where the attack did."""
    return event_places(ctx, outcome, etype)[0]


def places_for(ctx: Ctx, span: Span, head: Token, etype: str = "", trigger_heads: set[int] | None = None,
               rules: list[str] | None = None, mode: str | None = None,
               tspan: tuple[int, int] | None = None, outcomes: tuple[Token, ...] = ()) -> list[Place]:
    """Where the event happened (``location.py``); a headline or link line states one scene, so
    there every place counts except a word of a longer name. ``rules`` collects the rule used.
    ``outcomes``: the verbs told as this attack's outcome ("ten people were killed in Helmand in a
    suicide bombing"), whose place is the attack's when its own phrase names none."""
    if ctx.role != "body":
        return [p for p in ctx.places if not _inside_name_at(ctx, p) and not _people_demonym(ctx, p)][:1]
    got, how = occasion_place(ctx, head, etype), "place-occasion"
    if not got:
        got, how = event_places(ctx, head, etype, mode, tspan)  # type: ignore[assignment]
    if not got:
        got, how = meeting_venue(ctx, head, etype, tspan), "place-meeting-venue"
    if not got:
        got, how = purpose_place(ctx, head, etype), "place-purpose"
    for o in outcomes if not got else ():
        got, how = outcome_place(ctx, o, etype), "place-outcome"
        if got:
            break
    if not got:
        got, how = sentence_places(ctx, head, etype, tspan), "place-sentence"
    if got and rules is not None and how:
        rules.append(how)
        if any(p.rule == "named-place-noun" for p in got):
            rules.append("named-place-noun")  # a place the text names and the gazetteer lacks
    return got


def _foreign_place(ctx: Ctx, p: Place, head: Token, trigger_heads: set[int]) -> bool:
    sp = ctx.doc.char_span(p.start - ctx.offset, p.end - ctx.offset, alignment_mode="expand")
    if sp is None or not (head.sent.start <= sp.root.i < head.sent.end):
        return False
    return _inside_other_event(sp.root, head, trigger_heads)



PLACE_ENTS = frozenset({"GPE", "LOC", "NORP", "DATE", "FAC"})



def _event_name(head: Token) -> str | None:
    """The proper name an event noun is told with ("the Free Tibet rally", "Fridays for Future
    strikes"), lower-cased; None when it has none or only a place ("Iran protests"). Read from the
    capitalised words just before the noun, whatever the parse made of them."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    toks: list[Token] = []
    i = head.i - 1
    while i >= head.sent.start and head.doc[i].is_title and head.doc[i].pos_ in ("PROPN", "ADJ", "NOUN") \
            and not head.doc[i].is_sent_start:
        toks.insert(0, head.doc[i])
        i -= 1
    while toks and toks[0].ent_type_ in PLACE_ENTS:
        toks = toks[1:]  # "the Berlin Free Tibet Rally" is the Free Tibet rally, held in Berlin
    if not toks or all(t.ent_type_ in PLACE_ENTS for t in toks):
        return None
    return " ".join(t.lower_ for t in toks)



def _occasion_of(head: Token) -> Token | None:
    """"the gathering in Rome on May 2016, where 40,000 gathered": a where/when relative clause
    tells what happened at its antecedent's occasion, so that noun's time and place are its own."""
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj":
        head = head.head  # "during which police fired tear gas": the trigger is the verb's object
    if head.pos_ not in ("VERB", "AUX") or head.dep_ != "relcl" or head.head.pos_ not in ("NOUN", "PROPN", "NUM"):
        return None
    if not any(c.lower_ in ("where", "when") or c.dep_ == "prep" and c.lower_ in ("during", "at", "in")
               and any(w.lower_ == "which" for w in c.children) for c in head.children):
        return None  # "where ...", "when ...", "during which ...", "at which ..."
    # The relative may hang on the occasion's date or place ("a rally in Valparaiso on March 3, where").
    t = head.head
    while t.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL") or t.pos_ in ("ADP", "NUM"):
        if t.head == t or t.dep_ not in ("pobj", "prep", "appos", "nummod", "compound", "npadvmod", "conj"):
            break
        t = t.head
    if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in LIGHT_VERBS:
        t = next(iter(syntax.children(t, "dobj")), t)  # "held a rally in Valparaiso on March 3, where ..."
    return t if t.pos_ in ("NOUN", "PROPN") else None



def _inside_other_event(root: Token, head: Token, trigger_heads: set[int]) -> bool:
    """Walking up from ``root``, another event's trigger comes before this one's: the date or place
    is that event's ("jailing members after a peaceful march in Quito")."""
    t = root
    for _ in range(8):
        if t == head or t.head == t:
            return False
        t = t.head
        if t.i in trigger_heads and t != head:
            # Unless that other event is this one's own verb ("held a protest on Monday") or its
            # setting ("at a cabinet meeting on Tuesday, X dismissed ...").
            setting = t.dep_ == "pobj" and t.head.lower_ in ("at", "during")
            # ... or its target: a plot against a gathering in Paris on June 2018 is set there and then.
            target = t.pos_ in ("NOUN", "PROPN") and (t.head == head and t.dep_ == "dobj" or (
                t.dep_ == "pobj" and t.head.lower_ in ("against", "on", "at") and t.head.head == head))
            return not (setting or target or t.pos_ in ("VERB", "AUX") and head.head == t
                        or _occasion_of(head) == t)
    return False



@functools.lru_cache(maxsize=1)
def _gathering_words() -> tuple[dict[str, str], re.Pattern[str], frozenset[str]]:
    g = lexicon().get("gatherings") or {}
    kinds = {str(w): "PROTEST" for w in g.get("protest", [])}
    kinds.update({str(w): "CONSULT" for w in g.get("consult", [])})
    cues = "|".join(re.escape(str(c)) for c in g.get("address_cues", []))
    nouns = "|".join(re.escape(w) for w in sorted(kinds, key=len, reverse=True))
    # "addressing some 2000 backers at Free Tibet rally in Berlin", "told the cheering audience",
    # "in a video address to the rally": a cue, then a gathering noun within the same clause.
    rx = re.compile(rf"\b(?:{cues})\b[^.;:!?\n]{{0,80}}?\b(?P<noun>{nouns})\b", re.I)
    return kinds, rx, frozenset(str(w) for w in g.get("participants", []))



_REMOTE_RX = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(words("remote_phrases"), key=len, reverse=True)) + r")\b", re.I)



def _gathering_of(ctx: Ctx, head: Token) -> tuple[str, Place | None] | None:
    """A statement made at a gathering: its speaker addresses a rally/meeting/crowd ("addressing the
    rally", "in a speech at the summit", "told the crowd", also in the words introducing the quote it
    is in), or its subject names the gathering's participants ("speakers", "delegations"). Returns
    the gathering's kind (PROTEST/CONSULT, or ANY for participants) and the venue named with it."""
    if ctx.role != "body":
        return None
    kinds, rx, participants = _gathering_words()
    text = ctx.analysis.page_text
    s0, s1 = ctx.page(head.sent)
    windows = [(s0, s1)]
    q = quote_at(ctx, ctx.page(head)[0])
    if q is not None:
        p_lo = max(ctx.offset, q.start - 200)
        windows.append((p_lo, q.start))
    for lo, hi in windows:
        if _REMOTE_RX.search(text, lo, hi):
            return None  # a video address or a speech projected on a screen is made elsewhere
        for m in rx.finditer(text, lo, hi):
            kind = kinds[m.group("noun").lower()]
            n_end = m.end("noun")
            # "rally in London": a place named right after the gathering noun is its venue.
            venue = [p for p in ctx.places if n_end <= p.start < n_end + 50 and not _inside_name_at(ctx, p)
                     and re.search(r"\b(?:in|at)\b", text[n_end:p.start]) and "." not in text[n_end:p.start]]
            return kind, (venue[0] if venue else None)
    verb = head if head.pos_ in ("VERB", "AUX") else _governing_verb(head)
    subj = _subject(verb)[0] if verb is not None else None
    if subj is not None and subj.lemma_.lower() in participants:
        return "ANY", None
    return None

