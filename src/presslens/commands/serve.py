"""`presslens serve`: the local web UI and JSON API over a store (read-only, loopback by default)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")]
        = None,
        host: Annotated[str | None, typer.Option(
            "--host", help="Interface to bind (default 127.0.0.1; anything else exposes the store).")] = None,
        port: Annotated[int | None, typer.Option("--port", help="Port (default 8765).")] = None,
    ) -> None:
        """Serve the web UI (/) and JSON API (/api, docs at /docs) over a store, read-only."""
        import uvicorn

        from ..cli import db_path, err_console, get_settings
        from ..server.app import create_app

        settings = get_settings()
        bind = host or settings["server"]["host"]
        port_ = port or int(settings["server"]["port"])
        try:
            # Host-header allow-list (anti DNS rebinding): loopback, plus the bound name; a wildcard bind
            # cannot know the names clients will use, so it accepts any.
            wildcard = bind in ("0.0.0.0", "::")
            allowed = ["*"] if wildcard else ([bind] if host else None)
            application = create_app(db_path(db, settings), allowed_hosts=allowed)
        except Exception as exc:
            err_console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
        if bind not in ("127.0.0.1", "localhost", "::1"):
            err_console.print(f"[yellow]warning:[/yellow] serving on {bind}: other machines can read this store")
        err_console.print(f"presslens UI on http://{'[' + bind + ']' if ':' in bind else bind}:{port_}/ "
                          "(API docs at /docs; Ctrl-C to stop)")
        uvicorn.run(application, host=bind, port=port_, log_level="warning")
