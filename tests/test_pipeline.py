"""Pipeline orchestration: stage wiring, worker processes, error isolation."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from presslens import registry
from presslens.pipeline import Pipeline, ingest
from presslens.records import Analysis, Page
from presslens.settings import load_settings
from presslens.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "presslens" / "examples"


def _snapshot(store: Store) -> list[tuple]:
    return [tuple(r.values()) for r in store.rows(
        "SELECT id, title, body_start, body_end FROM articles ORDER BY id")]


def test_worker_processes_store_the_same_as_in_process(tmp_path: Path) -> None:
    one = Store(tmp_path / "one.duckdb")
    two = Store(tmp_path / "two.duckdb")
    r1 = ingest([EXAMPLES], one, stages=[])
    r2 = ingest([EXAMPLES], two, stages=[], workers=2)
    assert r1.pages_stored == r2.pages_stored == 2
    assert _snapshot(one) == _snapshot(two)
    assert len(_snapshot(one)) == r1.articles > 2


def test_a_failing_stage_loses_only_its_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    @registry.stages.register("test_explode_on_tehran")
    def make(settings: dict) -> object:
        def stage(a: Analysis) -> Analysis:
            if "Tehran" in a.page_text:
                raise ValueError("boom")
            return a
        return stage

    corpus = tmp_path / "in"
    corpus.mkdir()
    shutil.copy(EXAMPLES / "000_f2f53a0ffb250155.txt", corpus)
    (corpus / "calm.txt").write_text("Quiet day\n\nNothing happened in Lyon today, officials said.\n")
    store = Store(tmp_path / "s.duckdb")
    report = ingest([corpus], store, stages=["test_explode_on_tehran"])
    assert report.pages_stored == 1
    assert [e.problem for e in report.errors] == ["analysis_failed"]
    assert "boom" in report.errors[0].message
    assert store.counts()["ingest_errors"] == 1


def test_stages_are_found_through_the_registry() -> None:
    settings = load_settings()
    with pytest.raises(KeyError, match="no stage named 'nope'"):
        Pipeline(settings, stages=["nope"])
    page = Page(key="mem://x", text="A title\n\nSomething happened in Santiago on Monday, police said.\n")
    analyses = Pipeline(settings, stages=["nlp"]).analyse_page(page)
    assert analyses and analyses[0].doc is None  # docs are dropped before storage
