"""The deverbal noun table of the support-verb rule (layers/events/nominal.py) is built from the verb
lexicon and the suffix table, not written by hand."""

from __future__ import annotations

from presslens.layers.events.nominal import deverbal_nouns
from presslens.layers.events.rules import words


def test_nouns_take_their_verbs_type() -> None:
    table = deverbal_nouns()
    assert table["contribution"][0] == "AID" and table["contribution"][2] == "contribute"
    assert table["denial"][0] == "REJECT"
    assert table["apology"][0] == "CONCEDE"
    assert table["consultation"][0] == "CONSULT"
    assert table["objection"] == ("ACCUSE", "disapprove", "object")  # plover.yaml `object` (manual 3.9)


def test_excluded_nouns_and_types() -> None:
    table = deverbal_nouns()
    assert not words("not_deverbal") & set(table)
    allowed = {t.lower() for t in words("nominal_types")}
    assert all(t.lower() in allowed for t, _, _ in table.values())
    assert "assault" not in table  # violence nouns are lexicon entries of their own
