"""``place-meeting-venue``: where a meeting or visit (CONSULT) took place, when its own phrase names
no place. The locative rules (``location.py``) read a CONSULT trigger's own phrases only; a meeting's
venue is often told one step away:

- on the counterpart: "met with the envoys of three unions in Ruritania", "talks with
  counterparts in Freedonia": the parser hangs the venue on the nearest noun, the counterpart or a
  noun of its "of" phrase. A seat named with "of" ("met the mayor of Xanadu") is no locative
  phrase and is not read;
- on the verb the meeting noun is the frame or purpose of: "flew into Ruritania on a three-day
  visit", "ministers gathered in Freedonia for two days of talks" (through "of" nouns).

Words: ``events/places.yaml`` (``locative_preps``, ``meeting_frame_preps``).
"""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Place
from .. import syntax
from .common import Ctx
from .location import _best, _pp_places
from .place_index import Index, _words
from .rules import rule


def _counterparts(head: Token) -> list[Token]:
    """The people met: objects of "with" on the trigger (and, for the verb, its direct objects)."""
    out = list(syntax.prep_objects(head, ("with",)))
    if head.pos_ in ("VERB", "AUX"):
        out += syntax.children(head, "dobj")
    # ("representatives of a dozen outlets in X": the phrase hangs on the "of" noun)
    return out + [p for o in out for p in syntax.prep_objects(o, ("of",))]


def _frame_verb(head: Token) -> Token | None:
    """The verb a meeting noun is the frame or purpose of ("arrived ... on a visit", "gathered ...
    for two days of talks"): up through "of" nouns to a prepositional phrase on a verb."""
    t = head
    for _ in range(3):
        if t.dep_ != "pobj":
            return None
        prep = t.head
        if prep.lower_ in _words("meeting_frame_preps") and prep.head.pos_ in ("VERB", "AUX"):
            return prep.head
        if prep.lower_ != "of" or prep.head.pos_ not in ("NOUN", "PROPN"):
            return None
        t = prep.head
    return None


@rule("place-meeting-venue", "place")
def meeting_venue(ctx: Ctx, head: Token, etype: str, span: tuple[int, int] | None = None) -> list[Place]:
    """A meeting's or visit's venue on its counterpart's phrase or on the verb it is the frame of."""
    if etype != "CONSULT":
        return []
    idx = Index(ctx, head, span)
    if not idx.by_tok:
        return []
    preps = _words("locative_preps")
    cands = [x for o in _counterparts(head) for x in _pp_places(idx, o, preps)]
    if not cands and head.pos_ in ("NOUN", "PROPN") and (verb := _frame_verb(head)) is not None:
        cands = _pp_places(idx, verb, preps)
    return _best(cands, head)
