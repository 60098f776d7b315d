"""The merge's pre-filter (``merge.relevant``, issue 16 cost): a pair met only through a coarse block
(a month, a year, a place with an undated report) is loaded and scored only when it shares a place
key, an actor or a rare name of its articles. On the dev stories of the across set (real multi-outlet
coverage, eval/dev/across, dev part only) no pair it drops is one that the gold merges, nor one the
scoring would have joined."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from presslens.across import merge, merge_score
from presslens.across.merge_score import DEFAULT, Knobs
from presslens.eval.across_dev import align, load_store, parts_of
from presslens.pipeline import ingest
from presslens.settings import load_settings
from presslens.store import Store

SET = Path(__file__).resolve().parents[1] / "eval" / "dev" / "across"


def _dev_stories() -> dict[str, dict[str, Any]]:
    return {s: json.loads((SET / "gold" / f"{s}.json").read_text(encoding="utf-8"))
            for s, part in sorted(parts_of(SET).items()) if part == "dev"}


def test_prefilter_drops_no_pair_the_gold_merges(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stories = _dev_stories()
    assert len(stories) >= 8
    dropped: list[tuple[str, str]] = []
    joinable: list[tuple[str, str]] = []
    real = merge.relevant

    def spy(store: Any, pairs: list[tuple[str, str]], knobs: Knobs = DEFAULT) -> list[tuple[str, str]]:
        got = real(store, pairs, knobs)
        kept = set(got)
        assert kept <= set(pairs)
        gone = [p for p in pairs if p not in kept]
        data = {r["id"]: r for r in merge._by_id(store, sorted({x for p in gone for x in p}))}
        merge.attach_links(store, data, knobs.linked)
        joinable.extend((a, b) for a, b in gone if merge_score.compatible(data[a], data[b], knobs))
        dropped.extend(gone)
        return got

    monkeypatch.setattr(merge, "relevant", spy)
    folders = {s: SET / "pages" / s for s in stories}
    with Store(tmp_path / "dev.duckdb") as store:
        ingest(sorted(folders.values()), store, settings=load_settings())
        st = load_store(store, folders)
    assert dropped, "the dev stories meet no coarse pair the filter drops: the test shows nothing"
    assert joinable == []  # no dropped pair would have reached the merge's points
    by_page: dict[str, list[Any]] = {}
    for ev in st.events:
        by_page.setdefault(st.page_of_article.get(ev.article_id, ""), []).append(ev)
    gold_of: dict[str, str] = {}
    for story, g in stories.items():
        for rep in g["reports"]:
            doc = st.docs.get(f"{story}/{rep[0]}")
            ev = align(rep, doc, by_page.get(doc.page_id, [])) if doc else None
            if ev is not None:
                gold_of[ev.id] = f"{story}/{rep[1]}"
    assert len(gold_of) >= 20
    merged_by_gold = {frozenset((a, b)) for a in gold_of for b in gold_of if a != b and gold_of[a] == gold_of[b]}
    assert merged_by_gold
    assert not merged_by_gold & {frozenset(p) for p in dropped}


def test_prefilter_off_keeps_every_pair() -> None:
    """``across.merge_rare_name = 0`` turns the filter off (every block pair is scored)."""
    off = Knobs.of({"across": {"merge_rare_name": 0}})
    assert off.rare_name == 0
    assert merge.relevant(None, [("e1", "e2")], off) == [("e1", "e2")]
