"""Build snippets.jsonl from src/*.gold and check it (standard library only).

Run: ``python eval/dev/events_snippets/build.py`` (``--check``: only verify that snippets.jsonl is current). The source format and the freezing rule are the
events development set's (``eval/dev/events/build.py`` and ``FROZEN.md``): this script reuses its
parser and ``plover.part_of``, so a snippet's part is decided by its source group alone. It fails on
a trigger, actor or recipient that is not a verbatim substring of its snippet, an unknown PLOVER type,
mode or status, or a duplicate id.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "events"))

from build import parse  # noqa: E402
from plover import MODES, STATUSES, group_of, part_of  # noqa: E402


def check(items: list[dict]) -> list[str]:
    errors = []
    seen: set[str] = set()
    for it in items:
        if it["id"] in seen:
            errors.append(f"{it['id']}: duplicate id")
        seen.add(it["id"])
        if it["part"] != batch_part(it["id"], it["batch"]):
            errors.append(f"{it['id']}: part is not FROZEN.md's rule")
        for ev in it["events"]:
            if ev["type"] not in MODES:
                errors.append(f"{it['id']}: unknown type {ev['type']}")
            elif ev["mode"] and ev["mode"] not in MODES[ev["type"]]:
                errors.append(f"{it['id']}: unknown mode {ev['type']}/{ev['mode']}")
            if ev["status"] not in STATUSES:
                errors.append(f"{it['id']}: unknown status {ev['status']}")
            for name in [ev["trigger"], *ev["actors"], *ev["recipients"]]:
                if name not in it["text"]:
                    errors.append(f"{it['id']}: {name!r} is not in the text")
    return errors


# Files added after the first freeze, each reported as its own batch too (README.md, FROZEN.md);
# items from any other file are batch "s13" (the first 150 snippets).
BATCHES = {"40_protest_coerce.gold": "s14", "50_s18_untuned.gold": "s18", "60_s19_untuned.gold": "s19",
           "70_s21_untuned.gold": "s21", "80_s22_untuned.gold": "s22",
           "90_s24_untuned.gold": "s24", "91_s25_untuned.gold": "s25"}
# A later batch's own freezing salt (FROZEN.md): its groups are frozen when
# sha256(salt + group) mod 3 == 0. The salt is the first "s14-<k>:" that froze 30-40% of the
# batch's snippets, fixed with the gold and before presslens was run on it; the unsalted rule
# froze 2 of 60 (1 page of 13). Batch s18 the same way: "s18-2:" (s18-0: froze 48%, s18-1: 29%);
# batch s19: "s19-0:" (39%).
SALTS = {"s14": "s14-4:", "s18": "s18-2:", "s19": "s19-0:", "s22": "s22-1:", "s24": "s24-2:",
         "s25": "s25-7:"}
# Batch s22 freezes half, not a third (FROZEN.md): sha256(salt + group) mod 2 == 0, the salt the first
# "s22-<k>:" that froze 45-55% of its snippets ("s22-0:" froze 14%).
# Batch s24 the same way (SELECTION_s24.md): "s24-2:" froze 50% (s24-0: 59%, s24-1: 34%); batch s25
# (SELECTION_s25.md): "s25-7:" froze 51% (s25-0: to -6: 41, 34, 59, 37, 70, 64, 43%).
MODULUS = {"s22": 2, "s24": 2, "s25": 2}


# Batches frozen whole (FROZEN.md): written after the session's changes and never tuned on.
WHOLE = {"s21"}


def batch_part(item_id: str, batch: str) -> str:
    if batch in WHOLE:
        return "frozen"
    if batch not in SALTS:
        return part_of(item_id)
    digest = hashlib.sha256((SALTS[batch] + group_of(item_id)).encode("utf-8")).hexdigest()
    return "frozen" if int(digest, 16) % MODULUS.get(batch, 3) == 0 else "dev"


def load() -> list[dict]:
    items = []
    for p in sorted((HERE / "src").glob("*.gold")):
        for it in parse(p):
            it["batch"] = BATCHES.get(p.name, "s13")
            it["part"] = batch_part(it["id"], it["batch"])
            items.append(it)
    return items


def main() -> None:
    items = load()
    errors = check(items)
    if errors:
        raise SystemExit("\n".join(errors))
    text = "".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items)
    if "--check" in sys.argv:  # the committed snippets.jsonl is the rendering of src/ (tests)
        if (HERE / "snippets.jsonl").read_text(encoding="utf-8") != text:
            raise SystemExit("snippets.jsonl is stale: run build.py")
        return
    (HERE / "snippets.jsonl").write_text(text, encoding="utf-8")
    parts = {p: sum(it["part"] == p for it in items) for p in ("dev", "frozen")}
    print(f"{len(items)} snippets ({parts['dev']} dev, {parts['frozen']} frozen), "
          f"{sum(len(it['events']) for it in items)} events")


if __name__ == "__main__":
    main()
