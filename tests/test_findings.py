"""Findings: same quote with different speakers, conflicting numbers (caption vs body, day counts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from presslens.across.day_counts import day_count_findings
from presslens.across.figures import numbers_conflict
from presslens.across.findings import findings_post
from presslens.across.number_findings import number_findings
from presslens.across.quote_findings import norm_statement, quote_findings, same_statement
from presslens.records import Article, NumberClaim, Quote
from presslens.store import Store
from presslens.testing import default_settings


def _q(qid: str, text: str, speaker: str, start: int = 0) -> Quote:
    return Quote(id=qid, article_id="p-a1", start=start, end=start + len(text), text=text, kind="direct",
                 speaker_text=speaker, speaker_id=speaker.lower().replace(" ", "-"))


def test_same_statement_ignores_bracketed_glosses() -> None:
    a = norm_statement("90 percent of the country's cyberspace is controlled by foreigners and the "
                       "[People's Mojahedin Organization of Iran (PMOI/MEK)]")
    b = norm_statement("90 percent of the country's cyberspace is controlled by foreigners and the [MEK]")
    assert same_statement(a, b)
    assert not same_statement(a, norm_statement("The Internet is a reality and we can both use it well"))


def test_same_quote_two_speakers() -> None:
    text = "90 percent of the country's cyberspace is controlled by foreigners and their main objective is change."
    fs = quote_findings([_q("q1", text, "Mohammad Jafar Montazeri"), _q("q2", text, "Javad Javeed-Nia", 500),
                         _q("q3", "Short one.", "Someone Else", 900)])
    assert len(fs) == 1 and fs[0].kind == "same_quote_different_speakers"
    assert {r.item_id for r in fs[0].refs} == {"q1", "q2"}
    # The same speaker quoting themselves twice is not a finding.
    assert quote_findings([_q("q1", text, "A B"), _q("q2", text, "A B", 400)]) == []


def _n(nid: str, start: int, text: str, low: int | None, high: int | None, approx: bool = False,
       article: str = "p-a1") -> NumberClaim:
    return NumberClaim(id=nid, article_id=article, start=start, end=start + len(text), text=text, low=low,
                       high=high, approx=approx, counts="MEK supporters")


def test_numbers_conflict_rules() -> None:
    tens = _n("a", 0, "Tens of thousands", 20000, 99999)
    over = _n("b", 0, "Over ten thousands", 10001, None)
    assert numbers_conflict(tens, over) == (True, False)
    assert numbers_conflict(_n("c", 0, "500", 500, 500), _n("d", 0, "2,000", 2000, 2000)) == (True, True)
    # "more than 3,000" vs "some 3,000": the same size, not a conflict.
    assert numbers_conflict(_n("e", 0, "more than 3,000", 3001, None), _n("f", 0, "some 3,000", 3000, 3000, True))[0] \
        is False


def test_caption_vs_body_conflict() -> None:
    page = ("Tens of thousands of MEK supporters in Berlin Free Iran Rally\n\n"
            "Free Iran Rally in Berlin- Over ten thousands supporters of MEK, took to the streets in Berlin.\n")
    a = _n("a", 0, "Tens of thousands", 20000, 99999)
    s = page.index("Over ten")
    b = _n("b", s, "Over ten thousands", 10001, None)
    fs = number_findings([a, b], {"p-a1": "p"}, {"p": page})
    assert len(fs) == 1 and fs[0].disjoint is False
    # Different articles about different rallies are not compared.
    c = _n("c", s, "Over ten thousands", 10001, None, article="p-a2")
    assert number_findings([a, c], {"p-a1": "p", "p-a2": "p"}, {"p": page}) == []


def test_event_linked_figures_of_two_pages_are_not_compared_without_a_merge() -> None:
    # Both figures are tied to an event, but no merge says the events are one: each page's figure
    # stands alone (before, two unknown event ids compared equal and every page met every other).
    page = ("Tens of thousands of MEK supporters in Berlin Free Iran Rally\n\n"
            "Free Iran Rally in Berlin- Over ten thousands supporters of MEK, took to the streets in Berlin.\n")
    s = page.index("Over ten")
    a = _n("a", 0, "Tens of thousands", 20000, 99999)
    b = _n("b", s, "Over ten thousands", 10001, None, article="q-a1")
    a.event_id, b.event_id = "e1", "e2"
    pages = {"p-a1": "p", "q-a1": "q"}
    assert number_findings([a, b], pages, {"p": page, "q": page}) == []
    # A merge that makes them one event compares them.
    fs = number_findings([a, b], pages, {"p": page, "q": page}, {"e1": "c1", "e2": "c1"})
    assert len(fs) == 1


def test_ordinal_day_counts_with_dates() -> None:
    page = ("Iran Protests- January 2, 2018 Ahwaz, Sixth Day of Uprising\n"
            "Iran Protests- January 1, 2018 Toysercan, Fourth Day of Uprising\n"
            "Iran Protests- Fifth Day of People's Uprising Against the Regime, Shadegan, January 1, 2018\n"
            "Iran Protests- Fifth Day of People's Uprising Against the Regime, Tehran, January 1, 2018\n")
    art = Article(id="p-a1", page_id="p", seq=1, start=0, end=len(page), body_start=0, body_end=len(page))
    fs = day_count_findings([("p", page, [art])])
    assert len(fs) == 1 and fs[0].disjoint is True
    assert "Fourth Day" in fs[0].refs[0].text and "Fifth Day" in fs[0].refs[1].text


def test_post_stage_replaces_findings(tmp_path: Path) -> None:
    from presslens.records import Page
    from presslens.testing import single_article

    text = ('Prosecutor Mohammad Montazeri said: "90 percent of the country\'s cyberspace is controlled by '
            'foreigners and their main objective is change."\n\nDeputy Javad Javeed-Nia said: "90 percent of the '
            'country\'s cyberspace is controlled by foreigners and their main objective is change."')
    page, a = single_article(text)
    assert isinstance(page, Page)
    q1s = text.index("90 percent")
    q2s = text.index("90 percent", q1s + 10)
    for i, (s, who) in enumerate(((q1s, "Mohammad Montazeri"), (q2s, "Javad Javeed-Nia"))):
        e = text.index('."', s) + 1
        a.quotes.append(Quote(id=f"q{i}", article_id=a.article.id, start=s, end=e, text=text[s:e], kind="direct",
                              speaker_text=who))
    store = Store(tmp_path / "f.duckdb")
    store.write_page(page, [a])
    assert findings_post(store, default_settings()) == {"same_quote_different_speakers": 1}
    assert findings_post(store, default_settings()) == {}  # nothing new: nothing redone, nothing duplicated
    assert len(store.load("findings")) == 1
    store.close()


# --------------------------------------------------------------------------- contested figures

def _claims(page: str, article: str = "p-a1") -> list[NumberClaim]:
    from presslens.numbers import find_quantities

    return [NumberClaim(id=f"n{i}", article_id=article, start=q.start, end=q.end, text=q.text, low=q.low,
                        high=q.high, approx=q.approx, counts=q.counts)
            for i, q in enumerate(find_quantities(page))]


# (passage, expected figure texts of the one finding, disjoint): two sources, one count.
CONTESTED = [
    ("Police said 80,000 people joined the march in Lyon. Organisers said more than 250,000 people took part.",
     {"80,000", "more than 250,000"}, True),
    ("According to police, 12,000 demonstrators gathered in the square, while, according to the organisers, "
     "40,000 protesters were there.", {"12,000", "40,000"}, True),
    ("The health ministry reported 35 deaths. Rebel officials say more than 120 people were killed.",
     {"35", "more than 120"}, True),
    ("Union leaders said nearly 900 staff walked out. The company said fewer than 300 employees stopped work.",
     {"nearly 900", "fewer than 300"}, True),
    ("Parents say dozens of pupils were kidnapped. The state governor said 40 students were abducted.",
     {"dozens", "40"}, False),
    ("Organisers say 5,000 marchers filled the avenue; police say 1,800 participants attended the rally.",
     {"5,000", "1,800"}, True),
    # a bare figure given by a reporting verb takes the class of the figure it answers / its measure noun
    ("The army said at least 18 people were killed in the shelling. A doctors' union put the death toll at 31.",
     {"at least 18", "31"}, False),
    ("Union leaders said about 6,000 workers gathered at the gate. Police put the number at 2,000.",
     {"about 6,000", "2,000"}, True),
    # a source with an acronym or an appositive; "45 had died" counts the dead
    ("The Health Ministry (MoH) said 20 people were killed. The Doctors Syndicate, a union of physicians, "
     "said 45 had died.", {"20", "45"}, True),
]


@pytest.mark.parametrize(("page", "figures", "disjoint"), CONTESTED)
def test_contested_figures_from_two_sources(page: str, figures: set[str], disjoint: bool) -> None:
    fs = number_findings(_claims(page), {"p-a1": "p"}, {"p": page})
    assert len(fs) == 1, [f.detail for f in fs]
    assert {r.text for r in fs[0].refs} == figures
    assert fs[0].disjoint is disjoint


# Figures for different quantities: no finding.
NOT_CONTESTED = [
    # different predicates about the same noun (abducted vs enrolled)
    "Gunmen abducted 40 students, police said. The principal said 600 students are enrolled at the school.",
    # a city count vs a nationwide count
    "Police said 5,000 people marched in Lyon. Nationwide, the ministry counted 90,000 demonstrators.",
    # another occasion
    "Police said 30 students were abducted on Monday. Rights groups said more than 1,000 students have been "
    "abducted since 2020.",
    # a narrower group (contract workers are not all workers)
    "The union said 2,000 workers walked out. The company said 300 contract workers joined the strike.",
    # the same figure from two sources is agreement, not a conflict
    "Police said about 3,000 people marched. Organisers said some 3,000 people took part.",
    # arrests in one crackdown, a standing count of political prisoners, and those beaten among the detained
    "Authorities detained at least 30 people over the weekend, Rights Watch said. According to the Justice "
    "Centre, there are now more than 900 political prisoners in the country. The centre said at least six of "
    "those detained had been beaten.",
    # a figure opening its sentence takes its own predicate: the injured are not the marchers
    "Organisers said 8,000 farmers marched on Friday. At least 40 farmers were injured in clashes with police.",
]


@pytest.mark.parametrize("page", NOT_CONTESTED)
def test_different_quantities_are_not_contested(page: str) -> None:
    assert number_findings(_claims(page), {"p-a1": "p"}, {"p": page}) == []


def test_counted_noun_classes_and_predicates() -> None:
    from presslens.across.figures import canonical_noun, predicate

    assert canonical_noun("contractors") == canonical_noun("contract workers") == "contract workers"
    assert canonical_noun("marchers") == canonical_noun("people") == canonical_noun("demonstrators")
    assert canonical_noun("schoolgirls") == "students"
    page = "more than 2 million people had taken to the streets; 80 students had been taken from their dorms"
    a, b = _claims(page)
    assert predicate(page, a) == "participate" and predicate(page, b) == "abduct"


def test_turnout_dispute_with_measure_nouns_and_elided_counts() -> None:
    for page in ("Thousands marched on Wednesday. Organisers put the crowd at 50,000; police estimated 8,000.",
                 "Organizers estimated the turnout at 12,000, while police put attendance at 3,500."):
        fs = number_findings(_claims(page), {"p-a1": "p"}, {"p": page})
        assert len(fs) == 1 and fs[0].disjoint, [f.detail for f in fs]
        assert "police" in fs[0].detail


def test_figures_at_different_places_are_different_quantities() -> None:
    page = ("At least seven people were killed in Toretsk on Tuesday, officials said. Separately, two people "
            "were killed in Makiivka, local officials said.")
    assert number_findings(_claims(page), {"p-a1": "p"}, {"p": page}) == []


# Two owners' figures (each side's losses) are two quantities, whoever reports them.
OWNED_APART = [
    # the subjects of "lost", each figure from the other side's officials
    "Kyiv's general staff claimed that Russia had lost 1,230 soldiers in 24 hours. Moscow's defence ministry said "
    "in its briefing that Ukraine had lost up to 385 servicemen on the eastern front.",
    # a possessive against "on the ... side"
    "Ukrainian officials put Russia's losses at 900 troops. The Russian army said 300 troops were killed on the "
    "Ukrainian side.",
    # "on the ... side" against "of the ... army"
    "Ukraine's military said 900 soldiers were killed on the Russian side. The Russian defence ministry said 300 "
    "soldiers of the Ukrainian army died.",
]


@pytest.mark.parametrize("page", OWNED_APART)
def test_figures_of_different_owners_are_different_quantities(page: str) -> None:
    assert number_findings(_claims(page), {"p-a1": "p"}, {"p": page}) == []


# One owner, two opposing sources: the classic contested count stays a finding.
OWNED_CONTESTED = [
    ("Kyiv's general staff claimed that Russia had lost 1,230 soldiers in 24 hours. The Russian defence ministry "
     "said Russia had lost only 90 soldiers.", {"1,230", "90"}),
    ("Kyiv says 1,200 Russian soldiers were killed in the assault. Moscow says 150 Russian soldiers died.",
     {"1,200", "150"}),
]


@pytest.mark.parametrize(("page", "figures"), OWNED_CONTESTED)
def test_same_owner_from_two_sources_still_conflicts(page: str, figures: set[str]) -> None:
    fs = number_findings(_claims(page), {"p-a1": "p"}, {"p": page})
    assert len(fs) == 1 and fs[0].disjoint, [f.detail for f in fs]
    assert {r.text for r in fs[0].refs} == figures


def test_owner_names_and_keys() -> None:
    from presslens.across.figure_owner import owner

    page = ("Kyiv said Russia's losses stood at 1,200 soldiers. Moscow said the Ukrainian side lost 400 soldiers. "
            "Police killed 12 protesters, witnesses said.")
    a, b, c = _claims(page)
    assert owner(page, a) == owner("Kremlin sources counted 7 Russian troops.", _claims(
        "Kremlin sources counted 7 Russian troops.")[0])
    assert owner(page, b) is not None and owner(page, b) != owner(page, a)
    # "Police" opens its sentence and is never written with a capital elsewhere: not a name, no owner.
    assert owner(page, c) is None


def test_partitive_group_is_not_the_predicate_and_reported_figures_answer() -> None:
    from presslens.across.figures import answered_figure, counted_class, predicate

    page = "Viasna said at least seven of those detained this month had been beaten."
    (a,) = _claims(page)
    assert predicate(page, a) == "mistreat"
    page = "Leaders said around 10,000 farmers had gathered. Police put the number at 4,500."
    a, b = _claims(page)
    assert b.counts is None and answered_figure(page, b, [a, b]) == a
    assert counted_class(page, b, [a, b]) == counted_class(page, a) and predicate(page, b) is None
