"""Build snippets.jsonl from src/*.gold and check it (standard library only).

Run: ``python eval/dev/events_snippets/build.py`` (``--check``: only verify that snippets.jsonl is current). The source format and the freezing rule are the
events development set's (``eval/dev/events/build.py`` and ``FROZEN.md``): this script reuses its
parser and ``plover.part_of``, so a snippet's part is decided by its source group alone. It fails on
a trigger, actor or recipient that is not a verbatim substring of its snippet, an unknown PLOVER type,
mode or status, or a duplicate id.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "events"))

from build import parse  # noqa: E402
from plover import MODES, STATUSES, part_of  # noqa: E402


def check(items: list[dict]) -> list[str]:
    errors = []
    seen: set[str] = set()
    for it in items:
        if it["id"] in seen:
            errors.append(f"{it['id']}: duplicate id")
        seen.add(it["id"])
        if it["part"] != part_of(it["id"]):
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


def main() -> None:
    items = [it for p in sorted((HERE / "src").glob("*.gold")) for it in parse(p)]
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
