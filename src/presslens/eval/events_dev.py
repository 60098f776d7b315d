"""Suites over the events development set (eval/dev/events/, see its README.md and FROZEN.md).

``events_sentences`` runs every gold sentence through the article pipeline on its own and compares
the set of PLOVER types found with the gold set, sentence by sentence:
- ``micro_f1`` (and its precision/recall) over (sentence, type) pairs; ``macro_f1`` the mean F1 over
  the types present in the gold or the output of that part;
- ``any_match``: of the sentences with gold events, the share where some predicted type is a gold type;
- ``empty_clean``: of the sentences whose gold has no event, the share where nothing is predicted;
- on type-matched events (each gold event paired one-to-one with a predicted event of its type in
  the same sentence, the nearest to its trigger): ``mode_accuracy``, ``status_accuracy`` and
  ``location_accuracy`` (places compared as ``scoring.events.location_ok`` does: folded name or
  GeoNames id, no substrings; no place on both sides is correct only where the gold has none).
  ``actors_exact/overlap_accuracy`` and ``recipients_exact/overlap_accuracy``: the event's actor
  and recipient sets against the gold phrases (``eval.event_roles``).
Rows ``events_sentences.dev`` / ``.frozen``; per-type precision/recall/F1 in
``events_sentences_types.dev`` / ``.frozen``; ``events_sentences_violence.dev`` / ``.frozen``: the same
headline metrics over the sentences whose gold holds a violence or protest event (``VIOLENCE_TYPES``,
the material of the owners' held-out set B), every type scored in micro-F1, ``macro_f1`` the mean
over the five violence and protest types.

``events_articles`` ingests the whole articles into a scratch store and scores them with the SCHEMA.md
scorer (``scoring.events``; the gold is complete, so precision counts) plus ``macro_f1`` over types.

Every row carries the keyword baseline (``eval.keyword_baseline``) scored the same way under
``"baseline"``.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..evaluate import SystemDoc, find_page, merge_counts, prf
from ..records import Analysis, Event, Mention
from ..registry import suites
from ..scoring.events import location_ok, score_events
from . import Rows, SuiteContext, SuiteSkipped, data_path
from .event_roles import ROLE_CHECKS, role_checks
from .keyword_baseline import baseline_events, first_place, keyword_events

SET_DIR = "eval/dev/events"
PARTS = ("dev", "frozen")
# PLOVER types of violence and protest (the owners' set B: "news snippets on violence and protest").
VIOLENCE_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN"})


@dataclasses.dataclass(slots=True)
class Prediction:
    """What one system said about one sentence: its events and the text of each event's place."""

    events: list[Event]
    place_text: dict[str, str]
    mentions: list[Mention] = dataclasses.field(default_factory=list)  # to map actor ids to gold phrases


def load_sentences(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def system_prediction(analyses: list[Analysis]) -> Prediction:
    return Prediction(events=[e for an in analyses for e in an.events],
                      place_text={p.id: p.text for an in analyses for p in an.places},
                      mentions=[m for an in analyses for m in an.mentions])


def baseline_prediction(text: str, analyses: list[Analysis]) -> Prediction:
    """Keyword events over the whole sentence; the place is the first place the places layer found."""
    places = sorted((p for an in analyses for p in an.places), key=lambda p: p.start)
    place = first_place(places, 0, len(text))
    events = [Event(id=f"kw-{h.start}-{h.type}", article_id="", type=h.type, mode=h.mode, start=h.start,
                    end=h.end, text=text[h.start:h.end], status="reported",
                    place_id=place.id if place else None,
                    place_name=(place.name or place.text) if place else None,
                    country=place.country if place else None, geonameid=place.geonameid if place else None)
              for h in keyword_events(text)]
    return Prediction(events=events, place_text={place.id: place.text} if place else {})


def pair_events(item: dict[str, Any], events: list[Event]) -> list[tuple[dict[str, Any], Event]]:
    """Gold events paired one-to-one with predicted events of the same type, nearest trigger first."""
    text = item["text"]
    cands = []
    for gi, g in enumerate(item["events"]):
        lo = text.find(g["trigger"])
        hi = lo + len(g["trigger"])
        for si, ev in enumerate(events):
            if ev.type != g["type"]:
                continue
            gap = 0 if lo < 0 or (ev.start < hi and lo < ev.end) else min(abs(ev.start - hi), abs(lo - ev.end))
            cands.append((gap, gi, si))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, gi, si in sorted(cands):
        if gi not in used_g and si not in used_s:
            used_g.add(gi)
            used_s.add(si)
            out.append((item["events"][gi], events[si]))
    return out


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def sentence_scores(items: list[dict[str, Any]], preds: dict[str, Prediction]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(headline metrics, per-type metrics) of one system over one part of the sentence set."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    any_n = any_ok = empty_n = empty_ok = 0
    checks: Counter[str] = Counter()
    pairs_n = 0
    for it in items:
        pred = preds[it["id"]]
        gold_types = {e["type"] for e in it["events"]}
        sys_types = {e.type for e in pred.events}
        for t in gold_types & sys_types:
            tp[t] += 1
        for t in sys_types - gold_types:
            fp[t] += 1
        for t in gold_types - sys_types:
            fn[t] += 1
        if gold_types:
            any_n += 1
            any_ok += int(bool(gold_types & sys_types))
        else:
            empty_n += 1
            empty_ok += int(not sys_types)
        for g, ev in pair_events(it, pred.events):
            pairs_n += 1
            checks["mode"] += int((g["mode"] or None) == (ev.mode or None))
            checks["status"] += int(g["status"] == ev.status)
            checks["location"] += int(location_ok(g["location"], ev, pred.place_text.get(ev.place_id or "")))
            checks.update({k: int(v) for k, v in role_checks(it["text"], g, ev, pred.mentions).items()})
    mp, mr, mf = _f1(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    per_type = {}
    for t in sorted(set(tp) | set(fp) | set(fn)):
        p, r, f = _f1(tp[t], fp[t], fn[t])
        per_type[t] = (round(p, 4), round(r, 4), round(f, 4))
    head: dict[str, Any] = {
        "micro_f1": round(mf, 4), "micro_precision": round(mp, 4), "micro_recall": round(mr, 4),
        "macro_f1": round(sum(v[2] for v in per_type.values()) / len(per_type), 4) if per_type else 0.0,
        "any_match": round(any_ok / any_n, 4) if any_n else None,
        "empty_clean": round(empty_ok / empty_n, 4) if empty_n else None,
        "sentences": len(items), "matched_events_n": pairs_n,
    }
    for name in ("mode", "status", "location", *ROLE_CHECKS):
        head[f"{name}_accuracy"] = round(checks[name] / pairs_n, 4) if pairs_n else None
    types = {}
    for t, (p, r, f) in per_type.items():
        types[f"{t}_p"], types[f"{t}_r"], types[f"{t}_f1"] = p, r, f
    return head, types


def predict_set(ctx: SuiteContext, items: list[dict[str, Any]]) -> tuple[dict[str, Prediction], dict[str, Prediction]]:
    """System and keyword-baseline predictions for every item of a sentence or snippet set; each
    item runs through the article pipeline on its own."""
    system: dict[str, Prediction] = {}
    base: dict[str, Prediction] = {}
    for it in items:
        analyses = ctx.analyse_text(it["text"], key=it["id"], published=it.get("published"))
        system[it["id"]] = system_prediction(analyses)
        base[it["id"]] = baseline_prediction(it["text"], analyses)
    return system, base


@suites.register("events_sentences")
def events_sentences(ctx: SuiteContext) -> Rows:
    items = load_sentences(data_path(f"{SET_DIR}/sentences.jsonl"))
    system, base = predict_set(ctx, items)
    rows: Rows = {}
    # An untuned batch (``batch`` in its items: written and frozen before any run) is scored in rows
    # of its own, so the rows of the earlier sentences stay comparable from session to session.
    for batch in sorted({it["batch"] for it in items if it.get("batch")}):
        for part in PARTS:
            sub = [it for it in items if it.get("batch") == batch and it["part"] == part]
            if not sub:
                continue  # a batch frozen whole has no dev row
            head, _ = sentence_scores(sub, system)
            bhead, _ = sentence_scores(sub, base)
            rows[f"events_sentences_{batch}.{part}"] = {**head, "baseline": bhead}
    items = [it for it in items if not it.get("batch")]
    for part in PARTS:
        sub = [it for it in items if it["part"] == part]
        head, types = sentence_scores(sub, system)
        bhead, btypes = sentence_scores(sub, base)
        rows[f"events_sentences.{part}"] = {**head, "baseline": bhead}
        rows[f"events_sentences_types.{part}"] = {**types, "baseline": btypes}
        vio = [it for it in sub if {e["type"] for e in it["events"]} & VIOLENCE_TYPES]
        vhead, vtypes = sentence_scores(vio, system)
        vbhead, vbtypes = sentence_scores(vio, base)
        vhead["macro_f1"], vbhead["macro_f1"] = _violence_macro(vtypes), _violence_macro(vbtypes)
        rows[f"events_sentences_violence.{part}"] = {**vhead, "baseline": vbhead}
    return rows


def _violence_macro(types: dict[str, Any]) -> float:
    """Mean F1 over the violence and protest types (the others in those sentences are few and noisy)."""
    f1s = [types.get(f"{t}_f1", 0.0) for t in sorted(VIOLENCE_TYPES)]
    return round(sum(f1s) / len(f1s), 4)


def _macro_f1(merged: dict[str, Any]) -> float:
    """Mean F1 over types in the gold or the output, from per-type recall counts and system counts."""
    types = {k[len("type_"):-len("_n")] for k in merged if k.startswith("type_") and k.endswith("_n")}
    types |= {k[len("type_"):-len("_sys")] for k in merged if k.startswith("type_") and k.endswith("_sys")}
    f1s = []
    for t in types:
        ok, n, ns = merged.get(f"type_{t}_ok", 0), merged.get(f"type_{t}_n", 0), merged.get(f"type_{t}_sys", 0)
        f1s.append(prf(ok, ns, n)["f1"] if n or ns else 0.0)
    return round(sum(f1s) / len(f1s), 4) if f1s else 0.0


@suites.register("events_articles")
def events_articles(ctx: SuiteContext) -> Rows:
    from ..store import Store

    folder = data_path(f"{SET_DIR}/articles")
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    if not golds:
        raise SuiteSkipped(f"no gold articles in {folder}")
    store: Store = ctx.ingest(sorted(folder.glob("*.txt")), "events_articles")
    rows: Rows = {}
    try:
        per_part: dict[str, tuple[list[dict[str, Any]], list[dict[str, Any]]]] = {p: ([], []) for p in PARTS}
        for g in golds:
            page = find_page(store, g["document"])
            if page is None:
                continue
            doc = SystemDoc(page=page, analyses=store.analyses(page), store=store)
            base = SystemDoc(page=page, analyses=[dataclasses.replace(an, events=baseline_events(an))
                                                  for an in doc.analyses], store=None)
            sys_res, base_res = per_part[g["part"]]
            sys_res.append(score_events(g, doc))
            base_res.append(score_events(g, base))
    finally:
        store.close()
    for part, (sys_res, base_res) in per_part.items():
        if not sys_res:
            continue
        merged, bmerged = merge_counts(sys_res), merge_counts(base_res)
        merged["macro_f1"], bmerged["macro_f1"] = _macro_f1(merged), _macro_f1(bmerged)
        rows[f"events_articles.{part}"] = {**merged, "baseline": bmerged}
    return rows
