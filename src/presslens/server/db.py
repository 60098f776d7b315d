"""Read-only query layer behind the HTTP API.

The store is ATTACHed read-only (as ``s``) to an in-memory DuckDB, so the server can never write to
it; the full-text index (see ``fts.py``) lives in that in-memory database beside it. Every request
runs on its own cursor, which is safe under uvicorn's thread pool. All SQL is parameterised; the
only interpolated names come from fixed allow-lists in these modules.

The store is attached only while requests run (``reading()``, reference counted) and detached
when the server is idle: DuckDB lets one process write a file only while no other has it open, so
an ``ingest`` can commit its batches while ``serve`` runs, and each request sees the last
committed state. Cached results are dropped when the store file has changed since they were made.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..across.naming import naming
from ..store import TABLES
from . import cursor
from .db_articles import ArticleQueries
from .db_base import JSON_COLS, LAYERS, PAGE_ITEMS, DbBase, _loads, page_id_of
from .db_events import EventQueries

__all__ = ["JSON_COLS", "LAYERS", "Db", "DbBase", "_loads", "page_id_of"]

_QUOTE_REL = {
    "by": "q.speaker_id = ?",
    "about": "coalesce(q.speaker_id, '') <> ? AND EXISTS (SELECT 1 FROM s.mentions m WHERE m.article_id = q.article_id "
             "AND m.actor_id = ? AND m.start >= q.start AND m.\"end\" <= q.\"end\")",
}


class Db(ArticleQueries, EventQueries):
    """The store opened read-only plus an in-memory search index: the query layer is split by
    subject (``db_base.py`` the connection, ``db_articles.py``, ``db_events.py``; actors, findings
    and errors here)."""

    # ------------------------------------------------------------------ overview
    def overview(self) -> dict[str, Any]:
        counts = {t: int(self.scalar(f"SELECT count(*) FROM s.{t}")) for t in TABLES}  # fixed names
        rng = self.rows("SELECT min(left(published, 10)) AS first, max(left(published, 10)) AS last FROM s.articles "
                        "WHERE published IS NOT NULL")[0]
        sources = self.rows(
            "SELECT coalesce(source, '(unknown)') AS source, count(*) AS articles, count(DISTINCT page_id) AS pages, "
            "min(left(published, 10)) AS first, max(left(published, 10)) AS last "
            "FROM s.articles GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        # The table is a log (a batch run again logs its bad files again): each error once, at its
        # latest run, with how many times it was recorded.
        errors = self.rows(
            "SELECT path, problem, message, line, CAST(max(\"at\") AS VARCHAR) AS \"at\", count(*) AS times "
            "FROM s.ingest_errors GROUP BY ALL ORDER BY max(\"at\") DESC NULLS LAST, message LIMIT 20"
        )
        counts["ingest_errors_distinct"] = int(self.scalar("SELECT count(DISTINCT message) FROM s.ingest_errors"))
        top_actors = self.rows(
            "SELECT m.actor_id AS id, coalesce(any_value(a.name), m.actor_id) AS name, any_value(a.type) AS type, "
            "count(*) AS mentions FROM s.mentions m LEFT JOIN s.actors a ON a.id = m.actor_id "
            "WHERE m.actor_id IS NOT NULL GROUP BY 1 ORDER BY 4 DESC, 2 LIMIT 10"
        )
        event_types = self.rows("SELECT type, count(*) AS n FROM s.events GROUP BY 1 ORDER BY 2 DESC, 1")
        findings = self.rows("SELECT kind, count(*) AS n FROM s.findings GROUP BY 1 ORDER BY 2 DESC, 1")
        languages = self.rows(
            "SELECT coalesce(language, '?') AS language, count(*) AS articles, "
            "count(*) FILTER (WHERE json_array_length(skipped) > 0) AS skipped FROM s.articles GROUP BY 1 ORDER BY 2 DESC, 1")
        return {
            "languages": languages,
            "db": Path(self.path).name,
            "counts": counts,
            "date_range": rng,
            "sources": sources,
            "recent_errors": errors,
            "top_actors": top_actors,
            "event_types": event_types,
            "findings": findings,
            "search": self.search_mode,
        }

    # ------------------------------------------------------------------ actors
    # The lists' orders (cursor.py).
    ACTOR_KEY = (("coalesce(m.n, 0)", "DESC"), ("coalesce(ac.name, '')", "ASC"), ("ac.id", "ASC"))
    FINDING_KEY = (("kind", "ASC"), ("id", "ASC"))
    ERROR_KEY = (("coalesce(CAST(\"at\" AS VARCHAR), '')", "DESC"), ("coalesce(path, '')", "ASC"),
                 ("coalesce(problem, '')", "ASC"), ("coalesce(CAST(line AS BIGINT), -1)", "ASC"),
                 ("coalesce(message, '')", "ASC"))

    def actors(self, f: dict[str, Any], *, limit: int | None, offset: int = 0,
               after: str | None = None) -> dict[str, Any]:
        where, params = ["TRUE"], []
        if f.get("q"):
            # A substring, case aside (``contains``: a user's "50%" or "a_b" is taken literally).
            where.append("(contains(lower(ac.name), lower(?)) OR contains(lower(CAST(ac.aliases AS VARCHAR)), lower(?)))")
            params += [f["q"]] * 2
        if f.get("type"):
            where.append("ac.type = ?")
            params.append(f["type"])
        if f.get("sector"):
            where.append("ac.sector = ?")
            params.append(f["sector"])
        w = " AND ".join(where)
        self._actor_stats()
        frm = f"FROM s.actors ac LEFT JOIN actor_stats m ON m.actor_id = ac.id WHERE {w}"
        cols = ("ac.id, ac.name, ac.type, ac.sector, ac.country, ac.affiliation, ac.provisional, ac.wikidata, "
                "coalesce(m.n, 0) AS mentions, coalesce(m.articles, 0) AS articles, coalesce(m.sources, 0) AS sources, "
                "coalesce(m.quotes, 0) AS quotes")
        key = self.ACTOR_KEY
        nxt = None
        if limit is None:
            rows = self.rows(f"SELECT {cols} {frm} {cursor.order_by(key)}", params)
        else:
            cond, cparams = cursor.after(key, after)
            rows, nxt = cursor.next_cursor(self.rows(
                f"SELECT {cols}, {cursor.select(key)} {frm} AND {cond} {cursor.order_by(key)} "
                f"LIMIT {int(limit) + 1} OFFSET {int(offset)}", [*params, *cparams]), key, limit)
        total = self.aggregate("actors_total", f, lambda: int(self.scalar(f"SELECT count(*) {frm}", params)))
        types = self.aggregate("actor_types", {}, lambda: self.rows(
            "SELECT type AS value, count(*) AS n FROM s.actors GROUP BY 1 ORDER BY 2 DESC"))
        sectors = self.aggregate("actor_sectors", {}, lambda: self.rows(
            "SELECT sector AS value, count(*) AS n FROM s.actors WHERE sector IS NOT NULL GROUP BY 1 ORDER BY 2 DESC"))
        return {"total": total, "offset": offset, "rows": rows, "next": nxt,
                "facets": {"type": types, "sector": sectors}}

    def _actor_stats(self) -> None:
        """Per-actor counts over every mention and quote, kept in memory while the store stays
        the same (the list pages through them; counting ~700k mentions per page cost ~400 ms)."""
        with self._index_lock:
            if self._stats_ready:
                return
            self.con.cursor().execute(
                "CREATE OR REPLACE TABLE actor_stats AS SELECT coalesce(m.actor_id, q.speaker_id) AS actor_id, "
                "m.n, m.articles, m.sources, q.n AS quotes FROM "
                "(SELECT mm.actor_id, count(*) AS n, count(DISTINCT mm.article_id) AS articles, "
                "count(DISTINCT a.source) AS sources FROM s.mentions mm JOIN s.articles a ON a.id = mm.article_id "
                "WHERE mm.actor_id IS NOT NULL GROUP BY 1) m FULL JOIN "
                "(SELECT speaker_id, count(*) AS n FROM s.quotes WHERE speaker_id IS NOT NULL GROUP BY 1) q "
                "ON q.speaker_id = m.actor_id")
            self._stats_ready = True

    def actor_mentions(self, f: dict[str, Any]) -> list[dict[str, Any]]:
        """One row per mention of the listed actors (the actors CSV: evidence, with offsets)."""
        ids = [r["id"] for r in self.actors(f, limit=None)["rows"]]
        if not ids:
            return []
        return self.rows(
            "SELECT m.actor_id, ac.name AS actor_name, ac.type AS actor_type, m.text, m.method, m.role, "
            "coalesce(a.source, '(unknown)') AS source, a.published, m.article_id, a.page_id, m.start, m.\"end\" "
            "FROM s.mentions m JOIN s.articles a ON a.id = m.article_id JOIN s.actors ac ON ac.id = m.actor_id "
            f"WHERE m.actor_id IN ({', '.join('?' for _ in ids)}) ORDER BY m.actor_id, m.article_id, m.start",
            ids,
        )

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        rows = self.rows("SELECT * FROM s.actors WHERE id = ?", [actor_id])
        if not rows:
            return None
        actor = _loads(rows[0], JSON_COLS["actors"])
        actor["names_by_source"] = self.rows(
            "SELECT coalesce(a.source, '(unknown)') AS source, m.text AS name, count(*) AS n "
            "FROM s.mentions m JOIN s.articles a ON a.id = m.article_id WHERE m.actor_id = ? "
            "GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2", [actor_id])
        actor["naming"] = naming(self, actor_id, prefix="s.")
        actor["mentions_by_source"] = self.rows(
            "SELECT coalesce(a.source, '(unknown)') AS source, count(*) AS n, count(DISTINCT a.id) AS articles "
            "FROM s.mentions m JOIN s.articles a ON a.id = m.article_id WHERE m.actor_id = ? "
            "GROUP BY 1 ORDER BY 2 DESC, 1", [actor_id])
        # The page shows the newest few; the CSV exports carry every row.
        for key, rel in (("quotes_by", "by"), ("quotes_about", "about")):
            actor[key] = self.actor_quotes(actor_id, rel, limit=PAGE_ITEMS)
            actor[key + "_total"] = int(self.scalar(
                f"SELECT count(*) FROM s.quotes q WHERE {_QUOTE_REL[rel]}", [actor_id] * (1 if rel == "by" else 2)))
        ev = self.events({"actor": actor_id}, limit=PAGE_ITEMS)
        actor["events"], actor["events_total"] = self._as_role(ev["rows"], actor_id), ev["total"]
        actor["articles"] = self.rows(
            "SELECT a.id, a.title, coalesce(a.source, '(unknown)') AS source, a.published, count(*) AS mentions "
            "FROM s.mentions m JOIN s.articles a ON a.id = m.article_id WHERE m.actor_id = ? "
            "GROUP BY 1, 2, 3, 4 ORDER BY 4 DESC NULLS LAST, 1 LIMIT 200", [actor_id])
        return actor

    def actor_quotes(self, actor_id: str, rel: str, limit: int | None = None) -> list[dict[str, Any]]:
        cond = _QUOTE_REL[rel]
        params = [actor_id] if rel == "by" else [actor_id, actor_id]
        return self.rows(
            "SELECT q.id, q.kind, q.text, q.speaker_text, q.speaker_id, sp.name AS speaker_name, q.cue, "
            "coalesce(a.source, '(unknown)') AS source, a.published, a.title, q.article_id, a.page_id, "
            "q.start, q.\"end\" FROM s.quotes q JOIN s.articles a ON a.id = q.article_id "
            f"LEFT JOIN s.actors sp ON sp.id = q.speaker_id WHERE {cond} "
            "ORDER BY a.published DESC NULLS LAST, q.article_id, q.start"
            + (f" LIMIT {int(limit)}" if limit is not None else ""), params)

    @staticmethod
    def _as_role(rows: list[dict[str, Any]], actor_id: str) -> list[dict[str, Any]]:
        for r in rows:
            r["as"] = "actor" if actor_id in (r.get("actors") or []) else "recipient"
        return rows

    def actor_events(self, actor_id: str) -> list[dict[str, Any]]:
        return self._as_role(self.events({"actor": actor_id}, limit=None)["rows"], actor_id)

    def multi_speaker_quotes(self) -> list[dict[str, Any]]:
        """Statements attributed to more than one speaker, as the findings layer decided them.

        One source of truth: the `same_quote_different_speakers` findings (fuzzy matching, across
        articles), not a second, cruder grouping here. Joint attribution in one sentence
        ("stated by A and B") is not flagged there, so it is not listed here either.
        """
        found = self.rows("SELECT id, refs FROM s.findings WHERE kind = 'same_quote_different_speakers' ORDER BY id")
        refs = {f["id"]: json.loads(f["refs"]) if isinstance(f["refs"], str) else (f["refs"] or []) for f in found}
        # Every finding's quotes in one query (one query per finding took 7 minutes at 100k articles:
        # each scanned the quotes table).
        wanted = sorted({r["item_id"] for rs in refs.values() for r in rs if r.get("item_id")})
        quotes = {q["id"]: q for q in self.rows_in(
            "SELECT q.id, q.kind, q.text, q.speaker_text, q.speaker_id, sp.name AS speaker_name, "
            "coalesce(a.source, '(unknown)') AS source, a.title, a.published, q.article_id, a.page_id, q.start, "
            "q.\"end\" FROM s.quotes q JOIN s.articles a ON a.id = q.article_id "
            "LEFT JOIN s.actors sp ON sp.id = q.speaker_id WHERE q.id IN (SELECT v FROM _ids)", wanted)} if wanted else {}
        out = []
        for f in found:
            rows = sorted((dict(quotes[i]) for i in {r["item_id"] for r in refs[f["id"]] if r.get("item_id")}
                           if i in quotes), key=lambda q: (q["source"], q["article_id"], q["start"]))
            if not rows or len({r["speaker_id"] or r["speaker_text"] for r in rows}) < 2:
                continue
            out.append({"text": rows[0]["text"], "finding_id": f["id"],
                        "speakers": sorted({r["speaker_name"] or r["speaker_text"] or "?" for r in rows}),
                        "quotes": rows})
        return out

    def findings_page(self, kind: str | None, *, limit: int, offset: int = 0,
                      after: str | None = None) -> dict[str, Any]:
        """One page of findings (ordered by kind and id) with the total and the next page's cursor."""
        where, params = ("WHERE kind = ? ", [kind]) if kind else ("", [])
        total = self.aggregate("findings_total", {"kind": kind}, lambda: int(self.scalar(
            f"SELECT count(*) FROM s.findings {where}", params)))
        rows, nxt = self._findings(kind, limit=limit, offset=offset, after=after)
        return {"total": total, "offset": offset, "limit": limit, "rows": rows, "next": nxt}

    def findings(self, kind: str | None = None, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        return self._findings(kind, limit=limit, offset=offset)[0]

    def _findings(self, kind: str | None, *, limit: int | None, offset: int = 0,
                  after: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        where = "WHERE kind = ? " if kind else ""
        params: list[Any] = [kind] if kind else []
        key, nxt = self.FINDING_KEY, None
        if limit is not None and not after:  # a deep offset page starts after a mark (cursor.from_mark)
            after, offset = self.from_mark("findings", {"kind": kind}, f"FROM s.findings {where}", key, params, offset)
        if limit is not None:
            # The page's keys first: sorting whole rows (refs carry passages) costs more than the page.
            cond, cparams = cursor.after(key, after)
            found, nxt = cursor.next_cursor(self.rows(
                f"SELECT id, {cursor.select(key)} FROM s.findings {where or 'WHERE '}{'AND ' if where else ''}{cond} "
                f"{cursor.order_by(key)} LIMIT {int(limit) + 1} OFFSET {int(offset)}", [*params, *cparams]),
                key, limit)
            rows = self.rows_in("SELECT * FROM s.findings WHERE id IN (SELECT v FROM _ids) ORDER BY kind, id",
                                [r["id"] for r in found]) if found else []
        else:
            rows = self.rows(f"SELECT * FROM s.findings {where}ORDER BY kind, id", params)
        arts = {}
        rows = [_loads(r, JSON_COLS["findings"]) for r in rows]
        ids = sorted({ref["article_id"] for r in rows for ref in r.get("refs") or []})
        if ids:
            arts = {a["id"]: a for a in self.rows_in(
                "SELECT id, coalesce(source, '(unknown)') AS source, title, page_id FROM s.articles "
                "WHERE id IN (SELECT v FROM _ids)", ids)}
        for r in rows:
            for ref in r.get("refs") or []:
                a = arts.get(ref["article_id"], {})
                ref["source"] = a.get("source")
                ref["title"] = a.get("title")
                ref["page_id"] = a.get("page_id") or page_id_of(ref["article_id"])
        return rows, nxt

    def errors_page(self, *, limit: int, offset: int = 0, after: str | None = None) -> dict[str, Any]:
        total = int(self.scalar("SELECT count(*) FROM s.ingest_errors"))
        cond, cparams = cursor.after(self.ERROR_KEY, after)
        rows, nxt = cursor.next_cursor(self.rows(
            "SELECT path, problem, message, line, CAST(\"at\" AS VARCHAR) AS \"at\", "
            f"{cursor.select(self.ERROR_KEY)} FROM s.ingest_errors WHERE {cond} {cursor.order_by(self.ERROR_KEY)} "
            f"LIMIT {int(limit) + 1} OFFSET {int(offset)}", cparams), self.ERROR_KEY, limit)
        return {"total": total, "offset": offset, "limit": limit, "rows": rows, "next": nxt}

    def errors(self) -> list[dict[str, Any]]:
        return self.rows("SELECT path, problem, message, line, CAST(\"at\" AS VARCHAR) AS \"at\" FROM s.ingest_errors "
                         "ORDER BY \"at\" DESC NULLS LAST")
