"""Rule ``title_sector``: the title written before an unknown person's name types the person.

"Senator Jane Doe", "Police Chief John Roe", "Russian Foreign Minister Ivan Petrov", "Ohio
state senator Jane Doe": the title's CAMEO sector (PETRARCH2's agents dictionary, singular
titles: ``data/petrarch2/titles.json``) and the country written before it (a nationality
adjective, a country, a first-level region, or a possessive "Russia's") become the provisional
person's ``sector`` and ``country``. The person stays provisional (no registry lists them); the
record says what kind of actor they are, as PETRARCH2 codes "Senator X" by the title.

Rule ``apposition_title``: the same table read after the name, where news most often writes a
person's role: an apposition ("Jane Doakes, a Liberal senator", "Ivo Marsh, a senior
research scientist with ...") or a copula ("Ana Ruiz is a civil engineer"). A state title
(GOV) after a capitalised word that names no country is a body's own office ("Club President",
"Regional President"), not a state's: not typed. A title whose sector the dictionary itself makes
depend on the body ("spokesman" MED, but "military spokesman" MIL and "government spokesman" GOV;
"minister", "president", "MP") followed by "of"/"for"/"with"/"at" and a named body ("a spokeswoman
for the Harbour Authority") is that body's role: typed only when the name after the preposition
is a country or first-level region, which also gives the country ("the interior minister of Kenya").
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from spacy.tokens import Doc

from .agents import country_of_demonym, place_country

_MAX_RUN = 5  # title words and the country before them: "Russian Deputy Foreign Minister"
# Parts of speech that end an apposition's title: "the MP for", "a scientist with", "editor and".
_RUN_END = frozenset({"ADP", "CCONJ", "SCONJ", "VERB", "AUX", "PRON", "DET", "PART", "PUNCT", "NUM"})


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


@functools.lru_cache(maxsize=1)
def body_dependent_titles() -> frozenset[str]:
    """Titles the table also lists after a modifier with another sector ("spokesman" MED,
    "military spokesman" MIL): their sector depends on the body the person serves."""
    titles = person_titles()
    out: set[str] = set()
    for k, v in titles.items():
        w = k.split()
        out.update(b for j in range(1, len(w)) if (b := " ".join(w[j:])) in titles and titles[b] != v)
    return frozenset(out)


def _named_after(doc: Doc, i: int) -> tuple[bool, str | None]:
    """(a capitalised name follows the preposition at token ``i``, its country iso if it is a
    country or first-level region)."""
    if i < len(doc) and doc[i].pos_ == "CCONJ":  # "President and CEO of ...": the coordinated title
        i, stop = i + 1, i + 4
        while i < min(stop, len(doc)) and doc[i].is_alpha and doc[i].pos_ not in ("ADP", "PUNCT"):
            i += 1
    if i >= len(doc) or doc[i].pos_ != "ADP":
        return False, None
    j = i + 1
    while j < len(doc) and doc[j].tag_ == "DT":
        j += 1
    name: list[str] = []
    while j < len(doc) and len(name) < 3 and doc[j].text[:1].isupper() and doc[j].is_alpha:
        name.append(doc[j].text)
        j += 1
    return bool(name), (place_country(name) if name else None)


def _country_before(words: list[str]) -> str | None:
    """The country a run of capitalised words before a title names ("Russian", "Ohio state")."""
    iso = country_of_demonym(words[0]) if words else None
    for k in (3, 2, 1):
        if iso is None and len(words) >= k:
            iso = place_country(words[:k])
    return iso


def apposition_type(doc: Doc, end: int, person: bool = True) -> tuple[str, str | None] | None:
    """(sector, country iso or None) from the title right after a name ending at token ``end``
    (rule ``apposition_title``): ", [a|the] <title>" or "is/was a|the <title>". After an
    organisation's name only a common noun describes it ("X, a mining company"); a capitalised
    run there is the next name ("X, The Harbour Authority ...")."""
    i = end
    if i >= len(doc):
        return None
    if doc[i].text == ",":
        i += 1
        if i < len(doc) and doc[i].tag_ == "DT":
            i += 1
    elif doc[i].lemma_ == "be" and doc[i].pos_ == "AUX" and i + 1 < len(doc) and doc[i + 1].tag_ == "DT":
        i += 2
    else:
        return None
    run: list[str] = []
    while i < len(doc) and len(run) < _MAX_RUN and doc[i].is_alpha and doc[i].pos_ not in _RUN_END:
        run.append(doc[i].text)
        i += 1
    titles = person_titles()
    for j in range(len(run)):  # the longest title ending the run: "senior research scientist"
        sector = titles.get(" ".join(run[j:]).lower())
        if sector is None or not (person or run[-1].islower()):
            continue
        before = [w for w in run[:j] if w[:1].isupper()]
        iso = _country_before(before)
        if sector == "GOV" and before and iso is None:
            return None  # "Club President": a body's office
        named, where = _named_after(doc, i)
        if named and where is None and " ".join(run[j:]).lower() in body_dependent_titles():
            return None  # "a spokeswoman for the Harbour Authority": the body's role
        return sector, iso or where
    return None
