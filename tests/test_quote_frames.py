"""Reporting frames (presslens.layers.quotes.frames): one example sentence per rule with the expected
kind, the start of the content and the speaker, run through the real parser. Origins: the seed
pages (src/presslens/examples), our holdout pages (eval/holdout*/pages) and the dev part of the
quotes dev set (eval/dev/quotes, CC BY 2.5 Wikinews articles), shortened where marked."""

from __future__ import annotations

import pytest

from presslens.layers.quotes import QuotesStage
from presslens.records import Analysis
from presslens.testing import default_settings, run_stages, single_article

ALL_FRAMES = ["paren_as", "summary", "clause", "as_clause", "passive_infinitive", "object_infinitive", "infinitive",
              "prep_object", "noun_object", "object_acts", "belief_adjective"]


def analyse_text(text: str, stages: list[str]) -> Analysis:
    """The nlp stage, then the quotes stage with every frame on (``quotes.frames``)."""
    _, a = single_article(text)
    a = run_stages(a, ["nlp"])
    settings = {**default_settings(), "quotes": {"frames": ALL_FRAMES}}
    return QuotesStage(settings)(a)

EXAMPLES = [
    # (rule, sentence, kind, content starts with, speaker, origin)
    ("clause", "Alavi acknowledged that the MEK is effectively using social media to counteract propaganda.",
     "indirect", "the MEK is effectively", "Alavi", "seed 002, shortened"),
    ("clause", "At least 12 people were killed in the attack, police said.",
     "indirect", "At least 12 people", "police", "wire style, holdout h2 pattern"),
    ("clause", "International HIV experts believe the infections were the result of poor hygiene at the hospital.",
     "belief", "the infections were", "International HIV experts", "geovirus-058 (dev), shortened"),
    ("as_clause", "As Imam Khomeini said, this revolutionary move was greater than the first revolution.",
     "indirect", "this revolutionary move", "Imam Khomeini", "seed 002"),
    ("according_to", "According to Mr. Perry, the regime has persecuted and killed countless Iranians.",
     "indirect", "the regime has persecuted", "Mr. Perry", "seed 002, shortened"),
    ("object_infinitive", "Mrs. Rajavi urged the students to rise up and liberate their homeland.",
     "speech_act", "the students to rise up", "Mrs. Rajavi", "seed 002, shortened"),
    ("infinitive", "Amazon pledged to buy 100,000 electric delivery vans from a startup.",
     "speech_act", "to buy 100,000", "Amazon", "vancouversun.com.microsoft (dev), shortened"),
    ("infinitive", "The company declined to comment on the figures.",
     "speech_act", "to comment on", "The company", "wire style"),
    ("infinitive", "Microsoft plans to cut its carbon emissions by more than half by 2030.",
     "belief", "to cut its carbon", "Microsoft", "vancouversun.com.microsoft (dev), shortened"),
    ("prep_object", "Student groups called for a second march in the capital next week.",
     "speech_act", "for a second march", "Student groups", "holdout2 k3 pattern"),
    ("noun_object", "The group accused the riot police of using disproportionate force against students.",
     "speech_act", "the riot police of", "The group", "holdout2 k3, shortened"),
    ("noun_object", "The ministry denied the allegations made by the opposition.",
     "speech_act", "the allegations", "The ministry", "wire style"),
    ("passive_infinitive", "Indonesian President Susilo Bambang Yudhoyono is said to be monitoring the case closely.",
     "indirect", "Indonesian President", None, "geovirus-210 (dev), shortened"),
    ("belief_adjective", "The agency is concerned that the virus could spread to the neighbouring provinces.",
     "belief", "the virus could", "The agency", "wire style"),
]


@pytest.mark.parametrize(("rule", "sentence", "kind", "starts", "speaker", "origin"), EXAMPLES,
                         ids=[f"{e[0]}-{i}" for i, e in enumerate(EXAMPLES)])
def test_frame_example(rule: str, sentence: str, kind: str, starts: str, speaker: str | None, origin: str) -> None:
    a = analyse_text(sentence, stages=["nlp", "quotes"])
    got = [q for q in a.quotes if rule in q.rules or (rule == "according_to" and q.cue == "According to")]
    assert got, f"{rule} found nothing in {sentence!r} ({origin}); got {[(q.kind, q.text, q.rules) for q in a.quotes]}"
    q = got[0]
    assert q.kind == kind
    assert q.content().startswith(starts)
    assert (q.speaker_mention or q.speaker_text) == speaker


NOT_REPORTED = [
    ("She found that the door was locked when she came home.", "perception, not a report (holdout pattern)"),
    ("They also do not admit that the ruling regime is on its final leg.", "negated: nothing stated (seed 002)"),
    ("The council voted to approve the plan on Tuesday.", "a vote is an act, not a statement"),
]


@pytest.mark.parametrize(("sentence", "why"), NOT_REPORTED)
def test_not_reported(sentence: str, why: str) -> None:
    a = analyse_text(sentence, stages=["nlp", "quotes"])
    assert a.quotes == [], why
