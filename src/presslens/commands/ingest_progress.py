"""The ingest progress bar: pages done, articles/s, errors and an ETA, on a terminal only.

The ETA needs a total: when every input is a one-page file (text, HTML) the total is the number
of files, listed up front; a WARC or JSONL file holds an unknown number of pages, so then the bar
counts without an end.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from ..settings import Settings

if TYPE_CHECKING:
    from ..pipeline import IngestReport

# Formats that hold many pages per file: their page count is unknown until read.
CONTAINERS = ("warc", "jsonl", "json")


def single_page_files(targets: Sequence[str], settings: Settings) -> int | None:
    """How many pages the inputs hold if each file is one page, else None (no ETA)."""
    from ..ingest import format_for

    n = 0
    for raw in targets:
        p = Path(raw).expanduser()
        if p.is_dir():
            for _root, dirs, files in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for f in files:
                    if f.startswith(".") or f.endswith(".meta.json"):
                        continue
                    if format_for(Path(f), settings) in CONTAINERS:
                        return None
                    n += 1
        elif p.exists():
            if format_for(p, settings) in CONTAINERS:
                return None
            n += 1
    return n


@contextmanager
def ingest_progress(console: Console, *, disable: bool, total: Callable[[], int | None] | int | None = None,
                    ) -> Iterator[Callable[[IngestReport], None]]:
    """A callback for ``ingest(on_report=...)`` that draws the bar (a no-op when ``disable``)."""
    if disable:
        yield lambda report: None
        return
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("pages · {task.fields[rate]} articles/s · {task.fields[errors]} error(s)"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        n = total() if callable(total) else total
        task = bar.add_task("", total=n, rate="0.0", errors=0)
        start = time.monotonic()
        last = 0.0

        def show(report: IngestReport) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last < 0.1:  # rich redraws ~10 times a second anyway
                return
            last = now
            done = report.pages_analysed + report.pages_unchanged + len(report.errors)
            rate = report.articles_analysed / max(now - start, 1e-9)
            bar.update(task, completed=done, rate=f"{rate:.1f}", errors=len(report.errors))

        yield show
