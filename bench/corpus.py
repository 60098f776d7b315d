"""Distinct benchmark texts made from real news: no paragraph is used twice in a first-pass corpus.

Paragraphs come from the 229 Wikinews articles of GeoVirus (CC BY 2.5, ../shared/dev/geo) and
the main text of the 106 real web pages of the extraction dev set (trafilatura, as presslens reads
them). Each bench page is a title line and a few paragraphs, written as a plain-text dump; every
paragraph is used once, so a first pass really is a first pass (memo tables stay cold). The
memory run needs more articles than there are paragraphs: its pages recombine paragraphs (each
page distinct, sentences repeated), which is fine for memory, not for speed. Recombined pages share
their repeated paragraphs word for word, so their copied passages grow with the square of the run;
``linear`` tells each use of a paragraph as its own story and adds wire copy to a fixed share of
pages, so copies grow with the run, as in an archive. Only English
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


def _scramble(word: str, key: str) -> str:
    """``word`` with each letter and digit after its first (a 2-letter word: both) moved in its
    alphabet by its own amount drawn from (key, word): two keys give one word of 3 letters the same
    form with a chance of 1 in 625 (one amount for the whole word, as ``renamed`` shifts, collides
    in 1 of 25: enough chance copies to be seen)."""
    import hashlib

    amounts = hashlib.blake2b(f"{key}|{word}".encode(), digest_size=32).digest()

    def one(j: int, c: str) -> str:
        for first, size in (("a", 26), ("A", 26), ("0", 10)):
            if first <= c < chr(ord(first) + size):
                return chr((ord(c) - ord(first) + 1 + amounts[j % 32] % (size - 1)) % size + ord(first))
        return c

    keep = 0 if len(word) == 2 else 1  # a 2-letter word moves both letters (1 of 25 would collide)
    return word[:keep] + "".join(one(j, c) for j, c in enumerate(word[keep:]))


_TOKENS = re.compile(r"\w+")  # the words copies.passages compares
_SHIFTABLE = re.compile(r".[a-zA-Z0-9]")  # two characters or more: something to move after the first


def fresh(par: str, key: str) -> str:
    """``par`` told as a story of its own, keyed by ``key``: the names inside sentences are changed
    as ``renamed`` changes them, and after every 2 or 3 words (drawn from ``key``) the next word of
    two characters or more has its letters and digits after the first moved (``_scramble``), so two
    uses of one real paragraph under two keys share no run of 4 equal words but by chance
    (``copies.passages`` joins runs of 4+): they are not copies of each other, as two real reports
    are not. One key, one text: a wire passage is the same paragraph under its story's key in every
    outlet that carries it."""
    import zlib

    par = _CAP.sub(lambda m: _scramble(m.group(), key + ":name"), par)
    rnd = random.Random(zlib.crc32(key.encode()))
    since, after = 0, rnd.choice((2, 3))

    def change(m: re.Match[str]) -> str:
        nonlocal since, after
        w = m.group()
        if since >= after and _SHIFTABLE.match(w):
            since, after = 0, rnd.choice((2, 3))
            return _scramble(w, key)
        since += 1
        return w

    return _TOKENS.sub(change, par)


# Share of pages that carry a passage of a wire story, and the outlets carrying each story. Studies
# of agency copy in online news find it behind a large share of articles (Boumans et al. 2018,
# International Journal of Communication 12: agency content behind up to 75% of Dutch online news;
# Nicholls 2019, IJoC 13, lower levels of verbatim reuse in UK online news); 0.3 is a chosen value
# inside that range, not a measurement. What matters for scaling is that it is a fixed share.
WIRE_SHARE = 0.3
WIRE_OUTLETS = 3


def linear(paras: list[str], n: int, per_page: int = 3, seed: int = 11, wire_share: float = WIRE_SHARE,
           outlets: int = WIRE_OUTLETS) -> Iterator[str]:
    """``n`` pages whose copied passages grow **linearly** with ``n`` (bench/memory.py ``--mode
    linear``): each page's paragraphs are drawn as in ``recombined`` and each told as a story of its
    own (``fresh``, keyed by the page), so a real paragraph drawn by two pages is no copy; and a fixed
    share ``wire_share`` of the pages, in consecutive groups of ``outlets`` (one wire story, each page
    a different outlet), also carry one wire paragraph under the story's key, word for word. Copied
    passages: about ``wire_share * n * (outlets - 1) / 2`` pairs at any ``n`` (``recombined``'s grow
    with ``n`` squared: each real paragraph comes back ``per_page * n / len(paras)`` times)."""
    rnd = random.Random(seed)
    wire_pages = int(n * wire_share) // outlets * outlets
    every = n / wire_pages if wire_pages else 0.0  # wire groups spread over the run
    groups = {int(g * outlets * every): g for g in range(wire_pages // outlets)}
    story, left = -1, 0
    wire = ""
    for i in range(n):
        chunk = [fresh(p, f"page{i}:{j}") for j, p in enumerate(rnd.sample(paras, per_page))]
        if i in groups:
            story, left = groups[i], outlets
            wire = fresh(rnd.choice(paras), f"wire{story}")
        if left:
            chunk.insert(1, wire)
            left -= 1
        yield f"Report {i}: " + _title(chunk[0]) + "\n\n" + "\n\n".join(chunk) + "\n"


# A dated run (``dated``, bench/memory.py ``--dated``): news pages carry a publication date and an
# outlet, which the generated dumps lack, so every undated report of a run fell in one merge block.
# A few articles a day from each of a few dozen outlets is the scale of a regional news archive; the
# values are chosen, not measured: what matters for scaling is that a day holds a fixed number.
DATED_OUTLETS = 20
DATED_PER_DAY = 3  # articles a day from each outlet
DATED_START = "2024-01-01"


def dated(n: int, outlets: int = DATED_OUTLETS, per_day: int = DATED_PER_DAY,
          start: str = DATED_START) -> Iterator[dict[str, str]]:
    """Sidecar metadata (``ingest/text.py``) of ``n`` pages: page ``i`` is outlet ``i % outlets``'s,
    published on day ``i // (outlets * per_day)`` after ``start``, so a day holds ``outlets * per_day``
    pages at any ``n`` (10k pages span 167 days). ``linear``'s wire groups are consecutive pages: one
    story carried by different outlets on one day, as wire copy is."""
    from datetime import date, timedelta

    day0 = date.fromisoformat(start)
    for i in range(n):
        yield {"source": f"outlet{i % outlets:02d}",
               "published": (day0 + timedelta(days=i // (outlets * per_day))).isoformat()}


def write(folder: Path, texts: Iterator[str], metas: Iterator[dict[str, str]] | None = None) -> int:
    """The texts as ``000001.txt``... in ``folder``; with ``metas``, each with its sidecar."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for n, text in enumerate(texts, start=1):
        (folder / f"{n:06d}.txt").write_text(text, encoding="utf-8")
        if metas is not None:
            (folder / f"{n:06d}.txt.meta.json").write_text(json.dumps(next(metas)), encoding="utf-8")
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
