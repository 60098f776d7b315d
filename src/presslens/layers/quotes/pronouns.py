"""Pronoun speakers: the nearest compatible antecedent ("he", "she", "it", "they").

Walk back from the pronoun sentence by sentence (``pronoun_window_sentences``): in the pronoun's
own sentence the nearest phrase before it first; in earlier sentences the subjects first (the
main clause's, then the others), then other names, left to right — the order in which readers
keep track of who is talked about. A candidate must agree with the pronoun:

- *he/she*: a person (a PERSON name, a person noun "the spokesman", "the 70-year-old"), singular,
  and of that gender when the text tells it (an honorific "Mrs.", a noun "mother", an earlier
  pronoun resolved to the same person);
- *it*: an organisation or a text (an ORG/GOV name, "the ministry", "the report"), singular;
- *they*: a plural phrase ("International HIV experts", "the nurses and the doctor") or an
  organisation.

Words inside quotation marks are the speaker's own and are skipped, unless the pronoun sits in the
same quotation. No compatible antecedent: the pronoun stays its own speaker.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from ..syntax import named_phrase as np
from .items import Cand
from .lexicon import cue_lemma, cues

_AGE = re.compile(r"\d+-year-old$")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
_DEFINITE = ("the", "this", "that", "these", "those")


def _role(name: str) -> bool:
    """Is a mention only a title ("Prime Minister", "Deputy Director"), not a person's name?"""
    words = name.lower().split()
    return bool(words) and words[-1] in _person_heads()


def _unlisted_person(root: Token) -> bool:
    """A proper noun the actors stage did not list is a person when the parser's entity says so, or
    when it is the subject of a reporting verb and no organisation or place ("“...,” Fa added")."""
    if root.ent_type_ == "PERSON":
        return True
    return (root.ent_type_ not in ("ORG", "NORP", "GPE", "LOC", "FAC") and _ACRONYM.fullmatch(root.text) is None
            and root.dep_ == "nsubj" and cue_lemma(root.head) is not None)


@functools.lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    c = cues()
    words = list(c["org_nouns"]) + list(c["body_nouns"]) + list(c["outlet_nouns"]) + list(c["text_nouns"])
    words += list(c["statement_nouns"]) + list(c["collective_nouns"])
    return frozenset(w.lower() for w in words)


@functools.lru_cache(maxsize=1)
def _person_heads() -> frozenset[str]:
    c = cues()
    return frozenset([w.lower() for w in c["person_nouns"]] + [w for g in c["gender_nouns"].values() for w in g])


@functools.lru_cache(maxsize=1)
def _gender_of_noun() -> dict[str, str]:
    return {w: g for g, ws in cues()["gender_nouns"].items() for w in ws}


class PronounCoref:
    """Mixed into the Resolver: needs its doc, text, mentions, gender memory and quote spans."""

    doc: Doc
    text: str
    mentions: list[Cand]
    gender: dict[str, str]
    quote_spans: list[tuple[int, int]]

    def mention_in(self, s: int, e: int) -> list[Cand]:
        return [m for m in self.mentions if m.start < e and s < m.end]

    @staticmethod
    def _key(m: Cand) -> str:
        return m.actor_id or m.text.split()[-1].lower()

    def pronoun_antecedent(self, s: int, e: int) -> Cand | None:
        """The antecedent of the pronoun at doc offsets [s, e), or None."""
        pron = self.text[s:e].strip().lower()
        if pron not in ("he", "she", "it", "they"):
            return None
        here = next(((qs, qe) for qs, qe in self.quote_spans if qs <= s < qe), None)
        for span in self._candidates(s, here):
            found = self._agrees(span, pron)
            if found is not None:
                if pron in ("he", "she"):
                    self.gender[self._key(found)] = "m" if pron == "he" else "f"
                return found
        return None

    def _candidates(self, pos: int, here: tuple[int, int] | None) -> Iterator[Span]:
        doc = self.doc
        start = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if start is None or not len(start):
            return
        sents = list(doc.sents)
        k = next((i for i, sent in enumerate(sents) if sent.start <= start.start < sent.end), None)
        if k is None:
            return
        window = int(cues()["pronoun_window_sentences"])

        def outside(t: Token) -> bool:
            # A speaker's own words are no antecedents, except a speaker reported inside a quoted excerpt
            # ("“Matthew Offord ... demanded action ...” He told the crowds").
            inside = [(qs, qe) for qs, qe in self.quote_spans if qs <= t.idx < qe]
            return not inside or (here is not None and here in inside) or (
                t.dep_ == "nsubj" and cue_lemma(t.head, broad=True) is not None)

        # The pronoun's own sentence: the nearest phrase before it.
        own = [t for t in sents[k] if t.i < start.start and self._nominal(t) and outside(t)]
        # Subjects before objects (the clause's topic is whom a pronoun goes on about: "Officials seized the
        # food and are tracing it back to the manufacturer, where they believe ..."), each nearest first.
        for t in sorted(own, key=lambda t: (t.dep_ not in ("nsubj", "nsubjpass"), -t.i)):
            yield np(t)
        for sent in reversed(sents[max(0, k - window) : k]):
            subjects = [t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and self._nominal(t) and outside(t)]
            subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", t.i))
            seen: set[int] = set()
            for t in subjects:
                sp = np(t)
                seen.update(range(sp.start, sp.end))
                yield sp
            for m in self.mentions:
                if sent.start_char <= m.start < sent.end_char:
                    ms = doc.char_span(m.start, m.end, alignment_mode="expand")
                    if ms is not None and len(ms) and ms.root.i not in seen and outside(ms.root):
                        seen.update(range(ms.start, ms.end))
                        yield ms

    @staticmethod
    def _nominal(t: Token) -> bool:
        return t.pos_ in ("PROPN", "NOUN", "PRON") and t.dep_ in (
            "nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative", "ROOT", "poss")

    def _agrees(self, span: Span, pron: str) -> Cand | None:
        root = span.root
        low = root.lower_
        if root.pos_ == "PRON":
            if low != pron:
                return None  # "she" is no antecedent for "he"; "we", "I" stand for nobody here
            return self.pronoun_antecedent(span.start_char, span.end_char)
        ms = self.mention_in(span.start_char, span.end_char)
        # The name at the head of the phrase ("Punjab Finance Minister Ravi Kumar" -> Ravi Kumar), else the longest.
        named = next((m for m in ms if m.start <= root.idx < m.end), None) or (
            max(ms, key=lambda m: (m.label == "PERSON", m.end - m.start)) if ms else None)
        label = named.label if named is not None and named.start <= root.idx < named.end else ""
        if root.dep_ == "poss" and label not in ("ORG", "GOV", "NORP"):
            return None  # an owner is an antecedent only as an organisation ("Microsoft's goal ..., it said")
        lemma = root.lemma_.lower()
        plural = root.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in root.children)
        unknown = not label and root.pos_ == "PROPN"
        person = label == "PERSON" or (not label and (lemma in _person_heads() or low in _person_heads()
                                                      or _AGE.search(low) is not None)) or (
            unknown and _unlisted_person(root))
        if label in ("ORG", "GOV", "NORP") and root.dep_ == "appos" and root.head.lemma_.lower() in _person_heads():
            label = "PERSON"  # "a UNICEF field officer, Marta Lindqvist": a person, whatever the name's label
        person = person or label == "PERSON"
        org = label in ("ORG", "GOV", "NORP") or (not label and (lemma in _org_heads() or low in _org_heads())) or (
            unknown and (root.ent_type_ in ("ORG", "NORP") or _ACRONYM.fullmatch(root.text) is not None))
        if pron in ("he", "she"):
            if not person or plural:
                return None
            want = "m" if pron == "he" else "f"
            known = self._gender_in(span, named)
            if known is not None and known != want:
                return None
        elif pron == "it":
            if person or plural or not org:
                return None
        elif not (plural or org):
            return None
        appos = self.appositive_name(span, "PERSON" if person else "ORG")
        if appos is not None and (named is None or not label or _role(named.text)):
            return appos  # "The president of Ghana, Kofi Mensah, said ... He" -> Kofi Mensah
        if named is not None and (label or named.actor_id):
            return named
        found = Cand(start=span.start_char, end=span.end_char, text=span.text, label="PERSON" if person else "ORG")
        if root.pos_ == "NOUN" and (span[0].lower_ in _DEFINITE or self.text_source(span.start_char, span.end_char)):
            # "The agency says ... It notes": the description's own antecedent, when it has an actor.
            desc = self._resolve(span.start_char, span.end_char)
            if desc is not None and desc.actor_id:
                return desc
        return found

    def _resolve(self, s: int, e: int, exclude: tuple[int, int] | None = None) -> Cand | None:
        return None  # the Resolver's: what a description stands for

    def text_source(self, s: int, e: int) -> tuple[int, int] | None:
        return None  # the Resolver's: who a text is from

    def appositive_name(self, span: Span, typ: str) -> Cand | None:
        """The name set beside a description by commas ("The Fijian Prime Minister, Tomasi Vunaga, said",
        "said a UNICEF field officer, Marta Lindqvist."): the mention right after ", " whose type fits."""
        doc = span.doc
        k = span.end
        if k < len(doc) and doc[k].text == "(":  # "The Deputy Director of the WFO (WFO), Lena Marsh said"
            close = next((t.i for t in doc[k : min(len(doc), k + 8)] if t.text == ")"), None)
            k = close + 1 if close is not None else k
        if k + 1 >= len(doc) or doc[k].text != ",":
            return None
        at = doc[k + 1].idx
        for m in self.mentions:
            if m.start == at and (m.label == typ or (typ == "ORG" and m.label in ("ORG", "GOV", "NORP"))):
                after = doc.char_span(m.start, m.end, alignment_mode="expand")
                if after is not None and not _role(m.text) and (
                        after.end >= len(doc) or doc[after.end].text in (",", ".", ";", ")")
                        or doc[after.end].pos_ in ("VERB", "AUX")):
                    return m
        return None

    def _gender_in(self, span: Span, named: Cand | None) -> str | None:
        if named is not None and self._key(named) in self.gender:
            return self.gender[self._key(named)]
        for t in span:
            g = _gender_of_noun().get(t.lower_)
            if g is not None and t.dep_ != "poss":
                return g
        return None
