"""``--workers 2`` against ``--workers 1`` on distinct real articles: wall, CPU and where it goes.

    nice -n 10 .venv/bin/python bench/workers.py [--pages 800] [--rounds 3] [--sides 1,2,2:nofreeze]

Pages: ``corpus.spread_pages`` (every real paragraph used once, ``--pages`` distinct pages, one
article each: a first pass). Each side runs ``pipeline.ingest`` in a fresh process after loading
the pipeline and an untimed warm-up sentence (start-up is not throughput); sides are interleaved,
their order alternating by round. Per run: wall seconds, CPU seconds of the ingest process and of
its workers (``RUSAGE_CHILDREN``), the load average before and after, and for several workers the
driver's own costs: seconds it waited for a result (``workers._result``), the pickled size of what
came back (the IPC), the CPU of the store-wide stages after the run (serial: they bound the
speed-up), and the workers' minor page faults and system CPU (copy-on-write of the pages they
share with the ingest process). A side ``N:nofreeze`` runs N workers without ``workers._freeze``
(the ingest process's objects not frozen before the fork), for the before/after of that change. On a shared machine the wall ratio is
only meaningful beside the load: compare CPU, and read wall where the load is under the core count.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

WARM = ("Protesters gathered in Paris, Texas, on Monday, and the Ohio Supreme Court ruled in Columbus. "
        "Russian officials in Moscow said the U.S. and the EU had been told.")


def child(folder: str, db: str, side: str) -> dict[str, Any]:
    from presslens import pipeline as pl
    from presslens import workers as wk
    from presslens.pipeline import Pipeline, ingest
    from presslens.records import Page
    from presslens.settings import load_settings
    from presslens.store import Store

    settings = load_settings()
    Pipeline(settings).analyse_page(Page(key="warm", text=WARM))  # model and lazy tables: start-up
    waited = [0.0, 0.0]  # wall seconds blocked on results, pickled bytes of results
    result = wk._result

    def timed_result(batch: Any, fut: Any) -> Any:
        t = time.perf_counter()
        out = result(batch, fut)
        waited[0] += time.perf_counter() - t
        if not isinstance(out[1], BaseException):
            waited[1] += len(pickle.dumps(out[1], protocol=pickle.HIGHEST_PROTOCOL))
        return out

    wk._result = timed_result  # type: ignore[assignment]
    workers, _, variant = side.partition(":")
    if variant == "nofreeze":
        wk._freeze = lambda: False  # type: ignore[assignment]
    post = [0.0, 0.0]
    run_post = pl.run_post

    def timed_post(*a: Any, **k: Any) -> Any:
        w, c = time.perf_counter(), time.process_time()
        try:
            return run_post(*a, **k)
        finally:
            post[0] += time.perf_counter() - w
            post[1] += time.process_time() - c

    pl.run_post = timed_post  # type: ignore[assignment]
    load0 = os.getloadavg()[0]
    store = Store(db)
    store.con.execute("SET memory_limit='2GB'")
    w0, c0 = time.perf_counter(), time.process_time()
    report = ingest([folder], store, settings=settings, workers=int(workers))
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    store.close()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"side": side, "wall_s": round(wall, 2), "cpu_s": round(cpu, 2),
            "workers_cpu_s": round(kids.ru_utime + kids.ru_stime, 2), "workers_sys_s": round(kids.ru_stime, 2),
            "workers_minflt": kids.ru_minflt, "post_cpu_s": round(post[1], 2), "post_wall_s": round(post[0], 2),
            "articles": report.articles,
            "errors": len(report.errors), "load_start": round(load0, 2), "load_end": round(os.getloadavg()[0], 2),
            "driver_waited_s": round(waited[0], 2), "results_mb": round(waited[1] / 1e6, 2)}


def run_child(*args: object) -> dict[str, Any]:
    return corpus.run_child(__file__, *args)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=800)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sides", default="1,2", help="worker counts, N:nofreeze for N without the gc freeze")
    ap.add_argument("--child", nargs=3)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="presslens-workers-"))
    n = corpus.write(tmp / "text", corpus.spread_pages(corpus.paragraphs(), args.pages))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; {n} distinct pages", flush=True)
    sides = args.sides.split(",")
    res: dict[str, list[dict[str, Any]]] = {s: [] for s in sides}
    k = 0
    for r in range(args.rounds):
        for w in (sides if r % 2 == 0 else sides[::-1]):
            k += 1
            out = run_child(tmp / "text", tmp / f"s{k}.duckdb", w)
            res[w].append(out)
            print(json.dumps(out), flush=True)
    one = res[sides[0]]
    for side in sides[1:]:
        many = res[side]
        wall = [a["wall_s"] / b["wall_s"] for a, b in zip(one, many, strict=True)]
        cpu = [(b["cpu_s"] + b["workers_cpu_s"]) / a["cpu_s"] for a, b in zip(one, many, strict=True)]
        print(f"--workers {side} vs {sides[0]}, wall speed-up: median {statistics.median(wall):.2f} "
              f"(min {min(wall):.2f}, max {max(wall):.2f}); total CPU ratio: "
              f"median {statistics.median(cpu):.2f} (min {min(cpu):.2f}, max {max(cpu):.2f})")


if __name__ == "__main__":
    main()
