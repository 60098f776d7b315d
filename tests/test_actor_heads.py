"""Rule ``name_sector`` (``layers/actors/heads.py``): a provisional organisation typed by the head
of its own name, as PETRARCH2's agents dictionary codes that noun.

Sentences marked GeoVirus are from ../shared/dev/geo/GeoVirus.xml (Wikinews, CC BY 2.5), trimmed;
the others were written for these tests ("written"). None is from a gold file or from the frozen
part of a dev set.
"""

from __future__ import annotations

import pytest

from presslens.layers.actors.heads import head_index
from presslens.testing import analyse_text


def records(text: str) -> dict[str, tuple[str, str | None, str | None]]:
    a = analyse_text(text, stages=["nlp", "actors", "agents"], published="2009-05-01")
    return {x.name: (x.type, x.sector, x.country) for x in a.actors if x.provisional}


@pytest.mark.parametrize(("name", "head"), [
    ("Manchester Metropolitan University", "University"),
    ("Department of Public Safety", "Department"),
    ("Office for Students", "Office"),
])
def test_head(name: str, head: str) -> None:
    words = name.split()
    i = head_index(words)
    assert i is not None and words[i] == head


# (text, provisional actor name, expected (type, sector, country) or None: not typed)
CASES = [
    ("Professor Hugh Pennington, a bacteriologist at Aberdeen University was quoted as saying that underlying "
     "health problems were likely to have been a significant factor.", "Aberdeen University", ("ORG", "EDU", None)),
    # GeoVirus
    ("The Killeen Police Department continues to investigate the soldier's death.", "Killeen Police Department",
     ("GOV", "GOV", None)),  # GeoVirus: "department" a state-body word, Killeen a city
    ("The Ghana Broadcasting Corporation reported the fire on Monday.", "Ghana Broadcasting Corporation",
     ("ORG", "BUS", "GH")),  # written: a country opening the name
    ("Jane Doe, a researcher at Manchester Metropolitan University, led the study.",
     "Manchester Metropolitan University", ("ORG", "EDU", None)),  # written: a city is no country
    ("The Rock Island Club said on Monday that the match was cancelled.", "Rock Island Club", None),  # written
]


@pytest.mark.parametrize(("text", "name", "expected"), CASES)
def test_name_sector(text: str, name: str, expected: tuple[str, str | None, str | None] | None) -> None:
    got = records(text)
    assert name in got, got
    if expected is None:
        assert got[name][1] is None
    else:
        assert got[name] == expected
