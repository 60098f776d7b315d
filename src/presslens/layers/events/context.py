"""Builds the per-text context: the other layers' records inside the text, dateline place, the story's
date and relative dates anchored on it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from ...records import Analysis, DateRef, stable_id
from ..syntax import doc_text
from .common import Ctx

_WEEKDAY_RX = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)



def _anchor_dates(dates: list[DateRef], aside: Sequence[Any] = ()) -> list[DateRef]:
    """Resolve what the dates layer left open for want of a publication date.

    A day whose year was borrowed from the text but contradicts its stated weekday ("Sunday,
    August 25th") takes the nearest year in which the weekday fits. The story's "now" is then
    estimated as the latest explicit day in the article body (a report is published on or shortly
    after the last day it names), and relative expressions ("last Saturday", "two weeks ago",
    "last year", "in February") are resolved against it; a weekday naming that very day ("last
    Saturday" when the story's day is a Saturday) is that day. Copies are returned; the dates
    layer itself is untouched.
    """
    from datetime import date as _date

    from ... import dates as dl

    def copy(d: DateRef, value: str, precision: str | None, how: str) -> DateRef:
        return DateRef(id=d.id, article_id=d.article_id, start=d.start, end=d.end, text=d.text, value=value,
                       precision=precision, resolved=True, relative=True, anchor=how, valid=True)

    fixed: list[DateRef] = []
    for d in dates:
        wd = _WEEKDAY_RX.search(d.text)
        if wd and d.value and d.precision == "day" and d.anchor == "text" and len(d.value) == 10:
            y, mo, dd = (int(x) for x in d.value.split("-"))
            want = dl.WEEKDAYS[wd.group(1).lower()]
            years = [y + k for k in sorted(range(-6, 7), key=lambda k: (abs(k), -k))]
            good = [yy for yy in years if _valid(yy, mo, dd) and _date(yy, mo, dd).weekday() == want]
            if good and good[0] != y:
                d = copy(d, f"{good[0]:04d}-{mo:02d}-{dd:02d}", "day", "weekday")
        fixed.append(d)
    days = [d for d in fixed if d.value and d.precision == "day" and (not d.relative or d.anchor in ("text", "weekday"))
            and len(d.value) == 10 and not any(p.start <= d.start < p.end for p in aside)]
    if not days:
        return fixed
    anchor = max(dl.parse_anchor(d.value) or _date.min for d in days)
    out: list[DateRef] = []
    for d in fixed:
        if d.value is None and d.relative:
            cands = dl.find_candidates(d.text)
            if cands:
                _s, _e, name, m = cands[0]
                r = dl._relative(name, m, anchor)
                if name == "rel_wd" and dl.WEEKDAYS[m.group("wd").lower()] == anchor.weekday() and \
                        m.group("which").lower() in ("last", "on", "this"):
                    r = {"value": anchor.isoformat(), "precision": "day", "resolved": True}
                if r.get("resolved"):
                    d = copy(d, r["value"], r.get("precision", d.precision), "story")
        out.append(d)
    return out



_YEAR_RX = re.compile(
    r"\b(?P<prep>in|since|from|during|until|till|by|before|after|between)\s+(?:(?:early|late|mid)-?\s*)?"
    r"(?P<y1>1[89]\d\d|20\d\d)(?:\s*(?:-|–|to|and)\s*(?P<y2>1[89]\d\d|20\d\d))?\b(?![,.]?\d)", re.I)



def _year_dates(ctx: Ctx) -> list[DateRef]:
    """Years the dates layer may leave out: "in 2021", "since 1981", "from 1993 to 2009". Only a year
    governed by a temporal preposition is read (a bare "2000" may count people). "since Y" runs to
    the story's year ("since 1981" in a 2019 story: 1981/2019); "from Y1 to Y2" is an interval."""
    out: list[DateRef] = []
    aid = ctx.analysis.article.id
    # The story's year: its day, else its publication date, else the latest day it names.
    now_s = (ctx.story_date.value if ctx.story_date is not None else None) or ctx.analysis.article.published or max(
        (d.value for d in ctx.dates if d.value and d.precision == "day" and len(d.value) == 10), default=None)
    now = int(now_s[:4]) if now_s and now_s[:4].isdigit() else None
    for m in _YEAR_RX.finditer(ctx.text):
        y1, y2 = int(m.group("y1")), m.group("y2")
        s, e = ctx.offset + m.start("y1"), ctx.offset + m.end()
        prep = m.group("prep").lower()
        if y2 and int(y2) > y1:
            value, prec = f"{y1}/{int(y2)}", "interval"
        elif prep == "since" and now is not None and now > y1:
            value, prec = f"{y1}/{now}", "interval"
        else:
            value, prec = str(y1), "year"
        out.append(DateRef(id=stable_id(aid, "evyear", s, e), article_id=aid, start=s, end=e,
                           text=ctx.analysis.page_text[s:e], value=value, precision=prec, resolved=True))
    return out



def _add_years(ctx: Ctx) -> None:
    """Merge ``_year_dates`` into ``ctx.dates``: new spans are added; a bare year the dates layer read
    under "since"/"from ... to" becomes the interval."""
    extra = _year_dates(ctx)
    dates = list(ctx.dates)
    for y in extra:
        over = [d for d in dates if d.start < y.end and y.start < d.end]
        if not over:
            dates.append(y)
        elif y.precision == "interval":
            for d in over:
                if d.value and d.precision == "year" and len(d.value) == 4 and y.value and y.value.startswith(d.value):
                    dates[dates.index(d)] = y
    ctx.dates = sorted(dates, key=lambda d: d.start)



def _line_day(text: str, year: int | None = None) -> str | None:
    """The first valid day a headline names, read by the dates layer; ``year`` completes "Jan 3"."""
    from datetime import date as _date

    from ... import dates as dl

    rs = dl.interpret(dl.find_candidates(text), _date(year, 1, 1) if year else None)
    return next((str(r["value"]) for r in rs if r["precision"] == "day" and r["valid"] and r["value"]), None)



def _valid(y: int, m: int, d: int) -> bool:
    try:
        from datetime import date as _date

        _date(y, m, d)
        return True
    except ValueError:
        return False



def make_ctx(a: Analysis, doc: Doc, offset: int, role: str = "body", year_hint: int | None = None) -> Ctx:
    ctx = Ctx(analysis=a, doc=doc, offset=offset, role=role, year_hint=year_hint, text=doc_text(doc))
    end = offset + len(ctx.text)

    def inside(items: Sequence[Any]) -> list[Any]:
        return [x for x in items if offset <= x.start and x.end <= end]

    ctx.mentions = inside(a.mentions)
    # Only the places, dates, numbers and quotes other layers found: no parser of our own. Event
    # locations are toponyms and nationalities qualifying a place ("40 Nigerian cities"); a place
    # inside another name ("the Kabul Times", role in_name) is no scene.
    ctx.places = inside([p for p in a.places if getattr(p, "role", "toponym") != "in_name"])
    # A dateline ("OSLO, 9 May -") says where the report was filed, not where its events happened.
    datelines = [p for p in a.article.parts if p.role == "dateline"]
    in_dl = [pl for pl in ctx.places if any(d.start <= pl.start < d.end for d in datelines)]
    if in_dl:
        ctx.dateline_place = in_dl[0]
        ctx.places = [pl for pl in ctx.places if pl not in in_dl]
    if role == "body":
        ctx.dates = [d for d in inside(a.dates) if d.valid]
    else:
        # Headlines and link lines: the dates layer's resolved dates, and those it left open for want
        # of a year read with the neighbouring lines' year ("Quito Mar 8").
        layer = [d for d in inside(a.dates) if d.valid and d.value]
        for d in inside(a.dates):
            v = _line_day(d.text, year_hint) if d.valid and not d.value and year_hint else None
            if v:
                layer.append(DateRef(id=d.id, article_id=d.article_id, start=d.start, end=d.end, text=d.text,
                                     value=v, precision="day", resolved=True, relative=True, anchor="text",
                                     valid=True))
        ctx.dates = sorted(layer, key=lambda d: d.start)
    if role == "body":
        aside = [p for p in a.article.parts if p.role in ("related_link", "dateline")]
        ctx.dates = _anchor_dates(ctx.dates, aside)
        # The story's date: a day stated in the article's header or lead (a date line under the title,
        # "LONDON, July 27 -", the first dated sentence), not one met deep in the background.
        lead = [d for d in ctx.dates if d.value and d.precision == "day" and len(d.value) == 10
                and d.anchor in (None, "text", "weekday") and d.start < a.article.body_start + 400
                and not any(p.start <= d.start < p.end for p in aside)]
        ctx.story_date = lead[0] if lead else None
    _add_years(ctx)
    ctx.numbers = inside(a.numbers)
    ctx.quotes = inside(a.quotes)
    return ctx

