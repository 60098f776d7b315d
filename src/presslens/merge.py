"""Moved to ``presslens.across.merge`` (store-wide stages live in ``across/``); kept for imports."""

from .across.merge import clusters, compatible, merge_events, score

__all__ = ["clusters", "compatible", "merge_events", "score"]
