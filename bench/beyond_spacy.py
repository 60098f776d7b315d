"""CPU of presslens beyond spaCy, per stage, on distinct real articles (issue 19).

    nice -n 10 .venv/bin/python bench/beyond_spacy.py [--pages 300] [--rounds 3] [--profile FILE]

Three sides, each in a fresh process on the same first-pass texts (``corpus.pages``: every real
paragraph used once), interleaved round by round with their order alternating:

- ``spacy``: the configured model as spaCy ships it (no presslens component, no memo tables),
  ``nlp.pipe`` over the article texts presslens parses;
- ``stages``: presslens's article stages over the same segmented pages, CPU per stage, and within
  the ``nlp`` stage the spaCy pipe apart from presslens's own work around it (masking, Docs);
- ``ingest``: ``pipeline.ingest`` of the same pages into a new store, one process, CPU per phase:
  reading, segmentation, article stages, store writes, each store-wide stage, and the rest.

Figures are CPU seconds of the whole process (``resource.getrusage``: DuckDB's and spaCy's threads
included). ``--profile FILE`` also writes a cProfile (CPU clock) of one ``stages`` side.
The ratios printed are spaCy's CPU over presslens's (the issue's "0.85x" form) per round, with
their spread, and the load average beside every round: on a shared machine that is the noise.
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

WARM = ("Protesters gathered in Paris, Texas, on Monday, and the Ohio Supreme Court ruled in Columbus. "
        "Russian officials in Moscow said the U.S. and the EU had been told.")


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Clock:
    """CPU seconds spent inside wrapped callables, by name (outermost call only)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.depth = 0

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*a: Any, **k: Any) -> Any:
            if self.depth:
                return fn(*a, **k)
            self.depth += 1
            t = cpu()
            try:
                return fn(*a, **k)
            finally:
                self.spent[name] = self.spent.get(name, 0.0) + cpu() - t
                self.depth -= 1
        return timed

    def wrap_iter(self, name: str, it: Iterator[Any]) -> Iterator[Any]:
        while True:
            t = cpu()
            try:
                item = next(it)
            except StopIteration:
                self.spent[name] = self.spent.get(name, 0.0) + cpu() - t
                return
            self.spent[name] = self.spent.get(name, 0.0) + cpu() - t
            yield item


def _segmented(folder: str) -> tuple[Any, list[list[Any]]]:
    from presslens.ingest import read_paths
    from presslens.pipeline import Pipeline
    from presslens.records import Analysis, Page
    from presslens.settings import load_settings

    pipe = Pipeline(load_settings())
    pipe.analyse_page(Page(key="warm", text=WARM))
    pages = [p for p in read_paths([folder], pipe.settings) if isinstance(p, Page)]
    return pipe, [[Analysis(article=a, page_text=p.text) for a in pipe.segment(p)] for p in pages]


def child_spacy(folder: str) -> dict[str, Any]:
    import spacy

    from presslens.nlp import article_text

    pipe, per_page = _segmented(folder)
    texts = [article_text(a.article, a.page_text) for page in per_page for a in page]
    nlp = spacy.load(pipe.settings["nlp"]["model"])
    list(nlp.pipe([WARM]))
    t0 = cpu()
    for _ in nlp.pipe(texts, batch_size=int(pipe.settings["nlp"]["batch_size"])):
        pass
    return {"cpu_s": cpu() - t0, "articles": len(texts)}


def child_stages(folder: str, profile: str = "") -> dict[str, Any]:
    from presslens.nlp import NlpStage

    pipe, per_page = _segmented(folder)
    clock, inner = Clock(), Clock()
    for s in pipe.stages:  # batch stages return generators: time their iteration
        if getattr(s, "batch", None) is not None:
            name = pipe.stage_names[pipe.stages.index(s)]
            s.batch = (lambda xs, f=s.batch, n=name: clock.wrap_iter(n, iter(f(xs))))  # type: ignore[union-attr]
            if isinstance(s, NlpStage):  # spaCy's own pipe inside the stage
                pipe_fn = s.nlp.pipe
                s.nlp.pipe = (lambda *a, f=pipe_fn, **k: inner.wrap_iter("nlp: spaCy pipe", iter(f(*a, **k))))  # type: ignore[method-assign]
    pipe.stages = [s if getattr(s, "batch", None) is not None else clock.wrap(n, s)
                   for n, s in zip(pipe.stage_names, pipe.stages, strict=True)]
    size = int(pipe.settings["pipeline"]["page_batch"])
    prof = None
    if profile:
        import cProfile

        prof = cProfile.Profile(time.process_time)
        prof.enable()
    t0 = cpu()
    for i in range(0, len(per_page), size):
        pipe.run_stages(per_page[i:i + size])
    total = cpu() - t0
    if prof is not None:
        prof.disable()
        prof.dump_stats(profile)
    return {"cpu_s": total, "articles": sum(map(len, per_page)), "stages": {**clock.spent, **inner.spent}}


def child_ingest(folder: str, db: str) -> dict[str, Any]:
    from presslens import pipeline as pl
    from presslens import registry
    from presslens.records import Page
    from presslens.settings import load_settings
    from presslens.store import Store

    settings = load_settings()
    pl.Pipeline(settings).analyse_page(Page(key="warm", text=WARM))  # model, tables: start-up
    clock = Clock()
    read = pl.iter_inputs
    pl.iter_inputs = lambda paths, s: clock.wrap_iter("read", read(paths, s))  # type: ignore[assignment]
    pl.Pipeline.run_stages = clock.wrap("article stages", pl.Pipeline.run_stages)  # type: ignore[method-assign]
    init = pl.Pipeline.__init__

    def init_timed(self: Any, *a: Any, **k: Any) -> None:
        init(self, *a, **k)
        self.segment = clock.wrap("segment", self.segment)

    pl.Pipeline.__init__ = init_timed  # type: ignore[method-assign]
    Store.write_pages = clock.wrap("store writes", Store.write_pages)  # type: ignore[method-assign]
    for name in settings["pipeline"]["post"]:
        key = f"post:{name}"
        registry.stages.register(key)(clock.wrap(f"post {name}", registry.stages.get(key)))
    store = Store(db)
    t0 = cpu()
    report = pl.ingest([folder], store, settings=settings, workers=1)
    store.close()
    total = cpu() - t0
    spent = dict(clock.spent)
    spent["rest"] = total - sum(spent.values())
    return {"cpu_s": total, "articles": report.articles, "phases": spent}


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {"spacy": child_spacy, "stages": child_stages,
                                                      "ingest": child_ingest}


def run_child(*args: object) -> dict[str, Any]:
    return corpus.run_child(__file__, *args)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--sides", default="spacy,stages,ingest")
    ap.add_argument("--profile", default="", help="cProfile of the first stages side to this file")
    ap.add_argument("--out", default="")
    ap.add_argument("--child", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    if args.child:
        name, *rest = args.child
        print(json.dumps(CHILDREN[name](*rest)))
        return
    tmp = Path(tempfile.mkdtemp(prefix="presslens-beyond-"))
    n = corpus.write(tmp / "text", iter(list(corpus.pages(corpus.paragraphs(), per_page=3))[:args.pages]))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}; {n} distinct pages", flush=True)
    sides = [s for s in args.sides.split(",") if s]
    res: dict[str, list[dict[str, Any]]] = {s: [] for s in sides}
    for r in range(args.rounds):
        for side in (sides if r % 2 == 0 else sides[::-1]):
            extra: tuple[object, ...] = ()
            if side == "ingest":
                extra = (tmp / f"s{r}.duckdb",)
            elif side == "stages" and args.profile and r == 0:
                extra = (args.profile,)
            load = os.getloadavg()[0]
            out = run_child(side, tmp / "text", *extra)
            out["load"] = round(load, 1)
            if side == "stages" and extra:
                out["profiled"] = True  # cProfile's own cost: printed, left out of the summary
            res[side].append(out)
            print(json.dumps({side: out}), flush=True)
    summary(res)
    if args.out:
        Path(args.out).write_text(json.dumps(res, indent=1), encoding="utf-8")


def summary(res: dict[str, list[dict[str, Any]]]) -> None:
    def spread(xs: list[float]) -> str:
        return f"{statistics.median(xs):.2f} (min {min(xs):.2f}, max {max(xs):.2f}, n={len(xs)})"

    sp = res.get("spacy", [])
    for side in ("stages", "ingest"):
        pairs = [(a, b) for a, b in zip(sp, res.get(side, []), strict=False) if not b.get("profiled")]
        if pairs:
            print(f"spaCy / {side} (CPU): {spread([a['cpu_s'] / b['cpu_s'] for a, b in pairs])}")
    if sp:
        print(f"spacy: {spread([r['cpu_s'] for r in sp])} CPU-s")
    for side, key in (("stages", "stages"), ("ingest", "phases")):
        rows = [r for r in res.get(side, []) if not r.get("profiled")]
        if not rows:
            continue
        print(f"{side}: {spread([r['cpu_s'] for r in rows])} CPU-s; median per part:")
        for part in rows[0][key]:
            print(f"  {part:20s} {statistics.median(r[key].get(part, 0.0) for r in rows):7.2f}")


if __name__ == "__main__":
    main()
