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


# An ``offset`` page at least this deep starts from a *mark* (``marks``): one row key kept every
# MARK_EVERY rows of the list, so DuckDB skips at most MARK_EVERY - 1 rows.
MARK_EVERY = 1000


def marks_sql(source: str, key: Key, every: int) -> str:
    """The keys (columns ``_k0``, ...) of rows ``every``, ``2 * every``, ... of the list ``source``
    (its ``FROM ... WHERE ...``) in the key's order: the list's *marks*, computed in one window
    pass when a page deep in the list is first asked for and kept while the store stays the same
    (the server's ``aggregate`` cache, dropped when an ingest commits)."""
    cols = ", ".join(f"_k{i}" for i in range(len(key)))
    return (f"SELECT {cols} FROM (SELECT {select(key)}, row_number() OVER ({order_by(key)}) AS _rn {source}) "
            f"WHERE _rn % {int(every)} = 0 ORDER BY _rn")


def mark_values(rows: list[dict[str, Any]], key: Key) -> list[list[Any]]:
    return [[r[f"_k{i}"] for i in range(len(key))] for r in rows]


def from_mark(marks: Sequence[Sequence[Any]], every: int, offset: int) -> tuple[str | None, int]:
    """(``after`` cursor of the last mark before row ``offset``, the offset left after it): the
    page at ``offset`` is then ``after`` that mark with ``OFFSET`` below ``every``. ``OFFSET N``
    makes DuckDB sort and keep N + limit rows: the middle page of 108k findings cost 110 ms CPU
    at 100k articles, the first 30. Clients that page through a list should follow ``next``."""
    j = min(offset // every, len(marks)) if every > 0 else 0
    if j <= 0:
        return None, offset
    return encode(marks[j - 1]), offset - j * every
