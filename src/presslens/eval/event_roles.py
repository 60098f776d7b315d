"""Actor and recipient sets of one matched event against sentence gold that gives them as text
(eval/dev/events/sentences.jsonl: ``actors`` / ``recipients`` are phrases of the sentence).

A system actor id stands for a gold phrase when a mention the system resolved to that id overlaps
the phrase's place in the sentence. As in ``scoring.events.roles_ok`` (SCHEMA.md): ``exact`` when
every system id stands for some gold phrase and every gold phrase is stood for (both empty counts);
``overlap`` when at least one gold phrase is stood for (or both are empty)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..records import Event, Mention

ROLE_CHECKS = ("actors_exact", "actors_overlap", "recipients_exact", "recipients_overlap",
               "actors_agents_exact", "actors_agents_overlap", "recipients_agents_exact", "recipients_agents_overlap")


def _spans(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    out = []
    for p in phrases:
        i = text.find(p)
        if i < 0:
            i = text.lower().find(p.lower())
        out.append((i, i + len(p)) if i >= 0 else (-1, -1))
    return out


def role_checks(text: str, gold: dict[str, Any], ev: Event, mentions: Sequence[Mention]) -> dict[str, bool]:
    """``<role>_exact/overlap``: the named parties (``actors``/``recipients``, SCHEMA.md's ids);
    ``<role>_agents_exact/overlap``: the same with the generic sector agents of an empty slot
    (``actor_agents``/``recipient_agents``), the convention of this set's gold, which codes groups."""
    out: dict[str, bool] = {}
    for role, agents in (("actors", ""), ("recipients", ""), ("actors", "agents"), ("recipients", "agents")):
        key = f"{role}_{agents}_" if agents else f"{role}_"
        spans = _spans(text, gold.get(role) or [])
        ids = list(dict.fromkeys(getattr(ev, role) or (getattr(ev, f"{role[:-1]}_agents") if agents else [])))
        if not spans and not ids:
            out[f"{key}exact"] = out[f"{key}overlap"] = True
            continue
        mapped = [{k for k, (s, e) in enumerate(spans)
                   if s >= 0 and any(m.actor_id == aid and m.start < e and s < m.end for m in mentions)}
                  for aid in ids]
        union = set().union(*mapped) if mapped else set()
        out[f"{key}exact"] = bool(spans) and all(mapped) and union == set(range(len(spans)))
        out[f"{key}overlap"] = bool(union)
    return out
