"""The across stages' cost curve (issue 16): grow one synthetic store batch by batch (500 cloned
articles, then ``merge`` and ``findings``, as ``synth.py`` builds), printing one JSON line per
batch: the store's size before it, CPU-s of writing, merge and findings, ms per article, wall,
load. One store, one code, every size: a curve rather than two stores built at other times.

    .venv/bin/python bench/across_curve.py --db /tmp/bench-s21/grow.duckdb --upto 100000 \
        [--from /tmp/bench-stores/s10000.duckdb] [--snap 1000,10000]

``--from`` starts from a copy of a store; ``--snap`` copies the store beside it
when it reaches n articles (``<db stem>-<n>.duckdb``; stores for ``across.py --stores``: link them as ``s<n>.duckdb``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import across  # noqa: E402
import synth  # noqa: E402

from presslens.store import Store  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--upto", type=int, default=100_000)
    ap.add_argument("--from", dest="src", default="")
    ap.add_argument("--snap", default="")
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--aligned", action="store_true", help="clones of each story moved to one archive day per copy (synth.story_offsets)")
    args = ap.parse_args()
    synth.ALIGN = args.aligned
    dst = Path(args.db)
    if args.src and not dst.exists():
        across._copy(Path(args.src), dst)
    snaps = sorted(int(x) for x in args.snap.split(",") if x)
    tpl = synth.template()
    have, first = 0, 0
    if dst.exists():
        with Store(dst, read_only=True) as s:
            have = int(s.rows("SELECT count(*) AS n FROM articles")[0]["n"])
        first = across.next_copy(dst)
    while have < args.upto:
        t0 = time.time()
        spent = synth.build(dst, args.batch, batch=args.batch, first=first, tpl=tpl)
        n = int(spent["articles"])
        print(json.dumps({"size_before": have, "articles": n, "write": round(spent["write"], 2),
                          "merge": round(spent["merge"], 2), "findings": round(spent["findings"], 2),
                          "ms_per_article": round(1000 * (spent["merge"] + spent["findings"]) / n, 2),
                          "wall": round(time.time() - t0, 1), "load1": round(os.getloadavg()[0], 1),
                          "at": time.strftime("%H:%M:%S", time.gmtime())}), flush=True)
        for s in snaps:
            if have < s <= have + n:
                across._copy(dst, dst.with_name(f"{dst.stem}-{s}.duckdb"))
        have += n
        first = across.next_copy(dst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
