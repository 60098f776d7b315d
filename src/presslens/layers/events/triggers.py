"""Trigger finding: the lexicon's lemma phrases matched on the parse, senses told apart (``strike``),
uses that name no event dropped; the ``presslens_events`` spaCy component writes ``doc._.events``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .. import syntax
from .common import _key, _senses, lexicon
from .parse import _subject


@dataclass(slots=True)
class Trigger:
    start: int  # token indices in the doc
    end: int
    head: int
    type: str
    mode: str | None
    words: str
    no_obj: tuple[str, ...] = ()
    # Lexicon ``roles``: how this trigger's slots map to actor/recipient when the default does not
    # hold ("X must act": X is the addressee; "the presence of X": X is the one present).
    roles: tuple[str, ...] = ()



def licensed(entry: dict[str, Any], head: Token) -> bool:
    """A trigger with ``verbs`` is an event only under one of them; with ``obj`` only with such an object."""
    if entry.get("verbs"):
        gv = syntax.governor(head)
        if gv is None or gv.lemma_.lower() not in entry["verbs"]:
            return False
    if entry.get("obj"):
        objs = [c for c in head.children if c.dep_ in ("dobj", "dative")]
        if not any(c.lemma_.lower() in entry["obj"] for c in objs):
            return False
    return True



def _weapon_mode(toks: Iterable[Token]) -> str | None:
    weapons = _senses().get("strike", {}).get("weapons", {})
    for t in toks:
        for w in (t.lemma_.lower(), t.lower_):
            if w in weapons:
                return str(weapons[w])
    return None



def strike_sense(head: Token) -> tuple[str, str | None] | None:
    """Which "strike" this is: a work stoppage (PROTEST/strike), a military attack (ASSAULT with the
    weapon's mode), or neither ("struck a deal", "the earthquake struck"): from its subject, modifiers,
    object and, when those say nothing, the words of its sentence."""
    sv = _senses().get("strike", {})
    armed, labour = set(sv.get("armed", [])), set(sv.get("labour", []))
    targets, natural = set(sv.get("targets", [])), set(sv.get("natural", []))
    weapons = sv.get("weapons", {})

    def lem(t: Token) -> str:
        return t.lemma_.lower()

    def assault(*where: Iterable[Token]) -> tuple[str, str | None]:
        for toks in where:
            m = _weapon_mode(toks)
            if m:
                return "ASSAULT", m
        return "ASSAULT", None

    def military_sentence() -> bool:
        sent = list(head.sent)
        work = labour - {"general", "national", "nationwide", "day", "action", "rail", "transport", "indefinite",
                         "guard", "crew", "pilot", "student"}
        if any(lem(t) in work for t in sent if t is not head):
            return False
        cues = armed | set(weapons) | {"kill", "shell", "shelling", "attack", "bomb", "bombing", "wound", "war",
                                       "offensive", "frontline", "bombardment", "casualty", "airstrike"}
        return any(lem(t) in cues for t in sent if t is not head)

    def physical(t: Token) -> bool:
        return lem(t) in targets or t.ent_type_ in ("GPE", "FAC", "LOC")

    if head.pos_ in ("VERB", "AUX"):
        subj = _subject(head)[0]
        subj_toks = [t for t in (subj.subtree if subj is not None else []) if t.dep_ != "relcl"]
        if subj is not None and lem(subj) in labour:
            return "PROTEST", "strike"
        if subj is not None and (lem(subj) in weapons or _weapon_mode(subj_toks)) and lem(subj) not in labour:
            return assault(subj_toks, head.sent)
        if subj is not None and lem(subj) in natural:
            return None
        objs = syntax.children(head, "dobj") + syntax.prep_objects(head, ("at", "on", "against"))
        hostile_subj = subj is not None and (lem(subj) in armed or subj.ent_type_ in ("NORP", "GPE")
                                             or any(lem(t) in armed for t in subj_toks))
        if hostile_subj:
            return assault(subj_toks, head.sent)
        dobj = syntax.children(head, "dobj")
        if dobj:
            if any(physical(o) for o in objs) and (subj is None or lem(subj) not in labour):
                return assault(head.sent)
            return None  # "struck a deal", "struck a chord", "struck down the law"
        if military_sentence():
            return assault(head.sent)
        return "PROTEST", "strike"
    # Noun: its modifiers and complements first.
    mods = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod", "poss", "nummod")]
    if head.dep_ == "pobj" and head.head.lower_ == "on" and head.head.head.pos_ in ("VERB", "AUX"):
        return "PROTEST", "strike"  # "are on strike", "went on strike"
    if any(lem(c) in labour for c in mods) or head.dep_ == "compound" and lem(head.head) in labour:
        return "PROTEST", "strike"
    if any(lem(c) in weapons for c in mods):
        return assault(mods)
    for prep in (c for c in head.children if c.dep_ == "prep"):
        objs = syntax.children(prep, "pobj")
        if prep.lower_ == "by" and any(lem(o) in labour for o in objs):
            return "PROTEST", "strike"
        if prep.lower_ in ("over", "for") and any(lem(o) in labour for o in objs):
            return "PROTEST", "strike"
        if prep.lower_ in ("on", "against") and any(physical(o) for o in objs):
            return assault(mods, head.sent)
        if prep.lower_ == "by" and any(lem(o) in armed or o.ent_type_ in ("NORP", "GPE") for o in objs):
            return assault(mods, head.sent)
    if military_sentence():
        return assault(mods, head.sent)
    return "PROTEST", "strike"



def not_an_event(entry: dict[str, Any], root: Token) -> bool:
    """Uses of a trigger word that name no event: "riot police", "the right to protest", rescuers
    searching rubble (a seizure is a search by security forces)."""
    sv = _senses()
    w = str(entry["w"])
    if w == "riot" and root.dep_ in ("compound", "amod", "nmod") and root.head.lemma_.lower() in set(
            sv.get("riot_modified", [])):
        return True
    if root.pos_ == "VERB" and root.dep_ in ("acl", "xcomp", "relcl") and root.head.lemma_.lower() in set(
            sv.get("generic_heads", [])):
        return True
    if w == "search" and root.pos_ == "VERB":
        subj = _subject(root)[0]
        agents = set(sv.get("search_agents", []))
        if subj is not None and (subj.lemma_.lower() in agents or any(
                t.lemma_.lower() in agents for t in subj.subtree)):
            return False
        objs = syntax.children(root, "dobj") + syntax.prep_objects(root, ("for", "through", "in"))
        rescue = set(sv.get("search_not", []))
        return any(t.lemma_.lower() in rescue for t in [*objs, *([subj] if subj is not None else [])])
    return False



class TriggerMatcher:
    """Lexicon phrases over ``pl_key`` lemmas, indexed by first word. Same matches as a spaCy
    ``Matcher`` built from them ("*" = up to three tokens inside the sentence, ``pos`` on the first
    word), but each token's key is computed once: the Matcher re-reads the ``_`` extension per
    pattern state, which made it the events stage's largest cost."""

    def __init__(self, entries: list[dict[str, Any]]):
        self.by_first: dict[str, list[tuple[int, list[str], frozenset[str]]]] = {}
        for i, e in enumerate(entries):
            words = str(e["w"]).split()
            self.by_first.setdefault(words[0], []).append((i, words, frozenset(e.get("pos") or ())))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(entry index, start, end) for every match, overlapping ones included."""
        keys = [_key(t) for t in doc]
        sent_start = [bool(t.is_sent_start) for t in doc]
        out: list[tuple[int, int, int]] = []
        for s, k in enumerate(keys):
            for i, words, poses in self.by_first.get(k, ()):
                if poses and doc[s].pos_ not in poses:
                    continue
                out.extend((i, s, e) for e in self._ends(keys, sent_start, words, 1, s + 1))
        return out

    def _ends(self, keys: list[str], sent_start: list[bool], words: list[str], j: int, t: int) -> Iterator[int]:
        if j == len(words):
            yield t
            return
        if words[j] == "*":
            for gap in range(4):
                if gap and (t + gap - 1 >= len(keys) or sent_start[t + gap - 1]):
                    break
                yield from self._ends(keys, sent_start, words, j + 1, t + gap)
        elif t < len(keys) and keys[t] == words[j]:
            yield from self._ends(keys, sent_start, words, j + 1, t + 1)



class EventTagger:
    """spaCy component ``presslens_events``: writes ``doc._.events`` (a list of ``Trigger``)."""

    def __init__(self, nlp: Language, name: str = "presslens_events"):
        self.entries: list[dict[str, Any]] = lexicon()["triggers"]
        self.matcher = TriggerMatcher(self.entries)

    def __call__(self, doc: Doc) -> Doc:
        found: list[Trigger] = []
        matches = sorted(self.matcher(doc), key=lambda m: (-(m[2] - m[1]), m[1]))
        taken: set[int] = set()
        for mid, s, e in matches:
            # Longest match wins ("hunger strike" over "strike", "call on" over "call").
            anchor = {s, e - 1}
            if anchor & taken:
                continue
            entry = self.entries[mid]
            span = doc[s:e]
            head = span.root.i
            if not any(ch.isalpha() for ch in span.root.text):
                continue
            if not licensed(entry, span.root):
                continue  # a bare mention ("the deal included a bonus"): not an event, and not the word's sense
            if not_an_event(entry, span.root):
                continue
            etype, emode = entry["t"], entry.get("m")
            if entry["w"] == "strike":
                sense = strike_sense(span.root)
                if sense is None:
                    continue
                etype, emode = sense
            taken.update(range(s, e))
            found.append(Trigger(s, e, head, etype, emode, entry["w"], tuple(entry.get("no_obj", ())),
                                 tuple(entry.get("roles", ()))))
        doc._.events = sorted(found, key=lambda t: t.start)
        return doc



@Language.factory("presslens_events")
def make_event_tagger(nlp: Language, name: str) -> EventTagger:
    return EventTagger(nlp, name)



def _violent_act(head: Token) -> bool:
    """Protesters who are the subject of a violent act ("protesters threw stones", "rioters torched
    cars"): a riot in PLOVER terms, not a peaceful demonstration."""
    acts = set(_senses().get("riot_acts", []))
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head  # "a group of hooded protesters threw ..."
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else head if head.pos_ == "VERB" else None
    while verb is not None and verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        if verb.lemma_.lower() in acts:
            return True
        verb = verb.head
    return verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in acts



def _assault_mode(span: Span) -> str | None:
    words = {t.lemma_.lower() for t in span}
    for mode, cues in (("explosives", {"bomb", "explosive", "ied", "blast"}), ("firearms", {"shoot", "gun", "fire"}),
                       ("targeted", {"execute", "execution", "assassinate", "massacre", "murder"}),
                       ("abduct", {"hostage", "kidnap", "abduct"}), ("torture", {"torture"}),
                       ("crowd-control", {"tear", "cannon"})):
        if words & cues:
            return mode
    return None

