"""`presslens eval`: score the store against gold files, layer by layer.

Gold format: shared/gold/SCHEMA.md. Each gold file names its seed document; the store page whose
path ends with that name is the system side. Layer scorers live in ``presslens.scoring.*`` and
are found through ``registry.scorers``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import registry
from .records import Analysis, Page
from .store import Store

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_WS = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """Fold white space and curly quotes the way SCHEMA.md asks, on both sides."""
    return _WS.sub(" ", (text or "").translate(_QUOTES)).strip()


def prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else (1.0 if not n_gold else 0.0)
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True, kw_only=True)
class SystemDoc:
    page: Page
    analyses: list[Analysis]
    store: Store | None = None

    def article_by_gold_id(self, gold_id: str) -> Analysis | None:
        """Gold ids are a1..aN in page order; 'links' means the page's related links."""
        m = re.fullmatch(r"a(\d+)", gold_id or "")
        if not m:
            return None
        i = int(m.group(1)) - 1
        return self.analyses[i] if 0 <= i < len(self.analyses) else None


def find_page(store: Store, document: str) -> Page | None:
    for page in store.latest_pages():
        if page.path.endswith(document) or page.key.endswith(document):
            return page
    return None


def merge_counts(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Micro-average layer results over documents when scorers return raw counts (tp/n_sys/n_gold)."""
    if results and all({"tp", "n_sys", "n_gold"} <= set(r) for r in results):
        tp = sum(r["tp"] for r in results)
        ns = sum(r["n_sys"] for r in results)
        ng = sum(r["n_gold"] for r in results)
        out: dict[str, Any] = {**prf(tp, ns, ng), "tp": tp, "n_sys": ns, "n_gold": ng}
        # A scorer says "complete": False where the gold layer is incomplete (SCHEMA.md): unannotated
        # true items would count against precision there, so precision and F1 come from complete
        # documents only, and are left out when there are none.
        full = [r for r in results if r.get("complete", True)]
        if len(full) < len(results):
            if full:
                p = prf(sum(r["tp"] for r in full), sum(r["n_sys"] for r in full), sum(r["n_gold"] for r in full))
                out["precision"] = p["precision"]
                r_ = out["recall"]
                out["f1"] = round(2 * p["precision"] * r_ / (p["precision"] + r_), 4) if p["precision"] + r_ else 0.0
            else:
                out.pop("precision")
                out.pop("f1")
        for k in sorted({k for r in results for k in r if k.endswith("_sys")}):
            out[k] = sum(r.get(k, 0) for r in results)
        extra_keys = {k for r in results for k in r if k.endswith("_n") or k.endswith("_ok")}
        for k in sorted(extra_keys):
            out[k] = sum(r.get(k, 0) for r in results)
        for k in sorted(extra_keys):
            if k.endswith("_ok"):
                base = k[: -len("_ok")]
                n = out.get(base + "_n", 0)
                out[base + "_accuracy"] = round(out[k] / n, 4) if n else None
        return out
    # Otherwise a plain mean of every numeric field.
    keys = {k for r in results for k, v in r.items() if isinstance(v, int | float)}
    return {k: round(sum(r.get(k, 0) for r in results) / len(results), 4) for k in sorted(keys)}


def evaluate(store: Store, gold_dir: str | Path, layers: Sequence[str] | None = None, *,
             with_baselines: bool = False) -> dict[str, Any]:
    """Score every gold file's page; with ``with_baselines`` each layer that has a trivial baseline
    in ``registry.baselines`` carries its scores on the same gold under ``"baseline"``."""
    gold_files = sorted(Path(gold_dir).glob("*.json"))
    if not gold_files:
        raise FileNotFoundError(f"no gold *.json files in {gold_dir}")
    per_layer: dict[str, list[dict[str, Any]]] = {}
    per_base: dict[str, list[dict[str, Any]]] = {}
    base_names = set(registry.baselines.names()) if with_baselines else set()
    missing = []
    names = list(layers) if layers else registry.scorers.names()
    for gf in gold_files:
        gold = json.loads(gf.read_text(encoding="utf-8"))
        page = find_page(store, gold["document"])
        if page is None:
            missing.append(gold["document"])
            system = SystemDoc(page=Page(key=gold["document"], text=""), analyses=[], store=store)
        else:
            system = SystemDoc(page=page, analyses=store.analyses(page), store=store)
        for layer in names:
            if layer not in gold:
                continue
            per_layer.setdefault(layer, []).append(registry.scorers.get(layer)(gold, system))
            if layer in base_names:
                per_base.setdefault(layer, []).append(registry.baselines.get(layer)(gold, system))
    out: dict[str, Any] = {layer: merge_counts(rs) for layer, rs in per_layer.items()}
    for layer, rs in per_base.items():
        out[layer]["baseline"] = merge_counts(rs)
    if missing:
        out["_missing_documents"] = missing
    return out


def check_baseline(scores: dict[str, Any], baseline: dict[str, Any], tolerance: float = 1e-4) -> list[str]:
    """Regressions against pinned floors: every metric named in the baseline must not drop."""
    problems = []
    for layer, floors in baseline.items():
        if layer.startswith("_"):
            continue
        got = scores.get(layer)
        if got is None:
            problems.append(f"{layer}: layer missing from eval output")
            continue
        for metric, floor in floors.items():
            value = got.get(metric)
            if value is None or value + tolerance < floor:
                problems.append(f"{layer}.{metric}: {value} < floor {floor}")
    return problems
