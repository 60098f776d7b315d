"""`presslens events` (filtered list) and `presslens event ID` (one event with all its reports)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripting.")]


def query_events(store: Any, *, type: str | None = None, actor: str | None = None, place: str | None = None,
                 since: str | None = None, until: str | None = None, source: str | None = None,
                 limit: int = 200) -> list[dict[str, Any]]:
    """Events with their article's source, filtered; dates compare as ISO prefixes."""
    where, params = [], []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    if actor:
        where.append("(list_contains(CAST(e.actors AS VARCHAR[]), ?) OR list_contains(CAST(e.recipients AS VARCHAR[]), ?))")
        params += [actor, actor]
    if place:
        where.append("(lower(e.place_name) = lower(?) OR e.country = upper(?))")
        params += [place, place]
    if since:
        where.append("e.date IS NOT NULL AND left(e.date, 10) >= ?")
        params.append(since)
    if until:
        where.append("e.date IS NOT NULL AND left(e.date, 10) <= ?")
        params.append(until)
    if source:
        where.append("a.source = ?")
        params.append(source)
    sql = ("SELECT e.*, a.source AS source, a.title AS article_title FROM events e "
           "JOIN articles a ON a.id = e.article_id "
           + ("WHERE " + " AND ".join(where) if where else "") + " ORDER BY e.date NULLS LAST, e.article_id, e.start LIMIT ?")
    rows = store.rows(sql, [*params, limit])
    for r in rows:
        for k in ("actors", "recipients", "size"):
            if isinstance(r.get(k), str):
                r[k] = json.loads(r[k])
    return rows


def event_record(store: Any, event_id: str) -> dict[str, Any]:
    """One event, plus every report sharing its canonical id (each with its own figures)."""
    rows = store.rows("SELECT * FROM events WHERE id = ? OR canonical_id = ? ORDER BY id = ? DESC", [event_id, event_id,
                                                                                                  event_id])
    if not rows:
        raise KeyError(event_id)
    head = rows[0]
    canon = head.get("canonical_id") or head["id"]
    reports = store.rows(
        "SELECT e.*, a.source AS source, a.title AS article_title FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.canonical_id = ? OR e.id = ? ORDER BY e.article_id, e.start", [canon, head["id"]])
    for r in [head, *reports]:
        for k in ("actors", "recipients", "size"):
            if isinstance(r.get(k), str):
                r[k] = json.loads(r[k])
    return {**head, "canonical_id": canon, "reports": reports}


def register(app: typer.Typer) -> None:
    @app.command("events")
    def events_cmd(
        db: DbOpt = None,
        type: Annotated[str | None, typer.Option("--type", help="PLOVER type (PROTEST, ASSAULT, ...).")] = None,
        actor: Annotated[str | None, typer.Option("--actor", help="Actor id (as actor or recipient).")] = None,
        place: Annotated[str | None, typer.Option("--place", help="Place name or ISO country code.")] = None,
        since: Annotated[str | None, typer.Option("--since", help="Earliest date (ISO).")] = None,
        until: Annotated[str | None, typer.Option("--until", help="Latest date (ISO).")] = None,
        source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
        limit: Annotated[int, typer.Option(help="Rows to show.")] = 200,
        as_json: JsonOpt = False,
    ) -> None:
        """List PLOVER events (type, date, place, actors, size, status), filtered."""
        from rich.table import Table

        from ..cli import console, open_store, print_json, safe

        store = open_store(db)
        try:
            rows = query_events(store, type=type, actor=actor, place=place, since=since, until=until,
                                source=source, limit=limit)
        finally:
            store.close()
        if as_json:
            print_json(rows)
            return
        t = Table("id", "type/mode", "date", "place", "actors", "recipients", "size", "status", "evidence")
        for r in rows:
            size = ", ".join(f"{k} {v[0]}-{'' if v[1] is None else v[1]}" for k, v in (r["size"] or {}).items())
            t.add_row(safe(r["id"]), safe(f"{r['type']}/{r['mode'] or '-'}"), safe(r["date"]), safe(r["place_name"]),
                      safe(", ".join(r["actors"] or [])), safe(", ".join(r["recipients"] or [])), safe(size),
                      safe(r["status"]), safe((r["text"] or "")[:60]))
        console.print(t)

    @app.command("event")
    def event_cmd(event_id: str, db: DbOpt = None, as_json: JsonOpt = False) -> None:
        """One event with every report of it (merged across sources), each with its own figures."""
        from ..cli import console, load_or_exit, print_json, safe

        rec = load_or_exit(db, event_record, event_id, "event")
        if as_json:
            print_json(rec)
            return
        console.print(f"[bold]{safe(rec['type'])}[/bold]/{safe(rec['mode'] or '-')}  {safe(rec['date'] or 'date ?')}  "
                      f"{safe(rec['place_name'] or 'place ?')}  [dim]{safe(rec['id'])} canonical "
                      f"{safe(rec['canonical_id'])}[/dim]")
        console.print(safe(f"actors: {', '.join(rec['actors']) or '-'}   recipients: "
                           f"{', '.join(rec['recipients']) or '-'}   status: {rec['status']}"
                           + (f" (by {rec['claimed_by']})" if rec.get("claimed_by") else "")))
        console.print(f"reports ({len(rec['reports'])}):")
        for r in rec["reports"]:
            console.print(f"  [{r['source'] or '?'}] {r['article_id']} {r['start']}-{r['end']} size={r['size']} "
                          f"date={r['date']}: {r['text'][:100]}", markup=False, highlight=False)
