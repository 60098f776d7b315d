"""The across stages' cost-saving paths (bench/, issue 16) decide what the plain code decides: with
the plain versions patched back in, a store built from real dev stories (eval/dev/across, several
outlets each) holds the same canonical events, findings and story pairs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from presslens.across import merge, merge_score
from presslens.across.merge_score import Knobs, linked, same_story
from presslens.pipeline import ingest
from presslens.settings import load_settings
from presslens.store import Store

PAGES = Path(__file__).resolve().parents[1] / "eval" / "dev" / "across" / "pages"
# Dev stories only (eval/dev/across/FROZEN.md): wire copy and rewrites, conflicting figures.
STORIES = ["s01-seoul-beef", "s05-libya-medics", "s10-kibera-liquor"]


def _plain_told(pairs: list[tuple[str, str]], data: dict[str, dict[str, Any]], knobs: Knobs) -> list[tuple[str, str]]:
    """The article pairs as the merge found them before (every report pair tested)."""
    return sorted({(min(x, y), max(x, y)) for a, b in pairs if a in data and b in data
                   for x, y in [(data[a]["article_id"], data[b]["article_id"])]
                   if x != y and data[a]["source"] != data[b]["source"]
                   and (same_story(data[a], data[b], knobs.same_story) or linked(data[a], data[b]))})


def _plain_story(a: dict[str, Any], b: dict[str, Any], knobs: Knobs) -> bool:
    """``merge_score._told`` without its per-article-pair memo."""
    return same_story(a, b, knobs.same_story) or b["article_id"] in (a.get("copied_with") or ()) or linked(a, b)


def _state(store: Store) -> dict[str, Any]:
    """Canonical ids, findings (ids, scopes, refs) and the across bookkeeping, row for row."""
    out: dict[str, Any] = {}
    out["findings"] = sorted((r["id"], r["kind"], str(r["refs"]), str(r["detail"]))
                             for r in store.rows("SELECT id, kind, refs, detail FROM findings"))
    out["scopes"] = sorted((r["scope"], r["finding_id"]) for r in store.rows("SELECT scope, finding_id FROM finding_scope"))
    out["groups"] = sorted({r["canonical_id"] for r in store.rows("SELECT canonical_id FROM events")})
    out["story_done"] = sorted((r["a"], r["b"]) for r in store.rows("SELECT a, b FROM story_done"))
    out["canonical"] = sorted((r["id"], r["canonical_id"]) for r in store.rows("SELECT id, canonical_id FROM events"))
    return out


def _build(path: Path) -> dict[str, Any]:
    with Store(path) as store:
        ingest([PAGES / s for s in STORIES], store, settings=load_settings())
        return _state(store)


def test_cost_saving_paths_decide_what_the_plain_code_decides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = merge._told_articles
    reused: list[int] = []
    real_by_id = merge._by_id

    def by_id_spy(store: Any, ids: list[str], have: dict[str, dict[str, Any]] | None = None) -> Any:
        reused.append(len(set(ids) & set(have or {})))
        got = real_by_id(store, ids, have)
        assert got == real_by_id(store, ids)  # a reused report is the row a fresh read gives
        return got

    monkeypatch.setattr(merge, "_by_id", by_id_spy)
    memo_hits: list[bool] = []
    real_story = merge_score._told

    def story_spy(a: dict[str, Any], b: dict[str, Any], knobs: Knobs) -> bool:
        got = real_story(a, b, knobs)
        assert got == _plain_story(a, b, knobs)
        memo_hits.append(a.get("links") is not None)
        return got

    monkeypatch.setattr(merge_score, "_told", story_spy)

    def spy(pairs: list[tuple[str, str]], data: dict[str, dict[str, Any]], knobs: Knobs) -> list[tuple[str, str]]:
        got = real(pairs, data, knobs)
        assert got == _plain_told(pairs, data, knobs)
        calls.append(len(got))
        return got

    monkeypatch.setattr(merge, "_told_articles", spy)
    fast = _build(tmp_path / "fast.duckdb")
    assert sum(calls) > 0  # the stories' outlets were told to be one story
    assert any(memo_hits)  # the memo was in play
    assert sum(reused) > 0  # the new reports were not read twice
    monkeypatch.setattr(merge, "_told_articles", _plain_told)
    monkeypatch.setattr(merge_score, "_told", _plain_story)
    monkeypatch.setattr(merge, "_by_id", lambda store, ids, have=None: real_by_id(store, ids))  # read every row
    assert _build(tmp_path / "plain.duckdb") == fast
    assert len(fast["groups"]) < len(fast["canonical"])  # reports of several outlets merged
