"""The record a trigger is while the events layer works on it (before it becomes an ``Event``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Trigger:
    start: int  # token indices in the doc
    end: int
    head: int
    type: str
    mode: str | None
    words: str
    no_obj: tuple[str, ...] = ()
    # Lexicon ``roles``: how this trigger's slots map to actor/recipient when the default does not
    # hold ("X must act": X is the addressee; "the presence of X": X is the one present).
    roles: tuple[str, ...] = ()
    rules: list[str] = field(default_factory=list)  # what produced it (lexicon entry, then rules)
    entry: dict[str, Any] | None = None  # the plover.yaml entry, if one matched
    status: str | None = None  # set by the modality step
    folded: bool = False  # folded into an embedding event by the modality step
    cameo_pattern: bool = False  # typed by a CAMEO pattern (verb + object/phrase), not a bare word
    outcomes: list[int] = field(default_factory=list)  # heads of "killed ..." told as this attack's outcome
