"""The store-wide stages are incremental: pages ingested one at a time (merge and findings after
each, as a growing archive gets them) end in the same canonical events and findings as the same
pages ingested in one batch. Real pages: dev stories of eval/dev/across, several outlets each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from presslens.pipeline import ingest, run_post
from presslens.settings import load_settings
from presslens.store import Store

PAGES = Path(__file__).resolve().parents[1] / "eval" / "dev" / "across" / "pages"
# Dev stories only (eval/dev/across/FROZEN.md): wire copy and rewrites (copied passages, story
# links), conflicting figures, one story told on two days.
STORIES = ["s01-seoul-beef", "s05-libya-medics", "s10-kibera-liquor"]


def _refs(kind: str, refs: Any) -> str:
    spans = [[x["article_id"], x["start"], x["end"]] for x in (json.loads(refs) if isinstance(refs, str) else refs)]
    # A copied passage lists the earliest publisher first; of two articles published the same day
    # the one ingested first is the earlier, which pages ingested in one batch cannot tell apart.
    return json.dumps(sorted(spans) if kind == "copied_text" else spans)


def _output(store: Store) -> dict[str, Any]:
    """What the across stages decide, independent of ids made from arrival order: the canonical
    events as sets of reports, and the findings with their refs."""
    groups: dict[str, set[str]] = {}
    for r in store.rows("SELECT id, canonical_id FROM events"):
        groups.setdefault(r["canonical_id"], set()).add(r["id"])
    findings = sorted((r["kind"], _refs(r["kind"], r["refs"])) for r in store.rows("SELECT kind, refs FROM findings"))
    return {"groups": sorted(sorted(g) for g in groups.values()), "findings": findings}


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store(tmp_path_factory.mktemp("batch") / "b.duckdb")
    ingest([PAGES / s for s in STORIES], store, settings=load_settings())
    return store


def test_pages_one_at_a_time_end_as_one_batch(batch: Store, tmp_path: Path) -> None:
    settings = load_settings()
    pages = batch.latest_pages()  # in ingest order
    assert len(pages) >= 9
    one = Store(tmp_path / "one.duckdb")
    for page in pages:
        one.write_pages([(page, batch.analyses(page))])
        run_post(one, settings)
    want, got = _output(batch), _output(one)
    assert any(len(g) > 1 for g in want["groups"])  # reports of different outlets did merge
    assert {k for k, _ in want["findings"]} >= {"copied_text"}
    assert got == want
    one.close()


def test_story_told_is_redone_when_what_told_reads_changes(batch: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """``story_told`` keeps each article's figure keys under a signature of its figures and of what
    ``told`` reads (``told_inputs``): kept rows are read back while those are unchanged, and every
    row is worked out again once the lexicon (or the code reading it) changes."""
    from collections import defaultdict

    from presslens.across import findings, state

    arts = [r["article_id"] for r in batch.rows("SELECT article_id FROM story_told ORDER BY article_id")]
    assert arts
    rows = {r["id"]: r for r in state.query_with(batch, "_a", state.arrow({"id": arts}), state.article_texts_sql("_a"))}
    nums: dict[str, list[Any]] = defaultdict(list)
    for n in findings._in(batch, "numbers", "article_id", arts):
        nums[n.article_id].append(n)
    calls: list[str] = []
    real = findings.told

    def spy(source: str, text: str, numbers: Any) -> Any:
        calls.append(source)
        return real(source, text, numbers)

    monkeypatch.setattr(findings, "told", spy)
    kept = findings._tolds(batch, rows, nums)
    assert not calls
    monkeypatch.setattr(findings, "told_inputs", lambda: "another count lexicon")
    redone = findings._tolds(batch, rows, nums)
    assert len(calls) == len(rows)
    assert {i: t.keys for i, t in redone.items()} == {i: t.keys for i, t in kept.items()}


def test_told_inputs_name_every_data_file_the_figure_code_reads() -> None:
    """A data file read by the code behind ``told`` but missing from ``_TOLD_INPUTS`` would leave
    ``story_told`` stale when it changes."""
    import re

    from presslens.across import findings

    src = Path(findings.__file__).resolve().parents[1]
    read = set()
    for name in ("across/figures.py", "across/figure_findings.py", "text/number_words.py"):
        read |= set(re.findall(r"\"(data/[\w./-]+)\"", (src / name).read_text(encoding="utf-8")))
    assert read
    assert read <= set(findings._TOLD_INPUTS)


def _threads(store: Any) -> int:
    row = store.con.execute("SELECT current_setting('threads')").fetchone()
    assert row is not None
    return int(row[0])


def test_stages_decide_the_same_on_one_duckdb_thread(batch: Store, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The store-wide stages run with ``state.STAGE_THREADS`` DuckDB threads (less CPU for their
    small statements, bench/) and give the connection its own setting back; run with the
    connection's threads instead, they decide the same canonical events and findings."""
    from presslens.across import merge, state

    seen: list[int] = []
    real = merge.candidates

    def spy(store: Any, ids: list[str]) -> Any:
        seen.append(_threads(store))
        return real(store, ids)

    monkeypatch.setattr(merge, "candidates", spy)
    other = Store(tmp_path / "threads.duckdb")
    other.con.execute("SET threads = 3")
    monkeypatch.setattr(state, "STAGE_THREADS", 0)
    other.write_pages([(p, batch.analyses(p)) for p in batch.latest_pages()])
    run_post(other, load_settings())
    assert seen == [3]
    assert _output(other) == _output(batch)  # the batch store's stages ran on one thread
    monkeypatch.setattr(state, "STAGE_THREADS", 1)
    assert state.stage_threads(_threads)(other) == 1
    assert _threads(other) == 3
    other.close()
