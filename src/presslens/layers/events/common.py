"""Shared pieces of the events layer: the type groups, the trigger lexicon loader, the per-text context
(``Ctx``) every builder reads, and small span helpers."""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from ... import lang
from ...records import Analysis, DateRef, Mention, NumberClaim, Place, Quote
from ..syntax import function_words


def _quads() -> dict[str, int]:
    return {t: int(v["quad"]) for t, v in lang.data("events/plover")["types"].items()}


# PLOVER's quad categories (manual 2.5): 1 verbal cooperation, 2 material cooperation, 3 verbal
# conflict, 4 material conflict (plover.yaml `types`).
VERBAL_TYPES = frozenset(t for t, q in _quads().items() if q in (1, 3))
MATERIAL_TYPES = frozenset(t for t, q in _quads().items() if q in (2, 4))
# Verbs whose object names the event rather than a recipient ("held protests", "staged a rally").
LIGHT_VERBS = frozenset(str(w) for w in lang.data("events/words")["light_verbs"])
# Documents whose content is their issuer's act ("released a statement urging ...").
DOCUMENT_NOUNS = frozenset(str(w) for w in lang.data("events/words")["document_nouns"])
PRECISION_RANK = {"site": 4, "city": 3, "region": 2, "country": 1, "unknown": 0}
FIRST_PERSON = function_words("first_person")
PERSON_PRON = function_words("person_pronouns")
GROUP_PRON = function_words("group_pronouns")


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    data: dict[str, Any] = lang.data("events/plover")
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



def _senses() -> dict[str, Any]:
    out: dict[str, Any] = lexicon().get("senses", {})
    return out



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
    # (start, end, label) of doc.ents, read once on first use: spaCy rebuilds every entity Span of the
    # whole doc on each ``doc.ents`` / ``span.ents`` access, which made a per-candidate read dear
    ent_spans: list[tuple[int, int, str]] | None = None
    # sentence page span -> token index -> place (location.Index): every event of a sentence, and both
    # place look-ups of one event, read the same sentence's places
    sentence_places: dict[tuple[int, int], dict[int, Place]] = field(default_factory=dict)
    # (the ``mentions`` list it indexes, their starts sorted, positions in that order, longest mention):
    # built on first use, rebuilt when ``mentions`` is another list (``with_agents`` copies the Ctx)
    mention_index: tuple[list[Mention], list[int], list[int], int] | None = None

    def mentions_over(self, lo: int, hi: int) -> list[Mention]:
        """The mentions overlapping page span ``lo``..``hi`` (``m.start < hi and lo < m.end``), in
        ``mentions`` order: a look-up in a sorted index, where a scan of every mention of the article
        for every argument was the stage's largest cost on long articles."""
        idx = self.mention_index
        if idx is None or idx[0] is not self.mentions:
            ms = self.mentions
            order = sorted(range(len(ms)), key=lambda k: ms[k].start)
            idx = (ms, [ms[k].start for k in order], order, max((m.end - m.start for m in ms), default=0))
            self.mention_index = idx
        ms, starts, order, longest = idx
        # m.end > lo and m.end - m.start <= longest, so m.start > lo - longest
        near = order[bisect_right(starts, lo - longest):bisect_left(starts, hi)]
        return [ms[k] for k in sorted(near) if lo < ms[k].end]

    def ents_within(self, span: Span) -> list[str]:
        """Labels of the entities inside ``span``: the same entities as spaCy's ``span.ents`` (which
        stops at the first entity that starts inside the span but runs past its end)."""
        if self.ent_spans is None:
            self.ent_spans = [(e.start, e.end, e.label_) for e in self.doc.ents]
        out: list[str] = []
        for start, end, label in self.ent_spans:
            if start >= span.start:
                if end > span.end:
                    break
                out.append(label)
        return out

    def page(self, tok_or_span: Token | Span) -> tuple[int, int]:
        if isinstance(tok_or_span, Token):
            return self.offset + tok_or_span.idx, self.offset + tok_or_span.idx + len(tok_or_span.text)
        return self.offset + tok_or_span.start_char, self.offset + tok_or_span.end_char



DEMONSTRATIVES = function_words("demonstratives")



def quote_at(ctx: Ctx, pos: int) -> Quote | None:
    for q in ctx.quotes:
        if q.start <= pos < q.end:
            return q
    return None



def _in(items: Sequence[Any], lo: int, hi: int) -> list[Any]:
    return [x for x in items if lo <= x.start and x.end <= hi]



def _paragraph_bounds(text: str, pos: int, lo: int, hi: int) -> tuple[int, int]:
    a = text.rfind("\n\n", lo, pos)
    b = text.find("\n\n", pos, hi)
    return (a + 2 if a >= 0 else lo), (b if b >= 0 else hi)

