"""Scoring two reports for the cross-source merge (``merge.py``): whether their texts keep them
apart, and how many points of agreement they earn.

Scoring (``compatible``): two reports are linked when nothing the texts say keeps them apart (no
different day or month, no different city more than ``Knobs.near_km`` apart, a city outside the other
report's region, disjoint actor sets, reported vs denied) and enough agrees: points for the same
day (2), a compatible coarser date or, for an undated report, its page's day (1), the same
city/site (2) or a compatible place (1: a suburb near its city, a city within the region named),
a shared actor (1), articles that tell one story (1: most actors and places they name are the
same, ``same_story``); another mode costs a point ("blocked" vs "protested"); at least 3 points
are needed, so a bare "a protest" never absorbs another. A report joins a group only when it
contradicts none of the group's members it was compared with (two rallies in two cities on one
day stay two, even when a vague third report fits both).

Reports are dicts loaded by ``merge.py`` (the ``_COLS`` of an event, its article's names and story
links); nothing here reads the store.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

import yaml

from ..settings import Settings
from . import place_agree, story_link


@dataclass(frozen=True, slots=True)
class Knobs:
    """The merge's settings (docs/settings.md), passed to every function that reads one, never
    kept in module state (two stores merged in one process with two settings do not mix)."""

    near_km: float = place_agree.NEAR_KM  # across.merge_near_km
    same_story: float = 0.5  # across.merge_same_story
    linked: float = story_link.LINKED  # across.story_linked
    rare_name: int = story_link.COMMON_NAME  # across.merge_rare_name (0: every block pair is scored)

    @classmethod
    def of(cls, settings: Settings | None) -> Knobs:
        cfg, d = (settings or {}).get("across", {}), cls()
        return cls(near_km=float(cfg.get("merge_near_km", d.near_km)),
                   same_story=float(cfg.get("merge_same_story", d.same_story)),
                   linked=float(cfg.get("story_linked", d.linked)),
                   rare_name=int(cfg.get("merge_rare_name", d.rare_name)))


DEFAULT = Knobs()
# An undated report happened on its page's day or in the days just before (a daily's "police
# dispersed the protest" the morning after): one point when the other report's day is in that window.
UNDATED_DAYS = 3
# ... and no report whose day (its own, else its page's) lies more than this many days from its page's
# day tells the same act: without a bound, an undated "police dispersed the protest" joined every report
# of its type at its city, however old (bench found one group of 384 reports from 128 days on a 6k store).
UNDATED_APART = 7
# Points two reports need to be one event (module docstring): a bare "a protest" never absorbs another.
MIN_POINTS = 3


def _dates(a: str | None, b: str | None) -> int | None:
    """Agreement points for two ISO dates/intervals; None = contradiction."""
    if not a or not b:
        return 0
    lo_a, _, hi_a = a.partition("/")
    lo_b, _, hi_b = b.partition("/")
    hi_a, hi_b = hi_a or lo_a, hi_b or lo_b
    if "/" in a or "/" in b:
        # Intervals: compatible when they overlap (compared on the common prefix length).
        return 1 if lo_a[: len(hi_b)] <= hi_b and lo_b[: len(hi_a)] <= hi_a else None
    n = min(len(a), len(b))
    if a[:n] != b[:n]:
        return None
    # A year says nothing about which of its days ("at least 12 killed this year" vs Saturday's ambush).
    return 2 if len(a) == len(b) == 10 else (1 if n >= 7 else 0)


def same_story(a: dict[str, Any], b: dict[str, Any], share: float = DEFAULT.same_story) -> bool:
    """The two articles tell one story: most of the actors and places they name are the same
    (Jaccard of resolved actor ids and GeoNames ids >= ``share``, at least three shared)."""
    fa, fb = a.get("names") or set(), b.get("names") or set()
    both = len(fa & fb)
    return both >= 3 and both / len(fa | fb) >= share


@functools.lru_cache(maxsize=1)
def confusable() -> frozenset[tuple[str, str]]:
    """PLOVER type pairs one act may receive from two outlets' wording (``data/plover_confusable.yaml``)."""
    raw = resources.files("presslens").joinpath("data/plover_confusable.yaml").read_text(encoding="utf-8")
    pairs = yaml.safe_load(raw)["pairs"]
    return frozenset((a, b) for x, y in pairs for a, b in ((x, y), (y, x)))


def linked(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """The two reports' articles tell one story by their words (``story_link.py``; False when no
    links are loaded)."""
    links = a.get("links")
    return links is not None and links.link(a["article_id"], b["article_id"])


def _types_agree(a: dict[str, Any], b: dict[str, Any], told: bool) -> bool:
    """One type, or two types one act may receive (``confusable``: "freed" / "handed over") in
    articles that tell one story, with a doer named in both (two acts of one day by different
    actors stay apart: the protesters' march and the police's arrests)."""
    if a["type"] == b["type"]:
        return True
    return told and (a["type"], b["type"]) in confusable() and bool(set(a["actors"] or []) & set(b["actors"] or []))


def _told(a: dict[str, Any], b: dict[str, Any], knobs: Knobs) -> bool:
    """The two reports' articles tell one story (same names, a copied passage, or their words).
    Each reads only what a report carries of its article, so the answer is kept per article pair
    on the run's ``Links`` (a block pairs every report of one article with every report of the
    other)."""
    links: Any = a.get("links")
    memo: dict[tuple[str, str, float], bool] | None = None
    if b.get("links") is links and links is not None:
        memo = links.told
    key = (a["article_id"], b["article_id"], knobs.same_story)
    if memo is not None and key in memo:
        return bool(memo[key])
    got = same_story(a, b, knobs.same_story) or b["article_id"] in (a.get("copied_with") or ()) or linked(a, b)
    if memo is not None:
        memo[key] = got
    return got


def _points(a: dict[str, Any], b: dict[str, Any], knobs: Knobs) -> int | None:
    """Agreement points of two reports of different articles before their types and story are
    weighed; None when their words keep them apart (status, date, place, actors)."""
    if (a["status"] == "denied") != (b["status"] == "denied"):
        return None
    d = _dates(a["date"], b["date"])
    p = place_agree.places(a, b, knobs.near_km)
    if d is None or p is None:
        return None
    acts_a, acts_b = set(a["actors"] or []), set(b["actors"] or [])
    if acts_a and acts_b and not acts_a & acts_b:
        return None
    # Outlets name one act differently ("blocked" vs "protested"): another mode costs a point.
    other_mode = 1 if a["mode"] and b["mode"] and a["mode"] != b["mode"] else 0
    if d == 0 and _far_apart(a, b):
        return None
    if d == 0 and _page_day(a, b):
        d = 1
    return d + p + (1 if acts_a & acts_b else 0) - other_mode


def _story_places_only(a: dict[str, Any], b: dict[str, Any], knobs: Knobs) -> int:
    """1 when the two reports' places agree only as their articles' story places (both ``weak_place``)
    and nothing else ties them (no shared actor): that point counts only for articles that tell one
    story. Two placeless acts of one day in two stories set in one capital ("gunmen ambushed a lorry
    on the highway north of the capital" and an ambush on aid workers in a province, both filed
    from the capital) are two acts: the day and the filing city alone do not make one."""
    if not (a.get("weak_place") and b.get("weak_place")) or set(a["actors"] or []) & set(b["actors"] or []):
        return 0
    return 1 if (place_agree.places(a, b, knobs.near_km) or 0) > 0 else 0


def score(a: dict[str, Any], b: dict[str, Any], knobs: Knobs = DEFAULT) -> int | None:
    """Agreement points of two reports; None when the texts keep them apart. Whether the articles
    tell one story (the costliest test: their words' cosine) is asked last, once nothing else has
    kept them apart."""
    return _scored(a, b, knobs)


def _scored(a: dict[str, Any], b: dict[str, Any], knobs: Knobs, need: int | None = None) -> int | None:
    """``score``; with ``need``, the story test is skipped when whether the points reach ``need`` does not
    depend on it (it adds one point and lets two confusable types agree), and the points returned are
    then only right on that side of ``need``."""
    if a["article_id"] == b["article_id"]:
        return None
    base = _points(a, b, knobs)
    if base is None:
        return None
    weak = _story_places_only(a, b, knobs)
    if need is not None and a["type"] == b["type"] and (base - weak >= need or base + 1 < need):
        return base - weak
    told = _told(a, b, knobs)
    if not _types_agree(a, b, told):
        return None
    return base + 1 if told else base - weak


def kept_apart(a: dict[str, Any], b: dict[str, Any], knobs: Knobs = DEFAULT) -> bool:
    """The texts keep two reports apart. Two reports of one article are never scored (an article may
    tell one act twice, headline and body), but when they give different days or far-apart cities
    they are two acts, and no third report may join them ("Saturday's clashes" and Sunday's vigil)."""
    if a["article_id"] == b["article_id"]:
        return _dates(a["date"], b["date"]) is None or place_agree.places(a, b, knobs.near_km) is None
    if _points(a, b, knobs) is None:
        return True
    # Reports of one type are kept apart by their words alone; two types only when they do not tell one story.
    return a["type"] != b["type"] and not _types_agree(a, b, _told(a, b, knobs))


def _day(x: dict[str, Any]) -> date | None:
    """A report's day: its own day date, else (undated) its page's day; None for coarser dates."""
    raw = x["date"] if x["date"] else (x.get("published") or "")[:10]
    if not raw or len(raw) != 10:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _far_apart(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """One report is undated and the other's day lies more than ``UNDATED_APART`` days from its page's."""
    if a["date"] and b["date"]:
        return False
    da, db = _day(a), _day(b)
    return da is not None and db is not None and abs((da - db).days) > UNDATED_APART


def _page_day(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """An undated report is dated by its page: true when the other report's day (its own, else its
    page's) is its page's day or one of the ``UNDATED_DAYS`` before."""
    for x, y in ((a, b), (b, a)):
        page, other = (x.get("published") or "")[:10], (y["date"] or y.get("published") or "")[:10]
        if x["date"] or len(page) != 10 or len(other) != 10:
            continue
        try:
            back = (date.fromisoformat(page) - date.fromisoformat(other)).days
        except ValueError:
            continue
        if 0 <= back <= (UNDATED_DAYS if y["date"] else 0):
            return True
    return False


def compatible(a: dict[str, Any], b: dict[str, Any], knobs: Knobs = DEFAULT) -> bool:
    """``score(a, b) >= MIN_POINTS``, asking whether the articles tell one story only when the answer
    depends on it (``_scored``)."""
    points = _scored(a, b, knobs, MIN_POINTS)
    return points is not None and points >= MIN_POINTS
