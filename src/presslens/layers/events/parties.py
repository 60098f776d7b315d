"""Rule ``agent-fallback``: generic agents as event parties (issue 13 item 3, docs/events.md
"Session 18: arguments").

A sector agent the actors layer matched ("police", "protesters", "Iraqi police" -> police of Iraq;
PETRARCH2's agents dictionary) is an event's sector party (``Event.actor_agents`` /
``recipient_agents``) when the parse puts it in the actor or recipient slot and no name, body, pronoun
antecedent or inferred agent fills that slot. ``actors``/``recipients`` keep SCHEMA.md's parties
(persons, organisations, state bodies); exports use the agent where a slot has no named party. The
slots are found by the same argument rules (``who_whom``) run once more with the agents among the
mentions, so an agent is a party exactly where a name in its place would be one.

The agents are written only after everything that reads the slots to decide whether a candidate is an
event at all (the learned check, restatement merges, back references, title dedupe) and after the
inference of specific agents (implied agents, page coreference): an event's existence and its named
parties never depend on a generic noun, and "the MEK's supporters rallied ... protesters marched"
keeps the MEK where the article names it.
"""

from __future__ import annotations

import dataclasses
import functools

from ...records import Event, Mention, stable_id
from .common import Ctx
from .targets import _data

RULE = "arg:agent-fallback"


@functools.cache
def slots() -> frozenset[str]:
    """The slots generic agents may fill (``agent_fallback.slots`` in ``events/arguments.yaml``)."""
    return frozenset(str(s) for s in (_data().get("agent_fallback") or {}).get("slots", []))


def wanted(actors: list[str], recips: list[str]) -> bool:
    """Is a slot that agents may fill still empty after the named parties were resolved?"""
    on = slots()
    return ("actors" in on and not actors) or ("recipients" in on and not recips)


def agent_mentions(ctx: Ctx) -> list[Mention]:
    """The doc's generic-agent spans (``doc._.actor_agents``, written to the store later by the
    ``agents`` stage) as mentions with page offsets."""
    spans = ctx.doc._.actor_agents if ctx.doc.has_extension("actor_agents") else None
    out = []
    for sp in spans or ():
        if not sp._.actor_id:
            continue
        s, e = ctx.page(sp)
        out.append(Mention(id=stable_id(ctx.analysis.article.id, "agent", s, e), article_id=ctx.analysis.article.id,
                           start=s, end=e, text=sp.text, label=sp.label_, actor_id=sp._.actor_id, method="agent"))
    return out


def with_agents(ctx: Ctx, agents: list[Mention]) -> Ctx:
    """A view of ``ctx`` whose mentions include the agents (for a second pass of the slot rules)."""
    return dataclasses.replace(ctx, mentions=sorted([*ctx.mentions, *agents], key=lambda m: m.start))


def agent_parties(found: tuple[list[str], list[str]], agents: list[Mention],
                  sent: tuple[int, int]) -> tuple[list[str], list[str]]:
    """Only the agents among what the second pass found (named parties come from the first pass), and
    only agents the trigger's own sentence names: a pronoun is not resolved to a generic noun of an
    earlier sentence ("students call for protests. ... they posted pictures": which students)."""
    lo, hi = sent
    ids = {m.actor_id for m in agents if lo <= m.start and m.end <= hi}
    return [a for a in found[0] if a in ids], [r for r in found[1] if r in ids]


def fill(ev: Event, parties: tuple[list[str], list[str]]) -> None:
    """The agents of an empty slot of ``ev`` become its sector parties (``actor_agents`` /
    ``recipient_agents``); ``actors``/``recipients`` keep SCHEMA.md's named parties. One agent never
    holds both slots."""
    acts, recs = parties
    on = slots()
    acts = acts if "actors" in on and not ev.actors else []
    recs = recs if "recipients" in on and not ev.recipients else []
    ev.actor_agents = list(acts)
    ev.recipient_agents = [r for r in recs if r not in acts]
    if (ev.actor_agents or ev.recipient_agents) and RULE not in ev.rules:
        ev.rules.append(RULE)
