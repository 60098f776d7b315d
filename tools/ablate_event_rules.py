#!/usr/bin/env python3
"""What each sense and list rule of the events layer is worth: counts only, one rule off at a time.

A baseline run over ``eval/dev/events/sentences.jsonl`` records, per sentence, the PLOVER types found
and which sense/list rules changed something (vetoed, retyped, dropped or added a trigger). Then each
rule is switched off in turn and only the sentences it changed are run again. Printed per rule: how
many dev / frozen sentences it touches, and what switching it off does to (sentence, type) pairs:
true positives gained/lost and spurious pairs gained/lost on dev, and the frozen part's micro-F1
with the rule off (the aggregate only: frozen items are never listed, FROZEN.md).

A rule whose removal leaves the frozen aggregate as it is (or raises it) while it only adds on dev
is fitted to the dev part rather than general.

Usage::

    python tools/ablate_event_rules.py [--steps sense list] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = ROOT / "eval/dev/events/sentences.jsonl"
DISABLED: set[str] = set()
FIRED: set[str] = set()


def _wrap(name: str, step: str, func: Any) -> Any:
    if step == "sense":
        def sense(trig: Any, tok: Any) -> Any:
            if name in DISABLED:
                return trig
            before = (trig.type, trig.mode)
            out = func(trig, tok)
            if out is None or (out.type, out.mode) != before:
                FIRED.add(name)
            return out
        return sense

    def listed(triggers: list[Any], doc: Any) -> Any:
        if name in DISABLED:
            return triggers
        before = [(t.start, t.type, t.mode, t.folded) for t in triggers]
        out = func(triggers, doc)
        if [(t.start, t.type, t.mode, t.folded) for t in out] != before:
            FIRED.add(name)
        return out
    return listed


def instrument(steps: list[str]) -> list[str]:
    from presslens.layers.events import triggers  # noqa: F401  (registers every rule)
    from presslens.layers.events.rules import RULES, Rule

    names = []
    for name, r in list(RULES.items()):
        if r.step in steps:
            RULES[name] = Rule(name, r.step, _wrap(name, r.step, r.func))
            names.append(name)
    return names


def instrument_modality() -> list[str]:
    """Modality classes ("modality:threat" ...) and status rules ("status:negation" ...) as pseudo-rules:
    off = the class's words embed nothing / the status rule is skipped."""
    from presslens.layers.events import modality

    orig_class_of = modality.class_of
    orig_apply = modality.apply
    status = modality._status_rules()

    def class_of(tok: Any) -> str | None:
        c = orig_class_of(tok)
        return None if c is not None and f"modality:{c}" in DISABLED else c

    def status_rules() -> tuple[Any, ...]:
        return tuple(r for r in status if f"status:{r.__name__}" not in DISABLED)

    def apply(triggers: list[Any], doc: Any) -> list[Any]:
        out = orig_apply(triggers, doc)
        for t in out:
            for r in t.rules:
                if r.startswith(("modality-fold:", "modality-status:")):
                    FIRED.add("modality:" + r.split(":", 1)[1])
                elif r == "modality-failure":
                    FIRED.add("modality:failure")
                elif r in ("negation", "condition", "future"):
                    FIRED.add("status:" + r)
        return out

    modality.class_of = class_of  # type: ignore[assignment]
    modality._status_rules = status_rules  # type: ignore[assignment]
    modality.apply = apply  # type: ignore[assignment]
    return [f"modality:{c}" for c in modality.data()["classes"]] + [f"status:{r.__name__}" for r in status]


def _prf(tp: int, fp: int, fn: int) -> float:
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return round(2 * p * r / max(1e-9, p + r), 4)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", nargs="+", default=["sense", "list"])
    ap.add_argument("--only", nargs="*", help="only these rules")
    args = ap.parse_args()
    names = instrument([x for x in args.steps if x != "modality"])
    if "modality" in args.steps:
        names += instrument_modality()
    if args.only:
        names = [n for n in names if n in args.only]
    from presslens.eval import SuiteContext
    from presslens.settings import load_settings

    items = [json.loads(x) for x in SENTENCES.read_text(encoding="utf-8").splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        ctx = SuiteContext(settings=load_settings(), tmp=Path(tmp))

        def types_of(it: dict[str, Any]) -> set[str]:
            ans = ctx.analyse_text(it["text"], key=it["id"], published=it.get("published"))
            return {e.type for an in ans for e in an.events}

        base: list[set[str]] = []
        touched: dict[str, list[int]] = defaultdict(list)
        for i, it in enumerate(items):
            FIRED.clear()
            base.append(types_of(it))
            for n in FIRED:
                touched[n].append(i)
        gold = [{e["type"] for e in it["events"]} for it in items]
        tot = {p: [0, 0, 0] for p in ("dev", "frozen")}
        for it, g, b in zip(items, gold, base, strict=True):
            c = tot[it["part"]]
            c[0] += len(g & b)
            c[1] += len(b - g)
            c[2] += len(g - b)
        print("baseline micro-F1 dev", _prf(*tot["dev"]), "frozen", _prf(*tot["frozen"]))
        print("rule | sentences dev/frozen | off: dev tp +/-, spurious +/- | dev micro off | frozen micro off")
        for name in names:
            idx = touched.get(name, [])
            if not idx:
                continue
            DISABLED.add(name)
            d = {p: list(tot[p]) for p in tot}
            gain: dict[str, int] = defaultdict(int)
            for i in idx:
                it, g, b = items[i], gold[i], base[i]
                a = types_of(it)
                c = d[it["part"]]
                c[0] += len(g & a) - len(g & b)
                c[1] += len(a - g) - len(b - g)
                c[2] += len(g - a) - len(g - b)
                if it["part"] == "dev":
                    gain["tp+"] += len((g & a) - b)
                    gain["tp-"] += len((g & b) - a)
                    gain["fp+"] += len((a - g) - b)
                    gain["fp-"] += len((b - g) - a)
            DISABLED.discard(name)
            nd = sum(items[i]["part"] == "dev" for i in idx)
            print(f"{name} | {nd}/{len(idx) - nd} | +{gain['tp+']}/-{gain['tp-']}, +{gain['fp+']}/-{gain['fp-']} | "
                  f"{_prf(*d['dev'])} | {_prf(*d['frozen'])}", flush=True)


if __name__ == "__main__":
    main()
