"""`presslens findings`: list cross-checking findings (same quote / different speakers, conflicting numbers, ...)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ..cli import DbOpt, JsonOpt


def register(app: typer.Typer) -> None:
    @app.command("findings")
    def findings_cmd(
        db: DbOpt = None,
        kind: Annotated[str | None, typer.Option("--kind", help="Only this kind of finding.")] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """List findings with the passages they point at."""
        from ..cli import console, open_store, print_json, safe
        from ..store import _plain

        store = open_store(db)
        rows = store.load("findings", "kind = ?" if kind else "", [kind] if kind else [])
        store.close()
        rows.sort(key=lambda f: (f.kind, f.id))
        if as_json:
            print_json([_plain(f) for f in rows])
            return
        if not rows:
            console.print("no findings" + (f" of kind {safe(repr(kind))}" if kind else ""))
            return
        t = Table("kind", "detail", "refs", show_lines=True)
        for f in rows:
            refs = "\n".join(safe(f"{r.article_id} {r.start}-{r.end}: {r.text[:60]}") for r in f.refs)
            kind_s = f.kind + (" (disjoint)" if f.disjoint else "")
            t.add_row(safe(kind_s), safe(f.detail), refs)
        console.print(t)
