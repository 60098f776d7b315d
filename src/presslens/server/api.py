"""The JSON API (GET only). Every list has a ``.csv`` twin exporting all matching rows.

Path ids and filter values are validated by pattern before any query runs (queries are
parameterised anyway; the patterns keep junk out of logs and error pages).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response

from ..text.safe import csv_cell
from . import cursor
from .db import Db
from .story import story

ID = r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
LABEL = r"^[^\x00-\x1f]{1,200}$"  # source names: any printable text (queries are parameterised)

router = APIRouter(prefix="/api")

IdPath = Annotated[str, Path(pattern=ID, description="Item id")]
Q = Annotated[str | None, Query(max_length=200, description="Full-text query")]
Src = Annotated[str | None, Query(pattern=LABEL, description="Source (site) name")]
ActorQ = Annotated[str | None, Query(pattern=ID, description="Actor id")]
TypeQ = Annotated[str | None, Query(pattern=r"^[A-Za-z_]{1,40}$", description="Event type (PLOVER)")]
From = Annotated[str | None, Query(pattern=DATE, description="From date (YYYY, YYYY-MM or YYYY-MM-DD)")]
To = Annotated[str | None, Query(pattern=DATE, description="To date, inclusive")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
After = Annotated[str | None, Query(pattern=cursor.PATTERN, description="Cursor: the `next` of the previous page "
                                    "(keyset pagination: a deep page costs what the first does)")]


def db(request: Request) -> Db:
    return request.app.state.db  # type: ignore[no-any-return]


def _cell(v: Any) -> Any:
    """Cells a spreadsheet would run as a formula get a leading apostrophe (CSV injection, OWASP:
    ``= + - @``, tab, CR, whatever follows, "-2+3+cmd|..." included); see text/safe.py."""
    if isinstance(v, list | dict):
        v = json.dumps(v, ensure_ascii=False)
    return csv_cell(v)


def csv_response(rows: Iterable[dict[str, Any]], name: str, first: list[str] | None = None) -> Response:
    rows = list(rows)
    cols: list[str] = list(first or [])
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols or ["empty"], extrasaction="ignore")
    w.writeheader()
    for r in rows:
        w.writerow({k: _cell(v) for k, v in r.items()})
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="presslens-{name}.csv"'},
    )


def _f(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v not in (None, "")}


# ---------------------------------------------------------------------------- overview


@router.get("/overview", summary="Store overview: pages, articles, sources, date range, layer counts, errors")
def overview(request: Request) -> dict[str, Any]:
    d = db(request)
    return d.aggregate("overview", {}, d.overview)  # type: ignore[no-any-return]


@router.get("/errors", summary="Ingest errors, newest first, one page (`limit`, `offset`; errors.csv has all)")
def errors(request: Request, limit: Limit = 50, offset: Offset = 0, after: After = None) -> dict[str, Any]:
    return db(request).errors_page(limit=limit, offset=offset, after=after)


@router.get("/errors.csv", summary="Ingest errors as CSV")
def errors_csv(request: Request) -> Response:
    return csv_response(db(request).errors(), "errors")


# ---------------------------------------------------------------------------- articles


@router.get("/articles", summary="List or full-text search articles, with facets and highlighted snippets")
def articles(request: Request, q: Q = None, source: Src = None, actor: ActorQ = None, type: TypeQ = None,
             date_from: From = None, date_to: To = None, limit: Limit = 25, offset: Offset = 0,
             after: After = None, facets: bool = True) -> dict[str, Any]:
    f = _f(q=q, source=source, actor=actor, type=type, date_from=date_from, date_to=date_to)
    out = db(request).search(f, limit=limit, offset=offset, after=after, with_facets=facets)
    out["search"] = db(request).search_mode
    return out


@router.get("/articles.csv", summary="All matching articles as CSV (source and page offsets in every row)")
def articles_csv(request: Request, q: Q = None, source: Src = None, actor: ActorQ = None, type: TypeQ = None,
                 date_from: From = None, date_to: To = None) -> Response:
    f = _f(q=q, source=source, actor=actor, type=type, date_from=date_from, date_to=date_to)
    rows = db(request).articles(f, limit=None)["rows"]
    return csv_response(rows, "articles", ["id", "title", "source", "published", "page_id", "start", "end"])


@router.get("/articles/{article_id}", summary="One article: text window, parts and every layer's spans")
def article(request: Request, article_id: IdPath) -> dict[str, Any]:
    rec = db(request).article(article_id)
    if rec is None:
        raise HTTPException(404, "no such article")
    return rec


@router.get("/articles/{article_id}/items.csv", summary="Every span of one article as CSV")
def article_items_csv(request: Request, article_id: IdPath) -> Response:
    rows = db(request).article_items(article_id)
    if not rows and db(request).article(article_id) is None:
        raise HTTPException(404, "no such article")
    return csv_response(rows, f"article-{article_id}-items")


# ---------------------------------------------------------------------------- actors


# CAMEO sector of an actor (COP police, MIL military, REB rebels, OPP opposition and protesters, EDU ...):
# generic agents ("police", "protesters") are registry actors typed by their sector.
SectorQ = Annotated[str | None, Query(pattern=r"^[A-Z]{3}$", description="CAMEO sector code (COP, MIL, OPP, ...)")]


@router.get("/actors", summary="Actors with mention, article, source and quote counts")
def actors(request: Request, q: Annotated[str | None, Query(max_length=100)] = None, type: TypeQ = None,
           sector: SectorQ = None, limit: Limit = 50, offset: Offset = 0, after: After = None) -> dict[str, Any]:
    return db(request).actors(_f(q=q, type=type, sector=sector), limit=limit, offset=offset, after=after)


@router.get("/actors.csv", summary="Every mention of the listed actors as CSV (one row per mention)")
def actors_csv(request: Request, q: Annotated[str | None, Query(max_length=100)] = None,
               type: TypeQ = None, sector: SectorQ = None) -> Response:
    return csv_response(db(request).actor_mentions(_f(q=q, type=type, sector=sector)), "actor-mentions")


@router.get("/actors/{actor_id}", summary="Actor page: aliases, names per source, quotes by/about, events")
def actor(request: Request, actor_id: IdPath) -> dict[str, Any]:
    rec = db(request).actor(actor_id)
    if rec is None:
        raise HTTPException(404, "no such actor")
    return rec


def _known_actor(request: Request, actor_id: str) -> None:
    """An actor's own lists answer 404 for an unknown id, as its page does (they gave 200 and an
    empty CSV or list, which reads as "no quotes", not "no such actor")."""
    if not db(request).rows("SELECT 1 FROM s.actors WHERE id = ?", [actor_id]):
        raise HTTPException(404, "no such actor")


@router.get("/actors/{actor_id}/quotes.csv", summary="Quotes by or about an actor as CSV")
def actor_quotes_csv(request: Request, actor_id: IdPath,
                     rel: Annotated[str, Query(pattern="^(by|about)$")] = "by") -> Response:
    _known_actor(request, actor_id)
    return csv_response(db(request).actor_quotes(actor_id, rel), f"actor-{actor_id}-quotes-{rel}")


@router.get("/actors/{actor_id}/events.csv", summary="Events with the actor as actor or recipient, as CSV")
def actor_events_csv(request: Request, actor_id: IdPath) -> Response:
    _known_actor(request, actor_id)
    return csv_response(db(request).actor_events(actor_id), f"actor-{actor_id}-events")


@router.get("/actors/{actor_id}/names.csv", summary="Names used for an actor per source, as CSV")
def actor_names_csv(request: Request, actor_id: IdPath) -> Response:
    _known_actor(request, actor_id)
    rows = db(request).rows(
        "SELECT m.actor_id, m.text AS name, coalesce(a.source, '(unknown)') AS source, a.published, "
        "m.article_id, a.page_id, m.start, m.\"end\" FROM s.mentions m JOIN s.articles a ON a.id = m.article_id "
        "WHERE m.actor_id = ? ORDER BY source, name, m.article_id, m.start", [actor_id])
    return csv_response(rows, f"actor-{actor_id}-names")


@router.get("/actors/{actor_id}/naming", summary="Per-source naming: names each source uses, counts, dates, register")
def actor_naming(request: Request, actor_id: IdPath) -> list[dict[str, Any]]:
    _known_actor(request, actor_id)
    from ..across.naming import naming

    return naming(db(request), actor_id, prefix="s.")


@router.get("/actors/{actor_id}/naming.csv", summary="Per-source naming of an actor as CSV")
def actor_naming_csv(request: Request, actor_id: IdPath) -> Response:
    _known_actor(request, actor_id)
    from ..across.naming import COLUMNS, naming

    return csv_response(naming(db(request), actor_id, prefix="s."), f"actor-{actor_id}-naming", COLUMNS)


# ---------------------------------------------------------------------------- events

Country = Annotated[str | None, Query(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]


@router.get("/events", summary="Events with filters (type, source, country, actor, dates, text)")
def events(request: Request, type: TypeQ = None, source: Src = None, country: Country = None,
           actor: ActorQ = None, date_from: From = None, date_to: To = None,
           q: Annotated[str | None, Query(max_length=200)] = None, limit: Limit = 50,
           offset: Offset = 0, after: After = None) -> dict[str, Any]:
    f = _f(type=type, source=source, country=country, actor=actor, date_from=date_from, date_to=date_to, q=q)
    out = db(request).events(f, limit=limit, offset=offset, after=after)
    out["facets"] = db(request).aggregate("event_facets", f, lambda: db(request).event_facets(f))
    return out


@router.get("/events.csv", summary="All matching events as CSV")
def events_csv(request: Request, type: TypeQ = None, source: Src = None, country: Country = None,
               actor: ActorQ = None, date_from: From = None, date_to: To = None,
               q: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    f = _f(type=type, source=source, country=country, actor=actor, date_from=date_from, date_to=date_to, q=q)
    return csv_response(db(request).events(f, limit=None)["rows"], "events",
                        ["id", "type", "date", "source", "article_id", "page_id", "start", "end", "text"])


@router.get("/events/timeline", summary="Event volume per month, by type or by source")
def timeline(request: Request, by: Annotated[str, Query(pattern="^(type|source)$")] = "type",
             type: TypeQ = None, source: Src = None, country: Country = None, actor: ActorQ = None,
             date_from: From = None, date_to: To = None) -> dict[str, Any]:
    f = _f(type=type, source=source, country=country, actor=actor, date_from=date_from, date_to=date_to)
    return db(request).aggregate("timeline:" + by, f, lambda: db(request).timeline(f, by))  # type: ignore[no-any-return]


@router.get("/events/map", summary="Located events grouped by coordinates")
def event_map(request: Request, type: TypeQ = None, source: Src = None, country: Country = None,
              actor: ActorQ = None, date_from: From = None, date_to: To = None) -> dict[str, Any]:
    f = _f(type=type, source=source, country=country, actor=actor, date_from=date_from, date_to=date_to)
    return db(request).aggregate("map", f, lambda: db(request).event_map(f))  # type: ignore[no-any-return]


@router.get("/events/{event_id}", summary="One event with every report of it (each with its own figures)")
def event(request: Request, event_id: IdPath) -> dict[str, Any]:
    rec = db(request).event(event_id)
    if rec is None:
        raise HTTPException(404, "no such event")
    return rec


@router.get("/stories/{event_id}", summary="Story view: one canonical event's reports side by side per source "
            "(date, place, figures, actors as each source names them, quotes, copied passages, disagreements)")
def story_view(request: Request, event_id: IdPath) -> dict[str, Any]:
    rec = story(db(request), event_id)
    if rec is None:
        raise HTTPException(404, "no such event")
    return rec


# ---------------------------------------------------------------------------- comparison


@router.get("/compare", summary="Conflicting figures, quotes with several speakers, other findings "
            "(first `limit` groups of each; compare.csv has all)")
def compare(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 50, offset: Offset = 0) -> dict[str, Any]:
    d = db(request)
    conflicts = d.memo("conflicts", d.conflicts)
    quotes = d.memo("quotes", d.multi_speaker_quotes)
    found = d.memo("findings", d.findings)
    page = slice(offset, offset + limit)
    return {"conflicts": conflicts[page], "multi_speaker_quotes": quotes[page], "findings": found[page], "offset": offset,
            "totals": {"conflicts": len(conflicts), "multi_speaker_quotes": len(quotes), "findings": len(found)}}


@router.get("/compare.csv", summary="A comparison section as CSV, one row per report / quote / finding ref")
def compare_csv(request: Request,
                section: Annotated[str, Query(pattern="^(conflicts|quotes|findings)$")] = "conflicts") -> Response:
    d = db(request)
    rows: list[dict[str, Any]] = []
    if section == "conflicts":
        for g in d.memo("conflicts", d.conflicts):
            for r in g["reports"]:
                rows.append({"canonical_id": g["canonical_id"], "differing": g["differing"], **r})
    elif section == "quotes":
        for g in d.memo("quotes", d.multi_speaker_quotes):
            rows += [{"group_text": g["text"], **q} for q in g["quotes"]]
    else:
        for fnd in d.memo("findings", d.findings):
            for ref in fnd.get("refs") or []:
                rows.append({"finding_id": fnd["id"], "kind": fnd["kind"], "detail": fnd["detail"], **ref})
    return csv_response(rows, f"compare-{section}")


@router.get("/findings", summary="Findings (optionally one kind), one page: `limit`, `offset`, `total`")
def findings(request: Request, kind: Annotated[str | None, Query(pattern=r"^[a-z_]{1,60}$")] = None,
             limit: Limit = 50, offset: Offset = 0, after: After = None) -> dict[str, Any]:
    return db(request).findings_page(kind, limit=limit, offset=offset, after=after)
