"""Places: where an article names a place, which GeoNames place it is, and how it names it.

``mentions`` finds the spans and their role (toponym, in_name, demonym); ``resolve`` ranks each
span's gazetteer candidates by prior and by the document (qualifiers, the other places, dateline,
source country, one sense per name). Every resolved place carries coordinates and a precision
(continent | country | region | county | city | site); a name the gazetteer cannot place stays a
``Place`` with precision "unknown", or "approximate" with the point of the place the text puts it in
(``holder``). The gazetteer is :mod:`presslens.gazetteer` (one per process).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ...gazetteer import DEFAULT_MIN_POPULATION, Entry, Gazetteer, gazetteer, prior
from ...lang import words
from ...records import Analysis, Place, stable_id
from ...registry import stages
from ...settings import Settings
from ..syntax import doc_text
from .buildings import drop_building_words
from .edges import drop_lead_words, org_country_mentions
from .holder import holder_points
from .kinds import drop_class_words
from .levels import division_level, state_compound
from .mentions import (
    Mention,
    _broad_own,
    abbreviation_context,
    abbreviation_mentions,
    demonym_mentions,
    ner_mentions,
    repair,
    scan_mentions,
    span_mentions,
    trim,
)
from .namewords import POSSESSIVE
from .neighbours import nearby_holders, region_lists
from .persons import drop_person_words
from .qualifier import qualify
from .resolve import resolve
from .tokarrays import toks

__all__ = ["Entry", "PlacesComponent", "gazetteer", "spans_to_places", "trim_tail_chars"]

_TAIL_CHARS = " \t\n\r|-–—·•,;:!?)]}\"'“”‘’"
_EDGE = "/\\([{<>\"'“”‘’*_#"


def trim_tail_chars(text: str, start: int, end: int, possessive: bool = False) -> int:
    """Character-level backstop for the span trim ("Milwaukee." glued in one token, "Ukraine’s"),
    keeping abbreviation dots ("U.S.", "D.C.") and the "'s" of a ``possessive`` name ("St. John's")."""
    while end > start:
        if text[end - 1] in _TAIL_CHARS:
            end -= 1
        elif text[end - 2 : end] in ("'s", "’s") and end - 2 > start and not possessive:
            end -= 2
        elif text[end - 1] == "." and end - 2 >= start and text[end - 2].islower() and not (
                end - 3 >= start and text[end - 3] == "."):
            end -= 1
        else:
            break
    return end


if not Doc.has_extension("places"):
    Doc.set_extension("places", default=None)
for _n in ("place", "place_role", "place_rule"):
    if not Span.has_extension(_n):
        Span.set_extension(_n, default=None)


def _home_country(source: str | None, gaz: Gazetteer) -> str | None:
    """The source's home country from its web domain's country-code suffix (bbc.co.uk -> GB)."""
    if not source or "." not in source:
        return None
    tld = source.rstrip("/").rsplit(".", 1)[-1].split("/")[0].upper()
    tld = {"UK": "GB"}.get(tld, tld)
    return tld if len(tld) == 2 and gaz.country(tld) is not None else None


def _countries_named(found: list[Mention]) -> set[str]:
    """Countries the article names, by a country's, region's or demonym's best own reading
    ("California" and "Texans" name the US too), and by a county's when the name says it is one
    (rule ``county_names_country``: "Erie County", "Jefferson Parish"; a bare word that is some
    country's district, "Hawthorn", names nothing)."""
    out = set()
    div = words("division_words")
    for m in found:
        e = m.fixed or _best_own(m)
        if e is not None and e.country and (e.precision in ("country", "region") or (
                e.precision == "county" and m.text.rsplit(" ", 1)[-1].lower() in div and " " in m.text)):
            out.add(e.country)
    return out


def _regions_named(found: list[Mention]) -> set[tuple[str, str]]:
    """First-level regions the article names (by a region's or county's best own reading, an
    abbreviation or a regional demonym), as (country, GeoNames admin1)."""
    out = set()
    for m in found:
        e = m.fixed or _best_own(m)
        if e is not None and e.country and e.admin1 and e.precision in ("region", "county"):
            out.add((e.country, e.admin1))
    return out


def _headed(ent: Span, heads: frozenset[str]) -> bool:
    """A PERSON entity that ends in an organisation's or facility's head word ("Randwick
    Racecourse") is a longer name of something else, not a person's name; so is one that ends in
    an agency's all-capitals acronym after a word in lower or title case (rule ``acronym_head``:
    "Kingsbury RCMP", "Ohio DNR"; not a Roman numeral, "Henry VIII", nor a headline in capitals)."""
    if ent.label_ != "PERSON" or ent.end - ent.start < 2:
        return False
    last = ent[-1].text
    return last in heads or (len(last) >= 2 and last.isalpha() and last.isupper() and not ent[-2].text.isupper()
                             and not set(last) <= ROMAN)


DASHES = frozenset({"—", "–", "-", "--"})
ROMAN = frozenset("IVXLCDM")


def _after_dash(doc: Doc, s: int, e: int) -> int:
    """Where a longer name starts: after a dateline's dash inside it ("EDMONTON — Alberta Health
    Services" is the dateline Edmonton and an organisation; NER and the actors layer join them)."""
    return max([s, *(t.i + 1 for t in doc[s:e] if t.text in DASHES)])


def _best_own(m: Mention) -> Entry | None:
    own = [(e, p) for e, p in m.cands if p]
    return max(own, key=lambda c: prior(*c))[0] if own else None


class PlacesComponent:
    """spaCy component: ``doc._.places`` = Spans with ``span._.place`` (an ``Entry`` or None),
    ``span._.place_role`` and ``span._.place_rule``."""

    def __init__(self, nlp: Language, name: str = "presslens_places", min_population: int = DEFAULT_MIN_POPULATION):
        self.gaz = gazetteer(min_population)

    def find(self, doc: Doc, ctx: dict[str, Any]) -> list[Mention]:
        gaz = self.gaz
        a = toks(doc, fresh=True)  # the mention finders' token lists, read once per Doc
        n = len(doc)
        taken = bytearray(n + 1)
        inside = bytearray(n + 1)  # tokens inside an organisation's or actor's longer name
        lower = {s for s in a.text if s[:1].islower()}
        heads = words("name_heads")
        for ent in doc.ents:
            if ent.label_ == "ORG" or _headed(ent, heads):  # trimmed: NER's ORG "Sierra Leone's" is the place
                s, e = trim(doc, ent.start, ent.end)
                s = _after_dash(doc, s, e)
                inside[s:e] = b"\x01" * (e - s)
        for span in (doc._.actors or []) if Doc.has_extension("actors") else []:
            if span._.actor_method != "metonym" and span.end - span.start > 1:
                s = _after_dash(doc, span.start, span.end)
                inside[s : span.end] = b"\x01" * (span.end - s)
        found = span_mentions(doc, gaz, taken, list(ctx.get("place_spans") or ()))
        found += ner_mentions(doc, gaz, taken, lower)
        found += org_country_mentions(doc, gaz, taken)
        for m in found:  # a place NER found inside a longer organisation name
            if inside[m.start] and (m.start > 0 and inside[m.start - 1] or inside[m.end]) or self._names_org(doc, m):
                m.role, m.rule = "in_name", "in_name"
        countries = set(ctx.get("countries") or ()) | _countries_named(found)
        found = repair(doc, gaz, found, {c for c in countries if c})
        drop_lead_words(doc, gaz, found, {c for c in countries if c})
        for m in found:
            taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        for ent in doc.ents:  # full person names are never scanned for places (one word may be a city NER missed)
            if ent.label_ == "PERSON" and ent.end - ent.start > 1 and not any(taken[ent.start : ent.end]) and (
                    not _headed(ent, heads)):
                taken[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
        known = {c for c in countries if c}
        abbreviation_context(gaz, found, known)
        found += abbreviation_mentions(doc, gaz, taken, known)
        found += demonym_mentions(doc, gaz, taken)
        countries = set(ctx.get("countries") or ()) | _countries_named(found)
        found += scan_mentions(doc, gaz, taken, lower, {c for c in countries if c}, inside, _regions_named(found))
        # rule abbreviation_context again, now that demonyms and the scan name countries too ("a
        # Western Australian premier ... clinics in WA": no country's own name, yet not Wa, Ghana)
        abbreviation_context(gaz, found, {c for c in countries if c})
        found = drop_building_words(doc, found)
        found.sort(key=lambda m: m.start)
        self._region_suffix(doc, found)
        division_level(doc, gaz, found)
        region_lists(doc, found)
        qualify(doc, found)
        found = drop_person_words(doc, found)
        found = drop_class_words(doc, found)
        nearby_holders(doc, found)
        return found

    @staticmethod
    def _names_org(doc: Doc, m: Mention) -> bool:
        """rule in_name: a place that opens an organisation's name NER split off ("Canada's Food
        Inspection Agency", "Ohio Supreme Court" read as GPE + ORG)."""
        j = m.end + (1 if m.end < len(doc) and doc[m.end].text in ("'s", "’s") else 0)
        return j < len(doc) and doc[j].ent_iob_ == "B" and doc[j].ent_type_ == "ORG"

    def _region_suffix(self, doc: Doc, found: list[Mention]) -> None:
        """rule region_suffix: "<Name> state/province/region" names a first-level region, never a
        same-named country ("Niger state" is in Nigeria); before "of" the words open an
        organisation's name and the region is <Name>'s own ("Florida Department of Health")."""
        suffixes = words("region_words")
        for m in found:
            if m.role != "demonym" and m.start >= 2 and doc[m.start - 1].lower_ == "of" and (
                    doc[m.start - 2].lower_ in suffixes):
                regions = tuple(c for c in m.cands if c[0].precision == "region")
                if regions:  # "the state of Washington", "the province of Alberta": the region
                    m.cands, m.rule = regions, "region_suffix"
                continue
            if m.role == "demonym" or m.end >= len(doc) or doc[m.end].lower_ not in suffixes:
                continue
            if not doc[m.end].text[:1].isalpha() or state_compound(doc, m.end):
                continue
            # "<Name> Department of Health" is an organisation of the region <Name>, not the
            # region "<Name> Department" ("Florida Department of Health" is not Uruguay's Florida)
            org = self._org_suffix(doc, m.end)
            longer = () if org else self.gaz.candidates(f"{m.text} {doc[m.end].text}")
            regions = tuple(c for c in longer if c[0].precision == "region") or tuple(
                c for c in m.cands if c[0].precision == "region")
            if regions:
                if not org:  # the span names the region; an organisation's words stay outside it
                    m.end += 1
                    m.text = doc[m.start : m.end].text
                m.cands, m.rule = regions, "region_suffix"

    def _org_suffix(self, doc: Doc, k: int) -> bool:
        """Whether the capitalised area word at k opens an organisation's name: "Department of
        Health", not "province of Pakistan" / "Province of South Africa" (a place follows "of")."""
        if not (k + 2 < len(doc) and doc[k].text[:1].isupper() and doc[k + 1].lower_ == "of"):
            return False
        return not any(_broad_own(self.gaz.candidates(doc[k + 2 : k + 2 + ln].text))
                       for ln in (1, 2, 3) if k + 2 + ln <= len(doc))

    def __call__(self, doc: Doc) -> Doc:
        ctx = doc.user_data.get("presslens", {})
        found = self.find(doc, ctx)
        art = ctx.get("article")
        home = _home_country(getattr(art, "source", None), self.gaz)
        dateline = None
        if art is not None and getattr(art, "dateline", None):
            dl = [c for c in self.gaz.candidates(str(art.dateline).split(",")[0].strip())]
            dateline = max(dl, key=lambda c: c[0].population)[0] if dl else None
        parsed = doc.has_annotation("SENT_START")
        picks = resolve(found, self.gaz, home=home, dateline=dateline,
                        countries=Counter(ctx.get("countries") or {}),
                        sents=[doc[m.start].sent.start if parsed else 0 for m in found])
        picks = holder_points(doc, found, picks)
        spans = []
        for m, (entry, rule) in zip(found, picks, strict=True):
            if entry is None and not m.from_ner:
                continue
            span = Span(doc, m.start, m.end, label=entry.precision if entry else "unknown")
            span._.place = entry
            span._.place_role = m.role
            span._.place_rule = ",".join(dict.fromkeys([m.rule, *m.notes, rule]))
            spans.append(span)
        doc._.places = spans
        return doc


@Language.factory("presslens_places", default_config={"min_population": DEFAULT_MIN_POPULATION})
def make_places_component(nlp: Language, name: str, min_population: int) -> PlacesComponent:
    return PlacesComponent(nlp, name, min_population)


def _edges(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    while start < end and text[start] in _EDGE:
        start += 1
    return start, end


def spans_to_places(a: Analysis, doc: Doc, offset: int) -> None:
    art = a.article
    text_of_doc = doc_text(doc)
    for span in doc._.places or []:
        s, e = _edges(text_of_doc, span.start_char, span.end_char)
        entry: Entry | None = span._.place
        if "region_abbreviation" not in (span._.place_rule or ""):  # "Ky." keeps its dot
            e = trim_tail_chars(text_of_doc, s, e, bool(entry and POSSESSIVE.search(entry.name)))
        if s >= e:
            continue
        start, end = s + offset, e + offset
        a.places.append(Place(
            id=stable_id(art.id, "place", start, end), article_id=art.id, start=start, end=end,
            text=a.page_text[start:end], name=(entry.name or None) if entry else None,
            geonameid=entry.geonameid if entry else None, country=entry.country if entry else None,
            admin1=entry.admin1 if entry else None, lat=entry.lat if entry else None,
            lon=entry.lon if entry else None, precision=entry.precision if entry else "unknown",
            role=span._.place_role or "toponym", rule=span._.place_rule,
        ))


class PlacesStage:
    def __init__(self, settings: Settings):
        from ...nlp import settings_model

        self.nlp = settings_model(settings)
        pop = int((settings.get("places") or {}).get("min_city_population", DEFAULT_MIN_POPULATION))
        self.component = PlacesComponent(self.nlp, min_population=pop)

    def __call__(self, a: Analysis) -> Analysis:
        ctx: dict[str, Any] = {}
        if a.doc is not None:
            ctx = a.doc.user_data.setdefault("presslens", {})
            ctx.setdefault("article", a.article)
            self.component(a.doc)
            spans_to_places(a, a.doc, a.nlp_offset)
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
