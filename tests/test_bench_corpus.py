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
