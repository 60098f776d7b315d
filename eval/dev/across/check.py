"""Check the across set's gold against its texts (run: python3 eval/dev/across/check.py).

- every page has a sidecar with source, url and published, and the outlets of a story differ (three
  report its events, two in batch 4);
- every report anchor and figure text occurs exactly once in its page; figures' low <= high;
  every event a report or figure names is described under ``events``;
- every copy's text occurs in each page it names (an edited copy gives each page's own words); and every run of at least MIN_WORDS words
  shared by two pages of different sources of one story is inside a gold copy (so the copy gold
  is complete), found here by plain string comparison of the two texts;
- the frozen stories and their pages are unchanged (sha256 in FROZEN.md).
Prints the conflict units the gold implies (see README.md). Exits 1 on any problem.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from itertools import combinations
from pathlib import Path

HERE = Path(__file__).parent
MIN_WORDS = 8
WORD = re.compile(r"\w+(?:[',.]\w+)*")


TITLE_FIGURE = re.compile(r"(?i)\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                          r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|dozens?|"
                          r"hundreds|thousands|millions)\b")


def fold(s: str) -> str:
    return s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def shared_runs(a: str, b: str, n: int) -> list[str]:
    """Maximal runs of >= n words (word tokens, punctuation ignored) that occur in both texts."""
    # A run stops at a blank line: a title, the site line and the body are not one passage.
    wa = [(m.group(), m.start(), m.end()) for m in WORD.finditer(fold(a))]
    mb = list(WORD.finditer(fold(b)))
    wb = [m.group() for m in mb]
    brk_a = {i for i in range(1, len(wa)) if "\n\n" in a[wa[i - 1][2]:wa[i][1]]}
    brk_b = {j for j in range(1, len(mb)) if "\n\n" in b[mb[j - 1].end():mb[j].start()]}
    where: dict[str, list[int]] = {}
    for j, w in enumerate(wb):
        where.setdefault(w, []).append(j)
    out = []
    for i, (w, _, _) in enumerate(wa):
        for j in where.get(w, []):
            if i and j and wa[i - 1][0] == wb[j - 1] and i not in brk_a and j not in brk_b:
                continue  # not the start of a maximal run
            k = 0
            while i + k < len(wa) and j + k < len(wb) and wa[i + k][0] == wb[j + k]:
                k += 1
                if i + k in brk_a or j + k in brk_b:
                    break
            if k >= n:
                out.append(a[wa[i][1]:wa[i + k - 1][2]])
    return out


def find_all(text: str, s: str) -> list[int]:
    """Start offsets of ``s`` in ``text`` as a whole phrase (not inside a longer word or number)."""
    rx = re.compile(r"(?<![\w,.])" + re.escape(fold(s)) + r"(?![\w])")
    return [m.start() for m in rx.finditer(fold(text))]


def frozen_hashes() -> dict[str, str]:
    f = HERE / "FROZEN.md"
    if not f.exists():
        return {}
    return dict(re.findall(r"^\| (\S+) \| ([0-9a-f]{64}) \|", f.read_text(encoding="utf-8"), re.M))


def main() -> int:
    problems: list[str] = []
    units = 0
    sha = frozen_hashes()
    for gf in sorted((HERE / "gold").glob("*.json")):
        g = json.loads(gf.read_text(encoding="utf-8"))
        story = g["story"]
        folder = HERE / "pages" / story
        texts = {p.name: fold(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))}
        metas = {n: json.loads((folder / f"{n}.meta.json").read_text(encoding="utf-8")) for n in texts}
        for n, m in metas.items():
            for k in ("source", "url", "published", "licence", "provenance"):
                if not m.get(k):
                    problems.append(f"{story}/{n}: sidecar lacks {k}")
        if len({m["source"] for m in metas.values()}) != len(metas):
            problems.append(f"{story}: two pages of one outlet")
        # Batch 4 (s15-s18, real Wikinews articles only, README.md) needs two outlets, earlier batches three.
        need = 2 if int(story[1:3]) >= 15 else 3
        if int(story[1:3]) >= 24:
            # Batch 6 (SELECTION6.md): three outlets tell the story; the scientific bodies among them report
            # the disaster itself, not a PLOVER act, so outlets are counted whether or not they have a report.
            if len({m["source"] for m in metas.values()}) < 3:
                problems.append(f"{story}: fewer than 3 outlets tell it")
        elif len({m["source"] for d, m in metas.items() if any(r[0] == d for r in g["reports"])}) < need:
            problems.append(f"{story}: fewer than {need} outlets report it")
        events = g["events"]

        def once(doc: str, s: str, what: str, occurrence: int | None = None) -> None:
            n = len(find_all(texts.get(doc, ""), s))
            if occurrence is None and n != 1 or occurrence is not None and n < occurrence:
                problems.append(f"{story}/{doc}: {what} {s!r} occurs {n} times")

        for doc, ev, _typ, anchor in g["reports"]:
            once(doc, anchor, "anchor")
            if ev not in events:
                problems.append(f"{story}: report event {ev} not described")
        figs = {}
        for fid, doc, ev, qty, text, lo, hi, *occ in g["figures"]:
            once(doc, text, "figure", occ[0] if occ else None)
            figs[fid] = (doc, ev, qty, lo, hi)
            if ev not in events:
                problems.append(f"{story}: figure event {ev} not described")
            if lo is not None and hi is not None and lo > hi:
                problems.append(f"{story}: figure {fid} low > high")
        # Every figure of a title line is gold (FROZEN.md, amendment of session 15).
        for doc, t in texts.items():
            title = t.split("\n", 1)[0]
            for m in TITLE_FIGURE.finditer(title):
                if not any(f[1] == doc and m.start() >= title.find(fold(f[4])) >= 0
                           and m.end() <= title.find(fold(f[4])) + len(f[4]) for f in g["figures"]):
                    problems.append(f"{story}/{doc}: title figure {m.group()!r} not in the gold figures")
        seen = set()
        for a, b in combinations(figs.values(), 2):
            if a[0] != b[0] and a[1:3] == b[1:3] and disjoint(a[3:], b[3:]):
                seen.add((a[1], a[2], frozenset([tuple(a[3:]), tuple(b[3:])])))
        units += len(seen)
        print(f"{story}: {len(g['reports'])} reports of {len({r[1] for r in g['reports']})} events, "
              f"{len(figs)} figures, {len(seen)} conflict units, {len(g['copies'])} copies")
        gold_copies = []
        for c in g["copies"]:
            spans = c["spans"] if "spans" in c else [{"doc": d, "text": c["text"]} for d in c["docs"]]
            for sp in spans:
                if fold(sp["text"]) not in texts.get(sp["doc"], ""):
                    problems.append(f"{story}/{sp['doc']}: copy not found: {sp['text'][:50]!r}")
            if len(spans) < 2 or len({metas[sp["doc"]]["source"] for sp in spans}) < 2:
                problems.append(f"{story}: a copy needs pages of two outlets")
            gold_copies.append(({sp["doc"] for sp in spans}, {sp["doc"]: fold(sp["text"]) for sp in spans}))
        for da, db in combinations(texts, 2):
            if metas[da]["source"] == metas[db]["source"]:
                continue
            for run in shared_runs(texts[da], texts[db], MIN_WORDS):
                words = run.split()
                # Up to two words at either end may spill over a sentence boundary ("... FBI. The").
                cores = {" ".join(words[i:len(words) - j]) for i in range(3) for j in range(3)}
                if not any({da, db} <= docs and any(c in t[d] for c in cores for d in (da, db))
                           for docs, t in gold_copies):
                    problems.append(f"{story}: {da}/{db} share {run!r} (not in gold copies)")
        for p in [gf, *sorted(folder.iterdir())]:
            rel = p.relative_to(HERE).as_posix()
            if rel in sha and hashlib.sha256(p.read_bytes()).hexdigest() != sha[rel]:
                problems.append(f"{rel}: changed after freezing")
    print(f"total conflict units: {units}")
    for p in problems:
        print("PROBLEM", p)
    return 1 if problems else 0


def disjoint(a: tuple, b: tuple) -> bool:
    (alo, ahi), (blo, bhi) = a, b
    alo, blo = alo if alo is not None else float("-inf"), blo if blo is not None else float("-inf")
    ahi, bhi = ahi if ahi is not None else float("inf"), bhi if bhi is not None else float("inf")
    return ahi < blo or bhi < alo


if __name__ == "__main__":
    sys.exit(main())
