"""The store-wide stages hold a bounded working set (issue 19): ``copies.run`` cuts and aligns the
new articles a chunk at a time, the findings pass compares the new quotes a chunk of articles at a
time and stores its findings as each step makes them
(``state.Stored``, a slice per transaction). The store
they leave must be the one the all-at-once pass leaves (every finding held, then
``replace_scoped`` below), row for row, on a first pass and on a second one that meets the first's
findings. Real pages: dev stories of eval/dev/across (wire copy and rewrites, so copied passages
are found)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from presslens.across import copies, findings, state
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


def replace_scoped(store: Any, scopes: Sequence[str], findings: Sequence[Any], scope_of: dict[str, str]) -> None:
    """Drop the findings of ``scopes`` and any stored finding with the id of a new one, then store
    ``findings`` (each with its scope), ``state.SLICE`` findings per transaction, every finding at once: the
    pass before streaming, kept here as the reference ``state.Stored`` must match."""
    uniq = list({f.id: f for f in findings}.values())
    with store.transaction() as con:
        if scopes:
            state.execute_with(con, "_sc", state.arrow({"s": list(set(scopes))}),
                         "DELETE FROM findings WHERE id IN (SELECT finding_id FROM finding_scope "
                         "WHERE scope IN (SELECT s FROM _sc))")
            state.execute_with(con, "_sc", state.arrow({"s": list(set(scopes))}),
                         "DELETE FROM finding_scope WHERE scope IN (SELECT s FROM _sc)")
        if uniq:  # one delete: per slice, each would scan the findings table again
            state.execute_with(con, "_fi", state.arrow({"f": [f.id for f in uniq]}),
                         "DELETE FROM findings WHERE id IN (SELECT f FROM _fi)")
    for i in range(0, len(uniq), state.SLICE):
        part = uniq[i : i + state.SLICE]
        with store.transaction() as con:
            store._insert(con, "findings", part)
            state.execute_with(con, "_fs", state.arrow({"f": [f.id for f in part], "s": [scope_of[f.id] for f in part]}),
                         "INSERT INTO finding_scope SELECT f, s FROM _fs")


class _AllAtOnce(state.Found):
    """The pass before streaming: every finding held, then stored at once by ``replace_scoped``."""

    def __init__(self, store: Any) -> None:
        super().__init__()
        self.store = store

    def close(self) -> None:
        replace_scoped(self.store, self.cleared, self.found, self.scope)


def _post(analysed: Path, tmp: Path, chunk: int, slice_: int, monkeypatch: pytest.MonkeyPatch,
          whole: bool = False, more: list[str] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    db = tmp / f"c{chunk}-{whole}-{bool(more)}.duckdb"
    shutil.copy(analysed, db)
    settings = load_settings()
    settings["pipeline"]["post"] = []
    with monkeypatch.context() as m:
        m.setattr(copies, "CHUNK", chunk)
        m.setattr(findings, "QUOTE_CHUNK", chunk)
        m.setattr(findings, "PAGE_CHUNK", chunk)
        m.setattr(state, "SLICE", slice_)
        if whole:
            m.setattr(state, "Stored", _AllAtOnce)
        with Store(db) as store:
            run_post(store, load_settings())
            if more:  # a second pass: new pages meet the first pass's findings, clusters, events
                ingest([PAGES / s for s in more], store, settings=settings, workers=1)
                run_post(store, load_settings())
            return store_rows(store)


def test_chunked_copy_step_and_streamed_findings_store_the_same_rows(analysed: Path, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    whole = _post(analysed, tmp_path, 10**6, 10**6, monkeypatch, whole=True)
    kinds = [r for r in whole["findings"] if "copied_text" in repr(r)]
    assert len(kinds) >= 2  # copied passages were found, so the chunked alignment is exercised
    assert len(whole["copy_pairs"]) >= 2 and len(whole["finding_scope"]) > 3
    assert len(whole["story_done"]) >= 2  # story pairs were compared (their findings' scopes are cleared first)
    assert len({r[1] for r in whole["quote_keys"]}) >= 3  # keyed quotes: later chunks meet earlier ones
    # 2 articles per chunk (of the copy step and of the quotes), 3 findings per slice; one of each
    for chunk, slice_ in ((2, 3), (10**6, 10**6)):
        streamed = _post(analysed, tmp_path, chunk, slice_, monkeypatch)
        assert streamed.keys() == whole.keys()
        for table in whole:
            assert streamed[table] == whole[table], (chunk, table)


def test_second_pass_streamed_stores_the_same_rows(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A pass that clears scopes an earlier pass stored (clusters that grow, canonical events the merge
    changed) leaves the same store streamed as all at once."""
    settings = load_settings()
    settings["pipeline"]["post"] = []
    db = tmp_path_factory.mktemp("first") / "s.duckdb"
    with Store(db) as store:
        ingest([PAGES / s for s in STORIES[:2]], store, settings=settings, workers=1)
    whole = _post(db, tmp_path, 10**6, 10**6, monkeypatch, whole=True, more=STORIES[2:])
    streamed = _post(db, tmp_path, 2, 3, monkeypatch, more=STORIES[2:])
    assert len(whole["findings"]) > 3
    for table in whole:
        assert streamed[table] == whole[table], table


def test_a_finding_met_twice_in_a_pass_keeps_its_last_scope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from presslens.records import Finding, FindingRef

    def f(fid: str, detail: str) -> Finding:
        return Finding(id=fid, kind="copied_text", detail=detail,
                       refs=[FindingRef(article_id="a1", start=0, end=4, text="text")])

    monkeypatch.setattr(state, "SLICE", 1)
    with Store(tmp_path / "s.duckdb") as store:
        state.ensure(store)
        old = state.Stored(store)
        old.add([f("f1", "stored"), f("f2", "stored")], ["x:one", "x:two"])
        old.close()
        out = state.Stored(store)
        out.add([f("f3", "first")], ["x:three"])
        out.clear(["x:two", "x:three"])  # f2 goes; f3, stored by this pass, stays
        out.add([f("f1", "again"), f("f3", "later")], ["x:one", "x:four"])
        out.close()
        assert {r["id"]: r["detail"] for r in store.rows("SELECT id, detail FROM findings")} == {
            "f1": "again", "f3": "later"}
        assert sorted((r["finding_id"], r["scope"]) for r in store.rows("SELECT * FROM finding_scope")) == [
            ("f1", "x:one"), ("f1", "x:one"), ("f3", "x:four")]
        assert out.counts == {"copied_text": 3}


def test_pair_chunks_keep_order_and_bound_articles() -> None:
    pairs = [("a", "b"), ("a", "c"), ("a", "d"), ("b", "c"), ("e", "f")]
    parts = list(copies._pair_chunks(pairs, 3))
    assert [p for part in parts for p in part] == pairs  # every pair once, in order
    assert all(len({x for pr in part for x in pr}) <= 3 for part in parts)
    assert list(copies._pair_chunks([("a", "b")], 1)) == [[("a", "b")]]  # a pair is never split


def test_band_rows_stored_by_chunks_are_the_one_writes_even_where_a_bucket_turns_common(
        analysed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run's band keys are stored ``CUT_CHUNK`` articles at a time (issue 19); a bucket that passes
    ``max_bucket`` part-way through the run (a bound of one here: on these pages only the buckets of
    copied and shared sentences hold two rows) leaves no row of the run, as the one write leaves none."""
    p = copies.Params(max_bucket=1)
    out = []
    for size in (2, 10**6):
        db = tmp_path / f"b{size}.duckdb"
        shutil.copy(analysed, db)
        monkeypatch.setattr(copies, "CUT_CHUNK", size)
        with Store(db) as store:
            state.ensure(store)
            ids = [r["id"] for r in store.rows("SELECT id FROM articles ORDER BY id")]
            cut = copies._store_bands(store, ids, p)
            out.append((cut, {t: store_rows(store)[t] for t in ("copy_bands", "copy_common", "copy_done")}))
    (cut2, small), (cut1, one) = out
    assert sorted(cut2) == sorted(cut1) and len(cut1) >= 9  # the order is read back sorted (``_pairs``)
    assert one["copy_common"] and one["copy_bands"]  # buckets turned common, others kept their rows
    assert small == one
