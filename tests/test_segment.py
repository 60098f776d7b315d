"""The layout segmenter on the two real seed dumps and on small pages in other layouts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from presslens import registry
from presslens.records import Article, Page
from presslens.segment import (
    LayoutSegmenter,
    Unit,
    fold,
    match_dateline,
    parse_date,
    parse_stamp,
    split_units,
)

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


# --------------------------------------------------------------------------- outlet lines, stamps, notes

MASTHEAD = """Dock workers in Port Elin vote to extend their strike into a second week

The Harbour Herald

By Mara Velden

Published 6:05 AM EST, January 9, 2025

PORT ELIN, Norland (AP) — Dock workers at the port of Elin voted on Sunday to extend their strike, \
a union official said.

The port handles most of the region's grain exports, and shippers said delays were growing.

Ana Lind in Vesta contributed to this report.

Copyright 2025 The Harbour Herald. All rights reserved. This material may not be published, broadcast, \
rewritten or redistributed without permission.
"""


def test_outlet_line_under_headline_is_furniture_when_a_by_line_follows() -> None:
    page = Page(key="mast.txt", text=MASTHEAD, path="mast.txt")
    arts = segment(page)
    check_offsets(page, arts)
    (a,) = arts
    # The sentence-case headline beats the Title-Case outlet name; the By line is the byline.
    assert a.title == "Dock workers in Port Elin vote to extend their strike into a second week"
    assert a.byline == "Mara Velden" and not a.captions
    # The publication-time line is furniture and dates the article (the dateline has no year).
    assert a.published == "2025-01-09" and a.dateline == "PORT ELIN, Norland"
    assert roles(a, "boilerplate") == [
        "The Harbour Herald",
        "Published 6:05 AM EST, January 9, 2025",
        "Ana Lind in Vesta contributed to this report.",
        fold(MASTHEAD.strip().splitlines()[-1]),
    ]
    body = page.text[a.body_start : a.body_end]
    assert body.startswith("PORT ELIN, Norland (AP) — Dock workers")
    assert body.endswith("shippers said delays were growing.")


def test_name_line_between_headline_and_by_line_without_outlet_word() -> None:
    text = (
        "Farmers block motorway to protest fuel tax rise in the north\n\nNorth Country Voice\n\n"
        "Interview by Tomas Berg\n\nHundreds of farmers blocked a motorway with tractors on Friday, police said.\n\n"
        "The protest ended peacefully in the evening.\n"
    )
    page = Page(key="voice.txt", text=text, path="voice.txt")
    (a,) = segment(page)
    assert a.title == "Farmers block motorway to protest fuel tax rise in the north"
    assert a.byline == "Tomas Berg"
    assert roles(a, "boilerplate") == ["North Country Voice"] and a.source == "North Country Voice"


def test_site_line_above_headline_and_section_label() -> None:
    for top in ("The Harbour Herald", "World"):
        text = (
            f"{top}\n\nTalks on river treaty stall again as delegations leave without a deal\n\nBy Ana Ruiz\n\n"
            "Negotiators from the three countries left the talks on Thursday without agreement, officials said.\n"
        )
        (a,) = segment(Page(key="t.txt", text=text, path="t.txt"))
        assert a.title == "Talks on river treaty stall again as delegations leave without a deal"
        assert a.byline == "Ana Ruiz" and roles(a, "boilerplate") == [top] and not a.captions


def test_site_line_alone_under_headline_stays_the_byline() -> None:
    text = (
        "Protesters Gather Outside Embassy in Show of Support\n\nCapital Observer\n\n"
        "Berlin, 4 Sep - Several hundred people gathered outside the embassy on Saturday.\n\n"
        "Organisers said more events were planned.\n"
    )
    (a,) = segment(Page(key="o.txt", text=text, path="o.txt"))
    assert (a.title, a.byline, a.source) == (
        "Protesters Gather Outside Embassy in Show of Support",
        "Capital Observer",
        "Capital Observer",
    )


def test_title_case_headline_with_an_outlet_word_is_still_the_title() -> None:
    text = (
        "Watchdog Report Slams Prison Conditions\n\nBy Lena Ortiz\n\n"
        "A report published on Monday by an independent watchdog described overcrowded cells.\n"
    )
    (a,) = segment(Page(key="w.txt", text=text, path="w.txt"))
    assert a.title == "Watchdog Report Slams Prison Conditions" and a.byline == "Lena Ortiz"


def test_translator_notes_lead_and_close_the_body_as_furniture() -> None:
    text = (
        "Mayor unveils plan to close city centre to cars on Sundays\n\nPar Anne Leroy\n\n"
        "This story was translated from French by our newsroom.\n\n"
        "LYON, 14 March 2025 — The mayor of Lyon on Friday unveiled a plan to close the city centre to cars.\n\n"
        "Shop owners said they feared losing customers.\n\n"
        "(Translation by Paul Grant)\n"
    )
    page = Page(key="tr.txt", text=text, path="tr.txt")
    (a,) = segment(page)
    check_offsets(page, [a])
    assert a.byline == "Anne Leroy" and a.dateline == "LYON, 14 March 2025" and a.published == "2025-03-14"
    assert roles(a, "boilerplate") == [
        "This story was translated from French by our newsroom.",
        "(Translation by Paul Grant)",
    ]
    assert page.text[a.body_start : a.body_end].endswith("feared losing customers.")


def test_body_paragraph_about_copyright_is_not_furniture() -> None:
    text = (
        "Court rules on music sharing case\n\nBy Ann Lee\n\n"
        "A court ruled on Tuesday that the sharing site had broken the law.\n\n"
        "Copyright holders welcomed the decision and said they would seek damages.\n"
    )
    page = Page(key="c.txt", text=text, path="c.txt")
    (a,) = segment(page)
    assert not roles(a, "boilerplate")
    assert page.text[a.body_start : a.body_end].endswith("would seek damages.")


def test_date_lines_split_and_date_blog_posts() -> None:
    text = (
        "Clean-up crews clear the river banks after the flood\n\nMarch 3, 2024\n\n"
        "Volunteers spent the weekend clearing debris from the river banks near the old mill.\n\n"
        "New footbridge opens over the canal\n\nFebruary 27, 2024\n\n"
        "The new footbridge over the canal opened to walkers and cyclists on Tuesday.\n"
    )
    page = Page(key="d.txt", text=text, path="d.txt")
    arts = segment(page)
    check_offsets(page, arts)
    assert [a.title for a in arts] == [
        "Clean-up crews clear the river banks after the flood",
        "New footbridge opens over the canal",
    ]
    assert [a.published for a in arts] == ["2024-03-03", "2024-02-27"]


def test_parse_stamp() -> None:
    from presslens.segment import load_cues, parse_stamp

    cues = load_cues()
    assert parse_stamp("Updated 11:20 AM GMT+2, June 4, 2023", cues) == "2023-06-04"
    assert parse_stamp("Last updated: Friday 2 June 2023 09:15 CET", cues) == "2023-06-02"
    assert parse_stamp("Updated 9:15 a.m. EST", cues) == ""  # a time, no date
    assert parse_stamp("Posted by Jane Doe on June 5, 2021", cues) is None  # a byline
    assert parse_stamp("Protests - Jan 4, 2018 - City of Tabriz", cues) is None  # a headline
    assert match_dateline("ROME, 6 February 2025 - Police said") is not None


# --------------------------------------------------------------------------- page header zone, photo labels, tail


def _text_page(text: str) -> Page:
    return Page(key="mem://header-zone", text=text, path="x.txt")


MASTHEAD_PAGE = """The Riverside Ledger

Business | Farming

Grain co-operative posts record harvest despite late frost

By Tomas Lindqvist

June 2, 2023

Share on X

Save

Photo credit, Harbour Pictures

Picture caption: Combines working the northern fields at dawn

The co-operative said on Monday that its members had brought in more wheat than in any season since it was founded in 1962.

Managers credited new drainage channels dug after the floods two years ago.

The full report can be found here.

Tomas Lindqvist is a staff reporter for The Riverside Ledger covering agriculture.

Press contact: Ana Ruiz, (415) 555-0188

More on this topic

Why rail freight rates keep climbing

A family dairy adapts to drought rules
"""


def test_masthead_and_section_lines_above_headline_are_furniture() -> None:
    page = _text_page(MASTHEAD_PAGE)
    arts = segment(page)
    check_offsets(page, arts)
    assert len(arts) == 1
    a = arts[0]
    assert a.title == "Grain co-operative posts record harvest despite late frost"
    assert a.byline == "Tomas Lindqvist"
    bp = roles(a, "boilerplate")
    furniture = [
        "The Riverside Ledger",
        "Business | Farming",
        "June 2, 2023",
        "Share on X",
        "Save",
        "Photo credit, Harbour Pictures",
        "The full report can be found here.",
        "Press contact: Ana Ruiz, (415) 555-0188",
        "More on this topic",
    ]
    for line in furniture:
        assert line in bp, line
    # the author's bio line under the story is furniture, not the last paragraph
    assert any(x.startswith("Tomas Lindqvist is a staff reporter") for x in bp)
    assert roles(a, "related_link") == [
        "Why rail freight rates keep climbing",
        "A family dairy adapts to drought rules",
    ]
    assert page.text[a.body_start :].startswith("The co-operative said")
    assert page.text[: a.body_end].endswith("floods two years ago.")


def test_caption_label_is_stripped_with_exact_offsets() -> None:
    page = _text_page(MASTHEAD_PAGE)
    a = segment(page)[0]
    cap = [p for p in a.parts if p.role == "caption"]
    assert a.captions == ["Combines working the northern fields at dawn"]
    assert len(cap) == 1 and page.text[cap[0].start : cap[0].end] == cap[0].text
    # The label "Picture caption: " is in no part.
    assert not any("Picture caption" in p.text for p in a.parts)


def test_all_caps_section_and_press_office_header() -> None:
    text = (
        "Ministry of Coastal Affairs\n\nNews Releases\n\nCOMMENTARY\n\n"
        "Minister Opens Three New Lifeboat Stations Along the Western Coast\n\n"
        "Updated 9:15 AM, 4 May 2022\n\n"
        "The stations in Brill, Arrow Point and Kessock will be crewed by volunteers from next month.\n\n"
        "Each station received two boats and a tractor for launching them from the beach.\n\n###\n"
    )
    page = _text_page(text)
    a = segment(page)[0]
    check_offsets(page, [a])
    assert a.title == "Minister Opens Three New Lifeboat Stations Along the Western Coast"
    assert a.byline is None and a.captions == []
    assert roles(a, "boilerplate")[:3] == ["Ministry of Coastal Affairs", "News Releases", "COMMENTARY"]
    assert "###" in roles(a, "boilerplate")
    assert a.published == "2022-05-04"


def test_by_line_after_a_standfirst_is_the_byline() -> None:
    text = (
        "The Northern Clarion\n\n"
        "Ferry fares to rise for the third year running\n\n"
        "Island residents say the increase will push young families to the mainland.\n\n"
        "By Mairi Fraser\n\n"
        "The operator confirmed on Tuesday that fares would go up by 6% from April.\n\n"
        "Councillors said they would ask the ministry to review the subsidy.\n"
    )
    page = _text_page(text)
    a = segment(page)[0]
    check_offsets(page, [a])
    assert a.title == "Ferry fares to rise for the third year running"
    assert a.byline == "Mairi Fraser"
    assert roles(a, "boilerplate") == ["The Northern Clarion"]


def test_bio_shape_opening_a_body_is_not_furniture() -> None:
    # "X is a senior fellow at ..." opens many interviews: only a closing bio line is furniture.
    text = (
        "Why the harbour plan keeps stalling\n\nBy Lena Ortiz\n\n"
        "Rui Costa is a senior fellow at the Coastal Institute, where he studies port finance.\n\n"
        "Q: What went wrong this year?\n\nA: The lenders walked away after the second audit.\n"
    )
    page = _text_page(text)
    a = segment(page)[0]
    assert page.text[a.body_start :].startswith("Rui Costa is a senior fellow")
    assert "Rui Costa is a senior fellow" not in " ".join(roles(a, "boilerplate"))


# --------------------------------------------------------------------------- page furniture of other outlets

PAGES = ROOT / "tests/fixtures/pages"


def fixture_page(name: str) -> Page:
    path = PAGES / name
    return Page(key=str(path), text=path.read_text(encoding="utf-8"), path=str(path))


def one_article(name: str) -> tuple[Page, Article]:
    page = fixture_page(name)
    arts = segment(page)
    check_offsets(page, arts)
    assert len(arts) == 1
    return page, arts[0]


def body_bounds(page: Page, a: Article) -> tuple[str, str]:
    return page.text[a.body_start : a.body_start + 30], page.text[a.body_end - 30 : a.body_end]


def test_consent_banner_ads_newsletter_and_most_read_list() -> None:
    page, a = one_article("consent_ads_mostread.txt")
    assert a.title == "Harbour authority approves £40m plan to dredge the old shipping channel"
    assert a.byline == "Priya Natarajan"  # ", Transport Correspondent" is a job title
    assert a.published == "2024-03-14"
    assert a.tags == ["Transport", "Shipping", "Environment"]  # "Topics:" line under the body
    assert a.captions == ["Dredgers working near the eastern breakwater last summer"]
    assert body_bounds(page, a) == (
        "The harbour authority on Wedne",
        "eighteen months, the authority said."[-30:],
    )
    assert roles(a, "boilerplate") == [
        fold(page.text.splitlines()[0]),  # the cookie banner sentence
        "Accept all",
        "Reject all",
        "Manage preferences",
        "The Northern Courier",
        "Politics",
        "Last updated: 14 March 2024, 09:12 GMT",
        "5 min read",
        "Listen to this article",
        "Share on Facebook Share on Twitter Email",
        "(Photo: AFP/Getty Images)",
        "Advertisement",
        "Story continues below advertisement",
        "Sign up for our Morning Briefing newsletter to get the day's top stories in your inbox.",
        "Priya Natarajan is the Courier's transport correspondent. She previously covered local "
        "government in Leeds.",
        "123 comments",
        "Most read",
    ]
    assert roles(a, "related_link") == [
        "1. Council confirms closure date for Victoria Road library",
        "2. Storm warning issued as gales expected across the coast",
        "3. Former mayor cleared of misconduct after two-year inquiry",
        "4. New ferry timetable leaves island commuters stranded",
    ]
    assert len(roles(a, "body")) == 5


def test_editors_note_on_top_is_furniture_and_sponsored_lines_leave_the_body() -> None:
    page, a = one_article("editors_note_sponsored_trending.txt")
    assert a.title == "Why the city should stop building parking garages downtown"
    assert a.byline == "Laurent Okafor"
    assert a.published == "2025-02-04"
    assert a.tags == [] and a.captions == []
    assert body_bounds(page, a) == ("The city has spent more than $", "the stadium. It should vote no."[-30:])
    assert roles(a, "boilerplate") == [
        "Accept cookies",
        "Cookie settings",
        "METRO DAILY | OPINION",
        "Editor's note: This column reflects the views of the author and not necessarily those of "
        "the newsroom.",
        "Published 6:30 AM EST, Tue February 4, 2025",
        "4 min read",
        "Sponsored",
        "Advertisement - Scroll to continue",
        "Laurent Okafor is a contributing columnist and a former city planner.",
        "Comments",
        "Trending",
    ]
    assert roles(a, "related_link") == [
        "1 Stadium district rezoning heads to council vote",
        "2 Schools chief announces early retirement",
        "3 What the new transit map means for your commute",
    ]


def test_live_blog_with_timestamped_entries_stays_one_article() -> None:
    page, a = one_article("liveblog.txt")
    assert a.title == "Floods live: rivers burst banks as thousands evacuated in the south-west"
    assert a.byline == "Marta Kowalczyk and Daniel Reyes"
    assert a.published == "2023-11-09"
    assert a.tags == ["Flooding", "Weather", "Devon"]  # list under a "Related Topics" label
    assert a.captions == []
    assert body_bounds(page, a) == (
        "16:42 GMT — Emergency services",
        "floods across the south-west of England."[-30:],
    )
    body = roles(a, "body")
    assert [b[:9] for b in body] == [
        "16:42 GMT",
        "16:10 GMT",
        "15:35 GMT",
        "13:50 GMT",
        "The river",
        "14:05 GMT",
    ]
    assert roles(a, "heading") == ["River Exe at record level"]
    assert roles(a, "boilerplate") == [
        "Live",
        "Last updated 16:42 GMT, 9 November 2023",
        "Share on Facebook Share on Twitter Share on WhatsApp Email",
        "Advertisement",
        "Sign up for our newsletter",
        "Related Topics",
    ]
    assert roles(a, "tags") == ["Flooding, Weather, Devon"]
    assert roles(a, "related_link") == []


def test_privacy_banner_listen_widget_and_most_viewed_links() -> None:
    page, a = one_article("wire_share_mostviewed.txt")
    assert a.title == "Drought pushes Zambia to ration power for up to 12 hours a day"
    assert a.byline == "Reuters" and a.source == "Reuters"
    assert a.published == "2024-01-12"
    assert a.dateline == "LUSAKA, Jan 12"
    assert a.tags == [] and a.captions == []
    assert body_bounds(page, a) == (
        "LUSAKA, Jan 12 (Reuters) - Zam",
        "be asked to cut consumption by a fifth."[-30:],
    )
    assert roles(a, "boilerplate") == [
        "We value your privacy",
        "We and our partners use cookies and similar technologies to store and access information on "
        "your device.",
        "I Accept",
        "Skip to main content",
        "World",
        "Updated Jan 12, 2024 at 3:05 PM",
        "Listen · 3:12",
        "Share",
        "Reading time: 3 minutes",
        "ADVERTISEMENT",
        "(Reporting by Chris Mfula; Editing by Alison Williams)",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Most viewed",
        "45 Comments",
    ]
    assert roles(a, "related_link") == [
        "Zambia's copper output hits a ten-year high",
        "Kenya cuts fuel prices for the second month in a row",
        "Ghana's cedi steadies after IMF deal",
    ]


def test_furniture_cues_do_not_swallow_sentences() -> None:
    seg = LayoutSegmenter()
    cues = seg.cues
    for line in [
        "Advertisement",
        "Share on Facebook Share on Twitter Email",
        "12 min read",
        "Most viewed",
        "Listen · 3:12",
        "Comments (14)",
        "(Photo: AFP/Getty Images)",
    ]:
        assert cues.is_furniture(line), line
    for line in [
        "Advertisement revenue fell by a third last year.",
        "Comments made by the minister drew criticism.",
        "Trending topics on the platform are chosen by an algorithm.",
        "We use data from the census to estimate the population.",
        "Accept all the risks, the minister said.",
    ]:
        assert not cues.is_furniture(line), line


def test_index_page_with_donation_banner_and_tag_chips() -> None:
    # Masthead + appeal banner above the first headline are header, never a post of their own;
    # bar-separated chips under each post's date are its tags; appeal/nav footer is furniture.
    page = fixture_page("ngo_index_chips_donate.txt")
    arts = segment(page)
    check_offsets(page, arts)
    assert [a.title for a in arts] == [
        "Georgia: Journalists fined after covering street protests",
        "Azerbaijan: Activist sentenced to eight years on smuggling charges",
    ]
    assert [a.tags for a in arts] == [
        ["Georgia", "Media Freedom", "Right to Protest"],
        ["Azerbaijan", "Human Rights Defenders", "Unfair Trials"],
    ]
    assert [a.byline for a in arts] == [None, None]
    assert [a.published for a in arts] == ["2025-02-04", "2025-01-28"]
    first = roles(arts[0], "boilerplate")
    assert first[:3] == [
        "Harbour Rights Project",
        "Give today: your support keeps our monitors in the field. Gifts are doubled this month.",
        "Updates",
    ]
    assert roles(arts[1], "related_link") == []
    assert {
        "Support our journalism. We take no money from any government.",
        "Donate",
        "Terms of use | About us",
    } <= set(roles(arts[1], "boilerplate"))


def test_bracketed_photo_credit_place_stamp_also_read_and_follow_list() -> None:
    page = fixture_page("caption_credit_follow_list.txt")
    arts = segment(page)
    check_offsets(page, arts)
    assert len(arts) == 1, [a.title for a in arts]
    a = arts[0]
    assert a.title == "Dockworkers end strike after pay deal at three eastern ports"
    assert a.byline == "Lena Okafor"
    assert a.published == "2025-01-09"
    assert a.tags == ["port strike", "wages", "container shipping"]
    assert a.captions == [
        "Cranes stand idle at the container terminal during the second day of the walkout, "
        "January 8, 2025 [Handout via AFP]"
    ]
    assert roles(a, "related_link") == ["See also: Shipping lines warn of delays as port backlog grows"]
    assert roles(a, "heading") == []
    bp = roles(a, "boilerplate")
    for line in [
        "The Coastal Courier",
        "Business | Ports",
        "Mombasa, Updated: Jan 9, 2025 06:30 PM EAT",
        "(With inputs from agencies)",
        "Sources: News agencies",
        "Follow The Coastal Courier on:",
        "X",
        "Threads",
    ]:
        assert line in bp, line
    first, last = body_bounds(page, a)
    assert first.startswith("Dockworkers at three ports")
    assert last.endswith("backlog of containers.")


def test_caption_shape_and_related_cue_predicates() -> None:
    seg = LayoutSegmenter()
    cues = seg.cues
    for line in [
        "Follow Daily Mirror on:",
        "X",
        "Donate",
        "Privacy policy | Contact us",
        "Sources: AFP, Reuters",
    ]:
        assert cues.is_furniture(line), line
    for line in [
        "Donations to the party rose sharply last year.",
        "Follow-up talks are planned for next week.",
        "Sources said the deal was close.",
    ]:
        assert not cues.is_furniture(line), line
    assert seg.caption_shaped(Unit(0, 0, "Rescuers search the rubble in Antakya [Reuters]"))
    assert not seg.caption_shaped(Unit(0, 0, "Rescuers search the rubble in Antakya"))
    assert seg.related_cued(Unit(0, 0, "Also Read: Budget talks stall over fuel subsidy"))
    assert not seg.related_cued(Unit(0, 0, "Also read the minister's statement"))
    assert parse_stamp("New Delhi, Published: 4 March 2024 10:02 IST", cues) == "2024-03-04"
    assert parse_stamp("Jane Doe, Transport Correspondent", cues) is None


def test_text_headline_ending_in_a_full_stop_is_the_title() -> None:
    # Plain-text news dumps often end the headline with a full stop (issue 14).
    from presslens.records import Page
    from presslens.segment import segment_page

    lede = ("The Australian government has asked Indonesia not to execute the Gold Coast woman if she is "
            "convicted, the foreign minister said on Monday.")
    arts = segment_page(Page(key="t", text="Australia appeals for no execution in Indonesian drug case.\n\n" + lede))
    assert arts[0].title == "Australia appeals for no execution in Indonesian drug case."
    # A short first paragraph of two sentences, or one as long as the next, stays body text.
    arts = segment_page(Page(key="t", text="Rain fell all day. Roads were closed.\n\n" + lede))
    assert arts[0].title is None
    arts = segment_page(Page(key="t", text=lede + "\n\n" + lede))
    assert arts[0].title is None


def test_site_line_with_a_bracketed_edition_is_the_outlet_not_the_title() -> None:
    """A sentence-case headline over the page's outlet line "Harbour Evening Courier Online (Weekend)":
    the bracketed edition does not hide the outlet name, so the headline stays the title (session 22:
    the across set's variant pages, "... (variant)", lost their headlines and the figures in them)."""
    text = (
        "Ferry strike enters its third day as talks fail\n\nHarbour Evening Courier Online (Weekend)\n\n"
        "Ferry crews stayed off work for a third day on Friday after talks with operators failed, the union said.\n"
    )
    page = Page(key="f.txt", text=text, path="f.txt", source="Harbour Evening Courier Online (Weekend)")
    (a,) = segment(page)
    assert a.title == "Ferry strike enters its third day as talks fail"
