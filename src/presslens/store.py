"""The embedded DuckDB store.

Tables mirror the records in ``records.py`` column for column (lists and dicts as JSON), so a
field added to a record is a schema change that bumps ``SCHEMA_VERSION``. Each page version is
written with all of its articles and items in one transaction (alone, or with a batch of pages
via ``write_pages``), so a crash (even kill -9) leaves either the whole page or nothing; a re-run
skips page versions already stored.

Pages and texts are apart (schema 2): a page version is (key: URL or path, content hash) with its
own id, source and metadata, in ``page_rows``; its text is stored once per content hash in
``texts`` and shared, so a wire story carried by two sites is two pages (one per source, each with
its own articles) over one stored text. The view ``pages`` joins them back: every reader sees a
page with its ``text`` as before.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import threading
import time
import types
import typing
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from .records import (
    Actor,
    Analysis,
    Article,
    DateRef,
    Event,
    Finding,
    IngestError,
    Mention,
    NumberClaim,
    Page,
    Place,
    Quote,
)

SCHEMA_VERSION = 6  # 2: pages vs texts (main); 3: Place.role and Place.rule (places); 4: Quote.fragments, speaker_mention*, headline, rules (quotes); 5: Event.trigger_start/trigger_end/rules (events); 6: articles.language, articles.skipped, actors.sector (actors)
# Column type -> Arrow type for batched inserts (JSON travels as text).
_ARROW = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "BIGINT": pa.int64(),
    "INTEGER": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP": pa.timestamp("us"),
}
R = TypeVar("R")
INT64 = (-(2**63), 2**63 - 1)
# Seconds a connection waits for another process's short hold on the file (a batch commit, a
# read) before the store is reported busy.
BUSY_TIMEOUT_S = 10.0

# table name -> record type. ``articles`` keep their parts as JSON.
TABLES: dict[str, type] = {
    "pages": Page,
    "articles": Article,
    "actors": Actor,
    "mentions": Mention,
    "places": Place,
    "dates": DateRef,
    "quotes": Quote,
    "numbers": NumberClaim,
    "events": Event,
    "findings": Finding,
    "ingest_errors": IngestError,
}
PRIMARY_KEYS = {"page_rows": "id", "texts": "content_hash", "articles": "id", "actors": "id", "findings": "id"}
# Extra bookkeeping columns per table (not record fields).
EXTRA_COLUMNS = {
    "page_rows": {"id": "VARCHAR", "ingested_at": "TIMESTAMP", "version": "INTEGER"},
    "ingest_errors": {"at": "TIMESTAMP"},
    "events": {},
}


def _sql_type(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _sql_type(args[0]) if len(args) == 1 else "VARCHAR"
    if tp is bool:
        return "BOOLEAN"
    if tp is int:
        return "BIGINT"
    if tp is float:
        return "DOUBLE"
    if tp is str:
        return "VARCHAR"
    return "JSON"


def _fields(cls: type) -> list[tuple[str, str]]:
    hints = typing.get_type_hints(cls)
    return [(f.name, _sql_type(hints[f.name])) for f in dataclasses.fields(cls)]


def _to_row(obj: Any, cols: Sequence[tuple[str, str]]) -> list[Any]:
    return [_dumps(getattr(obj, n)) if t == "JSON" else getattr(obj, n) for n, t in cols]


def _json_default(v: Any) -> Any:
    """Records nested in JSON columns (an article's parts) as objects; everything else is plain."""
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: getattr(v, f.name) for f in dataclasses.fields(v)}
    raise TypeError(f"{type(v).__name__} is not JSON serialisable")


def _dumps(v: Any) -> str:
    """``json.dumps(_plain(v))`` without first copying ``v`` into plain lists and dicts: the C
    encoder walks the value and asks ``_json_default`` only for records (same output)."""
    if not v:
        if v is None:
            return "null"
        if isinstance(v, list | tuple):
            return "[]"
        if isinstance(v, dict):
            return "{}"
    return json.dumps(v, ensure_ascii=False, default=_json_default)


def _plain(v: Any) -> Any:
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.name: _plain(getattr(v, f.name)) for f in dataclasses.fields(v)}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {k: _plain(x) for k, x in v.items()}
    return v


def fts_extension_path() -> str | None:
    """Path of the FTS extension shipped inside the duckdb-extension-fts wheel (offline LOAD)."""
    try:
        import duckdb_extension_fts
    except ImportError:
        return None
    base = Path(duckdb_extension_fts.__file__).parent / "extensions"
    hits = sorted(base.glob(f"v{duckdb.__version__}/fts.duckdb_extension")) or sorted(
        base.glob("*/fts.duckdb_extension")
    )
    return str(hits[0]) if hits else None


class StoreError(RuntimeError):
    """The store cannot be used; the message is one line for the user."""


class StoreBusy(StoreError):
    """Another process writes the store (or holds it open longer than the busy timeout)."""


class StoreFailed(StoreError):
    """The store file is unreadable, corrupt, or a write failed (disk full, I/O error)."""


class SchemaMismatch(StoreError):
    pass


def _holder(exc: BaseException) -> str:
    m = re.search(r"PID (\d+)", str(exc))
    return f" (pid {m.group(1)})" if m else ""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300]


class WriterLock:
    """One writer per store: an exclusive ``flock`` on ``<store>.lock``, held while a process
    writes (the OS drops it when the process dies, even on kill -9). The file says who holds it."""

    def __init__(self, store_path: str) -> None:
        self.path = store_path + ".lock"
        self.fh: Any = None

    def acquire(self) -> WriterLock:
        try:
            import fcntl
        except ImportError:  # not POSIX: DuckDB's own file lock still keeps a second writer out
            return self
        fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.seek(0)
            who = " ".join(fh.read(200).split()) or "another process"
            fh.close()
            raise StoreBusy(f"store {self.path[:-5]} is being written by {who}; "
                            "wait for it to finish (only one writer at a time)") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"presslens pid {os.getpid()} since {datetime.now(UTC).isoformat(timespec='seconds')}\n")
        fh.flush()
        self.fh = fh
        return self

    def release(self) -> None:
        if self.fh is not None:
            self.fh.close()  # closing the descriptor drops the flock
            self.fh = None


def connect(path: str, *, read_only: bool, busy_timeout: float = BUSY_TIMEOUT_S) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file, waiting out another process's short hold; errors are one-line StoreErrors."""
    deadline = time.monotonic() + busy_timeout
    delay = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreFailed(f"cannot open store {path}: {_one_line(exc)}") from None
            if time.monotonic() >= deadline:
                raise StoreBusy(f"store {path} is held open by another process{_holder(exc)} "
                                f"for over {busy_timeout:g} s; try again when it is done") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)
        except duckdb.Error as exc:  # not a DuckDB file, corrupt header or catalog, newer format
            raise StoreFailed(f"cannot open store {path}: {_one_line(exc)}") from None


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
        self._cols = {t: _fields(cls) for t, cls in TABLES.items()}
        # ``pages`` is a view over page rows (no text) and the texts they share.
        self._cols["page_rows"] = [c for c in self._cols["pages"] if c[0] != "text"]
        self._cols["texts"] = [("content_hash", "VARCHAR"), ("text", "VARCHAR")]
        self._con: duckdb.DuckDBPyConnection | None = None
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
                if self.read_only:
                    self._check_version()
                else:
                    self._migrate()
            except duckdb.Error as exc:
                self._con = None
                con.close()
                raise StoreFailed(f"store {self.path} is unusable: {_one_line(exc)}") from None
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

    # ------------------------------------------------------------------ schema
    def _check_version(self) -> None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except duckdb.CatalogException:
            raise SchemaMismatch(f"{self.path} is not a presslens store") from None
        if row is None or str(row[0]) != str(SCHEMA_VERSION):
            found = row[0] if row else "none"
            raise SchemaMismatch(
                f"{self.path} has schema version {found}, this presslens needs {SCHEMA_VERSION}: "
                "re-ingest into a new store (--db NEW.duckdb)"
            )

    def _migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        row = self.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if row is not None and str(row[0]) != str(SCHEMA_VERSION):
            self._check_version()
        for table, cols in self._cols.items():
            if table == "pages":
                continue  # a view, created below
            defs = [f'"{n}" {t}' for n, t in cols]
            defs += [f'"{n}" {t}' for n, t in EXTRA_COLUMNS.get(table, {}).items()]
            pk = PRIMARY_KEYS.get(table)
            if pk:
                defs.append(f'PRIMARY KEY ("{pk}")')
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(defs)})")
        self.con.execute("CREATE VIEW IF NOT EXISTS pages AS SELECT r.*, t.text FROM page_rows r "
                         "JOIN texts t ON t.content_hash = r.content_hash")
        self.con.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?), ('created_at', ?)",
            [str(SCHEMA_VERSION), datetime.now(UTC).isoformat()],
        )

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
        rows = _select_in(
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
        rows = _select_in(
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
        cols = self._cols[table]
        objs = list(objs)
        if not objs:
            return 0
        # Column by column: one pass per field instead of a row list per record.
        columns: dict[str, list[Any]] = {}
        for name, sqltype in cols:
            values = [getattr(o, name) for o in objs]
            columns[name] = [_dumps(v) for v in values] if sqltype == "JSON" else values

        types_ = dict(cols)
        for name, value in extra.items():
            columns[name] = list(value) if isinstance(value, list) else [value] * len(objs)
            types_[name] = EXTRA_COLUMNS.get(table, {}).get(name, "VARCHAR")
        # One Arrow batch per table and statement: DuckDB's executemany costs milliseconds per row,
        # which made storage, not extraction, the ingest bottleneck.
        try:
            batch = pa.table({n: pa.array(v, type=_ARROW.get(types_[n], pa.string())) for n, v in columns.items()})
        except OverflowError:
            # "999999999999999999999999 people": beyond any count the store can hold, kept as an
            # open bound (NULL); the claim's text and offsets still say what was written.
            for n, v in columns.items():
                if types_[n] in ("BIGINT", "INTEGER"):
                    columns[n] = [None if type(x) is int and not INT64[0] <= x <= INT64[1] else x for x in v]
            batch = pa.table({n: pa.array(v, type=_ARROW.get(types_[n], pa.string())) for n, v in columns.items()})
        quoted = ", ".join(f'"{n}"' for n in columns)
        verb = "INSERT OR IGNORE" if table in PRIMARY_KEYS else "INSERT"
        con.register("_presslens_batch", batch)
        try:
            con.execute(f"{verb} INTO {table} ({quoted}) SELECT {quoted} FROM _presslens_batch")
        finally:
            con.unregister("_presslens_batch")
        return len(objs)

    def write_page(self, page: Page, analyses: Sequence[Analysis]) -> bool:
        """Store one page version with its articles and items atomically. False if already stored."""
        return self.write_pages([(page, analyses)])[0]

    def write_pages(self, batch: Sequence[tuple[Page, Sequence[Analysis]]]) -> list[bool]:
        """Store page versions with their articles and items in one transaction (all or nothing).

        Per page: False if this version (key and content) is already stored (or came earlier in the
        same batch). A text already stored for another page is not stored again: the new page
        points to it.
        Batching amortises DuckDB's per-statement and per-commit cost; a crash loses at most the
        uncommitted batch, which a re-run writes again.
        """
        if not batch:
            return []
        now = datetime.now(UTC).replace(tzinfo=None)
        out: list[bool] = []
        with self.transaction() as con:
            ids = list({p.id for p, _ in batch})
            keys = list({p.key for p, _ in batch})
            known = {r[0] for r in _select_in(con, "SELECT id FROM page_rows WHERE id IN ({})", ids)}
            versions: dict[str, int] = {
                str(k): int(n)
                for k, n in _select_in(con, "SELECT key, max(version) FROM page_rows WHERE key IN ({}) GROUP BY key",
                                       keys)
            }
            pages: list[Page] = []
            page_versions: list[int] = []
            new: list[Analysis] = []
            for page, analyses in batch:
                if page.id in known:
                    out.append(False)
                    continue
                known.add(page.id)
                versions[page.key] = versions.get(page.key, 0) + 1
                pages.append(page)
                page_versions.append(versions[page.key])
                new.extend(analyses)
                out.append(True)
            if pages:
                # INSERT OR IGNORE: a text stored before (another source's page) is kept once.
                self._insert(con, "texts", list({p.content_hash: p for p in pages}.values()))
                self._insert(con, "page_rows", pages, id=[p.id for p in pages], ingested_at=now,
                             version=page_versions)
                self._insert(con, "articles", [a.article for a in new])
                for attr in ("mentions", "actors", "places", "dates", "quotes", "numbers", "events", "findings"):
                    self._insert(con, attr, [x for a in new for x in getattr(a, attr)])
        return out

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


def write_failure(exc: BaseException, path: str) -> StoreFailed | None:
    """A write that failed because of the machine (disk full, I/O error, DuckDB invalidated), as a
    one-line ``StoreFailed``; None for a failure caused by the data being written."""
    if isinstance(exc, StoreError):
        return exc if isinstance(exc, StoreFailed) else None
    if isinstance(exc, duckdb.IOException | duckdb.FatalException | duckdb.InternalException | OSError):
        hint = " (disk full?)" if "space" in str(exc).lower() else ""
        return StoreFailed(f"writing store {path} failed{hint}: {_one_line(exc)}")
    return None


def _select_in(con: duckdb.DuckDBPyConnection, sql: str, values: Sequence[str]) -> list[Any]:
    """Rows of ``sql`` whose ``IN ({})`` is filled with ``values`` (strings).

    One value is a plain parameter. Many go in as a registered Arrow column: DuckDB converts a
    Python list parameter element by element, trying ``import pandas`` twice per element (a
    sys.path search each time when pandas is not installed), which cost more than the query.
    """
    if len(values) == 1:
        return con.execute(sql.format("?"), [values[0]]).fetchall()
    con.register("_presslens_in", pa.table({"v": pa.array(list(values), type=pa.string())}))
    try:
        return con.execute(sql.format("SELECT v FROM _presslens_in")).fetchall()
    finally:
        con.unregister("_presslens_in")


def _rebuild(cls: type[R], kw: dict[str, Any]) -> R:
    from .records import FindingRef, Part

    if cls is Article:
        kw["parts"] = [Part(**p) for p in kw.get("parts") or []]
    if cls is Finding:
        kw["refs"] = [FindingRef(**r) for r in kw.get("refs") or []]
    return cls(**kw)
