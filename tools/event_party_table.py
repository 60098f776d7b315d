#!/usr/bin/env python3
"""Do the parties of an output event tell a told act from a false one? (counts only, DEV parts)

Runs every DEV item of the sentence set and of the snippet set through the pipeline and sorts each
output event by the kind of its (sentence, type) pair — ``true`` (its type is a gold type of the
item), ``gold_empty`` (the item's gold has no event), ``other`` (the gold has other types) — and by
what the actors layer made of its parties (named actors, recipients and the generic agents of rule
``agent-fallback``):

- ``none``: no party in any slot;
- ``political``: a state body (type GOV), an actor with a CAMEO sector, or a registered person;
- ``unregistered``: only persons or organisations minted for an unknown name, with no sector (the
  people, patients, companies and funeral homes of question (a), docs/events.md session 26).

Frozen items are never run here (FROZEN.md). ``--list`` prints the dev events of one kind.

Usage::

    python tools/event_party_table.py [--list gold_empty]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETS = {"sentences": ROOT / "eval/dev/events/sentences.jsonl",
        "snippets": ROOT / "eval/dev/events_snippets/snippets.jsonl"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--list", default=None, help="print the dev events of this kind (true, gold_empty, other)")
    args = ap.parse_args()
    from presslens.eval import SuiteContext
    from presslens.layers.actors.registry import registry_for
    from presslens.settings import load_settings

    settings = load_settings()
    reg = registry_for(settings)
    with tempfile.TemporaryDirectory() as tmp:
        ctx = SuiteContext(settings=settings, tmp=Path(tmp))
        for name, path in SETS.items():
            table: Counter[tuple[str, str]] = Counter()
            for line in path.read_text(encoding="utf-8").splitlines():
                it = json.loads(line) if line.strip() else None
                if it is None or it["part"] != "dev":
                    continue
                gold = {e["type"] for e in it["events"]}
                for an in ctx.analyse_text(it["text"], key=it["id"], published=it.get("published")):
                    minted = {a.id: a for a in an.actors}
                    for ev in an.events:
                        kind = "true" if ev.type in gold else ("gold_empty" if not gold else "other")
                        ids = [*ev.actors, *ev.recipients, *ev.actor_agents, *ev.recipient_agents]
                        actors = [reg.actor(i) or minted.get(i) for i in ids]
                        if not ids:
                            cls = "none"
                        elif any(a is not None and (a.type == "GOV" or a.sector or
                                                    (a.type == "PERSON" and not a.provisional)) for a in actors):
                            cls = "political"
                        else:
                            cls = "unregistered"
                        table[(kind, cls)] += 1
                        if args.list == kind:
                            print(f"{name} {it['id']} {ev.type} {cls} {an.page_text[ev.start:ev.end][:80]!r}")
            print(f"\n{name} (dev) | none | unregistered | political")
            print("---|---|---|---")
            for kind in ("true", "gold_empty", "other"):
                print(f"{kind} | " + " | ".join(str(table[(kind, c)]) for c in ("none", "unregistered", "political")))


if __name__ == "__main__":
    main()
