"""Articles and full-text search (part of the query layer, ``db.py``)."""

from __future__ import annotations

import contextlib
import json
import re
import threading
from typing import Any

import duckdb

from ..store import StoreError, fts_extension_path
from . import cursor
from .db_base import JSON_COLS, LAYERS, WORD, DbBase, _loads


class ArticleQueries(DbBase):
    # ------------------------------------------------------------------ search index
    def build_index(self) -> str:
        """Copy article text into memory and index it with DuckDB FTS (ILIKE fallback without it).

        Blocking; returns the final mode. The copy is made first and search uses it by substring
        (``ilike``) at once; the FTS index follows. Its own locks: building the index of a store
        with a few huge pages takes a minute (63 s for one 3M-word page), and the events and
        actors lists (``_index_lock``) must not wait for it."""
        with self._fts_lock:
            docs = self._ensure_docs()
            if self.search_mode != "ilike" or docs != self._docs_version:
                return self.search_mode
            mode = "ilike"
            ext = fts_extension_path()
            if ext:
                cur = self.con.cursor()
                self._indexing = True
                try:
                    cur.execute(f"LOAD '{ext}'")  # path from the installed wheel, not user input
                    cur.execute("PRAGMA create_fts_index('docs', 'id', 'title', 'body', overwrite=1)")
                    # The index's (term, doc) rows sorted by term: a query reads only its terms'
                    # row groups (``_bm25``) instead of scanning every term of every article.
                    cur.execute("CREATE OR REPLACE TABLE fts_terms AS SELECT termid, docid "
                                "FROM fts_main_docs.terms ORDER BY termid, docid")
                    mode = "fts"
                except duckdb.Error:
                    mode = "ilike"
                finally:
                    self._indexing = False
            with self._docs_lock:
                if docs == self._docs_version and self.search_mode == "ilike":  # not reset meanwhile
                    self.search_mode = mode
            return self.search_mode

    def _ensure_docs(self) -> int:
        """The in-memory copy of every article's title and body (``docs``), made once per store
        state; search can run on it (``ilike``) from then on. Returns its version."""
        with self._docs_lock:
            if self.search_mode == "none":
                cur = self.con.cursor()
                # Copied under a short attach: indexing runs on the copy, not holding the store open.
                with self.reading():
                    cur.execute(
                        "CREATE OR REPLACE TABLE docs AS SELECT a.id, coalesce(a.title, '') AS title, "
                        "substr(p.text, a.body_start + 1, a.body_end - a.body_start) AS body, "
                        "coalesce(a.published, '') AS pub "  # the rank order's second part (``RANK_KEY``)
                        "FROM s.articles a JOIN s.pages p ON p.id = a.page_id"
                    )
                self._docs_version += 1
                self.search_mode = "ilike"
            return self._docs_version

    def _search_mode_now(self) -> str:
        """The mode a search runs in now. Served (``background_index``): never waits for the FTS
        index; until it is built the search scans the copy (what docs/ui_api.md promises), and
        after an ingest commit reset the copy, the index is rebuilt in the background."""
        if not self.background_index:
            return self.search_mode if self.search_mode != "none" else self.build_index()
        if self.search_mode == "none":
            if self._indexing:
                # An index of the copy before the last ingest commit is being built: the copy can
                # be replaced only when that ends (rare: a commit while indexing).
                with self._fts_lock:
                    self._ensure_docs()
            else:
                self._ensure_docs()
            if not self._fts_lock.locked():
                threading.Thread(target=self._build_quietly, name="presslens-fts", daemon=True).start()
        return self.search_mode

    def _build_quietly(self) -> None:
        with contextlib.suppress(StoreError):  # busy or unreadable now: the next search tries again
            self.build_index()

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
        mode = self._search_mode_now()
        # Hits carry the rank order's date (``RANK_KEY``): a text-only search takes it from the
        # in-memory copy, never joining the store's articles table; a filter joins that table.
        pub = "coalesce(a.published, '') AS pub"
        if mode == "fts":
            if where == "TRUE":
                return (f"hits AS (SELECT dc.id, d.score, dc.pub FROM ({self._bm25(q)}) d "
                        "JOIN docs dc ON dc.id = d.id)", params)
            return (f"hits AS (SELECT a.id, d.score, {pub} FROM ({self._bm25(q)}) d JOIN s.articles a ON a.id = d.id "
                    f"WHERE {where})", params)
        terms = [t for t in WORD.findall(q)] or [q]
        like = " AND ".join("contains(lower(d.title || ' ' || d.body), lower(?))" for _ in terms)
        arts = "WHERE TRUE" if where == "TRUE" else f"JOIN s.articles a ON a.id = d.id WHERE {where}"
        return (
            f"hits AS (SELECT d.id, 1.0 AS score, d.pub FROM docs d {arts} AND {like})",
            [*params, *terms],
        )

    def _bm25(self, q: str) -> str:
        """SQL for (id, score) of the articles matching ``q``: the FTS extension's ``match_bm25``
        (k 1.2, b 0.75, any term, every field) computed over the documents that hold a query term.
        The macro scores every document against a scan of the whole term table (152 ms CPU at 100k
        articles); the query's term ids are looked up first and written into the SQL as constants,
        so the scan of the term-sorted ``fts_terms`` skips every row group without them."""
        ids = [int(r[0]) for r in self.con.cursor().execute(
            "SELECT termid FROM fts_main_docs.dict WHERE term IN "
            "(SELECT DISTINCT stem(unnest(fts_main_docs.tokenize(?)), 'porter'))", [q]).fetchall()]
        if not ids:
            return "SELECT NULL::VARCHAR AS id, NULL::DOUBLE AS score WHERE FALSE"
        return ("SELECT docs.name AS id, sum(log(((st.num_docs - dict.df) + 0.5) / (dict.df + 0.5) + 1) "
                "* ((tf.tf * (1.2 + 1)) / (tf.tf + (1.2 * ((1 - 0.75) + (0.75 * (docs.len / st.avgdl))))))) AS score "
                "FROM (SELECT termid, docid, count(*) AS tf FROM fts_terms WHERE termid IN "
                f"({', '.join(map(str, ids))}) GROUP BY docid, termid) tf "
                "JOIN fts_main_docs.docs docs ON docs.docid = tf.docid "
                "JOIN fts_main_docs.dict dict ON dict.termid = tf.termid, fts_main_docs.stats st GROUP BY docs.name")

    def search(self, f: dict[str, Any], *, limit: int | None, offset: int = 0, after: str | None = None,
               with_facets: bool = True) -> dict[str, Any]:
        """Articles page plus facets, evaluating the (possibly full-text) match once."""
        if not (f.get("q") or "").strip():
            # No text query: the page is a top-N over the filtered articles (no copy of every
            # id), and the facets depend only on the filter: computed once per store state.
            out = self.articles(f, limit=limit, offset=offset, after=after)
            if with_facets:
                out["facets"] = self.aggregate("article_facets", f, lambda: self.facets(f))
            return out
        cte, params = self._hits_cte(f)
        # Facets depend only on the filter, and the store is read-only while serving: cache them
        # (bounded) so paging through a result list does not recompute four GROUP BYs each time.
        key = json.dumps([f, self.search_mode], sort_keys=True, default=str)
        cur = self.con.cursor()  # its own connection: the temp table is private to this request
        cur.execute(f"CREATE TEMP TABLE hits AS WITH {cte} SELECT * FROM hits", params)
        try:
            out = self.articles(f, limit=limit, offset=offset, after=after, cur=cur)
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

    # The lists' orders (cursor.py): newest first, then page order; a text search by rank first.
    LIST_KEY = (("coalesce(a.published, '')", "DESC"), ("a.page_id", "ASC"), ("a.seq", "ASC"), ("a.id", "ASC"))
    RANK_KEY = (("h.score", "DESC"), ("h.pub", "DESC"), ("h.id", "ASC"))

    def articles(self, f: dict[str, Any], *, limit: int | None, offset: int = 0, after: str | None = None,
                 cur: duckdb.DuckDBPyConnection | None = None) -> dict[str, Any]:
        q = (f.get("q") or "").strip()
        cols = ("a.id, a.page_id, a.seq, a.title, a.byline, a.published, coalesce(a.source, '(unknown)') AS source, "
                "a.url, a.start, a.\"end\", a.body_start, a.body_end")
        key = self.RANK_KEY if q else self.LIST_KEY
        page = f"LIMIT {int(limit) + 1} OFFSET {int(offset)}" if limit is not None else ""
        nxt = None
        if not q and cur is None:
            # No text query: filter and sort the articles table itself (DuckDB's top-N); joining a
            # list of every matching id back to it cost ~300 ms CPU at 100k articles.
            where, params = self._article_filter(f)
            cond, cparams = cursor.after(key, after)
            order = cursor.order_by(key)
            if limit is None:
                rows = self.rows(f"SELECT {cols}, 0.0 AS score FROM s.articles a WHERE {where} {order}", params)
            total = self.aggregate("articles_total", f, lambda: int(self.scalar(
                f"SELECT count(*) FROM s.articles a WHERE {where}", params)))
            if limit is not None:  # the page's ids, then their rows (a deep page sorts keys, not whole rows)
                skip = offset
                if not after:  # a deep offset page starts after a mark (cursor.from_mark)
                    mark, skip = self.from_mark("articles", f, f"FROM s.articles a WHERE {where}", key, params, offset)
                    cond, cparams = cursor.after(key, mark)
                found, nxt = cursor.next_cursor(self.rows(
                    f"SELECT a.id, {cursor.select(key)} FROM s.articles a WHERE {where} AND {cond} {order} "
                    f"LIMIT {int(limit) + 1} OFFSET {int(skip)}", [*params, *cparams]), key, limit)
                ids = [r["id"] for r in found]
                rows = self.rows_in(f"SELECT {cols}, 0.0 AS score FROM s.articles a "
                                    f"WHERE a.id IN (SELECT v FROM _ids) {order}", ids) if ids else []
        else:
            if cur is None:
                cte, params = self._hits_cte(f)
                cte = "WITH " + cte
            else:
                cte, params = "", []  # hits is a temp table on this cursor
            if not q:
                key = self.LIST_KEY
            cond, cparams = cursor.after(key, after)
            keys = f", {cursor.select(key)}" if limit is not None else ""
            if q and limit is not None:
                # The page's ids from the hits alone (they carry the rank order), then their rows:
                # sorting the hits joined to every article column cost ~14 ms CPU at 100k articles.
                found, nxt = cursor.next_cursor(self._rows_on(
                    cur, f"{cte} SELECT h.id, round(h.score, 4) AS score{keys} FROM hits h WHERE {cond} "
                    f"{cursor.order_by(key)} {page}", [*params, *cparams]), key, limit)
                by_id = {r["id"]: r for r in self.rows_in(
                    f"SELECT {cols} FROM s.articles a WHERE a.id IN (SELECT v FROM _ids)", [r["id"] for r in found])}
                rows = [{**by_id[r["id"]], "score": r["score"]} for r in found if r["id"] in by_id]
                total = int(self._rows_on(cur, f"{cte} SELECT count(*) AS n FROM hits", params)[0]["n"])
                return self._with_snippets(rows, q, total, offset, nxt)
            rows = self._rows_on(
                cur, f"{cte} SELECT {cols}, round(h.score, 4) AS score{keys} FROM hits h "
                f"JOIN s.articles a ON a.id = h.id WHERE {cond} {cursor.order_by(key)} {page}",
                [*params, *cparams],
            )
            if limit is not None:
                rows, nxt = cursor.next_cursor(rows, key, limit)
            total = int(self._rows_on(cur, f"{cte} SELECT count(*) AS n FROM hits", params)[0]["n"])
        return self._with_snippets(rows, q, total, offset, nxt, snippets=limit is not None)

    def _with_snippets(self, rows: list[dict[str, Any]], q: str, total: int, offset: int,
                       nxt: str | None, *, snippets: bool = True) -> dict[str, Any]:
        if rows and snippets:
            # The page's texts by their hashes: through the ``pages`` view, DuckDB read every
            # stored text to join 25 of them (~400 ms CPU at 100k articles).
            bodies = {r["id"]: r["body"] for r in self.rows_in(
                "SELECT a.id, substr(t.text, a.body_start + 1, least(a.body_end - a.body_start, 20000)) AS body "
                "FROM (SELECT a.id, a.body_start, a.body_end, p.content_hash FROM s.articles a "
                "JOIN s.page_rows p ON p.id = a.page_id WHERE a.id IN (SELECT v FROM _ids)) a "
                "JOIN s.texts t ON t.content_hash = a.content_hash", [r["id"] for r in rows])}
            for r in rows:
                r["snippet"] = snippet(bodies.get(r["id"], ""), q)
        return {"total": total, "offset": offset, "rows": rows, "next": nxt}

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
            "substr(t.text, ? + 1, ? - ?) AS window FROM (SELECT * FROM s.page_rows WHERE id = ?) p "
            "JOIN s.texts t ON t.content_hash = p.content_hash",
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
