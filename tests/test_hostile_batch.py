"""Session 26 hostile batch: defects found by ingesting a mixed batch of good and hostile inputs
and serving it. Every hostile input is built here (tmp_path); each test names what a user saw."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presslens.ingest import read_paths
from presslens.pipeline import ingest
from presslens.records import IngestError, Page
from presslens.settings import load_settings
from presslens.store import Store

# Invented text with the letters a cp1250 misreading of cp1252 changes (ê -> ę, à -> ŕ).
FRENCH = "Le maire a dit que trente personnes ont été arrêtées à Lyon."
STORY = "Harbour strike\n\nDock workers stopped work on Monday, the union said.\n"


def _read(*paths: Path) -> list[Page | IngestError]:
    return list(read_paths(paths, load_settings()))


def _pages(*paths: Path) -> list[Page]:
    return [p for p in _read(*paths) if isinstance(p, Page)]


def _html(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Déclaration</title></head><body><article><p>{body}</p></article></body></html>"


# --------------------------------------------------------------------------- legacy charsets in HTML


@pytest.mark.parametrize("head", ["", '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'])
def test_cp1252_html_is_decoded_as_cp1252(tmp_path: Path, head: str) -> None:
    """No charset, a wrong one (utf-8) or latin-1 (which browsers read as cp1252): trafilatura
    ignored the declaration and guessed cp1250, storing ``arrętées ŕ``."""
    f = tmp_path / "p.html"
    f.write_bytes(_html(FRENCH, head).encode("cp1252"))
    (page,) = _pages(f)
    assert "arrêtées à Lyon" in page.text
    assert "ę" not in page.text and "ŕ" not in page.text


def test_utf8_html_with_a_wrong_declared_charset_stays_utf8(tmp_path: Path) -> None:
    f = tmp_path / "p.html"
    f.write_bytes(_html(FRENCH, '<meta charset="shift_jis">').encode("utf-8"))
    (page,) = _pages(f)
    assert "arrêtées à Lyon" in page.text


def test_shift_jis_html_without_a_charset(tmp_path: Path) -> None:
    sentence = "港で月曜日、労働者が仕事を止めたと組合が述べた。"
    f = tmp_path / "p.html"
    f.write_bytes(f"<html><body><p>{sentence}</p><p>{sentence}</p></body></html>".encode("shift_jis"))
    (page,) = _pages(f)
    assert sentence in page.text


def _warc(tmp_path: Path, body: bytes, ctype: str) -> Path:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://a.example/1", "response", payload=io.BytesIO(body), http_headers=http))
    f = tmp_path / "a.warc.gz"
    f.write_bytes(buf.getvalue())
    return f


@pytest.mark.parametrize("ctype", ["text/html", "text/html; charset=utf-8", "text/html; charset=iso-8859-1"])
def test_warc_record_in_cp1252(tmp_path: Path, ctype: str) -> None:
    """The HTTP charset decodes a body only when it can (a wrong ``utf-8`` gave U+FFFD, ``iso-8859-1``
    gave C1 controls for cp1252's quotes); otherwise the page's own <meta>, then the guess."""
    body = _html(FRENCH + " Il l’a dit.").encode("cp1252")
    (page,) = _pages(_warc(tmp_path, body, ctype))
    assert "arrêtées à Lyon" in page.text and "l’a dit" in page.text
    assert "\ufffd" not in page.text


# --------------------------------------------------------------------------- surrogates in UTF-8


def test_utf8_text_with_an_encoded_lone_surrogate_stays_utf8(tmp_path: Path) -> None:
    """A UTF-8 file with one encoded surrogate (what Java or a surrogateescape writes) went whole
    to a legacy guess (the line with it, and so its é, was decoded as cp1125 or the like)."""
    f = tmp_path / "s.txt"
    f.write_bytes("Café strike\n\nWorkers at the café stopped ".encode() + b"\xed\xa0\x80" + b" work.\n")
    (page,) = _pages(f)
    assert page.text == "Café strike\n\nWorkers at the café stopped \ufffd work.\n"
    assert page.meta["encoding"] == "utf-8+surrogates"


def test_utf8_text_with_an_encoded_surrogate_pair_is_one_character(tmp_path: Path) -> None:
    f = tmp_path / "s.txt"
    pair = "\U0001f600".encode("utf-16-be")
    hi, lo = (chr(int.from_bytes(pair[i:i + 2], "big")) for i in (0, 2))
    cesu = (hi + lo).encode("utf-8", "surrogatepass")
    f.write_bytes(b"Title\n\nSmile " + cesu + b" here.\n")
    (page,) = _pages(f)
    assert page.text == "Title\n\nSmile \U0001f600 here.\n"


# --------------------------------------------------------------------------- folders


def test_symlinked_folder_inside_a_folder_is_read(tmp_path: Path) -> None:
    """os.walk does not follow links to folders: their pages were skipped without a word."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "b.txt").write_text(STORY.replace("Harbour", "Airport"))
    top = tmp_path / "batch"
    top.mkdir()
    (top / "a.txt").write_text(STORY)
    os.symlink(outside, top / "linked")
    keys = sorted(Path(p.key).name for p in _pages(top))
    assert keys == ["a.txt", "b.txt"]


def test_symlink_loops_end_and_read_each_file_once(tmp_path: Path) -> None:
    top = tmp_path / "batch"
    sub = top / "sub"
    sub.mkdir(parents=True)
    (sub / "a.txt").write_text(STORY)
    os.symlink("..", sub / "up")  # a loop back to the top
    os.symlink(sub, top / "again")  # a second way into sub
    os.symlink("self", top / "self")  # a link to itself
    items = _read(top)
    pages = [i for i in items if isinstance(i, Page)]
    assert [Path(p.key).name for p in pages] == ["a.txt"]
    errors = [i for i in items if isinstance(i, IngestError)]
    # The self-link: one line naming it (Path.resolve raised on it and ended the whole batch).
    assert [e.problem for e in errors] == ["broken_link"]
    assert errors[0].message.endswith("self: symbolic link loop (the link leads back to itself)")


# --------------------------------------------------------------------------- WARC messages


def test_corrupt_gzip_warc_error_is_short_and_readable(tmp_path: Path) -> None:
    """A damaged member made warcio quote its compressed bytes: hundreds of escapes on one line."""
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i in range(3):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = f"<html><body><h1>Story {i}</h1><p>{STORY * 3}</p></body></html>".encode()
        w.write_record(w.create_warc_record(f"https://a.example/{i}", "response", payload=io.BytesIO(body),
                                            http_headers=http))
    data = bytearray(buf.getvalue())
    mid = len(data) // 2
    data[mid:mid + 40] = bytes(b ^ 0xFF for b in data[mid:mid + 40])
    f = tmp_path / "c.warc.gz"
    f.write_bytes(bytes(data))
    items = _read(f)
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(errors) == 1 and errors[0].problem == "truncated"
    msg = errors[0].message
    assert len(msg) < len(str(f)) + 250
    assert "\\x" not in msg  # no escaped binary bytes
    assert any(isinstance(i, Page) for i in items)  # the record before the damage is kept


# --------------------------------------------------------------------------- serving


def test_served_search_does_not_wait_for_the_index(tmp_path: Path) -> None:
    """docs/ui_api.md: until the FTS index is built, search scans the copy. It waited instead
    (a store with one 3M-word page: a minute), and so did the events and actors lists."""
    from presslens.server.db import Db

    db_file = tmp_path / "s.duckdb"
    (tmp_path / "p.txt").write_text(STORY)
    with Store(db_file) as st:
        ingest([str(tmp_path / "p.txt")], st, settings=load_settings(), stages=[])
    db = Db(db_file)
    db.background_index = True
    got: dict[str, object] = {}

    def search() -> None:
        got["search"] = db.search({"q": "dock"}, limit=10)
        got["events"] = db.events({}, limit=10)

    with db._fts_lock:  # an index build under way
        t = threading.Thread(target=search)
        t.start()
        t.join(timeout=20)
        assert not t.is_alive(), "search waited for the index"
    res = got["search"]
    assert isinstance(res, dict) and res["total"] == 1
    assert db.search_mode == "ilike"
    if db.build_index() != "fts":  # what the build under way ends in
        pytest.skip("DuckDB's FTS extension is not installed")
    again = db.search({"q": "dock"}, limit=10)
    assert again["total"] == 1 and again["rows"][0]["id"] == res["rows"][0]["id"]


# --------------------------------------------------------------------------- kill -9 in the store-wide stages

POST_CHILD = """
import sys, time
from presslens import registry
from presslens.pipeline import ingest
from presslens.settings import load_settings
from presslens.store import Store

@registry.stages.register("post:test-mark")
def mark(store, settings):
    # Stands in for the findings: what it does is seen in the store (one row per page it saw).
    if sys.argv[3] == "die":
        print("POST", flush=True)
        time.sleep(60)
    store.con.execute("CREATE TABLE IF NOT EXISTS post_marks AS SELECT id FROM page_rows WHERE FALSE")
    store.con.execute("INSERT INTO post_marks SELECT id FROM page_rows WHERE id NOT IN (SELECT id FROM post_marks)")
    return {}

s = load_settings()
s["pipeline"]["post"] = ["test-mark"]
with Store(sys.argv[2]) as st:
    r = ingest([sys.argv[1]], st, settings=s, stages=[])
print("STORED", r.pages_stored, flush=True)
"""


def test_kill_9_during_the_store_wide_stages_then_rerun_finishes_them(tmp_path: Path) -> None:
    """Killed after the last batch commit, while the store-wide stages (findings) ran: the re-run
    found every page unchanged, ran no store-wide stage, and the findings stayed missing for good
    (a 47-page batch: 21 findings instead of the clean run's 32)."""
    import subprocess
    import sys

    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(3):
        (pages / f"p{i}.txt").write_text(STORY.replace("Monday", f"day {i}"))
    db = tmp_path / "s.duckdb"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    child = subprocess.Popen([sys.executable, "-c", POST_CHILD, str(pages), str(db), "die"], stdout=subprocess.PIPE,
                             text=True, env=env)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "POST"  # the pages are committed; the stage runs
    child.kill()
    child.wait(timeout=30)
    again = subprocess.run([sys.executable, "-c", POST_CHILD, str(pages), str(db), "live"], capture_output=True,
                           text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "STORED 0" in again.stdout  # nothing new to store ...
    with Store(db, read_only=True) as st:
        (row,) = st.rows("SELECT count(*) AS n FROM post_marks")
        assert row["n"] == 3  # ... yet the store-wide stage ran over the three pages
        assert not st.rows("SELECT * FROM meta WHERE key = 'post_pending'")
    third = subprocess.run([sys.executable, "-c", POST_CHILD, str(pages), str(db), "die"], capture_output=True,
                           text=True, env=env, timeout=120)
    assert "POST" not in third.stdout and "STORED 0" in third.stdout  # a no-op re-run stays a no-op


@pytest.fixture(scope="module")
def ui_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from presslens.server.fixtures import build_store

    db_file = tmp_path_factory.mktemp("ui") / "ui.duckdb"
    build_store(db_file, 20).close()
    return db_file


@pytest.mark.parametrize("tail", ["quotes.csv", "quotes.csv?rel=about", "events.csv", "names.csv", "naming", "naming.csv"])
def test_an_unknown_actors_lists_are_404_like_its_page(ui_store: Path, tail: str) -> None:
    """They answered 200 with an empty CSV (or []): "no quotes" where the truth is "no such actor"."""
    from fastapi.testclient import TestClient

    from presslens.server.app import create_app

    with Store(ui_store, read_only=True) as st:
        known = st.rows("SELECT actor_id FROM mentions WHERE actor_id IS NOT NULL LIMIT 1")[0]["actor_id"]
    with TestClient(create_app(ui_store, index_in_background=False), base_url="http://127.0.0.1") as c:
        assert c.get(f"/api/actors/NO_SUCH_ACTOR/{tail}").status_code == 404
        assert c.get("/api/actors/NO_SUCH_ACTOR").status_code == 404
        ok = c.get(f"/api/actors/{known}/{tail}")
        assert ok.status_code == 200 and ok.text.strip() not in ("", "[]")


# --------------------------------------------------------------------------- command-line arguments


@pytest.mark.parametrize("case", ["db_folder", "config_missing", "config_broken", "actors_missing", "actors_broken",
                                  "export_file_in_the_way", "export_into_proc_like", "port"])
def test_bad_arguments_are_one_line_and_exit_2(tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each was a traceback (exit 1), or for ``--port 99999`` a URL naming 99999 while the server
    listened on 34463 (the port modulo 65536)."""
    from presslens import cli

    page = tmp_path / "p.txt"
    page.write_text(STORY)
    db = str(tmp_path / "s.duckdb")
    assert cli.run(["ingest", str(page), "--db", db, "--no-nlp"]) == cli.EXIT_OK
    capsys.readouterr()
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("x")
    broken_toml = tmp_path / "broken.toml"
    broken_toml.write_text("not toml at all\n")
    broken_yaml = tmp_path / "actors.yaml"
    broken_yaml.write_text("actors: [unclosed\n")
    argv = {
        "db_folder": ["ingest", str(page), "--no-nlp", "--db", str(tmp_path / "no-such-folder" / "s.duckdb")],
        "config_missing": ["ingest", str(page), "--no-nlp", "--db", db, "--config", str(tmp_path / "none.toml")],
        "config_broken": ["ingest", str(page), "--no-nlp", "--db", db, "--config", str(broken_toml)],
        "actors_missing": ["ingest", str(page), "--no-nlp", "--db", db, "--actors", str(tmp_path / "none.yaml")],
        "actors_broken": ["ingest", str(page), "--no-nlp", "--db", db, "--actors", str(broken_yaml)],
        "export_file_in_the_way": ["export", "--db", db, "--format", "jsonl", "--out", str(in_the_way / "sub")],
        "export_into_proc_like": ["export", "--db", db, "--format", "plover", "--out", str(in_the_way / "x.jsonl")],
        "port": ["serve", "--db", db, "--port", "99999"],
    }[case]
    assert cli.run(argv) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if case != "port":  # the port is click's own usage message (usage line + error)
        lines = [ln for ln in err.splitlines() if ln.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), err
    with Store(db, read_only=True) as st:  # what was stored stays stored
        assert st.rows("SELECT count(*) AS n FROM pages")[0]["n"] == 1
