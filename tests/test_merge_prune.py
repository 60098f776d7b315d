"""The merge drops a year-dated block's stored neighbours only where they cannot change its output
(``across/merge_prune.py``): what is dropped could neither join nor tell one story, and a merge with
the pruning switched off ends in the same canonical events and story pairs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from presslens.across import merge, merge_prune
from presslens.records import Analysis, Article, Event, Page, Part
from presslens.store import Store

# Invented reports: "In 2018 the union staged protests in Paris" (a year) and a day's protest there.
YEAR_TEXT = "In 2018 the union staged protests in Paris."
DAY_TEXT = "On Saturday thousands protested in Paris."


def _page(key: str, text: str, *, date: str, published: str, actors: list[str], source: str) -> tuple[Page, Analysis]:
    page = Page(key=key, text=text, source=source, published=published)
    art = Article(id=f"{page.id}-a1", page_id=page.id, seq=1, start=0, end=len(text), body_start=0,
                  body_end=len(text), source=source, published=published,
                  parts=[Part(role="body", start=0, end=len(text), text=text)])
    a = Analysis(article=art, page_text=text)
    a.events.append(Event(id=f"{page.id}-e1", article_id=art.id, type="PROTEST", mode="demo", start=0,
                          end=len(text), text=text, actors=actors, place_name="Paris", country="FR",
                          geonameid=2988507, geo_precision="city", date=date,
                          date_precision="year" if len(date) == 4 else "day"))
    return page, a


def _store(tmp: Path, name: str, year_actors: list[str], year_published: str) -> Store:
    """A stored year-dated report, then a new day-dated one of the same type and place."""
    store = Store(tmp / f"{name}.duckdb")
    page, a = _page("y", YEAR_TEXT, date="2018", published=year_published, actors=year_actors, source="A")
    store.write_page(page, [a])
    merge.merge_events(store, None)
    page, a = _page("d", DAY_TEXT, date="2018-06-30", published="2018-07-01", actors=["union"], source="B")
    store.write_page(page, [a])
    return store


def _kept(store: Store) -> list[tuple[str, str]]:
    new_ids = [r["id"] for r in store.rows("SELECT id FROM events WHERE id NOT IN (SELECT event_id FROM merge_keys)")]
    new = merge._by_id(store, new_ids)
    for e in new:  # as merge_events keys them before asking for candidates
        k = merge.keys(e)
        store.con.execute("INSERT INTO merge_keys VALUES (?, ?, ?, ?, ?, ?)",
                          [e["id"], e["type"], k["dkey"], k["mkey"], k["pkey"], e["id"]])
    rows = merge.candidate_rows(store, new_ids)
    assert rows and all(year for _, _, year in rows)  # met through the year block only
    return merge_prune.prune(store, rows, new, merge.DEFAULT, merge.article_names)


@pytest.mark.parametrize(("year_actors", "year_published", "kept"), [
    (["police"], "2018-01-10", False),  # no shared actor, pages months apart: cannot join nor be told
    (["union"], "2018-01-10", True),  # a shared actor: same city + actor is enough to join
    (["police"], "2018-06-28", True),  # pages days apart: the words might tell one story
    ([], "2018-01-10", False),  # no actor at all: nothing shared
])
def test_year_block_neighbour_dropped_only_when_it_cannot_matter(
        tmp_path: Path, year_actors: list[str], year_published: str, kept: bool) -> None:
    store = _store(tmp_path, "p", year_actors, year_published)
    assert bool(_kept(store)) == kept
    store.close()


def _merged(store: Store) -> dict[str, Any]:
    merge.merge_events(store, None)
    out = {"canon": sorted(store.con.execute("SELECT id, canonical_id FROM events").fetchall()),
           "told": sorted(store.con.execute("SELECT * FROM story_pairs").fetchall())}
    store.close()
    return out


@pytest.mark.parametrize(("year_actors", "year_published"), [
    (["police"], "2018-01-10"), (["union"], "2018-01-10"), (["police"], "2018-06-28")])
def test_pruning_changes_no_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   year_actors: list[str], year_published: str) -> None:
    pruned = _merged(_store(tmp_path, "a", year_actors, year_published))
    monkeypatch.setattr(merge_prune, "prune", lambda store, rows, *a: [(x, y) for x, y, _ in rows])
    assert _merged(_store(tmp_path, "b", year_actors, year_published)) == pruned
    if year_actors == ["union"]:
        assert len({c for _, c in pruned["canon"]}) == 1  # the shared actor did join them
