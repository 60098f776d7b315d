"""Pages read from HTML: parts labelled from the page's markup, body by default.

The HTML reader hands over trafilatura's main text with its *layout* (``page.meta["layout"]``:
``[start, end, kind]`` per block, kinds from the markup: ``title``, ``lead``, ``p``, ``head``,
``list``, ``quote``, ``code``, ``table``, ``comment``; ``:link`` when the block is all link text,
``:caption`` when it is a figure caption; see ingest/html_layout.py). trafilatura has already
dropped most furniture, so here a block is body unless there is strong evidence otherwise:

- the markup says so: the title block, readers' comments, figure captions, link-only blocks
  after the last paragraph (related links), a link-only headline inside the body;
- a cue line the text segmenter also trusts (segment_cues.toml): furniture ("Share this",
  newsletter prompts, cookie banners), a publication-time line, a tag line, an "Also read:"
  link, a bracketed photo credit, an editorial note or author bio closing the text, a "By"
  line before the first paragraph.

Shape guesses that serve plain-text dumps (a long line without a full stop is a caption, a
short Title-Case line is a related link) are *not* used here: on real pages they turned lead
paragraphs, subheadings, code and list items into captions (docs/segmentation.md).
Plain-text pages go to :class:`~presslens.segment.LayoutSegmenter` unchanged.
"""

from __future__ import annotations

import bisect
import tomllib
from functools import cache
from typing import Any

from .records import Article, Page
from .registry import segmenters
from .segment.cues import _BRACKET_CREDIT, _DIGIT, _WORD, CUES_PATH, fold
from .segment.layout import LayoutSegmenter, fold_empty_articles
from .segment.units import (
    Unit,
    _is_tagline,
    _Post,
    match_dateline,
    parse_date,
    parse_stamp,
    split_units,
    tag_items,
)


def _compact(text: str) -> str:
    return "".join(c for c in text.casefold() if c.isalnum())


@cache
def bio_labels() -> frozenset[str]:
    """Label lines over an author box ("About the author"), from segment_cues.toml [bio]."""
    with open(CUES_PATH, "rb") as fh:
        return frozenset(tomllib.load(fh).get("bio", {}).get("labels", []))


class PageSegmenter(LayoutSegmenter):
    """The ``layout`` segmenter: HTML pages (with a reader layout) by markup, text by layout rules."""

    def __call__(self, page: Page) -> list[Article]:
        layout = page.meta.get("layout") if page.meta else None
        if not layout or page.fmt == "text":
            return apply_article_meta(page, super().__call__(page))
        articles: list[Article] = []
        for i, post in enumerate(self.html_posts(page, layout)):
            if post.units:
                art = self._article(page, len(articles) + 1, post)
                if i:  # the comments post: the page's author did not write it
                    art.byline = None
                articles.append(art)
        return fold_empty_articles(articles)

    # ------------------------------------------------------------------ markup

    @staticmethod
    def _kinds(units: list[Unit], layout: list[list[Any]]) -> list[str]:
        starts = [b[0] for b in layout]
        out = []
        for u in units:
            i = bisect.bisect_right(starts, u.start) - 1
            out.append(str(layout[i][2]) if i >= 0 and u.start < layout[i][1] else "p")
        return out

    def html_posts(self, page: Page, layout: list[list[Any]]) -> list[_Post]:
        """The article, and the readers' comments under it as a post of their own (so nothing a
        commenter wrote is read as the article's text, and the thread is still kept and analysed)."""
        units = split_units(page.text, self.cues)
        kinds = self._kinds(units, layout)
        main = [(u, k) for u, k in zip(units, kinds, strict=True) if not k.startswith("comment")]
        thread = [u for u, k in zip(units, kinds, strict=True) if k.startswith("comment")]
        posts = [self.html_post(page, [u for u, _ in main], [k for _, k in main])]
        if thread:
            posts.append(self.comment_post(page, thread))
        return posts

    def html_post(self, page: Page, units: list[Unit], kinds: list[str]) -> _Post:
        post = _Post(units=units)
        title_key = _compact(page.title) if page.title else None
        for j, (u, kind) in enumerate(zip(units, kinds, strict=True)):
            is_title = kind == "title" or (j < 3 and bool(title_key) and _compact(u.text) == title_key)
            if is_title and post.title is None:
                u.role, post.title = "title", u
                continue
            self._cue_role(u, kind, units[j - 1] if j else None)
        if post.title is None and page.title:
            post.meta_title = fold(page.title)
        self._author_boxes(units)
        self._body_extent(post, kinds)
        return post

    def comment_post(self, page: Page, units: list[Unit]) -> _Post:
        """Readers' comments: their text is the post's body; counters, prompts, dates and the
        commenters' name lines are furniture."""
        post = _Post(units=units, meta_title=f"Comments: {fold(page.title)}" if page.title else "Comments")
        for j, u in enumerate(units):
            self._cue_role(u, "comment", units[j - 1] if j else None)
            if u.role in ("caption", "tags", "related_link"):
                u.role = "boilerplate"
            if not u.role:
                dated = u.n_words <= 8 and bool(_DIGIT.search(u.text))
                u.role = "boilerplate" if not self.prose(u) and (dated or self.byline_shaped(u)) else "body"
        return post

    def _cue_role(self, u: Unit, kind: str, prev: Unit | None) -> None:
        """Roles proven by a cue line or by the markup, wherever the block sits."""
        cues = self.cues
        m = cues.caption_label.match(u.text)
        if (cues.is_credit(u.text) and not self.prose(u)) or self.is_boilerplate(u):
            u.role = "boilerplate"
        elif m:
            u.role = "caption"
        elif u.n_words <= 16 and (stamp := parse_stamp(u.text, cues)) is not None:
            u.role, u.stamp = "boilerplate", stamp
        elif (self.is_tagline(u) and u.key.startswith(cues.tag_prefixes)) or (
            prev is not None and prev.key.rstrip(":") in cues.tag_labels and _is_tagline(u.text, cues, labelled=True)
        ):
            u.role = "tags"
            if prev is not None and prev.key.rstrip(":") in cues.tag_labels:
                prev.role = "boilerplate"
        elif self.related_cued(u):
            u.role = "related_link"
        elif kind.endswith(":caption") or self._credit_caption(u):
            u.role = "caption"

    @staticmethod
    def _author_boxes(units: list[Unit]) -> None:
        """An author-box label ("About the author", "AUTOR") and the paragraph under it."""
        labels = bio_labels()
        for j, u in enumerate(units):
            if u.role or u.n_words > 5 or u.key.rstrip(":.") not in labels:
                continue
            u.role = "boilerplate"
            nxt = next((v for v in units[j + 1 : j + 3] if v.role != "boilerplate"), None)
            if nxt is not None and not nxt.role and len(nxt.text) <= 600:
                nxt.role = "boilerplate"

    def _credit_caption(self, u: Unit) -> bool:
        """A line closing on a bracketed photo credit ("... [File: Reuters]", "(Photo: AFP)")."""
        m = _BRACKET_CREDIT.search(u.text)
        if not m or u.n_words < 4 or u.lines > 1:
            return False
        inner = m.group("c")
        words = {w.casefold() for w in _WORD.findall(inner)}
        return ":" in inner or "/" in inner or bool(words & (self.cues.caption_words | self.cues.outlet_words))

    def _byline(self, u: Unit, kind: str) -> bool:
        """A "By Jane Doe" line: a byline prefix followed by a short capitalised name (so a German
        subheading "Von der Idee zum Produkt" is no byline), or a short line with a job word."""
        if kind.startswith("head") or not self.byline_cued(u):
            return False
        low = u.key
        pfx = next((p for p in self.cues.byline_prefixes if low.startswith(p)), None)
        if pfx is None:
            return True
        words = fold(u.text)[len(pfx) :].replace(",", " ").split()
        names = [w for w in words if w.casefold() not in self.cues.minor]
        return 1 <= len(names) <= 6 and all(w[0].isupper() for w in names[:2])

    def _link_list(self, u: Unit) -> bool:
        """Every line of a link-only block reads as another story's headline (3 to 25 words, no
        closing full stop): related links, not a list of sources or a "download here" line."""
        lines = [fold(x).lstrip("-•*· ") for x in u.text.split("\n") if x.strip()]
        return all(3 <= len(x.split()) <= 25 and not x.rstrip("\"'’”»)").endswith((".", ":", ";")) for x in lines)

    def _paragraph(self, u: Unit, kind: str) -> bool:
        """A paragraph of the running text: prose in a text block, not link text."""
        base = kind.split(":")[0]
        return not kind.endswith(":link") and base in ("p", "lead", "quote", "list", "table") and self.prose(u)

    def _body_extent(self, p: _Post, kinds: list[str]) -> None:
        us = p.units
        free = [j for j, u in enumerate(us) if not u.role]
        paras = [j for j in free if self._paragraph(us[j], kinds[j])]
        first = paras[0] if paras else (free[0] if free else len(us))
        last = paras[-1] if paras else len(us) - 1
        # Editorial notes and the author's bio closing the text belong to the tail.
        while last > first and (self.is_note(us[last]) or self.cues.is_bio(us[last].text)):
            us[last].role = "boilerplate"
            last = max((j for j in paras if j < last and not us[j].role), default=first)
        for j, u in enumerate(us):
            if u.role:
                continue
            kind = kinds[j]
            link = kind.endswith(":link")
            if j > last and link and self._link_list(u):
                u.role = "related_link"
            elif j > last and (self.is_note(u) or self.cues.is_bio(u.text)):
                u.role = "boilerplate"
            elif j > last and p.byline is None and self._byline(u, kind):
                u.role, p.byline = "byline", fold(u.text)
            else:
                u.role = "heading" if kind.startswith("head") else "body"
        body = [j for j, u in enumerate(us) if u.role == "body"]
        if body:
            m = match_dateline(us[body[0]].text)
            if m:
                p.dateline = fold(m.group("dl"))
                p.agency = m.group("agency")
                p.published = parse_date(m.group("dl"))
        p.stamp = next((u.stamp for u in us if u.stamp), None)
        p.tags = next((tag_items(u.text, self.cues) for u in us if u.role == "tags"), [])


def apply_article_meta(page: Page, articles: list[Article]) -> list[Article]:
    """Per-post metadata a sidecar gives for an archive page (``page.meta["articles"]``, see
    ingest/text.py): a post whose title matches takes its ``published`` (and ``byline``)."""
    given = {_compact(a["title"]): a for a in (page.meta or {}).get("articles") or []}
    if not given:
        return articles
    for art in articles:
        extra = given.get(_compact(art.title or ""))
        if extra:
            art.published = _first_str(extra.get("published")) or art.published
            art.byline = _first_str(extra.get("byline")) or art.byline
    return articles


def _first_str(v: Any) -> str | None:
    return str(v).strip() or None if v else None


@segmenters.register("layout")
def make_layout_segmenter(settings: Any = None) -> PageSegmenter:
    return PageSegmenter(settings)
