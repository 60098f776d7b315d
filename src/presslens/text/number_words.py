"""Number words and digits read into values (shared by the numbers and events layers).

``combine`` groups number atoms into numbers: "1.5 million", "two hundred and fifty", "ten
thousands", and fractions of a scale word ("a quarter of a million", "half a million", "two and a
half million"). The lexicon is ``data/numbers.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .. import lang


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    raw = resources.files("presslens").joinpath("data/numbers.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = lang.load_yaml(raw)
    return data


def alt(words: list[str]) -> str:
    """Regex alternation, longest first, with flexible white space inside phrases."""
    parts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in parts)


@functools.lru_cache(maxsize=1)
def patterns() -> dict[str, Any]:
    lex = lexicon()
    unit_alt = "|".join(sorted(lex["units"], key=len, reverse=True))
    scale_alt = "|".join(sorted(lex["scales"], key=len, reverse=True))
    digit = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)|\d+(?:\.\d+)?"
    atom = re.compile(
        rf"(?:(?<![\w.+/-])(?P<digit>{digit})|(?<![\w])(?P<word>(?:{unit_alt})|(?:{scale_alt})s?))(?![\w])",
        re.IGNORECASE
    )
    hedge_rx = {}
    for kind, phrases in lex["hedges"].items():
        hedge_rx[kind] = re.compile(rf"(?:^|(?<=[^\w]))(?P<h>{alt(phrases)})\s+$", re.IGNORECASE)
    post_rx = {}
    for kind, phrases in lex["post_hedges"].items():
        post_rx[kind] = re.compile(rf"^[\s-]*(?P<h>{alt(phrases)})(?![\w])", re.IGNORECASE)
    vague = re.compile(rf"(?<![\w-])(?P<v>{alt(list(lex['vague']))})(?![\w])", re.IGNORECASE)
    zero = re.compile(rf"(?<![\w-])(?P<z>{alt(lex['zero_phrases'])})(?=\s+\w)", re.IGNORECASE)
    return {"atom": atom, "hedge": hedge_rx, "post": post_rx, "vague": vague, "zero": zero}


def _digit_value(s: str) -> float:
    return float(re.sub(r"[,\s\u00a0\u202f]", "", s))


def _word_value(w: str) -> tuple[str, int]:
    """('unit'|'scale', value) of a number word (plural scales as their singular)."""
    lex = lexicon()
    w = w.lower()
    if w in lex["units"]:
        return "unit", int(lex["units"][w])
    if w in lex["scales"]:
        return "scale", int(lex["scales"][w])
    if w.endswith("s") and w[:-1] in lex["scales"]:
        return "scale", int(lex["scales"][w[:-1]])
    raise KeyError(w)


@functools.lru_cache(maxsize=1)
def _fraction_rx() -> re.Pattern[str]:
    words = sorted(lexicon()["fractions"], key=len, reverse=True)
    fracs = "|".join(r"[\s-]+".join(re.escape(w) for w in f.split()) for f in words)
    return re.compile(rf"(?<![\w-])(?:(?:an?|one)\s+)?(?P<f>{fracs})\s+(?:of\s+)?(?:an?\s+)?$", re.IGNORECASE)


def _fraction_before(text: str, pos: int) -> tuple[int, float] | None:
    """(start, fraction) of a fraction written just before a scale word at ``pos``, or None."""
    m = _fraction_rx().search(text[max(0, pos - 40) : pos])
    if m is None:
        return None
    key = re.sub(r"[\s-]+", " ", m.group("f").lower())
    return pos - len(text[max(0, pos - 40) : pos]) + m.start(), float(lexicon()["fractions"][key])


@dataclass(slots=True)
class Num:
    start: int
    end: int
    value: int
    digits: bool  # written with digits (years, ids are digit-only)
    raw_digits: str = ""  # the digit string as written, when digits


def combine(text: str) -> list[Num]:
    """Group number atoms into numbers: '1.5 million', 'two hundred and fifty', 'ten thousands'."""
    pats = patterns()
    atoms = list(pats["atom"].finditer(text))
    out: list[Num] = []
    i = 0
    while i < len(atoms):
        m = atoms[i]
        if m.group("word"):
            kind, val = _word_value(m.group("word"))
            if kind == "scale":
                # A lone scale word: "a thousand" / "a dozen" counts, a bare plural is vague (not here);
                # a fraction before it scales it ("a quarter of a million", "half a dozen").
                frac = None if m.group("word").lower().endswith("s") else _fraction_before(text, m.start())
                before = text[max(0, m.start() - 3) : m.start()].lower()
                if frac is not None:
                    start, total, current, digits = frac[0], 0.0, val * frac[1], False
                    while out and out[-1].end > start:  # "Three" of "Three-quarters of a million"
                        out.pop()
                elif m.group("word").lower().endswith("s") or not re.search(r"\ban?\s+$", before):
                    i += 1
                    continue
                else:
                    start = m.start() - len(before) + before.rfind("a")
                    total, current, digits = 0.0, float(val), False
            else:
                start, total, current, digits = m.start(), 0.0, float(val), False
        else:
            start, total, current, digits = m.start(), 0.0, _digit_value(m.group("digit")), True
        raw = m.group("digit") or ""
        end = m.end()
        j = i + 1
        while j < len(atoms):
            nxt = atoms[j]
            gap = text[end : nxt.start()]
            half = re.fullmatch(r"\s+and\s+a\s+half\s+", gap, re.IGNORECASE)  # "two and a half million"
            if not (half or re.fullmatch(r"(?:\s+|-|\s+and\s+|\s*-\s*)", gap, re.IGNORECASE)) or "\n" in gap:
                break
            if nxt.group("digit"):
                break
            kind, val = _word_value(nxt.group("word"))
            if half:
                if kind != "scale":
                    break
                current += 0.5
            if digits and kind != "scale":
                break
            if kind == "scale":
                if val >= 1000:
                    total += current * val
                    current = 0.0
                else:
                    current = (current or 1) * val
            else:
                if "-" in gap and not (current % 100 >= 20 and val < 10):
                    break  # "two-three" is not a number word; "twenty-five" is
                current += val
            end = nxt.end()
            digits = False
            j += 1
        out.append(Num(start=start, end=end, value=int(round(total + current)), digits=digits and j == i + 1,
                        raw_digits=raw if j == i + 1 else ""))
        i = j
    return out
