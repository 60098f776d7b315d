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
from ...lang import data, words
from .mentions import Mention, tail_token


@functools.lru_cache(maxsize=1)
def division_words() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Division word → (mode, the levels (Entry.precision) it admits in order of preference)."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for ln in data("division_level_words.txt"):
        word, mode, *levels = ln.split()
        out[word] = (mode, tuple(levels))
    return out


def level_cands(cands: tuple[tuple[Entry, int], ...], word: str) -> tuple[tuple[Entry, int], ...]:
    """The candidates of the level the division word gives, the preferred level first only."""
    for level in division_words().get(word.lower(), ("", ()))[1]:
        keep = tuple(c for c in cands if c[0].precision == level)
        if keep:
            return keep
    return ()


def division_reading(gaz: Gazetteer, name: str, word: str) -> Entry | None:
    """The division "<name> <word>" names ("Boma" + "State"), or None: never a town."""
    if word.lower() not in division_words():
        return None
    whole = level_cands(gaz.candidates(f"{name} {word}"), word)
    keep = whole or level_cands(gaz.candidates(name), word)
    return max(keep, key=lambda c: prior(*c))[0] if keep else None


def _word_at(doc: Doc, k: int) -> str | None:
    """The division word at token k when it ends the name: no capitalised word of a longer name
    and no "of" follows ("Department of Agriculture", "Province of Pakistan" are other names)."""
    if k >= len(doc) or k < 0:
        return None
    t = doc[k]
    spec = division_words().get(t.lower_)
    if spec is None or (spec[0] == "capitalised" and not t.text[:1].isupper()):
        return None
    nxt = doc[k + 1] if k + 1 < len(doc) and not tail_token(doc, k + 1) else None
    if nxt is not None and (nxt.text[:1].isupper() or nxt.lower_ == "of"):
        return None
    if state_compound(doc, k):
        return None
    return t.lower_


def state_compound(doc: Doc, k: int) -> bool:
    """A lower-case "state" that opens a compound ("Damascus state television", "Pyongyang state
    media": lang/en/state_compounds.txt) is no division word."""
    return (doc[k].text == "state" and k + 1 < len(doc)
            and doc[k + 1].lower_.split("-")[0] in words("state_compounds"))


def division_level(doc: Doc, gaz: Gazetteer, found: list[Mention]) -> None:
    """Apply rule division_level to every mention the division word ends or follows whose best
    reading is a town or site (a country or region keeps its own rules: region_suffix)."""
    for m in found:
        if m.fixed is not None or m.role == "demonym" or not m.cands or "region_suffix" in (m.rule, *m.notes):
            continue
        if max(m.cands, key=lambda c: prior(*c))[0].precision not in ("city", "site"):
            continue
        inner = m.end - m.start > 1 and _word_at(doc, m.end - 1)
        word = inner or _word_at(doc, m.end)
        if not word:
            continue
        mode = division_words()[word][0]
        keep = level_cands(m.cands, word)
        if not inner:  # the word names the division with the name: the span takes it in
            whole = level_cands(gaz.candidates(f"{m.text} {doc[m.end].text}"), word)
            if not (whole or keep) and mode != "strict":
                continue
            m.end += 1
            m.text = doc[m.start : m.end].text
            keep = whole or keep
        if keep or mode == "strict":
            m.cands = keep
            m.notes.append("division_level")
