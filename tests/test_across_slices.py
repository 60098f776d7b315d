"""The merge's first stage counts and meets a run's new articles ``story_link.CHUNK`` at a time, and
the merge keys its new reports ``merge.NEW_CHUNK`` at a time and loads reports and story links only
for scored pairs, and joins copied articles' reports a part (whole components) at a time (issue 19: a run's memory no
longer grows with how many articles it brings). Both only bound memory: a store of real
multi-outlet pages (eval/dev/across, dev stories) written in one run and then in two holds, table
by table and row by row, what one slice and links over every loaded report leave."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from presslens.across import merge, story_link
from presslens.eval.across_dev import parts_of
from presslens.pipeline import ingest, run_post
from presslens.settings import load_settings
from presslens.store import Store
from presslens.testing import store_rows

SET = Path(__file__).resolve().parents[1] / "eval" / "dev" / "across"
# Dev stories only (eval/dev/across/FROZEN.md), several outlets each, one of them with copied text.
STORIES = ["s01-seoul-beef", "s05-libya-medics", "s06-kenya-appeal", "s10-kibera-liquor"]


def _run(path: Path, split: bool) -> dict[str, list[str]]:
    """The stories ingested (all in one run, or the first two then the last two), then the store-wide stages."""
    settings = load_settings()
    bare = {**settings, "pipeline": {**settings["pipeline"], "post": []}}
    dirs = [SET / "pages" / s for s in STORIES]
    with Store(path) as store:
        for part in ([dirs[:2], dirs[2:]] if split else [dirs]):
            ingest(part, store, settings=bare)
            run_post(store, settings)
        return store_rows(store)


@pytest.mark.parametrize("split", [False, True])
def test_sliced_story_count_and_scored_links_leave_the_one_slice_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, split: bool) -> None:
    assert all(parts_of(SET)[s] == "dev" for s in STORIES)
    slices: list[int] = []
    real_pairs = story_link._pairs_of

    def count(store: Any, new: list[str], links: story_link.Links) -> set[tuple[str, str]]:
        slices.append(len(new))
        return real_pairs(store, new, links)

    linked: list[int] = []
    real_attach = merge.attach_links

    def attach_spy(store: Any, data: dict[str, dict[str, Any]], linked_at: float = merge.DEFAULT.linked,
                   articles: set[str] | None = None) -> None:
        if articles is not None:
            linked.append(len({r["article_id"] for r in data.values()} - articles))
        real_attach(store, data, linked_at, articles)

    monkeypatch.setattr(story_link, "CHUNK", 3)
    monkeypatch.setattr(merge, "NEW_CHUNK", 3)
    monkeypatch.setattr(merge, "COPIED_CHUNK", 1)  # every component of copied articles a part of its own
    parts: list[int] = []
    real_part = merge._join_copied_part

    def part_spy(store: Any, pairs: list[tuple[str, str]], knobs: Any = merge.DEFAULT) -> dict[str, str]:
        parts.append(len(pairs))
        return real_part(store, pairs, knobs)

    monkeypatch.setattr(merge, "_join_copied_part", part_spy)
    monkeypatch.setattr(story_link, "_pairs_of", count)
    monkeypatch.setattr(merge, "attach_links", attach_spy)
    sliced = _run(tmp_path / "sliced.duckdb", split)
    assert len(slices) > 2 and max(slices) == 3  # a run's new articles went in several slices
    # The run's reports that no scored pair names are not loaded for the join (session 25), so every
    # loaded report's article has links.
    assert sum(linked) == 0
    assert len(parts) >= 2  # the copied articles' joins went in several parts

    def attach_all(store: Any, data: dict[str, dict[str, Any]], linked_at: float = merge.DEFAULT.linked,
                   articles: set[str] | None = None) -> None:
        real_attach(store, data, linked_at)  # links over every loaded report's article

    monkeypatch.setattr(story_link, "CHUNK", 10**6)
    monkeypatch.setattr(merge, "NEW_CHUNK", 10**6)
    monkeypatch.setattr(merge, "COPIED_CHUNK", 10**6)
    monkeypatch.setattr(merge, "_join_copied_part", real_part)
    monkeypatch.setattr(merge, "attach_links", attach_all)
    whole = _run(tmp_path / "whole.duckdb", split)
    assert sorted(whole) == sorted(sliced)
    for table in whole:
        assert sliced[table] == whole[table], table
    assert whole["story_pairs"] or whole["story_done"]  # outlets of one story were linked by their words
    assert len({dict(r)["canonical_id"] for r in whole["merge_keys"]}) < len(whole["merge_keys"])  # reports merged
