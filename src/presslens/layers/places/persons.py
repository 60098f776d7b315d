"""rule person_name: a person's surname is no town (session 18).

GeoNames holds thousands of small towns named after people (Clifford, Ontario; Harden, Missouri;
Clawson, Michigan), and news text names people by their surname alone ("Clifford says", "Mr.
Clawson told"). A one-word mention whose best reading is a town, county or site of under
``alternate_min_population`` people is no place when the word
- follows a title or honorific ("Mr. Clawson", "Dr. Saha"; ``person_titles.txt`` and quote_cues.yaml's
  honorifics), or
- is a PERSON entity that is the subject of a speech verb ("Clifford says", "said Clifford";
  quote_cues.yaml's speech verbs), or
- ends a person's full name elsewhere in the article ("Lisa Harden ... Harden said"),
unless the text places the name once by a qualifier ("Reston, Virginia").
Countries, regions and big cities stay ("Jordan", "Georgia", "Houston"): a metonym ("Washington
said") is the place. A word NER tags PERSON is not dropped for that alone: NER calls many small towns
persons ("Barrington", "Parkes", "Berry" in a list of towns).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from ...lang import data, words
from .mentions import Mention, prior, weights


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[frozenset[str], frozenset[str]]:
    q = data("quote_cues.yaml")
    titles = set(words("person_titles")) | {h for hs in q["honorifics"].values() for h in hs}
    return frozenset(titles), frozenset(q["speech_verbs"])


def _small_town(m: Mention) -> bool:
    own = [(e, p) for e, p in m.cands if p] or list(m.cands)
    if not own:
        return False
    e, _ = max(own, key=lambda c: prior(*c))
    return e.precision in ("city", "county", "site") and e.population < int(weights()["alternate_min_population"])


def _surnames(doc: Doc) -> set[str]:
    """Last words of full person names (title-case words only: "Village Malakal" is a place)."""
    return {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1
            and all(t.text[:1].isupper() and t.text[1:].islower() for t in ent)}


def _speaks(t: Token, verbs: frozenset[str]) -> bool:
    return t.ent_type_ == "PERSON" and t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_ in verbs


def person_word(doc: Doc, m: Mention, surnames: set[str]) -> bool:
    if m.end - m.start != 1 or m.fixed is not None or m.role == "demonym" or not _small_town(m):
        return False
    titles, verbs = _cues()
    t = doc[m.start]
    return (m.start > 0 and doc[m.start - 1].lower_ in titles) or _speaks(t, verbs) or m.text in surnames


def drop_person_words(doc: Doc, found: list[Mention]) -> list[Mention]:
    """After ``qualify``: a name the text places once ("Reston, Virginia") is the place throughout,
    whatever person or virus shares it ("Ebola Reston")."""
    placed = {m.text for m in found if m.qualifier is not None}
    surnames = _surnames(doc) - placed
    return [m for m in found if m.text in placed or not person_word(doc, m, surnames)]
