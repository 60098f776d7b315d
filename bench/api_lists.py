"""Every API list endpoint's latency on existing stores (issue 16: p95 < 100 ms on a 100k store).

    .venv/bin/python bench/api_lists.py /tmp/bench-stores/s1k.duckdb /tmp/bench-stores/s100k.duckdb \
        [--rounds 20] [--out FILE.json] [--only 'articles q,findings']

Stores come from ``bench/synth.py``. The app runs in process (FastAPI TestClient, no network), so
the figures are the server's own cost: routing, attaching the store, the queries, JSON. Each list
is asked for its first page, a deep page (offset near the end: what OFFSET costs) and with the
filters the UI sends; every request is timed once cold (the first: store-wide aggregates such as
facets and actor counts are computed then and kept while the store is unchanged) and ``rounds``
times after that: wall p95, and the median CPU of this process (DuckDB's threads included), which
a loaded machine inflates far less than wall time. Also timed:
attaching the store alone (``Db.acquire``/``release`` with nothing cached), the cost a request paid
before the store stayed attached between requests.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from presslens.server.app import create_app  # noqa: E402
from presslens.server.db import Db  # noqa: E402


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def endpoints(c: TestClient) -> dict[str, str]:
    """The list endpoints with a first page, a deep page and filters, from what the store holds."""
    arts = c.get("/api/articles", params={"limit": 1, "facets": "false"}).json()
    evs = c.get("/api/events", params={"limit": 1}).json()
    acts = c.get("/api/actors", params={"limit": 1}).json()
    fnd = c.get("/api/findings", params={"limit": 1}).json()
    src = (arts["rows"] or [{}])[0].get("source") or "x"
    etype = (evs["rows"] or [{}])[0].get("type") or "PROTEST"
    kinds = [r["value"] for r in (c.get("/api/overview").json().get("findings") or []) if "value" in r] or [
        r["kind"] for r in c.get("/api/overview").json().get("findings") or []]

    def deep(total: int, limit: int) -> int:
        return max(0, min(total - limit, 9_990_000))

    out = {
        "overview": "/api/overview",
        "articles": "/api/articles?limit=25",
        "articles deep": f"/api/articles?limit=25&offset={deep(arts['total'], 25)}",
        # The middle of a list is the dearest offset page (one past the middle is read from the end).
        "articles middle": f"/api/articles?limit=25&offset={arts['total'] // 2 - 1}",
        "articles source": f"/api/articles?limit=25&source={src}",
        "articles q": "/api/articles?limit=25&q=police",
        "events": "/api/events?limit=50",
        "events deep": f"/api/events?limit=50&offset={deep(evs['total'], 50)}",
        "events type": f"/api/events?limit=50&type={etype}",
        "events q": "/api/events?limit=50&q=police",
        "events timeline": "/api/events/timeline?by=source",
        "events map": "/api/events/map",
        "actors": "/api/actors?limit=50",
        "actors deep": f"/api/actors?limit=50&offset={deep(acts['total'], 50)}",
        "findings": "/api/findings?limit=50",
        "findings deep": f"/api/findings?limit=50&offset={deep(fnd['total'], 50)}",
        "findings middle": f"/api/findings?limit=50&offset={fnd['total'] // 2 - 1}",
        "compare": "/api/compare?limit=50",
        "errors": "/api/errors?limit=50",
    }
    # Deep pages by cursor (keyset pagination, where the server writes ``next``): the cursor of
    # the row just before the last page, read once from an offset page.
    for name, url in [("articles", "/api/articles?facets=false"), ("events", "/api/events?"),
                      ("actors", "/api/actors?"), ("findings", "/api/findings?")]:
        total = {"articles": arts, "events": evs, "actors": acts, "findings": fnd}[name]["total"]
        limit = 25 if name == "articles" else 50
        if total > limit:
            mark = c.get(f"{url}&limit=1&offset={deep(total, limit) - 1}").json().get("next")
            if mark:
                out[f"{name} deep, after="] = f"{url.replace('facets=false', '')}&limit={limit}&after={mark}"
    for k in kinds[:4]:
        out[f"findings {k}"] = f"/api/findings?limit=50&kind={k}"
    return out


def measure(path: Path, rounds: int, only: set[str] | None = None) -> dict[str, Any]:
    res: dict[str, Any] = {}
    d = Db(path)
    ts = []
    for _ in range(rounds):
        d.detach()
        t = time.perf_counter()
        d.acquire()
        d.release()
        ts.append((time.perf_counter() - t) * 1000)
    d.close()
    res["attach_p95_ms"] = round(p95(ts), 1)
    app = create_app(path, index_in_background=False)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        app.state.db.build_index()
        res["articles"] = c.get("/api/articles", params={"limit": 1, "facets": "false"}).json()["total"]
        for name, url in endpoints(c).items():
            if only and name not in only:
                continue
            t = time.perf_counter()
            r = c.get(url)
            cold = (time.perf_counter() - t) * 1000  # the first request: store-wide aggregates computed
            assert r.status_code == 200, (url, r.status_code, r.text[:200])
            times, cpus = [], []
            for _ in range(rounds):
                t, cp = time.perf_counter(), time.process_time()
                c.get(url)
                times.append((time.perf_counter() - t) * 1000)
                cpus.append((time.process_time() - cp) * 1000)
            res[name] = {"p95_ms": round(p95(times), 1), "cpu_p50_ms": round(sorted(cpus)[len(cpus) // 2], 1),
                         "cold_ms": round(cold, 1)}
            print(f"{path.name:20s} {name:36s} cold {cold:8.1f} p95 {res[name]['p95_ms']:8.1f} ms "
                  f"cpu p50 {res[name]['cpu_p50_ms']:7.1f} ms", flush=True)
    return res


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("stores", nargs="+")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--out", default="")
    ap.add_argument("--only", default="", help="comma-separated endpoint names (as printed), e.g. 'articles q'")
    args = ap.parse_args()
    out: dict[str, Any] = report.start()
    for s in args.stores:
        out[s] = measure(Path(s), args.rounds, {n.strip() for n in args.only.split(",") if n.strip()} or None)
    report.finish(out, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
