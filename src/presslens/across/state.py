"""Bookkeeping tables of the store-wide stages, so each run touches only what is new.

They are not records (nothing outside ``across/`` reads them) and are created on first use, so an
older store gains them without a schema change; deleting them only makes the next run redo
everything once.

- ``across_pages``: page versions whose findings are done (a re-ingest of unchanged pages finds
  none to do).
- ``merge_keys``: one row per event: its blocking keys (type, own date key, month key, place key)
  and current canonical id; new events are compared only with events that share a key.
- ``merge_dirty``: canonical ids changed by the last merge, whose findings are redone.
- ``story_pairs``: article pairs of two sources that tell one story (met in a merge block), whose
  figures the next findings run compares (then they are removed).
- ``story_done``: article pairs whose figures were compared (their findings depend on the two
  articles only, so a pair met again, in a canonical event that grew, is not compared again).
- ``story_told``: each compared article's figure keys (what each figure counts, ``figure_findings.told``)
  with the signature of the figures they came from and of what ``told`` reads (count lexicon, number
  words, their code: ``findings.told_inputs``), worked out once per article.
- ``story_df``, ``story_docs``, ``story_names``, ``story_bags``: how many articles hold each term,
  which articles were counted, the names each holds and all its terms (the document frequencies,
  candidate index and bags of words of the content-based story links, ``story_link.py``: an
  article's terms are read from its text once, not at every merge that meets it).
- ``quote_keys``: word 5-grams of long quotes (the same-quote finding's buckets).
- ``copy_bands``, ``copy_common``, ``copy_done``, ``copy_pairs``, ``copy_clusters``: MinHash LSH
  band keys of article sentences, band keys too common to propose copies, articles already cut, copied passages found (the earlier article's span) and
  republication cluster of each article (``copies.py``).
- ``finding_scope``: which page, canonical event or passage pair each store-wide finding belongs
  to, so a redone scope replaces only its own findings.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import pyarrow as pa

F = TypeVar("F", bound=Callable[..., Any])
# DuckDB threads while a store-wide stage runs (0: the connection's own, one per core). Its
# statements are look-ups and joins over one batch's rows, too small to gain from a second thread
# whose start and merge cost CPU (bench, session 21: docs/performance.md); the connection's
# setting is put back after the stage, so the ingest's writes keep theirs.
STAGE_THREADS = 1

DDL = [
    "CREATE TABLE IF NOT EXISTS across_pages (page_id VARCHAR PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS merge_keys (event_id VARCHAR PRIMARY KEY, type VARCHAR, dkey VARCHAR, "
    "mkey VARCHAR, pkey VARCHAR, canonical_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS merge_dirty (canonical_id VARCHAR PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS story_pairs (a VARCHAR, b VARCHAR, PRIMARY KEY (a, b))",
    "CREATE TABLE IF NOT EXISTS story_done (a VARCHAR, b VARCHAR, PRIMARY KEY (a, b))",
    "CREATE TABLE IF NOT EXISTS story_told (article_id VARCHAR PRIMARY KEY, sig VARCHAR, keys VARCHAR)",
    "CREATE TABLE IF NOT EXISTS quote_keys (key VARCHAR, quote_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS copy_bands (band BIGINT, article_id VARCHAR, source VARCHAR, "
    "content_hash VARCHAR)",
    "CREATE TABLE IF NOT EXISTS copy_done (article_id VARCHAR PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS copy_common (band BIGINT PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS copy_pairs (a VARCHAR, b VARCHAR, a_start BIGINT, a_end BIGINT)",
    "CREATE TABLE IF NOT EXISTS copy_clusters (article_id VARCHAR PRIMARY KEY, cluster_id VARCHAR)",
    "CREATE TABLE IF NOT EXISTS story_df (term VARCHAR PRIMARY KEY, n BIGINT)",
    "CREATE TABLE IF NOT EXISTS story_docs (article_id VARCHAR PRIMARY KEY)",
    "CREATE TABLE IF NOT EXISTS story_names (term VARCHAR, article_id VARCHAR)",
    # An article's terms as one space-separated string (terms hold no space): a look-up of 800 articles'
    # bags at 20k articles read 159 ms CPU from a VARCHAR[] column (DuckDB decodes every list of a
    # 2,048-row vector with one match), 44 ms from this; the list table of older builds goes (its bags are
    # read from the texts again, once).
    "CREATE TABLE IF NOT EXISTS story_bags (article_id VARCHAR PRIMARY KEY, terms VARCHAR)",
    "DROP TABLE IF EXISTS story_terms",
    "CREATE TABLE IF NOT EXISTS finding_scope (finding_id VARCHAR, scope VARCHAR)",
]


def article_texts_sql(name: str) -> str:
    """Source and page text of the articles whose ids are in the registered table ``name`` (column
    ``id``): their page rows, then only their texts (the ``pages`` view would join every stored text,
    a cost that grows with the store)."""
    return ("SELECT a.id, coalesce(p.source, p.key) AS source, t.text FROM "
            f"(SELECT id, page_id FROM articles WHERE id IN (SELECT id FROM {name})) a "
            "JOIN page_rows p ON p.id = a.page_id JOIN texts t ON t.content_hash = p.content_hash")


def stage_threads(fn: F) -> F:
    """Run the store-wide stage ``fn(store, ...)`` with ``STAGE_THREADS`` DuckDB threads."""

    @functools.wraps(fn)
    def run(store: Any, *args: Any, **kw: Any) -> Any:
        if STAGE_THREADS <= 0:
            return fn(store, *args, **kw)
        row = store.con.execute("SELECT current_setting('threads')").fetchone()
        store.con.execute(f"SET threads = {int(STAGE_THREADS)}")
        try:
            return fn(store, *args, **kw)
        finally:
            store.con.execute(f"SET threads = {int(row[0])}")

    return run  # type: ignore[return-value]


def shed(store: Any) -> None:
    """``Store.shed`` between two steps of a store-wide stage (issue 19; the reopened connection keeps
    the stage's thread count)."""
    if hasattr(store, "shed"):
        store.shed()


def ensure(store: Any) -> None:
    for sql in DDL:
        store.con.execute(sql)


def arrow(columns: dict[str, Sequence[Any]], types: dict[str, pa.DataType] | None = None) -> pa.Table:
    types = types or {}
    return pa.table({k: pa.array(list(v), type=types.get(k, pa.string())) for k, v in columns.items()})


def query_with(store: Any, name: str, table: pa.Table, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    """Rows of ``sql`` that joins the registered Arrow ``table`` as ``name``."""
    cur = store.con.cursor()
    cur.register(name, table)
    try:
        cur.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        cur.unregister(name)


def tuples_with(store: Any, name: str, table: pa.Table, sql: str) -> list[tuple[Any, ...]]:
    """``query_with``'s rows as tuples: a dict per row held a look-up of 100k rows ~4x over (issue 19)."""
    cur = store.con.cursor()
    cur.register(name, table)
    try:
        return cur.execute(sql).fetchall()
    finally:
        cur.unregister(name)


def execute_with(con: Any, name: str, table: pa.Table, sql: str, params: Sequence[Any] = ()) -> None:
    con.register(name, table)
    try:
        con.execute(sql, list(params))
    finally:
        con.unregister(name)


# Findings inserted per transaction. DuckDB keeps a transaction's uncommitted rows in memory, so a
# pass's findings inserted in one transaction raised the peak with the run's size (+148 MB for 50k
# findings at 3k new articles; +28 MB in slices: issue 19, docs/performance.md). The store-wide
# stages already commit step by step (``copies.run`` its bookkeeping, then these findings, then the
# pages done), so a run stopped between slices is redone as one stopped between steps is.
SLICE = 2000


class Found:
    """Where a pass of ``findings.compute`` puts what it finds, step by step: ``clear(scopes)`` (the
    scopes a step redoes) before ``add(findings, scopes)`` (each finding with its scope). This one
    holds them in lists (``found``, ``scope``), for callers that look at them; ``Stored`` writes them
    as they come."""

    def __init__(self) -> None:
        self.found: list[Any] = []
        self.scope: dict[str, str] = {}
        self.cleared: list[str] = []
        self.counts: dict[str, int] = {}

    def clear(self, scopes: Sequence[str]) -> None:
        self.cleared += scopes

    def add(self, findings: Sequence[Any], scopes: Sequence[str]) -> None:
        for f, s in zip(findings, scopes, strict=True):
            self.counts[f.kind] = self.counts.get(f.kind, 0) + 1
            self._put(f, s)

    def _put(self, f: Any, scope: str) -> None:
        self.found.append(f)
        self.scope[f.id] = scope

    def close(self) -> None:
        """Nothing held back (``Stored`` writes its last slice)."""


class Stored(Found):
    """A pass's findings written as the steps make them, ``SLICE`` per transaction, so a pass holds
    one slice, not every finding it makes (360,972 copied passages at 10k new bench articles held
    1.6 GB: issue 19). The store it leaves is the one an all-at-once write of every finding of the pass
    leaves (``tests/test_copies_chunks.py``): a cleared scope's findings go except those
    this pass has already stored again (a finding id is one finding: the pass's value wins), a stored
    finding met again is replaced (``INSERT OR REPLACE`` on the primary key, no table scan per
    slice), and a finding met twice in one pass keeps one scope row, its last. Only the ids stored by
    the pass are kept (``seen``), to tell those cases apart."""

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store
        self.seen: set[str] = set()
        self.buf: dict[str, tuple[Any, str]] = {}

    def clear(self, scopes: Sequence[str]) -> None:
        self.cleared += scopes
        sc = sorted(set(scopes))
        if not sc:
            return
        self.flush()  # earlier steps' findings are stored before any scope is cleared
        ids = [r["finding_id"] for r in query_with(
            self.store, "_sc", arrow({"s": sc}),
            "SELECT DISTINCT finding_id FROM finding_scope WHERE scope IN (SELECT s FROM _sc)")]
        with self.store.transaction() as con:
            execute_with(con, "_fi", arrow({"f": [i for i in ids if i not in self.seen]}),
                         "DELETE FROM findings WHERE id IN (SELECT f FROM _fi)")
            execute_with(con, "_sc", arrow({"s": sc}), "DELETE FROM finding_scope WHERE scope IN (SELECT s FROM _sc)")

    def _put(self, f: Any, scope: str) -> None:
        self.buf[f.id] = (f, scope)
        if len(self.buf) >= SLICE:
            self.flush()

    def flush(self) -> None:
        if not self.buf:
            return
        from ..store.write import arrow_table

        part = list(self.buf.values())
        again = [f.id for f, _ in part if f.id in self.seen]
        batch = arrow_table("findings", self.store._cols["findings"], [f for f, _ in part], {})
        cols = ", ".join(f'"{n}"' for n in batch.column_names)
        with self.store.transaction() as con:
            if again:  # its scope row from earlier in this pass goes: the last one is kept
                execute_with(con, "_ag", arrow({"f": again}),
                             "DELETE FROM finding_scope WHERE rowid IN (SELECT max(rowid) FROM finding_scope "
                             "WHERE finding_id IN (SELECT f FROM _ag) GROUP BY finding_id)")
            execute_with(con, "_nf", batch, f"INSERT OR REPLACE INTO findings ({cols}) SELECT {cols} FROM _nf")
            execute_with(con, "_fs", arrow({"f": [f.id for f, _ in part], "s": [s for _, s in part]}),
                         "INSERT INTO finding_scope SELECT f, s FROM _fs")
        self.seen.update(f.id for f, _ in part)
        self.buf.clear()

    def close(self) -> None:
        self.flush()


def forget(store: Any, page_ids: Sequence[str]) -> None:
    """Page versions about to be analysed again (another build, ``pipeline.ingest``): this
    bookkeeping forgets them, so the next runs take their new analyses as new (their page
    findings go now; findings of other scopes are redone when these pages come back)."""
    if not page_ids:
        return
    ensure(store)
    arts = "(SELECT id FROM articles WHERE page_id IN (SELECT v FROM _gone))"
    with store.transaction() as con:
        for sql in (
            "DELETE FROM findings WHERE id IN (SELECT finding_id FROM finding_scope WHERE scope IN "
            "(SELECT 'p:' || v FROM _gone))",
            "DELETE FROM finding_scope WHERE scope IN (SELECT 'p:' || v FROM _gone)",
            "DELETE FROM across_pages WHERE page_id IN (SELECT v FROM _gone)",
            f"DELETE FROM merge_keys WHERE event_id IN (SELECT id FROM events WHERE article_id IN {arts})",
            f"DELETE FROM quote_keys WHERE quote_id IN (SELECT id FROM quotes WHERE article_id IN {arts})",
            f"DELETE FROM copy_bands WHERE article_id IN {arts}",
            f"DELETE FROM copy_done WHERE article_id IN {arts}",
            f"DELETE FROM copy_clusters WHERE article_id IN {arts}",
            f"DELETE FROM copy_pairs WHERE a IN {arts} OR b IN {arts}",
            f"DELETE FROM story_done WHERE a IN {arts} OR b IN {arts}",
            f"DELETE FROM story_told WHERE article_id IN {arts}",
        ):
            execute_with(con, "_gone", arrow({"v": list(page_ids)}), sql)


# The ``meta`` row that says pages were written whose store-wide stages have not finished. Set
# before a run's first write, cleared after its stages end: a run killed in between (kill -9
# after the last batch commit, while the findings ran) left them undone, and the re-run, storing
# nothing new, ran no store-wide stage, so copy findings and clusters stayed missing for good.
PENDING = "post_pending"


def pending(store: Any) -> bool:
    return store.con.execute("SELECT 1 FROM meta WHERE key = ?", [PENDING]).fetchone() is not None


def set_pending(store: Any, on: bool) -> bool:
    if on:
        store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", [PENDING])
    else:
        store.con.execute("DELETE FROM meta WHERE key = ?", [PENDING])
    return on
