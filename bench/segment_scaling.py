"""Segmentation time against page size: a large text dump (the bundled example pages repeated,
paragraphs varied) segmented at 1/4/8/16 MB, CPU seconds per size and per MB.

Linear means CPU s/MB stays flat as the page grows. Run: .venv/bin/python bench/segment_scaling.py
[--sizes 1 4 8 16] [--profile MB]
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from presslens.records import Page
from presslens.segment import LayoutSegmenter

EXAMPLES = Path(__file__).resolve().parents[1] / "src" / "presslens" / "examples"


def dump(mb: float, seed: int = 7) -> str:
    """A text dump of about ``mb`` MB: example pages one after another, as a crawl dump concatenates
    them, each with its numbers changed so no two posts are identical."""
    rnd = random.Random(seed)
    pages = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    out: list[str] = []
    size = 0
    i = 0
    while size < mb * 1_000_000:
        text = rnd.choice(pages).replace("2019", str(1990 + i % 30)).replace("100,000", f"{rnd.randint(2, 900)},000")
        out.append(text)
        size += len(text.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out)


def run(sizes: list[float]) -> None:
    seg = LayoutSegmenter()
    print(f"{'MB':>6} {'chars':>12} {'articles':>9} {'CPU s':>8} {'CPU s/MB':>9}")
    for mb in sizes:
        text = dump(mb)
        page = Page(key=f"bench://{mb}", text=text)
        t0 = time.process_time()
        arts = seg(page)
        cpu = time.process_time() - t0
        print(f"{mb:>6g} {len(text):>12,} {len(arts):>9} {cpu:>8.2f} {cpu / mb:>9.3f}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 8, 16])
    ap.add_argument("--profile", type=float, help="profile one size (MB) and print the top functions")
    args = ap.parse_args()
    if args.profile:
        import cProfile
        import pstats

        page = Page(key="bench://p", text=dump(args.profile))
        seg = LayoutSegmenter()
        cProfile.runctx("seg(page)", globals(), {"seg": seg, "page": page}, "/tmp/segment.prof")
        pstats.Stats("/tmp/segment.prof").sort_stats("cumulative").print_stats(25)
        return
    run(args.sizes)


if __name__ == "__main__":
    main()
