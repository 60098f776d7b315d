"""Registries through which every component is found, built-in ones included (spaCy's habit).

A built-in reader, stage, exporter or scorer registers itself exactly as a user plugin would, so
there is one lookup path and users can replace any piece by name in their settings.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T", bound=Callable[..., Any])


class Registry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        def deco(func: T) -> T:
            self._items[name] = func
            return func

        return deco

    def get(self, name: str) -> T:
        if self.kind in KIND_MODULES:
            _load_kind(self.kind)
        if self.kind not in KIND_MODULES or name not in self._items:
            load_builtins()
        try:
            return self._items[name]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise KeyError(f"no {self.kind} named {name!r} (known: {known})") from None

    def names(self) -> list[str]:
        load_builtins()
        return sorted(self._items)


# readers: (path: Path, settings) -> Iterator[Page | IngestError]; keyed by format name
readers: Registry[Callable[..., Any]] = Registry("reader")
# segmenters: factory(settings) -> Callable[[Page], list[Article]]; keyed by name
segmenters: Registry[Callable[..., Any]] = Registry("segmenter")
# stages: factory(settings) -> Callable[[Analysis], Analysis]; keyed by stage name
stages: Registry[Callable[..., Any]] = Registry("stage")
# exporters: (store, out, settings) -> int rows; keyed by format name
exporters: Registry[Callable[..., Any]] = Registry("exporter")
# scorers: (gold_doc: dict, system: SystemDoc) -> dict; keyed by eval layer name
scorers: Registry[Callable[..., Any]] = Registry("scorer")
# baselines: (gold_doc: dict, system: SystemDoc) -> dict; a trivial system scored like the layer's scorer
baselines: Registry[Callable[..., Any]] = Registry("baseline")
# suites: (ctx: presslens.eval.SuiteContext) -> {row: {metric: value, "baseline": {...}}}; see presslens.eval
suites: Registry[Callable[..., Any]] = Registry("suite")

# Modules that register built-ins. Missing ones are skipped so a partial install still runs.
BUILTIN_MODULES = [
    "presslens.ingest",
    "presslens.segment",
    "presslens.segment_html",
    "presslens.layers.language",
    "presslens.nlp",
    "presslens.layers.actors",
    "presslens.layers.places",
    "presslens.dates",
    "presslens.numbers",
    "presslens.layers.quotes",
    "presslens.layers.events",
    "presslens.across.merge",
    "presslens.across.findings",
    "presslens.export",
    "presslens.scoring.articles",
    "presslens.scoring.actors",
    "presslens.scoring.quotes",
    "presslens.scoring.numbers",
    "presslens.scoring.events",
    "presslens.scoring.findings",
    "presslens.eval.gold_docs",
    "presslens.eval.quotes_dev",
    "presslens.eval.keyword_baseline",
    "presslens.eval.events_dev",
    "presslens.eval.events_snippets",
    "presslens.eval.places_geovirus",
    "presslens.eval.places_local",
    "presslens.eval.extraction",
    "presslens.eval.actor_coverage",
    "presslens.eval.side_swap",
    "presslens.eval.across_dev",
]
# The modules that register a kind a worker looks up (``Pipeline`` builds its segmenter and stages),
# in BUILTIN_MODULES order: a fresh worker (spawned, a Ray actor) imports these and not the
# readers, exporters, scorers and eval suites it never uses. A name not found among them loads
# every built-in module before it is reported missing.
KIND_MODULES = {
    "segmenter": ["presslens.segment", "presslens.segment_html"],
    "stage": [m for m in BUILTIN_MODULES if m.startswith(("presslens.layers.", "presslens.nlp", "presslens.dates",
                                                          "presslens.numbers", "presslens.across."))],
}
_loaded = False
_kinds_loaded: set[str] = set()


def load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    _import(BUILTIN_MODULES)


def _load_kind(kind: str) -> None:
    if kind not in _kinds_loaded and not _loaded:
        _kinds_loaded.add(kind)
        _import(KIND_MODULES[kind])


def _import(modules: list[str]) -> None:
    for mod in modules:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:  # only tolerate the module itself being absent
            if exc.name != mod:
                raise
