"""Where a figure is: the place words of its clause or free sentence (``_places``), whether its words
place it at all (``placed``), and the spans they are read from (``_place_spans``: not a participial
clause after it, not another figure's clauses). Split from ``figures.py`` (session 21, unchanged
otherwise)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from ..records import NumberClaim
from .figures import _clause, _clause_split, _sentence, count_lexicon


@functools.lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from ..gazetteer import gazetteer

    return frozenset(name.lower() for name in gazetteer().country_names.values())


_ADJUNCT = re.compile(r",\s+(?P<w>[a-z]{3,}ing)\b")


@functools.lru_cache(maxsize=1)
def _prepositions() -> frozenset[str]:
    from ..lang import data as lang_data

    return frozenset(lang_data("function_words")["prepositions"])


def _adjunct_at(text: str, n: NumberClaim, se: int) -> int:
    """Where a participial clause after the figure begins (``se`` when none): ", accusing the police of
    firing on marchers in Northtown", ", saying ...". It tells another act or a claim of the sentence's
    subject, so its places are that act's, not the figure's ("12 died in the clashes, a group said,
    accusing troops of shooting in Northtown" does not place the dead in Northtown). A participle before
    the figure ("..., killing 12") is the figure's own clause and keeps the sentence's place."""
    for m in _ADJUNCT.finditer(text, n.end, se):
        if m.group("w") not in _prepositions():
            return m.start()
    return se


@functools.lru_cache(maxsize=1)
def _subject_rx() -> re.Pattern[str]:
    lex = count_lexicon()
    verbs = "|".join(map(re.escape, sorted(lex["place_subject_verbs"], key=len, reverse=True)))
    nouns = "|".join(map(re.escape, lex["place_subject_nouns"]))
    name = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
    return re.compile(
        rf"(?:^|(?<=[.;:,(]\s)|(?<=\band\s)|(?<=\n))(?:[Tt]he\s+(?:(?:{nouns})\s+of\s+)?)?(?P<p>{name})"
        rf"(?:\s+(?:{nouns}))?(?:\s+alone)?(?:,[^,.;\n]{{1,60}},)?\s+(?:(?:has|have|had)\s+(?:now\s+|also\s+|so\s+far\s+)?)?"
        rf"(?:{verbs})\b[^.;:\n]{{0,60}}$")


def _a_place(name: str) -> bool:
    """A name the gazetteer knows as a country, region, county or a city of 100,000 or more."""
    from ..gazetteer import gazetteer

    return any(e.precision in ("country", "region", "county") or (e.precision == "city" and e.population >= 100_000)
               for e, _ in gazetteer().candidates(name))


def subject_place(text: str, n: NumberClaim) -> frozenset[str]:
    """Rule ``place-subject``: the place a figure's clause names as its subject ("Northshire has reported
    120 cases": invented); see ``place_subject_verbs``. Read within one page only (``number_findings``)."""
    cs, _ = _clause(text, n.start, n.end)
    m = _subject_rx().search(text, cs, n.start)
    if m is None:  # "Westshire has reported two deaths and 40 cases": the subject of both figures
        m = _subject_rx().search(text, _sentence(text, n.start, n.end)[0], n.start)
    if m is None or m.group("p").split()[0].lower() in count_lexicon()["_not_places"] or not _a_place(m.group("p")):
        return frozenset()
    return frozenset(m.group("p").lower().split())


def _places(text: str, n: NumberClaim, countries_locate: bool = True,
            others: Sequence[NumberClaim] = ()) -> frozenset[str]:
    """Proper-noun places a figure is located at ("killed in Toretsk"): its clause, else its sentence.
    Across outlets (``countries_locate=False``) a country locates nothing ("six aid workers in South
    Sudan" and "five humanitarian workers in Boma State" may be one count: the state is in the country);
    within one page "in Syria" and "in Iraq" still keep two figures apart. With the article's figures
    (``others``), the sentence is read without the clauses that hold another figure (``_free``)."""
    rx = count_lexicon()["_place_rx"]
    stop = count_lexicon()["_not_places"]
    countries = frozenset() if countries_locate else _countries()
    for spans in _place_spans(text, n, others):
        # Words, not whole names: "in Lyon Peace March" and "in Lyon" are one place.
        found = {w for lo, hi in spans for m in rx.finditer(text, lo, hi)
                 if m.group("p").split()[0].lower() not in stop
                 and re.sub(r"['’]s$", "", m.group("p").lower()) not in countries
                 for w in m.group("p").lower().split()}
        if found:
            return frozenset(found)
    return frozenset()


_CAP = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?")


def placed(text: str, n: NumberClaim, others: Sequence[NumberClaim] = ()) -> bool:
    """A figure's words place it: a place of its clause or free sentence (``_places``, countries
    included), or a country's name or demonym there ("across Southland", "outside Southland",
    "Southlandic cases"), which ``_places`` reads only after "in"."""
    if _places(text, n, True, others):
        return True
    from ..gazetteer import gazetteer

    countries, gz = _countries(), gazetteer()
    ss, se = _sentence(text, n.start, n.end)
    says = [m.span("src") for m in count_lexicon()["_attribution_rx"].finditer(text, ss, se)]
    for lo, hi in [span for spans in _place_spans(text, n, others) for span in spans]:
        for m in _CAP.finditer(text, lo, hi):
            if any(a <= m.start() < b for a, b in says):
                continue  # who gives the figure ("Southlandic monitors said") is not where it happened
            words = m.group().split()
            if any(w.lower() in countries or gz.demonym(w) is not None for w in words) \
                    or m.group().lower() in countries:
                return True
    return False


def _place_spans(text: str, n: NumberClaim, others: Sequence[NumberClaim]) -> list[list[tuple[int, int]]]:
    """Where a figure's place words are read, in order: its clause, else its free sentence (``_free``),
    both ending where a participial clause after it begins (``_adjunct_at``)."""
    own = _clause(text, n.start, n.end)
    cut = _adjunct_at(text, n, _sentence(text, n.start, n.end)[1])
    return [[(own[0], min(own[1], cut))], [(lo, min(hi, cut)) for lo, hi in _free(text, n, own, others) if lo < cut]]


def _free(text: str, n: NumberClaim, own: tuple[int, int], others: Sequence[NumberClaim]) -> list[tuple[int, int]]:
    """A figure's sentence without the clauses that hold another of the article's figures: a place
    beyond another figure is that figure's, as its predicate is ("12 people died in the clashes
    nationwide and about 9,000 were displaced, most of them now in camps in Northtown": the camps'
    town does not place the deaths)."""
    ss, se = _sentence(text, n.start, n.end)
    held = [x for x in others if x.id != n.id and ss <= x.start < se and not own[0] <= x.start < own[1]]
    if not held:
        return [(ss, se)]
    cuts = [ss, *(x for m in _clause_split().finditer(text, ss, se) for x in (m.start(), m.end())), se]
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    return [(lo, hi) for lo, hi in spans if not any(lo <= x.start < hi for x in held)]
