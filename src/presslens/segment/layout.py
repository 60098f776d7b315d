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

from collections import Counter
from dataclasses import replace
from typing import Any

from ..records import Article, Page, Part
from .cues import (
    _BARE_TIME,
    _CONTACT,
    _LIST_ITEM,
    _OPEN_QUOTE,
    _SENTENCE_BREAK,
    Cues,
    fold,
    line_key,
    load_cues,
)
from .head import HeadReader
from .units import (
    Unit,
    _is_tagline,
    _Post,
    content_words,
    ends_unfinished,
    match_dateline,
    parse_date,
    parse_stamp,
    split_units,
    tag_items,
)


class LayoutSegmenter(HeadReader):
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

    def __call__(self, page: Page) -> list[Article]:
        cues = self.cues
        units = split_units(page.text, cues, line_paragraphs=page.fmt == "text")
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
        articles = fold_empty_articles([a for a in articles if a.parts])
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


def fold_empty_articles(articles: list[Article]) -> list[Article]:
    """rule empty_post_as_parts: a post with no text (no body, heading or dateline part: a
    headline over nothing, a comment thread that is all counters and prompts) is no article;
    its parts are kept, as furniture of the previous article with text (the next, before the
    first), so nothing on the page is lost. A page where no post has text keeps its articles."""
    if all(a.body_parts() for a in articles) or not any(a.body_parts() for a in articles):
        return articles
    out: list[Article] = []
    pending: list[Part] = []
    for a in articles:
        if a.body_parts():
            out.append(a)
            a.parts.extend(pending)
            pending = []
            continue
        # The empty post's headline is not this article's title: it stays a recorded part.
        moved = [replace(x, role="boilerplate") if x.role == "title" else x for x in a.parts]
        if out:
            out[-1].parts.extend(moved)
        else:
            pending.extend(moved)
    for i, a in enumerate(out):
        a.parts.sort(key=lambda x: x.start)
        a.start = min(x.start for x in a.parts)
        a.end = max(x.end for x in a.parts)
        a.seq = i + 1
        a.id = f"{a.page_id}-a{a.seq}"
    return out


def segment_page(page: Page, **kwargs: Any) -> list[Article]:
    """Convenience: segment one page with a fresh segmenter."""
    return LayoutSegmenter(**kwargs)(page)
