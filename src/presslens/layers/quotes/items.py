"""The quotes layer's working records (doc offsets): speaker candidates and raw quotes, before the
stage turns them into :class:`~presslens.records.Quote` records with page offsets."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Cand:
    """A speaker candidate (doc offsets)."""

    start: int
    end: int
    text: str
    actor_id: str | None = None
    label: str = ""
    # The phrase this candidate was resolved from ("he", "the ministry"), when it is not the candidate
    # itself (doc offsets); None: the candidate's own words are the mention.
    mention: tuple[int, int] | None = None


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
    fragments: list[tuple[int, int]] = field(default_factory=list)  # content pieces; empty = [(start, end)]
    rules: list[str] = field(default_factory=list)  # names of the rules that produced it
    headline: bool = False

    def spans(self) -> list[tuple[int, int]]:
        return self.fragments or [(self.start, self.end)]
