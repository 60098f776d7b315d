"""Per-source naming: which names each source uses for an actor, how often, when, in which register.

This is how a user sees framing without the tool judging it: the registry records who uses a
label (``register``: self | neutral | hostile, ``used_by``) and the store records who wrote it.
A name the registry does not list is ``unlisted``. Names are grouped case- and
whitespace-insensitively; the most frequent spelling is shown.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..text.names import name_key

COLUMNS = ["actor_id", "source", "name", "register", "used_by", "mentions", "articles", "first_seen", "last_seen",
           "first_article_id", "first_mention_id"]


def registers_of(entry: Any) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Name key -> (register, used_by) of every alias and description of a registry entry."""
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    if entry is None:
        return out
    for name in [entry.actor.name, *entry.actor.aliases, *entry.generic, *entry.metonyms]:
        out.setdefault(name_key(name), entry.registers.get(name, ("neutral", ())))
    for name, reg in entry.registers.items():
        out[name_key(name)] = reg
    return out


def naming_rows(rows: list[dict[str, Any]], registry: Any) -> list[dict[str, Any]]:
    """Aggregate mention rows (actor_id, source, text, article_id, published, mention_id, start)
    into one row per (actor, source, name)."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        key = name_key(str(r["text"])) or " ".join(str(r["text"]).split())
        groups[(r["actor_id"], r["source"] or "(unknown)", key)].append(r)
    regs: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    out = []
    for (aid, source, key), ms in groups.items():
        if aid not in regs:
            regs[aid] = registers_of(registry.entries.get(aid))
        spellings: dict[str, int] = defaultdict(int)
        for m in ms:
            spellings[" ".join(str(m["text"]).split())] += 1
        register, used_by = regs[aid].get(key, ("unlisted", ()))
        dates = sorted(str(m["published"])[:10] for m in ms if m.get("published"))
        # The first use shown is in running text where there is one (tag lines are not highlighted).
        first = min(ms, key=lambda m: (m.get("role") in SET_APART, str(m.get("published") or "9999"),
                                       str(m["article_id"]), int(m["start"])))
        out.append({
            "actor_id": aid, "source": source, "name": max(spellings, key=lambda s: (spellings[s], s)),
            "register": register, "used_by": list(used_by), "mentions": len(ms),
            "articles": len({m["article_id"] for m in ms}), "first_seen": dates[0] if dates else None,
            "last_seen": dates[-1] if dates else None, "first_article_id": first["article_id"],
            "first_mention_id": first["mention_id"],
        })
    out.sort(key=lambda r: (r["actor_id"], r["source"], -r["mentions"], r["name"]))
    return out


SET_APART = ("tags", "related_link", "byline", "title")  # not highlighted in the article view
MENTION_SQL = (
    "SELECT m.actor_id, coalesce(a.source, '(unknown)') AS source, m.text, m.article_id, a.published, "
    "m.id AS mention_id, m.start, m.role FROM {prefix}mentions m JOIN {prefix}articles a ON a.id = m.article_id "
    "WHERE m.actor_id IS NOT NULL{where}"
)


def naming(store: Any, actor_id: str | None = None, registry: Any = None, prefix: str = "") -> list[dict[str, Any]]:
    """Per-source naming rows for one actor (or every actor) in a store (``store.rows``)."""
    from ..layers.actors.registry import load_registry

    sql = MENTION_SQL.format(prefix=prefix, where=" AND m.actor_id = ?" if actor_id else "")
    rows = store.rows(sql, [actor_id] if actor_id else [])
    return naming_rows(rows, registry or load_registry())
