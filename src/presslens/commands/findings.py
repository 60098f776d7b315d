"""`presslens findings`: list cross-checking findings (same quote / different speakers, conflicting numbers, ...)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from ..cli import DbOpt, JsonOpt
from .listing import (
    AfterOpt,
    AllOpt,
    LimitOpt,
    OffsetOpt,
    effective_limit,
    fit,
    footer,
    keyset,
    neutral,
    note_json_limit,
    note_next,
    note_unknown_value,
    out_console,
)


def register(app: typer.Typer) -> None:
    @app.command("findings")
    def findings_cmd(
        db: DbOpt = None,
        kind: Annotated[str | None, typer.Option("--kind", help="Only this kind of finding.")] = None,
        limit: LimitOpt = None,
        offset: OffsetOpt = 0,
        after: AfterOpt = None,
        all_rows: AllOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """List findings with the passages they point at (article id and page offsets)."""
        from ..cli import open_store, print_json
        from ..store import _plain

        n = effective_limit(limit, all_rows, as_json)
        cond, cparams = keyset((("kind", "ASC"), ("id", "ASC")), after)
        store = open_store(db)
        where, params = (f"kind = ? AND {cond}", [kind, *cparams]) if kind else (cond, cparams)
        total = int(store.rows(f"SELECT count(*) AS n FROM findings WHERE {where}", params)[0]["n"])
        # One page from the store (ordered by kind and id), never every finding in memory.
        rows = store.load("findings", where + " ORDER BY kind, id"
                          + ("" if n is None else " LIMIT ?") + " OFFSET ?",
                          [*params, *([] if n is None else [n + 1]), offset])
        if not total:
            note_unknown_value(store, "--kind", kind, "SELECT DISTINCT kind AS v FROM findings ORDER BY 1")
        store.close()
        more = n is not None and len(rows) > n
        rows = rows[:n] if n is not None else rows
        note_next([rows[-1].kind, rows[-1].id] if more and rows else None)
        if as_json:
            print_json([_plain(f) for f in rows])
            note_json_limit(len(rows), total - offset, "findings")
            return
        console = out_console()
        what = "findings" + (f" of kind {kind!r}" if kind else "")
        for f in (neutral(_plain(x)) for x in rows):
            console.print(Text.assemble((f["kind"] + (" (disjoint)" if f["disjoint"] else ""), "bold"), "  ", (f["id"], "dim")),
                          highlight=False)
            console.print(Text("  " + " ".join(f["detail"].split())), highlight=False)
            for r in f["refs"]:
                where = f"{r['article_id']} {r['start']}-{r['end']}"
                console.print(Text.assemble("    ", (where, "dim"), "  ",
                                            fit(" ".join(r["text"].split()), max(console.width - len(where) - 6, 20))),
                              highlight=False)
        console.print(footer(len(rows), max(total - offset, 0), what, n) + (f" (from row {offset + 1})" if offset else ""),
                      markup=False, highlight=False)
