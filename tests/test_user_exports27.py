"""What an event coder meets in the exports and the ingest messages, on real pages ingested through
the CLI (a US Attorney release of eval/dev/geo/local/b10 and a news page): the PLOVER JSONL and ACLED
CSV rows carry the named rules that produced each event, as `presslens event ID` prints them; a JSONL
line whose text field is there but unusable says what is wrong with it, not that it is missing."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from presslens import cli
from presslens.store import Store

ROOT = Path(__file__).resolve().parents[1]
RELEASE = ROOT / "eval/dev/geo/local/b10/texts/www-justice-gov-usao-ndia-pr-iowa-farmer-sentenced-federal-prison-farm-loan-frau.txt"
PAGE = ROOT / "eval/dev/extraction/pages/theguardian.com.academics.html"


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("coder") / "coder.duckdb"
    assert cli.run(["ingest", str(RELEASE), str(PAGE), "--db", str(db), "--workers", "1"]) == cli.EXIT_OK
    return db


def _stored(db_file: Path) -> tuple[dict[str, dict], dict[str, str]]:
    with Store(db_file, read_only=True) as s:
        events = {r["id"]: {**r, "rules": json.loads(r["rules"])}
                  for r in s.rows("SELECT id, article_id, start, \"end\", text, rules FROM events")}
        pages = {r["id"]: r["text"] for r in s.rows("SELECT id, text FROM pages")}
    return events, pages


def test_plover_and_acled_rows_carry_the_rules_that_made_each_event(db_file: Path, tmp_path: Path) -> None:
    events, pages = _stored(db_file)
    assert len(events) >= 5 and all(e["rules"] for e in events.values())
    plover, acled = tmp_path / "ev.plover.jsonl", tmp_path / "ev.acled.csv"
    assert cli.run(["export", "--format", "plover", "--out", str(plover), "--db", str(db_file)]) == cli.EXIT_OK
    assert cli.run(["export", "--format", "acled", "--out", str(acled), "--db", str(db_file)]) == cli.EXIT_OK
    rows = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in rows} == set(events)
    for r in rows:
        assert r["rules"] == events[r["id"]]["rules"]  # a JSON list, as stored and as the API gives it
        info = r["text info"]
        assert pages[info["page_id"]][info["start"]:info["end"]] == r["event text"][0]
    with acled.open(encoding="utf-8", newline="") as fh:
        arows = list(csv.DictReader(fh))
    assert {r["event_id_cnty"] for r in arows} == set(events)
    for r in arows:
        assert r["rules"].split("; ") == events[r["event_id_cnty"]]["rules"]
