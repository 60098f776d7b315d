"""`presslens events` (filtered list) and `presslens event ID` (one event with all its reports)."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from .listing import (
    AfterOpt,
    AllOpt,
    Col,
    LimitOpt,
    OffsetOpt,
    effective_limit,
    keyset,
    note_json_limit,
    note_next,
    note_unknown_value,
    print_rows,
)

DbOpt = Annotated[str | None, typer.Option("--db", help="DuckDB store file (default: settings store.path).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for scripting.")]


def query_events(store: Any, *, type: str | None = None, actor: str | None = None, place: str | None = None,
                 since: str | None = None, until: str | None = None, source: str | None = None,
                 limit: int | None = None, offset: int = 0, after: str | None = None) -> list[dict[str, Any]]:
    """Events with their article's source, filtered (every one when ``limit`` is None), in
    ``KEY`` order from the cursor ``after``; dates compare as ISO prefixes."""
    sql, params = _events_sql(type=type, actor=actor, place=place, since=since, until=until, source=source,
                              after=after)
    sql = "SELECT e.*, a.source AS source, a.title AS article_title " + sql + \
        " ORDER BY " + ", ".join(f"{k} {w}" for k, w in KEY) + ("" if limit is None else " LIMIT ?") + " OFFSET ?"
    rows = store.rows(sql, params + ([] if limit is None else [limit]) + [offset])
    for r in rows:
        _decode(r)
    return rows


def _decode(r: dict[str, Any]) -> dict[str, Any]:
    """Every JSON column of the events table (lists and the size object) as JSON, not as a string:
    the columns are read from the record type, so a list field added later is decoded too."""
    for k in _json_cols():
        if isinstance(r.get(k), str):
            r[k] = json.loads(r[k])
    return r


def _json_cols() -> tuple[str, ...]:
    from ..store.schema import table_columns

    return tuple(name for name, tp in table_columns()["events"] if tp == "JSON")


def count_events(store: Any, **filters: Any) -> int:
    sql, params = _events_sql(**filters)
    return int(store.rows("SELECT count(*) AS n " + sql, params)[0]["n"])


# The list's order: date (undated last: "~" sorts after every ISO date), article, position, id.
KEY = (("coalesce(e.date, '~')", "ASC"), ("e.article_id", "ASC"), ("e.start", "ASC"), ("e.id", "ASC"))


def _events_sql(*, type: str | None = None, actor: str | None = None, place: str | None = None,
                since: str | None = None, until: str | None = None, source: str | None = None,
                after: str | None = None) -> tuple[str, list[Any]]:
    """FROM/WHERE clause and parameters for the events filters (and the rows after a cursor)."""
    where, params = [], []
    if after:
        cond, cparams = keyset(KEY, after)
        where.append(cond)
        params += cparams
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
    sql = "FROM events e JOIN articles a ON a.id = e.article_id " + ("WHERE " + " AND ".join(where) if where else "")
    return sql, params


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
        _decode(r)
    _agent_names(store, head)
    return {**head, "canonical_id": canon, "reports": reports}


def parties(rec: dict[str, Any]) -> tuple[str, str]:
    """The actor and recipient sides as printed: the named parties, else the generic sector
    parties that fill a slot no name fills, marked "(sector)" ("Police (sector)"), else "-"."""
    def side(named: str, sector: str) -> str:
        if rec.get(named):
            return ", ".join(rec[named])
        names = rec.get(f"{sector[:-1]}_names") or rec.get(sector) or []
        return ", ".join(f"{n} (sector)" for n in names) or "-"

    return side("actors", "actor_agents"), side("recipients", "recipient_agents")


def _agent_names(store: Any, *recs: dict[str, Any]) -> None:
    """``actor_agent_names`` / ``recipient_agent_names`` beside the sector-party ids, as the API
    gives them (the registry's name, else the id); one look-up for every record given."""
    ids = sorted({x for rec in recs for k in ("actor_agents", "recipient_agents") for x in rec.get(k) or []})
    names = {r["id"]: r["name"] for r in store.rows(
        f"SELECT id, name FROM actors WHERE id IN ({', '.join('?' * len(ids))})", ids)} if ids else {}
    for rec in recs:
        for k in ("actor_agents", "recipient_agents"):
            rec[f"{k[:-1]}_names"] = [names.get(x, x) for x in rec.get(k) or []]


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
        limit: LimitOpt = None,
        offset: OffsetOpt = 0,
        after: AfterOpt = None,
        all_rows: AllOpt = False,
        as_json: JsonOpt = False,
    ) -> None:
        """List PLOVER events (type/mode, date, place, who -> whom, status, evidence), filtered."""
        from ..cli import open_store, print_json

        filters = {"type": type, "actor": actor, "place": place, "since": since, "until": until, "source": source,
                   "after": after}
        n = effective_limit(limit, all_rows, as_json)
        keyset(KEY, after)  # a bad cursor is a usage error before the store is opened
        store = open_store(db)
        try:
            rows = query_events(store, **filters, limit=None if n is None else n + 1, offset=offset)
            total = count_events(store, **filters) - offset if n is not None or offset else len(rows)
            _agent_names(store, *rows)  # sector parties named where no actor name fills a side
            if not rows:
                note_unknown_value(store, "--type", type, "SELECT DISTINCT type AS v FROM events ORDER BY 1",
                                   fold=True)
                note_unknown_value(store, "--source", source, "SELECT DISTINCT a.source AS v FROM events e "
                                   "JOIN articles a ON a.id = e.article_id ORDER BY 1")
        finally:
            store.close()
        more = n is not None and len(rows) > n
        rows = rows[:n] if n is not None else rows
        last = rows[-1] if rows else {}
        note_next([last["date"] or "~", last["article_id"], last["start"], last["id"]] if more and rows else None)
        if as_json:
            print_json(rows)
            note_json_limit(len(rows), total, "events")
            return

        def who(r: dict[str, Any]) -> str:
            left, right = parties(r)
            return left + (f" -> {right}" if right != "-" else "")

        print_rows(
            [Col("id", lambda r: r["id"], "id"), Col("type/mode", lambda r: f"{r['type']}/{r['mode'] or '-'}", max_width=22),
             Col("date", lambda r: r["date"], max_width=10), Col("place", lambda r: r["place_name"], max_width=18),
             Col("who -> whom", who, max_width=30), Col("status", lambda r: r["status"], max_width=9),
             Col("evidence", lambda r: r["text"])],
            rows, total=total, limit=n, what="events")

    @app.command("event")
    def event_cmd(event_id: str, db: DbOpt = None, as_json: JsonOpt = False) -> None:
        """One event with every report of it (merged across sources), each with its own figures."""
        from ..cli import console, load_or_exit, print_json, safe
        from ..text.safe import one_line

        rec = load_or_exit(db, event_record, event_id, "event")
        if as_json:
            print_json(rec)
            return
        console.print(f"[bold]{safe(rec['type'])}[/bold]/{safe(rec['mode'] or '-')}  {safe(rec['date'] or 'date ?')}  "
                      f"{safe(rec['place_name'] or 'place ?')}  [dim]{safe(rec['id'])} canonical "
                      f"{safe(rec['canonical_id'])}[/dim]")
        actors, recipients = parties(rec)
        console.print(safe(f"actors: {actors}   recipients: {recipients}   status: {rec['status']}"
                           + (f" (by {rec['claimed_by']})" if rec.get("claimed_by") else "")))
        console.print(f"rules: {', '.join(rec.get('rules') or []) or '-'}", markup=False, highlight=False)
        console.print(f"reports ({len(rec['reports'])}):")
        for r in rec["reports"]:
            # The whole evidence (a clause; cut at 100 characters it ended mid-name), and the size as
            # the JSON the exports give (null = open bound), only where the report has one.
            size = f" size={json.dumps(r['size'])}" if r.get("size") else ""
            console.print(one_line(f"  [{r['source'] or '?'}] {r['article_id']} {r['start']}-{r['end']}{size} "
                                   f"date={r['date'] or '?'}: {r['text']}"), markup=False, highlight=False)
