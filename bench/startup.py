"""CPU cost of a worker's start-up: building the pipeline (model, gazetteer, registry) and the
lazy tables the first page pulls in, measured in a fresh process.

    .venv/bin/python bench/startup.py [--repeat 3]

Each round runs in a new interpreter (``python -c``), so caches from an earlier round never help;
the best round counts (shared cores add noise, never subtract it). Times are CPU seconds of that
process (``time.process_time``) and its peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

CHILD = r"""
import json, resource, time
t0 = time.process_time()
from presslens.pipeline import Pipeline
from presslens.records import Page
from presslens.settings import load_settings
pipe = Pipeline(load_settings())
t1 = time.process_time()
# One short page pulls in every lazy table (gazetteer, registry, lexicons) a first page needs.
text = ("Protesters gathered in Paris, Texas, on Monday, and the Ohio Supreme Court ruled in Columbus. "
        "Russian officials in Moscow said the U.S. and the EU had been told.")
pipe.analyse_page(Page(key="k", text=text, fmt="text", path="k"))
t2 = time.process_time()
print(json.dumps({"build_s": t1 - t0, "first_page_s": t2 - t1, "total_s": t2 - t0,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    rounds = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True).stdout
        rounds.append(json.loads(out.strip().splitlines()[-1]))
    best = min(rounds, key=lambda r: r["total_s"])
    print(json.dumps({"best": best, "rounds": rounds}, indent=1))


if __name__ == "__main__":
    main()
