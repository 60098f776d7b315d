"""The `presslens` command: a thin layer over library functions.

Feature commands live in ``presslens.commands.<feature>`` modules, each exposing
``register(app)``; this file only wires the core ones and loads the rest.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import commands as commands_pkg
from .settings import Settings, load_settings
from .store import Store

app = typer.Typer(
    name="presslens",
    help="Who said what about whom, with provenance, from contested political pages.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console()
err_console = Console(stderr=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripting.")]
ConfigOpt = Annotated[str | None, typer.Option("--config", help="TOML file overriding settings.")]


def get_settings(config: str | None = None) -> Settings:
    return load_settings(config)


def db_path(db: str | None, settings: Settings | None = None) -> str:
    return db or (settings or load_settings())["store"]["path"]


def open_store(db: str | None, *, read_only: bool = True) -> Store:
    try:
        return Store(db_path(db), read_only=read_only)
    except Exception as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


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
        err_console.print(f"[red]error:[/red] no {what} {item_id!r}")
        raise typer.Exit(2)
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
    workers: Annotated[int, typer.Option("--workers", "-j", help="Worker processes for analysis.")] = 1,
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
        err_console.print("[red]error:[/red] give PATHS or --sample")
        raise typer.Exit(2)
    store = Store(db_path(db, settings))
    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=as_json or not err_console.is_terminal,
    ) as bar:
        task = bar.add_task("", total=None)

        def tick(path: str) -> None:
            bar.update(task, advance=1, description=Path(path).name[:40])

        report = run_ingest(targets, store, settings=settings, stages=[] if no_nlp else None, progress=tick,
                            workers=workers, source=source)
    counts = store.counts()
    store.close()
    for err in report.errors:
        err_console.print(Text.assemble(("error: ", "red"), err.message))  # message names the file
    summary = {
        "db": db_path(db, settings),
        "pages_seen": report.pages_seen,
        "pages_stored": report.pages_stored,
        "pages_unchanged": report.pages_unchanged,
        "articles": report.articles,
        "errors": len(report.errors),
        "store": counts,
    }
    if as_json:
        print_json(summary)
    else:
        console.print(
            f"{report.pages_stored} page(s) stored, {report.pages_unchanged} unchanged, "
            f"{report.articles} article(s), {len(report.errors)} error(s) -> {summary['db']}"
        )
    if report.errors:
        raise typer.Exit(1)


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
    store.close()
    data = {"counts": counts, "sources": sources, "top_actors": top_actors, "events": events, "findings": findings}
    if as_json:
        print_json(data)
        return
    t = Table(title="presslens store", show_header=False)
    for k in ("pages", "articles", "mentions", "places", "dates", "quotes", "numbers", "events", "findings"):
        t.add_row(k, str(counts.get(k, 0)))
    console.print(t)
    if top_actors:
        console.print("Most mentioned: " + ", ".join(f"{r['name']} ({r['mentions']})" for r in top_actors))
    if events:
        console.print("Events: " + ", ".join(f"{r['type']} {r['n']}" for r in events))
    if findings:
        console.print("Findings: " + ", ".join(f"{r['kind']} {r['n']}" for r in findings))


@app.command()
def articles(
    db: DbOpt = None,
    source: Annotated[str | None, typer.Option(help="Only this source.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 100,
    as_json: JsonOpt = False,
) -> None:
    """List stored articles."""
    store = open_store(db)
    where, params = "", []
    if source:
        where, params = "WHERE source = ?", [source]
    rows = store.rows(
        f"SELECT id, seq, title, byline, published, source, body_end - body_start AS body_chars "
        f"FROM articles {where} ORDER BY page_id, seq LIMIT ?",
        [*params, limit],
    )
    store.close()
    if as_json:
        print_json(rows)
        return
    t = Table("id", "title", "byline", "published", "source", "chars")
    for r in rows:
        t.add_row(r["id"], (r["title"] or "")[:70], r["byline"] or "", r["published"] or "", r["source"] or "",
                  str(r["body_chars"]))
    console.print(t)


@app.command()
def show(article_id: str, db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """One article with its parts and extracted items."""
    from .export import article_record

    rec = load_or_exit(db, article_record, article_id, "article")
    if as_json:
        print_json(rec)
        return
    console.print(f"[bold]{rec['title'] or '(untitled)'}[/bold]  [dim]{rec['id']}[/dim]")
    meta = [f"{k}: {rec[k]}" for k in ("byline", "dateline", "published", "source") if rec.get(k)]
    if meta:
        console.print("  ".join(meta))
    if rec["tags"]:
        console.print("[dim]tags:[/dim] " + ", ".join(rec["tags"]))
    for c in rec["captions"]:
        console.print(f"[dim]caption:[/dim] {c}")
    console.print()
    console.print(rec["body"], markup=False, highlight=False)
    for part in rec["parts"]:
        if part["role"] in ("boilerplate", "related_link"):
            console.print(f"[dim]{part['role']}: {part['text']}[/dim]", markup=True, highlight=False)
    for layer in ("quotes", "numbers", "events"):
        if rec.get(layer):
            console.print(f"\n[bold]{layer}[/bold] ({len(rec[layer])})")
            for it in rec[layer][:50]:
                console.print("  " + json.dumps(it, ensure_ascii=False, default=str)[:200], markup=False)


@app.command("eval")
def eval_cmd(
    gold: Annotated[str, typer.Option("--gold", help="Folder of gold *.json files.")],
    db: DbOpt = None,
    layer: Annotated[list[str] | None, typer.Option("--layer", help="Only these layers.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score the store against gold annotations, per layer (precision, recall, F1, ...)."""
    from .evaluate import evaluate

    store = open_store(db)
    scores = evaluate(store, gold, layer)
    store.close()
    if as_json:
        print_json(scores)
        return
    t = Table("layer", "precision", "recall", "f1", "other")
    for name, s in scores.items():
        if name.startswith("_"):
            continue
        other = ", ".join(
            f"{k}={v}" for k, v in s.items() if k not in ("precision", "recall", "f1") and not k.endswith("_n")
            and not k.endswith("_ok") and k not in ("tp", "n_sys", "n_gold")
        )
        t.add_row(name, str(s.get("precision")), str(s.get("recall")), str(s.get("f1")), other)
    console.print(t)
    if "_missing_documents" in scores:
        err_console.print(f"[yellow]not in store:[/yellow] {', '.join(scores['_missing_documents'])}")


@app.command("eval-gate")
def eval_gate(
    gold: Annotated[str | None, typer.Option("--gold", help="Gold folder (default: ../shared/gold, else eval/gold).")]
    = None,
    baseline: Annotated[str, typer.Option(help="Pinned floors.")] = "eval/baseline.json",
    sets: Annotated[str, typer.Option(help="Folder of held-out sets: floors['NAME'] scores SETS/NAME/pages "
                                            "against SETS/NAME/gold.")] = "eval",
) -> None:
    """Ingest the sample corpus (and the held-out set) into scratch stores; fail if a layer drops below its floor."""
    import tempfile

    from .evaluate import check_baseline, evaluate
    from .pipeline import ingest as run_ingest

    gold_dir = gold or next((d for d in ("../shared/gold", "eval/gold") if Path(d).is_dir()), "eval/gold")
    floors = json.loads(Path(baseline).read_text(encoding="utf-8"))
    held = {k: v for k, v in floors.items() if (Path(sets) / k / "pages").is_dir()}
    suites = [("seeds", sample_dir(), Path(gold_dir), {k: v for k, v in floors.items() if k not in held})]
    suites += [(k, Path(sets) / k / "pages", Path(sets) / k / "gold", v) for k, v in sorted(held.items())]
    problems = []
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        for name, pages, gold_path, suite_floors in suites:
            store = Store(Path(tmp) / f"{name}.duckdb")
            run_ingest([str(pages)], store, settings=settings)
            scores = evaluate(store, gold_path)
            store.close()
            problems += [f"{name}: {p}" for p in check_baseline(scores, suite_floors)]
            for layer, s in scores.items():
                if not layer.startswith("_") and layer in suite_floors:
                    console.print(f"{name} {layer}: " + ", ".join(f"{k}={v}" for k, v in s.items()
                                                                if k in suite_floors[layer]))
    if problems:
        for p in problems:
            err_console.print(f"[red]eval regression:[/red] {p}")
        raise typer.Exit(1)
    console.print("eval gate: all layers at or above their pinned floors")


def _load_command_modules() -> None:
    for mod in pkgutil.iter_modules(commands_pkg.__path__):
        module = importlib.import_module(f"{commands_pkg.__name__}.{mod.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(app)


_load_command_modules()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
