"""The embedded DuckDB store: ``Store`` opens the file and reads; the write path is in ``write``,
the schema in ``schema``, opening and locking the file in ``connection``.

Each page version is written with all of its articles and items in one transaction (alone, or
with a batch of pages via ``write_pages``), so a crash (even kill -9) leaves either the whole
page or nothing; a re-run skips page versions already stored. Pages and texts are apart: a text
is stored once per content hash and shared by the pages that carry it (see ``schema``).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from ..records import Actor, Analysis, Finding, IngestError, Page
from .connection import (
    BUSY_TIMEOUT_S,
    SchemaMismatch,
    StoreBusy,
    StoreError,
    StoreFailed,
    WriterLock,
    connect,
    one_line,
    trim_heap,
    write_failure,
)
from .schema import (
    ADDED_COLUMNS,
    EXTRA_COLUMNS,
    PRIMARY_KEYS,
    SCHEMA_VERSION,
    TABLES,
    _rebuild,
    check_version,
    fts_extension_path,
    migrate,
    table_columns,
)
from .write import _dumps, _plain, arrow_table, insert, select_in, write_pages

__all__ = [
    "BUSY_TIMEOUT_S", "EXTRA_COLUMNS", "PRIMARY_KEYS", "SCHEMA_VERSION", "TABLES", "SchemaMismatch", "Store",
    "StoreBusy", "StoreError", "StoreFailed", "WriterLock", "_dumps", "_plain", "_rebuild", "arrow_table",
    "connect", "fts_extension_path", "write_failure",
]


class Store:
    """A DuckDB file holding pages, articles and every extracted item."""

    def __init__(self, path: str | os.PathLike[str] = "presslens.duckdb", *, read_only: bool = False,
                 busy_timeout: float = BUSY_TIMEOUT_S):
        self.path = str(path)
        self.read_only = read_only
        self.busy_timeout = busy_timeout
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"no store at {self.path} (run `presslens ingest` first)")
        self._lock = threading.Lock()
        # The build (``presslens.build``) that analysed what this process writes; ingest sets it.
        self.build: str | None = None
        self._cols = table_columns()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._threads: int | None = None
        self._writer = None if read_only or self.path == ":memory:" else WriterLock(self.path).acquire()
        try:
            self.con  # noqa: B018  (opens the file and checks or creates the schema now)
        except BaseException:
            self.close()
            raise

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, opened on first use after ``release()``."""
        if self._con is None:
            con = connect(self.path, read_only=self.read_only, busy_timeout=self.busy_timeout)
            self._con = con
            try:
                if self._threads is not None:  # set before ``shed`` closed the last one
                    con.execute(f"SET threads = {self._threads}")
                    self._threads = None
                if self.read_only:
                    self._check_version()
                else:
                    self._migrate()
            except duckdb.Error as exc:
                self._con = None
                con.close()
                raise StoreFailed(f"store {self.path} is unusable: {one_line(exc)}") from None
            except BaseException:
                self._con = None
                con.close()
                raise
        return self._con

    def release(self) -> None:
        """Close the file until the next use (the writer lock stays held): between batches an
        ingest lets readers (``serve``, ``summary``) open the store and see what it committed."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def shed(self) -> None:
        """Give memory back between store-wide stages (issue 19): close the connection, so that
        DuckDB's buffer pool and caches go (the next use reopens the file; closing checkpoints what
        the stage wrote, which the store's close would do anyway), and hand glibc's free heap back
        to the system. An in-memory store keeps its connection: closing it would drop the data."""
        if self.path != ":memory:" and self._con is not None:
            # The connection's thread count (a stage's, ``across.state.stage_threads``) comes back with it.
            row = self._con.execute("SELECT current_setting('threads')").fetchone()
            self._threads = int(row[0]) if row else None
            self.release()
        trim_heap()

    def _check_version(self) -> None:
        check_version(self.con, self.path)
        # A reader of an older store, which has not gained the added columns yet, reads their defaults.
        for table, added in ADDED_COLUMNS.items():
            have = {r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()}
            self._cols[table] = [c for c in self._cols[table] if c[0] in have or c[0] not in added]

    def _migrate(self) -> None:
        migrate(self.con, self.path, self._cols)

    # ------------------------------------------------------------------ writes
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing. An I/O failure (disk full) is raised as one-line ``StoreFailed``."""
        with self._lock:
            con = self.con
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(duckdb.Error):
                    con.execute("ROLLBACK")
                failed = write_failure(exc, self.path)
                if failed is not None:
                    raise failed from None
                raise

    def has_page(self, page_id: str) -> bool:
        """Whether this page version (key and content, ``Page.id``) is stored."""
        return self.con.execute("SELECT 1 FROM page_rows WHERE id = ?", [page_id]).fetchone() is not None

    def page_states(self, pages: Sequence[Page]) -> dict[str, str]:
        """For page versions already stored, by ``Page.id``: ``"unchanged"`` (the latest version of
        its key) or ``"reverted"`` (an earlier version of the same key: the page went back to it).
        Pages not listed are new (their text may be stored already under another page: see
        ``same_text``)."""
        if not pages:
            return {}
        rows = select_in(
            self.con,
            "SELECT p.id, p.version = (SELECT max(q.version) FROM page_rows q WHERE q.key = p.key) "
            "FROM page_rows p WHERE p.id IN ({})",
            list({p.id for p in pages}),
        )
        return {str(i): "unchanged" if latest else "reverted" for i, latest in rows}

    def same_text(self, pages: Sequence[Page]) -> dict[str, tuple[str, str | None]]:
        """For pages whose text is already stored under another key, by ``Page.id``: the key and
        source of the earliest such stored page (what "same text as ..." names)."""
        if not pages:
            return {}
        rows = select_in(
            self.con,
            "SELECT content_hash, arg_min(key, ingested_at), arg_min(source, ingested_at) FROM page_rows "
            "WHERE content_hash IN ({}) GROUP BY content_hash",
            list({p.content_hash for p in pages}),
        )
        first = {str(h): (str(k), s) for h, k, s in rows}
        out: dict[str, tuple[str, str | None]] = {}
        for p in pages:
            hit = first.get(p.content_hash)
            if hit is not None and hit[0] != p.key:
                out[p.id] = hit
        return out

    def reinstate(self, pages: Sequence[Page]) -> None:
        """Make stored earlier versions the latest of their keys again (a page reverted to old text).
        Their articles and items are stored already; only the version number moves to the top."""
        if not pages:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.transaction() as con:
            for p in pages:
                con.execute(
                    "UPDATE page_rows SET version = (SELECT max(version) + 1 FROM page_rows WHERE key = ?), "
                    "ingested_at = ? WHERE id = ?",
                    [p.key, now, p.id],
                )

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, objs: Iterable[Any], **extra: Any) -> int:
        """Insert records; ``extra`` bookkeeping columns take one value for all rows or a list per row."""
        return insert(con, table, self._cols[table], objs, **extra)

    def write_page(self, page: Page, analyses: Sequence[Analysis]) -> bool:
        """Store one page version with its articles and items atomically. False if already stored."""
        return self.write_pages([(page, analyses)])[0]

    def write_pages(self, batch: Sequence[tuple[Page, Sequence[Analysis]]], *, build: str | None = None,
                    replace: Sequence[str] = ()) -> list[bool]:
        """Store page versions with their articles and items in one transaction (all or nothing).

        Per page: False if this version (key and content) is already stored (or came earlier in the
        same batch). A text already stored for another page is not stored again: the new page
        points to it.
        Batching amortises DuckDB's per-statement and per-commit cost; a crash loses at most the
        uncommitted batch, which a re-run writes again. ``build`` (``presslens.build``) is recorded
        per page written; pages in ``replace`` (stored, analysed again by another build) are
        replaced in the same transaction.
        """
        if not batch:
            return []
        with self.transaction() as con:
            return write_pages(con, self._cols, batch, build=build or self.build, replace=replace)

    def page_builds(self, page_ids: Sequence[str]) -> dict[str, str]:
        """The build that analysed each stored page version (pages without one are not listed)."""
        if not page_ids:
            return {}
        return {str(p): str(b) for p, b in select_in(
            self.con, "SELECT page_id, build FROM page_builds WHERE page_id IN ({})", list(page_ids))}

    def write_error(self, err: IngestError) -> None:
        self.write_errors([err])

    def write_errors(self, errors: Sequence[IngestError]) -> None:
        if not errors:
            return
        with self.transaction() as con:
            self._insert(con, "ingest_errors", errors, at=datetime.now(UTC).replace(tzinfo=None))

    def replace_findings(self, findings: Sequence[Finding], kinds: Sequence[str] | None = None) -> None:
        """Store-wide findings are recomputed after each batch; replace the previous set."""
        with self.transaction() as con:
            if kinds:
                con.execute(
                    f"DELETE FROM findings WHERE kind IN ({', '.join('?' for _ in kinds)})", list(kinds)
                )
            self._insert(con, "findings", findings)

    def upsert_actors(self, actors: Sequence[Actor]) -> None:
        with self.transaction() as con:
            self._insert(con, "actors", actors)

    # ------------------------------------------------------------------ reads
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.con.cursor()
        cur.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def load(self, table: str, where: str = "", params: Sequence[Any] = ()) -> list[Any]:
        """Rows of ``table`` rebuilt as their record type."""
        cls = TABLES[table]
        cols = self._cols[table]
        names = ", ".join(f'"{n}"' for n, _ in cols)
        sql = f"SELECT {names} FROM {table} {('WHERE ' + where) if where else ''}"
        out: list[Analysis] = []
        for row in self.con.cursor().execute(sql, list(params)).fetchall():
            kw = {}
            for (name, sqltype), v in zip(cols, row, strict=True):
                kw[name] = json.loads(v) if sqltype == "JSON" and isinstance(v, str) else v
            out.append(_rebuild(cls, kw))
        return out

    def page_text(self, page_id: str) -> str:
        row = self.con.execute(
            "SELECT text FROM pages WHERE id = ?", [page_id]
        ).fetchone()
        if row is None:
            raise KeyError(page_id)
        return str(row[0])

    def latest_pages(self) -> list[Page]:
        """The newest version of each page key, in the order they were stored."""
        return list(
            self.load(
                "pages",
                "id IN (SELECT arg_max(id, version) FROM page_rows GROUP BY key) ORDER BY ingested_at, key",
            )
        )

    def analyses(self, page: Page) -> list[Analysis]:
        """Articles of a page version with all their items, as Analysis records (no spaCy doc)."""
        arts = self.load("articles", "page_id = ? ORDER BY seq", [page.id])
        out = []
        for art in arts:
            a = Analysis(article=art, page_text=page.text)
            for attr, table in (
                ("mentions", "mentions"),
                ("places", "places"),
                ("dates", "dates"),
                ("quotes", "quotes"),
                ("numbers", "numbers"),
                ("events", "events"),
            ):
                setattr(a, attr, self.load(table, "article_id = ? ORDER BY start", [art.id]))
            out.append(a)
        return out

    def counts(self) -> dict[str, int]:
        out = {}
        for t in TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()
            out[t] = int(row[0]) if row else 0
        return out

    def close(self) -> None:
        self.release()
        if self._writer is not None:
            self._writer.release()
            self._writer = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
