"""The across stages load a merge group's other members only for the groups a join is tried between
(``merge.Loader``) and read each figure's predicate and class once per canonical event
(``figure_findings._told_apart``), issue 16 cost. Both only save work: a store grown batch by batch
from real multi-outlet pages (eval/dev/across, dev stories) holds, table by table and row by row,
what the plain code (every member loaded up front, every figure read once per pair) leaves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from presslens.across import figure_findings, merge
from presslens.eval.across_dev import parts_of
from presslens.pipeline import ingest, run_post
from presslens.records import Analysis, Page
from presslens.settings import load_settings
from presslens.store import Store
from presslens.testing import store_rows

SET = Path(__file__).resolve().parents[1] / "eval" / "dev" / "across"
# Dev stories only (eval/dev/across/FROZEN.md), several outlets each, one of them with copied text.
STORIES = ["s01-seoul-beef", "s05-libya-medics", "s06-kenya-appeal", "s10-kibera-liquor"]
BATCHES = 3


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[tuple[Page, list[Analysis]]], list[Any]]]:
    """The stories' pages analysed once (no store-wide stages), to be written again into fresh stores."""
    assert all(parts_of(SET)[s] == "dev" for s in STORIES)
    settings = load_settings()
    settings["pipeline"] = {**settings["pipeline"], "post": []}
    path = tmp_path_factory.mktemp("lazy") / "analysed.duckdb"
    with Store(path) as store:
        ingest([SET / "pages" / s for s in STORIES], store, settings=settings)
        pages = sorted(store.latest_pages(), key=lambda p: p.key)
        yield [(p, store.analyses(p)) for p in pages], list(store.load("actors"))


def _grow(path: Path, analysed: tuple[list[tuple[Page, list[Analysis]]], list[Any]]) -> dict[str, list[str]]:
    """The pages written in ``BATCHES`` batches (every story's outlets spread over them, so later
    reports join groups stored earlier), the store-wide stages after each, as ingest runs them."""
    pages, actors = analysed
    settings = load_settings()
    with Store(path) as store:
        store.upsert_actors(actors)
        for k in range(BATCHES):
            store.write_pages(pages[k::BATCHES])
            run_post(store, settings)
        return store_rows(store)


def test_lazy_members_and_figure_readings_leave_the_plain_codes_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        analysed: tuple[list[tuple[Page, list[Analysis]]], list[Any]]) -> None:
    lazy: list[int] = []
    real_call = merge.Loader.__call__

    def count(self: merge.Loader, data: dict[str, dict[str, Any]], ids: list[str]) -> None:
        before = len(data)
        real_call(self, data, ids)
        lazy.append(len(data) - before)

    monkeypatch.setattr(merge.Loader, "__call__", count)
    scored: list[int] = []
    real_link = merge._link

    def link_spy(pairs: list[tuple[str, str]], data: dict[str, dict[str, Any]], canon: dict[str, str],
                 knobs: Any = merge.DEFAULT, load: merge.Loader | None = None) -> dict[str, str]:
        if load is not None:
            scored.append(len(set(canon) - set(data)))  # members met, not loaded up front
        return real_link(pairs, data, canon, knobs, load)

    monkeypatch.setattr(merge, "_link", link_spy)
    fast = _grow(tmp_path / "fast.duckdb", analysed)
    assert sum(scored) > 0  # members were left unloaded at first: the lazy path was in play
    assert sum(lazy) < sum(scored)  # ... and most of them were never needed

    def plain_link(pairs: list[tuple[str, str]], data: dict[str, dict[str, Any]], canon: dict[str, str],
                   knobs: Any = merge.DEFAULT, load: merge.Loader | None = None) -> dict[str, str]:
        if load is not None:  # every member met, loaded before any join is tried
            load(data, sorted(canon))
        return real_link(pairs, data, canon, knobs)

    real_apart = figure_findings._told_apart
    monkeypatch.setattr(merge, "_link", plain_link)
    monkeypatch.setattr(figure_findings, "_told_apart", lambda texts, a, b, readings=None: real_apart(texts, a, b))
    plain = _grow(tmp_path / "plain.duckdb", analysed)
    assert sorted(plain) == sorted(fast)
    for table in plain:
        assert fast[table] == plain[table], table
    keys = [dict(r) for r in fast["merge_keys"]]
    assert len({k["canonical_id"] for k in keys}) < len({k["event_id"] for k in keys})  # reports merged across outlets
    assert any(dict(r)["kind"] == repr("conflicting_numbers") for r in fast["findings"])
