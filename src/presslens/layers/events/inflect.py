"""English verb inflection by the regular spelling rules, both ways.

``inflections("ban")`` gives the third person, past and -ing forms ("bans", "banned", "banning");
``bases("fined")`` gives every word that form could be the regular inflection of ("fin", "fine").
The rules (general English orthography, as any grammar states them): -es after a sibilant, y->i after
a consonant, a final silent e dropped before -ed/-ing, and the final consonant doubled after one
stressed short vowel, taken here as a one-syllable word ending consonant-vowel-consonant (not w, x, y).
"""

from __future__ import annotations

import numpy
from spacy.attrs import POS
from spacy.symbols import VERB as VERB_ID
from spacy.tokens import Doc

_VOWELS = frozenset("aeiou")


def _doubles(w: str) -> bool:
    """One syllable ending consonant-vowel-consonant ("ban", "stop"), the consonant not w/x/y."""
    if len(w) < 3 or w[-1] in _VOWELS or w[-1] in "wxy" or w[-2] not in _VOWELS or w[-3] in _VOWELS:
        return False
    groups = sum(1 for i, c in enumerate(w) if c in _VOWELS and (i == 0 or w[i - 1] not in _VOWELS))
    return groups == 1


def inflections(w: str) -> dict[str, str]:
    """The regular forms of verb ``w``: {"s": ..., "ed": ..., "ing": ...}."""
    if w.endswith(("s", "x", "z", "ch", "sh")):
        s = w + "es"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        s = w[:-1] + "ies"
    else:
        s = w + "s"
    if w.endswith("ie"):
        ed, ing = w + "d", w[:-2] + "ying"
    elif w.endswith("e"):
        ed, ing = w + "d", (w if w.endswith(("ee", "ye", "oe")) else w[:-1]) + "ing"
    elif w.endswith("y") and len(w) > 1 and w[-2] not in _VOWELS:
        ed, ing = w[:-1] + "ied", w + "ing"
    elif _doubles(w):
        ed, ing = w + w[-1] + "ed", w + w[-1] + "ing"
    else:
        ed, ing = w + "ed", w + "ing"
    return {"s": s, "ed": ed, "ing": ing}


def bases(form: str) -> tuple[str, ...]:
    """Every word whose regular inflection ``form`` could be, most literal stripping first."""
    out: list[str] = []
    for suffix in ("ies", "ied"):
        if form.endswith(suffix):
            out.append(form[:-3] + "y")
    for suffix in ("es", "s", "ed", "d", "ing"):
        if form.endswith(suffix) and len(form) > len(suffix) + 1:
            stem = form[: -len(suffix)]
            out.append(stem)
            if suffix in ("ed", "ing"):
                out.append(stem + "e")
                if suffix == "ing" and stem.endswith("y"):
                    out.append(stem[:-1] + "ie")
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    out.append(stem[:-1])
    return tuple(dict.fromkeys(b for b in out if form in inflections(b).values()))


class LexiconLemmas:
    """Rule ``lexicon-lemma``: a VERB token whose model lemma is no lexicon verb, but whose surface form is
    the regular inflection of one, takes that verb as its lemma.

    The rule lemmatizer strips "-ed" before "-d" and keeps the first stem its verb index knows, so
    "The court fined the editor" is lemmatised "fin", "they staged a sit-in" "stag" and "forces
    lambasted the plan" "lambast": the lexicon's "fine", "stage" and "lambaste" then never match a
    past or -ing form. ``tools/lexicon_inflections.py`` lists the whole class. The data is the
    lexicon itself (``known``); each (form, lemma) is decided once."""

    def __init__(self, known: frozenset[str]):
        self.known = known
        self.memo: dict[tuple[str, str], str | None] = {}

    def lemma(self, form: str, lemma: str) -> str | None:
        """The lexicon verb to use instead of ``lemma`` (None: keep the model's)."""
        key = (form, lemma)
        if key not in self.memo:
            if len(self.memo) > 16_384:
                self.memo.clear()
            got = None
            # The model's lemma stands when it is an entry the form can inflect ("protested"): a known
            # lemma the spelling rules cannot reach ("hoped" -> "hop", which gives "hopped") does not.
            if lemma not in self.known or (lemma != form and lemma not in bases(form)):
                hits = [b for b in bases(form) if b in self.known]
                got = hits[0] if len(hits) == 1 else None
            self.memo[key] = got
        return self.memo[key]

    def __call__(self, doc: Doc) -> None:
        """Rewrite the lemma of each VERB token the rule applies to (one column read for the POS)."""
        for i in numpy.flatnonzero(doc.to_array(POS) == VERB_ID).tolist():
            tok = doc[i]
            got = self.lemma(tok.lower_, tok.lemma_.lower())
            if got is not None:
                tok.lemma_ = got
