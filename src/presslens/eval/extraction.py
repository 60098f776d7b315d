"""Suite ``extraction``: does the article body keep the page's text and drop its furniture?

Data: ``eval/dev/extraction/`` -- real web pages from trafilatura's test suite with, per page,
snippets a good extractor must keep (``with``) and must drop (``without``); see its README.
Each page is read by the HTML reader and segmented exactly as ``presslens ingest`` would (no
URL given: a user ingesting files has none). A ``with`` snippet counts as kept when it occurs in
the page's body text (every article's body parts, whitespace folded); a ``without`` snippet
counts as dropped when it does not. Rows:

- ``extraction.dev`` / ``extraction.frozen`` (and ``extraction.all``, the 106 pages the issue's
  goal is set on): ``with_kept`` and ``without_dropped`` on the body,
  ``all_with_kept`` / ``all_without_dropped`` on body + every other part (title, captions,
  related links, ...: what the store keeps at all). The baseline is bare ``trafilatura.extract``
  with its defaults on the same pages.

The frozen third is fixed by a rule decided before any tuning (``FROZEN.md``): pages sorted by
the sha256 of their file name, positions 0, 3, 6, ... frozen. The list's checksum is pinned
below, and a test checks it, so the split cannot drift.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..registry import suites
from . import Rows, SuiteContext, data_path

# sha256 of the frozen file names, sorted, joined by "\n" (see FROZEN.md).
FROZEN_SHA256 = "5893354518a6534e7290434d4eb437991ca3f49084f9337a540861be0b4f9c26"


def fold_ws(text: str) -> str:
    return " ".join(text.split())


@dataclass(slots=True)
class Expectation:
    file: str
    url: str
    with_: list[str]
    without: list[str]


def load_expectations(root: Path) -> list[Expectation]:
    raw: dict[str, Any] = json.loads((root / "expected.json").read_text(encoding="utf-8"))
    out = [Expectation(v["file"], url, list(v.get("with", [])), list(v.get("without", [])))
           for url, v in raw.items()]
    return sorted(out, key=lambda e: e.file)


def frozen_files(files: Iterable[str]) -> list[str]:
    """The freezing rule: sort by sha256(file name), every third from the first is frozen."""
    ordered = sorted(files, key=lambda f: hashlib.sha256(f.encode("utf-8")).hexdigest())
    return sorted(ordered[0::3])


def frozen_checksum(frozen: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(sorted(frozen)).encode("utf-8")).hexdigest()


def score(texts: dict[str, str], exps: Iterable[Expectation]) -> dict[str, float | int]:
    """Share of ``with`` snippets found and ``without`` snippets absent over all pages."""
    kept = n_with = dropped = n_without = 0
    for e in exps:
        t = fold_ws(texts.get(e.file, ""))
        for s in e.with_:
            n_with += 1
            kept += fold_ws(s) in t
        for s in e.without:
            n_without += 1
            dropped += fold_ws(s) not in t
    return {
        "with_kept": round(kept / n_with, 4) if n_with else 0.0,
        "without_dropped": round(dropped / n_without, 4) if n_without else 0.0,
        "with_n": n_with,
        "without_n": n_without,
    }


def presslens_texts(ctx_settings: Any, root: Path, files: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(body text, body + all parts text) per file, read and segmented as ``ingest`` does."""
    from .. import registry
    from ..ingest.base import ReadFailure
    from ..ingest.html import read_html

    registry.load_builtins()
    segment = registry.segmenters.get(ctx_settings["pipeline"]["segmenter"])(ctx_settings)
    body: dict[str, str] = {}
    whole: dict[str, str] = {}
    for f in files:
        try:
            pages = list(read_html(root / "pages" / f, ctx_settings))
        except ReadFailure:
            body[f] = whole[f] = ""
            continue
        b: list[str] = []
        w: list[str] = []
        for page in pages:
            for art in segment(page):
                b.extend(p.text for p in art.body_parts())
                w.extend(p.text for p in art.parts)
        body[f], whole[f] = "\n".join(b), "\n".join(w)
    return body, whole


def trafilatura_texts(root: Path, files: Iterable[str]) -> dict[str, str]:
    import trafilatura

    return {f: trafilatura.extract((root / "pages" / f).read_bytes()) or "" for f in files}


@suites.register("extraction")
def extraction(ctx: SuiteContext) -> Rows:
    root = data_path("eval/dev/extraction")
    exps = load_expectations(root)
    files = [e.file for e in exps]
    frozen = set(frozen_files(files))
    if frozen_checksum(frozen) != FROZEN_SHA256:
        raise RuntimeError("extraction: the frozen split no longer matches FROZEN.md")
    body, whole = presslens_texts(ctx.settings, root, files)
    base = trafilatura_texts(root, files)
    rows: Rows = {}
    for part in ("dev", "frozen", "all"):
        sel = [e for e in exps if part == "all" or (e.file in frozen) == (part == "frozen")]
        b, w, t = score(body, sel), score(whole, sel), score(base, sel)
        rows[f"extraction.{part}"] = {
            "with_kept": b["with_kept"],
            "without_dropped": b["without_dropped"],
            "all_with_kept": w["with_kept"],
            "all_without_dropped": w["without_dropped"],
            "pages_n": len(sel),
            "with_n": b["with_n"],
            "without_n": b["without_n"],
            "baseline": {"with_kept": t["with_kept"], "without_dropped": t["without_dropped"]},
        }
    return rows
