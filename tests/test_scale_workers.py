"""Worker processes and cross-page batching store exactly what one process stores, row for row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from presslens.pipeline import Pipeline, ingest, page_batches, resolve_workers
from presslens.records import Page
from presslens.settings import load_settings
from presslens.store import Store
from presslens.testing import store_rows

ROOT = Path(__file__).resolve().parents[1]
# The bundled examples (2 pages) and the page fixtures (6 real-layout pages): 8 pages.
CORPUS = [ROOT / "src" / "presslens" / "examples", ROOT / "tests" / "fixtures" / "pages"]

@pytest.fixture(scope="module")
def one_process(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    settings = load_settings()
    settings["pipeline"]["page_batch"] = 1  # one page per batch: the reference, as before batching
    with Store(tmp_path_factory.mktemp("one") / "s.duckdb") as store:
        report = ingest(CORPUS, store, settings=settings, workers=1)
        assert report.pages_stored == 8 and not report.errors
        return store_rows(store)


def test_workers_and_page_batches_store_the_same_rows(one_process: dict[str, list[tuple[Any, ...]]],
                                                     tmp_path: Path) -> None:
    settings = load_settings()
    settings["pipeline"]["page_batch"] = 3  # 3 batches, analysed by the two forked workers
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest(CORPUS, store, settings=settings, workers=2)
        assert report.pages_stored == 8 and not report.errors
        got = store_rows(store)
    assert sum(len(v) for v in one_process.values()) > 100  # articles, mentions, places, ... all compared
    assert got.keys() == one_process.keys()
    for table in got:
        assert got[table] == one_process[table], table


def test_the_warm_page_reaches_every_layer() -> None:
    """Workers are forked after ``warm``: its invented page must pull in every layer's tables (a
    layer that found nothing on it would load its tables again in every worker)."""
    from presslens.pipeline import Failed, warm

    [out] = warm(Pipeline(load_settings()))
    assert not isinstance(out, Failed) and len(out) == 1
    a = out[0]
    assert a.article.language == "en"
    for items in ("mentions", "places", "dates", "quotes", "numbers", "events"):
        assert getattr(a, items), items
    assert a.doc is None  # nothing spaCy made outlives the batch


def test_page_batches_bound_pages_and_characters() -> None:
    pages = [Page(key=f"k{i}", text="x" * n) for i, n in enumerate([5, 5, 5, 20, 5])]
    sizes = [[p.key for p in b] for b in page_batches(pages, max_pages=2, max_chars=12)]
    assert sizes == [["k0", "k1"], ["k2", "k3"], ["k4"]]


def test_workers_auto_is_the_cores_this_process_may_use() -> None:
    settings = load_settings()
    assert resolve_workers("auto", settings) >= 1
    assert resolve_workers(None, settings) == resolve_workers("auto", settings)  # the default
    assert resolve_workers("3", settings) == 3
    with pytest.raises(ValueError):
        resolve_workers(0, settings)


def test_a_batch_that_fails_loses_only_the_failing_page() -> None:
    from presslens.pipeline import Failed, analyse_batch

    class Boom(Pipeline):
        def analyse_pages(self, pages):  # type: ignore[no-untyped-def]
            if any("boom" in p.text for p in pages):
                raise ValueError("boom")
            return [[] for _ in pages]

    out = analyse_batch(Boom(load_settings(), stages=[]), [Page(key="a", text="fine"), Page(key="b", text="boom")])
    assert out[0] == [] and isinstance(out[1], Failed) and out[1].kind == "ValueError"


def test_cli_ingest_is_quiet_when_piped_and_checks_its_options(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from presslens.cli import EXIT_USAGE, run

    db = str(tmp_path / "s.duckdb")
    assert run(["ingest", str(CORPUS[0]), "--db", db, "--no-nlp", "--workers", "2"]) == 0
    out = capsys.readouterr()
    assert out.err == ""  # no progress bar: stderr is not a terminal
    assert "2 page(s) stored" in out.out
    assert run(["ingest", str(CORPUS[0]), "--db", db, "--engine", "spark"]) == EXIT_USAGE
    assert run(["ingest", str(CORPUS[0]), "--db", db, "--workers", "none"]) == EXIT_USAGE
    assert run(["ingest", str(CORPUS[0]), "--db", db, "--parquet-dir", str(tmp_path / "p")]) == EXIT_USAGE
    assert not (tmp_path / "p").exists()


def _freeze_counts(batch: Any) -> list[int]:
    import gc

    return [gc.get_freeze_count() for _ in batch]


def test_forked_workers_start_with_the_parents_objects_frozen_and_the_parent_unfreezes() -> None:
    # The ingest process's objects sit in the collector's permanent generation while forked workers
    # run (their collections then never write to the pages they share with it), and not after.
    import gc

    from presslens.workers import pool_map

    out = list(pool_map([[1, 2], [3]], 2, analyse=_freeze_counts, build=lambda: _freeze_counts, method="fork"))
    assert [b for b, _ in out] == [[1, 2], [3]]
    assert all(n > 1000 for _, counts in out for n in counts)  # type: ignore[union-attr]
    assert gc.get_freeze_count() == 0
    spawned = list(pool_map([[1]], 1, analyse=None, build=_spawned_build, method="spawn"))
    assert spawned[0][1] == [0]  # a spawned worker starts afresh: nothing of ours to freeze


def _spawned_build() -> Any:
    return _freeze_counts


def test_prepare_post_calls_each_store_wide_stages_prepare_once() -> None:
    """``ingest`` calls ``prepare_post`` while workers analyse: a post stage's ``prepare`` (the copy
    step's datasketch import) runs there, not after the last write; stages without one are skipped."""
    from presslens import registry
    from presslens.pipeline import prepare_post

    calls: list[str] = []

    def stage(store: Any, settings: Any) -> None:
        return None

    stage.prepare = lambda: calls.append("prepared")  # type: ignore[attr-defined]
    registry.stages.register("post:test_prepared")(stage)
    settings = load_settings()
    settings["pipeline"]["post"] = ["name_variants", "test_prepared", "no_such_stage"]
    prepare_post(settings)
    assert calls == ["prepared"]
    assert registry.stages.get("post:findings").prepare is not None  # the copy step has one


def test_fork_pool_serves_batches_from_several_threads_in_processes_that_inherit_the_pipeline() -> None:
    # The Ray node actor's pool (presslens.scale.PageAnalyser): calls come one batch at a time from
    # the actor's threads; each runs in a forked process that found the model loaded, and the
    # analysis is what this process makes of the same batch.
    import gc
    import os
    from concurrent.futures import ThreadPoolExecutor

    from presslens.nlp import load_model
    from presslens.pipeline import analyse_batch, iter_inputs, warm
    from presslens.workers import ForkPool

    settings = load_settings()
    pipeline = Pipeline(settings)
    warm(pipeline)
    pages = [p for p in iter_inputs(CORPUS, settings) if isinstance(p, Page)]
    batches = [pages[i:i + 2] for i in range(0, len(pages), 2)]

    def analyse(batch: Any) -> list[Any]:
        return [os.getpid(), load_model.cache_info().misses, analyse_batch(pipeline, batch, strip=True)]

    loads = load_model.cache_info().misses
    pool = ForkPool(2, analyse)
    forked = set(pool.pool._processes)  # both started before any call
    try:
        with ThreadPoolExecutor(4) as threads:
            out = list(threads.map(pool.run, batches))
    finally:
        pool.close()
    assert gc.get_freeze_count() == 0  # the pool froze this process's objects for its life only
    assert len(pages) == 8 and len(forked) == 2 and {pid for pid, _, _ in out} <= forked
    assert all(misses == loads for _, misses, _ in out)  # no process loaded the model again
    for batch, (_, _, outcomes) in zip(batches, out, strict=True):
        assert outcomes == analyse_batch(pipeline, batch, strip=True)
        assert sum(len(o) for o in outcomes) >= len(batch)  # articles, not failures


def _pid_or_die(batch: Any) -> list[int]:
    import os

    if batch == ["die"]:
        os._exit(1)  # a worker killed mid-batch (out of memory, a signal)
    return [os.getpid()]


def test_fork_pool_fails_only_the_call_whose_process_died_and_forks_afresh() -> None:
    from concurrent.futures.process import BrokenProcessPool

    from presslens.workers import ForkPool

    pool = ForkPool(1, _pid_or_die)
    try:
        first = pool.run(["ok"])
        with pytest.raises(BrokenProcessPool):
            pool.run(["die"])
        again = pool.run(["ok"])
    finally:
        pool.close()
    import os

    assert first != again and os.getpid() not in first + again  # a new process took the next call
