"""Eval layer ``actors``: do the names the gold lists resolve to the right actor?

Recall: for every gold actor, the share of its gold aliases (surface forms) for which the page has
at least one mention with exactly that text (normalised per SCHEMA.md) resolved to the actor.
Precision: every (surface form, actor) pair where a mention whose text is a gold alias resolves to
an actor the gold does not give that form counts against; tp / (tp + wrong pairs). Both are
counted in alias units so documents micro-average through ``tp``/``n_sys``/``n_gold``.
Mention-level accuracy over gold-alias mentions is reported as ``mention_accuracy``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..evaluate import SystemDoc, norm, prf
from ..registry import scorers


@scorers.register("actors")
def score_actors(gold: dict[str, Any], system: SystemDoc) -> dict[str, Any]:
    items = gold.get("actors", {}).get("items", [])
    owners: dict[str, set[str]] = defaultdict(set)
    for a in items:
        for alias in a.get("aliases", []):
            owners[norm(alias)].add(a["id"])
    resolved: dict[str, set[str]] = defaultdict(set)
    mention_n = mention_ok = 0
    for an in system.analyses:
        for m in an.mentions:
            t = norm(m.text)
            if t not in owners or not m.actor_id:
                continue
            resolved[t].add(m.actor_id)
            mention_n += 1
            mention_ok += int(m.actor_id in owners[t])
    tp = n_gold = 0
    missed: list[str] = []
    for a in items:
        for alias in dict.fromkeys(norm(x) for x in a.get("aliases", [])):
            n_gold += 1
            if a["id"] in resolved.get(alias, set()):
                tp += 1
            else:
                missed.append(f"{a['id']}:{alias}")
    wrong = sorted(f"{t}->{aid}" for t, ids in resolved.items() for aid in ids if aid not in owners[t])
    out: dict[str, Any] = {**prf(tp, tp + len(wrong), n_gold), "tp": tp, "n_sys": tp + len(wrong),
                           "n_gold": n_gold, "mention_n": mention_n, "mention_ok": mention_ok}
    out["missed"] = missed
    out["wrong"] = wrong
    return out
