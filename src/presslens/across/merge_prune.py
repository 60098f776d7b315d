"""Dropping merge candidates that cannot change the merge's output, before their rows are read (cost only).

A report dated no finer than a year ("in 2018 ...") shares the place block with every report of its
type and place in that year (``merge.candidates``), so in an archive its neighbours grow with the
store until it spans a year (bench, session 18: 744 of 1,169 candidate pairs of a day's reports at
20k articles). Such a pair earns no date point (``merge_score._dates``: a year says nothing about which
of its days; no page-day point either, the year is no day), so at most two place points: it is
``compatible`` only with a shared actor or when the two articles tell one story, and it is a story
pair (``merge.merge_events``' findings input) only when they tell one story. Telling one story in the
merge's first pass is ``same_story`` (names) or ``linked`` (words), and ``linked`` needs the pages
published at most ``story_link.DAYS`` apart (or one undated).

So a stored report met only in such pairs is dropped when, for every one of them, the two share no
actor, their pages lie more than ``story_link.DAYS`` apart and their articles' names fail
``same_story``, and no report of its canonical group is loaded anyway (a group's loaded members are
checked against a joining group, ``merge._link``; a group whose loaded members all fail joins nothing
and is checked against nothing). Those three tests read one narrow row per report and the articles' names, not the
report's place, story place, story bag and words. Nothing is scored differently: the candidates that
remain give the same canonical ids, story pairs and findings (dump-compared on bench stores).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from . import state, story_link
from .merge_score import Knobs, same_story


def prune(store: Any, rows: list[tuple[str, str, bool]], new: list[dict[str, Any]], knobs: Knobs,
          article_names: Callable[[Any, list[str]], dict[str, set[str]]]) -> list[tuple[str, str]]:
    """The candidate pairs (``merge.candidate_rows``: new report, other report, whether one of the two
    is year-dated) less those of the stored reports that cannot matter (module doc). ``new``: the new
    reports as ``merge._by_id`` loads them (actors, article, page date, names); ``article_names``:
    ``merge.article_names`` (passed in: merge imports this module)."""
    mine = {e["id"]: e for e in new}
    by_other: dict[str, list[str]] = defaultdict(list)
    needed: set[str] = set()
    for a, b, year in rows:
        if b in mine:
            continue
        if year:
            by_other[b].append(a)
        else:
            needed.add(b)
    maybe = sorted(set(by_other) - needed)
    if not maybe:
        return [(a, b) for a, b, _ in rows]
    narrow = {r["id"]: r for r in state.query_with(store, "_o", state.arrow({"id": maybe}), """
        WITH e AS (SELECT id, article_id, actors FROM events WHERE id IN (SELECT id FROM _o))
        SELECT e.id, e.article_id, e.actors, ar.published FROM e LEFT JOIN articles ar ON ar.id = e.article_id""")}
    names = article_names(store, sorted({r["article_id"] for r in narrow.values()}))
    loose = set()
    for b, r in narrow.items():
        acts = r["actors"]
        acts = set((json.loads(acts) if isinstance(acts, str) else acts) or [])
        other = {"names": names.get(r["article_id"], set())}
        if not any(_may_matter(mine[a], r, acts, other, knobs) for a in by_other[b]):
            loose.add(b)
    if not loose:
        return [(a, b) for a, b, _ in rows]
    # A loose report stays when a report of its group is loaded anyway (``merge._link`` checks a
    # joining group's loaded members against the other group's).
    kept = sorted((set(by_other) | needed) - loose)
    canon = {r["event_id"]: r["canonical_id"] for r in state.query_with(
        store, "_o", state.arrow({"id": sorted(loose) + kept}),
        "SELECT event_id, canonical_id FROM merge_keys WHERE event_id IN (SELECT id FROM _o)")}
    held = {canon.get(x, x) for x in kept} | set(mine)
    drop = {b for b in loose if b in canon and canon[b] not in held}
    return [(a, b) for a, b, _ in rows if b not in drop]


def _may_matter(a: dict[str, Any], b: dict[str, Any], b_actors: set[str], b_names: dict[str, Any],
                knobs: Knobs) -> bool:
    """Whether a year-dated pair might be compatible or a story pair (module doc)."""
    if a["article_id"] == b["article_id"] or set(a["actors"] or []) & b_actors:
        return True
    apart = story_link._days(a.get("published"), b.get("published"))
    return apart is None or apart <= story_link.DAYS or same_story(a, b_names, knobs.same_story)
