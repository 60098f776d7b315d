"""Ordinal day counts with dates ("Fifth Day of Uprising, January 1"): every "Nth day of <event>"
dated D implies the event began on D - (N - 1); two start dates for one event are a conflict
(``conflicting_numbers``, always disjoint)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from ..records import Article, Finding, FindingRef, stable_id

KIND = "conflicting_numbers"
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
             "fourteenth": 14, "fifteenth": 15, "twentieth": 20, "thirtieth": 30}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}



_DAY_RX = re.compile(
    r"\b(?P<n>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))\s+day\s+of\s+(?P<event>(?:[A-Z]?[\w']+\s+){0,2}?"
    r"(?:uprising|protests?|revolt|revolution|strike|war|siege|demonstrations?|rallies|rally|campaign|"
    r"offensive|occupation|ceasefire|talks))", re.IGNORECASE)
_DATE_RX = re.compile(
    r"\b(?:(?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<d1>\d{1,2}),?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?P<y2>\d{4}))\b",
    re.IGNORECASE)


def _ordinal(s: str) -> int:
    s = s.lower()
    return _ORDINALS.get(s) or int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _date(m: re.Match[str]) -> date | None:
    try:
        if m.group("m1"):
            return date(int(m.group("y1")), _MONTHS[m.group("m1").lower()[:3]], int(m.group("d1")))
        return date(int(m.group("y2")), _MONTHS[m.group("m2").lower()[:3]], int(m.group("d2")))
    except ValueError:
        return None


def day_count_findings(pages: Iterable[tuple[str, str, list[Article]]]) -> list[Finding]:
    """"Fourth Day of Uprising, January 1" vs "Fifth Day of Uprising, January 1": one event, two starts."""
    out = []
    for page_id, text, arts in pages:
        claims: dict[str, list[tuple[date, int, int, int, str]]] = defaultdict(list)
        for lm in re.finditer(r"[^\n]+", text):
            line = lm.group()
            dm = _DAY_RX.search(line)
            dates = [d for d in (_date(m) for m in _DATE_RX.finditer(line)) if d is not None]
            if not dm or len(set(dates)) != 1:
                continue
            n = _ordinal(dm.group("n"))
            event = re.sub(r"\b(?:people's|the|of|popular|national)\b", " ", dm.group("event").lower())
            event = " ".join(event.split()).rstrip("s")
            start = dates[0] - timedelta(days=n - 1)
            claims[event].append((start, lm.start(), lm.end(), n, line))
        for event, items in claims.items():
            starts = defaultdict(list)
            for it in items:
                starts[it[0]].append(it)
            if len(starts) < 2:
                continue
            ranked = sorted(starts.items(), key=lambda kv: -len(kv[1]))
            major_start, major = ranked[0]
            for minor_start, minor in ranked[1:]:
                # Prefer a majority line with the same date as the odd one out.
                m0 = minor[0]
                same_day = [x for x in major if x[0] + timedelta(days=x[3] - 1) == m0[0] + timedelta(days=m0[3] - 1)]
                partners = same_day or major[:1]
                refs = [_line_ref(arts, m0, text)] + [_line_ref(arts, x, text) for x in partners]
                detail = (f"'{event}' day counts disagree: {m0[4].strip()!r} implies it began "
                          f"{minor_start.isoformat()}, {len(major)} other line(s) imply {major_start.isoformat()}.")
                out.append(Finding(id=stable_id("conflicting_numbers", "days", page_id, m0[1]), kind=KIND,
                                   detail=detail, refs=refs, disjoint=True))
    return out


def _line_ref(arts: list[Article], item: tuple[date, int, int, int, str], text: str) -> FindingRef:
    _, s, e, _, _ = item
    owner = next((a for a in arts if a.start <= s < a.end), None) or (arts[-1] if arts else None)
    return FindingRef(article_id=owner.id if owner else "", start=s, end=e, text=text[s:e])

