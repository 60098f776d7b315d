"""Eval layer ``findings``: kind equal and every gold ref overlapped by a system ref on the page.

Gold findings are incomplete, so recall is the measure; precision is reported for information
only. Gold refs are text fragments; each is located on the page (white space and quotes folded)
and matched by offset overlap with the system finding's refs. Counts per kind come back as
``<kind>_ok``/``<kind>_n`` (recall by kind after ``merge_counts``).
"""

from __future__ import annotations

from typing import Any

from ..evaluate import SystemDoc, prf
from ..registry import scorers
from .numbers import gold_spans


def _system_findings(system: SystemDoc) -> list[Any]:
    if system.store is None:
        return [f for a in system.analyses for f in a.findings]
    ids = {a.article.id for a in system.analyses}
    return [f for f in system.store.load("findings") if any(r.article_id in ids for r in f.refs)]


@scorers.register("findings")
def score_findings(gold: dict[str, Any], system: SystemDoc) -> dict[str, Any]:
    items = gold.get("findings", {}).get("items", [])
    found = _system_findings(system)
    text = system.page.text
    out: dict[str, Any] = {"tp": 0, "n_sys": len(found), "n_gold": len(items)}
    matched_sys: set[str] = set()
    for g in items:
        kind = g["kind"]
        out[f"{kind}_n"] = out.get(f"{kind}_n", 0) + 1
        out.setdefault(f"{kind}_ok", 0)
        spans = [gold_spans(text, r) for r in g.get("refs", [])]
        for f in found:
            if f.kind != kind:
                continue
            if all(any(r.start < e and s < r.end for r in f.refs for s, e in sp) for sp in spans if sp):
                out["tp"] += 1
                out[f"{kind}_ok"] += 1
                matched_sys.add(f.id)
                break
    out.update(prf(out["tp"], out["n_sys"], out["n_gold"]))
    out["recall_only"] = True
    return out
