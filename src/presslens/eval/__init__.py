"""Eval suites: every gold set presslens is measured on, each with a trivial baseline beside it.

A *suite* is a named function registered in ``registry.suites``. It receives a
:class:`SuiteContext` (settings, a scratch folder, one shared pipeline) and returns rows::

    {"events.dev":    {"micro_f1": 0.71, ..., "baseline": {"micro_f1": 0.55, ...}},
     "events.frozen": {...}}

A row key is ``<layer>`` or ``<layer>.<part>`` (``dev`` = the part we tune on, ``frozen`` = the
part kept apart before tuning). ``baseline`` holds the same metrics for the suite's trivial
baseline (keyword regexes, quote marks only, most-populous place, ...), so every figure is read
beside the floor it must beat.

``presslens eval`` prints every suite; ``presslens eval-gate`` checks each metric against the
floors pinned in ``eval/baseline.json`` (``{suite: {row: {metric: floor}}}``). A suite whose data
is missing raises :class:`SuiteSkipped` and is reported, not failed.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import registry
from ..records import Analysis, Page
from ..settings import Settings, load_settings

Rows = dict[str, dict[str, Any]]


class SuiteSkipped(Exception):
    """The suite's data is not available here (said once, never a failure)."""


def repo_root() -> Path:
    """The checkout holding ``eval/`` (the working directory or one of its parents)."""
    here = Path.cwd().resolve()
    for d in (here, *here.parents):
        if (d / "eval" / "baseline.json").is_file():
            return d
    return here


def read_jsonl(path: Path, *, required: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The records of a JSON Lines gold file (blank lines skipped); each must hold ``required``
    keys, so a malformed line fails with its file and line number rather than deep in a scorer."""
    out = []
    for n, ln in enumerate(path.read_text("utf-8").splitlines(), 1):
        if ln.strip():
            rec = json.loads(ln)
            missing = [k for k in required if k not in rec]
            if missing:
                raise ValueError(f"{path}:{n}: missing {', '.join(missing)}")
            out.append(rec)
    return out


def data_path(*candidates: str | Path) -> Path:
    """The first existing path among ``candidates`` (relative ones against the repo root)."""
    root = repo_root()
    for c in candidates:
        p = Path(c)
        p = p if p.is_absolute() else root / p
        if p.exists():
            return p
    raise SuiteSkipped("none of " + ", ".join(str(c) for c in candidates) + " exists")


@dataclass(slots=True, kw_only=True)
class SuiteContext:
    settings: Settings
    tmp: Path
    _pipeline: Any = field(default=None)

    @property
    def pipeline(self) -> Any:
        """One pipeline (one model load) shared by every suite of a run."""
        if self._pipeline is None:
            from ..pipeline import Pipeline

            self._pipeline = Pipeline(self.settings)
        return self._pipeline

    def analyse_text(self, text: str, *, key: str = "text", published: str | None = None,
                     source: str | None = None, fmt: str = "text") -> list[Analysis]:
        """Run the article pipeline on one text, without a store."""
        page = Page(key=key, text=text, published=published, source=source, fmt=fmt, path=key)
        return self.pipeline.analyse_page(page)

    def ingest(self, paths: Iterable[str | Path], name: str) -> Any:
        """Ingest into a scratch store named ``name``; returns the open Store."""
        from ..pipeline import ingest
        from ..store import Store

        store = Store(self.tmp / f"{name}.duckdb")
        ingest([str(p) for p in paths], store, settings=self.settings)
        return store


Suite = Callable[[SuiteContext], Rows]


def run_suites(names: Sequence[str] | None = None, settings: Settings | None = None,
               progress: Callable[[str], None] | None = None) -> dict[str, Rows | str]:
    """Run suites by name (all when ``names`` is empty); a skipped suite maps to its reason."""
    settings = settings or load_settings()
    wanted = list(names) if names else registry.suites.names()
    out: dict[str, Rows | str] = {}
    with tempfile.TemporaryDirectory(prefix="presslens-eval-") as tmp:
        ctx = SuiteContext(settings=settings, tmp=Path(tmp))
        for name in wanted:
            if progress:
                progress(name)
            try:
                out[name] = registry.suites.get(name)(ctx)
            except SuiteSkipped as exc:
                out[name] = f"skipped: {exc}"
    return out


def check_floors(results: dict[str, Rows | str], floors: dict[str, Any], tolerance: float = 1e-4) -> list[str]:
    """Every pinned metric must be present and at or above its floor (skipped suites excepted)."""
    problems = []
    for suite, rows in floors.items():
        if suite.startswith("_") or suite not in results:
            continue
        got = results[suite]
        if isinstance(got, str):
            continue
        for row, metrics in rows.items():
            have = got.get(row)
            if have is None:
                problems.append(f"{suite} {row}: missing from eval output")
                continue
            for metric, floor in metrics.items():
                value = have.get(metric)
                if not isinstance(value, int | float) or value + tolerance < floor:
                    problems.append(f"{suite} {row}.{metric}: {value} < floor {floor}")
    return problems


def headline(metrics: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(metric, presslens, baseline) triples for printing; counts and raw tallies left out."""
    base = metrics.get("baseline") or {}
    rows = []
    for k, v in metrics.items():
        if k == "baseline" or k in ("tp", "n_sys", "n_gold", "complete") or k.endswith(("_n", "_ok", "_sys")):
            continue
        if isinstance(v, dict | list):
            continue
        rows.append((k, v, base.get(k)))
    return rows
