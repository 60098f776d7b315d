"""The actor registry: bundled YAML, imported dictionaries and user files merged by id."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ...records import Actor
from ...settings import Settings

DEFAULT_REGISTRY = "actors.yaml"


@dataclass(slots=True)
class RegistryEntry:
    actor: Actor
    generic: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    gender: str | None = None


@dataclass(slots=True)
class Registry:
    entries: dict[str, RegistryEntry]
    honorifics: dict[str, str | None]  # title -> gender (None = any)
    social: set[str]
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # cue word lists (data ``cues``)

    def cue(self, name: str) -> frozenset[str]:
        return self.cues.get(name, frozenset())

    def actor(self, actor_id: str) -> Actor | None:
        e = self.entries.get(actor_id)
        return e.actor if e else None


def _read_file(path: str | Path) -> Any:
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    if p.suffix.lower() == ".toml":
        return tomllib.loads(text)
    return yaml.safe_load(text)


def _merge_into(data: Any, entries: dict[str, RegistryEntry], titles: dict[str, Any],
                cues: dict[str, set[str]] | None = None) -> None:
    if isinstance(data, list):
        items, t = data, {}
    else:
        items, t = (data or {}).get("actors", []), (data or {}).get("titles", {})
        for k, v in ((data or {}).get("cues") or {}).items():
            if cues is not None:
                cues.setdefault(str(k), set()).update(str(x) for x in v or [])
    for k, v in (t or {}).items():
        if isinstance(v, dict):
            titles.setdefault(k, {}).update(v)
        else:
            titles[k] = list(titles.get(k, [])) + list(v)
    for item in items or []:
        aid = str(item["id"])
        prev = entries.get(aid)
        aliases = [str(a) for a in item.get("aliases", [])]
        actor = Actor(
            id=aid,
            name=str(item.get("name") or (prev.actor.name if prev else aid)),
            type=str(item.get("type") or (prev.actor.type if prev else "ORG")).upper(),
            aliases=aliases or (prev.actor.aliases if prev else []),
            wikidata=item.get("wikidata", prev.actor.wikidata if prev else None),
            country=item.get("country", prev.actor.country if prev else None),
            affiliation=item.get("affiliation", prev.actor.affiliation if prev else None),
        )
        if actor.name not in actor.aliases and "(" not in actor.name:
            actor.aliases = [actor.name, *actor.aliases]
        entries[aid] = RegistryEntry(
            actor=actor,
            generic=[str(a) for a in item.get("generic", prev.generic if prev else [])],
            metonyms=[str(a) for a in item.get("metonyms", prev.metonyms if prev else [])],
            gender=item.get("gender", prev.gender if prev else None),
        )


@functools.lru_cache(maxsize=8)
def load_registry(extra: tuple[str, ...] = ()) -> Registry:
    """The bundled registry merged with extra files (YAML or TOML) by id, in order. Cached."""
    entries: dict[str, RegistryEntry] = {}
    titles: dict[str, Any] = {}
    cues: dict[str, set[str]] = {}
    default = resources.files("presslens") / "data" / DEFAULT_REGISTRY
    _merge_into(yaml.safe_load(default.read_text(encoding="utf-8")), entries, titles, cues)
    for path in extra:
        _merge_into(_read_file(path), entries, titles, cues)
    hon: dict[str, str | None] = {}
    for gender, names in (titles.get("honorifics") or {}).items():
        for n in names:
            hon[str(n)] = None if gender == "any" else str(gender)
    return Registry(entries=entries, honorifics=hon, social={str(s) for s in titles.get("social", [])},
                    cues={k: frozenset(v) for k, v in cues.items()})


def registry_for(settings: Settings | None) -> Registry:
    extra = tuple(str(p) for p in ((settings or {}).get("actors", {}).get("extra") or []))
    return load_registry(extra)

