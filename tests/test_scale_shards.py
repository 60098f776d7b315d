"""Store-less runs (issue 19): workers write Parquet shards with manifests and no store is opened;
``import-shards`` then leaves the store exactly as a direct ingest of the same pages does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from presslens.pipeline import ingest
from presslens.settings import load_settings
from presslens.shard_import import import_shards
from presslens.sharded import shard_ingest
from presslens.store import Store
from presslens.testing import store_rows

ROOT = Path(__file__).resolve().parents[1]
# The bundled examples (2 pages) and the page fixtures (6 real-layout pages): 8 pages.
CORPUS = [ROOT / "src" / "presslens" / "examples", ROOT / "tests" / "fixtures" / "pages"]


@pytest.fixture(scope="module")
def direct(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[Any, ...]]]:
    with Store(tmp_path_factory.mktemp("direct") / "s.duckdb") as store:
        report = ingest(CORPUS, store, settings=load_settings(), workers=1)
        assert report.pages_stored == 8 and not report.errors
        return store_rows(store)


def test_shards_from_forked_workers_import_to_the_direct_store(direct: dict[str, list[tuple[Any, ...]]],
                                                               tmp_path: Path) -> None:
    settings = load_settings()
    settings["pipeline"]["page_batch"] = 3  # 3 shards, written by the two forked workers
    shards = tmp_path / "shards"
    report = shard_ingest(CORPUS, shards, settings=settings, workers=2)
    assert (report.pages_stored, report.errors) == (8, [])
    assert not list(tmp_path.rglob("*.duckdb"))  # no store anywhere
    manifests = [json.loads(p.read_text()) for p in (shards / "manifest").glob("*.json")]
    assert sorted(m["first"] for m in manifests) == [0, 3, 6]
    assert {m["build"] for m in manifests} == {json.loads(next((shards / "runs").glob("*.json")).read_text())["build"]}
    assert sum(len(m["pages"]) for m in manifests) == 8

    with Store(tmp_path / "s.duckdb") as store:
        first = import_shards(store, shards, settings=settings)
        assert (first.shards, first.pages_stored, first.problems) == (3, 8, [])
        assert first.articles == report.articles
        got = store_rows(store)
        again = import_shards(store, shards, settings=settings)  # idempotent
        assert (again.pages_stored, again.pages_unchanged, again.errors) == (0, 8, 0)
        assert store_rows(store) == got
    assert sum(len(v) for v in direct.values()) > 100
    assert got.keys() == direct.keys()
    for table in got:
        assert got[table] == direct[table], table


def test_cli_store_less_ingest_then_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from presslens.cli import EXIT_BAD_INPUT, EXIT_USAGE, run

    shards, db = tmp_path / "shards", str(tmp_path / "s.duckdb")
    assert run(["ingest", str(CORPUS[0]), str(tmp_path / "missing.txt"), "--shards-dir", str(shards),
                "--no-nlp", "--workers", "1"]) == EXIT_BAD_INPUT  # one input cannot be read
    assert not Path(db).exists()
    assert "2 page(s) analysed into shards" in capsys.readouterr().out
    assert run(["store", "import-shards", str(shards), "--db", db, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["pages_stored"], out["errors"], out["store"]["pages"]) == (2, 1, 2)
    assert out["store"]["ingest_errors"] == 1  # the run's input error, recorded once
    assert run(["store", "import-shards", str(shards), "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["store"]["ingest_errors"] == 1
    assert run(["store", "import-shards", str(tmp_path / "nothing"), "--db", db]) == EXIT_USAGE
    assert run(["ingest", str(CORPUS[0]), "--shards-dir", str(shards), "--db", db]) == EXIT_USAGE


def test_a_shard_cut_short_is_reported_and_the_rest_imported(tmp_path: Path) -> None:
    settings = load_settings()
    settings["pipeline"]["page_batch"] = 1
    shards = tmp_path / "shards"
    shard_ingest(CORPUS[:1], shards, settings=settings, stages=[], workers=1)
    victim = sorted((shards / "mentions").glob("*.parquet"))[0]
    victim.write_bytes(b"not parquet")
    with Store(tmp_path / "s.duckdb") as store:
        report = import_shards(store, shards, settings=settings)
    assert report.pages_stored == 1 and len(report.problems) == 1 and victim.stem in report.problems[0]
