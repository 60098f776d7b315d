"""Check ``full_stop_start``: where a full stop, a space and a capitalised word start a sentence.

A stop the tokenizer splits off as a token of its own, followed by a space and a capitalised word,
ends a sentence: the tokenizer already keeps a known abbreviation's stop on its word ("Mr.",
"Gen.", "Calif.", "Jan.", initials "J."), and the capitalised words the project's data lists
written with a stop and the tokenizer does not keep together ("Col.", "Sgt.": ``person_titles.txt``,
``place_abbreviations.tsv``, quote_cues.yaml's honorifics) are skipped. A closing quotation mark
or bracket may follow the stop; an opening one may precede the capitalised word.

Used to measure whether en_core_web_sm's parser (which sets sentence boundaries) runs two
sentences into one: ``tools/sentence_boundaries.py`` counts pipeline sentences holding such a
boundary inside (none on 3,154 boundaries of the dev and frozen sets, 2026-12-07: see
docs/decisions.md), and tests/test_full_stops.py keeps that true on the seed pages. Not a pipeline
component: presetting these starts would change no sentence.

Starts: "Gunmen fired on a patrol near the river. One soldier was hurt" ("One"). Not starts:
"Lt. Col. Jane Doe arrived" (titles), "told a man. he left" (lower case), "at No. 5" (a number),
"the U.S. Army" (one token).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc

from ..lang import data, words

# Tokens that may stand between the stop and the space: a closing quotation mark or bracket
# written straight after the stop ('... the river." Police said').
_CLOSERS = frozenset({'"', "'", "\u201d", "\u2019", ")", "]"})


@functools.lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Lower-case words (no stop) that the project's data lists written with a stop ("col.")."""
    forms = set(words("person_titles"))
    forms |= {h for hs in data("quote_cues.yaml")["honorifics"].values() for h in hs}
    forms |= {ln.split("\t", 1)[0] for ln in data("place_abbreviations.tsv")[1:]}
    return frozenset(f.lower()[:-1] for f in forms if f.endswith("."))


def full_stop_starts(doc: Doc) -> list[int]:
    """Indices of the tokens a ``full_stop_start`` boundary starts (see the module doc)."""
    abbr = abbreviations()
    out = []
    n = len(doc)
    for i in range(1, n - 1):
        stop = doc[i]
        if stop.text != "." or not stop.whitespace_ and doc[i + 1].text not in _CLOSERS:
            continue
        before = doc[i - 1]
        if before.whitespace_ or before.is_space or before.text[:1].isupper() and before.lower_ in abbr:
            continue  # " . " (a stray dot) or "Col." the tokenizer did not keep together ("a man." ends)
        j = i
        while not doc[j].whitespace_ and j + 1 < n and doc[j + 1].text in _CLOSERS:
            j += 1
        if not doc[j].whitespace_ or "\n" in doc[j].whitespace_ or j + 1 >= n:
            continue
        nxt = doc[j + 1]
        if nxt.is_space or nxt.is_punct and nxt.text not in ('"', "\u201c", "'", "\u2018"):
            continue
        word = nxt if not nxt.is_punct or j + 2 >= n else doc[j + 2]
        if word.text[:1].isupper() and word.is_alpha:
            out.append(j + 1)
    return out
