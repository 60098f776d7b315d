"""``presslens store import-shards DIR``: the shards of store-less runs (``presslens.sharded``)
merged into a DuckDB store, then the store-wide stages run once.

Shards are taken in run order (runs sort by start time), and within a run in input order (each
manifest names the input position of its first page), and written through the store's own write
path (``store.write.write_pages``) a batch of pages per transaction: pages, versions, shared
texts and builds come out as a direct ingest of the same input would leave them. A page version
the store already holds from the same build is skipped (or made the latest again, when its key
moved on since: ``reinstate``); one from another build is replaced, as a re-ingest replaces it.
Only shards with a manifest are read (the manifest is written last); importing again adds
nothing, and a run's input errors are recorded once (``meta``: ``imported_run:<run>``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from .records import Actor, Analysis, Article, Finding, IngestError, Page
from .settings import Settings, load_settings
from .store import TABLES, Store, _rebuild
from .store.write import ITEM_TABLES, insert, write_pages

# Items that name their article (``article_id``); actors and findings are placed apart.
_ARTICLE_ITEMS = tuple(t for t in ITEM_TABLES if t not in ("actors", "findings"))


@dataclass(slots=True, kw_only=True)
class ImportReport:
    shards: int = 0
    pages_stored: int = 0
    pages_unchanged: int = 0
    pages_reverted: int = 0
    pages_reanalysed: int = 0  # stored by another build: replaced by the shard's analysis
    articles: int = 0
    errors: int = 0  # input errors of the runs, recorded now
    unfinished_runs: list[str] = field(default_factory=list)  # no end record: their shards so far
    problems: list[str] = field(default_factory=list)  # shards that could not be read


def manifests(folder: Path) -> list[dict[str, Any]]:
    """Every complete shard's manifest, in run order, then input order."""
    found = []
    for path in sorted((folder / "manifest").glob("part-*.json")):
        found.append(json.loads(path.read_text(encoding="utf-8")))
    return sorted(found, key=lambda m: (str(m.get("run", "")), int(m.get("first", 0)), m["shard"]))


def read_shard(folder: Path, manifest: dict[str, Any], columns: dict[str, Any]) -> list[tuple[Page, list[Analysis]]]:
    """A shard's pages, each with its analyses rebuilt from the Parquet rows (as written)."""
    name = manifest["shard"]

    def rows(table: str) -> Iterator[Any]:
        cls = TABLES[table]
        json_cols = {n for n, t in columns[table] if t == "JSON"}
        for row in pq.read_table(folder / table / f"part-{name}.parquet").to_pylist():
            kw = {k: (json.loads(v) if k in json_cols and isinstance(v, str) else v)
                  for k, v in row.items() if k in _FIELDS[table]}
            yield _rebuild(cls, kw)

    pages = list(rows("pages"))
    by_page: dict[str, list[Analysis]] = {p.id: [] for p in pages}
    by_article: dict[str, Analysis] = {}
    text = {p.id: p.text for p in pages}
    for art in rows("articles"):
        assert isinstance(art, Article)
        a = Analysis(article=art, page_text=text[art.page_id])
        by_page[art.page_id].append(a)
        by_article[art.id] = a
    for table in _ARTICLE_ITEMS:
        for item in rows(table):
            getattr(by_article[item.article_id], table).append(item)
    carrier = next((a for p in pages for a in by_page[p.id]), None)
    for actor in rows("actors"):
        assert isinstance(actor, Actor) and carrier is not None
        carrier.actors.append(actor)  # actors name no article; the store keeps each id once
    for finding in rows("findings"):
        assert isinstance(finding, Finding)
        owner = by_article.get(finding.refs[0].article_id) if finding.refs else None
        if owner is None:
            owner = carrier
        assert owner is not None
        owner.findings.append(finding)
    return [(p, by_page[p.id]) for p in pages]


_FIELDS: dict[str, set[str]] = {}


def import_shards(store: Store, folder: str | Path, *, settings: Settings | None = None,
                  batch_size: int = 100, post: bool = True) -> ImportReport:
    """Merge every complete shard under ``folder`` into ``store``; then the store-wide stages."""
    from .pipeline import run_post

    settings = settings or load_settings()
    root = Path(folder)
    if not (root / "manifest").is_dir():
        raise FileNotFoundError(f"no shards in {root} (no manifest folder)")
    columns = store._cols
    for table in TABLES:
        _FIELDS.setdefault(table, {n for n, _ in columns[table]})
    report = ImportReport()
    queued: list[tuple[Page, list[Analysis]]] = []
    build: str | None = None

    for manifest in manifests(root):
        if queued and manifest.get("build") != build:
            _flush(store, queued, build, report)
        build = manifest.get("build")
        try:
            queued.extend(read_shard(root, manifest, columns))
        except (OSError, KeyError, ValueError) as exc:  # a shard cut short (disk full, copied in part)
            report.problems.append(f"shard {manifest['shard']}: {type(exc).__name__}: {exc}")
            continue
        report.shards += 1
        if len(queued) >= batch_size:
            _flush(store, queued, build, report)
    _flush(store, queued, build, report)
    _record_runs(store, root, report)
    store.release()
    if post and (report.pages_stored or report.pages_reverted):
        run_post(store, settings)
    return report


def _flush(store: Store, queued: list[tuple[Page, list[Analysis]]], build: str | None,
           report: ImportReport) -> None:
    if not queued:
        return
    # Actors travel on a shard's first article, whose page may be skipped below: written apart.
    actors = [x for _, an in queued for a in an for x in a.actors]
    for _, an in queued:
        for a in an:
            a.actors = []
    states = store.page_states([p for p, _ in queued])
    builds = store.page_builds(list(states))
    write: list[tuple[Page, list[Analysis]]] = []
    back: list[Page] = []
    replace: list[str] = []
    for page, analyses in queued:
        state = states.get(page.id)
        if state is not None and builds.get(page.id) == build:
            if state == "reverted":
                back.append(page)
            else:
                report.pages_unchanged += 1
            continue
        if state is not None:
            replace.append(page.id)
        write.append((page, analyses))
    queued.clear()
    if back:
        store.reinstate(back)
        report.pages_reverted += len(back)
    if replace:
        from .across import state as across_state

        across_state.forget(store, replace)
    if not write:
        return
    with store.transaction() as con:
        done = write_pages(con, store._cols, write, build=build, replace=replace)
        insert(con, "actors", store._cols["actors"], actors)  # INSERT OR IGNORE: each id once
    for (page, analyses), ok in zip(write, done, strict=True):
        if ok:
            report.pages_stored += 1
            report.articles += len(analyses)
            report.pages_reanalysed += page.id in replace
        else:
            report.pages_unchanged += 1


def _record_runs(store: Store, root: Path, report: ImportReport) -> None:
    """Each run's input errors, once per store; runs without an end record are reported."""
    for path in sorted((root / "runs").glob("*.json")):
        run = json.loads(path.read_text(encoding="utf-8"))
        if run.get("finished") is None:
            report.unfinished_runs.append(str(run.get("run")))
            continue
        key = f"imported_run:{run['run']}"
        if store.con.execute("SELECT 1 FROM meta WHERE key = ?", [key]).fetchone():
            continue
        errors = [IngestError(**e) for e in run.get("errors", [])]
        store.write_errors(errors)
        with store.transaction() as con:
            con.execute("INSERT INTO meta VALUES (?, ?)", [key, str(run.get("finished"))])
        report.errors += len(errors)
