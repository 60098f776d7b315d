"""Ray as an engine (optional extra: ``pip install 'presslens[ray]'``): ``ingest --engine ray``.

Only the analysis moves to Ray. The driver runs the same ingest as a local run (``pipeline.ingest``):
it reads pages, looks up a chunk of them at a time in the store, and writes analysed pages in
batches, in input order, through the single DuckDB writer. What changes is the mapper: page
batches go to Ray actors, each holding one ``Pipeline``, and their results come back to the writer
as they are ready, in input order.

On a local Ray (no ``address``, where the platform can fork) there is one actor, the node actor:
it builds and warms the pipeline once and forks ``concurrency`` processes that share it
copy-on-write (``workers.ForkPool``), as ``--workers`` forks its workers, so the start-up is paid
once per node instead of once per CPU (session 27: docs/performance.md). The local Ray declares
one CPU (``local_cpus``), so it prestarts one worker process, which imports ``presslens.ray_preload``
as it starts (the pipeline loads while Ray is still starting) and which the node actor lands in.
On a cluster (``address``) the actors stay one per CPU, each a fresh process (preloaded where the
nodes were started with ``--system-config``): Ray places them, and one node actor per node would
need the nodes' CPUs before placing (docs/scaling.md).

Each actor takes the next batch as soon as it has fewer than ``DEPTH`` x its processes queued (a
batch is never waiting on a busy actor while another is idle), so the driver holds a bounded number
of batches in flight and a million-page run never holds all its pages in memory.
Session 24 measured why not Ray Data (what this module used before): one dataset per window of
pages made new actors per window and returned nothing to the writer until the whole window was
analysed, and its executor threads cost the driver ~1.3 CPU-s per 400 pages (docs/performance.md).
Pages and results cross as Ray serialises them (pickle), so any record crosses.

With ``parquet_dir`` each actor also writes what it analysed as Parquet, one shard per batch
(``presslens.store.shards``): the output of a large run is written in parallel where it was made.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import deque
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

PRELOAD_ENV = "PRESSLENS_RAY_PRELOAD"  # the run's settings and stages, for presslens.ray_preload
DEPTH = 2  # batches queued per actor: one running, one waiting (no idle gap between batches)


class PageAnalyser:
    """A Ray actor's state: one Pipeline; one ``analyse`` call per page batch (spaCy parses all
    their articles together). With ``forks`` > 1 (the node actor of a local Ray) it warms its
    pipeline and forks that many processes that share it (``workers.ForkPool``, as ``--workers``
    forks its workers): the start-up is paid once per node, not once per CPU; each call then
    waits on one of those processes, so the actor takes ``DEPTH`` x ``forks`` calls at a time."""

    def __init__(self, settings: Settings, stages: Sequence[str] | None, parquet_dir: str | None = None,
                 shard_meta: dict[str, Any] | None = None, forks: int = 1) -> None:
        self.pipeline = Pipeline(settings, stages=stages)
        self.parquet_dir = parquet_dir
        self.shard_meta = shard_meta  # a store-less run: shards with manifests, counts sent back
        self.pool: Any = None
        if forks > 1:
            from .pipeline import warm
            from .workers import ForkPool

            warm(self.pipeline)  # the first page's lazy tables, before the fork (as --workers)
            self.pool = ForkPool(forks, self.analyse_here)

    def analyse(self, pages: Sequence[Page]) -> list[Any]:
        return self.analyse_here(pages) if self.pool is None else self.pool.run(pages)

    def analyse_here(self, pages: Sequence[Page]) -> list[Any]:
        if self.shard_meta is not None and self.parquet_dir:
            from .sharded import analyse_to_shard

            return analyse_to_shard(self.pipeline, self.parquet_dir, self.shard_meta, pages)
        outcomes = analyse_batch(self.pipeline, pages, strip=True)
        if self.parquet_dir:
            from .store.shards import write_shard

            write_shard(self.parquet_dir, pages, outcomes)
        return outcomes

    def close(self) -> None:
        """Ends the forked processes (their CPU is then counted in this one's children)."""
        if self.pool is not None:
            self.pool.close()
            self.pool = None


def node_forks(concurrency: int, address: str | None) -> int:
    """Processes each actor forks: on a local Ray, one actor forks ``concurrency`` (where the
    platform can fork); on a cluster (``address``) actors stay one per CPU, each a fresh process
    (Ray places them; a node's CPUs are not known before they are)."""
    from .workers import start_method

    return max(1, concurrency) if address is None and start_method() == "fork" else 1


def local_cpus(concurrency: int) -> int:
    """The CPUs a local Ray started for ``concurrency`` workers declares: one per actor (one in
    all where the node actor forks), so Ray prestarts, and preloads, no process no actor uses."""
    return max(1, concurrency) // node_forks(concurrency, None)


def init_ray(*, address: str | None = None, num_cpus: int | None = None, settings: Settings | None = None,
             stages: Sequence[str] | None = None) -> None:
    """``ray.init`` as presslens runs it. Without ``address`` a local Ray starts with ``num_cpus``
    CPUs (default: every core), and each of its worker processes (Ray prestarts one per CPU) imports
    ``presslens.ray_preload`` as it starts, which builds and warms a pipeline from ``settings`` and
    ``stages`` (passed through the environment the Ray processes inherit): the actors' start-up
    then overlaps Ray's own. With ``address`` it joins that cluster, whose nodes preload only if
    started with ``--system-config`` (docs/scaling.md)."""
    import ray

    if address is not None:
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
        return
    before = os.environ.get(PRELOAD_ENV)
    try:
        os.environ[PRELOAD_ENV] = json.dumps({"settings": settings or load_settings(),
                                              "stages": None if stages is None else list(stages)})
    except TypeError:  # a value JSON cannot hold (a TOML date): the workers preload the defaults
        os.environ.pop(PRELOAD_ENV, None)
    try:
        ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False,
                 _system_config={"preload_python_modules": ["presslens.ray_preload"]})
    finally:  # the Ray processes have their copy; this process's environment is left as it was
        if before is None:
            os.environ.pop(PRELOAD_ENV, None)
        else:
            os.environ[PRELOAD_ENV] = before


def ray_mapper(*, concurrency: int = 2, address: str | None = None,
               parquet_dir: str | Path | None = None, shard_meta: dict[str, Any] | None = None) -> Mapper:
    """A mapper for ``pipeline.ingest``: page batches analysed in ``concurrency`` processes: on a
    local Ray, those one node actor forks (``node_forks``); on a cluster, one-CPU actors. Joins the
    cluster at ``address`` (or starts a local Ray of ``local_cpus`` CPUs whose worker process
    preloads the pipeline: ``init_ray``) unless Ray is already initialised.
    ``parquet_dir``: the actors also write Parquet shards there (a folder every node can write:
    shared storage on a cluster). With ``shard_meta`` (a store-less run, ``presslens.sharded``)
    the shards get manifests and the actors send back only each page's article count."""
    try:
        import ray
    except ImportError as exc:  # depends on the optional extra
        raise RuntimeError("Ray is not installed: pip install 'presslens[ray]'") from exc

    def run(batches: Iterator[list[Page]], settings: Settings, stages: Sequence[str] | None) -> Results:
        forks = node_forks(concurrency, address)
        if not ray.is_initialized():
            init_ray(address=address, num_cpus=None if address else local_cpus(concurrency),
                     settings=settings, stages=stages)
        shards = str(Path(parquet_dir).resolve()) if parquet_dir else None
        actor = ray.remote(PageAnalyser).options(num_cpus=1, max_restarts=0, max_concurrency=DEPTH * forks)
        # Started now: they build their pipelines while the driver reads its first pages.
        actors: list[Any] = [actor.remote(settings, stages, shards, shard_meta, forks)
                             for _ in range(max(1, concurrency) // forks)]
        try:
            yield from _ordered(ray, actors, batches, depth=DEPTH * forks)
        finally:
            # Forked processes end before their actor (a dead actor: nothing to wait for).
            with contextlib.suppress(Exception):
                ray.get([a.close.remote() for a in actors], timeout=30)
            for a in actors:
                ray.kill(a)

    return run


def _ordered(ray: Any, actors: list[Any], batches: Iterable[list[Page]], depth: int = DEPTH) -> Results:
    """Each batch to the least-loaded actor (at most ``depth`` queued on one); results yielded in
    input order as soon as the batch and all before it are done. A batch whose actor died yields
    the exception instead of results (as ``workers.pool_map``)."""
    queued = [0] * len(actors)
    owner: dict[Any, int] = {}  # unfinished call -> its actor
    order: deque[tuple[list[Page], Any]] = deque()

    def settle(block: bool) -> None:
        if owner:
            ready, _ = ray.wait(list(owner), num_returns=1 if block else len(owner), timeout=None if block else 0)
            for ref in ready:
                queued[owner.pop(ref)] -= 1

    def done() -> Iterator[tuple[list[Page], Any]]:
        while order and order[0][1] not in owner:
            batch, ref = order.popleft()
            try:
                yield batch, ray.get(ref)
            except Exception as exc:  # the actor died (killed, out of memory): its pages fail, not the run
                yield batch, exc

    for batch in batches:
        settle(block=False)
        while min(queued) >= depth:
            settle(block=True)
            yield from done()
        i = min(range(len(actors)), key=queued.__getitem__)
        ref = actors[i].analyse.remote(batch)
        queued[i] += 1
        owner[ref] = i
        order.append((batch, ref))
        yield from done()
    while order:
        settle(block=True)
        yield from done()


def ray_shard_mapper(*, concurrency: int = 2, address: str | None = None) -> Callable[[str, dict[str, Any]], Mapper]:
    """For ``sharded.shard_ingest(..., mapper_for=...)``: a store-less run on Ray, each actor
    writing its shards (``folder`` must be shared storage on a cluster)."""
    return lambda folder, meta: ray_mapper(concurrency=concurrency, address=address, parquet_dir=folder,
                                           shard_meta=meta)


def ray_ingest(paths: Iterable[str | Path], store: Store, *, settings: Settings | None = None,
               stages: Sequence[str] | None = None, concurrency: int = 2, address: str | None = None,
               source: str | None = None, on_report: Callable[[IngestReport], None] | None = None,
               batch_size: int = 100, parquet_dir: str | Path | None = None) -> IngestReport:
    """``pipeline.ingest`` with the analysis on Ray: the same store contents as a local run, and
    with ``parquet_dir`` the analysed pages as Parquet shards too."""
    return ingest(paths, store, settings=settings or load_settings(), stages=stages, source=source,
                  on_report=on_report, batch_size=batch_size,
                  mapper=ray_mapper(concurrency=concurrency, address=address, parquet_dir=parquet_dir))
