"""Names as keys: case, diacritics, transliteration noise and punctuation folded (shared by
the actors and places layers), initials and acronyms."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from ..lang import words

# Function words an acronym skips ("The Associated Press" -> AP); data file with its origin.
INITIAL_SKIP = words("acronym_skip_words")

# --------------------------------------------------------------------------- normalisation

_SPECIAL = str.maketrans({"ß": "ss", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "đ": "d", "ł": "l", "Ł": "L",
                          "ı": "i", "œ": "oe", "‘": "'", "’": "'", "ʼ": "'", "`": "'"})
_NON_KEY = re.compile(r"[^0-9A-Za-z+]")
# Tokens ignored inside a name: hyphens and possessives ("Brazil's Nuclear Energy Commission").
SKIP = frozenset({"-", "‐", "‑", "'", "’", "'s", "’s", "`s"})
_VOWELS = re.compile(r"[aeiou]+")
# Every letter followed by the same letter: deleting those collapses doubles with a literal
# (C-only) replacement, where "(.)\1+" -> r"\1" expands a template per match.
_DOUBLE = re.compile(r"(.)(?=\1)")
_VOICE = str.maketrans({"d": "t", "b": "p", "g": "k", "w": "v", "z": "s", "q": "k", "c": "k"})
_SLUG = re.compile(r"[^a-z0-9]+")
_POSSESSIVE = re.compile(r"['’]s\b")


def ascii_fold(text: str) -> str:
    """Drop diacritics and map a few letters NFKD cannot split (ø, ß, ł)."""
    text = text.translate(_SPECIAL)
    if text.isascii():  # nothing to decompose (the gazetteer's 100k names are mostly ASCII)
        return text
    text = unicodedata.normalize("NFKD", text)
    if text.isascii():
        return text
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.lru_cache(maxsize=65536)
def token_keys(text: str) -> tuple[str, str, str]:
    """(case-insensitive key, case-sensitive key, spelling key) of one token's text."""
    cs = _NON_KEY.sub("", ascii_fold(text))
    ci = cs.lower()
    return ci, cs, spelling_key(ci)


def spelling_key(ci: str) -> str:
    """Fold transliteration noise: voicing, vowels after the first letter, doubled letters, plural s."""
    if len(ci) <= 2 or not ci.isalpha():
        return ci
    k = _DOUBLE.sub("", ci.replace("ph", "f").replace("kh", "k").replace("gh", "k").translate(_VOICE))
    if len(k) > 4 and k.endswith("s"):
        k = k[:-1]
    return k[0] + _VOWELS.sub("", k[1:])


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Key of a whole surface form: case, diacritics, hyphens, possessive and punctuation folded.
    Memoised (bounded): the places and actors layers key the same few thousand spans of an article
    again and again (~270 calls an article; the gazetteer's look-up of every candidate span)."""
    t = ascii_fold(text).lower()
    if "'s" in t or "’s" in t:
        t = _POSSESSIVE.sub("", t)
    return " ".join(_NON_KEY.sub(" ", t.replace("'", "")).split())


def slug(text: str) -> str:
    return _SLUG.sub("-", ascii_fold(text).lower()).strip("-")


def is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "").replace("+", "")
    return bool(letters) and " " not in alias and letters.isupper() and len(letters) <= 8



def initials(words: Sequence[str]) -> str:
    """Initials of a multi-word name, function words skipped: "The Associated Press" -> "AP"."""
    return "".join(w[0] for w in words if w[:1].isalpha() and w.lower() not in INITIAL_SKIP)


def abbreviates(acronym: str, words: Sequence[str]) -> bool:
    """Whether an acronym's letters are, in order, initials of the name's words, starting with
    the first significant one: "CGT" / "Confédération générale du travail", not "MFIA" /
    "Foreign and Interior Affairs"."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    firsts = [w[0].upper() for w in words if w[:1].isalpha()]
    sig = [w for w in words if w[:1].isalpha() and w.lower() not in INITIAL_SKIP]
    if not letters or not sig or letters[0] != sig[0][0].upper():
        return False
    it = iter(firsts)
    return all(any(c == f for f in it) for c in letters)



def initials_any_order(acronym: str, words: Sequence[str]) -> bool:
    """Whether every letter of an acronym is the initial of a distinct word of the name, in any
    order: a translated name keeps the source language's acronym ("Partido Popular" -> "PP",
    "Front for the Liberation of ..." rendered from another word order)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    pool = [w[0].upper() for w in words if w[:1].isalpha()]
    if len(letters) < 2:
        return False
    for c in letters:
        if c not in pool:
            return False
        pool.remove(c)
    return True


_TRIM = "/,;:()[]{}\"'“”‘’ \n\t-–—"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without edge punctuation glued to a token ('Khalq/'), keeping abbreviation dots."""
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    while start < end and text[start] in _TRIM:
        start += 1
    return start, end
