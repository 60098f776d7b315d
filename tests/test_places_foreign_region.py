"""Rule city_over_foreign_region (resolve.py): a first-level region abroad read by its name alone
yields to a far larger city of the name in another country, unless the article discusses the
region's country. Invented sentences."""

from __future__ import annotations

from presslens.layers.places import gazetteer
from presslens.testing import analyse_text


def _places(text: str) -> dict[str, object]:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    for p in a.places:
        assert a.page_text[p.start : p.end] == p.text
    return {p.text: p for p in a.places}


def test_prior_alone_prefers_the_parish() -> None:
    # the out-of-context prior ranks a region four orders of magnitude of population above a city
    best, _ = gazetteer().lookup("Manchester")
    assert best is not None and (best.country, best.precision) == ("JM", "region")


def test_a_university_names_the_city_not_a_foreign_parish() -> None:
    got = _places("A chemist at the University of Manchester said the new alloy resists heat.")
    p = got["Manchester"]
    assert (p.country, p.precision) == ("GB", "city"), p  # type: ignore[attr-defined]
    assert p.role == "in_name" and "city_over_foreign_region" in (p.rule or ""), p  # type: ignore[attr-defined]


def test_a_bare_city_name_abroad_is_the_city() -> None:
    got = _places("The band flew to Portland on Friday for the last concert of its tour.")
    p = got["Portland"]
    assert (p.country, p.precision) == ("US", "city"), p  # type: ignore[attr-defined]


def test_an_article_on_the_regions_country_keeps_the_region() -> None:
    got = _places("Heavy rain flooded roads across Jamaica on Monday. Farmers in Manchester lost "
                  "most of their crops, officials in Kingston said.")
    p = got["Manchester"]
    assert p.country == "JM", p  # type: ignore[attr-defined]
