"""The seeds quotes scorer's per-kind figures are ratios of like with like (precision <= 1)."""

from presslens.evaluate import SystemDoc, merge_counts
from presslens.records import Analysis, Article, Page, Quote
from presslens.scoring.quotes import score_quotes

TEXT = 'The ministry said that talks failed. She urged them to stop. He denied the report. "We won," he said.'


def _quote(kind: str, part: str) -> Quote:
    s = TEXT.index(part)
    return Quote(id=part, article_id="a", start=s, end=s + len(part), text=part, kind=kind)


def test_speech_acts_count_as_indirect_on_both_sides() -> None:
    art = Article(id="a", page_id="p", seq=1, start=0, end=len(TEXT), body_start=0, body_end=len(TEXT))
    a = Analysis(article=art, page_text=TEXT)
    # Two matched reported statements (one of them a speech act), one unmatched speech act, one direct quote.
    a.quotes = [_quote("indirect", "talks failed"), _quote("speech_act", "them to stop"),
                _quote("speech_act", "the report"), _quote("direct", "We won,")]
    gold = {"quotes": {"items": [
        {"article": "a1", "kind": "indirect", "starts": "talks failed", "speaker": None},
        {"article": "a1", "kind": "indirect", "starts": "them to stop", "speaker": None},
        {"article": "a1", "kind": "direct", "starts": "We won", "speaker": None},
    ]}}
    out = merge_counts([score_quotes(gold, SystemDoc(page=Page(key="p", text=TEXT), analyses=[a]))])
    # The unmatched speech act is no gold kind's item (the seed gold has no speech acts): not counted.
    assert out["indirect_precision_accuracy"] == 1.0
    assert out["indirect_recall_accuracy"] == 1.0
    assert out["direct_precision_accuracy"] == 1.0
    assert "speech_act_precision_accuracy" not in out
    assert out["precision"] == 1.0 and out["recall"] == 1.0
