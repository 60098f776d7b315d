"""Dump every event the pipeline finds on the events sets, one JSON line each, to show that a speed
change to the events stage changes no output (diff the dumps before and after).

    .venv/bin/python bench/events_dump.py OUT.jsonl [--profile PROFILE.out]

Sets: the seeds (src/presslens/examples), eval/dev/events/sentences.jsonl (all batches),
eval/dev/events_snippets/snippets.jsonl (all batches) and eval/dev/events/articles/*.txt. Each
sentence or snippet runs on its own, as the eval suites run them. Every field of every event is
written (type, mode, status, offsets, rules, actors, recipients, agents, place, date, size, ids).
With ``--profile`` the events stage alone runs under cProfile and its stats are saved there.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import time
from pathlib import Path
from typing import Any

from presslens.ingest import read_paths
from presslens.pipeline import Pipeline
from presslens.records import Page
from presslens.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]


def pages() -> list[tuple[str, Page]]:
    settings = load_settings()
    out: list[tuple[str, Page]] = []
    for folder in (ROOT / "src/presslens/examples", ROOT / "eval/dev/events/articles"):
        files = sorted(folder.glob("*.txt"))
        out += [(f"file:{p.key}", p) for p in read_paths([str(f) for f in files], settings) if isinstance(p, Page)]
    for rel in ("eval/dev/events/sentences.jsonl", "eval/dev/events_snippets/snippets.jsonl"):
        for line in (ROOT / rel).read_text(encoding="utf-8").splitlines():
            if line.strip():
                it = json.loads(line)
                out.append((f"{rel}:{it['id']}", Page(key=it["id"], text=it["text"], published=it.get("published"),
                                                      fmt="text", path=it["id"])))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--profile", help="save cProfile stats of the events stage here")
    args = ap.parse_args()
    pipe = Pipeline(load_settings())
    i = pipe.stage_names.index("events")
    inner = pipe.stages[i]
    prof = cProfile.Profile() if args.profile else None
    spent = [0.0]

    class Timed:  # the configured events stage, timed (and profiled) alone, batched per page as usual
        def __call__(self, a: Any) -> Any:
            return next(iter(self.batch([a])))

        def batch(self, analyses: Any) -> Any:
            t0 = time.process_time()
            if prof:
                prof.enable()
            try:
                return list(inner.batch(analyses))  # type: ignore[attr-defined]
            finally:
                if prof:
                    prof.disable()
                spent[0] += time.process_time() - t0

    pipe.stages[i] = Timed()
    n = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for name, page in pages():
            for a in pipe.analyse_page(page):
                for ev in a.events:
                    row: dict[str, Any] = {"set": name, **dataclasses.asdict(ev)}
                    fh.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
                    n += 1
    if prof and args.profile:
        prof.dump_stats(args.profile)
    print(f"{n} events, events stage {spent[0]:.1f} CPU s")


if __name__ == "__main__":
    main()
