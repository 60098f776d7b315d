"""Findings: same quote with different speakers, conflicting numbers (caption vs body, day counts)."""

from __future__ import annotations

from pathlib import Path

from presslens.findings import (
    day_count_findings,
    findings_post,
    norm_statement,
    number_findings,
    numbers_conflict,
    quote_findings,
    same_statement,
)
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
    for _ in range(2):  # recomputed, not duplicated
        out = findings_post(store, default_settings())
    assert out == {"same_quote_different_speakers": 1}
    assert len(store.load("findings")) == 1
    store.close()
