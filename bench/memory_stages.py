"""Resident memory tagged by the stage running (``bench/memory.py --stages``, issue 19).

A sampler thread reads this process's VmRSS every 0.2 s and files it under the stage running at
that moment; each tagged call also prints VmHWM (the high-water mark) before and after it, so a peak
that falls between two samples is still placed. Tagged: the store-wide stages (``post:*``), the
steps inside ``post:findings`` that load or build per-article material (``f:*``), and the store's
write batch and look-ups; everything else is ``analyse``. The tags wrap module attributes, so they
see calls made through the module (``copies.run``), which is how the stages call each other.
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

    def __init__(self, every: float = 0.2) -> None:
        self.every = every
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

    def tag(self, name: str, fn: Callable[..., Any], quiet: bool = False) -> Callable[..., Any]:
        """``fn`` run as stage ``name``; unless ``quiet``, one JSON line per call (wall and CPU seconds,
        VmHWM before and after, VmRSS after)."""

        def tagged(*a: Any, **k: Any) -> Any:
            prev, self.stage = self.stage, name
            h0, t0, c0 = rss()["VmHWM"], time.monotonic(), time.process_time()
            try:
                return fn(*a, **k)
            finally:
                r = rss()
                self.stage = prev
                line = {"stage": name, "s": round(time.monotonic() - t0, 1),
                        "cpu_s": round(time.process_time() - c0, 2), "hwm_before": round(h0),
                        "hwm_after": round(r["VmHWM"]), "rss_after": round(r["VmRSS"])}
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
                registry.stages._items[key] = self.tag(key, registry.stages._items[key])
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
