"""The list commands as a new user meets them: full ids, stated limits, readable `show`, files
from one-file exports. A store of the bundled sample (with its sidecars) built through the real
pipeline, once."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from presslens.commands.listing import DEFAULT_LIMIT, Col, layout

runner = CliRunner()
ID = re.compile(r"\b[0-9a-f]{16}-a\d+\b")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("store") / "s.duckdb")
    res = runner.invoke(app, ["ingest", "--sample", "--db", path])
    assert res.exit_code == 0, res.output
    return path


def run(*args: str, width: int = 80) -> str:
    res = runner.invoke(app, list(args), env={"COLUMNS": str(width)})
    assert res.exit_code == 0, res.output
    assert "Traceback" not in res.output
    return res.stdout


def test_article_ids_are_whole_at_80_columns_and_paste_into_show(db: str) -> None:
    out = run("articles", "--db", db)
    ids = ID.findall(out)
    every = json.loads(run("articles", "--db", db, "--json"))
    assert sorted(ids) == sorted(a["id"] for a in every)  # every id printed in full
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "(default --limit 50" in out
    shown = run("show", ids[-1], "--db", db)
    assert shown.splitlines()[0] == every[[a["id"] for a in every].index(ids[-1])]["title"]


def test_sample_articles_have_sources_and_dates(db: str) -> None:
    every = json.loads(run("articles", "--db", db, "--json"))
    assert {a["source"] for a in every} == {"Iran Focus", "MEK-Iran"}
    assert all(a["published"] for a in every)


def test_limit_and_all_and_the_stated_default(db: str) -> None:
    out = run("events", "--db", db, "--limit", "3")
    total = len(json.loads(run("events", "--db", db, "--json")))
    assert total > DEFAULT_LIMIT  # --json is never cut short by the table default
    assert f"3 of {total} events" in out
    assert len(ID.findall(run("events", "--db", db, "--limit", "3", "--json"))) >= 3
    assert len(json.loads(run("events", "--db", db, "--limit", "3", "--json"))) == 3
    all_out = run("events", "--db", db, "--all", width=200)
    assert f"{total} events" in all_out.splitlines()[-1]
    actors = json.loads(run("actors", "--db", db, "--json"))
    assert len(actors) > 100  # was silently cut at 100
    assert f"of {len(actors)} actors" in run("actors", "--db", db)


def test_events_readable_at_80_columns(db: str) -> None:
    out = run("events", "--db", db, "--limit", "5")
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines)
    ids = [e["id"] for e in json.loads(run("events", "--db", db, "--limit", "5", "--json"))]
    for i in ids:
        assert any(line.startswith(i + " ") for line in lines)  # whole id at the start of its row


def test_an_events_rules_name_each_rule_once(db: str) -> None:
    # Two steps may apply one rule (a modality fold twice); the event page lists it once.
    rules = [e["rules"] for e in json.loads(run("events", "--db", db, "--all", "--json"))]
    assert rules and all(len(r) == len(set(r)) for r in rules)


def test_piped_output_is_wide(db: str) -> None:
    res = runner.invoke(app, ["articles", "--db", db], env={"COLUMNS": ""})
    assert res.exit_code == 0
    assert max(len(line) for line in res.stdout.splitlines()) > 80  # titles not cut at 80 columns


def test_show_lists_every_layer_readably(db: str) -> None:
    aid = json.loads(run("articles", "--db", db, "--json"))[3]["id"]
    out = run("show", aid, "--db", db, width=120)
    for section in ("Quotes (", "Actors (", "Places (", "Dates (", "Numbers (", "Events ("):
        assert section in out
    rec = json.loads(run("show", aid, "--db", db, "--json"))
    speakers = {q["speaker_text"] for q in rec["quotes"] if q.get("speaker_text")}
    assert speakers and all(s in out for s in speakers)  # speakers are shown, not cut away
    assert "{" not in out.split("Quotes (")[1]  # no raw JSON


def test_one_file_exports_write_files(db: str, tmp_path: Path) -> None:
    plover, acled = tmp_path / "out" / "events.jsonl", tmp_path / "events.csv"
    run("export", "--format", "plover", "--out", str(plover), "--db", db)
    run("export", "--format", "acled", "--out", str(acled), "--db", db)
    assert plover.is_file() and acled.is_file()
    assert json.loads(plover.read_text(encoding="utf-8").splitlines()[0])
    assert next(csv.reader(acled.open(encoding="utf-8")))[0] == "event_id_cnty"
    folder = tmp_path / "dir"
    folder.mkdir()
    run("export", "--format", "plover", "--out", str(folder), "--db", db)  # a folder still works
    assert (folder / "events.plover.jsonl").is_file()


def test_eval_gold_missing_folder_is_one_line(db: str) -> None:
    res = runner.invoke(app, ["eval", "--gold", "no/such/gold", "--db", db])
    assert res.exit_code == 2
    assert "Traceback" not in res.output and "eval/gold" in res.output


def test_layout_stacks_when_narrow() -> None:
    cols = [Col("id", lambda r: r, "id"), Col("date", lambda r: r, max_width=10), Col("text", lambda r: r)]
    cells = [["0123456789abcdef-a1", "2020-01-01", "x" * 200]]
    widths, stacked = layout(cols, cells, 50)
    assert stacked and widths[0] == 19
    widths, stacked = layout(cols, cells, 200)
    assert not stacked and sum(widths) + 4 <= 200


@pytest.mark.parametrize("cmd", ["events", "findings", "articles"])
def test_after_walks_the_list_page_by_page(db: str, cmd: str) -> None:
    """--after the cursor a page prints (stderr) gives the next page: the pages together are the
    whole list, in order, each row once; a cursor the list did not write is a usage error."""
    every = [r["id"] for r in json.loads(run(cmd, "--db", db, "--json"))]
    size = max(1, len(every) // 4)
    walked: list[str] = []
    after: list[str] = []
    for _ in range(len(every) + 1):
        res = runner.invoke(app, [cmd, "--db", db, "--json", "--limit", str(size), *after])
        assert res.exit_code == 0, res.output
        walked += [r["id"] for r in json.loads(res.stdout)]
        nxt = re.search(r"next page: --after (\S+)", res.stderr)
        if not nxt:
            break
        after = ["--after", nxt.group(1)]
    assert walked == every and len(every) > size
    bad = runner.invoke(app, [cmd, "--db", db, "--after", "not-a-cursor"])
    assert bad.exit_code == 2 and "after" in bad.output
