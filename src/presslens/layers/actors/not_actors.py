"""Names NER tags PERSON/ORG that are not actors (docs/actors.md, "What an actor mention is").

Each rule is a small named check with examples; a span a rule rejects is neither a mention nor a
provisional actor (its words stay taken, so no later rule mints it again):

- ``demonym``: one word that is a nationality adjective or noun ("Antiguan", "Argentines"); a
  plural one becomes the country's people in the ``agents`` step ("Argentines" -> ``argentina-people``);
- ``software``: exactly a programming language or file format name ("Python", "TOML", "TypeScript";
  ``lang/en/software_names.txt``, from Pygments);
- ``non_actor_head``: a name of two or more words ending in an event, prize or work word ("German
  Wine Awards", "Winter Outlook"; ``lang/en/non_actor_heads.txt``);
- ``furniture``: a name that is a whole line by itself, and the same line recurs three times or more
  in the article: a page's buttons and widgets ("ReplyDelete" under every blog comment);
- ``fragment``: a name ending in a preposition, conjunction, determiner or a verb's -ing form, a
  piece of a title ("Learning Sparse Codes Using");
- ``label_vote``: NER itself tags the same words elsewhere in the article more often as a work,
  product, event, law, language or nationality than as a person or organisation ("Skyrim"
  PRODUCT three times, PERSON twice; "Gaussian" NORP twice, PERSON once); a longer person or
  organisation name holding the words votes for them ("Lincoln Bloomfield" ... "Bloomfield");
- ``count_noun``: a one-word name the article writes as a countable thing, with an indefinite
  article, a demonstrative or a possessive pronoun as its determiner ("commit a Gradlefile", "this
  Gradlefile", "our Moleskine"), and never as the subject of a verb ("Tesla said ..." keeps "a
  Tesla" an actor). Read from the parse's morphology, no word list.
A company suffix or a state-body word overrides the last two ("Film Festival Foundation").
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from ...lang import words
from ..syntax import doc_text
from .agents import country_of_demonym
from .cues import NameCues

_FRAGMENT_POS = frozenset({"ADP", "CCONJ", "SCONJ", "DET", "PRON", "AUX", "PART"})
# spaCy's OntoNotes labels for things that are not actors (docs/actors.md, "What an actor mention
# is"). Place labels are not here: a name NER tags GPE/LOC/FAC anywhere is already a place, handed
# to the places layer (cues.py), which a drop here would take from it.
_NOT_ACTOR_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "NORP"})


class NotActors(NameCues):
    def _not_actor(self, doc: Doc, s: int, e: int) -> str | None:
        """The rule that says span [s, e) is not an actor, else None."""
        toks = [t for t in doc[s:e] if not t.is_space]
        if not toks:
            return None
        last = toks[-1]
        if len(toks) == 1 and last.is_alpha and country_of_demonym(last.text) is not None:
            return "demonym"
        if doc[s:e].text in words("software_names"):
            return "software"
        if self._furniture(doc, s, e):
            return "furniture"
        if self._label_vote(doc, doc[s:e].text):
            return "label_vote"
        if len(toks) == 1 and self._count_noun(doc, last.text):
            return "count_noun"
        if len(toks) < 2 or self._org_cued(toks):
            return None
        if last.text in words("non_actor_heads"):
            return "non_actor_head"
        if last.pos_ in _FRAGMENT_POS or (last.tag_ == "VBG" and not last.is_lower and last.pos_ != "PROPN"):
            return "fragment"
        return None

    @staticmethod
    def _label_vote(doc: Doc, text: str) -> bool:
        """NER's own majority over every entity with exactly these words in the article: more
        non-actor labels than PERSON/ORG (counting longer PERSON/ORG names that hold the words),
        and at least one of each (it disagreed with itself)."""
        votes = doc.user_data.get("_presslens_ent_labels")
        if votes is None:
            votes = {}
            for ent in doc.ents:
                c = votes.setdefault(ent.text, Counter())
                c["actor" if ent.label_ in ("PERSON", "ORG") else "other" if ent.label_ in _NOT_ACTOR_LABELS else "-"] += 1
            doc.user_data["_presslens_ent_labels"] = votes
        c = votes.get(text)
        if c is None or not 0 < c["actor"] < c["other"]:
            return False
        # A longer person or organisation name holding the words votes for them too ("Lincoln
        # Bloomfield" ... "Bloomfield", even where NER calls the surname a town).
        inside = sum(n for t, v in votes.items() if (n := v["actor"]) and t != text and f" {text} " in f" {t} ")
        return c["actor"] + inside < c["other"]

    @staticmethod
    def _count_noun(doc: Doc, text: str) -> bool:
        """Rule ``count_noun``: some occurrence of the word heads a noun phrase determined by "a"/"an",
        a demonstrative or a possessive pronoun, and none is the subject of a full verb."""
        uses = doc.user_data.get("_presslens_count_nouns")
        if uses is None:
            counted: set[str] = set()
            agents: set[str] = set()
            for t in doc:
                if t.pos_ not in ("PROPN", "NOUN") or not t.text[:1].isupper():
                    continue
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB":
                    agents.add(t.text)
                elif t.dep_ not in ("compound", "nmod", "amod") and any(
                        (c.dep_ == "det" and ("Ind" in c.morph.get("Definite", []) or "Dem" in c.morph.get("PronType", [])))
                        or (c.dep_ == "poss" and c.tag_ == "PRP$") for c in t.children):
                    counted.add(t.text)
            uses = doc.user_data["_presslens_count_nouns"] = counted - agents
        return text in uses

    @staticmethod
    def _furniture(doc: Doc, s: int, e: int) -> bool:
        text = doc_text(doc)
        a, b = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
        ls, le = text.rfind("\n", 0, a) + 1, text.find("\n", b)
        if text[ls : le if le >= 0 else len(text)].strip() != text[a:b]:
            return False
        counts = doc.user_data.get("_presslens_lines")
        if counts is None:
            counts = doc.user_data["_presslens_lines"] = Counter(ln.strip() for ln in text.splitlines())
        return bool(counts[text[a:b]] >= 3)
