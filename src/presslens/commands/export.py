"""`presslens export`: tables as JSONL, CSV or Parquet (events also as PLOVER JSONL / ACLED CSV)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

# The per-table formats and their file extensions; `--out` with one of these extensions names a file.
TABLE_FORMATS = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}
TABLE_FILE_EXTS = {*TABLE_FORMATS.values(), ".json"}


def _one_table_file(fn: Any, store: Any, target: Path, table: str, ext: str) -> dict[str, int]:
    """One table written to the file the user named (the exporter writes a folder; its one file
    is moved into place)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        counts: dict[str, int] = fn(store, Path(tmp), [table])
        os.replace(Path(tmp) / f"{table}{ext}", target)
    return counts


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        format: Annotated[str, typer.Option("--format", "-f", help="jsonl | csv | parquet | plover | acled")] = "jsonl",
        out: Annotated[str, typer.Option("--out", "-o", help="Output folder (a file for plover/acled, "
                                                                 "or for one --table with the format's extension).")] = "export",
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
        if format not in TABLE_FORMATS and table and set(table) != {"events"}:
            # PLOVER and ACLED are event formats: `--table quotes` wrote the events under the name asked for.
            store.close()
            error(f"--format {format} exports events only; --table {', '.join(table)} needs --format jsonl, csv or parquet")
            raise typer.Exit(EXIT_USAGE)
        tables, target = list(table or EXPORT_TABLES), Path(out)
        file_ext = target.suffix.lower() if format in TABLE_FORMATS and not target.is_dir() else ""
        if file_ext in TABLE_FILE_EXTS and (len(tables) != 1 or file_ext != TABLE_FORMATS[format]):
            # A folder named "events.csv" holding parquet files, or every table in one file name:
            # neither is what the user asked for.
            store.close()
            error(f"--out {out} names a {file_ext} file, but --format {format} writes one "
                  f"{TABLE_FORMATS[format]} file per table into a folder: give a folder, or one --table "
                  f"with a {TABLE_FORMATS[format]} file name")
            raise typer.Exit(EXIT_USAGE)
        try:
            if file_ext:
                counts = _one_table_file(fn, store, target, tables[0], file_ext)
            else:
                counts = fn(store, target, tables)
        except KeyError as exc:
            error(exc.args[0])
            raise typer.Exit(EXIT_USAGE) from None
        finally:
            store.close()
        console.print(f"exported to {safe(out)}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
