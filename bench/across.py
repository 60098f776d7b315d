"""Across-source stages at scale: merge + findings cost per article on synthetic stores, no-op
re-ingest, adding 50 articles to a big store vs an empty one, API list endpoints p95.

    .venv/bin/python bench/across.py [--sizes 1000,10000] [--api-size 10000] [--out FILE.json]

Synthetic stores are generated at the analysis-record level (Page/Article/NumberClaim/Event
records written with ``Store.write_pages``, no spaCy: 100k articles through the NLP layers would
take hours on this machine). Each article is built from a window of the bundled real pages
(``src/presslens/examples``) with changed names, dates, places and figures: stories of five
outlets each (one event per report, a size figure with its offsets; some outlets copy a wire
passage, some give another figure), 20 stories a day, so the date span grows with the store as an
archive does. Goals (issue 16): per-article merge+findings cost flat within +-30 % from 1k to
100k; no-op re-ingest of 1k articles < 2 CPU-s; adding 50 articles to a 10k store < 2x adding them
to an empty one; every API list endpoint p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from presslens import registry
from presslens.pipeline import ingest
from presslens.records import Analysis, Article, Event, NumberClaim, Page, Part
from presslens.settings import load_settings
from presslens.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "presslens" / "examples"
CITIES = [(f"City{i}", 9_000_000 + i, 40.0 + (i % 40) * 0.5, -3.0 + (i // 40) * 0.7) for i in range(200)]
NAMES = ["Amina Bello", "Jonas Weber", "Leila Karimi", "Pedro Alves", "Sun Wei", "Olga Petrenko", "Kofi Mensah"]


def real_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt")))
    return re.findall(r"[A-Za-z][A-Za-z'-]+", text)


def article(i: int, words: list[str], rng: random.Random) -> tuple[Page, Analysis]:
    story, outlet = divmod(i, 5)
    day = date(2018, 1, 1) + timedelta(days=story // 20)
    city, gid, lat, lon = CITIES[story % len(CITIES)]
    # Outlets 0-2 report the organisers' figure, 3-4 another one: a conflict per story.
    size = 100_000 + story if outlet < 3 else 4_000 + story
    figure = f"{size:,}"
    lead = (f"{NAMES[story % len(NAMES)]} addressed a rally in {city} on {day.isoformat()}. "
            f"Organisers said {figure} people took part.\n\n")
    w0 = (story * 37) % (len(words) - 200)
    # The wire passage the story's outlets share, with this story's names and figures in it (every
    # fifth word), so two stories' wire copy differ as real ones do.
    wire = " ".join(f"{w}{story}" if k % 5 == 0 else w for k, w in enumerate(words[w0 : w0 + 60]))
    own = " ".join(rng.sample(words, 80))  # each outlet's own words
    body = lead + (wire + ". " if outlet != 4 else "") + own + "."
    page = Page(key=f"https://outlet{outlet}-{i % 37}.example/{i}", text=body, source=f"Outlet {outlet}",
                published=day.isoformat(), fmt="text")
    aid = f"{page.id}-a1"
    art = Article(id=aid, page_id=page.id, seq=1, start=0, end=len(body), body_start=0, body_end=len(body),
                  source=page.source, published=page.published,
                  parts=[Part(role="body", start=0, end=len(body), text=body)])
    a = Analysis(article=art, page_text=body)
    s = body.index(figure)
    a.numbers.append(NumberClaim(id=f"{aid}-n1", article_id=aid, start=s, end=s + len(figure), text=figure,
                                 low=size, high=size, counts="people"))
    es = body.index("addressed")
    a.events.append(Event(id=f"{aid}-e1", article_id=aid, type="PROTEST", mode="demo", start=es,
                          end=body.index("\n"), text=body[es : body.index("\n")], place_name=city, country="XX",
                          geonameid=gid, geo_precision="city", date=day.isoformat(), date_precision="day",
                          size={"participants": [size, size]}))
    return page, a


def cpu() -> float:
    return time.process_time()


def build(path: Path, n: int, words: list[str], batch: int = 500, start: int = 0) -> tuple[float, int]:
    """Write n synthetic articles in batches, running the post stages after each (as ingest does);
    returns (CPU-s of the post stages, articles)."""
    settings = load_settings()
    rng = random.Random(start)
    spent = 0.0
    with Store(path) as store:
        for lo in range(start, start + n, batch):
            store.write_pages([(p, [a]) for p, a in (article(i, words, rng) for i in range(lo, min(start + n, lo + batch)))])
            for name in ("merge", "findings"):  # the across stages (name_variants is the actors layer's)
                t = cpu()
                registry.stages.get(f"post:{name}")(store, settings)
                spent += cpu() - t
    return spent, n


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def api_p95(path: Path, rounds: int = 20) -> dict[str, float]:
    from fastapi.testclient import TestClient

    from presslens.server.app import create_app

    paths = ["/api/articles?limit=25", "/api/articles?limit=25&offset=5000", "/api/events?limit=50",
             "/api/events?limit=50&offset=5000", "/api/actors?limit=50", "/api/findings?limit=50",
             "/api/findings?limit=50&offset=5000", "/api/findings?kind=copied_text&limit=50",
             "/api/findings?kind=conflicting_figures&limit=50", "/api/errors?limit=50"]
    out = {}
    with TestClient(create_app(path, index_in_background=False), base_url="http://127.0.0.1") as c:
        for p in paths:
            c.get(p)
            ts = []
            for _ in range(rounds):
                t = time.perf_counter()
                assert c.get(p).status_code == 200, p
                ts.append((time.perf_counter() - t) * 1000)
            out[p] = round(p95(ts), 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--api-size", type=int, default=10_000)
    ap.add_argument("--out", default="")
    args = ap.parse_args()
    words = real_words()
    import os

    res: dict[str, object] = {"machine": f"{platform.machine()}, {os.cpu_count()} CPUs, python "
                                         f"{platform.python_version()}, load {os.getloadavg()[0]:.1f} at start",
                              "per_article_ms": {}}
    keep = tempfile.TemporaryDirectory(prefix="presslens-across-")
    tmp = Path(keep.name)
    stores = {}
    for n in [int(x) for x in args.sizes.split(",")]:
        path = tmp / f"s{n}.duckdb"
        spent, _ = build(path, n, words)
        stores[n] = path
        res["per_article_ms"][n] = round(1000 * spent / n, 3)  # type: ignore[index]
        print(f"{n} articles: merge+findings {spent:.1f} CPU-s, {1000 * spent / n:.2f} ms/article", flush=True)
    # Adding 50 articles to the biggest store (10k if built) vs to an empty one.
    big = max(stores)
    add_big, _ = build(stores[big], 50, words, start=10_000_000)
    add_empty, _ = build(tmp / "empty.duckdb", 50, words, start=10_000_000)
    res["add50"] = {"store": big, "cpu_s": round(add_big, 3), "empty_cpu_s": round(add_empty, 3),
                    "ratio": round(add_big / max(add_empty, 1e-9), 2)}
    print(f"add 50 to {big}: {add_big:.2f} CPU-s vs empty {add_empty:.2f} CPU-s", flush=True)
    # No-op re-ingest of 1k articles through the real ingest path (pages from a JSONL file).
    src = tmp / "1k.jsonl"
    rng = random.Random(1)
    with src.open("w", encoding="utf-8") as fh:
        for i in range(1000):
            page, _ = article(20_000_000 + i, words, rng)
            fh.write(json.dumps({"url": page.key, "source": page.source, "published": page.published,
                                 "text": page.text}) + "\n")
    settings = load_settings()
    with Store(tmp / "noop.duckdb") as store:
        ingest([src], store, settings=settings, stages=[])
        t = cpu()
        rep = ingest([src], store, settings=settings, stages=[])
        res["noop_reingest_1k_cpu_s"] = round(cpu() - t, 3)
        assert rep.pages_unchanged == 1000, rep
    print(f"no-op re-ingest of 1k: {res['noop_reingest_1k_cpu_s']} CPU-s", flush=True)
    if args.api_size in stores:
        res["api_p95_ms"] = {"store": args.api_size, **api_p95(stores[args.api_size])}
        print(json.dumps(res["api_p95_ms"]), flush=True)
    print(json.dumps(res, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=1), encoding="utf-8")
    keep.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
