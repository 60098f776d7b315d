"""Components of copied articles for ``merge.join_copied``: articles linked by their copied pairs and by
the canonical groups of their reports, so that no join and no vetoing group member crosses a part."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from . import state


def copied_components(store: Any, article_pairs: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """The copied article pairs grouped by component (root id -> its pairs)."""
    arts = sorted({x for pr in article_pairs for x in pr})
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for a, b in article_pairs:
        union("a:" + a, "a:" + b)
    copied_arts = set(arts)
    for r in state.query_with(store, "_a", state.arrow({"id": arts}), """
            SELECT k.canonical_id, e.article_id FROM merge_keys k JOIN events e ON e.id = k.event_id
            WHERE k.canonical_id IN (SELECT canonical_id FROM merge_keys WHERE event_id IN
                                     (SELECT id FROM events WHERE article_id IN (SELECT id FROM _a)))"""):
        if r["article_id"] in copied_arts:
            union("g:" + str(r["canonical_id"]), "a:" + r["article_id"])
    parts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a, b in article_pairs:
        parts[find("a:" + a)].append((a, b))
    return parts
