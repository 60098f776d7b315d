"""An event noun that a restriction or ban targets did not take place as told ("placed restrictions on
the rally"); one that people attend or hold did ("attend a banned rally"). Origin: VOA 2006 Moscow
rally and VOA 2011 Kuala Lumpur rally (snippet set s14, dev part), reworded; PLOVER 3.15 (restrict)."""

from __future__ import annotations

import pytest

from presslens.testing import analyse_text

STAGES = ["nlp", "actors", "places", "dates", "numbers", "quotes", "events"]


@pytest.mark.parametrize(("text", "protest"), [
    ("The authorities placed restrictions on the rally in the capital.", False),
    ("The government imposed a ban on protests in the capital.", False),
    ("Thousands of protesters defied a ban to attend the rally in the capital.", True),
])
def test_restricted_event_noun(text: str, protest: bool) -> None:
    types = {e.type for e in analyse_text(text, stages=STAGES).events}
    assert "COERCE" in types
    assert ("PROTEST" in types) is protest, types
