"""Exports: every table as JSONL, CSV or Parquet, each row with article id and page offsets.

Field lists: docs/export.md. Event-specific formats (PLOVER JSONL, ACLED CSV) register
themselves in ``presslens.layers.events`` through the same ``exporters`` registry.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .registry import exporters
from .store import TABLES, Store
from .text.safe import csv_cell

# Tables exported by default, in this order; page text is exported once, in `pages`.
EXPORT_TABLES = [
    "pages",
    "articles",
    "actors",
    "mentions",
    "places",
    "dates",
    "quotes",
    "numbers",
    "events",
    "findings",
    "ingest_errors",
    "naming",
]


def _naming_rows(store: Store) -> list[dict[str, Any]]:
    from .across.naming import naming

    return naming(store)


# Tables computed from the store rather than stored: name -> (columns, rows function).
DERIVED: dict[str, tuple[list[str], Any]] = {}


def _derived() -> dict[str, tuple[list[str], Any]]:
    if not DERIVED:
        from .across.naming import COLUMNS

        DERIVED["naming"] = (COLUMNS, _naming_rows)  # per-source naming of every actor (docs/actors.md)
    return DERIVED


def table_rows(store: Store, table: str) -> list[dict[str, Any]]:
    if table in _derived():
        return list(_derived()[table][1](store))
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; choose from {', '.join(EXPORT_TABLES)}")
    order = {"pages": "key, version", "articles": "page_id, seq", "findings": "kind, id", "actors": "id",
             "ingest_errors": "\"at\""}.get(table, "article_id, start")
    rows = store.rows(f"SELECT * FROM {table} ORDER BY {order}")
    for r in rows:
        for k, v in list(r.items()):
            if isinstance(v, str) and v[:1] in "[{" and k in _json_columns(store, table):
                r[k] = json.loads(v)
        if table != "pages" and "article_id" in r:
            r["page_id"] = r["article_id"].rsplit("-a", 1)[0]
    return rows


def _json_columns(store: Store, table: str) -> set[str]:
    return {name for name, t in store._cols[table] if t == "JSON"}


def file_target(out: Path, default_name: str) -> Path:
    """Where a one-file export (PLOVER JSONL, ACLED CSV) writes: ``out`` itself when it names a
    file (it has an extension, ``events.csv``, and is not an existing folder), else
    ``out/default_name`` in that folder; missing folders are created."""
    target = out / default_name if out.is_dir() or not out.suffix else out
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _flat(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v


@exporters.register("jsonl")
def export_jsonl(store: Store, out: Path, tables: list[str]) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for t in tables:
        rows = table_rows(store, t)
        with (out / f"{t}.jsonl").open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        counts[t] = len(rows)
    return counts


@exporters.register("csv")
def export_csv(store: Store, out: Path, tables: list[str]) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for t in tables:
        rows = table_rows(store, t)
        base = _derived()[t][0] if t in _derived() else [n for n, _ in store._cols[t]]
        cols = base + sorted({k for r in rows for k in r} - set(base))
        with (out / f"{t}.csv").open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=cols)
            w.writeheader()
            for r in rows:
                w.writerow({k: csv_cell(_flat(v)) for k, v in r.items()})
        counts[t] = len(rows)
    return counts


@exporters.register("parquet")
def export_parquet(store: Store, out: Path, tables: list[str]) -> dict[str, int]:
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for t in tables:
        dest = out / f"{t}.parquet"
        if t in _derived():
            import pyarrow as pa
            import pyarrow.parquet as pq

            rows = table_rows(store, t)
            pq.write_table(pa.Table.from_pylist(rows) if rows else pa.table({c: [] for c in _derived()[t][0]}), dest)
            counts[t] = len(rows)
            continue
        store.con.execute(f"COPY (SELECT * FROM {t}) TO '{dest.as_posix()}' (FORMAT parquet)")
        row = store.con.execute(f"SELECT count(*) FROM {t}").fetchone()
        counts[t] = int(row[0]) if row else 0
    return counts


def article_record(store: Store, article_id: str) -> dict[str, Any]:
    """One article with body text, parts and every extracted item (for `show` and the API)."""
    arts = store.load("articles", "id = ?", [article_id])
    if not arts:
        raise KeyError(article_id)
    art = arts[0]
    text = store.page_text(art.page_id)
    rec: dict[str, Any] = {
        "id": art.id,
        "page_id": art.page_id,
        "seq": art.seq,
        "title": art.title,
        "byline": art.byline,
        "dateline": art.dateline,
        "published": art.published,
        "source": art.source,
        "url": art.url,
        "tags": art.tags,
        "captions": art.captions,
        "start": art.start,
        "end": art.end,
        "body_start": art.body_start,
        "body_end": art.body_end,
        "body": text[art.body_start : art.body_end],
        "language": art.language,
        "skipped": art.skipped,
        "parts": [{"role": p.role, "start": p.start, "end": p.end, "text": p.text} for p in art.parts],
    }
    for table in ("mentions", "places", "dates", "quotes", "numbers", "events"):
        rows = store.rows(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY start", [article_id])
        for r in rows:
            for k in _json_columns(store, table):
                if isinstance(r.get(k), str):
                    r[k] = json.loads(r[k])
        rec[table] = rows
    return rec
