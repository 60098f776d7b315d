"""Store-less runs: ``presslens ingest PATHS --shards-dir DIR`` (issue 19).

No DuckDB store is opened and no process is the single writer: every worker (a forked
``--workers`` process or a Ray actor) writes the pages it analysed, with their articles and items,
as Parquet shards plus a manifest (``presslens.store.shards``). The driver only reads the input,
drops page versions it has already read in this run, hands out page batches and records the run
(``DIR/runs/<run>.json``: build fingerprint, counts, input errors). ``presslens store
import-shards DIR`` (``presslens.shard_import``) later merges the shards into a store and runs the
store-wide stages once. Without a writer in the loop the run scales with the workers alone; the
store ends up as a direct ingest of the same input would leave it (tests compare row for row).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .pipeline import (
    Failed,
    IngestReport,
    Mapper,
    Pipeline,
    Results,
    analyse_batch,
    iter_inputs,
    page_batches,
    resolve_workers,
)
from .records import IngestError, Page
from .settings import Settings, load_settings
from .text.safe import one_line

RUNS = "runs"


class Batch(list[Page]):
    """A page batch that knows the input position of its first page (the shard's place in the
    run: ``import-shards`` writes shards in input order, as a direct ingest writes pages)."""

    first: int = 0


def analyse_to_shard(pipeline: Pipeline, folder: str, meta: dict[str, Any], batch: Sequence[Page]) -> list[Any]:
    """Analyse a batch and write it as a shard; hands back only each page's article count (or its
    ``Failed``), so nothing large crosses back to the driver."""
    outcomes = analyse_batch(pipeline, batch)
    from .store.shards import write_shard

    write_shard(folder, batch, outcomes, {**meta, "first": getattr(batch, "first", 0)})
    return [len(out) if isinstance(out, list) else out for out in outcomes]


def build_shard_analyser(settings: Settings, stages: Sequence[str] | None, folder: str,
                         meta: dict[str, Any]) -> Callable[[Sequence[Page]], list[Any]]:
    """What a spawned worker runs (a forked one uses the parent's pipeline)."""
    return functools.partial(analyse_to_shard, Pipeline(settings, stages=stages), folder, meta)


def local_shard_mapper(workers: int, folder: str, meta: dict[str, Any]) -> Mapper:
    """This machine's processes, as ``pipeline.local_mapper``: ``workers`` processes forked from
    this one once its pipeline is built and warmed (``pipeline.warm``), each writing its shards;
    with 1 worker or an input of one batch, everything here."""

    def run(batches: Iterator[list[Page]], settings: Settings, stages: Sequence[str] | None) -> Results:
        numbered = _numbered(batches)
        first = next(numbered, None)
        if first is None:
            return
        pipeline = Pipeline(settings, stages=stages)
        analyse = functools.partial(analyse_to_shard, pipeline, folder, meta)
        second = next(numbered, None) if workers > 1 else None
        if second is None:
            yield first, analyse(first)
            for batch in numbered:
                yield batch, analyse(batch)
            return
        from .pipeline import warm
        from .workers import pool_map, start_method

        if start_method() == "fork":  # spawned workers build and warm their own
            warm(pipeline)
        yield from pool_map(itertools.chain([first, second], numbered), workers, analyse=analyse,
                            build=functools.partial(build_shard_analyser, settings, stages, folder, meta))

    return run


def _numbered(batches: Iterable[list[Page]]) -> Iterator[Batch]:
    seen = 0
    for pages in batches:
        batch = Batch(pages)
        batch.first = seen
        seen += len(pages)
        yield batch


def new_run_id() -> str:
    """Sorts by start time: ``import-shards`` takes runs in the order they started."""
    return f"{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%f')}-{os.getpid()}"


def shard_ingest(
    paths: Iterable[str | Path],
    folder: str | Path,
    *,
    settings: Settings | None = None,
    stages: Sequence[str] | None = None,
    workers: int | str = 1,
    source: str | None = None,
    on_report: Callable[[IngestReport], None] | None = None,
    mapper_for: Callable[[str, dict[str, Any]], Mapper] | None = None,
) -> IngestReport:
    """Analyse every page of ``paths`` into Parquet shards under ``folder``, with no store.

    ``pages_stored`` counts pages written to shards; ``pages_unchanged`` the page versions read a
    second time in this run (not analysed again). ``mapper_for(folder, meta)`` gives another engine
    (``presslens.scale.ray_shard_mapper``); by default this machine's processes."""
    from .build import fingerprint

    settings = settings or load_settings()
    out = Path(folder).resolve()
    out.mkdir(parents=True, exist_ok=True)
    meta = {"run": new_run_id(), "build": fingerprint(settings, stages)}
    started = datetime.now(UTC).isoformat()
    report = IngestReport()
    _write_run(out, meta, report, started=started, finished=None)
    seen: set[str] = set()  # page versions read in this run (the store's "unchanged" check)

    def pages() -> Iterator[Page]:
        for item in iter_inputs(paths, settings):
            if isinstance(item, IngestError):
                report.errors.append(item)
                continue
            report.pages_seen += 1
            if source and not item.source:
                item.source = source
            if item.id in seen:
                report.pages_unchanged += 1
                continue
            seen.add(item.id)
            yield item

    pipe_cfg = settings["pipeline"]
    batches = page_batches(pages(), int(pipe_cfg.get("page_batch", 16)),
                           int(pipe_cfg.get("page_batch_chars", 1_000_000)))
    mapper = (mapper_for(str(out), meta) if mapper_for
              else local_shard_mapper(resolve_workers(workers, settings), str(out), meta))
    for batch, outcomes in mapper(batches, settings, stages):
        if isinstance(outcomes, BaseException):  # a worker died: its batch's pages fail
            outcomes = [Failed(type(outcomes).__name__, str(outcomes))] * len(batch)
        for page, done in zip(batch, outcomes, strict=True):
            if isinstance(done, Failed):
                where = page.path or page.key
                line = one_line(f"{where}: analysis failed: {done.kind}: {done.message}")
                report.errors.append(IngestError(path=where, problem="analysis_failed", message=line))
                continue
            n = done if isinstance(done, int) else len(done)  # the shard writers send counts
            report.pages_analysed += 1
            report.pages_stored += 1
            report.articles_analysed += n
            report.articles += n
        if on_report:
            on_report(report)
    _write_run(out, meta, report, started=started, finished=datetime.now(UTC).isoformat())
    return report


def _write_run(folder: Path, meta: dict[str, Any], report: IngestReport, *, started: str,
               finished: str | None) -> None:
    """The run's record: written at the start (unfinished) and again at the end."""
    target = folder / RUNS / f"{meta['run']}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    body = {**meta, "started": started, "finished": finished, "pages_seen": report.pages_seen,
            "pages_analysed": report.pages_stored, "pages_repeated": report.pages_unchanged,
            "articles": report.articles,
            "errors": [{"path": e.path, "problem": e.problem, "message": e.message, "line": e.line}
                       for e in report.errors]}
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, target)
