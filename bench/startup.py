"""CPU cost of a worker's start-up: building the pipeline (model, gazetteer, registry) and the
lazy tables the first page pulls in, measured in a fresh process.

    .venv/bin/python bench/startup.py [--repeat 3] [--bytecode]

Each round runs in a new interpreter (``python -c``), so in-process caches from an earlier round
never help (the on-disk start-up cache, ``presslens.startcache``, does: a worker meets it filled by
the run's first process or by ``make``); the best round counts (shared cores add noise, never
subtract it). Times are CPU seconds of that process (``time.process_time``) and its peak resident
memory; ``parts`` splits the build: importing spaCy, the stage modules, then each stage factory.

``--bytecode``: the child may read and write compiled modules (``PYTHONPYCACHEPREFIX`` in a scratch
folder, one unmeasured round first). Where ``PYTHONDONTWRITEBYTECODE`` is set (this project's
shared machine) every fresh process otherwise compiles presslens's ~170 modules from source
(~0.3 CPU-s), which an installed package (pip compiles on install) never pays.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile

CHILD = r"""
import json, resource, time
pt = time.process_time
t0 = pt()
parts = {}
import spacy
parts["import spacy"] = pt() - t0
t = pt()
from presslens import registry
from presslens.pipeline import Pipeline
from presslens.records import Page
from presslens.settings import load_settings
settings = load_settings()
registry.segmenters.get(settings["pipeline"]["segmenter"])
registry.stages.get(settings["pipeline"]["stages"][0])
parts["import presslens (stage modules)"] = pt() - t
factories = [registry.stages.get(n) for n in settings["pipeline"]["stages"]]
for name, make in zip(settings["pipeline"]["stages"], factories):  # each stage's own tables
    t = pt(); make(settings); parts["stage " + name] = pt() - t
t = pt()
pipe = Pipeline(settings)  # over the per-process caches the factories filled
parts["Pipeline()"] = pt() - t
t1 = pt()
# One short page pulls in every lazy table (gazetteer, registry, lexicons) a first page needs.
text = ("Protesters gathered in Paris, Texas, on Monday, and the Ohio Supreme Court ruled in Columbus. "
        "Russian officials in Moscow said the U.S. and the EU had been told.")
pipe.analyse_page(Page(key="k", text=text, fmt="text", path="k"))
t2 = pt()
print(json.dumps({"build_s": t1 - t0, "first_page_s": t2 - t1, "total_s": t2 - t0,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "parts": {k: round(v, 3) for k, v in parts.items()}}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--bytecode", action="store_true", help="let the child cache compiled modules")
    args = ap.parse_args()
    env = dict(os.environ)
    if args.bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "presslens-startup-pyc")
        subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True, env=env)
    rounds = []
    for _ in range(args.repeat):
        out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True,
                             env=env).stdout
        rounds.append(json.loads(out.strip().splitlines()[-1]))
    best = min(rounds, key=lambda r: r["total_s"])
    print(json.dumps({"best": best, "rounds": rounds}, indent=1))


if __name__ == "__main__":
    main()
