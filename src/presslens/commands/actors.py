"""`presslens actors` (who is named, how often) and `presslens actor ID` (aliases, per-source naming)."""

from typing import Annotated

import typer

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripting.")]


def register(app: typer.Typer) -> None:
    @app.command("actors")
    def actors_cmd(
        db: DbOpt = None,
        unregistered: Annotated[bool, typer.Option("--unregistered", help="Only provisional actors.")] = False,
        limit: Annotated[int, typer.Option(help="Rows to show.")] = 100,
        as_json: JsonOpt = False,
    ) -> None:
        """Actors mentioned in the store, most mentioned first."""
        from rich.table import Table

        from ..actors import list_actors
        from ..cli import console, open_store, print_json, safe

        store = open_store(db)
        try:
            rows = list_actors(store, unregistered=unregistered)[:limit]
        finally:
            store.close()
        if as_json:
            print_json(rows)
            return
        t = Table("id", "name", "type", "registered", "mentions", "articles")
        for r in rows:
            t.add_row(safe(r["id"]), safe(r["name"]), safe(r["type"] or ""), "yes" if r["registered"] else "no",
                      str(r["mentions"]), str(r["articles"]))
        console.print(t)

    @app.command("actor")
    def actor_cmd(actor_id: str, db: DbOpt = None, as_json: JsonOpt = False) -> None:
        """One actor: registry record, aliases, mention count and the names each source uses."""
        from ..actors import actor_summary
        from ..cli import console, load_or_exit, print_json, safe

        rec = load_or_exit(db, actor_summary, actor_id, "actor")
        if as_json:
            print_json(rec)
            return
        console.print(f"[bold]{safe(rec['name'])}[/bold]  [dim]{safe(rec['id'])}[/dim]  {safe(rec['type'] or '')}"
                      + ("  (provisional)" if rec["provisional"] else ""))
        for k in ("country", "affiliation", "wikidata"):
            if rec.get(k):
                console.print(f"{k}: {safe(rec[k])}")
        if rec["aliases"]:
            console.print("aliases: " + ", ".join(rec["aliases"]), markup=False)
        console.print(f"mentions: {rec['mentions']}")
        for source, forms in rec["by_source"].items():
            console.print(f"  {source}: " + ", ".join(f"{f} ({n})" for f, n in forms.items()), markup=False)
