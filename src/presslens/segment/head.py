"""Reading a post's head: where posts start, then tags, captions, title, byline, dateline."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from ..records import Page
from .cues import _CRUMB, _DIGIT, _ENDS_DATE, _NAME_SUFFIX, fold, line_key
from .shapes import UnitShapes
from .units import Unit, _Post, ends_terminal, match_dateline, tag_items, title_ratio

# A bracketed note closing an outlet's name (its edition or city, "Daily Star (Beirut)") is not part of the name.
_BRACKETED = re.compile(r"\s*\([^()]*\)\s*$")


class HeadReader(UnitShapes):
    """Finds post starts and reads each post's head (a mixin of the segmenter)."""

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
        # An editorial note leading the story ("This article was translated from Spanish.") is
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
        # Outlet/site lines ("Reuters", "World Policy Digest") printed by the headline.
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
        # rule title_is_short: a title is one line of at most ``title_max_words`` words; a block of
        # several lines or a paragraph-long line is text (a dump run together), never the title.
        short = [j for j in head if us[j].lines == 1 and us[j].n_words <= self.cues.title_max_words]
        if title_j is None and p.meta_title is None and short:

            def score(j: int) -> float:
                u = us[j]
                s = title_ratio(u.text, self.cues) + (0.2 if 3 <= u.n_words <= 25 else 0.0)
                return s - (0.5 if self.caption_cue(u) else 0.0) - (0.5 if u.lines > 1 else 0.0)

            # A line that announces itself as a byline ("By ...", "Staff writer") is never the title,
            # nor, while another candidate is left, an outlet line, a one- or two-word label
            # ("World", "Opinion": a section, not a headline, however Title-Case it is), a section
            # line ("Peru | Health", "OPINION") or a line led by a caption word.
            cands = [j for j in short if not self.byline_cued(us[j])] or short
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
        # Tag chips under the headline ("Laos | Press Freedom | Detention"):
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
        # Section lines elsewhere in the head ("Peru | Health" under the headline) too.
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
        """A section/breadcrumb line of the page header: "Peru | Health", "News > World",
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
        name = _BRACKETED.sub("", _NAME_SUFFIX.split(t, maxsplit=1)[0])  # "Daily Star (Beirut)": an edition
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
        if page.source and compact == "".join(c for c in _BRACKETED.sub("", page.source).casefold() if c.isalnum()):
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
