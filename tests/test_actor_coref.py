"""In-article coreference rules of the actors layer (``layers/actors/coref.py``, acronyms in
``joins.py``, the possessive state body in ``state_bodies.py``).

Sentences marked GeoVirus are from ../shared/dev/geo/GeoVirus.xml (Wikinews, CC BY 2.5; the
article index in the file is given), trimmed to the sentences the rule needs. The others were
written for these tests in the same news style (marked "written"); none is copied from a gold
file or from the frozen part of any dev set.
"""

from __future__ import annotations

import pytest

from presslens.testing import analyse_text


def mentions(text: str, date: str | None = "2009-05-01") -> list[tuple[str, str | None, str]]:
    kw = {"published": date} if date else {}
    a = analyse_text(text, stages=["nlp", "actors", "agents"], **kw)
    for m in a.mentions:
        assert a.page_text[m.start : m.end] == m.text
    return [(m.text, m.actor_id, m.method) for m in a.mentions]


CFIA = ("An 8th case of mad cow disease was found in a cow in the province of Alberta. The Canadian Food Inspection "
        "Agency did a test and found BSE. The agency found no part of the beef cow's carcass entered either the human "
        "or animal food chain.")  # GeoVirus 61
NEWMONT = ("A $43 million lawsuit was filed against Newmont Mining by the Indonesian Environmental Ministry and local "
           "villagers. They claim that pollution caused by the company’s mining activities has caused serious "
           "illnesses.")  # GeoVirus 227
NIGERIA = ("According to Henry Akpan, chief epidemiologist at Nigeria's Ministry of Health, 111 of the 163 recorded "
           "deaths have been children. Nigeria's government has requested assistance from international "
           "organizations, including the World Health Organization and the US Centers for Disease Control and "
           "Prevention, in averting a widespread outbreak. The Ministry has meanwhile organized two camps for "
           "villagers suffering from the poison.")  # GeoVirus 121
PHILIPPINES = ("Six students in Ilocos Sur, Philippines tested positive for the H1N1 influenza virus. Officials from "
               "the Department of Health say that they are not surprised. The department noted that all prior cases "
               "in the Philippines have been \"mild\" and patients fully recovered.")  # GeoVirus 45
WESTMINSTER = ("A Westminster City Council spokeswoman explained that two complaints made by members of the public "
               "were being replied to by the council.")  # GeoVirus 132
BIOCHEMISTRY = ("As professor and head of the department of biochemistry and molecular biology at UGA, he led the "
                "study.")  # GeoVirus 178
PREVAL = ("The Health minister, Alex Larsen, and the president, Rene Preval, toured the affected areas.")  # GeoVirus 80

# (rule, text, mention text, expected actor id or a prefix ending in "*", expected method); None: no mention.
RULES = [
    ("definite_head", CFIA, "agency", "x-canadian-food-inspection-agency", "definite"),
    ("definite_head", NEWMONT, "company", "newmont-mining", "definite"),
    ("definite_head", NIGERIA, "Ministry", "nigeria-ministry-of-health", "definite"),  # not the WHO, nearer
    ("definite_head", PHILIPPINES, "department", "x-department-of-health", "definite"),
    ("definite_head", WESTMINSTER, "council", "x-westminster-city-council", "definite"),
    ("definite_head", BIOCHEMISTRY, "department", None, None),  # "the department of ...": a description
    # written: a modifier must be in the antecedent's name.
    ("definite_head", "Xinhua reported that the Ministry of Health of the People's Republic of China had ordered "
     "tests. The health ministry said on Monday that 23 cases were confirmed. The foreign ministry declined to "
     "comment.", "health ministry", "x-ministry-of-health-of-the-people-s-republic-of-china", "definite"),
    ("definite_head", "Xinhua reported that the Ministry of Health of the People's Republic of China had ordered "
     "tests. The foreign ministry declined to comment.", "foreign ministry", None, None),
    ("definite_head", "The Canadian Food Inspection Agency did a test. The company spokesman said nothing.",
     "company", None, None),  # no company named; and "the company spokesman" goes on
    ("definite_head", "U.S. Congressman Henry Waxman (D-CA) has announced he will hold a Congressional hearing "
     "February 11 before the House Energy and Commerce Committee to investigate the matter. According to the FDA, "
     "peanut products were shipped from the PCA facility though the company knew they were contaminated.",
     "company", None, None),  # GeoVirus 139: a committee is no company
    ("definite_head", "Nigeria's Ministry of Health and Nigeria's Ministry of Defence met on Monday. The ministry said "
     "two camps were set up.", "ministry", None, None),  # written: two ministries fit, neither is named
    ("definite_head", "Nigeria's Ministry of Health and Nigeria's Ministry of Defence met on Monday. The health "
     "ministry said two camps were set up.", "health ministry", "nigeria-ministry-of-health", "definite"),
    # possessive state body (GeoVirus 121): the country is the owner, the mention is the body.
    ("state_body_possessive", NIGERIA, "Ministry of Health", "nigeria-ministry-of-health", "state-body"),
    ("state_body_possessive", "Russia's defence ministry said on Monday that the attack was repelled.",
     "defence ministry", "russia-defence-ministry", "state-body"),  # written
    # written: a provisional short name whose dropped words are generic organisation words.
    ("short_name", "Metz Fresh Inc. recalled the spinach on Friday. Metz Fresh said only one sample tested positive.",
     "Metz Fresh", "x-metz-fresh-inc", "short-name"),
    ("short_name", "Shoppers at the Riverwood Trader complained on Friday. Lucan Valerius, who runs Riverwood Trader, "
     "said Riverwood was quiet.", "Riverwood", "x-riverwood", "provisional"),  # "Trader" is not generic: a village
    # acronym before its expansion (written after GeoVirus 202 "The Department of Health (DHSSPS)").
    ("acronym_first", "The CFIA (Canadian Food Inspection Agency) did a test. The CFIA said no meat entered the "
     "food chain.", "CFIA", "x-canadian-food-inspection-agency", "acronym"),
    # "the president" (written): the person named before who held the office that day, else the country's.
    ("office_antecedent", "Donald Trump met reporters on Monday. The president said the talks would go on.",
     "president", "donald-trump", "office-antecedent"),
    ("office_antecedent", "Emmanuel Macron spoke in Paris on Monday. The prime minister was not there.",
     "prime minister", None, None),  # Macron was president, not prime minister
    ("office_country", "Iran's foreign ministry said on Monday that Tehran would respond. The Iranian army was on "
     "alert. The president said Iran would not yield.", "president", "hassan-rouhani", "office-country"),
    ("office_country", PREVAL, "president", None, None),  # "the president, Rene Preval": the name says who
    ("office_country", "The president of the club said the season was over.", "president", None, None),
]


@pytest.mark.parametrize(("rule", "text", "span", "aid", "method"), RULES)
def test_coref_rules(rule: str, text: str, span: str, aid: str | None, method: str | None) -> None:
    date = "2016-03-01" if rule.startswith("office") and "Iran" in text else "2019-05-01"
    got = [m for m in mentions(text, date) if m[0] == span]
    if aid is None:
        assert not got or all(m[2] not in ("definite", "office-antecedent", "office-country") for m in got), rule
        return
    assert got, (rule, mentions(text, date))
    assert got[-1][1] == aid and got[-1][2] == method, (rule, got)


def test_country_body_needs_one_country() -> None:
    """Rule ``country_body`` (written after GeoVirus 187, Brazil): an unqualified state body in an
    article about one country is that country's; with two countries in play it stays provisional."""
    one = ("Vietnam confirmed two new cases on Monday. The Vietnamese government said the outbreak was contained. "
           "The Ministry of Health said that both new patients are in stable condition.")
    assert ("Ministry of Health", "vietnam-ministry-of-health", "country-body") in mentions(one)
    # GeoVirus 130: a university's department is not the country's.
    uni = ("Vietnam confirmed two new cases on Monday. The Vietnamese government said the outbreak was contained. "
           "Dr. William Shaffner, a doctor and chair of the Department of Preventative Medicine at Vanderbilt "
           "University in Nashville, Tennessee, told Wikinews reporters.")
    assert all(m[2] != "country-body" for m in mentions(uni))
    two = ("Vietnam confirmed two new cases on Monday. The Vietnamese government and Thailand's government met. "
           "The Thai army was on alert. The Ministry of Health said that both new patients are in stable condition.")
    assert ("Ministry of Health", "x-ministry-of-health", "provisional") in mentions(two)


def test_office_needs_a_date() -> None:
    text = "Donald Trump met reporters on Monday. The president said the talks would go on."
    assert all(m[2] != "office-antecedent" for m in mentions(text, None))
    # The same sentence on a date Trump did not hold the office names no one.
    assert all(m[2] != "office-antecedent" for m in mentions(text, "2022-03-01"))


def test_descriptions_are_not_aliases() -> None:
    a = analyse_text(CFIA, stages=["nlp", "actors", "agents"], published="2019-05-01")
    rec = next(x for x in a.actors if x.id == "x-canadian-food-inspection-agency")
    assert "agency" not in rec.aliases


def test_actor_names_that_are_places_are_recorded_by_both_layers() -> None:
    """Issue 13 (4), written: "White House", "US", "EU" are actor mentions and place mentions on the
    same words; "Russia's defence ministry" is the body for the actors layer and "Russia" a place
    in the name for the places layer (tests/test_places.py checks the places' coordinates)."""
    text = ("The White House said on Monday that the US would not lift sanctions, and the EU called for talks. "
            "Russia's defence ministry denied the report.")
    a = analyse_text(text, stages=["nlp", "actors", "places"], published="2019-05-01")
    actors = {(m.start, m.text): m.actor_id for m in a.mentions}
    places = {(p.start, p.text): p.role for p in a.places}
    for name, aid in (("White House", "us-government"), ("US", "us-government"), ("EU", "eu")):
        key = (text.index(name), name)
        assert actors.get(key) == aid and places.get(key) == "toponym", name
    assert actors.get((text.index("defence ministry"), "defence ministry")) == "russia-defence-ministry"
    assert places.get((text.index("Russia"), "Russia")) == "in_name"
