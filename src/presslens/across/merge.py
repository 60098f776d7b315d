"""Cross-source event merge (post stage ``post:merge``), blocked and incremental.

Reports of one real event in different articles or sources get the same ``canonical_id``; each
report keeps its own figures (size, date precision, evidence), so conflicting counts stay side by
side ("over 50,000" next to "some thousands").

Blocking: each event is stored once in ``merge_keys`` with its type, its own date key (``D:day``,
``M:month``, ``Y:year``, ``U:`` its page's day when it has no date, or ``N``), the month of a day
date and its place (GeoNames id, else the place name). A new event is compared only with events
of its type that share its day (or page day), its month (when one of the two is month-dated), or,
when either is dated no finer than a year, its place: a day-dated event is never compared with the thousands of other days. Dates are the
events layer's, resolved against each page's publication date ("on Saturday" in a Monday
report is the Saturday before). A pair met only through a month, year or place block is scored only
when it shares a place key, an actor or a rare name of its articles (``relevant``); every report met
is still loaded, so that it can keep a group apart.

A report without a place of its own (or with only its dateline's, or the country around the
story's city) is compared through its article's story place (``story_place.py``: weak, one point
not two, but still keeping far cities apart); an undated report through its page's day and the
``UNDATED_DAYS`` before it, and never with a report more than ``UNDATED_APART`` days from its page's day
(a year-dated report only with reports of its year).

Scoring (``compatible``, ``score``, ``kept_apart``) is in ``merge_score.py``.

Articles found later to share a copied passage are compared again with that story point
(``join_copied``, called by the findings stage). A year-dated report earns no date point.

Incremental: events already in ``merge_keys`` are not compared again; canonical ids of untouched
groups never change. A group's id is ``ce`` + a hash of its first member; when two groups join,
the smaller id is kept. Changed canonical ids are recorded in ``merge_dirty`` for the findings.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ..records import stable_id
from ..registry import stages
from ..settings import Settings
from . import state, story_link, story_place
from .copied_parts import copied_components
from .merge_score import DEFAULT, UNDATED_APART, Knobs, compatible, confusable, kept_apart, linked, same_story


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
# place, article and page of the store was read: the cost of a run grew with the store), each with
# only the columns scored (``SELECT *`` materialised every JSON column of each candidate).
_BY_ID = ("WITH e AS MATERIALIZED (SELECT id, article_id, type, mode, date, place_name, country, geonameid, "
          "geo_precision, actors, status, place_id FROM events WHERE id IN (SELECT id FROM _new)), "
          "pl AS MATERIALIZED (SELECT id, lat, lon, admin1, start FROM places WHERE id IN (SELECT place_id FROM e)), "
          "ar AS MATERIALIZED (SELECT id, parts, published, page_id FROM articles WHERE id IN (SELECT article_id FROM e)), "
          "pr AS MATERIALIZED (SELECT id, source, key FROM page_rows WHERE id IN (SELECT page_id FROM ar)) "
          f"SELECT {_COLS} FROM e LEFT JOIN pl ON pl.id = e.place_id LEFT JOIN ar ON ar.id = e.article_id "
          "LEFT JOIN pr ON pr.id = ar.page_id ORDER BY e.id")


def _by_id(store: Any, ids: list[str], have: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The reports with these ids, in id order, as ``score`` reads them (actors, the article's
    names and story place attached). ``have``: reports loaded already (the run's new reports,
    met again among the candidates), reused rather than read again."""
    have = have or {}
    rows = [have[i] for i in ids if i in have]
    todo = [i for i in ids if i not in have]
    if todo:
        rows += _load(store, todo)
    return sorted(rows, key=lambda r: str(r["id"]))


def _load(store: Any, ids: list[str]) -> list[dict[str, Any]]:
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


def attach_links(store: Any, data: dict[str, dict[str, Any]], linked: float = DEFAULT.linked,
                 articles: set[str] | None = None) -> None:
    """One ``story_link.Links`` over the articles of every loaded report (what ``score`` compares), or
    only over ``articles`` (a link asked of another article's report would answer False)."""
    arts = {r["article_id"] for r in data.values()} if articles is None else articles
    links = story_link.Links.load(store, arts, linked)
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


# New reports keyed per slice (``merge_events``); the output does not depend on it.
NEW_CHUNK = 1024


@stages.register("post:merge")
@state.stage_threads
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
    # The story tables the first stage read go before the reports are keyed (issue 19, s27).
    state.shed(store)
    # The new reports' ids first (an anti-join of two id columns), then only their rows: filtering
    # after the joins with places, articles and pages read every stored event (0.39 s at 10k).
    new_ids = sorted(r[0] for r in store.con.execute(
        "SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM merge_keys)").fetchall())
    if not new_ids:
        return {"events": 0, "joined": 0}
    # Keyed ``NEW_CHUNK`` reports at a time: every new report loaded at once (actors, names, story
    # place) grew the merge ~100 MB over its start at 10k new bench articles (issue 19, session 25).
    kept: dict[str, dict[str, Any]] = {}
    for i in range(0, len(new_ids), NEW_CHUNK):
        new = _by_id(store, new_ids[i : i + NEW_CHUNK])
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
        if len(new_ids) <= NEW_CHUNK:
            kept = {e["id"]: e for e in new}  # one slice: its rows serve the scored read below (read once)
        del new, ks
    every = candidates(store, new_ids)
    pairs = relevant(store, every, knobs)
    # Every report met in a block is a member that keeps vetoing a join (``_link``), scored or not:
    # loading only the scored ones changed 1.5 % of the merged pairs on bench's 1k store, with nothing
    # to tell which was right. The scored reports are loaded now, the other members only where a join
    # of their group is tried (``Loader``): most groups met are never joined. A new report in no pair
    # is a group of its own that no join tries, so it is not loaded again.
    other_ids = sorted({b for _, b in every} | set(new_ids))
    canon = {r["event_id"]: r["canonical_id"] for r in state.query_with(
        store, "_new", state.arrow({"id": other_ids}),
        "SELECT event_id, canonical_id FROM merge_keys WHERE event_id IN (SELECT id FROM _new)")}
    scored = sorted({x for pr in pairs for x in pr})
    data = {r["id"]: r for r in _by_id(store, scored, kept or None)}
    del kept
    # Story links only for the articles of scored pairs: a report in no pair is its own group, so no
    # join reads it, and the links of every new article held 94 MB at 10k new bench articles (s24).
    attach_links(store, data, knobs.linked, {data[x]["article_id"] for pr in pairs for x in pr if x in data})
    joined = _link(pairs, data, canon, knobs, Loader(store, knobs.linked))
    # Articles of two sources that tell one story, met in a block: the findings compare their figures.
    told = _told_articles(pairs, data, knobs)
    if told:
        with store.transaction() as con:
            state.execute_with(con, "_s", state.arrow({"a": [x for x, _ in told], "b": [y for _, y in told]}),
                               "INSERT OR IGNORE INTO story_pairs SELECT a, b FROM _s")
    _apply(store, joined)
    return {"events": len(new_ids), "joined": len(joined)}


def relevant(store: Any, pairs: list[tuple[str, str]], knobs: Knobs = DEFAULT) -> list[tuple[str, str]]:
    """The candidate pairs worth scoring: a pair of one day (both dated, the same day) is kept; a pair
    met only through a coarser block (a month, a year, a place with an undated report) can reach
    ``MIN_POINTS`` only with a second agreement beside its date's one point at most (``merge_score``):
    the same place key, a shared actor, or articles that tell one story, which share a name. Such a
    pair is scored only when it has the same place key, a shared actor, or its two articles share a
    rare name (``story_names``, held by at most ``Knobs.rare_name`` articles: a rare word does not get
    commoner as the store grows, so what a new report meets stays bounded). Without it, a month-dated
    report met every report of its type and month, more of them the larger the store (bench, s22)."""
    if knobs.rare_name <= 0 or not pairs:
        return pairs
    ids = sorted({x for pr in pairs for x in pr})
    rows = {r["event_id"]: r for r in state.query_with(store, "_e", state.arrow({"id": ids}), """
        SELECT k.event_id, k.dkey, k.pkey, e.article_id, e.actors FROM merge_keys k
        JOIN events e ON e.id = k.event_id WHERE k.event_id IN (SELECT id FROM _e)""")}
    coarse = [(a, b) for a, b in pairs if a in rows and b in rows
              and not (str(rows[a]["dkey"]).startswith("D:") and rows[a]["dkey"] == rows[b]["dkey"])]
    if not coarse:
        return pairs
    named = _named_pairs(store, sorted({rows[a]["article_id"] for a, _ in coarse}),
                         sorted({rows[b]["article_id"] for _, b in coarse}), knobs.rare_name)
    actors = {i: set(json.loads(r["actors"]) if isinstance(r["actors"], str) else (r["actors"] or []))
              for i, r in rows.items()}
    drop = {(a, b) for a, b in coarse
            if not (rows[a]["pkey"] and rows[a]["pkey"] == rows[b]["pkey"]) and not actors[a] & actors[b]
            and (rows[a]["article_id"], rows[b]["article_id"]) not in named}
    return [p for p in pairs if p not in drop]


def _named_pairs(store: Any, mine: list[str], others: list[str], cap: int) -> set[tuple[str, str]]:
    """(article of ``mine``, article of ``others``) pairs that share a name held by at most ``cap`` articles."""
    rows = state.query_with(store, "_a", state.arrow({"id": mine}), f"""
        WITH m AS (SELECT term, article_id FROM story_names WHERE article_id IN (SELECT id FROM _a)),
        rare AS (SELECT term FROM story_df WHERE term IN (SELECT term FROM m) AND n <= {int(cap)})
        SELECT DISTINCT m.article_id AS a, o.article_id AS b FROM m JOIN rare ON rare.term = m.term
        JOIN story_names o ON o.term = m.term""")
    keep = set(others)
    return {(r["a"], r["b"]) for r in rows if r["b"] in keep} | {(a, a) for a in mine}


def _told_articles(pairs: list[tuple[str, str]], data: dict[str, dict[str, Any]], knobs: Knobs
                   ) -> list[tuple[str, str]]:
    """Article pairs of two sources, met through a pair of their reports, that tell one story.
    ``same_story`` and ``linked`` read only what a report carries of its article (names, links,
    source), so each article pair is tested once through its first report pair: a block pairs an
    article's reports with every report of the other."""
    first: dict[tuple[str, str], tuple[str, str]] = {}
    for a, b in pairs:
        if a in data and b in data:
            x, y = data[a]["article_id"], data[b]["article_id"]
            if x != y and data[a]["source"] != data[b]["source"]:
                first.setdefault((min(x, y), max(x, y)), (a, b))
    return sorted(k for k, (a, b) in first.items()
                  if same_story(data[a], data[b], knobs.same_story) or linked(data[a], data[b]))


def join_copied(store: Any, article_pairs: list[tuple[str, str]], knobs: Knobs = DEFAULT) -> int:
    """Articles found to share a copied passage (``copies.py``, after the merge of their batch) tell
    one story: their reports are compared again with that point (as ``same_story`` gives it), and
    changed groups go to ``merge_dirty``. Returns how many groups changed.

    The pairs go in parts of about ``COPIED_CHUNK`` articles, each part whole components of the
    copied articles linked by their pairs and by the canonical groups of their reports (a group's
    members that are reports of copied articles tie their articles together): a join is tried only
    within a component and reads only its groups' members, so the parts decide what one call decides
    (every report of the run's copied articles, with links over all of them, held at once grew the
    findings pass ~100 MB at 10k new bench articles: issue 19, session 25)."""
    if not article_pairs:
        return 0
    parts = copied_components(store, article_pairs)
    joined: dict[str, str] = {}
    batch: list[tuple[str, str]] = []
    need: set[str] = set()
    for root in sorted(parts):
        batch += parts[root]
        need |= {x for pr in parts[root] for x in pr}
        if len(need) >= COPIED_CHUNK:
            joined.update(_join_copied_part(store, batch, knobs))
            batch, need = [], set()
    if batch:
        joined.update(_join_copied_part(store, batch, knobs))
    _apply(store, joined)
    return len(joined)


# Copied articles whose reports a part of ``join_copied`` holds (a component is never split).
COPIED_CHUNK = 512


def _join_copied_part(store: Any, article_pairs: list[tuple[str, str]], knobs: Knobs = DEFAULT) -> dict[str, str]:
    """``join_copied`` over whole components of the copied articles: old canonical id -> new one."""
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
        return {}
    # Every member of the groups involved, so that no join goes over a contradiction (``_link``); the
    # members are loaded only for the groups a join is tried between (``Loader``).
    canon = {r["event_id"]: r["canonical_id"] for r in state.query_with(
        store, "_new", state.arrow({"id": sorted(data)}),
        "SELECT event_id, canonical_id FROM merge_keys WHERE canonical_id IN "
        "(SELECT canonical_id FROM merge_keys WHERE event_id IN (SELECT id FROM _new))")}
    pairs = [(x, y) for x, y in pairs if x in canon and y in canon]
    attach_links(store, data, knobs.linked)
    return _link(pairs, data, canon, knobs, Loader(store, knobs.linked))


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


class Loader:
    """Loads the reports of given ids into a run's ``data`` (rows as ``_by_id`` gives them, with the
    run's ``story_link.Links`` extended to their articles), all at once."""

    def __init__(self, store: Any, linked: float = DEFAULT.linked) -> None:
        self.store, self.linked = store, linked
        self.loaded = 0  # rows loaded (bench, tests)

    def __call__(self, data: dict[str, dict[str, Any]], ids: list[str]) -> None:
        rows = _by_id(self.store, sorted(set(ids) - set(data)))
        self.loaded += len(rows)
        links = next((r["links"] for r in data.values() if "links" in r), None)
        if links is None:
            data.update({r["id"]: r for r in rows})
            attach_links(self.store, data, self.linked)
            return
        links.add(self.store, {r["article_id"] for r in rows})
        for r in rows:
            r["links"] = links
            data[r["id"]] = r


def _link(pairs: list[tuple[str, str]], data: dict[str, dict[str, Any]], canon: dict[str, str],
          knobs: Knobs = DEFAULT, load: Loader | None = None) -> dict[str, str]:
    """Union the groups of linked pairs; returns old canonical id -> new one for changed groups.
    ``canon`` holds every member that can keep a join apart; with ``load``, ``data`` need hold only
    the pairs' reports: the members of the groups of compatible pairs (the only groups a join is
    tried between, whatever the order of the joins) are loaded first, in one read."""
    parent: dict[str, str] = {c: c for c in canon.values()}
    group: dict[str, list[str]] = defaultdict(list)  # root -> its events that were loaded
    for eid, c in canon.items():
        group[c].append(eid)
    members = {c: list(xs) for c, xs in group.items()}
    ordered = sorted({tuple(sorted(p)) for p in pairs})
    fit: set[tuple[str, str]] | None = None
    if load is not None:
        fit = {(a, b) for a, b in ordered if a in data and b in data and compatible(data[a], data[b], knobs)}
        joinable = {canon[x] for pr in fit for x in pr}
        load(data, [e for c in sorted(joinable) for e in members[c] if e not in data])

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in ordered:
        if a not in data or b not in data:
            continue
        ra, rb = find(canon[a]), find(canon[b])
        if ra == rb or not ((a, b) in fit if fit is not None else compatible(data[a], data[b], knobs)):
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
