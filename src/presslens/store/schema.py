"""The store's schema: tables mirror the records in ``records.py`` column for column (lists and
dicts as JSON), so a field added to a record is a schema change that bumps ``SCHEMA_VERSION``, unless
it is nullable with a default and listed in ``ADDED_COLUMNS``: an older store gains it on open.

Pages and texts are apart (schema 2): a page version is (key: URL or path, content hash) with its
own id, source and metadata, in ``page_rows``; its text is stored once per content hash in
``texts`` and shared. The view ``pages`` joins them back: every reader sees a page with its
``text``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pyarrow as pa

from ..records import (
    Actor,
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
from .connection import SchemaMismatch

SCHEMA_VERSION = 7  # 7: Event.actor_agents/recipient_agents (actors); 2: pages vs texts (main); 3: Place.role and Place.rule (places); 4: Quote.fragments, speaker_mention*, headline, rules (quotes); 5: Event.trigger_start/trigger_end/rules (events); 6: articles.language, articles.skipped, actors.sector (actors)
# Column type -> Arrow type for batched inserts (JSON travels as text).
ARROW_TYPES = {
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
Columns = list[tuple[str, str]]  # (name, SQL type) per column, in table order


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


def _fields(cls: type) -> Columns:
    hints = typing.get_type_hints(cls)
    return [(f.name, _sql_type(hints[f.name])) for f in dataclasses.fields(cls)]


def table_columns() -> dict[str, Columns]:
    """Every table's record columns; ``pages`` is a view over ``page_rows`` (no text) and the
    ``texts`` they share."""
    cols = {t: _fields(cls) for t, cls in TABLES.items()}
    cols["page_rows"] = [c for c in cols["pages"] if c[0] != "text"]
    cols["texts"] = [("content_hash", "VARCHAR"), ("text", "VARCHAR")]
    return cols


def check_version(con: duckdb.DuckDBPyConnection, path: str) -> None:
    try:
        row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    except duckdb.CatalogException:
        raise SchemaMismatch(f"{path} is not a presslens store") from None
    if row is None or str(row[0]) != str(SCHEMA_VERSION):
        found = row[0] if row else "none"
        raise SchemaMismatch(
            f"{path} has schema version {found}, this presslens needs {SCHEMA_VERSION}: "
            "re-ingest into a new store (--db NEW.duckdb)"
        )


def migrate(con: duckdb.DuckDBPyConnection, path: str, columns: dict[str, Columns]) -> None:
    """Create what is missing; a store of another schema version is refused (``SchemaMismatch``)."""
    con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    if row is not None and str(row[0]) != str(SCHEMA_VERSION):
        check_version(con, path)
    for table, cols in columns.items():
        if table == "pages":
            continue  # a view, created below
        defs = [f'"{n}" {t}' for n, t in cols]
        defs += [f'"{n}" {t}' for n, t in EXTRA_COLUMNS.get(table, {}).items()]
        pk = PRIMARY_KEYS.get(table)
        if pk:
            defs.append(f'PRIMARY KEY ("{pk}")')
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(defs)})")
        _add_missing(con, table, cols)
    con.execute("CREATE VIEW IF NOT EXISTS pages AS SELECT r.*, t.text FROM page_rows r "
                "JOIN texts t ON t.content_hash = r.content_hash")
    # The build that analysed each page version (``presslens.build``): a re-ingest by another build
    # analyses the page again. Bookkeeping, not a record: an older store gains it on open, and a
    # page without a row counts as analysed by an unknown build.
    con.execute("CREATE TABLE IF NOT EXISTS page_builds (page_id VARCHAR PRIMARY KEY, build VARCHAR)")
    con.execute(
        "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?), ('created_at', ?)",
        [str(SCHEMA_VERSION), datetime.now(UTC).isoformat()],
    )


# Record fields added after a schema version without bumping it: nullable, with a default, so an
# older store gains the column on open (a writer) and a reader of an older store gets the default.
ADDED_COLUMNS = {"numbers": ("unit", "unit_low", "unit_high")}  # NumberClaim measures (session 27)


def _add_missing(con: duckdb.DuckDBPyConnection, table: str, cols: Columns) -> None:
    added = ADDED_COLUMNS.get(table)
    if not added:
        return
    have = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    for name, sql_type in cols:
        if name in added and name not in have:
            con.execute(f'ALTER TABLE {table} ADD COLUMN "{name}" {sql_type}')


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


def _rebuild(cls: type[R], kw: dict[str, Any]) -> R:
    from ..records import FindingRef, Part

    if cls is Article:
        kw["parts"] = [Part(**p) for p in kw.get("parts") or []]
    if cls is Finding:
        kw["refs"] = [FindingRef(**r) for r in kw.get("refs") or []]
    return cls(**kw)
