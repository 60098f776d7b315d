"""The events layer's named rules: every decision that is not a plain lexicon look-up is a small
function registered here under a name, with its example sentences, expected output and origin in
``lang/en/events/rules.yaml``. An event lists the rules that produced it (``Event.rules``), so
``presslens event ID`` says why it exists; ``tests/test_event_rules.py`` runs every example.

A rule is registered with :func:`rule` and belongs to one *step*:

- ``sense``: may veto or retype a trigger from the words around it ("supporting role" is no
  SUPPORT; "a grenade exploded" is an ASSAULT);
- ``modality``: folds a trigger into the verb that embeds it and sets status ("threatened to
  shell" is THREATEN; "failed to reach agreement" is AGREE denied);
- ``mode``: fills the PLOVER mode from the event's own phrase (weapon, protest form ...);
- ``place``: chooses where the event happened.

Lexicon look-ups name themselves too: ``cameo:<line>`` (a pattern or verb of CAMEO.2.0.txt),
``plover:<entry>`` (an entry of lang/en/events/plover.yaml).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from ... import lang

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    step: str
    func: Callable[..., Any]


RULES: dict[str, Rule] = {}


def rule(name: str, step: str) -> Callable[[F], F]:
    """Register ``func`` as rule ``name`` of ``step`` (names are unique across the layer)."""

    def deco(func: F) -> F:
        if name in RULES and RULES[name].func is not func:
            raise ValueError(f"events rule {name!r} registered twice")
        RULES[name] = Rule(name, step, func)
        return func

    return deco


def rules_of(step: str) -> list[Rule]:
    """The rules of one step, in registration order (the order they run in)."""
    return [r for r in RULES.values() if r.step == step]


@functools.cache
def words(key: str, source: str = "events/words") -> frozenset[str]:
    """A word list of ``lang/en/<source>.yaml`` (lower case; by default ``events/words.yaml``)."""
    return frozenset(str(w).lower() for w in lang.data(source)[key])


@functools.cache
def table(key: str) -> dict[str, Any]:
    """A mapping of ``lang/en/events/words.yaml``."""
    out: dict[str, Any] = lang.data("events/words")[key]
    return out


def examples() -> dict[str, dict[str, Any]]:
    """Every rule's examples and origin (``lang/en/events/rules.yaml``)."""
    out: dict[str, dict[str, Any]] = lang.data("events/rules")["rules"]
    return out
