"""Division words and levels: a name followed by a division word ("Boma State", "Orakzai
District", "Pibor County", "Kasai Province") names a division of that level.

rule ``division_level``: such a name never takes a same-named town's (or country's) reading: it
takes the division of the level the word gives (``lang/en/division_level_words.txt``: "state" →
first-level region; "county", "district" → second-level division, else region) or stays
unresolved — "Boma State" (a former South Sudanese state the gazetteer lacks) is not Boma, DR
Congo. A division word that opens an organisation's longer name ("Boise State University",
"Washington State Patrol") is left alone: the place there is the name's own reading.

``division_reading`` is the same rule as a function for other layers (events' locations).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc

from ...gazetteer import Entry, Gazetteer, prior
from ...lang import data
from .mentions import Mention, tail_token


@functools.lru_cache(maxsize=1)
def division_levels() -> dict[str, tuple[str, ...]]:
    """Division word → the levels (Entry.precision) it admits, in order of preference."""
    out: dict[str, tuple[str, ...]] = {}
    for ln in data("division_level_words.txt"):
        word, *levels = ln.split()
        out[word] = tuple(levels)
    return out


def level_cands(cands: tuple[tuple[Entry, int], ...], word: str) -> tuple[tuple[Entry, int], ...]:
    """The candidates of the level the division word gives, the preferred level first only."""
    for level in division_levels().get(word.lower(), ()):
        keep = tuple(c for c in cands if c[0].precision == level)
        if keep:
            return keep
    return ()


def division_reading(gaz: Gazetteer, name: str, word: str) -> Entry | None:
    """The division "<name> <word>" names ("Boma" + "State"), or None: never a town."""
    if word.lower() not in division_levels():
        return None
    whole = level_cands(gaz.candidates(f"{name} {word}"), word)
    keep = whole or level_cands(gaz.candidates(name), word)
    return max(keep, key=lambda c: prior(*c))[0] if keep else None


def _ends_name(doc: Doc, k: int) -> bool:
    """Whether the division word at k ends the name (no capitalised word of a longer name follows)."""
    return k + 1 >= len(doc) or tail_token(doc, k + 1) or not doc[k + 1].text[:1].isupper()


def division_level(doc: Doc, gaz: Gazetteer, found: list[Mention]) -> None:
    """Apply rule division_level to every mention the division word ends or follows."""
    levels = division_levels()
    for m in found:
        if m.fixed is not None or m.role == "demonym" or "region_suffix" in (m.rule, *m.notes):
            continue
        last = doc[m.end - 1]
        if m.end - m.start > 1 and last.lower_ in levels and _ends_name(doc, m.end - 1):
            word = last.lower_
        elif m.end < len(doc) and doc[m.end].lower_ in levels and doc[m.end].text[:1].isalpha() and (
                _ends_name(doc, m.end)):
            word = doc[m.end].lower_
        else:
            continue
        if not m.cands or all(e.precision in levels[word] for e, _ in m.cands):
            continue
        keep = level_cands(m.cands, word)
        if last.lower_ != word:  # the word names the division with the name: the span takes it in
            m.end += 1
            m.text = doc[m.start : m.end].text
            keep = level_cands(gaz.candidates(m.text), word) or keep
        m.cands = keep
        m.notes.append("division_level")
