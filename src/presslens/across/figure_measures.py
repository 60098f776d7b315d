"""Figures that are not counts of the things a page reports (session 26): a measure with its unit
(``measured``: "40 km", counted by ``numbers.measure_unit``) has no counted class, and a population
(``population``) is a class of its own. Read by ``figures.counted_class``."""

from __future__ import annotations

import functools
import re

from ..records import NumberClaim
from .figures import count_lexicon


def measured(counts: str | None) -> bool:
    """The counted noun is a unit of ``measure_units`` ("km", "pound bags")."""
    from ..text.number_words import lexicon

    words = (counts or "").lower().split()
    return bool(words) and (words[0] in lexicon()["measure_units"] or words[-1] in lexicon()["measure_units"])


@functools.lru_cache(maxsize=1)
def _population_rx() -> re.Pattern[str]:
    places = "|".join(map(re.escape, count_lexicon()["population_places"]))
    return re.compile(rf"(?:\b(?i:{places})\s+of|\b[A-Z][\w-]+['’]s)\s+$")


def population(text: str, n: NumberClaim) -> bool:
    """Rule ``population``: "a capital of 4 million", "Freedonia's 12 million people" (invented): how many
    live in a place (``population_places``, ``population_counts``)."""
    if _population_rx().search(text, max(0, n.start - 40), n.start) is None:
        return False
    return not n.counts or n.counts.lower().split()[-1] in count_lexicon()["population_counts"]
