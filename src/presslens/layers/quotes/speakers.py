"""Speakers: the actor a speaker phrase refers to, from the actors stage's mentions (or spaCy
entities). Pronouns and descriptions go to the nearest fitting actor; the antecedent rules for
descriptions and bodies are in :mod:`.coreference`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

from ..syntax import doc_text
from .coreference import ResolverCoref
from .items import Cand
from .lexicon import cues
from .pronouns import PronounCoref, _role


class Resolver(ResolverCoref, PronounCoref):
    """Finds the actor a speaker phrase refers to, from mentions (or spaCy entities)."""

    def __init__(self, doc: Doc, mentions: list[Cand], text: str | None = None):
        self.doc = doc
        # Doc.text joins every token on each access: read it once.
        self.text = text = doc_text(doc) if text is None else text
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.gender: dict[str, str] = {}
        hon = cues()["honorifics"]
        for m in self.mentions:
            before = text[max(0, m.start - 12) : m.start].lower().split()
            word = m.text.split()[0].lower() if m.text.split() else ""
            for g, words in hon.items():
                if (before and before[-1] in words) or word in words:
                    self.gender[self._key(m)] = g
        self.last_speaker: Cand | None = None

    @staticmethod
    def _key(m: Cand) -> str:
        return m.actor_id or m.text.split()[-1].lower()

    def resolve_span(self, s: int, e: int, exclude: tuple[int, int] | None = None) -> Cand | None:
        """Resolve the speaker phrase doc[s:e] (offsets) to a candidate with an actor if possible; the
        candidate keeps the phrase as its ``mention`` when it is another span (a pronoun's antecedent)."""
        found = self._resolve(s, e, exclude)
        if found is None:
            return None
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        if (found.start, found.end) != (s, e) and found.mention is None:
            return replace(found, mention=(s, e))
        return found

    def _resolve(self, s: int, e: int, exclude: tuple[int, int] | None = None) -> Cand | None:
        text = self.text[s:e].strip()
        if not text:
            return None
        low = text.lower()
        prons = cues()["pronouns"]
        if low in prons:
            if low in ("he", "she", "it", "they"):
                # The nearest compatible antecedent; none: the pronoun is its own speaker.
                return self.pronoun_antecedent(s, e) or Cand(start=s, end=e, text=self.text[s:e])
            return self.nearest(s, prons[low]["type"], prons[low]["gender"], exclude)
        ms = self.mention_in(s, e)
        span = self.doc.char_span(s, e, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        words = low.split()
        head_words = re.split(r"\s+(?:of|at|for|from|in)\s+|,", low)[0].replace("-", " ").split()
        desc = words[0] in ("the", "this", "that", "these", "those") if words else False
        pn, on = cues()["person_nouns"], cues()["outlet_nouns"]
        person_noun = any(w in pn or w.rstrip("s") in pn for w in head_words)
        outlet_noun = bool(head_words) and (head_words[-1] in on)
        # The head of the phrase is a name: that mention.
        named = [m for m in ms if root is not None and m.start <= root.idx < m.end]
        if span is not None and len(span) and (person_noun and not any(m.label == "PERSON" and not _role(m.text)
                                                                       for m in named)):
            appos = self.appositive_name(span, "PERSON")
            if appos is not None:  # "The Fijian Prime Minister, Tomasi Vunaga, said": the name beside the title
                return appos
        if not named and root is None:
            named = ms
        if not named and root is not None:
            # "Havana Post state news agency": a name compounded onto an outlet/person noun.
            named = [m for m in ms for t in root.children if t.dep_ == "compound" and m.start <= t.idx < m.end
                     and (person_noun or outlet_noun or root.lower_ in on)]
        head = (root.lower_ if root is not None else head_words[-1] if head_words else "").replace("’", "'")
        collective = head in cues()["collective_nouns"]
        if named and not (collective and all(m.text.lower().removeprefix("the ") == head for m in named)):
            best = max(named, key=lambda m: (m.label == "PERSON", m.end - m.start))
            if best.label != "PERSON" and s < best.start and re.search(r"[’']s\s+$", self.text[s : best.start]):
                # "Ghana's health ministry": the owner is part of the name of the body.
                return Cand(start=s, end=e, text=self.text[s:e], actor_id=best.actor_id, label=best.label)
            return best
        body = self.body(head, s, e) if collective else None
        if body is not None:  # "The Irish TDs", "EDM 1234", "the motion": the body they speak for
            return Cand(start=s, end=e, text=self.text[s:e], actor_id=body.actor_id, label=body.label)
        if named:
            return max(named, key=lambda m: (m.label == "PERSON", m.end - m.start))
        src = self.text_source(s, e) if not ms or root is None or root.pos_ == "NOUN" else None
        if src is not None and not (src[0] <= s and e <= src[1]):
            # "a statement from the department", "Siemens issued a statement": who the text is from.
            found = self._resolve(*src, exclude)
            if found is not None:
                return found
        if head in cues()["text_nouns"] and (desc or not ms):
            # "the article states", "The assertion that ...": the outlet whose text is discussed.
            pub = next((m for m in ms if m.label in ("ORG", "GOV")), None) or self.publisher(s, exclude)
            if pub is not None:
                return Cand(start=s, end=e, text=self.text[s:e], actor_id=pub.actor_id, label=pub.label)
        if ms and head_words and head_words[-1].endswith("s") and person_noun:
            # "three senior Foreign Office officials": the body they speak for.
            orgs = [m for m in ms if m.label in ("ORG", "GOV", "NORP")]
            if orgs:
                return orgs[0]
        if desc and not ms and head_words and head_words[-1] not in pn and not (
                {head, head_words[-1]} & set(cues()["text_nouns"] + cues()["statement_nouns"] + cues()["outlet_nouns"])):
            ante = self.antecedent(s, e)
            if ante is not None:  # "The general staff said" -> "Ukraine's general staff" earlier
                return Cand(start=s, end=e, text=self.text[s:e], actor_id=ante.actor_id, label=ante.label)
        plural = root is not None and root.tag_ in ("NNS", "NNPS")
        if desc and (person_noun or outlet_noun) and not plural:
            typ = "PERSON" if person_noun and not outlet_noun else "ORG"
            found = self.nearest(s, typ, None, exclude, skip=(s, e), subjects=True)
            if found is not None:
                return Cand(start=s, end=e, text=self.text[s:e], actor_id=found.actor_id, label=found.label)
        return Cand(start=s, end=e, text=self.text[s:e])


    def _is_subject(self, m: Cand) -> bool:
        span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
        return (span is not None and len(span) > 0 and span.root.dep_ in ("nsubj", "nsubjpass")
                and span.root.head.dep_ == "ROOT")

    def nearest(self, pos: int, typ: str, gender: str | None, exclude: tuple[int, int] | None = None,
                skip: tuple[int, int] | None = None, subjects: bool = False) -> Cand | None:
        def fits(m: Cand) -> bool:
            if exclude and exclude[0] <= m.start < exclude[1]:
                return False
            if skip and skip[0] <= m.start < skip[1]:
                return False
            if typ == "PERSON" and m.label != "PERSON":
                return False
            if typ == "ORG" and m.label not in ("ORG", "GOV", "NORP"):
                return False
            g = self.gender.get(self._key(m))
            return not (gender and g and g != gender)

        here = next(((s, e) for s, e in self.quote_spans if s <= pos < e), None)

        def outside(m: Cand) -> bool:
            return not self._inside_quote(m) or (here is not None and here[0] <= m.start < here[1])

        last = self.last_speaker
        if last is not None and fits(last) and last.start < pos and here is None:
            # The running speaker wins over a mention that merely sits between (salience).
            between = [m for m in self.mentions if last.end <= m.start < pos and fits(m)
                       and (m.actor_id or m.text) != (last.actor_id or last.text)]
            if not between or all(self._inside_quote(m) for m in between):
                return last
        if gender:
            # A gendered pronoun prefers a nearby mention known to have that gender ("Baroness ... She").
            for m in reversed(self.mentions):
                if pos - 600 < m.start < pos and fits(m) and outside(m) and self.gender.get(self._key(m)) == gender:
                    return m
        if subjects:
            for m in reversed(self.mentions):
                if m.start < pos and fits(m) and outside(m) and self._is_subject(m):
                    return m
        near = next((m for m in reversed(self.mentions) if m.start < pos and fits(m) and outside(m)), None)
        if typ == "PERSON":
            # A person who is the main-clause subject just before, even inside an excerpt's quotation
            # ("“Matthew Offord ... demanded action.  He told the crowds: ..."), beats an older mention.
            close = next((m for m in reversed(self.mentions) if pos - 400 < m.start < pos and fits(m)
                          and self._is_subject(m)), None)
            if close is not None and (near is None or close.start > near.start):
                return close
        if near is not None:
            return near
        for m in reversed(self.mentions):
            if m.start < pos and fits(m):
                return m
        return None

    quote_spans: list[tuple[int, int]] = []

    def _inside_quote(self, m: Cand) -> bool:
        return any(s <= m.start < e for s, e in self.quote_spans)


def doc_mentions(doc: Doc, ctx: dict[str, Any], text: str | None = None) -> list[Cand]:
    off = int(ctx.get("offset", 0))
    ments = ctx.get("mentions")
    out: list[Cand] = []
    text = doc_text(doc) if text is None else text  # built on every access: read once
    if ments:
        for m in ments:
            s, e = m.start - off, m.end - off
            if 0 <= s < e <= len(text):
                label = {"GOV": "GOV", "PERSON": "PERSON"}.get(m.label, "ORG" if m.label not in ("GPE", "LOC", "FAC")
                                                            else m.label)
                out.append(Cand(start=s, end=e, text=text[s:e], actor_id=m.actor_id, label=label))
        return out
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            etext = ent.text
            s = ent.start_char
            if ent[0].lower_ == "the":
                s = ent[1].idx if len(ent) > 1 else s
                etext = text[s : ent.end_char]
            label = ent.label_ if ent.label_ != "NORP" else "ORG"
            out.append(Cand(start=s, end=ent.end_char, text=etext, label=label))
    return out
