"""The one place that wires the pipeline: read -> segment -> article stages -> store -> post.

Stages know nothing about engines: each is built by a factory from settings and maps an
``Analysis`` to an ``Analysis`` (or a page to articles), so the same stage runs here, in worker
processes, or under Ray Data (see docs/scaling.md).
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import registry
from .post import prepare_post, run_post
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
    pages_reanalysed: int = 0  # stored, but analysed by another build: analysed again (in pages_stored)
    articles: int = 0
    same_text: list[SameText] = field(default_factory=list)  # one per new page over a stored text
    pages_analysed: int = 0  # so far, stored or about to be (progress display)
    articles_analysed: int = 0
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
        return self.analyse_pages([page])[0]

    def analyse_pages(self, pages: Sequence[Page]) -> list[list[Analysis]]:
        """Every page's articles through every stage. A stage that sets ``cross_page`` (spaCy's
        ``nlp``) gets the articles of all the pages in one batch, so ``nlp.pipe`` sees full batches
        rather than one page's few articles; the others get one page at a time (the events stage
        reasons across the articles of one page, never across pages)."""
        return self.run_stages([[Analysis(article=a, page_text=p.text) for a in self.segment(p)] for p in pages])

    def run_stages(self, per_page: list[list[Analysis]]) -> list[list[Analysis]]:
        """The article stages over segmented pages (one list of analyses per page)."""
        from .layers.language import analysed_languages

        analysed = analysed_languages(self.settings)
        with contextlib.ExitStack() as zones:
            for stage in self.stages:  # spaCy memory zones (NlpStage.zone): the batch's words freed after it
                if hasattr(stage, "zone"):
                    zones.enter_context(stage.zone())
            for name, stage in zip(self.stage_names, self.stages, strict=True):
                if getattr(stage, "cross_page", False) and len(per_page) > 1:
                    done = iter(self._run_stage(name, stage, [a for page in per_page for a in page], analysed))
                    per_page = [[next(done) for _ in page] for page in per_page]
                else:
                    per_page = [self._run_stage(name, stage, page, analysed) for page in per_page]
            for page in per_page:
                for a in page:
                    a.doc = None  # spaCy docs are large and never stored (nor valid after the zone)
        return per_page

    @staticmethod
    def _run_stage(name: str, stage: Stage, analyses: list[Analysis], analysed: Any) -> list[Analysis]:
        from .layers.language import runs_on

        # Articles in a language the layers do not analyse skip the stage (which is recorded).
        todo = [a for a in analyses if runs_on(name, a, analysed)]
        if len(todo) < len(analyses):
            for a in analyses:
                if not runs_on(name, a, analysed):
                    a.article.skipped.append(name)
        if not todo:
            return analyses
        # Stages that can batch (spaCy) get the whole batch at once.
        batch = getattr(stage, "batch", None)
        done = iter(list(batch(todo)) if batch is not None else [stage(a) for a in todo])
        return [next(done) if runs_on(name, a, analysed) else a for a in analyses]


@dataclass(frozen=True, slots=True)
class Failed:
    """A page whose analysis raised: the exception's type and message (picklable, unlike some
    exceptions, so it crosses from a worker process)."""

    kind: str
    message: str


Outcome = list[Analysis] | Failed


def analyse_batch(pipeline: Pipeline, pages: Sequence[Page], *, strip: bool = False) -> list[Outcome]:
    """``pipeline.analyse_pages(pages)``, one outcome per page; if the batch raises, its pages are
    analysed again one by one so only the failing page is lost. ``strip`` drops each analysis's
    copy of the page text (a worker sends results back; the writer puts the text back)."""
    out: list[Outcome]
    try:
        out = list(pipeline.analyse_pages(pages))
    except Exception as exc:  # one bad page must not lose the batch
        if len(pages) == 1:
            return [Failed(type(exc).__name__, str(exc))]
        out = []
        for page in pages:
            try:
                out.append(pipeline.analyse_page(page))
            except Exception as one:
                out.append(Failed(type(one).__name__, str(one)))
    if strip:
        for analyses in out:
            if not isinstance(analyses, Failed):
                for a in analyses:
                    a.page_text = ""
    return out


def build_analyser(settings: Settings, stages: Sequence[str] | None) -> Callable[[Sequence[Page]], list[Outcome]]:
    """What a spawned worker runs: its own pipeline (a forked worker uses the parent's)."""
    return functools.partial(analyse_batch, Pipeline(settings, stages=stages), strip=True)


def resolve_workers(workers: int | str | None, settings: Settings) -> int:
    """``auto`` (the default, ``ingest.workers``): one worker per core this process may use."""
    value = settings["ingest"].get("workers", "auto") if workers is None else workers
    if str(value).strip().lower() == "auto":
        try:
            return max(1, len(os.sched_getaffinity(0)))
        except AttributeError:  # not Linux
            return max(1, os.cpu_count() or 1)
    n = int(value)
    if n < 1:
        raise ValueError(f"workers must be 'auto' or at least 1, not {value!r}")
    return n


Results = Iterator[tuple[Sequence[Page], "list[Outcome] | BaseException"]]
# An engine: page batches in, (batch, one outcome per page) out, in the order given.
Mapper = Callable[[Iterator[list[Page]], Settings, Sequence[str] | None], Results]


def warm(pipeline: Pipeline) -> list[Outcome]:
    """Analyse an invented page (``data/warm_page.txt``) through every stage and drop the result:
    the lazy tables a first page pulls in (gazetteer, registry, lexicons) load here, once, before
    the workers are forked. Measured (docs/performance.md): a worker's next batch runs as fast
    after it as after a batch of 16 real pages, for ~1/8 of that batch's CPU. Returns the (unused)
    analysis, for tests."""
    from importlib.resources import files

    raw = files("presslens").joinpath("data", "warm_page.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in raw.splitlines() if not line.startswith("#")).strip() + "\n"
    return analyse_batch(pipeline, [Page(key="presslens:warm", text=text)])


def local_mapper(workers: int) -> Mapper:
    """This machine's engine: ``workers`` processes forked from this one (``presslens.workers``)
    once it has built its pipeline and warmed it on an invented page (``warm``), so start-up is
    paid once and the first real batch goes to a worker like the rest; with 1 worker, or an input
    of one batch, everything is analysed here and no process starts."""

    def run(batches: Iterator[list[Page]], settings: Settings, stages: Sequence[str] | None) -> Results:
        first = next(batches, None)
        if first is None:
            return
        pipeline = Pipeline(settings, stages=stages)
        second = next(batches, None) if workers > 1 else None
        if second is None:
            yield first, analyse_batch(pipeline, first)
            for batch in batches:
                yield batch, analyse_batch(pipeline, batch)
            return
        from .workers import pool_map, start_method

        if start_method() == "fork":  # spawned workers build and warm their own
            warm(pipeline)
        yield from pool_map(itertools.chain([first, second], batches), workers,
                            analyse=functools.partial(analyse_batch, pipeline, strip=True),
                            build=functools.partial(build_analyser, settings, stages))

    return run


def page_batches(pages: Iterable[Page], max_pages: int, max_chars: int) -> Iterator[list[Page]]:
    """Consecutive pages, up to ``max_pages`` pages or ``max_chars`` characters a batch."""
    batch: list[Page] = []
    chars = 0
    for page in pages:
        batch.append(page)
        chars += len(page.text)
        if len(batch) >= max_pages or chars >= max_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def iter_inputs(paths: Iterable[str | Path], settings: Settings) -> Iterator[Page | IngestError]:
    from .ingest import read_paths

    yield from read_paths(paths, settings)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    *,
    settings: Settings | None = None,
    stages: Sequence[str] | None = None,
    progress: Callable[[str], None] | None = None,
    workers: int | str = 1,
    batch_size: int = 100,
    source: str | None = None,
    on_report: Callable[[IngestReport], None] | None = None,
    mapper: Mapper | None = None,
) -> IngestReport:
    """Read every path, analyse each new page and store it atomically; errors never stop the batch.

    Pages are analysed in batches (``pipeline.page_batch`` pages), so spaCy parses the articles of
    many pages per ``nlp.pipe`` call. With ``workers`` > 1 (or ``"auto"``: one per core) this
    process builds the pipeline and warms it on an invented page (``warm``), then forks workers
    that inherit it loaded (``presslens.workers``) while it alone writes to the store: DuckDB has one writer. Results
    are written in input order, so the store is the same whatever the number of workers.
    ``on_report`` is called with the running report after each page (progress display); ``mapper``
    replaces the local processes by another engine (``presslens.scale``: Ray). Analysed pages are
    written ``batch_size`` at a time (or every ~32 MB of text), one transaction per batch: a
    crash loses only the uncommitted batch, which a re-run writes again.
    """
    settings = settings or load_settings()
    from .build import fingerprint

    build = fingerprint(settings, stages)
    store.build = build
    report = IngestReport()
    # Stored page versions analysed by another build (issue 16): analysed again, then replaced.
    stale: set[str] = set()
    queued: list[tuple[Page, list[Analysis]]] = []
    queued_chars = 0

    errors_unwritten: list[IngestError] = []
    # Content hash -> the first page with that text read in this run. Once that page is stored, the
    # store answers the next chunk's look-up (``same_text``), so its entry is dropped then (not at
    # the write: the chunk being read was looked up before): memory stays flat over a long run.
    first_with_text: dict[str, tuple[str, str | None]] = {}
    written: list[tuple[str, str]] = []  # (content hash, key) stored since the last look-up
    pending = [False]  # this run has marked the store: store-wide stages to run (across.state.PENDING)

    from .across import state as across_state

    left_over = across_state.pending(store)  # an earlier run stopped before its store-wide stages ended

    def flush(release: bool = True) -> None:
        nonlocal queued_chars
        if queued and not pending[0]:
            pending[0] = across_state.set_pending(store, True)
        replace = [p.id for p, _ in queued if p.id in stale]
        if replace:
            across_state.forget(store, replace)
        for (page, analyses), ok in zip(queued, write_batch(store, queued, fail, replace), strict=True):
            if ok is None:
                continue  # this page could not be stored: one store_failed error says why
            written.append((page.content_hash, page.key))
            if ok:
                if page.id in stale:
                    report.pages_reanalysed += 1
                    stale.discard(page.id)
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
        if release:
            store.release()

    def fail(err: IngestError) -> None:
        report.errors.append(err)
        errors_unwritten.append(err)
        if len(errors_unwritten) >= batch_size:
            flush()
        if progress:
            progress(err.path)
        if on_report:
            on_report(report)

    def stored(page: Page, analyses: list[Analysis]) -> None:
        nonlocal queued_chars
        report.pages_analysed += 1
        report.articles_analysed += len(analyses)
        # Batched: DuckDB's per-statement and per-commit cost dominated per-page writes.
        queued.append((page, analyses))
        queued_chars += len(page.text)
        if len(queued) >= batch_size or queued_chars >= 32_000_000:
            flush()
        if progress:
            progress(page.path)
        if on_report:
            on_report(report)

    held = [time.monotonic()]  # when the look-ups last let go of the store file

    def new_pages() -> Iterator[Page]:
        # Already-stored content is looked up a chunk of pages at a time: one query per page
        # cost more than reading and segmenting it.
        chunk: list[Page] = []
        chunk_chars = 0

        def unseen() -> Iterator[Page]:
            for content_hash, key in written:
                if first_with_text.get(content_hash, ("",))[0] == key:
                    del first_with_text[content_hash]
            written.clear()
            states = store.page_states(chunk)
            builds = store.page_builds(list(states))
            stale.update(i for i in states if builds.get(i) != build)
            back = [p for p in chunk if states.get(p.id) == "reverted"]
            if back and not pending[0]:
                pending[0] = across_state.set_pending(store, True)
            store.reinstate(back)
            # Let readers in after a commit, or once a second while only looking up (a no-op
            # re-ingest reopened the file per chunk: most of its cost).
            if back or time.monotonic() - held[0] > 1.0:
                store.release()
                held[0] = time.monotonic()
            report.pages_reverted += len(back)
            fresh = [p for p in chunk if p.id not in states]
            same = store.same_text(fresh)
            for page in chunk:
                state = states.get(page.id)
                if state is not None and page.id in stale:
                    yield page  # stored, by another build: analysed again
                elif state == "unchanged":
                    report.pages_unchanged += 1
                    if on_report:
                        on_report(report)
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
            if len(chunk) >= 256 or chunk_chars >= 16_000_000:
                yield from unseen()
                chunk, chunk_chars = [], 0
        yield from unseen()

    def analysis_failed(page: Page, kind: str, message: object) -> None:
        where = page.path or page.key
        line = one_line(f"{where}: analysis failed: {kind}: {message}")
        log.error("%s", line)
        fail(IngestError(path=where, problem="analysis_failed", message=line))

    def handle(batch: Sequence[Page], outcomes: list[Outcome] | BaseException) -> None:
        if isinstance(outcomes, BaseException):  # a worker died: its batch's pages fail
            outcomes = [Failed(type(outcomes).__name__, str(outcomes))] * len(batch)
        for page, out in zip(batch, outcomes, strict=True):
            if isinstance(out, Failed):
                analysis_failed(page, out.kind, out.message)
                continue
            for a in out:
                a.page_text = page.text  # a worker sends analyses back without the page's text
            stored(page, out)

    pipe_cfg = settings["pipeline"]
    batches = page_batches(new_pages(), int(pipe_cfg.get("page_batch", 16)),
                           int(pipe_cfg.get("page_batch_chars", 1_000_000)))
    run = mapper or local_mapper(resolve_workers(workers, settings))
    prepared = False
    for batch, outcomes in run(batches, settings, stages):
        handle(batch, outcomes)
        if not prepared:  # once the workers run: this process would otherwise wait for results
            prepare_post(settings)
            prepared = True
    # The store-wide stages read only the store: when this run stored and reinstated nothing (a
    # re-ingest of unchanged pages), they would find nothing new (issue 16: no-op re-ingest cost).
    # When they run, they reopen the file at once: closing it after the last write (a checkpoint
    # and a sync, on the serial path after the workers) would let no reader in.
    post_follows = bool(report.pages_stored or report.pages_reverted or queued or left_over)
    flush(release=not post_follows)
    post = bool(report.pages_stored or report.pages_reverted or left_over)
    if post:
        run_post(store, settings)
    if post_follows:
        across_state.set_pending(store, False)  # done, or nothing to do
        if not post:
            store.release()  # every queued page failed to store
    return report


def write_batch(store: Store, batch: list[tuple[Page, list[Analysis]]],
                fail: Callable[[IngestError], None], replace: Sequence[str] = ()) -> list[bool | None]:
    """``store.write_pages(batch)``; if the data of one page cannot be stored (a value the column
    type cannot hold, a stage bug), the pages are written one by one and only the failing page is
    lost, as one ``store_failed`` error. A failure of the store itself (disk full, lock) is raised."""
    if not batch:
        return []
    try:
        return list(store.write_pages(batch, replace=replace) if replace else store.write_pages(batch))
    except StoreError:
        raise
    except Exception as exc:
        failed = write_failure(exc, store.path)
        if failed is not None:
            raise failed from None
    out: list[bool | None] = []
    for page, analyses in batch:
        try:
            out.extend(store.write_pages([(page, analyses)], replace=[page.id]) if page.id in replace
                       else store.write_pages([(page, analyses)]))
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
