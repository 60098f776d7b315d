"""Ray as an engine (optional extra: ``pip install 'presslens[ray]'``): ``ingest --engine ray``.

Only the analysis moves to Ray. The driver runs the same ingest as a local run (``pipeline.ingest``):
it reads pages, looks up a chunk of them at a time in the store, and writes analysed pages in
batches, in input order, through the single DuckDB writer. What changes is the mapper: page
batches go to Ray Data, which maps them (``map_batches``) through a pool of actors, each holding
one ``Pipeline`` (models load once per actor). Pages travel pickled, so any record crosses.

The driver feeds Ray a window of pages at a time (``WINDOW_PAGES`` pages or ``WINDOW_CHARS``
characters) so a million-page run never holds all pages in memory; each window is one Ray
dataset, whose actors load their models once (a few seconds against minutes of work per window).

With ``parquet_dir`` each actor also writes what it analysed as Parquet, one shard per Ray batch
(``presslens.store.shards``): the output of a large run is written in parallel where it was made.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from .pipeline import (
    IngestReport,
    Mapper,
    Pipeline,
    Results,
    analyse_batch,
    ingest,
)
from .records import Page
from .settings import Settings, load_settings
from .store import Store

WINDOW_PAGES = 4096
WINDOW_CHARS = 256_000_000


class AnalysePages:
    """Callable class for ``map_batches``: one Pipeline per Ray actor; a Ray batch of pages is one
    ``analyse_pages`` call (spaCy parses all their articles together)."""

    def __init__(self, settings: Settings, stages: Sequence[str] | None, parquet_dir: str | None = None,
                 shard_meta: dict[str, Any] | None = None) -> None:
        self.pipeline = Pipeline(settings, stages=stages)
        self.parquet_dir = parquet_dir
        self.shard_meta = shard_meta  # a store-less run: shards with manifests, counts sent back

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        pages = [pickle.loads(b) for b in batch["page"]]
        index = [int(i) for i in batch["i"]]
        if self.shard_meta is not None and self.parquet_dir:
            from .sharded import analyse_to_shard

            meta = {**self.shard_meta, "first": min(index)}
            counts = analyse_to_shard(self.pipeline, self.parquet_dir, meta, pages)
            return {"i": index, "out": [pickle.dumps(c, protocol=5) for c in counts]}
        outcomes = analyse_batch(self.pipeline, pages, strip=True)
        if self.parquet_dir:
            from .store.shards import write_shard

            write_shard(self.parquet_dir, pages, outcomes)
        return {"i": index, "out": [pickle.dumps(o, protocol=5) for o in outcomes]}


def ray_mapper(*, concurrency: int = 2, address: str | None = None, page_batch: int | None = None,
               parquet_dir: str | Path | None = None, shard_meta: dict[str, Any] | None = None) -> Mapper:
    """A mapper for ``pipeline.ingest``: page batches analysed by ``concurrency`` Ray actors.
    Joins the cluster at ``address`` (or starts a local Ray) unless Ray is already initialised.
    ``parquet_dir``: the actors also write Parquet shards there (a folder every node can write:
    shared storage on a cluster). With ``shard_meta`` (a store-less run, ``presslens.sharded``)
    the shards get manifests and the actors send back only each page's article count."""
    try:
        import ray
        import ray.data
    except ImportError as exc:  # depends on the optional extra
        raise RuntimeError("Ray is not installed: pip install 'presslens[ray]'") from exc

    def run(batches: Iterator[list[Page]], settings: Settings, stages: Sequence[str] | None) -> Results:
        if not ray.is_initialized():
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True  # the driver writes in input order
        ctx.enable_progress_bars = False
        size = page_batch or int(settings["pipeline"].get("page_batch", 16))
        shards = str(Path(parquet_dir).resolve()) if parquet_dir else None
        offset = 0  # input position of the window's first page (a shard's place in the run)
        for window in _windows(batches):
            pages = [p for batch in window for p in batch]
            items = [{"i": offset + i, "page": pickle.dumps(p, protocol=5)} for i, p in enumerate(pages)]
            ds = ray.data.from_items(items).map_batches(
                AnalysePages, fn_constructor_args=(settings, stages, shards, shard_meta), batch_size=size,
                concurrency=concurrency, batch_format="numpy", num_cpus=1)
            outcomes: list[Any] = [None] * len(pages)
            for row in ds.iter_rows():
                outcomes[int(row["i"]) - offset] = pickle.loads(row["out"])
            offset += len(pages)
            done = iter(outcomes)
            for batch in window:
                yield batch, [next(done) for _ in batch]

    return run


def ray_shard_mapper(*, concurrency: int = 2, address: str | None = None) -> Callable[[str, dict[str, Any]], Mapper]:
    """For ``sharded.shard_ingest(..., mapper_for=...)``: a store-less run on Ray, each actor
    writing its shards (``folder`` must be shared storage on a cluster)."""
    return lambda folder, meta: ray_mapper(concurrency=concurrency, address=address, parquet_dir=folder,
                                           shard_meta=meta)


def _windows(batches: Iterable[list[Page]]) -> Iterator[list[list[Page]]]:
    window: list[list[Page]] = []
    pages = chars = 0
    for batch in batches:
        window.append(batch)
        pages += len(batch)
        chars += sum(len(p.text) for p in batch)
        if pages >= WINDOW_PAGES or chars >= WINDOW_CHARS:
            yield window
            window, pages, chars = [], 0, 0
    if window:
        yield window


def ray_ingest(paths: Iterable[str | Path], store: Store, *, settings: Settings | None = None,
               stages: Sequence[str] | None = None, concurrency: int = 2, address: str | None = None,
               source: str | None = None, on_report: Callable[[IngestReport], None] | None = None,
               batch_size: int = 100, parquet_dir: str | Path | None = None) -> IngestReport:
    """``pipeline.ingest`` with the analysis on Ray: the same store contents as a local run, and
    with ``parquet_dir`` the analysed pages as Parquet shards too."""
    return ingest(paths, store, settings=settings or load_settings(), stages=stages, source=source,
                  on_report=on_report, batch_size=batch_size,
                  mapper=ray_mapper(concurrency=concurrency, address=address, parquet_dir=parquet_dir))
