"""``conflicting_numbers`` across sources: reports of one canonical event (``merge.py``) from different sources that
give sizes (participants, dead, injured, arrested: the events layer's ``Event.size``) which cannot
both be true: their intervals do not overlap under the numbers layer's semantics ("thousands" is
2,000-9,999, "over 100,000" is 100,001 and up, an approximate figure gets a 10 % margin, "nearly N"
is 0.9N-N). Each finding cites both figures with their article, offsets and number item; the
sources are named in the detail. One kind with the within-page conflicts (``number_findings.py``):
a reader asks "which figures disagree", and the references say where; ids differ (``figures``).
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from ..lang import data as lang_data
from ..records import Event, Finding, FindingRef, NumberClaim, stable_id
from ..text.number_words import lexicon as number_lexicon
from . import place_agree
from .figure_owner import owner
from .figure_place import _places, placed
from .figures import (
    _compare_bounds,
    _national,
    _sentence,
    _time_marks,
    answered_figure,
    canonical_noun,
    count_lexicon,
    counted_class,
    in_name,
    measure_predicate,
    numbers_conflict,
    object_of_predicate,
    on_its_line,
    predicate,
    shown,
    source,
    value_key,
)
from .merge_score import _dates
from .place_agree import NEAR_KM

KIND = "conflicting_numbers"
PEOPLE = ("people",)  # the lexicon's class of people in general (``data/count_nouns.yaml``)


def label(source_name: str) -> str:
    """How a finding names a source: its name, else (the page key stands in for a page that names no
    source) the key's host for a URL or its file name for a path, never the user's folders
    ("/home/ann/pages/release-12.txt" -> "release-12.txt": invented)."""
    if "/" not in source_name and "\\" not in source_name:
        return source_name
    host = urlsplit(source_name).netloc
    return host or PurePath(source_name.replace("\\", "/")).name or source_name


def figure_of(ev: Event, key: str, numbers: Sequence[NumberClaim]) -> NumberClaim | None:
    """The number claim an event's size figure was read from: same interval, nearest the evidence."""
    lo, hi = (ev.size.get(key) or [None, None])[:2]
    same = [n for n in numbers if n.low == lo and n.high == hi]
    if not same:
        return None
    return min(same, key=lambda n: (0 if ev.start <= n.start < ev.end else 1, abs(n.start - ev.start)))


def figure_findings(groups: Mapping[str, Sequence[Event]], numbers: Mapping[str, Sequence[NumberClaim]],
                    source_of: Mapping[str, str], texts: Mapping[str, str] | None = None) -> list[Finding]:
    """``groups``: canonical id -> its reports; ``numbers`` by article id; ``source_of`` article id ->
    source name (the page key when the page names no source); ``texts`` article id -> its page's text.
    Two sizes whose own words say they count different things ("more than 40 people were injured",
    "23 people were held in custody": ``figures.predicate``; "35 police officers" and "over 90
    marchers": ``figures.counted_class``) are not compared, whatever size key
    the events layer gave them."""
    texts = texts or {}
    out = []
    # Each figure's predicate and class, read once per figure, not once per pair it is compared in (a
    # canonical event of k reports compares O(k²) pairs of figures).
    readings: dict[tuple[str, str], str | None] = {}
    for cid, reps in groups.items():
        if len({source_of.get(e.article_id, "") for e in reps}) < 2:
            continue
        by_key: dict[str, list[tuple[Event, NumberClaim]]] = defaultdict(list)
        for e in reps:
            for key in e.size:
                n = figure_of(e, key, numbers.get(e.article_id, ()))
                if n is not None:
                    by_key[key].append((e, n))
        for key, figs in by_key.items():
            reported: set[frozenset[Any]] = set()
            for i, (ea, a) in enumerate(figs):
                for eb, b in figs[i + 1:]:
                    sa, sb = source_of.get(ea.article_id, ""), source_of.get(eb.article_id, "")
                    if sa == sb or _told_apart(texts, a, b, readings):
                        continue
                    _, disjoint = numbers_conflict(_compare_bounds(a), _compare_bounds(b))
                    pair = frozenset({(sa, a.low, a.high, a.approx), (sb, b.low, b.high, b.approx)})
                    if not disjoint or pair in reported:
                        continue
                    reported.add(pair)
                    # Named apart from the loop's a and b, which the inner loop goes on comparing.
                    (s1, n1), (s2, n2) = sorted(((sa, a), (sb, b)), key=lambda x: (x[0], x[1].article_id))
                    detail = (f"Sources disagree on the {key} of one event ({cid}): {label(s1)} gives {n1.text!r} "
                              f"[{n1.low}, {n1.high}], {label(s2)} gives {n2.text!r} [{n2.low}, {n2.high}] (cannot both be true)")
                    out.append(_disjoint_pair(n1, n2, detail))
    return out


def _told_apart(texts: Mapping[str, str], a: NumberClaim, b: NumberClaim,
                readings: dict[tuple[str, str], str | None] | None = None) -> bool:
    """``readings``: each figure's predicate and counted class, kept by figure id across the pairs of one call."""
    ta, tb = texts.get(a.article_id), texts.get(b.article_id)
    if ta is None or tb is None:
        return False
    memo = readings if readings is not None else {}

    def read(kind: str, text: str, n: NumberClaim) -> str | None:
        key = (kind, n.id)
        if key not in memo:
            memo[key] = predicate(text, n) if kind == "p" else counted_class(text, n)
        return memo[key]

    pa, pb = read("p", ta, a), read("p", tb, b)
    either = count_lexicon().get("either_kind", {})
    if pa is not None and pb is not None and pa != pb and pb not in either.get(pa, ()) and pa not in either.get(pb, ()):
        return True
    # "35 police officers were injured" is not "over 90 marchers" injured: two classes of the
    # lexicon (``data/count_nouns.yaml``) count different things, and so do a narrow class of it and a
    # noun it does not class ("three drivers" / "five nurses"). An unclassed noun is a kind of
    # people ("Thousands of supporters", "Over 20,000 Chileans" against "20,000 people"): not told
    # apart from "people" nor from another unclassed noun.
    classes = set(count_lexicon()["nouns"])
    ca, cb = read("c", ta, a), read("c", tb, b)
    if ca is None or cb is None or ca == cb:
        return False
    known = [c for c in (ca, cb) if c in classes]
    return len(known) == 2 or (len(known) == 1 and known[0] not in PEOPLE)


@dataclass(slots=True)
class Told:
    """One article's figures with what each counts (``figures.py``): class, predicate, occasion,
    scope, place words and owner."""

    source: str
    text: str
    numbers: list[NumberClaim]
    keys: dict[str, tuple[Any, ...]]
    # Later figures of a quantity the article already gave another value for (``_several``).
    several: frozenset[str] = frozenset()
    # Figures of acts the events layer reads as aims or capacities, not reports (``aim_figures``).
    aims: frozenset[str] = frozenset()


# "12 of whom", "some 4 million of the pupils": a part of a group counted elsewhere, not its total.
_PARTITIVE_AFTER = re.compile(r"\s+(?:[\w-]+\s+)?(?:of|among)\s+(?:whom|them|those|these|the|its|their)\b",
                              re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _part_verb_rx() -> re.Pattern[str]:
    adverbs = "|".join(re.escape(w) for w in count_lexicon().get("partitive_adverbs", []))
    # Up to two words of the group's noun ("of the *rival marchers*"), an auxiliary, an adverb; the verb next.
    return re.compile(r"(?:\s+(?!(?:had|have|has|were|was|are|is)\b)[\w'’-]+){0,2}\s+"
                      r"(?:(?:had|have|has|were|was|are|is)\s+)?(?:(?:" + adverbs + r")\s+)?(?:been\s+)?",
                      re.IGNORECASE)


def partitive_predicate(text: str, n: NumberClaim) -> str | None:
    """The predicate of a partitive figure, read from its own verb only ("300 of them were arrested",
    "police detained 40 of the marchers": invented; ``partitive_adverbs`` in ``data/count_nouns.yaml``):
    the part counted by that act. None when the partitive has no verb of its own, or is none."""
    m = _PARTITIVE_AFTER.match(text, n.end)
    if m is None:
        return None
    lex = count_lexicon()

    def cls_at(p: re.Match[str] | None) -> str | None:
        if p is None or lex["_not_pred_rx"].match(text, p.start()):
            return None
        return str(lex["_pred_cls"][int(next(k for k, v in p.groupdict().items() if v is not None)[1:])])

    verb = _part_verb_rx().match(text, m.end())
    after = cls_at(lex["_pred_rx"].match(text, verb.end())) if verb is not None else None
    if after is not None:
        return after
    last = None
    for p in lex["_pred_rx"].finditer(text, max(0, n.start - 40), n.start):
        last = p
    return cls_at(last) if last is not None and not text[last.end() : n.start].strip() else None


def _qualifies(text: str, x: NumberClaim, n: NumberClaim) -> bool:
    """"40 million children under five": a bare figure right after another figure's counted noun
    qualifies that noun (an age, a size), it counts nothing of its own."""
    if n.counts or not x.counts:
        return False
    between = text[x.end : n.start]
    return len(between) < 40 and between.strip().lower().endswith(x.counts.split()[-1].lower())


def told(source_name: str, text: str, numbers: Sequence[NumberClaim]) -> Told:
    nums = sorted((on_its_line(text, n) for n in numbers), key=lambda n: n.start)
    by_pred = {v: k for k, v in count_lexicon()["noun_predicates"].items()}
    keys: dict[str, tuple[Any, ...]] = {}
    for i, n in enumerate(nums):
        if n.low is None and n.high is None or i and _qualifies(text, nums[i - 1], n) or in_name(text, n):
            continue
        if _PARTITIVE_AFTER.match(text, n.end):
            part = partitive_predicate(text, n)
            if part is not None:  # a part counted by its own act: the people (or noun) the act counts
                cls = canonical_noun(n.counts) if n.counts and n.counts.lower() not in _no_content() else "people"
                keys[n.id] = (by_pred.get(part, cls) if cls == "people" else cls, part, _time_marks(text, n),
                              _national(text, n), _places(text, n, False, nums), owner(text, n))
            continue
        cls = counted_class(text, n, nums) or ("people" if object_of_predicate(text, n) else None)
        bare = not n.counts or n.counts.lower() in _no_content()  # "40 since 2016": "since" counts nothing
        if bare and cls is not None and n.counts and cls == n.counts.lower():
            cls = None
        gap = None if cls or not i or not bare else _gapped(text, nums[i - 1], n, keys.get(nums[i - 1].id))
        if gap is not None:
            cls = gap[0]
        if not cls:
            continue
        pred = gap[1] if gap is not None else predicate(text, n) or measure_predicate(text, n)
        if pred is None and not n.unit:
            x = answered_figure(text, n, nums)
            pred = predicate(text, x) if x is not None else None
        if cls == "people" and pred in by_pred:
            cls = by_pred[pred or ""]
        keys[n.id] = (cls, pred, _time_marks(text, n), _national(text, n), _places(text, n, False, nums),
                      owner(text, n))
    claimed = {n.id: frozenset(source(text, n, None)) for n in nums if n.id in keys}
    return Told(source=source_name, text=text, numbers=nums, keys=keys, several=_several(text, nums, keys, claimed))


@functools.lru_cache(maxsize=1)
def _gap_rx() -> tuple[re.Pattern[str], re.Pattern[str]]:
    g = count_lexicon()["gapping"]
    words = sorted(g["openers"], key=len, reverse=True)
    before = re.compile(r"(?:^|[\s,])(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + r")\s+$",
                        re.IGNORECASE)
    after = re.compile(r"\s*(?:[.;,)]|$|(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in g["adjuncts"])
                       + r")\b)", re.IGNORECASE)
    return before, after


def _gapped(text: str, prev: NumberClaim, n: NumberClaim, prev_key: tuple[Any, ...] | None
            ) -> tuple[str, str | None] | None:
    """(class, predicate) a bare figure takes from the figure before it in its sentence when its clause
    is gapped ("14 miners have died in the pits this year *and 40 since 2016*": invented; ``gapping`` in
    ``data/count_nouns.yaml``): it opens with "and", has no verb and no counted noun of its own, only
    an adjunct or the clause's end (the caller checks it has no counted noun)."""
    if prev_key is None or _sentence(text, prev.start, prev.end) != _sentence(text, n.start, n.end):
        return None
    before, after = _gap_rx()
    if not before.search(text[prev.end:n.start]) or not after.match(text, n.end):
        return None
    return prev_key[0], prev_key[1]


def _scopes_apart(a: Told, x: NumberClaim, kx: tuple[Any, ...], b: Told, y: NumberClaim, ky: tuple[Any, ...]) -> bool:
    """A nationwide figure ("12 people have died countrywide") and one of another outlet that names no
    scope are one count unless the other's words place it (a town, "30 died in Northtown", or a
    country, "10,000 cases across Southland"): an outlet's unplaced toll of a national story is the
    national toll."""
    if kx[3] == ky[3]:
        return False
    t, n = (b, y) if kx[3] else (a, x)
    return placed(t.text, n, t.numbers)


def as_kind(kx: tuple[Any, ...], ky: tuple[Any, ...]) -> tuple[Any, ...]:
    """``kx`` read as ``ky``'s kind when its predicate counts either (``either_kind`` in
    ``data/count_nouns.yaml``: "90 people were treated" against "120 have fallen ill" counts the ill);
    a figure of people takes the class its new predicate implies ("treated" -> "injure" -> injured)."""
    lex = count_lexicon()
    if kx[1] == ky[1] or ky[1] not in lex.get("either_kind", {}).get(kx[1], ()):
        return kx
    by_pred = {v: k for k, v in lex["noun_predicates"].items()}
    cls = by_pred.get(ky[1], kx[0]) if kx[0] in PEOPLE else kx[0]
    return (cls, ky[1], *kx[2:])


def _apart(kx: tuple[Any, ...], ky: tuple[Any, ...]) -> bool:
    """Two figures of one class told apart by their own words: different place words or owners."""
    return bool(kx[4] and ky[4] and not kx[4] & ky[4] or kx[5] and ky[5] and kx[5] != ky[5])


def _several(text: str, nums: Sequence[NumberClaim], keys: Mapping[str, tuple[Any, ...]],
             claimed: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Figures of one article that count one quantity as its words give it (class, predicate,
    occasion, scope) yet cannot both be true, with nothing in the text telling them apart (place
    words, owner, claimant): the article tells several counts of that quantity (a round-up's "117
    deaths" worldwide, then "eleven people had been reported dead ... in India" and "27" in the United
    States). Its first figure of them, the headline's or lead's, is the article's figure for the
    quantity; the later ones (returned) are not set against other outlets' figures. Two figures the
    article gives to two claimants are rival claims of one count, not several counts ("Authorities
    report that 4 people have died ... a report by the Treatment Action Campaign states that 49 have
    died"): both stay. Canonical events' sizes, tied to one report each, are still compared
    (``figure_findings``), and the page's own disagreement is a within-page finding
    (``number_findings``)."""
    # A measure (a quake's magnitude, a depth) is of one thing: two values of it in one article are two
    # statements of one quantity, not a round-up's several counts, and both are compared (session 27).
    figs = [(n, keys[n.id]) for n in nums if n.id in keys and not n.unit]
    parent = {n.id: n.id for n, _ in figs}

    def root(i: str) -> str:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, (x, kx) in enumerate(figs):
        for y, ky in figs[i + 1:]:
            if kx[:4] != ky[:4] or _apart(kx, ky) or claimed[x.id] and claimed[y.id] and claimed[x.id] != claimed[y.id]:
                continue
            if claimed[x.id] != claimed[y.id] and _sentence(text, x.start, x.end) == _sentence(text, y.start, y.end):
                continue  # set side by side, one of them claimed: two estimates of one count
            if numbers_conflict(_compare_bounds(x), _compare_bounds(y))[1]:
                parent[root(x.id)] = root(y.id)
    first: dict[str, int] = {}
    size: dict[str, int] = defaultdict(int)
    for n, _ in figs:
        r = root(n.id)
        size[r] += 1
        first.setdefault(r, n.start)
    return frozenset(n.id for n, _ in figs if size[root(n.id)] > 1 and n.start != first[root(n.id)])


# Statuses of acts that did not take place as told: an aim, an intention or a future act ("plotted to kill",
# "will evacuate"), a capacity ("enough poison to kill"); the events layer's reading (``purpose``, intention
# and future in lang/en/events/modality.yaml), which also keeps such counts out of its sizes (events/size.py).
UNREPORTED = ("planned", "hypothetical")
# How far after the act's words its count may stand: "to kill 200", "to kill at least 1,500 people".
_AIM_GAP = re.compile(r"[^\S\n]+(?:[A-Za-z'-]+[^\S\n]+){0,3}$")


def aim_figures(events: Sequence[Event], numbers: Sequence[NumberClaim], text: str) -> frozenset[str]:
    """Figures counted by an act the events layer reads as not taken place (``UNREPORTED``): the figure
    follows the act's trigger in its clause, a few words on ("a man who plotted *to kill* 200 people",
    "bought enough poison *to kill* hundreds": invented). Such a figure is an aim or a capacity, no toll:
    it is set against another outlet's aim or capacity (two outlets may disagree on what a dose could
    kill), never against a count of what happened (an expected crowd, PROTEST, is a size, as in sizes)."""
    spans = [(e.trigger_end, e.end) for e in events
             if e.status in UNREPORTED and e.type != "PROTEST" and e.trigger_end is not None]
    out = set()
    for n in numbers:
        for t_end, e_end in spans:
            if t_end <= n.start <= e_end and _AIM_GAP.match(text, t_end, n.start):
                out.add(n.id)
    return frozenset(out)


@dataclass(slots=True)
class Acts:
    """The acts of the compared articles as their own words place and date them (no story place):
    ``of_number``: number id -> the act it is a size of (``Event.size``, ``figure_of``);
    ``of_article``: article id -> its acts with a size and a place or a date of their own (the acts
    it counts; an act without a size is often told in passing, or placed by a dateline)."""

    of_number: dict[str, dict[str, Any]]
    of_article: dict[str, list[dict[str, Any]]]
    near_km: float = NEAR_KM  # across.merge_near_km


def acts_of(events: Sequence[Event], numbers: Mapping[str, Sequence[NumberClaim]],
            places: Mapping[str, Any], near_km: float = NEAR_KM) -> Acts:
    acts = Acts({}, defaultdict(list), near_km)
    for e in events:
        pl = places.get(e.place_id or "")
        row = {"type": e.type, "date": e.date if e.date and e.date_precision in ("day", "month", "year") else None,
               "place_name": e.place_name, "country": e.country, "geonameid": e.geonameid,
               "geo_precision": e.geo_precision, "lat": getattr(pl, "lat", None),
               "lon": getattr(pl, "lon", None), "admin1": getattr(pl, "admin1", None)}
        if e.size and (row["date"] or row["place_name"]):
            acts.of_article[e.article_id].append(row)
        for key in e.size:
            n = figure_of(e, key, numbers.get(e.article_id, ()))
            if n is not None:
                acts.of_number.setdefault(n.id, row)
    return acts


def acts_apart(x: dict[str, Any], y: dict[str, Any], near_km: float = NEAR_KM) -> bool:
    """Two acts their own reports keep apart: another day, a city too far or outside the region
    named (``merge``'s contradictions)."""
    return _dates(x["date"], y["date"]) is None or place_agree.places(x, y, near_km) is None


def counted_apart(x: NumberClaim, y: NumberClaim, acts: Acts | None) -> bool:
    """Two figures count two acts: each is the size of an act and the two acts are kept apart ("about
    3,000 people marched in Berlin" is not a count of the rally near Paris that the same broadcast
    reported), or one is the size of an act that every act of its type the other figure's article
    gives a size for keeps apart (the other article counts only the rally near Paris)."""
    if acts is None:
        return False
    ax, ay = acts.of_number.get(x.id), acts.of_number.get(y.id)
    if ax is not None and ay is not None:
        return acts_apart(ax, ay, acts.near_km)
    for n, act in ((x, ay), (y, ax)):
        if act is not None:
            theirs = [r for r in acts.of_article.get(n.article_id, ()) if r["type"] == act["type"]]
            return bool(theirs) and all(acts_apart(r, act, acts.near_km) for r in theirs)
    return False


# Two figures without a predicate are compared only when the words around them say they count one thing:
# their sentences share at least this many content words besides the figures and their counted nouns.
# Outlets giving one quantity other values write it in like words ("a campaign backed by $27 million from
# a foundation" / "the foundation has provided $30 million"); figures of one class in unlike sentences are
# other quantities ("9 cattle have been infected" / "the 400 cattle kept at the showground"). One word:
# on 215 GeoVirus articles as outlets (all cross-outlet findings false) 59 -> 46 findings, two words 41,
# but two lost a true pair of the across set's frozen part (aggregate; docs/across.md, session 19).
CONTEXT_WORDS = 1
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]")


@functools.lru_cache(maxsize=1)
def _no_content() -> frozenset[str]:
    """Function words (``lang/en/function_words.yaml``) and number words (``data/numbers.yaml``)."""
    out = {w.lower() for v in lang_data("function_words").values() if isinstance(v, list) for w in v}
    lex = number_lexicon()
    return frozenset(out | set(lex["units"]) | set(lex["scales"]) | {w + "s" for w in lex["scales"]})


def _stem(w: str) -> str:
    return w[:-1] if len(w) > 3 and w.endswith("s") else w


def context_words(text: str, n: NumberClaim) -> frozenset[str]:
    """Content words of a figure's sentence, without the figure's own words and its counted noun
    (lower-cased, a plural ``s`` dropped; words of three letters or more)."""
    s, e = _sentence(text, n.start, n.end)
    skip = _no_content()
    own = {_stem(w.lower()) for w in _WORD.findall(f"{n.text} {n.counts or ''}")}
    return frozenset(w for m in _WORD.finditer(text, s, e)
                     if (w := _stem(m.group().lower())) not in own and m.group().lower() not in skip and len(w) >= 3)


def _same_context(a: Told, x: NumberClaim, b: Told, y: NumberClaim) -> bool:
    return len(context_words(a.text, x) & context_words(b.text, y)) >= CONTEXT_WORDS


def story_findings(a: Told, b: Told, scope: str, acts: Acts | None = None) -> list[Finding]:
    """Figures two outlets give for one quantity of one story (the articles share a canonical event,
    a copied passage or their words, ``story_link.py``) whose intervals cannot both be true: the same
    counted class and predicate (a figure without a predicate only when its class is more than
    "people", ``needs_predicate``, and in sentences that share a content word, ``CONTEXT_WORDS``; never a
    partitive "12 of whom"), no differing occasion, scope,
    place or owner, and not the sizes of two acts their reports keep apart (``counted_apart``). When each outlet also gives the other's figure, the two texts name two
    quantities ("US$90 million" in all and "US$2 million" to each town), not a dispute."""
    if a.source == b.source:
        return []
    same_a = {(k[0], value_key(n)[:-1]) for n in a.numbers if (k := a.keys.get(n.id))}
    same_b = {(k[0], value_key(n)[:-1]) for n in b.numbers if (k := b.keys.get(n.id))}
    # One id per pair of figures, whichever check finds it (a canonical event's sizes or the story).
    out, reported = [], set()
    vague = set(count_lexicon()["needs_predicate"])
    for x in a.numbers:
        kx0 = kx = a.keys.get(x.id)
        # A figure without its predicate is compared only when its counted noun names the thing
        # ("40 million children", "$12 million"), not a bare "people" (who died? who marched?).
        if kx0 is None or kx0[1] is None and kx0[0] in vague or x.id in a.several:
            continue
        for y in b.numbers:
            ky = b.keys.get(y.id)
            if ky is None or y.id in b.several or (x.id in a.aims) != (y.id in b.aims):
                continue  # an aim or a capacity is compared with another outlet's aim, never with a toll
            kx, ky = as_kind(kx0, ky), as_kind(ky, kx0)
            if kx[:3] != ky[:3] or _scopes_apart(a, x, kx, b, y, ky):
                continue
            if (ky[0], value_key(y)[:-1]) in same_a and (kx[0], value_key(x)[:-1]) in same_b:
                continue
            if _apart(kx, ky) or counted_apart(x, y, acts):
                continue
            if kx[1] is None and not _same_context(a, x, b, y):
                continue
            _, disjoint = numbers_conflict(_compare_bounds(x), _compare_bounds(y))
            pair = frozenset({value_key(x), value_key(y)})
            if not disjoint or (kx[0], pair) in reported:
                continue
            reported.add((kx[0], pair))
            what = kx[0] if x.unit else f"{kx[0]} count"  # "one magnitude of quake", "one dead count"
            detail = (f"Sources disagree on one {what}: {label(a.source)} gives {x.text!r} {shown(x)}, "
                      f"{label(b.source)} gives {y.text!r} {shown(y)} (cannot both be true)")
            out.append(_disjoint_pair(x, y, detail))
    return out


def _disjoint_pair(x: NumberClaim, y: NumberClaim, detail: str) -> Finding:
    """One cross-source finding for two figures that cannot both be true, with both spans; its id
    depends only on the two figures, so re-running the stage finds the same finding."""
    refs = [FindingRef(article_id=n.article_id, start=n.start, end=n.end, text=n.text, item_id=n.id) for n in (x, y)]
    return Finding(id=stable_id(KIND, "across", *sorted((x.id, y.id))), kind=KIND, detail=detail, refs=refs, disjoint=True)
