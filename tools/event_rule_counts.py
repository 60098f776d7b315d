#!/usr/bin/env python3
"""How many dev items each named events rule of one area acts on, and what switching it off does.

Rule hygiene (issue 12): a rule that acts on one or two dev items only may be fitted to those
sentences. For every rule registered in the chosen modules of ``layers/events/`` (by default the
violence/protest area: scope, force, modes, location, place, toponyms) the tool counts the items of
a set where the rule **acted**:

- a ``sense`` rule when it vetoed a trigger or changed its type or mode;
- any other rule (``trigger``, ``mode``, ``place``, ``list``) when its name is in an output event's
  ``rules`` (the events layer records the rule that gave a type, a mode or a place).

``--ablate N`` then switches off, one at a time, every rule that acted on at most N dev items and
re-scores the whole set (``events_dev.sentence_scores``, as the suites score it): micro-F1, mode and
location accuracy, dev and frozen, rule on -> off. Frozen items are counted and scored in aggregate
only (FROZEN.md); ``--show`` lists the ids of dev items only.

A switched-off rule behaves as if it did not match: a sense rule passes the trigger through, a
trigger or mode rule returns nothing, a place rule finds no place (the next rule in line runs).

Usage::

    python tools/event_rule_counts.py [--set snippets|sentences] [--modules scope force ...]
                                      [--ablate N] [--show] [--json out.json]
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SETS = {"sentences": ROOT / "eval/dev/events/sentences.jsonl",
        "snippets": ROOT / "eval/dev/events_snippets/snippets.jsonl"}
AREA = ("scope", "force", "modes", "location", "place", "toponyms")
sys.path.insert(0, str(Path(__file__).resolve().parent))
# One switch for "a sense rule acted / is off", shared with the sentence-set ablation tool.
from ablate_event_rules import DISABLED, FIRED  # noqa: E402
from ablate_event_rules import _wrap as _sense_wrap  # noqa: E402


def _wrap(name: str, step: str, func: Any) -> Any:
    if step == "sense":
        return _sense_wrap(name, step, func)
    off: Any = {"place": [], "list": None}.get(step)

    def other(*a: Any, **k: Any) -> Any:
        if name in DISABLED:
            return a[0] if step == "list" else off
        return func(*a, **k)
    return other


def instrument(modules: list[str]) -> list[tuple[str, str, str]]:
    """Replace each rule of ``modules`` by a switchable wrapper everywhere the layer refers to it
    (the registry, module globals, and tuples of rules such as ``PLACE_RULES``)."""
    import presslens.layers.events as pkg
    from presslens.layers.events import triggers  # noqa: F401  (registers every rule)
    from presslens.layers.events.rules import RULES, Rule

    mods = [importlib.import_module(f"{pkg.__name__}.{m.name}") for m in pkgutil.iter_modules(pkg.__path__)]
    out = []
    for name, r in list(RULES.items()):
        home = r.func.__module__.rsplit(".", 1)[-1]
        if home not in modules:
            continue
        w = _wrap(name, r.step, r.func)
        RULES[name] = Rule(name, r.step, w)
        for m in mods:
            for attr, val in list(vars(m).items()):
                if val is r.func:
                    setattr(m, attr, w)
                elif isinstance(val, tuple) and any(v is r.func for v in val):
                    setattr(m, attr, tuple(w if v is r.func else v for v in val))
        out.append((name, r.step, home))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=sorted(SETS), default="snippets")
    ap.add_argument("--modules", nargs="+", default=list(AREA))
    ap.add_argument("--ablate", type=int, default=0, help="switch off rules acting on at most N dev items")
    ap.add_argument("--show", action="store_true", help="list the dev item ids of rules acting on <= 3")
    ap.add_argument("--json", help="write the table here")
    args = ap.parse_args()
    rules = instrument(args.modules)
    names = {n for n, _, _ in rules}
    from presslens.eval import SuiteContext
    from presslens.eval.events_dev import PARTS, sentence_scores, system_prediction
    from presslens.settings import load_settings

    items = [json.loads(x) for x in SETS[args.set].read_text(encoding="utf-8").splitlines() if x.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        ctx = SuiteContext(settings=load_settings(), tmp=Path(tmp))

        def run(sub: list[dict[str, Any]]) -> dict[str, Any]:
            return {it["id"]: system_prediction(ctx.analyse_text(it["text"], key=it["id"],
                                                                 published=it.get("published")))
                    for it in sub}

        acted: dict[str, list[str]] = defaultdict(list)
        base: dict[str, Any] = {}
        for it in items:
            FIRED.clear()
            base.update(run([it]))
            used = set(FIRED) | {r for e in base[it["id"]].events for r in getattr(e, "rules", []) if r in names}
            for n in used:
                acted[n].append(it["id"])

        def scores(preds: dict[str, Any]) -> dict[str, dict[str, Any]]:
            out = {}
            for p in PARTS:
                head, _ = sentence_scores([it for it in items if it["part"] == p], preds)
                out[p] = {k: head.get(k) for k in ("micro_f1", "mode_accuracy", "location_accuracy")}
            return out

        part = {it["id"]: it["part"] for it in items}
        table = []
        for name, step, home in rules:
            ids = acted.get(name, [])
            nd = sum(part[i] == "dev" for i in ids)
            row: dict[str, Any] = {"rule": name, "module": home, "step": step, "dev": nd, "frozen": len(ids) - nd}
            if args.show and 0 < nd <= 3:
                row["dev_ids"] = [i for i in ids if part[i] == "dev"]
            table.append(row)
        print(f"set {args.set}: {sum(p == 'dev' for p in part.values())} dev / "
              f"{sum(p == 'frozen' for p in part.values())} frozen items")
        print("rule | module | step | dev items | frozen items")
        for row in sorted(table, key=lambda r: (r["dev"], r["rule"])):
            extra = f"  {row['dev_ids']}" if "dev_ids" in row else ""
            print(f"{row['rule']} | {row['module']} | {row['step']} | {row['dev']} | {row['frozen']}{extra}")
        if args.ablate:
            on = scores(base)
            print(f"\nall rules on: {json.dumps(on)}")
            print("rule off | dev micro / mode / location | frozen micro / mode / location")
            for row in table:
                if not 0 < row["dev"] <= args.ablate:
                    continue
                DISABLED.add(row["rule"])
                preds = dict(base)
                preds.update(run([it for it in items if it["id"] in set(acted[row["rule"]])]))
                DISABLED.discard(row["rule"])
                row["off"] = off = scores(preds)
                print(f"{row['rule']} | " + " | ".join(
                    " / ".join(str(off[p][k]) for k in ("micro_f1", "mode_accuracy", "location_accuracy"))
                    for p in PARTS), flush=True)
        if args.json:
            Path(args.json).write_text(json.dumps(table, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
