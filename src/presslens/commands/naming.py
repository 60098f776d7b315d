"""`presslens naming ACTOR`: which names each source uses for an actor, with the register of each."""

from typing import Annotated

import typer

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripting.")]


def register(app: typer.Typer) -> None:
    @app.command("naming")
    def naming_cmd(actor_id: str, db: DbOpt = None, as_json: JsonOpt = False) -> None:
        """Per-source naming of one actor: each name a source uses, how often, first and last seen,
        and its register in the registry (self, neutral, hostile, or unlisted)."""
        from rich.table import Table

        from ..across.naming import naming
        from ..cli import EXIT_USAGE, console, error, open_store, print_json
        from ..layers.actors.registry import load_registry

        store = open_store(db)
        try:
            rows = naming(store, actor_id)
            known = bool(rows) or bool(store.rows("SELECT 1 FROM actors WHERE id = ?", [actor_id]))
        finally:
            store.close()
        entry = load_registry().entries.get(actor_id)
        if not known and entry is None:  # an id nobody knows is a usage error, as for `presslens actor`
            error(f"no actor {actor_id!r}")
            raise typer.Exit(EXIT_USAGE)
        if as_json:
            print_json(rows)
            return
        title = f"{entry.actor.name} ({actor_id})" if entry else actor_id
        if not rows:  # a known actor this store does not mention: an answer, not an error
            console.print(f"No mentions of {title} in this store.", markup=False)
            return
        t = Table("source", "name", "register", "used by", "mentions", "articles", "first seen", "last seen",
                  title=f"Names used for {title}")
        for r in rows:
            t.add_row(r["source"], r["name"], r["register"], ", ".join(r["used_by"]), str(r["mentions"]),
                      str(r["articles"]), r["first_seen"] or "", r["last_seen"] or "")
        console.print(t)
