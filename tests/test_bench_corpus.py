"""``bench/corpus.linear`` (issue 19's memory corpus): a real paragraph drawn by two pages is no
copy, and only the pages of one wire story share a copied passage, so copies grow with the run;
the recombined corpus's repeated paragraphs are copies of each other (they grow with its square).
Measured with the copy step's own alignment (``copies.passages``) on GeoVirus paragraphs."""

from __future__ import annotations

import itertools
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from presslens.across import copies

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
import corpus  # noqa: E402

if not corpus.GEO.exists():
    pytest.skip("GeoVirus (../shared/dev/geo) not present", allow_module_level=True)


def _paras(n: int) -> list[str]:
    out: list[str] = []
    for text in ET.parse(corpus.GEO).getroot().iter("text"):
        sents = corpus.SENT.split(" ".join((text.text or "").split()))
        out += [p for p in (" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)) if len(p) >= 120]
        if len(out) >= n:
            return out[:n]
    return out


def _copied_pairs(pages: list[str]) -> set[tuple[int, int]]:
    docs = [copies.make_doc({"article_id": str(i), "source": f"outlet{i}", "key": str(i), "content_hash": str(i),
                             "published": None, "text": t, "start": 0, "end": len(t)}) for i, t in enumerate(pages)]
    p = copies.Params()
    return {(i, j) for i, j in itertools.combinations(range(len(docs)), 2) if copies.passages(docs[i], docs[j], p)}


def test_linear_pages_share_passages_only_within_a_wire_story() -> None:
    paras = _paras(30)
    pages = list(corpus.linear(paras, 40, per_page=3, wire_share=0.3, outlets=3))
    assert len(set(pages)) == 40
    wire = [i for i, t in enumerate(pages) if t.count("\n\n") == 4]  # title + 4 paragraphs: a wire page
    assert len(wire) == 12
    groups = {(a, b) for k in range(0, 12, 3) for a, b in itertools.combinations(wire[k:k + 3], 2)}
    # each paragraph is drawn ~4 times, yet only the outlets of one story copy each other
    assert _copied_pairs(pages) == groups
    # the recombined corpus over the same paragraphs: repeated paragraphs are copies
    assert len(_copied_pairs(list(corpus.recombined(paras, 40, per_page=3)))) > 3 * len(groups)


def test_dated_pages_carry_an_outlet_and_a_day_read_by_the_text_reader(tmp_path: Path) -> None:
    from collections import Counter

    from presslens.ingest.text import read_text
    from presslens.settings import load_settings

    pages = list(corpus.linear(_paras(30), 130, per_page=3))
    corpus.write(tmp_path, iter(pages), corpus.dated(len(pages), outlets=4, per_day=5))
    read = [item for f in sorted(tmp_path.glob("*.txt")) for item in read_text(f, load_settings())]
    assert [p.text for p in read] == pages  # the sidecars change no text
    days = Counter(p.published for p in read)
    assert all(n == 20 for n in list(days.values())[:-1]) and len(days) == 7  # 4 outlets x 5 a day
    # a wire story's pages (consecutive) come from different outlets, mostly on one day
    assert {p.source for p in read[:4]} == {"outlet00", "outlet01", "outlet02", "outlet03"}
