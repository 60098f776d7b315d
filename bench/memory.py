"""Peak memory of one ingest run from 1k to 10k articles (issue 19: flat within ±15%).

    nice -n 10 .venv/bin/python bench/memory.py --pages 10000 [--every 500] [--workers 1] [--mode names]
    nice -n 10 .venv/bin/python bench/memory.py --pages 1500 --tracemalloc 300,1500   # what grows

Pages are distinct generated texts (``corpus.renamed``): real paragraphs recombined, and in every
page each capitalised word that does not start a sentence has its letters after the first shifted
by an amount drawn from (page, word), so every page brings new names, as a news archive keeps
bringing new people and places; what grows with the vocabulary (spaCy's string store, memo tables,
caches) grows here as it would, or faster. ``--mode recombined`` keeps the words as written. Both
repeat each real paragraph word for word ``3 n / 1,507`` times, so their copied passages (and same
quotes) grow with the square of the run: 4,470 at 1k, 360,972 at 10k. ``--mode linear``
(``corpus.linear``) tells every use of a paragraph as a story of its own and gives a fixed share of
pages (``--wire-share``, 0.3) a wire paragraph shared by 3 outlets: copies grow with the run.
``--dated`` gives every page an outlet and a publication date (``corpus.dated``: 20 outlets, 3
pages a day each), as news pages have; without it every page is undated and sourceless.

Every ``--every`` articles the resident memory of the process tree (this process and its workers)
is printed and flushed, so a run stopped early still says how far memory went; the high-water mark
of the tree (``ru_maxrss`` of self and children) is printed at the end. DuckDB's memory is capped
(``SET memory_limit``) as on the shared machine. ``--tracemalloc A,B`` traces Python's allocations
from A articles on (slow: ~2x CPU, so not from the start) and prints the allocations made after A
still alive at B, by traceback (an entry a bounded cache evicted before A is not seen leaving: read
the total beside RSS). Each sample also prints glibc's heap in use and free-but-kept
(``mallinfo2``), DuckDB's own accounting (``duckdb_memory()``) and its ``memory_limit`` when the
store's connection is open, and Python's live block count.

``--stages`` tags resident memory with the stage running (``memory_stages.py``: a sampler thread
every 0.2 s, VmHWM before and after each store-wide stage and each step of ``post:findings``) and
prints the peak of each. The store-wide stages run once, at the end of a run, over all of its new
articles, so a run's peak can be theirs; to measure them at several sizes without analysing the
pages again, build stores without them and run them alone, in a process that has built and warmed
the pipeline first (so its baseline is an ingest's):

    nice -n 10 .venv/bin/python bench/memory.py --pages 3000 --no-post --keep /tmp/m3k   # analysis only
    nice -n 10 .venv/bin/python bench/memory.py --post-store /tmp/m3k/s.duckdb --stages   # on a copy
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
from typing import Any

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


def malloc_mb() -> dict[str, float]:
    """glibc's heap, all arenas (``mallinfo2``): in use by malloc's callers, and free but kept."""
    import ctypes

    class Info(ctypes.Structure):
        _fields_ = [(f, ctypes.c_size_t) for f in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                                                   "fsmblks", "uordblks", "fordblks", "keepcost")]

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = Info
    except (OSError, AttributeError):
        return {}
    m = libc.mallinfo2()
    return {"malloc_used_mb": round((m.uordblks + m.hblkhd) / 2**20, 1), "malloc_free_mb": round(m.fordblks / 2**20, 1)}


def duckdb_mb(store: object) -> dict[str, float]:
    """DuckDB's own accounting, when the store's connection happens to be open (not reopened for this)."""
    con = getattr(store, "_con", None)
    if con is None:
        return {}
    try:
        used = con.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    except Exception:  # noqa: BLE001  (a measurement only)
        return {}
    return {"duckdb_mb": round((used or 0) / 2**20, 1), "duckdb_limit": limit}


def census() -> dict[str, int]:
    """Sizes of every LRU/functools cache and of every large container alive, by a readable key."""
    import functools
    import gc

    out: dict[str, int] = {}
    big = (dict, list, set, frozenset)

    def container(o: Any) -> None:
        if len(o) >= 2000:
            sample = next(iter(o), None)
            out[f"{type(o).__name__}@{id(o):x} e.g. {str(sample)[:60]!r}"] = len(o)

    for o in gc.get_objects():
        if isinstance(o, functools._lru_cache_wrapper):
            out[f"cache {getattr(o, '__module__', '?')}.{getattr(o, '__qualname__', '?')}"] = o.cache_info().currsize
        elif type(o) in big:
            container(o)
        for r in gc.get_referents(o):  # a dict of strings only is not tracked by gc: found via its holder
            if type(r) in big and not gc.is_tracked(r):
                container(r)
    return out


_LAST: dict[str, tuple[int, int]] = {}


def cache_rates() -> dict[str, list[float]]:
    """Each per-run cache's entries and its hit rate since the previous sample (bench/cache_curve.py
    replays the whole key stream at other sizes)."""
    from presslens.gazetteer import Gazetteer
    from presslens.layers.actors.matcher import Matcher
    from presslens.text import names

    out: dict[str, list[float]] = {}
    for name, fn in (("name_key", names.name_key), ("token_keys", names.token_keys),
                     ("by_key", Gazetteer.by_key), ("by_spelling", Gazetteer.by_spelling),
                     ("keys_of", Matcher.keys_of)):
        info = fn.cache_info()  # type: ignore[attr-defined]
        h0, m0 = _LAST.get(name, (0, 0))
        _LAST[name] = (info.hits, info.misses)
        calls = info.hits - h0 + info.misses - m0
        out[name] = [info.currsize, round((info.hits - h0) / calls, 3) if calls else 0.0]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--mode", choices=("names", "recombined", "linear"), default="names",
                    help="names: recombined with new names (copies grow with n squared); linear: corpus.linear")
    ap.add_argument("--wire-share", type=float, default=corpus.WIRE_SHARE, help="--mode linear: pages with wire copy")
    ap.add_argument("--dated", action="store_true",
                    help="pages with an outlet and a publication date (corpus.dated: 60 a day)")
    ap.add_argument("--tracemalloc", default="", help="A,B: the allocations that grew from A to B articles")
    ap.add_argument("--trim", action="store_true", help="glibc malloc_trim(0) before each sample (what it gives back)")
    ap.add_argument("--census", default="", help="A,B: the caches and large containers that grew from A to B articles")
    ap.add_argument("--keep", default="", help="folder for the texts and store (default: a temporary one)")
    ap.add_argument("--stages", action="store_true", help="resident memory by running stage (memory_stages.py)")
    ap.add_argument("--split", action="store_true",
                    help="with --post-store: each stage's Python heap (tracemalloc: ~2x CPU), DuckDB and glibc memory")
    ap.add_argument("--no-post", action="store_true", help="analyse and store only: no store-wide stages")
    ap.add_argument("--post-store", default="", help="run only the store-wide stages, on a copy of this store")
    ap.add_argument("--duckdb-limit", default="2GB", help="DuckDB memory_limit set on every connection")
    args = ap.parse_args()
    sampler = None
    if args.stages:
        from memory_stages import StageSampler

        sampler = StageSampler(split=args.split)
        sampler.install()
        sampler.__enter__()
    if args.post_store:
        post_only(Path(args.post_store), Path(args.keep) if args.keep else None, sampler, args.duckdb_limit)
        return

    from presslens.pipeline import IngestReport, ingest
    from presslens.settings import load_settings
    from presslens.store import Store

    tmp = Path(args.keep or tempfile.mkdtemp(prefix="presslens-mem-"))
    paras = corpus.paragraphs()
    texts = (corpus.renamed(paras, args.pages, per_page=3) if args.mode == "names"
             else corpus.linear(paras, args.pages, per_page=3, wire_share=args.wire_share) if args.mode == "linear"
             else corpus.recombined(paras, args.pages, per_page=3))
    n = corpus.write(tmp / "pages", texts, corpus.dated(args.pages) if args.dated else None)
    print(f"load average {os.getloadavg()}, {n} pages ({args.mode}{', dated' if args.dated else ''}) in {tmp}",
          flush=True)
    nxt = args.every
    t0, c0 = time.perf_counter(), time.process_time()
    samples: list[tuple[int, float]] = []
    marks = [int(x) for x in args.tracemalloc.split(",") if x]
    snaps: list[object] = []
    depth = 8

    counts = [int(x) for x in args.census.split(",") if x]
    taken: list[dict[str, int]] = []

    def sample(report: IngestReport) -> None:
        nonlocal nxt
        if counts and len(taken) < len(counts) and report.articles_analysed >= counts[len(taken)]:
            taken.append(census())
            if len(taken) == 2:
                a, b = taken
                grew = sorted(((b[k] - a.get(k, 0), k) for k in b), reverse=True)
                print(f"census: grew most from {counts[0]} to {report.articles_analysed} articles "
                      "(entries; a container new since A counts whole):", flush=True)
                for d, k in grew[:30]:
                    print(f"  {d:+9d} (now {b[k]:8d})  {k}", flush=True)
        if marks and len(snaps) < len(marks) and report.articles_analysed >= marks[len(snaps)]:
            import gc
            import tracemalloc

            gc.collect()
            if not snaps:  # traced from A on: ~2x CPU, so not from the start of a long run
                tracemalloc.start(depth)
            snaps.append(tracemalloc.take_snapshot())
            if len(snaps) == 2:
                grew = snaps[1].compare_to(snaps[0], "traceback")  # type: ignore[attr-defined]
                print(f"tracemalloc: traced {sum(s.size for s in snaps[1].statistics('filename')) / 1e6:.1f} MB "  # type: ignore[attr-defined]
                      f"at {report.articles_analysed} articles; grew most since {marks[0]}:", flush=True)
                for st in grew[:25]:
                    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(list(st.traceback)))
                    print(f"  {st.size_diff / 1e6:+8.2f} MB {st.count_diff:+9d} blocks  {where}", flush=True)
        if report.articles_analysed >= nxt:
            rss = tree_rss_mb(os.getpid())
            samples.append((report.articles_analysed, rss))
            parts: dict[str, object] = {**malloc_mb(), **duckdb_mb(store), "py_blocks": sys.getallocatedblocks(),
                                        "caches": cache_rates()}
            if args.trim:
                import ctypes

                ctypes.CDLL("libc.so.6").malloc_trim(0)
                parts["rss_after_trim_mb"] = round(tree_rss_mb(os.getpid()), 1)
            if snaps:
                import tracemalloc

                parts["py_traced_mb"] = round(tracemalloc.get_traced_memory()[0] / 2**20, 1)
            print(json.dumps({"articles": report.articles_analysed, "tree_rss_mb": round(rss, 1), **parts,
                              "wall_s": round(time.perf_counter() - t0), "cpu_s": round(time.process_time() - c0),
                              "load": round(os.getloadavg()[0], 1)}), flush=True)
            nxt += args.every

    corpus.cap_store_memory(args.duckdb_limit)  # on every connection: the ingest reopens the store per batch
    store = Store(tmp / "s.duckdb")
    settings = load_settings()
    if args.no_post:
        settings["pipeline"]["post"] = []
    if sampler:
        sampler.stage = "analyse"
    with store:
        report = ingest([tmp / "pages"], store, settings=settings, workers=args.workers, on_report=sample)
    if sampler:
        sampler.__exit__()
        print(json.dumps({"peak_by_stage_mb": sampler.summary()}), flush=True)
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


def post_only(db: Path, keep: Path | None, sampler: Any, limit: str = "2GB") -> None:
    """The store-wide stages alone over a copy of ``db`` (a store written with ``--no-post``), after
    building the pipeline and analysing its warm-up page, as an ingest process would have."""
    import shutil

    from presslens.pipeline import Pipeline, run_post, warm
    from presslens.settings import load_settings
    from presslens.store import Store

    settings = load_settings()
    warm(Pipeline(settings))
    tmp = keep or Path(tempfile.mkdtemp(prefix="presslens-post-"))
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(db, tmp / "s.duckdb")
    corpus.cap_store_memory(limit)
    if sampler and sampler.split:
        import tracemalloc

        tracemalloc.start(1)  # after the warm-up: the stages' allocations only
    c0, t0 = time.process_time(), time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with Store(tmp / "s.duckdb") as store:
        n = store.rows("SELECT count(*) AS n FROM articles")[0]["n"]
        if sampler:
            sampler.stage = "post"
        counts = run_post(store, settings)
        held = duckdb_mb(store)  # what DuckDB's buffer pool still holds after the stages
    if sampler:
        sampler.__exit__()
    print(json.dumps({"articles": n, "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                      "rss_before_post_mb": round(before), "post_cpu_s": round(time.process_time() - c0, 1),
                      "post_wall_s": round(time.perf_counter() - t0, 1), "load": os.getloadavg()[0],
                      "findings": counts.get("findings"), "duckdb_limit": limit, **held,
                      **({"peak_by_stage_mb": sampler.summary()} if sampler else {})}), flush=True)


if __name__ == "__main__":
    main()
