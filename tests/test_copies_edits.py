"""Copied passages with light edits (``copies.passages``): an edit bridged only within a sentence,
and a sentence edited near its end keeps its last equal words. Invented texts."""

from __future__ import annotations

from presslens.across.copies import Params, make_doc, passages


def _doc(aid: str, source: str, text: str):  # type: ignore[no-untyped-def]
    return make_doc({"article_id": aid, "source": source, "key": aid, "content_hash": aid, "published": None,
                     "text": text, "start": 0, "end": len(text)})


def _texts(a, b):  # type: ignore[no-untyped-def]
    return [(a.text[a.spans[a0][0] : a.spans[a1 - 1][1]], b.text[b.spans[b0][0] : b.spans[b1 - 1][1]])
            for a0, a1, b0, b1 in passages(a, b, Params())]


def test_an_edit_at_a_sentence_end_splits_two_copied_sentences() -> None:
    a = _doc("a", "Daily", "Most of the stolen cattle were found near the river at Lowbank, in the Marsh district. "
                           "Rangers said the herders \"may have crossed the border at night\", the radio reported.")
    b = _doc("b", "Wire", "Most of the stolen cattle were found near the river at Lowbank in the marsh. "
                          "Rangers said the herders may have crossed the border at night.")
    got = _texts(a, b)
    assert len(got) == 2
    assert got[0][0].startswith("Most of the stolen cattle") and got[0][0].endswith("in the Marsh")
    assert got[1] == ("Rangers said the herders \"may have crossed the border at night",
                      "Rangers said the herders may have crossed the border at night")


def test_a_sentence_edited_before_its_end_keeps_its_last_words() -> None:
    a = _doc("a", "Daily", "The clinic is funded by Harbour Trust who have given $4 million.")
    b = _doc("b", "Wire", "Officials opened it on Monday. The clinic is funded by Harbour Trust, which has given $4 million.")
    # six equal words, an edit, then the sentence's last three: nine in all, a copy of the sentence
    assert _texts(a, b) == [("The clinic is funded by Harbour Trust who have given $4 million",
                             "The clinic is funded by Harbour Trust, which has given $4 million")]


def test_a_short_run_that_does_not_end_the_sentence_adds_nothing() -> None:
    a = _doc("a", "Daily", "The clinic is funded by Harbour Trust who have given it to the town council.")
    b = _doc("b", "Wire", "The clinic is funded by Harbour Trust, which has given it away last year.")
    assert _texts(a, b) == []
