"""An event whose only parties are sector parties (riot police, soldiers) shows them in
`presslens event ID`, the API and the UI's data; every list field is a JSON list in CLI JSON,
the API and JSONL export; every stored column of an exported table is named in docs/export.md."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from presslens import cli
from presslens.commands.events import parties
from presslens.export import EXPORT_TABLES
from presslens.server.app import create_app
from presslens.store import Store
from presslens.store.schema import table_columns

DOCS = Path(__file__).resolve().parents[1] / "docs"
# Invented report: no named party, only generic ones (police, soldiers; demonstrators, students).
TEXT = ("Clashes in the port city\n\nRiot police beat demonstrators outside the harbour office in Mombasa on "
        "Tuesday. Soldiers detained several students later that night.\n")
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("parties")
    (d / "clash.txt").write_text(TEXT, encoding="utf-8")
    db = d / "p.duckdb"
    assert cli.run(["ingest", str(d / "clash.txt"), "--db", str(db), "--workers", "1"]) == cli.EXIT_OK
    return db


def _json_cols() -> list[str]:
    return [c for c, tp in table_columns()["events"] if tp == "JSON"]


def _sector_only(db: Path) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as s:
        names = {r["id"]: r["name"] for r in s.rows("SELECT id, name FROM actors")}
        rows = s.rows("SELECT id, actors, actor_agents FROM events")
    out = [{"id": r["id"], "names": [names[a] for a in json.loads(r["actor_agents"])]} for r in rows
           if not json.loads(r["actors"]) and json.loads(r["actor_agents"])]
    assert out, "the invented report should give an event whose actor is a sector party only"
    return out


def test_event_command_prints_the_sector_parties_not_a_dash(db_file: Path) -> None:
    for ev in _sector_only(db_file):
        res = CliRunner().invoke(cli.app, ["event", ev["id"], "--db", str(db_file)], env=ENV)
        assert res.exit_code == 0, res.output
        line = next(x for x in res.output.splitlines() if x.startswith("actors:"))
        assert not line.startswith("actors: -")
        for name in ev["names"]:  # the registry's name of the agent, marked as a sector party
            assert f"{name} (sector)" in line


def test_events_list_prints_the_sector_parties_too(db_file: Path) -> None:
    res = CliRunner().invoke(cli.app, ["events", "--db", str(db_file)], env=ENV)
    assert res.exit_code == 0, res.output
    for ev in _sector_only(db_file):
        line = next(x for x in res.output.splitlines() if x.startswith(ev["id"]))
        assert f"{ev['names'][0]} (sector)" in line  # not "?" where a generic party fills the side


def test_api_event_gives_the_same_sector_parties_with_names(db_file: Path) -> None:
    with TestClient(create_app(db_file, index_in_background=False), base_url="http://127.0.0.1") as c:
        for ev in _sector_only(db_file):
            got = c.get(f"/api/events/{ev['id']}").json()
            assert got["actor_agent_names"] == ev["names"]  # what the event page's "Sector parties" shows
            rows = c.get("/api/events", params={"limit": 100}).json()["rows"]
            assert all(isinstance(r[k], list) for r in rows for k in ("actors", "recipients", "actor_agents",
                                                                      "recipient_agents"))


def test_every_list_field_is_a_json_list_in_cli_json_and_jsonl_export(db_file: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(cli.app, ["events", "--db", str(db_file), "--json"], env=ENV)
    rows = json.loads(res.stdout)
    assert rows and _json_cols()
    for r in rows:
        for k in _json_cols():
            assert not isinstance(r[k], str), (k, r[k])
        assert isinstance(r["actor_agents"], list) and isinstance(r["rules"], list)
    one = json.loads(CliRunner().invoke(cli.app, ["event", rows[0]["id"], "--db", str(db_file), "--json"],
                                        env=ENV).stdout)
    assert all(not isinstance(x.get(k), str) for x in [one, *one["reports"]] for k in _json_cols())
    assert cli.run(["export", "--format", "jsonl", "--table", "events", "--out", str(tmp_path),
                    "--db", str(db_file)]) == cli.EXIT_OK
    lines = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    assert lines and all(not isinstance(x[k], str) for x in lines for k in _json_cols())


def test_parties_prefers_named_parties_and_marks_sector_ones() -> None:
    rec = {"actors": [], "recipients": ["kenya-gov"], "actor_agents": ["agent-police"],
           "actor_agent_names": ["Police"], "recipient_agents": []}
    assert parties(rec) == ("Police (sector)", "kenya-gov")
    assert parties({"actors": [], "recipients": []}) == ("-", "-")


def test_every_exported_column_is_documented() -> None:
    doc = (DOCS / "export.md").read_text(encoding="utf-8")
    listed = {m.group(1): set(re.findall(r"[a-z_0-9]+", m.group(2)))
              for m in re.finditer(r"^\| `(\w+)` \| (.*) \|$", doc, re.M)}
    cols = table_columns()
    missing = {t: [c for c, _ in cols[t] if c not in listed.get(t, set())] for t in EXPORT_TABLES if t in cols}
    assert not any(missing.values()), f"columns missing from docs/export.md: {missing}"
