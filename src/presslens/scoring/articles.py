"""Scorers for the segmentation layers: ``articles``, ``boilerplate`` and ``related_links``.

Gold format: /work/shared/gold/SCHEMA.md (copied in eval/gold). Text is compared after folding
white space and straightening curly quotes on both sides. ``system`` is a
``presslens.evaluate.SystemDoc`` (anything with ``.page`` and ``.analyses`` works).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..records import Article
from ..registry import scorers

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_EDGE_QUOTES = "\"' "
ARTICLE_FIELDS = ("title", "tags", "byline", "captions", "body")


try:  # the project-wide helpers; the fallbacks follow the same contract
    from ..evaluate import norm, prf
except ImportError:  # pragma: no cover - only while evaluate.py is absent

    def norm(text: str | None) -> str:
        return re.sub(r"\s+", " ", (text or "").translate(_QUOTES)).strip()

    def prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
        p = tp / n_sys if n_sys else (1.0 if not n_gold else 0.0)
        r = tp / n_gold if n_gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _articles(system: Any) -> list[Article]:
    return [a.article for a in getattr(system, "analyses", [])]


def _page_text(system: Any) -> str:
    page = getattr(system, "page", None)
    return page.text if page is not None else ""


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, Any]:
    # Raw counts ride along so evaluate.merge_counts can micro-average over documents.
    return {**prf(tp, n_sys, n_gold), "tp": tp, "n_sys": n_sys, "n_gold": n_gold}


def _body_ok(body: str, first: str | None, last: str | None) -> bool:
    """Body text starts with body_first and ends with body_last (quote marks at the edges aside:
    a paragraph ending in a closing quote still ends with its last words)."""
    b = norm(body).strip(_EDGE_QUOTES)
    ok = True
    if first:
        ok &= b.startswith(norm(first).strip(_EDGE_QUOTES))
    if last:
        ok &= b.endswith(norm(last).strip(_EDGE_QUOTES))
    return ok


def compare_article(gold: dict[str, Any], art: Article, page_text: str) -> dict[str, bool]:
    """Per-field verdicts for one gold article against one system article."""
    body = page_text[art.body_start : art.body_end]
    return {
        "title": norm(gold.get("title")) == norm(art.title),
        "tags": [norm(t) for t in gold.get("tags", [])] == [norm(t) for t in art.tags],
        "byline": norm(gold.get("byline")) == norm(art.byline),
        "captions": sorted(norm(c) for c in gold.get("captions", []))
        == sorted(norm(c) for c in art.captions),
        "body": _body_ok(body, gold.get("body_first"), gold.get("body_last")),
    }


def _align(gold_items: list[dict[str, Any]], arts: list[Article]) -> list[tuple[int, int]]:
    """Pair gold and system articles: equal titles first, then the rest in page order."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in enumerate(gold_items):
        for si, a in enumerate(arts):
            if si not in used and norm(g.get("title")) and norm(g.get("title")) == norm(a.title):
                pairs.append((gi, si))
                used.add(si)
                break
    paired_gold = {gi for gi, _ in pairs}
    rest_sys = [si for si in range(len(arts)) if si not in used]
    for gi in (gi for gi in range(len(gold_items)) if gi not in paired_gold):
        if not rest_sys:
            break
        pairs.append((gi, rest_sys.pop(0)))
    return sorted(pairs)


@scorers.register("articles")
def score_articles(gold: dict[str, Any], system: Any) -> dict[str, Any]:
    """An article counts as found when title, tags, byline, captions and body bounds all match."""
    items = gold.get("articles", {}).get("items", [])
    arts = _articles(system)
    text = _page_text(system)
    field_hits: dict[str, int] = dict.fromkeys(ARTICLE_FIELDS, 0)
    tp = 0
    errors: list[dict[str, Any]] = []
    for gi, si in _align(items, arts):
        verdict = compare_article(items[gi], arts[si], text)
        for k, v in verdict.items():
            field_hits[k] += int(v)
        if all(verdict.values()):
            tp += 1
        else:
            errors.append(
                {
                    "gold": items[gi].get("id"),
                    "system": arts[si].id,
                    "wrong": [k for k, v in verdict.items() if not v],
                }
            )
    out: dict[str, Any] = _prf(tp, len(arts), len(items))
    n = len(items)
    for name, hits in field_hits.items():
        out[f"{name}_ok"], out[f"{name}_n"] = hits, n
        out[f"{name}_accuracy"] = round(hits / n, 4) if n else None
    out["errors"] = errors
    return out


def _part_texts(arts: Iterable[Article], roles: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for a in arts:
        for p in a.parts:
            if p.role in roles:
                out.add(norm(p.text))
    return out


def _set_score(gold_items: Iterable[str], found: set[str]) -> dict[str, Any]:
    # Gold lists each distinct line once (a footer repeated after every post is one item).
    g = {norm(x) for x in gold_items}
    tp = len(g & found)
    out: dict[str, Any] = _prf(tp, len(found), len(g))
    out.update({"missed": sorted(g - found), "spurious": sorted(found - g)})
    return out


@scorers.register("boilerplate")
def score_boilerplate(gold: dict[str, Any], system: Any) -> dict[str, Any]:
    """Distinct furniture lines: parts with role boilerplate or header (a page header such as
    "Posts tagged X" is furniture too)."""
    return _set_score(
        gold.get("boilerplate", {}).get("items", []),
        _part_texts(_articles(system), ("boilerplate", "header")),
    )


@scorers.register("related_links")
def score_related_links(gold: dict[str, Any], system: Any) -> dict[str, Any]:
    """Distinct lines that link to other stories (after a post or inside its body)."""
    return _set_score(
        gold.get("related_links", {}).get("items", []), _part_texts(_articles(system), ("related_link",))
    )
