"""Store-less runs from the command line: ``presslens ingest PATHS --shards-dir DIR`` (called by
``ingest``) and ``presslens store import-shards DIR`` (docs/scaling.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ..settings import Settings


def ingest_to_shards(targets: list[str], folder: str, *, settings: Settings, no_nlp: bool, workers: int,
                     engine: str, address: str | None, source: str | None, as_json: bool) -> None:
    from ..cli import EXIT_BAD_INPUT, console, err_console, error, print_json, safe
    from ..sharded import shard_ingest
    from .ingest_progress import ingest_progress, single_page_files

    mapper_for = None
    if engine == "ray":
        from ..scale import ray_shard_mapper

        mapper_for = ray_shard_mapper(concurrency=workers, address=address)
    with ingest_progress(err_console, disable=as_json or not err_console.is_terminal,
                         total=lambda: single_page_files(targets, settings)) as show:
        report = shard_ingest(targets, folder, settings=settings, stages=[] if no_nlp else None, workers=workers,
                              source=source, on_report=show, mapper_for=mapper_for)
    for err in report.errors:
        error(err.message)
    summary = {"shards_dir": folder, "pages_seen": report.pages_seen, "pages_analysed": report.pages_stored,
               "pages_repeated": report.pages_unchanged, "articles": report.articles,
               "errors": len(report.errors)}
    if as_json:
        print_json(summary)
    else:
        console.print(f"{report.pages_stored} page(s) analysed into shards, {report.pages_unchanged} repeated, "
                      f"{report.articles} article(s), {len(report.errors)} error(s) -> {safe(folder)} "
                      "(merge: presslens store import-shards)", soft_wrap=True)
    if report.errors:
        raise typer.Exit(EXIT_BAD_INPUT)


def register(app: typer.Typer) -> None:
    store_app = typer.Typer(help="Store maintenance: merge the shards of store-less runs.", no_args_is_help=True)
    app.add_typer(store_app, name="store")

    @store_app.command("import-shards")
    def import_shards_cmd(
        folder: Annotated[str, typer.Argument(help="The --shards-dir of one or more store-less runs.")],
        db: Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripting.")] = False,
    ) -> None:
        """Merge the Parquet shards of store-less runs into the store, then run the store-wide
        stages once. Importing the same shards again adds nothing."""
        from ..cli import EXIT_BAD_INPUT, EXIT_STORE, EXIT_USAGE, console, db_path, error, print_json, safe
        from ..settings import load_settings
        from ..shard_import import import_shards
        from ..store import Store, StoreError

        settings = load_settings()
        if not (Path(folder) / "manifest").is_dir():
            error(f"no shards in {folder} (no manifest folder: run `presslens ingest --shards-dir`)")
            raise typer.Exit(EXIT_USAGE)
        try:
            with Store(db_path(db, settings), busy_timeout=float(settings["store"]["busy_timeout"])) as store:
                report = import_shards(store, folder, settings=settings)
                counts = store.counts()
        except StoreError as exc:
            error(exc)
            raise typer.Exit(EXIT_STORE) from None
        for problem in report.problems:
            error(problem)
        for run in report.unfinished_runs:
            error(f"run {run} has no end record (stopped early?): its finished shards were imported",
                  prefix="warning")
        data: dict[str, Any] = {"db": db_path(db, settings), "shards": report.shards,
                                "pages_stored": report.pages_stored, "pages_unchanged": report.pages_unchanged,
                                "pages_reverted": report.pages_reverted, "pages_reanalysed": report.pages_reanalysed,
                                "articles": report.articles, "errors": report.errors, "store": counts}
        if as_json:
            print_json(data)
        else:
            console.print(f"{report.shards} shard(s): {report.pages_stored} page(s) stored, "
                          f"{report.pages_unchanged} unchanged, {report.articles} article(s) -> "
                          f"{safe(data['db'])}", soft_wrap=True)
        if report.problems:
            raise typer.Exit(EXIT_BAD_INPUT)
