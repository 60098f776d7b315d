#!/usr/bin/env python3
"""Which trigger groups lose precision from participant-less readings? (counts only, DEV part)

Runs every DEV sentence of ``eval/dev/events/sentences.jsonl`` (the earlier sentences and any
untuned batch) through the pipeline with ``participants.RECORD`` on, and counts each judged
candidate (a lexicon reading no named rule touched) by trigger group and by type: with / without an
actor-like participant (``layers/events/participants.py``), true (its type is a gold type of the
sentence) or spurious. A group whose participant-less candidates are mostly spurious, while its
candidates with a participant are mostly true, is one the PETRARCH2 condition would help.

Frozen sentences are never run here (FROZEN.md): their effect is measured only as the suite's
aggregate.

Usage::

    python tools/participant_table.py [--min 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SENTENCES = ROOT / "eval/dev/events/sentences.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min", type=int, default=3, help="only groups with at least this many candidates")
    ap.add_argument("--json", help="write the counts here")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from presslens.eval import SuiteContext
    from presslens.layers.events import participants
    from presslens.settings import load_settings

    items = [json.loads(x) for x in SENTENCES.read_text(encoding="utf-8").splitlines() if x.strip()]
    items = [it for it in items if it["part"] == "dev"]
    by_group: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # with: true, spurious; without: true, spurious
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    with tempfile.TemporaryDirectory() as tmp:
        ctx = SuiteContext(settings=load_settings(), tmp=Path(tmp))
        for it in items:
            participants.RECORD = []
            ctx.analyse_text(it["text"], key=it["id"], published=it.get("published"))
            gold = {e["type"] for e in it["events"]}
            seen: set[tuple[str, str, bool]] = set()
            for group, etype, found, _off in participants.RECORD:
                key = (group, etype, found)
                if key in seen:  # one count per (sentence, group, type, participant)
                    continue
                seen.add(key)
                col = (0 if found else 2) + (0 if etype in gold else 1)
                by_group[f"{etype} {group}"][col] += 1
                by_type[etype][col] += 1
    participants.RECORD = None

    def show(title: str, table: dict[str, list[int]]) -> None:
        print(f"\n{title}: with participant true/spurious | without participant true/spurious")
        for k, (wt, ws, nt, ns) in sorted(table.items(), key=lambda kv: -(kv[1][3])):
            if sum(table[k]) >= args.min:
                print(f"  {k:45s} {wt:4d} {ws:4d} | {nt:4d} {ns:4d}")

    show("by type", by_type)
    show("by trigger group", by_group)
    if args.json:
        Path(args.json).write_text(json.dumps({"by_type": by_type, "by_group": by_group}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
