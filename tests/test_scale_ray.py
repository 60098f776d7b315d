"""Ray as an engine: on a local Ray (2 CPUs) the store holds exactly what an in-process run stores."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from presslens.pipeline import ingest
from presslens.settings import load_settings
from presslens.store import Store
from presslens.testing import store_rows

ROOT = Path(__file__).resolve().parents[1]
CORPUS = [ROOT / "src" / "presslens" / "examples", ROOT / "tests" / "fixtures" / "pages"]

ray = pytest.importorskip("ray", reason="Ray is an optional extra (pip install 'presslens[ray]')")


@pytest.fixture(scope="module")
def local_ray() -> Any:
    from presslens.scale import init_ray

    # As `ingest --engine ray` starts it: worker processes preload a pipeline built from the
    # default settings (the tests' runs change page_batch: each actor builds its own over it).
    init_ray(num_cpus=2)
    yield ray
    ray.shutdown()


def test_ray_worker_processes_preload_the_pipeline_before_any_work(local_ray: Any) -> None:
    """A task lands in a worker process that has already loaded the model and registry."""

    @ray.remote(num_cpus=1)
    def loaded() -> tuple[bool, int, int]:
        import sys

        from presslens.layers.actors.registry import load_registry
        from presslens.nlp import load_model

        return ("presslens.ray_preload" in sys.modules, load_model.cache_info().currsize,
                load_registry.cache_info().currsize)

    preloaded, models, registries = ray.get(loaded.remote())
    assert preloaded and models == 1 and registries >= 1
    assert "PRESSLENS_RAY_PRELOAD" not in os.environ  # the driver's environment is left as it was


def test_ray_engine_stores_the_same_rows_as_in_process(local_ray: Any, tmp_path: Path) -> None:
    from presslens.scale import ray_ingest

    settings = load_settings()
    settings["pipeline"]["page_batch"] = 3  # several Ray batches, so both actors take work
    with Store(tmp_path / "one.duckdb") as store:
        ingest(CORPUS, store, settings=settings, workers=1)
        expected = store_rows(store)
    with Store(tmp_path / "ray.duckdb") as store:
        report = ray_ingest(CORPUS, store, settings=settings, concurrency=2, parquet_dir=tmp_path / "shards")
        assert report.pages_stored == 8 and report.articles > 8 and not report.errors
        got = store_rows(store)
        counts = store.counts()
    assert got.keys() == expected.keys()
    for table in got:
        assert got[table] == expected[table], table
    _shards_hold_the_store(tmp_path / "shards", counts, store_path=tmp_path / "ray.duckdb")


def _shards_hold_the_store(folder: Path, counts: dict[str, int], store_path: Path) -> None:
    """The actors' Parquet shards hold every analysed page, article and item the store holds
    (several shards: page_batch 3 over 8 pages), with offsets into the shard's page text."""
    import pyarrow.parquet as pq

    from presslens.store.shards import SHARD_TABLES

    files = {t: sorted((folder / t).glob("part-*.parquet")) for t in SHARD_TABLES}
    assert len(files["pages"]) >= 3 and all(len(f) == len(files["pages"]) for f in files.values())
    tables = {t: pq.read_table(fs).to_pylist() for t, fs in files.items()}
    # actors and findings also get store-wide rows (the registry's actors, findings across
    # sources) that no article stage made: the shards hold the articles' own.
    for table in SHARD_TABLES:
        assert len(tables[table]) == counts[table] or table in ("actors", "findings"), table
    with Store(store_path, read_only=True) as store:
        stored_ids = {t: {r["id"] for r in store.rows(f"SELECT id FROM {t}")} for t in ("articles", "actors")}
    assert {r["id"] for r in tables["articles"]} == stored_ids["articles"]
    assert tables["actors"] and {r["id"] for r in tables["actors"]} <= stored_ids["actors"]
    text = {r["id"]: r["text"] for r in tables["pages"]}
    page_of = {r["id"]: r["page_id"] for r in tables["articles"]}
    for m in tables["mentions"]:
        assert text[page_of[m["article_id"]]][m["start"]:m["end"]] == m["text"]


def test_store_less_ray_run_imports_to_the_in_process_store(local_ray: Any, tmp_path: Path) -> None:
    """Each actor writes its shards and manifests; no store is opened until ``import_shards``."""
    from presslens.scale import ray_shard_mapper
    from presslens.shard_import import import_shards
    from presslens.sharded import shard_ingest

    settings = load_settings()
    settings["pipeline"]["page_batch"] = 3
    with Store(tmp_path / "one.duckdb") as store:
        ingest(CORPUS, store, settings=settings, workers=1)
        expected = store_rows(store)
    report = shard_ingest(CORPUS, tmp_path / "shards", settings=settings,
                          mapper_for=ray_shard_mapper(concurrency=2))
    assert report.pages_stored == 8 and not report.errors
    assert [p.name for p in tmp_path.glob("*.duckdb")] == ["one.duckdb"]
    with Store(tmp_path / "imported.duckdb") as store:
        imported = import_shards(store, tmp_path / "shards", settings=settings)
        assert imported.pages_stored == 8 and imported.shards >= 3
        got = store_rows(store)
    assert got.keys() == expected.keys()
    for table in got:
        assert got[table] == expected[table], table


class _Ref:
    def __init__(self, actor: _Actor, batch: list[int]) -> None:
        self.actor, self.batch = actor, batch


class _Actor:
    """Stands in for a Ray actor handle: ``analyse.remote(batch)`` queues a call."""

    def __init__(self, ray: _FakeRay, dead: bool = False) -> None:
        self.ray, self.dead, self.calls = ray, dead, 0
        self.analyse = self

    def remote(self, batch: list[int]) -> _Ref:
        self.calls += 1
        ref = _Ref(self, batch)
        self.ray.running.append(ref)
        self.ray.most_queued = max(self.ray.most_queued, sum(r.actor is self for r in self.ray.running))
        return ref


class _FakeRay:
    """``wait`` finishes the most recent call first (results out of order), ``get`` doubles a batch."""

    def __init__(self) -> None:
        self.running: list[_Ref] = []
        self.most_queued = 0

    def wait(self, refs: list[_Ref], num_returns: int, timeout: float | None) -> tuple[list[_Ref], list[_Ref]]:
        if timeout == 0 or not self.running:
            return [], refs
        done = self.running.pop()
        return [done], [r for r in refs if r is not done]

    def get(self, ref: _Ref) -> list[int]:
        if ref.actor.dead:
            raise RuntimeError("actor died")
        return [2 * x for x in ref.batch]


def test_actor_pool_keeps_input_order_bounds_each_queue_and_fails_only_a_dead_actors_batches() -> None:
    from presslens import scale

    ray_ = _FakeRay()
    actors = [_Actor(ray_), _Actor(ray_), _Actor(ray_, dead=True)]
    batches = [[i, i + 100] for i in range(20)]
    out = list(scale._ordered(ray_, actors, iter(batches)))
    assert [b for b, _ in out] == batches  # input order, whatever order the calls finished in
    assert ray_.most_queued <= scale.DEPTH
    assert all(a.calls > 0 for a in actors)
    failed = [b for b, r in out if isinstance(r, BaseException)]
    assert 0 < len(failed) == actors[2].calls < len(batches)
    assert all(r == [2 * x for x in b] for b, r in out if not isinstance(r, BaseException))


def test_init_ray_hands_the_run_settings_to_the_preload_and_restores_the_environment(monkeypatch: Any) -> None:
    """The Ray processes inherit the run's settings and stages (JSON) and the preload setting; a
    value JSON cannot hold means the defaults are preloaded; the caller's environment is unchanged."""
    import datetime
    import json

    from presslens import scale

    seen: list[tuple[str | None, dict[str, Any]]] = []
    monkeypatch.setattr(ray, "init", lambda **kw: seen.append((os.environ.get(scale.PRELOAD_ENV), kw)))
    settings = load_settings()
    settings["pipeline"]["page_batch"] = 5
    scale.init_ray(num_cpus=3, settings=settings, stages=["nlp"])
    odd = load_settings()
    odd["pipeline"]["since"] = datetime.date(2020, 1, 2)  # a TOML date
    scale.init_ray(num_cpus=1, settings=odd)
    handed = json.loads(seen[0][0] or "{}")
    assert handed["settings"]["pipeline"]["page_batch"] == 5 and handed["stages"] == ["nlp"]
    assert seen[0][1]["num_cpus"] == 3
    assert seen[0][1]["_system_config"] == {"preload_python_modules": ["presslens.ray_preload"]}
    assert seen[1][0] is None
    assert scale.PRELOAD_ENV not in os.environ


def test_a_local_ray_runs_one_node_actor_that_forks_and_a_cluster_one_actor_per_cpu() -> None:
    """Start-up paid once per node: a local Ray of N workers declares one CPU (one prestarted,
    preloaded process) for one actor forking N; joining a cluster keeps N one-CPU actors."""
    from presslens import scale
    from presslens.workers import start_method

    if start_method() != "fork":
        pytest.skip("the node actor forks; elsewhere actors stay one per CPU")
    assert (scale.node_forks(4, None), scale.local_cpus(4)) == (4, 1)
    assert (scale.node_forks(4, "head:6379"), scale.node_forks(0, None)) == (1, 1)
