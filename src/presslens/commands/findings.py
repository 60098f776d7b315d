"""`presslens findings`: list cross-checking findings (same quote / different speakers, conflicting numbers, ...)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from ..cli import DbOpt, JsonOpt
from .listing import AllOpt, LimitOpt, effective_limit, fit, footer, neutral, note_json_limit, out_console


def register(app: typer.Typer) -> None:
    @app.command("findings")
    def findings_cmd(
        db: DbOpt = None,
        kind: Annotated[str | None, typer.Option("--kind", help="Only this kind of finding.")] = None,
        limit: LimitOpt = None,
        all_rows: AllOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """List findings with the passages they point at (article id and page offsets)."""
        from ..cli import open_store, print_json
        from ..store import _plain

        store = open_store(db)
        every = store.load("findings", "kind = ?" if kind else "", [kind] if kind else [])
        store.close()
        every.sort(key=lambda f: (f.kind, f.id))
        n = effective_limit(limit, all_rows, as_json)
        rows = every if n is None else every[:n]
        if as_json:
            print_json([_plain(f) for f in rows])
            note_json_limit(len(rows), len(every), "findings")
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
        console.print(footer(len(rows), len(every), what, n), markup=False, highlight=False)
