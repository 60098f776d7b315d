"""Eval suites ``places_geovirus`` (GeoVirus, Wikinews) and ``places_roles`` (our own gold for
demonyms, names nested in organisation names and regions).

GeoVirus measures follow ``../shared/dev/geo/score.py`` (the project's scorer; its docstring is
the reference): gold and predicted spans paired one-to-one per article, greedily by largest
character overlap; span recall (overlap), exact-span recall, acc@161km over ALL gold (unmatched
gold and matched predictions without a point count as wrong), median and mean km over matched
pairs with a point, AUC = mean ln(1 + km) / ln(20039). The naive baseline places each *gold* span
at the most populous gazetteer entry of that name (so its span recall is 1 by construction).

Rows: ``places.dev`` / ``places.frozen`` (frozen = a third of the articles by a hash of their URL,
fixed before tuning; see eval/dev/geo/README.md) and ``places_roles.dev``.
"""

from __future__ import annotations

import hashlib
import json
import math
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from .. import registry
from . import Rows, SuiteContext, data_path

GEOVIRUS = ("eval/dev/geo/GeoVirus.xml", "../shared/dev/geo/GeoVirus.xml")
ROLES = ("eval/dev/geo/roles_gold.jsonl",)
FROZEN_SHA256 = "fb98da691b36d982f626e04e52f181ab2d373a14f53a72758762be69370751ce"
STAGES = ["nlp", "actors", "places"]


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Articles as {source, text, locs: [{name, start, end, lat, lon}]}, offsets 0-based."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        locs = []
        for loc in art.iter("location"):
            s, e = int(loc.findtext("start") or 0) - 1, int(loc.findtext("end") or 0) - 1
            locs.append(dict(name=loc.findtext("name"), start=s, end=e, lat=float(loc.findtext("lat") or 0),
                             lon=float(loc.findtext("lon") or 0)))
        docs.append(dict(source=art.findtext("source") or "", text=text, locs=locs))
    return docs


def frozen_ids(docs: list[dict[str, Any]]) -> set[int]:
    ids = [i for i, d in enumerate(docs) if int(hashlib.sha1(d["source"].encode()).hexdigest(), 16) % 3 == 0]
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()
    if digest != FROZEN_SHA256:
        raise ValueError(f"GeoVirus frozen part changed: {digest}")
    return set(ids)


def haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def score(docs: list[dict[str, Any]], preds: dict[int, list[dict[str, Any]]]) -> dict[str, Any]:
    """score.py's measures over ``docs`` (their original indices are the keys of ``preds``)."""
    n_gold = sum(len(d["locs"]) for d in docs)
    n_pred = sum(len(preds.get(d["i"], [])) for d in docs)
    matched = exact = ok161 = no_point = 0
    errs: list[float] = []
    for d in docs:
        ps = preds.get(d["i"], [])
        exact += sum(any(p["start"] == g["start"] and p["end"] == g["end"] for p in ps) for g in d["locs"])
        pairs = []
        for gi, g in enumerate(d["locs"]):
            for pi, p in enumerate(ps):
                ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
                if ov > 0:
                    pairs.append((-ov, gi, pi))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in sorted(pairs):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = d["locs"][gi], ps[pi]
            matched += 1
            if p.get("lat") is None or p.get("lon") is None:
                no_point += 1
                continue
            km = haversine((g["lat"], g["lon"]), (float(p["lat"]), float(p["lon"])))
            errs.append(km)
            ok161 += km <= 161
    r4 = lambda x: None if x is None else round(x, 4)  # noqa: E731
    return dict(
        span_recall=r4(matched / n_gold if n_gold else None),
        exact_span_recall=r4(exact / n_gold if n_gold else None),
        precision_lower_bound=r4(matched / n_pred if n_pred else None),
        acc161=r4(ok161 / n_gold if n_gold else None),
        acc161_matched=r4(ok161 / len(errs) if errs else None),
        median_km=round(statistics.median(errs), 1) if errs else None,
        mean_km=round(statistics.fmean(errs), 1) if errs else None,
        auc=r4(statistics.fmean(math.log(1 + e) / math.log(20039) for e in errs) if errs else None),
        gold_n=n_gold, predictions_n=n_pred, matched_n=matched, without_point_n=no_point,
    )


def naive(docs: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """The most populous gazetteer place of each gold span's name (no context, gold spans given)."""
    from ..gazetteer import gazetteer

    gaz = gazetteer()
    out: dict[int, list[dict[str, Any]]] = {}
    for d in docs:
        ps = []
        for g in d["locs"]:
            cands = [e for e, _ in gaz.candidates(g["name"]) if e.lat is not None]
            best = max(cands, key=lambda e: e.population) if cands else None
            ps.append(dict(start=g["start"], end=g["end"], lat=best.lat if best else None,
                           lon=best.lon if best else None))
        out[d["i"]] = ps
    return out


def predict(ctx: SuiteContext, texts: list[str]) -> list[list[Any]]:
    """Places of each text as one article (no segmentation), through the nlp, actors and places stages."""
    from ..testing import single_article

    stages = [registry.stages.get(n)(ctx.settings) for n in STAGES]
    analyses = [single_article(t, key=f"geovirus://{i}")[1] for i, t in enumerate(texts)]
    for stage in stages:
        batch = getattr(stage, "batch", None)
        analyses = list(batch(analyses)) if batch is not None else [stage(a) for a in analyses]
    out = []
    for a in analyses:
        out.append(a.places)
        a.doc = None
    return out


def geovirus_rows(ctx: SuiteContext, path: Path) -> Rows:
    docs = load_gold(path)
    for i, d in enumerate(docs):
        d["i"] = i
    frozen = frozen_ids(docs)
    places = predict(ctx, [d["text"] for d in docs])
    preds = {i: [dict(start=p.start, end=p.end, lat=p.lat, lon=p.lon) for p in ps if p.role != "demonym"]
             for i, ps in enumerate(places)}
    base = naive(docs)
    rows: Rows = {}
    for part, sel in (("dev", [d for d in docs if d["i"] not in frozen]), ("frozen", [d for d in docs if d["i"] in frozen])):
        row = score(sel, preds)
        row["baseline"] = score(sel, base)
        rows[f"places.{part}"] = row
    return rows


def roles_rows(ctx: SuiteContext, path: Path) -> Rows:
    """Our own gold: each line {text, origin, places: [{text, role, country, region?}]}; a gold
    place counts as found when a predicted place has the same text and role, and as right when
    its country (and region code, when given) also agree. Baseline: NER GPE/LOC entities alone
    (toponyms only, never in_name or demonym), placed by the most populous entry of the name."""
    from ..gazetteer import gazetteer

    gaz = gazetteer()
    items = [json.loads(ln) for ln in path.read_text("utf-8").splitlines() if ln.strip()]
    places = predict(ctx, [it["text"] for it in items])
    tallies = {k: [0, 0, 0] for k in ("toponym", "in_name", "demonym", "all")}  # gold, found, right
    btallies = {k: [0, 0, 0] for k in tallies}
    from ..nlp import settings_model

    nlp = settings_model(ctx.settings)
    for it, ps in zip(items, places, strict=True):
        ents = [e for e in nlp(it["text"]).ents if e.label_ in ("GPE", "LOC")]
        for g in it["places"]:
            for key in (g["role"], "all"):
                tallies[key][0] += 1
                btallies[key][0] += 1
            hit = next((p for p in ps if p.text == g["text"] and p.role == g["role"]), None)
            if hit is not None:
                right = hit.country == g.get("country") and (
                    not g.get("region") or _region_code(gaz, hit) == g["region"])
                for key in (g["role"], "all"):
                    tallies[key][1] += 1
                    tallies[key][2] += int(bool(right))
            if g["role"] == "toponym" and any(e.text == g["text"] for e in ents):
                cands = [e for e, _ in gaz.candidates(g["text"])]
                best = max(cands, key=lambda e: e.population) if cands else None
                right = best is not None and best.country == g.get("country") and (
                    not g.get("region") or _region_code(gaz, best) == g["region"])
                for key in (g["role"], "all"):
                    btallies[key][1] += 1
                    btallies[key][2] += int(bool(right))

    def metrics(t: dict[str, list[int]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, (n, found, right) in t.items():
            out[f"{key}_recall"] = round(found / n, 4) if n else None
            out[f"{key}_accuracy"] = round(right / n, 4) if n else None
        out["gold_n"] = t["all"][0]
        return out

    row = metrics(tallies)
    row["baseline"] = metrics(btallies)
    return {"places_roles.dev": row}


def _region_code(gaz: Any, e: Any) -> str | None:
    if e.precision == "region" and getattr(e, "code", None):
        return e.code  # a gazetteer entry
    r = gaz.region_of(e.country, e.admin1)
    return r.code if r is not None else None


@registry.suites.register("places_geovirus")
def places_geovirus(ctx: SuiteContext) -> Rows:
    return geovirus_rows(ctx, data_path(*GEOVIRUS))


@registry.suites.register("places_roles")
def places_roles(ctx: SuiteContext) -> Rows:
    return roles_rows(ctx, data_path(*ROLES))
