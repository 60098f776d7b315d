"""The quotes extractor: quotations from the marks, attributed by the direct rules, transcript
answers, indirect speech, then descriptive speakers resolved to their bodies."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from .coreference import ExtractorCoref
from .direct import DirectRules
from .headline import HeadlineRules
from .indirect import IndirectRules
from .items import RawQuote
from .lexicon import LABELLED
from .marks import QSpan, find_quotations, fragments, paragraphs
from .speakers import Resolver, doc_mentions
from .transcript import TranscriptRules


class Extractor(DirectRules, TranscriptRules, IndirectRules, HeadlineRules, ExtractorCoref):
    def __init__(self, doc: Doc, ctx: dict[str, Any]):
        super().__init__(doc, ctx)
        self.res = Resolver(doc, doc_mentions(doc, ctx, self.text), self.text)

    def run(self) -> list[RawQuote]:
        text = self.text
        skip_roles = ("title", "tags", "related_link", "boilerplate", "header", "byline")

        def skip_para(p: tuple[int, int]) -> bool:
            role = self.role(p[0])
            if role == "related_link":
                # An inline headline link can still carry a labelled statement ("Former MEP: “...”").
                return not LABELLED.match(text, p[0], p[1])
            return role in skip_roles or role == "caption"

        paras = [p for p in paragraphs(text) if not skip_para(p)]
        quotations = find_quotations(text, skip_paragraph=skip_para)
        self.res.quote_spans = [(q.start, q.end) for q in quotations]
        direct: list[RawQuote] = []
        kept: dict[int, RawQuote] = {}
        min_uncued = int(self.c["min_uncued_words"])
        last: tuple[RawQuote, QSpan] | None = None  # the last top-level quotation kept
        for k, q in enumerate(quotations):
            content = text[q.start : q.end]
            nwords = len(content.split())
            if nwords == 0:
                continue
            if self._title_before(q.open) or (q.depth == 0 and self.name_like(q.start, q.end)
                                               and not self._colon_label(q)):
                continue  # a title or a name in quotation marks ("Parasite" director Bong Joon Ho said)
            spk, cue, cs, ce, how = self.attribute(q, paras)
            if last is not None and self._continues(last[0], last[1], q, how, cs):
                # "A," he said. "B.": the second quotation goes on with the same utterance.
                last[0].end = q.end
                last[0].fragments += fragments(text, q.start, q.end)
                if "join_interrupted" not in last[0].rules:
                    last[0].rules.append("join_interrupted")
                kept[k] = last[0]
                continue
            if how == "" or (how == "heading" and nwords < min_uncued):
                # Follow-on: the previous statement's speaker carries over.
                if nwords < min_uncued or not self._starts_paragraph(q, paras):
                    continue
                parent = kept.get(q.parent) if q.parent is not None else None
                spk, cue, cs, ce = self._follow_on(q, direct, paras, parent), None, None, None
            elif nwords < 3 and how != "after":
                continue
            if q.parent is not None:
                outer = kept.get(q.parent)
                if outer is not None and how == "" and spk is not None and outer.speaker is not None and \
                        (spk.actor_id or spk.text) == (outer.speaker.actor_id or outer.speaker.text):
                    continue
                if outer is not None and how == "" and nwords < min_uncued:
                    continue
            rq = RawQuote(start=q.start, end=q.end, kind="direct", speaker=spk, cue=cue, cue_start=cs, cue_end=ce,
                          depth=q.depth, parent=q.parent, fragments=fragments(text, q.start, q.end),
                          rules=["marks", f"cue_{how}" if how else "follow_on"])
            kept[k] = rq
            direct.append(rq)
            if q.depth == 0:
                last = (rq, q)
            if spk is not None:
                self.res.last_speaker = spk
        direct += self.transcript(paras, quotations)
        direct.sort(key=lambda r: r.start)
        indirect = self.indirect(direct)
        # Short quotations inside an indirect statement are part of it ("to stop “paying ransom”").
        keep = []
        for d in direct:
            inside = [i for i in indirect if i.start <= d.start and d.end <= i.end]
            # A mixed quote ("rejected the bill as "an attack on ..."") is one attribution: a reported
            # statement that holds a short quotation, or one with the same cue that the quotation continues.
            same_cue = [i for i in indirect if i.cue_start == d.cue_start and i.start < d.start < i.end]
            # Rule mixed_quote: a quotation after the writer's words in a reported clause is part of it.
            mixed = d.start in self.mixed_starts and inside
            if d.cue != ":" and ((inside and len(text[d.start : d.end].split()) < min_uncued) or same_cue or mixed):
                continue
            keep.append(d)
        out = keep + indirect
        out = sorted(out + self.headline_quotes(out), key=lambda r: r.start)
        self._resolve_bodies(out)
        return out

    def _starts_paragraph(self, q: QSpan, paras: list[tuple[int, int]]) -> bool:
        return any(ps <= q.open <= ps + 2 for ps, _ in paras) or self.text[max(0, q.open - 2) : q.open].strip() in (
            "", ".")

    def _continues(self, prev: RawQuote, prev_q: QSpan, q: QSpan, how: str, cue_start: int | None) -> bool:
        """Is quotation ``q`` the rest of the utterance ``prev`` began in the same paragraph? Either only
        ``prev``'s own cue stands between them ("A," he said. "B." / "A," she said, "B.") and ``q`` has
        no cue of its own, or nothing at all does ("A." "B.")."""
        if prev_q.close is None or q.depth != 0 or prev.kind != "direct" or prev.spoken:
            return False
        gap = self.text[prev_q.close + 1 : q.open]
        if "\n" in gap or not (how == "" or (how == "before" and cue_start == prev.cue_start)):
            return False
        if not gap.strip(" \t\u00a0"):
            return True
        cue_between = prev.cue_start is not None and prev_q.close < prev.cue_start < q.open
        return cue_between and len(gap.split()) <= int(self.c["max_interruption_words"])

    def _colon_label(self, q: QSpan) -> bool:
        """Is the quotation introduced by a colon ("Mrs. Osei: “Ghana Will Rise”")?"""
        return self.text[max(0, q.open - 3) : q.open].rstrip().endswith(":")
