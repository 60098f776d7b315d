"""Actors: who is named, resolved to a registry of people, organisations and state bodies.

A spaCy component (``presslens_actors``, :mod:`.component`) finds mentions three ways and
resolves each one:

1. registry names (:mod:`.registry`, :mod:`.matcher`), matched on a normalised token key (case-
   and diacritic-insensitive, hyphens and possessives ignored; all-capital acronyms
   case-sensitive), longest match first, with a spelling key as fallback for capitalised names,
   so "Mujahedeen e-Khalq" finds "Mujahedin-e Khalq";
2. spaCy PERSON / ORG entities the registry does not know (:mod:`.cues` decides which are
   names, places or common phrases), which become provisional actors (``x-<slug>``);
3. surname-only mentions ("Mrs. Rajavi", "Perry"), resolved to the most recent full name with
   that surname in the article, else a registry person with that unique surname.

State bodies named by their country are :mod:`.state_bodies`; acronyms, glosses and slashed
pairs are joined in :mod:`.joins`. The presslens stage ``actors`` (:mod:`.stage`) turns the spans
into ``Mention`` records with page offsets; :mod:`.variants` is the store-wide ``name_variants``
post stage; :mod:`.queries` answers the CLI and API.
"""

from __future__ import annotations

from ...text.names import (
    abbreviates,
    ascii_fold,
    initials,
    initials_any_order,
    is_acronym,
    name_key,
    slug,
    spelling_key,
    token_keys,
    trimmed,
)
from .component import ActorsComponent, make_actors_component, provisional_id, strip_titles
from .countries import Countries, countries, reporting_verbs
from .matcher import Hit, Matcher, matcher_for, surname_of
from .queries import actor_summary, list_actors, naming_by_source
from .registry import DEFAULT_REGISTRY, Registry, RegistryEntry, load_registry, registry_for
from .stage import (
    EXTRA_ROLES,
    ActorsStage,
    AgentsStage,
    make_actors_stage,
    make_agents_stage,
    spans_to_records,
)
from .variants import (
    gloss_pairs,
    is_acronym_definition,
    is_gloss,
    name_variant_findings,
    names_of,
    post_name_variants,
    typo_of,
    variant_forms,
)

__all__ = [
    "DEFAULT_REGISTRY", "EXTRA_ROLES", "ActorsComponent", "ActorsStage", "AgentsStage", "make_agents_stage", "Countries", "Hit", "Matcher",
    "Registry", "RegistryEntry", "abbreviates", "actor_summary", "ascii_fold", "countries", "gloss_pairs",
    "initials", "initials_any_order", "is_acronym", "is_acronym_definition", "is_gloss", "list_actors",
    "load_registry", "make_actors_component", "make_actors_stage", "matcher_for", "name_key",
    "name_variant_findings", "names_of", "naming_by_source", "post_name_variants", "provisional_id",
    "registry_for", "reporting_verbs", "slug", "spans_to_records", "spelling_key", "strip_titles",
    "surname_of", "token_keys", "trimmed", "typo_of", "variant_forms",
]
