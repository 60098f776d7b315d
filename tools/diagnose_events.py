#!/usr/bin/env python3
"""Where the events layer loses (sentence, type) pairs: counts per step, per part.

Runs every sentence of ``eval/dev/events/sentences.jsonl`` through the article pipeline with the
trigger step instrumented, and sorts each **missed** gold (sentence, type) pair by the step where
that type was lost:

- ``no_candidate``: the lexicon and trigger rules proposed nothing at all in the sentence;
- ``wrong_type``: candidates existed, none of the gold type at any step;
- ``sense_veto`` / ``sense_retype``: a candidate of the type was vetoed, or retyped away, by a sense rule;
- ``list_rule``: dropped or retyped by a list rule (merging.py);
- ``modality_fold`` / ``modality_retype``: folded into an embedding event, or retyped by modality;
- ``learned_check``: dropped by the learned check (learned.py);
- ``stage_filter``: dropped by another check in ``stage.events_in`` (SUPPORT nouns, no_obj, ...);
- ``discourse``: dropped while merging a page's events (discourse.py);

and each **spurious** pair (a type output that the gold lacks) by the kind of rule that first
proposed it (``plover`` lexicon entry, ``cameo`` pattern or bare verb, a named trigger rule) and
whether a modality rule changed it. Per-type precision/recall for each part come with it.

Frozen items are reported in aggregate only (FROZEN.md): ``--show dev`` lists dev items by category;
there is no way to list frozen ones.

``--set snippets`` runs the violence and protest snippet set (``eval/dev/events_snippets/``) instead.
For every gold event paired with an output event of its type (``events_dev.pair_events``, as the
suites pair them) the tool also counts **mode** errors per type (gold mode set, output none / output
set, gold none / both set and different) and **location** errors per type (no place / a place the gold
lacks / another place), aggregate only.

Per type, the keyword baseline's counts (``eval.events_dev.baseline_prediction``, the suites' baseline)
are printed beside presslens's, with macro-F1 over three type sets (``MACRO_SETS``): the union of gold
and output types (the suites' ``macro_f1``), the gold types only, and the violence types.

Usage::

    python tools/diagnose_events.py [--set snippets] [--batch s18] [--show dev] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SETS = {"sentences": ROOT / "eval/dev/events/sentences.jsonl",
        "snippets": ROOT / "eval/dev/events_snippets/snippets.jsonl"}
STEPS = ("no_candidate", "wrong_type", "sense_veto", "sense_retype", "list_rule", "modality_fold",
         "modality_retype", "learned_check", "stage_filter", "discourse", "other")

VIOLENCE = frozenset({"ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "THREATEN"})
# What the instrumented tagger saw for the sentence being analysed.
TRACE: dict[str, Any] = {}


def _origin(rules: list[str]) -> str:
    first = rules[0] if rules else "?"
    return first.split(":", 1)[0]


def instrument() -> None:
    """Wrap the tagger's call, the learned check and the stage so that each step's types are recorded."""
    from presslens.layers.events import learned, modality, modes, stage, triggers
    from presslens.layers.events.rules import rules_of

    def tagger_call(self: Any, doc: Any) -> Any:
        cands = self.candidates(doc)
        TRACE["cand"] |= {t.type for t in cands}
        found = []
        for trig in cands:
            tok = doc[trig.head]
            t0 = trig.type
            for r in self.senses:
                before = (trig.type, trig.mode)
                if r.func(trig, tok) is None:
                    TRACE["sense_veto"].add(t0)
                    break
                if (trig.type, trig.mode) != before:
                    trig.rules.append(r.name)
            else:
                if trig.type != t0:
                    TRACE["sense_retype"].add(t0)
                found.append(trig)
        TRACE["post_sense"] |= {t.type for t in found}
        for r in rules_of("list"):
            found = r.func(found, doc)
        TRACE["post_list"] |= {t.type for t in found}
        before = {id(t): t.type for t in found}
        out = modality.apply(found, doc)
        for t in out:
            if id(t) in before and t.folded:
                TRACE["modality_fold"].add(before[id(t)])
            elif id(t) in before and t.type != before[id(t)]:
                TRACE["modality_retype"].add(before[id(t)])
        found = [t for t in out if not t.folded]
        for t in found:
            modes.apply(t, doc[t.head])
            TRACE["origin"].setdefault(t.type, (_origin(t.rules), any(r.startswith(("modality", "intent", "negation",
                                                                                     "future", "condition"))
                                                                       for r in t.rules)))
        TRACE["tagger"] |= {t.type for t in found}
        doc._.events = sorted(found, key=lambda t: t.start)
        return doc

    triggers.EventTagger.__call__ = tagger_call  # type: ignore[method-assign]

    orig_features = learned.features

    def features(ctx: Any, head: Any, trig: Any, *a: Any, **k: Any) -> Any:
        TRACE["judging"] = trig.type
        return orig_features(ctx, head, trig, *a, **k)

    learned.features = features  # type: ignore[assignment]
    orig_keep = learned.EventFilter.keep

    def keep(self: Any, feats: Any) -> bool:
        ok = orig_keep(self, feats)
        if not ok:
            TRACE["learned_drop"].add(TRACE.get("judging"))
        return ok

    learned.EventFilter.keep = keep  # type: ignore[method-assign]
    orig_events_in = stage.EventsStage.events_in

    def events_in(self: Any, ctx: Any, seq0: int = 0) -> Any:
        evs = orig_events_in(self, ctx, seq0)
        TRACE["stage"] |= {e.type for e in evs}
        for e in evs:
            h = ctx.heads.get(e.id)
            if h is not None:
                kind = "verb" if h.pos_ in ("VERB", "AUX") else f"noun:{h.dep_}"
                if h.dep_ == "pobj":
                    kind += f":{h.head.lower_}"
                kind += "|args" if (e.actors or e.recipients) else "|noargs"
                TRACE["status"].setdefault(e.type, set()).add(e.status)
                TRACE["feats"].setdefault(e.type, set()).update(_features(h))
                TRACE["heads"].setdefault(e.type, set()).add(kind)
        return evs

    stage.EventsStage.events_in = events_in  # type: ignore[method-assign]


def reset() -> None:
    TRACE.clear()
    for k in ("cand", "sense_veto", "sense_retype", "post_sense", "post_list", "modality_fold", "modality_retype",
              "tagger", "learned_drop", "stage"):
        TRACE[k] = set()
    TRACE["origin"] = {}
    TRACE["heads"] = {}
    TRACE["status"] = {}
    TRACE["feats"] = {}


def _features(h: Any) -> set[str]:
    """Structural features of an output event's trigger head, to find where precision is low."""
    from presslens.layers.events.senses import is_agent
    from presslens.layers.syntax import subject

    out = {f"dep={h.dep_}"}
    if h.pos_ in ("VERB", "AUX"):
        out.add(f"tag={h.tag_}")
        out.add(f"tagdep={h.tag_}/{h.dep_}")
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in h.children):
            out.add("modal")
        if any(c.dep_ == "auxpass" for c in h.children):
            out.add("passive")
        subj = subject(h).token
        out.add(f"subjlemma={subj.lemma_.lower() if subj is not None else '-'}")
        out.add("subj=" + ("none" if subj is None else "pron" if subj.pos_ == "PRON" else
                           "agent" if is_agent(subj) else "other"))
        return {"verb:" + f for f in out}
    dets = [c for c in h.children if c.dep_ in ("det", "poss", "nummod")]
    det = "none" if not dets else dets[0].dep_ if dets[0].dep_ != "det" else (
        "def" if dets[0].lower_ in ("the", "this", "that", "these", "those") else "indef")
    out |= {f"det={det}", "plural" if h.tag_ in ("NNS", "NNPS") else "singular"}
    if h.dep_ == "pobj":
        out.add(f"prep={h.head.lower_}/det={det}")
    if any(c.dep_ in ("amod", "compound") for c in h.children):
        out.add("modified")
    return {"noun:" + f for f in out}


def _head_kind(kinds: set[str]) -> str:
    """A (sentence, type) pair is verbal when any of its events has a verb head."""
    if not kinds:
        return "none"
    verb = sorted(k for k in kinds if k.startswith("verb"))
    return verb[-1] if verb else sorted(kinds)[-1]


def lost_at(t: str, tr: dict[str, Any]) -> str:
    """The step where gold type ``t`` was lost in one sentence's trace."""
    if not tr["cand"]:
        return "no_candidate"
    seen = tr["cand"] | tr["post_sense"] | tr["post_list"] | tr["tagger"]
    if t not in seen:
        return "wrong_type"
    if t not in tr["post_sense"]:
        return "sense_veto" if t in tr["sense_veto"] else "sense_retype"
    if t not in tr["post_list"]:
        return "list_rule"
    if t not in tr["tagger"]:
        return "modality_fold" if t in tr["modality_fold"] else "modality_retype"
    if t not in tr["stage"]:
        return "learned_check" if t in tr["learned_drop"] else "stage_filter"
    return "discourse"


def _mode_error(gold: str | None, out: str | None) -> str:
    if not gold:
        return "out_mode_gold_none"
    return "out_none" if not out else "other_mode"


def _place_error(gold: Any, ok: bool, out_place: str | None) -> str:
    if ok:
        return "ok"
    if not out_place:
        return "out_none"
    return "gold_none" if not gold else "other_place"


def run(show: str | None, which: str = "sentences", batch: str | None = None) -> dict[str, Any]:
    from presslens.eval import SuiteContext
    from presslens.eval.events_dev import baseline_prediction, pair_events, system_prediction
    from presslens.scoring.events import location_ok
    from presslens.settings import load_settings

    if not os.environ.get("DIAG_PLAIN"):
        instrument()
    items = [json.loads(x) for x in SETS[which].read_text(encoding="utf-8").splitlines() if x.strip()]
    if batch is not None:  # one untuned batch ("s18"), or "-" for the sentences in no batch
        items = [it for it in items if it.get("batch", "-") == batch]
    miss: dict[str, Counter[str]] = defaultdict(Counter)
    miss_type: dict[str, Counter[str]] = defaultdict(Counter)
    spur: dict[str, Counter[str]] = defaultdict(Counter)
    tp: dict[str, Counter[str]] = defaultdict(Counter)
    fp: dict[str, Counter[str]] = defaultdict(Counter)
    fn: dict[str, Counter[str]] = defaultdict(Counter)
    # The keyword baseline's (snippet, type) counts per part, so each type's figure has its floor beside it.
    btp: dict[str, Counter[str]] = defaultdict(Counter)
    bfp: dict[str, Counter[str]] = defaultdict(Counter)
    bfn: dict[str, Counter[str]] = defaultdict(Counter)
    listing: list[str] = []
    heads: dict[str, Counter[str]] = defaultdict(Counter)
    checks: dict[str, Counter[str]] = defaultdict(Counter)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = SuiteContext(settings=load_settings(), tmp=Path(tmp))
        for n, it in enumerate(items):
            reset()
            analyses = ctx.analyse_text(it["text"], key=it["id"], published=it.get("published"))
            part = it["part"]
            gold = {e["type"] for e in it["events"]}
            final = {e.type for an in analyses for e in an.events}
            pred = system_prediction(analyses)
            base = {e.type for e in baseline_prediction(it["text"], analyses).events}
            for t in gold & base:
                btp[part][t] += 1
            for t in base - gold:
                bfp[part][t] += 1
            for t in gold - base:
                bfn[part][t] += 1
            for g, ev in pair_events(it, pred.events):
                checks[part][f"mode:{g['type']}:n"] += 1
                if (g["mode"] or None) != (ev.mode or None):
                    checks[part][f"mode:{g['type']}:" + _mode_error(g["mode"], ev.mode)] += 1
                    checks[part][f"mode-pair:{g['type']}:{g['mode'] or '-'}->{ev.mode or '-'}"] += 1
                    if part == show == "dev":
                        listing.append(f"MODE {g['type']:10s} {g['mode']} -> {ev.mode} {it['id']}: {ev.text}")
                where = pred.place_text.get(ev.place_id or "")
                ok = location_ok(g["location"], ev, where)
                checks[part][f"place:{g['type']}:" + _place_error(g["location"], ok, ev.place_name or where)] += 1
                if not ok and part == show == "dev":
                    listing.append(f"PLACE {g['type']:10s} {g['location']} -> {ev.place_name}/{where} {it['id']}: "
                                   f"{it['text']}")
            for t in gold & final:
                tp[part][t] += 1
                heads[part]["tp:" + _head_kind(TRACE["heads"].get(t, set()))] += 1
                for f in TRACE["feats"].get(t, ()):
                    heads[part][f"feat:{t in VIOLENCE}:{f}:tp"] += 1
                if part == show == "dev" and os.environ.get("DIAG_TP"):
                    listing.append(f"TRUE {t:10s} {it['id']}: {it['text']}  {sorted(TRACE['feats'].get(t, ()))}")
                heads[part]["tp-status:" + ",".join(sorted(TRACE["status"].get(t, set())))] += 1
            for t in gold - final:
                fn[part][t] += 1
                step = lost_at(t, TRACE)
                miss[part][step] += 1
                if step == "wrong_type":  # confused with a type the gold lacks, or another event missed
                    miss[part]["wrong_type/" + ("confused" if final - gold else "partial")] += 1
                miss_type[part][f"{t}:{step}"] += 1
                if part == show == "dev":
                    listing.append(f"MISS {t:10s} {step:15s} {it['id']}: {it['text']}  [out: {sorted(final)}]")
            for t in final - gold:
                fp[part][t] += 1
                origin, modal = TRACE["origin"].get(t, ("discourse", False))
                spur[part][f"{origin}{'+modality' if modal else ''}"] += 1
                kind = "gold_empty" if not gold else ("confusion" if gold - final else "extra")
                spur[part]["kind/" + kind] += 1
                heads[part]["fp:" + _head_kind(TRACE["heads"].get(t, set()))] += 1
                heads[part][f"fp-type:{t}:{origin}:" + _head_kind(TRACE["heads"].get(t, set())).split(":")[0]] += 1
                for f in TRACE["feats"].get(t, ()):
                    heads[part][f"feat:{t in VIOLENCE}:{f}:fp"] += 1
                heads[part]["fp-status:" + ",".join(sorted(TRACE["status"].get(t, set())))] += 1
                if part == show == "dev":
                    listing.append(f"SPUR {t:10s} {origin:15s} {it['id']}: {it['text']}  [gold: {sorted(gold)}] "
                                   f"{sorted(TRACE['feats'].get(t, ()))}")
            if n % 100 == 0:
                print(f"{n}/{len(items)}", file=sys.stderr)
    per_type: dict[str, dict[str, Any]] = {}
    for part in ("dev", "frozen"):
        types = sorted(set(tp[part]) | set(fp[part]) | set(fn[part]))
        per_type[part] = {t: {"tp": tp[part][t], "fp": fp[part][t], "fn": fn[part][t]} for t in types}
        btypes = sorted(set(btp[part]) | set(bfp[part]) | set(bfn[part]))
        per_type[f"{part}_baseline"] = {t: {"tp": btp[part][t], "fp": bfp[part][t], "fn": bfn[part][t]}
                                        for t in btypes}
    return {"missed": {p: dict(c) for p, c in miss.items()}, "missed_by_type": {p: dict(c) for p, c in miss_type.items()},
            "spurious": {p: dict(c) for p, c in spur.items()}, "per_type": per_type, "listing": listing,
            "heads": {p: dict(c) for p, c in heads.items()}, "checks": {p: dict(c) for p, c in checks.items()}}


def _f1(c: dict[str, int]) -> tuple[float, float, float]:
    tp, fp, fn = c.get("tp", 0), c.get("fp", 0), c.get("fn", 0)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _prf_cell(c: dict[str, int]) -> str:
    if not c:
        return "-"
    p, r, f = _f1(c)
    return f"{c.get('tp', 0)}/{c.get('fp', 0)}/{c.get('fn', 0)} {p:.2f}/{r:.2f}/{f:.2f}"


# Which types a macro average is taken over: ``union`` is the suites' (and sklearn's, labels unset) mean
# over every type in the gold or the output; ``gold`` only the types with gold pairs (a type only ever
# output falsely then costs nothing in macro, only in micro); ``violence`` the suites' violence macro.
MACRO_SETS = ("union", "gold", "violence")


def macro(counts: dict[str, dict[str, int]], over: str) -> float:
    if over == "union":
        types = [t for t, c in counts.items() if any(c.values())]
    elif over == "gold":
        types = [t for t, c in counts.items() if c.get("tp", 0) + c.get("fn", 0)]
    else:
        types = [t for t, c in counts.items() if t in VIOLENCE and any(c.values())]
    return sum(_f1(counts[t])[2] for t in types) / len(types) if types else 0.0


def table(res: dict[str, Any]) -> str:
    lines = ["step | dev | frozen", "---|---|---"]
    for s in [*STEPS, "wrong_type/confused", "wrong_type/partial"]:
        d, f = res["missed"].get("dev", {}).get(s, 0), res["missed"].get("frozen", {}).get(s, 0)
        if d or f:
            lines.append(f"{s} | {d} | {f}")
    lines += ["", "spurious origin | dev | frozen", "---|---|---"]
    for o in sorted(set(res["spurious"].get("dev", {})) | set(res["spurious"].get("frozen", {}))):
        lines.append(f"{o} | {res['spurious'].get('dev', {}).get(o, 0)} | {res['spurious'].get('frozen', {}).get(o, 0)}")
    lines += ["", "trigger head of output pairs | dev | frozen", "---|---|---"]
    for o in sorted(set(res["heads"].get("dev", {})) | set(res["heads"].get("frozen", {}))):
        lines.append(f"{o} | {res['heads'].get('dev', {}).get(o, 0)} | {res['heads'].get('frozen', {}).get(o, 0)}")
    pt = res["per_type"]
    lines += ["", "type | dev tp/fp/fn P/R/F1 | keyword dev | frozen tp/fp/fn P/R/F1 | keyword frozen",
              "---|---|---|---|---"]
    for t in sorted(set().union(*pt.values())):
        lines.append(f"{t} | " + " | ".join(_prf_cell(pt.get(k, {}).get(t, {}))
                                              for k in ("dev", "dev_baseline", "frozen", "frozen_baseline")))
    lines += ["", "macro-F1 (mean over a type set) | dev | keyword dev | frozen | keyword frozen", "---|---|---|---|---"]
    for name in MACRO_SETS:
        lines.append(f"{name} | " + " | ".join(f"{macro(pt.get(k, {}), name):.3f}"
                                               for k in ("dev", "dev_baseline", "frozen", "frozen_baseline")))
    for title, key in (("missed type:step", "missed_by_type"), ("paired-event check", "checks")):
        lines += ["", f"{title} | dev | frozen", "---|---|---"]
        dev, fro = res[key].get("dev", {}), res[key].get("frozen", {})
        for o in sorted(set(dev) | set(fro)):
            lines.append(f"{o} | {dev.get(o, 0)} | {fro.get(o, 0)}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", choices=["dev"], help="list the dev part's missed and spurious pairs")
    ap.add_argument("--json", type=Path, help="write the counts as JSON")
    ap.add_argument("--set", choices=sorted(SETS), default="sentences", help="which gold set to diagnose")
    ap.add_argument("--batch", help="only the sentences of this batch (e.g. s18); '-' for those in no batch")
    args = ap.parse_args()
    res = run(args.show, args.set, args.batch)
    print(table(res))
    for line in res.pop("listing"):
        print(line)
    if args.json:
        args.json.write_text(json.dumps(res, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main()
