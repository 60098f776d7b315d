"""Token-key tries over registry names, and per-doc token arrays read once."""

from __future__ import annotations

import functools
import re
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
        self.cap: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        # Iterating all entries would read every imported record: ours are kept apart.
        ours = [(aid, e) for aid, e in getattr(reg.entries, "ours", reg.entries).items() if not e.imported]
        for aid, e in ours:
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
        # Imported dictionaries: names only where the text capitalises them, never a name our
        # registry lists, no spelling fallback and no surname-only lookup (too many people).
        # Their keys are precompiled (petrarch.compile_index) for this tokenizer.
        ours_ci, ours_cs = set(self.ci), set(self.cs)
        self.agents: dict[Key, str] = {}
        for imp in reg.imported:
            rows, agent_rows = imp.names, imp.agents
            if imp.tokenizer != _fingerprint(tokenizer):
                rows, agent_rows = self._recompute(reg)
            ours_ids = getattr(reg.entries, "ours", {})
            for ci, cs, kind, aid, acronym in rows:
                if ci in ours_ci or cs in ours_cs or aid in ours_ids:
                    continue  # our name, or an actor our registry redefines (its aliases are ours)
                (self.cs[cs] if acronym else self.cap[ci])[kind].add(aid)
            for ci, aid in agent_rows:
                self.agents.setdefault(ci, aid)
        for phrase, aid in reg.agents.items():  # agents from our own or users' files
            e = reg.entries.get(aid)
            if e is not None and e.imported and reg.imported:
                continue
            keys = self.keys_of(phrase)
            if keys:
                self.agents.setdefault(keys[0], aid)
        self.agent_maxlen = max([len(k) for k in self.agents] or [1])
        self.agent_first = frozenset(k[0] for k in self.agents)  # a window starts only on one of these
        # A spelling key shared by two actors is no evidence for either.
        self.fuzzy = {k: next(iter(v)) for k, v in fuzzy.items() if len(v) == 1}
        self.maxlen = max([len(k) for k in (*self.ci, *self.cs, *self.fuzzy, *self.cap)] or [1])
        self.first_ci = {k[0] for k in self.ci} | {k[0] for k in self.surnames} | {k[0] for k in self.cap}
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

    def _recompute(self, reg: Registry) -> tuple[list[Any], list[Any]]:
        """Imported names' keys with this tokenizer (another model than the index was built with)."""
        ours = getattr(reg.entries, "ours", {})
        rows = []
        for aid in getattr(reg.entries, "imported_ids", set)():
            e = reg.entries[aid]
            for kind, names in (("alias", e.actor.aliases), ("generic", e.generic)):
                for name in names:
                    k = self.keys_of(name)
                    if k:
                        rows.append((k[0], k[1], kind, aid, is_acronym(name)))
        agent_rows = [(k[0], aid) for ph, aid in reg.agents.items() if aid in ours and (k := self.keys_of(ph))]
        return rows, agent_rows

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one matcher per registry, kept for the process
    def keys_of(self, text: str) -> tuple[Key, Key, Key] | None:
        toks = [t.text for t in self.tokenizer(text) if not t.is_space]
        ks = [token_keys(t) for t in toks if t not in SKIP]
        ks = [k for k in ks if k[0]]
        if not ks:
            return None
        return tuple(k[0] for k in ks), tuple(k[1] for k in ks), tuple(k[2] for k in ks)


def _fingerprint(tokenizer: Any) -> str:
    from .petrarch import tokenizer_fingerprint

    return tokenizer_fingerprint(tokenizer)


def surname_of(name: str) -> str:
    """The surname with its particles: "Marine Le Pen" -> "Le Pen", "Pieter van der Berg" ->
    "van der Berg" (every particle before the last word, the given name kept)."""
    words = name.replace("(", " ").split()
    i = len(words) - 1
    while i >= 2 and words[i - 1].lower() in PARTICLES:
        i -= 1
    return " ".join(words[i:])


def surname_keys(matcher: Matcher, name: str) -> list[Key]:
    """Keys a later mention of the surname alone may use: the surname with its particles, and its
    last word when that has four letters or more ("van der Berg" ... "Berg", "bin Laden" ...
    "Laden"; not "Le Pen" ... "Pen")."""
    sur = surname_of(name)
    out = [k[0] for k in (matcher.keys_of(sur),) if k]
    last = sur.split()[-1]
    if " " in sur and len(last) >= 4:
        out += [k[0] for k in (matcher.keys_of(last),) if k]
    return out


_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def family_key(matcher: Matcher, name: str, family_first: bool) -> Key | None:
    """The key of a name's first word when it is the family name: a person of a country that writes
    it first (registry cue ``family_name_first``), or a name with a hyphenated given name ("Tsai
    Ing-wen"). "Tsai" then finds "Tsai Ing-wen" as "Obama" finds "Barack Obama"."""
    words = name.split()
    if len(words) < 2 or not words[0][:1].isupper():
        return None
    if not family_first and not _HYPHENATED_GIVEN.fullmatch(words[1]):
        return None
    k = matcher.keys_of(words[0])
    return k[0] if k else None


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

