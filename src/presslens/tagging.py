"""Memoised stand-ins for the model's ``attribute_ruler`` and rule ``lemmatizer``.

Both spaCy components do per-token Python work that only depends on a few token attributes:
the attribute ruler's single-token rules on (tag, text, dep), the rule lemmatizer on
(text, pos, morph). On news text they cost more CPU than the parser (profiled: 0.9 s and 0.7 s
per 24k words against the parser's 1.0 s). These components compute each distinct key once
through the original component's own rules and then write whole columns with
``Doc.from_array``; tokens they cannot memoise (targets of multi-token rules, rules that set
tag or dep or extensions) go through the original rule application. The output is the
model's, token for token (``tests/test_tagging.py`` compares every attribute on real pages).

``load_model`` swaps them in when the settings allow (``nlp.memo_tagging``) and the model's
components are the standard ones; the originals stay in the pipeline, disabled.
"""

from __future__ import annotations

from typing import Any, cast

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

_COLUMNS = (POS, MORPH, LEMMA)  # what the memoised path may write
# Token attributes a pattern may test for its match to depend on the token alone (its memo key:
# tag, text, dep); the lexical ones follow from the text.
_OWN_ATTRS = frozenset({"TAG", "DEP", "ORTH", "TEXT", "LOWER", "LENGTH", "IS_SPACE", "IS_PUNCT", "IS_ALPHA",
                        "IS_DIGIT", "IS_UPPER", "IS_LOWER", "IS_TITLE"})
# Entries per memo table before it starts afresh. Keys grow with the vocabulary, and news keeps
# bringing new names: unbounded, the two tables grew ~6 entries per article (~2.5 kB) on distinct
# text, ~250 MB over 10k articles (bench/memory.py). Cleared, not LRU: a hit costs one dict
# look-up, and the frequent keys are back within a page or two.
MEMO_LIMIT = 32_768


class MemoAttributes:
    """The attribute ruler's effect, memoised per (tag, orth, dep) for single-token rules."""

    def __init__(self, ruler: AttributeRuler):
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.single = Matcher(self.vocab)
        self.multi = Matcher(self.vocab)
        self.has_multi = False
        firsts: list[list[dict[str, Any]]] = []
        for i in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(i))
            if all(len(p) == 1 for p in patterns):
                self.single.add(str(i), patterns)
            else:
                self.multi.add(str(i), patterns)
                self.has_multi = True
                firsts.extend(p[:1] for p in patterns)
        # The first tokens of the multi-token patterns, when each tests only the token itself
        # (``_OWN_ATTRS``) and is not optional: a doc none of whose keys can start a match has no
        # multi-token match, so the multi-token matcher need not scan it (most docs).
        self.starts: Matcher | None = None
        if firsts and all(set(p[0]) <= _OWN_ATTRS for p in firsts):
            self.starts = Matcher(self.vocab)
            self.starts.add("start", firsts)
        # rule ids matching a key, the merged last-write-wins assignment (None: slow path), and
        # whether the key can start a multi-token match
        self.memo: dict[tuple[int, int, int], tuple[tuple[int, ...], dict[int, int] | None, bool]] = {}
        self.limit = MEMO_LIMIT

    def _lookup(self, keys: list[tuple[int, int, int]]) -> None:
        """Memoise the rules of keys not seen yet: all of a doc's new keys in one Doc and one
        matcher call (one call per key was most of a first pass's cost). Every single-token
        pattern tests only the token itself (TAG, LOWER, DEP, IS_SPACE), so a token's matches do
        not depend on its neighbours."""
        one = Doc(self.vocab, words=[self.vocab.strings[orth] for _, orth, _ in keys], spaces=[False] * len(keys))
        for tok, (tag, _, dep) in zip(one, keys, strict=True):
            tok.tag = tag
            tok.dep = dep
        found: list[list[int]] = [[] for _ in keys]
        for m, start, end in self.single(one, allow_missing=True):
            if end == start + 1:
                found[start].append(int(self.vocab.strings[m]))
        starts = [self.has_multi] * len(keys)  # no filter: every key may start one
        if self.starts is not None:
            starts = [False] * len(keys)
            for _, start, _end in self.starts(one, allow_missing=True):
                starts[start] = True
        for key, hits, can_start in zip(keys, found, starts, strict=True):
            ids = tuple(sorted(hits))
            rules = [self.ruler.attrs[i] for i in ids]
            merged: dict[int, int] | None = None
            if all(set(attrs) <= set(_COLUMNS) for attrs in rules):
                merged = {}
                for attrs in rules:  # in rule order: later rules win, as in the ruler
                    merged.update(attrs)
            self.memo[key] = (ids, merged, can_start)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if len(self.memo) > self.limit:
            self.memo.clear()
        keys = doc.to_array([TAG, ORTH, DEP]).tolist()
        memo = self.memo
        distinct = dict.fromkeys((t, o, d) for t, o, d in keys)
        new = [k for k in distinct if k not in memo]
        if new:
            self._lookup(new)
        slow: dict[int, list[int]] = {}
        if self.has_multi and any(memo[k][2] for k in distinct):
            for m, start, end in self.multi(doc, allow_missing=True):
                rule = int(self.vocab.strings[m])
                target = doc[start:end][self.ruler.indices[rule]].i
                slow.setdefault(target, []).append(rule)
        cols = doc.to_array(list(_COLUMNS))
        changed = False
        for i, key in enumerate(keys):
            ids, merged, _ = memo[(key[0], key[1], key[2])]
            if merged is None or i in slow:
                slow.setdefault(i, []).extend(ids)
            elif merged:
                changed = True
                row = cols[i]
                for j, attr in enumerate(_COLUMNS):
                    if attr in merged:
                        row[j] = merged[attr]
        if changed:
            doc.from_array(list(_COLUMNS), cast(Any, cols))
        for i, rules in slow.items():  # after the column write, so these win as they would
            for rule in sorted(rules):
                set_token_attrs(doc[i], self.ruler.attrs[rule])
        return doc


class MemoLemmas:
    """The rule lemmatizer memoised per (orth, pos, morph), for tokens without a lemma."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.strings = lemmatizer.vocab.strings
        # Lemma strings, not their ids: under ``nlp.memory_zone`` (``nlp.memory_zone`` setting) a
        # string first seen in one page batch is dropped from the string store when the batch ends,
        # so an id kept across batches would no longer resolve; each use adds the string again.
        self.memo: dict[tuple[int, int, int], str] = {}
        self.limit = MEMO_LIMIT

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        if len(self.memo) > self.limit:
            self.memo.clear()
        cols = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = cols[:, 3]
        memo = self.memo
        add = self.strings.add
        todo = numpy.flatnonzero(lemmas == 0).tolist() if not self.lemmatizer.overwrite else range(len(doc))
        for i, (orth, pos, morph, _) in zip(todo, cols[todo].tolist(), strict=True):
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = memo[key] = self.lemmatizer.lemmatize(doc[i])[0]
            lemmas[i] = add(value)
        doc.from_array([LEMMA], cast(Any, numpy.ascontiguousarray(lemmas)))
        return doc


@Language.factory("presslens_attributes", default_config={"source": "attribute_ruler"})
def make_attributes(nlp: Language, name: str, source: str) -> MemoAttributes:
    return MemoAttributes(cast(AttributeRuler, nlp.get_pipe(source)))


@Language.factory("presslens_lemmas", default_config={"source": "lemmatizer"})
def make_lemmas(nlp: Language, name: str, source: str) -> MemoLemmas:
    return MemoLemmas(cast(Lemmatizer, nlp.get_pipe(source)))


def index_sets(nlp: Language) -> Language:
    """Make the rule lemmatizer's ``lemma_index`` tables sets. spaCy tests each candidate form with
    ``form in index``, and the model ships each part of speech's index as a list (57,528 nouns):
    a linear scan per candidate, ~0.1 ms per new (word, part of speech) and most of the
    lemmatizer's CPU on a first pass (docs/performance.md, s26). The table is only ever tested for
    membership, so a frozenset gives the same lemmas for a hash look-up (``tests/test_tagging.py``
    compares every annotation with the model as spaCy loads it). The model is never saved again,
    so the sets are never serialised."""
    if "lemmatizer" not in nlp.pipe_names and "lemmatizer" not in nlp.disabled:
        return nlp
    comp = nlp.get_pipe("lemmatizer")
    if not isinstance(comp, Lemmatizer) or comp.mode != "rule" or not comp.lookups.has_table("lemma_index"):
        return nlp
    table = comp.lookups.get_table("lemma_index")
    for key, forms in list(table.items()):
        if isinstance(forms, list | tuple):
            table[key] = frozenset(forms)
    return nlp


def memoise(nlp: Language) -> Language:
    """Swap in the memoised components where the model has the standard ones."""
    swaps: list[tuple[str, str, Any]] = [
        ("attribute_ruler", "presslens_attributes", AttributeRuler),
        ("lemmatizer", "presslens_lemmas", Lemmatizer),
    ]
    for original, memo, kind in swaps:
        if original not in nlp.pipe_names or memo in nlp.pipe_names:
            continue
        comp = nlp.get_pipe(original)
        if not isinstance(comp, kind) or (kind is Lemmatizer and comp.mode != "rule"):
            continue
        nlp.add_pipe(memo, after=original, config={"source": original})
        nlp.disable_pipe(original)
    return nlp
