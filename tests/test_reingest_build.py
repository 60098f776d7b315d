"""Re-ingest by another build (issue 16): unchanged pages analysed by an older presslens, other
rule data or other settings are analysed again and replaced; by the same build they are skipped."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from presslens.build import fingerprint
from presslens.pipeline import ingest
from presslens.settings import Settings, load_settings
from presslens.store import Store

# Two outlets' reports of one event (written for these tests), long enough for the real layers.
STORY = (Path(__file__).parent / "fixtures" / "texts" / "lagos_fuel_protest.txt").read_text(encoding="utf-8")
OTHER = STORY.replace("Thousands of people", "About 2,000 people").replace("12 people", "40 people")
ITEMS = ("mentions", "places", "dates", "quotes", "numbers", "events")


def _src(tmp_path: Path) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [
        {"url": "https://wire.example/lagos", "source": "Wire Agency", "published": "2026-06-30", "text": STORY},
        {"url": "https://daily.example/lagos", "source": "Daily Example", "published": "2026-06-30", "text": OTHER},
    ]), encoding="utf-8")
    return path


def _counts(store: Store) -> dict[str, int]:
    return {t: int(store.rows(f"SELECT count(*) AS n FROM {t}")[0]["n"]) for t in ("page_rows", "articles", *ITEMS)}


def test_fingerprint_ignores_speed_settings_and_follows_analysis_settings() -> None:
    s = load_settings()
    base = fingerprint(s)
    fast = copy.deepcopy(s)
    fast["pipeline"]["page_batch"] = 3
    fast["nlp"]["batch_size"] = 7
    fast["ingest"]["workers"] = 1
    fast["server"]["port"] = 1
    assert fingerprint(fast) == base
    other = copy.deepcopy(s)
    other["language"]["fallback"] = "de"
    assert fingerprint(other) != base
    assert fingerprint(s, stages=[]) != base  # --no-nlp analyses less


def test_unchanged_pages_are_analysed_again_by_another_build_only(tmp_path: Path) -> None:
    src = _src(tmp_path)
    s: Settings = load_settings()
    s["pipeline"]["post"] = []
    with Store(tmp_path / "s.duckdb") as store:
        first = ingest([src], store, settings=s, stages=["language"])
        assert first.pages_stored == 2
        assert {r["language"] for r in store.rows("SELECT language FROM articles")} == {"en"}
        before = _counts(store)
        same = ingest([src], store, settings=s, stages=["language"])
        assert (same.pages_stored, same.pages_unchanged, same.pages_reanalysed) == (0, 2, 0)
        # Another build: here a setting that changes the analysis (every article in "xx").
        newer = copy.deepcopy(s)
        newer["language"]["detect"] = False
        newer["language"]["fallback"] = "xx"
        again = ingest([src], store, settings=newer, stages=["language"])
        assert (again.pages_stored, again.pages_reanalysed, again.pages_unchanged) == (2, 2, 0)
        assert {r["language"] for r in store.rows("SELECT language FROM articles")} == {"xx"}
        assert _counts(store) == before  # replaced, not added
        assert store.rows("SELECT max(version) AS v FROM page_rows")[0]["v"] == 1
        # The newer build re-ingesting is a no-op again, and so is a speed-only setting change.
        newer["pipeline"]["page_batch"] = 1
        done = ingest([src], store, settings=newer, stages=["language"])
        assert (done.pages_stored, done.pages_unchanged, done.pages_reanalysed) == (0, 2, 0)


def test_reanalysed_pages_keep_the_store_wide_state_consistent(tmp_path: Path) -> None:
    """With the real layers and the across stages: items and findings are replaced, not doubled,
    and every event is known to the merge again."""
    src = _src(tmp_path)
    s: Settings = load_settings()
    s["pipeline"]["post"] = ["merge", "findings"]
    with Store(tmp_path / "s.duckdb") as store:
        ingest([src], store, settings=s, workers=1)
        before = _counts(store)
        assert before["events"] and before["numbers"]
        findings = sorted(r["id"] for r in store.rows("SELECT id FROM findings"))
        newer = copy.deepcopy(s)
        newer["quotes"]["frames"] = list(s["quotes"]["frames"])[:-1]  # another rule set
        rep = ingest([src], store, settings=newer, workers=1)
        assert rep.pages_reanalysed == 2
        assert _counts(store) == before
        assert sorted(r["id"] for r in store.rows("SELECT id FROM findings")) == findings
        missing = store.rows("SELECT count(*) AS n FROM events WHERE id NOT IN (SELECT event_id FROM merge_keys) "
                             "OR canonical_id IS NULL")
        assert missing[0]["n"] == 0
        assert store.rows("SELECT count(*) AS n FROM across_pages")[0]["n"] == 2
        assert ingest([src], store, settings=newer, workers=1).pages_unchanged == 2
