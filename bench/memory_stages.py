"""Resident memory tagged by the stage running (``bench/memory.py --stages``, issue 19).

A sampler thread reads this process's VmRSS every 0.2 s and files it under the stage running at
that moment; each tagged call also prints VmHWM (the high-water mark) before and after it, so a peak
that falls between two samples is still placed. Tagged: the store-wide stages (``post:*``), the
steps inside ``post:findings`` that load or build per-article material (``f:*``), and the store's
write batch and look-ups; everything else is ``analyse``. The tags wrap module attributes, so they
see calls made through the module (``copies.run``), which is how the stages call each other.

``split=True`` (``memory.py --split``) also splits each store-wide stage's memory, read when it ends:
Python's heap (``tracemalloc``: live at the end and the stage's own peak; tracing costs ~2x CPU),
DuckDB's own accounting (``duckdb_memory()``, every tag summed, and its largest tags) and glibc's
heap in use and free-but-kept (``mallinfo2``), beside RSS and VmHWM; the store's close (DuckDB's
closing checkpoint) is tagged ``close``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def rss() -> dict[str, float]:
    """VmRSS and VmHWM of this process, MB."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            out[line[:5]] = int(line.split()[1]) / 1024
    return out


class StageSampler:
    """``with StageSampler() as s: ...`` then ``s.peaks`` (MB by stage); ``s.stage`` names what runs."""

    def __init__(self, every: float = 0.2, split: bool = False) -> None:
        self.every = every
        self.split = split
        self.stage = "start"
        self.peaks: dict[str, float] = {}
        self.calls: list[dict[str, Any]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        while not self._stop.is_set():
            r, s = rss()["VmRSS"], self.stage
            self.peaks[s] = max(self.peaks.get(s, 0.0), r)
            self._stop.wait(self.every)

    def __enter__(self) -> StageSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stage = "end"
        time.sleep(self.every + 0.1)
        self._stop.set()
        self._thread.join()

    def tag(self, name: str, fn: Callable[..., Any], quiet: bool = False, store_arg: bool = False) -> Callable[..., Any]:
        """``fn`` run as stage ``name``; unless ``quiet``, one JSON line per call (wall and CPU seconds,
        VmHWM before and after, VmRSS after). ``store_arg``: ``fn``'s first argument is the store (its
        DuckDB memory is read for ``split``)."""

        def tagged(*a: Any, **k: Any) -> Any:
            prev, self.stage = self.stage, name
            con = getattr(a[0], "_con", None) if store_arg and a else None
            before = split_mb(con) if self.split and store_arg else {}
            if self.split and store_arg:  # a step inside a stage leaves the stage's heap peak alone
                _reset_heap_peak()
            h0, t0, c0 = rss()["VmHWM"], time.monotonic(), time.process_time()
            try:
                return fn(*a, **k)
            finally:
                r = rss()
                self.stage = prev
                line = {"stage": name, "s": round(time.monotonic() - t0, 1),
                        "cpu_s": round(time.process_time() - c0, 2), "hwm_before": round(h0),
                        "hwm_after": round(r["VmHWM"]), "rss_after": round(r["VmRSS"])}
                if self.split and store_arg:
                    line |= {"before": before, "after": split_mb(getattr(a[0], "_con", None) or con)}
                self.calls.append(line)
                if not quiet:
                    print(json.dumps(line), flush=True)

        return tagged

    def install(self) -> None:
        """Tag the store-wide stages, the findings stage's steps and the store's writes."""
        from presslens import registry
        from presslens.across import copies, findings, merge, state
        from presslens.store import Store

        registry.load_builtins()

        for key in list(registry.stages._items):
            if key.startswith("post:"):
                registry.stages._items[key] = self.tag(key, registry.stages._items[key], store_arg=True)
        if self.split:
            Store.close = self.tag("close", Store.close, store_arg=True)  # type: ignore[method-assign]
        for mod, names in ((findings, ("_in", "_quotes", "number_findings", "same_text_findings", "_canonical",
                                       "story_pairs", "_stories", "day_count_findings")),
                           (copies, ("run", "stream")), (merge, ("join_copied",))):
            for n in names:
                label = f"f:copies.{n}" if mod is copies else f"f:{n}"
                # called per page, per table or per chunk of story pairs: peaks only, no line per call
                setattr(mod, n, self.tag(label, getattr(mod, n), quiet=n in ("_in", "day_count_findings", "_stories")))
        # The findings pass stores its findings as it goes (``state.Stored``): a slice, a cleared scope.
        for n in ("flush", "clear"):
            setattr(state.Stored, n, self.tag(f"f:Stored.{n}", getattr(state.Stored, n), quiet=True))
        Store.write_pages = self.tag("write_pages", Store.write_pages, quiet=True)  # type: ignore[method-assign]
        Store.page_states = self.tag("write_lookup", Store.page_states, quiet=True)  # type: ignore[method-assign]

    def summary(self) -> dict[str, int]:
        return {k: round(v) for k, v in self.peaks.items()}


def _reset_heap_peak() -> None:
    import tracemalloc

    if tracemalloc.is_tracing():
        tracemalloc.reset_peak()


def split_mb(con: Any) -> dict[str, Any]:
    """Python's heap (when traced), DuckDB's accounting (when its connection is open) and glibc's heap, MB."""
    import tracemalloc

    from memory import malloc_mb

    out: dict[str, Any] = dict(malloc_mb())
    if tracemalloc.is_tracing():
        now, peak = tracemalloc.get_traced_memory()
        out |= {"py_heap_mb": round(now / 2**20, 1), "py_heap_peak_mb": round(peak / 2**20, 1)}
        top = tracemalloc.take_snapshot().statistics("lineno")[:5]  # what the heap holds, by line
        out["py_heap_top"] = {f"{Path(t.traceback[0].filename).name}:{t.traceback[0].lineno}": round(t.size / 2**20, 1)
                              for t in top}
    if con is not None:
        try:
            tags = con.execute("SELECT tag, memory_usage_bytes FROM duckdb_memory() "
                               "WHERE memory_usage_bytes > 0 ORDER BY 2 DESC").fetchall()
            out["duckdb_mb"] = round(sum(b for _, b in tags) / 2**20, 1)
            out["duckdb_tags"] = {t: round(b / 2**20, 1) for t, b in tags[:4]}
        except Exception:  # noqa: BLE001  (a measurement only; a closed connection)
            pass
    return out
