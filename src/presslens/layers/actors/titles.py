"""Rule ``title_sector``: the title written before an unknown person's name types the person.

"Senator Jane Doe", "Police Chief John Roe", "Russian Foreign Minister Ivan Petrov", "Ohio
state senator Jane Doe": the title's CAMEO sector (PETRARCH2's agents dictionary, singular
titles: ``data/petrarch2/titles.json``) and the country written before it (a nationality
adjective, a country, a first-level region, or a possessive "Russia's") become the provisional
person's ``sector`` and ``country``. The person stays provisional (no registry lists them); the
record says what kind of actor they are, as PETRARCH2 codes "Senator X" by the title.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from spacy.tokens import Doc

from .agents import country_of_demonym, place_country

_MAX_RUN = 5  # title words and the country before them: "Russian Deputy Foreign Minister"


@functools.lru_cache(maxsize=1)
def person_titles() -> dict[str, str]:
    """Lower-case title -> CAMEO sector ("senator" -> LEG)."""
    path = Path(__file__).resolve().parents[2] / "data" / "petrarch2" / "titles.json"
    if not path.is_file():
        return {}
    return dict(json.loads(path.read_text(encoding="utf-8"))["items"])


def title_type(doc: Doc, start: int) -> tuple[str, str | None] | None:
    """(sector, country iso or None) from the title just before token ``start`` (a person's
    name), else None. The title is the longest run of words before the name, read from its
    last word back, that the titles table lists ("Foreign Minister": "minister" GOV)."""
    titles = person_titles()
    run: list[str] = []
    i = start - 1
    while i >= 0 and len(run) < _MAX_RUN and doc[i].is_alpha and not doc[i].is_space:
        run.insert(0, doc[i].text)
        i -= 1
    sector, cut = None, len(run)
    for j in range(len(run) - 1, -1, -1):  # the longest title ending right before the name
        hit = titles.get(" ".join(run[j:]).lower())
        if hit is not None:
            sector, cut = hit, j
    if sector is None:
        return None
    before = [w for w in run[:cut] if w[:1].isupper()]
    iso = None
    if before:
        iso = country_of_demonym(before[0])
        for k in (3, 2, 1):
            if iso is None and len(before) >= k:
                iso = place_country(before[:k])
    p = start - len(run) - 1  # "Russia's Foreign Minister ...": a possessive before the run
    if iso is None and p >= 1 and doc[p].text in ("'s", "’s"):
        for k in (3, 2, 1):
            if iso is None and p - k >= 0:
                iso = place_country([t.text for t in doc[p - k : p]])
    return sector, iso
