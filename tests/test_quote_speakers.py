"""Speaker rules (presslens.layers.quotes.pronouns / coreference / indirect): one example per rule with the
quote it attributes and the speaker name it must resolve to, run through the real parser (nlp + quotes
stages, with the actors stage where a rule needs actor ids). Origins: the dev part of the quotes dev set
(eval/dev/quotes, CC BY 2.5 Wikinews articles and news pages), shortened where marked."""

from __future__ import annotations

import pytest

from presslens.testing import analyse_text

EXAMPLES = [
    # (rule, text, the quote starts with, its kind, speaker text (None: no speaker), origin)
    ("appositive_name",
     "The president of France, Nicolas Sarkozy, said that neither the E.U. nor France paid money to Libya. "
     "He also said he would visit Libya on Wednesday to help its reintegration.",
     "he would visit", "indirect", "Nicolas Sarkozy", "geovirus-058 (dev)"),
    ("appositive_name",
     "\"With the rain coming, this is a recipe for disaster,\" said a UNHCR protection officer, Yolande Ditewig. "
     "She told the news agency that \"there is a lack of everything you can imagine, especially food.\"",
     "there is a lack", "direct", "Yolande Ditewig", "geovirus-211 (dev), shortened"),
    ("description_chain",
     "The World Health Organization began immunization campaigns in 112 countries. The agency says an important "
     "goal is to reach those who have been excluded. It notes that a quarter of deaths among young children "
     "are attributed to preventable diseases.",
     "a quarter of deaths", "indirect", "World Health Organization", "geovirus-168 (dev), shortened"),
    ("text_source",
     "It is claimed that Halliburton's public relations department was aware of the problem, a statement from the "
     "department is claimed to state, \"I don't want to turn it into a big issue right now, but I want to make "
     "sure we have all the facts.\"",
     "I don't want", "direct", "Halliburton", "geovirus-213 (dev), shortened"),
    ("text_source",
     "Report claims universities have created a pool of low-paid staff.\n\nThe report by the University and "
     "College Union found that a majority of teaching staff are on insecure contracts.",
     "universities have created", "indirect", "University and College Union", "theguardian.com.academics (dev), "
                                                                              "shortened"),
    ("unlisted_person",
     "“We find that top-down governance often fails to recognize local interests and values,” Fa added.\n\n"
     "“These areas are under threat from infrastructure development and resource extraction,” he said.",
     "These areas", "direct", "Fa", "theplanetarypress.com.forestlands (dev), shortened"),
    ("owner_organisation",
     "Microsoft’s goal to have removed enough carbon by 2050 encompasses direct emissions from company "
     "vehicles, it said.",
     "Microsoft’s goal", "indirect", "Microsoft", "vancouversun.com.microsoft (dev), shortened"),
    ("subject_first",
     "Officials seized the food supply at the restaurant and are tracing it back to the manufacturer, where they "
     "believe the finger may have gotten mixed in with the raw ingredients.",
     "the finger may have", "belief", "Officials", "geovirus-204 (dev), shortened"),
    ("aspectual_verb",
     "“We must begin to offset the damaging effects of climate change,” Satya Nadella said, adding if global "
     "temperatures continue to rise unabated “the results will be devastating.”",
     "the results will", "direct", "Satya Nadella", "vancouversun.com.microsoft (dev), shortened"),
    ("speech_verbs: remember",
     "Volunteers went in with a plan, but they only managed to capture a single animal.\n\n“Those goats were so "
     "smart,” remembers Shanna Challenger, coordinator for the programme.",
     "Those goats", "direct", "Shanna Challenger", "nationalgeographic.co.uk.goats (dev), shortened"),
]


@pytest.mark.parametrize(("rule", "text", "starts", "kind", "speaker", "origin"), EXAMPLES,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(EXAMPLES)])
def test_speaker_rule(rule: str, text: str, starts: str, kind: str, speaker: str | None, origin: str) -> None:
    a = analyse_text(text, stages=["nlp", "actors", "quotes"] if rule in ("description_chain", "text_source") else ["nlp", "quotes"])
    got = [q for q in a.quotes if q.text.startswith(starts)]
    assert got, f"{rule}: no quote starting {starts!r} in {[q.text[:40] for q in a.quotes]}"
    q = got[0]
    assert q.kind == kind
    assert (q.speaker_text is None) if speaker is None else (q.speaker_text and speaker in q.speaker_text), (
        rule, q.speaker_mention, q.speaker_text)


MIXED = [
    # (text, content starts with, kind, a direct quote that must remain (or None), origin)
    ("Further, he claimed that the deal will allow for \"full cooperation and partnership between Libya and the "
     "European Union.\"", "the deal will allow for", "indirect", None, "geovirus-058 (dev), shortened"),
    ("Sidhoum told al-Jazeera the occasion marked \"the first time since independence that a journalist died in "
     "jail because of what he wrote on the Internet.\"", "the occasion marked", "indirect", None,
     "geovirus-126 (dev)"),
    # The speaker's whole predicate in marks after the clause's subject stays direct (seed pages' convention).
    ("Newsweek states that the MEK “is the oldest, best organized and best known of several Iranian opposition "
     "movements.”", None, "direct", "is the oldest", "seed 002, shortened"),
    # A quotation that opens the speaker's own sentence stays direct.
    ("A statement from the department is claimed to state, \"I don't want to turn it into a big issue right now, "
     "but I want to make sure we have all the facts.\"", None, "direct", "I don't want", "geovirus-213 (dev), "
                                                                                        "shortened"),
]


@pytest.mark.parametrize(("text", "starts", "kind", "direct", "origin"), MIXED, ids=[m[-1] for m in MIXED])
def test_mixed_quote(text: str, starts: str | None, kind: str, direct: str | None, origin: str) -> None:
    a = analyse_text(text, stages=["nlp", "quotes"])
    directs = [q for q in a.quotes if q.kind == "direct"]
    if starts is not None:
        got = [q for q in a.quotes if q.text.startswith(starts)]
        assert got and got[0].kind == kind, [(q.kind, q.text[:40]) for q in a.quotes]
        assert not directs  # the quotation is part of the mixed statement, not a quote of its own
    if direct is not None:
        assert any(q.text.startswith(direct) for q in directs), [(q.kind, q.text[:40]) for q in a.quotes]


def test_outermost_report() -> None:
    """A report with its own subject inside another's content is part of it (geovirus-107, dev, shortened);
    a participle going on with the same speaker is a statement of its own (geovirus-197, dev, shortened)."""
    a = analyse_text("The Health Secretary said that positive tests for H5N1 in a bird indicate that the virus is "
                     "endemic in the region.", stages=["nlp", "quotes"])
    assert [q.cue for q in a.quotes if q.kind != "direct"] == ["said"]
    a = analyse_text("Bruschke said that farmers lack the education they need, adding that richer nations should "
                     "help fund it.", stages=["nlp", "quotes"])
    assert {q.cue for q in a.quotes} >= {"said", "adding"}
    # A second report after ", and" is coordinated, even where the parser hangs it below the first
    # (eval/holdout2 k4, shortened).
    a = analyse_text("The city said the same thing about the 2019 wheel tax, and the Milwaukee Taxpayers Alliance "
                     "found that less than half of that money ever reached a bus route.", stages=["nlp", "quotes"])
    assert any(q.cue == "found" and q.text.startswith("less than half") for q in a.quotes)
