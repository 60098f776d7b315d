"""Across-source stages at scale (issue 16): merge + findings cost per article at 1k/10k/100k
articles, adding 50 articles to a big store vs an empty one, no-op re-ingest of 1k articles, and
every API list endpoint's p95.

    .venv/bin/python bench/synth.py --articles 100000 --db /tmp/bench-stores/s100000.duckdb  # once per size
    .venv/bin/python bench/across.py --sizes 1000,10000,100000 --stores /tmp/bench-stores [--out FILE.json]

Stores are ``bench/synth.py`` clones of a real ingest (see there), built with the store-wide stages
run after every batch, so their bookkeeping is that of a store grown by ingest; a missing
``s<n>.duckdb`` is built here (hours at 100k on a loaded 2-core machine: build it beforehand, and a
store built with ``--no-post`` gets its across state from one ``post`` run over everything).

- **per-article cost at size n**: a copy of the n-article store gets one more batch of 500 cloned
  articles, the copies that come next (dated after the store's, as an archive's next days are: they
  meet its recent reports in the merge blocks), and the CPU-s of ``merge`` + ``findings`` over
  that batch is divided by 500: what ingest pays per article when the store holds n.
- **add 50**: the next 50 articles to a copy of the largest store vs the same 50 to an empty store,
  three runs each (fresh copies), medians compared; the next 50 meet the store's recent reports (work
  an empty store does not have), so also 50 unrelated ones (copies dated a million days on, meeting
  nothing stored): what the runs' fixed costs grow with the store.
- **no-op re-ingest**: 1k cloned pages as JSONL, ingested (``stages=[]``: no NLP, the look-ups and
  writes only), then ingested again and timed: every page is unchanged and of the same build.
- **API**: ``bench/api_lists.py`` on each store.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import api_lists  # noqa: E402
import report  # noqa: E402
import synth  # noqa: E402

from presslens.pipeline import ingest  # noqa: E402
from presslens.settings import load_settings  # noqa: E402
from presslens.store import Store  # noqa: E402

FRESH = 1_000_000  # clone copies from here on were never written to any store


def _copy(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    if Path(str(src) + ".wal").exists():
        shutil.copyfile(str(src) + ".wal", str(dst) + ".wal")
    return dst


def next_copy(store: Path) -> int:
    """The first clone copy after the last one the store holds (a clone's page key ends in ``#c<copy>``)."""
    with Store(store, read_only=True) as s:
        top = s.rows("SELECT max(CAST(regexp_extract(key, '#c(\\d+)$', 1) AS BIGINT)) AS c FROM page_rows "
                     "WHERE regexp_matches(key, '#c\\d+$')")[0]["c"]
    return int(top) + 1 if top is not None else 0


def per_article(store: Path, tmp: Path, tpl: Any, batch: int = 500) -> dict[str, float]:
    first = next_copy(store)
    work = _copy(store, tmp / "work.duckdb")
    spent = synth.build(work, batch, batch=batch, first=first, tpl=tpl)
    work.unlink()
    Path(str(work) + ".wal").unlink(missing_ok=True)
    n = spent["articles"]
    return {"merge_ms": round(1000 * spent["merge"] / n, 2), "findings_ms": round(1000 * spent["findings"] / n, 2),
            "ms": round(1000 * (spent["merge"] + spent["findings"]) / n, 2)}


def add50(big: Path, tmp: Path, tpl: Any, runs: int = 3, first: int | None = None) -> dict[str, Any]:
    """``first``: the clone copy the 50 come from (default: the next after the store's)."""
    out: dict[str, list[float]] = {"store": [], "empty": []}
    first = next_copy(big) if first is None else first
    for r in range(runs):
        for name, base in (("store", big), ("empty", None)):
            work = tmp / f"add-{name}.duckdb"
            if base is not None:
                _copy(base, work)
            spent = synth.build(work, 50, batch=50, first=first + r, tpl=tpl)
            out[name].append(spent["merge"] + spent["findings"])
            work.unlink()
            Path(str(work) + ".wal").unlink(missing_ok=True)
    s, e = statistics.median(out["store"]), statistics.median(out["empty"])
    return {"store_cpu_s": [round(x, 3) for x in out["store"]], "empty_cpu_s": [round(x, 3) for x in out["empty"]],
            "ratio_of_medians": round(s / max(e, 1e-9), 2)}


def noop_reingest(tmp: Path, tpl: Any, n: int = 1000) -> dict[str, Any]:
    src = tmp / "1k.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for page, _ in synth.clones(tpl[0], n, first=FRESH + 100):
            fh.write(json.dumps({"url": page.key, "source": page.source, "published": page.published,
                                 "text": page.text}) + "\n")
    settings = load_settings()
    with Store(tmp / "noop.duckdb") as store:
        ingest([src], store, settings=settings, stages=[])
        t = time.process_time()
        rep = ingest([src], store, settings=settings, stages=[])
        cpu = time.process_time() - t
    assert rep.pages_unchanged == rep.pages_seen and not rep.pages_stored, rep
    return {"pages": rep.pages_seen, "cpu_s": round(cpu, 3)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--stores", default="/tmp/bench-stores")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--skip", default="", help="comma list of parts to skip: cost,add50,noop,api")
    ap.add_argument("--out", default="")
    ap.add_argument("--aligned", action="store_true", help="clones of each story moved to one archive day per copy (synth.story_offsets)")
    args = ap.parse_args()
    synth.ALIGN = args.aligned
    skip = set(filter(None, args.skip.split(",")))
    res: dict[str, Any] = report.start()
    tpl = synth.template()
    sizes = [int(x) for x in args.sizes.split(",")]
    stores = {}
    for n in sizes:
        path = Path(args.stores) / f"s{n}.duckdb"
        if not path.exists():
            synth.build(path, n, tpl=tpl, log=lambda s: print(s, flush=True))
        stores[n] = path
    with tempfile.TemporaryDirectory(prefix="presslens-across-") as keep:
        tmp = Path(keep)
        if "cost" not in skip:
            res["per_article"] = {}
            for n, path in stores.items():
                res["per_article"][n] = per_article(path, tmp, tpl)
                print(f"{n}: {res['per_article'][n]}", flush=True)
        if "add50" not in skip:
            res["add50"] = {"store": max(stores), **add50(stores[max(stores)], tmp, tpl)}
            print(f"add 50: {res['add50']}", flush=True)
            # 50 articles of copies dated a million days on: they meet nothing stored, so the
            # difference from the empty store is the runs' fixed cost that grows with the store.
            res["add50_unrelated"] = {"store": max(stores), **add50(stores[max(stores)], tmp, tpl, first=FRESH)}
            print(f"add 50 unrelated: {res['add50_unrelated']}", flush=True)
        if "noop" not in skip:
            res["noop_reingest_1k"] = noop_reingest(tmp, tpl)
            print(f"no-op re-ingest: {res['noop_reingest_1k']}", flush=True)
    if "api" not in skip:
        res["api_p95_ms"] = {n: api_lists.measure(p, args.rounds) for n, p in stores.items()}
    report.finish(res, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
