"""Peak memory of one ingest run from 1k to 10k articles (issue 19: flat within ±15%).

    nice -n 10 .venv/bin/python bench/memory.py --pages 10000 [--every 500] [--workers 1] [--mode names]
    nice -n 10 .venv/bin/python bench/memory.py --pages 1500 --tracemalloc 300,1500   # what grows

Pages are distinct generated texts (``corpus.renamed``): real paragraphs recombined, and in every
page each capitalised word that does not start a sentence has its letters after the first shifted
by an amount drawn from (page, word), so every page brings new names, as a news archive keeps
bringing new people and places; what grows with the vocabulary (spaCy's string store, memo tables,
caches) grows here as it would, or faster. ``--mode recombined`` keeps the words as written.

Every ``--every`` articles the resident memory of the process tree (this process and its workers)
is printed and flushed, so a run stopped early still says how far memory went; the high-water mark
of the tree (``ru_maxrss`` of self and children) is printed at the end. DuckDB's memory is capped
(``SET memory_limit``) as on the shared machine. ``--tracemalloc A,B`` traces Python's allocations
(slow: ~2x CPU) and prints what grew between the snapshots taken at A and B articles, by line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and its descendants (shared pages counted in each: an upper bound)."""
    total = 0.0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--mode", choices=("names", "recombined"), default="names")
    ap.add_argument("--tracemalloc", default="", help="A,B: the allocations that grew from A to B articles")
    ap.add_argument("--keep", default="", help="folder for the texts and store (default: a temporary one)")
    args = ap.parse_args()

    from presslens.pipeline import IngestReport, ingest
    from presslens.settings import load_settings
    from presslens.store import Store

    tmp = Path(args.keep or tempfile.mkdtemp(prefix="presslens-mem-"))
    paras = corpus.paragraphs()
    texts = (corpus.renamed(paras, args.pages, per_page=3) if args.mode == "names"
             else corpus.recombined(paras, args.pages, per_page=3))
    n = corpus.write(tmp / "pages", texts)
    print(f"load average {os.getloadavg()}, {n} pages ({args.mode}) in {tmp}", flush=True)
    nxt = args.every
    t0, c0 = time.perf_counter(), time.process_time()
    samples: list[tuple[int, float]] = []
    marks = [int(x) for x in args.tracemalloc.split(",") if x]
    snaps: list[object] = []
    if marks:
        import tracemalloc

        tracemalloc.start(1)

    def sample(report: IngestReport) -> None:
        nonlocal nxt
        if marks and len(snaps) < len(marks) and report.articles_analysed >= marks[len(snaps)]:
            import gc
            import tracemalloc

            gc.collect()
            snaps.append(tracemalloc.take_snapshot())
            if len(snaps) == 2:
                grew = snaps[1].compare_to(snaps[0], "lineno")  # type: ignore[attr-defined]
                print(f"tracemalloc: traced {sum(s.size for s in snaps[1].statistics('filename')) / 1e6:.1f} MB "  # type: ignore[attr-defined]
                      f"at {report.articles_analysed} articles; grew most since {marks[0]}:", flush=True)
                for st in grew[:25]:
                    print(f"  {st.size_diff / 1e6:+8.2f} MB {st.count_diff:+9d} blocks  {st.traceback}", flush=True)
        if report.articles_analysed >= nxt:
            rss = tree_rss_mb(os.getpid())
            samples.append((report.articles_analysed, rss))
            print(json.dumps({"articles": report.articles_analysed, "tree_rss_mb": round(rss, 1),
                              "wall_s": round(time.perf_counter() - t0), "cpu_s": round(time.process_time() - c0),
                              "load": round(os.getloadavg()[0], 1)}), flush=True)
            nxt += args.every

    with Store(tmp / "s.duckdb") as store:
        store.con.execute("SET memory_limit='2GB'")
        report = ingest([tmp / "pages"], store, settings=load_settings(), workers=args.workers, on_report=sample)
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"articles": report.articles, "errors": len(report.errors),
                      "peak_rss_mb": round(me.ru_maxrss / 1024), "peak_child_rss_mb": round(kids.ru_maxrss / 1024),
                      "store_mb": round((tmp / "s.duckdb").stat().st_size / 1e6, 1)}), flush=True)
    at = {a: mb for a, mb in samples}
    base = next((mb for a, mb in samples if a >= 1000), None)
    if base:
        last_a, last = samples[-1]
        print(f"tree RSS {base:.0f} MB at ~1k articles -> {last:.0f} MB at {last_a} "
              f"({100 * (last - base) / base:+.1f}%; goal within ±15%); {len(at)} samples", flush=True)


if __name__ == "__main__":
    main()
