"""Dates layer: absolute forms, relative dates, anchors, intervals and invalid dates."""

from __future__ import annotations

import pytest

from presslens.dates import find_candidates, interpret, parse_anchor
from presslens.testing import analyse_text


def dates(text: str, published: str | None = None) -> dict[str, tuple]:
    rs = interpret(find_candidates(text), parse_anchor(published))
    return {text[r["start"] : r["end"]]: (r["value"], r["precision"], r["resolved"], r["valid"]) for r in rs}


def test_absolute_forms_from_the_seeds() -> None:
    got = dates("Iran Protests- Jan. 5, 2018 City of Tabriz. Iran Protests- 5 Jan 2018 - Crowd. On Jun 20, 1981, "
                "in Iran. In a September 28, 2012 briefing. Published in August 2019. Camp Ashraf in 2004-2005. "
                "During the Dec 2017/Jan 2018 Iran protests. The massacre of 30,000 prisoners in 1988. "
                "They've been listed from 1996 to 2012.")
    assert got["Jan. 5, 2018"] == ("2018-01-05", "day", True, True)
    assert got["5 Jan 2018"][0] == "2018-01-05"
    assert got["Jun 20, 1981"][0] == "1981-06-20"
    assert got["September 28, 2012"][0] == "2012-09-28"
    assert got["August 2019"] == ("2019-08", "month", True, True)
    assert got["2004-2005"] == ("2004/2005", "interval", True, True)
    assert got["Dec 2017/Jan 2018"] == ("2017-12/2018-01", "interval", True, True)
    assert got["1988"] == ("1988", "year", True, True)
    assert got["from 1996 to 2012"][0] == "1996/2012"
    assert "30,000" not in got


def test_missing_year_taken_from_the_text() -> None:
    got = dates("Published in August 2019. In their August 29th edition, Newsweek published an article.")
    assert got["August 29th"] == ("2019-08-29", "day", True, True)


def test_relative_dates_against_publication() -> None:
    got = dates("The London Free Iran Rally last Saturday drew crowds. At a cabinet meeting on Tuesday, "
                "Rouhani spoke. This week the US acted. The Hill TV interviewed him this May. "
                "Two weeks ago, a gathering was held.", published="2019-07-31")
    assert got["last Saturday"][0] == "2019-07-27"
    assert got["on Tuesday"][0] == "2019-07-30"
    assert got["This week"][:2] == ("2019-07-29", "week")
    assert got["this May"][:2] == ("2019-05", "month")
    assert got["Two weeks ago"][1] == "week"


# (text, published, expression, expected value). Origin: issue 17, seed page 002 ("In December" in a January
# 2020 article), the seed pages' "this May"/"last Saturday" style, and mirror cases.
NEAREST = [
    ("In December, the council voted.", "2020-01-14", "In December", "2019-12"),
    ("In March, the council will vote.", "2020-01-14", "In March", "2020-03"),
    ("In July the rally was held.", "2020-01-14", "In July", "2019-07"),
    ("In February, the prosecutor expressed similar fears.", "2019-08-25", "In February", "2019-02"),  # seed 002
    ("Next January the law starts.", "2020-01-14", "Next January", "2021-01"),
    ("Last December was cold.", "2020-01-14", "Last December", "2019-12"),
    ("This December the vote is due.", "2020-01-14", "This December", "2020-12"),
    ("The protest on Dec 20 was broken up.", "2020-01-02", "Dec 20", "2019-12-20"),
    ("The protest on 5 Jan was broken up.", "2019-12-30", "5 Jan", "2020-01-05"),
]


@pytest.mark.parametrize(("text", "published", "expr", "value"), NEAREST)
def test_month_without_year_is_the_recent_or_near_occurrence(text: str, published: str, expr: str, value: str) -> None:
    assert dates(text, published=published)[expr][0] == value


def test_relative_to_a_date_in_the_text_and_unanchored() -> None:
    got = dates("The rally was held on July 1, 2019. Three weeks later, the minister visited Paris.")
    assert got["Three weeks later"][0] == "2019-07-22"
    got = dates("Mere hours before the gathering began, the minister visited France.")
    assert got["Mere hours before"][2] is False  # no anchor: kept as text, unresolved


def test_invalid_date_is_flagged_not_guessed() -> None:
    got = dates("Iran - Jan. 1, 20117. Protesters Shot by Regime's Security Forces, and on February 30, 2019.")
    assert got["Jan. 1, 20117"] == (None, "day", False, False)
    assert got["February 30, 2019"][3] is False


def test_dates_stage_writes_findings_and_offsets() -> None:
    a = analyse_text("Lagos, Nigeria - On 12 March 2024, gunmen abducted 15 pupils. Police said on Jan. 1, 20117 "
                     "nothing happened.", stages=["nlp", "dates"], published="2024-03-14")
    for d in a.dates:
        assert a.page_text[d.start : d.end] == d.text
    assert any(d.value == "2024-03-12" for d in a.dates)
    bad = [f for f in a.findings if f.kind == "invalid_date"]
    assert bad and bad[0].refs[0].text == "Jan. 1, 20117"


def test_chilean_and_french_forms() -> None:
    got = dates("Los mineros de Chuquicamata struck on 3rd of August 2023; in Paris, the CGT marched on "
                "Thursday, March 23, 2023.")
    assert got["3rd of August 2023"][0] == "2023-08-03"
    assert got["Thursday, March 23, 2023"][0] == "2023-03-23"


def test_header_date_anchors_relative_dates_without_publication() -> None:
    from presslens.dates import article_anchor, header_anchor
    from presslens.records import Article

    assert header_anchor("LYON, 4 March 2025 - Workers struck on Tuesday.") == parse_anchor("2025-03-04")
    text = ("School attack in the north\n\nBy A WRITER\n\nUpdated 9:15 AM GMT+1, October 8, 2024\n\n"
            "KANO (AP) - Gunmen struck on Monday and again last week, officials said.\n")
    art = Article(id="p-a1", page_id="p", seq=1, start=0, end=len(text), body_start=0, body_end=len(text))
    anchor, how = article_anchor(art, text)
    assert anchor == parse_anchor("2024-10-08") and how == "dateline"
    a = analyse_text(text, stages=["nlp", "dates"])
    got = {d.text: (d.value, d.anchor) for d in a.dates}
    assert got["on Monday"] == ("2024-10-07", "dateline")
    assert got["last week"][0] == "2024-09-30"


def test_spans_back_from_the_anchor_cover_every_reading() -> None:
    got = dates("Strikes spread over the past few weeks. Talks stalled in the last two weeks. Output fell "
                "over the past one-and-a-half months. Rainfall dropped during the past three decades.",
                published="2021-03-10")
    assert got["over the past few weeks"][:2] == ("2021-02/2021-03", "interval")  # "few" may be four
    assert got["in the last two weeks"][:2] == ("2021-02-24/2021-03-10", "interval")
    assert got["over the past one-and-a-half months"][0] == "2021-01/2021-03"
    assert got["during the past three decades"][0] == "1991/2021"
    assert dates("Strikes spread over the past few weeks.")["over the past few weeks"][2] is False  # no anchor


def test_parts_of_a_year() -> None:
    got = dates("A nationwide uprising at the beginning of 2018, elections at the end of 2019 and a slump in "
                "the first half of 2020.")
    assert got["the beginning of 2018"][:2] == ("2018-01", "month")
    assert got["the end of 2019"][:2] == ("2019-12", "month")
    assert got["the first half of 2020"][:2] == ("2020-01/2020-06", "interval")


# (text, published, expression or None when no date is read, expected value). A weekday standing alone is
# the last such day up to the publication date. Origin: Wikinews sentences in shared/dev/geo/GeoVirus.xml
# (CC BY 2.5; the Seoul beef protests, published Monday 2008-06-30 per eval/dev/across s01) and names from
# shared/dev/extraction pages ("Black Friday", "the Sunday Times", "Every Saturday").
BARE_WEEKDAYS = [
    ("after hundreds of people were injured in clashes with riot police overnight Saturday.", "2008-06-30",
     "Saturday", "2008-06-28"),
    ("Over 200 protesters and police officers were injured in Saturday's protests.", "2008-06-30",
     "Saturday", "2008-06-28"),
    ("Minister of Health Hatem Mostafa El-Gabaly said Wednesday, \"Polio has been endemic.\"", "2008-06-30",
     "Wednesday", "2008-06-25"),
    ("a 21-month-old boy died Monday of the virus in Hubei province.", "2008-06-30", "Monday", "2008-06-30"),
    ("expected to fly back to the United Kingdom Sunday, ending their one week ordeal", "2008-06-30",
     "Sunday", "2008-06-29"),
    ("Shoppers queued for Black Friday deals.", "2008-06-30", "Friday", None),
    ("the Sunday Times reported the sale.", "2008-06-30", "Sunday", None),
    ("Every Saturday the market opens.", "2008-06-30", "Saturday", None),
    ("The offer runs until Friday.", "2008-06-30", "Friday", None),
    ("The vote was held Tuesday November 4.", "2008-11-06", "Tuesday November 4", "2008-11-04"),
]


@pytest.mark.parametrize(("text", "published", "expr", "value"), BARE_WEEKDAYS)
def test_bare_weekday_is_the_last_such_day(text: str, published: str, expr: str, value: str | None) -> None:
    got = dates(text, published=published)
    assert (got[expr][0] if expr in got else None) == value
