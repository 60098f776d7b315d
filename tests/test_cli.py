"""CLI: the core commands on a small store built through the real pipeline (no NLP stages)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.cli import app

runner = CliRunner()
STORY = (
    "Miners strike at Chilean copper mine\n\n"
    "SANTIAGO, March 3 - Thousands of miners walked off the job on Tuesday, the union said.\n\n"
    "The company said talks would resume next week.\n"
)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "pages"
    d.mkdir()
    (d / "story.txt").write_text(STORY, encoding="utf-8")
    return d


def test_ingest_json_summary_and_rerun_is_noop(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    first = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--no-nlp", "--json"])
    assert first.exit_code == 0, first.output
    out = json.loads(first.stdout)
    assert out["pages_stored"] == 1 and out["articles"] >= 1
    again = json.loads(runner.invoke(app, ["ingest", str(corpus), "--db", db, "--no-nlp", "--json"]).stdout)
    assert again["pages_stored"] == 0 and again["pages_unchanged"] == 1


def test_missing_path_fails_but_keeps_the_rest(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    res = runner.invoke(app, ["ingest", str(corpus), str(tmp_path / "nope.txt"), "--db", db, "--no-nlp"])
    assert res.exit_code == 1
    assert "nope.txt" in res.output
    listed = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    assert listed and "Chilean" in (listed[0]["title"] or "")


def test_show_and_export_carry_offsets(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    runner.invoke(app, ["ingest", str(corpus), "--db", db, "--no-nlp"])
    art = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)[0]
    rec = json.loads(runner.invoke(app, ["show", art["id"], "--db", db, "--json"]).stdout)
    assert "Thousands of miners" in rec["body"]
    page_text = STORY
    for part in rec["parts"]:
        assert page_text[part["start"]:part["end"]] == part["text"]
    out = tmp_path / "exp"
    res = runner.invoke(app, ["export", "--format", "jsonl", "--out", str(out), "--db", db])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows[0]["id"] == art["id"] and rows[0]["body_start"] < rows[0]["body_end"]
    for fmt in ("csv", "parquet"):
        assert runner.invoke(app, ["export", "--format", fmt, "--out", str(tmp_path / fmt), "--db", db]).exit_code == 0
        assert (tmp_path / fmt / f"articles.{fmt}").exists()


def test_unknown_article_and_missing_store_are_clear_errors(tmp_path: Path) -> None:
    res = runner.invoke(app, ["show", "nope", "--db", str(tmp_path / "missing.duckdb")])
    assert res.exit_code == 2
    assert "no store" in res.output


def test_source_option_names_pages_without_a_site(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    res = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--no-nlp", "--source", "Andes Wire"])
    assert res.exit_code == 0, res.output
    listed = json.loads(runner.invoke(app, ["articles", "--db", db, "--json"]).stdout)
    assert {a["source"] for a in listed} == {"Andes Wire"}
