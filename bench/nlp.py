"""Whole-pipeline words/s next to bare spaCy NER-only on the same articles, in one run.

    .venv/bin/python bench/nlp.py [--words 50000] [--repeat 3] [--seeds ../shared/seeds]

The seeds' articles (segmented once) are repeated to about ``--words`` words. Baseline: the same
article texts through ``spacy.load(model, disable=everything but ner)`` (the model's ner does not
listen to its shared tok2vec). One untimed round warms both up first; then
``--repeat`` interleaved rounds of each side, the best of each kept. Pipeline: every
configured article stage (nlp, actors, places, dates, numbers, quotes, events) on the same
articles, plus a per-stage time split so a low ratio says which stage costs what. Times are CPU
seconds of this process (``time.process_time``): wall time on shared cores mostly measures neighbours.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from presslens import registry
from presslens.ingest import read_paths
from presslens.nlp import article_text
from presslens.pipeline import Pipeline
from presslens.records import Analysis, Page
from presslens.settings import load_settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=50_000)
    ap.add_argument("--repeat", type=int, default=3, help="interleaved repeats; the best of each side counts")
    ap.add_argument("--seeds", default=str(Path(__file__).resolve().parents[1] / "src" / "presslens" / "examples"))
    args = ap.parse_args()
    settings = load_settings()
    pipe = Pipeline(settings)
    pages = [p for p in read_paths([args.seeds], settings) if isinstance(p, Page)]
    units: list[tuple[Page, object]] = [(p, art) for p in pages for art in pipe.segment(p)]
    words_per_round = sum(len(article_text(a, p.text).split()) for p, a in units)  # type: ignore[arg-type]
    rounds = max(1, round(args.words / max(words_per_round, 1)))
    work = units * rounds
    words = words_per_round * rounds
    print(f"{len(work)} articles, {words} words ({rounds} x the seeds)")

    model = settings["nlp"]["model"]
    names = spacy.load(model).pipe_names
    texts = [article_text(a, p.text) for p, a in work]  # type: ignore[arg-type]
    warm = texts[: len(units)]  # one round, untimed: model loading and lazy tables are start-up, not throughput

    def spacy_run(keep: tuple[str, ...]) -> Callable[[], float]:
        nlp = spacy.load(model, disable=[n for n in names if n not in keep])
        for _ in nlp.pipe(warm, batch_size=int(settings["nlp"]["batch_size"])):
            pass

        def timed() -> float:
            t0 = time.process_time()
            for _ in nlp.pipe(texts, batch_size=int(settings["nlp"]["batch_size"])):
                pass
            return time.process_time() - t0
        return timed

    # en_core_web_sm's ner has its own embedding (only tagger and parser listen to tok2vec), so
    # "NER-only" is the ner component alone; tok2vec+ner and the full model are shown for scale.
    base, t2v, full = spacy_run(("ner",)), spacy_run(("tok2vec", "ner")), spacy_run(tuple(names))

    stages = {n: registry.stages.get(n)(settings) for n in settings["pipeline"]["stages"]}

    def run(items: list[tuple[Page, object]], cost: dict[str, float]) -> None:
        by_page: dict[str, list[Analysis]] = {}
        for p, a in items:
            by_page.setdefault(p.id, []).append(Analysis(article=a, page_text=p.text))  # type: ignore[arg-type]
        for analyses in by_page.values():
            for name, stage in stages.items():
                s = time.process_time()
                batch = getattr(stage, "batch", None)
                analyses = list(batch(analyses)) if batch is not None else [stage(x) for x in analyses]
                cost[name] += time.process_time() - s

    run(units, dict.fromkeys(stages, 0.0))  # warm-up round, untimed

    def pipeline() -> tuple[float, dict[str, float]]:
        cost = dict.fromkeys(stages, 0.0)
        t0 = time.process_time()
        run(work, cost)
        return time.process_time() - t0, cost

    # Interleaved repeats, best of each: neighbours on shared cores slow a phase by up to a third,
    # and timing the sides minutes apart made the ratio swing with them.
    t_base = t_t2v = t_full = t_pipe = float("inf")
    cost: dict[str, float] = {}
    for _ in range(args.repeat):
        t_base, t_t2v, t_full = min(t_base, base()), min(t_t2v, t2v()), min(t_full, full())
        t, split = pipeline()
        if t < t_pipe:
            t_pipe, cost = t, split

    wps_base, wps_pipe = words / t_base, words / t_pipe
    print(f"spaCy NER-only : {wps_base:9.0f} words/s ({t_base:.1f} CPU s)")
    print(f"  (for scale: tok2vec+ner {words / t_t2v:.0f} words/s; full {model} {words / t_full:.0f} words/s,"
          f" ratio {t_base / t_full:.2f}: the parse the stages need costs that much by itself)")
    print(f"whole pipeline : {wps_pipe:9.0f} words/s ({t_pipe:.1f} CPU s)")
    print(f"ratio pipeline/NER-only: {wps_pipe / wps_base:.2f}  (goal >= 0.8)")
    for name, spent in cost.items():
        print(f"  {name:8s} {spent:6.2f}s  {100 * spent / t_pipe:5.1f}%")


if __name__ == "__main__":
    main()
