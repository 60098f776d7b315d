"""Trigger finding: which words of a text state an event, of which PLOVER type and mode.

Three lexicons, most specific first (docs/events.md "Triggers"):

1. multi-word entries of ``events/plover.yaml`` ("take to the streets", "open fire", "drone strike"):
   presslens's additions, matched on normalised lemmas;
2. the CAMEO verb dictionary (``events/cameo.json``, from PETRARCH2): a verb with a matching
   pattern ("lifted the blockade", "fired shells", "a bomb exploded") takes the pattern's code; a
   pattern whose code is no PLOVER event ("fired the coach") makes the verb no trigger.
   A single-word entry of ``plover.yaml`` comes first (nouns such as "protest", "airstrike"; verbs
   read the PLOVER manual's way, "resign" RETREAT/resign) unless it says ``cameo_first``;
3. a bare CAMEO verb listed in ``events/standalone.yaml``; an impact verb with a weapon subject.

Then the sense rules (``senses.py``) veto or retype each candidate. The spaCy component
``presslens_events`` writes ``doc._.events`` (a list of :class:`Trigger`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ... import lang
from ..masking import unit_ends
from . import acts, modality, modes, nominal
from . import background as _background  # noqa: F401  (registers the list rule participant-modifier)
from . import force as _force  # noqa: F401  (registers its sense rules)
from . import merging as _merging  # noqa: F401  (registers the list rules)
from . import motion as _motion  # (after merging: its list rules run after merging's)
from . import scope as _scope  # noqa: F401  (registers its sense rules)
from .cameo import cameo
from .common import _key, lexicon
from .inflect import LexiconLemmas
from .rules import rules_of
from .rules import words as word_list
from .trigger import Trigger


class TriggerMatcher:
    """Lexicon phrases over ``pl_key`` lemmas, indexed by first word. Same matches as a spaCy
    ``Matcher`` built from them ("*" = up to three words inside the sentence, a masked actor name counting as one; ``pos`` on the first
    word), but each token's key is computed once: the Matcher re-reads the ``_`` extension per
    pattern state, which made it the events stage's largest cost."""

    def __init__(self, entries: list[dict[str, Any]]):
        self.by_first: dict[str, list[tuple[int, list[str], frozenset[str]]]] = {}
        for i, e in enumerate(entries):
            words = str(e["w"]).split()
            self.by_first.setdefault(words[0], []).append((i, words, frozenset(e.get("pos") or ())))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(entry index, start, end) for every match, overlapping ones included."""
        toks = list(doc)  # one walk over the doc: each iteration builds a new Token object per word
        keys = [_key(t) for t in toks]
        sent_start = [bool(t.is_sent_start) for t in toks]
        units = unit_ends(doc)  # a masked actor name counts as one word in a "*" gap
        out: list[tuple[int, int, int]] = []
        for s, k in enumerate(keys):
            for i, words, poses in self.by_first.get(k, ()):
                if poses and toks[s].pos_ not in poses:
                    continue
                out.extend((i, s, e) for e in self._ends(keys, sent_start, units, words, 1, s + 1))
        return out

    def _ends(self, keys: list[str], sent_start: list[bool], units: list[int], words: list[str], j: int,
              t: int) -> Iterator[int]:
        if j == len(words):
            yield t
            return
        if words[j] == "*":
            yield from self._ends(keys, sent_start, units, words, j + 1, t)
            for _ in range(3):
                if t >= len(keys) or sent_start[t]:
                    break
                t = units[t]
                yield from self._ends(keys, sent_start, units, words, j + 1, t)
        elif t < len(keys) and keys[t] == words[j]:
            yield from self._ends(keys, sent_start, units, words, j + 1, t + 1)


@functools.cache
def standalone() -> dict[str, str]:
    """Bare CAMEO verbs that trigger on their own (``events/standalone.yaml``): "verb[ particle]" ->
    the PLOVER type they are listed under."""
    data: dict[str, list[str]] = lang.data("events/standalone")
    return {str(v): t for t, vs in data.items() for v in vs}


def _surface_forms(lemmas: set[str], irregular: set[str]) -> frozenset[str]:
    """Regular inflections of each lemma (and the dictionary's irregular forms), for ``may_trigger``."""
    out = set(irregular)
    for w in lemmas:
        out |= {w, w + "s", w + "es", w + "ed", w + "d", w + "ing", w + "er", w + "ers"}
        if w.endswith("e"):
            out.add(w[:-1] + "ing")
        if w.endswith("y"):
            out |= {w[:-1] + "ied", w[:-1] + "ies"}
        if len(w) > 2:
            out |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    return frozenset(out)


def _plover_trigger(entry: dict[str, Any], s: int, e: int, head: int) -> Trigger:
    return Trigger(s, e, head, entry["t"], entry.get("m"), str(entry["w"]), tuple(entry.get("no_obj", ())),
                   tuple(entry.get("roles", ())), rules=[f"plover:{entry['w']}"], entry=entry)


class EventTagger:
    """spaCy component ``presslens_events``: writes ``doc._.events`` (a list of ``Trigger``)."""

    def __init__(self, nlp: Language, name: str = "presslens_events"):
        self.entries: list[dict[str, Any]] = lexicon()["triggers"]
        self.matcher = TriggerMatcher(self.entries)
        self.cameo = cameo()
        self.standalone = standalone()
        self.senses = rules_of("sense")
        self.list_rules = rules_of("list")  # (all registered at import, like the sense rules)
        # The verbs the trigger rules in acts.py look at: other tokens skip them.
        self.rule_verbs = acts.rule_verbs() | _motion.rule_verbs()
        self.deverbal = frozenset(nominal.deverbal_nouns())  # nouns the support-verb rule can read
        self.surface = _surface_forms({str(e["w"]).split()[0] for e in self.entries} | set(self.cameo.verbs)
                                      | set(self.rule_verbs) | word_list("exercise_nouns"), set(self.cameo.forms))
        # Rule ``lexicon-lemma`` (inflect.py): "fined" lemmatised "fin" is read as the lexicon's "fine".
        self.lexicon_lemmas = LexiconLemmas(frozenset({str(e["w"]).split()[0] for e in self.entries}
                                                      | set(self.cameo.verbs) | set(self.rule_verbs)))

    def may_trigger(self, doc: Doc) -> bool:
        """Could any word of this (unparsed) text be a trigger? A cheap filter on word forms, so that
        lines with none (most related-link lines name no act) are not parsed at all."""
        return any(w in self.surface for t in doc for w in re.split(r"[^a-z'-]+|--+|-$|^-", t.lower_) if w)

    def candidates(self, doc: Doc) -> list[Trigger]:
        self.lexicon_lemmas(doc)  # (first: every lexicon below reads the lemma)
        found: list[Trigger] = []
        taken: set[int] = set()
        single: dict[int, dict[str, Any]] = {}
        for mid, s, e in sorted(self.matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1])):
            entry = self.entries[mid]
            if e - s == 1:
                single.setdefault(s, entry)
                continue
            if {s, e - 1} & taken:
                continue  # longest match wins ("hunger strike" over "strike", "call on" over "call")
            span = doc[s:e]
            if not any(ch.isalpha() for ch in span.root.text):
                continue
            taken.update(range(s, e))
            found.append(_plover_trigger(entry, s, e, span.root.i))
        for tok in doc:
            if tok.i in taken:
                continue
            trig = self._token_trigger(tok, single.get(tok.i))
            if trig is not None:
                found.append(trig)
        return found

    def _token_trigger(self, tok: Token, entry: dict[str, Any] | None) -> Trigger | None:
        i = tok.i
        if entry is not None and not entry.get("cameo_first"):
            return _plover_trigger(entry, i, i + 1, i)  # presslens's entry (the PLOVER manual's reading)
        if tok.pos_ == "NOUN" and entry is None:
            got = acts.military_exercise(tok)
            if got is not None:
                return Trigger(i, i + 1, i, got[0], got[1], tok.lemma_.lower(), rules=["military-exercise"])
            if tok.lemma_.lower() not in self.deverbal:
                return None  # (most nouns: one set look-up)
            got = nominal.support_verb_noun(tok)  # "made a contribution", "filed a complaint"
            return None if got is None else Trigger(i, i + 1, i, got[0], got[1], tok.lemma_.lower(),
                                                    rules=["support-verb-noun"])
        if tok.pos_ != "VERB" and entry is None:
            return None  # every rule below reads a verb
        lemma = tok.lemma_.lower()
        if lemma not in self.rule_verbs and lemma not in self.cameo.verbs and tok.lower_ not in self.cameo.forms:
            return None if entry is None else _plover_trigger(entry, i, i + 1, i)
        weapon = acts.weapon_subject(tok)
        if weapon is not None:
            return Trigger(i, i + 1, i, "ASSAULT", weapon[1], tok.lemma_.lower(), rules=["weapon-subject"])
        for name, r in (("conditional-ultimatum", acts.conditional_ultimatum), ("move-forces", acts.move_forces), ("aid-transfer", acts.aid_transfer),
                        ("motion-cargo", _motion.motion_cargo),
                        ("weapon-use", acts.weapon_use), ("characterisation-accuses", acts.characterisation),
                        ("rejects-accusation", acts.rejects_accusation), ("evaluation-accuses", acts.evaluation),
                        ("verdict-modifier-accuses", acts.verdict_modifier),
                        ("engage-in-combat", _force.engage_combat)):
            got = r(tok)
            if got is not None:
                return Trigger(i, i + 1, i, got[0], got[1], tok.lemma_.lower(), rules=[name])
        default = None
        if tok.pos_ == "VERB":
            hit, ventry = self.cameo.match(tok)
            if hit is not None:
                if hit.type is None:
                    return None  # CAMEO reads this frame as no PLOVER event ("fire * worker")
                return Trigger(i, i + 1, i, hit.type, hit.mode, tok.lemma_.lower(), rules=[f"cameo:{hit.line}"],
                               cameo_pattern=True)
            if ventry is not None:
                key = " ".join([tok.lemma_.lower(), *ventry.after])
                if key in self.standalone:
                    default = self.cameo.default(ventry)
        if entry is not None:
            return _plover_trigger(entry, i, i + 1, i)
        if default is not None and default.type is not None:
            return Trigger(i, i + 1, i, default.type, default.mode, tok.lemma_.lower(),
                           rules=[f"cameo:{default.line}"])
        return None

    def __call__(self, doc: Doc) -> Doc:
        found: list[Trigger] = []
        for trig in self.candidates(doc):
            tok = doc[trig.head]
            for r in self.senses:
                before = (trig.type, trig.mode)
                if r.func(trig, tok) is None:
                    break
                if (trig.type, trig.mode) != before:
                    trig.rules.append(r.name)
            else:
                found.append(trig)
        for r in self.list_rules:
            found = r.func(found, doc)

        found = [t for t in modality.apply(found, doc) if not t.folded]
        for t in found:
            modes.apply(t, doc[t.head])
        doc._.events = sorted(found, key=lambda t: t.start)
        return doc


@Language.factory("presslens_events")
def make_event_tagger(nlp: Language, name: str) -> EventTagger:
    return EventTagger(nlp, name)
