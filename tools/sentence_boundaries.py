#!/usr/bin/env python3
"""How often a pipeline sentence holds a ``full_stop_start`` boundary (". Capitalised" that no
abbreviation explains) inside it: sentences the parser ran together.

Runs the ``nlp`` stage as ingest does (segmenter, masking, the configured model) over the across
dev pages, the GeoVirus articles, the events sentence and snippet items and the seed pages, and
prints per set and part the sentences, the ``full_stop_start`` boundaries
(``presslens.text.full_stops``), the sentences holding one inside ("merged") and, for dev parts
only (``--show N``), examples. Frozen parts are counted, never shown.

    PYTHONPATH=src python tools/sentence_boundaries.py [--show 5] > counts.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pages() -> Iterator[tuple[str, str, str, str]]:
    """(set, part, key, text) for every measured text."""
    from presslens.eval.across_dev import parts_of
    from presslens.eval.places_geovirus import GEOVIRUS, frozen_ids, load_gold

    across = ROOT / "eval/dev/across"
    parts = parts_of(across)
    for f in sorted((across / "pages").glob("*/*.txt")):
        yield "across", parts.get(f.parent.name, "dev"), str(f), f.read_text(encoding="utf-8")
    geo = next(ROOT / p for p in GEOVIRUS if (ROOT / p).is_file())
    docs = load_gold(geo)
    frozen = frozen_ids(docs)
    for i, d in enumerate(docs):
        yield "geovirus", "frozen" if i in frozen else "dev", f"geo{i}", d["text"]
    for name, path in (("events_sentences", "eval/dev/events/sentences.jsonl"),
                       ("events_snippets", "eval/dev/events_snippets/snippets.jsonl")):
        for line in (ROOT / path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                yield name, item.get("part", "dev"), item["id"], item["text"]
    for f in sorted((ROOT.parent / "shared/seeds").glob("*.txt")):
        yield "seeds", "dev", str(f), f.read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="examples per dev set")
    args = ap.parse_args(argv)
    from presslens.pipeline import Pipeline
    from presslens.records import Analysis, Page
    from presslens.settings import load_settings
    from presslens.text.full_stops import full_stop_starts

    settings = load_settings()
    pipe = Pipeline(settings, stages=["nlp"])
    counts: dict[tuple[str, str], list[int]] = {}
    shown: dict[str, int] = {}
    items = list(pages())
    stage = pipe.stages[0]
    for k in range(0, len(items), 16):
        chunk = items[k:k + 16]
        # The nlp stage alone (not run_stages, which drops the Docs): a page's articles, parsed.
        per_page = [[Analysis(article=a, page_text=text) for a in pipe.segment(Page(key=key, text=text))]
                    for _, _, key, text in chunk]
        list(stage.batch([a for page in per_page for a in page]))
        for (name, part, key, _), page in zip(chunk, per_page, strict=True):
            c = counts.setdefault((name, part), [0, 0, 0])
            for a in page:
                if a.doc is None:
                    continue
                starts = full_stop_starts(a.doc)
                c[2] += len(starts)
                for sent in a.doc.sents:
                    if not sent.text.strip():
                        continue
                    c[0] += 1
                    inside = [i for i in starts if sent.start < i < sent.end]
                    if inside:
                        c[1] += 1
                        if part == "dev" and shown.get(name, 0) < args.show:
                            shown[name] = shown.get(name, 0) + 1
                            i = inside[0]
                            print(f"  [{name}] {key}: ...{a.doc[max(sent.start, i - 12):i].text} || "
                                  f"{a.doc[i:min(sent.end, i + 10)].text}...", file=sys.stderr)
                a.doc = None
    print(json.dumps({f"{n}.{p}": {"sentences": s, "full_stop_starts": b, "merged": m,
                                   "rate": round(m / s, 4) if s else None}
                      for (n, p), (s, m, b) in sorted(counts.items())}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
