"""The `presslens` command: a thin layer over library functions.

Feature commands live in ``presslens.commands.<feature>`` modules, each exposing
``register(app)``; this file only wires the core ones and loads the rest.

Errors are one line on stderr (``error: ...``), never wrapped and never a traceback, with text
from input neutralised; the exit status says which kind (docs/ingest.md "Exit codes").
"""

from __future__ import annotations

import errno
import importlib
import json
import os
import pkgutil
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import commands as commands_pkg
from .commands.ingest_progress import ingest_progress, single_page_files
from .commands.listing import (
    AfterOpt,
    AllOpt,
    Col,
    LimitOpt,
    OffsetOpt,
    effective_limit,
    keyset,
    note_json_limit,
    note_next,
    out_console,
    print_rows,
)
from .settings import Settings, load_settings
from .store import Store, StoreBusy, StoreError
from .text.safe import one_line, printable

# Exit statuses (docs/ingest.md). 2 is also what click uses for a usage error.
EXIT_OK = 0
EXIT_BAD_INPUT = 1  # ingest finished, but some inputs could not be read (each named on stderr)
EXIT_USAGE = 2  # bad option or argument, missing store or item
EXIT_BUSY = 3  # another process is writing the store
EXIT_STORE = 4  # the store is unusable: corrupt, another schema, or a write failed (disk full)
EXIT_SERVE = 5  # the server cannot listen (port in use, no permission)
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="presslens",
    help="Who said what about whom, with provenance, from contested political pages.",
    no_args_is_help=True,
    add_completion=False,
)


class SafeConsole(Console):
    """A rich console that escapes control characters in every string it prints: titles, names
    and quotes come from hostile pages and must not move the cursor or retitle the terminal."""

    def render_str(self, text: str, *args: Any, **kwargs: Any) -> Any:
        return super().render_str(printable(text), *args, **kwargs)


console = SafeConsole()
err_console = SafeConsole(stderr=True)


def error(message: object, *, prefix: str = "error") -> None:
    """One error line on stderr: neutralised, never wrapped (rich wraps at 80 columns when stderr
    is not a terminal), coloured only on a terminal."""
    stream = sys.stderr
    head = f"\x1b[31m{prefix}:\x1b[0m" if stream.isatty() and not os.environ.get("NO_COLOR") else f"{prefix}:"
    stream.write(f"{head} {one_line(message)}\n")
    stream.flush()


def safe(text: object) -> str:
    """Text from input, ready for a rich markup string: one line, markup brackets escaped."""
    return escape(one_line("" if text is None else text))

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripting.")]
ConfigOpt = Annotated[str | None, typer.Option("--config", help="TOML file overriding settings.")]


def get_settings(config: str | None = None) -> Settings:
    """Settings, with ``--config`` over them; a missing or broken file is one line and exit 2."""
    try:
        return load_settings(config)
    except (OSError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        error(f"--config {config}: {exc.strerror if isinstance(exc, OSError) and exc.strerror else exc}")
        raise typer.Exit(EXIT_USAGE) from None



def db_path(db: str | None, settings: Settings | None = None) -> str:
    return db or (settings or load_settings())["store"]["path"]


def open_store(db: str | None, *, read_only: bool = True) -> Store:
    """The store, or one error line and the exit status for why it cannot be opened."""
    try:
        settings = load_settings()
        return Store(db_path(db, settings), read_only=read_only, busy_timeout=float(settings["store"]["busy_timeout"]))
    except FileNotFoundError as exc:
        error(exc)
        raise typer.Exit(EXIT_USAGE) from None
    except StoreError as exc:
        error(exc)
        raise typer.Exit(EXIT_BUSY if isinstance(exc, StoreBusy) else EXIT_STORE) from None


def load_or_exit(db: str | None, loader: Callable[[Store, str], Any], item_id: str, what: str) -> Any:
    """Run ``loader(store, item_id)`` on a read-only store; a missing item is a clear exit 2."""
    store = open_store(db)
    try:
        rec = loader(store, item_id)
    except KeyError:
        rec = None
    finally:
        store.close()
    if rec is None:
        error(f"no {what} {item_id!r}")
        raise typer.Exit(EXIT_USAGE)
    return rec


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2, default=str) + "\n")


def sample_dir() -> Path:
    return Path(str(resources.files("presslens") / "examples"))


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders (recursive).")] = None,
    db: DbOpt = None,
    sample: Annotated[bool, typer.Option("--sample", help="Ingest the bundled sample corpus.")] = False,
    actors: Annotated[
        list[str] | None, typer.Option("--actors", help="Extra actor registry file(s), merged over the default.")
    ] = None,
    no_nlp: Annotated[bool, typer.Option("--no-nlp", help="Segment and store only (no NLP layers).")] = False,
    workers: Annotated[str | None, typer.Option(
        "--workers", "-j", help="Worker processes for analysis: auto (one per core, the default: "
        "settings ingest.workers) or a number.")] = None,
    engine: Annotated[str, typer.Option("--engine", help="local (this machine's processes) or ray "
                                        "(Ray actors: one per node locally, forking workers; pip install 'presslens\\[ray]').")] = "local",
    address: Annotated[str | None, typer.Option("--address", help="Ray cluster to join (with --engine "
                                                 "ray; default: a local Ray on this machine).")] = None,
    parquet_dir: Annotated[str | None, typer.Option(
        "--parquet-dir", help="With --engine ray: the actors also write what they analyse as Parquet "
        "shards in this folder (one file per table per batch).")] = None,
    shards_dir: Annotated[str | None, typer.Option(
        "--shards-dir", help="Store-less run: the workers write what they analyse as Parquet shards "
        "here and no store is opened; merge later with `presslens store import-shards DIR`.")] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Source (site) name for pages that do not name one.")
    ] = None,
    config: ConfigOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest pages (text dumps, HTML, WARC, JSONL) into the store."""
    from .pipeline import ingest as run_ingest

    settings = get_settings(config)
    if actors:
        settings["actors"]["extra"] = list(settings["actors"]["extra"]) + list(actors)
    targets = list(paths or [])
    if sample:
        targets.append(str(sample_dir()))
    if not targets:
        error("give PATHS or --sample")
        raise typer.Exit(EXIT_USAGE)
    if engine not in ("local", "ray"):
        error(f"--engine must be local or ray, not {engine!r}")
        raise typer.Exit(EXIT_USAGE)
    if parquet_dir and engine != "ray":
        error("--parquet-dir needs --engine ray (a local run's store exports Parquet: presslens export)")
        raise typer.Exit(EXIT_USAGE)
    try:
        from .pipeline import resolve_workers

        n_workers = resolve_workers(workers, settings)
    except ValueError as exc:
        error(f"--workers: {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    if shards_dir:
        if parquet_dir or db:
            error("--shards-dir writes no store: it takes neither --db nor --parquet-dir")
            raise typer.Exit(EXIT_USAGE)
        from .commands.shards import ingest_to_shards

        ingest_to_shards(targets, shards_dir, settings=settings, no_nlp=no_nlp, workers=n_workers, engine=engine,
                         address=address, source=source, as_json=as_json)
        return
    from .commands.ingest_checks import check_inputs

    check_inputs(db_path(db, settings), actors)
    store = Store(db_path(db, settings), busy_timeout=float(settings["store"]["busy_timeout"]))
    with ingest_progress(err_console, disable=as_json or not err_console.is_terminal,
                         total=lambda: single_page_files(targets, settings)) as show:
        try:
            nlp_stages: list[str] | None = [] if no_nlp else None
            if engine == "ray":
                from .scale import ray_ingest

                report = ray_ingest(targets, store, settings=settings, stages=nlp_stages, concurrency=n_workers,
                                    address=address, source=source, on_report=show, parquet_dir=parquet_dir)
            else:
                report = run_ingest(targets, store, settings=settings, stages=nlp_stages, workers=n_workers,
                                    source=source, on_report=show)
            counts = store.counts()
        finally:
            store.close()
    for err in report.errors:
        error(err.message)  # the message names the file
    summary = {
        "db": db_path(db, settings),
        "pages_seen": report.pages_seen,
        "pages_stored": report.pages_stored,
        "pages_unchanged": report.pages_unchanged,
        "pages_reverted": report.pages_reverted,
        "articles": report.articles,
        "same_text": [{"key": t.key, "source": t.source, "as_key": t.as_key, "as_source": t.as_source}
                      for t in report.same_text],
        "errors": len(report.errors),
        "store": counts,
    }
    if as_json:
        print_json(summary)
    else:
        for same in report.same_text:  # one line per page stored over another page's text
            console.print(safe(same.line()), soft_wrap=True)
        console.print(
            f"{report.pages_stored} page(s) stored, {report.pages_unchanged} unchanged, "
            + (f"{report.pages_reverted} reverted to an earlier version, " if report.pages_reverted else "")
            + f"{report.articles} article(s), {len(report.errors)} error(s) -> {safe(summary['db'])}",
            soft_wrap=True,
        )
    if report.errors:
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command()
def summary(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """A short summary of what the store holds."""
    store = open_store(db)
    counts = store.counts()
    sources = store.rows(
        "SELECT coalesce(source, '?') AS source, count(*) AS articles FROM articles GROUP BY 1 ORDER BY 2 DESC"
    )
    top_actors = store.rows(
        "SELECT m.actor_id, coalesce(any_value(a.name), m.actor_id) AS name, count(*) AS mentions "
        "FROM mentions m LEFT JOIN actors a ON a.id = m.actor_id WHERE m.actor_id IS NOT NULL "
        "GROUP BY 1 ORDER BY 3 DESC LIMIT 8"
    )
    events = store.rows("SELECT type, count(*) AS n FROM events GROUP BY 1 ORDER BY 2 DESC")
    findings = store.rows("SELECT kind, count(*) AS n FROM findings GROUP BY 1 ORDER BY 2 DESC")
    languages = store.rows(
        "SELECT coalesce(language, '?') AS language, count(*) AS articles, "
        "count(*) FILTER (WHERE json_array_length(skipped) > 0) AS skipped "
        "FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
    )
    errors = store.rows("SELECT count(*) AS n, count(DISTINCT path) AS files, count(DISTINCT message) AS distinct "
                        "FROM ingest_errors")[0]  # a log: a batch run again records its bad files again
    store.close()
    data = {"counts": counts, "sources": sources, "top_actors": top_actors, "events": events, "findings": findings,
            "languages": languages, "ingest_errors": errors}
    if as_json:
        print_json(data)
        return
    t = Table(title="presslens store", show_header=False)
    for k in ("pages", "articles", "mentions", "places", "dates", "quotes", "numbers", "events", "findings"):
        t.add_row(k, str(counts.get(k, 0)))
    console.print(t)
    if sources:
        shown = ", ".join(f"{safe(r['source']) if r['source'] != '?' else '(unknown)'} {r['articles']}"
                          for r in sources[:12])
        console.print(f"Sources ({len(sources)}, articles each): {shown}"
                      + (f", and {len(sources) - 12} more (`presslens articles --source NAME`)" if len(sources) > 12 else ""))
    if top_actors:
        console.print("Most mentioned: " + ", ".join(f"{safe(r['name'])} ({r['mentions']})" for r in top_actors))
    if events:
        console.print("Events: " + ", ".join(f"{safe(r['type'])} {r['n']}" for r in events))
    if findings:
        console.print("Findings: " + ", ".join(f"{safe(r['kind'])} {r['n']}" for r in findings))
    if languages:
        console.print("Languages: " + ", ".join(f"{safe(r['language'])} {r['articles']}" for r in languages))
        skipped = sum(int(r["skipped"]) for r in languages)
        if skipped:
            console.print(f"{skipped} article(s) in a language the NLP layers do not analyse: stored with their "
                          "language, layers skipped (see `articles.skipped`).")
    if errors["n"]:
        # Bad files are reported once, at ingest; the store keeps them, and so should the summary.
        again = f", recorded {errors['n']} times over repeated runs" if errors["distinct"] < errors["n"] else ""
        console.print(f"Ingest errors: {errors['distinct']} {'' if again else 'recorded '}for {errors['files']} file(s) "
                      f"that could not be read{again} (`presslens export --table ingest_errors --out DIR` lists them; "
                      "the UI's overview too).")


@app.command()
def articles(
    db: DbOpt = None,
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    limit: LimitOpt = None,
    offset: OffsetOpt = 0,
    after: AfterOpt = None,
    all_rows: AllOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List stored articles (full ids, for `presslens show ID`)."""
    key = (("page_id", "ASC"), ("seq", "ASC"), ("id", "ASC"))
    cond, cparams = keyset(key, after)
    store = open_store(db)
    where, params = f"WHERE {cond}", [*cparams]
    if source:
        where, params = f"WHERE source = ? AND {cond}", [source, *cparams]
    n = effective_limit(limit, all_rows, as_json)
    total = store.rows(f"SELECT count(*) AS n FROM articles {where}", params)[0]["n"]
    rows = store.rows(
        f"SELECT id, seq, title, byline, published, source, body_end - body_start AS body_chars, page_id "
        f"FROM articles {where} ORDER BY page_id, seq, id" + ("" if n is None else " LIMIT ?") + " OFFSET ?",
        [*params] + ([] if n is None else [n + 1]) + [offset],
    )
    more = n is not None and len(rows) > n
    rows = rows[:n] if n is not None else rows
    note_next([rows[-1]["page_id"], rows[-1]["seq"], rows[-1]["id"]] if more and rows else None)
    for r in rows:
        r.pop("page_id")
    total = max(total - offset, 0)
    store.close()
    if as_json:
        print_json(rows)
        note_json_limit(len(rows), total, "articles")
        return
    print_rows(
        [Col("id", lambda r: r["id"], "id"), Col("published", lambda r: r["published"], max_width=10),
         Col("source", lambda r: r["source"], max_width=24), Col("title", lambda r: r["title"] or "(untitled)"),
         Col("byline", lambda r: r["byline"], max_width=24), Col("chars", lambda r: r["body_chars"], "num")],
        rows, total=total, limit=n, what="articles")


@app.command()
def show(article_id: str, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """One article, readable: its fields, body text, then each layer's items (--json: the raw record)."""
    from .commands.show import print_article
    from .export import article_record

    rec = load_or_exit(db, article_record, article_id, "article")
    if as_json:
        print_json(rec)
        return
    ids = {m["actor_id"] for m in rec.get("mentions") or [] if m.get("actor_id")}
    ids |= {q["speaker_id"] for q in rec.get("quotes") or [] if q.get("speaker_id")}
    ids |= {a for e in rec.get("events") or [] for a in (e.get("actors") or []) + (e.get("recipients") or [])}
    store = open_store(db)
    try:
        names = {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM actors")} if ids else {}
    finally:
        store.close()
    print_article(rec, out_console(), {k: v for k, v in names.items() if k in ids})


@app.command("eval")
def eval_cmd(
    suite: Annotated[list[str] | None, typer.Option("--suite", help="Only these suites (default: all; "
                                                     "see --list).")] = None,
    gold: Annotated[str | None, typer.Option("--gold", help="Score an existing store (--db) against this "
                                              "folder of SCHEMA.md gold files instead of running suites.")] = None,
    db: DbOpt = None,
    layer: Annotated[list[str] | None, typer.Option("--layer", help="Only these layers (with --gold).")] = None,
    list_suites: Annotated[bool, typer.Option("--list", help="List the suites and exit.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Score every layer against every gold set, with a trivial baseline beside each figure."""
    from . import registry
    from .eval import headline, run_suites

    if list_suites:
        for name in registry.suites.names():
            console.print(name)
        return
    if gold is not None:
        from .evaluate import evaluate

        if not Path(gold).is_dir() or not any(Path(gold).glob("*.json")):
            err_console.print(f"error: no gold files in {gold!r} (the bundled seed gold is eval/gold; "
                              "its format is eval/gold/SCHEMA.md)", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2)
        store = open_store(db)
        try:
            scores = evaluate(store, gold, layer, with_baselines=True)
        finally:
            store.close()
        results: dict[str, Any] = {"store": {k: v for k, v in scores.items() if not k.startswith("_")}}
        if "_missing_documents" in scores:
            error(", ".join(scores["_missing_documents"]), prefix="not in store")
    else:
        results = run_suites(suite or None, progress=lambda n: err_console.print(f"[dim]suite {n} ...[/dim]"))
    if as_json:
        print_json(results)
        return
    t = Table("set", "layer", "metric", "presslens", "baseline")
    for name, rows in results.items():
        if isinstance(rows, str):
            t.add_row(name, "-", "-", rows, "")
            continue
        for row, metrics in rows.items():
            for metric, value, base in headline(metrics):
                t.add_row(name, row, metric, str(value), "" if base is None else str(base))
    console.print(t)


@app.command("eval-gate")
def eval_gate(
    baseline: Annotated[str, typer.Option(help="Pinned floors: {suite: {row: {metric: floor}}}.")]
    = "eval/baseline.json",
    suite: Annotated[list[str] | None, typer.Option("--suite", help="Only these suites.")] = None,
) -> None:
    """Run the eval suites; fail (exit 1) if any metric drops below its pinned floor."""
    from .eval import check_floors, run_suites

    floors = json.loads(Path(baseline).read_text(encoding="utf-8"))
    names = suite or [k for k in floors if not k.startswith("_")]
    results = run_suites(names)
    for name, rows in results.items():
        if isinstance(rows, str):
            console.print(f"{name}: {rows}")
            continue
        for row, metrics in rows.items():
            pinned = floors.get(name, {}).get(row, {})
            if pinned:
                console.print(f"{name} {row}: " + ", ".join(f"{k}={metrics.get(k)}" for k in pinned))
    problems = check_floors(results, floors)
    if problems:
        for p in problems:
            error(p, prefix="eval regression")
        raise typer.Exit(1)
    console.print("eval gate: all layers at or above their pinned floors")


def _load_command_modules() -> None:
    for mod in pkgutil.iter_modules(commands_pkg.__path__):
        module = importlib.import_module(f"{commands_pkg.__name__}.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_load_command_modules()


def run(argv: list[str] | None = None) -> int:
    """Run the command line; every failure is one line on stderr and an exit status, never a traceback."""
    try:
        result = app(args=argv, standalone_mode=False, prog_name="presslens")
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.TyperException as exc:  # usage errors: click's own message (usage line + error)
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            error(exc)
        return int(getattr(exc, "exit_code", EXIT_USAGE))
    except (typer.Abort, KeyboardInterrupt):
        error("interrupted")
        return EXIT_INTERRUPTED
    except StoreBusy as exc:
        error(exc)
        return EXIT_BUSY
    except StoreError as exc:
        error(exc)
        return EXIT_STORE
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS):
            error(f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}")
            return EXIT_STORE
        if exc.filename is not None and exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EACCES,
                                                      errno.EEXIST):
            # A path the user gave cannot be used (export --out into /proc, or a file where a
            # folder must be made): one line, not a traceback.
            why = "a file is in the way of a folder" if exc.errno == errno.EEXIST else exc.strerror or exc
            error(f"{exc.filename}: {why}")
            return EXIT_USAGE
        raise
    return int(result) if isinstance(result, int) else EXIT_OK


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
