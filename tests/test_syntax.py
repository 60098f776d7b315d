"""Parse-tree helpers over hand-built parses (a model change cannot make these fail; a helper change can)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from presslens.layers import syntax

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, like_num)


def parse(spec: str) -> Doc:
    """``word/POS/dep/head`` items separated by spaces; head is the 0-based index (itself for ROOT)."""
    items = [x.rsplit("/", 3) for x in spec.split()]
    return Doc(VOCAB, words=[w for w, _, _, _ in items], pos=[p for _, p, _, _ in items],
               deps=[d for _, _, d, _ in items], heads=[int(h) for _, _, _, h in items])


def text(tok):
    return None if tok is None else tok.text


# "Rebels attacked the town ."
ACTIVE = "Rebels/NOUN/nsubj/1 attacked/VERB/ROOT/1 the/DET/det/3 town/NOUN/dobj/1 ./PUNCT/punct/1"
# "The town was attacked by rebels ."
PASSIVE = ("The/DET/det/1 town/NOUN/nsubjpass/3 was/AUX/auxpass/3 attacked/VERB/ROOT/3 by/ADP/agent/3 "
           "rebels/NOUN/pobj/4 ./PUNCT/punct/3")
# "The town was attacked ."
AGENTLESS = "The/DET/det/1 town/NOUN/nsubjpass/3 was/AUX/auxpass/3 attacked/VERB/ROOT/3 ./PUNCT/punct/3"
# "Rebels who attacked the town fled ."
RELATIVE = ("Rebels/NOUN/nsubj/5 who/PRON/nsubj/2 attacked/VERB/relcl/0 the/DET/det/4 town/NOUN/dobj/2 "
            "fled/VERB/ROOT/5 ./PUNCT/punct/5")
# "The UN urged the army to withdraw ."
OBJECT_CONTROL = ("The/DET/det/1 UN/PROPN/nsubj/2 urged/VERB/ROOT/2 the/DET/det/4 army/NOUN/dobj/2 "
                  "to/PART/aux/6 withdraw/VERB/xcomp/2 ./PUNCT/punct/2")
# "The army vowed to retaliate ."
SUBJECT_CONTROL = ("The/DET/det/1 army/NOUN/nsubj/2 vowed/VERB/ROOT/2 to/PART/aux/4 retaliate/VERB/xcomp/2 "
                   "./PUNCT/punct/2")
# "They called on Iran to release prisoners ."
CALL_ON = ("They/PRON/nsubj/1 called/VERB/ROOT/1 on/ADP/prep/1 Iran/PROPN/pobj/2 to/PART/aux/5 "
           "release/VERB/xcomp/1 prisoners/NOUN/dobj/5 ./PUNCT/punct/1")
# "Troops came and attacked ."
CONJ = "Troops/NOUN/nsubj/1 came/VERB/ROOT/1 and/CCONJ/cc/1 attacked/VERB/conj/1 ./PUNCT/punct/1"
# "Police were accused of killing protesters ."
PCOMP = ("Police/NOUN/nsubjpass/2 were/AUX/auxpass/2 accused/VERB/ROOT/2 of/ADP/prep/2 killing/VERB/pcomp/3 "
         "protesters/NOUN/dobj/4 ./PUNCT/punct/2")
# "Police did not attack anyone ."
NEGATED = ("Police/NOUN/nsubj/3 did/AUX/aux/3 not/PART/neg/3 attack/VERB/ROOT/3 anyone/PRON/dobj/3 "
           "./PUNCT/punct/3")
# "No agreement was reached ."
NO_DET = "No/DET/det/1 agreement/NOUN/nsubjpass/3 was/AUX/auxpass/3 reached/VERB/ROOT/3 ./PUNCT/punct/3"
# "They reached a deal and a truce on Monday ."
GOVERNOR = ("They/PRON/nsubj/1 reached/VERB/ROOT/1 a/DET/det/3 deal/NOUN/dobj/1 and/CCONJ/cc/3 a/DET/det/6 "
            "truce/NOUN/conj/3 on/ADP/prep/1 Monday/PROPN/pobj/7 ./PUNCT/punct/1")
# "If they attack , we will respond ."
CONDITIONAL = ("If/SCONJ/mark/2 they/PRON/nsubj/2 attack/VERB/advcl/6 ,/PUNCT/punct/6 we/PRON/nsubj/6 "
               "will/AUX/aux/6 respond/VERB/ROOT/6 ./PUNCT/punct/6")
# "The leader of the group , who spoke , left ."  (noun phrase without the aside)
NP = ("The/DET/det/1 leader/NOUN/nsubj/9 of/ADP/prep/1 the/DET/det/4 group/NOUN/pobj/2 ,/PUNCT/punct/1 "
      "who/PRON/nsubj/7 spoke/VERB/relcl/1 ,/PUNCT/punct/1 left/VERB/ROOT/9")
# "He flew to Lagos to meet rebels ."
PURPOSE = ("He/PRON/nsubj/1 flew/VERB/ROOT/1 to/ADP/prep/1 Lagos/PROPN/pobj/2 to/PART/aux/5 meet/VERB/advcl/1 "
           "rebels/NOUN/dobj/5 ./PUNCT/punct/1")


@pytest.mark.parametrize("spec,verb,want,passive", [
    (ACTIVE, 1, "Rebels", False),
    (PASSIVE, 3, "rebels", True),
    (AGENTLESS, 3, None, True),
    (RELATIVE, 2, "Rebels", False),
    (OBJECT_CONTROL, 6, "army", False),
    (SUBJECT_CONTROL, 4, "army", False),
    (CALL_ON, 5, "Iran", False),
    (CONJ, 3, "Troops", False),
    (PCOMP, 4, "Police", False),
])
def test_subject(spec: str, verb: int, want: str | None, passive: bool) -> None:
    doc = parse(spec)
    got = syntax.subject(doc[verb])
    assert text(got.token) == want
    assert got.passive is passive


def test_subject_without_control_stops_at_the_complement() -> None:
    doc = parse(OBJECT_CONTROL)
    assert syntax.subject(doc[6], control=False).token is None


def test_objects_include_passive_subjects_and_conjuncts() -> None:
    assert [t.text for t in syntax.objects(parse(ACTIVE)[1])] == ["town"]
    assert [t.text for t in syntax.objects(parse(PASSIVE)[3])] == ["town"]
    assert [t.text for t in syntax.objects(parse(GOVERNOR)[1])] == ["deal", "truce"]
    assert text(syntax.object(parse(GOVERNOR)[1])) == "deal"
    assert syntax.object(parse(CONJ)[1]) is None


def test_prep_objects_by_preposition() -> None:
    doc = parse(CALL_ON)
    assert [t.text for t in syntax.prep_objects(doc[1], ("on",))] == ["Iran"]
    assert syntax.prep_objects(doc[1], ("against",)) == []
    assert text(syntax.by_agent(parse(PASSIVE)[3])) == "rebels"


def test_governor_climbs_coordination_and_prepositions() -> None:
    doc = parse(GOVERNOR)
    assert text(syntax.governor(doc[6])) == "reached"  # "a truce", coordinated with the object
    assert text(syntax.governor(doc[8])) == "reached"  # "on Monday"
    assert syntax.governor(doc[2]) is None  # a determiner is no argument


def test_passive_and_negation() -> None:
    assert syntax.is_passive(parse(PASSIVE)[3]) and not syntax.is_passive(parse(ACTIVE)[1])
    assert syntax.negated(parse(NEGATED)[3])
    assert syntax.negated(parse(NO_DET)[1])  # "no agreement"
    assert not syntax.negated(parse(ACTIVE)[1])


def test_conditional_clause() -> None:
    doc = parse(CONDITIONAL)
    assert syntax.conditional(doc[2])
    assert syntax.conditional(doc[6])  # "we will respond" has the if-clause as its own adverbial
    assert not syntax.conditional(parse(ACTIVE)[1])


def test_clause_head_and_ancestors() -> None:
    doc = parse(GOVERNOR)
    assert syntax.clause_head(doc[8]).text == "reached"
    assert [t.text for t in syntax.ancestors_within(doc[8], 5)] == ["on", "reached"]


def test_noun_phrase_cuts_asides() -> None:
    doc = parse(NP)
    assert syntax.noun_phrase(doc[1]).text == "The leader of the group"


def test_purpose_governor() -> None:
    doc = parse(PURPOSE)
    assert text(syntax.purpose_governor(doc[5])) == "flew"
    assert syntax.purpose_governor(doc[1]) is None


def test_conjuncts_in_text_order() -> None:
    doc = parse(GOVERNOR)
    assert [t.text for t in syntax.conjuncts(doc[6])] == ["deal", "truce"]


# --------------------------------------------------------------------------- reported speech (quotes layer)

# "His advisor , Kharrazi , said ."
APPOS_NAME = ("His/PRON/poss/1 advisor/NOUN/nsubj/5 ,/PUNCT/punct/1 Kharrazi/PROPN/appos/1 ,/PUNCT/punct/1 "
              "said/VERB/ROOT/5 ./PUNCT/punct/5")
# "A quote from Bush , which said ..." (the relative clause's subject is the quote's source)
RELATIVE_SOURCE = ("A/DET/det/1 quote/NOUN/ROOT/1 from/ADP/prep/1 Bush/PROPN/pobj/2 ,/PUNCT/punct/1 "
                   "which/PRON/nsubj/6 said/VERB/relcl/1")
# "They sent a letter to denounce it ." (a purpose clause: the object is no person)
SEND_TO = ("They/PRON/nsubj/1 sent/VERB/ROOT/1 a/DET/det/3 letter/NOUN/dobj/1 to/PART/aux/5 "
           "denounce/VERB/advcl/1 it/PRON/dobj/5 ./PUNCT/punct/1")


def test_named_phrase_prefers_the_name_beside_a_description() -> None:
    doc = parse(APPOS_NAME)
    assert syntax.named_phrase(doc[1]).text == "Kharrazi"
    assert syntax.noun_phrase(doc[1]).text == "His advisor"


@pytest.mark.parametrize(("spec", "verb", "person", "want"), [
    (APPOS_NAME, 5, False, "Kharrazi"),
    (PASSIVE, 3, False, "rebels"),  # the by-agent of a passive
    (RELATIVE_SOURCE, 6, False, "Bush"),
    (OBJECT_CONTROL, 6, False, "the army"),  # "urged the army to withdraw": the army withdraws
    (SEND_TO, 5, False, "They"),  # "sent a letter to denounce": the senders denounce
    (SEND_TO, 5, True, "a letter"),  # ... unless the object is a person ("sent his advisor to denounce")
])
def test_reporting_subject(spec: str, verb: int, person: bool, want: str) -> None:
    doc = parse(spec)
    got = syntax.reporting_subject(doc[verb], lambda t: person)
    assert got is not None and got.text == want


# "Farmers marched , chanting slogans that urged the mayor to resign ." (invented)
CARRIED = ("Farmers/NOUN/nsubj/1 marched/VERB/ROOT/1 ,/PUNCT/punct/1 chanting/VERB/advcl/1 "
           "slogans/NOUN/dobj/3 that/PRON/nsubj/6 urged/VERB/relcl/4 the/DET/det/8 mayor/NOUN/dobj/6 "
           "to/PART/aux/10 resign/VERB/xcomp/6 ./PUNCT/punct/1")


def test_words_carried_by_a_thing_are_its_producers() -> None:
    doc = parse(CARRIED)
    slogans = lambda t: t.lower_ == "slogans"  # noqa: E731
    got = syntax.reporting_subject(doc[6], lambda t: False, slogans)
    assert got is not None and got.text == "Farmers"
    # without the carrier test the relative clause's noun is the source, as for "a quote from X, which said"
    got = syntax.reporting_subject(doc[6], lambda t: False)
    assert got is not None and got.text == "slogans"


def test_doc_text_is_read_once_and_never_leaks_to_a_copy() -> None:
    doc = Doc(VOCAB, words=["Officials", "in", "Lagos", "said", "so", "."], spaces=[True, True, True, True, False, False])
    assert syntax.doc_text(doc) == doc.text == "Officials in Lagos said so."
    assert syntax.doc_text(doc) is syntax.doc_text(doc)  # built once
    # Masking copies user data onto a Doc of other words: its text is its own.
    other = Doc(VOCAB, words=["Officials", "in", "ORG", "said", "so", "."], spaces=[True, True, True, True, False, False])
    other.user_data.update(doc.user_data)
    assert syntax.doc_text(other) == "Officials in ORG said so."
