"""``conflicting_numbers``: two different figures for the same quantity about the same thing: the
same counted-noun class (``data/count_nouns.yaml``), a compatible governing predicate, the same
occasion and scope, and either the same context (names and event words around it, e.g. caption vs
body) or two different sources in one article (police vs organisers). ``disjoint`` is True when
the two intervals cannot both be true. The figure tests live in ``figures.py``.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence

from ..records import Finding, FindingRef, NumberClaim, Quote, stable_id
from .figure_owner import owner
from .figure_place import _places, subject_place
from .figures import (
    _clause,
    _compare_bounds,
    _context,
    _national,
    _sentence,
    _time_marks,
    answered_figure,
    count_lexicon,
    counted_class,
    numbers_conflict,
    predicate,
    shown,
    source,
    value_key,
)

KIND = "conflicting_numbers"


@functools.lru_cache(maxsize=1)
def _change_rx() -> re.Pattern[str]:
    verbs = sorted(count_lexicon().get("change_verbs", []), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, verbs)) + r")\b[^.;:\n]{0,80}?\bby\s+$", re.IGNORECASE)


def change_figure(text: str, n: NumberClaim) -> bool:
    """The size of a change, not a level: the figure follows "by" after a change verb of its clause
    (``change_verbs`` in ``data/count_nouns.yaml``; "the council cut the budget by $3 million, from $40
    million": invented). A change and a level of one page are two quantities."""
    cs, _ = _clause(text, n.start, n.end)
    return _change_rx().search(text, max(cs, n.start - 120), n.start) is not None


@functools.lru_cache(maxsize=1)
def _total_rx() -> re.Pattern[str]:
    lex = count_lexicon()
    verbs = sorted(lex.get("change_verbs", []) + lex.get("total_verbs", []), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, verbs)) + r")\b[^.;:\n]{0,80}?\bto\s+$", re.IGNORECASE)


def running_total(text: str, n: NumberClaim) -> bool:
    """Rule ``running-total``: the figure a sentence's additions bring a tally to ("a further 12 cases,
    bringing the total to 90": invented). See ``total_verbs`` in ``data/count_nouns.yaml``."""
    ss, _ = _sentence(text, n.start, n.end)
    return _total_rx().search(text, max(ss, n.start - 120), n.start) is not None


_PART_GAP = re.compile(r"\s+of\s+(?:the|these|those|its|their|all|his|her|our|some)?\s*", re.IGNORECASE)


def part_and_whole(text: str, a: NumberClaim, b: NumberClaim) -> bool:
    """Rule ``part-of-whole``: "40 of the 52 villages", "six of 30 samples", "9 million of its 90
    million doses" (invented): a part and the whole it is taken from are two quantities."""
    first, second = (a, b) if a.start < b.start else (b, a)
    return first.end <= second.start and _PART_GAP.fullmatch(text, first.end, second.start) is not None


@functools.lru_cache(maxsize=1)
def _addition_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = count_lexicon()
    before = "|".join(r"\s+".join(map(re.escape, w.split())) for w in lex["addition_before"])
    after = "|".join(map(re.escape, lex["addition_after"]))
    return (re.compile(rf"\b(?:{before})\s+$", re.IGNORECASE),
            re.compile(rf"\s+(?:{after})\b(?!\s+than\b)", re.IGNORECASE))


def addition(text: str, n: NumberClaim) -> bool:
    """Rule ``addition``: a figure marked as added ("a further 23", "six more deaths", "40 new cases":
    invented); ``addition_before`` / ``addition_after`` in ``data/count_nouns.yaml``."""
    before, after = _addition_rx()
    return bool(before.search(text, max(0, n.start - 20), n.start) or after.match(text, n.end))


@functools.lru_cache(maxsize=1)
def _scope_rx() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = count_lexicon()

    def alt(key: str) -> str:
        return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(lex[key], key=len, reverse=True))

    return (re.compile(rf"\b(?:{alt('world_markers')})\b", re.IGNORECASE),
            re.compile(rf"\b(?:{alt('projection_before')})\b", re.IGNORECASE),
            re.compile(rf"\s*(?:[\w-]+\s+){{0,3}}?(?:{alt('projection_after')})\b", re.IGNORECASE))


def world_scope(text: str, n: NumberClaim) -> bool:
    """Rule ``world-scope``: the figure's clause, or its sentence before it, names the whole world ("The
    virus has spread to 40 countries around the globe, with 96 deaths": invented; ``world_markers``)."""
    ss, _ = _sentence(text, n.start, n.end)
    _, ce = _clause(text, n.start, n.end)
    return _scope_rx()[0].search(text, ss, min(ce, n.end + 80)) is not None


def projection(text: str, n: NumberClaim) -> bool:
    """Rule ``projection``: a figure of a scenario, not of what happened: a projection word before it in
    its clause ("officials warned the flood could displace up to 9,000": invented; ``projection_before``)
    or a projection verb right after it ("12,000 deaths are projected"; ``projection_after``)."""
    cs, ce = _clause(text, n.start, n.end)
    _, before, after = _scope_rx()
    return before.search(text, cs, n.start) is not None or after.match(text, n.end, ce) is not None


def _one_sentence(text: str, a: NumberClaim, b: NumberClaim) -> bool:
    return _sentence(text, a.start, a.end) == _sentence(text, b.start, b.end)


def number_findings(numbers: Sequence[NumberClaim], page_of: dict[str, str], texts: dict[str, str],
                    event_canon: dict[str, str] | None = None,
                    quotes: dict[str, Quote] | None = None) -> list[Finding]:
    event_canon = event_canon or {}
    quotes = quotes or {}
    groups: dict[tuple[str, str], list[NumberClaim]] = defaultdict(list)
    pred: dict[str, str | None] = {}
    # "people were killed" counts the dead: a predicate that implies a class names the class.
    by_pred = {v: k for k, v in count_lexicon()["noun_predicates"].items()}
    by_article: dict[str, list[NumberClaim]] = defaultdict(list)
    for n in sorted(numbers, key=lambda x: (x.article_id, x.start)):
        by_article[n.article_id].append(n)
    for n in numbers:
        h = counted_class(texts.get(page_of.get(n.article_id, ""), ""), n, by_article[n.article_id])
        if h:
            text = texts.get(page_of.get(n.article_id, ""), "")
            pred[n.id] = predicate(text, n)
            if pred[n.id] is None and not n.unit:  # "Police put the number at 2,700": the figure it answers
                x = answered_figure(text, n, by_article[n.article_id])
                pred[n.id] = predicate(text, x) if x is not None else None
            if h == "people" and pred[n.id] in by_pred:
                h = by_pred[pred[n.id] or ""]
            # Figures of a merged event meet across pages; any other figure only within its page.
            merged = n.event_id is not None and n.event_id in event_canon
            groups[(page_of.get(n.article_id, "") if not merged else "", h)].append(n)
    out = []
    for (_, head), items in groups.items():
        text_of = {n.id: texts.get(page_of.get(n.article_id, ""), "") for n in items}
        ctx = {n.id: _context(text_of[n.id], n) for n in items}
        when = {n.id: _time_marks(text_of[n.id], n) for n in items}
        scope = {n.id: _national(text_of[n.id], n) for n in items}
        where = {n.id: _places(text_of[n.id], n) or subject_place(text_of[n.id], n) for n in items}
        src = {n.id: source(text_of[n.id], n, quotes.get(n.quote_id or "")) for n in items}
        own = {n.id: owner(text_of[n.id], n) for n in items}
        change = {n.id: change_figure(text_of[n.id], n) for n in items}
        total = {n.id: running_total(text_of[n.id], n) for n in items}
        added = {n.id: addition(text_of[n.id], n) for n in items}
        world = {n.id: world_scope(text_of[n.id], n) for n in items}
        scenario = {n.id: projection(text_of[n.id], n) for n in items}
        reported: set[frozenset[tuple[object, ...]]] = set()
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                # Same article (caption vs body), or two articles reporting one merged event.
                # An event absent from ``event_canon`` is no evidence: two unknown ids are not one event.
                same_event = (a.event_id is not None and a.event_id in event_canon
                              and event_canon.get(a.event_id) == event_canon.get(b.event_id or ""))
                if a.article_id != b.article_id and not same_event:
                    continue
                # One quantity: the same predicate ("abducted" is not "enrolled"), occasion and scope.
                if pred[a.id] and pred[b.id] and pred[a.id] != pred[b.id]:
                    continue
                if when[a.id] != when[b.id] or scope[a.id] != scope[b.id] or change[a.id] != change[b.id]:
                    continue
                # A part and its whole, a running total and what adds up to it, an addition and a
                # level: two quantities.
                if a.article_id == b.article_id and (
                        part_and_whole(text_of[a.id], a, b) or added[a.id] != added[b.id]
                        or world[a.id] != world[b.id] or scenario[a.id] != scenario[b.id]
                        or (total[a.id] != total[b.id] and _one_sentence(text_of[a.id], a, b))):
                    continue
                # Two owners' figures are two quantities (each side's losses), whoever gives them.
                if own[a.id] and own[b.id] and own[a.id] != own[b.id]:
                    continue
                # Figures located at different places count different things (two attacks, two towns).
                if where[a.id] and where[b.id] and not where[a.id] & where[b.id]:
                    continue
                ca, cb = ctx[a.id], ctx[b.id]
                same_context = bool(ca and cb and len(ca & cb) / len(ca | cb) >= 0.5 and len(ca & cb) >= 2)
                # The contested figure: two sources give their own count of one thing.
                contested = bool(src[a.id] and src[b.id] and not src[a.id] & src[b.id]
                                 and a.article_id == b.article_id)
                if not same_context and not contested:
                    continue
                conflict, disjoint = numbers_conflict(_compare_bounds(a), _compare_bounds(b))
                if not conflict:
                    continue
                # One finding per pair of distinct figures (repeated captions fold into it).
                key = frozenset({value_key(a), value_key(b)})
                if key in reported:
                    continue
                reported.add(key)
                refs = [FindingRef(article_id=x.article_id, start=x.start, end=x.end, text=x.text, item_id=x.id)
                        for x in (a, b)]
                who = (f" ({'/'.join(sorted(src[a.id]))} vs {'/'.join(sorted(src[b.id]))})" if contested else "")
                what = head if a.unit else f"{head} count"  # "the same magnitude of quake", "the same injured count" (invented)
                detail = (f"Two figures for the same {what}{who}: {a.text!r} {shown(a)} and "
                          f"{b.text!r} {shown(b)}" + (" (cannot both be true)" if disjoint else
                                                                " (overlapping but different)"))
                out.append(Finding(id=stable_id("conflicting_numbers", a.id, b.id), kind=KIND, detail=detail,
                                   refs=refs, disjoint=disjoint))
    return out

