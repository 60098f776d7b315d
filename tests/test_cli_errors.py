"""Issue 18 items 10-12: one-line errors, distinct exit codes, the writer lock, serve beside ingest."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from presslens import cli
from presslens.store import Store

STORY = "Miners strike at copper mine\n\nThousands of miners walked off the job on Tuesday, the union said.\n"
ENV = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}


def presslens(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real command in a child process, stderr a pipe (not a terminal)."""
    return subprocess.run([sys.executable, "-m", "presslens.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=ENV, stdin=subprocess.DEVNULL)


def error_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.strip()]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    p = tmp_path / "story.txt"
    p.write_text(STORY, encoding="utf-8")
    return p


def test_exit_codes_are_distinct(tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.duckdb")
    assert cli.run(["ingest", str(page), "--db", db, "--no-nlp"]) == cli.EXIT_OK
    assert cli.run(["ingest", str(page), str(tmp_path / "nope.txt"), "--db", db, "--no-nlp"]) == cli.EXIT_BAD_INPUT
    assert cli.run(["ingest", "--db", db]) == cli.EXIT_USAGE
    assert cli.run(["ingest", str(page), "--db", db, "--no-such-option"]) == cli.EXIT_USAGE
    with Store(db):  # this process writes: a second writer is refused at once
        assert cli.run(["ingest", str(page), "--db", db, "--no-nlp"]) == cli.EXIT_BUSY
    assert len({cli.EXIT_OK, cli.EXIT_BAD_INPUT, cli.EXIT_USAGE, cli.EXIT_BUSY, cli.EXIT_STORE, cli.EXIT_SERVE}) == 6


def test_second_writer_is_one_line_exit_3(tmp_path: Path, page: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with Store(db):
        res = presslens("ingest", str(page), "--db", db, "--no-nlp")
    assert res.returncode == cli.EXIT_BUSY
    (line,) = error_lines(res.stderr)
    assert line.startswith("error: store ") and "being written by presslens pid" in line and str(os.getpid()) in line


def test_corrupt_store_is_one_line_exit_4(tmp_path: Path, page: Path) -> None:
    db = tmp_path / "bad.duckdb"
    db.write_bytes(b"this is not a duckdb file at all\n" * 300)
    for args in (["summary"], ["articles"], ["ingest", str(page), "--no-nlp"]):
        res = presslens(*args, "--db", str(db))
        assert res.returncode == cli.EXIT_STORE, (args, res.stderr)
        (line,) = error_lines(res.stderr)
        assert line.startswith("error: ") and str(db) in line and "Traceback" not in res.stderr


def test_disk_full_is_one_line_exit_4(tmp_path: Path, page: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    def full(self: Store, batch: object) -> list[bool]:
        raise duckdb.IOException("Could not write file \"x.duckdb.wal\": No space left on device")

    monkeypatch.setattr(Store, "write_pages", full)
    assert cli.run(["ingest", str(page), "--db", str(tmp_path / "s.duckdb"), "--no-nlp"]) == cli.EXIT_STORE
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith("error: writing store ") and "disk full?" in line


def test_error_lines_do_not_wrap_when_stderr_is_a_pipe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / ("and-another-one-" * 4)
    deep.mkdir(parents=True)
    bad = [deep / f"binary-file-number-{i}-with-a-long-name.txt" for i in range(3)]
    for b in bad:
        b.write_bytes(b"%PDF-1.4 binary")
    (deep / "good.txt").write_text(STORY)
    assert cli.run(["ingest", str(deep), "--db", str(tmp_path / "s.duckdb"), "--no-nlp"]) == cli.EXIT_BAD_INPUT
    lines = error_lines(capsys.readouterr().err)
    assert len(lines) == 3 and all(len(ln) > 200 for ln in lines)
    assert [ln.split(": ", 1)[1].split(": binary")[0] for ln in lines] == [str(b) for b in bad]


def test_terminal_escapes_in_names_are_neutralised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "evil\x1b]0;pwned\x07\x1b[2J.pdf.txt").write_bytes(b"%PDF-1.4")
    assert cli.run(["ingest", str(d), "--db", str(tmp_path / "s.duckdb"), "--no-nlp"]) == cli.EXIT_BAD_INPUT
    out = capsys.readouterr()
    assert "\x1b" not in out.err + out.out and "\x07" not in out.err
    assert "evil\\x1b]0;pwned\\x07\\x1b[2J.pdf.txt" in out.err


def test_serve_reads_while_an_ingest_writes(tmp_path: Path, page: Path) -> None:
    from fastapi.testclient import TestClient

    from presslens.server.app import create_app

    db = str(tmp_path / "s.duckdb")
    assert cli.run(["ingest", str(page), "--db", db, "--no-nlp"]) == 0
    with TestClient(create_app(db, index_in_background=False), base_url="http://127.0.0.1") as client:
        assert client.get("/api/overview").json()["counts"]["pages"] == 1
        more = tmp_path / "more.txt"
        more.write_text(STORY.replace("copper", "silver"))
        # While serve is up (and while it holds the store for a request), an ingest commits.
        app_db = client.app.state.db  # type: ignore[attr-defined]
        app_db.acquire()
        proc = subprocess.Popen([sys.executable, "-m", "presslens.cli", "ingest", str(more), "--db", db, "--no-nlp"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        try:
            assert client.get("/api/overview").json()["counts"]["pages"] == 1  # the last committed state
        finally:
            app_db.release()
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert client.get("/api/overview").json()["counts"]["pages"] == 2  # reopened: sees the new batch
        assert client.get("/api/articles", params={"q": "silver"}).json()["total"] == 1


def test_serve_on_a_busy_port_is_one_line_exit_5(tmp_path: Path, page: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    assert cli.run(["ingest", str(page), "--db", db, "--no-nlp"]) == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        res = presslens("serve", "--db", db, "--port", str(port), timeout=60)
    assert res.returncode == cli.EXIT_SERVE
    (line,) = error_lines(res.stderr)
    assert line.startswith(f"error: cannot serve on 127.0.0.1:{port}") and "in use" in line
    assert "http://" not in res.stderr and "terminate called" not in res.stderr


def test_head_is_answered_like_get(tmp_path: Path, page: Path) -> None:
    from fastapi.testclient import TestClient

    from presslens.server.app import create_app

    db = str(tmp_path / "s.duckdb")
    assert cli.run(["ingest", str(page), "--db", db, "--no-nlp"]) == 0
    with TestClient(create_app(db, index_in_background=False), base_url="http://127.0.0.1") as client:
        for path in ("/", "/api/overview", "/api/articles.csv", "/static/style.css"):
            get, head = client.get(path), client.head(path)
            assert head.status_code == 200 == get.status_code, path
            assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]
        assert client.post("/api/overview").status_code == 405


def test_ingest_json_reports_reverted_pages(tmp_path: Path, page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "s.duckdb")
    cli.run(["ingest", str(page), "--db", db, "--no-nlp"])
    page.write_text(STORY.replace("Tuesday", "Monday"))
    cli.run(["ingest", str(page), "--db", db, "--no-nlp"])
    page.write_text(STORY)
    capsys.readouterr()
    assert cli.run(["ingest", str(page), "--db", db, "--no-nlp", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["pages_reverted"] == 1 and out["pages_unchanged"] == 0
