"""Suites over whole pages with SCHEMA.md gold: the bundled seeds and our held-out page sets.

Each page set is ingested into a scratch store and scored layer by layer with the scorers in
``registry.scorers``; where a layer has a trivial baseline in ``registry.baselines`` it is scored
on the same gold and printed beside.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from ..evaluate import evaluate
from ..registry import suites
from . import Rows, SuiteContext, data_path

# Held-out page sets we wrote (eval/<name>/pages + eval/<name>/gold); see docs/holdout*.md.
PAGE_SETS = ("holdout", "holdout2", "holdout3")


def sample_dir() -> Path:
    return Path(str(resources.files("presslens") / "examples"))


def score_pages(ctx: SuiteContext, name: str, pages: Path, gold: Path) -> Rows:
    store = ctx.ingest([pages], name)
    try:
        scores = evaluate(store, gold, with_baselines=True)
    finally:
        store.close()
    return {k: v for k, v in scores.items() if not k.startswith("_")}


@suites.register("seeds")
def seeds(ctx: SuiteContext) -> Rows:
    """The bundled sample pages as bare dumps: their gold (SCHEMA.md) was written for the text
    alone, so the demo's metadata sidecars (source, dates; ingest/text.py) are left out here."""
    gold = data_path("../shared/gold", "eval/gold")
    bare = ctx.tmp / "seeds-pages"
    bare.mkdir(exist_ok=True)
    for f in sorted(sample_dir().glob("*.txt")):
        shutil.copyfile(f, bare / f.name)
    return score_pages(ctx, "seeds", bare, gold)


def _page_set(name: str) -> None:
    @suites.register(name)
    def suite(ctx: SuiteContext) -> Rows:
        root = data_path(f"eval/{name}")
        return score_pages(ctx, name, root / "pages", root / "gold")


for _name in PAGE_SETS:
    _page_set(_name)
