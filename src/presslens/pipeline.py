"""The one place that wires the pipeline: read -> segment -> article stages -> store -> post.

Stages know nothing about engines: each is built by a factory from settings and maps an
``Analysis`` to an ``Analysis`` (or a page to articles), so the same stage runs here, in worker
processes, or under Ray Data (see docs/scaling.md).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import registry
from .records import Analysis, IngestError, Page
from .settings import Settings, load_settings
from .store import Store, StoreError, write_failure
from .text.safe import one_line

log = logging.getLogger(__name__)
Stage = Callable[[Analysis], Analysis]


@dataclass(slots=True, kw_only=True)
class SameText:
    """A new page whose text is already stored (or came earlier in this run) under another page:
    stored as its own page of its own source, over the shared text."""

    key: str
    source: str | None
    as_key: str  # the earliest page with this text
    as_source: str | None

    def line(self) -> str:
        def name(key: str, source: str | None) -> str:
            return f"{key} ({source})" if source else key

        return f"{name(self.key, self.source)}: same text as {name(self.as_key, self.as_source)}"


@dataclass(slots=True, kw_only=True)
class IngestReport:
    pages_seen: int = 0
    pages_stored: int = 0
    pages_unchanged: int = 0
    pages_reverted: int = 0  # went back to an earlier stored version, which is the latest again
    articles: int = 0
    same_text: list[SameText] = field(default_factory=list)  # one per new page over a stored text
    errors: list[IngestError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


class Pipeline:
    """Segmenter plus article stages, built once (models load once) and reused for every page."""

    def __init__(self, settings: Settings | None = None, *, stages: Sequence[str] | None = None):
        self.settings = settings or load_settings()
        pipe = self.settings["pipeline"]
        self.segment = registry.segmenters.get(pipe["segmenter"])(self.settings)
        names = list(pipe["stages"] if stages is None else stages)
        self.stage_names = names
        self.stages: list[Stage] = [registry.stages.get(n)(self.settings) for n in names]

    def analyse_page(self, page: Page) -> list[Analysis]:
        from .layers.language import analysed_languages, runs_on

        analysed = analysed_languages(self.settings)
        analyses = [Analysis(article=a, page_text=page.text) for a in self.segment(page)]
        for name, stage in zip(self.stage_names, self.stages, strict=True):
            # Articles in a language the layers do not analyse skip them (the stage is recorded).
            todo = [a for a in analyses if runs_on(name, a, analysed)]
            if len(todo) < len(analyses):
                for a in analyses:
                    if not runs_on(name, a, analysed):
                        a.article.skipped.append(name)
            if not todo:
                continue
            # Stages that can batch (spaCy) get the whole page at once.
            batch = getattr(stage, "batch", None)
            done = iter(list(batch(todo)) if batch is not None else [stage(a) for a in todo])
            analyses = [next(done) if runs_on(name, a, analysed) else a for a in analyses]
        for a in analyses:
            a.doc = None  # spaCy docs are large and never stored
        return analyses


def iter_inputs(paths: Iterable[str | Path], settings: Settings) -> Iterator[Page | IngestError]:
    from .ingest import read_paths

    yield from read_paths(paths, settings)


_WORKER: Pipeline | None = None


def _worker_init(settings: Settings, stages: Sequence[str] | None) -> None:
    global _WORKER
    _exit_with_parent()
    _WORKER = Pipeline(settings, stages=stages)


def _exit_with_parent(poll_s: float = 0.5) -> None:
    """A worker ends when the ingest that started it dies (kill -9 included): otherwise each one,
    holding its models, lives on until its next task fails. A daemon thread watches the parent."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_s)
        os._exit(1)

    threading.Thread(target=watch, name="presslens-parent-watch", daemon=True).start()


def _worker_analyse(page: Page) -> tuple[Page, list[Analysis]]:
    assert _WORKER is not None
    return page, _WORKER.analyse_page(page)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    settings: Settings | None = None,
    stages: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int = 1,
    batch_size: int = 100,
    source: str | None = None,
) -> IngestReport:
    """Read every path, analyse each new page and store it atomically; errors never stop the batch.

    With ``workers > 1`` pages are analysed in worker processes (each loads the models once)
    while this process alone writes to the store: DuckDB has one writer. Analysed pages are
    written ``batch_size`` at a time (or every ~32 MB of text), one transaction per batch: a
    crash loses only the uncommitted batch, which a re-run writes again.
    """
    settings = settings or load_settings()
    report = IngestReport()
    queued: list[tuple[Page, list[Analysis]]] = []
    queued_chars = 0

    errors_unwritten: list[IngestError] = []

    def flush() -> None:
        nonlocal queued_chars
        for (_, analyses), ok in zip(queued, write_batch(store, queued, fail), strict=True):
            if ok is None:
                continue  # this page could not be stored: one store_failed error says why
            if ok:
                report.pages_stored += 1
                report.articles += len(analyses)
            else:  # the same content twice in one batch
                report.pages_unchanged += 1
        queued.clear()
        queued_chars = 0
        if errors_unwritten:
            store.write_errors(errors_unwritten)
            errors_unwritten.clear()
        # Between batches the file is closed (the writer lock stays held), so `serve` and other
        # readers see every committed batch while a long ingest runs.
        store.release()

    def fail(err: IngestError) -> None:
        report.errors.append(err)
        errors_unwritten.append(err)
        if len(errors_unwritten) >= batch_size:
            flush()
        if progress:
            progress(err.path)

    def stored(page: Page, analyses: list[Analysis]) -> None:
        nonlocal queued_chars
        # Batched: DuckDB's per-statement and per-commit cost dominated per-page writes.
        queued.append((page, analyses))
        queued_chars += len(page.text)
        if len(queued) >= batch_size or queued_chars >= 32_000_000:
            flush()
        if progress:
            progress(page.path)

    def new_pages() -> Iterator[Page]:
        # Already-stored content is looked up a chunk of pages at a time: one query per page
        # cost more than reading and segmenting it.
        chunk: list[Page] = []
        chunk_chars = 0
        first_with_text: dict[str, tuple[str, str | None]] = {}  # content hash -> page new in this run

        def unseen() -> Iterator[Page]:
            states = store.page_states(chunk)
            back = [p for p in chunk if states.get(p.id) == "reverted"]
            store.reinstate(back)
            store.release()
            report.pages_reverted += len(back)
            fresh = [p for p in chunk if p.id not in states]
            same = store.same_text(fresh)
            for page in chunk:
                state = states.get(page.id)
                if state == "unchanged":
                    report.pages_unchanged += 1
                elif state is None:
                    # Analysed again, not copied: segmentation and date resolution read the page's
                    # own metadata (source, title, author, publication date).
                    first = same.get(page.id) or first_with_text.setdefault(page.content_hash,
                                                                            (page.key, page.source))
                    if first[0] != page.key:
                        report.same_text.append(SameText(key=page.key, source=page.source,
                                                         as_key=first[0], as_source=first[1]))
                    yield page

        for item in iter_inputs(paths, settings):
            if isinstance(item, IngestError):
                fail(item)
                continue
            report.pages_seen += 1
            if source and not item.source:
                item.source = source  # e.g. text dumps, which name no site
            chunk.append(item)
            chunk_chars += len(item.text)
            if len(chunk) >= 64 or chunk_chars >= 16_000_000:
                yield from unseen()
                chunk, chunk_chars = [], 0
        yield from unseen()

    def analysis_failed(page: Page, exc: BaseException) -> None:
        where = page.path or page.key
        line = one_line(f"{where}: analysis failed: {type(exc).__name__}: {exc}")
        log.error("%s", line)
        fail(IngestError(path=where, problem="analysis_failed", message=line))

    if workers <= 1:
        pipeline = Pipeline(settings, stages=stages)
        for page in new_pages():
            try:
                analyses = pipeline.analyse_page(page)
            except Exception as exc:  # one bad page must not lose the batch
                analysis_failed(page, exc)
                continue
            stored(page, analyses)
    else:
        from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

        with ProcessPoolExecutor(workers, initializer=_worker_init, initargs=(settings, stages)) as pool:
            pending: dict[Future[tuple[Page, list[Analysis]]], Page] = {}

            def drain(block_until: int) -> None:
                while len(pending) > block_until:
                    done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                    for fut in done:
                        page = pending.pop(fut)
                        try:
                            stored(*fut.result())
                        except Exception as exc:
                            analysis_failed(page, exc)

            for page in new_pages():
                pending[pool.submit(_worker_analyse, page)] = page
                drain(2 * workers)  # bounded in-flight pages keep memory flat
            drain(0)
    flush()
    run_post(store, settings)
    return report


def write_batch(store: Store, batch: list[tuple[Page, list[Analysis]]],
                fail: Callable[[IngestError], None]) -> list[bool | None]:
    """``store.write_pages(batch)``; if the data of one page cannot be stored (a value the column
    type cannot hold, a stage bug), the pages are written one by one and only the failing page is
    lost, as one ``store_failed`` error. A failure of the store itself (disk full, lock) is raised."""
    if not batch:
        return []
    try:
        return list(store.write_pages(batch))
    except StoreError:
        raise
    except Exception as exc:
        failed = write_failure(exc, store.path)
        if failed is not None:
            raise failed from None
    out: list[bool | None] = []
    for page, analyses in batch:
        try:
            out.extend(store.write_pages([(page, analyses)]))
        except StoreError:
            raise
        except Exception as exc:
            failed = write_failure(exc, store.path)
            if failed is not None:
                raise failed from None
            where = page.path or page.key
            line = one_line(f"{where}: could not be stored ({type(exc).__name__}: {exc})")
            log.error("%s", line)
            fail(IngestError(path=where, problem="store_failed", message=line))
            out.append(None)
    return out


def run_post(store: Store, settings: Settings) -> dict[str, Any]:
    """Store-wide stages (findings across sources, event merge) after a batch."""
    out: dict[str, Any] = {}
    for name in settings["pipeline"]["post"]:
        try:
            fn = registry.stages.get(f"post:{name}")
        except KeyError:
            log.debug("post stage %s not available", name)
            continue
        out[name] = fn(store, settings)
    return out
