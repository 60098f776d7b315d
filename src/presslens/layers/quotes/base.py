"""The state every quote rule reads (doc, text, article context, speaker resolver) and the small
helpers they share; the rule families are mixins over it (direct, indirect, transcript, coreference).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Token

from ..syntax import doc_text
from .lexicon import cue_lemma, cues, title_rx

if TYPE_CHECKING:
    from .speakers import Resolver


class ExtractorBase:
    """What every quote rule reads: the doc, its text, the article context and the speaker resolver."""

    res: Resolver  # set by the Extractor

    def __init__(self, doc: Doc, ctx: dict[str, Any]):
        self.doc = doc
        self.text = doc_text(doc)
        self.ctx = ctx
        self.article = ctx.get("article")
        self.offset = int(ctx.get("offset", 0))
        self.c = cues()
        self.question_spans: list[tuple[int, int]] = []
        from ...nlp import part_role

        self._part_role = part_role

    # ------------------------------------------------------------------ helpers
    def role(self, pos: int) -> str:
        if self.article is None:
            return "body"
        return self._part_role(self.article, pos + self.offset)

    def cue_tokens_between(self, s: int, e: int) -> list[Token]:
        out = []
        for tok in self.doc.char_span(s, e, alignment_mode="expand") or []:
            if tok.idx > 0 and self.text[tok.idx - 1] == "-":
                continue  # "so-called"
            if cue_lemma(tok):
                out.append(tok)
        return out

    def _title_before(self, pos: int) -> bool:
        before = self.text[max(0, pos - 40) : pos].lower()
        before = before[before.rfind("\n") + 1 :]  # a heading above ("Demonization Campaign") is no title cue
        before = re.sub(r"[\s:,]+$", "", before)
        before = re.sub(r"\s+(?:a|an|the|its|their|his|her)$", "", before)
        return title_rx().search(before) is not None

    def _heading_like(self, line: str) -> bool:
        words = line.split()
        if not 1 <= len(words) <= 8 or line.rstrip()[-1:] in ".!?:,;\"”’":
            return False
        caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return caps >= max(1, len(words) - 1)

    def name_like(self, s: int, e: int) -> bool:
        """Is the quotation doc[s:e] a name or title ("Parasite", "The Quiet Harbour Years", "Open Roads")
        rather than words someone said: at most ``max_title_words`` words, every word but the small ones
        capitalised, a noun or name among them, one sentence at most."""
        words = re.findall(r"[^\W\d_][\w'’-]*", self.text[s:e])
        small = {w.lower() for w in self.c["title_small_words"]}
        if not words or len(words) > int(self.c["max_title_words"]) or re.search(r"[.!?]\s+\S", self.text[s:e]):
            return False
        if not all(w[:1].isupper() or w.lower() in small for w in words) or not words[0][:1].isupper():
            return False
        span = self.doc.char_span(s, e, alignment_mode="expand")
        return span is not None and any(t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM") for t in span)
