#!/usr/bin/env python3
"""Where a ``wrong_type`` miss sits: on the gold trigger word, or on another word (issue 12, set A).

``tools/diagnose_events.py`` counts a missed gold (sentence, type) pair as ``wrong_type`` when the
sentence had candidates but none of the gold type at any step. This tool splits those pairs by where
the gold's own trigger words stand in the parse:

- ``on_trigger``: a candidate sits on the gold trigger's words but the lexicon or a rule typed it
  otherwise ("visited" CONSULT where the gold reads an inquiry, ACCUSE);
- ``off_trigger``: no candidate sits on those words at all; the sentence's candidates are other
  words. The words that tell the act were not read (no entry, or a frame no entry has), so no rule
  that picks among candidates (one per clause, coordination, folding) can bring the type back;

and by the output of the sentence: ``confused`` (a type the gold lacks was output), ``partial``
(only gold types were output), ``nothing_out`` (no event survived; the diagnose tool counts these as
``partial``). The head of the gold trigger (its syntactic root inside the sentence) is given as
part of speech and dependency, with its head word.

DEV items are listed one per line (``--show dev``); frozen items are counted, never listed
(FROZEN.md). Same runs as the diagnose tool (``diagnose_events.instrument``).

Usage::

    python tools/event_wrong_type.py [--set snippets] [--show dev]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

# One entry per parsed sentence of the item being run: (text, tokens, candidates).
DOCS: list[tuple[str, list[tuple[str, int, str, str, int]], list[tuple[str, int, str]]]] = []


def _record_candidates() -> None:
    """Wrap the (already instrumented) tagger so each parsed sentence's candidates are kept as plain data."""
    from presslens.layers.events import triggers

    inner = triggers.EventTagger.__call__

    def call(self: Any, doc: Any) -> Any:
        toks = [(t.text, t.idx, t.pos_, t.dep_, t.head.i) for t in doc]
        cands = [(c.type, c.head, c.rules[0] if c.rules else "?") for c in self.candidates(doc)]
        DOCS.append((doc.text, toks, cands))
        return inner(self, doc)

    triggers.EventTagger.__call__ = call  # type: ignore[method-assign]


def _where(trigger: str) -> tuple[str, str, list[str]]:
    """(on_trigger / off_trigger / unlocated, head description, candidates on the trigger)."""
    for text, toks, cands in DOCS:
        k = text.find(trigger)
        if k < 0:
            k = text.lower().find(trigger.lower())
        if k < 0 or not trigger:
            continue
        inside = [i for i, t in enumerate(toks) if k <= t[1] < k + len(trigger)]
        if not inside:
            continue
        root = next(i for i in inside if toks[i][4] not in inside or toks[i][4] == i)
        word, _, pos, dep, head = toks[root]
        desc = f"{word}/{pos}/{dep}<-{toks[head][0]}"
        on = [f"{ty}:{toks[h][0]}({rule})" for ty, h, rule in cands if h in inside]
        return ("on_trigger" if on else "off_trigger"), desc, on
    return "unlocated", "-", []


def run(which: str, show: bool) -> tuple[Counter[tuple[str, ...]], dict[tuple[str, str], set[str]], list[str]]:
    import diagnose_events as diag

    from presslens.eval import SuiteContext
    from presslens.settings import load_settings

    diag.instrument()
    _record_candidates()
    items = [json.loads(x) for x in diag.SETS[which].read_text(encoding="utf-8").splitlines() if x.strip()]
    counts: Counter[tuple[str, ...]] = Counter()
    stories: dict[tuple[str, str], set[str]] = {}
    listing: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        ctx = SuiteContext(settings=load_settings(), tmp=Path(tmp))
        for it in items:
            diag.reset()
            DOCS.clear()
            analyses = ctx.analyse_text(it["text"], key=it["id"], published=it.get("published"))
            final = {e.type for an in analyses for e in an.events}
            gold = {e["type"] for e in it["events"]}
            for t in sorted(gold - final):
                if diag.lost_at(t, diag.TRACE) != "wrong_type":
                    continue
                g = next(e for e in it["events"] if e["type"] == t)
                where, desc, on = _where(g.get("trigger") or "")
                kind = "confused" if final - gold else ("partial" if final else "nothing_out")
                counts[(it["part"], where, kind)] += 1
                stories.setdefault((it["part"], where), set()).add(it["id"].rsplit("-s", 1)[0])
                if show and it["part"] == "dev":
                    listing.append(f"{t:9s} {where:11s} {kind:11s} {it['id']}: {g.get('trigger')!r} head={desc} "
                                   f"on_trigger={on} out={sorted(final)}")
    return counts, stories, listing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=["sentences", "snippets"], default="sentences")
    ap.add_argument("--show", choices=["dev"], help="list the dev part's wrong_type pairs")
    args = ap.parse_args()
    counts, stories, listing = run(args.set, args.show == "dev")
    print("where | output | dev | frozen\n---|---|---|---")
    for where in ("on_trigger", "off_trigger", "unlocated"):
        for kind in ("confused", "partial", "nothing_out"):
            d, f = counts.get(("dev", where, kind), 0), counts.get(("frozen", where, kind), 0)
            if d or f:
                print(f"{where} | {kind} | {d} | {f}")
    for where in ("on_trigger", "off_trigger", "unlocated"):
        d, f = len(stories.get(("dev", where), ())), len(stories.get(("frozen", where), ()))
        if d or f:
            print(f"{where} | stories | {d} | {f}")
    for line in listing:
        print(line)


if __name__ == "__main__":
    main()
