"""The actor registry: imported dictionaries, our YAML and user files, merged by id in that order.

- ``data/petrarch2/actors.json`` and ``agents.json``: the Phoenix/PETRARCH2 dictionaries (MIT),
  converted by :mod:`.petrarch` (leaders and officials with dated roles, institutions,
  international organisations, companies, militant groups; generic agents as sector actors);
- ``data/actors.yaml``: our additions and corrections; it wins every id and every alias it lists;
- user registries (settings ``actors.extra``, ``ingest --actors FILE``), same shape as the YAML.

An alias is a string or ``{name, register, used_by}``: ``register`` is ``self`` (the actor's own
name for itself), ``neutral`` or ``hostile`` (a label its opponents use), ``used_by`` lists the
actor ids known to use it (docs/actors.md).
"""

from __future__ import annotations

import functools
import json
import sys
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ...records import Actor
from ...settings import Settings

DEFAULT_REGISTRY = "actors.yaml"
REGISTERS = ("self", "neutral", "hostile")
IMPORTED = {"petrarch2": "petrarch2"}  # name -> folder under data/ (settings actors.imported)


@dataclass(slots=True)
class RegistryEntry:
    actor: Actor
    generic: list[str] = field(default_factory=list)
    metonyms: list[str] = field(default_factory=list)
    gender: str | None = None
    # alias or generic -> (register, actor ids known to use it); unlisted names are "neutral".
    registers: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    sector: str | None = None  # CAMEO sector code (GOV, MIL, COP, REB, ...)
    roles: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (code, from, to)
    imported: str | None = None  # the dictionary it came from; its names match only capitalised
    source: str | None = None  # where our YAML's entry comes from (URL or reference), when it says
    opponents: tuple[str, ...] = ()  # actor ids this one is paired with for symmetry checks

    def register_of(self, name: str) -> str:
        return self.registers.get(name, ("neutral", ()))[0]


@dataclass(slots=True)
class Registry:
    entries: Mapping[str, RegistryEntry]
    honorifics: dict[str, str | None]  # title -> gender (None = any)
    social: set[str]
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # cue word lists (data ``cues``)
    agents: dict[str, str] = field(default_factory=dict)  # lower-case agent phrase -> sector actor id
    imported: list[ImportedNames] = field(default_factory=list)  # precompiled keys of imported names

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
    return load_yaml(text)


def _merge_into(data: Any, entries: Any, titles: dict[str, Any],
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
        registers: dict[str, tuple[str, tuple[str, ...]]] = {}
        aliases = [_name(a, registers) for a in item.get("aliases", [])]
        generic = [_name(a, registers) for a in item.get("generic", [])] or (prev.generic if prev else [])
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
        if prev is not None and not item.get("aliases"):
            registers = {**prev.registers, **registers}
        entries[aid] = RegistryEntry(
            actor=actor,
            generic=generic,
            metonyms=[str(a) for a in item.get("metonyms", prev.metonyms if prev else [])],
            gender=item.get("gender", prev.gender if prev else None),
            registers=registers,
            sector=item.get("sector", prev.sector if prev else None),
            roles=_roles(item.get("roles")) or (prev.roles if prev else []),
            source=item.get("source", prev.source if prev else None),
            opponents=tuple(str(x) for x in item.get("opponents", prev.opponents if prev else ())),
        )
        actor.sector = entries[aid].sector


def _roles(items: Any) -> list[tuple[str, str | None, str | None]]:
    """Dated roles written in YAML: ``{code, office, from, to}`` (code as PETRARCH2's: country + sector)."""
    return [(str(r.get("code") or ""), None if r.get("from") is None else str(r["from"]),
             None if r.get("to") is None else str(r["to"])) for r in items or () if isinstance(r, dict)]


def _name(a: Any, registers: dict[str, tuple[str, tuple[str, ...]]]) -> str:
    """An alias as written: a string, or ``{name, register, used_by}`` (register kept aside)."""
    if not isinstance(a, dict):
        return str(a)
    name = str(a["name"])
    reg = str(a.get("register") or "neutral")
    if reg not in REGISTERS:
        raise ValueError(f"alias {name!r}: register must be one of {', '.join(REGISTERS)}, not {reg!r}")
    registers[name] = (reg, tuple(str(x) for x in a.get("used_by") or ()))
    return name


def load_yaml(text: str) -> Any:
    """YAML through libyaml's C loader where PyYAML has it (a fraction of the pure-Python time)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe loaders only


@functools.lru_cache(maxsize=1)
def bundled_yaml() -> Any:
    """The bundled ``data/actors.yaml``, parsed once per process."""
    return load_yaml((resources.files("presslens") / "data" / DEFAULT_REGISTRY).read_text(encoding="utf-8"))


class Entries(Mapping[str, RegistryEntry]):
    """Registry entries by id: ours as objects, imported ones read from their data file only when
    a text names them (a worker's start-up loads the index, not ~27,000 records)."""

    def __init__(self) -> None:
        self.ours: dict[str, RegistryEntry] = {}
        self._sources: list[tuple[str, bytes, dict[str, list[int]]]] = []  # (folder, jsonl bytes, offsets)
        self._cache: dict[str, RegistryEntry] = {}
        self._derived_cache: dict[str, RegistryEntry | None] = {}
        self._not_derived: set[str] = set()

    def add_source(self, folder: str, data: bytes, offsets: dict[str, list[int]]) -> None:
        self._sources.append((folder, data, offsets))

    def _imported(self, aid: str) -> RegistryEntry | None:
        e = self._cache.get(aid)
        if e is not None:
            return e
        for folder, data, offsets in reversed(self._sources):
            where = offsets.get(aid)
            if where is None:
                continue
            it = json.loads(data[where[0] : where[0] + where[1]])
            e = RegistryEntry(
                actor=Actor(id=aid, name=it["name"], type=it["type"], aliases=it["aliases"],
                            country=it.get("country"), sector=it.get("sector")),
                generic=it.get("generic") or [], sector=it.get("sector"), imported=folder,
                roles=[(r["code"], r["from"], r["to"]) for r in it.get("roles") or ()])
            self._cache[aid] = e
            return e
        return None

    def __getitem__(self, aid: str) -> RegistryEntry:
        e = self.ours.get(aid) or self._imported(aid) or self._derived(aid)
        if e is None:
            raise KeyError(aid)
        return e

    def __setitem__(self, aid: str, e: RegistryEntry) -> None:
        self.ours[aid] = e

    def __contains__(self, aid: object) -> bool:
        return aid in self.ours or any(aid in o for _, _, o in self._sources) or (
            isinstance(aid, str) and self._derived(aid) is not None)

    def _derived(self, aid: str) -> RegistryEntry | None:
        if aid in self._derived_cache:
            return self._derived_cache[aid]
        if aid in self._not_derived:
            return None
        e = country_body(aid, self.ours)
        if e is not None:  # bounded by countries x kinds: kept, so each is one object
            self._derived_cache[aid] = e
            return e
        # Every new name's provisional id is asked about once: misses are bounded (a long run
        # meets names without end; issue 19), starting afresh past the limit.
        if len(self._not_derived) >= 65_536:
            self._not_derived.clear()
        self._not_derived.add(aid)
        return None

    def imported_ids(self) -> set[str]:
        return {aid for _, _, o in self._sources for aid in o} - set(self.ours)

    def __iter__(self) -> Iterator[str]:
        yield from self.ours
        seen = set(self.ours)
        for _, _, offsets in self._sources:
            for aid in offsets:
                if aid not in seen:
                    seen.add(aid)
                    yield aid

    def __len__(self) -> int:
        return len(self.ours) + len(self.imported_ids())


def country_body(aid: str, ours: Mapping[str, RegistryEntry] | None = None) -> RegistryEntry | None:
    """An actor derived from a registered country and a registered kind (:mod:`.derived`):
    "taiwan-government" -> Government of Taiwan (GOV, TW), "iran-police" -> Iran: Police."""
    from .derived import derive

    def agent(agent_id: str) -> tuple[str, str, str] | None:
        e = (ours or {}).get(agent_id)
        return (e.actor.name, e.actor.type, e.sector or "") if e is not None else None

    d = derive(aid, agent)
    if d is None:
        return None
    name, kind, iso, sector = d
    return RegistryEntry(actor=Actor(id=aid, name=name, type=kind, country=iso, sector=sector or None),
                         sector=sector or None, imported="geonames")


@dataclass(slots=True)
class ImportedNames:
    """Precompiled match keys of imported names (:func:`.petrarch.compile_index`)."""

    tokenizer: str
    names: list[tuple[tuple[str, ...], tuple[str, ...], str, str, bool]]  # (ci, cs, kind, id, acronym)
    agents: list[tuple[tuple[str, ...], str]]  # (ci key of a phrase, sector actor id)


def _load_imported(folder: str, entries: Entries, agents: dict[str, str], names: list[ImportedNames]) -> None:
    """A converted dictionary (:mod:`.petrarch`): records by offset, sector agents, match keys."""
    base = resources.files("presslens") / "data" / folder
    offsets, agent_items, compiled = _imported_tables(folder)
    entries.add_source(folder, (base / "actors.jsonl").read_bytes(), offsets)
    for it in agent_items:
        aid = it["id"]
        entries.ours[aid] = RegistryEntry(actor=Actor(id=aid, name=it["name"], type=it["type"], sector=it["sector"]),
                                          sector=it["sector"], imported=folder)
        for phrase in it["phrases"]:
            agents.setdefault(phrase, aid)
    names.append(compiled)


def _imported_tables(folder: str) -> tuple[dict[str, list[int]], list[dict[str, Any]], ImportedNames]:
    """A converted dictionary's index (record offsets, match keys as tuples) and sector agents,
    parsed once into the start-up cache (:mod:`presslens.startcache`): ~30k names' JSON rows
    turned into tuples on every worker's start otherwise."""
    from ... import startcache

    base = resources.files("presslens") / "data" / folder

    def build() -> tuple[dict[str, list[int]], list[dict[str, Any]], ImportedNames]:
        index = json.loads((base / "index.json").read_text(encoding="utf-8"))
        items = json.loads((base / "agents.json").read_text(encoding="utf-8"))["items"]
        return index["offsets"], items, ImportedNames(
            tokenizer=str(index["tokenizer"]),
            names=[(tuple(ci), tuple(cs), kind, aid, bool(acro)) for ci, cs, kind, aid, acro in index["names"]],
            agents=[(tuple(ci), aid) for ci, aid in index["agents"]])

    return startcache.cached(f"imported-{folder}", build, **_imported_inputs(folder))


def _imported_inputs(folder: str) -> dict[str, Any]:
    base = resources.files("presslens") / "data" / folder
    return {"files": [base / "index.json", base / "agents.json"], "code": [sys.modules[__name__]]}


def imported_cache_path(name: str) -> Path:
    """Where the start-up cache keeps the parsed index of an imported dictionary."""
    from ... import startcache

    folder = IMPORTED.get(name, name)
    return startcache.path_for(f"imported-{folder}", **_imported_inputs(folder))


@functools.lru_cache(maxsize=8)
def load_registry(extra: tuple[str, ...] = (), imported: tuple[str, ...] = ("petrarch2",)) -> Registry:
    """Imported dictionaries, then the bundled YAML, then extra files (YAML or TOML), merged by id
    in that order. Cached."""
    entries = Entries()
    titles: dict[str, Any] = {}
    cues: dict[str, set[str]] = {}
    agents: dict[str, str] = {}
    compiled: list[ImportedNames] = []
    for name in imported:
        _load_imported(IMPORTED.get(name, name), entries, agents, compiled)
    _merge_into(bundled_yaml(), entries, titles, cues)
    for path in extra:
        _merge_into(_read_file(path), entries, titles, cues)
    hon: dict[str, str | None] = {}
    for gender, names in (titles.get("honorifics") or {}).items():
        for n in names:
            hon[str(n)] = None if gender == "any" else str(gender)
    return Registry(entries=entries, honorifics=hon, social={str(s) for s in titles.get("social", [])},
                    cues={k: frozenset(v) for k, v in cues.items()}, agents=agents, imported=compiled)


def registry_for(settings: Settings | None) -> Registry:
    conf = (settings or {}).get("actors", {})
    extra = tuple(str(p) for p in (conf.get("extra") or []))
    return load_registry(extra, tuple(str(x) for x in conf.get("imported", ["petrarch2"])))

