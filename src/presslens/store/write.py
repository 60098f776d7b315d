"""The store's write path: records to Arrow columns, one batched statement per table, and a batch
of page versions with all their articles and items in one transaction.

The Arrow conversion is also what per-shard Parquet output writes (``presslens.scale``), so a
shard holds exactly the columns of the store's tables.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from ..records import Analysis, Page
from .schema import ARROW_TYPES, EXTRA_COLUMNS, INT64, PRIMARY_KEYS, Columns

# The per-article item tables, in the order a page's items are written.
ITEM_TABLES = ("mentions", "actors", "places", "dates", "quotes", "numbers", "events", "findings")


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


def arrow_table(table: str, cols: Columns, objs: Sequence[Any], extra: dict[str, Any] | None = None) -> pa.Table:
    """Records as one Arrow table with the store table's columns (JSON as text); ``extra``
    bookkeeping columns take one value for all rows or a list per row."""
    # Column by column: one pass per field instead of a row list per record.
    columns: dict[str, list[Any]] = {}
    for name, sqltype in cols:
        values = [getattr(o, name) for o in objs]
        columns[name] = [_dumps(v) for v in values] if sqltype == "JSON" else values
    types_ = dict(cols)
    for name, value in (extra or {}).items():
        columns[name] = list(value) if isinstance(value, list) else [value] * len(objs)
        types_[name] = EXTRA_COLUMNS.get(table, {}).get(name, "VARCHAR")
    try:
        return pa.table({n: pa.array(v, type=ARROW_TYPES.get(types_[n], pa.string())) for n, v in columns.items()})
    except OverflowError:
        # "999999999999999999999999 people": beyond any count the store can hold, kept as an
        # open bound (NULL); the claim's text and offsets still say what was written.
        for n, v in columns.items():
            if types_[n] in ("BIGINT", "INTEGER"):
                columns[n] = [None if type(x) is int and not INT64[0] <= x <= INT64[1] else x for x in v]
        return pa.table({n: pa.array(v, type=ARROW_TYPES.get(types_[n], pa.string())) for n, v in columns.items()})


def insert(con: duckdb.DuckDBPyConnection, table: str, cols: Columns, objs: Iterable[Any], **extra: Any) -> int:
    """Insert records in one statement (primary-key tables ignore rows already stored)."""
    objs = list(objs)
    if not objs:
        return 0
    # One Arrow batch per table and statement: DuckDB's executemany costs milliseconds per row,
    # which made storage, not extraction, the ingest bottleneck.
    batch = arrow_table(table, cols, objs, extra)
    quoted = ", ".join(f'"{n}"' for n in batch.column_names)
    verb = "INSERT OR IGNORE" if table in PRIMARY_KEYS else "INSERT"
    con.register("_presslens_batch", batch)
    try:
        con.execute(f"{verb} INTO {table} ({quoted}) SELECT {quoted} FROM _presslens_batch")
    finally:
        con.unregister("_presslens_batch")
    return len(objs)


def write_pages(con: duckdb.DuckDBPyConnection, columns: dict[str, Columns],
                batch: Sequence[tuple[Page, Sequence[Analysis]]], *, build: str | None = None,
                replace: Sequence[str] = ()) -> list[bool]:
    """Store page versions with their articles and items, inside the caller's transaction.

    Per page: False if this version (key and content) is already stored (or came earlier in the
    same batch). A text already stored for another page is not stored again: the new page points
    to it. ``build`` is recorded for each page written; the page versions in ``replace`` (analysed
    again by another build) lose their stored articles and items first, so they are written anew.
    """
    if replace:
        forget_pages(con, replace)
    now = datetime.now(UTC).replace(tzinfo=None)
    out: list[bool] = []
    ids = list({p.id for p, _ in batch})
    keys = list({p.key for p, _ in batch})
    known = {r[0] for r in select_in(con, "SELECT id FROM page_rows WHERE id IN ({})", ids)}
    versions: dict[str, int] = {
        str(k): int(n)
        for k, n in select_in(con, "SELECT key, max(version) FROM page_rows WHERE key IN ({}) GROUP BY key", keys)
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
        insert(con, "texts", columns["texts"], list({p.content_hash: p for p in pages}.values()))
        insert(con, "page_rows", columns["page_rows"], pages, id=[p.id for p in pages], ingested_at=now,
               version=page_versions)
        insert(con, "articles", columns["articles"], [a.article for a in new])
        for attr in ITEM_TABLES:
            insert(con, attr, columns[attr], [x for a in new for x in getattr(a, attr)])
        if build is not None:
            con.register("_presslens_builds", pa.table({"p": pa.array([p.id for p in pages], type=pa.string())}))
            try:
                con.execute("INSERT OR REPLACE INTO page_builds SELECT p, ? FROM _presslens_builds", [build])
            finally:
                con.unregister("_presslens_builds")
    return out


def forget_pages(con: duckdb.DuckDBPyConnection, page_ids: Sequence[str]) -> None:
    """Delete page versions with their articles, items and article-level findings (the texts and
    actors stay: other pages share them), inside the caller's transaction."""
    con.register("_presslens_gone", pa.table({"v": pa.array(list(page_ids), type=pa.string())}))
    try:
        arts = "(SELECT id FROM articles WHERE page_id IN (SELECT v FROM _presslens_gone))"
        for table in ITEM_TABLES:
            if table in ("actors", "findings"):
                continue
            con.execute(f"DELETE FROM {table} WHERE article_id IN {arts}")
        # Findings an article's analysis made (an invalid date); store-wide ones, which list their
        # scope in ``finding_scope``, are redone by their own stages.
        scoped = ("AND id NOT IN (SELECT finding_id FROM finding_scope)"
                  if con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'finding_scope'").fetchone()
                  else "")
        con.execute(f"DELETE FROM findings WHERE json_extract_string(refs, '$[0].article_id') IN {arts} {scoped}")
        con.execute("DELETE FROM articles WHERE page_id IN (SELECT v FROM _presslens_gone)")
        con.execute("DELETE FROM page_rows WHERE id IN (SELECT v FROM _presslens_gone)")
        con.execute("DELETE FROM page_builds WHERE page_id IN (SELECT v FROM _presslens_gone)")
    finally:
        con.unregister("_presslens_gone")


def select_in(con: duckdb.DuckDBPyConnection, sql: str, values: Sequence[str]) -> list[Any]:
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
