"""Units (blocks of a page with exact offsets), their shape tests and date/stamp parsing."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..records import Part
from .cues import (
    _CONTENT,
    _DATELINE,
    _DATES,
    _DIGIT,
    _STAMP_PLACE,
    _TERMINAL,
    _TIME,
    _WORD,
    MONTHS,
    Cues,
    fold,
    line_key,
    straighten,
)


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


def split_units(text: str, cues: Cues, line_paragraphs: bool = False) -> list[Unit]:
    """Blocks separated by blank lines; lines of a block stay together (a wrapped caption is one
    unit) unless the page has no blank lines at all or a line of the block is a cue line.

    rule line_per_paragraph (``line_paragraphs``, text dumps): a block with several lines longer
    than a wrap width (``cues.paragraph_lines``) is not one wrapped caption but one paragraph per
    line, so each line is a unit ("Council opens new library\nThe council said on Monday that
    ... [120 characters]\nIts director said ... [150 characters]\n...")."""
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
        if not separate and line_paragraphs:
            separate = sum(e - s > cues.wrap_max_chars for s, e in block) >= cues.paragraph_lines
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
    """A publication-time line ("Updated 9:15 AM GMT+2, March 5, 2023", "Published: 4 March
    2024", a bare "Tuesday 12 March 2024 09:15 CET"): its ISO date, "" for a cued time without a
    full date; None when the line says anything else (a byline, a headline with a date in it)."""
    if len(text) > 90 or "\n" in text or not _DIGIT.search(text):
        return None
    low = fold(text).casefold()
    m = cues.stamp_prefix.match(low)
    if m is None:
        # A place before the publication word ("Lucknow, Updated: Mar 4, 2024 09:10 AM IST").
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
