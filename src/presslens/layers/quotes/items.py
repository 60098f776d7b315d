"""The quotes layer's working records (doc offsets): speaker candidates and raw quotes, before the
stage turns them into :class:`~presslens.records.Quote` records with page offsets."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Cand:
    """A speaker candidate (doc offsets)."""

    start: int
    end: int
    text: str
    actor_id: str | None = None
    label: str = ""


@dataclass(slots=True)
class RawQuote:
    start: int
    end: int
    kind: str
    speaker: Cand | None
    cue: str | None
    cue_start: int | None = None
    cue_end: int | None = None
    depth: int = 0
    parent: int | None = None
    spoken: bool = False  # a transcript answer (spoken, not quoted)
