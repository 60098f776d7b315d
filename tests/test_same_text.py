"""Pages vs texts: the same text carried by two sources is two pages over one stored text.

A wire story republished word for word by a second site must stay visible under that site
(issue 16): each page has its own source, articles and items, every item's offsets point into
the one stored text, and a re-ingest changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from presslens.pipeline import ingest
from presslens.records import Analysis, Article, Mention, Page, Part, stable_id
from presslens.settings import Settings, load_settings
from presslens.store import Store

# A short wire-style story (written for these tests) long enough for the real segmenter and layers.
STORY = (Path(__file__).parent / "fixtures" / "texts" / "lagos_fuel_protest.txt").read_text(encoding="utf-8")
ITEM_TABLES = ("mentions", "places", "dates", "quotes", "numbers", "events")


@pytest.fixture
def settings() -> Settings:
    s = load_settings()
    s["pipeline"]["post"] = []  # store-wide stages are tested elsewhere
    return s


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _two_sources(tmp_path: Path) -> Path:
    return _jsonl(tmp_path / "wire.jsonl", [
        {"url": "https://wire.example/lagos-fuel", "source": "Wire Agency", "published": "2026-06-30",
         "text": STORY},
        {"url": "https://daily.example/news/lagos", "source": "Daily Example", "published": "2026-06-30",
         "text": STORY},
    ])


def _assert_offsets_exact(store: Store) -> int:
    """Every item of every article points at its exact text in its own page's stored text."""
    texts = {r["id"]: r["text"] for r in store.rows("SELECT id, text FROM pages")}
    page_of = {r["id"]: r["page_id"] for r in store.rows("SELECT id, page_id FROM articles")}
    checked = 0
    for table in ITEM_TABLES:
        for r in store.rows(f'SELECT article_id, start, "end", text FROM {table}'):  # fixed names
            assert texts[page_of[r["article_id"]]][r["start"]:r["end"]] == r["text"], (table, r)
            checked += 1
    return checked


def test_same_text_from_two_sources_is_two_pages(tmp_path: Path, settings: Settings) -> None:
    src = _two_sources(tmp_path)
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([src], store, settings=settings)
        assert report.ok and report.pages_stored == 2 and report.pages_unchanged == 0
        # The second page is reported once, naming the first.
        assert [t.line() for t in report.same_text] == [
            "https://daily.example/news/lagos (Daily Example): same text as "
            "https://wire.example/lagos-fuel (Wire Agency)"
        ]
        pages = store.rows("SELECT id, key, source, content_hash FROM pages ORDER BY key")
        assert [p["source"] for p in pages] == ["Daily Example", "Wire Agency"]
        assert len({p["id"] for p in pages}) == 2 and len({p["content_hash"] for p in pages}) == 1
        # The text is stored once.
        assert store.rows("SELECT count(*) AS n FROM texts") == [{"n": 1}]
        # Each source has its own articles, on its own page.
        per_source = store.rows("SELECT source, count(*) AS n, count(DISTINCT page_id) AS pages "
                                "FROM articles GROUP BY source ORDER BY source")
        assert [(r["source"], r["pages"]) for r in per_source] == [("Daily Example", 1), ("Wire Agency", 1)]
        assert per_source[0]["n"] == per_source[1]["n"] >= 1
        # Items of both pages exist and carry exact offsets; both pages found the same items.
        assert _assert_offsets_exact(store) > 0
        per_page = store.rows("SELECT a.source, count(*) AS n FROM mentions m JOIN articles a ON a.id = m.article_id "
                              "GROUP BY 1 ORDER BY 1")
        assert len(per_page) == 2 and per_page[0]["n"] == per_page[1]["n"] > 0
        before = store.counts()

        again = ingest([src], store, settings=settings)
        assert again.ok and again.pages_stored == 0 and again.pages_unchanged == 2 and again.same_text == []
        assert store.counts() == before


def test_second_source_later_run_is_reported_and_kept(tmp_path: Path, settings: Settings) -> None:
    first = _jsonl(tmp_path / "a.jsonl", [{"url": "https://wire.example/x", "source": "Wire Agency", "text": STORY}])
    second = _jsonl(tmp_path / "b.jsonl", [{"url": "https://other.example/y", "source": "Other", "text": STORY}])
    with Store(tmp_path / "s.duckdb") as store:
        assert ingest([first], store, settings=settings).pages_stored == 1
        report = ingest([second], store, settings=settings)
        assert report.pages_stored == 1
        assert [(t.key, t.as_key, t.as_source) for t in report.same_text] == [
            ("https://other.example/y", "https://wire.example/x", "Wire Agency")]
        assert sorted(p.source or "" for p in store.latest_pages()) == ["Other", "Wire Agency"]
        _assert_offsets_exact(store)


def test_html_pages_with_different_metadata_and_same_text(tmp_path: Path, settings: Settings) -> None:
    def html(site: str, url: str) -> str:
        paras = "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[1:])
        return (f'<html><head><meta property="og:site_name" content="{site}">'
                f'<meta property="og:url" content="{url}">'
                "<title>Protesters rally in Lagos over fuel prices</title></head>"
                f"<body><article><h1>Protesters rally in Lagos over fuel prices</h1>{paras}</article></body></html>")

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.html").write_text(html("Wire Agency", "https://wire.example/a"), encoding="utf-8")
    (tmp_path / "in" / "two.html").write_text(html("Daily Example", "https://daily.example/b"), encoding="utf-8")
    with Store(tmp_path / "s.duckdb") as store:
        report = ingest([tmp_path / "in"], store, settings=settings)
        assert report.ok and report.pages_stored == 2 and len(report.same_text) == 1
        rows = store.rows("SELECT source, count(DISTINCT content_hash) AS h FROM pages GROUP BY source ORDER BY 1")
        assert [r["source"] for r in rows] == ["Daily Example", "Wire Agency"]
        assert store.rows("SELECT count(*) AS n FROM texts") == [{"n": 1}]
        assert {r["source"] for r in store.rows("SELECT DISTINCT source FROM articles")} == {
            "Daily Example", "Wire Agency"}
        _assert_offsets_exact(store)


def test_cli_reports_same_text_and_lists_articles_per_source(tmp_path: Path) -> None:
    from presslens import cli

    src = _two_sources(tmp_path)
    config = tmp_path / "presslens.toml"
    config.write_text("[pipeline]\npost = []\n")
    db = str(tmp_path / "cli.duckdb")
    runner = CliRunner()
    out = runner.invoke(cli.app, ["ingest", str(src), "--db", db, "--no-nlp", "--config", str(config)])
    assert out.exit_code == 0, out.output
    same = [line for line in out.output.splitlines() if "same text as" in line]
    assert same == ["https://daily.example/news/lagos (Daily Example): same text as "
                    "https://wire.example/lagos-fuel (Wire Agency)"]
    for source in ("Wire Agency", "Daily Example"):
        listed = runner.invoke(cli.app, ["articles", "--db", db, "--source", source, "--json"])
        assert listed.exit_code == 0, listed.output
        rows = json.loads(listed.output)
        assert rows and {r["source"] for r in rows} == {source}
    again = runner.invoke(cli.app, ["ingest", str(src), "--db", db, "--no-nlp", "--config", str(config), "--json"])
    assert again.exit_code == 0 and json.loads(again.output)["same_text"] == []


def test_api_per_source_views_show_both_pages(tmp_path: Path, settings: Settings) -> None:
    from fastapi.testclient import TestClient

    from presslens.server.app import create_app

    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        ingest([_two_sources(tmp_path)], store, settings=settings)
    app = create_app(path, index_in_background=False)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        sources = {s["source"]: s for s in client.get("/api/overview").json()["sources"]}
        assert sources["Wire Agency"]["pages"] == sources["Daily Example"]["pages"] == 1
        for source in ("Wire Agency", "Daily Example"):
            rows = client.get("/api/articles", params={"source": source}).json()["rows"]
            assert rows and {r["source"] for r in rows} == {source}
            art = client.get(f"/api/articles/{rows[0]['id']}").json()
            assert art["page"]["key"].startswith("https://") and art["source"] == source


# --------------------------------------------------------------------------- store level


def _analysed(page: Page) -> list[Analysis]:
    text = page.text
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=0,
                  body_end=len(text), source=page.source,
                  parts=[Part(role="body", start=0, end=len(text), text=text)])
    a = Analysis(article=art, page_text=text)
    s = text.index("Lagos")
    a.mentions.append(Mention(id=stable_id(art.id, s), article_id=art.id, start=s, end=s + 5, text="Lagos",
                              label="GPE"))
    return [a]


def test_store_keeps_one_text_for_two_pages_and_versions_per_key(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        a = Page(key="https://a.example/1", text=STORY, source="A")
        b = Page(key="https://b.example/1", text=STORY, source="B")
        assert a.id != b.id and a.content_hash == b.content_hash
        assert store.write_pages([(a, _analysed(a)), (b, _analysed(b))]) == [True, True]
        assert not store.write_page(b, _analysed(b))  # the same page version again: a no-op
        assert store.same_text([Page(key="https://c.example/1", text=STORY)]) != {}
        assert store.same_text([a]) == {}  # its own key is not "another page"
        # B changes, then reverts to the shared text: versions are per key, the text still stored once.
        b2 = Page(key=b.key, text=STORY + " Update.", source="B")
        assert store.write_page(b2, _analysed(b2))
        assert store.page_states([b]) == {b.id: "reverted"} and store.page_states([a]) == {a.id: "unchanged"}
        store.reinstate([b])
        latest = {p.key: p for p in store.latest_pages()}
        assert latest[b.key].text == STORY and latest[a.key].text == STORY
        assert store.rows("SELECT count(*) AS n FROM texts") == [{"n": 2}]
        for page in latest.values():
            (an,) = store.analyses(page)
            assert an.article.page_id == page.id and an.article.source == page.source
            m = an.mentions[0]
            assert store.page_text(page.id)[m.start:m.end] == "Lagos"


def test_same_text_finding_names_both_pages_earliest_first(tmp_path: Path, settings: Settings) -> None:
    from presslens.across.findings import findings_post
    from presslens.records import FindingRef

    src = _jsonl(tmp_path / "w.jsonl", [
        {"url": "https://daily.example/b", "source": "Daily Example", "published": "2026-07-01", "text": STORY},
        {"url": "https://wire.example/a", "source": "Wire Agency", "published": "2026-06-30", "text": STORY},
        {"url": "https://else.example/c", "source": "Elsewhere", "published": "2026-06-30",
         "text": STORY.replace("Thousands", "Hundreds")},
    ])
    with Store(tmp_path / "s.duckdb") as store:
        ingest([src], store, settings=settings)
        assert findings_post(store, settings).get("same_text") == 1
        (f,) = store.load("findings", "kind = 'same_text'")
        texts = {r["id"]: r["text"] for r in store.rows("SELECT id, text FROM pages")}
        page_of = {r["id"]: (r["page_id"], r["source"]) for r in store.rows("SELECT id, page_id, source FROM articles")}
        refs: list[FindingRef] = f.refs
        assert [page_of[r.article_id][1] for r in refs] == ["Wire Agency", "Daily Example"]  # earliest first
        for r in refs:
            assert texts[page_of[r.article_id][0]][r.start:r.end] == r.text and "Lagos" in r.text
        assert "Wire Agency" in f.detail and "Daily Example" in f.detail and "Elsewhere" not in f.detail
        # The third page changed one word: a copied passage (not the same text), one per other source,
        # earliest publisher first, both spans exact.
        copied = store.load("findings", "kind = 'copied_text'")
        pairs = {tuple(page_of[r.article_id][1] for r in f.refs) for f in copied}
        assert {frozenset(p) for p in pairs} == {frozenset({"Elsewhere", "Wire Agency"}),
                                                 frozenset({"Elsewhere", "Daily Example"})}
        assert ("Elsewhere", "Daily Example") in pairs  # published 30 June, before 1 July
        for f in copied:
            for r in f.refs:
                assert texts[page_of[r.article_id][0]][r.start:r.end] == r.text
            assert "marched through Lagos" in f.refs[0].text and len(f.refs[0].text.split()) >= 30
        # Incremental: a second run has nothing new to do and keeps what was found.
        assert findings_post(store, settings) == {}
        assert len(store.load("findings", "kind = 'same_text'")) == 1


def test_same_text_is_found_after_the_first_page_was_written(tmp_path: Path, settings: Settings) -> None:
    """The run's own table of first pages per text drops a page once it is stored (memory stays
    flat over a long run); the store then names it: the same line either way."""
    settings["pipeline"]["page_batch"] = 1
    # 70 distinct pages between the two copies: the second copy is looked up in a later chunk of
    # the run (64 pages), after the first was stored.
    others = [{"url": f"https://other.example/{i}", "source": "Other",
               "text": f"Officials in Accra said on Monday that berth {i} would reopen next week."} for i in range(70)]
    path = _jsonl(tmp_path / "many.jsonl", [
        {"url": "https://wire.example/a", "source": "Wire", "text": STORY}, *others,
        {"url": "https://daily.example/c", "source": "Daily", "text": STORY},
    ])
    lines = []
    for batch_size in (1, 100):  # the first copy stored at once / still queued
        with Store(tmp_path / f"s{batch_size}.duckdb") as store:
            report = ingest([path], store, settings=settings, stages=[], batch_size=batch_size)
        assert report.pages_stored == 72
        lines.append([s.line() for s in report.same_text])
    assert lines[0] == lines[1] == ["https://daily.example/c (Daily): same text as https://wire.example/a (Wire)"]
