"""Eval layer ``numbers``: span overlap in the same article, then the exact interval.

A system number matches a gold number of the same article when the gold text occurs in the
page (white space and curly quotes folded) at a span overlapping the system span; matching is
one-to-one in page order. ``tp`` counts span matches; ``interval_ok``/``interval_n`` measure how
many matched spans also carry exactly the gold ``low``/``high``/``approx``.
"""

from __future__ import annotations

import re
from typing import Any

from ..evaluate import SystemDoc, prf
from ..registry import scorers


def gold_spans(page_text: str, fragment: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Every place ``fragment`` occurs in ``page_text[lo:hi]`` (white space and quotes folded)."""
    parts: list[str] = []
    for ch in fragment:
        if ch.isspace():
            if not parts or parts[-1] != r"\s+":
                parts.append(r"\s+")
        elif ch in "'’‘":
            parts.append("['’‘]")
        elif ch in '"“”':
            parts.append('["“”]')
        else:
            parts.append(re.escape(ch))
    rx = re.compile("".join(parts), re.IGNORECASE)
    return [(m.start(), m.end()) for m in rx.finditer(page_text, lo, len(page_text) if hi is None else hi)]


@scorers.register("numbers")
def score_numbers(gold: dict[str, Any], system: SystemDoc) -> dict[str, Any]:
    items = gold.get("numbers", {}).get("items", [])
    out: dict[str, Any] = {"tp": 0, "n_sys": sum(len(a.numbers) for a in system.analyses), "n_gold": len(items),
                           "interval_ok": 0, "interval_n": 0}
    used: set[int] = set()
    for g in items:
        a = system.article_by_gold_id(g["article"])
        if a is None:
            continue
        spans = gold_spans(a.page_text, g["text"], a.article.start, a.article.end)
        for n in sorted(a.numbers, key=lambda n: n.start):
            if id(n) in used:
                continue
            if any(n.start < e and s < n.end for s, e in spans):
                used.add(id(n))
                out["tp"] += 1
                out["interval_n"] += 1
                ok = (n.low, n.high, bool(n.approx)) == (g.get("low"), g.get("high"), bool(g.get("approx")))
                out["interval_ok"] += int(ok)
                break
    out.update(prf(out["tp"], out["n_sys"], out["n_gold"]))
    return out
