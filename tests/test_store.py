"""Store: round trips, atomic page writes, versions, schema checks."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from presslens.records import Analysis, Article, Mention, Page, Part, stable_id
from presslens.store import SCHEMA_VERSION, SchemaMismatch, Store, fts_extension_path

TEXT = "Headline here\n\nThe minister said the talks failed. Protesters gathered in Lagos."


def _page(text: str = TEXT, key: str = "mem://a") -> tuple[Page, list[Analysis]]:
    page = Page(key=key, text=text, source="Example")
    start = text.index("The minister")
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=start,
                  body_end=len(text), title="Headline here",
                  parts=[Part(role="title", start=0, end=13, text=text[:13]),
                         Part(role="body", start=start, end=len(text), text=text[start:])])
    a = Analysis(article=art, page_text=text)
    s = text.index("Lagos")
    a.mentions.append(Mention(id=stable_id(art.id, s), article_id=art.id, start=s, end=s + 5, text="Lagos",
                              label="GPE"))
    return page, [a]


def test_round_trip_keeps_offsets(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.duckdb")
    page, analyses = _page()
    assert store.write_page(page, analyses)
    loaded = store.analyses(store.latest_pages()[0])
    assert loaded[0].article.parts[0].role == "title"
    m = loaded[0].mentions[0]
    assert page.text[m.start:m.end] == m.text == "Lagos"


def test_identical_content_is_a_noop_and_changes_make_versions(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.duckdb")
    page, analyses = _page()
    assert store.write_page(page, analyses)
    assert not store.write_page(page, analyses)
    page2, analyses2 = _page(TEXT + " Police arrested two men.")
    assert store.write_page(page2, analyses2)
    versions = store.rows("SELECT version FROM pages WHERE key = 'mem://a' ORDER BY version")
    assert [r["version"] for r in versions] == [1, 2]
    assert len(store.latest_pages()) == 1 and store.latest_pages()[0].text.endswith("two men.")
    assert store.counts()["articles"] == 2


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.duckdb")
    page, analyses = _page()
    analyses[0].mentions.append(object())  # type: ignore[arg-type]  # not a record: write must fail
    with pytest.raises(AttributeError):
        store.write_page(page, analyses)
    assert store.counts()["pages"] == 0 and store.counts()["articles"] == 0


def test_read_only_store_checks_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(SchemaMismatch, match="schema version"):
        Store(path, read_only=True)
    with pytest.raises(FileNotFoundError):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_fts_extension_loads_offline() -> None:
    path = fts_extension_path()
    assert path is not None
    con = duckdb.connect()
    con.execute(f"LOAD '{path}'")
    con.execute("CREATE TABLE t (id INTEGER, body VARCHAR)")
    con.execute("INSERT INTO t VALUES (1, 'miners strike in Chile'), (2, 'kidnapping in Nigeria')")
    con.execute("PRAGMA create_fts_index('t', 'id', 'body')")
    hits = con.execute(
        "SELECT id FROM (SELECT id, fts_main_t.match_bm25(id, 'strike') AS s FROM t) WHERE s IS NOT NULL"
    ).fetchall()
    assert hits == [(1,)]


def test_shed_closes_the_file_but_keeps_the_store_and_its_writer(tmp_path: Path) -> None:
    """``shed`` (between store-wide stages, issue 19) drops DuckDB's connection and its pool: what
    was written stays, the next read reopens the file, and no second writer gets in meanwhile."""
    from presslens.store import StoreBusy

    store = Store(tmp_path / "s.duckdb")
    page, analyses = _page()
    assert store.write_page(page, analyses)
    store.con.execute("SET threads = 1")  # a store-wide stage's setting
    store.shed()
    assert store._con is None
    with pytest.raises(StoreBusy):
        Store(tmp_path / "s.duckdb", busy_timeout=0.1)
    assert store.counts()["mentions"] == 1 and store._con is not None
    assert store.rows("SELECT current_setting('threads') AS n")[0]["n"] == 1
    store.close()
    # An in-memory store has nothing on disk to reopen: it keeps its connection and its rows.
    mem = Store(":memory:")
    assert mem.write_page(page, analyses)
    mem.shed()
    assert mem.counts()["pages"] == 1
