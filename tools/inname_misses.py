#!/usr/bin/env python3
"""Every ``in_name`` gold place (a place inside an organisation's or event's name) classed by why
presslens misses it (issue 13, the owners' largest held-out class).

Sets: ``places_local`` (all batches, exact GeoNames id, same one-to-one overlap pairing as the
suite) and ``places_roles`` (text + role + country/region, as that suite scores). Classes, first
that applies:

- ``gold_no_id``: the gold place has no GeoNames id (the gazetteer lacks it: Phu Quoc island, a
  peace agreement's region): no prediction can be right;
- ``span_not_found``: no predicted place overlaps the gold span (the name was taken whole, or not
  scanned inside: "Racing Victoria", a hotel named after its town, a holiday's name);
- ``span_wrong_extent``: a prediction overlaps but covers other words (a hyphenated pair);
- ``no_reading``: found, but placed nowhere;
- ``wrong_same_name``: found and placed, at another place of the same name (a town where the gold
  is the district, a parish where the gold is the city);
- ``right`` (with ``role_toponym`` counted beside it when the place is right but carries role
  ``toponym``, which the places_local measure does not penalise).

DEV items are listed one per line (``--show``); frozen items are only counted, never listed
(``eval/dev/geo/local/FROZEN.md``).

Usage::

    PYTHONPATH=src python tools/inname_misses.py [--show]
"""

from __future__ import annotations

import argparse
import collections
import json
import tempfile
from pathlib import Path
from typing import Any

from presslens.eval import SuiteContext, data_path
from presslens.eval.places_geovirus import ROLES, _region_code, predict
from presslens.eval.places_local import GOLD
from presslens.gazetteer import gazetteer
from presslens.settings import load_settings


def local_class(g: dict[str, Any], ps: list[Any]) -> tuple[str, Any]:
    ov = sorted((p for p in ps if min(g["end"], p.end) > max(g["start"], p.start)),
                key=lambda p: -(min(g["end"], p.end) - max(g["start"], p.start)))
    p = ov[0] if ov else None
    if g["geonameid"] is None:
        return "gold_no_id", p
    if p is None:
        return "span_not_found", p
    if p.geonameid == g["geonameid"]:
        return ("right" if p.role == "in_name" else "role_toponym"), p
    if (p.start, p.end) != (g["start"], g["end"]):
        return "span_wrong_extent", p
    if p.geonameid is None:
        return "no_reading", p
    return "wrong_same_name", p


def roles_class(g: dict[str, Any], ps: list[Any], gaz: Any) -> tuple[str, Any]:
    same = [p for p in ps if p.text == g["text"]]
    hit = next((p for p in same if p.role == "in_name"), None)
    if hit is None:
        return ("role_toponym_wrong" if same else "span_not_found"), (same[0] if same else None)
    if hit.country is None:
        return "no_reading", hit
    ok = hit.country == g.get("country") and (not g.get("region") or _region_code(gaz, hit) == g["region"])
    return ("right" if ok else "wrong_same_name"), hit


def describe(p: Any) -> str | None:
    if p is None:
        return None
    return f"{p.text}|{p.role}|{p.rule}|{p.geonameid}:{p.name},{p.country},{p.admin1},{p.precision}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--show", action="store_true", help="list each DEV item that is not right")
    args = ap.parse_args()
    ctx = SuiteContext(settings=load_settings(), tmp=Path(tempfile.mkdtemp(prefix="inname-")))
    gaz = gazetteer()
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    docs = [json.loads(line) for line in data_path(*GOLD).open(encoding="utf-8")]
    preds = predict(ctx, [d["text"] for d in docs])
    for d, ps in zip(docs, preds, strict=True):
        part = "frozen" if d["frozen"] else "dev"
        for g in d["places"]:
            if g["role"] != "in_name":
                continue
            cls, p = local_class(g, ps)
            counts[f"places_local.{part}"][cls] += 1
            counts[f"places_local_b{d.get('batch', 1)}.{part}"][cls] += 1
            if args.show and part == "dev" and cls != "right":
                ctxt = d["text"][max(0, g["start"] - 40):g["end"] + 40].replace("\n", " ")
                print(json.dumps(dict(set=f"b{d.get('batch', 1)}", doc=d["id"], gold=g["text"],
                                      gold_id=g["geonameid"], cls=cls, pred=describe(p), context=ctxt),
                                 ensure_ascii=False))
    items = [json.loads(line) for line in data_path(*ROLES).open(encoding="utf-8")]
    for it, ps in zip(items, predict(ctx, [it["text"] for it in items]), strict=True):
        for g in it["places"]:
            if g["role"] != "in_name":
                continue
            cls, p = roles_class(g, ps, gaz)
            counts["places_roles.dev"][cls] += 1
            if args.show and cls != "right":
                print(json.dumps(dict(set="roles", gold=g["text"], gold_place=[g.get("country"), g.get("region")],
                                      cls=cls, pred=describe(p)), ensure_ascii=False))
    for key in sorted(counts):
        print(key, dict(counts[key].most_common()), "n =", sum(counts[key].values()))


if __name__ == "__main__":
    main()
