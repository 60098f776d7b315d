"""Components of copied articles for ``merge.join_copied``: articles linked by their copied pairs and by
the canonical groups of their reports, so that no join and no vetoing group member crosses a part."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from . import state


class UnionFind:
    """Disjoint sets of string ids; a set's root is its least id, so the result does not depend on
    the order the links come in."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def copied_components(store: Any, article_pairs: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """The copied article pairs grouped by component (root id -> its pairs)."""
    arts = sorted({x for pr in article_pairs for x in pr})
    uf = UnionFind()
    for a, b in article_pairs:
        uf.union("a:" + a, "a:" + b)
    copied_arts = set(arts)
    for r in state.query_with(store, "_a", state.arrow({"id": arts}), """
            SELECT k.canonical_id, e.article_id FROM merge_keys k JOIN events e ON e.id = k.event_id
            WHERE k.canonical_id IN (SELECT canonical_id FROM merge_keys WHERE event_id IN
                                     (SELECT id FROM events WHERE article_id IN (SELECT id FROM _a)))"""):
        if r["article_id"] in copied_arts:
            uf.union("g:" + str(r["canonical_id"]), "a:" + r["article_id"])
    parts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a, b in article_pairs:
        parts[uf.find("a:" + a)].append((a, b))
    return parts
