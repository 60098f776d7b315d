"""The ``quotes`` layer: statements attributed to speakers, direct and indirect.

Direct quotes come from the quote marks themselves (:mod:`.marks`), attributed by the rules in
:mod:`.direct` (a cue after or before the quotation, a label, a colon block, an excerpt heading, or
the previous statement); transcripts in :mod:`.transcript`; indirect speech from the dependency
parse in :mod:`.indirect`. Speakers resolve to actors through the ``actors`` stage's mentions
(:mod:`.speakers`, :mod:`.coreference`). Words come from ``lang/en/quote_cues.yaml``
(:mod:`.lexicon`). The spaCy component ``presslens_quotes`` writes ``doc._.quotes``; the stage
(:mod:`.stage`) turns those into :class:`~presslens.records.Quote` records with page offsets.
"""

from __future__ import annotations

from .lexicon import cues
from .marks import QSpan, classify_mark, find_quotations, paragraphs
from .stage import QuotesStage, extract, link_numbers, make_quotes_component, make_quotes_stage

__all__ = ["QSpan", "QuotesStage", "classify_mark", "cues", "extract", "find_quotations", "link_numbers",
           "make_quotes_component", "make_quotes_stage", "paragraphs"]
