"""rule building_name: a common-noun name of a public building or office ("City Hall", "Town
Hall", "the State House", "Parliament"; ``lang/en/building_names.txt``) is no place, and no word
of it is a town: "City Hall" was read as "Hall" (an alternate name of Las Lomas, California).
A place named before it stays ("Leeds Town Hall": Leeds, in_name)."""

from __future__ import annotations

import functools

from spacy.tokens import Doc

from ...lang import words
from .mentions import Mention
from .tokarrays import toks


@functools.cache
def _names() -> dict[tuple[str, ...], int]:
    return {tuple(n.split()): len(n.split()) for n in words("building_names")}


def building_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans of capitalised building names not followed by a capitalised word."""
    names = _names()
    longest = max(names.values(), default=0)
    first = {k[0] for k in names}
    a = toks(doc)
    out = []
    i, n = 0, len(doc)
    while i < n:
        hit = 0
        if a.lower[i] in first:  # only a word that opens a building's name is looked at
            for ln in range(min(longest, n - i), 0, -1):
                j = i + ln
                if tuple(a.lower[i:j]) in names and all(a.cap[i:j]) and not (
                        j < n and a.cap[j] and a.text[j].isalpha()):
                    hit = ln
                    break
        if hit:
            out.append((i, i + hit))
            i += hit
        else:
            i += 1
    return out


def drop_building_words(doc: Doc, found: list[Mention]) -> list[Mention]:
    """The mentions that do not lie wholly inside a building's name."""
    spans = building_spans(doc)
    if not spans:
        return found
    return [m for m in found if not any(s <= m.start and m.end <= e for s, e in spans)]
