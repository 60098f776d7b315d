"""What a bare figure given for "the number of X" counts: X ("the number of deaths rose to 45", "the
total number of confirmed cases stood at 312", "the number of people killed in the clashes reached 120":
invented). The class is the complement's (``figures.canonical_noun``: a lexicon noun, else its head),
read up to its first preposition; the figure must be the value a verb gives the measure
(``value_verbs`` and ``measure_verbs`` in ``data/count_nouns.yaml``), so "a rise in the number of
cases, 45 of them ..." gives nothing."""

from __future__ import annotations

import functools
import re

from ..lang import data as lang_data
from .figures import _phrase, canonical_noun, count_lexicon

_WORD = re.compile(r"[\w'’-]+")


@functools.lru_cache(maxsize=1)
def _rx() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    lex = count_lexicon()
    nouns = "|".join(_phrase(w) for w in sorted(lex.get("carried_measures", []), key=len, reverse=True))
    verbs = sorted([*lex.get("value_verbs", []), *lex.get("measure_verbs", [])], key=len, reverse=True)
    aux = "|".join(_phrase(w) for w in ("has", "have", "had"))
    head = re.compile(r"\b(?:" + nouns + r")\s+of\s+", re.IGNORECASE)
    tail = re.compile(r"\s+(?:(?:" + aux + r")\s+)?(?:" + "|".join(_phrase(w) for w in verbs) + r")\s*$",
                      re.IGNORECASE)
    preps = frozenset(w.lower() for w in lang_data("function_words").get("prepositions", []))
    return head, tail, preps


def number_of(text: str, start: int, at: int) -> str | None:
    """The class of X for a figure at ``at`` given for "the number of X" in ``text[start:at]`` (its clause)."""
    head, tail, preps = _rx()
    before = text[max(start, at - 100) : at]
    last = None
    for m in head.finditer(before):
        last = m
    t = tail.search(before, last.end()) if last is not None else None
    if last is None or t is None:
        return None
    words = []
    for w in _WORD.findall(before[last.end() : t.start()]):
        if w.lower() in preps:
            break
        words.append(w)
    if not 1 <= len(words) <= 3 or any(_WORD.fullmatch(w) is None or w[:1].isdigit() for w in words):
        return None
    return canonical_noun(" ".join(words))
