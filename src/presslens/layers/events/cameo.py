"""CAMEO verb patterns (PETRARCH2's dictionary, converted by ``tools/build_event_lexicon.py``) matched
on the dependency parse.

A CAMEO verb block lists synonymous verbs and patterns such as ``- * &CEASEFIRE [0356]`` or
``- &WEAPON * [183]``: ``*`` is the verb, words before it its subject, words after it its object,
particles and prepositional phrases ``(IN PROTEST)``. PETRARCH matched them on a constituency
parse; here each slot is read from the spaCy parse with the shared helpers in ``layers/syntax.py``:

- object: the verb's direct objects (or passive subject), their conjuncts, and the ``of``
  complement of a quantity noun ("a series *of attacks*"); an attribute ("declared a ceasefire");
- preposition ``(P N)``: a ``P`` phrase on the verb or on its object (attachment varies) whose
  object is ``N``; ``(P)`` alone: the preposition is there;
- particle: a ``prt``/``advmod``/``prep`` child with that word ("set *off*");
- subject: :func:`syntax.subject` ("a roadside bomb *exploded*": ``&WEAPON *``).

A noun term ``{TEAR GAS}`` needs its head (last word) on the token and the other words among its
left dependents. Words are compared with the token's lemma and lower-cased form, the dictionary's
plurals reduced to singular. The most specific matching pattern wins (most slots, then an exact
word form, then dictionary order). Its code is turned into a PLOVER type and mode by the ``codes``
table in ``cameo.json``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from ... import lang
from .. import syntax
from .parse import subject_of


def singular(w: str) -> str:
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@dataclass(frozen=True, slots=True)
class Term:
    """One alternative of a noun slot: head words and, for a phrase, words that must modify it."""

    heads: frozenset[str]
    mods: tuple[frozenset[str], ...] = ()
    anything: bool = False


Slot = tuple[Term, ...]  # alternatives


@dataclass(frozen=True, slots=True)
class Pattern:
    code: str | None
    subj: tuple[Slot, ...]
    obj: tuple[Slot, ...]
    parts: tuple[str, ...]
    preps: tuple[tuple[frozenset[str], Slot | None], ...]
    line: int
    exact: frozenset[str]  # surface forms written in the dictionary (plural "SANCTIONS" vs "SANCTION")
    verb: str | None  # the verb the pattern was written for (its comment), when the block lists it
    # Per object / subject slot, every head word any of its terms accepts (None: a ``*`` slot): a
    # verb none of whose objects has one of them cannot fit, found with one set intersection.
    obj_heads: tuple[frozenset[str] | None, ...] = ()
    subj_heads: tuple[frozenset[str] | None, ...] = ()

    @property
    def size(self) -> int:
        return len(self.subj) + len(self.obj) + len(self.parts) + len(self.preps)


@dataclass(frozen=True, slots=True)
class VerbEntry:
    block: int
    code: str | None
    after: tuple[str, ...]  # particles of a phrasal verb ("blow up")
    line: int


@dataclass(frozen=True, slots=True)
class Hit:
    """A CAMEO reading of a verb token: the code, PLOVER type/mode (type None: not an event) and
    where it comes from (``cameo:<line>`` of CAMEO.2.0.txt)."""

    code: str
    type: str | None
    mode: str | None
    line: int
    pattern: bool  # a pattern matched (False: the verb's own code)


def _words_term(words: list[str]) -> Term:
    head = words[-1]
    heads = frozenset({head, singular(head)})
    mods = tuple(frozenset({w, singular(w)}) for w in words[:-1])
    return Term(heads, mods)


class Cameo:
    """The compiled dictionary."""

    def __init__(self, data: dict[str, Any]):
        self.codes: dict[str, dict[str, Any]] = data["codes"]
        self.forms: dict[str, str] = data["forms"]
        self.synsets: dict[str, Slot] = {
            name: tuple(_words_term(ws) for ws in phrases if ws) for name, phrases in data["synsets"].items()}
        self.verbs: dict[str, list[VerbEntry]] = {
            v: [VerbEntry(e["block"], e["code"], tuple(e["after"]), e["line"]) for e in es]
            for v, es in data["verbs"].items()}
        self.agents: dict[str, str] = data.get("agents", {})
        self.block_codes: list[str | None] = [b["code"] for b in data["blocks"]]
        self.block_names: list[str] = [b["name"] for b in data["blocks"]]
        self.patterns: list[list[Pattern]] = [[self._pattern(p) for p in b["patterns"]] for b in data["blocks"]]
        block_verbs: dict[int, set[str]] = {}
        for v, es in self.verbs.items():
            for e in es:
                block_verbs.setdefault(e.block, set()).add(v)
        # A pattern applies to the verb it was written for ("REPORT * ATTACK" is not "describe * attack");
        # one whose comment names no verb of its block applies to the whole block.
        self.for_verb: dict[tuple[int, str], list[Pattern]] = {}
        for bi, pats in enumerate(self.patterns):
            for v in block_verbs.get(bi, ()):
                self.for_verb[(bi, v)] = [p for p in pats if p.verb is None or p.verb == v
                                          or p.verb not in block_verbs[bi]]
        self._index: dict[tuple[int, str], _Index] = {}

    def index(self, block: int, verb: str) -> _Index:
        key = (block, verb)
        got = self._index.get(key)
        if got is None:
            got = self._index[key] = _Index(self.for_verb.get(key, []))
        return got

    def _slot(self, t: dict[str, Any] | None) -> Slot:
        if t is None or t.get("any"):
            return (Term(frozenset(), (), True),)
        if "syn" in t:
            return self.synsets.get(t["syn"], ())
        return (_words_term(list(t["words"])),)

    def _pattern(self, p: dict[str, Any]) -> Pattern:
        exact = {w for t in [*p["obj"], *p["subj"]] for w in t.get("words", [])}
        subj, obj = tuple(self._slot(t) for t in p["subj"]), tuple(self._slot(t) for t in p["obj"])
        return Pattern(
            code=p["code"], subj=subj, obj=obj,
            parts=tuple(p["parts"]), preps=tuple((frozenset(w.lower() for w in ps), None if t is None else self._slot(t))
                                                 for ps, t in p["preps"]),
            line=p["line"], exact=frozenset(exact), verb=p.get("verb"),
            obj_heads=tuple(map(_slot_heads, obj)), subj_heads=tuple(map(_slot_heads, subj)))

    def plover(self, code: str | None) -> tuple[str | None, str | None]:
        """(type, mode) of a CAMEO code; ``042:043`` reads the actor's side, ``:173`` the other."""
        if not code or code == "---":
            return None, None
        parts = [c.strip() for c in code.split(":")]
        c = parts[0] or (parts[1] if len(parts) > 1 else "")
        row = self.codes.get(c)
        if row is None:
            return None, None
        return row["type"], row["mode"]

    def verb_of(self, tok: Token) -> str:
        lem = tok.lemma_.lower()
        return lem if lem in self.verbs else self.forms.get(tok.lower_, lem)

    def entries(self, tok: Token) -> list[VerbEntry]:
        """The verb's entries whose particles the text has, phrasal ones first: "the depot was seized and taken over" is
        CAMEO's TAKE_OVER, not the bare TAKE listed earlier, so the entry whose bare code applies
        (``match``'s second value) is the phrasal verb the text uses (the sense rule
        ``phrasal-object-class`` then checks its object)."""
        es = self.verbs.get(self.verb_of(tok), [])
        return sorted((e for e in es if all(_has_particle(tok, p) for p in e.after)), key=lambda e: -len(e.after))

    def match(self, tok: Token) -> tuple[Hit | None, VerbEntry | None]:
        """The best pattern for verb ``tok`` (or None) and the entry whose default applies when none does."""
        entries = self.entries(tok)
        if not entries:
            return None, None
        verb = self.verb_of(tok)
        if not any(self.for_verb.get((e.block, verb)) for e in entries):
            return None, entries[0]  # no pattern to read: the verb's own code applies
        slots = _Slots(tok)
        best: tuple[tuple[int, int, int], Pattern] | None = None
        seen: set[int] = set()
        for e in entries:
            if e.block in seen:
                continue
            seen.add(e.block)
            for k, p in self.index(e.block, verb).candidates(slots):
                if best is not None and p.size < best[0][0]:
                    break
                if slots.fits(p):
                    key = (p.size, int(slots.names_any(p.exact)), -k)
                    if best is None or key > best[0]:
                        best = (key, p)
        primary = entries[0]
        if best is not None:
            p = best[1]
            t, m = self.plover(p.code)
            if p.code and p.code.startswith(":") and not slots.giver():
                # PETRARCH codes ":060" "RECEIVE * TREATMENT" for the *other* actor, the giver; with
                # no giver named ("the child is receiving treatment") there is no one to code.
                t, m = None, None
            return Hit(p.code or "---", t, m, p.line, True), primary
        return None, primary

    def default(self, e: VerbEntry) -> Hit | None:
        code = e.code or self.block_codes[e.block]
        if not code:
            return None
        t, m = self.plover(code)
        return Hit(code, t, m, e.line, False)


def _keys(t: Token) -> frozenset[str]:
    return frozenset((t.lemma_.lower(), t.lower_))


def _slot_heads(slot: Slot) -> frozenset[str] | None:
    return None if any(t.anything for t in slot) else frozenset().union(*(t.heads for t in slot))


def _has_particle(verb: Token, word: str) -> bool:
    if any(c.lower_ == word and c.dep_ in ("prt", "advmod", "prep", "dobj", "acomp") for c in verb.children):
        return True
    nxt = verb.nbor(1) if verb.i + 1 < len(verb.doc) else None
    return nxt is not None and nxt.lower_ == word


def term_fits(term: Term, tok: Token, keys: frozenset[str] | None = None) -> bool:
    if term.anything:
        return True
    if not ((_keys(tok) if keys is None else keys) & term.heads):
        return False
    if not term.mods:
        return True
    left = [t for t in tok.subtree if t.i < tok.i]
    return all(any(_keys(t) & alts for t in left) for alts in term.mods)


def slot_fits(slot: Slot, toks: Iterable[Token]) -> bool:
    return _Keyed(list(toks)).fits(slot)


class _Keyed:
    """Tokens of one slot position with their look-up keys, worked out once per verb."""

    def __init__(self, toks: list[Token]):
        self.toks = [(t, _keys(t)) for t in toks]
        self.all: frozenset[str] = frozenset().union(*(k for _, k in self.toks))

    def fits(self, slot: Slot, heads: frozenset[str] | None = None) -> bool:
        if heads is not None and not (heads & self.all):
            return False  # no token has any head word the slot accepts
        return any(term_fits(term, t, k) for term in slot for t, k in self.toks)


class _Index:
    """One verb's patterns by a word each needs (the first object slot's head words, else its first
    particle, else its first preposition): a verb instance tries only the patterns whose word it has,
    largest first (once one fits, no smaller one can win). The tie-break keeps each pattern's place
    in the dictionary (``k``)."""

    def __init__(self, pats: list[Pattern]):
        self.free: list[tuple[int, Pattern]] = []
        self.obj: dict[str, list[tuple[int, Pattern]]] = {}
        self.part: dict[str, list[tuple[int, Pattern]]] = {}
        self.prep: dict[str, list[tuple[int, Pattern]]] = {}
        for k, p in enumerate(pats):
            if p.obj_heads and p.obj_heads[0] is not None:
                for w in p.obj_heads[0]:
                    self.obj.setdefault(w, []).append((k, p))
            elif p.parts:
                self.part.setdefault(p.parts[0], []).append((k, p))
            elif p.preps:
                for w in p.preps[0][0]:
                    self.prep.setdefault(w, []).append((k, p))
            else:
                self.free.append((k, p))

    def candidates(self, slots: _Slots) -> list[tuple[int, Pattern]]:
        found = {k: p for k, p in self.free}
        for table, words in ((self.obj, slots.objs.all), (self.part, slots.parts),
                             (self.prep, {w for w, _ in slots.preps})):
            if table:
                for w in words:
                    found.update(table.get(w, ()))
        return sorted(found.items(), key=lambda kp: (-kp[1].size, kp[0]))


class _Slots:
    """The parse positions of one verb that patterns look at, gathered once."""

    def __init__(self, verb: Token):
        # (an adjective complement too: "PLEAD * {NOT GUILTY}" reads "pleaded not guilty")
        objs = syntax.objects(verb) + syntax.children(verb, "attr", "oprd", "dative", "acomp")
        # "a series of attacks", "dozens of rockets": the quantity noun's of-complement counts too.
        objs += [p for o in list(objs) for p in syntax.prep_objects(o, ("of",))]
        self.verb = verb
        self.objs = _Keyed(objs)
        self.preps: list[tuple[str, _Keyed]] = []
        for host in [verb, *objs]:
            for c in host.children:
                if c.dep_ in ("prep", "agent", "dative"):
                    self.preps.append((c.lower_, _Keyed(syntax.children(c, "pobj", "pcomp"))))
        self.parts = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod", "prep", "acomp")}
        if verb.i + 1 < len(verb.doc):
            self.parts.add(verb.nbor(1).lower_)

    @functools.cached_property
    def subjs(self) -> _Keyed:  # only for patterns with a subject slot (few): the subject look-up is dear
        subj = subject_of(self.verb).token
        return _Keyed([] if subj is None else syntax.conjuncts(subj))

    def names_any(self, words: frozenset[str]) -> bool:
        """Is one of ``words`` the surface form of an object or subject (the subject read last)?"""
        return bool(words) and (any(t.lower_ in words for t, _ in self.objs.toks)
                                or any(t.lower_ in words for t, _ in self.subjs.toks))

    def giver(self) -> bool:
        """A "from"/"by" phrase on the verb or its object: the other side of a received act."""
        return any(w in ("from", "by") and objs.toks for w, objs in self.preps)

    def fits(self, p: Pattern) -> bool:
        if any(w not in self.parts for w in p.parts):
            return False
        if any(not self.objs.fits(s, h) for s, h in zip(p.obj, p.obj_heads, strict=True)):
            return False
        if p.subj and any(not self.subjs.fits(s, h) for s, h in zip(p.subj, p.subj_heads, strict=True)):
            return False
        for words, slot in p.preps:
            if not any(w in words and (slot is None or objs.fits(slot)) for w, objs in self.preps):
                return False
        return True


@functools.cache
def cameo() -> Cameo:
    """The compiled dictionary, built once into the start-up cache (:mod:`presslens.startcache`):
    its ~4,800 noun terms and patterns cost every worker ~0.1 CPU-s to build otherwise."""
    from ... import startcache

    return startcache.cached("cameo", lambda: Cameo(lang.data("events/cameo")), **_inputs())


def _inputs() -> dict[str, Any]:
    import sys

    return {"files": [lang.path("events/cameo")], "code": [sys.modules[__name__]]}


def cache_path() -> Path:
    """Where the start-up cache keeps the compiled dictionary."""
    from ... import startcache

    return startcache.path_for("cameo", **_inputs())
