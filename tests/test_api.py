"""The HTTP API over a synthetic store (records written directly, exact page offsets)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from presslens.server.app import create_app
from presslens.server.fixtures import SOURCES, build_store
from presslens.store import Store

N = 40


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "ui.duckdb"
    build_store(path, N).close()
    return path


@pytest.fixture(scope="module")
def client(db_file: Path) -> TestClient:
    app = create_app(db_file, index_in_background=False)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="module")
def page_texts(db_file: Path) -> dict[str, str]:
    with Store(db_file, read_only=True) as s:
        return {r["id"]: r["text"] for r in s.rows("SELECT id, text FROM pages")}


def rows_of(resp) -> list[dict[str, str]]:
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(resp.text)))


def test_overview_counts_sources_and_range(client: TestClient) -> None:
    o = client.get("/api/overview").json()
    assert o["counts"]["articles"] == N + 1  # + the hostile page
    assert o["counts"]["events"] > 0 and o["counts"]["quotes"] > 0
    assert {s["source"] for s in o["sources"]} >= set(SOURCES)
    assert o["date_range"]["first"] <= o["date_range"]["last"]
    assert o["top_actors"] and o["event_types"]
    assert o["recent_errors"] == []


def test_docs_and_openapi(client: TestClient) -> None:
    r = client.get("/docs")
    assert r.status_code == 200 and "docs.js" in r.text and "cdn" not in r.text.lower()
    spec = client.get("/openapi.json").json()
    for path in ("/api/overview", "/api/articles", "/api/articles/{article_id}", "/api/actors/{actor_id}",
                 "/api/events", "/api/events/timeline", "/api/events/map", "/api/compare", "/api/articles.csv"):
        assert path in spec["paths"]
        assert list(spec["paths"][path]) == ["get"]  # no write endpoints anywhere


def test_security_headers_read_only_and_host_check(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in r.text.replace('<script type="module" src="/static/app.js"></script>', "")
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/overview").status_code == 405
    assert client.get("/api/overview", headers={"host": "evil.example"}).status_code == 400


@pytest.mark.parametrize("path", ["/api/articles/..%2F..%2Fetc%2Fpasswd", "/api/actors/%3Cscript%3E",
                                  "/api/events/a%27%20OR%201%3D1", "/api/articles?date_from=yesterday",
                                  "/api/events?country=ZZZ", "/api/articles?limit=100000",
                                  "/api/events/timeline?by=;drop"])
def test_bad_params_are_refused(client: TestClient, path: str) -> None:
    assert client.get(path).status_code in (404, 422)


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/articles/0000000000000000-a1").status_code == 404
    assert client.get("/api/actors/NOPE").status_code == 404
    assert client.get("/api/events/NOPE").status_code == 404


def test_search_ranks_highlights_and_facets(client: TestClient) -> None:
    r = client.get("/api/articles", params={"q": "demonstrators rallied"}).json()
    assert r["search"] in ("fts", "ilike")
    assert 0 < r["total"] <= N
    top = r["rows"][0]
    assert "rallied" in top["title"]
    hits = [s["text"] for s in top["snippet"] if s["hit"]]
    assert any(h.lower().startswith("rall") for h in hits)
    f = r["facets"]
    assert f["type"] and f["type"][0]["value"] == "PROTEST"
    assert sum(x["n"] for x in f["source"]) == r["total"]
    # Facet filters narrow consistently.
    src = f["source"][0]["value"]
    narrowed = client.get("/api/articles", params={"q": "demonstrators rallied", "source": src}).json()
    assert narrowed["total"] == f["source"][0]["n"]
    assert all(x["source"] == src for x in narrowed["rows"])


def test_search_scores_are_the_fts_extensions_bm25(db_file: Path) -> None:
    """The term-first BM25 (``ArticleQueries._bm25``: the query's terms looked up, then only the
    documents holding one are scored) gives every article the score DuckDB's ``match_bm25`` gives."""
    from presslens.server.db import Db

    db = Db(db_file)
    if db.build_index() != "fts":
        pytest.skip("DuckDB's FTS extension is not installed")
    cur = db.con.cursor()
    for q in ("demonstrators rallied", "officials", "police said nothing", "zzzz-not-a-word", "the"):
        want = {i: round(s, 9) for i, s in cur.execute(
            "SELECT id, fts_main_docs.match_bm25(id, ?) AS s FROM docs WHERE s IS NOT NULL", [q]).fetchall()}
        got = {i: round(s, 9) for i, s in cur.execute(db._bm25(q)).fetchall()}
        assert got == want, q
    assert want == {}  # a stop word matches nothing, in both


@pytest.mark.parametrize("params", [{"q": "officials"}, {"q": "demonstrators rallied"},
                                    {"q": "officials", "source": SOURCES[0]}, {"q": "demonstrators", "type": "PROTEST"}])
def test_search_pages_are_the_rank_order_over_the_stores_articles(client: TestClient, db_file: Path,
                                                                  params: dict[str, str]) -> None:
    """A text search's page is sorted from its hits alone (``RANK_KEY``: score, then the date the
    in-memory copy carries, then id) and its rows read by id: the same rows, in the same order,
    as sorting the hits joined to the store's articles table."""
    from presslens.server.db import Db

    db = Db(db_file)
    with db.reading():
        if db.build_index() != "fts":
            pytest.skip("DuckDB's FTS extension is not installed")
        f = {k: v for k, v in params.items()}
        where, wparams = db._article_filter(f)
        want = db.rows(
            f"SELECT a.id, a.title, a.published, coalesce(a.source, '(unknown)') AS source, a.body_start, "
            f"round(d.score, 4) AS score FROM ({db._bm25(f['q'])}) d JOIN s.articles a ON a.id = d.id "
            f"WHERE {where} ORDER BY d.score DESC, coalesce(a.published, '') DESC, a.id", wparams)
    db.close()
    got = client.get("/api/articles", params={**params, "limit": 500, "facets": "false"}).json()
    assert len(want) >= 2 and got["total"] == len(want)
    assert [{k: r[k] for k in want[0]} for r in got["rows"]] == want


def test_filters_actor_type_and_dates(client: TestClient) -> None:
    r = client.get("/api/articles", params={"actor": "A_MINFOR", "type": "PROTEST", "limit": 500}).json()
    for row in r["rows"]:
        art = client.get(f"/api/articles/{row['id']}").json()
        assert any(m["actor_id"] == "A_MINFOR" for m in art["mentions"])
        assert any(e["type"] == "PROTEST" for e in art["events"])
    y = client.get("/api/articles", params={"date_from": "2019", "date_to": "2019-12", "limit": 500}).json()
    assert y["total"] > 0 and all(row["published"].startswith("2019") for row in y["rows"])


def test_article_detail_spans_point_into_the_text(client: TestClient, page_texts: dict[str, str]) -> None:
    aid = client.get("/api/articles", params={"limit": 1}).json()["rows"][0]["id"]
    art = client.get(f"/api/articles/{aid}").json()
    text, off = art["text"], art["text_offset"]
    assert page_texts[art["page_id"]][art["start"]:art["end"]] == text
    n = 0
    for layer in ("mentions", "places", "dates", "quotes", "numbers", "events"):
        for it in art[layer]:
            assert text[it["start"] - off:it["end"] - off] == it["text"], (layer, it)
            n += 1
    assert n >= 6
    assert {p["role"] for p in art["parts"]} >= {"title", "body", "caption", "boilerplate", "related_link"}
    assert set(art["actors"]) >= {m["actor_id"] for m in art["mentions"]}


def test_actors_filter_by_sector(client: TestClient) -> None:
    # Generic agents and armed bodies are registry actors typed by their CAMEO sector.
    lst = client.get("/api/actors?sector=MIL").json()
    assert [r["id"] for r in lst["rows"]] == ["A_GUARD"] and lst["rows"][0]["sector"] == "MIL"
    assert {"value": "MIL", "n": 1} in lst["facets"]["sector"]
    assert client.get("/api/actors?sector=cop").status_code == 422


def test_actor_page(client: TestClient) -> None:
    lst = client.get("/api/actors").json()
    assert lst["rows"][0]["mentions"] >= lst["rows"][-1]["mentions"]
    a = client.get("/api/actors/A_MINFOR").json()
    assert a["name"] == "Javad Ardalan" and "Ardalan" in a["aliases"]
    assert {r["name"] for r in a["names_by_source"]} <= {"Javad Ardalan", "Ardalan", "Foreign Minister Ardalan"}
    assert sum(r["n"] for r in a["mentions_by_source"]) == sum(r["n"] for r in a["names_by_source"])
    assert all(q["speaker_id"] == "A_MINFOR" for q in a["quotes_by"])
    assert all(e["as"] in ("actor", "recipient") for e in a["events"])
    assert any("A_MINFOR" in (e["actors"] + e["recipients"]) for e in a["events"])


def test_events_timeline_map_and_event_reports(client: TestClient) -> None:
    ev = client.get("/api/events", params={"type": "PROTEST"}).json()
    assert ev["total"] > 0 and all(r["type"] == "PROTEST" for r in ev["rows"])
    tl = client.get("/api/events/timeline", params={"by": "source"}).json()
    assert sum(r["n"] for r in tl["rows"]) + tl["undated"] == client.get("/api/events").json()["total"]
    mp = client.get("/api/events/map").json()
    assert mp["points"] and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in mp["points"])
    multi = next(r for r in ev["rows"] if r["canonical_id"])
    one = client.get(f"/api/events/{multi['id']}").json()
    assert one["reports"] and all(r["canonical_id"] == multi["canonical_id"] for r in one["reports"])
    assert any(r["id"] == multi["id"] for r in one["reports"])


def test_compare_conflicts_and_multi_speaker_quotes(client: TestClient) -> None:
    c = client.get("/api/compare").json()
    assert c["conflicts"], "the synthetic store reports the same events with different figures"
    g = c["conflicts"][0]
    vals = {str(r["size"].get(g["differing"][0])) for r in g["reports"]}
    assert len(vals) > 1
    assert c["multi_speaker_quotes"] and all(len(x["speakers"]) > 1 for x in c["multi_speaker_quotes"])
    assert c["findings"] and c["findings"][0]["refs"][0]["source"]


def test_csv_exports_all_rows_with_source_and_offsets(client: TestClient, page_texts: dict[str, str]) -> None:
    total = client.get("/api/articles", params={"limit": 5}).json()["total"]
    rows = rows_of(client.get("/api/articles.csv"))
    assert len(rows) == total > 5  # all rows, not the page
    assert {"source", "page_id", "start", "end"} <= set(rows[0])
    ev = rows_of(client.get("/api/events.csv"))
    assert len(ev) == client.get("/api/events").json()["total"]
    for r in ev[:50]:
        assert r["source"] and page_texts[r["page_id"]][int(r["start"]):int(r["end"])] == r["text"]
    for path in ("/api/actors.csv", "/api/actors/A_MINFOR/quotes.csv?rel=by", "/api/actors/A_MINFOR/events.csv",
                 "/api/actors/A_MINFOR/names.csv", "/api/compare.csv?section=conflicts",
                 "/api/compare.csv?section=quotes", "/api/compare.csv?section=findings"):
        got = rows_of(client.get(path))
        assert got, path
        for r in got:
            assert r["source"] and r["article_id"] and r["start"].isdigit() and r["end"].isdigit(), path
    aid = rows[0]["id"]
    items = rows_of(client.get(f"/api/articles/{aid}/items.csv"))
    assert {r["layer"] for r in items} >= {"mentions", "events"}


def test_hostile_text_is_returned_verbatim_as_json_and_defused_in_csv(client: TestClient) -> None:
    r = client.get("/api/articles", params={"q": "officials nothing happened"}).json()
    hostile = next(x for x in r["rows"] if "Hostile" in x["source"])
    assert client.get(f"/api/articles/{hostile['id']}").headers["content-type"].startswith("application/json")
    art = client.get(f"/api/articles/{hostile['id']}").json()
    assert "<script>" in art["title"]  # stored text is data; the UI renders it as text
    from presslens.server.api import _cell

    assert _cell("=HYPERLINK(\"http://x\")").startswith("'=")
    assert _cell("-12") == "-12" and _cell("@SUM(A1)") == "'@SUM(A1)"


def test_serve_command_is_registered() -> None:
    from typer.testing import CliRunner

    from presslens.cli import app

    out = CliRunner().invoke(app, ["serve", "--help"])
    assert out.exit_code == 0
    assert "--host" in out.output and "--port" in out.output
    bad = CliRunner().invoke(app, ["serve", "--db", "/nonexistent/none.duckdb"])
    assert bad.exit_code == 2


def test_actor_naming_panel_data_and_csv(client: TestClient) -> None:
    a = client.get("/api/actors/A_MINFOR").json()
    naming = client.get("/api/actors/A_MINFOR/naming").json()
    assert naming == a["naming"] and naming
    assert sum(r["mentions"] for r in naming) == sum(r["n"] for r in a["mentions_by_source"])
    for r in naming:
        assert r["register"] in ("self", "neutral", "hostile", "unlisted")
        art = client.get(f"/api/articles/{r['first_article_id']}").json()
        first = [m for m in art["mentions"] if m["id"] == r["first_mention_id"]]
        assert first and first[0]["actor_id"] == "A_MINFOR"
        assert " ".join(first[0]["text"].lower().split()).strip(".") == " ".join(r["name"].lower().split()).strip(".")
    csv_rows = rows_of(client.get("/api/actors/A_MINFOR/naming.csv"))
    assert len(csv_rows) == len(naming) and {"source", "name", "register", "first_seen"} <= set(csv_rows[0])


def test_story_groups_reports_by_source_with_names_as_written(client: TestClient, page_texts: dict[str, str]) -> None:
    ev = client.get("/api/events", params={"limit": 500}).json()["rows"]
    canon = next(e["canonical_id"] for e in ev if e["canonical_id"])
    st = client.get(f"/api/stories/{canon}").json()
    reports = [r for s in st["sources"] for r in s["reports"]]
    assert st["canonical_id"] == canon and st["reports_n"] == len(reports) >= 2
    assert all(r["canonical_id"] == canon for r in reports)
    assert [s["source"] for s in st["sources"]] == sorted({r["source"] for r in reports})
    # Any report's own id opens the same story.
    assert client.get(f"/api/stories/{reports[-1]['id']}").json()["canonical_id"] == canon
    for r in reports:
        text = page_texts[r["page_id"]]
        assert text[r["start"]:r["end"]] == r["text"]
        for a in r["actors_written"]:
            assert a["as_written"] and all(w in text for w in a["as_written"])
        assert set(r["differs"]) <= set(st["differing"])
    assert client.get("/api/stories/no-such-event").status_code == 404


def test_story_flags_differing_figures_and_marks_copies(client: TestClient, page_texts: dict[str, str]) -> None:
    found = client.get("/api/findings", params={"kind": "copied_text"}).json()
    copy = (found if isinstance(found, list) else found["rows"])[0]  # a list, or a page of rows
    art = client.get(f"/api/articles/{copy['refs'][0]['article_id']}").json()
    st = client.get(f"/api/stories/{art['events'][0]['id']}").json()
    sizes = {tuple(r["size"]["participants"]) for s in st["sources"] for r in s["reports"] if "participants" in r["size"]}
    assert (len(sizes) > 1) == ("size.participants" in st["differing"])
    flags = [f["about_event"] for f in st["conflicts"]]
    assert flags == sorted(flags, reverse=True)  # conflicts over the event's own figures first
    # A report's sizes come with the figures they were read from, so a conflict citing them is about it.
    for r in (r for s in st["sources"] for r in s["reports"]):
        for lo, hi in r["size"].values():
            assert any(n["low"] == lo and n["high"] == hi for n in r["numbers"]), r["text"]
    cited = {ref.get("item_id") for f in st["conflicts"] for ref in f["refs"]}
    mine = {n["id"] for s in st["sources"] for r in s["reports"] for n in r["numbers"]}
    assert any(f["about_event"] for f in st["conflicts"]) == bool(cited & mine)
    marked = [(s["source"], c) for s in st["sources"] for r in s["reports"] for c in r["copied"]]
    assert len({src for src, _ in marked}) == 2
    for src, c in marked:
        assert c["text"] == copy["refs"][0]["text"] and src not in c["also_in"] and c["also_in"]
def test_findings_and_errors_are_paginated(client: TestClient) -> None:
    whole = client.get("/api/findings", params={"limit": 500}).json()
    assert whole["total"] == len(whole["rows"]) >= 1
    first = client.get("/api/findings", params={"limit": 1}).json()
    past = client.get("/api/findings", params={"limit": 1, "offset": whole["total"]}).json()
    assert [r["id"] for r in first["rows"]] == [r["id"] for r in whole["rows"][:1]]
    assert first["total"] == past["total"] == whole["total"] and past["rows"] == [] and past["offset"] == whole["total"]
    errs = client.get("/api/errors", params={"limit": 1}).json()
    assert set(errs) == {"total", "offset", "limit", "rows", "next"} and len(errs["rows"]) <= 1
    assert client.get("/api/findings", params={"limit": 0}).status_code == 422


@pytest.mark.parametrize("path, params, key", [
    ("/api/articles", {"facets": "false"}, "id"),
    ("/api/articles", {"q": "demonstrators"}, "id"),
    ("/api/articles", {"q": "officials", "source": SOURCES[0]}, "id"),
    ("/api/events", {}, "id"),
    ("/api/events", {"type": "PROTEST"}, "id"),
    ("/api/actors", {}, "id"),
    ("/api/findings", {}, "id"),
])
def test_cursor_pages_return_every_row_once_in_list_order(client: TestClient, path: str, params: dict[str, str],
                                                          key: str | None) -> None:
    """Keyset pagination (``after`` = the previous page's ``next``) walks the whole list: the rows
    of all pages, in order, are exactly the rows of one big page, and the last page has no ``next``."""
    _walk(client, path, params, key)


@pytest.mark.parametrize("path, params", [
    ("/api/articles", {"facets": "false"}),
    ("/api/articles", {"facets": "false", "source": SOURCES[0]}),
    ("/api/findings", {}),
])
def test_offset_pages_from_marks_are_the_lists_slices(client: TestClient, path: str, params: dict[str, str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """With a mark every 2 rows (``Db.MARK_EVERY``; 1000 in use) every offset page starts after a
    mark: each is still the slice of the whole list at its offset, with the list's ``next``."""
    from presslens.server.db import Db

    monkeypatch.setattr(Db, "MARK_EVERY", 2)
    _walk(client, path, params, "id")


def test_cursor_pages_of_ingest_errors_with_ties(tmp_path: Path) -> None:
    """Errors have no id: their key is the whole row, so rows equal in time and path still page."""
    from presslens.records import IngestError

    path = tmp_path / "errs.duckdb"
    with Store(path) as store:
        store.write_errors([IngestError(path=f"in/{i % 3}.html", problem="empty", message=f"no text ({i})",
                                        line=None if i % 2 else i) for i in range(7)])
    with TestClient(create_app(path, index_in_background=False), base_url="http://127.0.0.1") as c:
        _walk(c, "/api/errors", {}, None)


def _walk(client: TestClient, path: str, params: dict[str, str], key: str | None) -> None:
    whole = client.get(path, params={**params, "limit": 500}).json()
    assert whole["next"] is None and whole["total"] == len(whole["rows"]) >= 2
    step = max(1, len(whole["rows"]) // 6)  # several pages, the last one short when it falls so
    walked, after, pages = [], None, 0
    while True:
        page = client.get(path, params={**params, "limit": step, **({"after": after} if after else {})}).json()
        walked += page["rows"]
        pages += 1
        after = page["next"]
        if after is None:
            break
        assert len(page["rows"]) == step and pages <= len(whole["rows"])
    ident = (lambda r: r[key]) if key else (lambda r: json.dumps(r, sort_keys=True))
    assert [ident(r) for r in walked] == [ident(r) for r in whole["rows"]]
    assert len({ident(r) for r in walked}) == len(walked)
    # Offset pages (a deep one starts after a mark of the list, ``cursor.from_mark``) are
    # the same slices of the list, and their ``next`` continues after them.
    n = len(whole["rows"])
    for offset in sorted({1, n // 2 - 1, n // 2, n // 2 + 1, n - step - 1, n - step, n - 2, n - 1}):
        if offset < 0:
            continue
        page = client.get(path, params={**params, "limit": step, "offset": offset}).json()
        assert [ident(r) for r in page["rows"]] == [ident(r) for r in whole["rows"][offset:offset + step]], offset
        assert (page["next"] is None) == (offset + step >= n), offset
        if page["next"]:
            more = client.get(path, params={**params, "limit": 1, "after": page["next"]}).json()
            assert [ident(r) for r in more["rows"]] == [ident(whole["rows"][offset + step])], offset
    if len(whole["rows"]) > 2:  # an offset after a cursor counts from the cursor
        first = client.get(path, params={**params, "limit": 1}).json()
        skip = client.get(path, params={**params, "limit": 1, "offset": 1, "after": first["next"]}).json()
        assert [ident(r) for r in skip["rows"]] == [ident(whole["rows"][2])]


def test_a_cursor_not_written_by_the_list_is_refused(client: TestClient) -> None:
    for bad in ("bm90IGpzb24", "WzEsMiwzXQ==", "x" * 3000, "a b"):
        assert client.get("/api/findings", params={"after": bad}).status_code == 422, bad
    events_cursor = client.get("/api/events", params={"limit": 1}).json()["next"]
    if events_cursor:  # a cursor of another list has another number of key parts
        assert client.get("/api/findings", params={"after": events_cursor}).status_code == 422


def test_event_list_rows_are_the_stored_events(client: TestClient) -> None:
    """The list pages from the server's in-memory copy of the events (``event_order``); every row
    must say what the store says of that event (its own page reads the store)."""
    listed = client.get("/api/events", params={"limit": 500}).json()["rows"]
    exported = {r["id"]: r for r in csv.DictReader(io.StringIO(client.get("/api/events.csv").text))}
    assert listed and len(listed) == len(exported)
    for r in listed:
        one = client.get(f"/api/events/{r['id']}").json()
        assert {k: one[k] for k in r if k not in ("reports",)} == r
        assert exported[r["id"]]["start"] == str(r["start"]) and exported[r["id"]]["text"] == r["text"]


def test_event_filters_select_the_same_events_paged_and_exported(client: TestClient) -> None:
    """The events list pages from an in-memory copy (``event_order``) and the CSV export reads the
    events table; one filter definition serves both, so every filter selects the same events."""
    some = client.get("/api/events", params={"limit": 500}).json()["rows"]
    first = next(r for r in some if r.get("actors"))
    days = sorted(r["date"] for r in some if r.get("date"))
    filters = [{"type": first["type"]}, {"source": first["source"]}, {"actor": first["actors"][0]},
               {"country": first["country"]} if first.get("country") else {"q": "the"},
               {"date_from": days[len(days) // 2]}, {"date_to": days[len(days) // 2]},
               {"q": first["text"].split()[0]}]
    for f in filters:
        listed = {r["id"] for r in client.get("/api/events", params={**f, "limit": 500}).json()["rows"]}
        exported = {r["id"] for r in rows_of(client.get("/api/events.csv", params=f))}
        assert listed == exported, f
        assert 0 < len(listed) < len(some) or f.get("q") == "the", f


def _threads(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT current_setting('threads')").fetchone()
    assert row is not None
    return int(row[0])


def test_server_connection_threads_follow_the_setting(db_file: Path) -> None:
    """server.threads sets the DuckDB threads of the API's connection; 0 keeps DuckDB's default
    (one per core); a page is the same either way."""
    one = create_app(db_file, index_in_background=False, threads=1)
    default = create_app(db_file, index_in_background=False, threads=0)
    try:
        assert _threads(one.state.db.con) == 1
        assert _threads(default.state.db.con) == _threads(duckdb.connect(":memory:"))
        with TestClient(one, base_url="http://127.0.0.1") as a, TestClient(default, base_url="http://127.0.0.1") as b:
            assert a.get("/api/events?limit=50").json() == b.get("/api/events?limit=50").json()
    finally:
        one.state.db.close()
        default.state.db.close()


@pytest.mark.parametrize("q", ["%", "_", "50%", "%the", "e_t", "\\", "the"])
def test_text_filters_take_wildcards_literally(client: TestClient, db_file: Path, q: str) -> None:
    """``q`` is a substring, case aside: a user's "50%" or "e_t" finds those characters, not any
    text (LIKE's wildcards), in the events list, its export and the actors list."""
    events = client.get("/api/events", params={"limit": 500}).json()["rows"]
    want = {e["id"] for e in events if q.lower() in e["text"].lower()}
    listed = {r["id"] for r in client.get("/api/events", params={"q": q, "limit": 500}).json()["rows"]}
    exported = {r["id"] for r in rows_of(client.get("/api/events.csv", params={"q": q}))}
    assert listed == exported == want, q
    with Store(db_file, read_only=True) as s:
        names = {r["id"]: [r["name"], *json.loads(r["aliases"] or "[]")]
                 for r in s.rows("SELECT id, name, CAST(aliases AS VARCHAR) AS aliases FROM actors")}
    found = {a["id"] for a in client.get("/api/actors", params={"q": q, "limit": 500}).json()["rows"]}
    assert found == {i for i, ns in names.items() if any(q.lower() in n.lower() for n in ns)}, q
