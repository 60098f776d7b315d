"""Eval scorer for the ``events`` layer.

Matching. A system event matches a gold event when
- the article matches (gold ``aN`` = the N-th article of the page; gold ``links`` = any event whose
  evidence lies inside a related-link part of the page),
- the PLOVER types are equal, and
- the evidence overlaps: the gold evidence is located in the page text (white space and curly
  quotes folded on both sides, case-insensitive) and its character range must intersect the
  system event's evidence span. When the gold fragment cannot be located, the folded gold text
  must share at least half of its words with the system evidence.
Pairs are assigned one-to-one, best first (same location, same date, larger overlap), so one
system event never counts for two gold events.

Counts. ``tp`` matched gold events; ``n_gold`` gold events; ``n_sys`` every system event of the
page (the gold is incomplete, so precision is a lower bound: unannotated true events count as
false positives). On matched pairs: ``mode``, ``date`` (value equal; week-precision dates in the same ISO week), ``location`` (both none,
or the same place and not a different country: equal names ignoring case, diacritics, "City of",
spaces, hyphens and apostrophes, or the gold name resolving, through the gazetteer and its alias
file, to the system event's GeoNames id), ``actors`` (both empty or at
least one actor id shared), ``size`` (the same fields with equal intervals), ``status``.
``type_<T>_ok/_n`` give recall per gold type.
"""

from __future__ import annotations

import re
from typing import Any

from ..evaluate import SystemDoc, norm, prf
from ..records import Analysis, Event
from ..registry import scorers


def _folded_with_map(text: str) -> tuple[str, list[int]]:
    """Folded lower-case text plus, for each folded char, its offset in ``text``."""
    out: list[str] = []
    idx: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        c = norm(ch) if not ch.isspace() else " "
        if c == " " or ch.isspace():
            if prev_space:
                continue
            prev_space = True
            out.append(" ")
            idx.append(i)
            continue
        prev_space = False
        for x in c or ch:
            out.append(x.lower())
            idx.append(i)
    return "".join(out), idx


def locate(text: str, fragment: str, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    hi = len(text) if hi is None else hi
    folded, idx = _folded_with_map(text[lo:hi])
    f = norm(fragment).lower()
    if not f:
        return None
    k = folded.find(f)
    if k < 0:
        return None
    return lo + idx[k], lo + idx[k + len(f) - 1] + 1


def _words(s: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", norm(s).lower()))


def _place_key(name: str | None) -> str:
    import unicodedata

    n = "".join(c for c in unicodedata.normalize("NFKD", name or "") if not unicodedata.combining(c)).lower()
    n = re.sub(r"^(the )?(city of )+", "", n).strip(" .,")
    return n


def _place_fold(name: str | None) -> str:
    """Name key without diacritics, case, spaces, hyphens or apostrophes ("Shahin-Shahr" = "Shāhīn Shahr")."""
    return re.sub(r"[\s\-‐–'’.]+", "", _place_key(name))


def _gold_geonameids(gold: dict[str, Any]) -> set[int]:
    """GeoNames ids the gold spelling resolves to: the gold's own id, the presslens gazetteer (with the
    alias file, so "Toysercan" is Tūyserkān) in the gold's country, and the plain GeoNames lookup."""
    ids: set[int] = set()
    if gold.get("geonameid"):
        ids.add(int(gold["geonameid"]))
    name = gold.get("name") or ""
    try:
        from collections import Counter

        from ..layers.places import gazetteer

        entry, _ = gazetteer().lookup(name, Counter([gold["country"]] if gold.get("country") else []))
        if entry is not None and entry.geonameid:
            ids.add(int(entry.geonameid))
    except Exception:  # gazetteer unavailable: names only
        pass
    try:
        from ..layers.events import gazetteer_lookup

        hit = gazetteer_lookup(name)
        if hit and hit.get("geonameid"):
            ids.add(int(hit["geonameid"]))
    except Exception:
        pass
    return ids


def location_ok(gold: dict[str, Any] | None, ev: Event) -> bool:
    if not gold:
        return ev.place_name is None
    if ev.place_name is None:
        return False
    g, s = _place_key(gold.get("name")), _place_key(ev.place_name)
    if gold.get("country") and ev.country and gold["country"] != ev.country:
        return False
    if g == s or (g and s and (g in s or s in g)):
        return True
    if _place_fold(g) and _place_fold(g) == _place_fold(s):
        return True
    return bool(ev.geonameid and int(ev.geonameid) in _gold_geonameids(gold))


def date_ok(gold: dict[str, Any], ev: Event) -> bool:
    """Equal values; a week-precision date names a week, so two such dates agree when they fall in
    the same ISO week (the gold writes "last week" as the day seven days back, presslens as that
    week's Monday)."""
    g, s = gold.get("date") or None, ev.date or None
    if g == s:
        return True
    if gold.get("date_precision") == "week" and ev.date_precision == "week" and g and s \
            and len(g) == 10 and len(s) == 10:
        from datetime import date

        try:
            return date.fromisoformat(g).isocalendar()[:2] == date.fromisoformat(s).isocalendar()[:2]
        except ValueError:
            return False
    return False


def size_ok(gold: dict[str, Any], ev: Event) -> bool:
    g = {k: list(v) for k, v in (gold or {}).items()}
    s = {k: list(v) for k, v in (ev.size or {}).items()}
    return g == s


def _candidates(gold_article: str, system: SystemDoc) -> tuple[list[Event], int, int]:
    """System events a gold event of this article may match, and the text window to search."""
    if gold_article == "links":
        evs: list[Event] = []
        for an in system.analyses:
            parts = [p for p in an.article.parts if p.role == "related_link"]
            evs += [e for e in an.events if any(p.start <= e.start and e.end <= p.end for p in parts)]
        return evs, 0, len(system.page.text)
    a: Analysis | None = system.article_by_gold_id(gold_article)
    if a is None:
        return [], 0, 0
    return list(a.events), a.article.start, a.article.end


def match(gold: dict[str, Any], system: SystemDoc) -> tuple[list[tuple[int, Event]], list[Event]]:
    """One-to-one (gold index, system event) pairs, and every system event of the page."""
    items = gold.get("events", {}).get("items", [])
    text = system.page.text
    all_sys = [e for a in system.analyses for e in a.events]
    pairs: list[tuple[tuple[int, int, int], int, str]] = []
    for gi, g in enumerate(items):
        cands, lo, hi = _candidates(g.get("article", ""), system)
        where = locate(text, g.get("evidence", ""), lo, hi) if hi > lo else None
        gw = _words(g.get("evidence", ""))
        for ev in cands:
            if ev.type != g.get("type"):
                continue
            if where is not None:
                ov = min(where[1], ev.end) - max(where[0], ev.start)
                if ov <= 0:
                    continue
                # Closeness of the two spans (intersection over union, in thousandths).
                ov = int(1000 * ov / (max(where[1], ev.end) - min(where[0], ev.start)))
            else:
                common = gw & _words(ev.text)
                if not gw or len(common) * 2 < len(gw):
                    continue
                ov = int(1000 * len(common) / len(gw | _words(ev.text)))
            quality = (int(location_ok(g.get("location"), ev)), int(date_ok(g, ev)), ov)
            pairs.append((quality, gi, ev.id))
    pairs.sort(key=lambda p: p[0], reverse=True)
    by_id = {e.id: e for e in all_sys}
    used_g: set[int] = set()
    used_s: set[str] = set()
    out: list[tuple[int, Event]] = []
    for _, gi, sid in pairs:
        if gi in used_g or sid in used_s:
            continue
        used_g.add(gi)
        used_s.add(sid)
        out.append((gi, by_id[sid]))
    return out, all_sys


@scorers.register("events")
def score_events(gold: dict[str, Any], system: SystemDoc) -> dict[str, Any]:
    items = gold.get("events", {}).get("items", [])
    pairs, all_sys = match(gold, system)
    matched = [(items[gi], ev) for gi, ev in pairs]
    used_g = {gi for gi, _ in pairs}
    res: dict[str, Any] = {"tp": len(matched), "n_sys": len(all_sys), "n_gold": len(items)}
    res.update(prf(len(matched), len(all_sys), len(items)))
    checks = {
        "mode": lambda g, e: (g.get("mode") or None) == (e.mode or None),
        "date": date_ok,
        "location": lambda g, e: location_ok(g.get("location"), e),
        "actors": lambda g, e: (not g.get("actors") and not e.actors) or bool(set(g.get("actors") or []) & set(e.actors)),
        "size": lambda g, e: size_ok(g.get("size") or {}, e),
        "status": lambda g, e: (g.get("status") or "reported") == e.status,
    }
    for name, fn in checks.items():
        res[f"{name}_n"] = len(matched)
        res[f"{name}_ok"] = sum(1 for g, e in matched if fn(g, e))
    for gi, g in enumerate(items):
        t = g.get("type", "?")
        res[f"type_{t}_n"] = res.get(f"type_{t}_n", 0) + 1
        res[f"type_{t}_ok"] = res.get(f"type_{t}_ok", 0) + (1 if gi in used_g else 0)
    return res
