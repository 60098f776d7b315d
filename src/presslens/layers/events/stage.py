"""The ``events`` pipeline stage: one event per trigger with its arguments, status, place, date and
size, then discourse and page-level coreference."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ...records import Analysis, Event, Place, stable_id
from ...registry import stages
from ...settings import Settings
from .. import syntax
from . import learned, participants
from .arguments import _third_party_agent, actor_groups, clause_span, who_whom
from .bodies import RULE as BODY_RULE
from .bodies import body_spans, keep_used
from .claims import status_of
from .common import MATERIAL_TYPES, PRECISION_RANK, VERBAL_TYPES, Ctx, _paragraph_bounds, quote_at
from .context import _line_day, make_ctx
from .coreference import resolve_actors
from .discourse import (
    LEAD_CHARS,
    _back_reference,
    _continues,
    _copy_place,
    _date_frame,
    _dedupe_line,
    _dedupe_titles,
    _heading_between,
    _implied_agents,
    _in_date_frame,
    _same_event,
    _time_shift,
    here_and_now,
    named_elsewhere,
    story_place,
)
from .parties import agent_mentions, agent_parties, fill, wanted, with_agents
from .place import _event_name, _gathering_of, _inside_name_at, _locative, _occasion_of, places_for
from .rules import words
from .size import size_of
from .time import _carries, _report_date, date_for
from .toponyms import label
from .trigger import Trigger
from .triggers import EventTagger


class EventsStage:
    def __init__(self, settings: Settings):
        from ...nlp import settings_model

        self.nlp = settings_model(settings)
        self.tagger = EventTagger(self.nlp)
        # The learned check on each candidate (learned.py); off by ``events.learned_filter = false``.
        self.filter = learned.load_filter() if settings.get("events", {}).get("learned_filter", True) else None
        self.names: dict[str, str] = {}  # event id -> the proper name it is told with ("free tibet")
        # event id -> generic agents the slot rules put in its (actor, recipient) slots (parties.py)
        self.parties: dict[str, tuple[list[str], list[str]]] = {}

    # ------------------------------------------------------------ one text
    def events_in(self, ctx: Ctx, seq0: int = 0) -> list[Event]:
        doc = ctx.doc
        if doc._.events is None:
            self.tagger(doc)
        a = ctx.analysis
        aid = a.article.id
        out: list[Event] = []
        agents = agent_mentions(ctx) if doc._.events else []
        bodies = body_spans(ctx, agents) if doc._.events else []  # rule body-agent (bodies.py)
        agents += [m for _, m in bodies]
        actx = with_agents(ctx, agents) if agents else ctx
        trigger_heads = {t.head for t in doc._.events}
        by_head = {t.head: t for t in doc._.events}
        for _k, trig in enumerate(doc._.events):
            head = doc[trig.head]
            etype, mode = trig.type, trig.mode
            # Light-verb objects are not events of their own ("supporters of the party" is not SUPPORT).
            if etype == "SUPPORT" and head.pos_ not in ("VERB",):
                continue
            if trig.no_obj and any(c.dep_ == "dobj" and c.lemma_.lower() in trig.no_obj for c in head.children):
                continue
            if trig.words.startswith("vote") and any(c.dep_ == "xcomp" and c.i in trigger_heads for c in head.children):
                continue  # "voted to impose sanctions": the vote is the act it decides, coded as that event
            # An event noun that is the object of another trigger is that event's target ("ban the gathering").
            gov = by_head.get(head.head.i) if head.pos_ == "NOUN" and head.dep_ == "dobj" else None
            if gov is None and head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.lemma_.lower() in words(
                    "preventive_verbs") and not (syntax.prep_objects(head, ("by",)) or syntax.children(head, "poss")):
                continue  # what was banned or prevented did not take place, even where the ban is no event itself
            if gov is None and head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.lower_ in ("on", "against"):
                gov = by_head.get(head.head.head.i)  # "restrictions on the rally", "a ban on protests"
                gov = gov if gov is not None and doc[gov.head].lemma_.lower() in words("preventive_verbs") else None
            if gov is not None and (gov.type in VERBAL_TYPES or doc[gov.head].lemma_.lower() in words("preventive_verbs")) and not (
                    syntax.prep_objects(head, ("by",)) or syntax.children(head, "poss")):
                continue  # (unless it has its own agent: "backed the call by X" is X's call too; a protest
                # police dispersed or fired on happened)
            span = clause_span(head, trig)
            actors, recips = who_whom(ctx, head, etype, trig)
            occasion = _occasion_of(head)
            if not actors and occasion is not None and any(t.head == occasion.i and t.type == etype
                                                           for t in doc._.events):
                actors = who_whom(ctx, occasion, etype)[0]  # "the union's gathering, where 40,000 gathered"
            if etype in VERBAL_TYPES and not actors and (
                    "subject_addressee" in trig.roles or not _third_party_agent(head)):
                # A demand or accusation stated inside someone's quote is the speaker's.
                q = quote_at(ctx, ctx.page(head)[0])
                if q is not None and q.speaker_id:
                    actors = [q.speaker_id]
                    recips = [r for r in recips if r != q.speaker_id]
            parties = None
            if agents and wanted(actors, recips):
                rules = list(trig.rules)
                parties = agent_parties(who_whom(actx, head, etype, trig), agents, ctx.page(head.sent))
                trig.rules[:] = rules  # the second pass notes no rule: only the fallback is recorded
                if bodies and keep_used(ctx, bodies, parties, head.sent):
                    trig.rules.append(BODY_RULE)
            status_rules: list[str] = []
            status, claimed_by, quote_id = status_of(ctx, head, trig, etype, actors, rules=status_rules)
            place_rules: list[str] = []
            places = places_for(ctx, span, head, etype, trigger_heads, place_rules, mode, (trig.start, trig.end),
                                outcomes=tuple(doc[o] for o in trig.outcomes))
            date = date_for(ctx, span, head, trigger_heads)
            if learned.RECORD is not None or (self.filter is not None and learned.judged(trig)):
                seen = status_of(ctx, head, trig, etype, actors, trained=True)[0]  # what it was trained on
                feats = learned.features(ctx, head, trig, actors, recips, seen, quote_id, bool(places), date is not None)
                if learned.RECORD is not None:
                    learned.RECORD.append((etype, feats, ctx.page(head)[0]))
                if self.filter is not None and learned.judged(trig) and not self.filter.keep(feats):
                    continue
            if learned.judged(trig) and participants.nominal_needs_participant(head, trig) and \
                    not participants.has_participant(head, trig):
                continue  # an event noun with no one taking part and no verb of occurrence: a topic
            if learned.judged(trig) and (participants.RECORD is not None or participants.needs_participant(trig)):
                # PETRARCH2's condition, per trigger group (participants.py): no actor-like slot, no event.
                found = participants.has_participant(head, trig)
                if participants.RECORD is not None:
                    participants.RECORD.append((participants.group_of(trig), etype, found, ctx.page(head)[0]))
                if not found and participants.needs_participant(trig):
                    continue
            gathering = _gathering_of(ctx, head) if etype in VERBAL_TYPES and not places else None
            size = size_of(ctx, span, head, etype, trig)
            for o in trig.outcomes:  # "fired on a truck, wounding two": the outcome's counts
                otrig = Trigger(o, o + 1, o, etype, mode, doc[o].lemma_.lower())
                for k, v in size_of(ctx, clause_span(doc[o], otrig), doc[o], etype, otrig).items():
                    size.setdefault(k, v)
            s, e = ctx.page(span)
            ts, te = ctx.page(doc[trig.start:trig.end])
            s, e = min(s, ts), max(e, te)
            groups = actor_groups(head) if etype in MATERIAL_TYPES else []
            opts: list[Place | None] = list(places) if places else [None]
            variants: list[tuple[Place | None, list[str]]] = [(p, actors) for p in opts]
            if len(groups) >= 2:
                variants = [(places[0] if places else None, resolve_actors(ctx, g, conj=False)) for g in groups]
            for j, (place, who) in enumerate(variants):
                if len(variants) > 1 and place is not None and len({id(p) for p, _ in variants}) > 1:
                    # One event per listed place: each is evidenced by its own place mention.
                    s, e = place.start, place.end
                ev = Event(
                    id=stable_id(aid, ctx.role, etype, s, e, trig.start, j), article_id=aid, type=etype, mode=mode,
                    start=s, end=e, text=a.page_text[s:e], actors=who, recipients=recips,
                    place_id=(place.id or None) if place else None, place_name=label(place) if place else None,
                    country=place.country if place else None, geonameid=place.geonameid if place else None,
                    geo_precision=place.precision if place else None,
                    date=date.value if date else None, date_precision=date.precision if date else None,
                    size=dict(size), status=status, claimed_by=claimed_by, quote_id=quote_id,
                    trigger_start=ts, trigger_end=te, rules=list(dict.fromkeys([*trig.rules, *status_rules, *place_rules])),
                )
                out.append(ev)
                ctx.heads[ev.id] = head
                if parties is not None and (parties[0] or parties[1]):
                    self.parties[ev.id] = parties
                name = _event_name(head)
                if name:
                    self.names[ev.id] = name
                if gathering is not None:
                    ctx.gathering[ev.id] = gathering
        return out

    # ------------------------------------------------------------ article
    def __call__(self, a: Analysis) -> Analysis:
        return next(iter(self.batch([a])))

    def _article(self, a: Analysis) -> Analysis:
        events: list[Event] = []
        if a.doc is not None:
            ctx = make_ctx(a, a.doc, a.nlp_offset)
            events = _dedupe_titles(a, self._discourse(ctx, self.events_in(ctx)))
        events += self._links(a)
        seen: set[str] = set()
        for ev in events:
            if ev.id not in seen:
                seen.add(ev.id)
                a.events.append(ev)
        return a

    def batch(self, analyses: Iterable[Analysis]) -> Iterable[Analysis]:
        done = [self._article(a) for a in analyses]  # one page: its articles may tell one event
        self._corefer(done)
        for a in done:  # generic agents last: they never decide an event or replace a named party
            for ev in a.events:
                if ev.id in self.parties:
                    fill(ev, self.parties[ev.id])
        self.names.clear()
        self.parties.clear()
        yield from done

    def _corefer(self, analyses: list[Analysis]) -> None:
        """Events told without an agent take the agent the page gives the same event elsewhere: the
        same named event ("the Free Tibet rallies" after "the group's Free Tibet rally"), or the same type
        on the same day in the same country ("a peaceful march in Quito on May 3, 1979"
        after a caption's "members of the union ... in a peaceful march ... on May 3, 1979")."""
        events = [e for a in analyses for e in a.events]
        told = [e for e in events if e.actors and e.type in MATERIAL_TYPES]
        for ev in events:
            if ev.actors or ev.type not in MATERIAL_TYPES:
                continue
            name = self.names.get(ev.id)
            same = [k for k in told if k.type == ev.type and k is not ev and (
                (name and self.names.get(k.id) == name) or (
                    ev.date_precision == "day" and ev.date and k.date == ev.date
                    and not (ev.country and k.country and ev.country != k.country)))]
            if same:
                ranked = Counter(act for k in same for act in k.actors)
                ev.actors = [act for act, _ in ranked.most_common() if act not in ev.recipients][:2]

    def _links(self, a: Analysis) -> list[Event]:
        parts = [p for p in a.article.parts if p.role == "related_link" and p.text.strip()]
        if not parts:
            return []
        texts = [a.page_text[p.start:p.end] for p in parts]
        # Only lines that may state an act are parsed (a word-form filter; parsing is the cost).
        keep = [self.tagger.may_trigger(self.nlp.make_doc(t)) for t in texts]
        parsed_docs = iter(self.nlp.pipe(t for t, k in zip(texts, keep, strict=True) if k))
        docs = [next(parsed_docs) if k else None for k in keep]
        # A year missing from one line is read from its neighbours in the same month.
        parsed = [_line_day(t) for t in texts]
        out: list[Event] = []
        for i, (p, doc) in enumerate(zip(parts, docs, strict=True)):
            if doc is None:
                continue
            hint = None
            if parsed[i] is None:
                for j in sorted(range(len(parts)), key=lambda j: abs(j - i)):
                    v = parsed[j]
                    if v:
                        val = _line_day(texts[i], int(v[:4]))
                        if val and val[5:7] == v[5:7]:
                            hint = int(v[:4])
                        break
            ctx = make_ctx(a, doc, p.start, role="related_link", year_hint=hint)
            evs = self.events_in(ctx)
            line_places = sorted((pl for pl in ctx.places if not _inside_name_at(ctx, pl)),
                                 key=lambda pl: -PRECISION_RANK.get(pl.precision, 0))
            line_dates = [d for d in ctx.dates if d.value]
            for ev in evs:
                # A headline states one event: its place and date are the line's, whatever the parse.
                if line_places and (ev.place_name is None or PRECISION_RANK.get(ev.geo_precision or "", 0)
                                    < PRECISION_RANK.get(line_places[0].precision, 0)):
                    pl = line_places[0]
                    ev.place_id, ev.place_name, ev.country = pl.id, pl.name or pl.text, pl.country
                    ev.geonameid, ev.geo_precision = pl.geonameid, pl.precision
                if ev.date is None and line_dates:
                    ev.date, ev.date_precision = line_dates[0].value, line_dates[0].precision
                # Evidence is the whole line: headlines are short and state one thing.
                ev.start, ev.end = p.start, p.end
                while ev.end > ev.start and a.page_text[ev.end - 1].isspace():
                    ev.end -= 1
                ev.text = a.page_text[ev.start:ev.end]
            out += _dedupe_line(evs)
        return out

    def _discourse(self, ctx: Ctx, events: list[Event]) -> list[Event]:
        """Merge elaborations of one event and carry place/date over within a paragraph."""
        a = ctx.analysis
        text = a.page_text
        lo_doc, hi_doc = ctx.offset, ctx.offset + len(ctx.text)
        events.sort(key=lambda e: (e.start, e.end))
        archive = _archive_captions(ctx)
        kept: list[Event] = []
        for ev in events:
            if any(lo <= ev.start < hi for lo, hi in archive):
                continue  # rule archive-caption: an archive picture's scene is not reported here
            if _back_reference(ctx, ev, kept):
                continue
            prev = next((k for k in reversed(kept) if k.type == ev.type and (k.mode == ev.mode or ev.mode is None)), None)
            if prev is not None and _same_event(prev, ev, text, ctx.heads):
                prev.end = max(prev.end, ev.end)
                prev.start = min(prev.start, ev.start)
                prev.text = text[prev.start:prev.end]
                for k, v in ev.size.items():
                    prev.size.setdefault(k, v)
                prev.actors = prev.actors or ev.actors
                prev.recipients = prev.recipients or [r for r in ev.recipients if r not in prev.actors]
                if prev.place_name is None and ev.place_name:
                    _copy_place(ev, prev)
                if prev.date is None and ev.date:
                    prev.date, prev.date_precision = ev.date, ev.date_precision
                continue
            kept.append(ev)
        _implied_agents(ctx, kept)
        # The article's event frame: the first material event placed by its own sentence with a
        # resolved place ("walked off the job at the Loma Verde mine in southern Peru"). Later
        # reports of the same kind of event without a place of their own happened there, not at
        # the dateline, which only says where the report was filed.
        framed = [k for k in kept if k.type in MATERIAL_TYPES and k.place_name and k.country
                  and ctx.role == "body" and not any(p.role == "related_link" and p.start <= k.start < p.end
                                                     for p in a.article.parts)]
        # Only the lead sets the frame: an event placed deep in a feature is one scene among many.
        lead_frames = [k for k in framed if k.start < a.article.body_start + LEAD_CHARS]
        frames: dict[str, Event] = {}
        for fk in lead_frames:
            frames.setdefault(fk.type, fk)
        # Gatherings a statement can be made at: the first placed rally/protest, the first placed
        # meeting/talks (a visit or mediation is not a gathering).
        gframes: dict[str, Event] = {}
        if "PROTEST" in frames:
            gframes["PROTEST"] = frames["PROTEST"]
        for ck in kept:
            if ck.type == "CONSULT" and ck.place_name and ck.country and ck.mode not in ("visit", "mediate") \
                    and ck.status == "reported" and ck.id not in ctx.gathering:
                gframes.setdefault("CONSULT", ck)
                break
        if gframes:
            gframes["ANY"] = min(gframes.values(), key=lambda k: k.start)
        date_frame = _date_frame(ctx, kept)
        captions = [p for p in a.article.parts if p.role == "caption"]
        dl = ctx.dateline_place
        # A dateline abroad from where the article's events are placed is not a fallback at all.
        dl_ok = dl is not None and not any(fk.country != dl.country for fk in framed[:1])
        story = story_place(ctx) if dl is None else None
        for ev in kept:
            p_lo, p_hi = _paragraph_bounds(text, ev.start, lo_doc, hi_doc)
            g = ctx.gathering.get(ev.id)
            if g is not None and ev.place_name is None and ev.status in ("reported", "claimed"):
                # Said at a gathering: the statement takes the gathering's place (and its date).
                kind, venue = g
                gf = gframes.get(kind)
                if venue is not None:
                    ev.place_id, ev.place_name, ev.country = venue.id, venue.name or venue.text, venue.country
                    ev.geonameid, ev.geo_precision = venue.geonameid, venue.precision
                elif gf is not None and gf is not ev:
                    _copy_place(gf, ev)
                    if ev.date is None and gf.date:
                        ev.date, ev.date_precision = gf.date, gf.date_precision
            if ev.date is None:
                head = ctx.heads.get(ev.id)
                prior = [d for d in ctx.dates if d.value and p_lo <= d.start < ev.start and _carries(ctx, d)
                         and not (head is not None and _report_date(ctx, d, head))]
                if prior and not _time_shift(ctx, prior[-1], ev):
                    ev.date, ev.date_precision = prior[-1].value, prior[-1].precision
            cap = next((p for p in captions if p.start <= ev.start < p.end), None)
            if ev.date is None and cap is not None:
                # A caption states one scene: its date is the line's, wherever the parse put it.
                ev.date, ev.date_precision = next(((d.value, d.precision) for d in ctx.dates if d.value
                                                   and cap.start <= d.start < cap.end), (None, None))
            if ev.date is None and date_frame is not None and _in_date_frame(ctx, date_frame, ev):
                ev.date, ev.date_precision = date_frame.date, date_frame.date_precision
            if ev.date is None and ev.type in VERBAL_TYPES and ctx.story_date is not None \
                            and ev.status in ("reported", "claimed"):
                # Statements reported without a date of their own were made in the story's present.
                ev.date, ev.date_precision = ctx.story_date.value, ctx.story_date.precision
            if ev.type in MATERIAL_TYPES and ev.status == "reported" and ev.date and ctx.story_date is not None \
                    and ev.date_precision == "day" and len(ev.date) == 10 \
                    and ev.date > (ctx.story_date.value or "9999"):
                # Dated after the story's own day, it has not happened yet ("a strike called for next Tuesday").
                ev.status = "planned"
            if ev.place_name is None and ev.type in MATERIAL_TYPES and ev.status in ("reported", "claimed"):
                # Only where a protest continues the scene ("... in Paris. Over 100,000 turned up"):
                # the last locative place shortly before, in the same paragraph.
                prior_p = [p for p in ctx.places if max(p_lo, ev.start - 400) <= p.start < ev.start
                           and ev.type == "PROTEST" and _locative(ctx, p, ctx.doc[0])]
                if prior_p:
                    pl = prior_p[-1]
                    ev.place_id, ev.place_name, ev.country = pl.id, pl.name or pl.text, pl.country
                    ev.geonameid, ev.geo_precision = pl.geonameid, pl.precision
                else:
                    same = [k for k in kept if k.type == ev.type and k.end <= ev.start and k.place_name
                            and ev.start - k.end < (1500 if ev.type == "PROTEST" else 300)
                            and not _heading_between(a, k.end, ev.start) and _continues(k, ev)]
                    frame = frames.get(ev.type)
                    if same and ev.type in MATERIAL_TYPES:
                        _copy_place(same[-1], ev)
                    elif frame is not None and frame.start < ev.start and _continues(frame, ev):
                        _copy_place(frame, ev)
                    elif dl is not None and dl_ok and ev.type in MATERIAL_TYPES:
                        pl = dl
                        ev.place_id, ev.place_name, ev.country = pl.id, pl.name or pl.text, pl.country
                        ev.geonameid, ev.geo_precision = pl.geonameid, pl.precision
                    elif story is not None and ev.status == "reported" and not named_elsewhere(ctx, ev, story) \
                            and here_and_now(
                            ctx, ev, None, [ctx.story_date.value] if ctx.story_date and ctx.story_date.value else []):
                        # rule story-place: a story told in one locality; its acts happened there.
                        pl = story
                        ev.place_id, ev.place_name, ev.country = pl.id, pl.name or pl.text, pl.country
                        ev.geonameid, ev.geo_precision = pl.geonameid, pl.precision
                        ev.rules.append("story-place")
        return kept



@stages.register("events")
def make_events_stage(settings: Settings) -> EventsStage:
    return EventsStage(settings)


def _archive_captions(ctx: Ctx) -> list[tuple[int, int]]:
    """Spans of undated captions labelled as archive pictures ("Archive photo: ...", "FILE PHOTO - ...").

    A caption that dates its picture ("Archive photo: protests in January 2018") reports that past
    scene; an undated one would otherwise take the article's own date."""
    labels = words("archive_caption_labels")
    text = ctx.analysis.page_text
    return [(p.start, p.end) for p in ctx.analysis.article.parts if p.role == "caption"
            and any(text[p.start:p.end].lstrip().lower().startswith(lab) for lab in labels)
            and not any(d.value and p.start <= d.start < p.end for d in ctx.dates)]
