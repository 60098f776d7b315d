"""PLOVER JSONL and ACLED CSV exporters over the stored events."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from ...export import file_target
from ...registry import exporters
from ...text.safe import csv_row

PLOVER_RESOLUTION = {"site": 5, "city": 4, "region": 2, "country": 1}



# PLOVER type/mode -> ACLED event_type / sub_event_type (closest ACLED category).
ACLED_MAP: dict[str, tuple[str, str]] = {
    "PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST/riot": ("Riots", "Violent demonstration"),
    "PROTEST/vandalize": ("Riots", "Violent demonstration"),
    "ASSAULT": ("Violence against civilians", "Attack"),
    "ASSAULT/abduct": ("Violence against civilians", "Abduction/forced disappearance"),
    "ASSAULT/sexual": ("Violence against civilians", "Sexual violence"),
    "ASSAULT/explosives": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "ASSAULT/aerial": ("Explosions/Remote violence", "Air/drone strike"),
    "ASSAULT/drone": ("Explosions/Remote violence", "Air/drone strike"),
    "ASSAULT/heavy-weapons": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "ASSAULT/suicide-attack": ("Explosions/Remote violence", "Suicide bomb"),
    "ASSAULT/crowd-control": ("Protests", "Excessive force against protesters"),
    "ASSAULT/destroy": ("Strategic developments", "Looting/property destruction"),
    "COERCE": ("Strategic developments", "Other"),
    "COERCE/arrest": ("Strategic developments", "Arrests"),
    "COERCE/seize": ("Strategic developments", "Looting/property destruction"),
    "MOBILIZE": ("Strategic developments", "Change to group/activity"),
    "AGREE": ("Strategic developments", "Agreement"),
    "RETREAT": ("Strategic developments", "Non-violent transfer of territory"),
    "RETREAT/ceasefire": ("Strategic developments", "Agreement"),
}



ACLED_PRECISION = {"site": 1, "city": 1, "region": 2, "country": 3}



def _event_rows(store: Any) -> list[dict[str, Any]]:
    rows = store.rows(
        "SELECT e.*, a.source AS source, a.url AS url, a.title AS title, a.published AS published, "
        "a.page_id AS page_id FROM events e JOIN articles a ON a.id = e.article_id ORDER BY e.article_id, e.start")
    names = {r["id"]: r["name"] for r in store.rows("SELECT id, name FROM actors")}
    for r in rows:
        for k in ("actors", "recipients", "size", "actor_agents", "recipient_agents", "rules"):
            if isinstance(r.get(k), str):
                r[k] = json.loads(r[k])
        with_agents(r)
        r["actor_names"] = [names.get(x, x) for x in r["actors"] or []]
        r["recipient_names"] = [names.get(x, x) for x in r["recipients"] or []]
    return rows



def with_agents(r: dict[str, Any]) -> dict[str, Any]:
    """A slot no named party fills is exported with its generic sector agent ("Police"), if any."""
    for role, agents in (("actors", "actor_agents"), ("recipients", "recipient_agents")):
        if not r.get(role) and r.get(agents):
            r[role] = list(r[agents])
    return r



def plover_record(r: dict[str, Any], lat: float | None = None, lon: float | None = None) -> dict[str, Any]:
    loc = None
    if r.get("place_name"):
        loc = {"extracted place": r["place_name"], "resolved place": r["place_name"], "geonameid": r.get("geonameid"),
               "lat": lat, "lon": lon, "country code": r.get("country"),
               "resolution": PLOVER_RESOLUTION.get(r.get("geo_precision") or "")}
    return {
        "id": r["id"],
        "date": r.get("date"),
        "date_precision": r.get("date_precision"),
        "event": [r["type"]],
        "mode": [r["mode"]] if r.get("mode") else [],
        "context": [],
        "actor": [{"identifier id": a, "entity text": n} for a, n in zip(r["actors"], r["actor_names"], strict=True)],
        "recipient": [{"identifier id": a, "entity text": n}
                      for a, n in zip(r["recipients"], r["recipient_names"], strict=True)],
        "event loc": loc,
        "size": r.get("size") or {},
        "event text": [r["text"]],
        "text info": {"article_id": r["article_id"], "page_id": r["page_id"], "start": r["start"], "end": r["end"]},
        "cite info": {"url": r.get("url"), "title": r.get("title"), "publication": r.get("source"),
                      "coder": "presslens", "codebook": "plover-2.0"},
        "status": r.get("status"),
        "claimed_by": r.get("claimed_by"),
        "link": r.get("canonical_id"),
        # Provenance, as `presslens event ID` prints it: the lexicon entry, then every named rule.
        "rules": list(r.get("rules") or []),
    }



def _gazetteer_point(name: str, country: str | None) -> tuple[float | None, float | None]:
    """Coordinates of a named place from the one gazetteer (``presslens.gazetteer``)."""
    from collections import Counter

    from ...gazetteer import gazetteer

    entry, _ = gazetteer().lookup(name, Counter([country] if country else []))
    return (entry.lat, entry.lon) if entry is not None else (None, None)


def _coords(store: Any) -> dict[str, tuple[float | None, float | None]]:
    try:
        return {r["id"]: (r["lat"], r["lon"]) for r in store.rows("SELECT id, lat, lon FROM places")}
    except Exception:
        return {}



@exporters.register("plover")
def export_plover(store: Any, out: Path, tables: list[str]) -> dict[str, int]:
    """PLOVER JSONL: one event per line with PLOVER 2.0 field names (space-separated, as in the manual)."""
    coords = _coords(store)
    rows = _event_rows(store)
    with file_target(out, "events.plover.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            lat, lon = coords.get(r.get("place_id") or "", (None, None))
            if lat is None and r.get("place_name"):
                lat, lon = _gazetteer_point(r["place_name"], r.get("country"))
            fh.write(json.dumps(plover_record(r, lat, lon), ensure_ascii=False) + "\n")
    return {"events": len(rows)}



ACLED_FIELDS = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
                "country", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
                "plover_type", "plover_mode", "status", "canonical_id", "article_id", "start", "end", "rules"]



def acled_row(r: dict[str, Any], lat: float | None, lon: float | None) -> dict[str, Any]:
    et, sub = ACLED_MAP.get(f"{r['type']}/{r.get('mode')}") or ACLED_MAP.get(r["type"]) or (
        "Strategic developments", "Other")
    if r["type"] == "PROTEST" and r.get("mode") != "riot" and r.get("size", {}).get("dead"):
        et, sub = "Protests", "Excessive force against protesters"
    prec = {"day": 1, "week": 2, "month": 2, "year": 3, "interval": 3}.get(r.get("date_precision") or "")
    dead = (r.get("size") or {}).get("dead")
    return {
        "event_id_cnty": r["id"], "event_date": r.get("date") or "", "time_precision": prec or "",
        "event_type": et, "sub_event_type": sub,
        "actor1": "; ".join(r["actor_names"]), "actor2": "; ".join(r["recipient_names"]),
        "country": r.get("country") or "", "location": r.get("place_name") or "",
        "latitude": "" if lat is None else lat, "longitude": "" if lon is None else lon,
        "geo_precision": ACLED_PRECISION.get(r.get("geo_precision") or "", ""),
        "source": r.get("source") or "", "notes": r["text"],
        # ACLED records the lowest credible figure; an open or unknown count is 0.
        "fatalities": (dead[0] if dead and dead[0] is not None else (dead[1] if dead else 0)) or 0,
        "plover_type": r["type"], "plover_mode": r.get("mode") or "", "status": r.get("status"),
        "canonical_id": r.get("canonical_id") or "", "article_id": r["article_id"], "start": r["start"], "end": r["end"],
        "rules": "; ".join(r.get("rules") or []),
    }



@exporters.register("acled")
def export_acled(store: Any, out: Path, tables: list[str]) -> dict[str, int]:
    """ACLED-style CSV (one row per event report, PLOVER type mapped to ACLED categories)."""
    coords = _coords(store)
    rows = _event_rows(store)
    with file_target(out, "events.acled.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=ACLED_FIELDS)
        w.writeheader()
        for r in rows:
            lat, lon = coords.get(r.get("place_id") or "", (None, None))
            if lat is None and r.get("place_name"):
                lat, lon = _gazetteer_point(r["place_name"], r.get("country"))
            w.writerow(csv_row(acled_row(r, lat, lon)))  # CSV injection: text/safe.py
    return {"events": len(rows)}

