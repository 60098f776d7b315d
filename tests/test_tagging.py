"""The memoised attribute ruler and lemmatizer give the model's own output, token for token."""

from __future__ import annotations

from pathlib import Path

from presslens.ingest import read_paths
from presslens.nlp import article_text, load_model
from presslens.pipeline import Pipeline
from presslens.records import Page
from presslens.settings import load_settings
from presslens.tagging import index_sets

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "src" / "presslens" / "examples", ROOT / "tests" / "fixtures" / "pages"]


def _annotations(doc) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(t.i, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_memoised_tagging_equals_the_models_components() -> None:
    settings = load_settings()
    pipe = Pipeline(settings)
    pages = [p for p in read_paths([str(p) for p in PAGES], settings) if isinstance(p, Page)]
    texts = [article_text(a, p.text) for p in pages for a in pipe.segment(p)]
    # Model-made contractions and slang hit the multi-token rules and the lemma exceptions.
    texts.append("They ain't gonna stop: let's see. The PM's aides weren't there; she'd've known.")
    plain = load_model(settings["nlp"]["model"], False)
    memo = load_model(settings["nlp"]["model"], True)
    assert "attribute_ruler" in plain.pipe_names and "presslens_attributes" in memo.pipe_names
    assert "lemmatizer" not in memo.pipe_names  # disabled, not run twice
    # the multi-token rules' first tokens are the token's own: docs none of them can start skip that matcher
    assert memo.get_pipe("presslens_attributes").starts is not None
    tokens = 0
    for a, b in zip(plain.pipe(texts), memo.pipe(texts), strict=True):
        assert _annotations(a) == _annotations(b)
        tokens += len(a)
    assert tokens > 10_000


def test_lemma_index_sets_give_the_lemmas_of_the_model_as_spacy_loads_it() -> None:
    """``tagging.index_sets`` turns the lemmatizer's index lists into sets: every annotation of
    real pages is the same as with the model exactly as ``spacy.load`` gives it (lists)."""
    import spacy

    settings = load_settings()
    pipe = Pipeline(settings)
    pages = [p for p in read_paths([str(p) for p in PAGES], settings) if isinstance(p, Page)]
    texts = [article_text(a, p.text) for p in pages for a in pipe.segment(p)]
    texts.append("The mice were fleeing; geese, oxen and the children's bicycles had been abandoned.")
    shipped = spacy.load(settings["nlp"]["model"])
    index = shipped.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert all(isinstance(v, list) for v in index.values())  # what the sets replace
    ours = index_sets(spacy.load(settings["nlp"]["model"]))  # the same model, index as sets
    assert isinstance(load_model(settings["nlp"]["model"], False).get_pipe("lemmatizer").lookups
                      .get_table("lemma_index").get("noun"), frozenset)  # as presslens loads it
    sets = ours.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert sets and all(isinstance(v, frozenset) for v in sets.values())
    tokens = 0
    for a, b in zip(shipped.pipe(texts), ours.pipe(texts), strict=True):
        assert _annotations(a) == _annotations(b)
        tokens += len(a)
    assert tokens > 10_000


def test_memo_tables_stay_bounded_and_the_output_is_the_same() -> None:
    """A long run meets new words without end: past its limit a memo table starts afresh, and the
    annotations are still the model's (here with a limit a few tokens long)."""
    settings = load_settings()
    pages = [p for p in read_paths([str(p) for p in PAGES], settings) if isinstance(p, Page)]
    texts = [p.text for p in pages]
    plain = load_model(settings["nlp"]["model"], False)
    memo = load_model(settings["nlp"]["model"], True)
    comps = [memo.get_pipe("presslens_attributes"), memo.get_pipe("presslens_lemmas")]
    saved = [c.limit for c in comps]
    try:
        for c in comps:
            c.memo.clear()
            c.limit = 50
        for a, b in zip(plain.pipe(texts), memo.pipe(texts), strict=True):
            assert _annotations(a) == _annotations(b)
            assert all(len(c.memo) <= 50 + len(b) for c in comps)
        assert all(c.memo for c in comps)  # still memoising
    finally:
        for c, limit in zip(comps, saved, strict=True):
            c.limit = limit
