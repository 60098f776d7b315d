"""`presslens actors` (who is named, how often) and `presslens actor ID` (aliases, per-source naming)."""

from typing import Annotated

import typer

from .listing import AllOpt, Col, LimitOpt, OffsetOpt, effective_limit, note_json_limit, print_rows

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripting.")]


def register(app: typer.Typer) -> None:
    @app.command("actors")
    def actors_cmd(
        db: DbOpt = None,
        unregistered: Annotated[bool, typer.Option("--unregistered", help="Only provisional actors.")] = False,
        limit: LimitOpt = None,
        offset: OffsetOpt = 0,
        all_rows: AllOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """Actors mentioned in the store, most mentioned first (full ids, for `presslens actor ID`)."""
        from ..actors import list_actors
        from ..cli import open_store, print_json

        store = open_store(db)
        try:
            every = list_actors(store, unregistered=unregistered)
        finally:
            store.close()
        n = effective_limit(limit, all_rows, as_json)
        every = every[offset:]
        rows = every if n is None else every[:n]
        if as_json:
            print_json(rows)
            note_json_limit(len(rows), len(every), "actors")
            return
        print_rows(
            [Col("id", lambda r: r["id"], "id"), Col("name", lambda r: r["name"]),
             Col("type", lambda r: r["type"], max_width=6),
             Col("registered", lambda r: "yes" if r["registered"] else "no", max_width=10),
             Col("mentions", lambda r: r["mentions"], "num"), Col("articles", lambda r: r["articles"], "num")],
            rows, total=len(every), limit=n, what="actors" + (" (provisional)" if unregistered else ""))

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
