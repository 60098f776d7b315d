"""The read-only store connection behind the HTTP API (``db.py`` is the query layer on top).

The store is ATTACHed read-only (as ``s``) to an in-memory DuckDB, so the server can never write to
it; the full-text index (see ``fts.py``) lives in that in-memory database beside it. Every request
runs on its own cursor, which is safe under uvicorn's thread pool. All SQL is parameterised; the
only interpolated names come from fixed allow-lists in these modules.

The store is attached while requests run (``reading()``, reference counted) and stays attached
between requests until the server has been idle for ``IDLE_DETACH_S`` or a writer holds the
store's writer lock (``<store>.lock``, taken by every ``ingest`` before it opens the file): DuckDB
lets one process write a file only while no other has it open, so an ``ingest`` can commit its
batches while ``serve`` runs, and each request sees the last committed state. Attaching cost a
request 10-40 ms (more under load), more than most queries on a 100k-article store: a burst of
requests (a UI page asks for several lists) now pays it once. Cached results are dropped when the
store file has changed since they were made.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from ..store import BUSY_TIMEOUT_S, SCHEMA_VERSION, SchemaMismatch, StoreBusy, StoreFailed
from . import cursor

LAYERS = ("mentions", "places", "dates", "quotes", "numbers", "events")
JSON_COLS = {
    "articles": ("tags", "captions", "parts", "skipped"),
    "actors": ("aliases",),
    "events": ("actors", "recipients", "size", "actor_agents", "recipient_agents", "rules"),
    "findings": ("refs",),
}
PAGE_ITEMS = 50  # items per section on detail pages (CSV exports have all)
# Seconds the store stays attached after the last request (a writer waits at most this long, well
# inside its busy timeout; a writer that holds the writer lock makes the server detach at once).
IDLE_DETACH_S = 1.0
# DuckDB threads of the server's connection (setting server.threads; 0: DuckDB's default, one per
# core). One: a list page's query is too small to gain from a second thread, whose start and merge
# cost CPU (bench, session 19: list pages 15-50 % less CPU at 100k articles), and concurrent requests
# (a UI page asks for several lists) each get a core of their own.
THREADS = 1
WORD = re.compile(r"\w[\w'’-]*", re.UNICODE)


def _loads(row: dict[str, Any], cols: Sequence[str]) -> dict[str, Any]:
    for c in cols:
        v = row.get(c)
        if isinstance(v, str):
            with contextlib.suppress(ValueError):
                row[c] = json.loads(v)
    return row


def writer_active(path: str) -> bool:
    """Whether a process (this one included) holds the store's writer lock (``store.WriterLock``)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no way to ask; detach after every request as before
        return True
    try:
        fh = open(path + ".lock", "rb")  # noqa: SIM115 (closed below)
    except OSError:
        return False  # no writer has ever opened this store
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        fh.close()  # closing drops the shared lock just taken
    return False


def page_id_of(article_id: str) -> str:
    return article_id.rsplit("-a", 1)[0]


class DbBase:
    """The store opened read-only (attached per request) and the query plumbing."""

    def __init__(self, path: str | Path, *, busy_timeout: float = BUSY_TIMEOUT_S,
                 idle_detach_s: float = IDLE_DETACH_S, threads: int = THREADS) -> None:
        self.path = str(path)
        if not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path} (run `presslens ingest` first)")
        self.con = duckdb.connect(":memory:")
        if threads > 0:
            self.con.execute(f"SET threads = {int(threads)}")
        self._lit = "'" + str(Path(self.path).resolve()).replace("'", "''") + "'"  # ATTACH takes no parameters
        self.busy_timeout = busy_timeout
        self.search_mode = "none"  # none -> ilike -> fts
        self._index_lock = threading.Lock()
        # The search copy and its FTS index have their own locks (db_articles.build_index); a
        # served Db (app.create_app) never makes a search wait for the index.
        self._docs_lock = threading.Lock()
        self._fts_lock = threading.Lock()
        self._docs_version = 0
        self._indexing = False  # the FTS index of the copy is being built
        self.background_index = False
        # Store-wide results are cached while the store file stays the same (see reading()).
        self._memo: dict[str, Any] = {}
        self._memo_lock = threading.Lock()
        self._facet_cache: OrderedDict[str, dict[str, list[dict[str, Any]]]] = OrderedDict()
        self._attach_lock = threading.Lock()
        self._readers = 0
        self._attached = False
        self.idle_detach_s = idle_detach_s
        self._last_use = 0.0
        self._timer: threading.Timer | None = None
        self._stats_ready = False  # the in-memory actor_stats table (db.py) matches the store
        self._order_ready = False  # the in-memory event_order table (db_events.py) matches the store
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
            if not self._attached:
                self._attach()
            self._readers += 1

    def _attach(self) -> None:
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.02
        while True:
            try:
                self.con.execute(f"ATTACH {self._lit} AS s (READ_ONLY)")
                break
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise StoreFailed(f"cannot open store {self.path}: {' '.join(str(exc).split())}") from None
                if time.monotonic() >= deadline:
                    raise StoreBusy(f"store {self.path} is being written; try again shortly") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.5)
            except duckdb.Error as exc:
                raise StoreFailed(f"cannot open store {self.path}: {' '.join(str(exc).split())}") from None
        self._attached = True
        gen = self._stat()
        if gen != self._generation:
            if self._generation is not None:  # an ingest committed since: cached results are stale
                with self._memo_lock:
                    self._memo.clear()
                    self._facet_cache.clear()
                self.search_mode = "none"
                self._stats_ready = False
                self._order_ready = False
            self._generation = gen

    def release(self) -> None:
        """End a request; the store stays attached for the next one unless a writer waits."""
        with self._attach_lock:
            self._readers -= 1
            self._last_use = time.monotonic()
            if self._readers == 0 and self._attached:
                if self.idle_detach_s <= 0 or writer_active(self.path):
                    self._detach()
                elif self._timer is None:
                    self._start_timer(self.idle_detach_s)

    def _start_timer(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._on_idle)
        self._timer.daemon = True
        self._timer.start()

    def _on_idle(self) -> None:
        with self._attach_lock:
            self._timer = None
            if not self._attached or self._readers:
                return
            left = self._last_use + self.idle_detach_s - time.monotonic()
            if left > 0.01 and not writer_active(self.path):
                self._start_timer(left)
            else:
                self._detach()

    def _detach(self) -> None:
        if self._attached:
            self.con.execute("DETACH s")
            self._attached = False

    def detach(self) -> None:
        """Let a writer in now (when no request runs); the next request attaches again."""
        with self._attach_lock:
            if self._readers == 0:
                self._detach()

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
        with self._attach_lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._attached = False
        self.con.close()

    def _rows_on(self, cur: duckdb.DuckDBPyConnection | None, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
        if cur is None:
            return self.rows(sql, params)
        cur.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    # ------------------------------------------------------------------ comparison
    def aggregate(self, name: str, f: dict[str, Any], fn: Any) -> Any:
        """A store-wide aggregate (facets, timeline, map, overview) for a filter, computed once
        while the store stays the same (bounded; dropped when an ingest commits): each of them
        reads every event or mention, hundreds of ms at 100k articles, and every page of a list
        asks for the same ones."""
        key = json.dumps([name, f], sort_keys=True, default=str)
        with self._memo_lock:
            hit = self._facet_cache.get(key)
            if hit is not None:
                self._facet_cache.move_to_end(key)
                return hit
        value = fn()
        with self._memo_lock:
            self._facet_cache[key] = value
            while len(self._facet_cache) > 256:
                self._facet_cache.popitem(last=False)
        return value

    MARK_EVERY = cursor.MARK_EVERY  # class attribute: a test sets it small

    def from_mark(self, name: str, f: dict[str, Any], source: str, key: cursor.Key, params: Sequence[Any],
                  offset: int) -> tuple[str | None, int]:
        """(``after``, offset left) for an ``offset`` page of a list (``cursor.from_mark``): an offset
        of ``MARK_EVERY`` or more starts after the list's last mark before it (the marks of the list
        ``source`` under filter ``f``, computed once while the store stays the same)."""
        every = self.MARK_EVERY
        if offset < every:
            return None, offset
        marks = self.aggregate(f"{name}_marks", {**f, "_every": every}, lambda: cursor.mark_values(
            self.rows(cursor.marks_sql(source, key, every), params), key))
        return cursor.from_mark(marks, every, offset)

    def memo(self, key: str, fn: Any) -> Any:
        with self._memo_lock:
            if key not in self._memo:
                self._memo[key] = fn()
            return self._memo[key]

    def actor_names(self, ids: set[str] | Sequence[str]) -> dict[str, dict[str, Any]]:
        ids = sorted(set(ids))
        if not ids:
            return {}
        rows = self.rows(f"SELECT id, name, type, country, affiliation, provisional FROM s.actors "
                         f"WHERE id IN ({', '.join('?' for _ in ids)})", ids)
        return {r["id"]: r for r in rows}
