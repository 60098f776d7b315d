"""rule class_word: a name the text frames as a storm, ship, vehicle, pathogen, award or holiday
is no place, even when a town shares the word (session 24).

GeoNames holds towns named Hurricane, Chinook, Hercules and Joaquin; news names storms, aircraft
and viruses with the same words. The class word beside the name says what it is
(``nonplace_class_words.yaml``, classes of OntoNotes' EVENT/PRODUCT/WORK_OF_ART labels;
not treaties: "the Lakeview Accord" holds Lakeview in its name, role in_name):
- a capitalised title word before a name: "Hurricane Mabel", "USS Lakeview" (both the name and
  the title word, read alone as the town "Hurricane", go);
- a class noun right after the name: "Kestrel helicopters", "Marlow virus", "the Lorne Prize"
  (not after a country's or first-level region's name: "U.S. aircraft" is the place as modifier);
- a whole name ending in a holiday word with no gazetteer reading: "Founders Day".
A name the text places once by a qualifier ("Reston, Virginia") is the place throughout.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc

from ...lang import data
from .mentions import Mention, prior


@functools.lru_cache(maxsize=1)
def _classes() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], frozenset[str]]:
    d = data("nonplace_class_words")
    return (frozenset(d["title_words"]), frozenset(d["head_words"]), tuple(d["head_endings"]),
            frozenset(d["name_last_words"]))


def _titled(doc: Doc, i: int) -> bool:
    """Token i is a capitalised title word and a capitalised name follows it."""
    titles = _classes()[0]
    return (doc[i].lower_ in titles and doc[i].text[:1].isupper() and i + 1 < len(doc)
            and doc[i + 1].text[:1].isupper() and doc[i + 1].is_alpha)


def _broad(m: Mention) -> bool:
    """A country's, first-level region's or continent's name before a noun is the place used as a
    modifier ("U.S. aircraft", "Texas tanks"): the head-noun test skips it."""
    own = [(e, p) for e, p in m.cands if p] or list(m.cands)
    best = m.fixed or (max(own, key=lambda c: prior(*c))[0] if own else None)
    return best is not None and best.precision in ("country", "region", "continent")


def class_word(doc: Doc, m: Mention) -> bool:
    if m.role == "demonym":
        return False
    _, heads, endings, last_words = _classes()
    if m.start > 0 and _titled(doc, m.start - 1):
        return True
    if m.end - m.start == 1 and _titled(doc, m.start):  # "Hurricane" alone, not "Storm Lake"
        return True
    if m.end < len(doc) and not _broad(m):
        nxt = doc[m.end].lower_
        if nxt in heads or (nxt.endswith(endings) and nxt not in endings and doc[m.end].is_alpha):
            return True
    last = doc[m.end - 1]
    return (m.end - m.start > 1 and last.lower_ in last_words and last.text[:1].isupper()
            and not any(p for _, p in m.cands))


def drop_class_words(doc: Doc, found: list[Mention]) -> list[Mention]:
    placed = {m.text for m in found if m.qualifier is not None}
    return [m for m in found if m.text in placed or not class_word(doc, m)]
