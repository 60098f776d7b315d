"""Issue 18: hostile and broken input. Each test names the probe case it pins (numbers as in the issue)."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presslens import registry
from presslens.ingest import binary_kind, read_paths
from presslens.pipeline import IngestReport, ingest
from presslens.records import Analysis, Article, NumberClaim, Page, Part
from presslens.settings import Settings, load_settings
from presslens.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
HTML = FIXTURES / "html" / "article.html"
STORY = "Miners strike\n\nThousands of miners walked off the job on Tuesday, the union said.\n"


@registry.segmenters.register("test-hostile-one-article")
def _one_article(settings: Settings):  # type: ignore[no-untyped-def]
    def segment(page: Page) -> list[Article]:
        n = len(page.text)
        return [Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=n, body_start=0, body_end=n,
                        parts=[Part(role="body", start=0, end=n, text=page.text)])]

    return segment


@registry.stages.register("test-huge-number")
def _huge_number(settings: Settings):  # type: ignore[no-untyped-def]
    """Stands in for the numbers layer: a claim for every run of digits, as an int."""
    import re

    def stage(a: Analysis) -> Analysis:
        for m in re.finditer(r"\d+", a.page_text):
            a.numbers.append(NumberClaim(id=f"{a.article.id}-{m.start()}", article_id=a.article.id, start=m.start(),
                                         end=m.end(), text=m.group(), low=int(m.group()), high=int(m.group())))
        return a

    return stage


@pytest.fixture
def settings() -> Settings:
    s = load_settings()
    s["pipeline"]["segmenter"] = "test-hostile-one-article"
    s["pipeline"]["post"] = []
    return s


@pytest.fixture
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with Store(tmp_path_factory.mktemp("db") / "t.duckdb") as st:
        yield st


def run(paths: list[Path], store: Store, settings: Settings, stages: list[str] | None = None) -> IngestReport:
    return ingest([str(p) for p in paths], store, settings=settings, stages=stages or [])


def read(*paths: Path, settings: Settings | None = None) -> list:  # type: ignore[type-arg]
    return list(read_paths(paths, settings or load_settings()))


# --------------------------------------------------------------------------- 1. numbers over int64


def test_1_number_over_int64_does_not_lose_the_batch(tmp_path: Path, store: Store, settings: Settings) -> None:
    (tmp_path / "a.txt").write_text("Good page\n\n12 people came.\n")
    (tmp_path / "b.txt").write_text("Huge\n\n999999999999999999999999 people came.\n")
    (tmp_path / "c.txt").write_text("Good page too\n\n40 people left.\n")
    report = run([tmp_path], store, settings, stages=["test-huge-number"])
    assert report.ok and report.pages_stored == 3
    rows = store.rows("SELECT text, low, high FROM numbers ORDER BY text")
    assert {r["text"]: (r["low"], r["high"]) for r in rows} == {
        "12": (12, 12), "40": (40, 40), "999999999999999999999999": (None, None)}


def test_1_a_page_the_store_cannot_take_is_one_error_not_the_batch(tmp_path: Path, store: Store,
                                                                    settings: Settings) -> None:
    @registry.stages.register("test-unstorable")
    def _bad(settings: Settings):  # type: ignore[no-untyped-def]
        def stage(a: Analysis) -> Analysis:
            if "poison" in a.page_text:
                a.article.seq = "not a number"  # type: ignore[assignment]
            return a
        return stage

    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(f"Page {name}\n\n{'poison' if name == 'b' else 'fine'} text.\n")
    report = run([tmp_path], store, settings, stages=["test-unstorable"])
    assert [(Path(e.path).name, e.problem) for e in report.errors] == [("b.txt", "store_failed")]
    assert sorted(Path(r["path"]).name for r in store.rows("SELECT path FROM pages")) == ["a.txt", "c.txt"]


# --------------------------------------------------------------------------- 2. names and surrogates


@pytest.mark.skipif(sys.platform != "linux", reason="file names as raw bytes")
def test_2_file_name_that_is_not_utf8(tmp_path: Path, store: Store, settings: Settings) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(STORY)
    with open(os.path.join(os.fsencode(d), b"bad-\xff\xfe.txt"), "w") as fh:
        fh.write("Another page\n\nSome other text here.\n")
    report = run([d], store, settings)
    assert report.ok and report.pages_stored == 2
    paths = sorted(r["path"] for r in store.rows("SELECT path FROM pages"))
    assert paths[0].endswith("bad-\\xff\\xfe.txt")  # shown, not crashing the UTF-8 writer


def test_2_lone_surrogate_in_jsonl_keeps_the_file(tmp_path: Path, store: Store, settings: Settings) -> None:
    f = tmp_path / "s.jsonl"
    f.write_text('{"text": "first page"}\n{"text": "bad \\ud800 here", "title": "t\\udfff"}\n{"text": "third"}\n')
    report = run([f], store, settings)
    assert report.ok and report.pages_stored == 3
    texts = sorted(r["text"] for r in store.rows("SELECT text FROM pages"))
    assert texts == ["bad \ufffd here", "first page", "third"]


# --------------------------------------------------------------------------- 3. wrongly typed JSONL fields


def test_3_wrongly_typed_fields_keep_the_line_and_the_file(tmp_path: Path) -> None:
    f = tmp_path / "t.jsonl"
    lines = [{"text": "one"}, {"text": "two", "tags": 7, "title": {"a": 1}, "author": [1, None, "B"]},
             {"text": "three", "categories": {"x": 1}, "url": 5}, {"text": 9}, {"text": "five"}]
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    items = read(f)
    pages = [i for i in items if isinstance(i, Page)]
    errors = [i for i in items if not isinstance(i, Page)]
    assert [p.text for p in pages] == ["one", "two", "three", "five"]
    assert pages[1].tags == ["7"] and pages[1].title is None and pages[1].author == "1; B"
    assert [(e.line, e.problem) for e in errors] == [(4, "no_text")]
    assert "line 4" in errors[0].message


# --------------------------------------------------------------------------- 4. revert


def test_4_reverted_page_becomes_latest_again(tmp_path: Path, store: Store, settings: Settings) -> None:
    f = tmp_path / "p.txt"
    f.write_text("Version one\n\nFirst text.\n")
    assert run([f], store, settings).pages_stored == 1
    f.write_text("Version two\n\nSecond text.\n")
    assert run([f], store, settings).pages_stored == 1
    f.write_text("Version one\n\nFirst text.\n")
    report = run([f], store, settings)
    assert report.pages_unchanged == 0 and report.pages_reverted == 1
    (latest,) = [p for p in store.latest_pages() if p.key == str(f)]
    assert latest.text == "Version one\n\nFirst text.\n"
    again = run([f], store, settings)
    assert again.pages_unchanged == 1 and again.pages_reverted == 0


# --------------------------------------------------------------------------- 6. escapes in error lines


def _warc_record(uri: str, body: bytes) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=hh))
    return buf.getvalue()


def test_6_corrupt_warc_record_is_neutralised_and_offset_is_right(tmp_path: Path, store: Store,
                                                                   settings: Settings) -> None:
    good = _warc_record("https://a.example/1", HTML.read_bytes())
    # What the probe's crafted record did: retitle the terminal, clear it, print a fake success line.
    evil = b"\x1b]0;pwned\x07\x1b[2J\x1b[1;32mOK: 0 errors\x1b[0m\r\n\r\n"
    f = tmp_path / "evil.warc"
    f.write_bytes(good + evil)
    report = run([f], store, settings)
    assert report.pages_stored == 1
    (err,) = report.errors
    assert err.problem == "truncated"
    assert "\x1b" not in err.message and "\x07" not in err.message
    assert f"offset {len(good)} " in err.message
    (stored,) = store.rows("SELECT message FROM ingest_errors")
    # The crafted first line is cut where its control bytes start (s26: warcio quotes the bad
    # record's bytes; a corrupt gzip member put hundreds of escapes on the line).
    assert "\x1b" not in stored["message"] and stored["message"].endswith("first line: <binary data>")


# --------------------------------------------------------------------------- 8. memory bounds


def test_8_gzip_bomb_stops_at_the_decompressed_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    with gzip.open(bomb, "wb", compresslevel=9) as gz:
        gz.write(b'{"text": "ok page"}\n')
        chunk = b"\x00" * (1 << 20)
        for _ in range(300):  # 300 MB of zeros in ~300 KB
            gz.write(chunk)
    assert bomb.stat().st_size < 1_000_000
    code = textwrap.dedent(f"""
        import resource
        from presslens import registry
        from presslens.ingest import read_paths
        from presslens.settings import load_settings
        registry.load_builtins()  # every module a reader lookup imports, before the baseline
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        s = load_settings()
        s["ingest"]["max_decompressed_bytes"] = 50_000_000
        items = list(read_paths([{str(bomb)!r}], s))
        print([getattr(i, "problem", "page") for i in items])
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    kinds, grew = out.stdout.splitlines()
    assert kinds in ("['page', 'too_large']", "['page', 'line_too_long', 'too_large']"), out.stdout
    # 300 MB of zeros behind a 50 MB limit: the reader holds at most the limit.
    assert int(grew) < 120, f"reading the bomb grew the peak RSS by {grew} MB"


def test_8_line_and_page_limits_are_clear_errors(tmp_path: Path) -> None:
    s = load_settings()
    s["ingest"]["max_line_bytes"] = 1000
    s["ingest"]["max_page_chars"] = 500
    f = tmp_path / "l.jsonl"
    f.write_text(json.dumps({"text": "a" * 2000}) + "\n" + json.dumps({"text": "b" * 600}) + "\n"
                 + json.dumps({"text": "short"}) + "\n")
    t = tmp_path / "big.txt"
    t.write_text("word " * 200)
    items = read(f, t, settings=s)
    got = [(getattr(i, "problem", "page"), getattr(i, "line", None)) for i in items]
    assert got == [("line_too_long", 1), ("too_large", 2), ("page", None), ("too_large", None)]
    assert "ingest.max_line_bytes=1,000" in items[0].message
    assert "ingest.max_page_chars=500" in items[1].message


# --------------------------------------------------------------------------- 12. smaller cases


def test_12_dangling_symlink_is_named_as_such(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "never-there.txt")
    (err,) = read(tmp_path)
    assert err.problem == "broken_link" and "never-there.txt" in err.message


def test_12_json_file_with_an_array_or_object_is_pages(tmp_path: Path) -> None:
    arr = tmp_path / "a.json"
    arr.write_text(json.dumps([{"text": "first", "url": "https://x.example/1"}, {"title": "no text"},
                               {"maintext": "third"}], indent=2))
    obj = tmp_path / "o.json"
    obj.write_text(json.dumps({"text": "single page", "title": "T"}, indent=2))
    items = read(arr, obj)
    got = [(getattr(i, "problem", None) or i.text, getattr(i, "line", None)) for i in items]
    assert got == [("first", None), ("no_text", 2), ("third", None), ("single page", None)]
    assert items[0].key == "https://x.example/1" and items[2].key.endswith("a.json#3")
    assert items[3].title == "T"


def test_12_warc_without_html_records_is_reported(tmp_path: Path) -> None:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    hh = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://x.example/a.png", "response", payload=io.BytesIO(b"\x89PNG0"),
                                        http_headers=hh))
    f = tmp_path / "img.warc.gz"
    f.write_bytes(buf.getvalue())
    (err,) = read(f)
    assert err.problem == "no_pages" and "1 record" in err.message


def test_12_nan_and_infinity_in_meta_are_not_stored_as_invalid_json(tmp_path: Path, store: Store,
                                                                     settings: Settings) -> None:
    f = tmp_path / "n.jsonl"
    f.write_text('{"text": "page", "score": NaN, "big": Infinity, "neg": -Infinity}\n')
    assert run([f], store, settings).ok
    (row,) = store.rows("SELECT CAST(meta AS VARCHAR) AS m FROM pages")
    meta = json.loads(row["m"], parse_constant=lambda c: pytest.fail(f"{c} in stored JSON"))
    assert meta["score"] is None and meta["big"] is None


def test_12_a_few_nul_bytes_are_dropped_not_a_binary_file(tmp_path: Path) -> None:
    f = tmp_path / "n.txt"
    f.write_bytes(b"Headline\n\nA page with five NUL\x00\x00\x00\x00\x00 bytes in it, and more text.\n")
    (page,) = read(f)
    assert isinstance(page, Page) and "\x00" not in page.text and "five NUL bytes" in page.text
    assert binary_kind(b"<html>\x00\x00\x00\x01\x02 binary junk \x00" * 20)
    assert binary_kind(os.urandom(4000))


# --------------------------------------------------------------------------- 5. CSV formula injection

FORMULAS = ['=HYPERLINK("http://evil.example","click")', "@SUM(A1:A9)", "-2+3+cmd|' /C calc'!A0", "+1+1",
            "\tTAB", "\rCR"]


def _hostile_store(path: Path) -> Store:
    from presslens.records import Event

    text = "\n".join(FORMULAS) + "\n"
    page = Page(key="mem://evil", text=text, source=FORMULAS[0], title=FORMULAS[2])
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=0,
                  body_end=len(text), title=FORMULAS[2], source=FORMULAS[0],
                  parts=[Part(role="body", start=0, end=len(text), text=text)])
    a = Analysis(article=art, page_text=text)
    for i, f in enumerate(FORMULAS):
        s = text.index(f)
        a.events.append(Event(id=f"e{i}", article_id=art.id, type="PROTEST", start=s, end=s + len(f), text=f,
                              place_name=f, date="2020-01-01"))
    st = Store(path)
    st.write_pages([(page, [a])])
    return st


def _cells(path: Path) -> list[str]:
    import csv

    with path.open(encoding="utf-8", newline="") as fh:
        return [c for row in csv.reader(fh) for c in row]


def test_5_csv_and_acled_exports_neutralise_formulas(tmp_path: Path) -> None:
    from presslens.registry import exporters

    st = _hostile_store(tmp_path / "e.duckdb")
    try:
        exporters.get("csv")(st, tmp_path / "csv", ["pages", "articles", "events"])
        exporters.get("acled")(st, tmp_path / "acled", ["events"])
    finally:
        st.close()
    for f in [tmp_path / "csv" / "articles.csv", tmp_path / "csv" / "events.csv",
              tmp_path / "acled" / "events.acled.csv"]:
        cells = _cells(f)
        assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], f
        assert any(c.startswith("'-2+3+cmd") for c in cells), f
        assert any(c.startswith("'=HYPERLINK") for c in cells), f


def test_5_api_csv_neutralises_a_leading_minus(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from presslens.server.app import create_app

    _hostile_store(tmp_path / "e.duckdb").close()
    with TestClient(create_app(tmp_path / "e.duckdb", index_in_background=False),
                    base_url="http://127.0.0.1") as client:
        r = client.get("/api/events.csv")
    assert r.status_code == 200
    import csv

    cells = [c for row in csv.reader(io.StringIO(r.text)) for c in row]
    assert any(c.startswith("'-2+3+cmd") for c in cells)
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]


# --------------------------------------------------------------------------- 7. workers outlive a killed parent

WORKERS_CHILD = """
import sys, time
from presslens import registry
from presslens.pipeline import ingest
from presslens.records import Article, Part
from presslens.settings import load_settings
from presslens.store import Store

@registry.segmenters.register("test-one")
def one(settings):
    def seg(page):
        n = len(page.text)
        return [Article(id=page.id + "-a1", page_id=page.id, seq=1, start=0, end=n, body_start=0, body_end=n,
                        parts=[Part(role="body", start=0, end=n, text=page.text)])]
    return seg

@registry.stages.register("test-slow")
def slow(settings):
    def stage(a):
        time.sleep(0.3)
        return a
    return stage

s = load_settings()
s["pipeline"]["segmenter"] = "test-one"
s["pipeline"]["post"] = []
s["pipeline"]["page_batch"] = 1  # the first batch is analysed here; workers fork for the second
def tick(path):
    print(path, flush=True)
ingest([sys.argv[1]], Store(sys.argv[2]), settings=s, stages=["test-slow"], progress=tick, workers=2, batch_size=5)
"""


def _children(pid: int) -> set[int]:
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d.name))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_7_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    import signal
    import time

    corpus = tmp_path / "c"
    corpus.mkdir()
    for i in range(60):
        (corpus / f"{i:03d}.txt").write_text(f"Page {i}\n\nSome text for page {i}.\n")
    proc = subprocess.Popen([sys.executable, "-c", WORKERS_CHILD, str(corpus), str(tmp_path / "w.duckdb")],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    for n, _ in enumerate(proc.stdout, start=1):
        if n == 3:
            break
    workers = _children(proc.pid)
    assert len(workers) >= 2, workers
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 15
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = {w for w in alive if Path(f"/proc/{w}").exists()
                 and " Z " not in Path(f"/proc/{w}/stat").read_text()[:80]}
    assert not alive, f"workers {alive} outlived their killed parent"


def test_8_warc_with_a_bomb_where_a_header_should_be(tmp_path: Path) -> None:
    good = _warc_record("https://a.example/1", HTML.read_bytes())
    gz_good = gzip.compress(good)
    bomb = gzip.compress(b"WARC/1.0\r\nWARC-Type: " + b"A" * 200_000_000, compresslevel=9)
    f = tmp_path / "bomb.warc.gz"
    f.write_bytes(gz_good + bomb)
    code = textwrap.dedent(f"""
        import resource
        from presslens import registry
        from presslens.ingest import read_paths
        from presslens.settings import load_settings
        registry.load_builtins()
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        items = list(read_paths([{str(f)!r}], load_settings()))
        print([getattr(i, "problem", "page") for i in items])
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    kinds, grew = out.stdout.splitlines()
    assert kinds == "['page', 'truncated']", out.stdout
    assert int(grew) < 120, f"reading the bomb grew the peak RSS by {grew} MB"
