"""The spaCy component ``presslens_quotes`` (writes ``doc._.quotes``) and the ``quotes`` stage, which
turns those raw quotes into :class:`~presslens.records.Quote` records with page offsets and links
numbers to the quotes they sit in."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ...records import Analysis, Quote, stable_id
from ...registry import stages
from ...settings import Settings
from .extract import Extractor
from .headline import linked_headlines
from .items import RawQuote

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


def extract(doc: Doc) -> list[RawQuote]:
    ctx = doc.user_data.get("presslens", {})
    return Extractor(doc, ctx).run()


@Language.factory("presslens_quotes")
def make_quotes_component(nlp: Language, name: str) -> Any:
    def component(doc: Doc) -> Doc:
        doc._.quotes = extract(doc)
        return doc

    return component


class QuotesStage:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._component: Any = None

    def component(self) -> Any:
        if self._component is None:
            from spacy.lang.en import English

            self._component = make_quotes_component(English(), "presslens_quotes")
        return self._component

    def __call__(self, a: Analysis) -> Analysis:
        if a.doc is None:
            from ...nlp import NlpStage

            a = NlpStage(self.settings)(a)
        doc = a.doc
        off = a.nlp_offset
        ctx = doc.user_data.setdefault("presslens", {})
        ctx.update(article=a.article, offset=off, mentions=list(a.mentions))
        self.component()(doc)
        for r in doc._.quotes or []:
            s, e = r.start + off, r.end + off
            spk = r.speaker
            q = Quote(
                id=stable_id(a.article.id, "quote", r.kind, s, e),
                article_id=a.article.id, start=s, end=e, text=a.page_text[s:e], kind=r.kind,
                speaker_text=spk.text if spk else None,
                speaker_start=spk.start + off if spk else None,
                speaker_end=spk.end + off if spk else None,
                speaker_id=spk.actor_id if spk else None,
                cue=r.cue,
                cue_start=r.cue_start + off if r.cue_start is not None else None,
                cue_end=r.cue_end + off if r.cue_end is not None else None,
            )
            if q.speaker_start is not None and q.speaker_end is not None:
                q.speaker_text = a.page_text[q.speaker_start : q.speaker_end]
            a.quotes.append(q)
        linked_headlines(a)
        link_numbers(a)
        return a


def link_numbers(a: Analysis) -> None:
    """Each number inside a quote gets that quote's id (the innermost one)."""
    for n in a.numbers:
        inside = [q for q in a.quotes if q.start <= n.start and n.end <= q.end]
        if inside:
            n.quote_id = min(inside, key=lambda q: q.end - q.start).id


@stages.register("quotes")
def make_quotes_stage(settings: Settings) -> QuotesStage:
    return QuotesStage(settings)
