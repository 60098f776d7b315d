"""The one GeoNames gazetteer: countries, continents, first-level regions, US counties, towns of
1,000+ people, landmarks, demonyms and region abbreviations, opened once per process.

    from presslens.gazetteer import gazetteer
    gaz = gazetteer()
    gaz.candidates("Paris")          # every place named so, each with whether the name is its own
    gaz.country("FR"), gaz.region("US-TX"), gaz.region_of("CA", "01")
    gaz.demonym("Russian"), gaz.abbreviation("Ky.")

The index is a SQLite file built from pinned packages (see :mod:`presslens.gazetteer.build`) the
first time any process on the machine needs it; later processes only open it, and a look-up reads
the rows of one name (cached). GeoNames data is CC BY 4.0 (https://www.geonames.org); regions come
from countrystatecity-countries (ODbL 1.0). Layers use this API, never the packages.
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..text.names import name_key
from .build import SMALL_PLACES, spell

DEFAULT_MIN_POPULATION = 500
# Rank of a place's kind when names tie: a country, state or capital beats a hamlet.
PRECISIONS = ("continent", "country", "region", "county", "city", "site", "unknown")


@dataclass(slots=True, frozen=True)
class Entry:
    name: str
    geonameid: int | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str  # continent | country | region | county | city | site
    population: int = 0
    source: str = "geonames"  # geonames | regions | admin1 | counties | alias
    code: str | None = None  # ISO 3166-1/2 code of a country or region, fips:NNNNN of a county
    capital: bool = False
    uid: int = 0  # row in the index: identity across look-ups
    kind: str = ""  # GeoNames-like feature kind (PCLI, PPL, ADM2) or the region's type (state, province)


def index_path(min_population: int = DEFAULT_MIN_POPULATION, folder: str | None = None) -> Path:
    """Where the index for this set of sources lives (``PRESSLENS_CACHE`` or the user cache)."""
    from ..startcache import user_cache
    from .build import fingerprint

    base = folder or os.environ.get("PRESSLENS_CACHE") or user_cache()
    return Path(base) / f"gazetteer-{fingerprint(min_population)}.sqlite"


_COLS = "id, name, geonameid, country, admin1, lat, lon, precision, population, source, code, capital, kind"


def _entry(r: tuple[Any, ...]) -> Entry:
    return Entry(name=r[1], geonameid=r[2], country=r[3], admin1=r[4], lat=r[5], lon=r[6], precision=r[7],
                 population=r[8] or 0, source=r[9], code=r[10], capital=bool(r[11]), uid=r[0], kind=r[12] or "")


COMPAT_MIN_POPULATION = 15000
# Name keys whose places ``by_key`` keeps (LRU; ~270 B an entry on news text). On 2k articles of
# new names (bench/cache_curve.py) 16,384 keys hit 0.51 of look-ups, 65,536 hit 0.60, each miss
# an SQLite look-up of ~23 us: ~0.15 CPU-s per 1k articles for ~13 MB less held over a long run
# (docs/performance.md, session 19).
BY_KEY_ENTRIES = 16384


def _compat(c: tuple[tuple[Entry, int], ...]) -> list[tuple[Entry, int]]:
    return [(e, p) for e, p in c if e.source != "divisions" and (
        e.precision != "city" or e.population >= COMPAT_MIN_POPULATION or p == 2)]


def local(e: Entry) -> bool:
    """A town or a second-level division outside the US: known to few readers abroad, so it needs
    the article's country or a large population before it is believed."""
    return e.precision == "city" or e.source == "divisions"


class _Exact:
    """``key in gaz.exact`` / ``gaz.exact.get(key)``: the entries a name key names. A view for
    the actors layer, which asks "is this word a place?" without a document: it keeps the former
    index's towns (15,000 people and up), so a surname that is also a hamlet stays a name."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def get(self, key: str, default: Any = None) -> Any:
        c = _compat(self.gaz.by_key(key))
        return [e for e, _ in c] if c else default

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and bool(_compat(self.gaz.by_key(key)))


class _Primary:
    """``(key, entry) in gaz.primary``: the key is the entry's own name (not an alternate)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, tuple) or len(item) != 2:
            return False
        key, entry = item
        return any(e.uid == entry.uid and p for e, p in _compat(self.gaz.by_key(key)))


class Gazetteer:
    """Read-only view of the index. Thread-safe per process; never shared across a fork."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._pid = os.getpid()
        con = self._con()
        self.min_population = int(con.execute("SELECT v FROM meta WHERE k='min_population'").fetchone()[0])
        # Small tables held in memory: countries, continents, regions by code; forms.
        rows = con.execute(f"SELECT {_COLS} FROM place WHERE {SMALL_PLACES}").fetchall()
        self._small = {r[0]: _entry(r) for r in rows}
        self.countries = {e.country: e for e in self._small.values() if e.precision == "country" and e.source == "geonames"}
        self.continents = {e.code: e for e in self._small.values() if e.precision == "continent"}
        self.regions = {e.code: e for e in self._small.values() if e.precision == "region" and e.code}
        self.regions_by_admin1: dict[tuple[str, str], Entry] = {}
        for e in sorted(self._small.values(), key=lambda e: e.source != "regions"):
            if e.precision == "region" and e.country and e.admin1:
                self.regions_by_admin1.setdefault((e.country, e.admin1), e)
        self.country_names = {iso: e.name for iso, e in self.countries.items()}
        self.forms: dict[tuple[str, str], tuple[Entry, bool]] = {}
        # every place a form names, in table order ("WA": Washington, then Western Australia)
        self.form_targets: dict[tuple[str, str], tuple[tuple[Entry, bool], ...]] = {}
        for form, kind, pid, alone in con.execute("SELECT form, kind, place, alone FROM form ORDER BY rowid"):
            target = self._small.get(pid)
            if target is not None:
                self.forms.setdefault((kind, form), (target, bool(alone)))
                self.form_targets[(kind, form)] = (*self.form_targets.get((kind, form), ()), (target, bool(alone)))
        self.exact = _Exact(self)
        self.primary = _Primary(self)

    def _con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None or self._pid != os.getpid():
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
            self._pid = os.getpid()
        return con

    # ------------------------------------------------------------------ look-ups

    @functools.lru_cache(maxsize=BY_KEY_ENTRIES)  # noqa: B019 - one instance per process, lives as long
    def by_key(self, key: str) -> tuple[tuple[Entry, int], ...]:
        """(entry, primary) for a name key; primary 2 = an alias, 1 = the place's own name, 0 = alternate."""
        if not key:
            return ()
        rows = self._con().execute(
            f"SELECT {', '.join('p.' + c.strip() for c in _COLS.split(','))}, n.is_primary FROM name n "
            "JOIN place p ON p.id = n.place WHERE n.key = ?", (key,)).fetchall()
        best: dict[int, tuple[Entry, int]] = {}
        for r in rows:
            e = self._small.get(r[0]) or _entry(r)
            if r[0] not in best or best[r[0]][1] < r[13]:
                best[r[0]] = (e, r[13])
        out = tuple(best.values())
        if any(p == 2 for _, p in out):  # an alias overrides GeoNames' towns of the name; a region
            out = tuple(x for x in out if x[1] == 2 or (x[0].precision == "region" and x[1]))  # stays
            # for "the state of Washington" and "Spokane, Washington" (the alias still ranks first)
        return out

    def candidates(self, text: str) -> tuple[tuple[Entry, int], ...]:
        k = name_key(text)
        if k.startswith("the "):
            k = k[4:]
        return self.by_key(k)

    @functools.lru_cache(maxsize=16384)  # noqa: B019
    def by_spelling(self, skey: str, words: int | None = None) -> tuple[Entry, ...]:
        """Places with a name of that spelling key; with ``words``, only names of that many words
        (rule spelling_words: the key runs words together, so "Northend" would match "Nor Thend")."""
        if len(skey) < 5:
            return ()
        rows = self._con().execute(
            f"SELECT DISTINCT {', '.join('p.' + c.strip() for c in _COLS.split(','))} FROM name n "
            # The spelling index is partial (WHERE spell != ''): SQLite uses it only when the query
            # repeats that condition; without it every look-up scanned the whole name table (~25 ms).
            "JOIN place p ON p.id = n.place WHERE n.spell = ? AND n.spell != ''"
            + ("" if words is None else " AND length(n.key) - length(replace(n.key, ' ', '')) = ?"),
            (skey,) if words is None else (skey, words - 1)).fetchall()
        return tuple(self._small.get(r[0]) or _entry(r) for r in rows)

    def country(self, iso: str | None) -> Entry | None:
        return self.countries.get(iso or "")

    def region(self, code: str) -> Entry | None:
        return self.regions.get(code) or self.continents.get(code)

    def region_of(self, country: str | None, admin1: str | None) -> Entry | None:
        return self.regions_by_admin1.get((country or "", admin1 or ""))

    def demonym(self, word: str) -> Entry | None:
        """The place a nationality or regional adjective (or its plural) names: Russian(s) -> Russia."""
        hit = self.forms.get(("demonym", word))
        if hit is None and len(word) > 4 and word.endswith("s"):
            hit = self.forms.get(("demonym", word[:-1]))
        return hit[0] if hit else None

    def abbreviation(self, form: str, countries: set[str] | frozenset[str] = frozenset()) -> tuple[Entry, bool] | None:
        """(region, names it alone) for "Ky.", "B.C.", "TX". A form regions of several countries
        share ("WA": Washington, Western Australia; "NT") names the one whose country is among
        ``countries`` (the article's) when exactly one is, else the first listed."""
        if countries:
            inside = [t for t in self.form_targets.get(("abbreviation", form), ()) if t[0].country in countries]
            if len(inside) == 1:
                return inside[0]
        return self.forms.get(("abbreviation", form))

    def lookup(self, text: str, countries: Counter[str] | None = None, *,
               spelling: bool = True) -> tuple[Entry | None, str]:
        """Best entry for a name out of document context (population, kind, the given country
        counts), and how it was found: exact | alternate | spelling. Layers with a document use
        ``presslens.layers.places.resolve`` instead."""
        countries = countries or Counter()
        k = name_key(text)
        if k.startswith("the "):
            k = k[4:]
        cands = self.by_key(k)
        how = "exact"
        if not cands:
            sk = spell(k)
            spelled = [e for e in self.by_spelling(sk) if e.country in countries] if spelling else []
            if not spelled:
                return None, ""
            cands, how = tuple((e, 0) for e in spelled), "spelling"
        best, prim = max(cands, key=lambda c: prior(c[0], c[1]) + _ctx(c[0], countries))
        if local(best) and best.source != "alias" and best.country not in countries and (
            not prim or best.population < 100_000 or how == "spelling"
        ):
            return None, ""
        return best, how if prim else "alternate"


def prior(e: Entry, primary: int) -> float:
    """Out-of-context score: kind (a country, state or capital beats a hamlet), population, and
    whether the name is the place's own."""
    s = math.log10(e.population + 10)
    if primary == 2:
        s += 100
    s += {"continent": 10, "country": 10, "region": 4, "county": 1}.get(e.precision, 0)
    if e.capital:
        s += 4
    if primary:
        s += 2
    return s


def _ctx(e: Entry, countries: Counter[str]) -> float:
    return 2 + min(countries[e.country], 10) / 10 if e.country and countries.get(e.country) else 0.0


_LOCK = threading.Lock()
_INSTANCES: dict[int, Gazetteer] = {}
BUILDS: Counter[int] = Counter()  # opened gazetteers per min_population in this process (a test reads it)


def gazetteer(min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
    """The process's gazetteer (built into the cache the first time on this machine)."""
    g = _INSTANCES.get(min_population)
    if g is not None:
        return g
    with _LOCK:
        g = _INSTANCES.get(min_population)
        if g is None:
            path = index_path(min_population)
            if not path.is_file():
                from .build import build

                build(path, min_population)
            g = Gazetteer(path)
            BUILDS[min_population] += 1
            _INSTANCES[min_population] = g
    return g
