"""The events layer's look-up caches answer exactly what the scans they replace answered (session 21,
evspeed): mentions over a span (``Ctx.mentions_over``) and a verb's subject (``parse.subject_of``),
checked on a shipped sample article (real news text) over every word and every phrase of its parse.
``bench/events_dump.py`` shows the stage's output unchanged on the evaluation sets."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from presslens.layers import syntax
from presslens.layers.events.context import make_ctx
from presslens.layers.events.parse import subject_of
from presslens.records import Analysis
from presslens.testing import analyse_text

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "presslens" / "examples" / "002_317694a25eb52a14.txt"


@pytest.fixture(scope="module")
def analysed() -> Analysis:
    return analyse_text(SAMPLE.read_text(encoding="utf-8"), ("nlp", "actors"))


def _scan(mentions: list, lo: int, hi: int) -> list:
    return [m for m in mentions if m.start < hi and lo < m.end]


def test_mentions_over_is_the_scan(analysed: Analysis) -> None:
    assert analysed.doc is not None
    ctx = make_ctx(analysed, analysed.doc, analysed.nlp_offset)
    assert len(ctx.mentions) > 20, "a news article names many actors; few means the check checks little"
    spans = [ctx.page(t) for t in analysed.doc] + [ctx.page(t.doc[t.left_edge.i:t.right_edge.i + 1])
                                                   for t in analysed.doc]
    hits = 0
    for lo, hi in spans:
        got = ctx.mentions_over(lo, hi)
        assert got == _scan(ctx.mentions, lo, hi)
        hits += bool(got)
    assert hits > 50
    # A copy over another mention list (the agents' second pass) answers for its own list.
    fewer = ctx.mentions[::2]
    copy = dataclasses.replace(ctx, mentions=fewer)
    for lo, hi in spans:
        assert copy.mentions_over(lo, hi) == _scan(fewer, lo, hi)


def test_subject_of_is_syntax_subject(analysed: Analysis) -> None:
    doc = analysed.doc
    assert doc is not None
    found = 0
    for _ in range(2):  # the second round reads the memo
        for tok in doc:
            want = syntax.subject(tok)
            assert subject_of(tok) == want
            found += want.token is not None
    assert found > 100
