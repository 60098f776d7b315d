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
            from ...nlp import blank_english

            self._component = make_quotes_component(blank_english(), "presslens_quotes")
        return self._component

    def __call__(self, a: Analysis) -> Analysis:
        if a.doc is None:
            from ...nlp import NlpStage

            a = NlpStage(self.settings)(a)
        doc = a.doc
        off = a.nlp_offset
        ctx = doc.user_data.setdefault("presslens", {})
        ctx.update(article=a.article, offset=off, mentions=list(a.mentions),
                   frames=tuple(self.settings.get("quotes", {}).get("frames", ())) or None)
        self.component()(doc)
        for r in doc._.quotes or []:
            a.quotes.append(to_record(a, r, off))
        linked_headlines(a)
        link_numbers(a)
        return a


def to_record(a: Analysis, r: RawQuote, off: int) -> Quote:
    """A raw quote (doc offsets) as a Quote record (page offsets). ``speaker_mention`` is the phrase the
    cue attaches to ("he", "the ministry"); ``speaker_text`` the speaker's fullest name in the article
    (the longest mention of the resolved actor), else the mention itself."""
    s, e = r.start + off, r.end + off
    spk = r.speaker
    q = Quote(
        id=stable_id(a.article.id, "quote", r.kind, s, e),
        article_id=a.article.id, start=s, end=e, text=a.page_text[s:e], kind=r.kind,
        speaker_id=spk.actor_id if spk else None,
        cue=r.cue,
        cue_start=r.cue_start + off if r.cue_start is not None else None,
        cue_end=r.cue_end + off if r.cue_end is not None else None,
        fragments=[[fs + off, fe + off] for fs, fe in r.spans()],
        headline=r.headline, rules=list(r.rules),
    )
    if spk is not None:
        ms, me = spk.mention or (spk.start, spk.end)
        q.speaker_mention_start, q.speaker_mention_end = ms + off, me + off
        q.speaker_mention = a.page_text[ms + off : me + off]
        ss, se = fullest_name(a, spk.actor_id, (spk.start + off, spk.end + off))
        q.speaker_start, q.speaker_end, q.speaker_text = ss, se, a.page_text[ss:se]
    return q


def fullest_name(a: Analysis, actor_id: str | None, span: tuple[int, int]) -> tuple[int, int]:
    """The longest name of ``actor_id`` in the article (the first of equals; a proper name before a
    description such as "the military junta"), else ``span``."""
    if actor_id is None:
        return span

    def key(s: int, e: int) -> tuple[bool, int]:
        words = a.page_text[s:e].split()
        return any(w[:1].isupper() for w in words[1:] or words), e - s

    best = span
    for m in a.mentions:
        if m.actor_id == actor_id and key(m.start, m.end) > key(*best):
            best = (m.start, m.end)
    return best


def link_numbers(a: Analysis) -> None:
    """Each number inside a quote gets that quote's id (the innermost one)."""
    for n in a.numbers:
        inside = [q for q in a.quotes if q.start <= n.start and n.end <= q.end]
        if inside:
            n.quote_id = min(inside, key=lambda q: q.end - q.start).id


@stages.register("quotes")
def make_quotes_stage(settings: Settings) -> QuotesStage:
    return QuotesStage(settings)
