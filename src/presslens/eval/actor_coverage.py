"""Suite ``actor_coverage``: how many actor mentions on real pages resolve to registry actors.

Data: ``../shared/dev/extraction/pages/`` (110 web pages of trafilatura's test cache, English,
German, French and Chinese; see its README). There is no gold: the suite measures what the
pipeline produces.

Rows:
- ``actors.dev`` / ``actors.frozen``: over the English pages, ``registry_share`` = mentions whose
  actor is a registry actor (ours, PETRARCH2's or a sector agent) / all mentions with an actor;
  ``provisional_share`` = provisional mentions / all; ``provisional_typed_share`` = mentions of
  provisional actors whose record carries a sector (rules ``title_sector``, ``name_sector``) / all,
  and ``registry_or_typed_share`` the two together (reported, not pinned); ``registry_named_share``
  = the registry share without the sector agents' mentions (named persons, organisations and state
  bodies only; reported, not pinned). Baseline: the mentions whose exact text is
  a name in our YAML registry alone (a dictionary lookup, no import, no agents). The frozen third
  (every page whose name hashes to 0 mod 3, chosen before tuning) is reported apart.
- ``actors.other``: over the pages in any other language, ``provisional`` = provisional actors
  minted (must be 0: the English layers skip them) and ``clean`` = 1 when it is 0.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ..registry import suites
from . import Rows, SuiteContext, data_path


def frozen(name: str) -> bool:
    """The frozen third of a page set, fixed by the file name alone."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 3 == 0


def _yaml_names() -> set[str]:
    from ..layers.actors.registry import bundled_yaml

    out: set[str] = set()
    for item in (bundled_yaml() or {}).get("actors", []):
        for a in [item.get("name"), *(item.get("aliases") or [])]:
            name = a.get("name") if isinstance(a, dict) else a
            if name:
                out.add(" ".join(str(name).lower().split()))
    return out


def coverage(rows: list[dict[str, Any]], registry: Any, yaml_names: set[str],
             typed: dict[str, str] | None = None) -> dict[str, Any]:
    with_actor = [r for r in rows if r["actor_id"]]
    n = len(with_actor)
    in_reg = [not str(r["actor_id"]).startswith("x-") and r["actor_id"] in registry.entries for r in with_actor]
    reg = sum(in_reg)
    prov = sum(1 for r in with_actor if r["method"] == "provisional" or str(r["actor_id"]).startswith("x-"))
    base = sum(1 for r in with_actor if " ".join(str(r["text"]).lower().split()) in yaml_names)
    # Sector agents ("police", "students": method ``agent``) are registry actors; the share without
    # them counts named registry actors only (persons, organisations, state bodies).
    agents_n = sum(1 for r, ok in zip(with_actor, in_reg, strict=True) if ok and r["method"] == "agent")
    # Provisional actors typed by a title or their own name's head (a sector on the record):
    # reported beside the registry share, never folded into it (docs/actors.md).
    typed_n = sum(1 for r, ok in zip(with_actor, in_reg, strict=True) if not ok and r["actor_id"] in (typed or {}))
    return {
        "registry_share": round(reg / n, 4) if n else 0.0, "provisional_share": round(prov / n, 4) if n else 0.0,
        "provisional_typed_share": round(typed_n / n, 4) if n else 0.0,
        "registry_or_typed_share": round((reg + typed_n) / n, 4) if n else 0.0,
        "registry_named_share": round((reg - agents_n) / n, 4) if n else 0.0, "agent_mentions_n": agents_n,
        "mentions_n": n, "pages_n": len({r["page"] for r in rows}),
        "baseline": {"registry_share": round(base / n, 4) if n else 0.0},
    }


@suites.register("actor_coverage")
def actor_coverage(ctx: SuiteContext) -> Rows:
    from ..layers.actors.registry import registry_for

    pages = data_path("../shared/dev/extraction/pages")
    store = ctx.ingest([pages], "actor_coverage")
    try:
        rows = store.rows(
            "SELECT m.text, m.actor_id, m.method, a.language, p.path AS page FROM mentions m "
            "JOIN articles a ON a.id = m.article_id JOIN pages p ON p.id = a.page_id")
        langs = store.rows(
            "SELECT a.language, p.path AS page FROM articles a JOIN pages p ON p.id = a.page_id")
        minted = store.rows("SELECT count(*) AS n FROM actors WHERE provisional")
        typed = {r["id"]: r["sector"] for r in store.rows(
            "SELECT id, sector FROM actors WHERE provisional AND sector IS NOT NULL")}
    finally:
        store.close()
    reg = registry_for(ctx.settings)
    names = _yaml_names()
    english = [r for r in rows if r["language"] == "en"]
    dev = [r for r in english if not frozen(Path(r["page"]).name)]
    fro = [r for r in english if frozen(Path(r["page"]).name)]
    other_prov = sum(1 for r in rows if r["language"] != "en" and (
        r["method"] == "provisional" or str(r["actor_id"] or "").startswith("x-")))
    other_pages = len({r["page"] for r in langs if r["language"] != "en"})
    return {
        "actors.dev": coverage(dev, reg, names, typed),
        "actors.frozen": coverage(fro, reg, names, typed),
        "actors.other": {"provisional": other_prov, "clean": 1.0 if other_prov == 0 else 0.0,
                         "pages_n": other_pages, "provisional_actors_n": int(minted[0]["n"]) if minted else 0},
    }
