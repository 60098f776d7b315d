"""Eval suites ``places_geovirus`` (GeoVirus, Wikinews) and ``places_roles`` (our own gold for
demonyms, names nested in organisation names and regions).

GeoVirus measures follow ``../shared/dev/geo/score.py`` (the project's scorer; its docstring is
the reference): gold and predicted spans paired one-to-one per article, greedily by largest
character overlap; span recall (overlap), exact-span recall, acc@161km over ALL gold (unmatched
gold and matched predictions without a point count as wrong), median and mean km over matched
pairs with a point, AUC = mean ln(1 + km) / ln(20039). The naive baseline places each *gold* span
at the most populous gazetteer entry of that name (so its span recall is 1 by construction).

GeoVirus gold has Wikipedia pages and points, no GeoNames ids, so exact-id accuracy (the measure of
the owners' held-out sets) is scored against a *proxy* id: the gazetteer place bearing the gold name
that lies nearest the gold point, within a distance that suits its kind (``PROXY_KM``: a country's
Wikipedia point may lie 1,000 km from GeoNames'), of the kind the Wikipedia title states when it
states one ("Puno_Region", "Kisumu_County", "Georgia_(country)", "Kuwait_City"). A bare title
("Khartoum") names the city when a city of 100,000 people bears the title's name near the point
(Wikipedia titles the region by its type: "Khartoum_(state)"); otherwise the nearer point decides. ``exact_id`` counts gold whose proxy id the system
gave (over all gold: no proxy id, no span or another place are misses); ``proxy_id_share`` is the
ceiling. A bare title is a second-level division (GeoNames ADM2) only when no other place of the
name fits (Wikipedia titles districts by their type: "Mbomo_District"). The same proxy splits acc@161 into countries and the rest (``acc161_country``,
``acc161_non_country``) and counts country misses that are the right country placed at GeoNames'
point rather than Wikipedia's (``country_miss_convention_share``).

Rows: ``places.dev`` / ``places.frozen`` (frozen = a third of the articles by a hash of their URL,
fixed before tuning; see eval/dev/geo/README.md) and ``places_roles.dev``.
"""

from __future__ import annotations

import hashlib
import math
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from .. import registry
from . import Rows, SuiteContext, data_path, read_jsonl

GEOVIRUS = ("eval/dev/geo/GeoVirus.xml", "../shared/dev/geo/GeoVirus.xml")
ROLES = ("eval/dev/geo/roles_gold.jsonl",)
FROZEN_SHA256 = "fb98da691b36d982f626e04e52f181ab2d373a14f53a72758762be69370751ce"
STAGES = ["nlp", "actors", "places"]
# How far the gold point may lie from the gazetteer point of the same place, by kind.
PROXY_KM = {"continent": 3000.0, "country": 1500.0, "region": 500.0}
PROXY_KM_DEFAULT = 161.0
TITLED_CITY_POPULATION = 100_000
# Words of a Wikipedia title that state the kind of place (a region's title words are in
# lang/en/region_words.txt: "Puno_Region", "Laguna_(province)").
TITLE_KINDS = {"county": ("county", "region"), "country": ("country",), "city": ("city",)}


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Articles as {source, text, locs: [{name, start, end, lat, lon}]}, offsets 0-based."""
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        locs = []
        for loc in art.iter("location"):
            s, e = int(loc.findtext("start") or 0) - 1, int(loc.findtext("end") or 0) - 1
            locs.append(dict(name=loc.findtext("name"), start=s, end=e, lat=float(loc.findtext("lat") or 0),
                             lon=float(loc.findtext("lon") or 0), page=loc.findtext("page") or ""))
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
    matched = exact = ok161 = no_point = ids_ok = convention = 0
    kind_ok = {"country": 0, "other": 0}
    kind_n = {"country": 0, "other": 0}
    for d in docs:
        for g in d["locs"]:
            kind_n["country" if g.get("gprec") == "country" else "other"] += 1
    n_ids = sum(g.get("gid") is not None for d in docs for g in d["locs"])
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
            if g.get("gid") is not None and p.get("geonameid") == g["gid"]:
                ids_ok += 1
            if p.get("lat") is None or p.get("lon") is None:
                no_point += 1
                continue
            km = haversine((g["lat"], g["lon"]), (float(p["lat"]), float(p["lon"])))
            errs.append(km)
            ok161 += km <= 161
            kind = "country" if g.get("gprec") == "country" else "other"
            kind_ok[kind] += km <= 161
            if kind == "country" and km > 161:
                convention += p.get("geonameid") == g["gid"]
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
        exact_id=r4(ids_ok / n_gold if n_gold else None),
        proxy_id_share=r4(n_ids / n_gold if n_gold else None),
        acc161_country=r4(kind_ok["country"] / kind_n["country"] if kind_n["country"] else None),
        acc161_non_country=r4(kind_ok["other"] / kind_n["other"] if kind_n["other"] else None),
        country_gold_share=r4(kind_n["country"] / n_gold if n_gold else None),
        country_miss_convention_share=r4(convention / (kind_n["country"] - kind_ok["country"])
                                         if kind_n["country"] > kind_ok["country"] else None),
    )


def proxy_ids(docs: list[dict[str, Any]]) -> None:
    """Give each gold location ``gid``/``gprec``: the gazetteer place of that name nearest the gold
    point, when it lies within ``PROXY_KM`` of its kind (else None: the gazetteer lacks it)."""
    from ..gazetteer import gazetteer
    from ..lang import words

    gaz = gazetteer()
    region_words = words("region_words")
    for d in docs:
        for g in d["locs"]:
            cands = [e for e, _ in gaz.candidates(g["name"])]
            ab = gaz.abbreviation(g["name"])
            if ab is not None:
                cands.append(ab[0])
            title = g.get("page", "").rsplit("/", 1)[-1].lower().replace("(", "_").replace(")", "_")
            tw = {w for w in title.split("_") if w}
            kinds: tuple[str, ...] = next((k for w, k in TITLE_KINDS.items() if w in tw), ())
            if not kinds and tw & region_words:
                kinds = ("region", "county")
            best, best_km = None, math.inf
            for e in cands:
                if e.lat is None or e.lon is None or e.geonameid is None:
                    continue
                km = haversine((g["lat"], g["lon"]), (e.lat, e.lon))
                if kinds and e.precision not in kinds:
                    km += 10_000  # another kind than the title says: only when no candidate of that kind
                elif km > PROXY_KM.get(e.precision, PROXY_KM_DEFAULT):
                    continue
                elif not kinds and e.source == "divisions":
                    km += 5_000  # Wikipedia titles a district by its type ("Mbomo_District"): a fallback
                if km < best_km:
                    best, best_km = e, km
            if best_km > 10_000 + PROXY_KM.get(best.precision if best else "", PROXY_KM_DEFAULT) + (
                    5_000 if best is not None and best.source == "divisions" else 0):
                best = None
            if not kinds and best is not None and best.precision in ("region", "county"):
                best = _titled_city(g, cands) or best
            g["gid"] = best.geonameid if best is not None else None
            g["gprec"] = best.precision if best is not None else None


def _titled_city(g: dict[str, Any], cands: list[Any]) -> Any:
    """The city a bare Wikipedia title names when a same-named region or district also fits:
    Wikipedia gives the city the bare title and the division its type ("Glasgow" / "Glasgow City
    council area", "Khartoum" / "Khartoum (state)"), for a city of 100,000 people near the point."""
    from urllib.parse import unquote

    from ..text.names import name_key

    title = name_key(unquote(g.get("page", "").rsplit("/", 1)[-1]).replace("_", " "))
    cities = [e for e in cands if e.precision == "city" and e.population >= TITLED_CITY_POPULATION
              and e.lat is not None and e.lon is not None and name_key(e.name) == title
              and haversine((g["lat"], g["lon"]), (e.lat, e.lon)) <= PROXY_KM_DEFAULT]
    return max(cities, key=lambda e: e.population) if cities else None


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
                           lon=best.lon if best else None, geonameid=best.geonameid if best else None))
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
    proxy_ids(docs)
    places = predict(ctx, [d["text"] for d in docs])
    preds = {i: [dict(start=p.start, end=p.end, lat=p.lat, lon=p.lon, geonameid=p.geonameid)
                 for p in ps if p.role != "demonym"]
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
    items = read_jsonl(path, required=("text", "places"))
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
