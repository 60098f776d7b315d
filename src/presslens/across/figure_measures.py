"""Figures that are not counts of the things a page reports (session 26): a measure with its unit
(``measured``: "40 km", counted by ``numbers.measure_unit``) is never a count, and a population
(``population``) is a class of its own. Session 27: a measure of a named quantity has a class of
that quantity in its canonical unit (``measure_class``), so it is compared with measures of the
same quantity only, by its exact bounds. Read by ``figures.counted_class``."""

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


_WORDS = re.compile(r"[A-Za-z][\w-]*")


@functools.lru_cache(maxsize=1)
def _quantity_rx() -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(count_lexicon()["measure_quantities"], key=len, reverse=True)))
    return re.compile(rf"\b(?P<q>{words})\s+of\s+$", re.IGNORECASE)


def measure_class(text: str, n: NumberClaim) -> str | None:
    """Rule ``measure-quantity``: what a measure measures, when the text names it, as "<quantity> in
    <unit>". A magnitude measures the shock its clause names ("a magnitude 6.1 quake", "a 5.2 magnitude
    aftershock": ``magnitude_of``; none named: the quake), never several ("magnitude 5 aftershocks":
    a plural is a class of shocks, not one); another unit measures the quantity named before it ("a
    depth of 10 km", "a height of about 12 feet": ``measure_quantities``). Anything else ("waves 3 metres
    high", "40 km from the coast": a distance from which place?) is no class and never compared."""
    if not n.unit:
        return None
    if n.unit == "magnitude":
        shocks = count_lexicon()["magnitude_of"]
        clause = re.split(r"[.;,:()\n]", text[n.end : n.end + 60], maxsplit=1)[0]
        for w in _WORDS.findall(clause)[:4]:
            lw = w.lower()
            if lw in shocks:
                return f"magnitude of {shocks[lw]}"
            if lw.endswith("s") and lw[:-1] in shocks:
                return None
        return f"magnitude of {shocks['']}"
    m = _quantity_rx().search(text, max(0, n.start - 30), n.start)
    return f"{m.group('q').lower()} in {n.unit}" if m else None
