"""Copy a bench store and work out its kept figure keys (``story_told``) again under the current code.

A store keeps each article's figure keys with the signature of the code and lexicons that made them
(``findings._signature``): after an edit to any of ``findings._TOLD_INPUTS`` every kept row is stale,
and the first run that meets an article works its keys out again (once; the row is then kept). A
bench store grown by older code therefore charges its first add-50 for every stored partner the 50
meet (session 24: 214 articles, ~0.85 of 2.0 findings CPU-s at 10k), a one-time cost after an
upgrade, not a cost that grows with the store. Refreshing a copy first lets ``across.py``'s add-50
measure the steady state; run ``across.py`` on the stale store too to see the upgrade's cost.

    PYTHONPATH=src .venv/bin/python bench/across_refresh.py /tmp/bench-stores/s10000.duckdb /tmp/fresh/s10000.duckdb

Only ``story_told`` rows change (and only their signature and keys); every other table is the copy's.
"""

from __future__ import annotations

import argparse
import shutil
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from presslens.across import findings, state
from presslens.store import Store

CHUNK = 500  # articles read and worked out at a time


def refresh(src: Path, dst: Path) -> dict[str, Any]:
    """Copy ``src`` to ``dst`` and rewrite every ``story_told`` row whose signature is stale."""
    for p in (dst, Path(str(dst) + ".wal")):
        p.unlink(missing_ok=True)
    shutil.copyfile(src, dst)
    if Path(str(src) + ".wal").exists():
        shutil.copyfile(str(src) + ".wal", str(dst) + ".wal")
    t = time.process_time()
    with Store(dst) as store:
        state.ensure(store)
        ids = [r[0] for r in store.con.execute("SELECT article_id FROM story_told ORDER BY article_id").fetchall()]
        for k in range(0, len(ids), CHUNK):
            chunk = ids[k : k + CHUNK]
            rows = {r["id"]: r for r in state.query_with(store, "_a", state.arrow({"id": chunk}),
                                                         state.article_texts_sql("_a"))}
            nums: dict[str, list[Any]] = defaultdict(list)
            for n in findings._in(store, "numbers", "article_id", chunk):
                nums[n.article_id].append(n)
            findings._tolds(store, rows, nums)  # works out and rewrites only the stale rows
        store.con.execute("CHECKPOINT")
    return {"articles": len(ids), "cpu_s": round(time.process_time() - t, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    args = ap.parse_args()
    print(refresh(args.src, args.dst))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
