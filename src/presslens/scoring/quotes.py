"""Eval layer ``quotes``: span match by the gold ``starts`` prefix, speaker accuracy on matches.

A system quote matches a gold quote in the same article when its normalised content starts with
the normalised gold ``starts`` (one-to-one, greedy in page order). Counts are returned raw
(tp/n_sys/n_gold, ``direct_*``/``indirect_*`` and ``speaker_ok``/``speaker_n``) so that
``merge_counts`` micro-averages over documents and turns ``*_ok``/``*_n`` into accuracies.
A speaker is right when its actor id equals the gold id, or, with no actor id, when the speaker
text is one of the gold actor's names (the actors stage may be absent).
"""

from __future__ import annotations

import re
from typing import Any

from ..evaluate import SystemDoc, norm, prf
from ..registry import scorers


def _key(s: str | None) -> str:
    return norm(s).lower()


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm(s).lower()).strip("-")


def speaker_ok(sys_id: str | None, sys_text: str | None, gold_id: str | None, aliases: dict[str, set[str]]) -> bool:
    if gold_id is None:
        return sys_id is None and not sys_text
    if sys_id == gold_id:
        return True
    if sys_id is None and sys_text:
        t = _key(re.sub(r"^(?:the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+", "", _key(sys_text)))
        names = aliases.get(gold_id, set())
        return _key(sys_text) in names or t in names or slug(sys_text) == gold_id
    return False


def gold_aliases(gold: dict[str, Any]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a in gold.get("actors", {}).get("items", []):
        names = {_key(a.get("name"))} | {_key(x) for x in a.get("aliases", [])}
        out[a["id"]] = names
    return out


GOLD_KINDS = ("direct", "indirect")


def _gold_kind(kind: str) -> str:
    """The seed gold's kind for a system kind: speech acts and beliefs are reported speech (indirect)."""
    return kind if kind == "direct" else "indirect"


def _joined(q: Any, i: int) -> bool:
    """Is fragment ``i`` of ``q`` a quotation joined to the one before (not a paragraph of the same
    multi-paragraph quotation): a closing mark ends the previous fragment's text."""
    s_prev, e_prev = q.spans()[i - 1]
    s, _ = q.spans()[i]
    between = q.text[e_prev - q.start : s - q.start]
    return "\n" not in between


@scorers.register("quotes")
def score_quotes(gold: dict[str, Any], system: SystemDoc) -> dict[str, Any]:
    items = gold.get("quotes", {}).get("items", [])
    aliases = gold_aliases(gold)
    out: dict[str, Any] = {"tp": 0, "n_sys": 0, "n_gold": len(items), "speaker_ok": 0, "speaker_n": 0}
    for kind in ("direct", "indirect"):
        out[f"{kind}_tp_n"] = 0
    # Per-kind precision and recall in this gold's two kinds: its "indirect" is all reported speech, so a
    # system speech act or belief counts as indirect on both sides of the ratio (precision <= 1).
    per_kind = {k: {"tp": 0, "sys": 0, "gold": 0} for k in GOLD_KINDS}
    for g in items:
        per_kind.setdefault(g["kind"], {"tp": 0, "sys": 0, "gold": 0})["gold"] += 1
    by_article: dict[str, list[Any]] = {}
    for g in items:
        by_article.setdefault(g["article"], []).append(g)
    # Matching units: a quote, or any later fragment of an interrupted quote ("A," he said. "B."), which
    # this gold counts as a quote of its own. A later fragment only counts as a system item when it
    # matches (so joining never costs precision nor gains it).
    # Kinds this gold does not annotate (speech acts and beliefs: SCHEMA.md knows direct and indirect
    # speech only) and headline quotes (it annotates body statements: no seed or holdout gold quote is a
    # title's) count as system items only where they match a gold quote, like later fragments.
    used: set[tuple[int, int]] = set()
    for a in system.analyses:
        for q in a.quotes:
            if q.kind in GOLD_KINDS and not q.headline:
                out["n_sys"] += 1
                per_kind[_gold_kind(q.kind)]["sys"] += 1
    for gid, golds in by_article.items():
        art = system.article_by_gold_id(gid)
        if art is None:
            continue
        units = [(q, i, q.text if i == 0 else q.text[s - q.start : e - q.start])
                 for q in sorted(art.quotes, key=lambda q: q.start)
                 for i, (s, e) in enumerate(q.spans() if q.kind == "direct" else [(q.start, q.end)])
                 if i == 0 or _joined(q, i)]
        for g in golds:
            want = _key(g["starts"])
            for q, i, text in units:
                if (id(q), i) in used:
                    continue
                got = _key(text)
                if got.startswith(want) or (len(want) > 20 and got[: len(want) + 3].lstrip("[(\"' ").startswith(
                        want.lstrip("[(\"' "))):
                    used.add((id(q), i))
                    if i > 0 or q.kind not in GOLD_KINDS or q.headline:
                        out["n_sys"] += 1
                        per_kind[_gold_kind(q.kind)]["sys"] += 1
                    out["tp"] += 1
                    if _gold_kind(q.kind) == g["kind"]:
                        per_kind[g["kind"]]["tp"] += 1
                    out["speaker_n"] += 1
                    ok = speaker_ok(q.speaker_id, q.speaker_text, g.get("speaker"), aliases)
                    out["speaker_ok"] += int(ok)
                    out[f"{g['kind']}_speaker_n"] = out.get(f"{g['kind']}_speaker_n", 0) + 1
                    out[f"{g['kind']}_speaker_ok"] = out.get(f"{g['kind']}_speaker_ok", 0) + int(ok)
                    break
    del out["direct_tp_n"], out["indirect_tp_n"]
    for kind, c in per_kind.items():
        # Per-kind counts end in _ok/_n so merge_counts sums them and prints the ratios as "<kind>_precision_
        # accuracy" (matched system items of that kind / system items of that kind) and "<kind>_recall_
        # accuracy" (gold items of that kind matched by that kind / gold items of that kind).
        out[f"{kind}_precision_ok"] = c["tp"]
        out[f"{kind}_precision_n"] = c["sys"]
        out[f"{kind}_recall_ok"] = c["tp"]
        out[f"{kind}_recall_n"] = c["gold"]
    out.update(prf(out["tp"], out["n_sys"], out["n_gold"]))
    out["speaker_accuracy"] = round(out["speaker_ok"] / out["speaker_n"], 4) if out["speaker_n"] else None
    return out
