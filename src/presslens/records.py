"""Every record presslens produces, in one place.

Records are keyword-only, slotted dataclasses (the Media Cloud story-indexer habit): cheap to
create by the million, impossible to build with fields in the wrong order, and plain enough to
cross a process or Ray boundary by pickling.

Offsets. Every item that points at words carries ``article_id`` plus ``start``/``end``: character
offsets into ``Page.text`` of the page version the article belongs to (the exact stored text),
so ``page.text[start:end] == item.text`` always holds. Articles are windows on their page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


def stable_id(*parts: object, length: int = 16) -> str:
    """A short id that is the same for the same inputs in every run and process."""
    h = hashlib.blake2b("\x1f".join(str(p) for p in parts).encode("utf-8"), digest_size=16)
    return h.hexdigest()[:length]


# --------------------------------------------------------------------------- input side


@dataclass(slots=True, kw_only=True)
class Page:
    """One fetched page: the unit of ingest, storage and atomic write."""

    key: str  # identity across versions: URL if known, else the file path (+ line/record no.)
    text: str  # exact text every offset points into
    content_hash: str = ""  # sha256 of text; a text is stored once, shared by every page that has it
    fmt: str = "text"  # text | html | warc | jsonl
    path: str = ""  # file it came from
    url: str | None = None
    source: str | None = None  # site / outlet name
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date as the page metadata gives it
    captured: str | None = None  # crawl/capture date (WARC)
    tags: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def id(self) -> str:
        """Page-version id from key and content: a changed page is a new version, and the same
        text under another key (a second site carrying a wire story) is another page."""
        return stable_id("page", self.key, self.content_hash)


@dataclass(slots=True, kw_only=True)
class IngestError:
    """One bad input: reported, never fatal to the batch."""

    path: str
    problem: str  # short machine-friendly kind: not_found, binary, empty, bad_json, ...
    message: str  # one clear human line
    line: int | None = None


# --------------------------------------------------------------------------- articles


@dataclass(slots=True, kw_only=True)
class Part:
    """A block of a page with the role it plays (title, body paragraph, caption, ...)."""

    role: str  # title|tags|byline|dateline|caption|body|heading|boilerplate|related_link|header
    start: int
    end: int
    text: str


@dataclass(slots=True, kw_only=True)
class Article:
    id: str
    page_id: str
    seq: int  # 1-based order on the page
    start: int  # window on the page covering all of the article's parts
    end: int
    body_start: int
    body_end: int
    title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: str | None = None  # ISO date (page metadata, dateline or byline date)
    source: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    language: str | None = None  # ISO 639-1 code (py3langid); None = not detected
    skipped: list[str] = field(default_factory=list)  # article stages not run (language not analysed)

    def body_parts(self) -> list[Part]:
        return [p for p in self.parts if p.role in ("body", "heading", "dateline")]


# --------------------------------------------------------------------------- entities


@dataclass(slots=True, kw_only=True)
class Actor:
    """A registry entry or a provisional actor minted for an unknown name."""

    id: str
    name: str
    type: str  # PERSON | ORG | GOV
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    country: str | None = None
    affiliation: str | None = None
    provisional: bool = False
    sector: str | None = None  # CAMEO sector (GOV, MIL, COP, REB, EDU, ...) where known


@dataclass(slots=True, kw_only=True)
class Mention:
    """A span naming an actor (resolved or not)."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    label: str  # NER label or PERSON/ORG/GOV
    actor_id: str | None = None
    method: str = ""  # alias | surname | acronym | provisional | ...
    role: str = "body"  # part role the mention sits in


@dataclass(slots=True, kw_only=True)
class Place:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    name: str | None = None  # GeoNames name
    geonameid: int | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "unknown"  # continent | country | region | county | city | site | approximate | unknown
    role: str = "toponym"  # toponym | in_name ("Ohio Supreme Court") | demonym ("Russian")
    rule: str | None = None  # the rules that found and resolved it (comma-separated)


@dataclass(slots=True, kw_only=True)
class DateRef:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    value: str | None = None  # ISO date, month, year, or "start/end" interval
    precision: str | None = None  # day | week | month | year | interval
    resolved: bool = False
    relative: bool = False
    anchor: str | None = None  # what a relative date was resolved against
    valid: bool = True  # False for a date that cannot exist (20117)


# --------------------------------------------------------------------------- claims


@dataclass(slots=True, kw_only=True)
class Quote:
    """One utterance. ``start``/``end``/``text`` cover its whole extent; ``fragments`` are the content
    pieces inside it (an interrupted quote ``"A," he said. "B."`` is one Quote with two fragments, a
    multi-paragraph quote one fragment per paragraph), each ``[start, end]`` in page offsets."""

    id: str
    article_id: str
    start: int  # content span (inside the marks for a direct quote)
    end: int
    text: str
    kind: str  # direct | indirect | speech_act | belief
    speaker_text: str | None = None  # the speaker's fullest name in the article (else the mention)
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_id: str | None = None  # actor id
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    fragments: list[list[int]] = field(default_factory=list)  # [[start, end], ...]; empty = [[start, end]]
    speaker_mention: str | None = None  # the words the cue attaches to ("he", "the ministry", a name)
    speaker_mention_start: int | None = None
    speaker_mention_end: int | None = None
    headline: bool = False  # stated in a headline or standfirst
    rules: list[str] = field(default_factory=list)  # names of the rules that produced it

    def spans(self) -> list[tuple[int, int]]:
        """The content fragments as (start, end) page offsets (the whole extent when none are set)."""
        return [(s, e) for s, e in self.fragments] or [(self.start, self.end)]

    def content(self) -> str:
        """The quoted words alone: the fragments joined by a space (no interrupting cue)."""
        return " ".join(self.text[s - self.start : e - self.start] for s, e in self.spans())


@dataclass(slots=True, kw_only=True)
class NumberClaim:
    id: str
    article_id: str
    start: int
    end: int
    text: str
    low: int | None = None  # None = open bound
    high: int | None = None
    approx: bool = False
    counts: str | None = None  # what is counted ("people", "prisoners")
    quote_id: str | None = None
    event_id: str | None = None
    # A measure ("40 km", "magnitude 8.1"): its canonical unit and exact bounds in it (decimals kept;
    # ``low``/``high`` are whole numbers around them). None for a count. Added to older stores on open.
    unit: str | None = None
    unit_low: float | None = None
    unit_high: float | None = None


@dataclass(slots=True, kw_only=True)
class Event:
    id: str
    article_id: str
    type: str  # one of the 16 PLOVER types
    mode: str | None = None
    start: int  # evidence span
    end: int
    text: str
    actors: list[str] = field(default_factory=list)  # actor ids
    recipients: list[str] = field(default_factory=list)
    place_id: str | None = None
    place_name: str | None = None
    country: str | None = None
    geonameid: int | None = None
    geo_precision: str | None = None
    date: str | None = None
    date_precision: str | None = None
    size: dict[str, list[int | None]] = field(default_factory=dict)  # participants/dead/...
    status: str = "reported"  # reported | claimed | planned | denied | hypothetical
    claimed_by: str | None = None  # actor id of the speaker, or None = the source
    quote_id: str | None = None
    canonical_id: str | None = None  # set by cross-source merge
    trigger_start: int | None = None  # the word(s) stating the act, inside start..end
    trigger_end: int | None = None
    rules: list[str] = field(default_factory=list)  # what produced it: lexicon entries, then named rules
    # Generic sector agents ("police", "protesters", "Iraqi police": PETRARCH2 sectors, registry actors
    # with a CAMEO sector) in the actor / recipient slot where no named party fills it (rule
    # agent-fallback). Kept apart from ``actors``/``recipients``, which hold SCHEMA.md's parties
    # (persons, organisations, state bodies).
    actor_agents: list[str] = field(default_factory=list)
    recipient_agents: list[str] = field(default_factory=list)


@dataclass(slots=True, kw_only=True)
class FindingRef:
    article_id: str
    start: int
    end: int
    text: str
    item_id: str | None = None


@dataclass(slots=True, kw_only=True)
class Finding:
    id: str
    kind: str  # same_quote_different_speakers | conflicting_numbers | invalid_date | name_variants | same_text
    detail: str
    refs: list[FindingRef] = field(default_factory=list)
    disjoint: bool | None = None


# --------------------------------------------------------------------------- analysis


@dataclass(slots=True, kw_only=True)
class Analysis:
    """Everything known about one article; each pipeline stage takes one and returns it."""

    article: Article
    page_text: str
    doc: Any = None  # spaCy Doc over ``nlp_text``; never stored
    nlp_offset: int = 0  # page offset of doc character 0
    mentions: list[Mention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)  # provisional actors minted here
    places: list[Place] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    numbers: list[NumberClaim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def span(self, start: int, end: int) -> str:
        return self.page_text[start:end]


# Item lists an Analysis carries, with the table each is stored in.
ITEM_TABLES: dict[str, type] = {
    "mentions": Mention,
    "places": Place,
    "dates": DateRef,
    "quotes": Quote,
    "numbers": NumberClaim,
    "events": Event,
}
