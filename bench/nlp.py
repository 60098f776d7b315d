"""Whole-pipeline words/s next to bare spaCy NER-only on the same articles, in one run.

    .venv/bin/python bench/nlp.py [--words 50000] [--seeds ../shared/seeds]

The seeds' articles (segmented once) are repeated to about ``--words`` words. Baseline: the same
article texts through ``spacy.load(model, disable=everything but tok2vec+ner)``. Pipeline: every
configured article stage (nlp, actors, places, dates, numbers, quotes, events) on the same
articles, plus a per-stage time split so a low ratio says which stage costs what. Times are CPU
seconds of this process (``time.process_time``): wall time on shared cores mostly measures neighbours.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from presslens import registry
from presslens.nlp import article_text
from presslens.pipeline import Pipeline
from presslens.readers import read_paths
from presslens.records import Analysis, Page
from presslens.settings import load_settings


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=50_000)
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
    base = spacy.load(model, disable=[n for n in spacy.load(model).pipe_names if n not in ("tok2vec", "ner")])
    texts = [article_text(a, p.text) for p, a in work]  # type: ignore[arg-type]
    t0 = time.process_time()
    for _ in base.pipe(texts, batch_size=int(settings["nlp"]["batch_size"])):
        pass
    t_base = time.process_time() - t0

    stages = {n: registry.stages.get(n)(settings) for n in settings["pipeline"]["stages"]}
    cost = dict.fromkeys(stages, 0.0)
    t0 = time.process_time()
    by_page: dict[str, list[Analysis]] = {}
    for p, a in work:
        by_page.setdefault(p.id, []).append(Analysis(article=a, page_text=p.text))  # type: ignore[arg-type]
    for analyses in by_page.values():
        for name, stage in stages.items():
            s = time.process_time()
            batch = getattr(stage, "batch", None)
            analyses = list(batch(analyses)) if batch is not None else [stage(x) for x in analyses]
            cost[name] += time.process_time() - s
    t_pipe = time.process_time() - t0

    wps_base, wps_pipe = words / t_base, words / t_pipe
    print(f"spaCy NER-only : {wps_base:9.0f} words/s ({t_base:.1f} CPU s)")
    print(f"whole pipeline : {wps_pipe:9.0f} words/s ({t_pipe:.1f} CPU s)")
    print(f"ratio pipeline/NER-only: {wps_pipe / wps_base:.2f}  (goal >= 0.8)")
    for name, c in cost.items():
        print(f"  {name:8s} {c:6.2f}s  {100 * c / t_pipe:5.1f}%")


if __name__ == "__main__":
    main()
