"""Batches of pages analysed in worker processes, results handed back in submission order.

Where the platform can ``fork`` (Linux), the workers are forked from the ingest process after it
has built its pipeline and analysed an invented page (``pipeline.warm``), so the spaCy model, gazetteer, registry and
the lazy tables a first page pulls in are loaded once and shared copy-on-write: a worker starts
in a few milliseconds instead of ~7.8 CPU-s. Elsewhere (``spawn``) each worker builds its own
from a picklable factory. This module knows nothing of stages or stores: it maps a callable.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
Analyse = Callable[[Sequence[Any]], list[Any]]

_ANALYSE: Analyse | None = None  # the worker's callable: inherited (fork) or built (spawn)


def start_method() -> str:
    """``fork`` where available (start-up paid once, in the parent), else ``spawn``."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _init_forked() -> None:
    _exit_with_parent()


def _init_spawned(build: Callable[[], Analyse]) -> None:
    global _ANALYSE
    _exit_with_parent()
    _ANALYSE = build()


def _exit_with_parent(poll_s: float = 0.5) -> None:
    """A worker ends when the ingest that started it dies (kill -9 included): otherwise each one,
    holding its models, lives on until its next task fails. A daemon thread watches the parent."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_s)
        os._exit(1)

    threading.Thread(target=watch, name="presslens-parent-watch", daemon=True).start()


def _run(batch: Sequence[Any]) -> list[Any]:
    assert _ANALYSE is not None
    return _ANALYSE(batch)


def pool_map(batches: Iterable[Sequence[T]], workers: int, *, analyse: Analyse | None,
             build: Callable[[], Analyse], in_flight: int | None = None,
             method: str | None = None) -> Iterator[tuple[Sequence[T], list[Any] | BaseException]]:
    """``(batch, analyse(batch))`` for every batch, in the order given, computed by ``workers``
    processes. With ``fork`` the workers use ``analyse`` as built in this process; with ``spawn``
    (or when ``analyse`` is None) each calls ``build()`` once. At most ``in_flight`` batches
    (default 2 x workers) are queued, so memory stays flat however long the input. A batch whose
    worker died yields the exception instead of results. No process starts for an empty input."""
    global _ANALYSE
    it = iter(batches)
    first = next(it, None)
    if first is None:
        return
    method = method or start_method()
    if method == "fork" and analyse is not None:
        _ANALYSE = analyse  # forked workers inherit it, loaded
        init: Callable[..., None] = _init_forked
        initargs: tuple[Any, ...] = ()
    else:
        init, initargs = _init_spawned, (build,)
    limit = in_flight or 2 * workers
    ctx = multiprocessing.get_context(method)
    pending: deque[tuple[Sequence[T], Future[list[Any]]]] = deque()
    frozen = method == "fork" and _freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=init, initargs=initargs) as pool:
            try:
                pending.append((first, pool.submit(_run, first)))
                for batch in it:
                    while len(pending) >= limit:
                        yield _result(*pending.popleft())
                    pending.append((batch, pool.submit(_run, batch)))
                while pending:
                    yield _result(*pending.popleft())
            finally:  # the writer stopped early (a store failure): queued batches are not started
                for _, fut in pending:
                    fut.cancel()
    finally:
        _ANALYSE = None
        if frozen:
            gc.unfreeze()


def _freeze() -> bool:
    """Before forking: move every object the ingest process has made (model, tables, gazetteer:
    ~300k objects) to the collector's permanent generation, as the ``gc`` docs advise for fork
    without exec. A worker's collections then never visit them, so they never write to (and copy)
    the pages the worker shares with the ingest process, and the ingest process's own full
    collections skip them for the run. Undone when the workers end (``gc.unfreeze``). No collection
    first: after ``warm`` a full one found ~60 unreachable objects among ~318k for ~0.13 CPU-s of
    serial start (session 24); the few it would free stay frozen until the run ends (and freed
    holes in shared pages are what the ``gc`` docs warn a child would then copy)."""
    if gc.get_freeze_count():
        return False  # frozen by someone else (a caller, a test): leave it as it is
    gc.freeze()
    return True


def _result(batch: Sequence[T], fut: Future[list[Any]]) -> tuple[Sequence[T], list[Any] | BaseException]:
    try:
        return batch, fut.result()
    except Exception as exc:  # the worker died (killed, out of memory): its pages fail, not the run
        return batch, exc


class ForkPool:
    """A standing pool of ``workers`` processes forked from this one, each running ``analyse``
    as built here (the Ray node actor's: ``presslens.scale.PageAnalyser``), for callers that hand
    over one batch at a time from several threads instead of a stream (``pool_map``). The
    processes are forked at once, before any call, and end with ``close`` or with this process.
    A process that dies fails the calls then in flight; the next call gets a freshly forked pool."""

    def __init__(self, workers: int, analyse: Analyse) -> None:
        global _ANALYSE
        _ANALYSE = analyse  # the children inherit it, loaded
        self.workers = workers
        self.frozen = _freeze()
        self.lock = threading.Lock()
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_init_forked)
        # With fork, 3.11 starts every process at the first submit: do it now, before any call.
        pool.submit(os.getpid).result()
        return pool

    def run(self, batch: Sequence[Any]) -> list[Any]:
        """``analyse(batch)`` in one of the processes; blocks the calling thread until done."""
        pool = self.pool
        try:
            return pool.submit(_run, batch).result()
        except BrokenProcessPool:
            with self.lock:
                if self.pool is pool:
                    self.pool = self._start()
            raise

    def close(self) -> None:
        global _ANALYSE
        self.pool.shutdown(wait=True, cancel_futures=True)
        _ANALYSE = None
        if self.frozen:
            gc.unfreeze()
            self.frozen = False
