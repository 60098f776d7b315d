"""The places of one sentence an event can take (``Index``), and the tests a place word must pass to
count: not a demonym on people (``demonym-not-place``), not a word of a longer name, not a possessor of
another place. Split from ``location.py`` (its rules read places through this index). Words:
``events/places.yaml``."""

from __future__ import annotations

import functools
from typing import Any

from spacy.tokens import Token

from ... import lang
from ...records import Place
from .common import Ctx
from .rules import rule
from .toponyms import named_places


@functools.cache
def data() -> dict[str, Any]:
    out: dict[str, Any] = lang.data("events/places")
    return out


@functools.cache  # (called per place word and per noun walked: building the set each time cost more than the test)
def _words(key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data()[key])


@rule("demonym-not-place", "place")
def _territory_demonym(t: Token) -> bool:
    """``demonym-not-place``: a nationality adjective names a people or a state's things, not where
    an act happened: "shelled a post held by Freedonian soldiers", "clashed near a unit of Ruritanian
    guards" (the soldiers' country), "a blast in the Freedonian capital" (a city: its country is the
    wrong place at any precision the gold asks). It places an act only on a noun of a country's own
    ground ("strikes on Ruritanian soil", "crossed into Freedonian territory", `demonym_territory_nouns`)
    or on a plural place noun, several places of that country ("protests in 30 Freedonian towns")."""
    if t.dep_ not in ("amod", "compound"):
        return False
    noun = t.head.lemma_.lower()
    return noun in _words("demonym_territory_nouns") or (t.head.tag_ == "NNS" and noun in _words("place_nouns"))


class Index:
    """The places of one sentence keyed by the token that heads each (its span's root)."""

    def __init__(self, ctx: Ctx, head: Token, span: tuple[int, int] | None = None):
        self.span = span  # the trigger's tokens
        self.by_tok: dict[int, Place] = {}
        s0, s1 = ctx.page(head.sent)
        done = ctx.sentence_places.get((s0, s1))
        if done is not None:  # (it depends on the sentence alone)
            self.by_tok = dict(done)
            return
        for p in ctx.places:
            if not (s0 <= p.start < s1):
                continue
            sp = ctx.doc.char_span(p.start - ctx.offset, p.end - ctx.offset, alignment_mode="expand")
            if sp is None:
                continue
            if p.role == "demonym" and not _territory_demonym(sp.root):
                continue  # (`demonym-not-place`)
            for t in sp:
                self.by_tok.setdefault(t.i, p)
        for i, p in named_places(ctx, head.sent, self.at).items():
            self.by_tok.setdefault(i, p)
        ctx.sentence_places[(s0, s1)] = dict(self.by_tok)

    def at(self, tok: Token) -> Place | None:
        return self.by_tok.get(tok.i)

    def under(self, tok: Token) -> list[tuple[Token, Place]]:
        """Places in ``tok``'s phrase reached through nouns, appositions, conjunctions and the
        prepositions that keep a location ("a market in Kabul", "the town of Tessit")."""
        out: list[tuple[Token, Place]] = []
        keep = _words("nested_preps")
        stack = [tok]
        seen: set[int] = set()
        while stack:
            t = stack.pop()
            if t.i in seen:
                continue
            seen.add(t.i)
            p = self.at(t)
            # ("Eagle Pass": a word before it that belongs to the same place is no longer name;
            # "Basra's Ashar district", "near Baghdad's airport": a place owning a place is one)
            if p is not None and (not _excluded(t) or (t.i > 0 and self.at(t.doc[t.i - 1]) is p
                                                       and t.dep_ != "poss") or _owns_place(t)):
                out.append((t, p))
            for c in t.children:
                if c.dep_ in ("compound", "appos", "conj", "npadvmod", "nmod", "pobj", "amod", "flat") or c.dep_ == "prep" and c.lower_ in keep or c.dep_ == "poss" and _owns_place(c):
                    stack.append(c)
        return _inner_places(out)


def _inner_places(cands: list[tuple[Token, Place]]) -> list[tuple[Token, Place]]:
    """"in Baghdad's Karrada district", "in the market town's Sabon Gari quarter":
    a place owning a place noun that names a place of its own contains it, so the named place is the
    finer one and the owner is left out (the gazetteer often cannot rank the inner name, which would
    tie with the owner or lose to it)."""
    named = {id(p): t for t, p in cands}
    def owner(t: Token, p: Place) -> bool:
        return _owns_place(t) and any(q is not p and (x.head == t.head or x == t.head)
                                      for q, x in ((q, named[id(q)]) for _, q in cands))
    kept = [(t, p) for t, p in cands if not owner(t, p)]
    return kept or cands


def _owns_place(t: Token) -> bool:
    """A possessor of a place noun: "Basra's Ashar district", "Basra's main port"."""
    return t.dep_ == "poss" and t.head.lemma_.lower() in _words("place_nouns")


def _excluded(t: Token) -> bool:
    """A place word that names something else: possessor ("Iran's programme"), part of a longer
    proper name ("Free Tibet rally"), or one side of a pair ("the Iran-Iraq war")."""
    if t.dep_ == "poss" or any(c.dep_ == "case" for c in t.children):
        return True
    doc = t.doc
    before = doc[t.i - 1] if t.i > 0 else None
    if before is not None and before.is_title and before.pos_ in ("PROPN", "ADJ") and before.head == t \
            and before.dep_ in ("compound", "amod") and before.ent_type_ not in ("GPE", "LOC", "NORP", "DATE") \
            and before.lower_ not in _words("directions") and not before.is_sent_start:
        return True  # "the Free Tibet rally", "Arya Steel workers": a word of a longer name (a date is none: "a May Lima visit")
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    prv = doc[t.i - 1] if t.i > 0 else None
    if nxt is not None and nxt.text in ("-", "–") and not t.whitespace_:
        return True
    if prv is not None and prv.text in ("-", "–") and not prv.whitespace_ and t.i >= 2:
        return True
    return t.dep_ == "compound" and t.head.pos_ == "PROPN" and t.head.ent_type_ not in ("GPE", "LOC", "FAC", "")
