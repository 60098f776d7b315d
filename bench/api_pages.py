"""Dump API list pages to compare two versions of the query layer (same store, same pages?).

    PYTHONPATH=<src of version A> .venv/bin/python bench/api_pages.py STORE A.json
    PYTHONPATH=<src of version B> .venv/bin/python bench/api_pages.py STORE B.json
    cmp A.json B.json

For each filter: the offset pages 0, 25, 50, 1,000 and the last, the page ``after=`` each of
them, and five pages followed by ``next`` from the first; every reply is written whole (rows,
totals, cursors, snippets, facets). A change to how a page is computed must leave this file
byte-identical; the filters are the text searches (alone and with a filter) and plain lists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from presslens.server.app import create_app

LIMIT = 25


def filters(c: TestClient) -> list[dict[str, str]]:
    first = c.get("/api/articles", params={"limit": 1, "facets": "false"}).json()["rows"][0]
    return [
        {"q": "police"}, {"q": "protest rally"}, {"q": "aid workers killed"}, {"q": "b"},
        {"q": "police", "source": first["source"]},
        {"q": "police", "date_from": "2015"}, {"q": "aid", "date_to": "2010-06"},
        {"q": "police", "type": "PROTEST"},
        {}, {"source": first["source"]},
    ]


def pages(c: TestClient, f: dict[str, str]) -> list[dict[str, Any]]:
    out = []

    def get(**extra: Any) -> dict[str, Any]:
        r = c.get("/api/articles", params={**f, "limit": LIMIT, **extra})
        assert r.status_code == 200, (f, extra, r.text[:200])
        body: dict[str, Any] = r.json()
        out.append({"filter": f, "ask": extra, "reply": body})
        return body

    total = get(offset=0)["total"]
    for off in sorted({25, 50, 1000, max(0, total - LIMIT)}):
        nxt = get(offset=off)["next"]
        if nxt:
            get(after=nxt)
    nxt = out[0]["reply"]["next"]
    for _ in range(5):
        if not nxt:
            break
        nxt = get(after=nxt)["next"]
    return out


def main() -> int:
    store, dest = Path(sys.argv[1]), Path(sys.argv[2])
    app = create_app(store, index_in_background=False)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        app.state.db.build_index()
        got = [p for f in filters(c) for p in pages(c, f)]
    dest.write_text(json.dumps(got, indent=1, sort_keys=True, ensure_ascii=False))
    print(f"{len(got)} pages -> {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
