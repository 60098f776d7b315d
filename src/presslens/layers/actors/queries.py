"""Store queries about actors: lists, one actor's record, per-source naming."""

from __future__ import annotations

from typing import Any

from ...records import Actor
from ...settings import Settings
from .registry import registry_for


def naming_by_source(store: Any, actor_id: str) -> dict[str, dict[str, int]]:
    """For one actor: {source: {surface form: count}} over every stored mention."""
    rows = store.rows(
        "SELECT coalesce(a.source, '?') AS source, m.text AS text, count(*) AS n FROM mentions m "
        "JOIN articles a ON a.id = m.article_id WHERE m.actor_id = ? GROUP BY 1, 2 ORDER BY 1, 3 DESC",
        [actor_id],
    )
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        out.setdefault(r["source"], {})[" ".join(str(r["text"]).split())] = int(r["n"])
    return out


def actor_summary(store: Any, actor_id: str, settings: Settings | None = None) -> dict[str, Any] | None:
    """Registry or provisional record, mention count and per-source naming of one actor."""
    reg = registry_for(settings)
    e = reg.entries.get(actor_id)
    actor: Actor | None = e.actor if e else None
    if actor is None:
        found = store.load("actors", "id = ?", [actor_id])
        actor = found[0] if found else None
    count_row = store.rows("SELECT count(*) AS n FROM mentions WHERE actor_id = ?", [actor_id])
    n = int(count_row[0]["n"]) if count_row else 0
    if actor is None and n == 0:
        return None
    return {
        "id": actor_id,
        "name": actor.name if actor else actor_id,
        "type": actor.type if actor else None,
        "provisional": actor.provisional if actor else True,
        "aliases": list(actor.aliases) if actor else [],
        "generic": list(e.generic) if e else [],
        "metonyms": list(e.metonyms) if e else [],
        "wikidata": actor.wikidata if actor else None,
        "country": actor.country if actor else None,
        "affiliation": actor.affiliation if actor else None,
        "mentions": n,
        "by_source": naming_by_source(store, actor_id),
    }


def list_actors(store: Any, *, unregistered: bool = False, settings: Settings | None = None) -> list[dict[str, Any]]:
    """Actors with mentions in the store, most mentioned first."""
    reg = registry_for(settings)
    rows = store.rows(
        "SELECT m.actor_id AS id, count(*) AS mentions, count(DISTINCT m.article_id) AS articles, "
        "any_value(a.name) AS name, any_value(a.type) AS type FROM mentions m "
        "LEFT JOIN actors a ON a.id = m.actor_id WHERE m.actor_id IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    out = []
    for r in rows:
        e = reg.entries.get(r["id"])
        registered = e is not None
        if unregistered and registered:
            continue
        out.append({
            "id": r["id"], "name": e.actor.name if e else (r["name"] or r["id"]),
            "type": e.actor.type if e else r["type"], "registered": registered,
            "mentions": int(r["mentions"]), "articles": int(r["articles"]),
        })
    return out

