"""Imported by each Ray worker process as it starts, before it takes any work (Ray's
``preload_python_modules``, set by ``presslens.scale.init_ray`` on a local Ray it starts, or by
``ray start --system-config`` on a cluster): builds a ``Pipeline`` and warms it on the invented
page (``pipeline.warm``), so the spaCy model, gazetteer, registry and the lazy tables a first page
pulls in are loaded while Ray is still starting and the driver reads its first pages. The actor
that later lands in this process builds its own ``Pipeline`` from the run's settings over those
per-process caches (~0.01 CPU-s instead of ~2.7: docs/performance.md, session 25), so what it
analyses is what it would be without the preload (the state a forked ``--workers`` process
inherits from its warmed parent).

The settings and stages come from the driver through ``scale.PRELOAD_ENV`` (JSON: the run's
settings, and its stages or null), an environment variable the Ray processes inherit from the
driver that starts them; without it (a cluster started by ``ray start``) the default settings are loaded. A preload
that fails is logged and the worker goes on: the actor then loads everything itself.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any

log = logging.getLogger(__name__)


def preload(spec: str | None) -> Any:
    """Build and warm the pipeline ``spec`` (the JSON of ``scale.PRELOAD_ENV``) names; returns it."""
    from .pipeline import Pipeline, warm
    from .settings import load_settings

    given = json.loads(spec) if spec else {}
    pipeline = Pipeline(given.get("settings") or load_settings(), stages=given.get("stages"))
    warm(pipeline)
    return pipeline


try:
    from .scale import PRELOAD_ENV

    preload(os.environ.get(PRELOAD_ENV))
except Exception:  # never stop a worker from starting: its actor loads what it needs itself
    log.exception("presslens preload failed")
