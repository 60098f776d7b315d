"""Acts told by a support verb and a noun made from a trigger verb: "made a contribution", "filed a
complaint", "issued a denial", "expressed support", "paid a visit". The noun takes the type and mode
the lexicon gives its verb, so one table (the verb lexicon and English noun suffixes, both data)
covers every such noun instead of one entry per phrase. Word lists: ``events/words.yaml``
(``support_verbs``, ``deverbal_suffixes``, ``not_deverbal``, ``nominal_types``)."""

from __future__ import annotations

import functools
from typing import Any

from spacy.tokens import Token

from ... import lang
from .cameo import cameo
from .common import lexicon
from .rules import rule, words


def _nouns_of(verb: str) -> set[str]:
    """Every noun the suffix table makes from a verb (most are no word; only real ones ever match)."""
    out = set()
    for strip, add in lang.data("events/words")["deverbal_suffixes"]:
        if verb.endswith(strip):
            out.add(verb[: len(verb) - len(strip)] + add)
    return out


@functools.cache
def deverbal_nouns() -> dict[str, tuple[str, str | None, str]]:
    """noun -> (type, mode, verb) for every noun made from a single-word trigger verb whose type is one
    of ``nominal_types``; a noun two verbs of different types make is left out (ambiguous)."""
    from .triggers import standalone

    allowed = words("nominal_types")
    verbs: dict[str, tuple[str, str | None]] = {}
    c = cameo()
    for key in standalone():
        if " " in key:
            continue
        entry = next((e for e in c.verbs.get(key, ()) if not e.after), None)
        hit = c.default(entry) if entry is not None else None
        if hit is not None and hit.type is not None:
            verbs[key] = (hit.type, hit.mode)
    for e in lexicon()["triggers"]:
        w = str(e["w"])
        if " " not in w and (not e.get("pos") or "VERB" in e["pos"]):
            verbs[w] = (str(e["t"]), e.get("m"))  # presslens's own reading of the verb comes first
    out: dict[str, tuple[str, str | None, str]] = {}
    clash: set[str] = set()
    for v, (t, m) in verbs.items():
        if t.lower() not in allowed:
            continue
        for n in _nouns_of(v):
            if n in out and out[n][0] != t:
                clash.add(n)
            out.setdefault(n, (t, m, v))
    for n in clash | words("not_deverbal"):
        out.pop(n, None)
    return out


def _eventive_object(tok: Token) -> Token | None:
    """The support verb whose eventive object (or passive subject) the noun is, through a list
    ("made contributions and pledges")."""
    t = tok
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    if t.dep_ not in ("dobj", "nsubjpass") or t.head.pos_ not in ("VERB", "AUX"):
        return None
    return t.head if t.head.lemma_.lower() in words("support_verbs") else None


@rule("support-verb-noun", "trigger")
def support_verb_noun(tok: Token) -> tuple[str, str | None] | None:
    """A noun made from a trigger verb, as the object of a support verb, is that verb's act:
    (type, mode) or None."""
    if tok.pos_ != "NOUN":
        return None
    hit = deverbal_nouns().get(tok.lemma_.lower())
    if hit is None or _eventive_object(tok) is None:
        return None
    return hit[0], hit[1]


def describe() -> dict[str, Any]:
    """The table, for docs and the lexicon test: noun -> "TYPE/mode (verb)"."""
    return {n: f"{t}/{m or '-'} ({v})" for n, (t, m, v) in sorted(deverbal_nouns().items())}
