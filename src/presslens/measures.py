"""Measures: a number with a unit is a measure ("40 km", "a magnitude 8.1 quake"), not a count.

Rules of the numbers layer (session 26 kept measures as claims with the unit as ``counts``; session
27 gives them their exact value in a canonical unit, so two measures of one quantity can be
compared and decimals are not rounded):

- ``measure-unit``: the unit right after the number (``measure_units`` in ``data/numbers.yaml``);
- ``measure-before``: a measure word right before it ("a magnitude 6.1 quake"); a word that names a
  unit of its own (``unit_before``: magnitude) makes the claim a measure, any other ("temperature",
  "depth" with no unit) drops it;
- ``decimal-measure``: a digit number with a decimal part and no scale word or unit ("a rate of
  2.5") is dropped: a count of things is whole;
- ``measure-value`` (session 27): a measure's unit is normalised (``unit_scale``: miles to metres,
  pounds to kilograms) and its bounds kept as exact decimals (``NumberClaim.unit``, ``unit_low``,
  ``unit_high``); its integer ``low``/``high`` are the whole numbers around the value ("8.1" ->
  [8, 9]), an interval that holds it.

Every example here is invented.
"""

from __future__ import annotations

import math
import re

from .text.number_words import Num, lexicon

_HALF = re.compile(r"\s+and\s+an?\s+(?:half|quarter)\s+([a-z]+)", re.IGNORECASE)
_MONEY_BEFORE = re.compile(r"(?:US\$|[$€£])\s*$")


def half_unit(after: str) -> str | None:
    """The unit after a fraction ("five and a half weeks", "three and a half miles"), or None."""
    m = _HALF.match(after)
    return m.group(1).lower() if m else None


def _next_word(text: str, pos: int) -> str:
    words = re.findall(r"[%\w][\w.'’-]*|%", text[pos : pos + 80])
    return words[0].lower().rstrip(".") if words else ""


def _prev_word(text: str, pos: int) -> str:
    m = re.search(r"([#\w][\w.]*)\W*$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


def measure_unit(text: str, start: int, end: int) -> str | None:
    """Rule ``measure-unit``: the unit right after a number ("12 km", "a 10-mile march", "3km", "2.5 pound
    bags", "two and a half miles", "a 7.1 magnitude quake": invented): the claim is kept (gold sets count
    measures as quantity claims) with the unit as what it counts, and the across findings never set a
    measure against a count (``across.figures.counted_class``)."""
    lex = lexicon()
    after = text[end : end + 40]
    if re.match(r"\s*°", after):
        return "degrees"
    glued = re.match(r"-([a-z]+)", after, re.IGNORECASE)
    unit = (glued.group(1).lower() if glued else half_unit(after)) or _next_word(text, end).strip("-")
    return unit if unit in lex["measure_units"] else None


def unit_before(text: str, start: int) -> str | None:
    """Rule ``measure-before``: the unit a measure word right before the number names ("a magnitude 6.1
    quake" -> magnitude; ``unit_before``), else None."""
    return lexicon()["unit_before"].get(_prev_word(text, start).lower())


def dropped(text: str, num: Num, before: str) -> bool:
    """Rules ``measure-before`` and ``decimal-measure``: not a count and no measure either. A measure word
    before the number that names no unit ("at a temperature of 40": invented); a digit number with a
    decimal part, no scale word and no unit (a count of things is whole); a decimal comma ("1,5 km").
    Money keeps its decimals ("$2.50"); a decimal with its unit ("2.5 km") is a measure."""
    prev = _prev_word(text, num.start).lower()
    if prev in lexicon()["measure_before"]:
        return prev not in lexicon()["unit_before"]
    if not num.digits or _MONEY_BEFORE.search(before):
        return False
    if re.match(r",\d{1,2}(?!\d)|\.\d", text[num.end : num.end + 4]) or re.search(r"\d,$", before):
        return True
    return "." in num.raw_digits and measure_unit(text, num.start, num.end) is None


def kept_measure(text: str, num: Num, before: str) -> bool:
    """A decimal or a magnitude with its unit ("2.5 km", "magnitude 8.1"): a measure, kept whatever the
    count tests say ("Magnitude 8.1" opening a title line is no name)."""
    if dropped(text, num, before) or not num.digits or _MONEY_BEFORE.search(before):
        return False
    return unit_before(text, num.start) is not None or (
        "." in num.raw_digits and measure_unit(text, num.start, num.end) is not None)


def exact(num: Num) -> float:
    """The number's value as written: "8.1" is 8.1 (``Num.value`` is rounded to a whole number)."""
    if num.digits and num.raw_digits:
        return float(re.sub(r"[,\s\u00a0\u202f]", "", num.raw_digits))
    return float(num.value)


def canonical(unit: str) -> tuple[str, float]:
    """Rule ``measure-value``: (canonical unit, factor) of a unit word (``unit_scale``: "miles" ->
    ("m", 1609.344)); a unit with no entry is its own canonical unit."""
    entry = lexicon()["unit_scale"].get(unit.lower())
    return (str(entry[0]), float(entry[1])) if entry else (unit.lower(), 1.0)


def measure_bounds(unit: str, low: float, high: float, hedge: str | None
                   ) -> tuple[str, float | None, float | None, int | None, int | None]:
    """(canonical unit, exact low, exact high, whole low, whole high) of a measure whose value runs from
    ``low`` to ``high`` as written under ``hedge`` ("more than 7.5" has no upper bound)."""
    canon, factor = canonical(unit)
    lo: float | None = low
    hi: float | None = high
    if hedge in ("gt", "ge"):
        hi = None
    elif hedge in ("lt", "le"):
        lo = None
    whole_lo = math.floor(lo) if lo is not None else None
    whole_hi = math.ceil(hi) if hi is not None else None
    return (canon, None if lo is None else lo * factor, None if hi is None else hi * factor, whole_lo, whole_hi)


_LAST_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?(?!.*\d)", re.DOTALL)


def half_step(text: str, unit: str) -> float:
    """Half the last written digit of a measure, in its canonical unit: "6 miles" stands for 5.5 to 6.5
    miles once converted ("a depth of 12 km (7 miles)": invented), so a conversion's rounding is no
    disagreement. 0 when no digit is written."""
    m = _LAST_NUMBER.search(text)
    if m is None:
        return 0.0
    decimals = len(m.group(1) or "")
    return 0.5 * 10.0 ** -decimals * canonical(unit)[1]
