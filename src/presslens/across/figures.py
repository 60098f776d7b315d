"""Figures about one quantity: what a figure counts, its predicate, occasion, scope, place, owner and
who gives it, and whether two figures conflict (``conflicting_numbers``, see ``across/findings.py``).

A figure without a counted noun takes the measure noun it is given for ("put the crowd at 35,000",
"turnout of 12,000") or, closing its clause, the class of the figure before it ("police estimated
6,000"); a bare figure given by a reporting verb ("Police put the number at 2,700") takes the class
and, lacking its own, the predicate of the figure it answers in its paragraph. Figures located at
different places ("killed in Toretsk" vs "killed in Makiivka") are different quantities, and so are
figures of different owners ("Freedonia had lost 740" vs "Sylvania had lost up to 210"). Figures must
really differ (approximate figures get a 10 % margin; "nearly N" is compared as 0.9N..N).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources
from typing import Any

import yaml

from ..records import NumberClaim, Quote
from ..text import number_words

# --------------------------------------------------------------------------- numbers

def _context(page_text: str, n: NumberClaim) -> set[str]:
    """Names and event words in the line around a number (what it is about)."""
    lex = count_lexicon()
    ls = page_text.rfind("\n", 0, n.start) + 1
    le = page_text.find("\n", n.end)
    le = len(page_text) if le < 0 else le
    line = page_text[max(ls, n.start - 200) : min(le, n.end + 200)]
    words = re.findall(r"[A-Za-z][\w-]*", line)
    out = {w.lower() for w in words if w[:1].isupper() and w not in lex["_not_names"]}
    out |= {w.lower().rstrip("s") for w in words if w.lower() in lex["_event_words"]}
    return out


def _head(counts: str | None) -> str | None:
    if not counts:
        return None
    w = counts.split()[-1].lower()
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


_ENDS_LINE = re.compile(r"[ \t]*(?:\n|$)")


def on_its_line(text: str, n: NumberClaim) -> NumberClaim:
    """The figure as its own line gives it: a figure that ends its line counts nothing the next line
    names ("Toll of the storm passes 300" above the site line "Daily Courier of the North": invented),
    so a counted noun read past the line break is dropped; a noun its own line gives ("US$5 million",
    counted as "US dollars") is kept."""
    if not n.counts or not _ENDS_LINE.match(text, n.end):
        return n
    first = n.counts.split()[0].lower()
    if first in text[text.rfind("\n", 0, n.start) + 1 : n.end].lower():
        return n
    return replace(n, counts=None)


def _bounds(n: NumberClaim) -> tuple[float, float]:
    if n.unit:  # a measure: its exact bounds in its canonical unit (numbers ``measure-value``)
        lo = n.unit_low if n.unit_low is not None else 0.0
        hi = n.unit_high if n.unit_high is not None else float("inf")
    else:
        lo = float(n.low) if n.low is not None else 0.0
        hi = float(n.high) if n.high is not None else float("inf")
    if n.approx:
        lo, hi = lo * 0.9, hi * 1.1
    return lo, hi


def _close(a: float, b: float) -> bool:
    if a == b:
        return True
    if min(a, b) <= 0 or a == float("inf") or b == float("inf"):
        return False
    return max(a, b) / min(a, b) <= 1.25


def value_key(n: NumberClaim) -> tuple[object, ...]:
    """What a figure states: its interval (a measure's exact one, in its canonical unit) and hedge."""
    if n.unit:
        return (n.unit, n.unit_low, n.unit_high, n.approx)
    return (n.low, n.high, n.approx)


def shown(n: NumberClaim) -> str:
    """A figure's interval as a finding prints it: "[8, 9]" for a count, "[8.1, 8.1] magnitude" for a measure."""
    if n.unit:
        lo, hi = (None if v is None else f"{v:g}" for v in (n.unit_low, n.unit_high))
        return f"[{lo}, {hi}] {n.unit}"
    return f"[{n.low}, {n.high}]"


def numbers_conflict(a: NumberClaim, b: NumberClaim) -> tuple[bool, bool]:
    """(conflict, disjoint) for two claims about the same quantity."""
    if value_key(a) == value_key(b):
        return False, False
    (alo, ahi), (blo, bhi) = _bounds(a), _bounds(b)
    if a.unit and b.unit and (a.counts or "").lower() != (b.counts or "").lower():
        # Two measures written in different units ("10 km" / "6 miles"): one may be the other converted
        # and rounded, so each stands for what rounds to it (``measures.half_step``).
        from ..measures import half_step

        da, db = half_step(a.text, a.counts or ""), half_step(b.text, b.counts or "")
        alo, ahi, blo, bhi = alo - da, ahi + da, blo - db, bhi + db
    disjoint = ahi < blo or bhi < alo
    if disjoint:
        return True, True
    # Overlapping figures conflict only when they state clearly different sizes.
    # An open bound says nothing on that side: compare only the bounds both figures state.
    inf = float("inf")
    differ = (not _close(alo, blo) and alo > 0 and blo > 0) or (
        ahi != inf and bhi != inf and not _close(ahi, bhi))
    return differ, False


# Contested figures: the counted noun, the predicate that governs it, the time and scope of the
# sentence and who gives the figure decide whether two figures are about one quantity.


@functools.lru_cache(maxsize=1)
def count_lexicon() -> dict[str, Any]:
    raw = resources.files("presslens").joinpath("data/count_nouns.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(raw)
    data["_noun_of"] = {w: cls for cls, words in data["nouns"].items() for w in words}
    preds = sorted(((w, cls) for cls, ws in data["predicates"].items() for w in ws), key=lambda x: -len(x[0]))
    data["_pred_rx"] = re.compile(
        r"\b(?:" + "|".join(rf"(?P<p{i}>{_phrase(w)}\w*)" for i, (w, _) in enumerate(preds)) + ")", re.IGNORECASE)
    data["_pred_cls"] = [cls for _, cls in preds]
    data["_not_pred_rx"] = re.compile(
        r"(?:" + "|".join(_phrase(w) for w in data["not_predicates"]) + r")\b", re.IGNORECASE)
    data["_national_rx"] = re.compile(
        r"\b(?:" + "|".join(_phrase(w) for w in data["national_markers"]) + r")\b"
        r"|\bin\s+(?:some\s+|about\s+|more\s+than\s+)?[\d,]+\s+(?:towns|cities|regions|provinces|states)\b",
        re.IGNORECASE)
    measure = {w: cls for cls, ws in data.get("measure_nouns", {}).items() for w in ws}
    data["measure_nouns"] = measure
    tally = "|".join(_phrase(w) for w in sorted(data.get("measure_verbs", []), key=len, reverse=True))
    data["_measure_rx"] = re.compile(
        r"\b(?P<noun>" + "|".join(_phrase(w) for w in sorted(measure, key=len, reverse=True)) + r")\b"
        r"(?:\s+(?:size|figure|number))?"
        # "the death toll of the floods passes 1,000": an "of" complement, then a tally verb.
        # "the death toll from the outbreak has risen to 45": an "of", "from" or "in" complement too.
        + (r"(?:(?:\s+(?:of|from|in|among)(?:\s+[\w'’-]+){1,3})?\s+(?:" + tally + r"))?" if tally else "")
        + r"(?:\s+(?:was|were|is|at|of|as|to\s+be|reached|numbered|"
        r"estimated|put|given|around|about|some|roughly|nearly|almost|over|more\s+than|at\s+least)){0,3}\s*$",
        re.IGNORECASE)
    # A classless measure noun, then up to three words before the figure ("the figure at", "estimates ranged").
    data["_carried_rx"] = re.compile(
        r"\b(?:" + "|".join(_phrase(w) for w in data.get("carried_measures", [])) + r")\b(?:\s+[\w'’-]+){0,3}\s+$",
        re.IGNORECASE)
    data["_place_rx"] = re.compile(
        r"\b(?i:in|at|near|outside|on)\s+(?:the\s+(?:town|city|village|region|province)\s+of\s+)?"
        r"(?P<p>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
    data["_not_places"] = frozenset(w.lower() for w in data.get("not_places", []))
    data["_source_drop"] = frozenset(data["source_drop_words"])
    data["_event_words"] = frozenset(data["context_event_words"])
    data["_not_names"] = frozenset(w.capitalize() for w in data["not_names"])
    data["_near_rx"] = re.compile(r"^(?:" + "|".join(_phrase(w) for w in data["near_hedges"]) + r")\b", re.IGNORECASE)
    data["_owner_alias"] = {a: k for k, als in data.get("owner_aliases", {}).items() for a in [k, *als]}
    onouns = "|".join(_phrase(w) for w in sorted(data["owner_nouns"], key=len, reverse=True))
    data["_owner_nouns"] = frozenset(data["owner_nouns"])
    # "Russia had lost [up to] N", "Russian shells killed N": the subject (up to three words) of the verb.
    data["_owner_verb_rx"] = re.compile(
        r"(?P<own>(?:[\w'’-]+\s+){0,2}[\w'’-]+)\s+(?:(?:had|has|have|reportedly|already)\s+)*"
        r"(?:" + "|".join(_phrase(w) for w in data["owner_verbs"]) + r")\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
    # "Russia's losses at N", "put Ukraine's casualties at N".
    data["_owner_poss_rx"] = re.compile(
        r"\b(?P<own>[\w-]+['’]s)\s+(?:own\s+|total\s+|daily\s+)?(?:" + onouns + r")\b[^.;]{0,40}$", re.IGNORECASE)
    # "N Russian soldiers", "N of the Ukrainian troops", "N on the Russian side", "N among Russian forces".
    data["_owner_after_rx"] = re.compile(
        r"\s*(?:(?:[\w-]+\s+){0,3}?(?:of|on|among|from|in)\s+(?:the\s+|its\s+)?)?(?P<own>[\w'’-]+)\s+"
        r"(?:" + onouns + r")\b", re.IGNORECASE)
    verbs = "|".join(_phrase(w) for w in data["source_verbs"])
    # "X counted N", "X said (that) ... N": the subject right before the verb (up to five words).
    data["_src_before"] = re.compile(
        rf"(?P<src>(?:[\w'’.-]+\s+){{0,4}}?[\w'’.-]+)(?:\s*\([^()]{{1,30}}\))?(?:,[^,.;()]{{1,60}},)?"
        rf"\s+(?:{verbs})\b(?:\s+that)?[^.;]*$", re.IGNORECASE)
    # An attribution inside a sentence: ", a group of Southlandic doctors said", "Ruritanian officials say".
    data["_attribution_rx"] = re.compile(
        rf"(?:^|(?<=[,\n])|(?<=[.!?]\s))\s*(?P<src>(?:[\w'’.-]+\s+){{0,7}}?[\w'’.-]+)\s+(?:{verbs})\b", re.IGNORECASE)
    # "N ..., police said" / "N, according to X".
    data["_src_after"] = re.compile(
        rf"^[^.;]*?,\s*(?P<src>(?:[\w'’.-]+\s+){{0,4}}?[\w'’.-]+)\s+(?:{verbs})\b", re.IGNORECASE)
    return data


def _phrase(w: str) -> str:
    return r"\s+".join(re.escape(p) for p in w.split())


@functools.lru_cache(maxsize=1)
def _figure_rx() -> str:
    """A figure in digits or number words (``data/numbers.yaml``; "one" is too often a pronoun)."""
    lex = number_words.lexicon()
    words = sorted((w for w in lex["units"] if w.lower() not in ("one", "a", "an")), key=len, reverse=True)
    return r"(?:\d|\b(?:" + "|".join(re.escape(w) for w in words) + r")\b)"


@functools.lru_cache(maxsize=1)
def _figure() -> re.Pattern[str]:
    return re.compile(_figure_rx(), re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _clause_split() -> re.Pattern[str]:
    # "and" before a figure opens its own clause ("Two babies died and 25 people fell ill", "three
    # people have died and more than 300 have fallen ill").
    return re.compile(r"[;:]\s|,?\s+(?:while|whereas|but)\s+|,\s+and\s+|\s[—–-]\s"
                      r"|\s+and\s+(?=(?:[A-Za-z]+\s+){0,2}" + _figure_rx() + ")", re.IGNORECASE)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<src>[^,.;]{2,60}?)(?=[,.;]|$)", re.IGNORECASE)
_OTHER_TIME = re.compile(
    r"\b(?:(?:in|since|during|by|until|of|from)\s+(?:early\s+|late\s+|mid-?)?(?P<y>(?:19|20)\d{2})\b"
    r"|(?P<rel>last\s+(?:week|month|year|decade)|a\s+(?:week|month|year)\s+ago|previous\s+(?:week|month|year)"
    r"|earlier\s+this\s+(?:week|month|year)|(?:so\s+far\s+)?this\s+year|over\s+the\s+past\s+\w+))",
    re.IGNORECASE)
# Not marks: "since March 3", "since early spring", "have since recovered": a running total up to now
# is the same occasion as a bare figure of now (a year, "since 2014", still marks another occasion).

_SENT_END = re.compile(r"[.!?][\"”’]?\s+(?=[A-Z\"“])|\n")


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around [start, end) (line breaks and . ! ? before a capital end sentences)."""
    lo = max(0, start - 400)
    s = lo
    for m in _SENT_END.finditer(text, lo, min(len(text), start + 1)):  # the lookahead may see the figure
        if m.end() <= start:
            s = m.end()
    e = _SENT_END.search(text, end, end + 600)
    return s, (e.start() + 1 if e else min(len(text), end + 600))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    ss, se = _sentence(text, start, end)
    cs, ce = ss, se
    for m in _clause_split().finditer(text, ss, se):
        if m.end() <= start:
            cs = m.end()
        elif m.start() >= end:
            ce = m.start()
            break
    return cs, ce


def canonical_noun(counts: str | None) -> str | None:
    """The class of what a figure counts: "contractors" -> "contract workers", "marchers" -> "people"."""
    if not counts:
        return None
    lex = count_lexicon()
    words = counts.lower().split()
    for k in (2, 1):
        if len(words) >= k and " ".join(words[-k:]) in lex["_noun_of"]:
            return str(lex["_noun_of"][" ".join(words[-k:])])
    if _nationals(counts.split()[-1]):
        return "people"
    return _head(counts)


def _nationals(word: str) -> bool:
    """A plural nationality noun ("100,000 Iranians", "3,000 Kenyans"): people, as a crowd or a toll is
    counted (the gazetteer's demonyms)."""
    if not (word[:1].isupper() and word.endswith("s")):
        return False
    from ..gazetteer import gazetteer

    return gazetteer().demonym(word) is not None


# "five of those detained", "2,000 people, many of them hired": a part of the group, with its own verb.
_PARTITIVE = re.compile(r"[\s,]+(?:(?:many|most|some|all|several|half|few|none|\d[\d,]*)\s+)?(?:of|among)\s+"
                        r"(?:those|the|them|these|whom)\s+(?:\w+\s+)?$", re.IGNORECASE)
# A bare figure given by a counting or reporting verb ("police put the number at 2,700", "counted 4,500",
# "said 31", "a figure of 4,500"): the figure it answers names what it counts.
_REPORTED_RX = re.compile(
    r"\b(?:put|puts|putting|estimat\w*|count(?:ed|s)?|tallied|gave|give|reported|said|says|claimed|recorded)"
    r"(?:\s+(?:the|its|their|a|an|this|that)?\s*(?:number|figure|total|tally|count|estimate|toll))?"
    r"\s+(?:at\s+|as\s+|to\s+be\s+)?(?:(?:around|about|some|roughly|nearly|almost|only|just|over|"
    r"more\s+than|at\s+least)\s+)?$"
    r"|\b(?:a|the|its|their)\s+(?:figure|number|total|tally|count|estimate)\s+(?:of|at|was|is)\s+$",
    re.IGNORECASE)


def _carried_measure(text: str, cs: int, at: int) -> bool:
    """The clause before a bare figure names a measure noun of no class of its own, a few words before
    it ("police put *the figure* at 4,000", "*estimates* ranged from 2,000 to 10,000": invented;
    ``carried_measures`` in ``data/count_nouns.yaml``): the figure counts what the figure it answers
    counts, which may stand in the sentence before."""
    return count_lexicon()["_carried_rx"].search(text, max(cs, at - 60), at) is not None


_AUX = re.compile(r"\s+(?:(?:had|have|has|were|was|are|is)\s+)?(?:(?:been|also|reportedly)\s+)*", re.IGNORECASE)


def predicate(text: str, n: NumberClaim) -> str | None:
    """Class of the event word nearest the figure in its clause ("abducted", "enrolled", "took part").
    A measure has none: "a magnitude 7.1 quake killed 40" (invented) does not kill magnitudes."""
    if n.unit:
        return None
    lex = count_lexicon()
    cs, ce = _clause(text, n.start, n.end)
    cs, ce = max(cs, n.start - 120), min(ce, n.end + 120)
    best: tuple[int, str] | None = None
    # The counted noun itself ("employees", "marchers") is not the predicate.
    noun_end = n.end
    if n.counts:
        k = text.lower().find(n.counts.lower().split()[-1], n.end, n.end + 60)
        noun_end = k + len(n.counts.split()[-1]) if k >= 0 else n.end
    for m in lex["_pred_rx"].finditer(text, cs, ce):
        if n.start <= m.start() < noun_end or lex["_not_pred_rx"].match(text, m.start()):
            continue
        # "five of those detained ... had been beaten": a partitive names the group, not the predicate.
        if m.start() >= n.end and _PARTITIVE.match(text, noun_end if noun_end <= m.start() else n.end, m.start()):
            continue
        # A predicate beyond another figure is that figure's ("300 pupils ..., 12 of whom have since
        # died"; "Two babies died and 25 people fell ill").
        fig = _figure()
        if fig.search(text, m.end(), n.start) if m.end() <= n.start else fig.search(text, n.end, m.start()):
            continue
        cls = lex["_pred_cls"][int(next(k for k, v in m.groupdict().items() if v is not None)[1:])]
        dist = n.start - m.end() if m.end() <= n.start else m.start() - n.end
        if best is None or dist < best[0]:
            best = (dist, cls)
    if best is None:
        return lex["noun_predicates"].get(canonical_noun(n.counts) or "")
    return best[1]


def _time_marks(text: str, n: NumberClaim) -> frozenset[str]:
    """Years and past periods that put a figure on another occasion ("since 2014", "last year")."""
    ss, se = _sentence(text, n.start, n.end)
    out = set()
    for m in _OTHER_TIME.finditer(text, ss, se):
        out.add(m.group("y") or " ".join(m.group("rel").lower().split()))
    return frozenset(out)


def _national(text: str, n: NumberClaim) -> bool:
    """A nationwide figure: a marker near the figure in its clause, or opening its sentence."""
    rx = count_lexicon()["_national_rx"]
    ss, se = _sentence(text, n.start, n.end)
    cs, ce = _clause(text, n.start, n.end)
    if rx.search(text, max(cs, n.start - 80), min(ce, n.end + 80)):
        return True
    head = re.sub(r"^[A-Z][A-Za-z .,]*?\d{4}\s*[-—–]\s*", "", text[ss:se])  # a dateline is not the sentence
    m = rx.search(head[:40])
    return bool(m and m.start() == 0)


def _src_key(phrase: str) -> set[str]:
    words = [w for w in re.findall(r"[a-z0-9]+", phrase.lower().replace("’", "'").replace("'s", " "))
             if w not in count_lexicon()["_source_drop"]]
    if not words:
        return set()
    head = words[-1]
    return {head[:-1] if head.endswith("s") and not head.endswith("ss") else head}


def source(text: str, n: NumberClaim, quote: Quote | None) -> set[str]:
    """Who gives the figure: the speaker of its quote, else "according to X" / "X said|counted" around it."""
    keys: set[str] = set()
    if quote is not None and (quote.speaker_id or quote.speaker_text):
        if quote.speaker_id:
            keys.add(quote.speaker_id)
        if quote.speaker_text:
            keys |= _src_key(quote.speaker_text)
        return keys
    lex = count_lexicon()
    ss, se = _sentence(text, n.start, n.end)
    cs, ce = _clause(text, n.start, n.end)
    # "police estimated 6,000": the number's own text may open with the source verb.
    lead = re.match(r"(?:[A-Za-z]+\s+)+", n.text)
    before = text[cs : n.start] + (lead.group() if lead else "")
    acc = list(_ACCORDING.finditer(text, ss, se))
    near = [m for m in acc if m.start() >= cs and m.end() <= ce] or acc
    if near:
        m = min(near, key=lambda m: abs(m.start() - n.start))
        return _src_key(m.group("src"))
    m = lex["_src_before"].search(before)
    if m:
        return _src_key(m.group("src"))
    m = lex["_src_after"].match(text, n.end, se)
    if m:
        return _src_key(m.group("src"))
    return keys


def _compare_bounds(n: NumberClaim) -> NumberClaim:
    """"nearly 600" is compared as 540..600: a near hedge is not an open lower bound."""
    if n.low is None and n.high is not None and count_lexicon()["_near_rx"].match(n.text.strip()):
        near = None if n.unit_high is None else n.unit_high * 0.9
        return replace(n, low=int(n.high * 0.9), approx=False, unit_low=near)
    return n


def counted_class(text: str, n: NumberClaim, earlier: Sequence[NumberClaim] = ()) -> str | None:
    """What a figure counts: its own counted noun, else the measure noun it is given for ("put the crowd
    at 35,000", "turnout of 12,000"), else, for a bare figure closing its clause ("police estimated
    6,000"), the class of the figure before it in the same sentence (the noun is elided)."""
    from .figure_measures import measure_class, measured, population  # they read this module's lexicon

    if n.unit or measured(n.counts):
        # A length, weight or magnitude is never set against a count (numbers.measure_unit); a measure
        # of a named quantity only against the same quantity ("magnitude of quake", "depth in m").
        return measure_class(text, n)
    if population(text, n):
        return "population"
    h = canonical_noun(n.counts)
    if h:
        return h
    lex = count_lexicon()
    cs, _ = _clause(text, n.start, n.end)
    before = text[max(cs, n.start - 60) : n.start]
    m = lex["_measure_rx"].search(before)
    if m:
        return str(lex["measure_nouns"][" ".join(m.group("noun").lower().split())])
    from .measure import number_of  # it reads this module's lexicon

    of = number_of(text, cs, n.start)
    if of:
        return of
    after = text[n.end : n.end + 40]
    # "said 31 had died", "31 were killed": the dead, the arrested ... are people (the predicate names the class).
    aux = _AUX.match(after)
    if aux and aux.end() > 0 and lex["_pred_rx"].match(after, aux.end()):
        return "people"
    if not re.match(r"\s*(?:[.;,)]|$|\s*(?:and|but|while)\b)", after):
        return None  # a noun or more words follow: not an elided count
    x = answered_figure(text, n, earlier)
    # A sum is written with its currency ("$21 million ... and $3 million"): a bare figure after one is
    # no elided sum ("a $21-million program for towns of up to 5,000": invented), it counts something else.
    if x is None or x.counts in _currency_names():
        return None
    return counted_class(text, x, ())


@functools.lru_cache(maxsize=1)
def _currency_names() -> frozenset[str]:
    """What the numbers layer gives a sum as its counted noun (``currencies`` in ``data/numbers.yaml``)."""
    return frozenset(number_words.lexicon()["currencies"].values())


def measure_predicate(text: str, n: NumberClaim) -> str | None:
    """The act a bare figure's measure noun implies ("police estimated the crowd at 4,000" counts
    marchers, "the toll rose to 45" the dead: ``measure_predicates`` in ``data/count_nouns.yaml``)."""
    if n.counts:
        return None
    lex = count_lexicon()
    cs, _ = _clause(text, n.start, n.end)
    m = lex["_measure_rx"].search(text[max(cs, n.start - 60) : n.start])
    if m is None:
        return None
    return lex.get("measure_predicates", {}).get(lex["measure_nouns"][" ".join(m.group("noun").lower().split())])


_NAME_BEFORE = re.compile(r"(?<![.!?:;\n])[ \t][A-Z][a-z]+[ \t]+$")


def in_name(text: str, n: NumberClaim) -> bool:
    """A number word written with a capital right after a capitalised word inside a sentence is part
    of a name, not a count ("pupils of Grades Three and Four", "Channel Four", "Formula One")."""
    return n.text[:1].isupper() and not any(c.isdigit() for c in n.text) and _NAME_BEFORE.search(text, max(0, n.start - 40), n.start) is not None


# What may follow a bare figure that is a verb's object: the clause's end or a preposition, no noun.
_NO_NOUN_AFTER = re.compile(r"\s*(?:[.;:,)!?]|$|(?:and|but|while|in|on|at|near|from|after|since|across|during|"
                            r"last|this|when|as|overnight|so\s+far)\b)", re.IGNORECASE)


def object_of_predicate(text: str, n: NumberClaim) -> bool:
    """A bare figure right after a verb whose object is people ("Poisoned liquor kills 17 in a slum",
    "the blast killed seventeen and wounded a dozen", "the rally drew 4,000"): the verb's class is in
    ``object_people`` (``data/count_nouns.yaml``; "closed 12" counts no people) and no noun follows.
    Read across outlets only (``figure_findings.told``); the page's own findings keep ``counted_class``."""
    if n.counts or not _NO_NOUN_AFTER.match(text, n.end):
        return False
    lex = count_lexicon()
    cs, _ = _clause(text, n.start, n.end)
    last = None
    for m in lex["_pred_rx"].finditer(text, max(cs, n.start - 40), n.start):
        last = m
    if last is None or text[last.end() : n.start].strip():
        return False
    cls = lex["_pred_cls"][int(next(k for k, v in last.groupdict().items() if v is not None)[1:])]
    return cls in lex["object_people"]


def answered_figure(text: str, n: NumberClaim, earlier: Sequence[NumberClaim]) -> NumberClaim | None:
    """The figure a bare one closing its clause answers: the figure before it in its sentence ("police
    estimated 6,000"), else, for a reported figure ("Leaders said 9,000 farmers gathered. Police put the
    number at 3,200."), the nearest classed figure before it in its paragraph."""
    if n.counts or not re.match(r"\s*(?:[.;,)]|$|\s*(?:and|but|while)\b)", text[n.end : n.end + 40]):
        return None
    ss, _ = _sentence(text, n.start, n.end)
    prev = [x for x in earlier if ss <= x.start and x.end <= n.start]
    if prev:
        return prev[-1]
    cs, _ = _clause(text, n.start, n.end)
    carried = _carried_measure(text, cs, n.start)
    if carried or _REPORTED_RX.search(text, max(cs, n.start - 60), n.start):
        ps = text.rfind("\n", 0, n.start) + 1
        if carried:  # "... 50,000 marched.\n\nPolice put the figure at 4,000.": the sentence before
            ps = _sentence(text, max(0, len(text[:ss].rstrip()) - 1), max(0, len(text[:ss].rstrip()) - 1))[0]
        prev = [x for x in earlier if max(ps, n.start - 400) <= x.start and x.end <= n.start]
        for x in reversed(prev):
            if counted_class(text, x, ()):
                return x
    return None
