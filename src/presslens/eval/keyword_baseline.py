"""The keyword baseline every events figure is printed beside (issue 12).

About sixty case-insensitive regular expressions, one or more per PLOVER type, written from the PLOVER
2.0 manual's type and mode definitions (``lang/en/events_keyword_baseline.yaml``, which names the
manual words each comes from). Deliberately naive: no negation, modality or word sense. Per sentence,
each type whose patterns match gives one event: the type's earliest match is its evidence and its
pattern's mode the event's mode; status is always "reported"; the place is the first place the
places layer found in the sentence.

Registered as ``registry.baselines["events"]`` so that every gold-page suite scores it with the
same SCHEMA.md scorer as the layer, and used directly by the dev-set sentence suite.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Any

from ..lang import data
from ..records import Analysis, Event, Place
from ..registry import baselines

# A sentence ends at . ! or ? (and any closing quotes) before white space and a capital, digit or quote.
_SENTENCE_END = re.compile(r"([.!?][\"'”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class KeywordHit:
    type: str
    mode: str | None
    start: int
    end: int


@functools.lru_cache(maxsize=1)
def patterns() -> tuple[tuple[str, str | None, re.Pattern[str]], ...]:
    """(type, mode, compiled pattern) in file order."""
    return tuple((p["type"], p.get("mode"), re.compile(p["re"], re.IGNORECASE))
                 for p in data("events_keyword_baseline")["patterns"])


def keyword_events(text: str, offset: int = 0) -> list[KeywordHit]:
    """One hit per PLOVER type matched in ``text``: that type's earliest match (offsets + ``offset``)."""
    best: dict[str, KeywordHit] = {}
    for typ, mode, rx in patterns():
        m = rx.search(text)
        if m and (typ not in best or m.start() < best[typ].start - offset):
            best[typ] = KeywordHit(typ, mode, offset + m.start(), offset + m.end())
    return sorted(best.values(), key=lambda h: (h.start, h.type))


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Naive sentence ranges of ``text[start:end]`` (the baseline needs no parser)."""
    end = len(text) if end is None else end
    spans, lo = [], start
    for m in _SENTENCE_END.finditer(text, start, end):
        spans.append((lo, m.end(1)))
        lo = m.end()
    if lo < end:
        spans.append((lo, end))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def first_place(places: list[Place], start: int, end: int) -> Place | None:
    inside = [p for p in places if start <= p.start and p.end <= end]
    return min(inside, key=lambda p: p.start) if inside else None


def baseline_events(an: Analysis) -> list[Event]:
    """The baseline's events for one analysed article, as ``Event`` records (scored like the layer's)."""
    art = an.article
    out: list[Event] = []
    for s, e in sentence_spans(an.page_text, art.body_start, art.body_end):
        place = first_place(an.places, s, e)
        for h in keyword_events(an.page_text[s:e], s):
            out.append(Event(
                id=f"kw-{art.id}-{h.start}-{h.type}", article_id=art.id, type=h.type, mode=h.mode,
                start=h.start, end=h.end, text=an.page_text[h.start:h.end], status="reported",
                place_id=place.id if place else None,
                place_name=(place.name or place.text) if place else None,
                country=place.country if place else None, geonameid=place.geonameid if place else None))
    return out


@baselines.register("events")
def score_baseline_events(gold: dict[str, Any], system: Any) -> dict[str, Any]:
    """The keyword baseline on the same page and articles, scored by the layer's own scorer."""
    from ..evaluate import SystemDoc
    from ..scoring.events import score_events

    analyses = [dataclasses.replace(an, events=baseline_events(an)) for an in system.analyses]
    return score_events(gold, SystemDoc(page=system.page, analyses=analyses, store=None))
