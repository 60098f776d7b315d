"""HTML pages: trafilatura's blocks with their layout, recovered leads, clean titles, and the
segmenter labelling parts from markup (body unless the evidence is strong)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens import registry
from presslens.ingest.html import extract_html, read_html
from presslens.ingest.html_layout import (
    assemble,
    clean_title,
    jsonld_body,
    lead_text,
    mark_blocks,
    title_is_weak,
    use_jsonld,
)
from presslens.records import Article, Page
from presslens.settings import load_settings

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def segment(page: Page) -> list[Article]:
    return registry.segmenters.get("layout")(load_settings())(page)


def roles(a: Article, role: str) -> list[str]:
    return [p.text for p in a.parts if p.role == role]


# --------------------------------------------------------------------------- title rule
# (title, sitename, host, expected). Origin: <title> elements of eval/dev/extraction pages
# (dw.com, caktusgroup.com, fairkom.eu, incurvy.de, simplyscience.ch, mercurynews.com) and the
# fixture page; the last two are headlines whose bars and dashes are their own.
TITLES = [
    ("Berlin confronts Germany's colonial past with new initiative | DW | 19.01.2020", "DW.COM", "dw.com",
     "Berlin confronts Germany's colonial past with new initiative"),
    ("Testing Client-Side Applications with Django Post Mortem | Caktus Group", "Caktus Group", "caktusgroup.com",
     "Testing Client-Side Applications with Django Post Mortem"),
    ("Über uns | fairkom", "fairkom.eu", "fairkom.eu", "Über uns"),
    ("Wellness Gesichtsbehandlung: Plaisir D’Aromes - INCURVY Plus-Size Fashion - BLOG",
     "INCURVY Plus-Size Fashion - BLOG", "incurvy.de", "Wellness Gesichtsbehandlung: Plaisir D’Aromes"),
    ("SimplyScience - Wie entsteht Erdöl?", "SimplyScience", "simplyscience.ch", "Wie entsteht Erdöl?"),
    ("Letters: Coddling criminals | Undermining road | Tax dollars", "The Mercury News", "mercurynews.com",
     "Letters: Coddling criminals | Undermining road | Tax dollars"),
    ("Brexit - what happens next?", "Lakeside Courier", "courier.example", "Brexit - what happens next?"),
]


@pytest.mark.parametrize(("title", "site", "host", "expected"), TITLES)
def test_clean_title(title: str, site: str, host: str, expected: str) -> None:
    assert clean_title(title, site, host) == expected


def test_weak_titles() -> None:
    assert title_is_weak("BMJV", "BMJV", "bmjv.de")  # the site's own name
    assert title_is_weak("adac-kindersitztest-herbst-2018", "ADAC", "adac.de")  # a URL slug
    assert not title_is_weak("Water board doubles the price of tap water", "Lakeside Courier", "courier.example")


# --------------------------------------------------------------------------- blocks and recoveries


def test_assemble_layout_points_at_blocks() -> None:
    text, layout = assemble([("title", "A title"), ("p", "One.\nTwo."), ("head", "Sub")])
    assert [text[s:e] for s, e, _ in layout] == ["A title", "One.\nTwo.", "Sub"]
    assert [k for _, _, k in layout] == ["title", "p", "head"]


def test_mark_blocks_links_and_captions() -> None:
    blocks = [("p", "Drought warning issued for the lake district"), ("list", "- Town hall runs over\n- Lake dries"),
              ("p", "A photo of the hall"), ("p", "Ordinary paragraph with a link inside it.")]
    links = {"Drought warning issued for the lake district", "Town hall runs over", "Lake dries"}
    marked = mark_blocks(blocks, links, {"A photo of the hall"})
    assert [k for k, _ in marked] == ["p:link", "list:link", "p:caption", "p"]


def test_lead_recovered_only_when_printed_and_missing() -> None:
    from lxml import etree

    html = b"<html><body><header><p>The board voted to double the price of water from April.</p></header>" \
           b"<div><p>Body text.</p></div></body></html>"
    tree = etree.fromstring(html, etree.HTMLParser())
    desc = "The board voted to double the price of water from April."
    assert lead_text(tree, desc, "Body text.") == desc
    assert lead_text(tree, desc, desc + "\nBody text.") is None  # already in the body
    assert lead_text(tree, "A description that the page never prints as text.", "Body") is None


def test_jsonld_body_used_only_when_far_longer() -> None:
    from lxml import etree

    body = "Paragraph one of a script-rendered story. " * 20
    ld = json.dumps({"@type": "NewsArticle", "articleBody": body})
    html = f'<html><head><script type="application/ld+json">{ld}</script></head><body><p>Teaser.</p></body></html>'

    tree = etree.fromstring(html.encode(), etree.HTMLParser())
    found = jsonld_body(tree)
    assert found is not None and found.startswith("Paragraph one")
    assert use_jsonld(len("Teaser."), found)
    assert not use_jsonld(len(body), found)


# --------------------------------------------------------------------------- pages end to end


def test_standfirst_title_layout_and_comments() -> None:
    page = next(read_html(FIXTURES / "standfirst_comments.html", load_settings()))
    assert page.title == "Water board doubles the price of tap water"  # site and date trimmed
    kinds = [k for _, _, k in page.meta["layout"]]
    assert kinds[:2] == ["title", "lead"] and "head" in kinds and kinds[-1] == "comment"
    for s, e, _ in page.meta["layout"]:
        assert page.text[s:e].strip() == page.text[s:e]
    arts = segment(page)
    assert len(arts) == 2
    main, thread = arts
    body = [p.text for p in main.body_parts()]
    # The lead paragraph (printed in the article header) is the first body paragraph.
    assert body[0].startswith("The regional water board voted on Tuesday")
    assert roles(main, "heading") == ["Residents plan a petition"]
    assert roles(main, "title") == ["Water board doubles the price of tap water"]
    assert any("Newsletter" in t for t in roles(main, "boilerplate"))
    assert not any("third increase" in p.text for p in main.parts)  # comments are not the article
    assert thread.title == "Comments: Water board doubles the price of tap water"
    assert thread.byline is None
    assert [p.text[:20] for p in thread.body_parts()] == ["This is the third in", "The filters are need"]
    for a in arts:
        for p in a.parts:
            assert page.text[p.start : p.end] == p.text


def test_long_unfinished_lines_and_subheadings_stay_body() -> None:
    """A long line without a full stop (a code line, a list item, a heading) is body on an HTML
    page: the text segmenter's caption guess is for plain-text dumps only."""
    paras = "".join(f"<p>Paragraph {i} explains the setting in a full sentence of ordinary prose here.</p>"
                    for i in range(6))
    code = "<pre><code>from django.conf import settings  # the settings module that every test in this suite imports first of all</code></pre>"
    html = (f"<html><head><title>Caching in tests</title></head><body><article><h1>Caching in tests</h1>{paras}"
            f"<h2>Clear the cache versions between every single test run in the whole suite or the tests leak state</h2>{code}{paras}</article>"
            "</body></html>")
    info = extract_html(html)
    assert info is not None
    page = Page(key="x", text=info["text"], fmt="html", title=info["title"], meta={"layout": info["layout"]})
    (art,) = segment(page)
    text = "\n".join(p.text for p in art.body_parts())
    assert "Clear the cache versions between every single test run in the whole suite or the tests leak state" in text
    assert "from django.conf import settings" in text
    assert not roles(art, "caption")


def test_text_pages_unchanged_by_html_mode() -> None:
    """Plain-text pages carry no layout and go through the text segmenter."""
    text = "A Headline Here\n\nBy Jane Doe\n\nThe first paragraph of the story is here, with enough words.\n"
    page = Page(key="t", text=text)
    (art,) = segment(page)
    assert art.title == "A Headline Here" and art.byline == "Jane Doe"
