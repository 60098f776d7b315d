"""One benchmark suite: presslens against bare spaCy and trafilatura, workers, Ray, memory, size.

    .venv/bin/python bench/run.py [--rounds 3] [--memory-pages 10000] [--skip ray,memory]

Every figure is measured in this one run. Each measurement runs in a fresh process on texts it
has never seen (a first pass: no warm memo tables; bench/corpus.py makes ~900 distinct pages from
real news, every paragraph used once), after loading and an untimed warm-up on one unrelated
sentence, so start-up is not throughput. The sides of each comparison are interleaved, their
order alternating round by round, and every ratio is printed with its spread over the rounds
(min / median / max): on shared cores neighbours slow one phase and not the other.

Single-process figures are CPU seconds (``time.process_time``, DuckDB's threads included);
worker and Ray figures are wall seconds (CPU time cannot show parallelism), so they are noisy on a
loaded machine. Results go in docs/performance.md by hand, with the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
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


# ------------------------------------------------------------------------------------------ children

def _segmented(folder: str) -> tuple[Any, list[Any], list[list[Any]]]:
    from presslens.ingest import read_paths
    from presslens.pipeline import Pipeline
    from presslens.records import Analysis, Page
    from presslens.settings import load_settings

    settings = load_settings()
    pipe = Pipeline(settings)
    pipe.analyse_page(Page(key="warm", text=WARM))
    pages = [p for p in read_paths([folder], settings) if isinstance(p, Page)]
    per_page = [[Analysis(article=a, page_text=p.text) for a in pipe.segment(p)] for p in pages]
    return pipe, pages, per_page


def child_stages(folder: str) -> dict[str, Any]:
    pipe, _, per_page = _segmented(folder)
    size = int(pipe.settings["pipeline"]["page_batch"])
    t0 = time.process_time()
    for i in range(0, len(per_page), size):
        pipe.run_stages(per_page[i:i + size])
    return {"cpu_s": time.process_time() - t0, "articles": sum(map(len, per_page))}


def child_spacy(folder: str, keep: str) -> dict[str, Any]:
    import spacy

    from presslens.nlp import article_text

    _, _, per_page = _segmented(folder)
    texts = [article_text(a.article, a.page_text) for page in per_page for a in page]
    from presslens.settings import load_settings

    settings = load_settings()
    model = settings["nlp"]["model"]
    names = spacy.load(model).pipe_names
    nlp = spacy.load(model, disable=[] if keep == "full" else [n for n in names if n != "ner"])
    list(nlp.pipe([WARM]))
    t0 = time.process_time()
    for _ in nlp.pipe(texts, batch_size=int(settings["nlp"]["batch_size"])):
        pass
    return {"cpu_s": time.process_time() - t0, "articles": len(texts)}


def _tree_cpu(root: int) -> float:
    """CPU seconds (user + system, their reaped children's included) of the live processes below
    ``root``: Ray's GCS, raylet and actors are started by the driver but are not children it waits
    for, so ``RUSAGE_CHILDREN`` never counts them."""
    parent: dict[int, int] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            f = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(d.name)] = int(f[1])
        cpu[int(d.name)] = sum(int(x) for x in f[11:15]) / tick
    below, todo = set(), [root]
    while todo:
        x = todo.pop()
        kids = [p for p, pp in parent.items() if pp == x and p not in below]
        below.update(kids)
        todo += kids
    return sum(cpu[p] for p in below)


def child_ray_idle(workers: int, idle_s: int) -> dict[str, Any]:
    """What Ray costs before any work: ``ray.init`` as presslens starts it (``scale.init_ray``: wall,
    CPU of the driver and of the processes it starts), the CPU those processes burn in the next
    ``idle_s`` (their pipeline preload included), and starting ``workers`` actors that hold a
    presslens ``Pipeline`` (first page analysed)."""
    import ray

    from presslens.scale import PageAnalyser, init_ray, local_cpus, node_forks

    w0, c0 = time.perf_counter(), time.process_time()
    init_ray(num_cpus=local_cpus(workers))
    init_wall, init_cpu, tree0 = time.perf_counter() - w0, time.process_time() - c0, _tree_cpu(os.getpid())
    time.sleep(idle_s)
    idle_tree = _tree_cpu(os.getpid()) - tree0

    from presslens.records import Page
    from presslens.settings import load_settings

    # As the engine starts them: one node actor forking `workers` processes where it can fork.
    forks = node_forks(workers, None)
    node = ray.remote(PageAnalyser).options(num_cpus=1, max_concurrency=2 * forks)
    t1, tree1 = time.perf_counter(), _tree_cpu(os.getpid())
    actors = [node.remote(load_settings(), None, None, None, forks) for _ in range(workers // forks)]
    ray.get([a.analyse.remote([Page(key="warm", text=WARM)]) for a in actors])
    actor_wall, actor_tree = time.perf_counter() - t1, _tree_cpu(os.getpid()) - tree1
    ray.shutdown()
    return {"init_wall_s": init_wall, "init_driver_cpu_s": init_cpu, "init_procs_cpu_s": tree0,
            "idle_s": idle_s, "idle_procs_cpu_s": idle_tree, "actors": workers, "actors_ready_wall_s": actor_wall,
            "actors_start_cpu_s": actor_tree}


def _timeline(marks: dict[str, float], t0: list[float]) -> None:
    """Wall seconds since the run started at which the engine got its first batch, gave its first
    and last result, and the store-wide stages started and ended: where a run's wall goes (start-up
    before the first result, the analysis, the tail after the last result)."""
    from presslens import pipeline, scale

    def mark(what: str) -> None:
        marks.setdefault(what, round(time.perf_counter() - t0[0], 2))

    def timed(make: Any) -> Any:
        def mapper(*a: Any, **k: Any) -> Any:
            run = make(*a, **k)

            def timed_run(batches: Any, settings: Any, stages: Any) -> Any:
                def fed() -> Any:
                    for batch in batches:
                        mark("first_batch_s")
                        yield batch
                for out in run(fed(), settings, stages):
                    mark("first_result_s")
                    # Ray's actors are ended with the run (not children this process reaps): their
                    # CPU is read while they live, at each result.
                    marks["tree_cpu_s"] = _tree_cpu(os.getpid())
                    yield out
                mark("last_result_s")
            return timed_run
        return mapper

    pipeline.local_mapper = timed(pipeline.local_mapper)  # type: ignore[assignment]
    scale.ray_mapper = timed(scale.ray_mapper)  # type: ignore[assignment]
    post = pipeline.run_post

    def timed_post(*a: Any, **k: Any) -> Any:
        mark("post_start_s")
        try:
            return post(*a, **k)
        finally:
            mark("post_end_s")

    pipeline.run_post = timed_post  # type: ignore[assignment]


def child_ingest(folder: str, db: str, workers: int, engine: str, nlp: bool, cold: bool = False) -> dict[str, Any]:
    """One ingest. Warm (the default): the model and tables are loaded and Ray started before the
    timed run (start-up is not throughput). ``cold``: nothing is loaded first and the timed run
    includes what the command pays before its first page (``ray.init`` and the actors' or the
    parent's model load), as ``presslens ingest`` run from a shell does."""
    from presslens.pipeline import Pipeline, ingest
    from presslens.records import Page
    from presslens.settings import load_settings
    from presslens.store import Store

    settings = load_settings()
    stages = None if nlp else []
    rebuild = 0.0
    if not cold:
        Pipeline(settings, stages=stages).analyse_page(Page(key="warm", text=WARM))  # model, tables: cached
        rebuild = time.process_time()
        Pipeline(settings, stages=stages)
        rebuild = time.process_time() - rebuild  # what ingest's own pipeline build still costs
    w0, c0 = time.perf_counter(), time.process_time()
    init = 0.0
    if engine == "ray":
        from presslens.scale import init_ray, local_cpus, ray_ingest

        # As the CLI starts it: a local Ray whose worker process preloads the pipeline.
        init_ray(num_cpus=local_cpus(workers), settings=settings, stages=stages)
        init = time.perf_counter() - w0
    store = Store(db)
    marks: dict[str, float] = {}
    t0 = [0.0]
    _timeline(marks, t0)
    tree0 = 0.0 if cold else _tree_cpu(os.getpid())  # Ray's start-up, before a warm timed run
    if not cold:
        w0, c0 = time.perf_counter(), time.process_time()
    t0[0] = w0
    if engine == "ray":
        report = ray_ingest([folder], store, settings=settings, stages=stages, concurrency=workers)
    else:
        report = ingest([folder], store, settings=settings, stages=stages, workers=workers)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    # Ray's processes (GCS, raylet, actors; forked workers have exited: 0), the actors read at the last result
    # (forked workers are reaped, so RUSAGE_CHILDREN below counts them: their live reading would count
    # them twice)
    live = float(marks.pop("tree_cpu_s", 0.0)) if engine == "ray" else 0.0
    tree = max(_tree_cpu(os.getpid()), live) - tree0
    store.close()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall_s": wall, "cpu_s": cpu, "child_cpu_s": kids.ru_utime + kids.ru_stime + tree, "rebuild_s": rebuild,
            "ray_init_s": init, "articles": report.articles, "pages": report.pages_stored,
            "errors": len(report.errors), "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "child_rss_mb": kids.ru_maxrss / 1024, "store_mb": Path(db).stat().st_size / 1e6, **marks}


def child_trafilatura(folder: str) -> dict[str, Any]:
    import trafilatura

    htmls = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(Path(folder).glob("*.htm*"))]
    trafilatura.extract(htmls[0])
    t0 = time.process_time()
    for h in htmls:
        trafilatura.extract(h)
    return {"cpu_s": time.process_time() - t0, "pages": len(htmls)}


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def child_memory(folder: str, db: str, every: int) -> dict[str, Any]:
    """RSS of the ingest process (one worker: all memory is in one place) every ``every`` articles."""
    from presslens.pipeline import IngestReport, ingest
    from presslens.store import Store

    samples: list[tuple[int, float]] = []
    nxt = every

    def sample(report: IngestReport) -> None:
        nonlocal nxt
        if report.articles_analysed >= nxt:
            samples.append((report.articles_analysed, _rss_mb(os.getpid())))
            nxt += every

    with Store(db) as store:
        report = ingest([folder], store, workers=1, on_report=sample)
    return {"samples": samples, "articles": report.articles, "store_mb": Path(db).stat().st_size / 1e6,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def child_startup() -> dict[str, Any]:
    """CPU a forked worker spends up to the end of its first page, against a fresh process's
    CPU up to the end of its first page (what a spawned worker pays)."""
    import multiprocessing

    from presslens.pipeline import Pipeline
    from presslens.records import Page
    from presslens.settings import load_settings

    pipe = Pipeline(load_settings())
    pipe.analyse_page(Page(key="warm", text=WARM))
    build = time.process_time()  # since this process started: interpreter, imports, pipeline, first page
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()

    def first_page() -> None:  # a forked child's CPU clock starts at zero
        pipe.analyse_page(Page(key="w2", text="Officials in Lagos said on Tuesday that 12 people were hurt."))
        q.put(time.process_time())

    p = ctx.Process(target=first_page)
    p.start()
    worker = q.get()
    p.join()
    return {"spawned_worker_s": build, "forked_worker_s": worker}


CHILDREN = {"stages": child_stages, "spacy": child_spacy, "ingest": child_ingest, "trafilatura": child_trafilatura,
            "memory": child_memory, "startup": child_startup, "ray_idle": child_ray_idle}


# ------------------------------------------------------------------------------------------ driver

def run_child(*args: object) -> dict[str, Any]:
    return corpus.run_child(__file__, *args)


def spread(xs: list[float]) -> str:
    return f"{statistics.median(xs):.2f} (min {min(xs):.2f}, max {max(xs):.2f}, n={len(xs)})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--memory-pages", type=int, default=10_000)
    ap.add_argument("--memory-every", type=int, default=1000)
    ap.add_argument("--pages", type=int, default=0, help="use only this many distinct pages (0: all)")
    ap.add_argument("--skip", default="",
                    help="comma-separated: spacy,ingest,html,workers,ray,cold,ray_idle,memory,startup,stages")
    ap.add_argument("--child", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    if args.child:
        name, *rest = args.child
        fn = CHILDREN[name]
        typed = [int(x) if x.isdigit() else {"True": True, "False": False}.get(x, x) for x in rest]
        print(json.dumps(fn(*typed)))
        return
    skip = set(filter(None, args.skip.split(",")))
    tmp = Path(tempfile.mkdtemp(prefix="presslens-bench-"))
    paras = corpus.paragraphs()
    text_dir, html_dir = tmp / "text", corpus.HTML_PAGES
    distinct = list(corpus.pages(paras, per_page=3))
    n_pages = corpus.write(text_dir, iter(distinct[:args.pages] if args.pages else distinct))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()}, python {sys.version.split()[0]}")
    print(f"corpus: {n_pages} distinct text pages from {len(paras)} real paragraphs; "
          f"{len(corpus.html_pages())} real HTML pages")
    res: dict[str, list[dict[str, Any]]] = {}
    dbs: dict[str, list[object]] = {}  # each side's first store, to compare contents
    db_n = 0

    def measure(key: str, *a: object) -> None:
        nonlocal db_n
        db_n += 1
        a = tuple(str(tmp / f"s{db_n}.duckdb") if x == "DB" else x for x in a)
        t = time.perf_counter()
        res.setdefault(key, []).append(run_child(*a))
        dbs.setdefault(key, [x for x in a if str(x).endswith(".duckdb")])
        print(f"  {key}: {json.dumps(res[key][-1])[:300]} ({time.perf_counter() - t:.0f}s)", flush=True)

    plan: list[tuple[str, tuple[object, ...]]] = [] if "stages" in skip else [("stages", ("stages", text_dir))]
    if "spacy" not in skip:
        plan += [("spacy_full", ("spacy", text_dir, "full")), ("spacy_ner", ("spacy", text_dir, "ner"))]
    if "ingest" not in skip:
        plan += [("ingest_1", ("ingest", text_dir, "DB", 1, "local", True))]
    if "html" not in skip:
        plan += [("html_nlp", ("ingest", html_dir, "DB", 1, "local", True)),
                 ("html_no_nlp", ("ingest", html_dir, "DB", 1, "local", False)),
                 ("trafilatura", ("trafilatura", html_dir))]
    if "workers" not in skip:
        plan += [("workers_n", ("ingest", text_dir, "DB", args.workers, "local", True))]
    if "ray" not in skip:
        plan += [("ray_n", ("ingest", text_dir, "DB", args.workers, "ray", True))]
    if "cold" not in skip:  # as from a shell: the timed run includes model loads and ray.init
        plan += [("workers_cold", ("ingest", text_dir, "DB", args.workers, "local", True, True)),
                 ("ray_cold", ("ingest", text_dir, "DB", args.workers, "ray", True, True))]
    if "startup" not in skip:
        plan += [("startup", ("startup",))]
    if "ray_idle" not in skip:
        plan += [("ray_idle", ("ray_idle", args.workers, 20))]
    for r in range(args.rounds):
        print(f"round {r + 1}/{args.rounds}, load average {os.getloadavg()[0]:.1f}", flush=True)
        for key, a in (plan if r % 2 == 0 else plan[::-1]):
            measure(key, *a)
    report(res)
    if dbs.get("workers_n") and dbs.get("ray_n"):
        print(f"  Ray and --workers stores: {same_store(str(dbs['workers_n'][0]), str(dbs['ray_n'][0]))}")
    if "memory" not in skip:
        mem_dir = tmp / "memory"
        corpus.write(mem_dir, corpus.recombined(paras, args.memory_pages, per_page=3))
        measure("memory", "memory", mem_dir, "DB", args.memory_every)
        m = res["memory"][0]
        if len(m["samples"]) < 2:
            print("memory: too few samples (raise --memory-pages)")
            return
        first, last = m["samples"][0][1], m["samples"][-1][1]
        print(f"memory: RSS {first:.0f} MB at {m['samples'][0][0]} articles -> {last:.0f} MB at "
              f"{m['samples'][-1][0]} ({100 * (last - first) / first:+.1f}%; goal within ±15%); samples "
              + ", ".join(f"{n}:{mb:.0f}" for n, mb in m["samples"]))
        print(f"memory: store {1000 * m['store_mb'] / m['articles']:.2f} MB per 1k articles at {m['articles']}")
    print(json.dumps(res))


def same_store(a: str, b: str) -> str:
    """Whether two stores hold the same rows (clock columns left out: ``testing.store_rows``)."""
    from presslens.store import Store
    from presslens.testing import store_rows

    with Store(a, read_only=True) as sa, Store(b, read_only=True) as sb:
        ra, rb = store_rows(sa), store_rows(sb)
    differ = [t for t in sorted(set(ra) | set(rb)) if ra.get(t) != rb.get(t)]
    rows = sum(len(v) for v in ra.values())
    return f"identical ({rows} rows in {len(ra)} tables)" if not differ else f"DIFFER in {differ}"


def report(res: dict[str, list[dict[str, Any]]]) -> None:
    def ratio(num: str, den: str, field: str = "cpu_s") -> list[float]:
        return [a[field] / b[field] for a, b in zip(res.get(num, []), res.get(den, []), strict=False)]

    lines = [("article stages vs full spaCy (CPU; goal >= 0.85)", ratio("spacy_full", "stages")),
             ("article stages vs spaCy NER-only (CPU)", ratio("spacy_ner", "stages")),
             ("end-to-end ingest, 1 process, vs full spaCy (CPU; goal >= 0.80)", ratio("spacy_full", "ingest_1")),
             ("HTML ingest with NLP vs bare trafilatura (CPU)", ratio("trafilatura", "html_nlp")),
             ("HTML ingest without NLP vs bare trafilatura (CPU)", ratio("trafilatura", "html_no_nlp")),
             ("--workers N vs --workers 1 (wall; goal >= 1.8 with N=2)", ratio("ingest_1", "workers_n", "wall_s")),
             ("Ray N actors vs --workers N (wall; goal >= 0.95)", ratio("workers_n", "ray_n", "wall_s")),
             ("Ray vs --workers, cold command (wall incl. ray.init and model loads)",
              ratio("workers_cold", "ray_cold", "wall_s"))]
    print("ratios (speed of the first side over the second; median, spread over rounds):")
    for label, xs in lines:
        if xs:
            print(f"  {label}: {spread(xs)}")
    for key in ("stages", "spacy_full", "ingest_1", "workers_n", "ray_n", "workers_cold", "ray_cold"):
        for r in res.get(key, [])[:1]:
            print(f"  {key}: {r['articles']} articles, {r['articles'] / r.get('wall_s', r['cpu_s']):.1f} articles/s")
    for key in ("ray_n", "ray_cold"):
        for r in res.get(key, []):
            print(f"  {key}: ray.init {r['ray_init_s']:.1f}s wall, first result at {r.get('first_result_s', 0):.1f}s")
    for r in res.get("ray_idle", []):
        print(f"  Ray idle: init {r['init_wall_s']:.1f}s wall ({r['init_driver_cpu_s']:.1f} CPU-s driver, "
              f"{r['init_procs_cpu_s']:.1f} its processes); idle {r['idle_procs_cpu_s']:.2f} CPU-s per "
              f"{r['idle_s']}s; {r['actors']} actors ready in {r['actors_ready_wall_s']:.1f}s wall, "
              f"{r['actors_start_cpu_s']:.1f} CPU-s")
    for r in res.get("startup", []):
        print(f"  worker start-up CPU: spawned {r['spawned_worker_s']:.2f}s, forked {r['forked_worker_s']:.3f}s")
    for key in ("ingest_1", "workers_n", "ray_n"):
        for r in res.get(key, [])[:1]:
            peak = r["rss_mb"] + (r["child_rss_mb"] if key != "ingest_1" else 0)
            print(f"  {key}: peak RSS {r['rss_mb']:.0f} MB (+ largest child {r['child_rss_mb']:.0f} MB), "
                  f"store {1000 * r['store_mb'] / max(r['articles'], 1):.2f} MB per 1k articles; ~{peak:.0f} MB")


if __name__ == "__main__":
    main()
