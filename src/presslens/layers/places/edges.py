"""Entity edges that hide a place's whole name (session 18).

- ``org_country_name``: NER tags a country's official name as an organisation ("the Democratic
  People's Republic of Korea", "the Republic of Moldova"); the whole name is the country, not a
  word of an organisation's name ("Republic" was Republic, Missouri).
- ``lead_word_dropped``: NER glues a capitalised word that is no proper noun to the place after it
  ("Recognizing Germany", a headline's verb; "Meanwhile Russia"); the span the gazetteer cannot
  place at all is the place after those words.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...gazetteer import Gazetteer
from .mentions import Mention, prominent, trim

# Penn tags of words that never open a place's name: verbs, adverbs, prepositions, conjunctions,
# determiners, interjections, pronouns (a tagger's NNP/JJ/NN may be part of the name: "New", "Gold").
LEAD_TAGS = ("VB", "RB", "IN", "CC", "DT", "UH", "PRP", "WP", "WRB", "MD")


def org_country_mentions(doc: Doc, gaz: Gazetteer, taken: bytearray) -> list[Mention]:
    """rule org_country_name: an ORG entity whose whole name is a country's name or official form."""
    out = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        s, e = trim(doc, ent.start, ent.end)
        if e - s < 2 or any(taken[s:e]):
            continue
        text = doc[s:e].text
        cands = gaz.candidates(text)
        if not any(c.precision == "country" for c, _ in cands):
            continue
        out.append(Mention(s, e, text, "toponym", "org_country_name", cands, from_ner=True))
        taken[s:e] = b"\x01" * (e - s)
    return out


def drop_lead_words(doc: Doc, gaz: Gazetteer, found: list[Mention], countries: set[str]) -> None:
    """rule lead_word_dropped: an NER or actor span the gazetteer cannot place whose first words are
    no proper nouns (by their tag) is the prominent place after them."""
    if not doc.has_annotation("TAG"):
        return
    for m in found:
        if m.cands or m.fixed is not None or not m.from_ner or m.role != "toponym":
            continue
        for i in range(m.start + 1, m.end):
            if not doc[i - 1].tag_.startswith(LEAD_TAGS) or doc[i - 1].tag_ == "NNP":
                break
            text = doc[i : m.end].text
            cands = gaz.candidates(text)
            if cands and doc[i].text[:1].isupper() and prominent(gaz, cands, countries, text=text):
                m.start, m.text, m.cands, m.rule = i, text, cands, "lead_word_dropped"
                break
