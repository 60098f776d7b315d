"""Rule ``body-agent``: a state body (or an attacker) named by its common noun is an event's sector party (issue 12,
docs/events.md "Session 27 (evactors)").

"The government banned the rally", "a court sentenced him", "parliament rejected the bill": the slot
rules find the party, but no actor resolves it when the text gives no country (the actors layer keeps
"government", "court", "parliament" out of its generic agents, because such a word is often a
building or a body whose country the article states elsewhere: ``lang/en/agent_exclude.txt``). PLOVER
2.0 manual 5.2 (Table 5.2) codes such a party by its sector: GOV "the executive ... executive
divisions", JUD "judges, courts", LEG "parliaments, assemblies, lawmakers"; the PETRARCH2 agents
dictionary lists the same nouns with those codes (GOVERNMENT [~GOV], COURT [~JUD], PARLIAMENT
[~LEG]).

An attacker named only by the act ("a truck bomber", "the attackers") is read the same way, as UAF
(Table 5.2 "unidentified armed forces ('unknown gunmen')"); the actors layer keeps "bomber" out as an
aircraft. A compound modifier names a body's owner ("factory officials": not taken) but an attacker's
means ("a truck bomber": taken), per ``body_agents_owned``.

So the nouns of ``body_agents`` in ``lang/en/events/arguments.yaml`` are offered to the second pass of
the slot rules (``parties.py``) as agent mentions of their sector actor, only where no mention covers
the word and the word heads its own noun phrase (not "government troops", not "the Court of Appeal").
They fill only an event's empty ``actor_agents`` / ``recipient_agents``; ``actors``/``recipients`` keep
SCHEMA.md's named parties, so a country's government the text names still wins. A span is written as
an agent mention (``doc._.actor_agents``, stored by the ``agents`` stage) only when an event takes it.
"""

from __future__ import annotations

import functools

from spacy.tokens import Span

from ...records import Mention, stable_id
from .common import Ctx
from .targets import _data

RULE = "arg:body-agent"


@functools.cache
def body_nouns() -> dict[str, str]:
    """Lemma -> sector actor id, from ``body_agents`` (actor id -> nouns) in ``events/arguments.yaml``."""
    out: dict[str, str] = {}
    for aid, nouns in (_data().get("body_agents") or {}).items():
        for n in nouns:
            out[str(n).lower()] = str(aid)
    return out


@functools.cache
def owned_bodies() -> frozenset[str]:
    """Sector actors whose noun takes its owner from a compound modifier (``body_agents_owned``)."""
    return frozenset(str(a) for a in _data().get("body_agents_owned") or ())


def body_spans(ctx: Ctx, taken: list[Mention]) -> list[tuple[Span, Mention]]:
    """The doc's body nouns no mention covers, as (span, agent mention) pairs."""
    nouns = body_nouns()
    doc = ctx.doc
    out: list[tuple[Span, Mention]] = []
    for t in doc:
        if t.pos_ not in ("NOUN", "PROPN") or t.lemma_.lower() not in nouns and t.lower_ not in nouns:
            continue  # (a sentence's first word is often tagged PROPN: "Parliament rejected ...")
        aid = nouns.get(t.lemma_.lower()) or nouns[t.lower_]
        if t.dep_ in ("compound", "amod", "nmod", "poss") or any(
                c.pos_ == "PROPN" or (c.dep_ == "compound" and aid in owned_bodies()) for c in t.children):
            continue  # "government troops", "the Supreme Court", "factory officials": a modifier, a name
            # or another body's people ("a truck bomber" is taken: the modifier says the means)
        if t.text[:1].isupper() and not t.is_sent_start:
            continue  # capitalised inside a sentence: part of a name the actors layer did not take
        s, e = ctx.page(t)
        if any(m.start < e and s < m.end for m in (*ctx.mentions, *taken)):
            continue
        span = Span(doc, t.i, t.i + 1, label="GOV")
        span._.actor_id = aid
        span._.actor_method = "agent"
        out.append((span, Mention(id=stable_id(ctx.analysis.article.id, "agent", s, e),
                                  article_id=ctx.analysis.article.id, start=s, end=e, text=t.text,
                                  label="GOV", actor_id=aid, method="agent")))
    return out


def keep_used(ctx: Ctx, bodies: list[tuple[Span, Mention]], parties: tuple[list[str], list[str]],
              sent: Span) -> bool:
    """Write the body spans of ``sent`` whose actor an event took as an agent mention; True if any."""
    ids = set(parties[0]) | set(parties[1])
    used = [sp for sp, m in bodies if m.actor_id in ids and sent.start <= sp.start and sp.end <= sent.end]
    if not used:
        return False
    have = list(ctx.doc._.actor_agents or [])
    known = {(s.start, s.end) for s in have}
    ctx.doc._.actor_agents = have + [sp for sp in used if (sp.start, sp.end) not in known]
    return True
