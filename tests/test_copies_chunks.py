"""The store-wide stages hold a bounded working set (issue 19): ``copies.run`` cuts and aligns the
new articles a chunk at a time and ``state.replace_scoped`` inserts findings a slice at a time. The
store they leave must be the one the all-at-once pass leaves, row for row. Real pages: dev stories of
eval/dev/across (wire copy and rewrites, so copied passages are found)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from presslens.across import copies, state
from presslens.pipeline import ingest, run_post
from presslens.settings import load_settings
from presslens.store import Store
from presslens.testing import store_rows

PAGES = Path(__file__).resolve().parents[1] / "eval" / "dev" / "across" / "pages"
STORIES = ["s01-seoul-beef", "s05-libya-medics", "s10-kibera-liquor"]  # dev stories (FROZEN.md)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the pages, analysed and written, before any store-wide stage ran."""
    settings = load_settings()
    settings["pipeline"]["post"] = []
    db = tmp_path_factory.mktemp("analysed") / "s.duckdb"
    with Store(db) as store:
        report = ingest([PAGES / s for s in STORIES], store, settings=settings, workers=1)
        assert report.pages_stored >= 9 and not report.errors
    return db


def _post(analysed: Path, tmp: Path, chunk: int, slice_: int, monkeypatch: pytest.MonkeyPatch
          ) -> dict[str, list[tuple[Any, ...]]]:
    db = tmp / f"c{chunk}.duckdb"
    shutil.copy(analysed, db)
    with monkeypatch.context() as m:
        m.setattr(copies, "CHUNK", chunk)
        m.setattr(state, "SLICE", slice_)
        with Store(db) as store:
            run_post(store, load_settings())
            return store_rows(store)


def test_chunked_copy_step_and_sliced_inserts_store_the_same_rows(analysed: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _post(analysed, tmp_path, 10**6, 10**6, monkeypatch)
    kinds = [r for r in whole["findings"] if "copied_text" in repr(r)]
    assert len(kinds) >= 2  # copied passages were found, so the chunked alignment is exercised
    assert len(whole["copy_pairs"]) >= 2 and len(whole["finding_scope"]) > 3
    chunked = _post(analysed, tmp_path, 2, 3, monkeypatch)  # 2 articles per chunk, 3 findings per slice
    assert chunked.keys() == whole.keys()
    for table in whole:
        assert chunked[table] == whole[table], table


def test_pair_chunks_keep_order_and_bound_articles() -> None:
    pairs = [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("e", "f")]
    parts = list(copies._pair_chunks(pairs, 3))
    assert [p for part in parts for p in part] == pairs  # every pair once, in order
    assert all(len({x for pr in part for x in pr}) <= 3 for part in parts)
    assert list(copies._pair_chunks([("a", "b")], 1)) == [[("a", "b")]]  # a pair is never split
