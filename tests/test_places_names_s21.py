"""Session 21 rules on organisation names and datelines (acronym_head, name_word, name_widened to a
large town); every sentence is invented."""

from __future__ import annotations

from presslens.testing import analyse_text


def _places(text: str) -> dict[str, object]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    return {p.text: p for p in a.places}


def test_a_place_before_an_agency_acronym_is_in_its_name() -> None:
    # NER reads "<Place> RCMP" as a person's name; the acronym says it is an agency's
    got = _places("Saskatchewan RCMP said a truck crashed near Moose Jaw on Highway 1.")
    p = got["Saskatchewan"]
    assert (p.role, p.country, p.precision) == ("in_name", "CA", "region"), p  # type: ignore[attr-defined]


def test_a_roman_numeral_is_no_acronym() -> None:
    got = _places("Henry VIII hunted near the village before the court moved to London.")
    assert "Henry" not in got and "VIII" not in got


def test_a_newspaper_head_word_is_no_town() -> None:
    got = _places("The Star Tribune and the Chicago Tribune reported the vote in Minnesota.")
    assert "Tribune" not in got  # Tribune, Kansas
    assert got["Chicago"].role == "in_name"  # type: ignore[attr-defined]


def test_a_court_modifier_between_place_and_head_is_no_town() -> None:
    got = _places("The Kentucky Supreme Court ruled on Friday that the Fayette County board erred.")
    assert "Supreme" not in got  # Supreme, Louisiana
    assert got["Kentucky"].role == "in_name"  # type: ignore[attr-defined]


def test_a_dateline_in_capitals_is_the_whole_town_name() -> None:
    got = _places("SALT LAKE CITY — Utah lawmakers passed the measure on Tuesday.")
    p = got["SALT LAKE CITY"]
    assert (p.name, p.admin1) == ("Salt Lake City", "UT"), p  # type: ignore[attr-defined]


def test_a_name_written_with_its_possessive_keeps_it() -> None:
    got = _places("Residents of Halifax, N.S., and St. John's, Nfld., watched the storm come in.")
    p = got["St. John's"]
    assert (p.country, p.admin1, p.precision) == ("CA", "05", "city"), p  # type: ignore[attr-defined]


def test_the_possessive_picks_the_county_named_with_it() -> None:
    got = _places("Fairfax and Arlington County, Virginia, closed schools, and so did Prince George's County.")
    p = got["Prince George's County"]
    assert (p.admin1, p.precision) == ("MD", "county"), p  # type: ignore[attr-defined]


def test_a_genitive_is_no_part_of_the_name() -> None:
    got = _places("Canada's Food Inspection Agency said the herd in Alberta was clean.")
    assert got["Canada"].role == "in_name"  # type: ignore[attr-defined]


def test_an_abbreviation_after_a_city_names_its_state() -> None:
    got = _places("Teams from Dover, Del., and Annapolis, Md., joined the search on Sunday.")
    assert (got["Dover"].admin1, got["Del."].admin1) == ("DE", "DE")  # type: ignore[attr-defined]


def test_a_county_named_as_one_names_its_country_for_the_towns_ner_missed() -> None:
    got = _places("Erie County officials said Amherst and Cheektowaga were hit hardest by the storm.")
    p = got["Cheektowaga"]
    assert (p.country, p.admin1) == ("US", "NY"), p  # type: ignore[attr-defined]


def test_a_demonym_shared_with_a_far_off_region_follows_the_article() -> None:
    us = _places("Two Georgians were hurt in a crash near Macon, Ga. Bibb County crews and Atlanta police helped.")
    assert (us["Georgians"].country, us["Georgians"].precision) == ("US", "region")  # type: ignore[attr-defined]
    ge = _places("Georgians in Tbilisi protested on Sunday against the government, and Armenia watched.")
    assert (ge["Georgians"].country, ge["Georgians"].precision) == ("GE", "country")  # type: ignore[attr-defined]
