"""Distinct benchmark texts made from real news: no paragraph is used twice in a first-pass corpus.

Paragraphs come from the 229 Wikinews articles of GeoVirus (CC BY 2.5, ../shared/dev/geo) and
the main text of the 106 real web pages of the extraction dev set (trafilatura, as presslens reads
them). Each bench page is a title line and a few paragraphs, written as a plain-text dump; every
paragraph is used once, so a first pass really is a first pass (memo tables stay cold). The
memory run needs more articles than there are paragraphs: its pages recombine paragraphs (each
page distinct, sentences repeated), which is fine for memory, not for speed. Only English
paragraphs are kept (the languages the layers analyse).
"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GEO = SHARED / "dev" / "geo" / "GeoVirus.xml"
HTML_PAGES = ROOT / "eval" / "dev" / "extraction" / "pages"
SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")


def html_pages() -> list[Path]:
    return sorted(p for p in HTML_PAGES.glob("*") if p.suffix.lower() in (".html", ".htm"))


def paragraphs() -> list[str]:
    """Every distinct real paragraph (>= 120 characters), GeoVirus texts cut every 3 sentences."""
    import trafilatura

    out: list[str] = []
    if GEO.exists():
        for text in ET.parse(GEO).getroot().iter("text"):
            sents = SENT.split(" ".join((text.text or "").split()))
            out += [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)]
    for page in html_pages():
        body = trafilatura.extract(page.read_text(encoding="utf-8", errors="replace"), favor_precision=True) or ""
        out += [" ".join(p.split()) for p in body.split("\n")]
    from presslens.layers.language import detect

    seen: set[str] = set()
    keep = []
    for p in out:
        # English only: the layers skip other languages, so a non-English page would be parsed by
        # the spaCy baseline and not by presslens, flattering presslens.
        if len(p) >= 120 and p not in seen and detect(p)[0] == "en":
            seen.add(p)
            keep.append(p)
    return keep


def _title(par: str) -> str:
    words = par.split()[:9]
    return " ".join(words).rstrip(",.;:") or "Untitled"


def pages(paras: list[str], per_page: int = 4) -> Iterator[str]:
    """One page per ``per_page`` paragraphs, each paragraph once (the distinct corpus)."""
    for i in range(0, len(paras) - per_page + 1, per_page):
        chunk = paras[i:i + per_page]
        yield _title(chunk[0]) + "\n\n" + "\n\n".join(chunk) + "\n"


def spread_pages(paras: list[str], n: int) -> Iterator[str]:
    """Exactly ``n`` distinct pages using every paragraph once, as evenly as the count allows
    (``n`` = 800 over ~1,500 paragraphs: pages of one or two paragraphs; bench/workers.py)."""
    n = max(1, min(n, len(paras)))
    for i in range(n):
        chunk = paras[i * len(paras) // n:(i + 1) * len(paras) // n]
        yield _title(chunk[0]) + "\n\n" + "\n\n".join(chunk) + "\n"


def recombined(paras: list[str], n: int, per_page: int = 4, seed: int = 11) -> Iterator[str]:
    """``n`` distinct pages drawn from the paragraphs with reuse (for the memory run)."""
    rnd = random.Random(seed)
    for i in range(n):
        chunk = rnd.sample(paras, per_page)
        yield f"Report {i}: " + _title(chunk[0]) + "\n\n" + "\n\n".join(chunk) + "\n"


_CAP = re.compile(r"(?<=[a-z,;:] )[A-Z][a-z]{3,}")


def renamed(paras: list[str], n: int, per_page: int = 3, seed: int = 11) -> Iterator[str]:
    """``n`` pages as ``recombined``, with new names on every page: each capitalised word inside a
    sentence (a name, mostly) has its letters after the first shifted by an amount drawn from (page,
    word), so the vocabulary grows page after page as a news archive's names do (bench/memory.py)."""
    import zlib

    def shift(word: str, k: int) -> str:
        return word[0] + "".join(chr((ord(c) - 97 + k) % 26 + 97) if "a" <= c <= "z" else c for c in word[1:])

    for i, page in enumerate(recombined(paras, n, per_page, seed)):
        yield _CAP.sub(lambda m, i=i: shift(m.group(), 1 + zlib.crc32(f"{i}:{m.group()}".encode()) % 25), page)


def write(folder: Path, texts: Iterator[str]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for n, text in enumerate(texts, start=1):
        (folder / f"{n:06d}.txt").write_text(text, encoding="utf-8")
    return n


def run_child(script: str, *args: object) -> dict[str, Any]:
    """Run ``script --child ARGS`` in a fresh interpreter (so each side pays its own start-up and
    imports) and return the JSON object its last output line holds."""
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, script, "--child", *map(str, args)], capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"{args}: {out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def cap_store_memory(limit: str = "2GB") -> None:
    """Set DuckDB's memory_limit on every connection the store opens. The ingest closes the store
    between batches and each reopening starts a new DuckDB instance with the default limit (80% of
    RAM), so the cap is set on every connection, not once."""
    import presslens.store as store_mod

    opened = store_mod.connect

    def capped(*a: Any, **k: Any) -> Any:
        con = opened(*a, **k)
        con.execute(f"SET memory_limit='{limit}'")
        return con

    store_mod.connect = capped  # type: ignore[assignment]
