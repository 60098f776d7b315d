"""Real pages whose layout once lost their text: dumps with one paragraph per line and no blank
line after the title (all title, 0-character body), and a comment thread with no text (an
article of 0 characters). Pages: eval/dev/geo/local/b9/texts (government releases) and the
Salon page of eval/dev/extraction/pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens import registry
from presslens.ingest.html import read_html
from presslens.ingest.text import read_text
from presslens.records import Article, Page
from presslens.segment import load_cues, split_units
from presslens.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
B9 = ROOT / "eval/dev/geo/local/b9/texts"
SALON = ROOT / "eval/dev/extraction/pages/salon.com.emissions.html"
# The b9 dumps that put one paragraph per line under a title with no blank line after it.
PER_LINE = [
    "statements-qld-gov-au-statements-84731.txt",
    "www-mediastatements-wa-gov-au-pages-results-aspx-itemid-138630.txt",
    "www-mediastatements-wa-gov-au-pages-results-aspx-itemid-150643.txt",
    "www-mediastatements-wa-gov-au-pages-results-aspx-itemid-151036.txt",
]


def _segment(page: Page) -> list[Article]:
    return registry.segmenters.get("layout")(load_settings())(page)


def _text_page(path: Path) -> Page:
    if not path.is_file():
        pytest.skip(f"{path.name} not available")
    return next(read_text(path, load_settings()))  # type: ignore[return-value]


def _body_chars(a: Article) -> int:
    return sum(p.end - p.start for p in a.body_parts())


@pytest.mark.parametrize("path", sorted(B9.glob("*.txt")), ids=lambda p: p.name[:40])
def test_every_b9_dump_keeps_its_text_as_body_and_a_short_title(path: Path) -> None:
    page = _text_page(path)
    arts = _segment(page)
    assert arts
    cues = load_cues()
    for a in arts:
        assert _body_chars(a) > 0, a.title
        if a.title:
            assert "\n" not in a.title and len(a.title.split()) <= cues.title_max_words
        for p in a.parts:
            assert page.text[p.start : p.end] == p.text
    # Most of the page is read as text (the rest is title, byline, furniture).
    body = sum(_body_chars(a) for a in arts)
    assert body >= 0.6 * len(page.text.strip()), (body, len(page.text))


@pytest.mark.parametrize("name", PER_LINE)
def test_dump_without_blank_lines_is_not_all_title(name: str) -> None:
    page = _text_page(B9 / name)
    (art,) = _segment(page)
    title = [p for p in art.parts if p.role == "title"]
    assert len(title) <= 1
    assert not title or title[0].end - title[0].start < 200
    assert _body_chars(art) > 1000


def test_paragraph_per_line_block_splits_into_lines_only_for_text_dumps() -> None:
    page = _text_page(B9 / PER_LINE[0])
    cues = load_cues()
    lines = [ln for ln in page.text.splitlines() if ln.strip()]
    per_line = split_units(page.text, cues, line_paragraphs=True)
    assert [u.text for u in per_line] == [ln.strip() for ln in lines]
    # Without the text-dump rule (HTML blocks, where a single newline is a <br>) the block stays whole.
    assert len(split_units(page.text, cues)) < len(per_line)


def test_a_hard_wrapped_caption_block_stays_one_unit() -> None:
    # The seed dump prints a photo caption as two long lines with one line break.
    path = ROOT / "src/presslens/examples/002_317694a25eb52a14.txt"
    text = path.read_text(encoding="utf-8")
    units = split_units(text, load_cues(), line_paragraphs=True)
    assert any(u.lines == 2 and len(u.text) > 200 for u in units)


def test_comment_thread_without_text_is_kept_as_parts_not_an_empty_article() -> None:
    if not SALON.is_file():
        pytest.skip("salon page not available")
    page = next(read_html(SALON, load_settings()))
    arts = _segment(page)
    assert arts and all(_body_chars(a) > 0 for a in arts)
    assert not any((a.title or "").startswith("Comments") for a in arts)
    # The thread's furniture is still recorded, after the article's text.
    layout = page.meta["layout"]
    thread = [(s, e) for s, e, k in layout if str(k).startswith("comment")]
    assert thread
    spans = {(p.start, p.end) for a in arts for p in a.parts}
    assert all(any(s <= ps and pe <= e for ps, pe in spans) for s, e in thread)
    for a in arts:
        assert [a.seq, a.id] == [arts.index(a) + 1, f"{page.id}-a{arts.index(a) + 1}"]
