"""Statements in headlines and inline headline links.

Headline style attributes without verbs: "OIE: China ... under-reporting ..." (a source, a colon,
what it says), and quotation marks around a claim the headline does not own ("Hundreds of contract
pilots 'treated as spare parts'"). Reporting verbs in a headline are read by the
frames like body text ("Australia appeals for ..."); every such quote is marked ``headline``.
Inline headline links (masked from the parse) can carry a labelled statement ("Former MEP: “...”").
"""

from __future__ import annotations

import re
from typing import Any

from ...records import Analysis, Quote, stable_id
from .base import ExtractorBase
from .items import Cand, RawQuote
from .lexicon import cues
from .marks import CLOSE, OPEN

_LINKED_LABEL = re.compile(r"[ \t]*(?P<label>[A-Z][^:“”\"\n]{1,59}?):[ \t]*[“\"«](?P<q>[^”\"»\n]+?)[”\"»]?[ \t]*$",
                           re.M)


def linked_headlines(a: Analysis) -> None:
    """Inline headline links are masked from the parse, yet one can carry a labelled statement
    ("Former Senator: “The Main Goal of the Agency Is ...”"): a direct quote, the label as speaker text (none for a
    bare role such as "Former MEP")."""
    pn = cues()["person_nouns"]
    for part in a.article.parts:
        if part.role != "related_link":
            continue
        m = _LINKED_LABEL.match(a.page_text, part.start, part.end)
        if m is None or len(m.group("q").split()) < 3:
            continue
        label = m.group("label")
        last = label.split()[-1].lower().rstrip(".")
        role_only = last in pn or last.rstrip("s") in pn
        s, e = m.start("q"), m.end("q")
        a.quotes.append(Quote(
            id=stable_id(a.article.id, "quote", "direct", s, e), article_id=a.article.id, start=s, end=e,
            text=a.page_text[s:e], kind="direct",
            speaker_text=None if role_only else label,
            speaker_start=None if role_only else m.start("label"),
            speaker_end=None if role_only else m.end("label"),
            speaker_id=None, cue=":", cue_start=m.end("label"), cue_end=m.end("label") + 1))


_COLON = re.compile(r"(?P<src>[^:\n]{2,60}?):\s+(?P<content>\S.*)")


class HeadlineRules(ExtractorBase):
    def headline_quotes(self, found: list[RawQuote]) -> list[RawQuote]:
        """Quotes in the article's title lines: those the other rules found there are marked ``headline``;
        a title with none gets one from its colon ("X: ...") or its quotation marks (no speaker)."""
        out: list[RawQuote] = []
        for s, e in self._title_lines():
            mine = [q for q in found if s <= q.start < e]
            for q in mine:
                q.headline = True
            if not mine:
                got = self._colon_headline(s, e) or self._marked_headline(s, e)
                if got is not None:
                    out.append(got)
        return out

    def _title_lines(self) -> list[tuple[int, int]]:
        out = []
        for m in re.finditer(r"[^\n]+", self.text):
            if m.group().strip() and self.role(m.start()) == "title":
                s, e = m.start(), m.end()
                while s < e and self.text[s].isspace():
                    s += 1
                while e > s and (self.text[e - 1].isspace() or self.text[e - 1] == "."):
                    e -= 1
                out.append((s, e))
        return out

    def _colon_headline(self, s: int, e: int) -> RawQuote | None:
        """"UNICEF: Thousands of Malians displaced from Gao in "urgent" need of aid": the source before the colon
        (a name, not a label such as "Analysis" or "Live"), the claim after it; a claim wholly in quotation
        marks is a direct quote."""
        m = _COLON.match(self.text, s, e)
        if m is None:
            return None
        src = m.group("src").strip()
        words = src.split()
        labels = {w.lower() for w in self.c["headline_labels"]}
        if not 1 <= len(words) <= 5 or not words[0][:1].isupper() or src.lower() in labels:
            return None
        span = self.doc.char_span(m.start("src"), m.start("src") + len(src), alignment_mode="expand")
        if span is None or not len(span) or not self._can_speak(span):
            return None  # a topic or a place ("Ukraine war:", "Hong Kong:"), not a source
        cs, ce = m.start("content"), e
        kind = "indirect"
        opens = self.text[cs] in OPEN or self.text[cs] in "\"'"
        if opens and (self.text[ce - 1] in CLOSE or self.text[ce - 1] in "\"'"):
            cs, ce, kind = cs + 1, ce - 1, "direct"
        if len(self.text[cs:ce].split()) < 2:
            return None
        ss = m.start("src")
        spk = self.res.resolve_span(ss, ss + len(src)) or Cand(start=ss, end=ss + len(src), text=src)
        return RawQuote(start=cs, end=ce, kind=kind, speaker=spk, cue=":", cue_start=m.end("src"),
                        cue_end=m.end("src") + 1, rules=["headline_colon"], headline=True)

    def _can_speak(self, span: Any) -> bool:
        """A source a headline can quote: a person or organisation name, an acronym ("OIE", "UNHCR"), or a
        person noun ("Former U.S. Ambassador")."""
        root = span.root
        ms = self.res.mention_in(span.start_char, span.end_char)
        if any(m.label in ("PERSON", "ORG", "GOV", "NORP") and m.start <= root.idx < m.end for m in ms):
            return True
        if root.ent_type_ in ("PERSON", "ORG", "NORP") or re.fullmatch(r"[A-Z]{2,6}", span.text.strip()):
            return True
        pn = self.c["person_nouns"]
        return root.lower_ in pn or root.lemma_.lower() in pn

    def _marked_headline(self, s: int, e: int) -> RawQuote | None:
        """A headline with a quotation and no attribution states someone else's words: the whole headline,
        no speaker (a direct quote when the marks hold all of it)."""
        marks = [i for i in range(s, e) if self.text[i] in OPEN or self.text[i] in CLOSE or self.text[i] in "\"'"]
        inner = re.search(r"[“‘\"'«]([^“”‘’\"«»]{3,})[”’\"'»]", self.text[s:e])
        if not marks or inner is None or len(inner.group(1).split()) < 2:
            return None
        if self.name_like(s + inner.start(1), s + inner.end(1)):
            return None  # a name in quotation marks ("The 'Open Roads' toll is ...")
        if inner.start() == 0 and inner.end() == e - s:
            return RawQuote(start=s + 1, end=e - 1, kind="direct", speaker=None, cue=None,
                            rules=["headline_marks"], headline=True)
        return RawQuote(start=s, end=e, kind="indirect", speaker=None, cue=None, rules=["headline_marks"], headline=True)
