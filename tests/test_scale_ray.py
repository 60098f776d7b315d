"""Ray as an engine: on a local Ray (2 CPUs) the store holds exactly what an in-process run stores."""

from __future__ import annotations

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
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


def test_ray_engine_stores_the_same_rows_as_in_process(local_ray: Any, tmp_path: Path) -> None:
    from presslens.scale import ray_ingest

    settings = load_settings()
    settings["pipeline"]["page_batch"] = 3  # several Ray batches, so both actors take work
    with Store(tmp_path / "one.duckdb") as store:
        ingest(CORPUS, store, settings=settings, workers=1)
        expected = store_rows(store)
    with Store(tmp_path / "ray.duckdb") as store:
        report = ray_ingest(CORPUS, store, settings=settings, concurrency=2)
        assert report.pages_stored == 8 and report.articles > 8 and not report.errors
        got = store_rows(store)
    assert got.keys() == expected.keys()
    for table in got:
        assert got[table] == expected[table], table
