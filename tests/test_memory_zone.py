"""Page batches analysed inside spaCy's memory zone (``nlp.memory_zone``): the words a batch brings
are freed after it, and every record is what the pipeline gives without the zone."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

from presslens.ingest import read_paths
from presslens.pipeline import Pipeline
from presslens.records import Analysis, Page
from presslens.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "src" / "presslens" / "examples"
FIELDS = ("mentions", "actors", "places", "dates", "quotes", "numbers", "events", "findings")


def _records(batches: list[list[list[Analysis]]]) -> list[object]:
    return [(dataclasses.asdict(a.article), [dataclasses.asdict(x) for f in FIELDS for x in getattr(a, f)])
            for batch in batches for page in batch for a in page]


def _pages() -> list[Page]:
    settings = load_settings()
    pages = [p for p in read_paths([str(EXAMPLES)], settings) if isinstance(p, Page)]
    # New words in every batch, as a news archive keeps bringing (names the model has never seen):
    # the second batch reuses words the first brought, so a string freed with the first batch's
    # zone must come back when met again (the memoised lemmas hold strings, not their ids).
    made = [Page(key=f"new{i}", text=f"Zorvath Quillane{i} met Brisketh officials in Vantoria{i} on Monday. "
                                     f"Quillane{i} said 12 people were hurt when police dispersed the protest.")
            for i in range(3)]
    return [*pages[:1], *made, *made]


def _run(memory_zone: bool) -> tuple[list[object], int]:
    settings = copy.deepcopy(load_settings())
    settings["nlp"]["memory_zone"] = memory_zone
    pipe = Pipeline(settings)
    nlp = pipe.stages[pipe.stage_names.index("nlp")].nlp  # type: ignore[attr-defined]
    pages = _pages()
    batches = [pipe.analyse_pages(pages[i:i + 2]) for i in range(0, len(pages), 2)]
    return _records(batches), len(nlp.vocab.strings)


def test_memory_zone_frees_the_batches_words_and_keeps_every_record() -> None:
    with_zone, strings_zone = _run(True)
    without, strings_after = _run(False)  # the plain run adds the new words for good
    assert with_zone == without
    assert strings_after > strings_zone  # the zoned run left the new words out of the string store
    again, strings_again = _run(True)
    assert again == without



def _tokens(doc: object) -> list[tuple[object, ...]]:
    return [(t.text, t.whitespace_, t.norm_, t.shape_, t.prefix_, t.suffix_, t.is_alpha, t.like_num, t.is_stop)
            for t in doc]  # type: ignore[attr-defined]


def test_recurring_words_are_kept_out_of_the_zone_bounded_and_tokenised_the_same() -> None:
    from presslens.nlp import KeptWords, settings_model

    nlp = settings_model(load_settings())
    kept = KeptWords(nlp, limit=2)
    # Made-up words (never in the model's vocabulary): two recur across articles, one does not.
    texts = ["Dravolmik met Selquaron, officials said.", "Dravolmik and Selquaron, again.", "Borquillet left."]
    zoned = []
    for text in [*texts, texts[0]]:
        kept.keep()  # between batches, outside the zone
        with nlp.memory_zone():
            kept.count(text)
            zoned.append(_tokens(nlp.make_doc(text)))
    kept.keep()
    assert kept.kept == 2  # "Dravolmik" and "Selquaron," recur; the limit stops there
    assert "Dravolmik" in nlp.vocab.strings and "Borquillet" not in nlp.vocab.strings
    kept.count("Qelmarith Qelmarith")  # past the limit nothing more is counted or kept
    kept.count("Qelmarith")
    kept.keep()
    assert kept.kept == 2 and "Qelmarith" not in nlp.vocab.strings
    # The same tokens and lexical attributes as spaCy gives without any zone (which adds every word
    # for good, so it runs last), whether a word came from the tokenizer's cache or the zone.
    assert zoned == [_tokens(nlp.make_doc(t)) for t in [*texts, texts[0]]]
