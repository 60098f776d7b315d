"""rule city_comma_region: a name after "<Town>," that places the town ("Paris, Texas",
"Edmonton, Ky.", "Pandi, Bulacan"), and the containment test (``holds``) resolution shares."""

from __future__ import annotations

from spacy.tokens import Doc

from ...gazetteer import Entry, prior
from .mentions import Mention


def qualify(doc: Doc, mentions: list[Mention]) -> None:
    """rule city_comma_region: "Paris, Texas", "Edmonton, Ky.", "Pandi, Bulacan": the second name
    places the first (when it is a region, county or country and the first is not)."""
    by_start = {m.start: m for m in mentions}
    for m in mentions:
        if m.end + 1 >= len(doc) or doc[m.end].text != "," or "region_list" in m.notes or (
                "country_list" in m.notes):
            continue  # "Oregon, Washington, West Virginia": a list of regions, no "City, Region"
        q = by_start.get(m.end + 1)
        if q is None or q.role == "demonym":
            continue
        qe = q.fixed or _broad(q, m)
        if qe is not None and qe.precision in ("region", "country", "county"):
            m.qualifier = qe
            m.notes.append("city_comma_region")
            first = max(q.cands, key=lambda c: prior(*c))[0] if q.cands else None
            if q.fixed is None and first is not None and (first.uid != qe.uid and any(
                    holds(qe, c) for c, _ in m.cands) or any(_may_hold(qe, c) for c, _ in m.cands)):
                q.holder = qe  # the pattern overrules the qualifier's prior ("Georgia" the US state)
                q.notes.append("qualifier_holds")


def _broad(m: Mention, inner: Mention | None = None) -> Entry | None:
    """The most prominent region/country/county reading of a mention, if it has one; one that
    holds a reading of the name before the comma first ("Atlanta, Georgia" is the US state)."""
    broad = [(e, p) for e, p in m.cands if e.precision in ("region", "country", "county")]
    if inner is not None:
        holding = [(e, p) for e, p in broad if any(holds(e, c) for c, _ in inner.cands)]
        broad = holding or broad
    return max(broad, key=lambda c: prior(*c))[0] if broad else None


def _may_hold(q: Entry, e: Entry) -> bool:
    """A second-level division without a GeoNames admin1 code (a Philippine province, a UK
    council area) may hold a town of its country: after "<Town>," it is the area, not a same-named
    town ("Lakeview, Norfolk": the county, not Norfolk, Virginia; invented example)."""
    return q.precision == "region" and q.admin1 is None and bool(q.country) and e.country == q.country and (
        e.precision in ("city", "site"))


def holds(q: Entry, e: Entry) -> bool:
    """Whether place e lies in region, county or country q (by GeoNames codes)."""
    if e.uid == q.uid or not e.country or e.country != q.country or q.source == "divisions":
        return False  # a town's second-level division is not known: no district holds it
    if q.precision == "country":
        return True
    return bool(q.admin1) and e.admin1 == q.admin1 and e.precision in ("city", "county", "site")
