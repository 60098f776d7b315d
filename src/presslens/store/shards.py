"""Per-shard Parquet output for large runs (``ingest --engine ray --parquet-dir DIR``).

Each Ray actor writes the pages it analysed, with their articles and items, as one Parquet file
per table: ``DIR/<table>/part-<shard>.parquet``, with the store's columns (``pages`` with its text
and ``id``; JSON columns as text). The files are written where the analysis ran, in parallel, so
the output of a large run does not have to pass through one process; DuckDB, Spark or pandas read
a table as one (``read_parquet('DIR/articles/*.parquet')``). A shard's name is a hash of its page
ids: a re-run of the same pages rewrites the same files rather than adding copies. Pages whose
analysis failed are not in any shard (the store records their errors).

With ``meta`` (store-less runs, ``presslens.sharded``) a shard also gets a manifest,
``DIR/manifest/part-<shard>.json``: the run and build that made it, the input position of its
first page, and each page's id, key and content hash. The manifest is written last, so a shard
with a manifest is complete: ``presslens store import-shards`` imports only those.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from ..records import Analysis, Page
from .schema import table_columns
from .write import ITEM_TABLES, arrow_table

SHARD_TABLES = ("pages", "articles", *ITEM_TABLES)


def shard_name(pages: Sequence[Page]) -> str:
    return hashlib.sha256("\n".join(p.id for p in pages).encode()).hexdigest()[:20]


def write_shard(folder: str | os.PathLike[str], pages: Sequence[Page], outcomes: Sequence[Any],
                meta: dict[str, Any] | None = None) -> str | None:
    """Write the analysed pages (outcomes that are lists of ``Analysis``) as one shard; returns its
    name, or None when no page of the batch was analysed. ``meta`` (``run``, ``build``, ``first``:
    the input position of the batch's first page) adds the shard's manifest."""
    done = [(p, out) for p, out in zip(pages, outcomes, strict=True) if isinstance(out, list)]
    if not done:
        return None
    cols = table_columns()
    analyses: list[Analysis] = [a for _, out in done for a in out]
    name = shard_name([p for p, _ in done])
    rows: dict[str, tuple[list[Any], dict[str, Any]]] = {
        "pages": ([p for p, _ in done], {"id": [p.id for p, _ in done]}),
        "articles": ([a.article for a in analyses], {}),
    }
    for table in ITEM_TABLES:
        rows[table] = ([x for a in analyses for x in getattr(a, table)], {})
    for table in SHARD_TABLES:
        objs, extra = rows[table]
        target = Path(folder) / table / f"part-{name}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        # Empty tables too: every shard has every table, so a reader's glob never misses a column.
        pq.write_table(arrow_table(table, cols[table], objs, extra), tmp)
        os.replace(tmp, target)  # a reader never sees half a file
    if meta is not None:
        manifest = {**meta, "shard": name, "tables": list(SHARD_TABLES), "pages": [
            {"id": p.id, "key": p.key, "content_hash": p.content_hash, "articles": len(out)} for p, out in done]}
        target = Path(folder) / "manifest" / f"part-{name}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, target)
    return name
