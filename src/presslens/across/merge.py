"""Cross-source event merge (post stage ``post:merge``), blocked and incremental.

Reports of one real event in different articles or sources get the same ``canonical_id``; each
report keeps its own figures (size, date precision, evidence), so conflicting counts stay side by
side ("over 100,000" next to "tens of thousands").

Blocking: each event is stored once in ``merge_keys`` with its type, its own date key (``D:day``,
``M:month``, ``Y:year``, ``U:`` its page's day when it has no date, or ``N``), the month of a day
date and its place (GeoNames id, else the place name). A new event is compared only with events
of its type that share its day (or page day), its month (when one of the two is month-dated), or,
when either is dated no finer than a year, its place: a day-dated event is never compared with the thousands of other days. Dates are the
events layer's, resolved against each page's publication date ("on Saturday" in a Monday
report is the Saturday before).

A report without a place of its own (or with only its dateline's, or the country around the
story's city) is compared through its article's story place (``story_place.py``: weak, one point
not two, but still keeping far cities apart); an undated report through its page's day and the
``UNDATED_DAYS`` before it, and never with a report more than ``UNDATED_APART`` days from its page's day
(a year-dated report only with reports of its year).

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

Articles found later to share a copied passage are compared again with that story point
(``join_copied``, called by the findings stage). A year-dated report earns no date point.

Incremental: events already in ``merge_keys`` are not compared again; canonical ids of untouched
groups never change. A group's id is ``ce`` + a hash of its first member; when two groups join,
the smaller id is kept. Changed canonical ids are recorded in ``merge_dirty`` for the findings.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Any

import yaml

from ..records import stable_id
from ..registry import stages
from ..settings import Settings
from . import place_agree, state, story_link, story_place


@dataclass(frozen=True, slots=True)
class Knobs:
    """The merge's settings (docs/settings.md), passed to every function that reads one, never
    kept in module state (two stores merged in one process with two settings do not mix)."""

    near_km: float = place_agree.NEAR_KM  # across.merge_near_km
    same_story: float = 0.5  # across.merge_same_story
    linked: float = story_link.LINKED  # across.story_linked

    @classmethod
    def of(cls, settings: Settings | None) -> Knobs:
        cfg, d = (settings or {}).get("across", {}), cls()
        return cls(near_km=float(cfg.get("merge_near_km", d.near_km)),
                   same_story=float(cfg.get("merge_same_story", d.same_story)),
                   linked=float(cfg.get("story_linked", d.linked)))


DEFAULT = Knobs()
# An undated report happened on its page's day or in the days just before (a daily's "police
# dispersed the protest" the morning after): one point when the other report's day is in that window.
UNDATED_DAYS = 3
# ... and no report whose day (its own, else its page's) lies more than this many days from its page's
# day tells the same act: without a bound, an undated "police dispersed the protest" joined every report
# of its type at its city, however old (bench found one group of 384 reports from 128 days on a 6k store).
UNDATED_APART = 7


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
    """The two reports' articles tell one story (same names, a copied passage, or their words)."""
    return same_story(a, b, knobs.same_story) or b["article_id"] in (a.get("copied_with") or ()) or linked(a, b)


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


def score(a: dict[str, Any], b: dict[str, Any], knobs: Knobs = DEFAULT) -> int | None:
    """Agreement points of two reports; None when the texts keep them apart. Whether the articles
    tell one story (the costliest test: their words' cosine) is asked last, once nothing else has
    kept them apart."""
    if a["article_id"] == b["article_id"]:
        return None
    base = _points(a, b, knobs)
    if base is None:
        return None
    told = _told(a, b, knobs)
    if not _types_agree(a, b, told):
        return None
    return base + (1 if told else 0)


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
    """``score(a, b) >= 3``, asking whether the articles tell one story only when the answer
    depends on it (it adds one point, and lets two confusable types agree)."""
    if a["article_id"] == b["article_id"]:
        return False
    base = _points(a, b, knobs)
    if base is None:
        return False
    if a["type"] == b["type"] and (base >= 3 or base + 1 < 3):
        return base >= 3
    told = _told(a, b, knobs)
    return _types_agree(a, b, told) and base + (1 if told else 0) >= 3


def keys(e: dict[str, Any]) -> dict[str, str | None]:
    """Blocking keys of one event (see the module doc)."""
    date = (e["date"] or "").partition("/")[0]
    if len(date) == 10:
        dkey, mkey = f"D:{date}", f"M:{date[:7]}"
    elif len(date) == 7:
        dkey, mkey = f"M:{date}", f"M:{date}"
    elif len(date) == 4:
        dkey, mkey = f"Y:{date}", None
    elif e.get("published") and len(e["published"]) >= 10:
        dkey, mkey = f"U:{e['published'][:10]}", None  # undated: its page's day
    else:
        dkey, mkey = "N", None
    pkey = f"G:{e['geonameid']}" if e["geonameid"] else (f"P:{e['place_name'].lower()}" if e["place_name"] else None)
    return {"dkey": dkey, "mkey": mkey, "pkey": pkey}


_COLS = ("e.id, e.article_id, e.type, e.mode, e.date, e.place_name, e.country, e.geonameid, e.geo_precision, "
         "e.actors, e.status, pl.lat, pl.lon, pl.admin1, pl.start AS place_start, ar.parts, ar.published, "
         "coalesce(pr.source, pr.key) AS source")
# The events of given ids, then only their places, articles and pages (joined after a filter, every
# place, article and page of the store was read: the cost of a run grew with the store).
_BY_ID = ("WITH e AS MATERIALIZED (SELECT * FROM events WHERE id IN (SELECT id FROM _new)), "
          "pl AS MATERIALIZED (SELECT * FROM places WHERE id IN (SELECT place_id FROM e)), "
          "ar AS MATERIALIZED (SELECT * FROM articles WHERE id IN (SELECT article_id FROM e)), "
          "pr AS MATERIALIZED (SELECT * FROM page_rows WHERE id IN (SELECT page_id FROM ar)) "
          f"SELECT {_COLS} FROM e LEFT JOIN pl ON pl.id = e.place_id LEFT JOIN ar ON ar.id = e.article_id "
          "LEFT JOIN pr ON pr.id = ar.page_id ORDER BY e.id")


def _by_id(store: Any, ids: list[str]) -> list[dict[str, Any]]:
    """The reports with these ids, in id order, as ``score`` reads them (actors, the article's
    names and story place attached)."""
    if not ids:
        return []
    rows = state.query_with(store, "_new", state.arrow({"id": ids}), _BY_ID)
    for r in rows:
        if isinstance(r["actors"], str):
            r["actors"] = json.loads(r["actors"])
    arts = sorted({r["article_id"] for r in rows})
    names = article_names(store, arts)
    focus = story_place.story_places(store, arts)
    for r in rows:
        r["names"] = names.get(r["article_id"], set())
        story_place.apply(r, focus.get(r["article_id"]), r.pop("parts"))
    return rows


def article_names(store: Any, article_ids: list[str]) -> dict[str, set[str]]:
    """Each article's resolved actors and GeoNames places (what ``same_story`` compares)."""
    if not article_ids:
        return {}
    out: dict[str, set[str]] = defaultdict(set)
    for r in state.query_with(store, "_a", state.arrow({"id": article_ids}), """
            SELECT DISTINCT article_id, 'a:' || actor_id AS k FROM mentions
            WHERE article_id IN (SELECT id FROM _a) AND actor_id IS NOT NULL
            UNION SELECT DISTINCT article_id, 'g:' || CAST(geonameid AS VARCHAR) FROM places
            WHERE article_id IN (SELECT id FROM _a) AND geonameid IS NOT NULL"""):
        out[r["article_id"]].add(r["k"])
    return out


def attach_links(store: Any, data: dict[str, dict[str, Any]], linked: float = DEFAULT.linked) -> None:
    """One ``story_link.Links`` over the articles of every loaded report (what ``score`` compares)."""
    links = story_link.Links.load(store, {r["article_id"] for r in data.values()}, linked)
    for r in data.values():
        r["links"] = links


def candidates(store: Any, new_ids: list[str]) -> list[tuple[str, str]]:
    """(new event id, other event id) pairs that share a block (the other may be new too)."""
    t = state.arrow({"id": new_ids})
    pairs = ", ".join(f"('{x}', '{y}')" for x, y in sorted(confusable()))
    sql = f"""
      WITH n AS (SELECT k.* FROM merge_keys k JOIN _new ON _new.id = k.event_id),
      cf AS (SELECT DISTINCT type AS a, type AS b FROM n UNION SELECT * FROM (VALUES {pairs}) v(a, b)),
      nt AS (SELECT n.*, cf.b AS otype FROM n JOIN cf ON cf.a = n.type),
      np AS (SELECT * FROM nt WHERE pkey IS NOT NULL),
      -- A report dated by a day (its own or its page's) and each day within UNDATED_APART of it.
      nd AS (SELECT np.*, TRY_CAST(substr(np.dkey, 3) AS DATE) + CAST(r.k AS INTEGER) AS day
             FROM np, range(-{UNDATED_APART}, {UNDATED_APART} + 1) r(k)
             WHERE length(np.dkey) = 12 AND TRY_CAST(substr(np.dkey, 3) AS DATE) IS NOT NULL)
      SELECT n.event_id AS a, o.event_id AS b FROM nt n JOIN merge_keys o
        ON o.type = n.otype AND o.dkey = n.dkey AND n.dkey <> 'N' AND n.dkey NOT LIKE 'Y:%'
      UNION SELECT n.event_id, o.event_id FROM nt n JOIN merge_keys o
        ON o.type = n.otype AND n.dkey LIKE 'D:%' AND o.dkey = n.mkey
      UNION SELECT n.event_id, o.event_id FROM nt n JOIN merge_keys o
        ON o.type = n.otype AND n.dkey LIKE 'M:%' AND o.mkey = n.dkey
      UNION SELECT n.event_id, o.event_id FROM nt n JOIN merge_keys o
        ON o.type = n.otype AND n.dkey LIKE 'U:%' AND o.dkey = 'D:' || substr(n.dkey, 3)
      UNION SELECT n.event_id, o.event_id FROM nt n JOIN merge_keys o
        ON o.type = n.otype AND n.dkey LIKE 'D:%' AND o.dkey = 'U:' || substr(n.dkey, 3)
      -- The place block, only where one of the two is dated no finer than a year, undated, or dated
      -- by its page: each case an equality on (type, place, a date key), so that a new report meets
      -- the reports of its place and period, never every report ever filed at its place.
      UNION SELECT n.event_id, o.event_id FROM np n JOIN merge_keys o
        ON o.type = n.otype AND o.pkey = n.pkey AND n.dkey = 'N'
      UNION SELECT n.event_id, o.event_id FROM np n JOIN merge_keys o
        ON o.type = n.otype AND o.pkey = n.pkey AND o.dkey = 'N'
      UNION SELECT n.event_id, o.event_id FROM np n JOIN merge_keys o
        ON o.type = n.otype AND o.pkey = n.pkey AND n.dkey LIKE 'Y:%' AND substr(o.dkey, 3, 4) = substr(n.dkey, 3, 4)
      UNION SELECT n.event_id, o.event_id FROM np n JOIN merge_keys o
        ON o.type = n.otype AND o.pkey = n.pkey AND o.dkey = 'Y:' || substr(n.dkey, 3, 4)
      UNION SELECT n.event_id, o.event_id FROM nd n JOIN merge_keys o
        ON o.type = n.otype AND o.pkey = n.pkey AND length(o.dkey) = 12
           AND TRY_CAST(substr(o.dkey, 3) AS DATE) = n.day AND (n.dkey LIKE 'U:%' OR o.dkey LIKE 'U:%')
      UNION SELECT n.event_id, o.event_id FROM np n JOIN merge_keys o
        ON o.type = n.otype AND o.pkey = n.pkey AND n.dkey LIKE 'U:%' AND length(o.dkey) = 9
           AND substr(o.dkey, 3, 7) = substr(n.dkey, 3, 7)
      UNION SELECT n.event_id, o.event_id FROM np n JOIN merge_keys o
        ON o.type = n.otype AND o.pkey = n.pkey AND length(n.dkey) = 9 AND o.dkey LIKE 'U:%'
           AND substr(o.dkey, 3, 7) = substr(n.dkey, 3, 7)
    """
    # Equalities only (an ``IN`` over two keys made DuckDB compare every pair of the type: 2 s at 10k
    # articles); the same day of an undated report is the first join's. Rows read as tuples: a
    # batch meets ~50 candidates per new report.
    cur = store.con.cursor()
    cur.register("_new", t)
    try:
        return [(a, b) for a, b in cur.execute(sql).fetchall() if a != b]
    finally:
        cur.unregister("_new")


@stages.register("post:merge")
def merge_events(store: Any, settings: Settings | None = None) -> dict[str, int]:
    knobs = Knobs.of(settings)
    state.ensure(store)
    # First stage: new articles that tell a stored article's story by their words; their figures
    # are compared by the findings (``story_pairs``) whether or not their reports merge.
    linked_pairs = story_link.new_story_pairs(store, knobs.linked)
    if linked_pairs:
        with store.transaction() as con:
            state.execute_with(con, "_s", state.arrow({"a": [x for x, _ in linked_pairs],
                                                       "b": [y for _, y in linked_pairs]}),
                               "INSERT OR IGNORE INTO story_pairs SELECT a, b FROM _s")
    # The new reports' ids first (an anti-join of two id columns), then only their rows: filtering
    # after the joins with places, articles and pages read every stored event (0.39 s at 10k).
    new_ids = [r[0] for r in store.con.execute(
        "SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM merge_keys)").fetchall()]
    new = _by_id(store, new_ids)
    if not new:
        return {"events": 0, "joined": 0}
    ks = [keys(e) for e in new]
    with store.transaction() as con:
        state.execute_with(con, "_k", state.arrow({
            "event_id": [e["id"] for e in new], "type": [e["type"] for e in new],
            "dkey": [k["dkey"] for k in ks], "mkey": [k["mkey"] for k in ks], "pkey": [k["pkey"] for k in ks],
            "canonical_id": [e["id"] for e in new]}),
            "INSERT OR IGNORE INTO merge_keys SELECT event_id, type, dkey, mkey, pkey, canonical_id FROM _k")
        # A report alone is its own canonical event until another joins it.
        state.execute_with(con, "_k", state.arrow({"id": [e["id"] for e in new]}),
                           "UPDATE events SET canonical_id = id WHERE id IN (SELECT id FROM _k)")
    pairs = candidates(store, [e["id"] for e in new])
    other_ids = sorted({b for _, b in pairs} | {e["id"] for e in new})
    data = {r["id"]: r for r in _by_id(store, other_ids)}
    attach_links(store, data, knobs.linked)
    canon = {r["event_id"]: r["canonical_id"] for r in state.query_with(
        store, "_new", state.arrow({"id": other_ids}),
        "SELECT event_id, canonical_id FROM merge_keys WHERE event_id IN (SELECT id FROM _new)")}
    joined = _link(pairs, data, canon, knobs)
    # Articles of two sources that tell one story, met in a block: the findings compare their figures.
    told = sorted({(min(x, y), max(x, y)) for a, b in pairs if a in data and b in data
                   for x, y in [(data[a]["article_id"], data[b]["article_id"])]
                   if x != y and data[a]["source"] != data[b]["source"]
                   and (same_story(data[a], data[b], knobs.same_story) or linked(data[a], data[b]))})
    if told:
        with store.transaction() as con:
            state.execute_with(con, "_s", state.arrow({"a": [x for x, _ in told], "b": [y for _, y in told]}),
                               "INSERT OR IGNORE INTO story_pairs SELECT a, b FROM _s")
    _apply(store, joined)
    return {"events": len(new), "joined": len(joined)}


def join_copied(store: Any, article_pairs: list[tuple[str, str]], knobs: Knobs = DEFAULT) -> int:
    """Articles found to share a copied passage (``copies.py``, after the merge of their batch) tell
    one story: their reports are compared again with that point (as ``same_story`` gives it), and
    changed groups go to ``merge_dirty``. Returns how many groups changed."""
    if not article_pairs:
        return 0
    arts = sorted({x for pr in article_pairs for x in pr})
    rows = _by_id(store, [r["id"] for r in state.query_with(
        store, "_a", state.arrow({"id": arts}), "SELECT id FROM events WHERE article_id IN (SELECT id FROM _a)")])
    copied: dict[str, set[str]] = defaultdict(set)
    for a, b in article_pairs:
        copied[a].add(b)
        copied[b].add(a)
    by_article: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        r["copied_with"] = copied[r["article_id"]]
        by_article[r["article_id"]].append(r["id"])
    data = {r["id"]: r for r in rows}
    pairs = [(x, y) for a, b in article_pairs for x in by_article[a] for y in by_article[b]
             if data[x]["type"] == data[y]["type"] or (data[x]["type"], data[y]["type"]) in confusable()]
    if not pairs:
        return 0
    # Every member of the groups involved, so that no join goes over a contradiction (``_link``).
    canon = {r["event_id"]: r["canonical_id"] for r in state.query_with(
        store, "_new", state.arrow({"id": sorted(data)}),
        "SELECT event_id, canonical_id FROM merge_keys WHERE canonical_id IN "
        "(SELECT canonical_id FROM merge_keys WHERE event_id IN (SELECT id FROM _new))")}
    more = sorted(set(canon) - set(data))
    if more:
        data.update({r["id"]: r for r in _by_id(store, more)})
    pairs = [(x, y) for x, y in pairs if x in canon and y in canon]
    attach_links(store, data, knobs.linked)
    joined = _link(pairs, data, canon, knobs)
    _apply(store, joined)
    return len(joined)


def _apply(store: Any, joined: dict[str, str]) -> None:
    """Every member of a changed group takes the group's new id; both ids go to ``merge_dirty``."""
    if not joined:
        return
    with store.transaction() as con:
        t = state.arrow({"old": list(joined), "cid": list(joined.values())})
        state.execute_with(con, "_c", t, "UPDATE merge_keys SET canonical_id = _c.cid FROM _c "
                                         "WHERE merge_keys.canonical_id = _c.old")
        state.execute_with(con, "_c", t, "UPDATE events SET canonical_id = k.canonical_id FROM merge_keys k, _c "
                                         "WHERE k.canonical_id = _c.cid AND events.id = k.event_id")
        state.execute_with(con, "_c", t, "INSERT OR IGNORE INTO merge_dirty SELECT DISTINCT cid FROM _c "
                                         "UNION SELECT old FROM _c")


def _link(pairs: list[tuple[str, str]], data: dict[str, dict[str, Any]], canon: dict[str, str],
          knobs: Knobs = DEFAULT) -> dict[str, str]:
    """Union the groups of linked pairs; returns old canonical id -> new one for changed groups."""
    parent: dict[str, str] = {c: c for c in canon.values()}
    group: dict[str, list[str]] = defaultdict(list)  # root -> its events that were loaded
    for eid, c in canon.items():
        group[c].append(eid)
    members = {c: list(xs) for c, xs in group.items()}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in sorted({tuple(sorted(p)) for p in pairs}):
        if a not in data or b not in data:
            continue
        ra, rb = find(canon[a]), find(canon[b])
        if ra == rb or not compatible(data[a], data[b], knobs):
            continue
        # Never join groups that a report in either keeps apart.
        if any(kept_apart(data[x], data[y], knobs) for x in group[ra] for y in group[rb]):
            continue
        keep, drop = min(ra, rb), max(ra, rb)
        parent[drop] = keep
        group[keep] += group.pop(drop)
    out: dict[str, str] = {}
    roots: dict[str, list[str]] = defaultdict(list)
    for c in parent:
        roots[find(c)].append(c)
    for cs in roots.values():
        if len(cs) < 2:
            continue
        named = sorted(c for c in cs if c.startswith("ce"))
        first = min(x for c in cs for x in members[c]) if not named else ""
        cid = named[0] if named else "ce" + stable_id("canonical", first, length=14)
        for c in cs:
            out[c] = cid
    return out


def clusters(rows: list[dict[str, Any]], knobs: Knobs = DEFAULT) -> dict[str, str]:
    """event id -> canonical id for events held in memory, blocked as the store does (tests, eval)."""
    by: dict[tuple[str, str], list[str]] = defaultdict(list)
    ks = {r["id"]: keys(r) for r in rows}
    for r in rows:
        k = ks[r["id"]]
        by[(r["type"], "d" + str(k["dkey"]))].append(r["id"])
        if k["mkey"]:
            by[(r["type"], "m" + k["mkey"])].append(r["id"])
        if k["pkey"]:
            by[(r["type"], "p" + k["pkey"])].append(r["id"])
    coarse = {i for i, k in ks.items() if k["dkey"] == "N" or str(k["dkey"])[:2] in ("Y:", "U:")}
    pairs: set[tuple[str, str]] = set()
    for r in rows:
        k = ks[r["id"]]
        dk = str(k["dkey"])
        probe: list[str] = []
        for t in {r["type"]} | {y for x, y in confusable() if x == r["type"]}:
            if dk != "N" and not dk.startswith("Y:"):
                probe += by[(t, "d" + dk)]
            if dk.startswith("U:"):
                probe += by[(t, "dD:" + dk[2:])]
            if dk.startswith("D:"):
                probe += by[(t, "dU:" + dk[2:])] + by[(t, "d" + str(k["mkey"]))]
            if dk.startswith("M:"):
                probe += by[(t, "m" + dk)]
            if k["pkey"]:
                probe += [o for o in by[(t, "p" + k["pkey"])] if r["id"] in coarse or o in coarse]
        pairs |= {(r["id"], o) for o in probe if o != r["id"]}
    data = {r["id"]: r for r in rows}
    joined = _link(sorted(pairs), data, {i: i for i in data}, knobs)
    return {i: joined.get(i, i) for i in data}
