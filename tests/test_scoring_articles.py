"""Scorers for the articles / boilerplate / related_links layers, on the real seeds and on edits."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from presslens import registry
from presslens.evaluate import SystemDoc
from presslens.records import Analysis, Page
from presslens.scoring.articles import score_articles, score_boilerplate, score_related_links
from presslens.segment import LayoutSegmenter

ROOT = Path(__file__).resolve().parents[1]
STEMS = ["000_f2f53a0ffb250155", "002_317694a25eb52a14"]


def _find(name: str, dirs: list[Path]) -> Path:
    for d in dirs:
        if (d / name).exists():
            return d / name
    pytest.skip(f"{name} not available")


def system_for(stem: str) -> tuple[dict, SystemDoc]:
    seed = _find(f"{stem}.txt", [ROOT / "src/presslens/examples", Path("/work/shared/seeds")])
    gold_path = _find(f"{stem}.json", [ROOT / "eval/gold", Path("/work/shared/gold")])
    page = Page(key=str(seed), text=seed.read_text(encoding="utf-8"), path=str(seed))
    analyses = [Analysis(article=a, page_text=page.text) for a in LayoutSegmenter()(page)]
    return json.loads(gold_path.read_text(encoding="utf-8")), SystemDoc(page=page, analyses=analyses)


def test_registered() -> None:
    for name in ("articles", "boilerplate", "related_links"):
        assert callable(registry.scorers.get(name))


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("scorer", [score_articles, score_boilerplate, score_related_links])
def test_seeds_score_perfectly(stem: str, scorer) -> None:
    gold, system = system_for(stem)
    r = scorer(gold, system)
    assert (r["precision"], r["recall"], r["f1"]) == (1.0, 1.0, 1.0), r
    assert r["tp"] == r["n_gold"] == r["n_sys"]


def test_article_field_errors_are_reported() -> None:
    gold, system = system_for("002_317694a25eb52a14")
    bad = copy.deepcopy(system)
    art = bad.analyses[2].article
    art.captions = art.captions[:-1]  # lose one caption
    bad.analyses[4].article.byline = "Someone Else"
    r = score_articles(gold, bad)
    assert r["tp"] == 8 and r["precision"] == 0.8 and r["recall"] == 0.8
    assert r["captions_accuracy"] == 0.9 and r["byline_accuracy"] == 0.9 and r["title_accuracy"] == 1.0
    assert {e["gold"]: e["wrong"] for e in r["errors"]} == {"a3": ["captions"], "a5": ["byline"]}


def test_body_bounds_must_match() -> None:
    gold, system = system_for("000_f2f53a0ffb250155")
    bad = copy.deepcopy(system)
    bad.analyses[0].article.body_end = bad.analyses[0].article.body_end - 10
    r = score_articles(gold, bad)
    assert r["body_accuracy"] == 0.0 and r["recall"] == 0.0


def test_boilerplate_and_links_count_distinct_lines() -> None:
    gold, system = system_for("002_317694a25eb52a14")
    bad = copy.deepcopy(system)
    for p in bad.analyses[0].article.parts:
        if p.role == "header":
            p.role = "body"
    for p in bad.analyses[3].article.parts:
        if p.role == "heading":
            p.role = "related_link"  # a heading taken for a link
    b = score_boilerplate(gold, bad)
    assert b["recall"] == 0.75 and b["precision"] == 1.0 and b["missed"]
    rl = score_related_links(gold, bad)
    assert rl["recall"] == 1.0 and rl["precision"] < 1.0 and rl["spurious"]


def test_missing_page_scores_zero_recall() -> None:
    gold, _ = system_for("000_f2f53a0ffb250155")
    empty = SystemDoc(page=Page(key="x", text=""), analyses=[])
    assert score_articles(gold, empty)["recall"] == 0.0
    assert score_related_links(gold, empty)["recall"] == 0.0
    assert score_boilerplate(gold, empty)["f1"] == 1.0  # nothing expected, nothing found
