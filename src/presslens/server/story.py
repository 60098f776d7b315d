"""The story view: one canonical event with its reports side by side, grouped by source.

For each report: its date, place, size intervals, the actors under the names *that article*
gives them (mention texts, not only the registry name), the quotes near it, its evidence, and
the passages of its article that other outlets' articles carry too (copy findings). Fields on
which the reports disagree are listed in ``differing`` and flagged per report, so the UI can
highlight them; nothing says which report is right.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any

from .db import JSON_COLS, Db, _loads

# Finding kinds whose references are the same passage in several articles.
COPY_KINDS = ("copied_text", "copied_passage", "same_text")
QUOTE_WINDOW = 1200  # characters around a report's evidence where its article's quotes count as near it
MAX_QUOTES = 4


def _ph(values: Collection[Any]) -> str:
    return ", ".join("?" for _ in values)


def _reports(db: Db, event_id: str) -> list[dict[str, Any]]:
    cols = Db._EVENT_COLS + ", e.date AS event_date, a.url"
    rows = db.rows(f"SELECT {cols} FROM s.events e JOIN s.articles a ON a.id = e.article_id WHERE e.id = ? "
                   "OR e.canonical_id = ?", [event_id, event_id])
    if len(rows) == 1 and rows[0]["canonical_id"] and rows[0]["canonical_id"] != event_id:
        rows = db.rows(f"SELECT {cols} FROM s.events e JOIN s.articles a ON a.id = e.article_id "
                       "WHERE e.canonical_id = ?", [rows[0]["canonical_id"]])
    return [_loads(r, JSON_COLS["events"]) for r in sorted(rows, key=lambda r: (r["source"], r["published"] or "",
                                                                                  r["article_id"], r["start"]))]


def _names_as_written(db: Db, reports: list[dict[str, Any]]) -> None:
    """Each report's actors and recipients: id, registry name, and the words its article uses."""
    ids = {x for r in reports for x in (r.get("actors") or []) + (r.get("recipients") or [])}
    arts = {r["article_id"] for r in reports}
    written: dict[tuple[str, str], list[str]] = defaultdict(list)
    if ids:
        for m in db.rows(f"SELECT article_id, actor_id, text FROM s.mentions WHERE actor_id IN ({_ph(ids)}) "
                         f"AND article_id IN ({_ph(arts)}) ORDER BY start", [*sorted(ids), *sorted(arts)]):
            seen = written[(m["article_id"], m["actor_id"])]
            if m["text"] not in seen:
                seen.append(m["text"])
    names = db.actor_names(ids)
    for r in reports:
        for role in ("actors", "recipients"):
            r[role + "_written"] = [{"id": x, "name": names.get(x, {}).get("name", x),
                                     "as_written": written.get((r["article_id"], x), [])}
                                    for x in r.get(role) or []]


def _quotes(db: Db, reports: list[dict[str, Any]]) -> None:
    arts = sorted({r["article_id"] for r in reports})
    by_art: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in db.rows("SELECT id, article_id, start, \"end\", text, kind, speaker_text, speaker_id FROM s.quotes "
                     f"WHERE article_id IN ({_ph(arts)}) ORDER BY start", arts):
        by_art[q["article_id"]].append(q)
    for r in reports:
        people = set(r.get("actors") or []) | set(r.get("recipients") or [])
        near = [q for q in by_art[r["article_id"]]
                if q["id"] == r.get("quote_id") or q["speaker_id"] in people
                or abs(q["start"] - r["start"]) <= QUOTE_WINDOW]
        near.sort(key=lambda q: (q["id"] != r.get("quote_id"), abs(q["start"] - r["start"])))
        r["quotes"] = sorted(near[:MAX_QUOTES], key=lambda q: q["start"])


def _numbers(db: Db, reports: list[dict[str, Any]]) -> None:
    """Each report's figures: the number items tied to it, and the items its sizes were read from (the
    events layer keeps a size as an interval; its item is the one of that interval nearest the
    evidence, as ``across.figure_findings.figure_of`` finds it), so that the figures a conflict
    finding cites are shown as this event's."""
    arts = sorted({r["article_id"] for r in reports})
    by_art: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in db.rows("SELECT id, event_id, text, low, high, approx, counts, article_id, start, \"end\" FROM s.numbers "
                     f"WHERE article_id IN ({_ph(arts)}) ORDER BY start", arts):
        by_art[n["article_id"]].append(n)
    for r in reports:
        nums = by_art.get(r["article_id"], [])
        mine = {n["id"]: n for n in nums if n["event_id"] == r["id"]}
        for lo, hi, *_ in (r.get("size") or {}).values():
            same = [n for n in nums if n["low"] == lo and n["high"] == hi]
            if same:
                n = min(same, key=lambda n: (not r["start"] <= n["start"] < r["end"], abs(n["start"] - r["start"])))
                mine.setdefault(n["id"], n)
        r["numbers"] = sorted(mine.values(), key=lambda n: n["start"])


def _findings(db: Db, reports: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(copy findings, conflicting-figure findings) with a reference in one of the reports' articles."""
    arts = sorted({r["article_id"] for r in reports})
    rows = db.rows("SELECT id, kind, detail, refs, disjoint FROM s.findings WHERE kind IN "
                   f"({_ph(COPY_KINDS)}, 'conflicting_numbers') AND list_has_any("
                   "CAST(json_extract_string(refs, '$[*].article_id') AS VARCHAR[]), ?::VARCHAR[]) ORDER BY kind, id",
                   [*COPY_KINDS, arts])
    rows = [_loads(r, JSON_COLS["findings"]) for r in rows]
    source = {r["article_id"]: r["source"] for r in reports}
    need = sorted({ref["article_id"] for f in rows for ref in f["refs"]} - set(source))
    if need:
        source.update({a["id"]: a["source"] for a in db.rows(
            f"SELECT id, coalesce(source, '(unknown)') AS source FROM s.articles WHERE id IN ({_ph(need)})", need)})
    for f in rows:
        for ref in f["refs"]:
            ref["source"] = source.get(ref["article_id"])
    return [f for f in rows if f["kind"] in COPY_KINDS], [f for f in rows if f["kind"] == "conflicting_numbers"]


def _copies_per_report(reports: list[dict[str, Any]], copies: list[dict[str, Any]]) -> None:
    for r in reports:
        mine = []
        for f in copies:
            here = [ref for ref in f["refs"] if ref["article_id"] == r["article_id"]]
            others = sorted({ref["source"] or "?" for ref in f["refs"] if ref["article_id"] != r["article_id"]})
            mine += [{"finding_id": f["id"], "kind": f["kind"], "start": ref["start"], "end": ref["end"],
                      "text": ref["text"], "also_in": others} for ref in here]
        r["copied"] = sorted(mine, key=lambda c: c["start"])


def _place_value(r: dict[str, Any], held: set[Any]) -> str | None:
    """A report's place as compared across sources: a place the gazetteer lacks (a district named only
    in the text) and a country that holds another report's place name a level, not another place
    (the merge's containment, ``across.place_agree``), so neither is flagged as a disagreement."""
    if not r.get("place_name") or not r.get("geonameid"):
        return None
    if r.get("geo_precision") == "country" and r.get("country") in held:
        return None
    return str(r["place_name"]).lower()


def _differing(reports: list[dict[str, Any]]) -> list[str]:
    """Fields whose values differ between reports of different sources (flags set on each report)."""
    fields: dict[str, dict[str, Any]] = {}
    held = {r["country"] for r in reports if r.get("geonameid") and r.get("geo_precision") != "country"}
    for r in reports:
        vals = {"date": r.get("event_date") and r["date"], "place": _place_value(r, held)}
        for k, v in (r.get("size") or {}).items():
            vals["size." + k] = tuple(v)
        fields[r["id"]] = vals
    keys = sorted({k for v in fields.values() for k in v})
    out = []
    for k in keys:
        by_source: dict[str, set[Any]] = defaultdict(set)
        for r in reports:
            v = fields[r["id"]].get(k)
            if v is not None:
                by_source[r["source"]].add(v)
        distinct = {v for vs in by_source.values() for v in vs}
        if len(by_source) > 1 and len(distinct) > 1:
            out.append(k)
    for r in reports:
        r["differs"] = [k for k in out if fields[r["id"]].get(k) is not None]
    return out


def story(db: Db, event_id: str) -> dict[str, Any] | None:
    """The story of ``event_id`` (a canonical id, or any report's event id), or None."""
    reports = _reports(db, event_id)
    if not reports:
        return None
    _names_as_written(db, reports)
    _quotes(db, reports)
    _numbers(db, reports)
    copies, conflicts = _findings(db, reports)
    # Conflicts over this event's own figures first; the rest are elsewhere in the same articles.
    mine = {n["id"] for r in reports for n in r["numbers"]}
    for f in conflicts:
        f["about_event"] = any(ref.get("item_id") in mine for ref in f["refs"])
    conflicts.sort(key=lambda f: not f["about_event"])
    _copies_per_report(reports, copies)
    differing = _differing(reports)
    by_source: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in reports:
        by_source[r["source"]].append(r)
    first = reports[0]
    return {
        "canonical_id": first.get("canonical_id") or first["id"],
        "type": first["type"],
        "reports_n": len(reports),
        "sources_n": len(by_source),
        "differing": differing,
        "sources": [{"source": s, "reports": rs} for s, rs in sorted(by_source.items())],
        "copies": copies,
        "conflicts": conflicts,
    }
