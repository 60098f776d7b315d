"""Layout segmenter: one page of text -> articles made of typed parts with exact page offsets.

A page dump keeps little markup, but its layout still says a lot: blank lines split blocks,
headlines are short Title-Case lines without a full stop, tag lines are comma lists of short
items, photo titles are repeated around the headline, site furniture repeats from post to post
and uses a small vocabulary ("Continue Reading", "Copyright"). The segmenter turns each block
into a ``Unit``, finds where posts start (tag lines, or a headline after the previous post's
tail), then reads every post as head (tags, captions, title, byline) -> body (paragraphs,
headings, in-body captions, links to other posts) -> tail (byline, furniture, related links).
Cue words live in ``data/segment_cues.toml``; see docs/segmentation.md for every rule.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .records import Article, Page, Part

CUES_PATH = Path(__file__).with_name("data") / "segment_cues.toml"

_QUOTE_PAIRS = (
    ("‘", "'"),
    ("’", "'"),
    ("‚", "'"),
    ("“", '"'),
    ("”", '"'),
    ("„", '"'),
    ("«", '"'),
    ("»", '"'),
)
_QUOTES = str.maketrans(dict(_QUOTE_PAIRS))


def straighten(text: str) -> str:
    """Curly quotes and guillemets made straight: ``text.translate(_QUOTES)``, several times faster
    (a few substring scans instead of a table lookup per character)."""
    if text.isascii():
        return text
    for c, r in _QUOTE_PAIRS:
        if c in text:
            text = text.replace(c, r)
    return text


_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
_CONTENT = re.compile(r"[^\W_][\w&-]*")
# A finished line: full stop, colon, ellipsis, !, ? (optionally followed by closing quotes/brackets).
_TERMINAL = re.compile(r"[.!?:…;][\"'’”»)\]]*$")
_LIST_ITEM = re.compile(r"^[-–•*·▪►]\s*\S")
_KICKER = re.compile(r"^(?P<k>[^:]{2,40}?):\s+(?P<rest>\S.*)$")
_DIGIT = re.compile(r"\d")
# A sentence break inside a line ("... offices. The ..."), not after an abbreviation ("Mr. John").
_SENTENCE_BREAK = re.compile(r"\b[a-z]{3,}[.!?][\"'’”]?\s+[\"“‘]?[A-Z]")
_OPEN_QUOTE = re.compile(r"^[\"“‘«„]")
_ENDS_DATE = re.compile(r"(\b\d{4}|\b\d{1,2}(st|nd|rd|th)?)$")
# Clock times in a publication-time line ("2:40 PM", "9:15 a.m.", "14h05").
_TIME = re.compile(
    r"\b\d{1,2}(?:[:.h]\d{2}(?::\d{2})?)?\s*(?:[ap]\.?\s?m\b\.?)|\b\d{1,2}[:h]\d{2}(?::\d{2})?\b", re.I
)
# A line holding only a clock time and an optional zone ("13:50 GMT", "9.15am BST").
_BARE_TIME = re.compile(r"^\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,5}(?:[+-]\d{1,2})?)?$", re.I)
# An outlet name before an edition/section suffix: "La Gazette — English edition", "Site | Opinion".
_NAME_SUFFIX = re.compile(r"\s+[|—–-]\s+|\s*[|•·]\s*")
# Breadcrumb separators in a section line ("Colombia | Education", "News > World").
_CRUMB = re.compile(r"\s+[|>»›/]\s+")
# Contact details (a phone number, an e-mail address): a tail line holding them is no link to a post.
_CONTACT = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\+\d[\d ().-]{7,}\d|[\w.+-]+@[\w-]+\.[\w.]+")

# A place name and comma before a publication word ("chandigarh, updated: ...", casefolded).
_STAMP_PLACE = re.compile(r"^[^\W\d_][^\W\d_ .'’-]*(?:[ -][^\W\d_][^\W\d_.'’-]*){0,2},\s*")
# A photo credit in brackets closing a caption ("... March 15, 2025 [File: Reuters]", "(AFP/Getty)").
_BRACKET_CREDIT = re.compile(r"[\[(](?P<c>[^\[\]()]{2,60})[\])]\s*$")

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_NAME = r"[A-Z][\w.'’-]*"
# "London, 2 Aug -", "LAGOS, March 3 (Reuters) -", "PARIS, 4 July 2019 —", "WASHINGTON (AP) —"
_DATELINE = re.compile(
    rf"^(?P<dl>{_NAME}(?:[ -]{_NAME}){{0,3}}(?:,\s*{_NAME}(?: {_NAME})?)?"
    r"(?:,?\s+(?P<date>(?P<d1>\d{1,2})\s+(?P<m1>[A-Za-z]{3,9})\.?|(?P<m2>[A-Za-z]{3,9})\.?\s+(?P<d2>\d{1,2}))"
    r"(?:,?\s+(?P<y>\d{4}))?)?)"
    r"\s*(?:\((?P<agency>[^()]{2,40})\))?\s*[-–—]+\s+"
)
_DATES = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mn>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})\b"),
    re.compile(r"\b(?P<mn>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b"),
    # day.month.year, the German/French numeric form ("23.10.2018")
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),
]


def fold(text: str) -> str:
    """Whitespace folded, curly quotes straightened (for display and comparison)."""
    # Called for every block of every page: skip the work when it would change nothing
    # (ASCII has no curly quotes; printable text without double or edge spaces has nothing to fold).
    text = straighten(text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def line_key(text: str) -> str:
    return fold(text).casefold()


# --------------------------------------------------------------------------- cues


@dataclass(frozen=True, slots=True)
class Cues:
    boilerplate: tuple[re.Pattern[str], ...]
    note: tuple[re.Pattern[str], ...]
    credit: tuple[re.Pattern[str], ...]
    header: tuple[re.Pattern[str], ...]
    tag_prefixes: tuple[str, ...]
    stamp_prefix: re.Pattern[str]
    byline_words: frozenset[str]
    byline_prefixes: tuple[str, ...]
    caption_words: frozenset[str]
    outlet_words: frozenset[str]
    minor: frozenset[str]
    stamp_words: frozenset[str] = frozenset()
    bio: tuple[re.Pattern[str], ...] = ()
    # Cookie/consent banner lines (may be long: the banner sentence itself).
    consent: tuple[re.Pattern[str], ...] = ()
    # Label lines printed alone above an unprefixed tag list ("Related Topics").
    tag_labels: frozenset[str] = frozenset()
    # "Image caption, " before a caption: the label and its separator, matched on the raw line.
    caption_label: re.Pattern[str] = re.compile("(?!)")
    # Prefixes of in-body links to other stories ("Also Read: <headline>").
    related_prefixes: tuple[str, ...] = ()
    # Longest first line of a text page read as its headline although it ends in a full stop.
    stop_headline_max_words: int = 16

    @staticmethod
    def _any(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
        k = line_key(text)
        return any(p.search(k) for p in patterns)

    def is_boilerplate(self, text: str) -> bool:
        return len(text) <= 120 and self._any(self.boilerplate, text)

    def is_note(self, text: str) -> bool:
        """An editorial note (credit, translator note, legal footer); long lines allowed."""
        return len(text) <= 400 and self._any(self.note, text)

    def is_credit(self, text: str) -> bool:
        return len(text) <= 120 and self._any(self.credit, text)

    def is_header(self, text: str) -> bool:
        return len(text) <= 120 and self._any(self.header, text)

    def is_bio(self, text: str) -> bool:
        return len(text) <= 400 and self._any(self.bio, text)

    def is_consent(self, text: str) -> bool:
        return len(text) <= 400 and self._any(self.consent, text)

    def is_furniture(self, text: str) -> bool:
        """A furniture cue line: short boilerplate or a consent-banner line."""
        return self.is_boilerplate(text) or self.is_consent(text)


@lru_cache(maxsize=8)
def load_cues(path: str | None = None) -> Cues:
    with open(path or CUES_PATH, "rb") as fh:
        raw: dict[str, Any] = tomllib.load(fh)

    def pats(section: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p) for p in raw.get(section, {}).get("patterns", []))

    return Cues(
        boilerplate=pats("boilerplate"),
        note=pats("note"),
        credit=pats("credit"),
        header=pats("header"),
        tag_prefixes=tuple(raw["tags"]["prefixes"]),
        # longest first: "last updated" before "updated"
        stamp_prefix=re.compile(
            "^(?:"
            + "|".join(
                re.escape(p)
                for p in sorted(raw.get("timestamp", {}).get("prefixes", []), key=len, reverse=True)
            )
            + r")(?!\w)"
            if raw.get("timestamp", {}).get("prefixes")
            else "(?!)"
        ),
        byline_words=frozenset(raw["byline"]["words"]),
        byline_prefixes=tuple(raw["byline"]["prefixes"]),
        caption_words=frozenset(raw["caption"]["words"]),
        bio=pats("bio"),
        consent=pats("consent"),
        tag_labels=frozenset(raw["tags"].get("labels", [])),
        caption_label=re.compile(
            "^(?:"
            + "|".join(re.escape(x) for x in sorted(raw["caption"].get("labels", []), key=len, reverse=True))
            + r")\s*[,:]\s+(?=\S)",
            re.I,
        )
        if raw["caption"].get("labels")
        else re.compile("(?!)"),
        outlet_words=frozenset(raw["outlet"]["words"]),
        related_prefixes=tuple(raw.get("related", {}).get("prefixes", [])),
        minor=frozenset(raw["minor"]["words"]),
        stop_headline_max_words=int(raw.get("headline", {}).get("stop_max_words", 16)),
        stamp_words=frozenset(
            [*raw.get("timestamp", {}).get("words", [])]
            + [w for p in raw.get("timestamp", {}).get("prefixes", []) for w in p.split()]
        ),
    )


# --------------------------------------------------------------------------- units


@dataclass(slots=True)
class Unit:
    """One block of the page (a paragraph, a headline, a caption) with exact offsets.

    The shape tests below are asked many times per unit while a page is read; each depends on
    the text alone, so its answer is kept on the unit (``None``: not asked yet).
    """

    start: int
    end: int
    text: str
    lines: int = 1
    role: str = ""
    key: str = ""
    _n_words: int = -1
    boiler: bool | None = None
    tagline: bool | None = None
    prose_head: bool | None = None
    prose: bool | None = None
    note: bool | None = None
    # A publication-time line: its ISO date ("" when it gives a time but no full date).
    stamp: str | None = None

    def __post_init__(self) -> None:
        self.key = line_key(self.text)

    @property
    def n_words(self) -> int:
        if self._n_words < 0:
            self._n_words = len(self.text.split())
        return self._n_words


def _lines(text: str) -> Iterable[tuple[int, int]]:
    """(start, end) of every line, stripped of surrounding white space; blank lines give (i, i)."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        lead = len(body) - len(body.lstrip())
        stripped = body.strip()
        yield (pos + lead, pos + lead + len(stripped)) if stripped else (pos, pos)
        pos += len(raw)


def split_units(text: str, cues: Cues) -> list[Unit]:
    """Blocks separated by blank lines; lines of a block stay together (a wrapped caption is one
    unit) unless the page has no blank lines at all or a line of the block is a cue line."""
    spans = list(_lines(text))
    has_blank = any(s == e for s, e in spans)
    blocks: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    for s, e in spans:
        if s == e:
            if cur:
                blocks.append(cur)
            cur = []
        else:
            cur.append((s, e))
    if cur:
        blocks.append(cur)
    units: list[Unit] = []
    for block in blocks:
        separate = len(block) == 1 or not has_blank
        if not separate:
            texts = [text[s:e] for s, e in block]
            separate = any(
                cues.is_furniture(t) or cues.is_credit(t) or cues.is_header(t) or _is_tagline(t, cues)
                for t in texts
            )
        if separate:
            units.extend(Unit(s, e, text[s:e]) for s, e in block)
        else:
            s, e = block[0][0], block[-1][1]
            units.append(Unit(s, e, text[s:e], lines=len(block)))
    return units


# --------------------------------------------------------------------------- line shape


def _strip_quotes(text: str) -> str:
    return text.strip().strip("\"'“”‘’«»()[] ")


def ends_terminal(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip()))


def content_words(text: str, cues: Cues) -> list[str]:
    out = []
    for w in _CONTENT.findall(straighten(text)):
        w = w.casefold()
        if w.endswith("'s"):
            w = w[:-2]
        if w not in cues.minor and len(w) > 1 and not w.isdigit():
            out.append(w)
    return out


def title_ratio(text: str, cues: Cues) -> float:
    """Share of non-function words that start with a capital (1.0 for Title Case headlines)."""
    ws = [w.lstrip("'’-.") for w in _WORD.findall(text)]
    ws = [
        w
        for w in ws
        if w and w.casefold().rstrip(".").removesuffix("'s").removesuffix("’s") not in cues.minor
    ]
    if len(ws) < 1:
        return 0.0
    return sum(1 for w in ws if w[0].isupper()) / len(ws)


def _is_tagline(text: str, cues: Cues, labelled: bool = False) -> bool:
    """A tag line; ``labelled``: the line follows a tag label line ("Topics"), so it is read as if
    it had a ``Tags:`` prefix."""
    # Cheap refusals first (every test here must pass for a tag line): one line, a comma list,
    # not a finished sentence. Most paragraphs stop at one of these.
    if "\n" in text or len(text) > 600 or "," not in text:
        return False
    k = text.strip()
    if k.endswith((".", "!", "?")):
        return False
    prefixed = labelled
    explicit = False
    low = k.casefold()
    for p in cues.tag_prefixes:
        if low.startswith(p):
            k, prefixed, explicit = k[len(p) :].strip(), True, True
            break
    items = [i.strip() for i in k.split(",")]
    if len(items) < (2 if prefixed else 3) or any(not i for i in items):
        return False
    for i in items:
        # After an explicit "Tags:" prefix, items may be lower case ("Tags: farm prices, MSP").
        if len(i.split()) > 8 or not (explicit or i[0].isupper() or i[0].isdigit()):
            return False
    tight = len(re.findall(r",(?=\S)", k))
    loose = len(re.findall(r",\s", k))
    short_items = len(items) >= 5 and max(len(i.split()) for i in items) <= 3
    return prefixed or tight > loose or short_items


def tag_items(text: str, cues: Cues) -> list[str]:
    k = text.strip()
    for p in cues.tag_prefixes:
        if k.casefold().startswith(p):
            k = k[len(p) :]
            break
    return [fold(i) for i in k.split(",") if i.strip()]


def ends_unfinished(text: str, cues: Cues) -> bool:
    """A line cut mid-sentence: ends with a comma or a function word."""
    t = text.rstrip().rstrip("\"'’”»)]").rstrip()
    if t.endswith((",", "-", "–")):
        return True
    last = _WORD.findall(t)
    return bool(last) and t.endswith(last[-1]) and last[-1].casefold() in cues.minor


def parse_date(text: str) -> str | None:
    """An ISO date for the first full (day, month, year) date in the text, else None."""
    for pat in _DATES:
        for m in pat.finditer(text):
            g = m.groupdict()
            month = int(g["m"]) if g.get("m") else MONTHS.get((g.get("mn") or "").casefold().rstrip("."))
            if not month:
                continue
            y, d = int(g["y"]), int(g["d"])
            if 1 <= d <= 31 and month <= 12 and 1800 <= y <= 2200:
                return f"{y:04d}-{month:02d}-{d:02d}"
    return None


def parse_stamp(text: str, cues: Cues) -> str | None:
    """A publication-time line ("Updated 2:40 PM GMT+1, November 13, 2024", "Published: 4 March
    2024", a bare "Tuesday 12 March 2024 09:15 CET"): its ISO date, "" for a cued time without a
    full date; None when the line says anything else (a byline, a headline with a date in it)."""
    if len(text) > 90 or "\n" in text or not _DIGIT.search(text):
        return None
    low = fold(text).casefold()
    m = cues.stamp_prefix.match(low)
    if m is None:
        # A place before the publication word ("Chandigarh, Updated: Feb 21, 2025 07:45 PM IST").
        place = _STAMP_PLACE.match(low)
        if place:
            m = cues.stamp_prefix.match(low[place.end() :])
            if m:
                low = low[place.end() :]
    cued = m is not None
    if m:
        low = low[m.end() :]
    low = re.sub(r"(?<=\d)t(?=\d)", " ", low)  # ISO "2024-11-13T14:02"
    # Nothing but date, time and zone words may remain (cheap test first: most lines fail it).
    for w in re.findall(r"[^\W\d_]+", low):
        if w not in MONTHS and w not in cues.stamp_words:
            return None
    date = parse_date(low)
    if date:
        return date
    return "" if cued and _TIME.search(low) else None


def match_dateline(text: str) -> re.Match[str] | None:
    m = _DATELINE.match(text)
    if not m:
        return None
    month = m.group("m1") or m.group("m2")
    if month and month.casefold() not in MONTHS:
        return None
    if not month and not m.group("agency"):
        return None  # a bare "Word -" is not a dateline
    return m


# --------------------------------------------------------------------------- segmenter


@dataclass(slots=True)
class _Post:
    units: list[Unit]
    title: Unit | None = None
    meta_title: str | None = None
    byline: str | None = None
    dateline: str | None = None
    published: str | None = None
    agency: str | None = None
    stamp: str | None = None  # date of a publication-time line
    site: str | None = None  # outlet/site line printed by the headline
    tags: list[str] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


class LayoutSegmenter:
    """Callable ``(page) -> list[Article]``.

    With ``site_memory`` the segmenter remembers short lines and titles per site (page.source or
    URL host) across the pages it sees: a line met on many pages of a site is furniture, a line
    that is another page's title is a related link. Off by default so results never depend on
    the order pages are ingested in.
    """

    def __init__(self, settings: Any = None, *, cues: Cues | None = None, site_memory: bool = False):
        self.cues = cues or load_cues()
        self.site_memory = site_memory
        self._site_pages: Counter[str] = Counter()
        self._site_lines: dict[str, Counter[str]] = {}
        self._site_titles: dict[str, set[str]] = {}

    # ------------------------------------------------------------------ shape predicates

    def is_boilerplate(self, u: Unit) -> bool:
        if u.boiler is None:
            u.boiler = self.cues.is_furniture(u.text)
        return u.boiler

    def is_note(self, u: Unit) -> bool:
        if u.note is None:
            u.note = self.cues.is_note(u.text)
        return u.note

    def is_tagline(self, u: Unit) -> bool:
        if u.tagline is None:
            u.tagline = _is_tagline(u.text, self.cues)
        return u.tagline

    def prose_head(self, u: Unit) -> bool:
        """A body paragraph for the purpose of finding where a post's head ends."""
        if u.prose_head is None:
            u.prose_head = self._prose_head(u)
        return u.prose_head

    def _prose_head(self, u: Unit) -> bool:
        t = u.text.rstrip()
        # Unit texts are stripped, so the cue tests on ``t`` and on ``u.text`` agree.
        if self.is_boilerplate(u) or self.is_tagline(u):
            return False
        if t.rstrip("\"'’”»)]").endswith("?"):
            return u.n_words >= 15
        return ends_terminal(t) and u.n_words >= 6

    def prose(self, u: Unit) -> bool:
        """A finished sentence/paragraph inside a body."""
        if u.prose is None:
            u.prose = ends_terminal(u.text) and u.n_words >= 2 and not self.is_boilerplate(u)
        return u.prose

    def headline(self, u: Unit) -> bool:
        t = u.text
        if u.lines > 1 or not 2 <= u.n_words <= 25 or t.rstrip("\"'’”»)]").endswith((".", ":", ";")):
            return False
        return len(content_words(t, self.cues)) >= 2 and title_ratio(t, self.cues) >= 0.6

    def byline_shaped(self, u: Unit) -> bool:
        t = fold(u.text)
        low = t.casefold()
        if u.lines > 1 or ends_terminal(t):
            return False
        if any(low.startswith(p) for p in self.cues.byline_prefixes) and u.n_words <= 12:
            return True
        words = low.split()
        if u.n_words <= 5 and any(w.strip(",|") in self.cues.byline_words for w in words):
            return True
        # A bare name: up to four capitalised words, no digits ("Jane Doe", an outlet name).
        return (
            u.n_words <= 4
            and len(t) <= 40
            and not _DIGIT.search(t)
            and all(w[0].isupper() for w in t.split() if w.casefold() not in self.cues.minor)
        )

    def byline_cued(self, u: Unit) -> bool:
        low = fold(u.text).casefold()
        if u.lines > 1 or u.n_words > 12 or ends_terminal(low):
            return False
        return any(low.startswith(p) for p in self.cues.byline_prefixes) or (
            u.n_words <= 5 and any(w.strip(",|") in self.cues.byline_words for w in low.split())
        )

    def related_cued(self, u: Unit) -> bool:
        """An in-body link to another story: "Also Read: <headline>" (a cue prefix, a separator,
        then a headline of 3+ words)."""
        if u.lines > 1 or not self.cues.related_prefixes:
            return False
        for p in self.cues.related_prefixes:
            if u.key.startswith(p):
                rest = u.key[len(p) :]
                if rest[:1] in (":", "|", "-", "–", "—", "»", ">"):
                    return len(rest[1:].split()) >= 3
        return False

    def caption_shaped(self, u: Unit) -> bool:
        """A photo caption, whatever its position: a line closing on a bracketed credit with a
        caption or outlet word or a colon ("[File: Reuters]", "(Photo: AFP)"), or a long line
        without a final stop that does not read as a headline (or reads as one but ends on a date)."""
        if ends_terminal(u.text) and not u.text.rstrip().endswith(("]", ")")):
            return False
        m = _BRACKET_CREDIT.search(u.text)
        if m and u.n_words >= 4:
            inner = m.group("c")
            words = {w.casefold() for w in _WORD.findall(inner)}
            if ":" in inner or "/" in inner or words & (self.cues.caption_words | self.cues.outlet_words):
                return True
        return (
            len(u.text) >= 90
            and not ends_terminal(u.text)
            and (not self.headline(u) or bool(_ENDS_DATE.search(u.text)))
        )

    def caption_cue(self, u: Unit) -> bool:
        first = [w.casefold().strip(":,.") for w in u.text.split()[:6]]
        return any(w in self.cues.caption_words for w in first)

    # ------------------------------------------------------------------ main

    def __call__(self, page: Page) -> list[Article]:
        cues = self.cues
        units = split_units(page.text, cues)
        if not units:
            return []
        site = self._site(page)
        counts = Counter(u.key for u in units)
        multi = sum(1 for u in units if u.lines > 1)
        # Paragraphs are single lines here, so a wrapped block is a figure caption with a line break.
        self._wrapped_is_caption = multi <= max(1, len(units) // 20)
        self._counts = counts
        self._site_now = site

        # Drop site-software credits; mark furniture, header lines and tag lines.
        kept: list[Unit] = []
        for u in units:
            if cues.is_credit(u.text):
                continue
            m = cues.caption_label.match(u.text)
            if m:
                # "Image caption, X": the caption is X; the label is in no part (like a dropped credit).
                u = Unit(u.start + m.end(), u.end, u.text[m.end() :], lines=u.lines, role="caption")
                kept.append(u)
                continue
            if self.is_boilerplate(u) or self._site_furniture(u):
                u.role = "boilerplate"
            elif u.n_words <= 16 and (stamp := parse_stamp(u.text, cues)) is not None:
                u.role, u.stamp = "boilerplate", stamp
            elif self.is_tagline(u) or (
                kept
                and kept[-1].key.rstrip(":") in cues.tag_labels
                and _is_tagline(u.text, cues, labelled=True)
            ):
                # A tag list under a label line ("Related Topics"): the label is furniture.
                u.role = "tags"
                if kept and kept[-1].key.rstrip(":") in cues.tag_labels:
                    kept[-1].role = "boilerplate"
            kept.append(u)
        units = kept
        if not units:
            return []

        posts = self._split_posts(units, page)
        for i, p in enumerate(posts):
            self._read_head(p, page, first=i == 0)
        titles = [fold(p.title.text) for p in posts if p.title is not None]
        # Page-wide facts about the titles, computed once (per post they made a large dump quadratic).
        kicker_titles = sum(1 for t in titles if self._kicker(t))
        self._title_index = _TitleIndex([set(content_words(t, cues)) for t in titles])
        for p in posts:
            self._read_body(p, titles, kicker_titles)

        articles = [self._article(page, i + 1, p) for i, p in enumerate(posts)]
        articles = [a for a in articles if a.parts]
        for i, a in enumerate(articles):
            a.seq = i + 1
            a.id = f"{page.id}-a{a.seq}"
        self._remember(site, units, titles)
        return articles

    # ------------------------------------------------------------------ posts

    def _split_posts(self, units: list[Unit], page: Page) -> list[_Post]:
        cues = self.cues
        # The page header: header-cue lines before anything else.
        i = 0
        while i < len(units) and units[i].role != "tags" and cues.is_header(units[i].text):
            units[i].role = "header"
            i += 1
        if page.fmt != "text":
            return [_Post(units=units)]  # readers give one article's clean text
        tag_idx = [j for j, u in enumerate(units) if u.role == "tags"]
        first_prose = next((j for j, u in enumerate(units) if self.prose_head(u)), len(units))
        if tag_idx and tag_idx[0] < first_prose:
            # Tag lines lead posts: each one opens a post; anything before the first is page header.
            for j in range(i, tag_idx[0]):
                if not units[j].role:
                    units[j].role = "header"
            starts = tag_idx
            starts[0] = 0
        else:
            starts = self._title_starts(units, i)
        return [_Post(units=units[s:e]) for s, e in zip(starts, [*starts[1:], len(units)], strict=True)]

    def _title_starts(self, units: list[Unit], first: int) -> list[int]:
        """Posts without tag lines: a headline opens a new post when it follows the previous post's
        tail (furniture, a byline) or is followed by a byline / dateline, and prose follows."""
        starts = [0]
        seen_prose = False
        for i in range(first, len(units)):
            u = units[i]
            if self.prose_head(u):
                # An editorial note above a headline ("Editor's note: ...") is not a post's paragraph.
                seen_prose = seen_prose or not self.is_note(u)
                continue
            if not seen_prose or u.role or u.lines > 1 or not 2 <= u.n_words <= 25 or ends_terminal(u.text):
                continue
            # A photo caption or an "Also Read: ..." link never opens a post.
            if self.caption_shaped(u) or self.related_cued(u):
                continue
            ahead = units[i + 1 : i + 5]
            k = next((j for j, v in enumerate(ahead) if self.prose_head(v)), None)
            # A publication-time line may sit between a headline and its first paragraph.
            if k is None or any(v.role and v.stamp is None for v in ahead[:k]):
                continue
            prev = units[i - 1]
            after_tail = prev.role == "boilerplate" or (
                self.byline_shaped(prev) and not self.prose_head(prev)
            )
            nxt = ahead[0]
            byline_next = (
                k > 0
                and self.byline_shaped(nxt)
                and any(fold(nxt.text).casefold().startswith(p) for p in self.cues.byline_prefixes)
            )
            dateline_next = k == 0 and match_dateline(nxt.text) is not None
            stamp_next = k > 0 and nxt.stamp is not None
            if after_tail or byline_next or dateline_next or stamp_next:
                starts.append(i)
                seen_prose = False
        return starts

    # ------------------------------------------------------------------ head

    def _read_head(self, p: _Post, page: Page, first: bool = True) -> None:
        us = p.units
        body0 = self._body0(us)
        # An editorial note leading the story ("This article was translated from French.") is
        # furniture, not its first paragraph -- as long as a real paragraph follows.
        while body0 < len(us) and self.is_note(us[body0]) and self._body0(us, body0 + 1) < len(us):
            us[body0].role = "boilerplate"
            body0 = self._body0(us, body0 + 1)
        if first and body0 == 0 and page.fmt == "text" and not page.title and self._stop_headline(us):
            body0 = 1  # a headline that ends in a full stop, above a longer first paragraph
        p.stamp = next((u.stamp for u in us if u.stamp), None)
        head = [j for j in range(body0) if not us[j].role]
        for j in range(body0):
            if us[j].role == "tags" and not p.tags:
                p.tags = tag_items(us[j].text, self.cues)
        title_j: int | None = None
        after_bracket: int | None = None
        # A photo title printed on both sides of the headline brackets it.
        for a, b, c in zip(head, head[1:], head[2:], strict=False):
            if us[a].key == us[c].key and us[b].key != us[a].key:
                title_j, after_bracket = b, c + 1
                us[a].role = us[c].role = "caption"
                break
        if title_j is None and page.title:
            title_j = next((j for j in head if us[j].key == line_key(page.title)), None)
            if title_j is None:
                p.meta_title = fold(page.title)
        # Outlet/site lines ("Reuters", "Global Affairs Review") printed by the headline.
        sites = [j for j in head if self._site_line(us, j, head, page)]
        # The head's anchor: the first "By" line or publication-time line. News pages print
        # [masthead] [section] headline [By line] [date]; the headline is the line right above it.
        anchor = next(
            (
                j
                for j in range(body0)
                if (us[j].stamp is not None) or (not us[j].role and self.byline_cued(us[j]))
            ),
            None,
        )
        dek_by: int | None = None
        if anchor is None and page.fmt == "text" and body0 < len(us):
            # A standfirst paragraph between the headline and the "By" line: the head ends there.
            nxt = next((k for k in range(body0 + 1, min(body0 + 4, len(us))) if not us[k].role), None)
            if (
                nxt is not None
                and self.byline_cued(us[nxt])
                and self._body0(us, nxt + 1) < len(us)
                and all(us[k].role == "boilerplate" for k in range(body0 + 1, nxt))
            ):
                dek_by, anchor = nxt, body0
        if title_j is None and p.meta_title is None and head:

            def score(j: int) -> float:
                u = us[j]
                s = title_ratio(u.text, self.cues) + (0.2 if 3 <= u.n_words <= 25 else 0.0)
                return s - (0.5 if self.caption_cue(u) else 0.0) - (0.5 if u.lines > 1 else 0.0)

            # A line that announces itself as a byline ("By ...", "Staff writer") is never the title,
            # nor, while another candidate is left, an outlet line, a one- or two-word label
            # ("World", "Opinion": a section, not a headline, however Title-Case it is), a section
            # line ("Colombia | Education", "OPINION") or a line led by a caption word.
            cands = [j for j in head if not self.byline_cued(us[j])] or head
            cands = [j for j in cands if j not in sites] or cands
            cands = [j for j in cands if us[j].n_words > 2] or cands
            cands = [j for j in cands if not self._section_line(us[j])] or cands
            cands = [j for j in cands if not self.caption_cue(us[j])] or cands
            above = [
                j
                for j in cands
                if anchor is not None
                and j < anchor
                and us[j].lines == 1
                and (len(us[j].text) < 90 or self.headline(us[j]))
            ]
            # Above an anchor the nearest line is the headline (a masthead or a section name
            # printed higher up can be just as Title-Case); elsewhere the most headline-like line.
            title_j = max(above) if above else max(cands, key=lambda j: (score(j), -j))
        if title_j is not None:
            us[title_j].role = "title"
            p.title = us[title_j]
        # A site line above the headline, or one next to a real "By" line, is furniture (the By line
        # is the byline); a site line alone under the headline stays a byline candidate.
        has_by = any(self.byline_cued(us[j]) for j in head if j not in sites and not us[j].role)
        for j in sites:
            if not us[j].role and (has_by or (title_j is not None and j < title_j)):
                us[j].role = "boilerplate"
                p.site = p.site or fold(us[j].text)
        # A one- or two-word label right above the headline is its section ("World", "Analysis").
        if title_j is not None and title_j - 1 in head:
            u = us[title_j - 1]
            if (
                not u.role
                and u.n_words <= 2
                and not self.caption_cue(u)
                and title_ratio(u.text, self.cues) == 1.0
            ):
                u.role = "boilerplate"
        # The page header zone: short lines above the page's first headline (masthead, section,
        # "Press Releases"), and section lines above any headline, are furniture; a photo caption
        # (caption word, long line) printed above a headline stays a caption.
        if title_j is not None:
            for j in head:
                u = us[j]
                if (
                    j < title_j
                    and not u.role
                    and u.lines == 1
                    and u.n_words <= 10
                    and not self.caption_cue(u)
                    and (first or self._section_line(u))
                ):
                    u.role = "boilerplate"
        # Tag chips under the headline ("Belarus | Freedom of Expression | Arbitrary Detention"):
        # three or more bar-separated labels below the title are the post's tags, not a breadcrumb
        # (breadcrumbs sit above the headline, and a two-item "Country | Section" line is a section).
        if title_j is not None:
            for j in head:
                u = us[j]
                if j > title_j and not u.role and self._section_line(u):
                    items = [fold(x) for x in re.split(r"\s+\|\s+", fold(u.text))]
                    if len(items) >= 3:
                        u.role = "tags"
                        p.tags = p.tags or items
        # Section lines elsewhere in the head ("Colombia | Education" under the headline) too.
        for j in head:
            if not us[j].role and _CRUMB.search(fold(us[j].text)) and self._section_line(us[j]):
                us[j].role = "boilerplate"
        if dek_by is not None:
            us[dek_by].role = "byline"
            p.byline = fold(us[dek_by].text)
        # A "By ..." line is the byline wherever it sits in the head; a bare name only without one.
        cued = next((j for j in head if not us[j].role and self.byline_cued(us[j])), None)
        # Lines between the head's start and the body: byline right under the title, else captions.
        # With no paragraph at all (a stub page) or clean reader text (HTML/JSONL: the reader already
        # removed figures), the lines that are not title or byline are the text itself.
        rest_role = "body" if body0 == len(us) or page.fmt != "text" else "caption"
        for j in head:
            u = us[j]
            if u.role:
                continue
            bare = (
                cued is None
                and (title_j is None or j > title_j)
                and (self.byline_cued(u) if page.fmt != "text" else self.byline_shaped(u))
                and (
                    title_j is None
                    or all(us[k].role in ("caption", "boilerplate", "") for k in range(title_j + 1, j))
                )
            )
            if p.byline is None and (j == cued or bare):
                u.role = "byline"
                p.byline = fold(u.text)
            elif self.is_note(u):
                u.role = "boilerplate"
            else:
                u.role = rest_role
        # The first paragraphs under the headline can still be captions: the photo's caption after
        # a bracketed title, a line led by "photo"/"image", a wrapped block on a one-line-paragraph page.
        j = body0
        while j < len(us) - 1:
            u = us[j]
            if u.role:
                j += 1
                continue
            nxt_prose = any(self.prose_head(v) for v in us[j + 1 : j + 3] if not v.role)
            is_cap = j == after_bracket or self.caption_cue(u) or (u.lines > 1 and self._wrapped_is_caption)
            if is_cap and nxt_prose:
                u.role = "caption"
                j += 1
                continue
            break
        p.units = us

    def _stop_headline(self, us: list[Unit]) -> bool:
        """Is a text page's first line its headline although it ends in a full stop? One short line of
        one sentence, no dateline, and a first paragraph after it at least half as long again (a lede
        is seldom as short as a headline; plain-text dumps often give the title a full stop)."""
        if len(us) < 2 or us[0].role or us[0].lines > 1:
            return False
        u, nxt = us[0], us[1]
        if not 3 <= u.n_words <= self.cues.stop_headline_max_words or match_dateline(u.text) is not None:
            return False
        if re.search(r"[.!?][\"'’”)]*\s+[A-Z“\"]", u.text.rstrip()):
            return False  # two sentences: a paragraph
        return self.prose_head(nxt) and nxt.n_words >= max(15, 1.5 * u.n_words)

    def _body0(self, us: list[Unit], start: int = 0) -> int:
        """Index of the first paragraph (free prose unit) at or after ``start``; len(us) if none."""
        return next((j for j in range(start, len(us)) if not us[j].role and self.prose_head(us[j])), len(us))

    def _section_line(self, u: Unit) -> bool:
        """A section/breadcrumb line of the page header: "Colombia | Education", "News > World",
        an all-caps label ("OPINION", "WORLD NEWS")."""
        if u.lines > 1 or u.n_words > 10 or ends_terminal(u.text) or _DIGIT.search(u.text):
            return False
        t = fold(u.text)
        crumbs = _CRUMB.split(t)
        if len(crumbs) >= 2 and all(
            1 <= len(c.split()) <= 4 and (c[0].isupper() or c[0].isdigit()) for c in crumbs
        ):
            return True
        letters = [c for c in t if c.isalpha()]
        return len(letters) >= 3 and u.n_words <= 3 and all(c.isupper() for c in letters)

    def _site_line(self, us: list[Unit], j: int, head: list[int], page: Page) -> bool:
        """An outlet/site name line in a post's head: short, a capitalised name (optionally with an
        edition/section suffix after a dash or bar), that is the page's source or URL host, has an
        outlet word ("Review", "Press", "Gazette") at either end of the name, or sits between a
        longer head line and a "By" line."""
        u = us[j]
        if u.lines > 1 or u.n_words > 8 or len(u.text) > 70 or ends_terminal(u.text):
            return False
        t = fold(u.text)
        name = _NAME_SUFFIX.split(t, maxsplit=1)[0]
        words = name.split()
        minor = self.cues.minor
        if not 1 <= len(words) <= 5 or not all(w[0].isupper() or w[0].isdigit() or w in minor for w in words):
            return False
        if self.byline_cued(u) or self.caption_cue(u):
            return False
        core = [w.casefold().strip(".,:;'’\"") for w in words]
        while len(core) > 1 and core[0] in minor:
            core = core[1:]
        compact = "".join(c for c in "".join(core) if c.isalnum())
        if page.source and compact == "".join(c for c in page.source.casefold() if c.isalnum()):
            return True
        if page.url:
            host = urlparse(page.url).netloc.casefold().removeprefix("www.")
            if compact and host.split(".")[0] == compact:
                return True
        outlet = self.cues.outlet_words
        if core[0] in outlet or core[-1] in outlet:
            return True
        # No outlet word: a name of at most four words printed between a longer line (the
        # headline, not a dated photo caption) and a "By" line.
        pos = head.index(j)
        if len(words) > 4 or pos == 0 or pos + 1 == len(head):
            return False
        prev, nxt = us[head[pos - 1]], us[head[pos + 1]]
        return (
            self.byline_cued(nxt)
            and prev.n_words > u.n_words + 2
            and not self.caption_cue(prev)
            and not _ENDS_DATE.search(prev.text)
        )

    # ------------------------------------------------------------------ body and tail

    def _read_body(self, p: _Post, titles: list[str], kicker_titles: int) -> None:
        us = p.units
        free = [j for j, u in enumerate(us) if not u.role]
        if not free:
            return
        first = free[0]

        def last_para(before: int) -> int:
            return max(
                (
                    j
                    for j in free
                    if j < before and not us[j].role and self.prose(us[j]) and not self.headline(us[j])
                ),
                default=first,
            )

        last = last_para(len(us))
        # Editorial notes closing the body (credits, translator notes, legal lines, the author's
        # bio line under a column) belong to the tail.
        while (
            last > first and not us[last].role and (self.is_note(us[last]) or self.cues.is_bio(us[last].text))
        ):
            us[last].role = "boilerplate"
            last = last_para(last)
        # Dateline at the start of the first paragraph.
        m = match_dateline(us[first].text)
        if m:
            p.dateline = fold(m.group("dl"))
            p.agency = m.group("agency")
            p.published = parse_date(m.group("dl"))
        for j in range(first, last + 1):
            u = us[j]
            if u.role:
                continue
            u.role = self._body_role(u, j, us, titles, kicker_titles)
        # Captions by neighbourhood: a short label directly followed by another label (a caption
        # or a heading, not a paragraph) is an image title, e.g. "Court Rulings" over a heading.
        for j in range(first, last):
            u, v = us[j], us[j + 1]
            if u.role == "heading" and v.role in ("heading", "caption") and j + 1 <= last:
                u.role = "caption"
        # A tag line printed under the body ("Topics: a, b") gives the post's tags if the head had none.
        if not p.tags:
            p.tags = next((tag_items(u.text, self.cues) for u in us[last + 1 :] if u.role == "tags"), [])
        # Tail: byline first, then furniture or links to other posts.
        clean = True  # every tail unit before this one is boilerplate (or unread): a byline may follow
        for j in range(last + 1, len(us)):
            u = us[j]
            if u.role:
                clean = clean and u.role == "boilerplate"
                continue
            # Notes are sentences or bracketed; the cheap shape test spares the cue scan on link lists.
            if (u.text[0] == "(" or self.prose(u)) and self.is_note(u):
                u.role = "boilerplate"
            elif p.byline is None and clean and self.byline_shaped(u):
                u.role = "byline"
                p.byline = fold(u.text)
            elif u.n_words >= 3 and not self.prose(u) and not _CONTACT.search(u.text):
                u.role = "related_link"
            else:
                u.role = "boilerplate"
            clean = clean and u.role == "boilerplate"

    def _kicker(self, text: str) -> bool:
        m = _KICKER.match(fold(text))
        return m is not None and len(m.group("k").split()) <= 4 and len(m.group("rest").split()) >= 3

    def _body_role(self, u: Unit, j: int, us: list[Unit], titles: list[str], kicker_titles: int) -> str:
        cues = self.cues
        if self.related_cued(u):
            return "related_link"
        if self.prose(u) or _LIST_ITEM.match(u.text) or ends_unfinished(u.text, cues):
            return "body"
        # A live-blog entry's time line ("13:50 GMT") is part of the running text.
        if u.n_words <= 3 and _BARE_TIME.match(u.text):
            return "body"
        # Several sentences or a quoted passage: a paragraph whose final stop is missing.
        if _SENTENCE_BREAK.search(u.text) or (_OPEN_QUOTE.match(u.text) and len(u.text) >= 90):
            return "body"
        # A long line without a full stop is a photo caption, not a heading (unless it reads as
        # a headline; captions then still give themselves away by ending on a date).
        # A bracketed photo credit at the end ("... [File: Reuters]") marks a caption too.
        if self.caption_shaped(u):
            return "caption"
        prev = us[j - 1] if j else None
        nxt = us[j + 1] if j + 1 < len(us) else None
        if prev is not None and prev.role == "caption" and u.key.startswith(prev.key):
            return "caption"
        if nxt is not None and nxt.key.startswith(u.key) and nxt.key != u.key and not self.prose(nxt):
            return "caption"
        if self._counts[u.key] > 1:
            return "caption"
        if self._related(u, titles, kicker_titles):
            return "related_link"
        return "heading"

    def _related(self, u: Unit, titles: list[str], kicker_titles: int) -> bool:
        """A headline-shaped line inside a body that names another post."""
        if not self.headline(u) or u.n_words < 4:
            return False
        if self.site_memory and self._site_now and u.key in self._site_titles.get(self._site_now, set()):
            return True
        if kicker_titles >= 2 and self._kicker(u.text):
            return True
        return self._title_index.shares_most(set(content_words(u.text, self.cues)))

    # ------------------------------------------------------------------ article

    def _article(self, page: Page, seq: int, p: _Post) -> Article:
        parts: list[Part] = []
        for u in p.units:
            role = u.role or "body"
            if role == "body" and not parts_has_body(parts):
                m = match_dateline(u.text)
                if m:
                    dl_end = u.start + m.end("dl")
                    parts.append(
                        Part(role="dateline", start=u.start, end=dl_end, text=page.text[u.start : dl_end])
                    )
                    rest = u.start + m.end()
                    parts.append(Part(role="body", start=rest, end=u.end, text=page.text[rest : u.end]))
                    continue
            parts.append(Part(role=role, start=u.start, end=u.end, text=u.text))
        body = [x for x in parts if x.role in ("body", "heading", "dateline")]
        start = min((x.start for x in parts), default=0)
        end = max((x.end for x in parts), default=0)
        byline = self._clean_byline(p.byline) if p.byline else (fold(page.author) if page.author else None)
        source = page.source or p.agency or p.site
        if source is None and p.byline and self._outlet(p.byline):
            source = p.byline
        published = page.published or p.stamp or p.published
        if published is None and p.byline:
            published = parse_date(p.byline)
        # A photo title printed twice (above and below the headline) is one caption.
        captions = list(dict.fromkeys(fold(x.text) for x in parts if x.role == "caption"))
        return Article(
            id=f"{page.id}-a{seq}",
            page_id=page.id,
            seq=seq,
            start=start,
            end=end,
            body_start=body[0].start if body else start,
            body_end=body[-1].end if body else start,
            title=fold(p.title.text) if p.title else p.meta_title,
            byline=byline,
            dateline=p.dateline,
            published=published,
            source=source,
            url=page.url,
            tags=p.tags or list(page.tags),
            captions=captions,
            parts=parts,
        )

    def _clean_byline(self, text: str) -> str:
        """The name in a byline line: "Posted by Jane Doe on June 5, 2021" -> "Jane Doe"."""
        t = fold(text)
        for pfx in sorted(self.cues.byline_prefixes, key=len, reverse=True):
            if t.casefold().startswith(pfx):
                t = t[len(pfx) :]
                break
        t = re.split(r"\s+(?:on|am|le|el)\s+(?=\S*\d|[A-Z][a-z]+\.? \d)|\s*[|•·—–]\s*", t)[0]
        for pat in _DATES:
            m = pat.search(t)
            if m and m.end() == len(t):
                t = t[: m.start()]
        t = t.strip(" ,")
        # "Jane Doe, Transport Correspondent": the job title after the comma is not the name.
        name, sep, job = t.partition(", ")
        if sep and name and any(w.casefold().strip(".,") in self.cues.byline_words for w in job.split()):
            t = name
        return t or fold(text)

    def _outlet(self, byline: str) -> bool:
        words = [w.casefold().strip(".,") for w in byline.split()]
        return any(w in self.cues.outlet_words for w in words) and not any(
            w in self.cues.byline_words for w in words
        )

    # ------------------------------------------------------------------ site memory

    @staticmethod
    def _site(page: Page) -> str | None:
        if page.source:
            return page.source.casefold()
        if page.url:
            return urlparse(page.url).netloc.casefold() or None
        return None

    def _site_furniture(self, u: Unit) -> bool:
        if not self.site_memory or not self._site_now or u.n_words > 12 or ends_terminal(u.text):
            return False
        pages = self._site_pages[self._site_now]
        seen = self._site_lines.get(self._site_now, Counter())[u.key]
        return pages >= 3 and seen >= max(3, pages // 2)

    def _remember(self, site: str | None, units: list[Unit], titles: list[str]) -> None:
        if not self.site_memory or not site:
            return
        self._site_pages[site] += 1
        lines = self._site_lines.setdefault(site, Counter())
        lines.update({u.key for u in units if u.n_words <= 12})
        self._site_titles.setdefault(site, set()).update(line_key(t) for t in titles)


class _TitleIndex:
    """The page's post titles as content-word sets, looked up by word: "does a title share at least
    3 of these words, and at least half of them?" costs the words' postings, not a pass over every
    title (a dump of thousands of posts asked it for every heading-shaped line)."""

    def __init__(self, titles: list[set[str]]) -> None:
        self.postings: dict[str, list[int]] = {}
        for i, words in enumerate({frozenset(t): None for t in titles}):  # identical titles once
            for w in words:
                self.postings.setdefault(w, []).append(i)

    def shares_most(self, mine: set[str]) -> bool:
        shared: Counter[int] = Counter()
        for w in mine:
            shared.update(self.postings.get(w, ()))
        need = max(3, 0.5 * len(mine))
        return any(n >= need for n in shared.values())


def parts_has_body(parts: list[Part]) -> bool:
    return any(x.role in ("body", "dateline") for x in parts)


def segment_page(page: Page, **kwargs: Any) -> list[Article]:
    """Convenience: segment one page with a fresh segmenter."""
    return LayoutSegmenter(**kwargs)(page)
