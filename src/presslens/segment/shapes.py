"""Shape predicates of units, asked many times while a page is read (a mixin of the segmenter)."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

from ..records import Page
from .cues import _BRACKET_CREDIT, _DATES, _DIGIT, _ENDS_DATE, _KICKER, _WORD, Cues, fold
from .units import Unit, _is_tagline, content_words, ends_terminal, title_ratio


class UnitShapes:
    """What kind of line a unit looks like; the segmenter's state is declared for the mixins."""

    cues: Cues
    site_memory: bool
    _site_pages: Counter[str]
    _site_lines: dict[str, Counter[str]]
    _site_titles: dict[str, set[str]]
    _wrapped_is_caption: bool
    _counts: Counter[str]
    _site_now: str | None

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

    def _kicker(self, text: str) -> bool:
        m = _KICKER.match(fold(text))
        return m is not None and len(m.group("k").split()) <= 4 and len(m.group("rest").split()) >= 3

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
