"""The office table (rule ``office``): a country-qualified office resolves to its holder on the
article's date. Sentences 1-3 are from ../shared/dev/geo/GeoVirus.xml (Wikinews 2009, CC BY 2.5);
the same sentence on another date names another holder, and no date or no country names no one."""

from __future__ import annotations

import datetime as dt

import pytest

from presslens.layers.actors.offices import holder, office_names, terms
from presslens.layers.actors.registry import bundled_yaml, load_registry
from presslens.testing import analyse_text

US_FATHER = ("Kogelo in Nyanza province to visit the ancestral home and family of the current US president's "
             "late father Hussein Obama.")
FRANCE = "The president of France, Nicolas Sarkozy, said that neither the E.U. nor the US would act."
MEXICO = ("Mexico's president, Felipe Calderon, along with American President, Barack Obama, have initiated a crack "
          "down on drug gangs.")


def offices(text: str, date: str | None) -> dict[str, str | None]:
    kw = {"published": date} if date else {}
    a = analyse_text(text, stages=["nlp", "actors", "agents"], **kw)
    for m in a.mentions:
        assert a.page_text[m.start : m.end] == m.text
    return {m.text: m.actor_id for m in a.mentions if m.method == "office"}


@pytest.mark.parametrize(("text", "date", "expected"), [
    (US_FATHER, "2009-07-01", {"US president": "barack-obama"}),
    (US_FATHER, "2020-03-01", {"US president": "donald-trump"}),
    (US_FATHER, None, {}),  # no date: no holder
    (FRANCE, "2009-07-01", {"president of France": "nicolas-sarkozy"}),
    (FRANCE, "2018-01-01", {"president of France": "emmanuel-macron"}),
    (MEXICO, "2009-07-01", {"American President": "barack-obama"}),  # Mexico: no row, no guess
    ("Russia's president said the talks would go on.", "2016-03-01", {"Russia's president": "vladimir-putin"}),
    ("Russia's president said the talks would go on.", "2010-03-01", {}),  # Medvedev: not in the table
    ("The British prime minister flew to Brussels on Monday.", "2022-09-20", {"British prime minister": "liz-truss"}),
    ("Britain's prime minister flew to Brussels on Monday.", "2016-03-01", {"Britain's prime minister": "david-cameron"}),
    ("The German chancellor met union leaders in Berlin.", "2016-03-01", {"German chancellor": "angela-merkel"}),
    ("The German chancellor met union leaders in Berlin.", "2023-03-01", {"German chancellor": "olaf-scholz"}),
    ("The British chancellor presented the budget.", "2016-03-01", {}),  # Chancellor of the Exchequer: no row
    ("The president of the club said the season was over.", "2016-03-01", {}),  # no country
    ("The US President's Malaria Initiative paid for the nets.", "2009-07-01", {}),  # part of a name
])
def test_office_resolves_by_country_and_date(text: str, date: str | None, expected: dict[str, str]) -> None:
    assert offices(text, date) == expected


def test_table_rows_are_sourced_unambiguous_and_name_registry_actors() -> None:
    reg = load_registry()
    rows = bundled_yaml()["offices"]
    assert rows
    for r in rows:
        assert str(r["source"]).startswith("https://en.wikipedia.org/wiki/"), r
        assert r["office"] in office_names() and r["actor"] in reg.entries, r
        dt.date.fromisoformat(r["from"])
        assert r["to"] is None or dt.date.fromisoformat(r["to"]) > dt.date.fromisoformat(r["from"]), r
    by_seat: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for t in terms():
        by_seat.setdefault((t.office, t.country), []).append((t.start, t.end, t.actor))
    for seat, ts in by_seat.items():  # one holder a day: no two terms of a seat overlap
        ts.sort()
        for (_, e1, a1), (s2, _, a2) in zip(ts, ts[1:], strict=False):
            assert e1 <= s2, (seat, a1, a2)


def test_holder_includes_the_first_day_not_the_last() -> None:
    assert holder("president", "US", "2017-01-20") == "donald-trump"
    assert holder("president", "US", "2017-01-19") == "barack-obama"
