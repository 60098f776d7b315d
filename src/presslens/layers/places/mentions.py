"""Where an article names a place: spans and their role, before any resolution.

Roles (``Place.role``) let users filter what kind of naming it was:
- ``toponym``: the name of a place used as such ("in Kankara", "Ukraine's army");
- ``in_name``: a place inside a longer name of something else ("the Ohio Supreme Court",
  "Alberta Health Services", "Hong Kong Department of Health");
- ``demonym``: a nationality or regional adjective ("Russian officials", "Canadians").

Names the actors layer takes as actors (US, EU, White House) still get a place mention here:
the two layers record the same words independently.

Each finder is a small named function; the rule name travels with the mention into
``Place.rule``.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from spacy.tokens import Doc

from ...gazetteer import Entry, Gazetteer, local, prior
from ...lang import words
from ...text.names import name_key
from . import namewords
from .namewords import demonym_namesakes, large_town_own, name_word, possessive_cands, possessive_end
from .tokarrays import TAIL_WORDS, toks

NER_PLACE = ("GPE", "LOC", "FAC")


@functools.lru_cache(maxsize=1)
def weights() -> dict[str, Any]:
    """The places layer's resolution weights and thresholds (``data/place_resolution.toml``)."""
    return tomllib.loads((resources.files("presslens") / "data" / "place_resolution.toml").read_text("utf-8"))
# Tokens that may follow a name but are never part of it ("Ukraine's", "Peru | Health"):
# TAIL_WORDS (tokarrays.py).
LEAD_WORDS = frozenset({"the", "city", "of"})


@dataclass(slots=True)
class Mention:
    start: int  # token offsets in the Doc
    end: int
    text: str
    role: str  # toponym | in_name | demonym
    rule: str
    cands: tuple[tuple[Entry, int], ...] = ()
    qualifier: Entry | None = None  # "Paris, Texas": the region or country the text places it in
    fixed: Entry | None = None  # resolved by the finder itself (demonyms, abbreviations)
    holder: Entry | None = None  # "Atlanta, Georgia": the reading of this qualifier that holds the town
    near: Entry | None = None  # the nearest country or region the sentence names (neighbours.nearby_holders)
    near_in: bool = False  # ... and it follows after "in" ("Ballarat in Victoria")
    from_ner: bool = False
    notes: list[str] = field(default_factory=list)


def tail_token(doc: Doc, i: int) -> bool:
    """True for a token that only trails a place name: punctuation, separators, space, possessive."""
    t = doc[i]
    return t.is_punct or t.is_space or t.text in TAIL_WORDS or not any(ch.isalnum() for ch in t.text)


def trim(doc: Doc, s: int, e: int) -> tuple[int, int]:
    while s < e and doc[s].lower_ in LEAD_WORDS:
        s += 1
    while e > s and tail_token(doc, e - 1):
        e -= 1
    return s, e


def _common_word(doc: Doc, i: int, lower: set[str]) -> bool:
    """A capitalised everyday word ("Mobile", "Reading", "March 3"): not a place on its own; nor a
    month NER reads as a date ("during August" is no August, California)."""
    t = doc[i]
    if len(t.text) >= 2 and t.text.isalpha() and t.text.isupper():
        return False  # an abbreviation ("US" is not the pronoun "us")
    if t.text.lower() in lower or t.is_stop or t.ent_type_ == "DATE" and t.lower_ in words("months"):
        return True
    return t.lower_ in words("months") and i + 1 < len(doc) and doc[i + 1].like_num


# A city this large is found by a former or alternate name too ("Calcutta", "Bombay", "Peking").
BIG_CITY = 1_000_000


def weak_hamlet(text: str, e: Entry, cands: tuple[tuple[Entry, int], ...]) -> bool:
    """Whether ``e`` is a hamlet (a town under ``hamlet_population``: GeoNames' cities500 tier) that
    the name alone does not make a place: the name is an everyday English word ("Secretary",
    "War"), or a town of ``alternate_min_population`` people that readers know bears it
    ("Philadelphia": 688 people in Tennessee, beside Nashville). Only the text's own placing
    ("Philadelphia, Tenn.") then reads it (``resolve``); "Eastern Creek" (NSW, 874) is read."""
    least = int(weights()["hamlet_population"])
    if e.precision != "city" or e.population >= least:  # towns only: a district's population is a sum
        return False
    if text.lower() in words("common_words"):
        return True
    big = int(weights()["alternate_min_population"])
    return any(o.uid != e.uid and o.precision == "city" and o.population >= big for o, _ in cands)



def prominent(gaz: Gazetteer, cands: tuple[tuple[Entry, int], ...], countries: set[str],
              named: bool = False, text: str = "") -> bool:
    """Whether a name found without NER's help is a place worth reporting: its best reading is a
    country, continent, region or county, a town in a country the article discusses, or a city of
    100,000 people; found by its own name (alternate spellings need NER, except a city of a
    million people: "Calcutta"). A whole name NER tagged as an organisation (``named``: NER's
    usual label for a small town it does not know, "the Tarneit quarantine station") is a place
    when any town of that name lies in a country the article discusses. A hamlet counts only when
    its name alone makes it a place (``weak_hamlet``)."""
    cands = tuple(c for c in cands if not weak_hamlet(text, c[0], cands))
    own = [(e, p) for e, p in cands if p]
    if any(not p and e.precision == "city" and e.population >= BIG_CITY for e, p in cands):
        return True
    if text.isupper() and len(text) >= 3 and any(not p and e.precision == "country" for e, p in cands):
        return True  # a country's abbreviation ("DPRK", "ROK"; gazetteer ``_country_forms``)
    if not own:
        return False
    if named and any(e.country in countries and e.precision == "city" for e, _ in own):
        return True
    e, _ = max(own, key=lambda c: prior(*c))
    if e.precision in ("country", "continent", "region", "county", "site") and not local(e):
        return True
    return e.country in countries or e.population >= 100_000


def _abbreviated(gaz: Gazetteer, m: Mention, doc: Doc | None = None) -> Mention:
    """A name with no gazetteer entry that is a region's abbreviation ("NSW", "D.C.", "B.C."), and
    an AP abbreviation written with its dot even when a small place shares the letters ("Fla." is
    not Flå, Norway; "Pa." not Pa, Burkina Faso; "Alta." not Alta, Norway); one that names its
    region only after "City," ("Del.", "Miss.") there ("Dover, Del." is not Delle, France)."""
    ab = None if m.cands else gaz.abbreviation(m.text)
    if ab is None and doc is not None and m.end - m.start == 1:
        dotted = m.text if m.text.endswith(".") else (
            m.text + "." if m.end < len(doc) and doc[m.end].text == "." else None)
        hit = gaz.abbreviation(dotted) if dotted else None
        after_city = m.start >= 2 and doc[m.start - 1].text == "," and doc[m.start - 2].text[:1].isupper()
        if hit is not None and (hit[1] or after_city) and not any(
                p and (e.population >= BIG_CITY or e.precision in ("country", "region")) for e, p in m.cands):
            ab = hit
    if ab is not None:
        m.fixed, m.rule = ab[0], "region_abbreviation"
    return m


def ner_mentions(doc: Doc, gaz: Gazetteer, taken: bytearray, lower: set[str]) -> list[Mention]:
    """rule ner_place: GPE/LOC/FAC entities, trimmed of articles and trailing punctuation."""
    out = []
    for ent in doc.ents:
        if ent.label_ not in NER_PLACE:
            continue
        s, e = trim(doc, ent.start, ent.end)
        if s >= e or any(taken[s:e]):
            continue
        e = possessive_end(doc, gaz, s, e)
        if e - s == 1 and _common_word(doc, s, lower) and not gaz.candidates(doc[s].text):
            continue
        if (dem := namewords.demonym_span(gaz, doc[s:e].text, float(weights()["far_km"]))) is not None:
            out.append(Mention(s, e, doc[s:e].text, "demonym", "demonym_span", dem[1], fixed=dem[0]))
            taken[s:e] = b"\x01" * (e - s)
            continue
        for a, b in _comma_parts(doc, gaz, s, e):
            text = doc[a:b].text
            out.append(_abbreviated(gaz, Mention(a, b, text, "toponym", "ner_place",
                                                 possessive_cands(text, gaz.candidates(text)), from_ner=True), doc))
        taken[s:e] = b"\x01" * (e - s)
    return out


def _comma_parts(doc: Doc, gaz: Gazetteer, s: int, e: int) -> list[tuple[int, int]]:
    """One entity "Abuja, Nigeria" that the gazetteer does not know whole is two names, each a
    place, when every part between its commas is one (the "City, Region" pair then reads them)."""
    cuts = [i for i in range(s + 1, e - 1) if doc[i].text == ","]
    if not cuts or gaz.candidates(doc[s:e].text):
        return [(s, e)]
    parts = list(zip([s] + [c + 1 for c in cuts], cuts + [e], strict=True))
    return parts if all(b > a and gaz.candidates(doc[a:b].text) for a, b in parts) else [(s, e)]


def span_mentions(doc: Doc, gaz: Gazetteer, taken: bytearray, spans: list[tuple[int, int]]) -> list[Mention]:
    """rule actor_place_span: names the actors layer judged to be places although NER said
    PERSON/ORG ("the village of Kofar Bala", "Plaza del Sol")."""
    out = []
    for s0, e0 in spans:
        if e0 > len(doc):
            continue
        s, e = trim(doc, s0, e0)
        if s >= e or any(taken[s:e]):
            continue
        e = possessive_end(doc, gaz, s, e)
        text = doc[s:e].text
        cands = possessive_cands(text, gaz.candidates(text))
        if not cands and _known_ner_place_inside(doc, gaz, s, e):
            continue  # "Lagos March 4": NER's "Moscow" is the place; the wider span is no name
        out.append(_abbreviated(gaz, Mention(s, e, text, "toponym", "actor_place_span", cands, from_ner=True), doc))
        taken[s:e] = b"\x01" * (e - s)
    return out


def _known_ner_place_inside(doc: Doc, gaz: Gazetteer, s: int, e: int) -> bool:
    """Whether a NER place entity the gazetteer knows lies inside tokens s..e (and is shorter)."""
    return any(ent.label_ in NER_PLACE and s <= ent.start and ent.end <= e and ent.end - ent.start < e - s
               and gaz.candidates(ent.text) for ent in doc.ents)


def in_name_town(text: str, cands: tuple[tuple[Entry, int], ...], regions: set[tuple[str, str]],
                 countries: set[str]) -> bool:
    """Whether a name NER did not tag, inside an organisation's name, may be the place when it is
    also an everyday English word (``common_words``): a town of 100,000 people or more
    (``alternate_min_population``) or one in a first-level region the article names; a region
    whose country the article discusses. Otherwise it is an ordinary word of the name:
    "Department of Justice" (Justice, OK), "Department of Commerce" (Commerce, OK), "Alberta
    Energy Regulator" (Energy, IL), "Western University" (Western, Sri Lanka). A name that is no
    everyday word stays a place ("Winzergenossenschaft Mayschoss-Altenahr", "Dalby Herald")."""
    own = [(e, p) for e, p in cands if p]
    if not own:
        return True
    e, _ = max(own, key=lambda c: prior(*c))
    if e.precision == "region":
        return e.country in countries or text.lower() not in words("common_words")
    if e.precision != "city":
        return True
    return e.population >= int(weights()["alternate_min_population"]) or (
        e.country or "", e.admin1 or "") in regions or text.lower() not in words("common_words")


def scan_mentions(doc: Doc, gaz: Gazetteer, taken: bytearray, lower: set[str], countries: set[str],
                  inside: bytearray, regions: set[tuple[str, str]] | None = None) -> list[Mention]:
    """rule gazetteer_scan: capitalised proper-noun runs NER missed (headlines, captions) and place
    names nested in organisation names (rule in_name), longest first (4..1 tokens); a town inside
    an organisation's name must be large or in a region the article names (``in_name_town``).
    Countries the scan itself finds (by a country's or region's name, "Queensland Police") count
    for the towns it passed over: a second pass takes them ("arrested in Dalby")."""
    countries = set(countries)
    out = _scan_pass(doc, gaz, taken, lower, countries, inside, regions)
    best = [max(own, key=lambda c: prior(*c))[0] for m in out if (own := [c for c in m.cands if c[1]])]
    more = {e.country for e in best if e.country and e.precision in ("country", "region")} - countries
    if more:
        out += _scan_pass(doc, gaz, taken, lower, countries | more, inside, regions)
        out.sort(key=lambda m: m.start)
    return out


def _scan_pass(doc: Doc, gaz: Gazetteer, taken: bytearray, lower: set[str], countries: set[str],
               inside: bytearray, regions: set[tuple[str, str]] | None) -> list[Mention]:
    out = []
    n = len(doc)
    parsed = doc.has_annotation("TAG")
    area = words("region_words") | words("settlement_words") | words("division_words")
    org_names = {(ent.start, ent.end) for ent in doc.ents if ent.label_ in ("ORG", "FAC")}
    heads = words("name_heads")
    big = int(weights()["alternate_min_population"])
    least = int(weights()["region_town_min_population"])
    # a word that ends a person's full name elsewhere in the article is that person's surname
    # ("Jimmy Philmont ... Philmont said" is no Philmont, New York)
    surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 and all(
        t.text[:1].isupper() and t.text[1:].islower() and t.lower_ not in area for t in ent)}  # not "Village Malakal"
    a = toks(doc)  # plain lists: no Token or Span objects per tested word
    i = 0
    while i < n:
        if taken[i] or not a.cap[i] or a.lower[i] == "the":
            i += 1
            continue
        hit = None
        for ln in (4, 3, 2, 1):
            j = i + ln
            if j > n or any(taken[i:j]) or any(a.space[i:j]):
                continue
            last = a.text[j - 1]
            if a.tail[j - 1] or not (a.cap[j - 1] or (ln > 1 and last.isdigit())):
                continue  # a name ends on a capitalised word, or on a digit numeral after one
                # ("Ashraf 3", "Camp 22"): "Paris was" is no name, the gazetteer decides the rest
            if ln == 1 and (_common_word(doc, i, lower) or a.text[i] in surnames):
                continue
            if parsed and a.tag[i] not in ("NNP", "NNPS") and not inside[i] and not (
                    j < n and a.lower[j] in area) and not (
                    i >= 2 and a.lower[i - 1] == "of" and a.lower[i - 2] in area):
                continue  # a tagger's JJ/VB/NN still names a place before an area word ("Punjab
                # province") or after "<area word> of" ("the district of Moabit")
            text = a.span_text(i, j)
            cands = gaz.candidates(text)
            if ln == 1 and inside[i] and name_word(a, taken, inside, i, heads, cands, big):
                continue
            rule = "gazetteer_scan" if cands and prominent(gaz, cands, countries, (i, j) in org_names, text) else (
                "region_town" if cands and region_town(cands, regions, least) else "")
            if rule:
                if regions is not None and _named(inside, i, j) and not in_name_town(
                        text, cands, regions, countries):
                    continue
                hit = (j, cands, rule)
                break
        if hit is None:
            i += 1
            continue
        j, cands, rule = hit
        named = _named(inside, i, j)
        out.append(Mention(i, j, a.span_text(i, j), "in_name" if named else "toponym",
                           "in_name" if named else rule, cands))
        taken[i:j] = b"\x01" * (j - i)
        i = j
    return out


def region_town(cands: tuple[tuple[Entry, int], ...], regions: set[tuple[str, str]] | None, least: int) -> bool:
    """rule region_town: a name NER missed is a place when a town bearing it as its own lies in a
    first-level region the article names and has ``region_town_min_population`` people, though a
    larger namesake abroad is its best reading ("a new office in Dover" in an article naming Delaware)."""
    if not regions:
        return False
    return any(p and e.precision == "city" and e.population >= least and (e.country, e.admin1) in regions
               for e, p in cands)


def _named(inside: bytearray, i: int, j: int) -> bool:
    """in_name only when the longer name goes on beyond the place ("Ohio Supreme Court")."""
    return bool(inside[i] and (i > 0 and inside[i - 1] or inside[j]))


def demonym_mentions(doc: Doc, gaz: Gazetteer, taken: bytearray) -> list[Mention]:
    """rule demonym: a nationality or regional adjective ("Russian", "Canadians", "Texan"), and
    multi-word ones ("New Mexican"), mapped to its country, region or continent."""
    out = []
    i, n = 0, len(doc)
    a = toks(doc)
    while i < n:
        if taken[i] or not a.cap[i] or (  # only a word that is, or opens, a demonym is looked at
                gaz.demonym(a.text[i]) is None and (i + 2 > n or gaz.demonym(a.span_text(i, i + 2)) is None)):
            i += 1
            continue
        hit = None
        for ln in (2, 1):
            j = i + ln
            if j > n or any(taken[i:j]):
                continue
            text = doc[i:j].text
            if _starts_place(doc, gaz, i, j) or any(p and e.precision == "country" for e, p in gaz.candidates(text)):
                break  # "French Guiana", "Philippines": a place's own name, not a demonym (or its plural)
            e = gaz.demonym(text)
            if e is not None:
                hit = (j, text, e)
                break
        if hit is None:
            i += 1
            continue
        j, text, e = hit
        cands = demonym_namesakes(gaz, e, float(weights()["far_km"]))
        out.append(Mention(i, j, text, "demonym", "demonym", cands) if cands else
                   Mention(i, j, text, "demonym", "demonym", fixed=e))
        taken[i:j] = b"\x01" * (j - i)
        i = j
    return out


def _starts_place(doc: Doc, gaz: Gazetteer, i: int, j: int) -> bool:
    """Whether tokens i..j and the capitalised words after them (up to two) are a country's or
    region's own name."""
    for k in (j + 1, j + 2):
        if k <= len(doc) and all(t.text[:1].isupper() for t in doc[j:k]) and _broad_own(
                gaz.candidates(doc[i:k].text)):
            return True
    return False


def abbreviation_mentions(doc: Doc, gaz: Gazetteer, taken: bytearray,
                          countries: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
    """rule region_abbreviation: AP and postal abbreviations of regions ("Ky.", "B.C.", "NSW");
    two-letter codes only right after "City," (IN, OR, ME are English words). A form two
    countries' regions share is read in the article's country ("in WA" beside Perth: Western
    Australia; "Seattle, WA": Washington)."""
    out = []
    text = toks(doc).text
    for i, t in enumerate(text):
        if taken[i]:
            continue
        hit = gaz.abbreviation(t, countries)
        if hit is None and t.endswith(".") is False and i + 1 < len(text) and text[i + 1] == ".":
            hit = gaz.abbreviation(t + ".", countries)
        if hit is None:
            continue
        e, alone = hit
        after_comma = i >= 2 and text[i - 1] == "," and text[i - 2][:1].isupper()
        if not (alone or after_comma):
            continue
        out.append(Mention(i, i + 1, t, "toponym", "region_abbreviation", fixed=e))
        taken[i] = 1
    return out


def abbreviation_context(gaz: Gazetteer, found: list[Mention], countries: set[str]) -> None:
    """rule abbreviation_context: a name NER found that is also a region's abbreviation in the
    article's country reads as that region when no place of the name lies in that country and none
    is large ("Funding for remote towns in WA." beside "Western Australia": not Wa, Ghana)."""
    for m in found:
        if m.fixed is not None or m.role != "toponym":
            continue
        ab = gaz.abbreviation(m.text, countries)
        if ab is None or not ab[1] or ab[0].country not in countries or any(
                e.country in countries or e.population >= BIG_CITY or e.precision in ("country", "region")
                for e, _ in m.cands):
            continue
        m.fixed, m.rule = ab[0], f"{m.rule},abbreviation_context"


# Tokens tried around a span: up to two words before ("Edward Island" -> "Prince Edward Island",
# "Kashmir" -> "Jammu and Kashmir"), up to three after ("Democratic Republic" -> "... of the Congo").
WIDEN = ((-2, 0), (-1, 0), (0, 1), (0, 2), (0, 3), (-1, 1))


def _broad_own(cands: tuple[tuple[Entry, int], ...]) -> bool:
    return any(p and e.precision in ("country", "region", "county", "continent") for e, p in cands)


def repair(doc: Doc, gaz: Gazetteer, found: list[Mention], countries: set[str]) -> list[Mention]:
    """spaCy's span edges on news text cut place names short or run past them:
    - rule name_widened: an NER or actor span and up to three words after it, or two before, make a
      country's or region's own name ("Democratic Republic" + "of the Congo", "Prince" + "Edward
      Island", "Rio Grande" + "do Sul", "Jammu and" + "Kashmir"), or, all capitalised, a town of
      100,000 people's own name ("SALT" + "LAKE CITY"); mentions inside it are absorbed;
    An NER or actor span the gazetteer cannot place at all is narrowed:
    - rule name_narrowed: the span is placed at the longest run of words inside it that names a
      prominent place (``prominent``) when the other words are compass points or area words
      ("North-Western Sydney", "Henan province", "Pingliang city"): the span keeps its words;
    - rule in_name: a longer name that opens with a place ("Fresno Unified School District",
      "Nairobi Jomo Kenyatta International Airport") yields the place inside it, as an in_name place."""
    mods = words("place_modifiers") | words("region_words")
    out: list[Mention] = []
    drop: set[int] = set()
    n = len(doc)
    a = toks(doc)
    for m in found:
        if m.fixed is not None or m.role == "demonym" or not m.from_ner or id(m) in drop:
            out.append(m)
            continue
        fixed = None
        for ds, de in WIDEN:
            s, e = m.start + ds, m.end + de
            if s < 0 or e > n or any(a.newline[s:e]):
                continue
            if a.tail[s] or a.tail[e - 1] or not a.cap[s] or a.lower[s] in LEAD_WORDS:
                continue
            text = a.span_text(s, e)
            if name_key(text) == name_key(m.text):
                continue  # only punctuation or spacing added
            cands = gaz.candidates(text)
            if (_broad_own(cands) and a.cap[e - 1]) or (
                    all(a.cap[s:e]) and large_town_own(cands, int(weights()["alternate_min_population"]))):
                inner = [o for o in found if o is not m and s <= o.start and o.end <= e]
                if any(o is not m and o.start < e and o.end > s and o not in inner for o in found):
                    continue  # would cut another mention in two
                drop.update(id(o) for o in inner)
                m.start, m.end, m.text, m.cands, m.rule = s, e, text, cands, "name_widened"
                fixed = m
                break
        narrowed = _narrow(doc, gaz, m, countries, mods) if fixed is None and not m.cands else None
        out.append(narrowed or m)
    return [m for m in out if id(m) not in drop]


def _narrow(doc: Doc, gaz: Gazetteer, m: Mention, countries: set[str], mods: frozenset[str]) -> Mention | None:
    """The place inside an unplaced span: never a compass word alone ("West" of "West Kasai"), never
    inside a natural feature's name ("Lake Erie", "Swat Valley"); a longer name of something else
    must open with it ("Fresno City Council")."""
    land = words("landform_words")
    if any(t.lower_ in land for t in doc[m.start:m.end]):
        return None
    for ln in range(min(4, m.end - m.start - 1), 0, -1):
        for i in range(m.start, m.end - ln + 1):
            j = i + ln
            if not doc[i].text[:1].isupper() or tail_token(doc, j - 1):
                continue
            if all(t.lower_ in mods or tail_token(doc, t.i) for t in doc[i:j]):
                continue
            cands = gaz.candidates(doc[i:j].text)
            if not cands or not prominent(gaz, cands, countries, text=doc[i:j].text):
                continue
            rest = [t for t in (*doc[m.start:i], *doc[j:m.end]) if not tail_token(doc, t.i)]
            plain = all(t.lower_ in mods or any(w in mods for w in t.lower_.split("-")) for t in rest)
            if not plain and i != m.start:
                continue
            if plain:  # the span keeps its words ("North Dallas"), placed at the name inside it
                regions = tuple(c for c in cands if c[0].precision == "region")
                m.cands = regions if regions and any(t.lower_ in words("region_words") for t in rest) else cands
                m.rule = "name_narrowed"
                return None
            return Mention(i, j, doc[i:j].text, "in_name", "in_name", cands, from_ner=True)
    return None


def name_key_of(m: Mention) -> str:
    k = name_key(m.text)
    return k[4:] if k.startswith("the ") else k
