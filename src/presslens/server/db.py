"""Read-only query layer behind the HTTP API.

The store is ATTACHed read-only (as ``s``) to an in-memory DuckDB, so the server can never write to
it; the full-text index (see ``fts.py``) lives in that in-memory database beside it. Every request
runs on its own cursor, which is safe under uvicorn's thread pool. All SQL is parameterised; the
only interpolated names come from fixed allow-lists in this module.

The store is attached only while requests run (``reading()``, reference counted) and detached
when the server is idle: DuckDB lets one process write a file only while no other has it open, so
an ``ingest`` can commit its batches while ``serve`` runs, and each request sees the last
committed state. Cached results are dropped when the store file has changed since they were made.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
from collections import OrderedDict, defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from ..across.naming import naming
from ..store import (
    BUSY_TIMEOUT_S,
    SCHEMA_VERSION,
    TABLES,
    SchemaMismatch,
    StoreBusy,
    StoreFailed,
    fts_extension_path,
)

LAYERS = ("mentions", "places", "dates", "quotes", "numbers", "events")
JSON_COLS = {
    "articles": ("tags", "captions", "parts", "skipped"),
    "actors": ("aliases",),
    "events": ("actors", "recipients", "size"),
    "findings": ("refs",),
}
PAGE_ITEMS = 50  # items per section on detail pages (CSV exports have all)
_QUOTE_REL = {
    "by": "q.speaker_id = ?",
    "about": "coalesce(q.speaker_id, '') <> ? AND EXISTS (SELECT 1 FROM s.mentions m WHERE m.article_id = q.article_id "
             "AND m.actor_id = ? AND m.start >= q.start AND m.\"end\" <= q.\"end\")",
}
WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)


def _loads(row: dict[str, Any], cols: Sequence[str]) -> dict[str, Any]:
    for c in cols:
        v = row.get(c)
        if isinstance(v, str):
            with contextlib.suppress(ValueError):
                row[c] = json.loads(v)
    return row


def page_id_of(article_id: str) -> str:
    return article_id.rsplit("-a", 1)[0]


class Db:
    """The store opened read-only plus an in-memory search index."""

    def __init__(self, path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = str(path)
        if not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path} (run `presslens ingest` first)")
        self.con = duckdb.connect(":memory:")
        self._lit = "'" + str(Path(self.path).resolve()).replace("'", "''") + "'"  # ATTACH takes no parameters
        self.busy_timeout = busy_timeout
        self.search_mode = "none"  # none -> ilike -> fts
        self._index_lock = threading.Lock()
        # Store-wide results are cached while the store file stays the same (see reading()).
        self._memo: dict[str, Any] = {}
        self._memo_lock = threading.Lock()
        self._facet_cache: OrderedDict[str, dict[str, list[dict[str, Any]]]] = OrderedDict()
        self._attach_lock = threading.Lock()
        self._readers = 0
        self._generation: tuple[int, ...] | None = None
        with self.reading():
            row = self._one("SELECT value FROM s.meta WHERE key = 'schema_version'", catch=True)
            if row is None or str(row[0]) != str(SCHEMA_VERSION):
                raise SchemaMismatch(
                    f"{self.path} has schema version {row[0] if row else 'none'}, this presslens needs "
                    f"{SCHEMA_VERSION}: re-ingest into a new store"
                )

    # ------------------------------------------------------------------ attach while reading
    def _stat(self) -> tuple[int, ...]:
        out: list[int] = []
        for f in (self.path, self.path + ".wal"):
            try:
                st = os.stat(f)
                out += [st.st_mtime_ns, st.st_size]
            except OSError:
                out += [0, 0]
        return tuple(out)

    def acquire(self) -> None:
        """Attach the store for a request (the first concurrent reader attaches it, waiting out a
        writer's commit up to the busy timeout; then StoreBusy)."""
        with self._attach_lock:
            if self._readers == 0:
                deadline = time.monotonic() + self.busy_timeout
                delay = 0.02
                while True:
                    try:
                        self.con.execute(f"ATTACH {self._lit} AS s (READ_ONLY)")
                        break
                    except duckdb.IOException as exc:
                        if "lock" not in str(exc).lower():
                            raise StoreFailed(f"cannot open store {self.path}: {' '.join(str(exc).split())}") \
                                from None
                        if time.monotonic() >= deadline:
                            raise StoreBusy(f"store {self.path} is being written; try again shortly") from None
                        time.sleep(delay)
                        delay = min(delay * 2, 0.5)
                    except duckdb.Error as exc:
                        raise StoreFailed(f"cannot open store {self.path}: {' '.join(str(exc).split())}") from None
                gen = self._stat()
                if gen != self._generation:
                    if self._generation is not None:  # an ingest committed since: cached results are stale
                        with self._memo_lock:
                            self._memo.clear()
                            self._facet_cache.clear()
                        self.search_mode = "none"
                    self._generation = gen
            self._readers += 1

    def release(self) -> None:
        with self._attach_lock:
            self._readers -= 1
            if self._readers == 0:
                self.con.execute("DETACH s")

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        self.acquire()
        try:
            yield
        finally:
            self.release()

    # ------------------------------------------------------------------ plumbing
    def _one(self, sql: str, params: Sequence[Any] = (), *, catch: bool = False) -> Any:
        try:
            return self.con.cursor().execute(sql, list(params)).fetchone()
        except duckdb.CatalogException:
            if catch:
                return None
            raise

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.cursor()
        cur.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def rows_in(self, sql: str, ids: Sequence[str]) -> list[dict[str, Any]]:
        """``rows`` for a query that reads the strings ``ids`` as the table ``_ids(v)``: an Arrow
        column, not one parameter per id (DuckDB converts a Python list element by element)."""
        import pyarrow as pa

        cur = self.con.cursor()
        cur.register("_ids", pa.table({"v": pa.array(list(ids), type=pa.string())}))
        try:
            cur.execute(sql)
            names = [d[0] for d in cur.description or []]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        finally:
            cur.unregister("_ids")

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.con.cursor().execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        self.con.close()

    # ------------------------------------------------------------------ search index
    def build_index(self) -> str:
        """Copy article text into memory and index it with DuckDB FTS (ILIKE fallback without it)."""
        with self._index_lock:
            if self.search_mode != "none":
                return self.search_mode
            cur = self.con.cursor()
            # Copied under a short attach: indexing runs on the copy, not holding the store open.
            with self.reading():
                cur.execute(
                    "CREATE OR REPLACE TABLE docs AS SELECT a.id, coalesce(a.title, '') AS title, "
                    "substr(p.text, a.body_start + 1, a.body_end - a.body_start) AS body "
                    "FROM s.articles a JOIN s.pages p ON p.id = a.page_id"
                )
            mode = "ilike"
            ext = fts_extension_path()
            if ext:
                try:
                    cur.execute(f"LOAD '{ext}'")  # path from the installed wheel, not user input
                    cur.execute("PRAGMA create_fts_index('docs', 'id', 'title', 'body', overwrite=1)")
                    mode = "fts"
                except duckdb.Error:
                    mode = "ilike"
            self.search_mode = mode
            return mode

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
        errors = self.rows(
            "SELECT path, problem, message, line, CAST(\"at\" AS VARCHAR) AS \"at\" FROM s.ingest_errors "
            "ORDER BY \"at\" DESC NULLS LAST LIMIT 20"
        )
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

    # ------------------------------------------------------------------ articles + search
    def _article_filter(self, f: dict[str, Any]) -> tuple[str, list[Any]]:
        where, params = ["TRUE"], []
        if f.get("source"):
            where.append("coalesce(a.source, '(unknown)') = ?")
            params.append(f["source"])
        if f.get("actor"):
            where.append("a.id IN (SELECT article_id FROM s.mentions WHERE actor_id = ?)")
            params.append(f["actor"])
        if f.get("type"):
            where.append("a.id IN (SELECT article_id FROM s.events WHERE type = ?)")
            params.append(f["type"])
        if f.get("date_from"):
            where.append("left(a.published, 10) >= ?")
            params.append(f["date_from"])
        if f.get("date_to"):
            where.append("left(a.published, 10) <= ?")
            params.append(f["date_to"] + "\uffff")  # a month "2019-08" includes its days
        return " AND ".join(where), params

    def _hits_cte(self, f: dict[str, Any]) -> tuple[str, list[Any]]:
        where, params = self._article_filter(f)
        q = (f.get("q") or "").strip()
        if not q:
            return (f"hits AS (SELECT a.id, 0.0 AS score FROM s.articles a WHERE {where})", params)
        mode = self.search_mode if self.search_mode != "none" else self.build_index()
        if mode == "fts":
            return (
                "hits AS (SELECT a.id, d.score FROM (SELECT id, fts_main_docs.match_bm25(id, ?) AS score "
                f"FROM docs) d JOIN s.articles a ON a.id = d.id WHERE d.score IS NOT NULL AND {where})",
                [q, *params],
            )
        terms = [t for t in WORD.findall(q)] or [q]
        like = " AND ".join("(d.title || ' ' || d.body) ILIKE ?" for _ in terms)
        return (
            f"hits AS (SELECT a.id, 1.0 AS score FROM docs d JOIN s.articles a ON a.id = d.id WHERE {like} AND {where})",
            [*("%" + t.replace("\\", "").replace("%", "").replace("_", "") + "%" for t in terms), *params],
        )

    def search(self, f: dict[str, Any], *, limit: int | None, offset: int = 0,
               with_facets: bool = True) -> dict[str, Any]:
        """Articles page plus facets, evaluating the (possibly full-text) match once."""
        cte, params = self._hits_cte(f)
        # Facets depend only on the filter, and the store is read-only while serving: cache them
        # (bounded) so paging through a result list does not recompute four GROUP BYs each time.
        key = json.dumps([f, self.search_mode], sort_keys=True, default=str)
        cur = self.con.cursor()  # its own connection: the temp table is private to this request
        cur.execute(f"CREATE TEMP TABLE hits AS WITH {cte} SELECT * FROM hits", params)
        try:
            out = self.articles(f, limit=limit, offset=offset, cur=cur)
            if with_facets:
                with self._memo_lock:
                    cached = self._facet_cache.get(key)
                    if cached is not None:
                        self._facet_cache.move_to_end(key)
                if cached is None:
                    cached = self.facets(f, cur=cur)
                    with self._memo_lock:
                        self._facet_cache[key] = cached
                        while len(self._facet_cache) > 256:
                            self._facet_cache.popitem(last=False)
                out["facets"] = cached
        finally:
            cur.close()
        return out

    def _rows_on(self, cur: duckdb.DuckDBPyConnection | None, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        if cur is None:
            return self.rows(sql, params)
        cur.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def articles(self, f: dict[str, Any], *, limit: int | None, offset: int = 0,
                 cur: duckdb.DuckDBPyConnection | None = None) -> dict[str, Any]:
        if cur is None:
            cte, params = self._hits_cte(f)
            cte = "WITH " + cte
        else:
            cte, params = "", []  # hits is a temp table on this cursor
        sort = "h.score DESC, a.published DESC NULLS LAST, a.id" if f.get("q") else \
            "a.published DESC NULLS LAST, a.page_id, a.seq"
        page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self._rows_on(
            cur, f"{cte} SELECT a.id, a.page_id, a.seq, a.title, a.byline, a.published, "
            "coalesce(a.source, '(unknown)') AS source, a.url, a.start, a.\"end\", a.body_start, a.body_end, "
            "round(h.score, 4) AS score FROM hits h JOIN s.articles a ON a.id = h.id "
            f"ORDER BY {sort} {page}",
            params,
        )
        total = int(self._rows_on(cur, f"{cte} SELECT count(*) AS n FROM hits", params)[0]["n"])
        q = (f.get("q") or "").strip()
        if rows and limit is not None:
            bodies = {r["id"]: r["body"] for r in self.rows(
                "SELECT a.id, substr(p.text, a.body_start + 1, least(a.body_end - a.body_start, 20000)) AS body "
                "FROM s.articles a JOIN s.pages p ON p.id = a.page_id "
                f"WHERE a.id IN ({', '.join('?' for _ in rows)})", [r["id"] for r in rows])}
            for r in rows:
                r["snippet"] = snippet(bodies.get(r["id"], ""), q)
        return {"total": total, "offset": offset, "rows": rows}

    def facets(self, f: dict[str, Any], cur: duckdb.DuckDBPyConnection | None = None
               ) -> dict[str, list[dict[str, Any]]]:
        if cur is None:
            cte, params = self._hits_cte(f)
            cte = "WITH " + cte
        else:
            cte, params = "", []
        out = {}
        q = lambda sql, p: self._rows_on(cur, sql, p)  # noqa: E731
        out["source"] = q(
            f"{cte} SELECT coalesce(a.source, '(unknown)') AS value, count(*) AS n FROM hits h "
            "JOIN s.articles a ON a.id = h.id GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 30", params)
        out["actor"] = q(
            f"{cte} SELECT m.actor_id AS value, coalesce(any_value(ac.name), m.actor_id) AS label, "
            "count(DISTINCT m.article_id) AS n FROM hits h JOIN s.mentions m ON m.article_id = h.id "
            "LEFT JOIN s.actors ac ON ac.id = m.actor_id WHERE m.actor_id IS NOT NULL "
            "GROUP BY 1 ORDER BY 3 DESC, 2 LIMIT 20", params)
        out["type"] = q(
            f"{cte} SELECT e.type AS value, count(DISTINCT e.article_id) AS n FROM hits h "
            "JOIN s.events e ON e.article_id = h.id GROUP BY 1 ORDER BY 2 DESC, 1", params)
        out["month"] = q(
            f"{cte} SELECT left(a.published, 7) AS value, count(*) AS n FROM hits h "
            "JOIN s.articles a ON a.id = h.id WHERE a.published IS NOT NULL GROUP BY 1 ORDER BY 1", params)
        return out

    def article(self, article_id: str) -> dict[str, Any] | None:
        arts = self.rows("SELECT * FROM s.articles WHERE id = ?", [article_id])
        if not arts:
            return None
        art = _loads(arts[0], JSON_COLS["articles"])
        art["source"] = art.get("source") or "(unknown)"
        page = self.rows(
            "SELECT key, url, path, fmt, title, published, captured, version, "
            "substr(text, ? + 1, ? - ?) AS window FROM s.pages WHERE id = ?",
            [art["start"], art["end"], art["start"], art["page_id"]],
        )
        win = page[0].pop("window") if page else ""
        art["page"] = page[0] if page else None
        art["text"] = win or ""
        art["text_offset"] = art["start"]  # page offset of text[0]
        for layer in LAYERS:
            rows = self.rows(f"SELECT * FROM s.{layer} WHERE article_id = ? ORDER BY start, \"end\"", [article_id])
            art[layer] = [_loads(r, JSON_COLS.get(layer, ())) for r in rows]
        ids = {m["actor_id"] for m in art["mentions"] if m.get("actor_id")}
        ids |= {q["speaker_id"] for q in art["quotes"] if q.get("speaker_id")}
        for e in art["events"]:
            ids |= set(e.get("actors") or []) | set(e.get("recipients") or [])
            if e.get("claimed_by"):
                ids.add(e["claimed_by"])
        art["actors"] = self.actor_names(ids)
        return art

    def actor_names(self, ids: set[str] | Sequence[str]) -> dict[str, dict[str, Any]]:
        ids = sorted(set(ids))
        if not ids:
            return {}
        rows = self.rows(f"SELECT id, name, type, country, affiliation, provisional FROM s.actors "
                         f"WHERE id IN ({', '.join('?' for _ in ids)})", ids)
        return {r["id"]: r for r in rows}

    def article_items(self, article_id: str) -> list[dict[str, Any]]:
        """Every span of one article as flat rows (its CSV export)."""
        art = self.article(article_id)
        if art is None:
            return []
        out = []
        for layer in LAYERS:
            for it in art[layer]:
                resolved = {
                    "mentions": lambda i: (art["actors"].get(i.get("actor_id") or "") or {}).get("name"),
                    "places": lambda i: i.get("name"),
                    "dates": lambda i: i.get("value"),
                    "quotes": lambda i: i.get("speaker_text"),
                    "numbers": lambda i: _range(i.get("low"), i.get("high")),
                    "events": lambda i: i.get("type"),
                }[layer](it)
                out.append({"layer": layer, "item_id": it["id"], "text": it["text"], "resolved": resolved,
                            "source": art["source"], "article_id": article_id, "page_id": art["page_id"],
                            "start": it["start"], "end": it["end"]})
        return out

    # ------------------------------------------------------------------ actors
    def actors(self, f: dict[str, Any], *, limit: int | None, offset: int = 0) -> dict[str, Any]:
        where, params = ["TRUE"], []
        if f.get("q"):
            where.append("(ac.name ILIKE ? OR CAST(ac.aliases AS VARCHAR) ILIKE ?)")
            params += [f"%{f['q']}%"] * 2
        if f.get("type"):
            where.append("ac.type = ?")
            params.append(f["type"])
        w = " AND ".join(where)
        base = (
            "SELECT ac.id, ac.name, ac.type, ac.country, ac.affiliation, ac.provisional, ac.wikidata, "
            "coalesce(m.n, 0) AS mentions, coalesce(m.articles, 0) AS articles, coalesce(m.sources, 0) AS sources, "
            "coalesce(q.n, 0) AS quotes FROM s.actors ac "
            "LEFT JOIN (SELECT mm.actor_id, count(*) AS n, count(DISTINCT mm.article_id) AS articles, "
            "count(DISTINCT a.source) AS sources FROM s.mentions mm JOIN s.articles a ON a.id = mm.article_id "
            "GROUP BY 1) m ON m.actor_id = ac.id "
            "LEFT JOIN (SELECT speaker_id, count(*) AS n FROM s.quotes GROUP BY 1) q ON q.speaker_id = ac.id "
            f"WHERE {w}"
        )
        page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self.rows(f"{base} ORDER BY mentions DESC, ac.name {page}", params)
        total = int(self.scalar(f"SELECT count(*) FROM ({base})", params))
        types = self.rows("SELECT type AS value, count(*) AS n FROM s.actors GROUP BY 1 ORDER BY 2 DESC")
        return {"total": total, "offset": offset, "rows": rows, "facets": {"type": types}}

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

    # ------------------------------------------------------------------ events
    def _event_filter(self, f: dict[str, Any]) -> tuple[str, list[Any]]:
        where, params = ["TRUE"], []
        for key, col in (("type", "e.type"), ("country", "e.country"), ("status", "e.status")):
            if f.get(key):
                where.append(f"{col} = ?")
                params.append(f[key])
        if f.get("source"):
            where.append("coalesce(a.source, '(unknown)') = ?")
            params.append(f["source"])
        if f.get("actor"):
            # A cheap substring test first; the JSON check then makes it exact.
            like = '%"' + f["actor"].replace("%", "").replace("_", "\\_") + '"%'
            where.append("((CAST(e.actors AS VARCHAR) LIKE ? ESCAPE '\\' OR CAST(e.recipients AS VARCHAR) LIKE ? "
                         "ESCAPE '\\') AND (list_contains(from_json(e.actors, '[\"VARCHAR\"]'), ?) "
                         "OR list_contains(from_json(e.recipients, '[\"VARCHAR\"]'), ?)))")
            params += [like, like, f["actor"], f["actor"]]
        if f.get("canonical"):
            where.append("e.canonical_id = ?")
            params.append(f["canonical"])
        if f.get("date_from"):
            where.append("left(coalesce(e.date, a.published), 10) >= ?")
            params.append(f["date_from"])
        if f.get("date_to"):
            where.append("left(coalesce(e.date, a.published), 10) <= ?")
            params.append(f["date_to"] + "\uffff")
        if f.get("q"):
            where.append("e.text ILIKE ?")
            params.append(f"%{f['q']}%")
        return " AND ".join(where), params

    _EVENT_COLS = (
        "e.id, e.type, e.mode, e.status, left(coalesce(e.date, a.published), 10) AS date, e.date_precision, "
        "e.date IS NULL AS date_from_article, e.place_name, e.country, e.geonameid, e.geo_precision, e.actors, "
        "e.recipients, e.size, e.claimed_by, e.quote_id, e.canonical_id, e.text, "
        "coalesce(a.source, '(unknown)') AS source, a.title, a.published, e.article_id, a.page_id, e.start, e.\"end\""
    )

    def events(self, f: dict[str, Any], *, limit: int | None, offset: int = 0) -> dict[str, Any]:
        where, params = self._event_filter(f)
        page = f"LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        rows = self.rows(
            f"SELECT {self._EVENT_COLS} FROM s.events e JOIN s.articles a ON a.id = e.article_id WHERE {where} "
            f"ORDER BY date DESC NULLS LAST, e.article_id, e.start {page}", params)
        rows = [_loads(r, JSON_COLS["events"]) for r in rows]
        total = int(self.scalar(
            f"SELECT count(*) FROM s.events e JOIN s.articles a ON a.id = e.article_id WHERE {where}", params))
        names = self.actor_names({x for r in rows for x in (r.get("actors") or []) + (r.get("recipients") or [])})
        for r in rows:
            r["actor_names"] = [names.get(x, {}).get("name", x) for x in r.get("actors") or []]
            r["recipient_names"] = [names.get(x, {}).get("name", x) for x in r.get("recipients") or []]
        return {"total": total, "offset": offset, "rows": rows}

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
        if ev.get("canonical_id"):
            reports = self.events({"canonical": ev["canonical_id"]}, limit=None)["rows"]
        else:
            reports = [ev]
        ids = [r["id"] for r in reports]
        nums = self.rows(
            "SELECT id, event_id, text, low, high, approx, counts, article_id, start, \"end\" FROM s.numbers "
            f"WHERE event_id IN ({', '.join('?' for _ in ids)}) ORDER BY article_id, start", ids)
        by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for n in nums:
            by_event[n["event_id"]].append(n)
        for r in reports:
            r["numbers"] = by_event.get(r["id"], [])
        names = self.actor_names({x for r in reports for x in (r.get("actors") or []) + (r.get("recipients") or [])}
                                 | ({ev["claimed_by"]} if ev.get("claimed_by") else set()))
        ev["actor_names"] = [names.get(x, {}).get("name", x) for x in ev.get("actors") or []]
        ev["recipient_names"] = [names.get(x, {}).get("name", x) for x in ev.get("recipients") or []]
        ev["claimed_by_name"] = names.get(ev.get("claimed_by") or "", {}).get("name")
        ev["reports"] = reports
        return ev

    # ------------------------------------------------------------------ comparison
    def memo(self, key: str, fn: Any) -> Any:
        with self._memo_lock:
            if key not in self._memo:
                self._memo[key] = fn()
            return self._memo[key]

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

    def multi_speaker_quotes(self) -> list[dict[str, Any]]:
        """Statements attributed to more than one speaker, as the findings layer decided them.

        One source of truth: the `same_quote_different_speakers` findings (fuzzy matching, across
        articles), not a second, cruder grouping here. Joint attribution in one sentence
        ("stated by A and B") is not flagged there, so it is not listed here either.
        """
        found = self.rows("SELECT id, refs FROM s.findings WHERE kind = 'same_quote_different_speakers' ORDER BY id")
        out = []
        for f in found:
            refs = json.loads(f["refs"]) if isinstance(f["refs"], str) else (f["refs"] or [])
            ids = [r["item_id"] for r in refs if r.get("item_id")]
            if not ids:
                continue
            rows = self.rows(
                "SELECT q.id, q.kind, q.text, q.speaker_text, q.speaker_id, sp.name AS speaker_name, "
                "coalesce(a.source, '(unknown)') AS source, a.title, a.published, q.article_id, a.page_id, q.start, "
                "q.\"end\" FROM s.quotes q JOIN s.articles a ON a.id = q.article_id "
                "LEFT JOIN s.actors sp ON sp.id = q.speaker_id "
                f"WHERE q.id IN ({', '.join('?' for _ in ids)}) ORDER BY source, q.article_id, q.start", ids)
            if len({r["speaker_id"] or r["speaker_text"] for r in rows}) < 2:
                continue
            out.append({"text": rows[0]["text"], "finding_id": f["id"],
                        "speakers": sorted({r["speaker_name"] or r["speaker_text"] or "?" for r in rows}),
                        "quotes": rows})
        return out

    def findings_page(self, kind: str | None, *, limit: int, offset: int = 0) -> dict[str, Any]:
        """One page of findings (ordered by kind and id) with the total."""
        where, params = ("WHERE kind = ? ", [kind]) if kind else ("", [])
        total = int(self.scalar(f"SELECT count(*) FROM s.findings {where}", params))
        rows = self.findings(kind, limit=limit, offset=offset)
        return {"total": total, "offset": offset, "limit": limit, "rows": rows}

    def findings(self, kind: str | None = None, *, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        where = "WHERE kind = ? " if kind else ""
        if limit is not None:
            # The page's ids first: sorting whole rows (refs carry passages) costs more than the page.
            where = (f"WHERE id IN (SELECT id FROM s.findings {where}ORDER BY kind, id "
                     f"LIMIT {int(limit)} OFFSET {int(offset)}) ")
        rows = self.rows(f"SELECT * FROM s.findings {where}ORDER BY kind, id", [kind] if kind else [])
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
        return rows

    def errors_page(self, *, limit: int, offset: int = 0) -> dict[str, Any]:
        total = int(self.scalar("SELECT count(*) FROM s.ingest_errors"))
        rows = self.rows("SELECT path, problem, message, line, CAST(\"at\" AS VARCHAR) AS \"at\" FROM s.ingest_errors "
                         f"ORDER BY \"at\" DESC NULLS LAST, path LIMIT {int(limit)} OFFSET {int(offset)}")
        return {"total": total, "offset": offset, "limit": limit, "rows": rows}

    def errors(self) -> list[dict[str, Any]]:
        return self.rows("SELECT path, problem, message, line, CAST(\"at\" AS VARCHAR) AS \"at\" FROM s.ingest_errors "
                         "ORDER BY \"at\" DESC NULLS LAST")


def _range(low: Any, high: Any) -> str:
    if low == high:
        return "" if low is None else str(low)
    return f"{'' if low is None else low}–{'' if high is None else high}"


def snippet(body: str, q: str, width: int = 240) -> list[dict[str, Any]]:
    """A window of ``body`` around the first query-term hit, as [{text, hit}] segments (no markup)."""
    terms = [t.lower() for t in WORD.findall(q) if len(t) > 1]
    if not body:
        return []
    # Prefix match (first len-2 chars, at least 3) so stemmed FTS hits like gathered/gathering show.
    stems = sorted({t[: max(3, len(t) - 2)] for t in terms}, key=len, reverse=True)
    pat = re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE) if stems else None
    first = pat.search(body) if pat else None
    lo = 0 if first is None else max(0, first.start() - width // 3)
    if lo:
        sp = body.find(" ", lo)
        lo = sp + 1 if 0 <= sp < lo + 20 else lo
    hi = min(len(body), lo + width)
    window = body[lo:hi]
    segs: list[dict[str, Any]] = []
    if lo:
        segs.append({"text": "… ", "hit": False})
    pos = 0
    for m in pat.finditer(window) if pat else []:
        if m.start() > pos:
            segs.append({"text": window[pos:m.start()], "hit": False})
        segs.append({"text": m.group(0), "hit": True})
        pos = m.end()
    if pos < len(window):
        segs.append({"text": window[pos:], "hit": False})
    if hi < len(body):
        segs.append({"text": " …", "hit": False})
    return segs
