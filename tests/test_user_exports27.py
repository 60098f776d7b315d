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
from presslens.text.safe import one_line

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


def test_a_jsonl_line_whose_text_is_unusable_says_why_and_the_batch_goes_on(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    release = RELEASE.read_text(encoding="utf-8")
    lines = [{"text": release, "url": "https://www.justice.gov/usao-ndia/pr/iowa-farmer"},
             {"text": 5, "url": "https://example.org/number"},
             {"text": "   ", "url": "https://example.org/blank"},
             {"text": "", "content": ["a", "list"], "url": "https://example.org/list"},
             {"headline": "no text key at all"}]
    src = tmp_path / "export.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    db = tmp_path / "j.duckdb"
    assert cli.run(["ingest", str(src), "--db", str(db), "--workers", "1", "--no-nlp"]) == cli.EXIT_BAD_INPUT
    err = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("error:")]
    assert err == [f"error: {src}: line 2: text field \"text\" is a number, not a string",
                   f"error: {src}: line 3: text field \"text\" is empty",
                   f"error: {src}: line 4: text field \"content\" is a list, not a string",
                   f"error: {src}: line 5: no text field (expected one of text, maintext, raw_text, content, body)"]
    with Store(db, read_only=True) as s:
        texts = [r["text"] for r in s.rows("SELECT text FROM pages")]
    assert len(texts) == 1 and "Farm Loan Fraud" in texts[0]  # the good line is stored


def test_event_prints_each_reports_whole_evidence_and_a_size_only_where_there_is_one(
        db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    events, _ = _stored(db_file)
    with Store(db_file, read_only=True) as s:
        sizes = {r["id"]: json.loads(r["size"] or "{}") for r in s.rows("SELECT id, size FROM events")}
    long = [e for e in events.values() if len(e["text"]) > 100]
    assert long  # evidence clauses longer than the 100 characters it was cut at
    for e in long[:5] + [e for e in events.values() if sizes[e["id"]]][:3]:
        assert cli.run(["event", e["id"], "--db", str(db_file)]) == cli.EXIT_OK
        out = " ".join(capsys.readouterr().out.split())  # the console wraps at its width
        assert " ".join(one_line(e["text"]).split()) in out  # newlines shown escaped, as everywhere
        assert ("size=" in out) == bool(sizes[e["id"]])


def test_the_overview_counts_each_ingest_error_once_when_a_batch_is_run_again(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from presslens.server.app import create_app

    empty, truncated = tmp_path / "empty.html", tmp_path / "truncated.html"
    empty.write_bytes(b"")
    truncated.write_bytes(PAGE.read_bytes()[:1500])  # a real page cut inside its <head>
    db = tmp_path / "o.duckdb"
    batch = ["ingest", str(RELEASE), str(empty), str(truncated), "--db", str(db), "--no-nlp", "--workers", "1"]
    for _ in range(3):
        assert cli.run(batch) == cli.EXIT_BAD_INPUT
    with TestClient(create_app(db, index_in_background=False), base_url="http://127.0.0.1") as client:
        o = client.get("/api/overview").json()
    assert o["counts"]["ingest_errors"] == 6  # the log: every run's errors
    assert o["counts"]["ingest_errors_distinct"] == 2  # what the overview card shows
    assert sorted((e["path"], e["times"]) for e in o["recent_errors"]) == [(str(empty), 3), (str(truncated), 3)]
    assert o["counts"]["pages"] == 1  # the release stays stored, once


def test_naming_an_unknown_actor_is_a_usage_error_and_a_known_unmentioned_one_an_answer(
        db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for extra in ([], ["--json"]):
        assert cli.run(["naming", "no-such-actor", "--db", str(db_file), *extra]) == cli.EXIT_USAGE
        out, err = capsys.readouterr()
        assert err.strip() == "error: no actor 'no-such-actor'" and out == ""  # the JSON read [] ("no names")
    with Store(db_file, read_only=True) as s:
        mentioned = {r["actor_id"] for r in s.rows("SELECT DISTINCT actor_id FROM mentions")}
    assert "mek" not in mentioned  # a registry actor neither page names
    assert cli.run(["naming", "mek", "--db", str(db_file)]) == cli.EXIT_OK
    assert "No mentions of" in capsys.readouterr().out
    assert cli.run(["naming", "mek", "--db", str(db_file), "--json"]) == cli.EXIT_OK
    assert json.loads(capsys.readouterr().out) == []


def test_an_event_format_with_another_table_is_a_usage_error_and_writes_nothing(
        db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, name in (("plover", "quotes.jsonl"), ("acled", "quotes.csv")):
        target = tmp_path / name
        assert cli.run(["export", "--format", fmt, "--table", "quotes", "--out", str(target),
                        "--db", str(db_file)]) == cli.EXIT_USAGE
        assert "exports events only" in capsys.readouterr().err and not target.exists()
    target = tmp_path / "events.plover.jsonl"  # --table events is what these formats write anyway
    assert cli.run(["export", "--format", "plover", "--table", "events", "--out", str(target),
                    "--db", str(db_file)]) == cli.EXIT_OK
    assert target.read_text(encoding="utf-8").count("\n") == len(_stored(db_file)[0])
