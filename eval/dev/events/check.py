"""Mechanical checks of the events development gold (standard library only).

Run: ``python eval/dev/events/check.py``; exit status 1 on any problem. Checks:
- sentences.jsonl: every line is a JSON object with the fields of /work/coord/formats.md; ids are
  unique; types and modes are PLOVER 2.0 names (a mode must belong to its type); statuses are
  valid; trigger, location name, actors and recipients are exact substrings of the text; sizes
  are [low, high] pairs; ``part`` follows FROZEN.md's rule.
- provenance, where the source is on this machine: the text is a verbatim substring of its
  GeoVirus article, of the saved source excerpt under sources/, or of the extraction page's text.
- articles/*.json: the document's .txt exists; every event's evidence and location name is an
  exact substring of the text; types/modes/statuses valid; every actor/recipient id is defined
  in the gold's actors layer, whose aliases are substrings of the text; ``part`` follows the rule.
Prints per-type counts (events, sentences, real-news sentences) per part.
"""

from __future__ import annotations

import html
import json
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from plover import MODES, SIZE_FIELDS, STATUSES, TYPES, part_of  # noqa: E402

SHARED = Path("/work/shared/dev")
FIELDS = ("id", "text", "source", "licence", "published", "part", "events")
EV_FIELDS = ("type", "mode", "trigger", "status", "location", "actors", "recipients", "date", "size")


class Problems(list[str]):
    def add(self, where: str, msg: str) -> None:
        self.append(f"{where}: {msg}")


def _type_mode(p: Problems, where: str, typ: Any, mode: Any) -> None:
    if typ not in TYPES:
        p.add(where, f"type {typ!r} is not a PLOVER type")
    elif mode is not None and mode not in MODES[typ]:
        p.add(where, f"mode {mode!r} is not a mode of {typ}")


def _size(p: Problems, where: str, size: Any) -> None:
    if not isinstance(size, dict):
        p.add(where, "size must be an object")
        return
    for k, v in size.items():
        ok = k in SIZE_FIELDS and isinstance(v, list) and len(v) == 2 and all(x is None or isinstance(x, int) for x in v)
        if not ok:
            p.add(where, f"bad size {k}: {v!r}")


_geo_texts: list[str] | None = None


def geovirus_text(i: int) -> str | None:
    global _geo_texts
    if _geo_texts is None:
        f = SHARED / "geo" / "GeoVirus.xml"
        if not f.is_file():
            return None
        _geo_texts = [a.findtext("text") or "" for a in ET.parse(f).getroot().findall("article")]
    return _geo_texts[i] if 0 <= i < len(_geo_texts) else None


def page_text(name: str) -> str | None:
    f = SHARED / "extraction" / "pages" / name
    if not f.is_file():
        return None
    raw = f.read_text(encoding="utf-8", errors="replace")
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def provenance_text(prov: dict[str, str]) -> str | None:
    if "geovirus" in prov:
        return geovirus_text(int(prov["geovirus"]))
    if "file" in prov:
        f = HERE / prov["file"]
        return f.read_text(encoding="utf-8") if f.is_file() else None
    if "page" in prov:
        return page_text(prov["page"])
    return None


def check_sentences(p: Problems) -> list[dict[str, Any]]:
    path = HERE / "sentences.jsonl"
    items = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"sentences.jsonl:{n}"
        try:
            it = json.loads(line)
        except json.JSONDecodeError as exc:
            p.add(where, f"not JSON: {exc}")
            continue
        items.append(it)
        missing = [k for k in FIELDS if k not in it]
        if missing:
            p.add(where, f"missing {missing}")
            continue
        where = f"{it['id']}"
        if it["id"] in seen:
            p.add(where, "duplicate id")
        seen.add(it["id"])
        text = it["text"]
        if it["part"] != part_of(it["id"], it.get("batch")):
            p.add(where, f"part {it['part']} but FROZEN.md's rule says {part_of(it['id'], it.get('batch'))}")
        if it["published"] is not None and not re.fullmatch(r"\d{4}-\d\d-\d\d", it["published"]):
            p.add(where, f"published {it['published']!r} is not YYYY-MM-DD")
        prov = it.get("provenance")
        if prov:
            src = provenance_text(prov)
            if src is not None and _fold(text) not in _fold(src):
                p.add(where, f"text not found verbatim in its source {prov}")
        for k, ev in enumerate(it["events"]):
            w = f"{where} event {k}"
            miss = [f for f in EV_FIELDS if f not in ev]
            if miss:
                p.add(w, f"missing {miss}")
                continue
            _type_mode(p, w, ev["type"], ev["mode"])
            if ev["status"] not in STATUSES:
                p.add(w, f"status {ev['status']!r}")
            if not ev["trigger"] or ev["trigger"] not in text:
                p.add(w, f"trigger {ev['trigger']!r} not in text")
            loc = ev["location"]
            if loc is not None:
                if not loc.get("name") or loc["name"] not in text:
                    p.add(w, f"location {loc!r} not in text")
                if loc.get("country") and not re.fullmatch(r"[A-Z]{2}", loc["country"]):
                    p.add(w, f"country {loc.get('country')!r} is not ISO2")
            for role in ("actors", "recipients"):
                for a in ev[role]:
                    if a not in text:
                        p.add(w, f"{role[:-1]} {a!r} not in text")
            if ev["date"] is not None and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?(/\d{4}(-\d\d(-\d\d)?)?)?", ev["date"]):
                p.add(w, f"date {ev['date']!r}")
            _size(p, w, ev["size"])
    return items


def check_articles(p: Problems) -> list[dict[str, Any]]:
    golds = []
    for gf in sorted((HERE / "articles").glob("*.json")):
        where = f"articles/{gf.name}"
        g = json.loads(gf.read_text(encoding="utf-8"))
        golds.append(g)
        tf = HERE / "articles" / g.get("document", "")
        if not tf.is_file() or tf.stem != gf.stem:
            p.add(where, f"document {g.get('document')!r} missing or misnamed")
            continue
        text = tf.read_text(encoding="utf-8")
        for k in ("source", "licence", "published", "part", "events", "actors"):
            if k not in g:
                p.add(where, f"missing {k}")
        if g.get("part") != part_of(tf.stem):
            p.add(where, f"part {g.get('part')} but FROZEN.md's rule says {part_of(tf.stem)}")
        if g.get("provenance"):
            src = provenance_text(g["provenance"])
            if src is not None and _fold(text) != _fold(src) and _fold(text) not in _fold(src):
                p.add(where, "text differs from its source")
        ids = set()
        for a in g.get("actors", {}).get("items", []):
            ids.add(a["id"])
            for al in a.get("aliases", []):
                if al not in text:
                    p.add(where, f"alias {al!r} of {a['id']} not in text")
        ev_layer = g.get("events", {})
        if ev_layer.get("complete") is not True:
            p.add(where, "events layer must say complete: true")
        for k, ev in enumerate(ev_layer.get("items", [])):
            w = f"{where} event {k}"
            _type_mode(p, w, ev.get("type"), ev.get("mode"))
            if ev.get("status") not in STATUSES:
                p.add(w, f"status {ev.get('status')!r}")
            if ev.get("article") != "a1":
                p.add(w, "article must be a1 (one article per file)")
            if not ev.get("evidence") or ev["evidence"] not in text:
                p.add(w, f"evidence {ev.get('evidence')!r} not in text")
            loc = ev.get("location")
            if loc is not None and (not loc.get("name") or loc["name"] not in text):
                p.add(w, f"location {loc!r} not in text")
            for role in ("actors", "recipients"):
                for a in ev.get(role, []):
                    if a not in ids:
                        p.add(w, f"{role[:-1]} id {a!r} not in the actors layer")
            if ev.get("date") is not None and ev.get("date_precision") not in ("day", "week", "month", "year", "interval"):
                p.add(w, f"date_precision {ev.get('date_precision')!r}")
            _size(p, w, ev.get("size", {}))
    return golds


def report(items: list[dict[str, Any]], golds: list[dict[str, Any]]) -> None:
    real = [it for it in items if not it["source"].startswith("PLOVER manual")]
    print(f"sentences: {len(items)} ({len(real)} real news, {len(items) - len(real)} from the PLOVER manual); "
          f"with no event: {sum(1 for it in items if not it['events'])}")
    for part in ("dev", "frozen"):
        sub = [it for it in items if it["part"] == part]
        print(f"  {part}: {len(sub)} sentences, {sum(len(it['events']) for it in sub)} events")
    print(f"{'type':10} {'sent':>5} {'real':>5} {'dev':>5} {'frozen':>6}   (sentences with >=1 event of the type)")
    for t in TYPES:
        s = [it for it in items if any(e["type"] == t for e in it["events"])]
        r = [it for it in s if not it["source"].startswith("PLOVER manual")]
        print(f"{t:10} {len(s):5} {len(r):5} {sum(it['part'] == 'dev' for it in s):5} {sum(it['part'] == 'frozen' for it in s):6}")
    modes = Counter((e["type"], e["mode"]) for it in items for e in it["events"] if e["mode"])
    missing = [f"{t}/{m}" for t, ms in MODES.items() for m in ms if (t, m) not in modes]
    print(f"modes never used: {missing or 'none'}")
    n_ev = sum(len(g['events']['items']) for g in golds)
    print(f"articles: {len(golds)} ({sum(g.get('part') == 'frozen' for g in golds)} frozen), {n_ev} events")


def main() -> int:
    p = Problems()
    items = check_sentences(p)
    golds = check_articles(p)
    report(items, golds)
    for msg in p:
        print("PROBLEM", msg)
    print("OK" if not p else f"{len(p)} problems")
    return 1 if p else 0


if __name__ == "__main__":
    raise SystemExit(main())
