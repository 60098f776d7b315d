"""Hit rate of each bounded per-run cache against its size, from the keys one ingest run asks for.

    nice -n 10 .venv/bin/python bench/cache_curve.py --pages 3000 [--sizes 2048,4096,...]

The memory run (``bench/memory.py``) found that what grows over a long run is bounded caches
filling: ``name_key``, ``token_keys``, the gazetteer's ``by_key`` and ``by_spelling``, the actors
matcher's ``keys_of`` (LRU), and the memoised attribute ruler's and lemmatizer's tables (cleared
when full). A bound is a trade: memory held for the rest of the run against the CPU of the misses.
This runs one ingest over distinct pages with new names on every page (``corpus.renamed``, as the
memory run) and records every key each cache is asked for (a 64-bit hash, so the record itself
stays small), then replays the key stream through an LRU (or clear-when-full) table of each size
in ``--sizes``: hit rate over the whole run and per window of articles (so a rate at 1k, 5k, 10k
articles is read off), entries held at the end, and an estimate of the bytes an entry holds (key,
value and the table's own slot; objects shared by several entries counted once). The traced run's
own cache sizes are today's; output is unchanged (the caches are pure functions of their keys).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from array import array
from collections import OrderedDict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # noqa: E402

STREAMS: dict[str, array] = {}
MARKS: list[tuple[int, dict[str, int]]] = []  # (articles, stream lengths) after each report
TABLES: dict[str, Any] = {}  # name -> (function with cache_info) or memo-holder, for the byte estimate


def record(name: str) -> array:
    return STREAMS.setdefault(name, array("q"))


def trace_function(module: Any, attr: str, name: str) -> None:
    """Replace ``module.attr`` (an lru_cache wrapper) by one that records each key, then calls it."""
    cached = getattr(module, attr)
    keys = record(name)
    add = keys.append

    def traced(key: Any) -> Any:
        add(hash(key))
        return cached(key)

    traced.cache_info = cached.cache_info  # type: ignore[attr-defined]
    setattr(module, attr, traced)
    TABLES[name] = cached


def trace_method(cls: type, attr: str, name: str) -> None:
    cached = getattr(cls, attr)
    keys = record(name)
    add = keys.append

    def traced(self: Any, key: Any) -> Any:
        add(hash(key))
        return cached(self, key)

    setattr(cls, attr, traced)
    TABLES[name] = cached


class RecordingMemo(dict):  # type: ignore[type-arg]
    """A memo table that records the keys it is asked about (``in`` and ``get``)."""

    keys: array

    def __contains__(self, key: object) -> bool:
        self.keys.append(hash(key))
        return dict.__contains__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        self.keys.append(hash(key))
        return dict.get(self, key, default)


def trace_memo(cls: type, name: str) -> None:
    init = cls.__init__

    def patched(self: Any, *a: Any, **k: Any) -> None:
        init(self, *a, **k)
        memo = RecordingMemo()
        memo.keys = record(name)
        self.memo = memo
        TABLES[name] = self

    cls.__init__ = patched  # type: ignore[method-assign]


def install() -> None:
    """Before the layers import ``name_key``/``token_keys`` by name."""
    from presslens.text import names

    trace_function(names, "name_key", "name_key")
    trace_function(names, "token_keys", "token_keys")
    from presslens import gazetteer, tagging
    from presslens.layers.actors import matcher

    trace_method(gazetteer.Gazetteer, "by_key", "gazetteer.by_key")
    trace_method(gazetteer.Gazetteer, "by_spelling", "gazetteer.by_spelling")
    trace_method(matcher.Matcher, "keys_of", "matcher.keys_of")  # type: ignore[attr-defined]
    trace_memo(tagging.MemoAttributes, "tagging.attributes")
    trace_memo(tagging.MemoLemmas, "tagging.lemmas")


def replay(keys: array, size: int, marks: list[int], policy: str) -> tuple[list[float], float, int]:
    """Hit rate per window between marks (stream positions), over all, and entries held at the end."""
    table: OrderedDict[int, None] | dict[int, None] = OrderedDict() if policy == "lru" else {}
    rates, hits, start, total_hits = [], 0, 0, 0
    bounds = iter(marks + [len(keys)])
    end = next(bounds)
    for i, k in enumerate(keys):
        while i >= end:
            rates.append(hits / max(1, i - start))
            hits, start = 0, i
            end = next(bounds)
        if k in table:
            hits += 1
            total_hits += 1
            if policy == "lru":
                table.move_to_end(k)  # type: ignore[attr-defined]
        else:
            if policy == "lru":
                if len(table) >= size:
                    table.popitem(last=False)  # type: ignore[call-arg]
            elif len(table) > size:  # tagging.MemoAttributes/MemoLemmas: cleared when over the limit
                table.clear()
            table[k] = None
    rates.append(hits / max(1, len(keys) - start))
    return rates, total_hits / max(1, len(keys)), len(table)


def entry_bytes(name: str, sample: int = 2000) -> float | None:
    """Mean bytes an entry holds: key + value (deep, shared objects once) + ~100 bytes of the table's
    own slot (an LRU link and a dict slot). An estimate, for the trade."""
    import gc

    seen: set[int] = set()
    owners = [o for o in gc.get_objects() if type(o).__name__ in ("Gazetteer", "Matcher")]
    for owner in owners:  # a method cache's key holds its instance, and its values may be the
        seen.add(id(owner))  # instance's own shared entries: neither belongs to the cache
        seen.update(id(e) for e in getattr(owner, "_small", {}).values())

    def deep(o: Any) -> int:
        if id(o) in seen or isinstance(o, type):
            return 0
        seen.add(id(o))
        n = sys.getsizeof(o)
        if isinstance(o, dict):
            return n + sum(deep(k) + deep(v) for k, v in o.items())
        if isinstance(o, tuple | list | set | frozenset):
            return n + sum(deep(x) for x in o)
        if hasattr(o, "__dict__"):
            return n + deep(vars(o))
        if hasattr(o, "__slots__"):
            return n + sum(deep(getattr(o, s, None)) for s in o.__slots__)
        return n

    obj = TABLES.get(name)
    if obj is None:
        return None
    if hasattr(obj, "memo"):
        items = list(dict.items(obj.memo))[:sample]
    else:  # an lru_cache's entries are reachable only through its closure: read them via gc
        cache = next((r for r in gc.get_referents(obj) if isinstance(r, dict)), None)
        if not cache:
            return None
        items = list(cache.items())[:sample]
    if not items:
        return None
    return sum(deep(k) + deep(v) + 100 for k, v in items) / len(items)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--sizes", default="2048,4096,8192,16384,32768,65536,131072")
    ap.add_argument("--window", type=int, default=1000, help="articles per window of the per-window rates")
    ap.add_argument("--mode", choices=("names", "recombined"), default="names")
    args = ap.parse_args()
    install()
    from presslens.pipeline import IngestReport, ingest
    from presslens.settings import load_settings
    from presslens.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="presslens-cache-"))
    paras = corpus.paragraphs()
    texts = (corpus.renamed(paras, args.pages, per_page=3) if args.mode == "names"
             else corpus.recombined(paras, args.pages, per_page=3))
    corpus.write(tmp / "pages", texts)
    nxt = args.window

    def on_report(report: IngestReport) -> None:
        nonlocal nxt
        if report.articles_analysed >= nxt:
            MARKS.append((report.articles_analysed, {k: len(v) for k, v in STREAMS.items()}))
            nxt += args.window
            print(f"{report.articles_analysed} articles, {time.process_time():.0f} CPU-s", file=sys.stderr, flush=True)

    corpus.cap_store_memory("2GB")
    with Store(tmp / "s.duckdb") as store:
        report = ingest([tmp / "pages"], store, settings=load_settings(), workers=1, on_report=on_report)
    # The key streams first, so a replay cut short (a time limit) can be redone from the files.
    for name, keys in STREAMS.items():
        with open(tmp / f"{name}.keys", "wb") as f:
            keys.tofile(f)
    (tmp / "marks.json").write_text(json.dumps(MARKS))
    print(f"key streams in {tmp}", flush=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    out: dict[str, Any] = {"articles": report.articles, "windows": [a for a, _ in MARKS] + [report.articles]}
    for name, keys in sorted(STREAMS.items()):
        policy = "clear" if name.startswith("tagging.") else "lru"
        marks = [m[name] for _, m in MARKS if name in m]
        row: dict[str, Any] = {"calls": len(keys), "distinct": len(set(keys)), "policy": policy,
                               "bytes_per_entry": entry_bytes(name)}
        for size in sizes:
            rates, total, held = replay(keys, size, marks, policy)
            row[str(size)] = {"hit": round(total, 4), "held": held, "by_window": [round(r, 3) for r in rates]}
        out[name] = row
        print(json.dumps({name: row}), flush=True)
    Path(tmp / "curve.json").write_text(json.dumps(out, indent=1))
    print(f"written {tmp / 'curve.json'}", flush=True)


if __name__ == "__main__":
    main()
