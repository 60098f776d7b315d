"""Dates: absolute and relative date expressions, resolved with their precision.

Candidates come from one compiled regular expression over the article text (no per-token
Python loops, no dateparser on whole sentences): "Feb. 7, 2016", "7 Feb 2016", "23rd Sep",
"October 14th", "May 2021", "Dec 2015/Jan 2016", "2004-2005", "from 1993 to 2009", "in 1988",
weekdays ("last Saturday", "on Tuesday"), "this week", "this May", "two weeks ago", "three weeks
later". Each is interpreted by small functions here; ``dateparser`` is only asked about an
unusual month spelling, and cached.

Anchors: relative dates resolve against the article's publication date; a date missing its year
("October 14th") takes the year of the nearest date in the article that states one; "later" /
"before" expressions resolve against the date stated just before them. Without an anchor the
text is kept with ``resolved=False``. A date that cannot exist ("Mar. 3, 20156") becomes
``DateRef(valid=False)`` and an ``invalid_date`` finding; it is never parsed into something else.
"""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from .layers.syntax import doc_text
from .records import Analysis, DateRef, Finding, FindingRef, stable_id
from .registry import stages
from .settings import Settings

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None, "mere": None}

_MON = r"(?P<{n}>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>\d{{4,5}})"
_WD = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"


PATTERNS = [
    # Dec 2015/Jan 2016 (month interval)
    ("month_range", _MON.format(n="m1") + r"\s+" + _YEAR.format(n="y1") + r"\s*[/–-]\s*" + _MON.format(n="m2")
     + r"\s+" + _YEAR.format(n="y2")),
    # (Sunday,) August 25th, 2019 / Mar. 3, 20156
    ("mdy", _WD + _MON.format(n="m") + r"\s+" + _DAY.format(n="d") + r"(?:,\s*|\s+)" + _YEAR.format(n="y") + r"\b"),
    # 7 Feb 2016 / 23rd of September 2019
    ("dmy", _WD + _DAY.format(n="d") + r"\s+(?:of\s+)?" + _MON.format(n="m") + r",?\s+" + _YEAR.format(n="y") + r"\b"),
    # October 14th / Mar 8 (no year)
    ("md", _WD + _MON.format(n="m") + r"\s+" + _DAY.format(n="d") + r"\b(?![,.]?\s*\d)"),
    # 23rd Sep / 2 Aug
    ("dm", _WD + r"\b" + _DAY.format(n="d") + r"\s+(?:of\s+)?" + _MON.format(n="m") + r"\b(?!\s*,?\s*\d)"),
    # July 2019 / in January 2018
    ("my", _MON.format(n="m") + r",?\s+" + _YEAR.format(n="y") + r"\b"),
    # 2004-2005, from 1993 to 2009
    ("year_range", r"(?:from\s+)?(?P<y1>1[89]\d\d|20\d\d)\s*(?:-|–|to|until)\s*(?P<y2>1[89]\d\d|20\d\d)\b"),
    # the beginning of 2018, the end of 2019, the first half of 2020
    ("year_part", r"\b(?:the\s+)?(?P<part>beginning|start|end|close|first\s+half|second\s+half)\s+of\s+"
     r"(?P<y>1[89]\d\d|20\d\d)\b"),
    # over the past one-and-a-half months, during the past few weeks, in the last two years
    ("rel_span", r"\b(?:over|during|in|within|throughout|for)\s+the\s+(?:past|last|previous)\s+"
     r"(?P<n>\d+|a\s+few|a\s+couple\s+of|few|several|couple\s+of|one-and-a-half|a\s+half|one|two|three|four|"
     r"five|six|seven|eight|nine|ten)?\s*(?P<unit>days|weeks|months|years|decades)\b"),
    # relative spans
    ("rel_n", r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|mere)\s+"
     r"(?P<unit>hours?|days?|weeks?|months?|years?)\s+(?P<dir>ago|later|earlier|before|after)\b"),
    ("rel_week", r"\b(?P<which>this|last|next|past)\s+(?P<unit>week|month|year|weekend)\b"),
    ("rel_wd", r"\b(?P<which>last|this|next|on|On|Last|This|Next)\s+(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    # said Wednesday, died Monday, overnight Saturday, Saturday's protests (news style: the weekday
    # alone is the last such day up to the publication date; filtered by _bare_weekday)
    ("rel_wd_bare", r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!s\b)"),
    ("rel_month", r"\b(?P<which>this|last|next|in|In|This|Last)\s+" + _MON.format(n="m") + r"(?!\s*\d)\b"),
    ("rel_day", r"\b(?P<word>yesterday|today|tomorrow)\b"),
    # in 1988, since 1981, the 1972 Massacre
    ("year", r"(?<![\d,.$£€#])\b(?P<y>1[89]\d\d|20\d\d)\b(?![\d,%]|\s*(?:people|persons|members|supporters|protesters|prisoners|cases|troops|km|percent)\b)"),
]


def _compile() -> list[tuple[str, re.Pattern[str]]]:
    return [(name, re.compile(pat, re.IGNORECASE if not name.startswith("rel_wd") else 0)) for name, pat in PATTERNS]


COMPILED = _compile()


@functools.lru_cache(maxsize=256)
def month_number(text: str) -> int | None:
    t = text.lower().rstrip(".")
    if t in MONTHS:
        return MONTHS[t]
    try:  # unusual spellings only; dateparser is slow, so ask once per spelling
        import dateparser

        d = dateparser.parse(f"1 {text} 2000", languages=["en"])
        return d.month if d else None
    except Exception:
        return None


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= y <= 2100 and 1 <= d <= calendar.monthrange(y, m)[1]


def _iso(y: int, m: int, d: int) -> str:
    return date(y, m, d).isoformat()


def find_candidates(text: str) -> list[tuple[int, int, str, re.Match[str]]]:
    """Non-overlapping date expressions, earlier patterns (more specific) winning."""
    taken = bytearray(len(text) + 1)
    out = []
    for name, rx in COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(taken[s:e]):
                continue
            if name == "rel_month" and m.group("which").lower() in ("in",) and m.group("m").lower() == "may" \
                    and m.group("m") == "may":
                continue  # the verb "may"
            if name in ("md", "dm", "my", "rel_month") and m.group("m") == "may":
                continue
            if name == "rel_wd_bare" and not _bare_weekday(text, s, e):
                continue
            taken[s:e] = b"\x01" * (e - s)
            out.append((s, e, name, m))
    out.sort(key=lambda x: x[0])
    return out


# Before a bare weekday: a habit ("every Friday"), a range or a deadline ("until Friday", "from Monday
# till ...") names no one day before publication.
_WD_NOT_AFTER = re.compile(r"\b(?:every|each|until|till|by|before|beyond|from|between|through|since)\s+$",
                           re.IGNORECASE)
_WD_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")  # "Sunday Times", "Monday Playlist": a name


@functools.lru_cache(maxsize=1)
def _named_days() -> frozenset[str]:
    from .lang import data

    return frozenset(data("named_days"))


def _bare_weekday(text: str, s: int, e: int) -> bool:
    """A weekday standing alone names a day ("police said Wednesday", "in Saturday's protests"), not
    when it is part of a name ("Black Friday", "the Sunday Times"), a habit or a range."""
    before = text[max(0, s - 20) : s]
    if _WD_NOT_AFTER.search(before):
        return False
    prev = re.search(r"([A-Za-z]+)\s+$", before)
    if prev and prev.group(1).lower() in _named_days():
        return False
    after = _WD_NAME_AFTER.match(text, e)
    return not (after and text[after.start() :].split()[0].lower().rstrip(".,") not in MONTHS)


def parse_anchor(value: str | None) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    return None


HEADER_CHARS = 300


def header_anchor(text: str) -> date | None:
    """The first full date (day, month and year) in a header or dateline: "PARIS, 6 February 2025 -",
    "Updated 9:15 AM GMT+2, March 5, 2023". None when there is none or it cannot exist."""
    for _s, _e, name, m in find_candidates(text):
        if name not in ("mdy", "dmy"):
            continue
        mon, d, y = month_number(m.group("m")), int(m.group("d")), int(m.group("y"))
        if mon is not None and _valid_day(y, mon, d):
            return date(y, mon, d)
    return None


def article_anchor(art: Any, page_text: str) -> tuple[date | None, str | None]:
    """What relative dates resolve against: the publication date, else the dateline's full date,
    else the first full date in the article's first ``HEADER_CHARS`` characters (an AP
    "Updated ..." line, a "Posted on ..." line)."""
    published = parse_anchor(getattr(art, "published", None))
    if published is not None:
        return published, "published"
    dl = header_anchor(getattr(art, "dateline", None) or "")
    if dl is not None:
        return dl, "dateline"
    start = int(getattr(art, "start", 0) or 0)
    head = header_anchor(page_text[start : start + HEADER_CHARS]) if page_text else None
    return (head, "dateline") if head is not None else (None, None)


def interpret(cands: list[tuple[int, int, str, re.Match[str]]], published: date | None,
              anchor_name: str = "published") -> list[dict[str, Any]]:
    """Resolve every candidate in order; relative ones use the publication date (or the header
    date standing in for it, ``anchor_name``) or the text."""
    years: list[tuple[int, int]] = []  # (offset, year) of expressions stating a year
    for s, _e, name, m in cands:
        for g in ("y", "y1"):
            if g in m.re.groupindex and m.group(g) and len(m.group(g)) == 4 and name != "year":
                years.append((s, int(m.group(g))))
                break
    out: list[dict[str, Any]] = []
    last_day: date | None = None
    for s, e, name, m in cands:
        r: dict[str, Any] = {"start": s, "end": e, "value": None, "precision": None, "resolved": False,
                             "relative": False, "anchor": None, "valid": True}
        if name in ("mdy", "dmy", "md", "dm"):
            mon = month_number(m.group("m"))
            d = int(m.group("d"))
            y: int | None = int(m.group("y")) if name in ("mdy", "dmy") else None
            r["precision"] = "day"
            if y is None:
                before = [yy for off, yy in years if off < s]
                after = [yy for off, yy in years if off > s]
                if published is not None and mon is not None and 1 <= d <= 31:
                    y, r["anchor"] = nearest_year(mon, published, day=d), anchor_name
                elif published is not None:
                    y, r["anchor"] = published.year, anchor_name
                elif before or after:
                    y, r["anchor"] = (before[-1] if before else after[0]), "text"
                r["relative"] = True
            if mon is None or (y is not None and not _valid_day(y, mon, d)) or not 1 <= d <= 31:
                r["valid"] = False
            elif y is not None:
                r["value"], r["resolved"] = _iso(y, mon, d), True
                last_day = date(y, mon, d)
        elif name == "my":
            mon, y = month_number(m.group("m")), int(m.group("y"))
            r["precision"] = "month"
            if mon is None or not 1 <= y <= 2100:
                r["valid"] = False
            else:
                r["value"], r["resolved"] = f"{y:04d}-{mon:02d}", True
        elif name == "month_range":
            m1, m2 = month_number(m.group("m1")), month_number(m.group("m2"))
            y1, y2 = int(m.group("y1")), int(m.group("y2"))
            r["precision"] = "interval"
            if m1 and m2 and y1 <= 2100 and y2 <= 2100:
                r["value"], r["resolved"] = f"{y1:04d}-{m1:02d}/{y2:04d}-{m2:02d}", True
            else:
                r["valid"] = False
        elif name == "year_range":
            r["precision"] = "interval"
            r["value"], r["resolved"] = f"{m.group('y1')}/{m.group('y2')}", True
        elif name == "year":
            r["precision"], r["value"], r["resolved"] = "year", m.group("y"), True
        elif name == "year_part":
            part, y = " ".join(m.group("part").lower().split()), int(m.group("y"))
            if part in ("first half", "second half"):
                lo, hi = (1, 6) if part == "first half" else (7, 12)
                r["precision"], r["value"] = "interval", f"{y:04d}-{lo:02d}/{y:04d}-{hi:02d}"
            else:
                r["precision"], r["value"] = "month", f"{y:04d}-{1 if part in ('beginning', 'start') else 12:02d}"
            r["resolved"] = True
        else:
            r["relative"] = True
            anchor, how = (published, anchor_name) if published else (None, None)
            if name == "rel_n" and m.group("dir").lower() in ("later", "after", "before", "earlier") and last_day:
                anchor, how = last_day, "text"
            r.update(_relative(name, m, anchor))
            if r["resolved"]:
                r["anchor"] = how
            else:
                r["value"] = None
        out.append(r)
    return out


# A month named without a year is the coming one only when it is this close ahead (days).
AHEAD_DAYS = 92


def nearest_year(month: int, anchor: date, day: int | None = None) -> int:
    """The year of a month (and day) named without one: the latest occurrence not after the
    anchor, unless the next one is under three months ahead. Reports mostly tell what happened;
    what is announced is usually near ("will vote in March", written in January).

    "In December" written in January 2020 is December 2019, not 2020 (issue 17); "In February"
    in an August 2019 report is February 2019; "in March" in January 2020 is March 2020; "Dec
    20" in a 2 January 2020 article is 20 December 2019; "5 Jan" on 30 December 2019 is 2020.
    """
    def when(y: int) -> date:
        return date(y, month, min(day or 1, calendar.monthrange(y, month)[1]))

    ahead = next(y for y in (anchor.year, anchor.year + 1) if when(y) > anchor)
    if (when(ahead) - anchor).days <= AHEAD_DAYS:
        return ahead
    return ahead - 1


def _relative(name: str, m: re.Match[str], anchor: date | None) -> dict[str, Any]:
    res: dict[str, Any] = {"resolved": False}
    if name == "rel_day":
        res["precision"] = "day"
        if anchor:
            shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[m.group("word").lower()]
            res.update(value=(anchor + timedelta(days=shift)).isoformat(), resolved=True)
    elif name in ("rel_wd", "rel_wd_bare"):
        res["precision"] = "day"
        if anchor:
            wd = WEEKDAYS[m.group("wd").lower()]
            back = (anchor.weekday() - wd) % 7
            which = (m.groupdict().get("which") or "on").lower()
            if which == "last" and back == 0:
                back = 7
            if which == "next":
                back = -((wd - anchor.weekday()) % 7 or 7)
            res.update(value=(anchor - timedelta(days=back)).isoformat(), resolved=True)
    elif name == "rel_week":
        unit, which = m.group("unit").lower(), m.group("which").lower()
        step = {"this": 0, "last": -1, "past": -1, "next": 1}[which]
        if unit in ("week", "weekend"):
            res["precision"] = "week"
            if anchor:
                monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
                res.update(value=monday.isoformat(), resolved=True)
        elif unit == "month":
            res["precision"] = "month"
            if anchor:
                y, mo = anchor.year, anchor.month + step
                y, mo = (y - 1, 12) if mo == 0 else ((y + 1, 1) if mo == 13 else (y, mo))
                res.update(value=f"{y:04d}-{mo:02d}", resolved=True)
        else:
            res["precision"] = "year"
            if anchor:
                res.update(value=str(anchor.year + step), resolved=True)
    elif name == "rel_month":
        res["precision"] = "month"
        mon = month_number(m.group("m"))
        if anchor and mon:
            which = m.group("which").lower()
            if which == "last":
                y = anchor.year - (1 if mon >= anchor.month else 0)
            elif which == "next":
                y = anchor.year + (1 if mon <= anchor.month else 0)
            elif which == "this":
                y = anchor.year
            else:  # "in December": the occurrence nearest the anchor
                y = nearest_year(mon, anchor)
            res.update(value=f"{y:04d}-{mon:02d}", resolved=True)
    elif name == "rel_span":
        res["precision"] = "interval"
        if anchor:
            start, grain = span_start(m.group("n"), m.group("unit"), anchor)
            if grain == "year":
                value = f"{start.year:04d}/{anchor.year:04d}"
            elif grain == "month":
                value = f"{start.year:04d}-{start.month:02d}/{anchor.year:04d}-{anchor.month:02d}"
            else:
                value = f"{start.isoformat()}/{anchor.isoformat()}"
            res.update(value=value, resolved=True)
    elif name == "rel_n":
        unit = m.group("unit").lower().rstrip("s")
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else NUMBERS.get(raw)
        sign = -1 if m.group("dir").lower() in ("ago", "earlier", "before") else 1
        res["precision"] = {"hour": "day", "day": "day", "week": "week", "month": "month", "year": "year"}[unit]
        if anchor and n is None and unit == "hour":
            res.update(value=anchor.isoformat(), resolved=True)  # "mere hours before": the same day
        elif anchor and n is not None:
            days = {"hour": 0, "day": n, "week": 7 * n, "month": 30 * n, "year": 365 * n}[unit] * sign
            d = anchor + timedelta(days=days)
            value = {"day": d.isoformat(), "week": d.isoformat(), "month": f"{d.year:04d}-{d.month:02d}",
                     "year": str(d.year)}[res["precision"]]
            res.update(value=value, resolved=True)
    return res


# A vague count covers all its readings: "the past few weeks" may reach back four weeks.
SPAN_COUNTS = {"a few": 4, "few": 4, "several": 7, "a couple of": 2, "couple of": 2, "one-and-a-half": 1.5,
               "a half": 0.5}
UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365, "decade": 3650}


def span_start(raw: str | None, unit: str, anchor: date) -> tuple[date, str]:
    """Where "over the past N units" before ``anchor`` starts, and the grain it is known to: years
    for spans of years, months for spans of months and for vague or fractional counts, else days."""
    key = " ".join((raw or "one").lower().split())
    n: float = float(key) if key.isdigit() else float(SPAN_COUNTS.get(key, NUMBERS.get(key) or 1))
    u = unit.lower().rstrip("s")
    vague = key in SPAN_COUNTS or n != int(n)
    grain = "year" if u in ("year", "decade") else ("month" if vague or u == "month" else "day")
    return anchor - timedelta(days=round(n * UNIT_DAYS[u])), grain


# --------------------------------------------------------------------------- spaCy component

if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)
if not Span.has_extension("date"):
    Span.set_extension("date", default=None)


class DatesComponent:
    """spaCy component: ``doc._.dates`` = Spans with ``span._.date`` (value, precision, resolved,
    relative, anchor, valid). The publication date comes from ``doc.user_data['presslens']``."""

    def __init__(self, nlp: Language | None = None, name: str = "presslens_dates"):
        pass

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data.get("presslens", {})
        art = ctx.get("article")
        published, how = article_anchor(art, "")
        if published is None:
            published, how = parse_anchor(ctx.get("published")), "published"
        if published is None:
            published, how = header_anchor(doc_text(doc)[:HEADER_CHARS]), "dateline"
        spans = []
        for r in interpret(find_candidates(doc_text(doc)), published, how or "published"):
            span = doc.char_span(r["start"], r["end"], alignment_mode="expand")
            if span is None:
                continue
            span = Span(doc, span.start, span.end, label="DATE")
            span._.date = r
            spans.append(span)
        doc._.dates = spans
        return doc


@Language.factory("presslens_dates")
def make_dates_component(nlp: Language, name: str) -> DatesComponent:
    return DatesComponent(nlp, name)


class DatesStage:
    def __init__(self, settings: Settings):
        self.component = DatesComponent()

    def _add(self, a: Analysis, text: str, offset: int) -> None:
        art = a.article
        published, how = article_anchor(art, a.page_text)
        for r in interpret(find_candidates(text), published, how or "published"):
            start, end = r["start"] + offset, r["end"] + offset
            ref = DateRef(id=stable_id(art.id, "date", start, end), article_id=art.id, start=start, end=end,
                          text=a.page_text[start:end], value=r["value"], precision=r["precision"],
                          resolved=r["resolved"], relative=r["relative"], anchor=r["anchor"], valid=r["valid"])
            a.dates.append(ref)
            if not ref.valid:
                a.findings.append(Finding(
                    id=stable_id(art.id, "invalid_date", start, end), kind="invalid_date",
                    detail=f"'{ref.text}' names a date that cannot exist",
                    refs=[FindingRef(article_id=art.id, start=start, end=end, text=ref.text, item_id=ref.id)],
                ))

    def __call__(self, a: Analysis) -> Analysis:
        if a.doc is not None:
            # The regex runs on the Doc text (masked parts blanked); offsets are Doc offsets.
            self._add(a, doc_text(a.doc), a.nlp_offset)
        for part in a.article.parts:
            if part.role == "related_link":
                self._add(a, a.page_text[part.start : part.end], part.start)
        a.dates.sort(key=lambda d: d.start)
        return a


@stages.register("dates")
def make_dates_stage(settings: Settings) -> DatesStage:
    return DatesStage(settings)
