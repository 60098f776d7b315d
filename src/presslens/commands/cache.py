"""`presslens cache`: the offline indexes built on this machine (gazetteer, language model), and
`--prune` to delete those an earlier presslens version built. Each gazetteer index is ~50 MB and its
name carries a fingerprint of its sources, so every upgrade leaves the previous one behind."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

PATTERNS = ("gazetteer-*.sqlite", "py3langid-*.npz", "startup/*.pickle")


def current() -> set[Path]:
    """The index files this presslens reads (built or not yet)."""
    from ..gazetteer import COMPAT_MIN_POPULATION, DEFAULT_MIN_POPULATION, index_path
    from ..layers.language import model_cache_path
    from ..startcache import current as startup_tables

    return {index_path(DEFAULT_MIN_POPULATION), index_path(COMPAT_MIN_POPULATION), model_cache_path(),
            *startup_tables()}


def cache_files() -> list[tuple[Path, bool]]:
    """Every index file in the cache folders, with whether this version reads it."""
    cur = current()
    folders = sorted({p.parent for p in cur})
    found = sorted({f for d in folders if d.is_dir() for pat in PATTERNS for f in d.glob(pat)})
    return [(f, f in cur) for f in found]


def register(app: typer.Typer) -> None:
    @app.command("cache")
    def cache_cmd(
        prune: Annotated[bool, typer.Option("--prune", help="Delete the indexes this version does not read.")] = False,
    ) -> None:
        """Offline indexes built on this machine: path, size, and whether this version reads them."""
        files = cache_files()
        if not files:
            typer.echo("no index built yet (the first ingest, or `make`, builds them)")
            return
        freed = 0
        for f, used in files:
            size = f.stat().st_size
            state = "current" if used else "stale"
            if prune and not used:
                f.unlink(missing_ok=True)
                freed += size
                state = "deleted"
            typer.echo(f"{state:8} {size / 1e6:7.1f} MB  {f}")
        if prune:
            typer.echo(f"freed {freed / 1e6:.1f} MB")
