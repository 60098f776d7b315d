"""The ``events`` layer: PLOVER-typed events with who, to whom, where, when, how many and status.

Approach (all rules general, all words in ``lang/en/events/plover.yaml``):

1. A trigger lexicon of lemma sequences is matched on the parse (``triggers``).
2. The trigger's head token anchors dependency rules for actor and recipient (``arguments``,
   ``coreference``).
3. Place, date and size come from the other layers' items inside the event's clause, then the
   sentence, then the paragraph (``place``, ``time``, ``size``, ``discourse``).
4. Status from cues around the trigger (``modality``).

Headlines and captions are in ``analysis.doc``; related-link lines are masked there, so they are
parsed by the stage with the same model and analysed with the article's context.

PLOVER: Open Event Data Alliance, PLOVER manual draft 2.0 (2024), CC BY-SA 4.0.
"""

from __future__ import annotations

from ... import merge as _merge  # noqa: F401  (registers the post:merge stage)
from . import export as _export  # noqa: F401  (registers the plover/acled exporters)
from .common import lexicon
from .fallbacks import gazetteer_lookup, parse_date, parse_quantity
from .stage import EventsStage, make_events_stage
from .triggers import EventTagger, Trigger, TriggerMatcher

__all__ = ["EventTagger", "EventsStage", "Trigger", "TriggerMatcher", "gazetteer_lookup", "lexicon",
           "make_events_stage", "parse_date", "parse_quantity"]
