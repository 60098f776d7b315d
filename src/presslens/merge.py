"""Cross-source event merge (post stage ``post:merge``).

Reports of one real event in different articles or sources get the same ``canonical_id``; each
report keeps its own figures (size, date precision, evidence), so conflicting counts stay side by
side ("over 100,000" next to "tens of thousands").

Two reports are linked when they have the same PLOVER type and nothing the texts say keeps them
apart (no different day or month, no different city, no disjoint actor sets, not reported vs
denied), and enough agrees: points for the same day (2) or a compatible coarser date (1), the
same city/site (2) or a compatible place (1), a shared actor (1); at least 3 points are needed,
so a bare "a protest" never absorbs another. Linked reports are grouped transitively (union-find).
Singletons get their own id as canonical id.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .records import stable_id
from .registry import stages
from .settings import Settings

CITY_LEVEL = {"city", "site"}


def _dates(a: str | None, b: str | None) -> int | None:
    """Agreement points for two ISO dates/intervals; None = contradiction."""
    if not a or not b:
        return 0
    lo_a, _, hi_a = a.partition("/")
    lo_b, _, hi_b = b.partition("/")
    hi_a, hi_b = hi_a or lo_a, hi_b or lo_b
    if "/" in a or "/" in b:
        # Intervals: compatible when they overlap (compared on the common prefix length).
        return 1 if lo_a[: len(hi_b)] <= hi_b and lo_b[: len(hi_a)] <= hi_a else None
    n = min(len(a), len(b))
    if a[:n] != b[:n]:
        return None
    return 2 if len(a) == len(b) == 10 else 1


def _places(a: dict[str, Any], b: dict[str, Any]) -> int | None:
    if not a["place_name"] or not b["place_name"]:
        return 0
    if a["country"] and b["country"] and a["country"] != b["country"]:
        return None
    same = (a["geonameid"] and a["geonameid"] == b["geonameid"]) or (
        a["place_name"].lower() == b["place_name"].lower())
    if same:
        return 2 if a["geo_precision"] in CITY_LEVEL else 1
    if a["geo_precision"] in CITY_LEVEL and b["geo_precision"] in CITY_LEVEL:
        return None  # two different cities
    return 1 if a["country"] and a["country"] == b["country"] else 0


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["type"] != b["type"] or a["article_id"] == b["article_id"]:
        return False
    if (a["status"] == "denied") != (b["status"] == "denied"):
        return False
    if a["mode"] and b["mode"] and a["mode"] != b["mode"]:
        return False
    d = _dates(a["date"], b["date"])
    p = _places(a, b)
    if d is None or p is None:
        return False
    acts_a, acts_b = set(a["actors"] or []), set(b["actors"] or [])
    if acts_a and acts_b and not acts_a & acts_b:
        return False
    score = d + p + (1 if acts_a & acts_b else 0)
    return score >= 3


def clusters(rows: list[dict[str, Any]]) -> dict[str, str]:
    """event id -> canonical id."""
    parent = {r["id"]: r["id"] for r in rows}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_type: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_type[r["type"]].append(r)
    for group in by_type.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if compatible(a, b):
                    ra, rb = find(a["id"]), find(b["id"])
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        members[find(r["id"])].append(r["id"])
    out: dict[str, str] = {}
    for ids in members.values():
        canon = ids[0] if len(ids) == 1 else "ce" + stable_id("canonical", *sorted(ids), length=14)
        for eid in ids:
            out[eid] = canon
    return out


def _load(store: Any) -> list[dict[str, Any]]:
    import json

    rows = store.rows(
        "SELECT id, article_id, type, mode, date, place_name, country, geonameid, geo_precision, actors, status "
        "FROM events ORDER BY id")
    for r in rows:
        if isinstance(r["actors"], str):
            r["actors"] = json.loads(r["actors"])
    return rows


@stages.register("post:merge")
def merge_events(store: Any, settings: Settings | None = None) -> dict[str, int]:
    rows = _load(store)
    canon = clusters(rows)
    if canon:
        # One set-based UPDATE: per-row executemany costs milliseconds a row in DuckDB.
        with store.transaction() as con:
            con.execute(
                "UPDATE events SET canonical_id = c.cid FROM "
                "(SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS cid) c WHERE events.id = c.id",
                [list(canon), list(canon.values())],
            )
    sizes: dict[str, int] = defaultdict(int)
    for c in canon.values():
        sizes[c] += 1
    return {"events": len(rows), "canonical": len(sizes), "merged_reports": sum(n for n in sizes.values() if n > 1)}
