"""What a user meets first, on real pages ingested through the CLI: the event page carries the
named rules that produced the event (its provenance), as `presslens event ID` prints them; a
filter value the store lacks says so; `show` says when an article's language was not analysed."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from presslens import cli
from presslens.server.app import create_app
from presslens.store import Store

PAGES = Path(__file__).resolve().parents[1] / "eval/dev/extraction/pages"
PAGE, GERMAN = PAGES / "theguardian.com.academics.html", PAGES / "heise.de.lithium.html"


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("user") / "user.duckdb"
    assert cli.run(["ingest", str(PAGE), str(GERMAN), "--db", str(db), "--workers", "1"]) == cli.EXIT_OK
    return db


@pytest.fixture(scope="module")
def client(db_file: Path) -> TestClient:
    with TestClient(create_app(db_file, index_in_background=False), base_url="http://127.0.0.1") as c:
        yield c


def test_event_page_and_reader_carry_the_rules_that_made_each_event(db_file: Path, client: TestClient) -> None:
    with Store(db_file, read_only=True) as s:
        stored = {r["id"]: {**r, "rules": json.loads(r["rules"])}
                  for r in s.rows("SELECT id, article_id, rules, trigger_start, trigger_end FROM events")}
    assert stored
    for eid, row in stored.items():
        ev = client.get(f"/api/events/{eid}").json()
        assert ev["rules"] == row["rules"] and ev["rules"]  # a list of rule names, as stored
        assert (ev["trigger_start"], ev["trigger_end"]) == (row["trigger_start"], row["trigger_end"])
    art_id = next(iter(stored.values()))["article_id"]
    items = client.get(f"/api/articles/{art_id}").json()["events"]
    assert items and all(isinstance(it["rules"], list) and it["rules"] == stored[it["id"]]["rules"] for it in items)


def test_a_filter_value_the_store_lacks_says_so_and_lists_the_values_there(
        db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(db_file, read_only=True) as s:
        types = sorted({r["type"] for r in s.rows("SELECT type FROM events")})
        kinds = sorted({r["kind"] for r in s.rows("SELECT kind FROM findings")})
    assert cli.run(["events", "--type", types[0].lower(), "--db", str(db_file)]) == cli.EXIT_OK
    assert "nothing in this store" not in capsys.readouterr().err  # a type the store holds, any case
    assert cli.run(["events", "--type", types[0] + "X", "--db", str(db_file)]) == cli.EXIT_OK
    err = capsys.readouterr().err
    assert f"nothing in this store has --type '{types[0]}X'" in err and ", ".join(types) in err
    assert cli.run(["findings", "--kind", "name_variant", "--db", str(db_file), "--json"]) == cli.EXIT_OK
    out, err = capsys.readouterr()
    assert out.strip() == "[]"  # stdout stays the JSON
    assert "nothing in this store has --kind 'name_variant'" in err and (", ".join(kinds) or "none") in err


def test_show_says_an_article_in_another_language_was_not_analysed(
        db_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(db_file, read_only=True) as s:
        langs = {r["id"]: r["language"] for r in s.rows("SELECT id, language FROM articles")}
    german = [a for a, lang in langs.items() if lang == "de"]
    english = [a for a, lang in langs.items() if lang == "en"]
    assert german and english
    assert cli.run(["show", german[0], "--db", str(db_file), "--json"]) == cli.EXIT_OK
    rec = json.loads(capsys.readouterr().out)
    assert rec["language"] == "de" and "events" in rec["skipped"]
    assert cli.run(["show", german[0], "--db", str(db_file)]) == cli.EXIT_OK
    out = " ".join(capsys.readouterr().out.split())
    assert "language de" in out and "do not analyse (de): stored as text, layers skipped:" in out
    assert cli.run(["show", english[0], "--db", str(db_file), "--json"]) == cli.EXIT_OK
    rec = json.loads(capsys.readouterr().out)
    assert rec["language"] == "en" and rec["skipped"] == []
    assert cli.run(["show", english[0], "--db", str(db_file)]) == cli.EXIT_OK
    assert "do not analyse" not in capsys.readouterr().out


def test_export_of_one_table_to_a_named_file_writes_that_file(
        db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "events.csv"
    assert cli.run(["export", "--format", "csv", "--out", str(out), "--table", "events", "--db", str(db_file)]) == 0
    with Store(db_file, read_only=True) as s:
        texts = {r["id"]: r["text"] for r in s.rows("SELECT id, text FROM pages")}
        n = len(s.rows("SELECT id FROM events"))
    rows = list(csv.DictReader(out.open(newline="", encoding="utf-8")))  # a file, not a folder named events.csv
    assert len(rows) == n and all(texts[r["page_id"]][int(r["start"]):int(r["end"])] == r["text"] for r in rows)
    capsys.readouterr()
    # A file name of another format, or every table under one file name: one usage error, nothing written.
    for fmt, name, more in (("parquet", "ev.csv", ["--table", "events"]), ("jsonl", "all.jsonl", [])):
        assert cli.run(["export", "--format", fmt, "--out", str(tmp_path / name), *more,
                        "--db", str(db_file)]) == cli.EXIT_USAGE
        err = [ln for ln in capsys.readouterr().err.splitlines() if ln.strip()]
        assert len(err) == 1 and err[0].startswith("error: --out") and not (tmp_path / name).exists()


def _ingest_then_summary(db: str, files: list[Path], capsys: pytest.CaptureFixture[str]) -> str:
    """Ingest a batch holding bad files (exit code: bad input), then `summary`'s text on one line."""
    assert cli.run(["ingest", *map(str, files), "--db", db, "--no-nlp"]) == cli.EXIT_BAD_INPUT
    capsys.readouterr()
    assert cli.run(["summary", "--db", db]) == cli.EXIT_OK
    return " ".join(capsys.readouterr().out.split())


def test_summary_names_the_sources_and_the_files_that_could_not_be_read(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.duckdb")
    empty, binary = tmp_path / "empty.html", tmp_path / "binary.html"
    empty.write_bytes(b"")
    binary.write_bytes(bytes(range(256)) * 8)
    out = _ingest_then_summary(db, [PAGE, empty, binary], capsys)
    assert "Sources (1, articles each): The Guardian 1" in out
    assert "Ingest errors: 2 recorded for 2 file(s) that could not be read" in out
    assert cli.run(["summary", "--db", db, "--json"]) == cli.EXIT_OK
    assert json.loads(capsys.readouterr().out)["ingest_errors"] == {"n": 2, "files": 2, "distinct": 2}
    # The same batch run again: the page is unchanged, the two bad files are logged again; the
    # summary still counts two errors (it said "4 recorded for 2 file(s)").
    out = _ingest_then_summary(db, [PAGE, empty, binary], capsys)
    assert "Ingest errors: 2 for 2 file(s) that could not be read, recorded 4 times over repeated runs" in out
    assert "articles │ 1 " in out


def test_ingest_help_names_the_ray_extra_to_install() -> None:
    from typer.testing import CliRunner

    res = CliRunner().invoke(cli.app, ["ingest", "--help"], env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert res.exit_code == 0
    assert "pip install 'presslens[ray]'" in res.output  # rich markup once ate "[ray]"
