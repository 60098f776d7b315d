"""Token-key tries over registry names, and per-doc token arrays read once."""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from spacy.attrs import IS_ALPHA, IS_PUNCT, IS_SPACE, ORTH, TAG
from spacy.tokens import Doc

from ...lang import words
from ...text.names import (
    SKIP,
    is_acronym,
    token_keys,
)
from .registry import Registry

# Name particles kept with a surname ("Le Pen", "bin Laden"): data file with its origin.
PARTICLES = words("name_particles")
Key = tuple[str, ...]



@dataclass(slots=True)
class Hit:
    """One candidate mention over doc tokens [start, end)."""

    start: int
    end: int
    kind: str  # alias | generic | metonym | fuzzy | surname | ner
    actors: tuple[str, ...] = ()
    label: str = ""
    actor_id: str | None = None
    method: str = ""
    gender: str | None = None
    titled: bool = False
    name: str = ""  # record name of an actor minted from a description ("Defence ministry of Russia")


class Matcher:
    """Token-key tries over registry aliases, built once per registry."""

    def __init__(self, reg: Registry, tokenizer: Any):
        self.reg = reg
        self.ci: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.cs: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        fuzzy: dict[Key, set[str]] = defaultdict(set)
        self.surnames: dict[Key, set[str]] = defaultdict(set)
        self.tokenizer = tokenizer
        for aid, e in reg.entries.items():
            for kind, names in (("alias", e.actor.aliases), ("generic", e.generic), ("metonym", e.metonyms)):
                for name in names:
                    keys = self.keys_of(name)
                    if not keys:
                        continue
                    ci, cs, fz = keys
                    exact_case = is_acronym(name) or (kind == "generic" and len(ci) == 1)
                    (self.cs[cs] if exact_case else self.ci[ci])[kind].add(aid)
                    if kind == "alias" and not exact_case and sum(len(k) for k in fz) >= 6:
                        fuzzy[fz].add(aid)
                    sk = self.keys_of(surname_of(name))
                    if e.actor.type == "PERSON" and kind == "alias" and len(name.split()) >= 2 and sk:
                        self.surnames[sk[0]].add(aid)
        # A spelling key shared by two actors is no evidence for either.
        self.fuzzy = {k: next(iter(v)) for k, v in fuzzy.items() if len(v) == 1}
        self.maxlen = max([len(k) for k in (*self.ci, *self.cs, *self.fuzzy)] or [1])
        self.first_ci = {k[0] for k in self.ci} | {k[0] for k in self.surnames}
        self.first_cs = {k[0] for k in self.cs}
        self.first_fz = {k[0] for k in self.fuzzy}
        self.titles: dict[Key, tuple[str, str | None]] = {}
        for t, g in reg.honorifics.items():
            tk = self.keys_of(t)
            if tk:
                self.titles[tk[0]] = (t, g)
        self.social = {tk[0] for tk in (self.keys_of(t) for t in reg.social) if tk}
        self.title_maxlen = max([len(k) for k in self.titles] or [1])
        self.one_word_titles = frozenset(k[0] for k in self.titles if len(k) == 1)

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one matcher per registry, kept for the process
    def keys_of(self, text: str) -> tuple[Key, Key, Key] | None:
        toks = [t.text for t in self.tokenizer(text) if not t.is_space]
        ks = [token_keys(t) for t in toks if t not in SKIP]
        ks = [k for k in ks if k[0]]
        if not ks:
            return None
        return tuple(k[0] for k in ks), tuple(k[1] for k in ks), tuple(k[2] for k in ks)


def surname_of(name: str) -> str:
    words = name.replace("(", " ").split()
    if len(words) >= 3 and words[-2].lower() in PARTICLES:
        return " ".join(words[-2:])
    return words[-1]


_MATCHERS: dict[tuple[int, int], tuple[Registry, Matcher]] = {}


def matcher_for(reg: Registry, tokenizer: Any) -> Matcher:
    """One matcher per (registry, tokenizer), built once: registries are cached, so ids are stable."""
    key = (id(reg), id(tokenizer))
    if key not in _MATCHERS:
        _MATCHERS[key] = (reg, Matcher(reg, tokenizer))
    return _MATCHERS[key][1]



@dataclass(slots=True)
class _Tokens:
    """Per-doc token texts and flags, read once through ``Doc.to_array``: building a spaCy
    ``Token`` per access made whole-doc loops the stage's main cost."""

    text: list[str]
    punct: list[int]
    space: list[int]
    alpha: list[int]
    tag: list[int]


def _tokens(doc: Doc) -> _Tokens:
    cached = doc.user_data.get("_presslens_tokens")
    if isinstance(cached, _Tokens) and len(cached.text) == len(doc):
        return cached
    strings = doc.vocab.strings
    if len(doc):
        orth, punct, space, alpha, tag = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IS_ALPHA, TAG]).T.tolist()
    else:
        orth, punct, space, alpha, tag = [], [], [], [], []
    toks = _Tokens([strings[o] for o in orth], punct, space, alpha, tag)
    doc.user_data["_presslens_tokens"] = toks
    return toks

