"""The ``events`` layer: PLOVER-typed events with who, to whom, where, when, how many and status.

Steps (docs/events.md; every word list in ``lang/en/events/``):

1. Triggers (``triggers``, ``cameo``, ``senses``): the CAMEO verb dictionary converted from PETRARCH2
   plus presslens's PLOVER additions, matched on the parse; sense rules veto or retype.
2. Modality (``modality``, ``modes``): threats, offers, refusals, demands and reversals fold into one
   event; negation, condition and future set status; mode rules read the event's own phrase.
3. Arguments (``arguments``, ``coreference``): actor and recipient from the parse.
4. Place (``location``, ``place``), time (``time``), size (``size``) from the places, dates and
   numbers layers' records; ``claims`` reads the quote an event is told in; ``discourse`` works
   across sentences.
Each event lists the rules that produced it (``Event.rules``; ``rules`` registers them).

Headlines and captions are in ``analysis.doc``; related-link lines are masked there, so they are
parsed by the stage with the same model and analysed with the article's context.

PLOVER: Open Event Data Alliance, PLOVER manual draft 2.0 (2024), CC BY-SA 4.0.
"""

from __future__ import annotations

from ...across import merge as _merge  # noqa: F401  (registers the post:merge stage)
from . import export as _export  # noqa: F401  (registers the plover/acled exporters)
from . import modality as _modality  # noqa: F401  (registers its rules)
from . import modes as _modes  # noqa: F401  (registers its rules)
from .common import lexicon
from .stage import EventsStage, make_events_stage
from .trigger import Trigger
from .triggers import EventTagger, TriggerMatcher

__all__ = ["EventTagger", "EventsStage", "Trigger", "TriggerMatcher", "lexicon", "make_events_stage"]
