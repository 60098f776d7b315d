"""What a place mention's neighbours in the sentence say about it, before resolution.

- ``region_list``: a name listed with first-level regions ("Oregon, Washington, West Virginia and
  Wyoming", "Alberta, Saskatchewan and Manitoba", "NSW and Queensland") is a region of the same
  country when it has such a reading: Washington is the state, not the capital, and "Washington,
  West Virginia" inside such a list is no "City, Region" pair.
- ``country_list``: a name whose own best reading is a country, listed with three or more names
  most of the others countries ("Benin, Ghana, Niger, Nigeria and Togo"), is that country: "Niger,
  Nigeria" inside such a list is no "City, Region" pair (it was Nigeria's Niger State).
- ``nearby_holder``: the nearest country or region named in the same sentence (within
  ``NEAR_TOKENS``) is the first guess for where a town or county lies ("in Michigan on the coast of
  Lake Erie ... in Monroe County"; "Lyon, France; a small hotel in Paris"). Resolution weighs
  it (``nearby_holder`` in data/place_resolution.toml) against the rest of the document, which
  still wins with stronger evidence ("Paris, Texas" qualifiers, the article's other towns). A
  holder that follows within four tokens after "in" ("Hilltop Poultry in Iowa", "Warwick in
  Queensland") weighs more (``nearby_holder_in``), unless a coordinator stands between: "in
  Leeds and in Scotland" joins two places, the second "in" does not place the first.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ...gazetteer import Entry, prior
from .mentions import Mention

SAME_NAME_CITY = 100_000
LIST_JOINERS = frozenset({",", "and", "or", "&", ";"})
NEAR_TOKENS = 25
IN_TOKENS = 4
LOCATIVE = frozenset({"in"})
COORDINATORS = frozenset({"and", "or"})
COUNTRY_LIST_MIN = 3  # members; a two-member "Niger, Nigeria" stays the City, Region pattern
BROAD = ("country", "region")


def _reading(m: Mention) -> Entry | None:
    """The mention's best reading by its own name (a fixed one: an abbreviation, "B.C.")."""
    if m.role == "demonym":
        return None
    if m.fixed is not None:
        return m.fixed
    own = [(e, p) for e, p in m.cands if p]
    return max(own, key=lambda c: prior(*c))[0] if own else None


def _joined(doc: Doc, a: Mention, b: Mention) -> bool:
    between = doc[a.end : b.start]
    return 0 < len(between) <= 2 and all(t.lower_ in LIST_JOINERS for t in between)


def _region_only(m: Mention, r: Entry | None) -> bool:
    """Whether a list member reads as a region and not also as a big city of the same name
    (Berlin, Brussels, Stockholm are regions too: a list of capitals is no list of regions)."""
    return r is not None and r.precision == "region" and not r.capital and not any(
        p and e.precision == "city" and e.population >= SAME_NAME_CITY for e, p in m.cands)


def region_lists(doc: Doc, found: list[Mention]) -> None:
    """rule region_list (see the module docstring); ``found`` is sorted by position."""
    runs: list[list[Mention]] = []
    for m in found:
        if runs and _joined(doc, runs[-1][-1], m):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        if len(run) < 2:
            continue
        readings = [_reading(m) for m in run]
        for i, m in enumerate(run):
            if m.fixed is not None or m.role == "demonym":
                continue
            others = [r for j, r in enumerate(readings) if j != i]
            if _country_listed(m, readings[i], others, len(run)):
                continue
            regions = [r for j, r in enumerate(readings) if j != i and r is not None and _region_only(run[j], r)]
            if not regions or len(regions) * 2 <= len(others):
                continue  # a list of towns with one state in it ("Dallas, Houston and Austin, Texas")
            if len(run) == 2 and doc[run[0].end].text == ",":
                continue  # "Atlanta, Georgia": the City, Region pattern, not a list
            country = Counter(r.country for r in regions).most_common(1)[0][0]
            mine = tuple(c for c in m.cands if c[1] and c[0].precision == "region" and c[0].country == country)
            own = readings[i]
            if mine and (own is None or own.precision != "country"):
                m.cands = mine
                m.notes.append("region_list")


def _country_listed(m: Mention, own: Entry | None, others: list[Entry | None], size: int) -> bool:
    """rule country_list (see the module docstring): keeps a listed country's readings as a country."""
    if own is None or own.precision != "country" or size < COUNTRY_LIST_MIN:
        return False
    if sum(r is not None and r.precision == "country" for r in others) * 2 <= len(others):
        return False
    m.cands = tuple(c for c in m.cands if c[1] and c[0].precision == "country")
    m.notes.append("country_list")
    return True


def nearby_holders(doc: Doc, found: list[Mention]) -> None:
    """rule nearby_holder (see the module docstring): sets ``Mention.near``."""
    readings = [_reading(m) for m in found]
    parsed = doc.has_annotation("SENT_START")
    for i, m in enumerate(found):
        if m.fixed is not None or m.role == "demonym" or m.qualifier is not None or not m.cands:
            continue
        lo, hi = (doc[m.start].sent.start, doc[m.start].sent.end) if parsed else (0, len(doc))
        best: tuple[int, Entry] | None = None
        for j, (o, r) in enumerate(zip(found, readings, strict=True)):
            if j == i or r is None or r.precision not in BROAD or not (lo <= o.start < hi):
                continue
            gap = m.start - o.end if o.end <= m.start else o.start - m.end
            if 0 <= gap <= NEAR_TOKENS and (best is None or gap < best[0]):
                best = (gap, r)
                # "Maple Ridge Dairy in Ohio", "Kingsford in Queensland": the locative names the holder
                m.near_in = o.start > m.end and gap <= IN_TOKENS and doc[o.start - 1].lower_ in LOCATIVE and not any(
                    t.lower_ in COORDINATORS for t in doc[m.end : o.start - 1])  # "in Ohio and in Texas"
        if best is not None:
            m.near = best[1]
