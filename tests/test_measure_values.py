"""Measures compared with measures (session 27, figures): a measure keeps its exact value in a canonical
unit (``measure-value``), is compared only with a measure of the same quantity (``measure-quantity``:
a quake's magnitude with the same quake's, a depth with a depth, km with miles after normalisation),
and never with a count. Every text is invented (real place names)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from presslens.across.figure_findings import Told, story_findings, told
from presslens.across.figures import counted_class, numbers_conflict
from presslens.across.number_findings import number_findings
from presslens.numbers import find_quantities
from presslens.records import NumberClaim
from presslens.store import Store


def _claims(page: str, article: str = "p-a1") -> list[NumberClaim]:
    return [NumberClaim(id=f"{article}-n{i}", article_id=article, start=q.start, end=q.end, text=q.text, low=q.low,
                        high=q.high, approx=q.approx, counts=q.counts, unit=q.unit, unit_low=q.unit_low,
                        unit_high=q.unit_high)
            for i, q in enumerate(find_quantities(page))]


def _findings(page: str) -> list[str]:
    return [f.detail for f in number_findings(_claims(page), {"p-a1": "p"}, {"p": page})]


@pytest.mark.parametrize(("sentence", "want"), [
    # a decimal is kept exactly; its whole bounds hold it
    ("A magnitude 6.3 quake struck the hills near Cusco.", ("6.3", 6, 7, "magnitude", 6.3, 6.3)),
    ("The 5.8 magnitude tremor was felt in Quito.", ("5.8", 5, 6, "magnitude", 5.8, 5.8)),
    # a unit is normalised: miles to metres; a whole measure keeps its interval
    ("The convoy drove 25 miles to Mosul.", ("25", 25, 25, "m", 40233.6, 40233.6)),
    ("Snow lay 2.5 metres deep on the pass.", ("2.5", 2, 3, "m", 2.5, 2.5)),
    ("The buoy sat more than 7.5 km offshore.", ("more than 7.5", 7, None, "m", 7500.0, None)),
])
def test_measure_value(sentence: str, want: tuple[object, ...]) -> None:
    [q] = find_quantities(sentence)
    assert (q.text, q.low, q.high, q.unit, q.unit_low, q.unit_high) == pytest.approx(want)


def test_a_count_has_no_measure() -> None:
    [q] = find_quantities("Rescuers found 14 survivors in Padang.")
    assert (q.unit, q.unit_low, q.unit_high) == (None, None, None)


def test_two_magnitudes_of_one_quake_conflict() -> None:
    page = ("A magnitude 6.3 earthquake struck the hills near Cusco on Monday, the survey said. The magnitude 6.1 "
            "earthquake struck the hills near Cusco at dawn, the survey said.")
    [detail] = _findings(page)
    assert "[6.3, 6.3] magnitude" in detail and "[6.1, 6.1] magnitude" in detail


@pytest.mark.parametrize("page", [
    # an aftershock is another shock
    "A magnitude 6.3 earthquake struck the hills near Cusco on Monday, the survey said. A magnitude 5.1 aftershock "
    "struck the hills near Cusco at dawn, the survey said.",
    # a plural is a class of shocks, not one
    "A magnitude 7.4 quake struck the hills near Cusco, the survey said. Several magnitude 5 earthquakes struck "
    "the hills near Cusco since then, the survey said.",
    # a conversion rounded is the same depth
    "The quake struck the hills near Cusco at a depth of 10 km, the survey said. The quake struck the hills near "
    "Cusco at a depth of 6 miles, the survey said.",
    # distances with no named quantity are never compared (from which place?)
    "The quake struck 40 km from Cusco, the survey said. The quake struck 95 km from Cusco, the survey said.",
])
def test_no_conflict_between_two_measures(page: str) -> None:
    assert _findings(page) == []


def test_depths_in_two_units_conflict() -> None:
    page = ("The quake struck the hills between Cusco and Puno at a depth of 10 km, the survey said. The quake struck "
            "the hills between Cusco and Puno at a depth of 30 miles, the survey said.")
    [detail] = _findings(page)
    assert "[10000, 10000] m" in detail and "[48280.3, 48280.3] m" in detail


def test_a_measure_is_never_a_count() -> None:
    page = "A magnitude 6 quake struck Cusco and killed 6 people; 8 people died in Puno."
    classes = [(n.text, counted_class(page, n)) for n in _claims(page)]
    assert classes[0] == ("6", "magnitude of quake")
    assert all("magnitude" not in (c or "") for _, c in classes[1:])


def test_exact_bounds_tell_close_decimals_apart() -> None:
    a, b = _claims("A magnitude 7.7 quake struck Java. A magnitude 7.8 quake struck Java.")
    assert (a.low, a.high) == (b.low, b.high) == (7, 8)  # the whole bounds alone would agree
    assert numbers_conflict(a, b) == (True, True)


def test_an_older_store_opens_and_gains_the_measure_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    for col in ("unit", "unit_low", "unit_high"):
        con.execute(f'ALTER TABLE numbers DROP COLUMN "{col}"')  # as a store written before session 27
    con.execute("INSERT INTO numbers (id, article_id, start, \"end\", text, low, high, approx) "
                "VALUES ('n1', 'a1', 0, 2, '40', 40, 40, false)")
    con.close()
    reader = Store(path, read_only=True)
    [n] = reader.load("numbers")
    assert (n.low, n.unit) == (40, None)
    reader.close()
    writer = Store(path)
    cols = {r[0] for r in writer.con.execute("DESCRIBE numbers").fetchall()}
    assert {"unit", "unit_low", "unit_high"} <= cols
    writer.close()



def _told(source: str, page: str) -> Told:
    return told(source, page, _claims(page, source))


def test_two_outlets_magnitudes_of_one_quake_conflict() -> None:
    """A later magnitude of one article is compared too (a measure is of one thing, not a round-up's
    several counts), and a measure has no predicate ("killing" does not kill magnitudes)."""
    a = _told("Daily Courier", "A magnitude 7.4 earthquake struck off Sulawesi on Monday, killing 12 people. "
                               "According to the survey, the magnitude 7.1 quake struck off Sulawesi at dawn.")
    b = _told("Coast Radio", "Magnitude 7.4 - SULAWESI, INDONESIA\nA strong quake struck off Sulawesi.")
    [f] = story_findings(a, b, "s")
    assert "7.1" in f.detail and "7.4" in f.detail and "magnitude of quake" in f.detail


@pytest.mark.parametrize("page", [
    # rule ``world-scope``: the world's toll and one country's are two quantities
    "The virus has now spread to 40 countries around the globe, with 96 deaths reported by health officials in "
    "Ruritania and Freedonia. Health officials in Ruritania and Freedonia have confirmed 12 deaths.",
    # rule ``projection``: a scenario's figure is not the toll
    "Health officials in Ruritania said the outbreak could cause up to 3,000 deaths this winter. Health officials "
    "in Ruritania have confirmed 41 deaths this winter.",
    "Health officials in Ruritania have confirmed 41 deaths this winter. In Ruritania 9,000 deaths this winter are "
    "projected by health officials.",
])
def test_no_conflict_between_a_scope_or_scenario_and_a_count(page: str) -> None:
    assert _findings(page) == []


def test_two_counts_of_one_scope_still_conflict() -> None:
    page = ("Health officials in Ruritania have confirmed 41 deaths this winter. Health officials in Ruritania "
            "have confirmed 58 deaths this winter.")
    assert len(_findings(page)) == 1
