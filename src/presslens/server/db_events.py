"""Events, their timeline and map, one event with its reports, size conflicts (part of the query
layer, ``db.py``)."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from . import cursor
from .db_base import JSON_COLS, DbBase, _loads


class EventQueries(DbBase):
    # ------------------------------------------------------------------ events
    # The columns a filter reads, in the events table joined with its article (``e``/``a``) and in
    # ``event_order`` (``o``, below), which holds the same values under one name each; ``day`` is
    # the effective date, '' there when the report and its article have none.
    _FILTER_E = {"type": "e.type", "country": "e.country", "status": "e.status",
                 "source": "coalesce(a.source, '(unknown)')", "canonical": "e.canonical_id",
                 "day": "left(coalesce(e.date, a.published), 10)", "actors": "e.actors",
                 "recipients": "e.recipients", "q": "contains(lower(e.text), lower(?))"}
    _FILTER_O = {"type": "o.type", "country": "o.country", "status": "o.status", "source": "o.source",
                 "canonical": "o.canonical_id", "day": "o.day", "actors": "o.actors",
                 "recipients": "o.recipients", "q": "contains(o.text_lc, lower(?))"}

    def _filter(self, f: dict[str, Any], col: dict[str, str]) -> tuple[str, list[Any]]:
        where, params = ["TRUE"], []
        for key in ("type", "country", "status", "source", "canonical"):
            if f.get(key):
                where.append(f"{col[key]} = ?")
                params.append(f[key])
        if f.get("actor"):
            # A cheap substring test on the id as JSON writes it first; the JSON check makes it exact.
            like = json.dumps(f["actor"], ensure_ascii=False)
            acts, recs = col["actors"], col["recipients"]
            where.append(f"((contains(CAST({acts} AS VARCHAR), ?) OR contains(CAST({recs} AS VARCHAR), ?)) "
                         f"AND (list_contains(from_json({acts}, '[\"VARCHAR\"]'), ?) "
                         f"OR list_contains(from_json({recs}, '[\"VARCHAR\"]'), ?)))")
            params += [like, like, f["actor"], f["actor"]]
        if f.get("date_from"):
            where.append(f"{col['day']} >= ?")
            params.append(f["date_from"])
        if f.get("date_to"):
            where.append(f"{col['day']} <> '' AND {col['day']} <= ?")
            params.append(f["date_to"] + "\uffff")
        if f.get("q"):
            where.append(col["q"])
            params.append(f["q"])
        return " AND ".join(where), params

    def _event_filter(self, f: dict[str, Any]) -> tuple[str, list[Any]]:
        return self._filter(f, self._FILTER_E)

    _EVENT_COLS = (
        "e.id, e.type, e.mode, e.status, left(coalesce(e.date, a.published), 10) AS date, e.date_precision, "
        "e.date IS NULL AS date_from_article, e.place_name, e.country, e.geonameid, e.geo_precision, e.actors, "
        "e.recipients, e.actor_agents, e.recipient_agents, e.size, e.claimed_by, e.quote_id, e.canonical_id, e.text, "
        "coalesce(a.source, '(unknown)') AS source, a.title, a.published, e.article_id, a.page_id, e.start, e.\"end\""
    )

    # The list's order (cursor.py): newest event date (the article's when the report has none),
    # then the article and the position in it; ``event_order`` below holds these keys.
    KEY = (("o.day", "DESC"), ("o.article_id", "ASC"), ("o.start", "ASC"), ("o.id", "ASC"))
    # The list's columns as ``event_order`` holds them (the article's title and page are looked up
    # by the article's primary key per page).
    _LIST_COLS = (
        "o.id, o.type, o.mode, o.status, nullif(o.day, '') AS date, o.date_precision, o.date_from_article, "
        "o.place_name, o.country, o.geonameid, o.geo_precision, o.actors, o.recipients, o.actor_agents, "
        "o.recipient_agents, o.size, o.claimed_by, "
        "o.quote_id, o.canonical_id, o.text, o.source"
    )

    _LIST_NAMES = ("id", "type", "mode", "status", "date", "date_precision", "date_from_article", "place_name",
                   "country", "geonameid", "geo_precision", "actors", "recipients", "actor_agents", "recipient_agents",
                   "size", "claimed_by", "quote_id",
                   "canonical_id", "text", "source")

    def _event_order(self) -> None:
        """The events list's rows in list order, in memory while the store stays the same (built
        once after each ingest commit). At 100k articles (~400k events) sorting by the event's
        effective date joined every event with its article (130-360 ms CPU a page), and even
        fetching a page's 50 events by id read the whole events table (~100 ms: it has no index);
        here a page is a range of ``rn`` or a top-N over one in-memory table. Its size is that of
        the events' list columns (~80 MB at 400k events, less than the search index's copy of
        the article texts). ``text_lc``, the text lower-cased, answers a text filter (``q``, a
        substring: ``contains``, so "%" and "_" are plain characters), 5x cheaper than case-folding every event's text per request (400k events:
        120 -> 23 ms CPU; +~35 MB)."""
        with self._index_lock:
            if self._order_ready:
                return
            self.con.cursor().execute(
                "CREATE OR REPLACE TABLE event_order AS SELECT row_number() OVER (ORDER BY day DESC, article_id, "
                "start, id) AS rn, * FROM (SELECT e.id, coalesce(left(coalesce(e.date, a.published), 10), '') AS day, "
                "e.article_id, e.start, e.\"end\", e.type, e.mode, e.status, e.date_precision, "
                "e.date IS NULL AS date_from_article, e.place_name, e.country, e.geonameid, e.geo_precision, "
                "e.actors, e.recipients, e.actor_agents, e.recipient_agents, e.size, e.claimed_by, e.quote_id, "
                "e.canonical_id, e.text, lower(e.text) AS text_lc, coalesce(a.source, '(unknown)') AS source "
                "FROM s.events e JOIN s.articles a ON a.id = e.article_id) ORDER BY rn")
            # A filtered page's row numbers are found first, then its rows through this index (``events``).
            self.con.cursor().execute("CREATE INDEX event_order_rn ON event_order (rn)")
            self._order_ready = True

    def _order_filter(self, f: dict[str, Any]) -> tuple[str, list[Any]]:
        return self._filter(f, self._FILTER_O)

    def events(self, f: dict[str, Any], *, limit: int | None, offset: int = 0,
               after: str | None = None) -> dict[str, Any]:
        nxt = None
        if limit is None:
            where, params = self._event_filter(f)
            rows = self.rows(f"SELECT {self._EVENT_COLS} FROM s.events e JOIN s.articles a ON a.id = e.article_id "
                             f"WHERE {where} ORDER BY left(coalesce(e.date, a.published), 10) DESC NULLS LAST, "
                             "e.article_id, e.start, e.id", params)
            total = len(rows)
        else:
            self._event_order()
            where, params = self._order_filter(f)
            cond, cparams = cursor.after(self.KEY, after)
            cols = f"{self._LIST_COLS}, o.article_id, o.start, o.\"end\", {cursor.select(self.KEY)}"
            if where == "TRUE" and not after:  # the whole list: a page is a range of its row numbers
                found = self.rows(f"SELECT {cols} FROM event_order o WHERE o.rn > ? AND o.rn <= ? ORDER BY o.rn",
                                  [int(offset), int(offset) + int(limit) + 1])
            else:
                # The page's row numbers first (only the filter's columns are read), then its rows by
                # ``rn`` through the index: one query read every column of every matching row (a
                # type's page at 400k events: 15 ms CPU, this 2 + 5 ms; bench, session 20).
                rns = [int(r["rn"]) for r in self.rows(
                    f"SELECT o.rn FROM event_order o WHERE {where} AND {cond} ORDER BY o.rn "
                    f"LIMIT {int(limit) + 1} OFFSET {int(offset)}", [*params, *cparams])]
                found = self.rows(f"SELECT {cols} FROM event_order o WHERE o.rn IN ({', '.join(map(str, rns))}) "
                                  "ORDER BY o.rn") if rns else []
            found, nxt = cursor.next_cursor(found, self.KEY, limit)
            art_ids = sorted({r["article_id"] for r in found})
            arts = {r["id"]: r for r in self.rows(
                "SELECT id, title, published, page_id FROM s.articles WHERE id IN "
                f"({', '.join('?' for _ in art_ids)})", art_ids)} if art_ids else {}
            rows = []
            for r in found:  # the columns of ``_EVENT_COLS``, in its order
                a = arts.get(r["article_id"], {})
                rows.append({**{k: r[k] for k in self._LIST_NAMES}, "title": a.get("title"),
                             "published": a.get("published"), "article_id": r["article_id"],
                             "page_id": a.get("page_id"), "start": r["start"], "end": r["end"]})
            total = self.aggregate("events_total", f, lambda: int(self.scalar(
                f"SELECT count(*) FROM event_order o WHERE {where}", params)))
        rows = [_loads(r, JSON_COLS["events"]) for r in rows]
        names = self.actor_names({x for r in rows for k in PARTY_COLS for x in (r.get(k) or [])})
        for r in rows:
            _party_names(r, names)
        return {"total": total, "offset": offset, "rows": rows, "next": nxt}

    def event_facets(self, f: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        where, params = self._event_filter(f)
        frm = f"FROM s.events e JOIN s.articles a ON a.id = e.article_id WHERE {where}"
        return {
            "type": self.rows(f"SELECT e.type AS value, count(*) AS n {frm} GROUP BY 1 ORDER BY 2 DESC, 1", params),
            "source": self.rows(f"SELECT coalesce(a.source, '(unknown)') AS value, count(*) AS n {frm} "
                                "GROUP BY 1 ORDER BY 2 DESC, 1", params),
            "country": self.rows(f"SELECT e.country AS value, count(*) AS n {frm} AND e.country IS NOT NULL "
                                 "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 30", params),
        }

    def timeline(self, f: dict[str, Any], by: str) -> dict[str, Any]:
        where, params = self._event_filter(f)
        key = "e.type" if by == "type" else "coalesce(a.source, '(unknown)')"
        rows = self.rows(
            f"SELECT left(coalesce(e.date, a.published), 7) AS period, {key} AS key, count(*) AS n "
            f"FROM s.events e JOIN s.articles a ON a.id = e.article_id WHERE {where} "
            "AND coalesce(e.date, a.published) IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2", params)
        undated = int(self.scalar(
            f"SELECT count(*) FROM s.events e JOIN s.articles a ON a.id = e.article_id WHERE {where} "
            "AND coalesce(e.date, a.published) IS NULL", params))
        return {"by": by, "rows": rows, "undated": undated}

    def event_map(self, f: dict[str, Any]) -> dict[str, Any]:
        where, params = self._event_filter(f)
        rows = self.rows(
            "SELECT coalesce(p.lat, g.lat) AS lat, coalesce(p.lon, g.lon) AS lon, "
            "coalesce(e.place_name, p.name, g.name) AS place, e.country, count(*) AS n, "
            "list(e.id ORDER BY e.id)[1:50] AS event_ids, list(DISTINCT e.type) AS types "
            "FROM s.events e JOIN s.articles a ON a.id = e.article_id "
            "LEFT JOIN s.places p ON p.id = e.place_id "
            "LEFT JOIN (SELECT geonameid, any_value(lat) AS lat, any_value(lon) AS lon, any_value(name) AS name "
            "  FROM s.places WHERE lat IS NOT NULL GROUP BY 1) g ON g.geonameid = e.geonameid "
            f"WHERE {where} AND coalesce(p.lat, g.lat) IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY n DESC", params)
        # Events placed no finer than a country (the gazetteer keeps no coordinates for
        # countries): one group per country, drawn by the UI at its populated land's centre.
        unplaced = ("FROM s.events e JOIN s.articles a ON a.id = e.article_id "
                    "LEFT JOIN s.places p ON p.id = e.place_id "
                    f"WHERE {where} AND p.lat IS NULL AND (e.geonameid IS NULL OR e.geonameid NOT IN "
                    "(SELECT geonameid FROM s.places WHERE lat IS NOT NULL AND geonameid IS NOT NULL))")
        countries = self.rows(
            "SELECT e.country, count(*) AS n, list(e.id ORDER BY e.id)[1:50] AS event_ids, "
            f"list(DISTINCT e.type) AS types {unplaced} AND e.country IS NOT NULL GROUP BY 1 ORDER BY n DESC", params)
        unlocated = int(self.scalar(f"SELECT count(*) {unplaced} AND e.country IS NULL", params))
        return {"points": rows, "countries": countries, "unlocated": unlocated}

    def event(self, event_id: str) -> dict[str, Any] | None:
        rows = self.rows(f"SELECT {self._EVENT_COLS} FROM s.events e JOIN s.articles a ON a.id = e.article_id "
                         "WHERE e.id = ?", [event_id])
        if not rows:
            return None
        ev = _loads(rows[0], JSON_COLS["events"])
        # Provenance for the event page: the named rules that produced this report and its trigger
        # span (page offsets); the lists above leave them out to stay small.
        prov = self.rows("SELECT rules, trigger_start, trigger_end FROM s.events WHERE id = ?", [event_id])[0]
        ev.update(_loads(prov, JSON_COLS["events"]))
        ev["rules"] = ev.get("rules") or []
        if ev.get("canonical_id"):
            reports = self.events({"canonical": ev["canonical_id"]}, limit=None)["rows"]
        else:
            reports = [dict(ev)]  # a copy: the event holds its reports
        ids = [r["id"] for r in reports]
        nums = self.rows(
            "SELECT id, event_id, text, low, high, approx, counts, article_id, start, \"end\" FROM s.numbers "
            f"WHERE event_id IN ({', '.join('?' for _ in ids)}) ORDER BY article_id, start", ids)
        by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for n in nums:
            by_event[n["event_id"]].append(n)
        for r in reports:
            r["numbers"] = by_event.get(r["id"], [])
        names = self.actor_names({x for r in [ev, *reports] for k in PARTY_COLS for x in (r.get(k) or [])}
                                 | ({ev["claimed_by"]} if ev.get("claimed_by") else set()))
        _party_names(ev, names)
        ev["claimed_by_name"] = names.get(ev.get("claimed_by") or "", {}).get("name")
        ev["reports"] = reports
        return ev

    def conflicts(self) -> list[dict[str, Any]]:
        """Canonical events reported more than once whose size figures differ between reports."""
        rows = self.rows(
            f"SELECT {self._EVENT_COLS} FROM s.events e JOIN s.articles a ON a.id = e.article_id "
            "WHERE e.canonical_id IN (SELECT canonical_id FROM s.events WHERE canonical_id IS NOT NULL "
            "GROUP BY 1 HAVING count(*) > 1) ORDER BY e.canonical_id, source, e.article_id")
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            groups[r["canonical_id"]].append(_loads(r, JSON_COLS["events"]))
        out = []
        for cid, reps in groups.items():
            keys = sorted({k for r in reps for k in (r.get("size") or {})})
            differing = [k for k in keys if len({json.dumps((r.get("size") or {}).get(k)) for r in reps}) > 1]
            if not differing:
                continue
            out.append({"canonical_id": cid, "type": reps[0]["type"], "keys": keys, "differing": differing,
                        "reports": reps})
        return out


# An event's parties: named actors and recipients, and the generic sector agents of the slots no name fills.
PARTY_COLS = ("actors", "recipients", "actor_agents", "recipient_agents")


def _party_names(r: dict[str, Any], names: dict[str, Any]) -> None:
    """``<role>_names`` beside each party list (``actor_agent_names``: "Police", "Iraq: Police")."""
    for k in PARTY_COLS:
        r[f"{k[:-1]}_names"] = [names.get(x, {}).get("name", x) for x in r.get(k) or []]

