"""Scale-out on Ray Data (optional extra: `pip install 'presslens[ray]'`).

Stages import no engine, so Ray only has to move records: the driver reads pages, Ray Data maps
batches of pages through a `Pipeline` held by each actor (models load once per actor), and the
driver writes each analysed page to the store in its own transaction (DuckDB has one writer).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .pipeline import IngestReport, Pipeline, iter_inputs, run_post
from .records import IngestError, Page
from .settings import Settings, load_settings
from .store import Store


class _AnalyseBatch:
    """Callable class for `map_batches`: one Pipeline per Ray actor."""

    def __init__(self, settings: Settings) -> None:
        self.pipeline = Pipeline(settings)

    def __call__(self, batch: dict[str, list[Any]]) -> dict[str, list[Any]]:
        pages = batch["page"]
        return {"page": list(pages), "analyses": [self.pipeline.analyse_page(p) for p in pages]}


def ray_ingest(paths: Iterable[str | Path], store: Store, *, settings: Settings | None = None,
               concurrency: int = 2, batch_size: int = 8) -> IngestReport:
    try:
        import ray.data
    except ImportError as exc:  # pragma: no cover - depends on the optional extra
        raise RuntimeError("Ray is not installed: pip install 'presslens[ray]'") from exc
    settings = settings or load_settings()
    report = IngestReport()
    pages: list[Page] = []
    for item in iter_inputs(paths, settings):
        if isinstance(item, IngestError):
            report.errors.append(item)
            store.write_error(item)
        elif store.has_page(item.id):
            report.pages_seen += 1
            report.pages_unchanged += 1
        else:
            report.pages_seen += 1
            pages.append(item)
    if pages:
        ds = ray.data.from_items([{"page": p} for p in pages]).map_batches(
            _AnalyseBatch, fn_constructor_args=(settings,), batch_size=batch_size, concurrency=concurrency,
            batch_format="default",
        )
        for row in ds.iter_rows():
            if store.write_page(row["page"], row["analyses"]):
                report.pages_stored += 1
                report.articles += len(row["analyses"])
    run_post(store, settings)
    return report
