"""rule holder_point: a name the gazetteer lacks that the text puts inside a place it knows takes that
place's point, as ACLED codes an event in a part of a larger area (its geo-precision 2).

"a clinic in Qaltrop, Bellmoor County", "the Ravelin district of Tarsk", "the Kolvo refugee camp in
Wadi Sharn" (invented names: Bellmoor County, Tarsk and Wadi Sharn stand for places the gazetteer
knows) give Qaltrop, Ravelin and Kolvo the holder's point, country and first-level region, precision
``approximate``, no GeoNames id and no name of their own: the record says where the text puts the
name, not which place it is. Only a holder finer than a country (a town, county, site or first-level
region): a country's point says nothing of where in it a village lies. Between the two names only a
comma, or nouns ("district", "refugee camp") ending in a containment word (``holder_links``) and an
optional "the"; a verb between ("talks held in Tarsk") places the event, not the name. A holder
in a list holds nothing ("Qaltrop, Tarsk and Vell", "the northern states of Tarsk and Vell": another
name of its kind follows it), nor does a comma after a name that continues a list.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc

from ...gazetteer import Entry
from ...lang import words
from ..syntax import function_words
from .mentions import Mention

APPROXIMATE = "approximate"
HOLDER_PRECISIONS = ("city", "county", "site", "region")
MAX_NOUNS = 3  # "the Kolvo refugee camp in": words of the kind of place between the names
NOUN_TAGS = ("NN", "NNS")


class _Links(NamedTuple):
    inside: frozenset[str]  # "in", "of" (``holder_links``)
    articles: frozenset[str]  # "the" before the holder
    coordinators: frozenset[str]  # "and", "or" in a list


def holder_points(doc: Doc, found: list[Mention], picks: list[tuple[Entry | None, str]]
                  ) -> list[tuple[Entry | None, str]]:
    """``picks`` (one (entry, rule) per mention of ``found``) with each unresolved name the text puts
    inside a resolved place given that place's point (rule ``holder_point``)."""
    ends = {m.start: m.end for m in found}
    every = {m.start: e for m, (e, _) in zip(found, picks, strict=True) if e is not None}
    resolved = {s: e for s, e in every.items() if e.precision in HOLDER_PRECISIONS and e.lat is not None}
    if not resolved:
        return picks
    links = _Links(words("holder_links"), function_words("definite_determiners"), function_words("coordinators"))
    parsed = doc.has_annotation("TAG")
    out = list(picks)
    for k, (m, (e, _)) in enumerate(zip(found, picks, strict=True)):
        if e is not None or m.role == "demonym" or not m.from_ner:
            continue
        at = _holder_start(doc, m.end, links, parsed)
        h = resolved.get(at)
        if h is not None and (_kin_after(doc, ends[at], every, h, links, ends) or doc[at - 1].text == "," and _joins(
                doc, m.start - 1, links)):
            h = None  # a list of names ("the northern states of Tarsk and Vell"), not "<Suburb>, <City>"
        if h is not None:
            out[k] = (Entry(name="", geonameid=None, country=h.country, admin1=h.admin1, lat=h.lat, lon=h.lon,
                            precision=APPROXIMATE, source="holder"), "holder_point")
    return out


def _holder_start(doc: Doc, j: int, links: _Links, parsed: bool) -> int:
    """Token index where the holder's name would start after a name ending at ``j``, or -1."""
    n = len(doc)
    if j < n and doc[j].text == ",":
        return j + 1
    k = j
    while k < n and k - j < MAX_NOUNS and doc[k].text.islower() and doc[k].lower_ not in links.inside and (
            not parsed or doc[k].tag_ in NOUN_TAGS):
        k += 1
    if k < n and k > j and doc[k].text == ",":
        return k + 1  # "the Ravelin district, Tarsk Province"
    if k >= n or doc[k].lower_ not in links.inside:
        return -1
    k += 1
    return k + 1 if k < n and doc[k].lower_ in links.articles else k


def _joins(doc: Doc, i: int, links: _Links) -> bool:
    """Whether token i joins list members: a comma or a coordinator ("and", "or")."""
    return 0 <= i < len(doc) and (doc[i].text == "," or doc[i].lower_ in links.coordinators)


def _kin_after(doc: Doc, j: int, every: dict[int, Entry], h: Entry, links: _Links, ends: dict[int, int]) -> bool:
    """Whether a name of the holder's own kind follows it in a list ("Tarsk, Vell and Oster")."""
    k = _next_name(doc, j, links, ends)
    other = every.get(k)
    if other is None or other.precision != h.precision:
        return False
    # "<County>, <Region>." is one place in the other; a list goes on ("Tarsk, Vell and Oster") or is
    # joined by "and"/"or" ("Tarsk and Vell")
    return doc[k - 1].text != "," or _next_name(doc, ends.get(k, k + 1), links, ends) >= 0


def _next_name(doc: Doc, j: int, links: _Links, ends: dict[int, int]) -> int:
    """Start of a name joined to the one ending at j (", <Name>", "and <Name>", ", and <Name>"), or -1."""
    if not _joins(doc, j, links):
        return -1
    k = j + 2 if _joins(doc, j + 1, links) else j + 1
    return k if k in ends else -1
