"""Words around and inside place names (session 21): possessive names, an organisation's own words,
towns a split span belongs to, demonyms shared with a far-off region. Invented examples only;
``mentions.py`` calls these while it finds mentions (weights come from its caller)."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...gazetteer import Entry, Gazetteer
from .tokarrays import Toks

Cands = tuple[tuple[Entry, int], ...]

POSSESSIVE = re.compile(r"\w['’]s\b")


def possessive_end(doc: Doc, gaz: Gazetteer, s: int, e: int) -> int:
    """rule possessive_name: a trailing "'s" stays in the name when a place's own name has it
    ("St. John's, Nfld.", "King's Lynn" is St. John's, not Saint John); otherwise it is the
    genitive ("Canada's")."""
    if e < len(doc) and doc[e].text in ("'s", "’s") and any(
            p and POSSESSIVE.search(c.name) for c, p in gaz.candidates(doc[s : e + 1].text)):
        return e + 1
    return e


def possessive_cands(text: str, cands: Cands) -> Cands:
    """rule possessive_name: the gazetteer folds "'s" away, so "Prince George's County" also finds
    Prince George County; a name written with its possessive keeps the places named with it."""
    if not POSSESSIVE.search(text):
        return cands
    return tuple(c for c in cands if POSSESSIVE.search(c[0].name)) or cands


def name_word(a: Toks, taken: bytearray, inside: bytearray, i: int, heads: frozenset[str],
              cands: Cands, big: int) -> bool:
    """rule name_word: one word of an organisation's name that is its head ("Star Tribune",
    "Valley Herald": Tribune, Kansas and Herald, California are no places), or a small town's
    name between a place and the head ("Nevada Supreme Court", "Yuma County Superior Court": the
    court's modifier, not Supreme, Louisiana or Superior, Arizona). A name of a region, county or
    a town of ``big`` (alternate_min_population) people there stays a place."""
    if a.text[i] in heads:
        return True
    if not (i > 0 and taken[i - 1] and inside[i - 1] and i + 1 < len(a.text) and a.text[i + 1] in heads):
        return False
    return not any(p and (e.precision != "city" or e.population >= big) for e, p in cands)


def large_town_own(cands: Cands, big: int) -> bool:
    """A town of ``big`` (alternate_min_population) people bearing the name as its own: "SALT" +
    "LAKE CITY" (NER splits a dateline in capitals) is Salt Lake City, not a hamlet's "Lake City"."""
    return any(p and e.precision == "city" and e.population >= big for e, p in cands)


def demonym_namesakes(gaz: Gazetteer, e: Entry, far: float) -> Cands:
    """rule demonym_namesake: a country's demonym whose country shares its name with a far-off
    first-level region of another country ("Georgians": Georgia, the country, or the US state) is
    read like that name, by the document's context: the readings, or () for any other demonym. A
    namesake region within ``far`` km (far_km) is the same land or its neighbour, never a second
    reading (Taiwan, Luxembourg)."""
    if e.precision != "country":
        return ()
    from .resolve import km  # resolve imports mentions, which imports this module

    regions = tuple((c, 1) for c, p in gaz.candidates(e.name) if p and c.precision == "region"
                    and c.country != e.country and c.name == e.name and km(c, e) > far)
    return ((e, 1), *regions) if regions else ()


def demonym_span(gaz: Gazetteer, text: str, far: float) -> tuple[Entry | None, Cands] | None:
    """rule demonym_span: a span NER tagged as a place that is a demonym of the gazetteer's table
    and no place's name ("every Manitoban", "a proud Texan" read as GPE) is that demonym — not a
    town spelled like it, which the spelling fallback would otherwise pick. (entry, ()) or (None,
    readings) as ``demonym_namesakes``; None when the span is no such demonym."""
    if gaz.candidates(text):
        return None  # a place's own name ("Canadian, Texas") stays a name for the resolver
    e = gaz.demonym(text)
    if e is None:
        return None
    cands = demonym_namesakes(gaz, e, far)
    return (None, cands) if cands else (e, ())
