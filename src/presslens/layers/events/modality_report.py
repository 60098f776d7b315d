"""Acts told only as reports that do not exist: "there were no reports that guards beat inmates",
"there were no allegations of torture". An existential "there be" that denies a report noun states no
act; the acts inside it are dropped (PLOVER 2.0 manual 2.3: a negated event is not coded; the events
dev README: negated acts are no event). The words are in ``events/modality.yaml``
(``existential_report``).

Only the denial reads this way. Reports said to exist ("there were reports that rebels shelled the
town") are kept: the gold codes them in some parts (session 25, docs/events.md), and a report with a
source is an attribution ("police reported that gunmen attacked ...").
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from ... import lang
from .. import syntax
from .rules import rule
from .trigger import Trigger


@functools.cache
def _nouns() -> frozenset[str]:
    return frozenset(str(w) for w in lang.data("events/modality")["existential_report"]["nouns"])


def _existential(verb: Token) -> bool:
    """``verb`` is "be" with an expletive "there": "there were", "there have been"."""
    return verb.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in verb.children)


def under_denied_report(tok: Token) -> bool:
    """``tok`` heads an act inside a report noun that an existential "there be" denies (the noun, or
    a phrase over it, is the verb's attribute or subject)."""
    path = [tok]
    for anc in tok.ancestors:
        if _existential(anc):
            return path[-1].dep_ in ("attr", "nsubj") and any(
                t.pos_ == "NOUN" and t.lemma_.lower() in _nouns() and (syntax.negated(anc) or syntax.negated(t)) for t in path)
        path.append(anc)
    return False


@rule("existential-report", "modality")
def existential_report(triggers: list[Trigger], doc: Doc) -> None:
    """"There were no reports that guards beat inmates": no act is told; no event."""
    for trig in triggers:
        if not trig.folded and under_denied_report(doc[trig.head]):
            trig.folded = True
            trig.rules.append("existential-report")
