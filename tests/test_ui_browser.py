"""End-to-end UI tests in real headless Chromium (Debian's package, driven by Playwright).

The store holds the bundled sample ingested with whatever pipeline stages are installed, plus a
synthetic multi-source set (so actor, event and comparison views always have content) and a
hostile page whose text, title, URL, quotes and names carry script and markup.
"""

from __future__ import annotations

import csv
import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
SHOTS = Path("/tmp/presslens-shots")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install -y chromium; .ci/run does this)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="needs the playwright package (dev extra)")


def _build(path: Path) -> None:
    from presslens import registry
    from presslens.cli import sample_dir
    from presslens.pipeline import ingest
    from presslens.server.fixtures import build_store
    from presslens.settings import load_settings
    from presslens.store import Store

    settings = load_settings()
    have = set(registry.stages.names())
    stages = [s for s in settings["pipeline"]["stages"] if s in have]
    if "layout" in registry.segmenters.names() or settings["pipeline"]["segmenter"] in registry.segmenters.names():
        store = Store(path)
        ingest([str(sample_dir())], store, settings=settings, stages=stages)
        store.close()
    build_store(path, 30).close()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from presslens.server.app import create_app

    db = tmp_path_factory.mktemp("ui") / "ui.duckdb"
    _build(db)
    app = create_app(db, index_in_background=False)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=server.run, daemon=True)
    t.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    t.join(5)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url: str):  # type: ignore[no-untyped-def]
    ctx = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True, base_url=base_url)
    pg = ctx.new_page()
    pg.problems = []  # console errors, page errors and dialogs: any of them fails the test
    pg.on("console", lambda m: pg.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"pageerror: {e}"))

    def on_dialog(d):  # type: ignore[no-untyped-def]
        pg.problems.append(f"dialog: {d.message}")
        d.dismiss()

    pg.on("dialog", on_dialog)
    yield pg
    ctx.close()


def shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def scroll_to(pg, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Scroll the first match into view in one step in the page: a view that re-renders after a late
    fetch (under load) would detach an element handle between finding and scrolling it."""
    pg.evaluate("(s) => document.querySelector(s)?.scrollIntoView({block: 'center'})", selector)


def open_view(pg, frag: str, ready: str) -> None:  # type: ignore[no-untyped-def]
    pg.goto("/" + frag)
    pg.wait_for_function("() => document.querySelector('main').dataset.ready === location.hash")
    pg.wait_for_selector(ready)


def test_each_view_renders(page) -> None:  # type: ignore[no-untyped-def]
    open_view(page, "#/", ".stats .stat")
    assert page.locator("h1").inner_text() == "Overview"
    assert page.locator(".stats .stat").count() >= 10
    shot(page, "overview")
    open_view(page, "#/search?q=rallied", ".hit")
    assert page.locator(".hit mark").count() > 0
    assert page.locator(".facets .facet").count() >= 3
    shot(page, "search")
    open_view(page, "#/actors", "table.grid tbody tr")
    shot(page, "actors")
    open_view(page, "#/events", "svg.map circle.pt")
    assert page.locator("svg.stacked rect").count() > 0
    assert page.locator("svg.map path.land").count() > 50  # the shipped basemap drew
    shot(page, "events")
    scroll_to(page, "svg.map")
    shot(page, "events-map")
    open_view(page, "#/compare", ".conflict")
    assert page.locator("table.side-by-side").count() > 0
    shot(page, "compare")
    page.goto("/docs")
    page.wait_for_selector("section.endpoint")
    assert page.locator("section.endpoint").count() >= 10
    shot(page, "api-docs")
    assert page.problems == []


def _first_article(pg) -> str:  # type: ignore[no-untyped-def]
    open_view(pg, "#/search?q=rallied", ".hit h3 a")
    pg.locator(".hit h3 a").first.click()
    pg.wait_for_selector(".reader .body")
    return pg.url


def test_layer_toggle_is_in_the_url(page) -> None:  # type: ignore[no-untyped-def]
    url = _first_article(page)
    assert page.locator(".hl.l-actors").count() > 0
    shot(page, "article")
    page.locator("label.layer-toggle", has_text="Actors").locator("input").uncheck()
    page.wait_for_function("() => location.hash.includes('layers=')")
    assert page.locator(".hl.l-actors").count() == 0
    assert page.locator(".hl.l-events").count() > 0  # other layers stay on
    shared = page.url
    assert "actors" not in shared.split("layers=")[1].split("&")[0]
    shot(page, "article-actors-off")
    # The URL alone restores the view (shareable state).
    page.goto("about:blank")
    page.goto(shared)
    page.wait_for_selector(".reader .body")
    assert page.locator(".hl.l-actors").count() == 0
    assert page.locator("label.layer-toggle", has_text="Actors").locator("input").is_checked() is False
    assert url != shared
    assert page.problems == []


def test_click_through_article_actor_event(page) -> None:  # type: ignore[no-untyped-def]
    _first_article(page)
    page.locator(".hl.l-actors").first.click()
    card = page.locator(".inspector .inspect.l-actors").first
    card.wait_for()
    assert "Resolved to" in card.inner_text()
    assert "sel=" in page.url  # the selection is shareable too
    shot(page, "article-inspector")
    name = card.locator("a.actor-link").inner_text()
    card.locator("a.actor-link").click()
    page.wait_for_selector("text=Names used per source")
    assert page.locator("h1").inner_text() == name
    assert page.locator("svg.hbars rect").count() > 0
    shot(page, "actor")
    ev_link = page.locator("section", has_text="Events as actor or recipient").locator("tbody tr td:nth-child(2) a").first
    ev_type = ev_link.inner_text()
    ev_link.click()
    page.wait_for_selector("text=Every report of this event")
    assert page.locator("h1").inner_text().startswith(ev_type)
    assert page.locator("section", has_text="Every report").locator("tbody tr").count() >= 1
    shot(page, "event")
    assert page.problems == []


def test_csv_export_has_all_rows_with_offsets(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_view(page, "#/events?type=PROTEST", "table.grid tbody tr")
    total = int(re.search(r"([\d,]+) event report", page.locator(".toolbar").first.inner_text()).group(1)
                .replace(",", ""))
    with page.expect_download() as dl:
        page.get_by_text("Export all rows (CSV)").click()
    text = Path(dl.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == total
    assert all(r["type"] == "PROTEST" and r["source"] and r["article_id"] for r in rows)
    for r in rows[:10]:
        art = page.request.get(f"{base_url}/api/articles/{r['article_id']}").json()
        off = art["text_offset"]
        assert art["text"][int(r["start"]) - off:int(r["end"]) - off] == r["text"]


def _hostile_id(pg, base_url: str) -> str:  # type: ignore[no-untyped-def]
    rows = pg.request.get(f"{base_url}/api/articles", params={"q": "officials nothing happened"}).json()["rows"]
    return next(r["id"] for r in rows if "Hostile" in r["source"])


def _assert_inert(pg) -> None:  # type: ignore[no-untyped-def]
    assert pg.evaluate("() => window.__pwned") is None
    assert pg.evaluate("() => document.querySelectorAll('script').length") == 1  # only our module
    assert pg.evaluate("() => document.querySelectorAll('main img, main iframe, main svg [onload], main [onerror], "
                       "main [onclick], main [onmouseover], main b, main i').length") == 0
    assert pg.evaluate("() => [...document.querySelectorAll('a')].filter(a => /^\\s*javascript:/i"
                       ".test(a.getAttribute('href') || '')).length") == 0


def test_hostile_page_renders_inert(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    aid = _hostile_id(page, base_url)
    open_view(page, f"#/article/{aid}", ".reader .body")
    body = page.locator(".reader").inner_text()
    assert "<script>window.__pwned='body';alert('x')</script>" in body  # shown literally
    assert "onerror=\"window.__pwned='onerror'\"" in body
    assert page.locator("h1.title").inner_text().startswith("<script>window.__pwned='title'</script>")
    # The javascript: URL is shown as text, never as a link.
    assert "javascript:window.__pwned='url'" in page.locator(".reader .meta.small").inner_text()
    for el in page.locator(".hl").all():
        el.hover()
        el.click()
    assert page.locator(".inspector").inner_text().count("<") > 0
    shot(page, "hostile-article")
    _assert_inert(page)
    for frag, ready in (("#/", ".stats"), ("#/search?q=officials", ".hit"), ("#/actor/A_HOSTILE", "h1"),
                        ("#/actors?q=Forum", "table.grid"), ("#/events?type=ACCUSE", "table.grid"),
                        ("#/compare", "h1")):
        open_view(page, frag, ready)
        page.wait_for_timeout(100)
        _assert_inert(page)
    open_view(page, "#/actor/A_HOSTILE", "h1")
    assert page.locator("h1").inner_text().startswith("<img src=x onerror=")
    # The hostile body holds one 60,000-character word: every view wraps it within the window.
    for frag, ready in (("#/article/" + aid, ".reader .body"), ("#/search?q=officials", ".hit"),
                        ("#/actor/A_HOSTILE", "h1"), ("#/events?type=ACCUSE", "table.grid"), ("#/", ".stats")):
        open_view(page, frag, ready)
        width = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1] + 1, (frag, width)
    shot(page, "hostile-actor")
    _assert_inert(page)
    # A crafted route id is refused by the client before any request.
    open_view(page, "#/article/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", ".error")
    _assert_inert(page)
    assert page.problems == []


def test_compare_timeline_and_map_on_a_store_with_sources_and_dates(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 17: the demo's sample has its sources and dates; the timeline zooms to where the data
    is; the map draws every located event (clustered); compare fits the screen and says what each
    column is."""
    import json
    import urllib.request

    def api(path: str) -> dict:  # type: ignore[type-arg]
        with urllib.request.urlopen(base_url + path) as r:
            return json.loads(r.read())

    arts = api("/api/articles?limit=500")
    rows = arts.get("rows", arts) if isinstance(arts, dict) else arts
    sample = [a for a in rows if a.get("source") in ("Iran Focus", "MEK-Iran")]
    assert len(sample) == 11 and all(a.get("published") for a in sample)

    # Timeline: the sample's 1981 and 1988 events would squash 2018-2019 to a sliver.
    open_view(page, "#/events", "svg.stacked rect")
    note = page.locator(".zoom-note").inner_text()
    assert note.startswith("Zoomed to") and "earlier" in note
    labels = page.locator("svg.stacked text.lbl").evaluate_all("els => els.map((e) => e.textContent)")
    assert labels and min(labels) >= note.split("Zoomed to ")[1][:4]
    scroll_to(page, "section:has(svg.stacked)")
    shot(page, "events-timeline")
    page.get_by_text("Show all dates").click()
    page.wait_for_function("() => location.hash.includes('span=all')")
    page.wait_for_selector(".zoom-note >> text=All dates")

    # Map: every event with a place or a country is inside some bubble.
    open_view(page, "#/events", "svg.map .pt-group")
    mp = api("/api/events/map")
    want = sum(p["n"] for p in mp["points"]) + sum(c["n"] for c in mp["countries"])
    titles = page.locator("svg.map .pt-group title").evaluate_all("els => els.map((e) => e.textContent)")
    drawn = sum(int(re.search(r": ([\d,]+) event", t).group(1).replace(",", "")) for t in titles)
    assert drawn == want  # every event with a place or a country is drawn
    assert page.locator("svg.map text.pt-n").count() > 0  # dense areas are numbered clusters
    scroll_to(page, "svg.map")
    shot(page, "events-map-clustered")

    # Per-source colouring names the sample's sites, not "(unknown)".
    open_view(page, "#/events?by=source", "svg.stacked rect")
    legend = page.locator(".legend").inner_text()
    assert "MEK-Iran" in legend and "(unknown)" not in legend

    # Compare: no horizontal scrolling, at most four reports per table, every column explained.
    open_view(page, "#/compare", ".conflict")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    for t in page.locator("table.side-by-side").all():
        assert t.locator("thead th").count() <= 5
        assert t.locator("caption").inner_text()
        assert "(unknown)" not in t.locator("thead").inner_text()
    assert "Each column is one report" in page.locator("table.side-by-side caption").first.inner_text()
    shot(page, "compare-fits")


def test_actor_naming_panel(page) -> None:  # type: ignore[no-untyped-def]
    """The actor page's naming panel on the demo pages: chart coloured by register, one table row
    per (source, name) with its register, each row linking to the first use and to the articles."""
    open_view(page, "#/actor/iran-government", "section.card h2")
    panel = page.locator("section.card", has_text="Naming by source")
    panel.wait_for()
    assert page.locator("h1").inner_text() == "Government of Iran"
    assert panel.locator("svg.hbars rect").count() > 0
    assert panel.locator("svg.hbars rect.reg-hostile").count() > 0  # "the regime" and other labels
    rows = panel.locator(".naming-table tbody tr")
    assert rows.count() >= 3
    registers = set(panel.locator(".naming-table tbody tr td:nth-child(3)").all_inner_texts())
    assert {"hostile", "neutral"} <= registers and registers <= {"self", "neutral", "hostile", "unlisted"}
    shot(page, "actor-naming")
    first = rows.first.locator("a", has_text="first use")
    first.click()
    page.wait_for_selector(".reader .body")
    sel = page.url.split("sel=")[1].split("&")[0]
    found = page.evaluate("(id) => [...document.querySelectorAll('.hl')].filter((e) => e.dataset.ids.split(' ').includes(id)).length", sel)
    assert found >= 1, (page.url, found)
    page.go_back()
    panel = page.locator("section.card", has_text="Naming by source")
    panel.wait_for()
    panel.locator(".naming-table tbody tr").first.locator("a", has_text="all articles").click()
    page.wait_for_selector(".hit")
    assert "actor=iran-government" in page.url
    assert page.problems == []


def test_story_view_sets_aside_sources_without_a_figure(page) -> None:  # type: ignore[no-untyped-def]
    # The fixture's last source never gives a crowd or a toll; find a story it shares with sources
    # that do (through the API, as a user would through the Events page's source filter).
    rows = page.request.get("/api/events?source=Plain%20Report&type=PROTEST&limit=50").json()["rows"]
    story = next(st for st in (page.request.get("/api/stories/" + e["id"]).json() for e in rows if e["canonical_id"])
                 if st["sources_n"] > 1)
    gives = [s["source"] for s in story["sources"] if any(r["size"] for r in s["reports"])]
    assert 0 < len(gives) < story["sources_n"]
    open_view(page, "#/story/" + story["canonical_id"], ".story-grid .story-col")
    assert page.locator(".story-grid .story-col").count() == story["sources_n"]
    page.locator(".story-filter a.filter-toggle").click()
    page.wait_for_selector(".story-filter >> text=Show all reports")
    cols = page.locator(".story-grid .story-col")
    assert [cols.nth(i).locator("h2").inner_text() for i in range(cols.count())] == gives
    assert "figures=1" in page.url
    # ... and in each column only the reports that give one.
    with_fig = sum(1 for s in story["sources"] for r in s["reports"] if r["size"])
    assert page.locator(".story-report").count() == with_fig
    shot(page, "story-figures")
    page.locator(".story-filter a.filter-toggle").click()
    page.wait_for_selector(".story-filter >> text=Show only the reports that give one")
    assert page.locator(".story-grid .story-col").count() == story["sources_n"]
    assert page.problems == []


def test_story_view_sources_side_by_side(page) -> None:  # type: ignore[no-untyped-def]
    # The fixture's copied passage lies in two sources' reports of an event whose figures differ.
    found = page.request.get("/api/findings?kind=copied_text").json()
    copy = (found if isinstance(found, list) else found["rows"])[0]  # a list, or a page of rows
    art = page.request.get("/api/articles/" + copy["refs"][0]["article_id"]).json()
    ev = art["events"][0]
    story = page.request.get("/api/stories/" + ev["id"]).json()
    assert story["canonical_id"] == ev["canonical_id"] and story["sources_n"] >= 2
    open_view(page, "#/story/" + ev["canonical_id"], ".story-grid .story-col")
    cols = page.locator(".story-grid .story-col")
    assert cols.count() == story["sources_n"]
    assert [cols.nth(i).locator("h2").inner_text() for i in range(cols.count())] == [s["source"] for s in story["sources"]]
    # Disagreements are flagged in the summary and on the rows that carry them.
    assert story["differing"], "the fixture's event has differing figures"
    assert page.locator(".story-summary .chip.differs").count() == len(story["differing"])
    assert page.locator(".story-report .kv.differs").count() >= 2
    # The copied passage is marked in both sources' columns, each naming the other.
    marks = page.locator(".story-copied mark.copied")
    assert marks.count() == 2
    assert {marks.nth(i).inner_text() for i in range(2)} == {copy["refs"][0]["text"]}
    # ... and inline, where it lies inside a report's quote.
    assert page.locator(".story-quotes blockquote mark.copied").count() == 2
    # Actors are shown with the words each source used for them.
    assert page.locator(".story-report .actor-link").count() >= story["reports_n"]
    shot(page, "story")
    # Reached from the event page and from the comparison.
    open_view(page, "#/event/" + ev["id"], "a.story-link")
    page.locator("a.story-link").first.click()
    page.wait_for_selector(".story-grid")
    assert page.locator("h1").inner_text().startswith(story["type"])
    assert page.problems == []


def test_lists_page_by_cursor_forward_and_back(page) -> None:  # type: ignore[no-untyped-def]
    """Next follows the API's cursor (the URL keeps the trail), Previous goes back to the same rows."""
    open_view(page, "#/events", "table.grid tbody tr")
    pager = page.locator(".pager")
    if pager.count() == 0:
        pytest.skip("the test store's events fit one page")
    first = page.locator("table.grid tbody tr").first.inner_text()
    assert "Page 1 of" in pager.inner_text()
    pager.locator("button", has_text="Next").click()
    page.wait_for_function("() => location.hash.includes('after=') && document.querySelector('main').dataset.ready === location.hash")
    page.wait_for_selector("text=Page 2 of")
    assert page.locator("table.grid tbody tr").first.inner_text() != first
    page.locator(".pager button", has_text="Previous").click()
    page.wait_for_function("() => !location.hash.includes('after=') && document.querySelector('main').dataset.ready === location.hash")
    page.wait_for_selector("text=Page 1 of")
    assert page.locator("table.grid tbody tr").first.inner_text() == first
    assert page.problems == []
