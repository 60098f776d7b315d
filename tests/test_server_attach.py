"""The server keeps the store attached between requests (no attach per request), yet a writer
still gets in: at once when it holds the writer lock, else after the idle delay."""

from __future__ import annotations

import time
from pathlib import Path

from presslens.records import Analysis, Article, Page, Part
from presslens.server.db import Db
from presslens.store import Store

TEXT = "Workers marched in Lagos on Saturday over fuel prices, the union said."


def _page(n: int) -> tuple[Page, list[Analysis]]:
    text = f"{TEXT} ({n})"
    page = Page(key=f"https://example.org/{n}", text=text, source="Example")
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=0,
                  body_end=len(text), parts=[Part(role="body", start=0, end=len(text), text=text)])
    return page, [Analysis(article=art, page_text=text)]


def _articles(db: Db) -> int:
    with db.reading():
        return int(db.scalar("SELECT count(*) FROM s.articles"))


def test_store_stays_attached_between_requests_and_a_writer_gets_in(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_pages([_page(1)])
    db = Db(path, idle_detach_s=0.3)
    try:
        assert _articles(db) == 1
        assert db._attached  # kept for the next request
        # A writer in this very process waits for the idle detach, then commits.
        t = time.monotonic()
        with Store(path) as store:  # holds the writer lock from here on
            store.write_pages([_page(2)])
        assert time.monotonic() - t < 5
        assert _articles(db) == 2  # attached again: sees the commit
        # While a writer holds the writer lock, each request lets go of the store at its end.
        with Store(path) as store:
            store.release()  # the file closed between batches, the lock still held
            assert _articles(db) == 2
            assert not db._attached
            store.write_pages([_page(3)])
        assert _articles(db) == 3
    finally:
        db.close()


def test_idle_server_lets_go_of_the_store(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as store:
        store.write_pages([_page(1)])
    db = Db(path, idle_detach_s=0.1)
    try:
        assert _articles(db) == 1
        deadline = time.monotonic() + 5
        while db._attached and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not db._attached
    finally:
        db.close()
