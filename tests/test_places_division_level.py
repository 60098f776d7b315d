"""rule division_level (layers/places/mentions.py): a name with a division word that the gazetteer
knows only as a town is not that town."""

from __future__ import annotations

import pytest

from presslens.testing import analyse_text

# (sentence, origin, span, country or None when it must stay unresolved)
EXAMPLES = [
    ("Five aid workers were killed on the Gumuruk-Pibor road in Boma State, officials in Juba said.",
     "eval/dev/across s03 state.txt (CC BY 2.5 variant of a Wikinews story), reworded: South Sudan's Boma "
     "State is not the DR Congo town Boma (whose only division is the town's own)", "Boma State", None),
    ("Flooding closed schools in Henan province.", "GeoVirus article 201 (Wikinews, CC BY 2.5), reworded: "
     "a region candidate exists, so the name is placed", "Henan province", "CN"),
]


@pytest.mark.parametrize(("text", "origin", "span", "country"), EXAMPLES, ids=[e[2] for e in EXAMPLES])
def test_division_word_needs_a_division(text: str, origin: str, span: str, country: str | None) -> None:
    a = analyse_text(text, stages=["nlp", "actors", "places"])
    got = {p.text: p for p in a.places}
    assert span in got, (span, list(got))
    p = got[span]
    if country is None:
        assert p.geonameid is None and p.precision != "city", p
    else:
        assert p.country == country and p.precision in ("region", "county"), p
