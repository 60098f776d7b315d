"""Cue words and text normalisation for the layout segmenter (data/segment_cues.toml)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

CUES_PATH = Path(__file__).parent.parent / "data" / "segment_cues.toml"

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
# Breadcrumb separators in a section line ("Peru | Health", "News > World").
_CRUMB = re.compile(r"\s+[|>»›/]\s+")
# Contact details (a phone number, an e-mail address): a tail line holding them is no link to a post.
_CONTACT = re.compile(r"\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\+\d[\d ().-]{7,}\d|[\w.+-]+@[\w-]+\.[\w.]+")

# A place name and comma before a publication word ("lucknow, updated: ...", casefolded).
_STAMP_PLACE = re.compile(r"^[^\W\d_][^\W\d_ .'’-]*(?:[ -][^\W\d_][^\W\d_.'’-]*){0,2},\s*")
# A photo credit in brackets closing a caption ("... June 2, 2024 [File: AP]", "(AFP/Getty)").
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
# "Oslo, 9 May -", "LAGOS, March 3 (Reuters) -", "PARIS, 4 July 2019 —", "WASHINGTON (AP) —"
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
    # Longest line read as a title; a block with `paragraph_lines` lines past `wrap_max_chars`
    # is one paragraph per line (text dumps).
    title_max_words: int = 40
    wrap_max_chars: int = 100
    paragraph_lines: int = 3

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
        title_max_words=int(raw.get("headline", {}).get("max_words", 40)),
        wrap_max_chars=int(raw.get("headline", {}).get("wrap_max_chars", 100)),
        paragraph_lines=int(raw.get("headline", {}).get("paragraph_lines", 3)),
        stamp_words=frozenset(
            [*raw.get("timestamp", {}).get("words", [])]
            + [w for p in raw.get("timestamp", {}).get("prefixes", []) for w in p.split()]
        ),
    )


