"""`presslens export`: tables as JSONL, CSV or Parquet (events also as PLOVER JSONL / ACLED CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        format: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | parquet | plover | acled")] = "jsonl",
        out: Annotated[str, typer.Option("--out", "-o", help="Output folder (or file for plover/acled).")] = "export",
        table: Annotated[list[str] | None, typer.Option("--table", help="Tables to export (default: all).")] = None,
        db: Annotated[str | None, typer.Option("--db", help="DuckDB store file.")] = None,
    ) -> None:
        """Export the store. Every row carries its article id and page character offsets."""
        from ..cli import EXIT_USAGE, console, error, open_store, safe
        from ..export import EXPORT_TABLES
        from ..registry import exporters

        store = open_store(db)
        try:
            fn = exporters.get(format)
        except KeyError as exc:
            store.close()
            error(exc.args[0])
            raise typer.Exit(EXIT_USAGE) from None
        try:
            counts = fn(store, Path(out), list(table or EXPORT_TABLES))
        except KeyError as exc:
            error(exc.args[0])
            raise typer.Exit(EXIT_USAGE) from None
        finally:
            store.close()
        console.print(f"exported to {safe(out)}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
