"""Keyset (cursor) pagination for the API lists.

A list is ordered by a fixed key, a tuple of SQL expressions with a direction each, ending in a
unique column so that no two rows share a key. A page's reply carries ``next``: the key of its
last row, encoded as an opaque string; the next request passes it back as ``after=`` and gets the
rows whose key comes after it. Unlike ``OFFSET N``, which makes DuckDB sort and skip N rows,
``after`` costs what the first page costs however deep the reader is, and a row inserted by an
ingest between two requests neither repeats nor hides a row of the next page.

Key expressions never yield NULL (the lists wrap nullable columns in ``coalesce``), so "comes
after" is plain comparison.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from typing import Any

# (SQL expression, "ASC" | "DESC"); the expressions come from fixed lists in the query modules.
Key = Sequence[tuple[str, str]]
PATTERN = r"^[A-Za-z0-9_\-=]{1,2000}$"  # base64url, as encode() writes it


class BadCursor(ValueError):
    """An ``after`` value that this list did not write (422 in the API)."""


def encode(values: Sequence[Any]) -> str:
    raw = json.dumps(list(values), separators=(",", ":"), ensure_ascii=False, default=str)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii")


def decode(cursor: str, key: Key) -> list[Any]:
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, binascii.Error, UnicodeError):
        raise BadCursor("after: not a cursor from this list") from None
    if not isinstance(values, list) or len(values) != len(key) or \
            not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in values):
        raise BadCursor("after: not a cursor from this list")
    return values


def order_by(key: Key) -> str:
    return "ORDER BY " + ", ".join(f"{expr} {way}" for expr, way in key)


def select(key: Key) -> str:
    """The key's expressions as columns ``_k0``, ``_k1``, ... (read back by ``next_cursor``)."""
    return ", ".join(f"{expr} AS _k{i}" for i, (expr, _) in enumerate(key))


def after(key: Key, cursor: str | None) -> tuple[str, list[Any]]:
    """SQL condition (and its parameters) for "the row's key comes after the cursor's":
    ``k0 > v0 OR (k0 = v0 AND k1 > v1) OR ...``, with ``<`` for descending parts."""
    if not cursor:
        return "TRUE", []
    values = decode(cursor, key)
    ors, params = [], []
    for i, (expr, way) in enumerate(key):
        terms = [f"{e} = ?" for e, _ in key[:i]]
        terms.append(f"{expr} {'<' if way.upper() == 'DESC' else '>'} ?")
        ors.append("(" + " AND ".join(terms) + ")")
        params += [*values[:i], values[i]]
    # The first part alone bounds the scan (a plain range DuckDB can check against its row-group
    # statistics); the disjunction then makes it exact.
    first = f"{key[0][0]} {'<=' if key[0][1].upper() == 'DESC' else '>='} ?"
    return f"({first} AND ({' OR '.join(ors)}))", [values[0], *params]


def next_cursor(rows: list[dict[str, Any]], key: Key, limit: int) -> tuple[list[dict[str, Any]], str | None]:
    """The page (``limit`` of ``rows``, which were fetched with ``limit + 1``) and the cursor of
    its last row when more rows follow; the ``_k*`` columns are dropped from the rows."""
    more = len(rows) > limit
    rows = rows[:limit]
    cur = encode([rows[-1][f"_k{i}"] for i in range(len(key))]) if more and rows else None
    for r in rows:
        for i in range(len(key)):
            r.pop(f"_k{i}", None)
    return rows, cur


def reverse(key: Key) -> list[tuple[str, str]]:
    """The key read backwards (every part's direction flipped)."""
    return [(expr, "ASC" if way.upper() == "DESC" else "DESC") for expr, way in key]


def from_end(total: int, offset: int, limit: int) -> tuple[int, int] | None:
    """An ``offset`` page in the list's second half is read from its end: (offset, limit) of the
    same rows in the reversed order, or None for a page nearer the start. ``OFFSET N`` makes DuckDB
    keep and skip N rows, so a page's cost grows with its distance from the end it is read from:
    the last page of 100k articles cost 107 ms CPU, the first 28. Clients that page through a list
    should follow ``next`` (``after=``), which costs what the first page costs at any depth."""
    if offset <= 0 or 2 * offset < total or offset >= total:
        return None
    return max(0, total - offset - limit), min(limit, total - offset)


def page_from_end(rows: list[dict[str, Any]], key: Key, total: int, offset: int
                  ) -> tuple[list[dict[str, Any]], str | None]:
    """``next_cursor`` for rows fetched in reversed order (``from_end``): they are put back in the
    list's order; more rows follow when the page ends before the list does."""
    rows = rows[::-1]
    cur = encode([rows[-1][f"_k{i}"] for i in range(len(key))]) if rows and offset + len(rows) < total else None
    for r in rows:
        for i in range(len(key)):
            r.pop(f"_k{i}", None)
    return rows, cur
