"""Store-wide stages (findings across sources, event merge, name variants), run after a batch is
stored. Kept apart from :mod:`presslens.pipeline`, which wires the per-page stages and calls these."""

from __future__ import annotations

import logging
from typing import Any

from . import registry
from .settings import Settings
from .store import Store

log = logging.getLogger("presslens.pipeline")


def prepare_post(settings: Settings) -> None:
    """Call each store-wide stage's ``prepare`` (if it has one: slow imports, say) while the
    workers analyse, so it leaves the serial part after the last write (session 24)."""
    for name in settings["pipeline"]["post"]:
        try:
            prepare = getattr(registry.stages.get(f"post:{name}"), "prepare", None)
        except KeyError:
            continue
        if prepare is not None:
            prepare()


def run_post(store: Store, settings: Settings) -> dict[str, Any]:
    """Store-wide stages (findings across sources, event merge) after a batch."""
    out: dict[str, Any] = {}
    for name in settings["pipeline"]["post"]:
        try:
            fn = registry.stages.get(f"post:{name}")
        except KeyError:
            log.debug("post stage %s not available", name)
            continue
        out[name] = fn(store, settings)
        # Each stage reads the whole store: what it freed, and DuckDB's pool of what it read, go
        # before the next one starts (issue 19: a 10k run's peak was the later stages on top of them).
        store.shed()
    return out
