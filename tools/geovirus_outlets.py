"""Write the GeoVirus Wikinews articles that no across batch uses as pages of their own outlets.

The "GeoVirus-as-outlets" check of docs/across.md: each article is its own outlet (source GV001...),
all of one publication day, so every cross-outlet conflicting_numbers finding on the store is false
by construction, and every within-page one can be read by hand (these articles are in no gold set).
Usage: python tools/geovirus_outlets.py OUTDIR [path/to/GeoVirus.xml]
then: presslens ingest OUTDIR --db STORE.duckdb
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent
ACROSS = ROOT / "eval" / "dev" / "across"


def used_urls() -> set[str]:
    """Wikinews URLs (decoded) named anywhere in the across set: its pages, sidecars and importers."""
    seen: set[str] = set()
    for p in ACROSS.rglob("*"):
        if p.is_file() and p.suffix in {".json", ".py", ".txt", ".md", ".jsonl", ".yaml"}:
            seen.update(unquote(u) for u in re.findall(r"wikinews\.org/wiki/([^\"'\s)\]]+)", p.read_text("utf-8")))
            if p.name.startswith("import_wikinews"):
                # importers name articles by URL suffix only
                seen.update(re.findall(r'"([A-Z][^"\s]*_[^"\s]*)"', p.read_text("utf-8")))
    return seen


def main(out: Path, xml: Path) -> int:
    used = used_urls()
    out.mkdir(parents=True, exist_ok=True)
    texts: dict[str, list[str]] = {}
    for art in ET.parse(xml).getroot().iter("article"):
        url = art.findtext("source") or ""
        if unquote(url.rsplit("/wiki/", 1)[-1]) not in used:
            texts.setdefault(url, []).append(art.findtext("text") or "")  # GeoVirus holds some twice
    for n, (url, parts) in enumerate(texts.items(), 1):
        title = unquote(url.rsplit("/wiki/", 1)[-1]).replace("_", " ")
        body = "\n\n".join(parts)
        (out / f"g{n:03d}.txt").write_text(f"{title}\n\nWikinews\n\n{body}\n", "utf-8")
        meta = {"source": f"GV{n:03d}", "url": url, "published": "2010-01-15"}
        (out / f"g{n:03d}.txt.meta.json").write_text(json.dumps(meta), "utf-8")
    n = len(texts)
    print(f"{n} articles written to {out}")
    return 0


if __name__ == "__main__":
    xml = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT.parent / "shared" / "dev" / "geo" / "GeoVirus.xml"
    sys.exit(main(Path(sys.argv[1]), xml))
