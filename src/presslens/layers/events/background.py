"""Rule ``participant-modifier`` (list step): acts told only to say which participant of another act
is meant are background, not events.

"The court pardoned the reporters *who were detained* in May": the sentence reports the pardon;
the relative clause identifies the reporters by an earlier act it presupposes (a restrictive
clause asserts nothing new). The same for a participle ("the banker *charged* with fraud was sent
back to Spain") and for everything inside such a modifier (the fraud the banker was charged with).
The events dev README codes no event "when the act only names something inside a noun phrase".

The modifier must hang on a noun inside the clause of another trigger (its subject, object or a
phrase below it): a sentence that tells nothing else ("among those detained were two bakers") reports
that act. Not affected: a to-infinitive ("a plan to strike": modality's business), a relative clause of
place or time ("the bridge where guards fired": data ``setting_relativizers``), a finite relative clause
set off by a comma, which adds a new assertion ("the depot, which strikers blocked on Monday"), and a
headline ("Sailors held by pirates welcomed home": telegraphic, every act in it is news).
Words in ``lang/en/events/background.yaml``."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Token

from .. import syntax
from .rules import rule, words
from .trigger import Trigger

_NOMINAL = ("NOUN", "PROPN", "PRON")


def _restrictive_modifier(v: Token) -> bool:
    """``v`` heads a relative clause or participle that identifies the noun it modifies."""
    if v.dep_ not in ("relcl", "acl") or v.head.pos_ not in _NOMINAL or v.pos_ not in ("VERB", "AUX"):
        return False
    if syntax.has_to_infinitive(v):
        return False  # "a plan to close the border": an aim, read by modality
    if v.dep_ == "acl" and (v.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in v.children)):
        return False  # "students hurling bottles": an act going on at the time, told
    if v.dep_ == "relcl" and not syntax.is_passive(v):
        return False  # "police who fired": the relative clause tells an act of its own
    setting = words("setting_relativizers", "events/background")
    if any(c.lower_ in setting and c.dep_ in ("advmod", "pobj", "prep") for c in v.subtree if c.i < v.i):
        return False  # "the village where the raid began", "the day when talks collapsed"
    if v.dep_ == "relcl":
        left = v.left_edge.i
        if left > 0 and v.doc[left - 1].lower_ in (",", "(", "-", "–", "—"):
            return False  # a non-restrictive clause asserts its act
    return True


# Clause relations: the modified noun must be a participant of the host's own clause.
_CLAUSE = frozenset({"relcl", "acl", "ccomp", "advcl", "parataxis", "csubj", "csubjpass"})


def _host(noun: Token, heads: dict[int, Trigger]) -> Trigger | None:
    """The trigger whose clause holds ``noun`` (its subject, object or a phrase below them)."""
    a = noun
    while True:
        if a.i in heads:
            return heads[a.i]
        if a.dep_ in _CLAUSE or a.head == a:
            return None
        a = a.head


def _headline(tok: Token) -> bool:
    """``tok`` is in a sentence with no final punctuation: a headline, whose participles tell news."""
    last = next((w for w in reversed(tok.sent) if not w.is_space), None)
    return last is None or last.text not in words("sentence_final", "events/background")


@rule("participant-modifier", "list")
def participant_modifier(triggers: list[Trigger], doc: Any) -> list[Trigger]:
    """Drop the triggers inside a restrictive modifier that states an act, when the noun it modifies
    is held by another trigger's clause; the host trigger names the rule."""
    if len(triggers) < 2:
        return triggers
    heads = {t.head: t for t in triggers}
    drop: set[int] = set()
    for t in triggers:
        if id(t) in drop:
            continue
        v: Token = doc[t.head]
        if _headline(v):
            continue
        # The modifier itself must state an act ("bakers *detained* for a strike"); a weapon noun in a
        # modifier that states none ("vans fitted with water cannons") is no background act.
        mod = next((a for a in [v, *v.ancestors] if _restrictive_modifier(a)), None)
        if mod is None or mod.i not in heads:
            continue
        inside = {x.i for x in mod.subtree}
        host = _host(mod.head, heads)
        if host is None:
            continue
        for u in triggers:
            if u.head in inside and id(u) not in drop:
                drop.add(id(u))
        if "participant-modifier" not in host.rules:
            host.rules.append("participant-modifier")
    return [t for t in triggers if id(t) not in drop]
