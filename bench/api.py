"""API latency on a synthetic store of 10,000 articles (goal: p95 < 100 ms per endpoint).

    .venv/bin/python bench/api.py [--articles 10000] [--rounds 20] [--db /tmp/presslens-bench-api.duckdb]

Builds the store once with Store.write_page (records written directly, no NLP; reused when the
file exists), starts the app in-process and times each main endpoint through the ASGI stack
(TestClient, no network). Prints one line per endpoint and a JSON summary.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from presslens.server.app import create_app
from presslens.server.fixtures import build_store
from presslens.store import Store


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--db", default="/tmp/presslens-bench-api.duckdb")
    ap.add_argument("--goal-ms", type=float, default=100.0)
    args = ap.parse_args()
    db = Path(args.db)
    if db.exists():
        with Store(db, read_only=True) as s:
            have = s.counts()["articles"]
        if have < args.articles:
            db.unlink()
    if not db.exists():
        t = time.perf_counter()
        build_store(db, args.articles).close()
        print(f"built {db} in {time.perf_counter() - t:.1f}s", file=sys.stderr)
    t = time.perf_counter()
    app = create_app(db, index_in_background=False)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        mode = app.state.db.build_index()
        print(f"search index ({mode}) built in {time.perf_counter() - t:.1f}s", file=sys.stderr)
        aid = c.get("/api/articles", params={"limit": 1}).json()["rows"][0]["id"]
        eid = c.get("/api/events", params={"limit": 1, "type": "PROTEST"}).json()["rows"][0]["id"]
        endpoints = {
            "overview": "/api/overview",
            "articles (list+facets)": "/api/articles",
            "search q (fts+facets)": "/api/articles?q=demonstrators%20rallied",
            "search q+source+type": "/api/articles?q=sanctions&source=Open%20Ledger&type=ACCUSE",
            "article detail": f"/api/articles/{aid}",
            "actors": "/api/actors",
            "actor page": "/api/actors/A_MINFOR",
            "events (list+facets)": "/api/events",
            "events timeline": "/api/events/timeline?by=source",
            "events map": "/api/events/map",
            "event detail": f"/api/events/{eid}",
            "compare": "/api/compare",
            "articles.csv (all rows)": "/api/articles.csv",
        }
        results = {}
        for name, url in endpoints.items():
            r = c.get(url)
            assert r.status_code == 200, (url, r.status_code, r.text[:200])
            times = []
            for _ in range(args.rounds):
                t0 = time.perf_counter()
                c.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            results[name] = {"p50_ms": round(statistics.median(times), 1), "p95_ms": round(p95(times), 1)}
            ok = "ok" if results[name]["p95_ms"] < args.goal_ms else "SLOW"
            print(f"{name:28s} p50 {results[name]['p50_ms']:7.1f} ms  p95 {results[name]['p95_ms']:7.1f} ms  {ok}")
    worst = max(v["p95_ms"] for k, v in results.items() if not k.endswith("(all rows)"))
    print(json.dumps({"articles": args.articles, "rounds": args.rounds, "worst_p95_ms_json_endpoints": worst,
                      "endpoints": results}))
    return 0 if worst < args.goal_ms else 1


if __name__ == "__main__":
    sys.exit(main())
